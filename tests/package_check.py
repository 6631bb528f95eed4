"""Validate an exported data package folder with the frictionless library, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import Checklist, Package

from exports import package as export_package


def problems(folder: Path) -> list[tuple[str, str]]:
    """(resource, error type) of everything frictionless finds: the package, then figures with the checklist."""
    package = Package(str(folder / export_package.DESCRIPTOR))
    found = [(task.name, err.type) for task in package.validate().tasks for err in task.errors]
    checklist = Checklist.from_descriptor(json.loads((folder / export_package.CHECKLIST).read_text()))
    report = package.get_resource("figures").validate(checklist=checklist)
    found += [("figures", err.type) for task in report.tasks for err in task.errors]
    return found
