"""python -m bench.places: the place resolver's cost: a cold start (divisions read, pypinyin imported) in a fresh
process, then resolve() on texts of 10 k to 1 M characters (medians of 3); linear means the time per character
stays flat. Not part of `python -m bench`'s report yet: run it by hand, the numbers go in the closing note."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

PARA = "青岛市城阳区城阳街道在古庙社区配备网格员12名，宁波市奉化区溪口镇滕头村建成驿站3个，山西晋城城区新建中心8个。\n"
COLD = (
    "import time; t = time.perf_counter(); from curation import places; "
    "places.resolve('青岛市城阳区城阳街道', {}); print(time.perf_counter() - t)"
)


def main() -> None:
    cold = [
        float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True).stdout) for _ in (0, 1, 2)
    ]
    print(f"cold start (import, divisions, pypinyin, first resolve): median {statistics.median(cold):.2f} s")
    from curation import places

    places.resolve(PARA, {})
    for n in (10_000, 100_000, 1_000_000):
        text = (PARA * (n // len(PARA) + 1))[:n]
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            places.resolve(text, {})
            runs.append(time.perf_counter() - t)
        med = statistics.median(runs)
        print(f"{n:>9,} chars: {med:.3f} s, {med / n * 1e6:.2f} µs per character")


if __name__ == "__main__":
    main()
