"""Validation from scratch, the snapshot cache and change detection, each in fresh processes.

run(path, runs) works on a copy of the synthetic data (it edits files) with a cache directory of its own:
1. `python -m loaders validate` from scratch: wall time of the whole process (imports included);
2. cache.load with an empty cache (validate everything, write the snapshot), then with the snapshot and
   nothing changed (a restart), then after one figure file was edited (each run another file), then after
   the entry file was edited (a place renamed): each a fresh process, timed after its imports;
3. change detection at a rerun: cache.version() (stat each file, hash none) beside the old
   bundle.fingerprint() (hash the entry and every text on every rerun), and version() after one touch.
"""

from __future__ import annotations

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


def _validate(path: Path) -> float:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    took = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"validate failed:\n{out.stderr[-3000:]}")
    return took


def _edit_figures(data: Path, k: int) -> str:
    files = sorted((data / "figures").glob("*.yaml"))
    target = files[(k * 7919) % len(files)]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('label_en: "', f'label_en: "Edited {k} ', 1), encoding="utf-8")
    return target.name


def _edit_entry(path: Path, k: int) -> None:
    """Rename the first place's English name: a registry edit, no figure touched."""
    text = path.read_text(encoding="utf-8")
    m = re.compile(r"^[ -]*en: .*$", re.MULTILINE).search(text, text.index("\ncities:"))
    path.write_text(text[: m.end()] + f" (renamed {k})" + text[m.end() :], encoding="utf-8")


def run(source: str, runs: int, validate_runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(Path(source).parent, data)
        path = data / "metrics.yaml"
        cache_dir = Path(tmp) / "cache"
        before, os.environ["METRICS_CACHE_DIR"] = os.environ.get("METRICS_CACHE_DIR"), str(cache_dir)
        time.sleep(2.1)  # past cache.RACY_S: files as old as data on disk usually are
        out: dict = {"validate": [_validate(path) for _ in range(validate_runs)]}
        load = lambda: worker_run("cache-load", str(path))  # noqa: E731
        shutil.rmtree(cache_dir, ignore_errors=True)
        out["cold"] = [load()]
        out["unchanged"] = [load() for _ in range(runs)]
        out["one_file"], out["edited"] = [], []
        for k in range(runs if any((data / "figures").glob("*.yaml")) else 0):  # 1x: its figures are in the entry
            out["edited"].append(_edit_figures(data, k))
            out["one_file"].append(load())
        out["entry"] = []
        for k in range(max(1, runs // 2)):
            _edit_entry(path, k)
            out["entry"].append(load())
        time.sleep(2.1)
        load()  # the snapshot of the edited data, with every file's hash trusted
        out["detect"] = worker_run_full("cache-version", str(path), "--runs", "20")
        if before is None:
            del os.environ["METRICS_CACHE_DIR"]
        else:
            os.environ["METRICS_CACHE_DIR"] = before
    return out


def worker_run(task: str, *args: str) -> float:
    return worker_run_full(task, *args)["s"]


def worker_run_full(task: str, *args: str) -> dict:
    env = {**os.environ}
    cmd = [sys.executable, "-m", "bench.worker", task, *args]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=1800)
    if res.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{res.stderr[-3000:]}")
    return worker.last_json(res.stdout)
