"""flows.settings.configured_api_url: the API URL an operator configured for Prefect, from any of Prefect's sources.

A configured API is used as it is: `greenwire ingest` / `reprocess` then start no temporary server, probe no
local one and do not override PREFECT_API_URL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from flows import api_server
from flows.settings import QUIET_ENV, VERBOSE_ENV, configure_environment, configured_api_url

# Variables that select or hold Prefect's API configuration; any letter case counts for PREFECT_API_URL.
CONFIG_ENV = (
    "PREFECT_API_URL",
    "PREFECT_PROFILE",
    "PREFECT_HOME",
    "PREFECT_PROFILES_PATH",
    "PREFECT_TEST_MODE",
    "PREFECT_UNIT_TEST_MODE",
    "PREFECT_TESTING_UNIT_TEST_MODE",
    "PREFECT_TESTING_TEST_MODE",
    "GREENWIRE_PREFECT_SERVER",
)
REMOTE = "http://prefect.example:4200/api"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, a home without ~/.prefect, and no Prefect configuration in the environment."""
    for name in list(os.environ):
        if name.upper() in CONFIG_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    work = tmp_path / "project"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def write_profiles(path: Path, profiles: dict[str, str], active: str | None = None) -> Path:
    """A profiles.toml like `prefect profile create` / `prefect config set` leave behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f'active = "{active}"'] if active else []
    for name, url in profiles.items():
        lines += ["", f"[profiles.{name}]", f'PREFECT_API_URL = "{url}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_nothing_configured_is_none(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(project.parent / "prefect-home"))  # no profiles.toml there
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert configured_api_url() is None


def test_environment_variable(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", REMOTE)
    assert configured_api_url() == REMOTE


def test_dotenv_file(project: Path) -> None:
    (project / ".env").write_text(f"# Prefect\nexport PREFECT_API_URL='{REMOTE}'\n", encoding="utf-8")
    assert configured_api_url() == REMOTE


@pytest.mark.parametrize(
    "prefect_toml",
    [f'[api]\nurl = "{REMOTE}"\n', f'api.url = "{REMOTE}"\n'],
    ids=["table", "dotted-key"],
)
def test_prefect_toml(project: Path, prefect_toml: str) -> None:
    (project / "prefect.toml").write_text(prefect_toml, encoding="utf-8")
    assert configured_api_url() == REMOTE


def test_pyproject_toml(project: Path) -> None:
    (project / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.prefect.api]\nurl = "{REMOTE}"\n')
    assert configured_api_url() == REMOTE


def test_active_profile_in_prefect_home(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"ephemeral": "", "remote": REMOTE}, active="remote")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    assert configured_api_url() == REMOTE


def test_active_profile_in_the_default_home(project: Path) -> None:
    write_profiles(Path.home() / ".prefect" / "profiles.toml", {"remote": REMOTE}, active="remote")
    assert configured_api_url() == REMOTE


def test_profiles_path_wins_over_prefect_home(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"local": "http://127.0.0.1:4200/api"}, active="local")
    profiles = write_profiles(project.parent / "elsewhere.toml", {"remote": REMOTE}, active="remote")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    monkeypatch.setenv("PREFECT_PROFILES_PATH", str(profiles))
    assert configured_api_url() == REMOTE


def test_prefect_profile_overrides_active(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"local": "http://127.0.0.1:4200/api", "remote": REMOTE}, active="local")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    monkeypatch.setenv("PREFECT_PROFILE", "remote")
    assert configured_api_url() == REMOTE


def test_unknown_or_missing_active_profile_falls_back_to_prefects_default(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = project.parent / "prefect-home"
    # Prefect's default is its own bundled `ephemeral` profile, not a same-named one in this file.
    write_profiles(home / "profiles.toml", {"ephemeral": REMOTE, "remote": REMOTE})
    monkeypatch.setenv("PREFECT_HOME", str(home))
    assert configured_api_url() is None
    monkeypatch.setenv("PREFECT_PROFILE", "no-such-profile")
    assert configured_api_url() is None


def test_precedence_env_dotenv_prefect_toml_pyproject_profile(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"p": "http://profile/api"}, active="p")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    assert configured_api_url() == "http://profile/api"
    (project / "pyproject.toml").write_text('[tool.prefect.api]\nurl = "http://pyproject/api"\n', encoding="utf-8")
    assert configured_api_url() == "http://pyproject/api"
    (project / "prefect.toml").write_text('[api]\nurl = "http://prefect-toml/api"\n', encoding="utf-8")
    assert configured_api_url() == "http://prefect-toml/api"
    (project / ".env").write_text("PREFECT_API_URL=http://dotenv/api\n", encoding="utf-8")
    assert configured_api_url() == "http://dotenv/api"
    monkeypatch.setenv("PREFECT_API_URL", "http://environment/api")
    assert configured_api_url() == "http://environment/api"


def test_an_empty_value_means_none_and_hides_lower_sources(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"p": REMOTE}, active="p")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    (project / ".env").write_text("PREFECT_API_URL=\n", encoding="utf-8")
    assert configured_api_url() is None  # Prefect resolves "" and runs its own temporary server


def test_unreadable_files_are_skipped_not_raised(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"p": REMOTE}, active="p")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    (project / "prefect.toml").write_text("[api\nurl = 'unterminated\n", encoding="utf-8")
    (project / "pyproject.toml").write_bytes(b"\xff\xfe not utf-8")
    assert configured_api_url() == REMOTE  # Prefect itself refuses these files when it loads its settings
    (home / "profiles.toml").write_text("active = 'p\n", encoding="utf-8")
    assert configured_api_url() is None  # Prefect warns and ignores a broken profiles file


PREFECT_RESOLUTION = textwrap.dedent(
    """
    import json, os, sys
    from prefect.settings import sources
    from prefect.settings.models.root import Settings  # what get_current_settings() builds at import

    base = dict(os.environ)
    for scenario in json.loads(sys.argv[1]):
        os.chdir(scenario["cwd"])
        os.environ.clear()
        os.environ.update(base, **scenario["env"])
        sources._file_cache.clear()  # keyed by relative path and mtime: not safe across directories
        print(json.dumps(Settings().api.url or None))
    """
)


def test_agrees_with_prefects_own_resolution(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project.parent
    home = root / "prefect-home"
    write_profiles(home / "profiles.toml", {"local": "http://local/api", "remote": REMOTE}, active="local")
    write_profiles(root / "other.toml", {"o": "http://other-profiles/api"}, active="o")
    layouts = {
        "profile": {},
        "pyproject": {"pyproject.toml": '[tool.prefect.api]\nurl = "http://pyproject/api"\n'},
        "toml-over-pyproject": {
            "prefect.toml": 'api.url = "http://prefect-toml/api"\n',
            "pyproject.toml": '[tool.prefect.api]\nurl = "http://pyproject/api"\n',
        },
        "dotenv-over-toml": {
            "prefect.toml": '[api]\nurl = "http://t/api"\n',
            ".env": "prefect_api_url=http://dotenv/api",
        },
        "empty-dotenv": {"prefect.toml": '[api]\nurl = "http://t/api"\n', ".env": "PREFECT_API_URL=''\n"},
        "profiles-path-in-toml": {"prefect.toml": 'profiles_path = "../other.toml"\n'},
    }
    envs: list[dict[str, str]] = [
        {"PREFECT_HOME": str(home)},
        {"PREFECT_HOME": str(home), "PREFECT_PROFILE": "remote"},
        {"PREFECT_PROFILES_PATH": str(root / "other.toml"), "PREFECT_HOME": str(home)},
        {"PREFECT_HOME": str(root / "empty-home")},
    ]
    scenarios = []
    for name, files in layouts.items():
        for env in envs if name == "profile" else envs[:1]:
            cwd = root / name
            cwd.mkdir(exist_ok=True)
            for file, text in files.items():
                (cwd / file).write_text(text, encoding="utf-8")
            scenarios.append({"cwd": str(cwd), "env": env})
    scenarios.append({"cwd": str(root / "profile"), "env": {"PREFECT_HOME": str(home), "PREFECT_API_URL": REMOTE}})

    ours = []
    for scenario in scenarios:
        with monkeypatch.context() as each:
            each.chdir(scenario["cwd"])
            for key, value in scenario["env"].items():
                each.setenv(key, value)
            ours.append(configured_api_url())

    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PREFECT_")}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    result = subprocess.run(
        [sys.executable, "-c", PREFECT_RESOLUTION, json.dumps(scenarios)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    prefects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(set(prefects)) >= 6  # the scenarios reach different sources
    assert ours == prefects


def _restored_afterwards(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Have monkeypatch restore these variables (set or unset) whatever the code under test does to them."""
    for name in names:
        if name in os.environ:
            monkeypatch.setenv(name, os.environ[name])  # records the value to put back
        else:
            monkeypatch.setenv(name, "")  # records "unset" ...
            monkeypatch.delenv(name)  # ... and leaves it unset


