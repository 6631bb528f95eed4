"""python -m bench [--quick] [--out FILE]: measure, then write the report (docs/benchmarks.md by default).

Parts: 1 loader at 1x..1000x, 2 the store (validation from scratch, cold build, rebuilds, restart, change
detection, peak memory) and the Curate page (open, live check, Save), 3 page reruns (AppTest) beside a floor
page, 4 cold start in headless chromium beside a bare app, 5 server memory per browser session, 6 the Curate
page's focused review (bench/review.py, also `python -m bench.review`). Medians throughout; every comparison is
a ratio to a baseline measured in the same run, because the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import report, storebench, synth
from ui.registry import PAGES

ROOT = Path(__file__).resolve().parent.parent
FULL_SCALES = {1: 20, 10: 10, 100: 7, 1000: 2}  # scale -> loader runs (1000x: the run must stay within 20 min)
QUICK_SCALES = {1: 3}
STORE_SCALES = (1, 100, 1000)  # the store and the Curate page (bench/storebench.py), where the run has the data
FILTERS = {"one type": "type=funding", "one source": "source=top", "one city": "city=top"}  # typical, at 1000x


def pages() -> list[str]:
    """The page files of the app, from the one page registry (ui/registry.py)."""
    return [p.path for p in PAGES]


def worker(*args: str, timeout: float = 3600) -> dict:
    """Run python -m bench.worker ARGS in a fresh process; its last stdout line is the JSON result."""
    cmd = [sys.executable, "-m", "bench.worker", *args]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({out.returncode}):\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def profile(*args: str) -> dict:
    """A profile is an explanation, not a measurement: if it fails, say so in the report and go on."""
    try:
        return worker(*args)["top"]
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        log(f"profile {' '.join(args[:3])} failed: {str(exc)[:300]}")
        return {"own": [], "cum_project": [], "error": str(exc)[-500:]}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(quick: bool, out: Path, browser: bool, raw: Path | None = None) -> dict:
    started = time.time()
    results: dict = {"quick": quick, "machine": report.machine(), "pages": pages()}
    scales = QUICK_SCALES if quick else FULL_SCALES
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        os.environ["FIGURES_STORE_DIR"] = str(Path(tmp) / "stores")  # the stores of this run's data, not build/stores
        paths = {}
        for scale in scales:
            log(f"synthesising {scale}x")
            d = Path(tmp) / f"x{scale}"
            d.mkdir()
            paths[scale] = str(synth.make(scale, d))

        # 1/ LOADER
        results["loader"] = {}
        for scale, runs in scales.items():
            log(f"loader {scale}x, {runs} runs")
            results["loader"][scale] = worker("loader", paths[scale], "--runs", str(runs), timeout=3600)
        if not quick:
            log("profiling the loader at 100x and 1000x")
            results["loader_profile"] = {s: profile("profile-loader", paths[s]) for s in (100, 1000)}

        # 1b/ THE STORE AND THE CURATE PAGE
        results["store"] = {}
        for scale in [s for s in STORE_SCALES if s in scales]:
            log(f"the store and the Curate page at {scale}x")
            results["store"][scale] = storebench.run(paths[scale], 1 if quick else 3, 1 if quick else 2)

        # 2/ PAGE RERUNS
        rerun_scales = {1: 1} if quick else {1: 20, 100: 20, 1000: 5}
        results["reruns"] = {}
        for scale, runs in rerun_scales.items():
            if scale not in paths:
                d = Path(tmp) / f"x{scale}"
                d.mkdir()
                paths[scale] = str(synth.make(scale, d))
            log(f"page reruns at {scale}x, {runs} each")
            results["reruns"][scale] = worker("reruns", paths[scale], "--runs", str(runs), "--pages", *pages())
        results["reruns_filtered"] = {}
        for name, param in ({} if quick else FILTERS).items():
            log(f"page reruns at 1000x with {param}")
            args = ("reruns", paths[1000], "--runs", "3", "--pages", *pages(), "--param", param)
            results["reruns_filtered"][name] = worker(*args)
        if not quick:
            results["page_profiles"] = {}
            missed = report.missed_pages(results)
            worst = {page: scale for scale, page in missed}  # each page once, at the largest scale it misses
            for page, scale in worst.items():
                log(f"profiling {page} at {scale}x")
                prof = profile("profile-page", paths[scale], page, "--runs", "5" if scale == 1 else "2")
                results["page_profiles"][f"{page} at {scale}x"] = prof
            log("profiling the floor page")
            results["page_profiles"]["bench/floor_page.py at 1x"] = profile(
                "profile-page", paths[1], "bench/floor_page.py", "--runs", "5"
            )

        # 3/ COLD START and 4/ MEMORY
        if browser:
            from bench import browser as br

            log("cold starts (5 per target, interleaved, after one warm-up round)")
            results["cold"] = br.cold_start(1 if quick else 5, warmup=not quick)
            results["imports"] = worker("imports")
            log("server memory with 1 and 20 sessions")
            results["memory"] = br.memory(3 if quick else 20)
            if not quick:
                from bench import interaction

                big = {"METRICS_FILE": paths[1000]}
                log("cold starts at 1000x (3 per target, after one warm-up round that may build the store)")
                results["cold_1000"] = br.cold_start(3, env=big, warmup=True)
                log("server memory at 1000x with 20 sessions")
                results["memory_1000"] = br.memory(20, env=big)
                log("interaction latency: the filter and two pickers, Datasette, the floor page; 1x and 1000x")
                results["interaction"] = interaction.run({1: paths[1], 1000: paths[1000]}, runs=5)
        if browser and not quick:
            from bench import review

            log("issue 20's trial: 50 proposals by keyboard, 2 missed numbers added, saved, viewed (bench/review.py)")
            results["review"] = review.run()
    results["elapsed_s"] = time.time() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.render(results), encoding="utf-8")
    # 5/ THE DRAFTER: accuracy on the seed and on the answer-keyed eval texts (seen and unseen), its speed
    from bench import draft_accuracy, draft_eval

    log("drafter accuracy: the seed, the held-out text, the eval texts and their twins")
    draft_accuracy.write_section(draft_accuracy.render(draft_accuracy.measure(), draft_accuracy.measure_heldout()), out)
    draft_eval.write_section_eval(draft_eval.render(draft_eval.measure()), out)
    if "review" in results:  # its own section, appended after the report
        from bench import review

        review.write(results["review"], out)
    if raw:
        raw.write_text(json.dumps(results, indent=1), encoding="utf-8")
    log(f"wrote {out} in {results['elapsed_s']:.0f} s")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="1x only, one rerun per page, no browser (for tests)")
    ap.add_argument("--out", type=Path, default=None, help="report file (default docs/benchmarks.md)")
    ap.add_argument("--browser", action=argparse.BooleanOptionalAction, default=None, help="cold start and memory")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw measurements here")
    a = ap.parse_args(argv)
    out = a.out or (Path(tempfile.gettempdir()) / "benchmarks-quick.md" if a.quick else ROOT / "docs" / "benchmarks.md")
    browser = (not a.quick) if a.browser is None else a.browser
    run(a.quick, out, browser, a.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
