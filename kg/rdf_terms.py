"""The kg vocabulary (``https://w3id.org/kg/ontology#``) as an rdflib ``DefinedNamespace``.

Generated from ontology/kg.ttl by scripts/gen_rdf_terms.py: do not edit by hand. A term not
in the ontology raises ``AttributeError`` (``_fail = True``).
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """kg ontology: papers, ML entities, their relations and the provenance of each statement."""

    _fail = True

    # Classes
    Assertion: URIRef
    # The provenance of one extracted statement <paper> kg:relation <entity> (or <entity>
    # kg:variantOf <entity>): a reified statement (rdf:subject, rdf:predicate, rdf:object) derived
    # from a paper (prov:wasDerivedFrom), with the evidence sentence, the rule that decided it,
    # its confidence and the surface forms. The statement itself is also asserted directly. IRI:
    # <base>assertion/<hash of subject, relation and object>.
    Benchmark: URIRef
    # An evaluation suite with a protocol and metric (MMLU, GSM8K). A benchmark is a dataset used
    # for evaluation, hence a schema:Dataset, the range FAIR4ML gives evaluatedOn.
    Dataset: URIRef
    # A collection of data used for training or evaluation (The Pile, C4).
    Entity: URIRef
    # Something a paper names: a model, method, dataset or benchmark. Its IRI is
    # <base><kind>/<slug>. Entities are SKOS concepts: skos:prefLabel is the canonical name,
    # skos:altLabel every other surface form, skos:broader the family.
    Method: URIRef
    # A technique, architecture or algorithm (LoRA, grouped-query attention, RLHF).
    Model: URIRef
    # A trained machine-learning model or model family (Llama 2, GPT-4, AlphaNet-7B).
    Paper: URIRef
    # A scholarly article read by kg. Its IRI is the arXiv abstract page
    # (https://arxiv.org/abs/<id>) when the arXiv id is known, else <base>paper/<id>.

    # Object properties
    buildsOn: URIRef
    # The paper's work uses the model or method as its base: base model, backbone, extended method
    # or integrated component.
    comparesTo: URIRef
    # The paper reports the model or method as a baseline it compares with. No standard term says
    # this.
    evaluatedOn: URIRef
    # The paper reports an evaluation on the benchmark or dataset. Said of the paper;
    # kg:modelEvaluatedOn is the same said of the models the paper introduces (FAIR4ML's
    # evaluatedOn).
    introduces: URIRef
    # The paper proposes or releases the entity. No standard term says this: schema:about and
    # dcterms:subject say what a work is about, not that it is the origin of it.
    mentions: URIRef
    # The paper names the entity. Every entity linked in a paper gets one.
    modelEvaluatedOn: URIRef
    # Derived: an entity a paper introduces is evaluated on what the paper evaluates on. Not
    # written in exports; inferred by the property chain.
    modelTrainedOn: URIRef
    # Derived: an entity a paper introduces is trained on what the paper trains on. Not written in
    # exports; inferred by the property chain.
    trainedOn: URIRef
    # The paper trains or fine-tunes on the dataset. Said of the paper; kg:modelTrainedOn is the
    # same said of the models the paper introduces (FAIR4ML's trainedOn).
    variantOf: URIRef
    # The entity is a size or variant of a family (Llama-2-7B variant of Llama 2). The exporter
    # also writes skos:broader for it, so SKOS tools see the hierarchy without a reasoner.

    # Datatype properties
    confidence: URIRef
    # How sure kg is of the statement, from 0 to 1 (three decimals): the relation model's
    # probability, or the rule's measured precision in a pipeline without that model.
    evidence: URIRef
    # The sentence of the paper the statement was extracted from, as read. Absent for statements
    # no sentence supports (kg:variantOf, derived from names).
    paperCount: URIRef
    # The number of papers that mention the entity: the support for it in the corpus. Zero for a
    # family known only through its variants.
    rule: URIRef
    # The name of the extractor rule that decided the statement (kb, title, propose, based_on,
    # ...; relation_model for a relation the relation model added where no rule found it).
    surface: URIRef
    # A form in which the paper wrote the entity (LLaMA 2 for Llama 2).

    _NS = Namespace("https://w3id.org/kg/ontology#")
