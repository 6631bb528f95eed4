"""python -m bench.draft_eval [--write]: the drafter on answer-keyed texts written for it (bench/eval/).

Each text in bench/eval/ has an answer key written before the drafter first ran on it, and a redacted
twin (every number of 3+ digits deleted, `python -m bench.eval.twin`) whose key is derived. Scores, per
text and per class of figure: recall (key figures proposed with the same value and status), deleted
found (key blanks and partials with a proposal at the gap), precision (proposals that match a key
figure), and unit, qualifier, type and place agreement on matched figures. Traps (words such as 老家,
挨个 where a measure word is no deleted number) count the proposals standing in them. The key says
whether the text was `seen` (read while rules were written); unseen texts are reported apart.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import yaml

from bench.draft_accuracy import ROOT, _values, match, write_dataset

EVAL = ROOT / "bench" / "eval"
BEGIN, END = "<!-- draft-eval:begin -->", "<!-- draft-eval:end -->"
CONFIDENT = 0.9


def texts() -> list[tuple[str, Path, Path]]:
    """(name, text file, key file) of every eval text and twin, originals first."""
    out = []
    for key in sorted(EVAL.glob("t*.key.yaml")):
        name = key.name[: -len(".key.yaml")]
        out.append((name, EVAL / f"{name}.txt", key))
    return sorted(out, key=lambda t: (".twin" in t[0], t[0]))


def dataset(folder: Path, text_file: Path, key: dict) -> Path:
    """A dataset of one text: its key as the curated figures, the real registry's types and glossary."""
    raw = text_file.read_bytes()
    real = yaml.safe_load((ROOT / "data" / "metrics.yaml").read_text(encoding="utf-8"))
    metrics = []
    for i, row in enumerate(key["figures"]):
        row = {k: v for k, v in row.items() if k != "class"}
        metrics.append({"id": f"key-{i + 1}", "source": "eval", "label_zh": "答案", "label_en": "key", **row})
    # a place with no section of its own is the text's subject, not "announced without a section"
    appearances = [
        {k: v for k, v in a.items() if a.get("has_section") or k != "announced_as"} for a in key["appearances"]
    ]
    listed = {a["place"] for a in appearances}
    appearances += [{"place": c["id"], "has_section": False} for c in key["places"] if c["id"] not in listed]
    doc = {
        "sources": [
            {
                "id": "eval",
                "file": "source/eval.txt",
                "sha256": hashlib.sha256(raw).hexdigest(),
                "title_en": "Eval text written for the drafter",
                "title_zh": "评测文本",
                "language": "zh",
                **({"main_place": key["main_place"]} if key.get("main_place") else {}),
                "appearances": appearances,
            }
        ],
        "cities": key["places"],
        "metric_types": real["metric_types"],
        "glossary": real.get("glossary") or [],
        "metrics": metrics,
    }
    return write_dataset(folder, "eval", raw, doc)


def klass(row: dict) -> str:
    if row.get("class"):
        return row["class"]
    return "plain" if row["status"] == "reported" else "del_unit"


def score_text(text_file: Path, key_file: Path) -> dict:
    """Per-figure outcomes and proposal counts for one text."""
    from drafting import proposals as draft
    from loaders.dataset import load

    key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="draft-eval-") as tmp:
        ds = load(dataset(Path(tmp), text_file, key))
    text = ds.texts["eval"]
    d = draft.draft(text, draft.context(ds, "eval"))
    curated = [m for m in ds.metrics if m.source == "eval"]
    pairs = match(curated, ds.placed, d.proposals)
    rows = []
    for (m, p), krow in zip(pairs, key["figures"], strict=True):
        rows.append(
            {
                "class": klass(krow),
                "deleted": m.status in ("blank", "partial"),
                "found": p is not None,
                "same": p is not None and _values(m) == _values(p) and m.status == p.status,
                "unit": p is not None and (m.unit or None) == (p.unit or None),
                "qualifier": p is not None and m.qualifier == p.qualifier,
                "type": p is not None and m.type == p.type,
                "place": p is not None and m.city == p.city,
                "miss": None if p is not None else f"{m.status} {m.value} {m.unit} in “{m.quote}”",
            }
        )
    used = {id(p) for _, p in pairs if p is not None}
    extra = [p for p in d.proposals if id(p) not in used]
    traps = {}
    for t in key.get("traps") or []:
        start = 0
        while (i := text.find(t["quote"], start)) >= 0:
            hits = [p for p in extra if i <= p.at < i + len(t["quote"])]
            traps[t["quote"]] = traps.get(t["quote"], 0) + len(hits)
            start = i + 1
    conf = [(getattr(p, "confidence", None), id(p) in used) for p in d.proposals]
    return {
        "seen": bool(key.get("seen")),
        "rows": rows,
        "proposals": len(d.proposals),
        "matched": len(used),
        "extra": [f"{p.status} {p.value} {p.unit} in “{p.quote[:24]}” ({p.reason.split('; ')[0]})" for p in extra],
        "traps": traps,
        "conf": conf,
    }


