"""What every command shares: the store it works on, the consoles it writes to, and writing a
result to the screen or a file."""
from __future__ import annotations

import io
from pathlib import Path

import click
from rich.console import Console

from .store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Context:
    """The options of `fontes` itself, and the store they name (opened on first use)."""

    def __init__(self, db: str, quiet: bool, debug: bool, entities: str | None):
        self.db_path, self.quiet, self.debug = Path(db), quiet, debug
        self.corrections = Path(entities) if entities else self.db_path.with_suffix(".entities.toml")
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        """The store named by --db, opened the first time a command needs it."""
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    def say(self, message: str) -> None:
        """A progress or summary line on stderr, unless --quiet."""
        if not self.quiet:
            err.print(message)


pass_ctx = click.make_pass_decorator(Context)


def emit(content, output: Path | None) -> None:
    """Text or a rich table to the screen, or as plain text to the file --output names."""
    if output is None:
        if isinstance(content, str):
            click.echo(content)
        else:
            out.print(content)
        return
    if not isinstance(content, str):
        capture = Console(file=io.StringIO(), width=200)
        capture.print(content)
        content = capture.file.getvalue()
    output.write_text(content, encoding="utf-8")
