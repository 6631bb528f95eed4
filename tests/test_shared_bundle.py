"""The cached Bundle is shared by every session (cache_resource): no page may modify it."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest import open_page

from loaders import bundle
from loaders.dataset import metrics_path
from ui import cache
from ui.registry import DEFAULT, PAGES

pytestmark = pytest.mark.app  # AppTest runs of the dashboard

PARAMS = {
    "compare": {"type": "funding"},
    "gaps": {"only_blanks": "1"},
    "city": {"profile": "jining", "status": "blank"},
    "reader": {"id": "gz-instructors-total"},
    "data": {"city": "guangzhou", "lang": "zh"},
}


def test_pages_leave_the_shared_bundle_untouched():
    for page in PAGES:
        open_page(None if page is DEFAULT else page.url, **PARAMS.get(page.url, {}))
    path = str(metrics_path())
    shared = cache.get()  # the Bundle the pages used
    fresh = bundle.build(path)
    pd.testing.assert_frame_equal(shared.frame, fresh.frame)
    assert shared.cities == fresh.cities and shared.texts == fresh.texts and shared.sections == fresh.sections
