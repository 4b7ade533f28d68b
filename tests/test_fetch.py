"""The fetcher against a real local HTTP server (127.0.0.1 only; nothing else is ever contacted)."""

from __future__ import annotations

import gzip

import pytest

from feedserver import FeedServer, Request, Response
from newsprism.errors import (
    BlockedAddress,
    FetchError,
    HTTPStatusError,
    RedirectError,
    RobotsDenied,
    TooLarge,
)
from newsprism.ingest.fetch import Fetcher, HostGate, is_public_address, parse_retry_after

LOOPBACK = ["127.0.0.0/8"]


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps):
    f = Fetcher(allow_networks=LOOPBACK, host_interval=0.0, sleep=sleeps.append, max_bytes=100_000,
                timeout=2.0, contact="ops@example.org")
    yield f
    f.close()


def test_address_classes() -> None:
    assert is_public_address("93.184.216.34")
    assert is_public_address("2606:4700::6810:84e5") and is_public_address("64:ff9b::5db8:d822")
    for private in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                    "224.0.0.1", "::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1",
                    "2002:a00:1::", "64:ff9b::a00:1", "::a00:1", "fec0::1", "2002:7f00:1::"):
        assert not is_public_address(private), private


def test_loopback_refused_unless_allowed(server) -> None:
    server.static("/page", "<html>hi</html>")
    with Fetcher(host_interval=0.0) as f, pytest.raises(BlockedAddress):
        f.fetch(server.url("/page"))
    assert server.hits["/page"] == 0


def test_hostname_resolving_to_private_is_refused() -> None:
    with Fetcher(resolver=lambda host, port: ["10.0.0.7"]) as f, pytest.raises(BlockedAddress, match="10.0.0.7"):
        f.fetch("http://intranet.example/")


def test_user_agent_and_page(server, fetcher) -> None:
    server.static("/page", "<html>hello</html>", **{"Content-Type": "text/html; charset=utf-8"})
    res = fetcher.fetch(server.url("/page"))
    assert res.status == 200 and res.content == b"<html>hello</html>" and res.content_type == "text/html"
    ua = server.requests[-1].headers["user-agent"]
    assert ua.startswith("newsprism/") and "ops@example.org" in ua


def test_404_is_not_retried(server, fetcher) -> None:
    with pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(server.url("/missing"))
    assert info.value.status == 404 and server.hits["/missing"] == 1


def test_500_then_success_is_retried_with_backoff(server, fetcher, sleeps) -> None:
    def flaky(req: Request) -> Response:
        return Response(500) if server.hits["/flaky"] == 1 else Response(200, b"ok")

    server.route("/flaky", flaky)
    assert fetcher.fetch(server.url("/flaky")).content == b"ok"
    assert server.hits["/flaky"] == 2 and len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.75


def test_429_retry_after_is_honoured(server, fetcher, sleeps) -> None:
    def limited(req: Request) -> Response:
        return Response(429, headers={"Retry-After": "7"}) if server.hits["/rl"] == 1 else Response(200, b"ok")

    server.route("/rl", limited)
    assert fetcher.fetch(server.url("/rl")).content == b"ok"
    assert sleeps == [7.0]


def test_retry_after_too_long_gives_up(server, sleeps) -> None:
    server.static("/busy", "", status=503, **{"Retry-After": "86400"})
    with (Fetcher(allow_networks=LOOPBACK, host_interval=0.0, sleep=sleeps.append) as f,
          pytest.raises(HTTPStatusError, match="Retry-After")):
        f.fetch(server.url("/busy"))
    assert sleeps == []


def test_persistent_5xx_gives_up_after_retries(server, fetcher, sleeps) -> None:
    server.static("/down", "", status=502)
    with pytest.raises(HTTPStatusError):
        fetcher.fetch(server.url("/down"))
    assert server.hits["/down"] == 4 and len(sleeps) == 3
    assert sleeps[0] < sleeps[2]  # exponential


