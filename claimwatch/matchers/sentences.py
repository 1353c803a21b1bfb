"""Sentence splitting for Indonesian and English news.

Splits after . ! ? when the next thing starts a sentence, but not after abbreviations
(Mr., Dr., Jl., dll., U.S.), inside numbers ("1.500", "1,5 juta", "3.5") or inside a quote
that goes on ("Itu tidak benar. Kami tidak mengirim pasukan," kata dia.) so that a quote
and its speaker stay together. Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt no nos vs etc inc ltd co corp gen col lt sgt capt cmdr adm
    gov sen rep rev hon pres jan feb mar apr jun jul aug sep sept oct nov dec approx est
    dept u.s u.k u.n e.g i.e a.m p.m jl jln bpk ir drs dra hj h kh tn ny sdr yth dll dsb dkk
    tsb sbb no. kec kab prov ra
    """.split()
)
# A quote that stays open longer than this is treated as a stray quote mark.
_MAX_QUOTE_CHARS = 700
_BOUNDARY = re.compile(r"[.!?]+['\")\]]*\s+")
_STARTER = re.compile(r"['\"(\[]*[\w\d]")


def _last_token(text: str) -> str:
    match = re.search(r"([\w.]+)\.?$", text)
    return match.group(1).lower().rstrip(".") if match else ""


def _quote_open(text: str) -> bool:
    return text.count('"') % 2 == 1


def split_paragraph(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        rest = paragraph[end:]
        if not rest or not _STARTER.match(rest):
            continue
        token = _last_token(paragraph[start : match.start() + 1])
        is_abbrev = token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())
        # "Jl. Sudirman", "Dr. Tedros": an abbreviation, unless a quote closed behind it.
        if (
            is_abbrev
            and match.group().startswith(".")
            and not rest[0].isdigit()
            and not re.match(r"\.['\")\]]", match.group())
        ):
            continue
        if rest[0].islower():
            continue
        candidate = paragraph[start:end]
        if _quote_open(candidate) and len(candidate) < _MAX_QUOTE_CHARS:
            continue
        sentences.append(candidate.strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """Split normalised text into sentences, paragraph by paragraph."""
    out: list[str] = []
    for raw in re.split(r"\n+", text):
        if raw.strip():
            out.extend(split_paragraph(raw.strip()))
    return out
