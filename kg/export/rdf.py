"""RDF export: Turtle, N-Triples, JSON-LD and an Oxigraph store, in the kg ontology.

Formats: Turtle 1.1 (https://www.w3.org/TR/turtle/), N-Triples 1.1
(https://www.w3.org/TR/n-triples/), JSON-LD 1.1 (https://www.w3.org/TR/json-ld11/, flattened, one
node object per subject, with an inline ``@context``), and an Oxigraph on-disk store
(https://pyoxigraph.readthedocs.io/) for large graphs. The vocabulary is ``ontology/kg.ttl``;
``ontology/shapes.ttl`` says what a valid export holds.

What is written:

* every node, typed ``kg:Paper`` / ``kg:Model`` / ``kg:Method`` / ``kg:Dataset`` / ``kg:Benchmark``;
  papers with ``rdfs:label``, ``schema:name``, ``schema:abstract``, ``schema:datePublished``
  (``xsd:gYear``), ``schema:url`` (``xsd:anyURI``), ``schema:author``; entities with
  ``skos:prefLabel`` and ``rdfs:label`` (the canonical name), ``skos:altLabel`` (other surface forms)
  and ``kg:paperCount``; every node with ``schema:identifier`` (its graph node id);
* every edge as a direct triple (``<paper> kg:buildsOn <model>``; ``variant_of`` also as
  ``skos:broader``), and its provenance as a ``kg:Assertion``: a reified statement
  (``rdf:subject`` / ``rdf:predicate`` / ``rdf:object``) with ``prov:wasDerivedFrom`` the paper,
  ``kg:evidence`` the sentence, ``kg:rule``, ``kg:confidence`` (``xsd:decimal``) and ``kg:surface``.
  Read it back with the canned query ``edge_evidence.rq`` (see docs/sparql.md).

IRIs: a paper whose id is an arXiv id is ``https://arxiv.org/abs/<id>``; any other paper is
``<base>paper/<id>``; an entity is ``<base><kind>/<slug>``; an assertion is
``<base>assertion/<hash>`` (SHA-256 of subject id, relation and object id), so no blank node is
ever written and the same graph always gives the same bytes. Every character outside RFC 3986's
unreserved set is percent-encoded (UTF-8), so any title or name gives a valid IRI. The base is
configurable (``base=``; default ``https://w3id.org/kg/id/``).

Not supported: author order (``schema:author`` values are a set), language tags (text is
``xsd:string``), named graphs, RDF-star. Lone UTF-16 surrogates, which no RDF syntax can hold,
are dropped from text.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.atomic import atomic_dir, atomic_open
from kg.errors import KgError
from kg.names import NODE_PREFIX, PAPER, RDF_PROPERTY, VARIANT_OF
from kg.rdf_terms import KG

__all__ = [
    "DEFAULT_BASE", "KG", "SCHEMA", "PREFIXES", "IRI", "Lit", "check_base", "paper_iri", "entity_iri",
    "node_iri", "assertion_iri", "generate_triples", "ntriples_lines", "turtle_chunks", "jsonld_document",
    "to_rdf", "write_turtle", "write_ntriples", "write_jsonld", "write_oxigraph",
]

DEFAULT_BASE = "https://w3id.org/kg/id/"
ARXIV_ABS = "https://arxiv.org/abs/"
SCHEMA = "https://schema.org/"

#: Prefixes written in Turtle and JSON-LD and declared for every query (DESIGN.md, "RDF").
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "schema": SCHEMA,
    "prov": str(PROV),
}

_XSD = str(XSD)
_STRING = _XSD + "string"
_INTEGER = _XSD + "integer"
_DECIMAL = _XSD + "decimal"
_GYEAR = _XSD + "gYear"
_ANYURI = _XSD + "anyURI"

_TYPE = str(RDF.type)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_LABEL = str(RDFS.label)
_PREF, _ALT, _BROADER = str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.broader)
_DERIVED = str(PROV.wasDerivedFrom)
_S_NAME, _S_ABSTRACT, _S_DATE = SCHEMA + "name", SCHEMA + "abstract", SCHEMA + "datePublished"
_S_URL, _S_AUTHOR, _S_ID = SCHEMA + "url", SCHEMA + "author", SCHEMA + "identifier"
_ASSERTION = str(KG.Assertion)
_EVIDENCE, _RULE, _CONFIDENCE, _SURFACE = str(KG.evidence), str(KG.rule), str(KG.confidence), str(KG.surface)
_PAPER_COUNT = str(KG.paperCount)

# New-style (2310.12345) and old-style (hep-th/9901001, math.AG/0601001) arXiv ids, whole string.
_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}")
# An absolute IRI with no character N-Triples forbids in IRIREF.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")
_SURROGATES = re.compile("[\ud800-\udfff]")


class IRI(NamedTuple):
    """An IRI in a generated triple."""

    value: str


class Lit(NamedTuple):
    """A literal in a generated triple: lexical form and datatype IRI."""

    lexical: str
    datatype: str = _STRING


Triple = tuple[str, str, "IRI | Lit"]


# --- IRIs -----------------------------------------------------------------------------------------


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix kg's IRIs, else raise :class:`~kg.errors.KgError`.

    It must be an absolute IRI ending in ``/`` or ``#``, whose scheme is not one of the prefixes
    the JSON-LD context declares (``kg:...`` would read as a compact IRI there).
    """
    if not _ABSOLUTE_IRI.fullmatch(base) or not base.endswith(("/", "#")):
        raise KgError(f"base IRI {base!r} must be an absolute IRI ending in '/' or '#'")
    if base.split(":", 1)[0].lower() in PREFIXES:
        raise KgError(f"base IRI {base!r}: its scheme is a prefix of the kg vocabulary")
    return base


