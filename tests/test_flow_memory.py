"""flows.memory: the run's collector skips the objects that were alive before it, and only for the run."""

from __future__ import annotations

import gc
import weakref

from flows.memory import long_lived_objects_frozen


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
        frozen_before = gc.get_freeze_count()
        with long_lived_objects_frozen():
            pass
        assert gc.get_freeze_count() == frozen_before
    finally:
        gc.unfreeze()
