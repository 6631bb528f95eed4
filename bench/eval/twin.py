"""Make each eval text's redacted twin: every number of three or more digits deleted, as the seed was.

`1,200余名` -> `余名`, `2019年` -> `年`, `1800万元` -> `万元`; numbers of one or two digits (and decimals
whose whole part has one or two digits, 3.6万) stay. The twin's answer key is derived from the text's:
a figure whose number was deleted becomes a blank with the same unit and qualifier, and is given the
class of the slot it leaves (before 万/亿, a year, after a hedge, a person count, at a clause start);
quotes and anchors lose the deleted digits. Run `python -m bench.eval.twin` to rewrite the twins.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LONG_NUMBER = re.compile(r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?(?![\d])")
HEDGES = ("近", "约", "超", "超过", "不少于", "不低于", "突破", "达", "至少", "逾")
CLAUSE_START = set("\n,，。;；、:：")


def redact(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The twin text and the deleted spans of the original."""
    spans = [(m.start(), m.end()) for m in LONG_NUMBER.finditer(text)]
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return "".join(out), spans


def _cut(s: str) -> str:
    return LONG_NUMBER.sub("", s)


def slot_class(twin: str, gap: int, unit: str | None, anchor: str) -> str:
    """The class of the slot a deletion leaves at offset gap of the twin (the issue's list)."""
    after = twin[gap : gap + 2]
    if after[:1] in "万亿" or after[:2] in ("余万", "多万"):
        return "del_scale"
    if unit == "年":
        return "del_year"
    if any(anchor.endswith(h) for h in HEDGES):
        return "del_hedge"
    if unit in ("人", "名", "人次", "户"):
        return "del_person"
    if gap == 0 or twin[gap - 1] in CLAUSE_START:
        return "del_clause"
    return "del_unit"


def twin_key(text: str, key: dict) -> tuple[str, dict]:
    twin, spans = redact(text)
    out = dict(key, seen=key.get("seen", False), twin_of=None)
    figures = []
    for row in key["figures"]:
        q = text.find(row["quote"])
        at = q + len(row.get("anchor") or "")
        hit = next(((s, e) for s, e in spans if s == at), None)
        new = dict(row, quote=_cut(row["quote"]), anchor=_cut(row.get("anchor") or ""))
        if hit is not None:
            if row.get("low") is not None:
                raise SystemExit(f"{row['quote']}: a range with a deleted bound; write the key row by hand")
            for k in ("value", "low", "high", "digits_shown"):
                new.pop(k, None)
            gap = at - sum(e - s for s, e in spans if e <= at)
            new["status"] = "blank"
            new["class"] = slot_class(twin, gap, row.get("unit"), new["anchor"])
        if twin.count(new["quote"]) != 1:
            raise SystemExit(f"{row['quote']}: its twin quote {new['quote']!r} is not unique in the twin")
        figures.append(new)
    out["figures"] = figures
    out["traps"] = [dict(t, quote=_cut(t["quote"])) for t in key.get("traps") or []]
    return twin, out


def main() -> int:
    for key_file in sorted(HERE.glob("t*.key.yaml")):
        if ".twin." in key_file.name:
            continue
        stem = key_file.name[: -len(".key.yaml")]
        text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        twin, tkey = twin_key(text, key)
        tkey["twin_of"] = stem
        if tkey.get("appearances"):
            for a in tkey["appearances"]:
                if a.get("section_heading"):
                    a["section_heading"] = _cut(a["section_heading"])
        (HERE / f"{stem}.twin.txt").write_text(twin, encoding="utf-8")
        head = f"# Derived by `python -m bench.eval.twin` from {key_file.name}; do not edit by hand.\n"
        body = yaml.safe_dump(tkey, allow_unicode=True, sort_keys=False, width=200)
        seen = re.search(r"^seen:.*$", key_file.read_text(encoding="utf-8"), re.M)
        if seen:  # the original's seen line as written, with its comment (since when, and why)
            lines = body.split("\n")
            k = next(i for i, line in enumerate(lines) if line.startswith("seen:"))
            body = "\n".join([*lines[:k], seen.group(), *lines[k + 1 :]])
        (HERE / f"{stem}.twin.key.yaml").write_text(head + body, encoding="utf-8")
        deleted = sum(1 for r in tkey["figures"] if r["status"] == "blank") - sum(
            1 for r in key["figures"] if r["status"] == "blank"
        )
        sys.stdout.write(f"{stem}: {deleted} figures deleted in the twin\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
