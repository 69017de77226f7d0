"""What a talk's link is: its kind, and never a passcode.

A link's kind (meeting, video, slides, paper, homepage, other) comes from its
host, then the words of the link, then the shape of its path. Meeting
passcodes (`pwd=` and the like) are cut out of every link, and out of the raw
page bodies kept for re-extraction, so nothing stored can let a stranger into
a meeting. Pure functions on text: both the scraper and the archive use them.
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


BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
# A link's kind: its host says it best, then the words of the link, then the shape of its path.
HOST_KINDS = [
    ("meeting", re.compile(r"zoom\.us/|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|meet\.jit\.si", re.I)),
    ("video", re.compile(r"youtube\.com/|youtu\.be/|vimeo\.com/|play\.kth\.se", re.I)),
    ("paper", re.compile(r"arxiv\.org/|doi\.org/|openreview\.net/|aclanthology\.org/|proceedings\.|dl\.acm\.org/", re.I)),
]
TEXT_KINDS = [
    ("video", re.compile(r"\b(video|recording|recorded talk|watch|inspelning)\b", re.I)),
    ("slides", re.compile(r"\b(slides|slide deck|presentation|bilder)\b", re.I)),
    ("paper", re.compile(r"\b(paper|preprint|article|artikel)\b", re.I)),
    ("meeting", re.compile(r"\b(zoom|join|teams|meeting link)\b", re.I)),
    ("homepage", re.compile(r"\b(home ?page|website|web page|personal page|hemsida)\b", re.I)),
]
PATH_KINDS = [
    ("video", re.compile(r"/recordings?\b|video|\.(mp4|webm)(\?|$)", re.I)),
    ("slides", re.compile(r"\.(pdf|pptx?|key|odp)(\?|$)|slides|speakerdeck\.com|slideshare\.net", re.I)),
]


def classify(url: str, text: str | None = None, *, default: str = "other") -> str:
    """meeting, video, slides, paper, homepage or other (`default` when nothing tells)."""
    for patterns, subject in ((HOST_KINDS, url), (TEXT_KINDS, text or ""), (PATH_KINDS, url)):
        for kind, pattern in patterns:
            if pattern.search(subject):
                return kind
    return default
