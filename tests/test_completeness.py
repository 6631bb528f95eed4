"""The curated table is complete: every number and every deleted number in the source is a figure."""

from __future__ import annotations

from loaders import derive, load, scan
from loaders.dataset import metrics_path


def exclusions_file():
    return metrics_path().parent / "scan_exclusions.yaml"


def test_every_scanner_finding_is_curated_or_excluded():
    ds = load(metrics_path())
    df = derive.frame(ds)
    exclusions = scan.load_exclusions(exclusions_file())
    missing = scan.uncovered(df, ds.texts, exclusions)
    assert missing == [], "\n".join(f.describe() for _, f in missing)
    findings = [f for text in ds.texts.values() for f in scan.scan(text)]
    # The scan did real work: it saw the digits and the deleted numbers the brief names.
    assert sum(f.kind == "digits" for f in findings) >= 50
    assert sum(f.kind == "slot" for f in findings) >= 25
    assert len(exclusions) <= len(findings) // 10  # exclusions are exceptions, each with its reason


def test_exclusions_each_point_at_a_real_finding():
    ds = load(metrics_path())
    for ex in scan.load_exclusions(exclusions_file()):
        text = ds.texts[ex["source"]]
        assert text.count(ex["context"]) == 1, ex
        at = text.find(ex["context"])
        spots = [f for f in scan.scan(text) if at <= f.start < at + len(ex["context"]) and f.text == ex["finding"]]
        assert spots, f"exclusion matches no finding: {ex}"


def test_scanner_finds_deleted_numbers_and_ignores_words():
    text = "全市共配备*建指导员名,经费不少于万元,年12月,面积平方米以上,事项0余件,开展专项行动,落到实处,项目建设"
    found = {(f.kind, f.text) for f in scan.scan(text)}
    assert ("slot", "名") in found and ("slot", "万元") in found and ("slot", "平方米") in found
    assert ("slot", "年") in found and ("digits", "12") in found and ("digits", "0") in found
    slots = [f for f in scan.scan(text) if f.kind == "slot"]
    assert len(slots) == 4, [f.describe() for f in slots]


def test_a_figure_removed_from_the_table_is_reported_missing():
    ds = load(metrics_path())
    df = derive.frame(ds)
    blank = df[df["status"] == "blank"].iloc[0]
    rest = df[df["id"] != blank["id"]]
    missing = scan.uncovered(rest, ds.texts, scan.load_exclusions(exclusions_file()))
    assert [f.start for _, f in missing] == [blank["at"]]
