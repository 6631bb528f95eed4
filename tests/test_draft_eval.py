"""The drafter's answer-keyed evaluation (bench/eval/, bench/draft_eval.py): twins, keys and scoring."""

from __future__ import annotations

import yaml

from bench import draft_eval
from bench.eval import twin


def test_redaction_deletes_every_number_of_three_or_more_digits_and_nothing_else():
    text = "发展1,200余名志愿者,2019年起投入3.6万元,建成12个站点,覆盖120.5平方米。"
    out, spans = twin.redact(text)
    assert out == "发展余名志愿者,年起投入3.6万元,建成12个站点,覆盖平方米。"
    assert [text[s:e] for s, e in spans] == ["1,200", "2019", "120.5"]


def test_the_twin_key_turns_a_deleted_figure_into_a_blank_of_its_slot_class():
    text = "全市投入资金1500万元,2021年以来建成驿站12个。"
    key = {
        "figures": [
            {"quote": "投入资金1500万元", "anchor": "投入资金", "status": "reported", "value": 1500, "unit": "万元"},
            {"quote": "2021年以来", "anchor": "", "status": "reported", "value": 2021, "unit": "年"},
            {"quote": "建成驿站12个", "anchor": "建成驿站", "status": "reported", "value": 12, "unit": "个"},
        ]
    }
    out, tkey = twin.twin_key(text, key)
    money, year, kept = tkey["figures"]
    assert (money["status"], money["quote"], money["class"], "value" in money) == (
        "blank",
        "投入资金万元",
        "del_scale",
        False,
    )
    assert (year["status"], year["quote"], year["class"]) == ("blank", "年以来", "del_year")
    assert kept == key["figures"][2]
    assert all(out.count(f["quote"]) == 1 for f in tkey["figures"])


def test_the_committed_twins_are_derived_from_the_current_keys():
    for name, text_file, key_file in draft_eval.texts():
        if ".twin" in name:
            continue
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        out, tkey = twin.twin_key(text_file.read_text(encoding="utf-8"), key)
        assert (draft_eval.EVAL / f"{name}.twin.txt").read_text(encoding="utf-8") == out, name
        committed = yaml.safe_load((draft_eval.EVAL / f"{name}.twin.key.yaml").read_text(encoding="utf-8"))
        assert committed["figures"] == tkey["figures"], name


def test_every_eval_text_has_a_key_that_validates_and_says_whether_it_was_seen(tmp_path):
    names = [n for n, _, _ in draft_eval.texts()]
    assert len([n for n in names if ".twin" not in n]) >= 6
    for _, _, key_file in draft_eval.texts():
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        assert isinstance(key.get("seen"), bool) and key["figures"]
    assert any(not yaml.safe_load(k.read_text(encoding="utf-8"))["seen"] for _, _, k in draft_eval.texts())


def test_scoring_counts_found_figures_missed_ones_and_proposals_in_traps(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("甲市建成驿站12个,他的老家在外地,开展余次活动。\n", encoding="utf-8")
    key = tmp_path / "t.key.yaml"
    key.write_text(
        yaml.safe_dump(
            {
                "seen": False,
                "places": [{"id": "jia", "zh": "甲市", "en": "Jia", "level": "city"}],
                "appearances": [{"place": "jia", "has_section": False}],
                "main_place": "jia",
                "figures": [
                    {
                        "quote": "建成驿站12个",
                        "anchor": "建成驿站",
                        "status": "reported",
                        "value": 12,
                        "unit": "个",
                        "type": "service_centers",
                        "city": "jia",
                    },
                    {
                        "quote": "开展余次",
                        "anchor": "开展",
                        "status": "blank",
                        "unit": "次",
                        "qualifier": "more_than",
                        "type": "services_delivered",
                        "city": "jia",
                    },
                ],
                "traps": [{"quote": "老家", "class": "false_blank"}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    r = draft_eval.score_text(text, key)
    s = draft_eval.summary([r])
    assert s["recall"] == (2, 2) and s["deleted"] == (1, 1) and s["traps"] == (0, 1)
    assert s["precision"] == (r["matched"], r["proposals"]) and r["matched"] == 2
