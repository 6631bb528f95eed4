"""Command line of the drafter: python -m drafting draft TEXT_OR_SOURCE_ID [--source ID] [-o FILE] [--format yaml|json]."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from drafting import cli
from loaders import atomic
from loaders.dataset import load, metrics_path
from loaders.problems import FiguresError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drafting", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cli.add_parser(sub)
    args = parser.parse_args(argv)
    path = Path(args.file or metrics_path())
    try:
        ds = load(path, workers=min(os.cpu_count() or 1, 8))  # this process has one thread: it may fork
    except FiguresError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        return cli.run(args, ds, path)
    except atomic.ReadOnly as exc:  # a read-only figure file is never replaced (loaders.atomic)
        print(f"error: {exc.strerror}; nothing was written", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
