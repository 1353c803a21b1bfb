"""Web pages and feed snippets to article text (trafilatura), and canonical URLs (courlan).

A news page is mostly navigation, ads, related links and comments; trafilatura keeps the
article body (comments and tables left out, precision over recall), so the statements come
from what the outlet wrote, not from its readers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import courlan
import trafilatura

_TAGS = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# Less main text than a sentence with its speaker is a page without an article (a login
# wall, an error page, a gallery), not a very short article.
MIN_PAGE_TEXT = 40


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    published: datetime | None


def has_markup(text: str) -> bool:
    """Tags in a text ("<b>", "</p>"); "a < b" is not one."""
    return bool(_TAGS.search(text[:20000]))


def looks_like_html(text: str) -> bool:
    head = text[:5000].lower()
    return "<html" in head or "<!doctype html" in head or len(_TAGS.findall(head)) >= 5


def extract_article(page: str | bytes, url: str | None = None) -> Extracted | None:
    """The main text of a page, its title and date; None when it holds no article."""
    doc = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
    )
    if doc is None or len((getattr(doc, "text", None) or "").strip()) < MIN_PAGE_TEXT:
        return None
    published = None
    if getattr(doc, "date", None):
        try:
            published = datetime.fromisoformat(doc.date).replace(tzinfo=UTC)
        except ValueError:
            published = None
    return Extracted(doc.text, getattr(doc, "title", None), published)


def html_to_text(fragment: str) -> str:
    """A feed's summary or content (HTML) as plain text, its entities decoded: a summary
    without tags still says ``&quot;`` for the quotes a speaker is read from."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    return trafilatura.html2txt(f"<html><body>{fragment}</body></html>").strip()


def canonical_url(url: str) -> str:
    """The URL without tracking parameters (utm_*, fbclid, ref ...) and fragment, so the
    same story reached from two feeds is one article."""
    try:
        normal = courlan.normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        normal = url
    parts = urlsplit(normal)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
