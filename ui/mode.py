"""Viewer or curator: `make run` serves the read-only viewer; `make curate` sets CURATE=1 and adds the Curate page.

Nothing here imports a module that writes: the viewer must not even load one.
"""

from __future__ import annotations

import os

ENV = "CURATE"


def curating() -> bool:
    return os.environ.get(ENV) == "1"
