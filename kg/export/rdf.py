"""RDF export (Turtle). Minimal first version; the ontology issue extends it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.atomic import write_bytes
from kg.names import RDF_PROPERTY

KG = Namespace("https://w3id.org/kg/ontology#")
DEFAULT_BASE = "https://w3id.org/kg/id/"


def to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    rdf = Graph()
    rdf.bind("kg", KG)
    rdf.bind("skos", SKOS)

    def iri(node: str) -> URIRef:
        return URIRef(base + quote(node, safe=":"))

    for node, attrs in graph.nodes(data=True):
        subject = iri(node)
        rdf.add((subject, RDF.type, KG[attrs["kind"]]))
        rdf.add((subject, RDFS.label, Literal(attrs["label"])))
    for u, v, attrs in graph.edges(data=True):
        rdf.add((iri(u), KG[RDF_PROPERTY[attrs["relation"]]], iri(v)))
    return rdf


def write_turtle(graph: nx.MultiDiGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    write_bytes(path, to_rdf(graph, base).serialize(format="turtle").encode("utf-8"))