def _segment(text: str) -> str:
    """``text`` as one IRI path segment: every character but A-Z a-z 0-9 - . _ ~ percent-encoded.

    ``""``, ``"."`` and ``".."`` would be removed by IRI resolution, so they become a hash. A lone
    surrogate (not a character, but Python strings can hold one) is encoded as its UTF-8-style
    bytes, so different ids never share an IRI.
    """
    data = text.encode("utf-8", "surrogatepass")
    if text.strip(".") == "":
        return "_" + hashlib.sha256(data).hexdigest()[:16]
    return quote(data, safe="")


def paper_iri(paper_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of a paper: its arXiv abstract page when ``paper_id`` is an arXiv id.

    >>> paper_iri("2401.00001")
    'https://arxiv.org/abs/2401.00001'
    >>> paper_iri("doi:10.1/x y")
    'https://w3id.org/kg/id/paper/doi%3A10.1%2Fx%20y'
    """
    if _ARXIV_ID.fullmatch(paper_id):
        return ARXIV_ABS + paper_id
    return f"{base}paper/{_segment(paper_id)}"


def entity_iri(kind: str, slug: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of an entity: ``<base><kind>/<slug>``.

    >>> entity_iri("Model", "llama-2")
    'https://w3id.org/kg/id/model/llama-2'
    """
    return f"{base}{NODE_PREFIX[kind]}/{_segment(slug)}"


def node_iri(node: str, kind: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of graph node ``node`` (``paper:<id>`` or ``<kind>:<slug>``) of kind ``kind``."""
    prefix, _, key = node.partition(":")
    if kind == PAPER:
        return paper_iri(key, base)
    if NODE_PREFIX.get(kind) != prefix:
        raise KgError(f"node {node!r}: its id does not start with {NODE_PREFIX.get(kind, kind)!r}:")
    return entity_iri(kind, key, base)


def assertion_iri(source: str, relation: str, target: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of the provenance node of edge ``source -relation-> target`` (graph node ids)."""
    key = f"{source}\n{relation}\n{target}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(key).hexdigest()[:32]
    return f"{base}assertion/{digest}"


# --- triples --------------------------------------------------------------------------------------


def _text(value: object) -> Lit:
    return Lit(_SURROGATES.sub("", str(value)))


def _decimal(value: float) -> Lit:
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise KgError(f"confidence {value!r} is not a number")
    # XSD 1.1's canonical form ("0.8", "1"), which is also what Oxigraph stores, so a value reads
    # back with the lexical form it was written with.
    lexical = f"{number:.3f}".rstrip("0").rstrip(".")
    return Lit("0" if lexical in ("-0", "") else lexical, _DECIMAL)


def _sorted_unique(values: Iterable[object]) -> list[str]:
    return sorted({str(v) for v in values})


def generate_triples(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """Yield the triples of ``graph``, in a fixed order (nodes, then edges, then assertions, each sorted).

    The order depends only on the graph's content, not on the order nodes and edges were added.
    """
    check_base(base)
    iris: dict[str, str] = {}
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        kind = attrs.get("kind")
        if kind not in NODE_PREFIX:
            raise KgError(f"node {node!r}: unknown kind {kind!r}")
        iris[node] = subject = node_iri(node, kind, base)
        yield subject, _TYPE, IRI(str(KG[kind]))
        yield subject, _S_ID, _text(node)
        label = _text(attrs.get("label", ""))
        yield subject, _LABEL, label
        if kind == PAPER:
            yield subject, _S_NAME, _text(attrs.get("title", attrs.get("label", "")))
            if attrs.get("abstract"):
                yield subject, _S_ABSTRACT, _text(attrs["abstract"])
            if attrs.get("year") is not None:
                yield subject, _S_DATE, Lit(f"{int(attrs['year']):04d}", _GYEAR)
            if attrs.get("url"):
                yield subject, _S_URL, Lit(_text(attrs["url"]).lexical, _ANYURI)
            for author in _sorted_unique(attrs.get("authors") or ()):
                yield subject, _S_AUTHOR, _text(author)
        else:
            yield subject, _PREF, label
            # SKOS S13: prefLabel and altLabel are disjoint, so the canonical name is not repeated.
            for alias in _sorted_unique(attrs.get("aliases") or ()):
                if _text(alias) != label:
                    yield subject, _ALT, _text(alias)
            yield subject, _PAPER_COUNT, Lit(str(int(attrs.get("papers", 0))), _INTEGER)
    edges = sorted(
        ((u, v, attrs) for u, v, attrs in graph.edges(data=True)),
        key=lambda e: (e[0], e[2]["relation"], e[1]),
    )
    for u, v, attrs in edges:
        relation = attrs["relation"]
        if relation not in RDF_PROPERTY:
            raise KgError(f"edge {u} -> {v}: unknown relation {relation!r}")
        yield iris[u], str(KG[RDF_PROPERTY[relation]]), IRI(iris[v])
        if relation == VARIANT_OF:
            yield iris[u], _BROADER, IRI(iris[v])
    for u, v, attrs in edges:
        relation = attrs["relation"]
        node = assertion_iri(u, relation, v, base)
        yield node, _TYPE, IRI(_ASSERTION)
        yield node, _SUBJECT, IRI(iris[u])
        yield node, _PREDICATE, IRI(str(KG[RDF_PROPERTY[relation]]))
        yield node, _OBJECT, IRI(iris[v])
        if graph.nodes[u].get("kind") == PAPER:
            yield node, _DERIVED, IRI(iris[u])
        if attrs.get("evidence"):
            yield node, _EVIDENCE, _text(attrs["evidence"])
        yield node, _RULE, _text(attrs.get("rule", ""))
        yield node, _CONFIDENCE, _decimal(attrs.get("confidence", 1.0))
        for form in _sorted_unique(attrs.get("surface") or ()):
            yield node, _SURFACE, _text(form)


def to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    """``graph`` as an rdflib :class:`~rdflib.Graph` (prefixes bound)."""
    rdf = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for s, p, o in generate_triples(graph, base):
        rdf.add((URIRef(s), URIRef(p), _rdflib_term(o)))
    return rdf


def _rdflib_term(term: IRI | Lit) -> URIRef | Literal:
    if isinstance(term, IRI):
        return URIRef(term.value)
    if term.datatype == _STRING:
        return Literal(term.lexical)
    return Literal(term.lexical, datatype=URIRef(term.datatype))


# --- N-Triples and Turtle ---------------------------------------------------------------------------

# Canonical N-Triples escapes " \ LF CR with ECHAR; other control characters become UCHAR so
# that no tool chokes on a raw one. Turtle strings use the same escapes.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r"}
_TO_ESCAPE = re.compile('["\\\\\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')


def _escape(text: str) -> str:
    return _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def _nt(term: IRI | Lit) -> str:
    if isinstance(term, IRI):
        return f"<{term.value}>"
    if term.datatype == _STRING:
        return f'"{_escape(term.lexical)}"'
    return f'"{_escape(term.lexical)}"^^<{term.datatype}>'


def ntriples_lines(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[str]:
    """Yield the N-Triples lines of ``graph`` (each ending in a newline)."""
    for s, p, o in generate_triples(graph, base):
        yield f"<{s}> <{p}> {_nt(o)} .\n"


def write_ntriples(graph: nx.MultiDiGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write ``graph`` as N-Triples (UTF-8, one triple a line, fixed order) to ``path``."""
    with atomic_open(path, "w") as handle:
        handle.writelines(ntriples_lines(graph, base))


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def _turtle_name(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and _PN_LOCAL.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _turtle_object(term: IRI | Lit) -> str:
    if isinstance(term, IRI):
        return _turtle_name(term.value)
    if term.datatype == _STRING:
        return f'"{_escape(term.lexical)}"'
    return f'"{_escape(term.lexical)}"^^{_turtle_name(term.datatype)}'


def turtle_chunks(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[str]:
    """Yield the Turtle text of ``graph``: the prefixes, then one block per subject, subjects sorted."""
    for prefix, namespace in PREFIXES.items():
        yield f"@prefix {prefix}: <{namespace}> .\n"
    for subject, pairs in sorted(_by_subject(graph, base).items()):
        lines = []
        for predicate, objects in _group_predicates(pairs):
            name = "a" if predicate == _TYPE else _turtle_name(predicate)
            lines.append(f"    {name} " + ",\n        ".join(_turtle_object(o) for o in objects))
        yield f"\n<{subject}>\n" + " ;\n".join(lines) + " .\n"


def _by_subject(graph: nx.MultiDiGraph, base: str) -> dict[str, list[tuple[str, IRI | Lit]]]:
    subjects: dict[str, list[tuple[str, IRI | Lit]]] = {}
    for s, p, o in generate_triples(graph, base):
        subjects.setdefault(s, []).append((p, o))
    return subjects


def _group_predicates(pairs: list[tuple[str, IRI | Lit]]) -> list[tuple[str, list[IRI | Lit]]]:
    """Predicates sorted (``rdf:type`` first), each with its objects sorted and deduplicated."""
    grouped: dict[str, set[IRI | Lit]] = {}
    for p, o in pairs:
        grouped.setdefault(p, set()).add(o)
    order = sorted(grouped, key=lambda p: (p != _TYPE, p))
    return [(p, sorted(grouped[p], key=_nt)) for p in order]


def write_turtle(graph: nx.MultiDiGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write ``graph`` as Turtle (UTF-8, subjects and predicates sorted) to ``path``."""
    with atomic_open(path, "w") as handle:
        handle.writelines(turtle_chunks(graph, base))


# --- JSON-LD ----------------------------------------------------------------------------------------


def _jsonld_key(iri: str) -> str:
    name = _turtle_name(iri)
    return iri if name.startswith("<") else name


def _jsonld_value(term: IRI | Lit) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"@id": term.value}
    if term.datatype == _STRING:
        return {"@value": term.lexical}
    return {"@value": term.lexical, "@type": _jsonld_key(term.datatype)}


def jsonld_document(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> dict:
    """``graph`` as a flattened JSON-LD document (``@context`` with the kg prefixes, ``@graph``)."""
    nodes = []
    for subject, pairs in sorted(_by_subject(graph, base).items()):
        node: dict[str, object] = {"@id": subject}
        for predicate, objects in _group_predicates(pairs):
            if predicate == _TYPE:
                node["@type"] = [_jsonld_key(o.value) for o in objects if isinstance(o, IRI)]
            else:
                node[_jsonld_key(predicate)] = [_jsonld_value(o) for o in objects]
        nodes.append(node)
    return {"@context": dict(PREFIXES), "@graph": nodes}


def write_jsonld(graph: nx.MultiDiGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write ``graph`` as JSON-LD (UTF-8, flattened, node objects sorted by ``@id``) to ``path``."""
    with atomic_open(path, "w") as handle:
        json.dump(jsonld_document(graph, base), handle, ensure_ascii=False, indent=1)
        handle.write("\n")


# --- Oxigraph store -----------------------------------------------------------------------------------


class _LineStream(io.RawIOBase):
    """A binary file over an iterator of text lines, so a store loads them without one big string."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while len(self._buffer) < len(target):
            chunk = "".join(line for _, line in zip(range(4096), self._lines))
            if not chunk:
                break
            self._buffer += chunk.encode("utf-8")
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def write_oxigraph(graph: nx.MultiDiGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write ``graph`` into a new Oxigraph store (a folder) at ``path``, replacing it atomically.

    Query it with ``kg query --graph PATH`` or ``pyoxigraph.Store.read_only(PATH)``.
    """
    import pyoxigraph

    with atomic_dir(path) as tmp:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes a private folder; outputs are meant to be shared
        store = pyoxigraph.Store(str(tmp))
        stream = io.BufferedReader(_LineStream(ntriples_lines(graph, base)), buffer_size=1 << 20)
        store.bulk_load(stream, format=pyoxigraph.RdfFormat.N_TRIPLES)
        # Compacting after a bulk load made queries on a 100,000-paper store about ten times
        # faster (scripts/bench_sparql.py).
        store.optimize()
        store.flush()
        del store
        gc.collect()  # the store's files must be closed before the folder is renamed into place
