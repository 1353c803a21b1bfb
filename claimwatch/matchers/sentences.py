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
    brig maj insp supt det cpl pvt
    gov sen rep rev hon pres jan feb mar apr jun jul aug sep sept oct nov dec approx est
    dept u.s u.k u.n e.g i.e a.m p.m jl jln bpk ir drs dra hj h kh tn ny sdr yth dll dsb dkk
    tsb sbb no. kec kab prov ra plt plh pj pjs pt cv tbk moh muh
    """.split()
)
# A quote that stays open longer than this is treated as a stray quote mark.
_MAX_QUOTE_CHARS = 700
# A "sentence" longer than this is cut at a space before it. Every clause of a sentence is
# stored and keyed with the whole sentence, so one endless sentence of thousands of clauses
# cost time and space by its length squared (60 KB: 86 s, 132 MB of database). The longest
# sentence in the development and shared case texts has 894 characters.
MAX_SENTENCE_CHARS = 2000
# A boundary starts at the first of its . ! ? marks (the look-behind): a match tried inside
# a run of them fails where the run's first one failed, and trying each rescans the run.
# The look-behind comes after the first mark so the regex engine still skips fast to one.
_BOUNDARY = re.compile(r"[.!?](?<![.!?]{2})[.!?]*['\")\]]*\s+")
_STARTER = re.compile(r"['\"(\[]*[\w\d]")
_TOKEN = re.compile(r"[\w.]*")
_CLOSED_QUOTE = re.compile(r"\.['\")\]]")


def _last_token(paragraph: str, lo: int, hi: int) -> str:
    """The word (with its dots) that ends at ``hi``, lowercased, without trailing dots.

    It cannot reach back past ``lo``, the end of the previous boundary (whitespace), so
    reading the text between two boundaries backwards keeps the whole split linear.
    """
    run = _TOKEN.match(paragraph[lo:hi][::-1])
    token = run.group()[::-1] if run else ""
    return token.lower().rstrip(".")


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph, in time linear in its length.

    Each boundary is judged by what is next to it: the word before it (from the previous
    boundary on), the character after it, and a running count of the quote marks since
    the sentence began; nothing is rescanned from the start of the sentence.
    """
    sentences: list[str] = []
    start = 0
    previous_end = 0  # end of the previous boundary, taken or not
    quotes = 0  # quote marks in paragraph[start:counted]
    counted = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        lo, previous_end = previous_end, end
        if end == len(paragraph) or not _STARTER.match(paragraph, end):
            continue
        if paragraph[end].islower():  # the cheapest test first; none has side effects
            continue
        token = _last_token(paragraph, lo, match.start() + 1)
        is_abbrev = token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())
        # "Jl. Sudirman", "Dr. Tedros": an abbreviation, unless a quote closed behind it.
        if (
            is_abbrev
            and match.group().startswith(".")
            and not paragraph[end].isdigit()
            and not _CLOSED_QUOTE.match(match.group())
        ):
            continue
        quotes += paragraph.count('"', counted, end)
        counted = end
        if quotes % 2 == 1 and end - start < _MAX_QUOTE_CHARS:
            continue
        sentences.append(paragraph[start:end].strip())
        start = end
        quotes = 0
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """Split normalised text into sentences, paragraph by paragraph."""
    out: list[str] = []
    for raw in re.split(r"\n+", text):
        if raw.strip():
            for sentence in split_paragraph(raw.strip()):
                out.extend(_bounded(sentence))
    return out


def _bounded(sentence: str) -> list[str]:
    """The sentence, or pieces of at most MAX_SENTENCE_CHARS cut at spaces."""
    pieces = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS + 1)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        pieces.append(sentence)
    return pieces
