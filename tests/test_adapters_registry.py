"""The adapter registry: built-ins by decorator, third-party adapters through the entry-point group."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import adapters
from adapters import base
from adapters.base import ENTRY_POINT_GROUP, Adapter, adapter_names, get_adapter
from schemas import ItemRef, SourceConfig


class ThirdPartyAdapter:
    name = "thirdparty"

    def discover(self, source: SourceConfig, ctx: base.FetchContext) -> Iterator[ItemRef]:
        yield ItemRef(source_name=source.name, uri="x", key="x")

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: base.FetchContext) -> object:
        raise NotImplementedError


class FakeEntryPoint:
    def __init__(self, name: str, target: type) -> None:
        self.name = name
        self._target = target

    def load(self) -> type:
        return self._target


def test_importing_adapters_registers_the_built_ins() -> None:
    assert {"files", "pages", "rss", "sitemap", "listing"} <= set(adapter_names())
    for name in ("files", "pages", "rss", "sitemap", "listing"):
        assert isinstance(get_adapter(name), Adapter)
    assert adapters.get_adapter is get_adapter


def test_an_entry_point_in_the_group_is_picked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_entry_points(*, group: str) -> list[FakeEntryPoint]:
        asked.append(group)
        return [FakeEntryPoint("thirdparty", ThirdPartyAdapter)]

    monkeypatch.setattr(base, "_REGISTRY", dict(base._REGISTRY))
    monkeypatch.setattr(base, "entry_points", fake_entry_points)
    adapter = get_adapter("thirdparty")
    assert isinstance(adapter, ThirdPartyAdapter)
    assert asked == [ENTRY_POINT_GROUP] == ["greenwire.adapters"]
    assert "thirdparty" in adapter_names()


def test_unknown_adapter_names_the_known_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "entry_points", lambda *, group: [])
    with pytest.raises(KeyError, match=r"unknown adapter 'nope' \(known: .*files.*rss"):
        get_adapter("nope")
