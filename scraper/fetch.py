"""Downloading one page politely: a named User-Agent, timeouts, bounded retries.

Retries (with exponential backoff and jitter) cover timeouts, dropped
connections and the answers that mean "try later" (429, 502, 503, 504);
Retry-After is honoured up to a ceiling. Conditional requests (ETag,
Last-Modified) make an unchanged page cost a 304 and no body. Redirects are
checked hop by hop. Only pages and feeds are read, and never past a size limit.
"""
from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import NamedTuple
from urllib.parse import urljoin

import httpx

from . import __version__

USER_AGENT = f"seminar-archive/{__version__} (+https://github.com/seminar-archive/seminar-archive)"
RETRY_STATUSES = {429, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}
SMALL_BODY = 64 * 1024  # error pages and redirects: read (and dropped) up to this size
# What the extractors read: web pages, calendars and news feeds.
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/calendar", "application/ics",
                  "application/rss+xml", "application/x-rss+xml", "application/atom+xml",
                  "application/xml", "text/xml")


@dataclass
class FetchResult:
    """One answered (or failed) request."""

    url: str
    status: int = 0
    body: bytes | None = None
    encoding: str | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    fetched_at: str = ""
    found_by: str = "link"  # why the crawl asked: seed, link, pattern or sitemap (set by the crawler)
    requested: str = ""  # the address asked for; `url` is where redirects ended

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def readable(self) -> bool:
        """A page or feed the extractors read (not an image, a PDF, ...)."""
        return self.content_type.split(";")[0].strip().lower() in READABLE_TYPES


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    retries: int = 3  # after a timeout or a dropped connection
    busy_retries: int = 8  # after 429/502/503/504: the server says "come back"
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    delay: float = 0.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT


class Validators(NamedTuple):
    """What a server said about a page last time, for a conditional request."""

    etag: str | None
    last_modified: str | None


def make_client(settings: FetchSettings, connections: int) -> httpx.AsyncClient:
    """A pooled client; redirects are followed by `fetch` itself, one checked hop at a time."""
    return httpx.AsyncClient(
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _retry_delay(attempt: int, settings: FetchSettings, header: str | None = None) -> float:
    if header and header.strip().isdigit():
        return min(float(header), settings.max_retry_after)
    return settings.backoff * (2 ** attempt) * (0.5 + random.random())


async def _read(response: httpx.Response, limit: int) -> bytes | None:
    """The (decoded) body, or None as soon as it grows past `limit` bytes."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _conditional_headers(validators: Validators | None) -> dict[str, str]:
    if validators is None:
        return {}
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


async def _once(client: httpx.AsyncClient, url: str, settings: FetchSettings,
                validators: Validators | None) -> tuple[FetchResult, httpx.Headers]:
    """One request, no redirect followed: the result and the response headers."""
    async with client.stream("GET", url, headers=_conditional_headers(validators)) as response:
        result = FetchResult(
            url=url, status=response.status_code, encoding=response.charset_encoding,
            content_type=response.headers.get("Content-Type", ""), etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"), fetched_at=_now(),
        )
        if response.status_code == 200 and result.readable:
            result.body = await _read(response, settings.max_bytes)
            if result.body is None:
                result.error = f"body larger than {settings.max_bytes} bytes"
        elif response.status_code != 200:
            await _read(response, SMALL_BODY)  # a read answer keeps its connection for the next request
        return result, response.headers


async def _with_retries(client: httpx.AsyncClient, url: str, settings: FetchSettings,
                        validators: Validators | None) -> tuple[FetchResult, httpx.Headers | None]:
    """One URL, retrying timeouts and dropped connections (`retries`) and "try later"
    answers (`busy_retries`), with exponential backoff and jitter or the server's Retry-After."""
    failures = busy = 0
    while True:
        try:
            result, headers = await _once(client, url, settings, validators)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            if failures == settings.retries:
                return FetchResult(url, error=f"{type(exc).__name__}: {exc or 'no answer'}", fetched_at=_now()), None
            failures += 1
            await asyncio.sleep(_retry_delay(failures, settings))
            continue
        except httpx.HTTPError as exc:
            return FetchResult(url, error=f"{type(exc).__name__}: {exc}", fetched_at=_now()), None
        if result.status in RETRY_STATUSES and busy < settings.busy_retries:
            busy += 1
            await asyncio.sleep(_retry_delay(busy, settings, headers.get("Retry-After")))
            continue
        return result, headers


async def fetch(client: httpx.AsyncClient, url: str, settings: FetchSettings, *,
                validators: Validators | None = None,
                may_follow: Callable[[str], bool] = lambda url: True) -> FetchResult:
    """GET a page politely; never raises for network trouble.

    Sends the stored validators (a 304 means "unchanged"). Redirects are
    followed one hop at a time, each hop checked with `may_follow` (scope),
    at most `settings.max_redirects` hops and never in a loop.
    """
    chain = [url]
    while True:
        result, headers = await _with_retries(client, chain[-1], settings, validators)
        location = headers.get("Location") if headers is not None and result.status in REDIRECTS else None
        if location is None:
            break
        target = urljoin(chain[-1], location)
        problem = ("redirect loop" if target in chain else
                   f"more than {settings.max_redirects} redirects" if len(chain) > settings.max_redirects else
                   f"redirected out of scope to {target}" if not may_follow(target) else None)
        if problem:
            return FetchResult(url, status=result.status, error=problem, fetched_at=result.fetched_at, requested=url)
        chain.append(target)
        validators = None
    if result.status not in (200, 304) and result.error is None:
        result.error = f"HTTP {result.status}"
    result.requested = url
    return result
