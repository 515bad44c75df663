"""Errors that are the user's to fix, as opposed to bugs."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: refused whole, reported as 'file:line: problem' (exit status 2).

    ``problems`` holds more than one message when several were collected (e.g.
    every unknown label of a file), so the user can fix them in one go.
    """

    def __init__(self, problem: str, file: str | None = None, line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.file = file
        self.line = line

    def located(self, file: str | None = None, line: int | None = None) -> InputError:
        """The same error with a file (and line) filled in where it was unknown."""
        return InputError(
            self.problem,
            self.file if self.file is not None else file,
            self.line if self.line is not None else line,
        )

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        elif self.line is not None:
            where = f"line {self.line}: "
        return f"{where}{self.problem}"


class ProjectError(Exception):
    """A project that cannot be opened as asked (newer schema, missing file, ...)."""

