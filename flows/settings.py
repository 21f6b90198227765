"""Process-wide settings applied before Prefect is imported."""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from flows.api_server import DEFAULT_STARTUP_TIMEOUT_S, STARTUP_TIMEOUT_ENV

QUIET_ENV = {
    # Telemetry cannot reach out from here, and an operator's run should not try: the server's
    # and the client SDK's (whose first-run notice otherwise lands in the command's output).
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # Run logs still go to the Prefect API at INFO; the terminal shows the CLI's own summary.
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    # The ephemeral server's shutdown logs cancelled services and pooled connections.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    STARTUP_TIMEOUT_ENV: f"{DEFAULT_STARTUP_TIMEOUT_S:g}",
}
VERBOSE_ENV = {
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "INFO",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


def configure_environment(*, verbose: bool = False) -> None:
    """Set Prefect's environment for a CLI process; explicit user settings win, unless verbose."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ.update(VERBOSE_ENV)
    reuse_running_server()


LOCAL_SERVER_ENV = "GREENWIRE_PREFECT_SERVER"
DEFAULT_LOCAL_SERVER = "http://127.0.0.1:4200/api"


def reuse_running_server(probe_timeout: float = 0.3) -> str | None:
    """Point Prefect at a server that is already running, instead of starting a temporary one.

    An API URL the operator configured for Prefect (environment, `.env`, `prefect.toml`, `pyproject.toml`
    or the active profile: see `configured_api_url`) always wins and is left to Prefect to apply. Otherwise
    a healthy server at GREENWIRE_PREFECT_SERVER (default: the `prefect server start` address) is used;
    starting a temporary server costs seconds per process.
    """
    configured = configured_api_url()
    if configured is not None:
        return configured
    url = os.environ.get(LOCAL_SERVER_ENV, DEFAULT_LOCAL_SERVER).rstrip("/")
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/health", timeout=probe_timeout) as response:
            healthy = response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return None
    if healthy:
        os.environ["PREFECT_API_URL"] = url
        return url
    return None


# --- Prefect's own `api.url` setting, read the way Prefect 3.8.8 reads it (prefect/settings/sources.py,
# base.py `settings_customise_sources`) but without importing Prefect (~1 s), so the temporary server
# can start before it. Each source yields None when it does not set the value, so the next one is asked;
# an empty string is a value (it hides lower sources) that means "no API": Prefect then runs its own.

API_URL_ENV = "PREFECT_API_URL"
PREFECT_TOML = Path("prefect.toml")
PYPROJECT_TOML = Path("pyproject.toml")
DOTENV_FILE = Path(".env")
# Any of these, non-empty (even "0"), makes Prefect ignore the profiles file.
TEST_MODE_ENVS = (
    "PREFECT_TEST_MODE",
    "PREFECT_UNIT_TEST_MODE",
    "PREFECT_TESTING_UNIT_TEST_MODE",
    "PREFECT_TESTING_TEST_MODE",
)


def configured_api_url() -> str | None:
    """The Prefect API URL configured for this process (setting `api.url`), or None if there is none.

    Sources, first found wins (relative files in the current directory, as Prefect reads them):
    the environment variable PREFECT_API_URL (any letter case), `.env`, `prefect.toml` (`[api] url`),
    `pyproject.toml` (`[tool.prefect.api] url`), then PREFECT_API_URL in the active profile of the
    profiles file. An empty value counts as "none configured" and hides the sources below it, as in
    Prefect. A file that cannot be read or parsed, or a value that is not a string, is skipped: Prefect
    itself then reports the problem when it loads its settings (it raises for `prefect.toml` and
    `pyproject.toml`, warns and ignores a broken profiles file).
    """
    for value in _api_url_sources():
        if isinstance(value, str):
            return value or None
    return None


def _api_url_sources() -> Iterator[object]:
    """Each source's value in Prefect's order of precedence, read only when the ones above set nothing."""
    yield _last_case_insensitive(os.environ, API_URL_ENV)
    dotenv = _dotenv_values()
    yield _last_case_insensitive(dotenv, API_URL_ENV)
    prefect_toml = _toml_table(PREFECT_TOML)
    yield _nested_string(prefect_toml, "api", "url")
    pyproject_toml = _toml_table(PYPROJECT_TOML)
    yield _nested_string(pyproject_toml, "tool", "prefect", "api", "url")
    if not _test_mode():
        yield _active_profile(_profiles_path(dotenv, prefect_toml, pyproject_toml)).get(API_URL_ENV)


def _last_case_insensitive(variables: Mapping[str, str | None], name: str) -> str | None:
    """pydantic-settings lower-cases variable names: of several spellings, the last one set wins."""
    found: str | None = None
    for key, value in variables.items():
        if key.lower() == name.lower():
            found = value  # `NAME` alone in a .env file has no value and does not count
    return found


def _dotenv_values() -> dict[str, str | None]:
    """`.env` parsed with python-dotenv like Prefect does (quotes, `export`, `${VAR}`): a Prefect dependency."""
    if not DOTENV_FILE.is_file():
        return {}
    try:
        from dotenv import dotenv_values
    except ImportError:
        return {}
    parser_log = logging.getLogger("dotenv.main")
    was_disabled, parser_log.disabled = parser_log.disabled, True  # Prefect reports unparsable lines itself
    try:
        return dict(dotenv_values(DOTENV_FILE, encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    finally:
        parser_log.disabled = was_disabled


def _toml_table(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def _nested_string(table: Mapping[str, Any], *keys: str) -> str | None:
    value: Any = table
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value if isinstance(value, str) else None


def _test_mode() -> bool:
    return any(os.environ.get(name) for name in TEST_MODE_ENVS)


def _profiles_path(
    dotenv: Mapping[str, str | None], prefect_toml: Mapping[str, Any], pyproject_toml: Mapping[str, Any]
) -> Path | None:
    """Prefect's `_get_profiles_path`; None stands for its bundled default profiles file."""
    candidates = (
        os.environ.get("PREFECT_PROFILES_PATH"),
        dotenv.get("PREFECT_PROFILES_PATH"),  # this one name is looked up as written, not in any case
        _nested_string(prefect_toml, "profiles_path"),
        _nested_string(pyproject_toml, "tool", "prefect", "profiles_path"),
    )
    for candidate in candidates:
        if candidate:
            return Path(candidate)
    if home := os.environ.get("PREFECT_HOME"):
        return Path(home) / "profiles.toml"  # not expanded: Prefect takes it as written
    user_profiles = Path.home() / ".prefect" / "profiles.toml"
    return user_profiles if user_profiles.exists() else None


def _bundled_default_profile() -> dict[str, Any]:
    """The profile Prefect falls back to: `active` of its bundled profiles.toml (`ephemeral`, no API URL)."""
    with contextlib.suppress(ImportError, ValueError):
        spec = importlib.util.find_spec("prefect")  # locates the package without importing it
        if spec is not None and spec.origin is not None:
            bundled = _toml_table(Path(spec.origin).parent / "settings" / "profiles.toml")
            profiles = bundled.get("profiles")
            name = bundled.get("active", "ephemeral")
            if isinstance(profiles, dict) and isinstance(name, str) and isinstance(profiles.get(name), dict):
                return profiles[name]
    return {}


def _active_profile(path: Path | None) -> Mapping[str, Any]:
    """The active profile's settings: PREFECT_PROFILE, else the file's `active`, else Prefect's default."""
    if path is None or not path.exists():
        return _bundled_default_profile()
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}  # Prefect warns and uses no profile at all (not even the default)
    name = os.environ.get("PREFECT_PROFILE") or data.get("active")
    profiles = data.get("profiles")
    if isinstance(name, str) and isinstance(profiles, dict) and isinstance(profiles.get(name), dict):
        return profiles[name]
    return _bundled_default_profile()
