"""Command line of the readers: python -m loaders validate|scan|build.

The writers have their own: python -m curation add-source|schema, python -m drafting draft,
python -m exports export.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from loaders import derive, glossary, scan, store
from loaders.dataset import load, metrics_path
from loaders.problems import FiguresError

MOVED = {"add-source": "curation", "schema": "curation", "draft": "drafting", "export": "exports"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in MOVED:
        print(
            f"`{argv[0]}` is a command of python -m {MOVED[argv[0]]} now: python -m {MOVED[argv[0]]} {' '.join(argv)}",
            file=sys.stderr,
        )
        return 2
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser(
        "validate", help="check the metrics file, its figure files and glossary.yaml; print counts or every problem"
    )
    v.add_argument("file", nargs="?", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    s = sub.add_parser("scan", help="list numbers and blanks in the sources that no figure covers")
    s.add_argument("--file", help="metrics file")
    s.add_argument(
        "--exclusions", default=None, help="exclusions file (default: scan_exclusions.yaml beside the metrics file)"
    )
    bd = sub.add_parser("build", help="validate data/ and write the store (build/figures.db) where files changed")
    bd.add_argument("file", nargs="?", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    bd.add_argument("--full", action="store_true", help="rebuild everything, not only what changed")
    args = parser.parse_args(argv)
    path = Path(getattr(args, "file", None) or metrics_path())
    if args.command == "build":
        return _build(path, args.full)
    # validate also checks the learnt glossary beside the metrics file (data/glossary.yaml): the drafter and the
    # Curate page read it, and a broken one stops every save from learning
    learnt = glossary.check(path) if args.command == "validate" else []
    try:
        ds = load(path, workers=min(os.cpu_count() or 1, 8))  # this process has one thread: it may fork
    except FiguresError as exc:
        print(FiguresError(exc.problems + learnt), file=sys.stderr)
        return 1
    if learnt:
        print(FiguresError(learnt), file=sys.stderr)
        return 1
    df = derive.frame(ds)
    if args.command == "validate":
        table = derive.city_status(df)
        table["total"] = table.sum(axis=1)
        print(f"{path}: {len(df)} figures from {len(ds.sources)} source(s), no problems")
        print(table.to_string())
        return 0
    excl = Path(args.exclusions) if args.exclusions else path.parent / "scan_exclusions.yaml"
    missing = scan.uncovered(df, ds.texts, scan.load_exclusions(excl) if excl.exists() else [])
    for sid, f in missing:
        print(f"{sid}: {f.describe()}")
    print(f"{len(missing)} finding(s) not covered")
    return 1 if missing else 0


def _build(path: Path, full: bool) -> int:
    target = store.store_path(path)
    if full:
        target.unlink(missing_ok=True)
    started = time.perf_counter()
    try:
        built = store.build(path, target, workers=min(os.cpu_count() or 1, 8))
    except FiguresError as exc:
        print(exc, file=sys.stderr)
        print(f"{target}: not changed (it still holds the last valid data)", file=sys.stderr)
        return 1
    what = {"unchanged": "up to date", "full": "built", "sources": f"rebuilt {', '.join(built.sources)}"}[built.kind]
    print(f"{built.path}: {what} in {time.perf_counter() - started:.1f} s (version {built.version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
