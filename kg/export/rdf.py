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

Streaming: the files are written by kg, not by rdflib (whose Turtle serializer holds the whole
graph and wrote ~1,000 papers a second), one subject at a time (:func:`generate_triples`,
:func:`subject_blocks`). Edges are indexed in compact arrays (:class:`_Edges`, ~20 bytes an edge)
to put them in the order each file uses; beyond the graph a writer holds that index and the node
IRIs (about 100 MB at 100,000 papers), never the triples. Terms are written as the specs say:
IRIs in ``<>`` (every node IRI percent-encoded, see above), strings with the N-Triples/Turtle
escapes of :func:`_escape`, prefixed names only for a plain ``PN_LOCAL``. The tests parse every
file with rdflib and Oxigraph and compare the text with the whole-graph algorithm.

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
from array import array
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
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
    "node_iri", "assertion_iri", "generate_triples", "subject_blocks", "ntriples_lines", "turtle_chunks",
    "jsonld_document", "jsonld_nodes",
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
    text = value if type(value) is str else str(value)
    if _SURROGATES.search(text) is not None:
        text = _SURROGATES.sub("", text)
    return Lit(text)


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


_CLASS_IRI = {kind: str(KG[kind]) for kind in NODE_PREFIX}
_PROPERTY_IRI = {relation: str(KG[name]) for relation, name in RDF_PROPERTY.items()}


def _node_iri_checked(node: str, attrs: dict, base: str) -> str:
    kind = attrs.get("kind")
    if kind not in NODE_PREFIX:
        raise KgError(f"node {node!r}: unknown kind {kind!r}")
    return node_iri(node, kind, base)


def _node_pairs(attrs: dict, node: str) -> Iterator[tuple[str, IRI | Lit]]:
    """The (predicate, object) pairs of a node's own triples, in the order N-Triples writes them."""
    kind = attrs["kind"]
    yield _TYPE, IRI(_CLASS_IRI[kind])
    yield _S_ID, _text(node)
    label = _text(attrs.get("label", ""))
    yield _LABEL, label
    if kind == PAPER:
        yield _S_NAME, _text(attrs.get("title", attrs.get("label", "")))
        if attrs.get("abstract"):
            yield _S_ABSTRACT, _text(attrs["abstract"])
        if attrs.get("year") is not None:
            yield _S_DATE, Lit(f"{int(attrs['year']):04d}", _GYEAR)
        if attrs.get("url"):
            yield _S_URL, Lit(_text(attrs["url"]).lexical, _ANYURI)
        for author in _sorted_unique(attrs.get("authors") or ()):
            yield _S_AUTHOR, _text(author)
    else:
        yield _PREF, label
        # SKOS S13: prefLabel and altLabel are disjoint, so the canonical name is not repeated.
        for alias in _sorted_unique(attrs.get("aliases") or ()):
            if _text(alias) != label:
                yield _ALT, _text(alias)
        yield _PAPER_COUNT, Lit(str(int(attrs.get("papers", 0))), _INTEGER)


def _property(u: str, v: str, relation: str) -> str:
    try:
        return _PROPERTY_IRI[relation]
    except (KeyError, TypeError):
        raise KgError(f"edge {u} -> {v}: unknown relation {relation!r}") from None


def _edge_pairs(u: str, v: str, attrs: dict, iris: dict[str, str]) -> Iterator[tuple[str, IRI]]:
    """The direct triples of an edge (subject ``iris[u]``): the relation, and ``skos:broader`` for variant_of."""
    relation = attrs["relation"]
    yield _property(u, v, relation), IRI(iris[v])
    if relation == VARIANT_OF:
        yield _BROADER, IRI(iris[v])


