"""Hostile text shared by the export tests: what a paper can throw at an exporter, and what must come back."""

from __future__ import annotations

import copy

import networkx as nx

#: Quotes, backslashes, line breaks of three kinds, markup, an emoji, Cypher and XML syntax, and
#: characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF).
HOSTILE = ('He said "hi" & it\'s a \\path\\ \\n not a newline\n<script>alert(1)</script> 😀 '
           "MATCH (n) DETACH DELETE n // ]]> \x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff tab\tend\r\nnext\rline")
#: HOSTILE as every export gives it back: XML-forbidden characters removed, line breaks as \n.
HOSTILE_CLEAN = ('He said "hi" & it\'s a \\path\\ \\n not a newline\n<script>alert(1)</script> 😀 '
                 "MATCH (n) DETACH DELETE n // ]]>  tab\tend\nnext\nline")


def hostile_graph(graph: nx.MultiDiGraph, text: str = HOSTILE) -> nx.MultiDiGraph:
    """A copy of the ``small_graph`` fixture with ``text`` in a paper title, an entity name and alias, and an edge's evidence."""
    graph = copy.deepcopy(graph)
    paper = graph.nodes["paper:2401.00001"]
    paper["title"] = paper["label"] = text
    model = graph.nodes["model:llama-2"]
    model["label"] = text
    model["aliases"] = [text, "LLaMA 2"]
    graph.edges["paper:2401.00001", "model:llama-2", "builds_on"]["evidence"] = text
    return graph
