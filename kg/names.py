"""Shared names: node kinds, relations and their spellings in each output format.

Every module takes these from here so that a kind or relation is spelt one way everywhere.
"""

from __future__ import annotations

PAPER = "Paper"
MODEL = "Model"
METHOD = "Method"
DATASET = "Dataset"
BENCHMARK = "Benchmark"

#: Entity kinds, in the order summaries and legends list them.
ENTITY_KINDS: tuple[str, ...] = (MODEL, METHOD, DATASET, BENCHMARK)
KINDS: tuple[str, ...] = (PAPER, *ENTITY_KINDS)

#: Node id prefix of each kind (``model:llama-2``).
NODE_PREFIX: dict[str, str] = {kind: kind.lower() for kind in KINDS}

MENTIONS = "mentions"
INTRODUCES = "introduces"
BUILDS_ON = "builds_on"
TRAINED_ON = "trained_on"
EVALUATED_ON = "evaluated_on"
COMPARES_TO = "compares_to"
VARIANT_OF = "variant_of"

#: The five typed paper -> entity relations that extraction decides.
PAPER_RELATIONS: tuple[str, ...] = (INTRODUCES, BUILDS_ON, TRAINED_ON, EVALUATED_ON, COMPARES_TO)
RELATIONS: tuple[str, ...] = (MENTIONS, *PAPER_RELATIONS, VARIANT_OF)

#: Which entity kinds each relation may point at (DESIGN.md, "The graph").
RELATION_TARGETS: dict[str, tuple[str, ...]] = {
    MENTIONS: ENTITY_KINDS,
    INTRODUCES: ENTITY_KINDS,
    BUILDS_ON: (MODEL, METHOD),
    TRAINED_ON: (DATASET,),
    EVALUATED_ON: (BENCHMARK, DATASET),
    COMPARES_TO: (MODEL, METHOD),
    VARIANT_OF: ENTITY_KINDS,
}

#: RDF property local names (``kg:buildsOn``).
RDF_PROPERTY: dict[str, str] = {
    MENTIONS: "mentions",
    INTRODUCES: "introduces",
    BUILDS_ON: "buildsOn",
    TRAINED_ON: "trainedOn",
    EVALUATED_ON: "evaluatedOn",
    COMPARES_TO: "comparesTo",
    VARIANT_OF: "variantOf",
}

#: Neo4j relationship types (``BUILDS_ON``).
NEO4J_TYPE: dict[str, str] = {rel: rel.upper() for rel in RELATIONS}

#: Separator for list values in formats that only hold strings (GraphML, GEXF).
LIST_SEPARATOR = " | "


def node_id(kind: str, key: str) -> str:
    """The graph node id of an entity or paper: ``node_id("Model", "llama-2") == "model:llama-2"``."""
    return f"{NODE_PREFIX[kind]}:{key}"