def _assertion_pairs(u: str, v: str, attrs: dict, iris: dict[str, str], u_is_paper: bool
                     ) -> Iterator[tuple[str, IRI | Lit]]:
    """The triples of an edge's provenance node (subject :func:`assertion_iri`)."""
    yield _TYPE, IRI(_ASSERTION)
    yield _SUBJECT, IRI(iris[u])
    yield _PREDICATE, IRI(_property(u, v, attrs["relation"]))
    yield _OBJECT, IRI(iris[v])
    if u_is_paper:
        yield _DERIVED, IRI(iris[u])
    if attrs.get("evidence"):
        yield _EVIDENCE, _text(attrs["evidence"])
    yield _RULE, _text(attrs.get("rule", ""))
    yield _CONFIDENCE, _decimal(attrs.get("confidence", 1.0))
    for form in _sorted_unique(attrs.get("surface") or ()):
        yield _SURFACE, _text(form)


class _Edges:
    """Every edge of a graph as two small integers (source and target rank) and its attributes.

    About 20 bytes an edge (two int32, a relation code, a reference to the edge's attribute
    dictionary), where a list of ``(u, v, attrs)`` tuples and its sort keys took ~150, so the
    writers can put a million edges in any order without a second copy of the graph.
    """

    def __init__(self, graph: nx.MultiDiGraph, nodes: list[str], rank: dict[str, int]):
        import numpy as np  # here, not at the top: `kg query` imports this module and needs no numpy

        self.nodes = nodes
        self.source, self.target, relation_codes = array("i"), array("i"), array("i")
        self.attrs: list[dict] = []
        codes: dict = {}
        for u, v, attrs in graph.edges(data=True):
            self.source.append(rank[u])
            self.target.append(rank[v])
            relation = attrs["relation"]
            code = codes.get(relation)
            if code is None:
                code = codes[relation] = len(codes)
            relation_codes.append(code)
            self.attrs.append(attrs)
        self.relations = list(codes)
        order = {relation: i for i, relation in enumerate(sorted(codes))}
        self._relation_rank = np.array([order[r] for r in self.relations], dtype=np.int32)[
            np.frombuffer(relation_codes, dtype=np.int32)] if len(relation_codes) else np.zeros(0, np.int32)
        self._codes = relation_codes

    def sorted_by_triple(self) -> Iterator[tuple[str, str, dict]]:
        """``(u, v, attrs)`` sorted by (u, relation, v), ties in graph order (a stable sort)."""
        import numpy as np

        source = np.frombuffer(self.source, dtype=np.int32)
        target = np.frombuffer(self.target, dtype=np.int32)
        order = np.lexsort((target, self._relation_rank, source))
        yield from self._rows(order)

    def _rows(self, order) -> Iterator[tuple[str, str, dict]]:
        nodes, attrs, source, target = self.nodes, self.attrs, self.source, self.target
        for start in range(0, len(order), 4096):
            for i in order[start:start + 4096].tolist():
                yield nodes[source[i]], nodes[target[i]], attrs[i]

    def sorted_by_assertion(self) -> Iterator[tuple[str, str, str, dict]]:
        """``(digest, u, v, attrs)`` sorted by :func:`assertion_iri` (``digest`` is its hex part), ties in graph order."""
        import numpy as np

        digests = bytearray()
        nodes, source, target, relations, codes = self.nodes, self.source, self.target, self.relations, self._codes
        for i in range(len(self.attrs)):
            key = f"{nodes[source[i]]}\n{relations[codes[i]]}\n{nodes[target[i]]}".encode("utf-8", "surrogatepass")
            digests += hashlib.sha256(key).digest()[:16]
        # Big-endian halves sort as the bytes do, and the bytes as their hex digits (the IRI) do.
        halves = np.frombuffer(digests, dtype=">u8").reshape(-1, 2) if digests else np.zeros((0, 2), ">u8")
        order = np.lexsort((halves[:, 1], halves[:, 0]))
        del halves
        view = memoryview(digests)
        for (u, v, attrs), i in zip(self._rows(order), _chunked(order)):
            yield view[16 * i:16 * i + 16].hex(), u, v, attrs


def _chunked(order) -> Iterator[int]:
    for start in range(0, len(order), 4096):
        yield from order[start:start + 4096].tolist()


def _index(graph: nx.MultiDiGraph, base: str) -> tuple[list[str], dict[str, int], dict[str, str]]:
    """Nodes sorted, their ranks, and their IRIs (an unknown kind raises, first in sorted order)."""
    check_base(base)
    nodes = sorted(graph.nodes)
    iris = {node: _node_iri_checked(node, graph.nodes[node], base) for node in nodes}
    return nodes, {node: i for i, node in enumerate(nodes)}, iris


