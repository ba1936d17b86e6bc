"""Bad input is reported and skipped, never a crash; the ``build`` command's --strict, --debug and exit codes.

Every damage the robustness issue lists, given to every reader: empty files, page chrome only,
truncation, a BOM, Latin-1 and invalid UTF-8, NUL and control characters, a 5 MB abstract,
a punctuation-only title, duplicate ids with different titles, CRLF, gzip (whole and cut short),
XML bombs. Each bad record is reported with its file and line or record number.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.sources import FORMATS, Paper, ReadReport, RecordWarning, read_file, read_papers
from kg.sources import files as source_files

runner = CliRunner()

ABSTRACT = ("We propose FuzzNet as a model built on Llama 2 and evaluated on MMLU. It is trained on The Pile. "
            "This abstract is long enough to be read as prose in a listing because it goes on for a while.")


def render(fmt: str, records: list[dict]) -> bytes:
    """``records`` ({"title", "abstract"}) in ``fmt``: the shape each reader expects."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1).encode()
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        rows = [f"title{sep}abstract"] + [f"{r['title']}{sep}{r['abstract']}" for r in records]
        return ("\n".join(rows) + "\n").encode()
    if fmt == "bibtex":
        return "".join(f"@article{{k{i},\n  title = {{{r['title']}}},\n  abstract = {{{r['abstract']}}}\n}}\n"
                       for i, r in enumerate(records)).encode()
    if fmt == "arxiv-atom":
        entries = "".join(f"<entry><title>{r['title']}</title><summary>{r['abstract']}</summary></entry>\n"
                          for r in records)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n{entries}</feed>\n'.encode()
    assert fmt == "hf-listing"
    return ("Subscribe\n\n" + "".join(f"{r['title']}\n\n{r['abstract']}\n\n" for r in records)).encode()


SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "tsv": ".tsv", "bibtex": ".bib", "arxiv-atom": ".xml",
          "hf-listing": ".txt"}
GOOD = [{"title": f"Good Paper Number {n}", "abstract": ABSTRACT.replace("FuzzNet", f"Fuzz{n}Net")} for n in range(3)]


def read(tmp_path: Path, fmt: str, data: bytes, suffix: str = "") -> tuple[list[Paper], list[InputError], list[InputError]]:
    path = tmp_path / f"input{SUFFIX[fmt]}{suffix}"
    path.write_bytes(data)
    items = list(read_file(path))  # the format is sniffed, as `kg build` does
    papers = [i for i in items if isinstance(i, Paper)]
    warnings = [i for i in items if isinstance(i, RecordWarning)]
    errors = [i for i in items if isinstance(i, InputError) and not isinstance(i, RecordWarning)]
    for error in errors + warnings:
        assert error.source == str(path)
        assert "unreadable input" not in str(error), error
    return papers, errors, warnings


def titles(papers: list[Paper]) -> list[str]:
    return [p.title for p in papers]


ALL = pytest.mark.parametrize("fmt", FORMATS)


@ALL
def test_robustness_empty_file(tmp_path, fmt):
    papers, errors, _ = read(tmp_path, fmt, b"")
    assert papers == []
    assert [e.reason for e in errors] == ["no papers found (empty file, or only page chrome)"]


@ALL
def test_robustness_whitespace_only_file(tmp_path, fmt):
    papers, errors, _ = read(tmp_path, fmt, b" \r\n\t\n\n")
    assert papers == [] and len(errors) == 1


def test_robustness_listing_with_only_page_chrome(tmp_path):
    chrome = b"new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nApr 23\n"
    papers, errors, _ = read(tmp_path, "hf-listing", chrome)
    assert papers == [] and [e.reason for e in errors] == ["no papers found (empty file, or only page chrome)"]


@ALL
def test_robustness_utf8_bom(tmp_path, fmt):
    papers, errors, _ = read(tmp_path, fmt, b"\xef\xbb\xbf" + render(fmt, GOOD))
    assert titles(papers) == [g["title"] for g in GOOD] and errors == []


@ALL
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_robustness_utf16_with_bom(tmp_path, fmt, codec):
    data = "\ufeff".encode(codec) + render(fmt, GOOD).decode().encode(codec)
    papers, errors, _ = read(tmp_path, fmt, data)
    assert titles(papers) == [g["title"] for g in GOOD] and errors == []


