"""Administrative divisions of China (province, prefecture, county, township).

Data: divisions.tsv, built by scripts/build_divisions.py from jionlp's
china_location data (Apache-2.0, see LICENSE.china_location).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DEFAULT_PATH = Path(__file__).with_name("divisions.tsv")
LEVELS = ("province", "prefecture", "county", "township")


class Division(NamedTuple):  # a tuple: 46k of them are made each time a pipeline loads
    id: str  # 6-digit code, or "<code>-<name>" for townships and code-less/shared-code counties
    name: str
    level: str
    parent: str | None
    aliases: tuple[str, ...]

    @property
    def code(self) -> str:
        """The 6-digit code; for a township, that of its county (or the unit it sits under)."""
        return self.id.split("-", 1)[0]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Divisions:
    def __init__(self, divisions: list[Division]):
        self.by_id: dict[str, Division] = {d.id: d for d in divisions}
        self._by_form: dict[str, list[Division]] = {}
        self._children: dict[str, list[Division]] = {}
        self._forms: frozenset[str] | None = None
        for d in divisions:
            for form in d.forms:
                self._by_form.setdefault(form, []).append(d)
            if d.parent:
                self._children.setdefault(d.parent, []).append(d)

    def __len__(self) -> int:
        return len(self.by_id)

    def lookup(self, form: str) -> list[Division]:
        """Divisions whose full name or alias is exactly `form` (names repeat across China)."""
        return list(self._by_form.get(form, ()))

    def parent(self, div: Division) -> Division | None:
        return self.by_id.get(div.parent) if div.parent else None

    def children(self, div: Division) -> list[Division]:
        return list(self._children.get(div.id, ()))

    def chain(self, div: Division) -> list[Division]:
        """Ancestors from the province down to `div` itself."""
        out = [div]
        while (p := self.parent(out[-1])) is not None:
            out.append(p)
        return out[::-1]

    def is_under(self, div: Division, ancestor: Division) -> bool:
        while div.parent:
            if div.parent == ancestor.id:
                return True
            div = self.by_id[div.parent]
        return False

    def descendants_named(self, ancestor: Division, form: str) -> list[Division]:
        """Divisions below `ancestor` named (or aliased) `form`, e.g. a 镇 inside a county."""
        return [d for d in self._by_form.get(form, ()) if self.is_under(d, ancestor)]

    def forms(self) -> frozenset[str]:
        """All full names and aliases, for building matchers (made once: it is asked per name)."""
        if self._forms is None:
            self._forms = frozenset(self._by_form)
        return self._forms


def _read(path: Path) -> list[Division]:
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["id", "name", "level", "parent", "aliases"]:
            raise ValueError(f"{path}: unexpected header {header}")
        rows = [line.rstrip("\n").split("\t") for line in f]
    names = {row[0]: row[1] for row in rows}
    out = []
    for id_, name, level, parent, aliases in rows:
        # the data names some management areas with their city (常德市西洞庭管理区); texts write the
        # city as a division of its own before the area's name (湖南省常德市|西洞庭管理区)
        city = names.get(parent, "")
        if level == "county" and city and name.startswith(city) and name.endswith("管理区") \
                and len(name) - len(city) >= 5:
            name = name[len(city):]
        out.append(Division(id_, name, level, parent or None, tuple(aliases.split(";")) if aliases else ()))
    return out


@lru_cache(maxsize=None)
def load_divisions(path: str | Path | None = None) -> Divisions:
    """Load (once) the divisions gazetteer; `path` defaults to the packaged divisions.tsv."""
    return Divisions(_read(Path(path) if path else DEFAULT_PATH))
