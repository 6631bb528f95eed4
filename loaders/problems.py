"""One problem found in a metrics file, and the error that carries all of them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def _shown(c: str) -> bool:
    return c.isprintable() or unicodedata.category(c) == "Zs"  # keep the ideographic space U+3000


def format_loc(loc: tuple) -> str:
    """('metrics', 3, 'quote') -> 'metrics[3].quote'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    loc: tuple
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = format_loc(self.loc)
        text = f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"
        # One printable line whatever the file held (a NUL, a newline in a key, a bidi control).
        return text if text.isprintable() else "".join(c if _shown(c) else ascii(c)[1:-1] for c in text)


class FiguresError(Exception):
    """Every problem found in a metrics file, raised once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the metrics file:"
        return "\n".join([head, *(str(p) for p in self.problems)])
