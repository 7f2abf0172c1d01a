"""schema/yaml_data.py reads every YAML file of the repository into the values yaml.safe_load reads."""

from __future__ import annotations

import pytest
import yaml

from schema.yaml_data import load_yaml
from tests.conftest import ROOT

FOLDERS = ("schema", "graphql_api", "ingest", "govgraph", "tests/data")


def test_every_yaml_file_reads_as_safe_load_reads_it() -> None:
    files = sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.yaml"))
    assert len(files) >= 20
    for path in files:
        assert load_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path


def test_an_unsafe_tag_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "unsafe.yaml"
    path.write_text("!!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        load_yaml(path)
