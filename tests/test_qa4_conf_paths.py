"""QA4 finding 10: relative `paths` in a sources file resolve against the file's directory, not the
working directory, so `--sources /proj/sources.toml` from cron or systemd reads the project's data."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from adapters.config import load_sources
from schemas import SourceConfig

SOURCES_TOML = '[[sources]]\nname = "seeds"\nadapter = "files"\npaths = ["seeds", "~/x", "/abs/y"]\n'


@pytest.fixture
def project(tmp_path: Path, seeds_dir: Path) -> Path:
    """A project laid out like this repository: sources.toml at the root, seeds/ beside it."""
    root = tmp_path / "proj"
    shutil.copytree(seeds_dir, root / "seeds")
    (root / "sources.toml").write_text(
        '[[sources]]\nname = "seeds"\nadapter = "files"\npaths = ["seeds"]\nschedule = "0 * * * *"\n', encoding="utf-8"
    )
    return root


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory of a cron job: not the project."""
    directory = tmp_path / "elsewhere"
    directory.mkdir()
    monkeypatch.chdir(directory)
    return directory


def test_relative_paths_resolve_against_the_sources_file_directory(tmp_path: Path, elsewhere: Path) -> None:
    config = tmp_path / "conf" / "sources.toml"
    config.parent.mkdir()
    config.write_text(SOURCES_TOML, encoding="utf-8")
    (source,) = load_sources(config)
    assert source.paths == (str(tmp_path / "conf" / "seeds"), str(Path("~/x").expanduser()), "/abs/y")


def test_a_sources_file_named_relative_to_the_working_directory_resolves_against_its_own_directory(
    tmp_path: Path, elsewhere: Path
) -> None:
    (elsewhere / "conf").mkdir()
    (elsewhere / "conf" / "sources.toml").write_text(SOURCES_TOML, encoding="utf-8")
    (source,) = load_sources(Path("conf/sources.toml"))
    assert source.paths[0] == str(elsewhere / "conf" / "seeds")


def _input_keys(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select source_name, input_key from inputs order by all").fetchall()


@pytest.mark.usefixtures("prefect_harness")
def test_a_project_run_from_elsewhere_sees_the_inputs_it_loaded_from_its_own_root(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.runner import run_ingest

    db = tmp_path / "w.duckdb"
    # The warehouse as `make run` built it before the fix: from the project root, paths as written.
    monkeypatch.chdir(project)
    before = run_ingest(
        sources=[SourceConfig(name="seeds", adapter="files", paths=("seeds",))], db_path=str(db), workers=1
    )
    assert (before.counts.new, before.counts.rejected) == (5, 0)
    keys = _input_keys(db)
    assert len(keys) == 5 and all(not key.startswith(("/", "seeds")) for _, key in keys)

    for cwd in (project, tmp_path):  # `make run` again, then cron from another directory
        monkeypatch.chdir(cwd)
        again = run_ingest(sources=load_sources(project / "sources.toml"), db_path=str(db), workers=1)
        counts = again.counts
        assert (counts.discovered, counts.unchanged, counts.new, counts.updated, counts.rejected) == (5, 5, 0, 0, 0)
    assert _input_keys(db) == keys


@pytest.mark.usefixtures("prefect_harness")
def test_serve_deployments_carry_paths_that_work_from_any_directory(project: Path, elsewhere: Path) -> None:
    from flows.deployments import build_deployments

    (deployment,) = build_deployments(load_sources(project / "sources.toml"), db_path=str(elsewhere / "w.duckdb"))
    (declared,) = deployment.parameters["params"]["sources"]
    assert declared["paths"] == [str(project / "seeds")]