@ALL
def test_robustness_latin1_bytes(tmp_path, fmt):
    records = [dict(g, title=g["title"] + " Café Naïve") for g in GOOD]
    papers, errors, _ = read(tmp_path, fmt, render(fmt, records).decode().encode("latin-1"))
    assert titles(papers) == [r["title"] for r in records] and errors == []


@ALL
def test_robustness_invalid_utf8_bytes(tmp_path, fmt):
    """Bytes that are not UTF-8 are read one by one as Windows-1252; the UTF-8 around them is kept."""
    data = render(fmt, GOOD).replace(b"It is trained", b"It \xff\x80 is \xe2\x82 trained \xc3 \xe2\x9c\x93")
    papers, errors, _ = read(tmp_path, fmt, data)
    assert titles(papers) == [g["title"] for g in GOOD] and errors == []
    assert "It ÿ€ is â‚ trained Ã ✓" in papers[0].abstract


@ALL
def test_robustness_nul_and_control_characters(tmp_path, fmt):
    records = [dict(g, title=g["title"] + " \x00\x01\x07\x1b[31m\x7f end") for g in GOOD]
    papers, errors, _ = read(tmp_path, fmt, render(fmt, records))
    assert titles(papers) == [g["title"] + " [31m end" for g in GOOD]
    assert errors == []


@ALL
def test_robustness_crlf_line_endings(tmp_path, fmt):
    papers, errors, _ = read(tmp_path, fmt, render(fmt, GOOD).replace(b"\n", b"\r\n"))
    assert titles(papers) == [g["title"] for g in GOOD] and errors == []
    assert all("\r" not in p.abstract for p in papers)


@ALL
def test_robustness_gzip_is_read_transparently(tmp_path, fmt):
    papers, errors, _ = read(tmp_path, fmt, gzip.compress(render(fmt, GOOD)), suffix=".gz")
    assert titles(papers) == [g["title"] for g in GOOD] and errors == []


@ALL
def test_robustness_truncated_gzip_keeps_what_came_before(tmp_path, fmt):
    """A .gz cut short: the records before the cut are kept, then one error says the file ended early."""
    junk = bytes(range(97, 123)) * 20_000  # letters: no record, no JSON value
    data = render(fmt, GOOD)
    if fmt == "arxiv-atom":
        data = data.replace(b"</feed>\n", b"")
    elif fmt == "json":
        data = data.rstrip().removesuffix(b"]")
    packed = gzip.compress(data + b"\n" + junk)
    papers, errors, _ = read(tmp_path, fmt, packed[: len(packed) - 1000], suffix=".gz")
    assert titles(papers) == [g["title"] for g in GOOD]
    assert [e.reason for e in errors] == ["cannot read file: Compressed file ended before the end-of-stream marker was reached"]


@ALL
def test_robustness_garbage_gzip(tmp_path, fmt):
    papers, errors, _ = read(tmp_path, fmt, b"\x1f\x8b" + bytes(range(256)), suffix=".gz")
    assert papers == [] and len(errors) == 1 and errors[0].reason.startswith("cannot read file")


@ALL
def test_robustness_truncated_file(tmp_path, fmt):
    """The file ends inside the last record: the others are kept, the last is reported."""
    data = render(fmt, [*GOOD, {"title": "Cut Short Paper", "abstract": ABSTRACT}])
    papers, errors, _ = read(tmp_path, fmt, data[: data.index(b"Cut Short") + 3])
    assert titles(papers) == [g["title"] for g in GOOD]
    assert len(errors) == 1 and errors[0].record is not None


@ALL
def test_robustness_huge_abstract_is_kept_and_cut(tmp_path, fmt):
    big = dict(GOOD[1], abstract=ABSTRACT + " " + "lorem ipsum dolor sit amet. " * 190_000)  # 5.3 MB
    papers, errors, warnings = read(tmp_path, fmt, render(fmt, [GOOD[0], big, GOOD[2]]))
    assert titles(papers) == [g["title"] for g in GOOD] and errors == []
    assert len(papers[1].abstract) <= 20_000 and papers[1].abstract.startswith(ABSTRACT)
    assert len(warnings) == 1 and "abstract of 5,3" in warnings[0].reason


