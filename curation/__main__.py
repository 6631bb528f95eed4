"""Command line of the writers of data/: python -m curation add-source|places|move-figures|schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curation import add_source, place_save
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
    a.add_argument("--accept-places", action="store_true", help="accept every place proposal that has no problem")
    pl = sub.add_parser("places", help="the Places step: every place a registered source names, to accept")
    pl.add_argument("source", help="source id")
    pl.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")
    pl.add_argument("--accept", action="store_true", help="accept every proposal that has no problem")
    pl.add_argument("--choose", action="append", default=[], metavar="NAME=CODE", help="an ambiguous name's division")
    pl.add_argument("--merge", action="append", default=[], metavar="NAME=ID", help="a name is this registry place")
    pl.add_argument("--main-place", help="the source's main place (default: the one proposed)")
    pl.add_argument("--undo", action="store_true", help="undo the last Places save")
    sc = sub.add_parser("schema", help="write data/metrics.schema.json (or --check it is current)")
    sc.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "schema":
        return _schema(args.check)
    if args.command == "move-figures":
        return _move(Path(args.file or metrics_path()), args.source, args.undo)
    if args.command == "places":
        return _places(Path(args.file or metrics_path()), args.source, args)
    return _add_source(Path(args.file or metrics_path()), args)


def _move(path: Path, source_id: str, undo: bool) -> int:
    from curation import migrate
    from loaders import atomic

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


def _pairs(items: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise place_save.PlacesError(f"--{what} {item!r}: write NAME=VALUE")
        out[name] = value
    return out


def _places(path: Path, source: str, args) -> int:
    """Print every place proposal; with --accept, save those without a problem (and the chosen/merged ones)."""
    try:
        if getattr(args, "undo", False):
            place_save.undo(path)
            print(f"undone: {path} is as it was before the last Places save")
            return 0
        plan = place_save.plan(path, source)
        props = plan.resolution.proposals
        choose, merge = _pairs(getattr(args, "choose", []), "choose"), _pairs(getattr(args, "merge", []), "merge")
        taken = set(plan.known) | {p.id for p in props if p.id}
        for i, p in enumerate(props):
            names = set(p.written) | {p.entry["zh"]}
            if hit := names & merge.keys():
                props[i] = place_save.merge(p, merge[next(iter(hit))], plan.known)
            elif hit := names & choose.keys():
                props[i] = place_save.choose(p, choose[next(iter(hit))], taken)
                taken.add(props[i].id)
        print(f"places named in {source}:")
        for p in props:
            print("  " + p.describe())
        main = getattr(args, "main_place", None) or plan.resolution.main_place
        print(f"  main place (figures outside every place's passage): {main or 'none proposed'}")
        if not getattr(args, "accept", False) and not getattr(args, "accept_places", False):
            print("  nothing saved: accept with --accept (python -m curation places ID --accept)")
            return 0
        ok = [p for p in props if not p.problem]
        left = [p for p in props if p.problem]
        place_save.save(plan, ok, main)
    except place_save.PlacesError as exc:
        print(f"places: {exc}", file=sys.stderr)
        return 1
    print(f"saved {len([p for p in ok if not p.existing])} new places and the appearances of {source} in {path}")
    for p in left:
        print(f"  left out: {'/'.join(p.written)}: {p.problem}")
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
    return _places(path, args.id, args)


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
