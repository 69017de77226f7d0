"""robots.txt rules per host, read with protego (the parser Scrapy uses)."""
from __future__ import annotations

import asyncio
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego


class RobotsRules:
    """Fetches each host's robots.txt once and answers whether a URL may be crawled."""

    def __init__(self, client: httpx.AsyncClient, user_agent: str):
        self.client = client
        self.agent = user_agent.split("/")[0]
        self.rules: dict[str, asyncio.Future[Protego | None]] = {}

    async def allowed(self, url: str) -> bool:
        rules = await self._for(url)
        return rules is None or rules.can_fetch(url, self.agent)

    async def sitemaps(self, url: str) -> list[str]:
        """The sitemaps the robots.txt of `url`'s host declares (`Sitemap:` lines), as absolute URLs."""
        rules = await self._for(url)
        return [urljoin(self._robots_url(url), entry) for entry in rules.sitemaps] if rules else []

    async def _for(self, url: str) -> Protego | None:
        netloc = urlsplit(url).netloc
        if netloc not in self.rules:  # one request per host, however many workers ask at once
            self.rules[netloc] = asyncio.ensure_future(self._load(self._robots_url(url)))
        return await self.rules[netloc]

    @staticmethod
    def _robots_url(url: str) -> str:
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))

    async def _load(self, robots_url: str) -> Protego | None:
        """The parsed rules; None (allow all) when the site has no usable robots.txt."""
        try:
            response = await self.client.get(robots_url)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        return Protego.parse(response.text)
