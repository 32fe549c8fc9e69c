"""What a worker needs to build the same pipeline (no spaCy import: the build's
own process names the pipeline but, with several jobs, never loads it)."""

import json
from dataclasses import dataclass

TYPES = ("Agency", "Organization", "Program", "Policy", "Place", "Person")


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline: the model and the users'
    gazetteer entries themselves (JSON lines), so no worker reads the files."""
    model: str | None = None
    entries: tuple[str, ...] = ()

    @classmethod
    def make(cls, model=None, gazetteers=()):
        from ..gazetteers.user import load_user_gazetteer
        entries = [e for g in gazetteers for e in load_user_gazetteer(g)]
        return cls(model, tuple(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries))
