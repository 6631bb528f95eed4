"""python -m loaders: the curator's and the exporter's entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import factories

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None):
    module = {"export": "exports", "schema": "curation"}.get(args[0], "loaders")
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, env=full_env, timeout=60
    )


def test_validate_prints_counts_and_exits_zero():
    out = run("validate")
    assert out.returncode == 0, out.stderr
    assert "no problems" in out.stdout
    for city in ("guangzhou", "jining", "chizhou", "baoshan", "chengdu_jinniu"):
        assert city in out.stdout
    assert "blank" in out.stdout and "missing_section" in out.stdout


def test_validate_prints_every_problem_and_exits_one(tmp_path):
    doc = factories.document()
    doc["metrics"][0]["value"] = 3
    doc["metrics"][1]["quote"] = "没有这句"
    path = factories.write(tmp_path, doc)
    out = run("validate", str(path))
    assert out.returncode == 1
    assert "2 problems" in out.stderr
    assert "metrics[0].value" in out.stderr and "metrics[1].quote" in out.stderr
    assert "Traceback" not in out.stderr


def test_metrics_file_env_var_is_honoured(tmp_path):
    path = factories.write(tmp_path)
    out = run("validate", env={"METRICS_FILE": str(path)})
    assert out.returncode == 0, out.stderr
    assert f"{len(factories.METRICS)} figures" in out.stdout


def test_export_json_has_the_documented_fields_and_nulls_for_blanks(tmp_path):
    target = tmp_path / "out.json"
    out = run("export", "--format", "json", "-o", str(target))
    assert out.returncode == 0, out.stderr
    records = json.loads(target.read_text(encoding="utf-8"))
    required = {
        "id",
        "source",
        "city",
        "type",
        "indicator",
        "label_zh",
        "label_en",
        "value",
        "low",
        "high",
        "unit",
        "qualifier",
        "status",
        "quote",
        "start",
        "end",
    }
    assert required <= set(records[0])
    blanks = [r for r in records if r["status"] == "blank"]
    assert blanks and all(r["value"] is None for r in blanks)
    gz = next(r for r in records if r["id"] == "gz-industry-party-committees")
    assert gz["value"] == 18 and "18个行业*委" in gz["quote"]


def test_export_csv_keeps_blank_values_empty():
    out = run("export", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    blank = [r for r in rows if r["status"] == "blank"]
    assert blank and all(r["value"] == "" for r in blank)
    assert any(r["value"] == "18.0" or r["value"] == "18" for r in rows)


def test_committed_json_schema_is_current():
    out = run("schema", "--check")
    assert out.returncode == 0, out.stderr + out.stdout


def test_yaml_points_editors_at_the_schema():
    first = (ROOT / "data/metrics.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=metrics.schema.json"
