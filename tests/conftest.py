"""Shared fixtures: one build of seeds/ per test session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The output folder of `govgraph build seeds -o DIR`, built once per session.

    Read-only for tests: copy it before changing anything in it.
    """
    from govgraph.cli import main

    out = tmp_path_factory.mktemp("seeds_build")
    assert main(["build", str(SEEDS), "-o", str(out), "--no-progress"]) == 0
    return out
