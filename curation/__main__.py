"""Command line of the writers of data/: python -m curation add-source|move-figures|schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curation import add_source
from loaders import schema
from loaders.dataset import metrics_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curation", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("add-source", help="register a new text: copy it, pin its sha256, detect its places")
    a.add_argument("text", help="the UTF-8 text file")
    a.add_argument("--id", required=True, help="source id: a plain slug (it becomes the file names)")
    a.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    for name in ("title-zh", "title-en", "url", "published", "accessed", "publisher-zh", "publisher-en", "author"):
        a.add_argument(f"--{name}")
    a.add_argument("--language", default="zh")
    mv = sub.add_parser("move-figures", help="move a source's figures from the entry file to its own figure file")
    mv.add_argument("source", help="source id")
    mv.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    mv.add_argument("--undo", action="store_true", help="put the entry file back as it was before the last move")
    sc = sub.add_parser("schema", help="write data/metrics.schema.json (or --check it is current)")
    sc.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "schema":
        return _schema(args.check)
    if args.command == "move-figures":
        return _move(Path(args.file or metrics_path()), args.source, args.undo)
    return _add_source(Path(args.file or metrics_path()), args)


def _move(path: Path, source_id: str, undo: bool) -> int:
    from curation import atomic, migrate

    try:
        if undo:
            migrate.undo(path, source_id)
            print(f"undid the move of {source_id}: {path} restored")
            return 0
        move = migrate.run(path, source_id)
    except (migrate.MigrateError, atomic.Conflict, FileExistsError) as exc:
        print(f"move-figures: {exc}", file=sys.stderr)
        return 1
    print(f"moved {move.moved} figures of {source_id} to {move.figure_file}; every field unchanged")
    return 0


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
        print(f"{target} is stale: run python -m curation schema", file=sys.stderr)
    if check and not stale:
        print(", ".join(schema.SCHEMAS) + " are current")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
