"""Run inside Pyodide by exercise_engine.mjs: every public call of the engine, along every path
of every chart, so that any module the engine imports on any of them is imported here. Prints
one JSON line: the calls made and the standard-library modules that ended up loaded."""

import importlib
import importlib.resources
import json
import sys

import flowchart
from flowchart import chart_ids, load_chart, web
from flowchart.record import field_descriptions

SITE_ROOT = "../../"
CREATED = "2026-11-21T10:30:00+00:00"
HOSTILE_FRAGMENTS = ("chart=when-and-how&purpose=%3Cscript%3E", "chart=nope", "%E0%A4%A", "x" * 5000)


def every_module():
    """Every module of the package (pkgutil would do, but the trimmed archive need not hold it)."""
    for file in importlib.resources.files(flowchart).iterdir():
        if file.name.endswith(".py") and file.name != "__init__.py":
            importlib.import_module(f"flowchart.{file.name.removesuffix('.py')}")


def full_record_fields():
    """Every field of the record form filled in, each choice field with each of its values in turn."""
    fields = field_descriptions()
    texts = {field["key"]: "Typed text" for field in fields if field["kind"] == "text"}
    choice_fields = [field for field in fields if field["kind"] == "choice"]
    widest = max((len(field["choices"]) for field in choice_fields), default=1)
    for index in range(widest):
        yield {**texts, **{f["key"]: f["choices"][index % len(f["choices"])]["value"] for f in choice_fields}}


def walk(chart_id, fragment, calls, recorded=None):
    recorded = set() if recorded is None else recorded
    reply = json.loads(web.show(chart_id, fragment, SITE_ROOT))
    calls.append("show")
    if reply["kind"] == "question":
        json.loads(web.answer(chart_id, fragment, "", SITE_ROOT))  # no answer: the error message
        calls.append("answer")
        for option in load_chart(chart_id).node(reply["node"]).options:
            moved = json.loads(web.answer(chart_id, fragment, option.answer, SITE_ROOT))
            calls.append("answer")
            walk(chart_id, moved["fragment"], calls, recorded)
        return
    # A record for each kind of outcome page (an outcome with the same parts showing renders the
    # same way): enough to import whatever the record needs, without thousands of the same.
    kind = (reply["node"], reply["html"].count('class="flowchart-part"'), "record." in fragment)
    if kind in recorded:
        return
    recorded.add(kind)
    for fields in full_record_fields():
        made = json.loads(web.record(chart_id, fragment, json.dumps(fields), CREATED))
        assert made["error"] is None, made
        calls.append("record")
    refused = json.loads(web.record(chart_id, fragment, "{not json", CREATED))
    assert refused["error"], refused
    calls.append("record")


def main():
    # From a memory snapshot (exercise_snapshot.mjs) the package's files are not there to list: its
    # modules are already in memory, and the walk below is what proves nothing is missing.
    if not globals().get("FROM_SNAPSHOT"):
        every_module()
    calls = []
    for chart_id in chart_ids():
        walk(chart_id, "", calls)
        for fragment in HOSTILE_FRAGMENTS:
            web.show(chart_id, fragment, SITE_ROOT)
            calls.append("show")
    archive = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
    loaded = sorted(
        name for name, module in sys.modules.items() if (getattr(module, "__file__", None) or "").startswith(archive)
    )
    print(json.dumps({"calls": len(calls), "records": calls.count("record"), "stdlib_modules": loaded}))


main()
