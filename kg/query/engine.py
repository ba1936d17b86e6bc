"""SPARQL over kg's RDF export: rdflib for small graphs, Oxigraph for large ones.

Queries are SPARQL 1.1 (https://www.w3.org/TR/sparql11-query/): ``SELECT``, ``ASK``, ``CONSTRUCT``
and ``DESCRIBE``. Every query gets the prefixes ``kg:``, ``rdf:``, ``rdfs:``, ``xsd:``, ``skos:``,
``schema:`` and ``prov:`` declared, so it needs no ``PREFIX`` lines. Results are written as
SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/), XML
(https://www.w3.org/TR/rdf-sparql-XMLres/), CSV or TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/).

Parameters (``--param name=value``) are parsed into RDF terms (:func:`parse_term`) and bound by a
``VALUES`` block placed at the start of the query's ``WHERE`` group (:func:`bind`), built from the
terms' escaped serialisations: the value is never pasted into the query text, and both engines
run exactly the same query, so they give the same answers.

Engines: :class:`RdflibEngine` holds the graph in rdflib's memory store (pure Python; about
2 MB of Turtle a second to load here); :class:`OxigraphEngine` uses pyoxigraph, on an on-disk
store written by ``kg build --formats oxigraph`` (opened read-only) or on a file loaded into
memory. :func:`open_graph` picks one by size (see :data:`AUTO_OXIGRAPH_BYTES`).

Not supported: SPARQL Update (the graph is read-only), ``SERVICE`` (no network at run time),
``FROM`` / ``FROM NAMED`` (one graph; rdflib would fetch the named IRIs from the web), RDF-star
terms in results.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.collector import gc_paused
from kg.errors import QueryError
from kg.export.rdf import ARXIV_ABS, DEFAULT_BASE, PREFIXES
from kg.resources import queries_dir

__all__ = [
    "AUTO_OXIGRAPH_BYTES", "CannedQuery", "Param", "Result", "Engine", "RdflibEngine", "OxigraphEngine",
    "canned_queries", "resolve_query", "parse_term", "parse_params", "bind", "check_query", "open_graph",
    "default_graph_path", "run_query", "format_result", "term_to_sparql", "display_term", "RESULT_FORMATS",
]

#: Above this size a graph file is queried with Oxigraph. rdflib parsed the sample corpus's
#: Turtle (3.3 MB, 42k triples) in 1.5 s here, so 10 MB is about 5 s before the first answer,
#: where Oxigraph loads the same file in a tenth of the time.
AUTO_OXIGRAPH_BYTES = 10_000_000

#: Output formats of :func:`format_result` and their media types.
RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

_RDF_EXTENSIONS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
                   ".rdf": "xml", ".xml": "xml", ".n3": "n3"}


# --- canned queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A parameter a canned query needs: ``# @param name  description`` in the ``.rq`` file."""

    name: str
    description: str


@dataclass(frozen=True)
class CannedQuery:
    """A query shipped as ``kg/query/queries/<name>.rq``; its first comment line describes it."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


_PARAM_LINE = re.compile(r"#\s*@param\s+([A-Za-z_]\w*)\s*(.*)")


def _read_canned(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    description, params = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        match = _PARAM_LINE.fullmatch(line)
        if match:
            params.append(Param(match.group(1), match.group(2).strip()))
        elif not description:
            description = line.lstrip("#").strip()
    return CannedQuery(path.stem, description, tuple(params), text, path)


def canned_queries(folder: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries, by name, sorted."""
    folder = folder or queries_dir()
    return {p.stem: _read_canned(p) for p in sorted(folder.glob("*.rq"))}


