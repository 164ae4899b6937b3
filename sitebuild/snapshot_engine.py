"""Run inside Pyodide's own CPython by make_snapshot.mjs, just before the memory snapshot is taken.

A memory snapshot keeps what is in the interpreter's memory and nothing of its file system, so
everything the engine will ever read from its package has to be in memory by then: every module
imported and every chart loaded. Only the build's own fixed inputs pass through here (the charts
shown at their first question); nothing a person answers ever enters a snapshot.

The wheel is unpacked with zipfile rather than installed with Pyodide's loadPackage, which leaves
JavaScript objects referenced from Python that a snapshot cannot hold.
"""

import importlib
import site
import sys
import zipfile


def prepare(wheel, made_from):
    site_packages = site.getsitepackages()[0]
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site_packages)
    import flowchart
    from flowchart import catalogue

    for module in sorted(every_module(flowchart)):
        importlib.import_module(module)
    web = sys.modules["flowchart.web"]
    for chart in catalogue.load_all():
        web.show(chart.id, "", "")
    # Read by the engine's worker after a start from this snapshot: the wheel it was made from.
    sys.modules["__main__"].flowchart_snapshot_of = made_from
    return len(sys.modules)


def every_module(package):
    from importlib import resources

    for file in resources.files(package).iterdir():
        if file.name.endswith(".py"):
            name = file.name.removesuffix(".py")
            yield package.__name__ if name == "__init__" else f"{package.__name__}.{name}"
