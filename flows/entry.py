"""The `greenwire` console script's entry point: imports the CLI only when called.

Extraction workers (spawned) re-import the parent's `__main__`, which is the console script,
and with it whatever the script imports at the top: pointing the script here instead of at
flows.cli keeps typer, rich and the commands out of every worker (measured: ~60 MB each).
"""

from __future__ import annotations


def main() -> None:
    from flows.cli import main as cli_main

    cli_main()
