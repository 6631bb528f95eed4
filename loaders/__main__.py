"""Command line: python -m loaders validate|export|scan|add-source|draft|schema."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from loaders import add_source, atomic, derive, draft_cli, scan, schema
from loaders.dataset import load, metrics_path
from loaders.problems import MetricsError

BINARY_FORMATS = ("datapackage", "sqlite")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the metrics file; print counts or every problem")
    v.add_argument("file", nargs="?", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    e = sub.add_parser("export", help="write the tidy table, a data package (folder or .zip) or a SQLite file")
    e.add_argument("--format", choices=("csv", "json", *BINARY_FORMATS), default="csv")
    e.add_argument("-o", "--output", help="file to write (default: standard output; required for datapackage, sqlite)")
    e.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    s = sub.add_parser("scan", help="list numbers and blanks in the sources that no figure covers")
    s.add_argument("--file", help="metrics file")
    s.add_argument(
        "--exclusions", default=None, help="exclusions file (default: scan_exclusions.yaml beside the metrics file)"
    )
    a = sub.add_parser("add-source", help="register a new text: copy it, pin its sha256, detect its places")
    a.add_argument("text", help="the UTF-8 text file")
    a.add_argument("--id", required=True, help="source id: a plain slug (it becomes the file names)")
    a.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    for name in ("title-zh", "title-en", "url", "published", "accessed", "publisher-zh", "publisher-en", "author"):
        a.add_argument(f"--{name}")
    a.add_argument("--language", default="zh")
    sc = sub.add_parser("schema", help="write data/metrics.schema.json (or --check it is current)")
    sc.add_argument("--check", action="store_true")
    draft_cli.add_parser(sub)
    args = parser.parse_args(argv)

    if args.command == "schema":
        return _schema(args.check)
    if args.command == "export" and args.format in BINARY_FORMATS and not args.output:
        parser.error(f"--format {args.format} needs -o/--output")
    path = Path(getattr(args, "file", None) or metrics_path())
    if args.command == "add-source":
        return _add_source(path, args)
    try:
        ds = load(path, workers=min(os.cpu_count() or 1, 8))  # this process has one thread: it may fork
    except MetricsError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.command == "draft":
        try:
            return draft_cli.run(args, ds, path)
        except atomic.ReadOnly as exc:  # a read-only figure file is never replaced (loaders.atomic)
            print(f"error: {exc.strerror}; nothing was written", file=sys.stderr)
            return 1
    df = derive.frame(ds)
    if args.command == "validate":
        table = derive.city_status(df)
        table["total"] = table.sum(axis=1)
        print(f"{path}: {len(df)} figures from {len(ds.sources)} source(s), no problems")
        print(table.to_string())
        return 0
    if args.command == "export" and args.format in BINARY_FORMATS:
        return _export_binary(ds, args.format, Path(args.output))
    if args.command == "export":
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
    excl = Path(args.exclusions) if args.exclusions else path.parent / "scan_exclusions.yaml"
    missing = scan.uncovered(df, ds.texts, scan.load_exclusions(excl) if excl.exists() else [])
    for sid, f in missing:
        print(f"{sid}: {f.describe()}")
    print(f"{len(missing)} finding(s) not covered")
    return 1 if missing else 0


def _add_source(path: Path, args) -> int:
    try:
        added = add_source.add_source(
            path,
            Path(args.text),
            args.id,
            title_zh=args.title_zh,
            title_en=args.title_en,
            url=args.url,
            published=args.published,
            accessed=args.accessed,
            publisher_zh=args.publisher_zh,
            publisher_en=args.publisher_en,
            author=args.author,
            language=args.language,
        )
    except add_source.AddSourceError as exc:
        print(f"add-source: {exc}", file=sys.stderr)
        return 1
    print("\n".join(added.summary()))
    return 0


def _export_binary(ds, fmt: str, target: Path) -> int:
    from loaders import export_package, export_sqlite, export_tables

    contents = export_tables.from_dataset(ds)
    try:
        (export_package if fmt == "datapackage" else export_sqlite).write(contents, target)
    except (export_tables.ExportError, OSError) as exc:
        print(f"{target}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {target}: {len(contents.table('figures').rows)} figures, {fmt}")
    return 0


def _schema(check: bool) -> int:
    stale = []
    for name, model in schema.SCHEMAS.items():
        text = schema.json_schema(model)
        target = Path(name)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target)
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    for target in stale:
        print(f"{target} is stale: run python -m loaders schema", file=sys.stderr)
    if check and not stale:
        print(", ".join(schema.SCHEMAS) + " are current")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
