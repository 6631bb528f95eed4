"""Command line: python -m loaders validate|export|scan|schema|draft."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loaders import derive, draft_cli, scan, schema
from loaders.dataset import load, metrics_path
from loaders.problems import MetricsError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the metrics file; print counts or every problem")
    v.add_argument("file", nargs="?", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    e = sub.add_parser("export", help="write the tidy table")
    e.add_argument("--format", choices=("csv", "json"), default="csv")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    s = sub.add_parser("scan", help="list numbers and blanks in the sources that no figure covers")
    s.add_argument("--file", help="metrics file")
    s.add_argument(
        "--exclusions", default=None, help="exclusions file (default: scan_exclusions.yaml beside the metrics file)"
    )
    sc = sub.add_parser("schema", help="write data/metrics.schema.json (or --check it is current)")
    sc.add_argument("--check", action="store_true")
    draft_cli.add_parser(sub)
    args = parser.parse_args(argv)

    if args.command == "schema":
        return _schema(args.check)
    path = Path(getattr(args, "file", None) or metrics_path())
    try:
        ds = load(path)
    except MetricsError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.command == "draft":
        return draft_cli.run(args, ds, path)
    df = derive.frame(ds)
    if args.command == "validate":
        table = derive.city_status(df)
        table["total"] = table.sum(axis=1)
        print(f"{path}: {len(df)} figures from {len(ds.sources)} source(s), no problems")
        print(table.to_string())
        return 0
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


def _schema(check: bool) -> int:
    text = schema.json_schema()
    target = Path(schema.SCHEMA_FILE)
    if check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is stale: run python -m loaders schema", file=sys.stderr)
            return 1
        print(f"{target} is current")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
