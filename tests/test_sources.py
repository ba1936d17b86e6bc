"""Readers: every input format of DESIGN.md, format sniffing, text cleaning and duplicates."""

from __future__ import annotations

import gzip
import json

import pytest

from kg.errors import InputError
from kg.resources import sample_corpus
from kg.sources import Paper, ReadReport, RecordWarning, read_file, read_papers, sniff_format
from kg.sources.clean import clean_text, normalize_title
from kg.sources.hf_listing import looks_like_abstract
from kg.sources.record import MAX_ABSTRACT, arxiv_id, paper_from_fields, title_key

ABSTRACT = "We propose AlphaNet, a model built on Llama 2 and evaluated on MMLU."


def papers_of(path, fmt=None) -> list[Paper]:
    return [item for item in read_file(path, fmt) if isinstance(item, Paper)]


def errors_of(path, fmt=None) -> list[InputError]:
    return [item for item in read_file(path, fmt) if isinstance(item, InputError) and not isinstance(item, RecordWarning)]


# --- one test per format ----------------------------------------------------------------------------


def test_sources_jsonl_reads_every_field(tmp_path):
    path = tmp_path / "in.jsonl"
    record = {"id": "arXiv:2310.06825v2", "title": "Mistral 7B", "abstract": ABSTRACT,
              "authors": ["Albert Q. Jiang", {"name": "Alexandre Sablayrolles"}], "published": "2023-10-10",
              "categories": "cs.CL cs.LG"}
    path.write_text(json.dumps(record) + "\n")
    [paper] = papers_of(path)
    assert paper == Paper(id="2310.06825", title="Mistral 7B", abstract=ABSTRACT, year=2023,
                          url="https://arxiv.org/abs/2310.06825",
                          authors=("Albert Q. Jiang", "Alexandre Sablayrolles"), categories=("cs.CL", "cs.LG"))
    assert paper.source == f"{path}:1"


def test_sources_arxiv_snapshot_record(tmp_path):
    """A record of the arXiv metadata snapshot, read as it is (authors_parsed, update_date)."""
    path = tmp_path / "arxiv-metadata.json"
    record = {"id": "0704.0001", "submitter": "Pavel Nadolsky", "title": "Calculation of prompt\n  diphoton production",
              "abstract": "  A fully differential calculation in perturbative QCD is presented.\n", "categories": "hep-ph",
              "update_date": "2008-11-13", "authors_parsed": [["Balázs", "C.", ""], ["Berger", "E. L.", ""]]}
    path.write_text(json.dumps(record) + "\n")
    [paper] = papers_of(path)
    assert (paper.id, paper.title, paper.year) == ("0704.0001", "Calculation of prompt diphoton production", 2008)
    assert paper.abstract == "A fully differential calculation in perturbative QCD is presented."
    assert paper.authors == ("C. Balázs", "E. L. Berger")


def test_sources_json_array_streams_past_chunk_boundaries(tmp_path):
    """Multi-byte characters cut by the reader's 64 KiB chunks come out whole."""
    rows = [{"title": f"Paper {i} ünïcödé 漢字 😀", "abstract": "γάμμα δέλτα 😀 " * 40} for i in range(400)]
    path = tmp_path / "papers.json"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    papers = papers_of(path)
    assert [p.title for p in papers] == [f"Paper {i} ünïcödé 漢字 😀" for i in range(400)]
    assert all(p.abstract == ("γάμμα δέλτα 😀 " * 40).strip() for p in papers)


def test_sources_json_single_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Only One", "summary": ABSTRACT}, indent=2))
    assert [p.title for p in papers_of(path)] == ["Only One"]