@pytest.fixture
def cli_start_up(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[api_server.TemporaryServer]:
    """What `greenwire ingest` does first, with a fake server start; returns the servers it would start."""
    _restored_afterwards(monkeypatch, "PREFECT_API_URL", *QUIET_ENV, *VERBOSE_ENV)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(api_server, "_SERVER", None)
    started: list[api_server.TemporaryServer] = []
    monkeypatch.setattr(api_server.TemporaryServer, "start", lambda server: started.append(server))
    return started


def test_a_profile_api_wins_over_a_running_local_server(
    project: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer, cli_start_up: list[object]
) -> None:
    home = project.parent / "prefect-home"
    write_profiles(home / "profiles.toml", {"remote": REMOTE}, active="remote")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    httpserver.expect_request("/api/health").respond_with_json(True)
    monkeypatch.setenv("GREENWIRE_PREFECT_SERVER", httpserver.url_for("/api"))

    configure_environment()
    assert api_server.start_temporary_server() is None
    api_server.ensure_ready()

    assert cli_start_up == []
    assert httpserver.log == []  # not even probed
    assert "PREFECT_API_URL" not in os.environ  # Prefect applies the operator's profile itself
    assert configured_api_url() == REMOTE


def test_a_prefect_toml_api_starts_no_temporary_server(
    project: Path, monkeypatch: pytest.MonkeyPatch, cli_start_up: list[object]
) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(project.parent / "prefect-home"))
    monkeypatch.setenv("GREENWIRE_PREFECT_SERVER", "http://127.0.0.1:9/api")  # discard port: nothing to reuse
    (project / "prefect.toml").write_text(f'[api]\nurl = "{REMOTE}"\n', encoding="utf-8")

    configure_environment()
    assert api_server.start_temporary_server() is None

    assert cli_start_up == []
    assert "PREFECT_API_URL" not in os.environ


def test_without_configuration_a_temporary_server_is_started_and_exported(
    project: Path, monkeypatch: pytest.MonkeyPatch, cli_start_up: list[api_server.TemporaryServer]
) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(project.parent / "prefect-home"))
    monkeypatch.setenv("GREENWIRE_PREFECT_SERVER", "http://127.0.0.1:9/api")

    configure_environment()
    server = api_server.start_temporary_server()

    assert server is not None and cli_start_up == [server]
    assert os.environ["PREFECT_API_URL"] == server.api_url == configured_api_url()


def test_commands_opt_out_of_prefects_client_telemetry() -> None:
    """The SDK's telemetry (and its first-run notice on the terminal) is off, as the server's is."""
    code = (
        "import os; from flows.settings import configure_environment; configure_environment();"
        "from prefect._internal.analytics.enabled import is_telemetry_enabled;"
        "print(os.environ.get('DO_NOT_TRACK'), is_telemetry_enabled())"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DO_NOT_TRACK", "CI", "GITHUB_ACTIONS"}}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "False"]