def resolve_query(query_or_file_or_name: str) -> tuple[str, CannedQuery | None]:
    """The query text of a canned query name, a ``.rq`` file path, or inline SPARQL."""
    spec = query_or_file_or_name
    canned = canned_queries()
    if spec in canned:
        return canned[spec].text, canned[spec]
    if "\n" not in spec and len(spec) < 4096:
        path = Path(spec)
        try:
            is_file = path.is_file()
        except OSError:  # a one-line query longer than a file name may be
            is_file = False
        if path.suffix in (".rq", ".sparql") or is_file:
            try:
                return path.read_text(encoding="utf-8"), None
            except OSError as error:
                raise QueryError(f"{spec}: cannot read the query file ({error.strerror})") from error
    if not _looks_like_sparql(spec):
        known = ", ".join(canned) or "none"
        raise QueryError(f"{spec!r} is not a canned query ({known}), a query file or a SPARQL query")
    return spec, None


def _looks_like_sparql(text: str) -> bool:
    return any(t.kind == "word" and t.text.upper() in _QUERY_FORMS | _UPDATE_WORDS | {"PREFIX", "BASE"}
               for t in _tokens(text))


# --- lexing: just enough SPARQL to find keywords, variables and the WHERE group -------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "var", "open", "close", "popen", "pclose", "other"
    text: str
    start: int