@pytest.mark.parametrize("name, text", [
    ("in.csv", 'title,abstract,year\n"AlphaNet, a model",' + f'"{ABSTRACT}",2024\n'),
    ("in.tsv", f"Title\tAbstract\tYear\nAlphaNet, a model\t{ABSTRACT}\t2024\n"),
    ("semicolon.csv", f"title;abstract;year\nAlphaNet, a model;{ABSTRACT};2024\n"),
])
def test_sources_table_formats(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    [paper] = papers_of(path)
    assert (paper.title, paper.abstract, paper.year) == ("AlphaNet, a model", ABSTRACT, 2024)
    assert paper.source.endswith(":2")


def test_sources_csv_multiline_cell_numbers_rows_by_first_line(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f'title,abstract\n"First","line one\nline two"\nSecond,"{ABSTRACT}"\n')
    papers = papers_of(path)
    assert [(p.title, p.abstract, p.source.rsplit(":", 1)[1]) for p in papers] == [
        ("First", "line one line two", "2"), ("Second", ABSTRACT, "4")]


def test_sources_bibtex(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        "% a comment\n"
        "@article{devlin2019,\n"
        "  title = {{BERT}: Pre-training of Deep Bidirectional Transformers},\n"
        "  author = {Devlin, Jacob and Chang, Ming-Wei and {Barnes and Noble}},\n"
        "  abstract = {We introduce \\textbf{BERT}, +7.7\\% on GLUE, by Schr\\\"{o}dinger.},\n"
        "  eprint = {1810.04805},\n"
        "  year = {2019},\n"
        "}\n"
    )
    [paper] = papers_of(path)
    assert paper.id == "1810.04805"
    assert paper.title == "BERT: Pre-training of Deep Bidirectional Transformers"
    assert paper.abstract == "We introduce BERT, +7.7% on GLUE, by Schrödinger."
    assert paper.authors == ("Jacob Devlin", "Ming-Wei Chang", "Barnes and Noble")
    assert paper.year == 2019
    assert paper.source == f"{path}:2"


def test_sources_bibtex_duplicate_key_still_read(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@misc{k, title={First}, abstract={One.}}\n@misc{k, title={Second}, abstract={Two.}}\n")
    assert [p.title for p in papers_of(path)] == ["First", "Second"]


ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2307.09288v2</id>
    <published>2023-07-18T17:08:43Z</published>
    <title>Llama 2: Open Foundation and
      Fine-Tuned Chat Models</title>
    <summary>  In this work, we develop and release Llama 2 &amp; friends.
    </summary>
    <author><name>Hugo Touvron</name></author>
    <author><name>Louis Martin</name></author>
    <link href="http://arxiv.org/abs/2307.09288v2" rel="alternate" type="text/html"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
"""


def test_sources_arxiv_atom(tmp_path):
    path = tmp_path / "query.xml"
    path.write_text(ATOM)
    [paper] = papers_of(path)
    assert paper == Paper(id="2307.09288", title="Llama 2: Open Foundation and Fine-Tuned Chat Models",
                          abstract="In this work, we develop and release Llama 2 & friends.", year=2023,
                          url="http://arxiv.org/abs/2307.09288v2", authors=("Hugo Touvron", "Louis Martin"),
                          categories=("cs.CL",))


def test_sources_atom_without_namespace(tmp_path):
    path = tmp_path / "plain.xml"
    path.write_text("<feed><entry><id>x1</id><title>Plain Feed</title><summary>Text.</summary></entry></feed>")
    assert [(p.id, p.title) for p in papers_of(path)] == [("x1", "Plain Feed")]


# --- the Hugging Face listing seed format ------------------------------------------------------------


def test_sources_hf_listing_seed_files():
    """The four shipped seed dumps: page chrome ignored, every title paired with its abstract."""
    seeds = sample_corpus()
    assert len(seeds) == 4
    for seed in seeds:
        assert sniff_format(seed) == "hf-listing"
        items = list(read_file(seed))
        assert [i for i in items if isinstance(i, InputError)] == []
        titles = [p.title for p in items]
        assert not {"new", "Subscribe", "Get trending papers in your email inbox!"} & set(titles)
        assert all(len(p.abstract) > len(p.title) for p in items)
    first = papers_of(seeds[0])[0]
    assert first.title == "LoLCATs: On Low-Rank Linearizing of Large Language Models"
    assert first.abstract.startswith("Recent works show we can linearize large language models")
    assert first.id == title_key(first.title)


def test_sources_hf_listing_chrome_glued_to_first_title():
    """002's chrome has no blank lines and "Subscribe" is glued to the first title."""
    papers = papers_of(sample_corpus()[2])
    assert papers[0].title.startswith("TS-LLaVA: Constructing Visual Tokens")


def test_sources_hf_listing_title_without_abstract_is_reported(tmp_path):
    path = tmp_path / "listing.txt"
    long_abstract = "This abstract is long enough to be prose. " * 4
    path.write_text(f"Subscribe\n\nOrphan Title\n\nGood Title\n\n{long_abstract}\n\nTrailing Title\n")
    items = list(read_file(path))
    assert [p.title for p in items if isinstance(p, Paper)] == ["Good Title"]
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert errors == [f"{path}:3: title with no abstract: 'Orphan Title'",
                      f"{path}:9: title with no abstract: 'Trailing Title'"]


def test_sources_looks_like_abstract():
    assert looks_like_abstract("We study X. " * 12)
    assert not looks_like_abstract("LoLCATs: On Low-Rank Linearizing of Large Language Models")


# --- sniffing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, text, fmt", [
    ("a.txt", '{"title": "x"}\n', "jsonl"),
    ("a.json", '[{"title": "x"}]', "json"),
    ("a.json", '{\n  "title": "x"\n}', "json"),
    ("a.dat", "title,abstract\nx,y\n", "csv"),
    ("a.dat", "title\tabstract\nx\ty\n", "tsv"),
    ("a.dat", "% comment\n@article{k, title={x}}", "bibtex"),
    ("a.dat", "<feed/>", "arxiv-atom"),
    ("a.dat", "Some title\n\nSome abstract\n", "hf-listing"),
    ("a.jsonl", "", "jsonl"),
])
def test_sources_sniff_format_by_content(tmp_path, name, text, fmt):
    path = tmp_path / name
    path.write_text(text)
    assert sniff_format(path) == fmt


