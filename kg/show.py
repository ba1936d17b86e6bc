"""Entity cards for ``kg show``: what the graph says about one model, method, dataset or benchmark.

A card lists the entity's kind, aliases, family and variants, the papers that introduce it, what it
builds on and what builds on it, where it was evaluated and trained, what it was compared with,
and (for a benchmark or dataset) what was evaluated or trained on it; each item carries the evidence sentences (paper, rule, confidence) behind it. The data comes
from SPARQL queries (``kg/query/queries/show/*.rq``) over the RDF export, so a card shows exactly
what ``kg query`` sees, on either engine.

>>> from kg.query.engine import open_graph                    # doctest: +SKIP
>>> [c.label for c in entity_cards(open_graph(), "llama 2")]  # doctest: +SKIP
['Llama 2']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.errors import EntityNotFound
from kg.query.engine import CannedQuery, Engine, canned_queries
from kg.resources import queries_dir

__all__ = ["Source", "CardItem", "EntityCard", "SECTIONS", "find_entities", "entity_card", "entity_cards",
           "render_card"]

#: The lines of a card, in the order shown.
SECTIONS: tuple[str, ...] = ("family", "variants", "introduced by", "builds on", "built on by", "evaluated on",
                             "trained on", "compared with", "used to evaluate", "used to train")


@dataclass(frozen=True)
class Source:
    """One statement an item rests on: the paper that makes it and its evidence."""

    paper: str | None
    paper_title: str | None
    evidence: str | None
    rule: str | None
    confidence: float | None


@dataclass
class CardItem:
    """A related entity (or paper) on one line of a card, with every statement behind it."""

    iri: str
    label: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class EntityCard:
    """Everything ``kg show`` prints about one entity."""

    iri: str
    kind: str
    label: str
    papers: int | None
    aliases: list[str] = field(default_factory=list)
    sections: dict[str, list[CardItem]] = field(default_factory=dict)


def _queries() -> dict[str, CannedQuery]:
    return canned_queries(queries_dir() / "show")


def _text(term) -> str | None:
    return None if term is None else str(term)


def find_entities(engine: Engine, name: str) -> list[tuple[str, str, str, int | None]]:
    """``(iri, kind, label, papers)`` of the entities named ``name``: exact name, alias or node id
    first, else the same ignoring case."""
    queries = _queries()
    for query in ("find", "find_any_case"):
        result = engine.query(queries[query].text, {"name": Literal(name)}, ["name"])
        found = []
        for row in result.as_dicts():
            papers = row.get("papers")
            found.append((str(row["entity"]), str(row["kind"]).rsplit("#", 1)[-1], str(row["label"]),
                          int(papers.toPython()) if papers is not None else None))
        if found:
            return found
    return []


def entity_card(engine: Engine, iri: str, kind: str, label: str, papers: int | None = None) -> EntityCard:
    """The card of the entity ``iri``."""
    queries = _queries()
    entity = {"entity": URIRef(iri)}
    card = EntityCard(iri, kind, label, papers)
    card.aliases = [str(row["alias"]) for row in engine.query(queries["aliases"].text, entity).as_dicts()]
    items: dict[tuple[str, str], CardItem] = {}
    for row in engine.query(queries["card"].text, entity).as_dicts():
        section, other = str(row["section"]), str(row["other"])
        item = items.get((section, other))
        if item is None:
            item = items[(section, other)] = CardItem(other, _text(row.get("otherLabel")) or other)
            card.sections.setdefault(section, []).append(item)
        confidence = row.get("confidence")
        source = Source(_text(row.get("paper")), _text(row.get("paperTitle")), _text(row.get("evidence")),
                        _text(row.get("rule")), float(confidence.toPython()) if confidence is not None else None)
        if source not in item.sources:
            item.sources.append(source)
    card.sections = {s: card.sections[s] for s in SECTIONS if s in card.sections}
    return card


def entity_cards(engine: Engine, name: str) -> list[EntityCard]:
    """The cards of every entity named ``name``; :class:`~kg.errors.EntityNotFound` if there is none."""
    found = find_entities(engine, name)
    if not found:
        raise EntityNotFound(f"no model, method, dataset or benchmark is called {name!r}")
    return [entity_card(engine, *entity) for entity in found]


def render_card(card: EntityCard, evidence: bool = False):
    """A rich renderable of ``card``; with ``evidence``, the sentences behind each item."""
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("kind", card.kind)
    table.add_row("iri", Text(card.iri, style="dim"))
    if card.aliases:
        table.add_row("aliases", Text(", ".join(card.aliases)))
    if card.papers is not None:
        table.add_row("papers", f"mentioned in {card.papers} paper{'s' if card.papers != 1 else ''}")
    for section, items in card.sections.items():
        cell = Text()
        for i, item in enumerate(items):
            if i:
                cell.append("\n" if evidence else ", ")
            cell.append(item.label)
            papers = {s.paper for s in item.sources if s.paper}
            if len(papers) > 1:
                cell.append(f" ({len(papers)} papers)", style="dim")
            if evidence:
                for source in item.sources:
                    cell.append("\n  ")
                    cell.append(f"“{source.evidence}”" if source.evidence else "(no sentence: from the names)",
                                style="italic")
                    where = [source.paper_title or source.paper or "", source.rule or ""]
                    if source.confidence is not None:
                        where.append(f"{source.confidence:g}")
                    cell.append("  — " + " · ".join(w for w in where if w), style="dim")
        table.add_row(section, cell)
    return Panel(table, title=f"[bold]{escape(card.label)}[/]", expand=False)
