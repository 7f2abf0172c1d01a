"""The project layout and docker compose file (validated with the compose client)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_design_card_layout_exists() -> None:
    for name in ("pyproject.toml", "ingest", "schema", "graphql_api", "cypher", "tests", "docker-compose.yml",
                 "corpus", "README.md", ".ci/run", "neo4j/pom.xml", "neo4j/neo4jctl"):
        assert (ROOT / name).exists(), name
    assert len(list((ROOT / "corpus").glob("*.txt"))) == 5


def _compose() -> list[str]:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:
        return [legacy]
    pytest.fail("no docker compose client: .ci/run installs Debian's docker-compose")


def test_docker_compose_file_is_valid() -> None:
    result = subprocess.run([*_compose(), "-f", str(ROOT / "docker-compose.yml"), "config"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    for service in ("neo4j:", "ingest:", "api:", "healthcheck:", "neo4j:5.26-community", "7474"):
        assert service in result.stdout
