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
    for value in VALUES + VALUES:  # twice: the second time from the memo of plain scalars' tags
        assert ours.resolve(ScalarNode, value, implicit) == safe.resolve(ScalarNode, value, implicit), value


def test_a_document_composes_to_the_nodes_the_safe_loader_makes():
    import yaml

    text = "metrics:\n  - {id: a, value: 3, on: yes, at: 2020-01-01, x: ~, y: '12'}\n  - [1.5, .inf, 0x1f, 广州]\n"
    assert yaml.serialize(yaml.compose(text, Loader=_Composer)) == yaml.serialize(yaml.compose(text, Loader=_Base))
