"""SPARQL over kg's graph: engines, canned queries, entity cards and a read-only endpoint.

>>> from kg.query import open_graph, run_query          # doctest: +SKIP
>>> result = run_query(open_graph(), "lineage", ["name=Llama 2"])  # doctest: +SKIP

:mod:`kg.query.engine` loads a graph into rdflib or Oxigraph and runs queries with bound
parameters; ``kg/query/queries/*.rq`` are the canned queries (``kg queries``);
:mod:`kg.query.serve` is the SPARQL 1.1 Protocol endpoint (``kg serve``). See docs/sparql.md.
"""

from __future__ import annotations

from kg.query.engine import (
    CannedQuery, Engine, OxigraphEngine, RdflibEngine, Result, canned_queries, format_result, open_graph,
    parse_params, parse_term, run_query,
)

__all__ = [
    "CannedQuery", "Engine", "OxigraphEngine", "RdflibEngine", "Result", "canned_queries", "format_result",
    "open_graph", "parse_params", "parse_term", "run_query",
]
