"""Polite, bounded HTTP for the web adapters.

One pooled session; connect/read timeouts; retries with exponential backoff and jitter on
connection errors, timeouts, 429 and 5xx (honouring Retry-After); a per-host request interval;
robots.txt (read once per host and kept for at most a day; `shared_robots_cache()` lets the clients
of one command share what was read); conditional GETs; a cap on decoded body size; and redirects
followed by hand so every hop passes the network policy. Sleep, clocks and jitter are injected so
tests never wait.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError

from adapters.base import FetchContext, utc_now
from adapters.netpolicy import Resolver, UrlRefused, check_url
from schemas import Validators

USER_AGENT = "GreenWire/0.1 (+https://github.com/greenwire)"
ROBOTS_AGENT_TOKEN = "GreenWire"  # the product token robots.txt groups are matched against
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_BACKOFF_BASE = 1.0  # seconds before the first retry (before jitter)
DEFAULT_BACKOFF_CAP = 60.0
DEFAULT_RETRY_AFTER_CAP = 300.0  # a server asking for a longer pause is left for the next run
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_MAX_REDIRECTS = 5
ROBOTS_MAX_AGE = 24 * 60 * 60.0  # seconds; RFC 9309 §2.4: a cached robots.txt is not used for more than 24 hours
CRAWL_DELAY_CAP = 60.0
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TRANSIENT_CLIENT_STATUSES = frozenset({408, 425, 429})
CHUNK_BYTES = 64 * 1024
XHTML_TYPES = frozenset({"application/xhtml+xml", "application/vnd.wap.xhtml+xml"})


class HttpFailure(Exception):
    """A request that gave no usable response; `reason` is a short code, `transient` says retry later."""

    def __init__(self, reason: str, *, transient: bool, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.transient = transient
        self.detail = detail


class _Retryable(Exception):
    def __init__(self, reason: str, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
        self.retry_after = retry_after


@dataclass(frozen=True)
class HttpResponse:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: tuple[str, ...] = ()  # the URLs that redirected, in order

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str | None:
        return parse_content_type(self.header("content-type"))[0]

    @property
    def charset(self) -> str | None:
        return parse_content_type(self.header("content-type"))[1]

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == lowered), None)


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """("text/html", "gbk") from 'text/html; charset="GBK"'; XHTML counts as text/html."""
    if not value:
        return None, None
    media_type, *params = (part.strip() for part in value.split(";"))
    media_type = media_type.lower() or None
    if media_type in XHTML_TYPES:
        media_type = "text/html"
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").lower() or None
    return media_type, charset


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class RobotsRules:
    """What one read of an origin's robots.txt found: its rules, no rules (None: 4xx), or no answer."""

    rules: Protego | None
    # 5xx or no connection: each client's `robots_unreachable_allows` decides, so clients that share a
    # cache but differ in that setting still each get their own answer.
    unreachable: bool = False