def test_sources_sniff_format_through_gzip_and_bom(tmp_path):
    path = tmp_path / "papers.data.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbftitle,abstract\nx,y\n"))
    assert sniff_format(path) == "csv"


# --- cleaning ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, clean", [
    ("We propose $\\textit{Refiner}$, +9\\% on MMLU &amp; GSM8K.", "We propose Refiner, +9% on MMLU & GSM8K."),
    ("\\textbf{\\textit{Nested}} wrappers", "Nested wrappers"),
    ("$\\alpha$-entmax with $k \\times$ speed", "α-entmax with k × speed"),
    ("Schr\\\"{o}dinger, \\'{e}t\\'e, \\c{c}a, \\ss", "Schrödinger, été, ça, ß"),
    ("&lt;b&gt;bold&lt;/b&gt; &amp;amp; &#x3B1;", "<b>bold</b> & α"),
    ("ﬁne-tuning with ＬＬＭｓ", "fine-tuning with LLMs"),
    ("line\nbreaks\r\nand\ttabs  and   spaces", "line breaks and tabs and spaces"),
    ("NUL\x00 and \x07bell \x1b[31mred\x1b[0m \ufeffBOM \ud800 surrogate", "NUL and bell [31mred [0m BOM surrogate"),
    ("**bold** and __under__", "bold and under"),
    ("<script>alert(1)</script> stays text", "<script>alert(1)</script> stays text"),
    ("{{7*7}} } ; DROP ALL", "{{7*7}} } ; DROP ALL"),
    ("like ZetaNet~smith2023zeta and Omega~(61.2%), see Fig.~3", "like ZetaNet and Omega (61.2%), see Fig. 3"),
    ("about ~50%, 5~10 times, http://host.org/~user/x", "about ~50%, 5~10 times, http://host.org/~user/x"),
    ("ZetaNet~smith2023zeta with visual \\& audio", "ZetaNet with visual & audio"),
    ("Code is at this \\href{this https URL}{link}.", "Code is at this link."),
    ("OpenVLA and $\\pi_{0}$ with $x^{2}$ steps", "OpenVLA and π_0 with x^2 steps"),
    ("ZetaNet111zetanet.github.io, not 1112 or ZetaNet-111 or ZetaNet111a.b",
     "ZetaNet zetanet.github.io, not 1112 or ZetaNet-111 or ZetaNet111a.b"),
    ("ZetaX111Demo page, recognition.111Our code, (ZX)222Code, ZetaX111https://x.org, Top111 of 3330",
     "ZetaX Demo page, recognition. Our code, (ZX) Code, ZetaX https://x.org, Top111 of 3330"),
    ("at \\texttt{https://host\\this http URL\\allowbreak this http URL} and \\url{https://x.org}",
     "at https://host http URL this http URL and https://x.org"),
])
def test_sources_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_sources_clean_text_latex_mode_drops_grouping_braces():
    assert clean_text("{BERT} and {GPT}-2", latex=True) == "BERT and GPT-2"
    assert clean_text("{BERT} and {GPT}-2") == "{BERT} and {GPT}-2"


def test_sources_normalize_title_keeps_every_script():
    assert normalize_title("LoLCATs: On Low-Rank Linearizing") == "lolcats on low rank linearizing"
    assert normalize_title("深度学习") != normalize_title("强化学习")
    assert title_key("深度学习") != title_key("强化学习")


