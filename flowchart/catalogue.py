"""Finding and loading compiled charts by id.

Compiled charts are JSON files shipped inside the package (flowchart/compiled/<id>.json), so the
same lookup works from a source checkout, an installed wheel, or Pyodide's site-packages.
"""

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from .errors import UnknownChart
from .model import Chart

COMPILED_DIR = "compiled"


def _compiled_dir() -> Traversable:
    return resources.files(__package__) / COMPILED_DIR


@cache
def chart_ids() -> tuple[str, ...]:
    """Ids of every compiled chart, sorted."""
    folder = _compiled_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def load_chart(chart_id: str) -> Chart:
    """Return the Chart with this id; raise UnknownChart if there is none."""
    if not isinstance(chart_id, str) or chart_id not in chart_ids():
        raise UnknownChart(chart_id, chart_ids())
    text = (_compiled_dir() / f"{chart_id}.json").read_text(encoding="utf-8")
    return Chart.from_compiled(json.loads(text))


def load_all() -> tuple[Chart, ...]:
    """Load every chart now. The engine's memory snapshot keeps only what is in memory, not the
    package's files, so the snapshot is made after this (sitebuild/snapshot_engine.py)."""
    return tuple(load_chart(chart_id) for chart_id in chart_ids())
