"""The store (build/figures.db) and the Curate page, each step in a fresh process (a bench.worker task).

run(path, runs, validate_runs) works on a copy of the synthetic data (it edits files), with a store folder of its
own ($FIGURES_STORE_DIR), and measures:
1. `python -m loaders validate` from scratch: wall time of the whole process (imports included);
2. a cold build, `python -m loaders build --full`: wall time of the whole process, and its peak RSS;
3. a restart on unchanged data: store.ensure + store.read, timed after the imports, and the process' peak RSS;
4. a rebuild after one figure file changed (a label edited, another file each run): store.ensure, which must
   rebuild that source's rows alone;
5. a rebuild after the entry file changed (a place renamed): store.ensure, which rebuilds everything;
6. change detection per rerun: store.ensure on unchanged data, 20 calls in one process (the median), after a
   touch of one text (its stat changed, its bytes not), and in the state a curator's edit leaves behind;
7. the Curate page on the sources with the largest figure files: open (open_sheet + views.curate.begin), live
   check (one Set edit, then views.curate.check) and Save (curation.review.save of that edit), after a round on
   another source that is not counted (a server has paid its first-call costs).

python -m bench.storebench --scale 1000 runs it alone on fresh synthetic data and prints the report's section.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import worker

ROOT = Path(__file__).resolve().parent.parent
RACY_S = 2.1
"""loaders.store hashes a file again on every check while it is younger than 2 s (git's racily-clean rule): data
on disk is usually older, so the steps that measure unchanged data wait that long after the last edit."""


def _edit_figures(data: Path, k: int) -> str:
    """Edit one label of the k-th chosen figure file (another file each k); return the source's id."""
    files = sorted((data / "figures").glob("*.yaml"))
    target = files[(k * 7919) % len(files)]
    text = target.read_text(encoding="utf-8")
    m = re.search(r"^\s*-?\s*label_en: (['\"]?)", text, re.MULTILINE)  # any quoting: the seed's file is a curator's
    if m is None:
        raise RuntimeError(f"{target}: no label_en to edit")
    target.write_text(text[: m.end()] + f"Edited {k} " + text[m.end() :], encoding="utf-8")
    return target.stem  # a figure file is named after its source


def _edit_entry(path: Path, k: int) -> None:
    """Rename the first place's English name: a registry edit, no figure touched."""
    text = path.read_text(encoding="utf-8")
    m = re.compile(r"^[ -]*en: .*$", re.MULTILINE).search(text, text.index("\ncities:"))
    path.write_text(text[: m.end()] + f" (renamed {k})" + text[m.end() :], encoding="utf-8")


def run(source: str, runs: int, validate_runs: int) -> dict:
    """Every step on a copy of source's folder; times in seconds, memory in MB."""
    before = os.environ.get("FIGURES_STORE_DIR")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(Path(source).parent, data)
        path = data / "metrics.yaml"
        os.environ["FIGURES_STORE_DIR"] = str(Path(tmp) / "stores")  # this copy's store, inherited by workers
        try:
            load = os.getloadavg()[0]
            out = _steps(data, path, runs, validate_runs)
            return {**out, "load": [load, os.getloadavg()[0]]}  # a shared machine: how busy it was
        finally:
            if before is None:
                os.environ.pop("FIGURES_STORE_DIR", None)
            else:
                os.environ["FIGURES_STORE_DIR"] = before


def _steps(data: Path, path: Path, runs: int, validate_runs: int) -> dict:
    time.sleep(RACY_S)
    out: dict = {"validate": []}
    for _ in range(validate_runs):
        v = call("timed-cli", sys.executable, "-m", "loaders", "validate", str(path))
        out["validate"].append(v["s"])
    built = call("timed-cli", sys.executable, "-m", "loaders", "build", "--full", str(path))
    out["cold"] = [built["s"]]
    out["cold_rss_mb"] = built["maxrss_mb"]
    restarts = [call("store-restart", str(path)) for _ in range(runs)]
    _expect(restarts, "unchanged", "a restart on unchanged data")
    out["unchanged"] = [r["s"] for r in restarts]
    out["unchanged_parts"] = {"ensure": [r["ensure_s"] for r in restarts], "read": [r["read_s"] for r in restarts]}
    out["unchanged_rss_mb"] = max(r["rss_peak_mb"] for r in restarts)
    out["rows"] = restarts[0]["rows"]
    out["detect"] = call("store-detect", str(path), "--runs", "20")  # before any edit: files older than 2 s

    out["one_file"], out["edited"] = [], []
    for k in range(runs if any((data / "figures").glob("*.yaml")) else 0):  # 1x: its figures are in the entry
        sid = _edit_figures(data, k)
        r = call("store-ensure", str(path))
        if r["kind"] != "sources" or r["sources"] != [sid]:
            raise RuntimeError(f"one figure file of {sid} changed, but the store rebuilt {r['kind']} {r['sources']}")
        out["one_file"].append(r["s"])
        out["edited"].append(sid)
    out["entry"] = []
    for k in range(max(1, runs // 2)):
        _edit_entry(path, k)
        r = call("store-ensure", str(path))
        _expect([r], "full", "the entry file changed")
        out["entry"].append(r["s"])
    # A curator's edit: the files edited within 2 s of their last hashing are hashed on every check until a build
    # records their settled stat; measured as the data is after the edits above.
    time.sleep(RACY_S)
    out["detect_after_edits"] = call("store-detect", str(path), "--runs", "20")
    out["curate"] = call("curate", str(path), "--runs", str(runs)) if out["edited"] else None
    return out


def _expect(results: list[dict], kind: str, what: str) -> None:
    for r in results:
        if r["kind"] != kind:
            raise RuntimeError(f"{what}: the store answered {r['kind']!r}, not {kind!r}")


def call(task: str, *args: str) -> dict:
    """python -m bench.worker TASK ARGS in a fresh process; its last stdout line is the JSON result."""
    cmd = [sys.executable, "-m", "bench.worker", task, *args]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ}, timeout=1800)
    if res.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{res.stderr[-3000:]}")
    return worker.last_json(res.stdout)


def main(argv: list[str] | None = None) -> int:
    from bench import report, synth

    ap = argparse.ArgumentParser(prog="python -m bench.storebench", description=__doc__)
    ap.add_argument("--scale", type=int, default=1000, help="synthetic data at this many sources")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--validate-runs", type=int, default=1)
    ap.add_argument("--json", type=Path, default=None, help="also write the raw measurements here")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        started = time.time()
        path = synth.make(a.scale, Path(tmp) / f"x{a.scale}")
        result = run(str(path), a.runs, a.validate_runs)
    results = {"store": {a.scale: result}, "elapsed_s": time.time() - started}
    if a.json:
        a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\n".join(report.store_section(results)))
    for label, got, ok in report.store_targets(results):
        print(f"- {label}: {got} ({report.verdict(ok)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
