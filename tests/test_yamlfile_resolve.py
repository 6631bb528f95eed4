"""The loader's lighter composer gives every scalar the tag PyYAML's safe loader gives it."""

from __future__ import annotations

import pytest
from yaml.nodes import ScalarNode

from loaders.yamlfile import _Base, _Composer

VALUES = ["", "~", "null", "Null", "true", "no", "yes", "on", "OFF", "y", "12", "-3", "+4", "0x1f", "0o17", "1_000"]
VALUES += ["3.5", "1e3", ".inf", "-.inf", ".nan", "2020-01-01", "2001-12-14t21:59:43.10-05:00", "<<", "=", "abc"]
VALUES += ["广州", "!x", "&a", "*b", "*组织"]


@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False)])
def test_scalars_resolve_as_the_safe_loader_resolves_them(implicit):
    ours, safe = _Composer(""), _Base("")
    assert None not in _Base.yaml_implicit_resolvers  # the shortcut assumes no wildcard resolver
    for value in VALUES:
        assert ours.resolve(ScalarNode, value, implicit) == safe.resolve(ScalarNode, value, implicit), value
