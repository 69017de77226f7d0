"""Downloading one page politely: a named User-Agent, timeouts, bounded retries.

Retries (with exponential backoff and jitter) cover timeouts, dropped
connections and the answers that mean "try later" (429, 502, 503, 504);
Retry-After is honoured up to a ceiling. Bodies larger than a limit are not
read past it.
"""
from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx

from . import __version__

USER_AGENT = f"seminar-archive/{__version__} (+https://github.com/seminar-archive/seminar-archive)"
RETRY_STATUSES = {429, 502, 503, 504}
HTML_TYPES = ("text/html", "application/xhtml+xml")


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

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() in HTML_TYPES


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    user_agent: str = USER_AGENT


def make_client(settings: FetchSettings, connections: int) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=True,
        max_redirects=5,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _retry_delay(attempt: int, settings: FetchSettings, header: str | None = None) -> float:
    if header and header.strip().isdigit():
        return min(float(header), settings.max_retry_after)
    return settings.backoff * (2 ** attempt) * (0.5 + random.random())


async def _read(response: httpx.Response, limit: int) -> bytes | None:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _once(client: httpx.AsyncClient, url: str, settings: FetchSettings) -> tuple[FetchResult, str | None]:
    """One request: the result and the Retry-After header, if any."""
    async with client.stream("GET", url) as response:
        result = FetchResult(
            url=str(response.url), status=response.status_code, encoding=response.charset_encoding,
            content_type=response.headers.get("Content-Type", ""), etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"), fetched_at=_now(),
        )
        if response.status_code == 200 and result.is_html:
            result.body = await _read(response, settings.max_bytes)
            if result.body is None:
                result.error = f"body larger than {settings.max_bytes} bytes"
        return result, response.headers.get("Retry-After")


async def fetch(client: httpx.AsyncClient, url: str, settings: FetchSettings) -> FetchResult:
    """GET a page, retrying what is worth retrying; never raises for network trouble."""
    for attempt in range(settings.retries + 1):
        last = attempt == settings.retries
        try:
            result, retry_after = await _once(client, url, settings)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            if last:
                return FetchResult(url, error=f"{type(exc).__name__}: {exc or 'no answer'}", fetched_at=_now())
            await asyncio.sleep(_retry_delay(attempt, settings))
            continue
        except httpx.HTTPError as exc:
            return FetchResult(url, error=f"{type(exc).__name__}: {exc}", fetched_at=_now())
        if result.status in RETRY_STATUSES and not last:
            await asyncio.sleep(_retry_delay(attempt, settings, retry_after))
            continue
        if result.status != 200 and result.error is None:
            result.error = f"HTTP {result.status}"
        return result
    raise AssertionError("unreachable")