@ALL
def test_robustness_punctuation_only_title(tmp_path, fmt):
    records = [GOOD[0], dict(GOOD[1], title="!!! ... ??? --- ***"), GOOD[2]]
    papers, errors, _ = read(tmp_path, fmt, render(fmt, records))
    assert titles(papers) == [GOOD[0]["title"], GOOD[2]["title"]]
    assert [e.reason for e in errors] == ["title '!!! ... ??? --- ***' has no letter or digit"]
    assert errors[0].record is not None


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "bibtex", "arxiv-atom"])
def test_robustness_duplicate_id_with_other_title(tmp_path, fmt):
    records = [dict(GOOD[0], id="2401.00001"), dict(GOOD[1], id="2401.00001v3"), dict(GOOD[0], id="2401.00001v2")]
    data = render(fmt, records)
    if fmt == "csv":
        data = render(fmt, []).replace(b"title,abstract", b"title,abstract,id") + b"".join(
            f"{r['title']},{r['abstract']},{r['id']}\n".encode() for r in records)
    elif fmt == "bibtex":
        data = b"".join(f"@misc{{k{i}, title={{{r['title']}}}, abstract={{{r['abstract']}}}, eprint={{{r['id']}}}}}\n"
                        .encode() for i, r in enumerate(records))
    elif fmt == "arxiv-atom":
        data = data.replace(b"<entry>", b"<entry><id>http://arxiv.org/abs/2401.00001</id>")
    path = tmp_path / f"dup{SUFFIX[fmt]}"
    path.write_bytes(data)
    report = ReadReport()
    papers = list(read_papers([path], report))
    assert titles(papers) == [GOOD[0]["title"]]
    assert report.duplicates == 1
    [error] = report.errors
    assert (error.source, error.record) == (str(path), 3 if fmt == "csv" else 2)
    assert "was read before with another title" in error.reason


@pytest.mark.parametrize("name, xml", [
    ("billion-laughs", '<?xml version="1.0"?><!DOCTYPE f [<!ENTITY a "aaaaaaaaaa">'
                       + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
                       + ']><feed><entry><title>&i;</title><summary>x</summary></entry></feed>'),
    ("quadratic", '<!DOCTYPE f [<!ENTITY a "' + "A" * 100_000 + '">]><feed><entry><title>t</title><summary>'
                  + "&a;" * 1000 + "</summary></entry></feed>"),
    ("external-entity", '<!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed><entry><title>&x;</title>'
                        "<summary>s</summary></entry></feed>"),
    ("external-dtd", '<!DOCTYPE feed SYSTEM "http://127.0.0.1:9/feed.dtd"><feed><entry><title>t</title>'
                     "<summary>s</summary></entry></feed>"),
])
def test_robustness_xml_attacks_are_refused(tmp_path, name, xml):
    papers, errors, _ = read(tmp_path, "arxiv-atom", xml.encode())
    assert papers == []
    assert [e.reason for e in errors] == ["refused XML: DTDForbidden (a DTD or entity declaration); file skipped"]


def test_robustness_xml_error_keeps_entries_before_it(tmp_path):
    data = render("arxiv-atom", GOOD).replace(b"</feed>", b"<entry><title>&#0;</title></entry></feed>")
    papers, errors, _ = read(tmp_path, "arxiv-atom", data)
    assert titles(papers) == [g["title"] for g in GOOD]
    assert len(errors) == 1 and errors[0].record == 4 and errors[0].reason.startswith("broken XML")


def test_robustness_json_array_resumes_after_a_broken_element(tmp_path):
    good = [json.dumps(g).encode() for g in GOOD]
    data = b"[" + b",\n".join([good[0], b'{"title": "bad "quote"", "abstract": "x"}', good[1], b"42", good[2]]) + b"]"
    papers, errors, _ = read(tmp_path, "json", data)
    assert titles(papers) == [g["title"] for g in GOOD]
    assert [(e.record, e.reason.split(" (")[0]) for e in errors] == [(2, "broken JSON"), (4, "expected a JSON object, got int")]


def test_robustness_csv_unclosed_quote_does_not_swallow_rows(tmp_path):
    rows = [f"{g['title']},{g['abstract']}" for g in GOOD]
    data = "\n".join(["title,abstract", rows[0], '"Unclosed quote,text', rows[1], rows[2]]).encode() + b"\n"
    papers, errors, _ = read(tmp_path, "csv", data)
    assert titles(papers) == [g["title"] for g in GOOD]
    assert [e.record for e in errors] == [3]


def test_robustness_jsonl_deep_nesting_and_nan(tmp_path):
    lines = [json.dumps(GOOD[0]), "[" * 100_000, '{"title": NaN, "abstract": "x"}', json.dumps(GOOD[1])]
    papers, errors, _ = read(tmp_path, "jsonl", "\n".join(lines).encode())
    assert titles(papers) == [GOOD[0]["title"], GOOD[1]["title"]]
    assert [(e.record, e.reason) for e in errors] == [(2, "broken JSON (nested too deeply)"), (3, "broken JSON (NaN is not JSON)")]


