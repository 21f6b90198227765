"""The network policy judges URLs by scheme and by the addresses their hosts resolve to (fake resolver)."""

from __future__ import annotations

import socket

import pytest

from adapters.netpolicy import UrlRefused, address_kind, check_url


def resolver_for(table: dict[str, list[str]]):
    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in table[host]]

    return resolve


def test_loopback_literal_is_refused_with_one_clear_line() -> None:
    with pytest.raises(UrlRefused) as caught:
        check_url("http://127.0.0.1:8080/page", allow_private=False)
    assert str(caught.value) == (
        "refused http://127.0.0.1:8080/page: 127.0.0.1 is a loopback address "
        "(pass --allow-private-network or set allow_private_network = true on the source)"
    )
    assert caught.value.reason == "private_network"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.1.2.3", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.10", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-global"),
        ("::1", "loopback"),
        ("fc00::1", "private"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
    ],
)
def test_hosts_resolving_to_non_public_addresses_are_refused(address: str, kind: str) -> None:
    resolve = resolver_for({"intranet.example.com": [address]})
    with pytest.raises(UrlRefused) as caught:
        check_url("https://intranet.example.com/news/1.html", allow_private=False, resolver=resolve)
    assert f"intranet.example.com resolves to {address}" in str(caught.value)
    assert f" {kind} address" in str(caught.value)


def test_public_host_passes_and_one_private_address_among_several_refuses() -> None:
    check_url(
        "https://www.example.org/a", allow_private=False, resolver=resolver_for({"www.example.org": ["93.184.216.34"]})
    )
    mixed = resolver_for({"www.example.org": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(UrlRefused, match=r"10\.0\.0\.7, a private address"):
        check_url("https://www.example.org/a", allow_private=False, resolver=mixed)


def test_allowance_lets_private_addresses_through_but_never_other_schemes() -> None:
    check_url("http://127.0.0.1:8080/page", allow_private=True)
    check_url("http://192.168.0.2/page", allow_private=True)
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "javascript:alert(1)"):
        with pytest.raises(UrlRefused, match="http and https only") as caught:
            check_url(url, allow_private=True)
        assert caught.value.reason == "unsupported_scheme"


def test_urls_without_a_host_or_with_a_bad_port_are_refused() -> None:
    with pytest.raises(UrlRefused, match="no host"):
        check_url("http:///path", allow_private=False)
    with pytest.raises(UrlRefused, match="malformed"):
        check_url("http://example.org:99999999/", allow_private=False)


def test_unresolvable_host_passes_the_policy_and_fails_later_as_a_connection_error() -> None:
    check_url("http://no-such-host.invalid/", allow_private=False, resolver=resolver_for({}))


def test_address_kind_of_a_public_address_is_none() -> None:
    import ipaddress

    assert address_kind(ipaddress.ip_address("8.8.8.8")) is None
    assert address_kind(ipaddress.ip_address("2001:4860:4860::8888")) is None
