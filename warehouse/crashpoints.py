"""Named points where a test can kill the process (GREENWIRE_CRASH_AT=<point>).

Crash tests stop a real ingest at a named stage instead of after a guessed delay. Points:
after_discover, after_fetch, after_extract, before_load, mid_load (inside the load
transaction, after the articles are written), after_load.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "GREENWIRE_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
