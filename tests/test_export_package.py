"""The data package: it validates with frictionless, a broken one does not, and it reads back as the JSON export."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Literal

import factories
import pandas as pd
import pytest
from frictionless import Package
from package_check import problems
from pydantic import BaseModel, ConfigDict

from exports import package as export_package
from loaders import catalog as export_tables
from loaders import derive, load
from loaders.catalog import ExportError
from loaders.filters import Filters, apply
from loaders.models import SECTIONS, Place, Source

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "metrics.yaml"


@pytest.fixture(scope="module")
def real():
    ds = load(DATA)
    return ds, derive.frame(ds)


@pytest.fixture(scope="module")
def real_package(real, tmp_path_factory):
    ds, _ = real
    return export_package.write(export_tables.from_dataset(ds), tmp_path_factory.mktemp("pkg") / "package")


def test_the_full_package_validates(real_package):
    assert problems(real_package) == []


def test_a_filtered_package_validates_and_holds_only_the_selection(real, tmp_path):
    ds, df = real
    first_type = df["type"].value_counts().index[0]
    selected = apply(df, Filters(type=(first_type,)))
    assert 0 < len(selected) < len(df)
    target = export_package.write(
        export_tables.from_dataset(ds, selected), tmp_path / "sel", selection=f"type={first_type}"
    )
    assert problems(target) == []
    back = pd.read_csv(target / "figures.csv", dtype={"id": str})
    assert list(back["id"]) == list(selected["id"])
    assert json.loads((target / "datapackage.json").read_text())["selection"] == f"type={first_type}"


def test_the_zip_validates_and_has_the_same_files(real, tmp_path):
    ds, _ = real
    contents = export_tables.from_dataset(ds)
    target = export_package.write(contents, tmp_path / "package.zip")
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "unzipped")
    assert names[0] == "datapackage.json"
    assert set(names) == set(export_package.files(contents))
    assert problems(tmp_path / "unzipped") == []
    assert Package(str(target)).validate().valid  # frictionless reads the zip itself too


def _broken(tmp_path: Path, change) -> list[tuple[str, str]]:
    """Write a package of the fixture data after change(frame) — an exporter bug — and validate it."""
    ds = load(factories.write(tmp_path))
    df = derive.frame(ds)
    df = change(df.copy())
    return problems(export_package.write(export_tables.from_dataset(ds, df), tmp_path / "broken"))


def test_the_fixture_package_validates(tmp_path):
    assert _broken(tmp_path, lambda df: df) == []


def test_a_blank_written_as_zero_fails_validation(tmp_path):
    def zero(df):
        df["value"] = df["value"].fillna(0)
        return df

    assert ("figures", "row-constraint") in _broken(tmp_path, zero)


def test_a_figure_pointing_to_an_unknown_city_fails_validation(tmp_path):
    def atlantis(df):
        df["city"] = df["city"].cat.add_categories(["atlantis"])
        df.loc[df.index[0], "city"] = "atlantis"
        return df

    assert ("figures", "foreign-key") in _broken(tmp_path, atlantis)


def test_an_unknown_status_fails_validation(tmp_path):
    def maybe(df):
        df["status"] = df["status"].cat.add_categories(["maybe"])
        df.loc[df.index[0], "status"] = "maybe"
        return df

    assert ("figures", "constraint-error") in _broken(tmp_path, maybe)


def test_a_changed_source_text_fails_its_hash(real_package, tmp_path):
    import shutil

    copy = shutil.copytree(real_package, tmp_path / "copy")
    d = json.loads((copy / "datapackage.json").read_text())
    text = next(r for r in d["resources"] if r["name"].startswith("text-"))
    path = copy / text["path"]
    path.write_text(path.read_text(encoding="utf-8").replace("*", "党", 1), encoding="utf-8")
    assert (text["name"], "hash-count") in problems(copy)


def test_round_trip_figures_csv_read_with_the_schema_equals_the_json_export(real_package, tmp_path):
    target = tmp_path / "out.json"
    out = subprocess.run(
        [sys.executable, "-m", "exports", "export", "--format", "json", "-o", str(target), "--file", str(DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    records = {r["id"]: r for r in json.loads(target.read_text(encoding="utf-8"))}
    resource = Package(str(real_package / "datapackage.json")).get_resource("figures")
    rows = {r["id"]: r for r in resource.read_rows()}
    assert set(rows) == set(records)
    for fid, rec in records.items():
        row = rows[fid]
        for col in ("value", "low", "high", "value_norm"):
            assert (None if row[col] is None else float(row[col])) == rec[col], (fid, col)
        for col in ("unit", "status", "quote", "qualifier", "source", "city", "type", "digits_shown", "note"):
            assert row[col] == rec[col], (fid, col)
        assert (row["start"], row["end"]) == (rec["start"], rec["end"])


def test_pandas_reads_blanks_as_missing_not_zero(real_package, real):
    _, df = real
    back = pd.read_csv(real_package / "figures.csv").set_index("id")
    gaps = df[df["status"] != "reported"]["id"]
    assert len(gaps) > 0
    assert back.loc[gaps, "value"].isna().all()
    reported = df[df["value"].notna()].set_index("id")["value"].astype(float)
    assert back.loc[reported.index, "value"].tolist() == reported.tolist()


def test_every_number_field_states_the_blank_rule(real_package):
    d = json.loads((real_package / "datapackage.json").read_text())
    fields = {f["name"]: f for f in next(r for r in d["resources"] if r["name"] == "figures")["schema"]["fields"]}
    for name in ("value", "low", "high", "value_norm"):
        assert "never zero" in fields[name]["description"]
    assert fields["status"]["constraints"]["enum"] == ["reported", "blank", "partial", "missing_section"]
    schema = next(r for r in d["resources"] if r["name"] == "figures")["schema"]
    assert schema["primaryKey"] == ["id"] and schema["missingValues"] == [""]
    targets = {fk["fields"][0]: fk["reference"]["resource"] for fk in schema["foreignKeys"]}
    assert targets == {"source": "sources", "city": "cities", "type": "metric_types", "indicator": "indicators"}


def test_sources_carry_every_citation_field_and_their_text_with_its_sha256(real, real_package):
    ds, _ = real
    d = json.loads((real_package / "datapackage.json").read_text())
    assert d["created"].endswith("Z") and d["title"] and d["licence_note"]
    by_name = {r["name"]: r for r in d["resources"]}
    for src in ds.sources.values():
        entry = next(s for s in d["sources"] if s["id"] == src.id)
        given = {k: v for k, v in src.model_dump().items() if v is not None}
        assert {k: entry[k] for k in given} == given  # every field, whatever the model gains
        text = by_name[entry["text_resource"]]
        blob = (real_package / text["path"]).read_bytes()
        assert text["hash"] == "sha256:" + hashlib.sha256(blob).hexdigest() == "sha256:" + src.sha256
        for fid, quote in ((m.id, m.quote) for m in ds.metrics if m.source == src.id):
            assert blob.decode("utf-8").count(quote) == 1, fid


# Fields the many-sources model adds flow through without a change in the exporter.
class Appearance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    place: str
    has_section: bool
    announced_as: str | None = None


class CitedSource(Source):
    publisher_en: str | None = None
    url: str | None = None
    published: str | None = None
    licence: str | None = None
    appearances: list[Appearance] = []


class LevelledPlace(Place):
    level: Literal["province", "city", "district", "county", "street", "town", "community"]
    parent: str | None = None


def _future(tmp_path: Path, parent_of_jia: str | None = "bing"):
    ds = load(factories.write(tmp_path))
    models = {**SECTIONS, "sources": CitedSource, "cities": LevelledPlace}
    sources = {
        k: {
            **v.model_dump(),
            "publisher_en": "A test outlet",
            "url": "https://example.org/a",
            "licence": "CC BY 4.0 (fixture)",
            "appearances": [{"place": "jia", "has_section": True, "announced_as": "甲省甲市"}],
        }
        for k, v in ds.sources.items()
    }
    cities = {k: {**v.model_dump(), "level": "city", "parent": None} for k, v in ds.cities.items()}
    cities["jia"]["parent"] = parent_of_jia
    registries = {"sources": sources, "cities": cities, "metric_types": ds.metric_types, "indicators": ds.indicators}
    contents = export_tables.build(derive.frame(ds), registries, ds.texts, models)
    return export_package.write(contents, tmp_path / "future")


def test_new_model_fields_reach_the_package(tmp_path):
    target = _future(tmp_path)
    assert problems(target) == []
    d = json.loads((target / "datapackage.json").read_text())
    assert d["sources"][0]["publisher_en"] == "A test outlet" and d["sources"][0]["path"] == "https://example.org/a"
    assert d["licence_note"] == "src: CC BY 4.0 (fixture)"
    by_name = {r["name"]: r for r in d["resources"]}
    level = next(f for f in by_name["cities"]["schema"]["fields"] if f["name"] == "level")
    assert "street" in level["constraints"]["enum"]
    assert {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}} in by_name["cities"]["schema"][
        "foreignKeys"
    ]
    appearances = pd.read_csv(target / "appearances.csv")
    assert appearances.to_dict(orient="records") == [
        {"source": "src", "place": "jia", "has_section": True, "announced_as": "甲省甲市"}
    ]
    fks = {fk["fields"][0]: fk["reference"]["resource"] for fk in by_name["appearances"]["schema"]["foreignKeys"]}
    assert fks == {"source": "sources", "place": "cities"}


def test_a_parent_that_is_no_place_fails_validation(tmp_path):
    assert ("cities", "foreign-key") in problems(_future(tmp_path, parent_of_jia="nowhere"))


# Writing is atomic: a failure leaves what was there, and no half package.
def test_a_folder_that_is_not_a_package_is_never_replaced(tmp_path):
    ds = load(factories.write(tmp_path))
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not a data package"):
        export_package.write(export_tables.from_dataset(ds), other)
    assert [p.name for p in other.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize("name", ["package", "package.zip"])
def test_a_failed_write_keeps_the_previous_package_and_leaves_no_temp_files(tmp_path, monkeypatch, name):
    ds = load(factories.write(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    target = export_package.write(export_tables.from_dataset(ds), out / name)
    before = sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file())
    df = derive.frame(ds).iloc[:2]

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        export_package.write(export_tables.from_dataset(ds, df), target)
    monkeypatch.undo()
    after = sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file())
    assert after == before


def test_cli_writes_a_package_folder_and_refuses_without_output(tmp_path):
    path = factories.write(tmp_path)
    run = [sys.executable, "-m", "exports", "export", "--file", str(path), "--format", "datapackage"]
    out = subprocess.run([*run, "-o", str(tmp_path / "pkg")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"{len(factories.METRICS)} figures" in out.stdout
    assert problems(tmp_path / "pkg") == []
    out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "needs -o" in out.stderr


def test_csv_and_json_exports_carry_the_source_id(tmp_path):
    path = factories.write(tmp_path)
    for fmt in ("csv", "json"):
        target = tmp_path / f"out.{fmt}"
        run = [sys.executable, "-m", "exports", "export", "--file", str(path), "--format", fmt, "-o", str(target)]
        out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        rows = pd.read_csv(target) if fmt == "csv" else pd.DataFrame(json.loads(target.read_text()))
        assert set(rows["source"]) == {"src"}
