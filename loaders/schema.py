"""The JSON Schema an editor uses to check data/metrics.yaml while a curator types."""

from __future__ import annotations

import json

from loaders.models import MetricsFile

SCHEMA_FILE = "data/metrics.schema.json"


def json_schema() -> str:
    """The schema as committed: stable key order, trailing newline."""
    schema = MetricsFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
