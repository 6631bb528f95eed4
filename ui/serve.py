"""python -m ui.serve [streamlit options]: `streamlit run dashboard.py`, with the data loaded while the first
browser is still fetching the page's scripts.

Streamlit runs nothing of ours until a session connects; then the first run pays for importing pandas and
plotly and for building or checking the store (bench/changes.md). Here a thread does both as soon as the
server process starts, so the first session finds them done. Nothing else differs from `streamlit run`
(make run, make curate and the cold-start benchmark use this; tests may use either).
"""

from __future__ import annotations

import sys
import threading


def _preload() -> None:
    try:
        import pandas  # noqa: F401 - imported here, in parallel with the server's start, for the first run
        import plotly.graph_objects  # noqa: F401
        import pyarrow.parquet  # noqa: F401

        from loaders import store

        store.ensure()  # $METRICS_FILE or data/metrics.yaml, as the app reads it: built if needed
        import ui.cache  # noqa: F401
        import ui.sidebar  # noqa: F401
        import views.overview  # noqa: F401
    except Exception:  # noqa: BLE001 - the first run loads again and shows any problem as a page
        return


def main(argv: list[str]) -> int:
    from streamlit.web import cli

    threading.Thread(target=_preload, name="preload", daemon=True).start()
    sys.argv = ["streamlit", "run", "dashboard.py", *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
