"""python -m drafting draft TEXT_OR_SOURCE_ID [--source ID] [-o FILE] [--format yaml|json]."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from drafting import labels
from drafting import proposals as draft
from drafting import write as draft_write
from loaders import atomic
from loaders.problems import FiguresError


def add_parser(sub) -> None:
    d = sub.add_parser(
        "draft",
        help="propose a figure row for every number and deleted number of a text",
        description=(
            "Given a registered source id, draft its text; given a UTF-8 text file, draft it without "
            "registering anything. Rows already curated (same id, or the same number at the same place) "
            "are never written again."
        ),
    )
    d.add_argument("target", help="a registered source id, or the path of a UTF-8 text file")
    d.add_argument("--source", help="source id written into the rows (default: the id, or the file's name)")
    d.add_argument("-o", "--output", help="figure file to add the rows to (default: standard output)")
    d.add_argument("--format", choices=("yaml", "json"), default="yaml", help="json writes a list of records")
    d.add_argument("--file", help="metrics file (default: $METRICS_FILE or data/metrics.yaml)")


def run(args, ds, path: Path) -> int:
    try:
        return _run(args, ds, path)
    except (draft_write.DraftInputError, draft_write.StaleFileError) as exc:  # one line, exit 1
        _say(f"error: {exc}")
        return 1
    except FiguresError as exc:
        _say(exc)
        return 1


def _run(args, ds, path: Path) -> int:
    if args.output and Path(args.output).resolve() == path.resolve():
        raise draft_write.DraftInputError(
            f"{args.output}: is the entry file, which curators edit by hand; write drafts to a figure file"
        )
    registered = args.target in ds.sources
    if registered:
        source = args.source or args.target
        text = ds.texts[args.target]
    else:
        file = Path(args.target)
        if not file.exists():
            known = ", ".join(sorted(ds.sources)) or "none"
            raise draft_write.DraftInputError(
                f"{args.target}: neither a registered source id (known: {known}) nor an existing file"
            )
        text = draft_write.read_text_input(file, args.target)
        source = args.source or _slug(file.stem)
        registered = source in ds.sources and ds.texts.get(source) == text
    own_file = ds.figure_files.get(source) if registered else None
    if registered and args.format == "yaml" and (args.output or own_file):
        out = Path(args.output) if args.output else own_file
        d, rep, held = draft_write.draft_source(ds, source, path, out)
        _report_draft(ds.texts[source], d)
        for p in held:
            where = "among the source's appearances" if p.city in ds.cities else "in the registry (cities:)"
            _say(
                f"held back {p.id}: place {p.city!r} is not {where}; accept it in the Places step "
                f"(python -m curation places {source})"
            )
        for s in rep.skipped:
            _say(f"kept as it is: {s}")
        _say(f"{out}: added {len(rep.added)} draft row(s), skipped {len(rep.skipped)} already there")
        return 0
    ctx = labels.with_glossary(draft.context(ds, source), path)
    if not registered:  # a preview: a place not in the registry gets an id from its name, never a placeholder
        ctx.preview = True
    d = draft.draft(text, ctx)
    _report_draft(text, d)
    rows_ok, held = [], []
    for p in d.proposals:  # rows for the entry's figures must validate: their places must appear in the source
        (rows_ok if (source, p.city) in ds.appearances or not registered else held).append(p)
    for p in held:
        _say(
            f"held back {p.id}: place {p.city!r} is not among the source's appearances; accept it in the Places "
            f"step (python -m curation places {source})"
        )
    curated = [m.model_dump(exclude_none=True) for m in ds.metrics if m.source == source] if registered else []
    if args.output and args.format == "yaml":  # a text not registered: nothing to validate it against
        out = Path(args.output)
        rep = draft_write.write_figure_file(out, text, rows_ok)
        for s in rep.skipped:
            _say(f"kept as it is: {s}")
        _say(f"{out}: added {len(rep.added)} draft row(s), skipped {len(rep.skipped)} already there")
        return 0
    rows, skipped = draft_write.new_rows(text, rows_ok, curated, [])
    for s in skipped:
        _say(f"kept as it is: {s}")
    keep = {r["id"] for r in rows}
    if args.format == "json":
        body = json.dumps([p.record() for p in rows_ok if p.id in keep], ensure_ascii=False, indent=1) + "\n"
    else:
        body = draft_write.HEADER + "metrics:\n" + draft_write.dump_rows(rows) if rows else "metrics: []\n"
    if args.output:
        out = Path(args.output)
        try:
            atomic.create(out, body.encode("utf-8"))
        except FileExistsError:
            raise draft_write.DraftInputError(f"{out}: exists; JSON output never overwrites a file") from None
        _say(f"{out}: wrote {len(keep)} record(s)")
    else:
        sys.stdout.write(body)
    return 0


def _report_draft(text: str, d) -> None:
    by = {}
    for p in d.proposals:
        by[p.status] = by.get(p.status, 0) + 1
    counts = ", ".join(f"{n} {s}" for s, n in sorted(by.items()))
    _say(f"drafted {len(d.proposals)} proposal(s) ({counts or 'none'}); {len(d.skipped)} number(s) skipped:")
    for s in d.skipped:
        _say(f"  skipped {s.describe(text)}")
    for place in d.new_places:
        _say(
            f"not in the registry: {place['zh']} (at {place.get('at', '?')}): its figures wait for the Places step "
            "(python -m curation places SOURCE)"
        )


def _say(message) -> None:
    """Reports go to standard error, so standard output stays the drafted file."""
    sys.stderr.write(f"{message}\n")


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    return (s or "draft")[:60]
