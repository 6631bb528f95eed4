"""The Places step in a real browser: a subdistrict's report, its places accepted on the Curate page, then
drafted; every draft row is written for a place the text names, none held back, the data validates."""

from __future__ import annotations

import sys

import pytest
from browser_support import ROOT, Server, main, wait_ready
from playwright.sync_api import expect

sys.path.insert(0, str(ROOT / "tests"))
import factories as fx  # noqa: E402
from place_texts import SUBDISTRICT  # noqa: E402

from curation import add_source  # noqa: E402
from loaders.dataset import load  # noqa: E402

WAIT = 30_000


class CurateServer(Server):
    def command(self) -> list[str]:
        return ["make", "-s", "--no-print-directory", "curate", f"PORT={self.port}", f"PYTHON={sys.executable}"]


@pytest.fixture
def data(tmp_path):
    (tmp_path / "data").mkdir()
    path = fx.write(tmp_path / "data")
    f = tmp_path / "report.txt"
    f.write_text(SUBDISTRICT, encoding="utf-8")
    add_source.add_source(path, f, "report", title_en="A subdistrict's report")
    return path


def test_places_accepted_in_the_page_then_drafted(new_page, data, tmp_path_factory, request):
    srv = CurateServer(tmp_path_factory.mktemp("server") / "curate.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers = [srv]
    try:
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1600, "height": 1100})
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")
        body = main(page)
        expect(body.get_by_text("Places the text names (before drafting)")).to_be_visible(timeout=WAIT)
        expect(body.get_by_test_id("stDataFrame").first).to_be_visible(timeout=WAIT)
        body.get_by_role("button", name="Save places").click()
        expect(body.get_by_text("Saved 7 new places")).to_be_visible(timeout=WAIT)
        wait_ready(page)
        body.get_by_role("button", name="Draft proposals").click()
        expect(body.get_by_text("Drafted:", exact=False)).to_be_visible(timeout=WAIT)
        wait_ready(page)
    finally:
        srv.stop()
    ds = load(data)
    rows = [m for m in ds.metrics if m.source == "report"]
    assert rows and {m.city for m in rows} <= {"chengyang", "chengyang_subdistrict", "gumiao", "houtaolin"}
    assert ds.sources["report"].main_place == "chengyang_subdistrict"
