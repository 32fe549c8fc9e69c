"""`--model NAME_OR_PATH`: an installed spaCy pipeline with OntoNotes labels.

No model can be downloaded here, so the test trains a tiny Chinese NER
pipeline itself, saves it, and loads it by path as a user's model would be."""

import random

import pytest
import spacy
from spacy.training import Example

from govgraph.ingest import make_document
from govgraph.nlp import load_pipeline, process

TRAIN = [
    ("张三在武汉工作。", [(0, 2, "PERSON"), (3, 5, "GPE")]),
    ("李四去了上海。", [(0, 2, "PERSON"), (4, 6, "GPE")]),
    ("王五住在南京。", [(0, 2, "PERSON"), (4, 6, "GPE")]),
    ("赵六到过广州。", [(0, 2, "PERSON"), (4, 6, "GPE")]),
]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    random.seed(0)
    nlp = spacy.blank("zh")  # character segmentation: nothing to download
    ner = nlp.add_pipe("ner")
    for _, ents in TRAIN:
        for *_, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples, sgd=None)
    for _ in range(40):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("model") / "tiny_zh"
    nlp.to_disk(path)
    return str(path)


def test_model_entities_are_mapped_to_govgraph_types(model_path):
    nlp = load_pipeline(model_path)
    assert "ner" in nlp.pipe_names and nlp.pipe_names[-1] == "gg_entities"
    d = make_document("t.txt", "张三在武汉工作。")
    ((_, doc),) = process(nlp, [d])
    labels = {(s.text, s.label_) for s in doc.spans["gg"]}
    assert ("张三", "Person") in labels
    assert ("武汉", "Place") in labels


# A pipeline whose entities are certain: an entity ruler with OntoNotes labels, saved and
# loaded by path. The names are made up, so govgraph's own recognisers find none of them:
# whatever is found comes from the model's doc.ents through the label mapping.
RULER_TEXT = "青石湾码头旁，云岭市河务局与晨光互助会按照河岸养护守则在望川渡开展巡查。"
RULER_ENTS = [("云岭市河务局", "ORG", "Agency"),  # ORG named like a government body
              ("晨光互助会", "ORG", "Organization"),
              ("河岸养护守则", "LAW", "Policy"),
              ("望川渡", "LOC", "Place"),
              ("青石湾码头", "FAC", "Place")]


def ruler_model(path, label=None) -> str:
    """A saved spaCy pipeline tagging RULER_ENTS with their labels (or all with `label`)."""
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label or lab, "pattern": text} for text, lab, _ in RULER_ENTS])
    nlp.to_disk(path)
    return str(path)


def gg_types(model: str) -> set:
    ((_, doc),) = process(load_pipeline(model), [make_document("t.txt", RULER_TEXT)])
    return {(s.text, s.label_) for s in doc.spans["gg"]}


def test_org_law_loc_fac_labels_map_to_govgraph_types(tmp_path):
    assert gg_types(ruler_model(tmp_path / "ruler")) == {(text, t) for text, _, t in RULER_ENTS}
    # the same spans under a label govgraph does not map: nothing is found
    assert gg_types(ruler_model(tmp_path / "norp", label="NORP")) == set()


def test_build_with_a_model_path_through_the_cli(tmp_path, model_path):
    import json

    from govgraph.cli import main

    model = ruler_model(tmp_path / "ruler")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(RULER_TEXT + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "--model", model, "--no-progress", "--jobs", "1"]) == 0
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert {(n["name"], n["type"]) for n in data["nodes"]} == {(text, t) for text, _, t in RULER_ENTS}
    for n in data["nodes"]:
        for m in n["mentions"]:
            assert m["doc"] == "a.txt" and RULER_TEXT[m["start"]:m["end"]] == m["text"]
    # the trained NER pipeline of the fixture works through the CLI too
    (tmp_path / "in" / "a.txt").write_text("张三在武汉工作。\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "--model", model_path, "--no-progress",
                 "--jobs", "1"]) == 0
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert ("张三", "Person") in {(n["name"], n["type"]) for n in data["nodes"]}
