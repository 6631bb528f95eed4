"""Synthetic data at N times today's size: N copies of the curated file, each with its own source text.

At scale 1 the output is the curated data unchanged. Above that, every copy k gets a source file whose
text starts with a marker line and carries the marker before every section heading, so its sha256 and
its headings are its own (an unmarked heading would occur inside every marked copy); copy k >= 1 gets new
ids for its sources, cities and figures; the quotes stay the same (each occurs once in its own copy).
Validation therefore does the same real work per copy: hash, heading and quote search, number placement.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "metrics.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def marker(k: int) -> str:
    return f"〔副本{k}〕"


def make(scale: int, out_dir: str | Path, curated: str | Path = CURATED) -> Path:
    """Write metrics.yaml and its sources at `scale` times the curated size into out_dir; return the YAML path."""
    curated = Path(curated)
    out_dir = Path(out_dir)
    doc = yaml.load(curated.read_text(encoding="utf-8"), Loader=_Loader)
    texts = {s["id"]: (curated.parent / s["file"]).read_text(encoding="utf-8") for s in doc["sources"]}
    out = {
        "sources": [],
        "cities": [],
        "metric_types": doc["metric_types"],
        "indicators": doc.get("indicators") or [],
        "metrics": [],
    }
    for k in range(scale):
        _copy(k, doc, texts, out, out_dir, marked=scale > 1)
    path = out_dir / "metrics.yaml"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(out, fh, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return path


def _copy(k: int, doc: dict, texts: dict[str, str], out: dict, out_dir: Path, marked: bool) -> None:
    mark = marker(k) if marked else ""
    sid_of = {s["id"]: f"{s['id']}-x{k}" if k else s["id"] for s in doc["sources"]}
    cid_of = {c["id"]: f"{c['id']}_x{k}" if k else c["id"] for c in doc["cities"]}
    headings = [
        a["section_heading"] for s in doc["sources"] for a in s.get("appearances") or [] if a.get("section_heading")
    ]
    for src in doc["sources"]:
        text = texts[src["id"]]
        if mark:
            for h in headings:
                if h in text:
                    text = text.replace(h, mark + h)
            text = mark + "\n" + text
        rel = Path(src["file"])
        rel = rel.with_name(f"{rel.stem}-x{k}{rel.suffix}") if k else rel
        raw = text.encode("utf-8")
        (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / rel).write_bytes(raw)
        s = copy.deepcopy(src)
        s.update(id=sid_of[src["id"]], file=rel.as_posix(), sha256=hashlib.sha256(raw).hexdigest())
        for a in s.get("appearances") or []:  # what this copy says of its own copies of the places
            a["place"] = cid_of[a["place"]]
            if mark and a.get("section_heading"):
                a["section_heading"] = mark + a["section_heading"]
        if s.get("main_place"):
            s["main_place"] = cid_of[s["main_place"]]
        out["sources"].append(s)
    for city in doc["cities"]:
        c = dict(city)
        c["id"] = cid_of[city["id"]]
        if k:
            c["zh"] = f"{city['zh']}{mark}"
            c["en"] = f"{city['en']} #{k}"
        if c.get("parent"):
            c["parent"] = cid_of[c["parent"]]
        out["cities"].append(c)
    for m in doc["metrics"]:
        row = dict(m)
        if k:
            row.update(id=f"{m['id']}-x{k}", source=sid_of[m["source"]], city=cid_of[m["city"]])
        out["metrics"].append(row)


def rows(path: str | Path) -> int:
    """Number of figures in a metrics file (without validating it)."""
    doc = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    return len(doc["metrics"])
