"""The build layer's one error: something a person must fix before the site can be built.

Every check in sitebuild/ raises BuildError with one message per problem, each naming the file and
the key (or node) to fix, so that a hook turns any of them into MkDocs' own error in one place."""


class BuildError(Exception):
    def __init__(self, problems, heading=None):
        self.problems = [str(problem) for problem in problems]
        self.heading = heading
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{heading}:\n{lines}" if heading else lines)
