"""Generate ``kg/rdf_terms.py`` (the kg vocabulary as an rdflib ``DefinedNamespace``) from ``ontology/kg.ttl``.

Run after editing the ontology::

    python scripts/gen_rdf_terms.py            # rewrite kg/rdf_terms.py
    python scripts/gen_rdf_terms.py --check    # exit 1 if kg/rdf_terms.py is out of date

The generated class has ``_fail = True``, so ``KG.biuldsOn`` raises instead of minting a new IRI
(the pattern of rdflib's own ``rdflib/namespace/_PROV.py``). Terms are sorted: the output depends
only on the ontology.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
TARGET = ROOT / "kg" / "rdf_terms.py"
NAMESPACE = "https://w3id.org/kg/ontology#"

_KINDS = ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
          (OWL.DatatypeProperty, "Datatype properties"))


def generate(ontology: Path = ONTOLOGY) -> str:
    """The source text of ``kg/rdf_terms.py`` for ``ontology``."""
    graph = Graph()
    graph.parse(ontology, format="turtle")
    lines = [
        '"""The kg vocabulary (``https://w3id.org/kg/ontology#``) as an rdflib ``DefinedNamespace``.',
        "",
        "Generated from ontology/kg.ttl by scripts/gen_rdf_terms.py: do not edit by hand. A term not",
        "in the ontology raises ``AttributeError`` (``_fail = True``).",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class KG(DefinedNamespace):",
        '    """kg ontology: papers, ML entities, their relations and the provenance of each statement."""',
        "",
        "    _fail = True",
    ]
    seen: set[str] = set()
    for kind, heading in _KINDS:
        terms = sorted(
            str(s)[len(NAMESPACE):] for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)
        )
        if not terms:
            continue
        lines += ["", f"    # {heading}"]
        for name in terms:
            if name in seen:
                continue
            seen.add(name)
            comment = graph.value(URIRef(NAMESPACE + name), RDFS.comment)
            text = " ".join(str(comment).split()) if comment is not None else ""
            lines.append(f"    {name}: URIRef")
            for chunk in textwrap.wrap(text, width=92):
                lines.append(f"    # {chunk}")
    lines += ["", f'    _NS = Namespace("{NAMESPACE}")', ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/gen_rdf_terms.py", file=sys.stderr)
            return 1
        return 0
    sys.path.insert(0, str(ROOT))
    from kg.atomic import write_text

    write_text(TARGET, text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
