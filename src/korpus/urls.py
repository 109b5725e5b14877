"""Article URLs folded for lookup, so a URL pasted from a browser finds its article."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A query word "url:…", or a bare http(s) address, is a URL to look up.
_URL_WORD = re.compile(r"(?<!\S)(?:url:(\S+)|(https?://\S+))")


def url_key(url: str) -> str:
    """``url`` without what varies between copies of one link.

    Scheme, "www.", case of the host, a trailing slash, the fragment and
    tracking parameters (utm_…) do not tell two articles apart.
    """
    text = url.strip().strip("<>\"'")
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().removeprefix("www.")
    query = "&".join(
        p for p in parts.query.split("&") if p and not p.lower().startswith(("utm_", "wt_mc"))
    )
    path = parts.path.rstrip("/")
    return host + path + (f"?{query}" if query else "")


def split_urls(query: str) -> tuple[list[str], str]:
    """The URLs a query names, and the query without them."""
    found = [m.group(1) or m.group(2) for m in _URL_WORD.finditer(query)]
    return found, _URL_WORD.sub(" ", query).strip()
