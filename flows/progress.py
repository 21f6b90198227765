"""A hook the CLI sets to show progress; the flow reports to it and never depends on it."""

from __future__ import annotations

from typing import Protocol


class ProgressSink(Protocol):
    def discovered(self, count: int) -> None: ...

    def processed(self, count: int) -> None: ...


class _Silent:
    def discovered(self, count: int) -> None:
        pass

    def processed(self, count: int) -> None:
        pass


_sink: ProgressSink = _Silent()


def set_sink(sink: ProgressSink | None) -> None:
    global _sink
    _sink = sink or _Silent()


def sink() -> ProgressSink:
    return _sink
