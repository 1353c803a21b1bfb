"""Page text through trafilatura, in a child process: what a hostile or broken page gets."""

from __future__ import annotations

import time

import pytest

from claimwatch.engine.articles import InputRefused
from claimwatch.sources.pages import MAX_PAGE_ELEMENTS, extract_article, page_article

ARTICLE = (
    "<!doctype html><html><head><title>Korea Utara bantah kirim pasukan</title></head><body>"
    "<nav><a href='/'>Beranda</a></nav><article><h1>Korea Utara bantah kirim pasukan</h1>"
    "<p>Korea Utara membantah mengirim pasukan ke Rusia, ujar seorang pejabat kementerian"
    " kepada kantor berita negara itu pada Senin.</p></article></body></html>"
)
# 300 kB of unfinished JSON-LD: trafilatura's author pattern backtracks over it (2 min 53 s
# through `claimwatch ingest` before extraction had a time limit).
HOSTILE_JSON_LD = ARTICLE.replace(
    "</head>",
    '<script type="application/ld+json">{' + '"author" ' * 33_000 + "</script></head>",
)


def test_an_article_page_gives_its_text() -> None:
    page = page_article(ARTICLE, "https://example.org/a")
    assert "membantah mengirim pasukan" in page.text
    assert page.title == "Korea Utara bantah kirim pasukan"
    assert extract_article(ARTICLE) == page


def test_a_page_the_parser_fails_on_is_refused_in_one_line() -> None:
    """A root <svg> makes htmldate drop the root; lxml asserts (a traceback, before)."""
    broken = "<svg><title>Peta</title><html><body><p>Korea Utara membantah</p></body></html>"
    with pytest.raises(InputRefused, match=r"^this page cannot be read \(AssertionError"):
        page_article(broken)
    assert extract_article(broken) is None


def test_a_page_with_too_many_elements_is_refused_before_trafilatura() -> None:
    page = "<html><body>" + "<br>" * (MAX_PAGE_ELEMENTS + 1) + "</body></html>"
    with pytest.raises(InputRefused, match="more than 50,000 HTML elements"):
        page_article(page)
    assert page_article(ARTICLE.replace("<p>", "<br>" * 1000 + "<p>")).text


def test_a_page_that_takes_too_long_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(InputRefused, match="took longer than 2 s"):
        page_article(HOSTILE_JSON_LD, timeout=2)
    assert time.monotonic() - started < 60  # the child is stopped, not waited for


@pytest.mark.parametrize(
    "page",
    ["", "<html></html>", "<?xml version='1.0' encoding='iso-8859-1'?><html><p>x</p></html>",
     "<html><body><p>a\x00b</p></body></html>", b"\xff\xfe<\x00p\x00>\x00"],
)  # fmt: skip
def test_pages_without_an_article_are_refused_with_a_reason(page: str | bytes) -> None:
    with pytest.raises(InputRefused, match="no article text found"):
        page_article(page)
