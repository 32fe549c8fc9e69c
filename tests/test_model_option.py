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
