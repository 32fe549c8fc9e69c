"""Loading and running the spaCy pipeline (see the package docstring)."""

import json
from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language

from . import agencies, entities, enumerations, lac, ontonotes, people, places, programs, user  # noqa: F401  (registers factories)
from .candidates import register_extensions
from .spec import PipelineSpec

RECOGNISERS = ["gg_places", "gg_agencies", "gg_enumerations", "gg_programs", "gg_people"]


def default_config():
    text = resources.files(__package__).joinpath("default.cfg").read_text(encoding="utf-8")
    return spacy.util.load_config_from_str(text)


def load_pipeline(model: "str | PipelineSpec | None" = None, gazetteers=()) -> Language:
    """The embedded default (model None) or an installed spaCy pipeline, with
    govgraph's components, plus the entries of the users' gazetteer files."""
    spec = model if isinstance(model, PipelineSpec) else PipelineSpec.make(model, gazetteers)
    return _load(spec)


@lru_cache(maxsize=4)
def _load(spec: PipelineSpec) -> Language:
    nlp = _base(spec.model)
    if spec.entries:
        nlp.add_pipe("gg_user", before="gg_entities", config={"entries": [json.loads(e) for e in spec.entries]})
    return nlp


def _base(model) -> Language:
    register_extensions()
    if model is None:
        return spacy.util.load_model_from_config(default_config(), auto_fill=True, validate=True)
    nlp = spacy.load(model)
    if not any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True, config={"punct_chars": list("。！？!?；;\n")})
    nlp.add_pipe("gg_from_ents", last=True)
    for name in RECOGNISERS:
        nlp.add_pipe(name, last=True)
    nlp.add_pipe("gg_entities", last=True)
    return nlp


def process(nlp: Language, documents):
    """Run the pipeline over Documents (from govgraph.ingest); yields (document, Doc)."""
    documents = list(documents)
    if hasattr(nlp.tokenizer, "pipe"):  # LAC tags all sentences of the batch together
        docs = list(nlp.tokenizer.pipe([d.clean for d in documents]))
    else:
        docs = [nlp.make_doc(d.clean) for d in documents]
    for d, doc in zip(documents, docs):
        doc._.gaps = d.gaps
        doc._.space_gaps = d.space_gaps
    for d, doc in zip(documents, nlp.pipe(docs)):
        yield d, doc