def test_redirects_loops_and_limits(server, fetcher) -> None:
    server.static("/a", "", status=302, Location="/b")
    server.static("/b", "", status=301, Location="/final")
    server.static("/final", "landed")
    res = fetcher.fetch(server.url("/a"))
    assert res.content == b"landed" and res.final_url.endswith("/final")
    server.static("/loop1", "", status=302, Location="/loop2")
    server.static("/loop2", "", status=302, Location="/loop1")
    with pytest.raises(RedirectError, match="loop"):
        fetcher.fetch(server.url("/loop1"))
    for i in range(7):
        server.static(f"/hop{i}", "", status=307, Location=f"/hop{i + 1}")
    with pytest.raises(RedirectError, match="more than 5"):
        fetcher.fetch(server.url("/hop0"))


def test_redirect_to_private_address_is_refused_before_connecting(server, fetcher) -> None:
    server.static("/meta", "", status=302, Location="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(BlockedAddress, match="169.254.169.254"):
        fetcher.fetch(server.url("/meta"))
    server.static("/local", "", status=302, Location="http://10.0.0.1/admin")
    with pytest.raises(BlockedAddress):
        fetcher.fetch(server.url("/local"))


def test_size_cap_declared_and_streamed(server, fetcher) -> None:
    server.static("/big", b"x" * 200_000)
    with pytest.raises(TooLarge):
        fetcher.fetch(server.url("/big"))
    server.route("/bigchunked", lambda req: Response(200, b"y" * 200_000, chunked=True))
    with pytest.raises(TooLarge):
        fetcher.fetch(server.url("/bigchunked"))


def test_gzip_is_decoded_and_capped_after_decoding(server, fetcher) -> None:
    server.static("/gz", gzip.compress(b"<p>compressed</p>"), **{"Content-Encoding": "gzip"})
    assert fetcher.fetch(server.url("/gz")).content == b"<p>compressed</p>"
    server.static("/bomb", gzip.compress(b"z" * 5_000_000), **{"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge):
        fetcher.fetch(server.url("/bomb"))


def test_slow_host_times_out(server) -> None:
    server.route("/slow", lambda req: Response(200, b"late", delay=1.5))
    with Fetcher(allow_networks=LOOPBACK, host_interval=0.0, timeout=0.3, retries=1,
                 sleep=lambda s: None) as f, pytest.raises(FetchError, match="Timeout"):
        f.fetch(server.url("/slow"))


def test_robots_honoured_and_cached(server, fetcher) -> None:
    server.static("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    server.static("/private/x", "secret")
    server.static("/public", "fine")
    with pytest.raises(RobotsDenied):
        fetcher.fetch(server.url("/private/x"))
    assert fetcher.fetch(server.url("/public")).content == b"fine"
    assert server.hits["/robots.txt"] == 1 and server.hits["/private/x"] == 0


def test_conditional_get_gives_304(server, fetcher) -> None:
    def feed(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"':
            return Response(304)
        return Response(200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Wed, 09 Feb 2022 10:00:00 GMT"})

    server.route("/feed", feed)
    first = fetcher.fetch(server.url("/feed"))
    assert first.etag == '"v1"' and not first.not_modified
    second = fetcher.fetch(server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.content == b""
    assert server.requests[-1].headers["if-modified-since"] == "Wed, 09 Feb 2022 10:00:00 GMT"


def test_host_gate_spaces_requests_per_host() -> None:
    now = [0.0]
    waits: list[float] = []
    gate = HostGate(interval=2.0, concurrency=1, clock=lambda: now[0], sleep=waits.append)
    for _ in range(3):
        with gate.slot("a.example"):
            pass
    with gate.slot("b.example"):
        pass
    assert waits == [2.0, 4.0]


def test_parse_retry_after() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_robots_behind_a_redirect_is_followed(server, fetcher) -> None:
    server.static("/robots.txt", "", status=301, Location="/real-robots.txt")
    server.static("/real-robots.txt", "User-agent: *\nDisallow: /hidden\n")
    server.static("/hidden", "secret")
    with pytest.raises(RobotsDenied):
        fetcher.fetch(server.url("/hidden"))
    assert server.hits["/hidden"] == 0