_TOKEN = re.compile(
    r"""(?P<ws>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    |(?P<word>[A-Za-z_\u00C0-\uFFFF][\w\-.\u00B7\u00C0-\uFFFF]*(?::[\w\-.:%\\\u00B7\u00C0-\uFFFF]*)?|:[\w\-.:%\\\u00B7\u00C0-\uFFFF]*)
    |(?P<open>\{)|(?P<close>\})|(?P<popen>\()|(?P<pclose>\))
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)

_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        if kind == "string" or kind == "iri":
            kind = "other"
        tokens.append(_Token(kind, match.group(), match.start()))
    return tokens


@dataclass(frozen=True)
class _Shape:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: frozenset[str]
    where: int | None  # offset just after the WHERE group's "{", None if there is none


def check_query(text: str) -> _Shape:
    """The form, variables and WHERE position of a read-only query; :class:`QueryError` otherwise."""
    tokens = _tokens(text)
    words = [t.text.upper() for t in tokens if t.kind == "word"]
    form = next((w for w in words if w in _QUERY_FORMS | _UPDATE_WORDS), None)
    if form is None:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    if form in _UPDATE_WORDS:
        raise QueryError(f"SPARQL Update ({form}) is not allowed: the graph is read-only")
    if "SERVICE" in words:
        raise QueryError("SERVICE is not supported: queries never reach the network")
    if "FROM" in words:
        raise QueryError("FROM / FROM NAMED is not supported: the query runs on the one graph loaded")
    variables = frozenset(t.text[1:] for t in tokens if t.kind == "var")
    return _Shape(form, variables, _where_offset(tokens, form))


def _where_offset(tokens: Sequence[_Token], form: str) -> int | None:
    """Offset after the ``{`` that opens the query's WHERE group (not a CONSTRUCT template)."""
    depth = parens = 0
    seen_form = skipped_template = False
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.text.upper() == form and depth == 0:
            seen_form = True
            if form == "CONSTRUCT":
                following = tokens[i + 1] if i + 1 < len(tokens) else None
                if following is not None and following.kind == "word" and following.text.upper() == "WHERE":
                    return None  # CONSTRUCT WHERE { ... }: the group is also the template
                skipped_template = following is None or following.kind != "open"
        elif token.kind == "popen":
            parens += 1
        elif token.kind == "pclose":
            parens -= 1
        elif token.kind == "open":
            if seen_form and depth == 0 and parens == 0:
                if form == "CONSTRUCT" and not skipped_template:
                    skipped_template = True
                else:
                    return token.start + 1
            depth += 1
        elif token.kind == "close":
            depth -= 1
    return None


# --- parameters -----------------------------------------------------------------------------------

_IRIREF = re.compile(r"<([^<>\"{}|^`\\\x00-\x20]*)>")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:.*", re.DOTALL)
_LITERALS = (
    re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(.+))?', re.DOTALL),
    re.compile(r"'((?:[^'\\]|\\.)*)'(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(.+))?", re.DOTALL),
)
_PNAME = re.compile(r"([A-Za-z][\w\-]*):([A-Za-z0-9_][\w\-.]*)?")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_UNESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_VARNAME = re.compile(r"[A-Za-z_]\w*")


def _unescape(text: str) -> str:
    def replace(match: re.Match) -> str:
        code = match.group(1)
        if code[0] in "uU":
            return chr(int(code[1:], 16))
        return _ECHAR[code]

    if re.search(r"\\(?!u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])", text):
        raise QueryError(f"bad escape in literal {text!r}")
    return _UNESCAPE.sub(replace, text)


def _iri(text: str, prefixes: Mapping[str, str]) -> URIRef:
    match = _IRIREF.fullmatch(text)
    if match and _ABSOLUTE.fullmatch(match.group(1)):
        return URIRef(match.group(1))
    match = _PNAME.fullmatch(text)
    if match and match.group(1) in prefixes:
        return URIRef(prefixes[match.group(1)] + (match.group(2) or ""))
    raise QueryError(f"{text!r} is not an absolute IRI <...> or a known prefixed name")


def parse_term(value: str, prefixes: Mapping[str, str] = PREFIXES) -> URIRef | Literal:
    """An RDF term from a parameter value.

    ``<iri>`` and ``prefix:name`` (a known prefix) are IRIs; ``"text"``, ``"text"@en`` and
    ``"text"^^xsd:type`` are literals as in Turtle; a bare integer or decimal is a number; anything
    else is the plain string it is (``Llama 2``, ``} ; DROP ALL``).

    >>> parse_term("Llama 2")
    rdflib.term.Literal('Llama 2')
    >>> parse_term("kg:Model")
    rdflib.term.URIRef('https://w3id.org/kg/ontology#Model')
    >>> parse_term('"7"^^xsd:integer').toPython()
    7
    """
    if value.startswith("<") and value.endswith(">"):
        return _iri(value, prefixes)
    match = _LITERALS[0].fullmatch(value) or _LITERALS[1].fullmatch(value)
    if match:
        body, lang, datatype = match.groups()
        text = _unescape(body)
        if lang:
            return Literal(text, lang=lang)
        if datatype:
            return Literal(text, datatype=_iri(datatype, prefixes))
        return Literal(text)
    match = _PNAME.fullmatch(value)
    if match and match.group(1) in prefixes:
        return _iri(value, prefixes)
    if _INTEGER.fullmatch(value):
        return Literal(value, datatype=XSD.integer)
    if _DECIMAL.fullmatch(value):
        return Literal(value, datatype=XSD.decimal)
    return Literal(value)


def parse_params(pairs: Iterable[str], prefixes: Mapping[str, str] = PREFIXES) -> dict[str, URIRef | Literal]:
    """``["name=Llama 2", ...]`` as ``{"name": Literal("Llama 2"), ...}``."""
    params: dict[str, URIRef | Literal] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _VARNAME.fullmatch(name):
            raise QueryError(f"parameter {pair!r} must be name=value, the name a SPARQL variable name")
        if name in params:
            raise QueryError(f"parameter {name!r} given twice")
        params[name] = parse_term(value, prefixes)
    return params


_TO_ESCAPE = re.compile('["\\\\\n\r\x00-\x1f\x7f]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str) -> str:
    return _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def term_to_sparql(term: URIRef | Literal | BNode) -> str:
    """The SPARQL (and N-Triples) syntax of ``term``; quotes, backslashes and newlines escaped.

    >>> term_to_sparql(Literal('} ; DROP ALL "x"'))
    '"} ; DROP ALL \\\\"x\\\\""'
    """
    if isinstance(term, URIRef):
        if not _IRIREF.fullmatch(f"<{term}>"):
            raise QueryError(f"IRI {str(term)!r} holds characters an IRI cannot")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{_escape(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^{term_to_sparql(term.datatype)}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise QueryError(f"cannot bind {term!r}")


def bind(text: str, params: Mapping[str, URIRef | Literal], required: Iterable[str] = ()) -> str:
    """``text`` with ``params`` bound by a ``VALUES`` block at the start of its WHERE group.

    Every parameter must occur in the query as a variable, and every ``required`` one be given.
    """
    shape = check_query(text)
    missing = [name for name in required if name not in params]
    if missing:
        raise QueryError("missing parameter(s): " + ", ".join(f"--param {m}=..." for m in missing))
    if not params:
        return text
    unknown = [name for name in params if name not in shape.variables]
    if unknown:
        raise QueryError("the query has no variable " + ", ".join(f"?{u}" for u in unknown))
    if shape.where is None:
        raise QueryError("parameters need a query with a WHERE group (not CONSTRUCT WHERE or a bare DESCRIBE)")
    names = sorted(params)
    values = (f" VALUES ({' '.join('?' + n for n in names)}) "
              f"{{ ({' '.join(term_to_sparql(params[n]) for n in names)}) }}\n")
    return text[:shape.where] + values + text[shape.where:]


# --- results --------------------------------------------------------------------------------------

Term = URIRef | Literal | BNode


@dataclass
class Result:
    """What a query returns: rows of a SELECT, the boolean of an ASK, or the triples of a CONSTRUCT/DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Term]]:
        """The rows as ``{variable: term}``, unbound variables left out."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value


def _ntriples(result: Result) -> str:
    return "".join(sorted(f"{term_to_sparql(s)} {term_to_sparql(p)} {term_to_sparql(o)} .\n"
                          for s, p, o in result.triples))


def _xml(result: Result) -> str:
    """SPARQL Query Results XML (https://www.w3.org/TR/rdf-sparql-XMLres/)."""
    from xml.sax.saxutils import escape as _escape_xml, quoteattr

    from kg.export.attrs import xml_safe

    def escape(text: str) -> str:  # XML 1.0 cannot hold some control characters at all
        return _escape_xml(xml_safe(text))

    lines = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    lines += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    lines.append("</head>")
    if result.form == "ASK":
        lines.append(f"<boolean>{str(result.boolean).lower()}</boolean>")
    else:
        lines.append("<results>")
        for row in result.rows:
            lines.append("<result>")
            for var, term in zip(result.variables, row):
                if term is None:
                    continue
                if isinstance(term, URIRef):
                    value = f"<uri>{escape(str(term))}</uri>"
                elif isinstance(term, BNode):
                    value = f"<bnode>{escape(str(term))}</bnode>"
                elif term.language:
                    value = f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
                elif term.datatype and term.datatype != XSD.string:
                    value = f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
                else:
                    value = f"<literal>{escape(str(term))}</literal>"
                lines.append(f"<binding name={quoteattr(var)}>{value}</binding>")
            lines.append("</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def format_result(result: Result, fmt: str) -> str:
    """``result`` as SPARQL JSON, XML, CSV or TSV text (graph results always as N-Triples)."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return _ntriples(result)
    if fmt == "xml":
        return _xml(result)
    if fmt == "json":
        if result.form == "ASK":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                    for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if result.form == "ASK":
            writer.writerows([["_askResult"], [str(result.boolean).lower()]])
        else:
            writer.writerow(result.variables)
            for row in result.rows:
                writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
        return buffer.getvalue()
    if fmt == "tsv":
        if result.form == "ASK":
            return f"?_askResult\n{str(result.boolean).lower()}\n"
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join("" if t is None else term_to_sparql(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    raise QueryError(f"unknown result format {fmt!r} (json, xml, csv or tsv)")


def display_term(term: Term | None, base: str = DEFAULT_BASE) -> str:
    """A short text for a table cell: ``kg:Model`` for vocabulary IRIs, ``model/llama-2`` for IRIs
    under ``base``, ``arXiv:2401.00001`` for arXiv papers, the lexical form of a literal."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        if term.startswith(ARXIV_ABS):
            return "arXiv:" + term[len(ARXIV_ABS):]
        if term.startswith(base) and len(term) > len(base):
            return term[len(base):]
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


# --- engines --------------------------------------------------------------------------------------


class Engine:
    """A loaded graph that answers SPARQL queries (see :class:`RdflibEngine`, :class:`OxigraphEngine`)."""

    name = "engine"

    def __len__(self) -> int:
        raise NotImplementedError

    def execute(self, text: str) -> Result:
        """Run checked, bound query text."""
        raise NotImplementedError

    def query(self, text: str, params: Mapping[str, URIRef | Literal] | None = None,
              required: Iterable[str] = ()) -> Result:
        """Check ``text``, bind ``params`` and run it."""
        return self.execute(bind(text, params or {}, required))

    def close(self) -> None:
        """Release the graph (a no-op unless the engine holds files open)."""


class RdflibEngine(Engine):
    """rdflib's SPARQL engine over a graph held in memory. Queries run one at a time (rdflib's store
    is not meant for concurrent readers)."""

    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: str | Path) -> RdflibEngine:
        path = Path(path)
        graph = Graph(bind_namespaces="none")
        try:
            graph.parse(path, format=_RDF_EXTENSIONS.get(path.suffix.lower(), "turtle"))
        except Exception as error:  # rdflib raises many kinds for bad syntax
            raise QueryError(f"{path}: cannot read the graph ({error})") from error
        return cls(graph)

    def __len__(self) -> int:
        return len(self.graph)

    def execute(self, text: str) -> Result:
        from pyparsing import ParseException

        try:
            with self._lock:
                raw = self.graph.query(text, initNs=dict(PREFIXES))
                return _from_rdflib(raw)
        except ParseException as error:
            raise QueryError(f"bad SPARQL: {error.msg} (line {error.lineno}, column {error.col})") from None
        except QueryError:
            raise
        except Exception as error:  # evaluation errors surface as assorted exception types
            raise QueryError(f"query failed: {error}") from error


def _from_rdflib(raw) -> Result:
    if raw.type == "ASK":
        return Result("ASK", boolean=bool(raw.askAnswer))
    if raw.type in ("CONSTRUCT", "DESCRIBE"):
        return Result(raw.type, triples=list(raw.graph))
    variables = [str(v) for v in raw.vars]
    rows = [tuple(row[i] for i in range(len(variables))) for row in raw]
    return Result("SELECT", variables, rows)


class OxigraphEngine(Engine):
    """Oxigraph (pyoxigraph): an on-disk store opened read-only, or a file loaded into memory."""

    name = "oxigraph"

    def __init__(self, store):
        self.store = store

    @classmethod
    def from_path(cls, path: str | Path) -> OxigraphEngine:
        import pyoxigraph

        path = Path(path)
        try:
            if path.is_dir():
                return cls(pyoxigraph.Store.read_only(str(path)))
            store = pyoxigraph.Store()
            store.bulk_load(path=str(path), format=_oxigraph_format(path))
        except (OSError, SyntaxError, ValueError) as error:
            raise QueryError(f"{path}: cannot read the graph ({error})") from error
        return cls(store)

    def __len__(self) -> int:
        return len(self.store)

    def execute(self, text: str) -> Result:
        import pyoxigraph

        try:
            raw = self.store.query(text, prefixes=dict(PREFIXES))
            if isinstance(raw, pyoxigraph.QueryBoolean):
                return Result("ASK", boolean=bool(raw))
            convert = _Converter()
            with gc_paused():
                if isinstance(raw, pyoxigraph.QueryTriples):
                    form = check_query(text).form
                    return Result(form, triples=[(convert(x.subject), convert(x.predicate), convert(x.object))
                                                 for x in raw])
                variables = [v.value for v in raw.variables]
                # a solution iterates over its values in the order of the variables, None when unbound
                rows = [tuple(map(convert, solution)) for solution in raw]
                return Result("SELECT", variables, rows)
        except SyntaxError as error:
            raise QueryError(f"bad SPARQL: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"query failed: {error}") from error

    def close(self) -> None:
        self.store = None


def _oxigraph_format(path: Path):
    import pyoxigraph

    fmt = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".").lower() or "ttl")
    if fmt is None and path.suffix.lower() == ".jsonld":
        fmt = pyoxigraph.RdfFormat.JSON_LD
    return fmt or pyoxigraph.RdfFormat.TURTLE


_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class _Converter:
    """Oxigraph terms to rdflib terms, each distinct term converted once: rows repeat labels and
    IRIs, and building an rdflib literal costs several microseconds."""

    def __init__(self):
        import pyoxigraph

        self._seen: dict = {}
        self._named, self._literal = pyoxigraph.NamedNode, pyoxigraph.Literal
        self._string = pyoxigraph.NamedNode(_XSD_STRING)

    def __call__(self, term) -> Term | None:
        if term is None:
            return None
        converted = self._seen.get(term)
        if converted is None:
            converted = self._seen[term] = self._convert(term)
        return converted

    def _convert(self, term) -> Term:
        kind = type(term)
        if kind is self._named:
            return URIRef(term.value)
        if kind is self._literal and not term.language and term.datatype == self._string:
            return Literal(term.value)  # the most common term in a result, checked without building strings
        return _from_ox(term)


def _from_ox(term) -> Term | None:
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a result: {term}")


# --- opening a graph ------------------------------------------------------------------------------


def default_graph_path(out_dir: str | Path = "exports", engine: str = "auto") -> Path:
    """The graph ``kg build`` wrote into ``out_dir``: the newer of ``graph.oxigraph`` and ``graph.ttl``
    (only ``graph.ttl`` for the rdflib engine, which cannot read a store)."""
    out_dir = Path(out_dir)
    names = ("graph.ttl",) if engine == "rdflib" else ("graph.oxigraph", "graph.ttl")
    candidates = [p for p in (out_dir / name for name in names) if p.exists()]
    if not candidates:
        raise QueryError(f"no graph in {out_dir}/: run `kg build` first, or pass --graph")
    return max(candidates, key=lambda p: (p.stat().st_mtime, p.suffix == ".oxigraph"))


def open_graph(path: str | Path | None = None, engine: str = "auto") -> Engine:
    """Load the graph at ``path`` (default: :func:`default_graph_path`) into ``engine``.

    ``auto`` takes Oxigraph for an Oxigraph store folder or a file over
    :data:`AUTO_OXIGRAPH_BYTES`, and rdflib otherwise.
    """
    path = Path(path) if path is not None else default_graph_path(engine=engine)
    if not path.exists():
        raise QueryError(f"{path}: no such graph file or store")
    if engine == "auto":
        engine = "oxigraph" if path.is_dir() or path.stat().st_size > AUTO_OXIGRAPH_BYTES else "rdflib"
    if engine == "oxigraph":
        return OxigraphEngine.from_path(path)
    if engine == "rdflib":
        if path.is_dir():
            raise QueryError(f"{path} is an Oxigraph store: query it with --engine oxigraph (or auto)")
        return RdflibEngine.from_file(path)
    raise QueryError(f"unknown engine {engine!r} (auto, rdflib or oxigraph)")


def run_query(engine: Engine, query_or_file_or_name: str, params: Iterable[str] = ()) -> Result:
    """Resolve a canned name, file or inline query, parse ``params`` (``name=value``) and run it."""
    text, canned = resolve_query(query_or_file_or_name)
    required = [p.name for p in canned.params] if canned else []
    bound = parse_params(params)
    if canned is not None:
        unknown = [n for n in bound if n not in required]
        if unknown:
            raise QueryError(f"query {canned.name!r} takes " + (", ".join(required) or "no parameters")
                             + f", not {', '.join(unknown)}")
    return engine.query(text, bound, required)
