"""Filters: read from the address, applied to the frame, written back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from loaders import filters
from loaders.bundle import build

B = build()  # the real data ($METRICS_FILE), loaded here too: the strategies below need its ids at collection
ALLOWED = filters.allowed_ids(B.frame)


def test_parse_keeps_known_values_and_notes_the_rest():
    f = filters.parse({"city": "guangzhou,atlantis", "type": "funding", "lang": "zh", "id": "nope"}, ALLOWED)
    assert f.city == ("guangzhou",) and f.type == ("funding",) and f.lang == "zh" and f.id is None
    assert any("atlantis" in n for n in f.notices) and any("nope" in n for n in f.notices)


def test_apply_filters_rows():
    f = filters.parse({"city": "jining", "status": "blank"}, ALLOWED)
    out = filters.apply(B.frame, f)
    assert len(out) > 0 and set(out["city"]) == {"jining"} and set(out["status"]) == {"blank"}
    only = filters.apply(B.frame, filters.parse({"only_blanks": "1"}, ALLOWED))
    assert "reported" not in set(only["status"]) and len(only) == (B.frame["status"] != "reported").sum()


def test_notices_are_inert_markdown():
    f = filters.parse({"city": "[x](javascript:alert(1))"}, ALLOWED)
    assert "](" not in f.notices[0] and "\\[x\\]" in f.notices[0]


@given(
    city=st.lists(st.sampled_from(sorted(ALLOWED["city"])), unique=True, max_size=3),
    type_=st.lists(st.sampled_from(sorted(ALLOWED["type"])), unique=True, max_size=3),
    status=st.lists(st.sampled_from(["reported", "blank", "partial", "missing_section"]), unique=True),
    lang=st.sampled_from(["en", "zh"]),
    figure=st.none() | st.sampled_from(sorted(ALLOWED["id"])),
    only_blanks=st.booleans(),
)
def test_params_round_trip(city, type_, status, lang, figure, only_blanks):
    f = filters.Filters(
        city=tuple(city), type=tuple(type_), status=tuple(status), lang=lang, id=figure, only_blanks=only_blanks
    )
    again = filters.parse(filters.to_params(f), ALLOWED)
    assert again == f and again.notices == ()
