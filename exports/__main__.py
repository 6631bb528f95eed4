"""Command line of the exports: python -m exports export --format csv|json|datapackage|sqlite [-o FILE]."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from exports import package, sqlite
from loaders import catalog as tables
from loaders import derive
from loaders.dataset import load, metrics_path
from loaders.problems import FiguresError

BINARY_FORMATS = ("datapackage", "sqlite")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="write the tidy table, a data package (folder or .zip) or a SQLite file")
    e.add_argument("--format", choices=("csv", "json", *BINARY_FORMATS), default="csv")
    e.add_argument("-o", "--output", help="file to write (default: standard output; required for datapackage, sqlite)")
    e.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    args = parser.parse_args(argv)
    if args.format in BINARY_FORMATS and not args.output:
        parser.error(f"--format {args.format} needs -o/--output")
    path = Path(args.file or metrics_path())
    try:
        ds = load(path)
    except FiguresError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.format == "sqlite":  # the store itself: the same tables Datasette opens in build/
        target = Path(args.output)
        try:
            sqlite.copy_store(path, target)
        except OSError as exc:
            print(f"{target}: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {target}: {len(ds.metrics)} figures, sqlite (a copy of the store)")
        return 0
    if args.format in BINARY_FORMATS:
        return _export_binary(ds, args.format, Path(args.output))
    df = derive.frame(ds)
    out = (
        derive.export_csv(df)
        if args.format == "csv"
        else json.dumps(derive.export_records(df), ensure_ascii=False, indent=1)
    )
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


def _export_binary(ds, fmt: str, target: Path) -> int:

    contents = tables.from_dataset(ds)
    try:
        package.write(contents, target)
    except (tables.ExportError, OSError) as exc:
        print(f"{target}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {target}: {len(contents.table('figures').rows)} figures, {fmt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