def generate_triples(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """Yield the triples of ``graph``, in a fixed order (nodes, then edges, then assertions, each sorted).

    The order depends only on the graph's content, not on the order nodes and edges were added.
    Streams: beyond the graph it holds the node IRIs and about 20 bytes per edge (:class:`_Edges`).
    """
    nodes, rank, iris = _index(graph, base)
    for node in nodes:
        subject = iris[node]
        for predicate, obj in _node_pairs(graph.nodes[node], node):
            yield subject, predicate, obj
    edges = _Edges(graph, nodes, rank)
    for u, v, attrs in edges.sorted_by_triple():
        for predicate, obj in _edge_pairs(u, v, attrs, iris):
            yield iris[u], predicate, obj
    kinds = graph.nodes
    for u, v, attrs in edges.sorted_by_triple():
        node = assertion_iri(u, attrs["relation"], v, base)
        for predicate, obj in _assertion_pairs(u, v, attrs, iris, kinds[u].get("kind") == PAPER):
            yield node, predicate, obj


def _merge(a: Iterator[tuple[str, list]], b: Iterator[tuple[str, list]]) -> Iterator[tuple[str, list]]:
    """Two streams of ``(subject, pairs)``, each sorted by subject, as one sorted stream (a first on ties)."""
    x, y = next(a, None), next(b, None)
    while x is not None and y is not None:
        if x[0] <= y[0]:
            yield x
            x = next(a, None)
        else:
            yield y
            y = next(b, None)
    if x is not None:
        yield x
        yield from a
    if y is not None:
        yield y
        yield from b


class _Subject(NamedTuple):
    """One subject of the graph's RDF and where its triples come from."""

    iri: str
    nodes: list[str]  # graph nodes with this IRI (one, in any kg graph)
    edges: list[tuple[str, str, dict]]  # edges whose assertion has this IRI (one, in any kg graph)


class _Subjects:
    """Every subject of ``graph``'s RDF, sorted, each with what its triples are made from.

    A node's triples come from the node and its out-edges, an assertion's from its edge
    (assertion subjects come in the order of their digest, :class:`_Edges`), so nothing ever
    holds all the triples: beyond the graph, this holds the node IRIs and ~20 bytes per edge.
    """

    def __init__(self, graph: nx.MultiDiGraph, base: str):
        self.graph = graph
        self.base = base
        nodes, rank, self.iris = _index(graph, base)
        self.by_iri = sorted(zip(self.iris.values(), self.iris.keys()))
        self.edges = _Edges(graph, nodes, rank)
        self.out = graph._succ if graph.is_directed() else _out_edges(graph)

    def __iter__(self) -> Iterator[_Subject]:
        current: _Subject | None = None
        for iri, node, edge in _merge(((iri, node, None) for iri, node in self.by_iri), self._assertions()):
            if current is None or iri != current.iri:
                if current is not None:
                    yield current
                current = _Subject(iri, [], [])
            if node is not None:
                current.nodes.append(node)
            else:
                current.edges.append(edge)
        if current is not None:
            yield current

    def _assertions(self) -> Iterator[tuple[str, None, tuple[str, str, dict]]]:
        prefix = f"{self.base}assertion/"
        for digest, u, v, attrs in self.edges.sorted_by_assertion():
            yield prefix + digest, None, (u, v, attrs)

    def pairs(self, subject: _Subject) -> list[tuple[str, IRI | Lit]]:
        """Every (predicate, object) of ``subject``, unsorted."""
        iris, node_attrs, multi = self.iris, self.graph._node, self.graph.is_multigraph()
        pairs: list[tuple[str, IRI | Lit]] = []
        for node in subject.nodes:
            pairs += _node_pairs(node_attrs[node], node)
            for v, keyed in self.out.get(node, {}).items():
                for attrs in (keyed.values() if multi else (keyed,)):
                    pairs += _edge_pairs(node, v, attrs, iris)
        for u, v, attrs in subject.edges:
            pairs += _assertion_pairs(u, v, attrs, iris, node_attrs[u].get("kind") == PAPER)
        return pairs


def _out_edges(graph: nx.Graph) -> dict:
    """An undirected graph's edges as ``graph.edges()`` orients them, shaped like a digraph's ``_succ``."""
    out: dict = {}
    if graph.is_multigraph():
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            out.setdefault(u, {}).setdefault(v, {})[key] = attrs
    else:
        for u, v, attrs in graph.edges(data=True):
            out.setdefault(u, {})[v] = attrs
    return out


def subject_blocks(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE
                   ) -> Iterator[tuple[str, list[tuple[str, list[IRI | Lit]]]]]:
    """Yield ``(subject, [(predicate, objects), ...])`` for every subject of ``graph``, subjects sorted.

    Predicates are sorted (``rdf:type`` first), each with its objects sorted (by their N-Triples
    form) and deduplicated: the blocks of Turtle and the node objects of JSON-LD. Made one
    subject at a time (:class:`_Subjects`).
    """
    subjects = _Subjects(graph, base)
    for subject in subjects:
        yield subject.iri, _group_predicates(subjects.pairs(subject))


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


def _escape_match(match: re.Match) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _escape(text: str) -> str:
    if _TO_ESCAPE.search(text) is None:
        return text
    return _TO_ESCAPE.sub(_escape_match, text)


def _nt(term: IRI | Lit) -> str:
    if type(term) is IRI:
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


_NAMESPACES = tuple(PREFIXES.values())
#: Turtle names of the vocabulary's IRIs (predicates, classes, datatypes): a few dozen, each used
#: on every subject.
_NAMES: dict[str, str] = {}


def _turtle_name(iri: str) -> str:
    name = _NAMES.get(iri)
    if name is not None:
        return name
    if not iri.startswith(_NAMESPACES):  # node IRIs: no prefix applies
        return f"<{iri}>"
    name = f"<{iri}>"
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and _PN_LOCAL.fullmatch(iri[len(namespace):]):
            name = f"{prefix}:{iri[len(namespace):]}"
            break
    if len(_NAMES) < 4096:
        _NAMES[iri] = name
    return name


def _turtle_object(term: IRI | Lit) -> str:
    if type(term) is IRI:
        return _turtle_name(term.value)
    if term.datatype == _STRING:
        return f'"{_escape(term.lexical)}"'
    return f'"{_escape(term.lexical)}"^^{_turtle_name(term.datatype)}'


def turtle_chunks(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[str]:
    """Yield the Turtle text of ``graph``: the prefixes, then one block per subject, subjects sorted.

    The text is written here rather than by rdflib's serializer, which holds the whole graph and
    wrote ~1,000 papers a second: terms follow Turtle 1.1 (IRIs in ``<>``, every character
    outside RFC 3986's unreserved set percent-encoded in node IRIs; strings in ``"..."`` with the
    ECHAR escapes ``\\" \\\\ \\n \\r`` and ``\\uXXXX`` for other control characters, :func:`_escape`;
    prefixed names only where the local part is a plain ``PN_LOCAL``), and the tests read every
    file back with rdflib and Oxigraph. Blocks are :func:`subject_blocks`, one at a time; the
    block of an assertion (four in five subjects) is written by :func:`_assertion_turtle`.
    """
    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())
    subjects = _Subjects(graph, base)
    iris, node_attrs = subjects.iris, graph._node
    out: list[str] = []
    for subject in subjects:
        if not subject.nodes and len(subject.edges) == 1:
            u, v, attrs = subject.edges[0]
            out.append(_assertion_turtle(subject.iri, u, v, attrs, iris, node_attrs[u].get("kind") == PAPER))
        else:
            out.append(_turtle_block(subject.iri, _group_predicates(subjects.pairs(subject))))
        if len(out) == 256:
            yield "".join(out)
            out.clear()
    yield "".join(out)


def _predicate_head(predicate: str) -> str:
    return "    " + ("a" if predicate == _TYPE else _turtle_name(predicate)) + " "


def _turtle_block(subject: str, grouped: list[tuple[str, list[IRI | Lit]]]) -> str:
    lines = []
    for predicate, objects in grouped:
        head = _predicate_head(predicate)
        if len(objects) == 1:
            lines.append(head + _turtle_object(objects[0]))
        else:
            lines.append(head + ",\n        ".join([_turtle_object(o) for o in objects]))
    return f"\n<{subject}>\n" + " ;\n".join(lines) + " .\n"


#: The predicates of an assertion in Turtle's order (:func:`_group_predicates`: rdf:type, then sorted).
_ASSERTION_ORDER = sorted([_SUBJECT, _PREDICATE, _OBJECT, _DERIVED, _EVIDENCE, _RULE, _CONFIDENCE, _SURFACE])


def _assertion_turtle(subject: str, u: str, v: str, attrs: dict, iris: dict[str, str], u_is_paper: bool) -> str:
    """``_turtle_block(subject, _group_predicates(_assertion_pairs(...)))``, written directly.

    The same triples as :func:`_assertion_pairs` (the tests compare both ways on whole graphs):
    one object per predicate except ``kg:surface``, whose forms are sorted and deduplicated as
    :func:`_group_predicates` does. Four in five subjects are assertions, so this is the
    Turtle writer's inner loop: rules, confidences and relations, which repeat, are cached.
    """
    objects: list[str | None] = [None] * len(_ASSERTION_ORDER)
    source = iris[u]
    objects[_AT[_SUBJECT]] = source = f"<{source}>" if not source.startswith(_NAMESPACES) else _turtle_name(source)
    objects[_AT[_OBJECT]] = f"<{iris[v]}>" if not iris[v].startswith(_NAMESPACES) else _turtle_name(iris[v])
    relation = attrs["relation"]
    objects[_AT[_PREDICATE]] = (_cached(_RELATION_NAMES, relation, lambda: _turtle_name(_property(u, v, relation)))
                                if type(relation) is str else _turtle_name(_property(u, v, relation)))
    if u_is_paper:
        objects[_AT[_DERIVED]] = source
    evidence = attrs.get("evidence")
    if evidence:
        objects[_AT[_EVIDENCE]] = _string_turtle(evidence)
    rule = attrs.get("rule", "")
    objects[_AT[_RULE]] = (_cached(_RULE_TEXTS, rule, lambda: _string_turtle(rule)) if type(rule) is str
                           else _string_turtle(rule))
    confidence = attrs.get("confidence", 1.0)
    objects[_AT[_CONFIDENCE]] = (
        _cached(_DECIMAL_TEXTS, confidence, lambda: _turtle_object(_decimal(confidence))) if type(confidence) is float
        else _turtle_object(_decimal(confidence)))
    surface = attrs.get("surface")
    if surface:
        if len(surface) == 1:
            objects[_AT[_SURFACE]] = _string_turtle(str(surface[0]) if type(surface) in (list, tuple) else
                                                    next(iter(surface)))
        else:
            forms = sorted({_text(form) for form in _sorted_unique(surface)}, key=_nt)
            objects[_AT[_SURFACE]] = ",\n        ".join([_turtle_object(form) for form in forms])
    lines = [head + obj for head, obj in zip(_ASSERTION_HEAD_LIST, objects) if obj is not None]
    return f"\n<{subject}>\n{_ASSERTION_TYPE_LINE} ;\n" + " ;\n".join(lines) + " .\n"


#: Characters a Turtle string must not hold as they are: lone surrogates (dropped) and what _escape escapes.
_STRING_SPECIAL = re.compile('[\ud800-\udfff"\\\\\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')


def _string_turtle(value: object) -> str:
    """``_turtle_object(_text(value))``: ``value`` as a Turtle (and N-Triples) string literal."""
    text = value if type(value) is str else str(value)
    if _STRING_SPECIAL.search(text) is not None:
        text = _escape(_SURROGATES.sub("", text))
    return f'"{text}"'


def _cached(cache: dict, key: str | float, make) -> str:
    """``cache[key]``, made by ``make()`` the first time; at most 1,024 entries are kept.

    Keys are of one type per cache (str or float), so equal keys (``1 == True``) never mix.
    """
    try:
        return cache[key]
    except KeyError:
        value = make()
        if len(cache) < 1024:
            cache[key] = value
        return value


_RELATION_NAMES: dict = {}
_RULE_TEXTS: dict = {}
_DECIMAL_TEXTS: dict = {}


def _group_predicates(pairs: list[tuple[str, IRI | Lit]]) -> list[tuple[str, list[IRI | Lit]]]:
    """Predicates sorted (``rdf:type`` first), each with its objects sorted and deduplicated."""
    grouped: dict[str, list[IRI | Lit]] = {}
    for p, o in pairs:
        objects = grouped.get(p)
        if objects is None:
            grouped[p] = [o]
        else:
            objects.append(o)
    order = sorted(grouped)
    if _TYPE in grouped:
        order.remove(_TYPE)
        order.insert(0, _TYPE)
    return [(p, grouped[p] if len(grouped[p]) == 1 else sorted(set(grouped[p]), key=_nt)) for p in order]


_AT = {predicate: i for i, predicate in enumerate(_ASSERTION_ORDER)}
_ASSERTION_HEAD_LIST = [_predicate_head(predicate) for predicate in _ASSERTION_ORDER]
_ASSERTION_TYPE_LINE = _predicate_head(_TYPE) + _turtle_name(_ASSERTION)


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
    return {"@context": dict(PREFIXES), "@graph": list(jsonld_nodes(graph, base))}


def jsonld_nodes(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Iterator[dict]:
    """The node objects of :func:`jsonld_document`'s ``@graph``, one at a time, sorted by ``@id``."""
    for subject, grouped in subject_blocks(graph, base):
        node: dict[str, object] = {"@id": subject}
        for predicate, objects in grouped:
            if predicate == _TYPE:
                node["@type"] = [_jsonld_key(o.value) for o in objects if isinstance(o, IRI)]
            else:
                node[_jsonld_key(predicate)] = [_jsonld_value(o) for o in objects]
        yield node


def _jsonld_text(subject: str, grouped: list[tuple[str, list[IRI | Lit]]]) -> str:
    """The node object :func:`jsonld_nodes` makes of a subject, as ``json.dumps(indent=1)`` writes it
    inside ``@graph`` (written directly: the json module's indenting encoder is pure Python and slow)."""
    parts = ['  {\n   "@id": ' + encode_basestring(subject)]
    for predicate, objects in grouped:
        if predicate == _TYPE:
            items = [encode_basestring(_jsonld_key(o.value)) for o in objects if type(o) is IRI]
            key = '"@type"'
        else:
            items = []
            for o in objects:
                if type(o) is IRI:
                    items.append('{\n     "@id": ' + encode_basestring(o.value) + "\n    }")
                elif o.datatype == _STRING:
                    items.append('{\n     "@value": ' + encode_basestring(o.lexical) + "\n    }")
                else:
                    items.append('{\n     "@value": ' + encode_basestring(o.lexical) + ',\n     "@type": '
                                 + encode_basestring(_jsonld_key(o.datatype)) + "\n    }")
            key = encode_basestring(_jsonld_key(predicate))
        parts.append(f"   {key}: " + ("[\n    " + ",\n    ".join(items) + "\n   ]" if items else "[]"))
    return ",\n".join(parts) + "\n  }"


def write_jsonld(graph: nx.MultiDiGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write ``graph`` as JSON-LD (UTF-8, flattened, node objects sorted by ``@id``) to ``path``.

    Streams the node objects: the file is ``json.dump(jsonld_document(graph), indent=1)`` without
    that document ever being in memory.
    """
    with atomic_open(path, "w") as handle:
        handle.write('{\n "@context": ' + json.dumps(PREFIXES, ensure_ascii=False, indent=1).replace("\n", "\n ")
                     + ',\n "@graph": ')
        separator, out = "[\n", []
        for subject, grouped in subject_blocks(graph, base):
            out.append(separator + _jsonld_text(subject, grouped))
            separator = ",\n"
            if len(out) == 256:
                handle.write("".join(out))
                out.clear()
        out.append("[]\n}\n" if separator == "[\n" else "\n ]\n}\n")
        handle.write("".join(out))


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