def test_robustness_runaway_line_is_skipped(tmp_path, monkeypatch):
    """A line longer than MAX_LINE (a gzip bomb with no newline) is skipped, not loaded."""
    monkeypatch.setattr(source_files, "MAX_LINE", 1000)
    lines = [json.dumps(GOOD[0]), "x" * 5000, json.dumps(GOOD[1])]
    papers, errors, _ = read(tmp_path, "jsonl", "\n".join(lines).encode())
    assert titles(papers) == [GOOD[0]["title"], GOOD[1]["title"]]
    assert [(e.record, e.reason) for e in errors] == [(2, "line longer than 1,000 bytes; skipped")]


def test_robustness_unreadable_path_is_one_error(tmp_path):
    report = ReadReport()
    assert list(read_papers([tmp_path / "missing.jsonl", tmp_path], report)) == []
    assert [e.reason for e in report.errors] == ["cannot read file: No such file or directory",
                                                 "cannot read file: Is a directory"]


# --- the build command -----------------------------------------------------------------------------


def _input(tmp_path: Path, bad: bool = True) -> Path:
    path = tmp_path / "papers.jsonl"
    lines = [json.dumps(GOOD[0]), '{"title": "[/] [bold red]markup[/] \\u001b[31m", "abstract": ""}' if bad else "",
             json.dumps(GOOD[1])]
    path.write_text("\n".join(lines) + "\n")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m kg ARGS`` in a subprocess: what a user sees, tracebacks included."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, timeout=300)


def test_robustness_cli_reports_bad_records_and_keeps_going(tmp_path):
    source, out = _input(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out), "--formats", "json", "-j", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert f"skipped {source}:2: no abstract for '[/] [bold red]markup[/] [31m'" in result.output
    assert re.search(r"skipped records\s+1\s", result.output), result.output
    data = json.loads((out / "graph.json").read_text())
    assert sorted(n["title"] for n in data["nodes"] if n["kind"] == "Paper") == [GOOD[0]["title"], GOOD[1]["title"]]


def test_robustness_cli_strict_writes_nothing(tmp_path):
    source, out = _input(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out), "--strict", "-j", "1"])
    assert result.exit_code == 1
    assert "error: 1 bad record(s); nothing written (--strict)" in result.output
    assert not out.exists()  # not even the extraction cache


def test_robustness_cli_strict_counts_changed_records(tmp_path):
    source = tmp_path / "big.jsonl"
    source.write_text(json.dumps(dict(GOOD[0], abstract=ABSTRACT + " x" * 20_000)) + "\n")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1 and "changed" in result.output


def test_robustness_cli_strict_passes_clean_input(tmp_path):
    source, out = _input(tmp_path, bad=False), tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out), "--strict", "--formats", "json", "-j", "1",
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (out / "graph.json").exists()


@pytest.mark.parametrize("args", [["--formats", "nope"], ["--engine", "nope"], ["missing-file.jsonl"], ["--jobs", "-1"]])
def test_robustness_cli_usage_errors_exit_2(tmp_path, args):
    result = runner.invoke(app, ["build", *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("args", [["build", "--bogus"], ["build", "missing-file.jsonl"], ["nosuch"]])
def test_robustness_cli_usage_error_is_one_line(args):
    result = _cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: "), result.stderr
    assert result.stderr.rstrip().endswith("--help)")


def test_robustness_cli_error_is_one_line_without_debug(tmp_path):
    """An output folder that is a file: one line on stderr, exit 1, no traceback."""
    source, blocker = _input(tmp_path, bad=False), tmp_path / "file"
    blocker.write_text("not a folder")
    result = _cli("build", str(source), "--out", str(blocker / "out"), "--formats", "json", "-j", "1", "--no-cache")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("error: ") and "Traceback" not in result.stderr
    assert len([line for line in lines if line.startswith("error")]) == 1


def test_robustness_cli_debug_shows_the_traceback(tmp_path):
    source, blocker = _input(tmp_path, bad=False), tmp_path / "file"
    blocker.write_text("not a folder")
    result = _cli("build", str(source), "--out", str(blocker / "out"), "--formats", "json", "-j", "1", "--no-cache",
                  "--debug")
    assert result.returncode == 1
    assert "Traceback" in result.stderr
