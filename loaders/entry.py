"""The entry file (data/metrics.yaml) read without validating: where each source's files are.

The one place that answers "which text and which figure file belong to a source" before (or without) a full
validation: the store's manifest, the Curate page opening a source, the drafter finding its output file.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

from loaders.yamlfile import parse, read_text


def source_files(entry: Path, data: object) -> list[tuple[str, str, Path]]:
    """(source id, role "text" or "figures", path) of every file a parsed entry file names.

    Paths that leave the entry's folder are skipped here (the validator reports them).
    """
    rows = data.get("sources") if isinstance(data, dict) else None
    out = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            continue
        for key, role in (("file", "text"), ("figures", "figures")):
            name = row.get(key)
            if isinstance(name, str) and name and not Path(name).is_absolute() and ".." not in Path(name).parts:
                out.append((row["id"], role, entry.parent / name))
    return out


def data(entry: Path) -> object:
    """The entry file's parsed data (None if it cannot be read); parsed once per version of the file."""
    entry = Path(entry)
    try:
        st = entry.stat()
    except OSError:
        return None
    key = (str(entry.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)
    if time.time_ns() - st.st_mtime_ns < 2_000_000_000:  # written just now: may change again within its mtime tick
        return _parsed.__wrapped__(*key)
    return _parsed(*key)


@functools.lru_cache(maxsize=4)
def _parsed(path: str, size: int, mtime_ns: int, inode: int) -> object:
    # keyed by stat: a new version of the file (an atomic replace gives a new inode) is parsed again
    text, _ = read_text(Path(path), os.path.basename(path))
    return parse(text, path).data if text is not None else None


def source_entry(entry: Path, source: str) -> dict | None:
    """The source's entry as written in the entry file (unvalidated), or None when there is none."""
    d = data(entry)
    for row in d.get("sources", []) if isinstance(d, dict) and isinstance(d.get("sources"), list) else []:
        if isinstance(row, dict) and row.get("id") == source:
            return row
    return None
