"""The writer process's memory: what its heap keeps, and what the cyclic collector walks.

Heap (glibc; a no-op elsewhere): keep it from holding on to memory it has freed.

The writer frees a batch's columns (thousands of strings, the Arrow copies) after each load, but
glibc keeps freed memory inside the process's heaps, fragmented by what is still alive, so the
run's resident size crept up batch after batch. Two remedies, each measured on generated pages:
- `malloc_trim` after every load returns the free pages (40k pages: the writer ~680 -> ~560 MB);
- a fixed mmap threshold: glibc raises its threshold each time a large block is freed, after which
  DuckDB's and Arrow's 128 KiB+ blocks come from the heap and fragment it. Fixed at 128 KiB, they
  are mapped and unmapped on their own (100k pages: the writer's peak ~630 -> ~605 MB, same speed).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


# mallopt's parameter number for the mmap threshold (malloc.h). Setting it also turns off glibc's
# dynamic adjustment of the threshold, which is the point.
M_MMAP_THRESHOLD = -3
LARGE_BLOCK_BYTES = 128 * 1024  # glibc's own starting threshold, kept from then on


def map_large_blocks_separately() -> bool:
    """Fix glibc's mmap threshold at 128 KiB for this process; True if it took effect."""
    libc = _libc()
    return bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES)) if libc is not None else False


def return_free_memory() -> bool:
    """Ask the allocator to release free heap pages; True if it released any."""
    libc = _libc()
    return bool(libc.malloc_trim(0)) if libc is not None else False


@contextmanager
def long_lived_objects_frozen() -> Iterator[None]:
    """For its duration, Python's cyclic collector skips every object alive when it began.

    At a run's start ~300k tracked objects are alive (modules, Prefect's engine and settings) and
    stay so; every full collection walked them all, ~100-200 ms each. A 10k-page re-run spent ~0.2 s
    of its ~0.6 s in such passes. Frozen (`gc.freeze`), the passes walk only what the run made. The
    objects are unfrozen at the end, so that a long-lived process (tests, a program calling the flow
    again and again) can still collect the cycles among them. A process that froze objects itself
    (a pre-forking server, say) keeps its own arrangement: freezing does not nest.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