class RobotsCache:
    """Each origin's robots.txt as read, kept for `max_age` seconds; one read per origin, even across threads.

    A client makes its own unless it is given one or `shared_robots_cache()` is open.
    """

    def __init__(self, *, max_age: float = ROBOTS_MAX_AGE, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.max_age = max_age
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._entries: dict[str, tuple[RobotsRules, float]] = {}  # origin -> (what was read, when)

    def get(self, origin: str) -> RobotsRules | None:
        """The origin's robots.txt if read less than `max_age` seconds ago, else None (nothing is read)."""
        entry = self._entries.get(origin)
        if entry is None or self._monotonic() - entry[1] >= self.max_age:
            return None
        return entry[0]

    def get_or_read(self, origin: str, read: Callable[[], RobotsRules]) -> RobotsRules:
        """The origin's robots.txt, calling `read` when it was never read or has expired."""
        fresh = self.get(origin)
        if fresh is not None:
            return fresh
        with self._lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one robots.txt request per origin: the other threads wait for its answer
            fresh = self.get(origin)
            if fresh is None:
                fresh = read()
                self._entries[origin] = (fresh, self._monotonic())
        return fresh


_shared_robots: RobotsCache | None = None


@contextmanager
def shared_robots_cache(cache: RobotsCache | None = None) -> Iterator[RobotsCache]:
    """While open, every HttpClient created without its own `robots_cache` uses this one (process-wide).

    A command opens it around all its work, so its clients (say, the one that sniffs a target URL and the
    run's) read each host's robots.txt once; it is closed with the command, so a later command, or a test in
    the same process, reads robots.txt afresh. Expiry is the cache's (`ROBOTS_MAX_AGE` by default).
    """
    global _shared_robots
    previous = _shared_robots
    _shared_robots = cache if cache is not None else RobotsCache()
    try:
        yield _shared_robots
    finally:
        _shared_robots = previous


class HttpClient:
    """Shared by all web adapters of a run (`FetchContext.http`).

    `robots_cache` keeps the robots.txt reads; by default the open `shared_robots_cache()`'s, else its own.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        backoff_cap: float = DEFAULT_BACKOFF_CAP,
        retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
        user_agent: str = USER_AGENT,
        respect_robots: bool = True,
        robots_unreachable_allows: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
        resolver: Resolver = socket.getaddrinfo,
        session: requests.Session | None = None,
        trust_env: bool = False,
        robots_cache: RobotsCache | None = None,
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_attempts = max(1, max_attempts)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.retry_after_cap = retry_after_cap
        self.user_agent = user_agent
        self.respect_robots = respect_robots
        self.robots_unreachable_allows = robots_unreachable_allows
        self.resolver = resolver
        self._sleep = sleep
        self._monotonic = monotonic
        self._clock = clock
        self._rng = rng or random.Random()
        self._session = session or requests.Session()
        # No proxies or .netrc credentials from the environment unless asked: what is sent stays visible.
        self._session.trust_env = trust_env
        self._session.headers["User-Agent"] = user_agent
        pooled = HTTPAdapter(pool_connections=16, pool_maxsize=16, max_retries=0)
        self._session.mount("http://", pooled)
        self._session.mount("https://", pooled)
        # Fetches run in threads: slot reservations are guarded here, robots.txt reads by the cache.
        self._lock = threading.Lock()
        self._robots = robots_cache or _shared_robots or RobotsCache(monotonic=monotonic)
        self._next_slot: dict[str, float] = {}

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def check(self, url: str, *, allow_private: bool) -> None:
        """Raise UrlRefused when the network policy refuses `url` (no request is sent)."""
        check_url(url, allow_private=allow_private, resolver=self.resolver)

    def get(
        self,
        url: str,
        *,
        allow_private: bool = False,
        rate_limit: float = 1.0,
        validators: Validators | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> HttpResponse:
        """GET `url` politely. Returns the final response (status 2xx or 304); raises HttpFailure."""
        headers: dict[str, str] = {"Accept": accept} if accept else {}
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        limit = max_bytes or self.max_bytes
        for attempt in range(1, self.max_attempts + 1):
            try:
                return self._follow(url, headers, allow_private=allow_private, rate_limit=rate_limit, limit=limit)
            except _Retryable as exc:
                if exc.retry_after is not None and exc.retry_after > self.retry_after_cap:
                    raise HttpFailure(
                        exc.reason, transient=True, detail=f"Retry-After {exc.retry_after:.0f}s exceeds the cap"
                    ) from None
                if attempt == self.max_attempts:
                    detail = f"{exc.detail} (gave up after {attempt} attempts)".strip()
                    raise HttpFailure(exc.reason, transient=True, detail=detail) from None
                self._sleep(exc.retry_after if exc.retry_after is not None else self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with equal jitter: half fixed, half random."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def _follow(
        self, url: str, headers: dict[str, str], *, allow_private: bool, rate_limit: float, limit: int
    ) -> HttpResponse:
        current = url
        hops: list[str] = []
        while True:
            self._refuse_unless_allowed(current, allow_private)
            if self.respect_robots and not self._robots_allow(current, allow_private, rate_limit):
                raise HttpFailure("robots", transient=False, detail=f"robots.txt disallows {current}")
            response = self._send(current, headers, rate_limit)
            with response:
                status = response.status_code
                location = response.headers.get("Location")
                if status in REDIRECT_STATUSES and location:
                    if len(hops) >= self.max_redirects:
                        raise HttpFailure(
                            "too_many_redirects", transient=False, detail=f"more than {self.max_redirects}"
                        )
                    hops.append(current)
                    current = urljoin(current, location.strip())
                    continue
                if status == 429 or status >= 500 or status in TRANSIENT_CLIENT_STATUSES:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock())
                    raise _Retryable(f"http_{status}", f"HTTP {status} from {current}", retry_after)
                recorded = dict(response.headers)
                if status == 304:
                    return HttpResponse(url, current, status, recorded, b"", tuple(hops))
                if not 200 <= status < 300:
                    raise HttpFailure(f"http_{status}", transient=False, detail=f"HTTP {status} from {current}")
                content = self._read_body(response, limit, current)
                return HttpResponse(url, current, status, recorded, content, tuple(hops))

    def _refuse_unless_allowed(self, url: str, allow_private: bool) -> None:
        try:
            self.check(url, allow_private=allow_private)
        except UrlRefused as exc:
            raise HttpFailure(exc.reason, transient=False, detail=str(exc)) from None

    def _send(self, url: str, headers: dict[str, str], rate_limit: float) -> requests.Response:
        self._wait_turn(url, rate_limit)
        try:
            return self._session.get(
                url,
                headers=headers,
                allow_redirects=False,
                stream=True,
                timeout=(self.connect_timeout, self.read_timeout),
            )
        except requests.Timeout as exc:
            raise _Retryable("timeout", str(exc)) from None
        except requests.ConnectionError as exc:
            raise _Retryable("connection", str(exc)) from None
        except requests.RequestException as exc:  # invalid URL, bad headers: retrying will not help
            raise HttpFailure("request_error", transient=False, detail=str(exc)) from None

    def _read_body(self, response: requests.Response, limit: int, url: str) -> bytes:
        too_large = HttpFailure("too_large", transient=False, detail=f"{url} is larger than {limit} bytes")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and not response.headers.get("Content-Encoding") and int(declared) > limit:
            raise too_large
        body = bytearray()
        try:
            for chunk in response.iter_content(chunk_size=CHUNK_BYTES):  # decoded bytes (gzip/deflate undone)
                body += chunk
                if len(body) > limit:
                    raise too_large
        except requests.ConnectionError as exc:
            if exc.args and isinstance(exc.args[0], ReadTimeoutError):
                raise _Retryable("timeout", str(exc)) from None
            raise _Retryable("connection", str(exc)) from None
        except requests.exceptions.ChunkedEncodingError as exc:
            raise _Retryable("connection", str(exc)) from None
        except requests.exceptions.ContentDecodingError as exc:
            raise HttpFailure("bad_content_encoding", transient=False, detail=str(exc)) from None
        except requests.Timeout as exc:
            raise _Retryable("timeout", str(exc)) from None
        return bytes(body)

    def _wait_turn(self, url: str, rate_limit: float) -> None:
        """Keep at least 1/rate_limit seconds (or the robots Crawl-delay) between requests to one host."""
        origin = _origin(url)
        interval = 1.0 / rate_limit if rate_limit > 0 else 0.0
        known = self._robots.get(origin)
        rules = known.rules if known is not None else None
        if rules is not None:
            delay = rules.crawl_delay(ROBOTS_AGENT_TOKEN)
            if delay:
                interval = max(interval, min(float(delay), CRAWL_DELAY_CAP))
        with self._lock:  # reserve the next slot, then wait for it outside the lock
            now = self._monotonic()
            slot = max(now, self._next_slot.get(origin, now))
            self._next_slot[origin] = slot + interval
        if slot > now:
            self._sleep(slot - now)

    def _robots_allow(self, url: str, allow_private: bool, rate_limit: float) -> bool:
        origin = _origin(url)
        found = self._robots.get_or_read(origin, lambda: self._load_robots(origin, allow_private, rate_limit))
        if found.unreachable:
            return self.robots_unreachable_allows
        return found.rules is None or found.rules.can_fetch(url, ROBOTS_AGENT_TOKEN)

    def _load_robots(self, origin: str, allow_private: bool, rate_limit: float) -> RobotsRules:
        """Parsed robots.txt; no rules for a 4xx (or a refused hop); unreachable for 5xx or no connection."""
        current = f"{origin}/robots.txt"
        no_rules = RobotsRules(None)
        unreachable = RobotsRules(None, unreachable=True)
        for _hop in range(ROBOTS_MAX_REDIRECTS + 1):
            try:
                self.check(current, allow_private=allow_private)
            except UrlRefused:
                return no_rules
            try:
                response = self._send(current, {}, rate_limit)
            except (_Retryable, HttpFailure):
                return unreachable
            with response:
                status = response.status_code
                location = response.headers.get("Location")
                if status in REDIRECT_STATUSES and location:
                    current = urljoin(current, location.strip())
                    continue
                if 400 <= status < 500:
                    return no_rules
                if status != 200:
                    return unreachable
                try:
                    body = self._read_body(response, ROBOTS_MAX_BYTES, current)
                except (_Retryable, HttpFailure):
                    return unreachable
            return RobotsRules(Protego.parse(body.decode("utf-8", errors="replace")))
        return no_rules


def http_client_for(ctx: FetchContext) -> HttpClient:
    """The run's shared client: `ctx.http`, created with defaults (and stored) when missing."""
    if ctx.http is None:
        with _CLIENT_LOCK:
            if ctx.http is None:
                ctx.http = HttpClient()
    return ctx.http


_CLIENT_LOCK = threading.Lock()
