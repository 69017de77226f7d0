"""robots.txt rules per host, read with protego (the parser Scrapy uses)."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import httpx
from protego import Protego


class RobotsRules:
    """Fetches each host's robots.txt once and answers whether a URL may be crawled."""

    def __init__(self, client: httpx.AsyncClient, user_agent: str):
        self.client = client
        self.agent = user_agent.split("/")[0]
        self.rules: dict[str, Protego | None] = {}

    async def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc not in self.rules:
            self.rules[parts.netloc] = await self._load(urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", "")))
        rules = self.rules[parts.netloc]
        return rules is None or rules.can_fetch(url, self.agent)

    async def _load(self, robots_url: str) -> Protego | None:
        """The parsed rules; None (allow all) when the site has no usable robots.txt."""
        try:
            response = await self.client.get(robots_url)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        return Protego.parse(response.text)
