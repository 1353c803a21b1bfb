"""HTML in what reaches the engine (a pasted fragment, a feed's summary) as plain text."""

from __future__ import annotations

import html
import re

import trafilatura

_TAGS = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def has_markup(text: str) -> bool:
    """Tags in a text ("<b>", "</p>"); "a < b" is not one."""
    return bool(_TAGS.search(text[:20000]))


def html_to_text(fragment: str) -> str:
    """A feed's summary or content (HTML) as plain text, its entities decoded: a summary
    without tags still says ``&quot;`` for the quotes a speaker is read from."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    return trafilatura.html2txt(f"<html><body>{fragment}</body></html>").strip()
