"""flows.memory: the writer's heap gives memory back, and a run's collections skip what was alive before it."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

import pytest

from flows.memory import long_lived_objects_frozen, return_free_memory

LARGE_BLOCK_PROBE = """
import ctypes
from flows.memory import map_large_blocks_separately, return_free_memory

class MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2

def next_large_block_is_mapped():
    freed = bytearray(16 << 20)  # mapped; with glibc's default, freeing it raises the threshold to 16 MiB
    del freed
    return_free_memory()  # nothing free at the heap's top: the next block is either mapped or grows the heap
    before = libc.mallinfo2().hblks
    block = bytearray(8 << 20)
    return libc.mallinfo2().hblks > before

print(map_large_blocks_separately(), next_large_block_is_mapped())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_the_writer_maps_large_blocks_on_their_own_however_large_blocks_it_freed_before() -> None:
    """glibc's default moves its mmap threshold up after a large block is freed, and the next ones
    then come from the heap (unless it cannot grow: that depends on the address-space layout, so
    the default is not asserted here); fixed at 128 KiB they are mapped, and unmapped when freed."""
    completed = subprocess.run([sys.executable, "-c", LARGE_BLOCK_PROBE], capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["True", "True"]


def test_freed_heap_memory_goes_back_to_the_system() -> None:
    """After a batch's load the writer returns free heap pages (glibc's malloc_trim); a no-op elsewhere."""
    blocks = [bytearray(64 * 1024) for _ in range(2000)]  # ~128 MB in blocks below mmap's threshold
    del blocks[::2]  # freed, but fragmented by the survivors: kept by malloc unless trimmed
    released = return_free_memory()
    assert released is sys.platform.startswith("linux")


class Node:
    def __init__(self) -> None:
        self.peer: Node | None = None


def _cycle() -> Node:
    first, second = Node(), Node()
    first.peer, second.peer = second, first
    return first


def test_objects_alive_before_the_run_are_skipped_by_its_collections_and_collectable_after() -> None:
    before = _cycle()
    gone_before = weakref.ref(before)
    with long_lived_objects_frozen():
        del before  # unreachable now, but it was alive when the run began: its full passes skip it
        during = _cycle()
        gone_during = weakref.ref(during)
        del during
        gc.collect()
        assert gone_during() is None  # what the run made is collected as usual
        assert gone_before() is not None
    gc.collect()
    assert gone_before() is None  # no leak once the run is over
    assert gc.get_freeze_count() == 0


def test_a_failing_run_unfreezes_too() -> None:
    try:
        with long_lived_objects_frozen():
            raise RuntimeError("the run failed")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0


def test_objects_someone_else_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        with long_lived_objects_frozen():
            pass
        # Frozen objects can still be freed by reference counting, so the count may fall a little;
        # an unfreeze would have emptied the permanent generation.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
