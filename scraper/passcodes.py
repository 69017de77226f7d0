"""Meeting passcodes (`pwd=` and the like) never leave the scraper.

Links lose their passcode parameters, and so do the raw page bodies kept for
re-extraction: nothing stored can let a stranger into a meeting.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SECRET_PARAMS = ("pwd", "passcode", "password", "pw", "tk", "token")
_IN_BODY = re.compile(rb"([?&](?:amp;)?)(?:%s)=[^&\"'\s<>#]*&?(?:amp;)?" % b"|".join(p.encode() for p in SECRET_PARAMS),
                      re.I)


def strip_secrets(url: str) -> str:
    """The URL without passcode parameters in its query, and without a fragment."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SECRET_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def scrub_body(body: bytes) -> bytes:
    """A page body with every passcode parameter cut out of the URLs it contains."""
    return _IN_BODY.sub(lambda m: m.group(1), body)
