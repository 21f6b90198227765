"""The README's remote-server recipe, and the FastAPI pin that lets Prefect's CLI talk to a server from our stack.

No server and no network: the recipe's Python block runs with `prefect.deploy` replaced by a recorder, and
Prefect's own `limit` body parameter is served by a bare FastAPI app through its test client.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import prefect
import pytest
from fastapi import Body, FastAPI
from fastapi.testclient import TestClient
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.server.api.dependencies import LimitBody

from adapters.config import load_sources

PROJECT_ROOT = Path(__file__).resolve().parents[1]
README = PROJECT_ROOT / "README.md"
SOURCES_TOML = """\
[[sources]]
name = "seeds"
adapter = "files"
paths = ["seeds"]
schedule = "0 * * * *"
"""


def _fenced_block(language: str, first_line_prefix: str) -> str:
    """The README's ```language block whose first line starts with `first_line_prefix`."""
    blocks = re.findall(rf"^```{language}\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    matching = [block for block in blocks if block.startswith(first_line_prefix)]
    assert len(matching) == 1, f"expected one ```{language} block starting {first_line_prefix!r}, found {len(matching)}"
    return matching[0]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "sources.toml").write_text(SOURCES_TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_load_sources_takes_a_str_a_path_and_a_pathlike_alike(project: Path) -> None:
    class PathLike(os.PathLike[str]):
        def __fspath__(self) -> str:
            return "sources.toml"

    by_str, by_path, by_pathlike = (load_sources(p) for p in ("sources.toml", Path("sources.toml"), PathLike()))
    assert by_str == by_path == by_pathlike
    assert [(s.name, list(s.paths)) for s in by_str] == [("seeds", [str(project / "seeds")])]


def test_the_readme_deploy_block_builds_one_deployment_per_source_for_the_pool(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(prefect, "deploy", lambda *deployments, **options: calls.append((deployments, options)))

    exec(compile(_fenced_block("python", "# deploy.py"), "README.md deploy.py", "exec"), {})

    ((deployments, options),) = calls
    assert options == {"work_pool_name": "greenwire-pool", "build": False, "push": False, "ignore_warnings": True}
    (deployment,) = deployments
    assert isinstance(deployment, RunnerDeployment)
    assert deployment.name == "ingest-seeds"
    assert deployment.entrypoint_type == EntrypointType.MODULE_PATH
    params = deployment.parameters["params"]
    assert params["db_path"] == "/data/greenwire.duckdb"
    assert [s["paths"] for s in params["sources"]] == [[str(project / "seeds")]]  # absolute: the worker reads them


def test_the_readme_shell_steps_name_the_pool_and_deployment_the_python_block_makes() -> None:
    steps = _fenced_block("sh", "export PREFECT_API_URL=")
    pool = re.search(r'work_pool_name="([^"]+)"', _fenced_block("python", "# deploy.py")).group(1)
    assert f"prefect work-pool create {pool} --type process" in steps
    assert f"prefect worker start --pool {pool}" in steps
    # The flow's name and deployments.deployment_name's prefix, for the README's own sources.toml (source "seeds").
    assert "prefect deployment run greenwire-ingest/ingest-seeds" in steps
    assert steps.index("work-pool create") < steps.index("deploy.py") < steps.index("deployment run")


def test_the_installed_fastapi_takes_prefects_explicit_null_limit_as_the_default() -> None:
    """Prefect 3.8.8's client sends `"limit": null` (flow-run ls, deployment ls, deploy()); FastAPI >= 0.151 says 422."""
    app = FastAPI()

    # The shape of Prefect's /api/flows/filter: two body fields, so each is a key of the JSON object.
    @app.post("/filter")
    async def read(limit: int = LimitBody(), offset: int = Body(0, ge=0)) -> dict[str, int]:
        return {"limit": limit}

    client = TestClient(app)
    default = client.post("/filter", json={}).json()["limit"]
    explicit_null = client.post("/filter", json={"limit": None})
    assert explicit_null.status_code == 200, explicit_null.text
    assert explicit_null.json() == {"limit": default}
    assert client.post("/filter", json={"limit": 5}).json() == {"limit": 5}
