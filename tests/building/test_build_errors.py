"""One error for the build layer: every exception sitebuild/ raises for a person to fix is a
BuildError, and the hooks turn any of them into MkDocs' error in one place."""

import importlib
import inspect
import pkgutil

import pytest
from mkdocs.exceptions import PluginError

import sitebuild
from sitebuild.errors import BuildError, reported_to_mkdocs


def exception_classes():
    for module_info in pkgutil.iter_modules(sitebuild.__path__):
        module = importlib.import_module(f"sitebuild.{module_info.name}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Exception) and value.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", value


def test_every_build_exception_is_a_build_error():
    found = dict(exception_classes())
    assert len(found) >= 8, sorted(found)
    assert [name for name, cls in found.items() if not issubclass(cls, BuildError)] == []


def test_a_build_error_reaches_mkdocs_as_its_message_with_the_page():
    with pytest.raises(PluginError) as caught, reported_to_mkdocs("guidance/page.md"):
        raise BuildError("partnership.yml: key 'name' is empty")
    assert str(caught.value) == "guidance/page.md: partnership.yml: key 'name' is empty"
    with pytest.raises(PluginError) as caught, reported_to_mkdocs():
        raise BuildError(["first", "second"], heading="Two problems")
    assert str(caught.value) == "Two problems:\n  - first\n  - second"


def test_anything_else_is_left_alone():
    with pytest.raises(KeyError), reported_to_mkdocs():
        raise KeyError("a fault in the build code itself keeps its traceback")
