"""Named points where a test can kill or hold the process.

Crash tests stop a real ingest at a named stage instead of after a guessed delay
(GREENWIRE_CRASH_AT=<point>: SIGKILL there). Interruption tests hold it there instead
(GREENWIRE_PAUSE_AT=<point>): the process creates the file GREENWIRE_PAUSE_FILE names and waits
until a signal (Ctrl-C, SIGTERM) ends it. Points: after_discover, after_fetch, after_extract,
before_load, mid_load (inside the load transaction, after the articles are written), after_load.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

CRASH_ENV = "GREENWIRE_CRASH_AT"
PAUSE_ENV = "GREENWIRE_PAUSE_AT"
PAUSE_FILE_ENV = "GREENWIRE_PAUSE_FILE"
PAUSE_POLL_S = 0.05


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(PAUSE_ENV) == name:
        marker = os.environ.get(PAUSE_FILE_ENV)
        if marker:
            Path(marker).touch()
        while True:  # short sleeps: a signal's handler runs between them
            time.sleep(PAUSE_POLL_S)
