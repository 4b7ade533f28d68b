"""The one HTTP client newsprism fetches with: polite, bounded and safe.

Timeouts, a size cap on the decoded body, gzip/brotli, redirects followed by hand (at most 5, loops
caught), retries with exponential backoff and jitter on 429/5xx/connection errors (Retry-After
honoured), a per-host rate limit and concurrency cap, robots.txt honoured and cached, an honest
User-Agent, conditional GET. Private, loopback, link-local and multicast addresses are refused
unless allowed: checked before every request and every redirect hop, and again on the address the
socket actually connects to (so a DNS answer that changes between check and connect is caught).
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import random
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsprism import __version__
from newsprism.errors import (
    BlockedAddress,
    FetchError,
    HTTPStatusError,
    RedirectError,
    RobotsDenied,
    TooLarge,
)
from newsprism.ingest.checks import url_host

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
Resolver = Callable[[str, int], list[str]]


def user_agent(contact: str = "") -> str:
    """An honest User-Agent naming newsprism and, when set, how to reach its operator."""
    extra = f"; +{contact}" if contact else ""
    return f"newsprism/{__version__} (news event intelligence{extra})"


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_COMPAT = ipaddress.ip_network("::/96")


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses; False for private, loopback, link-local...

    IPv6 forms that carry an IPv4 address (mapped, 6to4, NAT64, IPv4-compatible) are judged by
    the IPv4 address inside, and deprecated site-local fec0::/10 counts as private.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:
            return False
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and (ip in _NAT64 or ip in _COMPAT) and int(ip) > 1:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            ip = inner
    return bool(ip.is_global and not ip.is_multicast)


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


class AddressPolicy:
    """Which addresses may be reached: public ones, plus all (allow_private) or listed networks."""

    def __init__(self, allow_private: bool = False, allow_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.networks = [ipaddress.ip_network(n, strict=False) for n in allow_networks]

    def permits(self, address: str) -> bool:
        if self.allow_private or is_public_address(address):
            return True
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        return any(ip in net for net in self.networks)


def check_host(url: str, host: str, port: int, resolver: Resolver, policy: AddressPolicy) -> list[str]:
    """Resolve `host` and refuse it when any address is not permitted by the policy."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve {host}: {exc}") from exc
    if not addresses:
        raise FetchError(url, f"cannot resolve {host}: no addresses")
    blocked = [a for a in addresses if not policy.permits(a)]
    if blocked:
        raise BlockedAddress(url, f"{host} resolves to non-public address {blocked[0]}")
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that pass the policy, by IP, after resolving itself."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver = system_resolver) -> None:
        self.policy = policy
        self.resolver = resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = self.resolver(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        allowed = [a for a in addresses if self.policy.permits(a)]
        if not allowed:
            raise httpcore.ConnectError(f"blocked: {host} resolves only to non-public addresses")
        return super().connect_tcp(allowed[0], port, timeout, local_address, socket_options)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the address guard in the socket layer."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver = system_resolver) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(policy, resolver),
        )


@dataclass
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    content: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


@dataclass
class _HostState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    slots: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(2))
    next_at: float = 0.0