@pytest.mark.parametrize("value, expected", [
    ("2310.06825", "2310.06825"), ("arXiv:2310.06825v3", "2310.06825"),
    ("https://arxiv.org/pdf/2310.06825v1.pdf", "2310.06825"), ("hep-th/9901001v2", "hep-th/9901001"),
    ("10.1000/xyz123", None),
])
def test_sources_arxiv_id(value, expected):
    assert arxiv_id(value) == expected


def test_sources_fields_of_any_json_type():
    paper = paper_from_fields({"title": ["Split", "Title"], "abstract": {"en": "Text here."}, "authors": [["Doe", "J."], 7],
                               "categories": 5, "year": True, "url": ["not", "a", "url"]}, "x.jsonl", 1)
    assert (paper.title, paper.abstract, paper.authors, paper.categories, paper.year, paper.url) == (
        "Split Title", "Text here.", ("J. Doe", "7"), ("5",), None, None)


def test_sources_unusable_url_and_id_are_dropped_with_a_warning():
    notes: list[str] = []
    paper = paper_from_fields({"id": "has spaces in it", "title": "T", "abstract": "A.", "url": "javascript:alert(1)"},
                              "x.jsonl", 1, notes)
    assert paper.id == title_key("T") and paper.url is None
    assert len(notes) == 2 and "javascript:alert(1)" in notes[1]


def test_sources_huge_abstract_is_cut_with_a_warning(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"title": "Big", "abstract": "word " * 1_000_000}) + "\n")
    items = list(read_file(path))
    assert [type(i).__name__ for i in items] == ["Paper", "RecordWarning"]
    assert MAX_ABSTRACT * 0.9 < len(items[0].abstract) <= MAX_ABSTRACT
    assert str(items[1]).startswith(f"{path}:1: abstract of 5,000,000 characters cut to")


# --- duplicates --------------------------------------------------------------------------------------


def test_sources_duplicates_across_inputs_are_one_paper(tmp_path):
    """The same paper in a listing (title hash id) and a JSON Lines file (arXiv id) is read once."""
    listing = tmp_path / "listing.txt"
    listing.write_text("Mistral 7B\n\n" + "We introduce Mistral 7B, a 7-billion-parameter language model. " * 3 + "\n")
    jsonl = tmp_path / "arxiv.jsonl"
    jsonl.write_text(json.dumps({"id": "2310.06825", "title": "Mistral  7B", "abstract": "Other text."}) + "\n"
                     + json.dumps({"id": "2310.06825v2", "title": "MISTRAL 7B!", "abstract": "Again."}) + "\n")
    report = ReadReport()
    papers = list(read_papers([listing, jsonl], report))
    assert [p.title for p in papers] == ["Mistral 7B"]
    assert report.duplicates == 2 and report.errors == []


def test_sources_duplicate_id_with_other_title_is_reported(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "2301.00001", "title": "First Paper", "abstract": "One."}) + "\n"
                    + json.dumps({"id": "2301.00001v2", "title": "Another Paper", "abstract": "Two."}) + "\n")
    report = ReadReport()
    papers = list(read_papers([path], report))
    assert [p.title for p in papers] == ["First Paper"]
    [error] = report.errors
    assert (error.source, error.record) == (str(path), 2)
    assert "'2301.00001' was read before with another title" in str(error)


def test_sources_read_papers_is_lazy(tmp_path):
    """Papers stream out before later files are read (benchmarks take the first N of huge files)."""
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"title": "A", "abstract": "One."}) + "\n")
    report = ReadReport()
    stream = read_papers([first, tmp_path / "not-there.jsonl"], report)
    assert next(stream).title == "A"
    assert report.files == 1 and report.errors == []


@pytest.mark.parametrize("raw_id", ["..", ".", "---", "a" * 201, "two words"])
def test_sources_id_that_is_not_an_identifier_falls_back_to_the_title_hash(raw_id):
    notes: list[str] = []
    paper = paper_from_fields({"id": raw_id, "title": "T", "abstract": "A."}, "x.jsonl", 1, notes)
    assert paper.id == title_key("T") and len(notes) == 1


@pytest.mark.parametrize("raw_id", ["10.1000/xyz<1>", "W2741809807", "a>b", "urn:x:<script>"])
def test_sources_odd_but_usable_id_is_kept(raw_id):
    assert paper_from_fields({"id": raw_id, "title": "T", "abstract": "A."}, "x.jsonl", 1).id == raw_id
