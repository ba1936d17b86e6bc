"""The incremental extraction cache: per-paper extraction results in SQLite, keyed by text and version.

Extraction of one paper is a pure function of its text and the pipeline (code, knowledge base,
word lists; DESIGN.md, "What flows where"), so its result can be stored under

- ``version``: :func:`pipeline_version`, a hash of everything extraction reads (the source of
  ``kg/nlp`` and ``kg/linking``, the ontology's data files, the knowledge base's own
  :attr:`~kg.linking.kb.KnowledgeBase.version`, the kg and spaCy versions, the record fields), and
- ``text_hash``: :func:`text_hash` of the text the paper is analysed as (title, newline, abstract).

A rebuild after adding papers finds the old ones here and extracts only the new ones; a build
interrupted half-way finds every batch it finished (each batch is committed on its own). A change
to any input of ``version`` misses the whole cache, so a stale result is never used; the old rows
stay until the folder is deleted.

Storage: one SQLite file, ``extractions.sqlite``, in the cache folder (``<out>/.kg-cache`` for
``kg build``), WAL journal, one ``extractions(version, text_hash, result)`` table. ``result`` is
the JSON text :func:`encode_result` writes: compact lists of field values, with each evidence
sentence stored once per paper and shared by the records that cite it, so decoding gives one
string object per sentence, not one per edge.

Not supported: sharing one cache between machines of different kg versions (each simply misses),
pruning old versions in place (delete the folder), and caching anything but extraction (linking and
assembly are cross-paper and always rerun).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path

from kg.errors import KgError
from kg.nlp.records import LocalEntity, RelationHit

__all__ = [
    "CacheError", "ExtractionCache", "encode_result", "decode_result", "pipeline_version", "text_hash", "CACHE_FILE",
]

CACHE_FILE = "extractions.sqlite"
_SCHEMA = 1
_ENTITY_FIELDS = tuple(f.name for f in fields(LocalEntity))
_RELATION_FIELDS = tuple(f.name for f in fields(RelationHit))
_SHARED = "evidence"  # the one field whose values repeat within a paper (the sentence)
# SQLite's default host-parameter limit is 999 before 3.32 and 32766 after; stay under the old one.
_IN_CHUNK = 900
_PACKAGE = Path(__file__).resolve().parent


class CacheError(KgError):
    """The cache file cannot be opened or is not a kg cache."""


def text_hash(text: str) -> str:
    """A 128-bit BLAKE2b hex digest of ``text`` (lone surrogates kept, so any str hashes).

    >>> text_hash("Title\\nAbstract")
    '4d54cc05dfcddec5baf56b5b5472d0db'
    """
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _extraction_sources() -> list[Path]:
    from kg.resources import ontology_dir

    code = sorted((_PACKAGE / "nlp").glob("*.py")) + sorted((_PACKAGE / "linking").glob("*.py"))
    folder = ontology_dir()
    data = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".json", ".jsonl"))
    return code + data


@cache
def _static_version() -> str:
    import spacy

    from kg import __version__

    digest = hashlib.sha256()
    digest.update(f"kg {__version__}\nspacy {spacy.__version__}\nschema {_SCHEMA}\n".encode())
    digest.update(f"{_ENTITY_FIELDS}\n{_RELATION_FIELDS}\n".encode())
    for path in _extraction_sources():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def pipeline_version(kb) -> str:
    """The version extraction results are stored under: code, data files and ``kb.version``.

    Hashing the extractor's own source (rather than trusting a version number someone must
    remember to bump) means an edit to any rule invalidates the cache; the cost is a few hundred
    kilobytes hashed once per process.
    """
    return hashlib.sha256(f"{_static_version()}\n{kb.version}".encode()).hexdigest()[:24]


def _encode_record(record, names: tuple[str, ...], sentences: dict[str, int]) -> list:
    row = []
    for name in names:
        value = getattr(record, name)
        if name == _SHARED and isinstance(value, str):
            value = sentences.setdefault(value, len(sentences))
        elif isinstance(value, tuple):
            value = list(value)
        row.append(value)
    return row


def encode_result(entities: Sequence[LocalEntity], relations: Sequence[RelationHit]) -> str:
    """One paper's extraction as compact JSON text (ASCII, so any text survives SQLite and pickling).

    >>> from kg.nlp.records import LocalEntity, RelationHit
    >>> e = LocalEntity("lora", "LoRA", "Method", ("LoRA",), evidence="We use LoRA.")
    >>> r = RelationHit("builds_on", "lora", "We use LoRA.", "based_on", 0.8)
    >>> decode_result(encode_result([e], [r])) == ((e,), (r,))
    True
    """
    sentences: dict[str, int] = {}
    ents = [_encode_record(e, _ENTITY_FIELDS, sentences) for e in entities]
    rels = [_encode_record(r, _RELATION_FIELDS, sentences) for r in relations]
    return json.dumps({"s": list(sentences), "e": ents, "r": rels}, separators=(",", ":"))


def _decode_record(cls, row: list, names: tuple[str, ...], sentences: list[str]):
    values = []
    for name, value in zip(names, row, strict=True):
        if name == _SHARED and isinstance(value, int):
            value = sentences[value]
        elif isinstance(value, list):
            value = tuple(value)
        values.append(value)
    return cls(*values)


def decode_result(text: str) -> tuple[tuple[LocalEntity, ...], tuple[RelationHit, ...]]:
    """The inverse of :func:`encode_result`."""
    data = json.loads(text)
    sentences = data["s"]
    entities = tuple(_decode_record(LocalEntity, row, _ENTITY_FIELDS, sentences) for row in data["e"])
    relations = tuple(_decode_record(RelationHit, row, _RELATION_FIELDS, sentences) for row in data["r"])
    return entities, relations


class ExtractionCache:
    """Extraction results of one pipeline version in a SQLite file under ``folder``.

    >>> import tempfile
    >>> with ExtractionCache(tempfile.mkdtemp(), "v1") as store:
    ...     store.put_many([("h1", "{}")])
    ...     store.get_many(["h1", "h2"])
    {'h1': '{}'}
    """

    def __init__(self, folder: str | Path, version: str):
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE
        self.version = version
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are explicit, one per put_many, so a batch is all or nothing.
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=60, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS extractions (version TEXT NOT NULL, text_hash TEXT NOT NULL, "
                "result TEXT NOT NULL, PRIMARY KEY (version, text_hash)) WITHOUT ROWID"
            )
        except (OSError, sqlite3.Error) as err:
            raise CacheError(f"{self.path}: cannot open the extraction cache ({err})") from err

    def get_many(self, hashes: Iterable[str]) -> dict[str, str]:
        """The stored results among ``hashes``: text hash -> encoded result."""
        hashes = list(dict.fromkeys(hashes))
        found: dict[str, str] = {}
        try:
            for start in range(0, len(hashes), _IN_CHUNK):
                chunk = hashes[start:start + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT text_hash, result FROM extractions WHERE version = ? AND text_hash IN ({marks})",
                    (self.version, *chunk),
                )
                found.update(rows)
        except sqlite3.Error as err:
            raise CacheError(f"{self.path}: cannot read the extraction cache ({err})") from err
        return found

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Store ``(text_hash, encoded result)`` pairs in one transaction."""
        rows = [(self.version, h, result) for h, result in items]
        if not rows:
            return
        try:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise CacheError(f"{self.path}: cannot write the extraction cache ({err})") from err

    def __len__(self) -> int:
        """Number of results stored for this version."""
        return self._db.execute("SELECT count(*) FROM extractions WHERE version = ?", (self.version,)).fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
