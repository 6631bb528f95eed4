import hashlib
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# `make test-fast` runs with --hypothesis-profile=fast: fewer examples per property, the same properties.
settings.register_profile("fast", max_examples=25, deadline=None)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_configure(config):
    # The stores of fixtures and copies (loaders.store) go to a folder of this run; the servers the browser
    # tests start inherit it. data/metrics.yaml's own store stays build/figures.db.
    if not os.environ.get("FIGURES_STORE_DIR"):
        os.environ["FIGURES_STORE_DIR"] = tempfile.mkdtemp(prefix="pytest-stores-")


# Tiers (pytest -m ...): unit (pure code, no Streamlit), app (AppTest runs of the dashboard), browser (a real
# server and chromium), slow (minutes: the bench, the fast tier rerun on a copy of the data). A test without
# a tier marker is unit; `make test-fast` runs `unit or app` that is not slow.
TIERS = ("unit", "app", "browser")


def pytest_report_header(config):
    from loaders.dataset import metrics_path

    return f"real data: {metrics_path().resolve()}"


def pytest_collection_modifyitems(config, items):
    browser = ROOT / "tests" / "browser"
    for item in items:
        # a command line run in a subprocess (a second or more of imports each): make test, not make test-fast
        if "cli" in item.name or item.path.name in ("test_cli.py", "test_draft_cli.py"):
            item.add_marker(pytest.mark.cli)
        if browser in item.path.parents:
            item.add_marker(pytest.mark.browser)
        elif not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def b():
    """The real data ($METRICS_FILE or data/metrics.yaml), loaded once: the one real-data fixture.

    Tests on it assert facts of the seed source by figure id, never totals of today's data, so that a valid
    new figure or source keeps them green (tests/test_new_data.py reruns the fast tier on such a copy).
    Shared by every test, like the cached Bundle every session shares in the app: never mutate it.
    """
    from loaders import bundle

    return bundle.build()


@pytest.fixture
def small(tmp_path, monkeypatch):
    """The small factory dataset (tests/factories.py) as the app's data: page behaviour is tested on it."""
    import factories

    path = factories.write(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    return path


@pytest.fixture
def media(monkeypatch):
    """The media file managers of the AppTest runs that follow: read a download with apptest.downloaded()."""
    from apptest import keep_media_managers

    return keep_media_managers(monkeypatch)


MANY_SOURCES = ROOT / "tests" / "fixtures" / "many_sources" / "metrics.yaml"


@pytest.fixture
def many(monkeypatch):
    """The two-source fixture (tests/fixtures/many_sources: our own short texts) as the app's data.

    Source fx-forum has sections for jia and yi, announces bing without one, blanks and a cut number; source
    fx-survey reports on dong (a subdistrict inside jia) and reports jia's street funding floor, which fx-forum
    leaves blank. Read only: pages never write.
    """
    monkeypatch.setenv("METRICS_FILE", str(MANY_SOURCES))
    return MANY_SOURCES


# Nothing is lost: data/ must be byte-for-byte the same after the whole run (checked once per session).
DATA_DIGESTS = "data_digests"


def data_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by path relative to it."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def pytest_sessionstart(session):
    setattr(session.config, DATA_DIGESTS, data_digests(ROOT / "data"))


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, DATA_DIGESTS, None)
    changed = changed_files(before, data_digests(ROOT / "data")) if before is not None else []
    if changed:
        session.exitstatus = 1
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"FAILED: the test run changed files under data/: {', '.join(changed)}", red=True)
