"""The spaCy pipeline: LAC tokenizer/tagger plus govgraph's recognisers.

`load_pipeline()` builds the embedded default from `default.cfg`;
`load_pipeline("zh_core_web_sm")` (a name or path of an installed spaCy
pipeline) runs that model and maps its OntoNotes entities instead.

spaCy is imported when the pipeline is first asked for, not with this
package: a build with several jobs names the pipeline (`PipelineSpec`) in its
own process and loads it only in the workers.
"""

from .spec import TYPES, PipelineSpec

__all__ = ["load_pipeline", "process", "PipelineSpec", "TYPES"]


def __getattr__(name):
    if name in ("load_pipeline", "process", "RECOGNISERS", "default_config"):
        from . import load
        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
