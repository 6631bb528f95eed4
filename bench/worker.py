"""Measurements that need a process of their own: python -m bench.worker TASK ... prints one JSON line.

A fresh process per measurement keeps peak memory honest (VmHWM; tracemalloc would count the loader's
128 MiB read buffer, which is allocated but never touched) and caches from leaking between scales.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "bench/floor_page.py"
ENTRY = "entry only"


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def loader(path: str, runs: int) -> dict:
    """Time bundle.build (load + validate + derive) `runs` times; the process' RSS before and at its peak."""
    from loaders import bundle

    bundle.build(ROOT / "data" / "metrics.yaml")  # lazy imports and first-call set-up, not counted
    base = _status_mb("VmRSS")
    times, rows = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        b = bundle.build(path)
        times.append(time.perf_counter() - t)
        rows = len(b.frame)
        del b
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent that forked us.
    peak_rss = _status_mb("VmHWM")
    return {"rows": rows, "times": times, "rss_base_mb": base, "rss_peak_mb": peak_rss}


def imports() -> dict:
    """What a first run pays that the bare app does not: imports after streamlit, then the first load."""
    import importlib
    import pkgutil

    out = {}
    t = time.perf_counter()
    import streamlit  # noqa: F401

    out["streamlit (the server has it already)"] = time.perf_counter() - t
    for name in ("pandas", "pyarrow", "pydantic", "yaml", "plotly.graph_objects"):
        t = time.perf_counter()
        importlib.import_module(name)
        out[name] = time.perf_counter() - t
    t = time.perf_counter()
    for pkg in ("loaders", "ui"):
        for mod in pkgutil.iter_modules([str(ROOT / pkg)]):
            if mod.name != "__main__":
                importlib.import_module(f"{pkg}.{mod.name}")
    out["loaders.*, ui.* (project code)"] = time.perf_counter() - t
    from loaders import bundle

    t = time.perf_counter()
    bundle.build(ROOT / "data" / "metrics.yaml")
    out["first bundle.build of data/metrics.yaml"] = time.perf_counter() - t
    return out


def _apps(pages: list[str], entry_dir: Path | None = None, params: dict | None = None) -> dict:
    """One AppTest per page (and the floor), each past its first, cache-filling run.

    entry_dir: also run dashboard.py with `nav.run()` replaced by a title (the fixed cost every page pays)
    from a copy in this directory, beside a link to our pages/ so that st.Page finds the page files.
    """
    from streamlit.testing.v1 import AppTest

    apps = {}
    floor = AppTest.from_file(str(ROOT / FLOOR), default_timeout=300)
    floor.run()
    apps[FLOOR] = floor
    source = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    if entry_dir is not None and source.count("nav.run()") == 1:
        (entry_dir / "pages").symlink_to(ROOT / "pages", target_is_directory=True)
        script = entry_dir / "entry_only.py"
        script.write_text(source.replace("nav.run()", 'st.title("Entry only")'), encoding="utf-8")
        at = AppTest.from_file(str(script), default_timeout=300)
        at.run()
        apps[ENTRY] = at
    for page in pages:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        for k, v in (params or {}).items():  # a filter in the address, as a shared link carries it
            at.query_params[k] = v
        at.run()
        at.switch_page(page).run()
        apps[page] = at
    return apps


def _params(path: str, given: list[str]) -> dict:
    """key=value pairs; city=top and source=top name the place and the source with the most figures."""
    out = dict(p.split("=", 1) for p in given)
    if "top" in out.values():
        from loaders import cache

        frame = cache.load(path).frame
        for key in ("city", "source"):
            if out.get(key) == "top":
                out[key] = str(frame[key].astype(str).value_counts().idxmax())
    return out


def _error(at) -> str | None:
    if at.exception:
        return "; ".join(str(e.value)[:200] for e in at.exception)
    return None


def reruns(path: str, runs: int, pages: list[str], params: list[str] | None = None) -> dict:
    """Median script run of each page over `runs` reruns, round-robin with the floor page against drift."""
    os.environ["METRICS_FILE"] = path
    query = _params(path, params or [])
    with tempfile.TemporaryDirectory(prefix="bench-entry-") as tmp:
        apps = _apps(pages, Path(tmp), query)
        out = {name: {"times": [], "error": _error(at), "title": _title(at)} for name, at in apps.items()}
        for _ in range(runs):
            for name, at in apps.items():
                if out[name]["error"]:
                    continue
                t = time.perf_counter()
                at.run()
                out[name]["times"].append(time.perf_counter() - t)
                out[name]["error"] = _error(at)
                out[name]["title"] = _title(at)
    return {**out, "_params": query} if query else out