def _pct(n: int, d: int) -> str:
    return f"{n / d:.0%} ({n}/{d})" if d else "–"


def summary(results: list[dict]) -> dict:
    rows = [r for res in results for r in res["rows"]]
    found = [r for r in rows if r["found"]]
    dele = [r for r in rows if r["deleted"]]
    props = sum(res["proposals"] for res in results)
    matched = sum(res["matched"] for res in results)
    conf = [c for res in results for c in res["conf"] if c[0] is not None and c[0] > CONFIDENT]
    return {
        "recall": (sum(r["same"] for r in rows), len(rows)),
        "deleted": (sum(r["found"] for r in dele), len(dele)),
        "precision": (matched, props),
        **{k: (sum(r[k] for r in found), len(found)) for k in ("unit", "qualifier", "type", "place")},
        "traps": (sum(n for res in results for n in res["traps"].values()), sum(len(res["traps"]) for res in results)),
        "calibration": (sum(ok for _, ok in conf), len(conf)),
    }


COLS = ("recall", "deleted", "precision", "unit", "qualifier", "type", "place", "traps", "calibration")
HEAD = (
    "| text | seen | recall | deleted found | precision | unit | qualifier | type | place | "
    "proposals in traps | matched among conf > 0.9 |"
)


def _line(name: str, seen: str, s: dict) -> str:
    cells = []
    for c in COLS:
        n, d = s[c]
        cells.append(f"{n}/{d}" if c == "traps" else _pct(n, d))
    return f"| {name} | {seen} | " + " | ".join(cells) + " |"


def measure() -> dict:
    return {name: score_text(tf, kf) for name, tf, kf in texts()}


def render(res: dict) -> str:
    lines = [
        BEGIN,
        "## Drafter on answer-keyed texts (`python -m bench.draft_eval`)",
        "",
        f"{sum('.twin' not in n for n in res)} texts of the genre written for this benchmark (`bench/eval/`), each "
        "with an answer key written before the drafter first ran on it, and their redacted twins (`.twin`: every number of 3+ digits "
        "deleted, key derived by `python -m bench.eval.twin`). *seen* = read while rules were written; the "
        "unseen texts were kept out of sight until the rules were done (the fresh rounds, measured once each, are "
        "in `bench/eval/HELDOUT_FRESH*.md`). Recall: key figures proposed with the "
        "same value and status; deleted found: key blanks/partials with a proposal at the gap; precision: "
        "proposals matching a key figure; unit…place: agreement on matched figures; traps: proposals standing "
        "in a word such as 老家 / 挨个 (no number was deleted there), per trap listed in the key.",
        "",
        HEAD,
        "|" + " --- |" * (len(COLS) + 2),
    ]
    for name, r in res.items():
        lines.append(_line(name, "seen" if r["seen"] else "**unseen**", summary([r])))
    seen = [r for r in res.values() if r["seen"]]
    unseen = [r for r in res.values() if not r["seen"]]
    lines.append(_line("**all seen**", "seen", summary(seen)))
    lines.append(_line("**all unseen**", "unseen", summary(unseen)))
    lines += ["", "Per class (all texts; seen / unseen):", "", "| class | recall seen | recall unseen | found |"]
    lines.append("| --- | --- | --- | --- |")
    classes = sorted({r["class"] for x in res.values() for r in x["rows"]})
    for c in classes:

        def pick(group, c=c):
            return [r for x in group for r in x["rows"] if r["class"] == c]

        a, b = pick(seen), pick(unseen)
        allr = a + b
        lines.append(
            f"| {c} | {_pct(sum(r['same'] for r in a), len(a))} | {_pct(sum(r['same'] for r in b), len(b))} | "
            f"{_pct(sum(r['found'] for r in allr), len(allr))} |"
        )
    lines += ["", "Misses and proposals that match no key figure:", ""]
    for name, r in res.items():
        for row in r["rows"]:
            if row["miss"]:
                lines.append(f"- {name}: missed {row['miss']} ({row['class']})")
        for e in r["extra"]:
            lines.append(f"- {name}: unmatched {e}")
    lines += ["", END, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.draft_eval", description=__doc__)
    ap.add_argument("--write", action="store_true", help="write the section into docs/benchmarks.md")
    a = ap.parse_args(argv)
    section = render(measure())
    if a.write:
        write_section_eval(section, ROOT / "docs" / "benchmarks.md")
    sys.stdout.write(section)
    return 0


def write_section_eval(section: str, path: Path) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + section + rest.split(END, 1)[1].lstrip("\n")
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + section
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
