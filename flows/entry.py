"""The `greenwire` console script's entry point: imports the CLI only when called.

Extraction workers (spawned) re-import the parent's `__main__`, which is the console script,
and with it whatever the script imports at the top: pointing the script here instead of at
flows.cli keeps typer, rich and the commands out of every worker (measured: ~60 MB each).
"""

from __future__ import annotations

import os


def main() -> None:
    # Arrow allocates the writer's staged tables, a batch at a time; its default allocator
    # (mimalloc) kept ~50 MB more resident than the system's over a 10k-page run, at the same
    # speed. Set before pyarrow is first imported; an operator's own choice wins.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    from flows.cli import main as cli_main

    cli_main()
