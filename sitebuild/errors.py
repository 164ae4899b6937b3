"""The build layer's one error: something a person must fix before the site can be built.

Every check in sitebuild/ raises BuildError (or a kind of it) with one message per problem, each
naming the file and the key (or node) to fix; the hooks turn any of them into MkDocs' own error in
one place, `reported_to_mkdocs`."""

import contextlib


class BuildError(Exception):
    def __init__(self, problems, heading=None):
        self.problems = [problems] if isinstance(problems, str) else [str(problem) for problem in problems]
        self.heading = heading
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        if heading:
            message = f"{heading}:\n{lines}"
        else:
            message = self.problems[0] if len(self.problems) == 1 else lines
        super().__init__(message)


@contextlib.contextmanager
def reported_to_mkdocs(where=None):
    """Inside a hook: a BuildError stops the build as MkDocs' PluginError, prefixed with `where`
    (the page being built) when given, and without a traceback, which would only bury the message."""
    from mkdocs.exceptions import PluginError

    try:
        yield
    except BuildError as error:
        raise PluginError(f"{where}: {error}" if where else str(error)) from None
