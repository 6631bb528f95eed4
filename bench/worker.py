"""Measurements that need a process of their own: python -m bench.worker TASK ... prints one JSON line.

A fresh process per measurement keeps peak memory honest (VmHWM; tracemalloc would count the loader's
128 MiB read buffer, which is allocated but never touched) and caches from leaking between scales.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import subprocess
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


def _validate(path) -> object:
    """Load + validate + derive, without the store: the validator's own cost (the store's build calls it)."""
    from loaders import bundle
    from loaders.dataset import load

    return bundle.from_dataset(load(path))


def loader(path: str, runs: int) -> dict:
    """Time load + validate + derive `runs` times; the process' RSS before and at its peak."""
    _validate(ROOT / "data" / "metrics.yaml")  # lazy imports and first-call set-up, not counted
    base = _status_mb("VmRSS")
    times, rows = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        b = _validate(path)
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
    from loaders import store

    t = time.perf_counter()
    store.read(store.ensure(ROOT / "data" / "metrics.yaml").path)
    out["first store.ensure + store.read of data/metrics.yaml"] = time.perf_counter() - t
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
        from loaders import store

        frame = store.read(store.ensure(path).path).frame
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


def timed_cli(cmd: list[str]) -> dict:
    """Wall time of a whole command (imports included) and its peak RSS. The child's ru_maxrss also counts what
    it inherited from this process at the fork (a small interpreter), which is why the bench starts it from here."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = proc.communicate()
    took = time.perf_counter() - t
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr.decode()[-3000:]}")
    return {"s": took, "maxrss_mb": usage.ru_maxrss / 1024, "stdout": stdout.decode()[-300:]}


def store_ensure(path: str) -> dict:
    """One store.ensure in this fresh process, timed after the imports ($FIGURES_STORE_DIR names the store)."""
    from loaders import store

    t = time.perf_counter()
    built = store.ensure(path)
    return {"s": time.perf_counter() - t, "kind": built.kind, "sources": list(built.sources)}


def store_restart(path: str) -> dict:
    """What a restarted server pays before its first page: store.ensure, then store.read; peak RSS of it all."""
    from loaders import store

    base = _status_mb("VmRSS")
    t = time.perf_counter()
    built = store.ensure(path)
    ensured = time.perf_counter()
    b = store.read(built.path)
    done = time.perf_counter()
    return {
        "s": done - t,
        "ensure_s": ensured - t,
        "read_s": done - ensured,
        "kind": built.kind,
        "rows": len(b.frame),
        "rss_base_mb": base,
        "rss_peak_mb": _status_mb("VmHWM"),
    }


def store_detect(path: str, runs: int) -> dict:
    """Change detection at a rerun: store.ensure on unchanged data, `runs` calls; then after a touch of a text."""
    from loaders import store

    first = store.ensure(path)
    times, kinds = [], {first.kind}
    for _ in range(runs):
        t = time.perf_counter()
        kinds.add(store.ensure(path).kind)
        times.append(time.perf_counter() - t)
    folder = Path(path).parent
    files = sorted(folder.glob("source/*.txt")) + sorted(folder.glob("figures/*.yaml"))
    text = files[0]
    os.utime(text)  # stat changed, content not: that file alone is hashed again
    t = time.perf_counter()
    after = store.ensure(path)
    return {
        "times": times,
        "first_kind": first.kind,
        "kinds": sorted(kinds),
        "after_touch": time.perf_counter() - t,
        "after_touch_kind": after.kind,
        "files": 1 + len(files),
    }


def _by_figure_file_size(path: str) -> list[str]:
    """Sources with a figure file, the largest file first (the Curate page edits figure files only)."""
    from loaders import store, yamlfile

    entry = Path(path)
    text, _ = yamlfile.read_text(entry, str(entry))
    files = [(p, sid) for sid, role, p in store.source_files(entry, yamlfile.parse(text, str(entry)).data)]
    sized = [(p.stat().st_size, sid) for p, sid in files if p.suffix == ".yaml" and p.is_file()]
    return [sid for _, sid in sorted(sized, key=lambda x: (-x[0], x[1]))]


def curate(path: str, runs: int) -> dict:
    """The Curate page on one source: open (open_sheet + begin), a live check of one edit, its Save.

    One round first, not counted (a running server has paid its first-call costs; reported as "first"), on another
    source where there are enough; then `runs` rounds, each on another of the sources with the largest figure
    files (fewer where fewer sources have one)."""
    from dataclasses import replace

    from curation import review as cur
    from loaders import store
    from views import curate as vc

    store.ensure(path)
    sources = _by_figure_file_size(path)
    if not sources:
        raise RuntimeError(f"{path}: no source has a figure file")
    out: dict = {"open": [], "check": [], "save": [], "rows": [], "sources": []}

    def one(sid: str, k: int, save: bool) -> dict:
        t = time.perf_counter()
        r = vc.begin(cur.open_sheet(Path(path), sid))
        opened = time.perf_counter()
        row = r.rows()[0]
        edited = replace(r, changes={row["id"]: {"label_en": f"{row.get('label_en') or ''} (checked {k})"}})
        result = vc.check(edited)
        checked = time.perf_counter()
        if not result.ok:
            raise RuntimeError(f"{sid}: the edit does not validate:\n" + "\n".join(map(str, result.problems[:5])))
        took = {"open": opened - t, "check": checked - opened, "rows": len(r.rows())}
        if save:
            t = time.perf_counter()
            saved = cur.save(vc.working(edited))
            took["save"] = time.perf_counter() - t
            if saved.row(row["id"]).get("label_en") != edited.changes[row["id"]]["label_en"]:
                raise RuntimeError(f"{sid}: the Save did not keep the edit")
        return took

    out["first"] = one(sources[min(runs, len(sources) - 1)], -1, save=False)  # not saved: it may come again
    for k, sid in enumerate(sources[:runs]):
        took = one(sid, k, save=True)
        for key in ("open", "check", "save", "rows"):
            out[key].append(took[key])
        out["sources"].append(sid)
    after = store.ensure(path)
    out["store_after_saves"] = after.kind  # "unchanged": every Save updated the store itself
    return out


def last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def profile_loader(path: str, top: int) -> dict:
    _validate(path)
    prof = cProfile.Profile()
    prof.enable()
    _validate(path)
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
    p = sub.add_parser("timed-cli")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    p = sub.add_parser("store-ensure")
    p.add_argument("path")
    p = sub.add_parser("store-restart")
    p.add_argument("path")
    p = sub.add_parser("store-detect")
    p.add_argument("path")
    p.add_argument("--runs", type=int, default=20)
    p = sub.add_parser("curate")
    p.add_argument("path")
    p.add_argument("--runs", type=int, default=3)
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
    elif a.task == "timed-cli":
        out = timed_cli(a.cmd)
    elif a.task == "store-ensure":
        out = store_ensure(a.path)
    elif a.task == "store-restart":
        out = store_restart(a.path)
    elif a.task == "store-detect":
        out = store_detect(a.path, a.runs)
    elif a.task == "curate":
        out = curate(a.path, a.runs)
    elif a.task == "profile-loader":
        out = profile_loader(a.path, a.top)
    else:
        out = profile_page(a.path, a.page, a.runs, a.top)
    sys.stdout.write("\n" + json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