class HostGate:
    """Per-host politeness: at most `concurrency` requests at once, `interval` seconds apart."""

    def __init__(self, interval: float, concurrency: int,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval, self.concurrency = interval, concurrency
        self.clock, self.sleep = clock, sleep
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    def _state(self, host: str) -> _HostState:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _HostState(slots=threading.BoundedSemaphore(self.concurrency))
            return self._hosts[host]

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        state = self._state(host)
        with state.slots:
            with state.lock:
                wait = state.next_at - self.clock()
                state.next_at = max(state.next_at, self.clock()) + self.interval
            if wait > 0:
                self.sleep(wait)
            yield


class Fetcher:
    """Polite, bounded, SSRF-safe HTTP GET. Thread-safe; one per process is enough."""

    def __init__(
        self,
        *,
        contact: str = "",
        allow_private: bool = False,
        allow_networks: Iterable[str] = (),
        max_bytes: int = 10_000_000,
        timeout: float = 20.0,
        max_redirects: int = 5,
        retries: int = 3,
        backoff: float = 0.5,
        backoff_max: float = 30.0,
        max_retry_after: float = 120.0,
        host_interval: float = 1.0,
        host_concurrency: int = 2,
        respect_robots: bool = True,
        robots_ttl: float = 86400.0,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = system_resolver,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = AddressPolicy(allow_private, allow_networks)
        self.max_bytes, self.max_redirects = max_bytes, max_redirects
        self.retries, self.backoff, self.backoff_max = retries, backoff, backoff_max
        self.max_retry_after = max_retry_after
        self.respect_robots, self.robots_ttl = respect_robots, robots_ttl
        self.resolver, self.sleep = resolver, sleep
        self.user_agent = user_agent(contact)
        self.gate = HostGate(host_interval, host_concurrency, sleep=sleep)
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._robots_lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}
        self.client = httpx.Client(
            transport=transport or GuardedTransport(self.policy, resolver),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate, br"},
        )

    @classmethod
    def from_settings(cls, settings: Any, **kw: Any) -> Fetcher:
        return cls(contact=settings.contact, allow_private=settings.allow_private,
                   max_bytes=settings.max_input_bytes, **kw)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ public

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: str | None = None) -> FetchResult:
        """GET `url` following redirects; a 304 answer comes back with `not_modified` set."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        seen: list[str] = []
        current = url
        while True:
            self._check_url(url, current)
            if self.respect_robots and not self.allowed_by_robots(current):
                raise RobotsDenied(url, f"robots.txt of {urlsplit(current).netloc} disallows {current}")
            status, resp_headers, body = self._get_with_retries(url, current, headers)
            if status in REDIRECT_STATUSES:
                current = self._next_hop(url, current, resp_headers, seen)
                continue
            return self._result(url, current, status, resp_headers, body)

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our User-Agent fetch it (cached per host)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            origin_lock = self._robots_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one fetch of robots.txt per origin, however many threads ask
            cached = self._robots.get(origin)
            if cached is None or cached[0] < time.monotonic():
                cached = (time.monotonic() + self.robots_ttl, self._load_robots(origin))
                self._robots[origin] = cached
        return cached[1].can_fetch(self.user_agent, url)

    # ------------------------------------------------------------ internals

    def _result(self, url: str, final: str, status: int, headers: dict[str, str],
                body: bytes) -> FetchResult:
        if status != 304 and not 200 <= status < 300:
            raise HTTPStatusError(url, f"HTTP {status} from {final}", status=status)
        return FetchResult(url=url, final_url=final, status=status, headers=headers, content=body,
                           etag=headers.get("etag"), last_modified=headers.get("last-modified"))

    def _next_hop(self, url: str, current: str, headers: dict[str, str], seen: list[str]) -> str:
        location = headers.get("location")
        if not location:
            raise RedirectError(url, f"redirect from {current} without a Location")
        seen.append(current)
        target = urljoin(current, location)
        if target in seen:
            raise RedirectError(url, f"redirect loop: {' -> '.join([*seen, target])}")
        if len(seen) > self.max_redirects:
            raise RedirectError(url, f"more than {self.max_redirects} redirects")
        return target

    def _check_url(self, item: str, url: str) -> None:
        host = url_host(url)  # None when malformed (`http://[::1`, a bad port), where urllib raises
        parts = urlsplit(url.strip()) if host is not None else None
        if host is None or parts is None or parts.scheme not in ("http", "https"):
            raise FetchError(item, f"not an http(s) URL: {url}")
        if self.policy.allow_private:
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        check_host(item, host, port, self.resolver, self.policy)

    def _get_with_retries(self, item: str, url: str,
                          headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        host = urlsplit(url).netloc
        attempt = 0
        while True:
            try:
                with self.gate.slot(host):
                    status, resp_headers, body = self._get_once(item, url, headers)
            except httpx.TransportError as exc:
                if "blocked:" in str(exc):
                    raise BlockedAddress(item, str(exc)) from exc
                if attempt >= self.retries:
                    raise FetchError(item, f"{type(exc).__name__} fetching {url}: {exc}") from exc
                delay = self._backoff(attempt)
            else:
                if status not in RETRY_STATUSES or attempt >= self.retries:
                    return status, resp_headers, body
                delay = self._retry_delay(item, url, status, resp_headers, attempt)
            log.info("retrying %s in %.1fs (attempt %d)", url, delay, attempt + 1)
            self.sleep(delay)
            attempt += 1

    def _get_once(self, item: str, url: str,
                  headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.client.stream("GET", url, headers=headers) as resp:
            resp_headers = {k.lower(): v for k, v in resp.headers.items()}
            declared = resp_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise TooLarge(item, f"{url} declares {declared} bytes (cap {self.max_bytes})")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise TooLarge(item, f"{url} is larger than the cap of {self.max_bytes} bytes")
                chunks.append(chunk)
            return resp.status_code, resp_headers, b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        base: float = min(self.backoff_max, self.backoff * (2**attempt))
        return float(base * random.uniform(0.5, 1.5))

    def _retry_delay(self, item: str, url: str, status: int, headers: dict[str, str],
                     attempt: int) -> float:
        after = parse_retry_after(headers.get("retry-after"))
        if after is None:
            return self._backoff(attempt)
        if after > self.max_retry_after:
            raise HTTPStatusError(item, f"HTTP {status} from {url}: Retry-After {after:.0f}s is"
                                  f" longer than {self.max_retry_after:.0f}s", status=status)
        return after

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            status, body = self._get_robots(origin)
        except (FetchError, TooLarge, httpx.HTTPError) as exc:
            log.info("robots.txt of %s unreachable (%s): treating as allow-all", origin, exc)
            parser.parse([])
            return parser
        if status >= 500:
            parser.disallow_all = True  # type: ignore[attr-defined]  # RFC 9309: 5xx = disallow all
        elif 200 <= status < 300:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        else:
            parser.parse([])  # 4xx: no robots.txt, everything allowed
        return parser

    def _get_robots(self, origin: str) -> tuple[int, bytes]:
        """robots.txt of an origin, following up to `max_redirects` checked hops (http->https...)."""
        url, seen = origin + "/robots.txt", list[str]()
        while True:
            self._check_url(origin, url)
            with self.gate.slot(urlsplit(url).netloc):
                status, headers, body = self._get_once(origin, url, {})
            if status not in REDIRECT_STATUSES:
                return status, body
            url = self._next_hop(origin, url, headers, seen)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
