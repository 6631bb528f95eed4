"""The JSON Schemas an editor uses to check data/metrics.yaml and the figure files while a curator types."""

from __future__ import annotations

import json

from pydantic import BaseModel

from loaders.models import FiguresFile, MetricsFile

SCHEMA_FILE = "data/metrics.schema.json"
FIGURES_SCHEMA_FILE = "data/figures.schema.json"
SCHEMAS: dict[str, type[BaseModel]] = {SCHEMA_FILE: MetricsFile, FIGURES_SCHEMA_FILE: FiguresFile}


def json_schema(model: type[BaseModel] = MetricsFile) -> str:
    """The schema as committed: stable key order, trailing newline."""
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
