"""Entity cards (`kg show`): what the card lists, on both engines, and how the command prints it."""

from __future__ import annotations

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import make_small_graph
from kg.cli import app
from kg.errors import EntityNotFound
from kg.export.rdf import write_turtle
from kg.query.engine import open_graph
from kg.show import entity_cards, render_card

BASE = "https://w3id.org/kg/id/"
P1_TITLE, P2_TITLE = "AlphaNet: A Model", "BetaTune: Tuning AlphaNet"
S1, S2 = "We propose AlphaNet, built on Llama 2.", "We fine-tune AlphaNet with LoRA."


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("show") / "graph.ttl"
    write_turtle(make_small_graph(), path)
    return path


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def engine(request, graph_file):
    return open_graph(graph_file, request.param)


def sections(card) -> dict[str, list[str]]:
    return {name: [item.label for item in items] for name, items in card.sections.items()}


def test_show_alphanet_card(engine):
    (card,) = entity_cards(engine, "AlphaNet")
    assert (card.iri, card.kind, card.label, card.papers) == (BASE + "model/alphanet", "Model", "AlphaNet", 2)
    assert card.aliases == []
    assert sections(card) == {
        "variants": ["AlphaNet-7B"],
        "introduced by": [P1_TITLE],
        "builds on": ["Llama 2"],
        "built on by": [P2_TITLE],  # BetaTune introduces no entity: the paper itself
        "evaluated on": ["MMLU"],
        "trained on": ["The Pile"],
        "compared with": ["Llama 2"],
    }


def test_show_llama_card_from_the_other_side(engine):
    (card,) = entity_cards(engine, "Llama 2")
    assert card.aliases == ["LLaMA 2"]
    assert sections(card) == {
        "built on by": ["AlphaNet"],
        "evaluated on": ["MMLU"],  # as the baseline of a paper that evaluates on MMLU
        "compared with": ["AlphaNet"],
    }


def test_show_variant_and_benchmark_cards(engine):
    (variant,) = entity_cards(engine, "AlphaNet-7B")
    assert sections(variant) == {"family": ["AlphaNet"]}
    (benchmark,) = entity_cards(engine, "MMLU")
    assert sections(benchmark) == {"used to evaluate": ["AlphaNet", P2_TITLE]}
    (dataset,) = entity_cards(engine, "The Pile")
    assert sections(dataset) == {"used to train": ["AlphaNet"]}


def test_show_evidence_behind_each_item(engine):
    (card,) = entity_cards(engine, "Llama 2")
    (built,) = card.sections["built on by"]
    (source,) = built.sources
    assert (source.paper_title, source.evidence, source.rule, source.confidence) == (P1_TITLE, S1, "based_on", 0.8)
    (variant,) = entity_cards(engine, "AlphaNet-7B")
    (family_source,) = variant.sections["family"][0].sources
    assert (family_source.paper, family_source.evidence, family_source.rule) == (None, None, "family")


@pytest.mark.parametrize("name", ["alphanet", "ALPHANET", "model:alphanet"])
def test_show_finds_by_any_case_and_by_node_id(engine, name):
    assert [c.label for c in entity_cards(engine, name)] == ["AlphaNet"]


def test_show_finds_by_alias(engine):
    assert [c.label for c in entity_cards(engine, "LLaMA 2")] == ["Llama 2"]


def test_show_unknown_name(engine):
    with pytest.raises(EntityNotFound, match="Nothing"):
        entity_cards(engine, "Nothing")


def test_show_same_card_on_both_engines(graph_file):
    cards = [entity_cards(open_graph(graph_file, kind), "AlphaNet") for kind in ("rdflib", "oxigraph")]
    assert cards[0] == cards[1]


def test_show_render_escapes_markup(graph_file, tmp_path):
    graph = make_small_graph()
    graph.nodes["model:llama-2"]["aliases"].append("[bold red]not markup[/]")
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    (card,) = entity_cards(open_graph(path), "Llama 2")
    console = Console(width=200, record=True)
    console.print(render_card(card, evidence=True))
    text = console.export_text()
    assert "[bold red]not markup[/]" in text
    assert S1 in text and "based_on" in text


runner = CliRunner()


def test_cli_show(graph_file):
    result = runner.invoke(app, ["show", "AlphaNet", "--graph", str(graph_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for expected in ("AlphaNet", "Model", "AlphaNet-7B", "Llama 2", "MMLU", "The Pile", "introduced by"):
        assert expected in result.stdout
    assert S1 not in result.stdout


def test_cli_show_evidence(graph_file):
    result = runner.invoke(app, ["show", "AlphaNet", "--graph", str(graph_file), "--evidence"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert S1 in result.stdout and S2 in result.stdout


def test_cli_show_unknown_is_exit_1(graph_file):
    result = runner.invoke(app, ["show", "Nothing", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and result.stderr.count("\n") == 1
