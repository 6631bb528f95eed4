"""python -m bench.before_after REV [REV ...] [--scale N] [--runs K]: the loader of each commit, alternating.

For the "before -> after" table of bench/changes.md: each commit's loaders/ (from `git archive`, so the
work tree is untouched) times `python -m loaders validate` from scratch (a fresh process: imports,
load, validate, derive, print) on the same synthetic files, and `bundle.build` alone (after the imports)
in another fresh process, as wall and CPU time (CPU time suffers less from the other agents' load).
Commits alternate run by run, so the machine's drift (other agents share its two cores) hits all alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

from bench import synth

ROOT = Path(__file__).resolve().parent.parent

_TIMER = """
import json, sys, time
from loaders import bundle
t = time.perf_counter(); c = time.process_time()
b = bundle.build(sys.argv[1])
print(json.dumps({"build_s": time.perf_counter() - t, "build_cpu_s": time.process_time() - c, "rows": len(b.frame)}))
"""


def checkout(rev: str, into: Path) -> Path:
    """loaders/ of rev, extracted under into/<rev>."""
    out = into / rev.replace("/", "_")
    raw = subprocess.run(["git", "archive", rev, "loaders"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(raw)) as tar:
        tar.extractall(out, filter="data")
    return out


def measure(tree: Path, path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", str(path)], cwd=tree, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - t
    if run.returncode != 0:
        raise RuntimeError(f"validate in {tree} failed:\n{run.stderr[-2000:]}")
    timed = subprocess.run(
        [sys.executable, "-c", _TIMER, str(path)], cwd=tree, env=env, capture_output=True, text=True, check=True
    )
    return {"validate_s": wall, **json.loads(timed.stdout.strip().splitlines()[-1])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.before_after", description=__doc__)
    ap.add_argument("revs", nargs="+", help="commits to compare, oldest first")
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-before-after-") as tmp:
        path = synth.make(a.scale, Path(tmp) / "data")
        trees = {rev: checkout(rev, Path(tmp)) for rev in a.revs}
        results: dict[str, list[dict]] = {rev: [] for rev in a.revs}
        for k in range(a.runs):
            for rev in a.revs:
                results[rev].append(measure(trees[rev], path))
                print(f"run {k + 1} {rev}: {results[rev][-1]}", file=sys.stderr, flush=True)
    first = statistics.median(r["validate_s"] for r in results[a.revs[0]])
    print(
        f"| Commit ({a.scale}x, {results[a.revs[0]][0]['rows']:,} figures, {a.runs} runs each, alternating) "
        "| `validate` from scratch | `bundle.build` (wall / CPU) | vs first |"
    )
    print("|---|---|---|---|")
    for rev, rs in results.items():
        v = statistics.median(r["validate_s"] for r in rs)
        b = statistics.median(r["build_s"] for r in rs)
        c = statistics.median(r["build_cpu_s"] for r in rs)
        print(f"| `{rev}` | {v:.2f} s | {b:.2f} s / {c:.2f} s | {v / first:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