def _title(at) -> str | None:
    return at.title[0].value if len(at.title) else None


def cache_load(path: str) -> dict:
    """One cache.load in this fresh process, timed after the imports (METRICS_CACHE_DIR names the cache)."""
    from loaders import cache

    t = time.perf_counter()
    b = cache.load(path)
    return {"s": time.perf_counter() - t, "rows": len(b.frame)}


def cache_version(path: str, runs: int) -> dict:
    """Change detection at a rerun: cache.version() now, bundle.fingerprint() before; after a load."""
    from loaders import bundle, cache

    cache.load(path)

    def timed(fn) -> list[float]:
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            fn(path)
            out.append(time.perf_counter() - t)
        return out

    result = {"version": timed(cache.version), "fingerprint": timed(bundle.fingerprint)}
    text = next(Path(path).parent.glob("source/*.txt"))
    os.utime(text)  # stat changed, content not: that file alone is hashed again
    t = time.perf_counter()
    cache.version(path)
    result["version_after_touch"] = time.perf_counter() - t
    result["files"] = 1 + sum(1 for _ in Path(path).parent.glob("source/*.txt"))
    result["files"] += sum(1 for _ in Path(path).parent.glob("figures/*.yaml"))
    return result


def last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def profile_loader(path: str, top: int) -> dict:
    from loaders import bundle

    bundle.build(path)
    prof = cProfile.Profile()
    prof.enable()
    bundle.build(path)
    prof.disable()
    return {"top": _top(prof, top)}


def profile_page(path: str, page: str, runs: int, top: int) -> dict:
    """cProfile of the script thread over `runs` reruns of one page (AppTest runs scripts in a thread)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    os.environ["METRICS_FILE"] = path
    apps = _apps([page] if page != FLOOR else [])
    at = apps[page]
    prof = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def profiled(self):
        prof.enable()
        try:
            original(self)
        finally:
            prof.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        for _ in range(runs):
            at.run()
    finally:
        LocalScriptRunner._run_script_thread = original
    return {"top": {**_top(prof, top), "runs": runs}}


def _top(prof: cProfile.Profile, n: int) -> dict:
    """The n functions with the most own time, plus the n with the most cumulative time in project code."""
    import pstats

    stats = pstats.Stats(prof).stats
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.items():
        rows.append({"where": _short(file, line, func), "calls": nc, "own_s": tt, "cum_s": ct, "file": file})
    own = sorted(rows, key=lambda r: -r["own_s"])[:n]
    ours = [r for r in rows if r["file"].startswith(str(ROOT)) and "/.venv/" not in r["file"]]
    cum = sorted(ours, key=lambda r: -r["cum_s"])[:n]
    for r in own + cum:
        r.pop("file", None)
    return {"own": own, "cum_project": cum}


def _short(file: str, line: int, func: str) -> str:
    if file.startswith(str(ROOT)) and "/.venv/" not in file:
        file = os.path.relpath(file, ROOT)
    elif "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    elif file.startswith("/"):
        file = Path(file).name
    return f"{file}:{line}({func})" if line else func


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.worker")
    sub = ap.add_subparsers(dest="task", required=True)
    p = sub.add_parser("loader")
    p.add_argument("path")
    p.add_argument("--runs", type=int, default=5)
    p = sub.add_parser("reruns")
    p.add_argument("path")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--pages", nargs="+", required=True)
    p.add_argument("--param", action="append", default=[], help="key=value in the address (city=top: busiest)")
    sub.add_parser("imports")
    p = sub.add_parser("cache-load")
    p.add_argument("path")
    p = sub.add_parser("cache-version")
    p.add_argument("path")
    p.add_argument("--runs", type=int, default=20)
    p = sub.add_parser("profile-loader")
    p.add_argument("path")
    p.add_argument("--top", type=int, default=15)
    p = sub.add_parser("profile-page")
    p.add_argument("path")
    p.add_argument("page")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--top", type=int, default=15)
    a = ap.parse_args(argv)
    if a.task == "loader":
        out = loader(a.path, a.runs)
    elif a.task == "reruns":
        out = reruns(a.path, a.runs, a.pages, a.param)
    elif a.task == "imports":
        out = imports()
    elif a.task == "cache-load":
        out = cache_load(a.path)
    elif a.task == "cache-version":
        out = cache_version(a.path, a.runs)
    elif a.task == "profile-loader":
        out = profile_loader(a.path, a.top)
    else:
        out = profile_page(a.path, a.page, a.runs, a.top)
    sys.stdout.write("\n" + json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
