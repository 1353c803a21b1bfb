"""The parts of a news text that nobody says: datelines, bylines, outlet tags, "Baca juga".

A wire or web article opens its body with a dateline ("JAKARTA, KOMPAS.com -",
"SEOUL, March 4 (Yonhap) --", "Liputan6.com, Jakarta -", "KUALA LUMPUR:") and may carry
bylines ("Penulis: ... | Editor: ...", "(Reporting by ...; Editing by ...)") and links to
other stories ("Baca juga: ..."). Left in, a dateline runs into the first sentence's
subject ("JAKARTA KOMPAS com BPOM membantah ...") and a city or an outlet becomes its
speaker. :func:`strip_boilerplate` takes them out line by line, before sentences are read;
the patterns are those of the genre (place, outlet, date, a dash or colon), not of one text.
"""

from __future__ import annotations

import re

# One piece of a dateline, between commas or a "|".
_CAPS = r"[A-Z0-9][A-Z0-9.'&-]*[A-Z](?:\s+[A-Z][A-Z.'-]+){0,2}"  # JAKARTA, DELI SERDANG
_TITLE = r"[A-Z][\w'&-]*\.?(?:\s+[A-Z][\w'&-]*\.?){0,2}"  # Jakarta, E Java, CNN Indonesia
_DOMAIN = r"[\w-]+(?:\.[A-Za-z]{2,4}){1,2}"  # KOMPAS.com, jpnn.com, REPUBLIKA.CO.ID
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember)"
)
_DATE = rf"(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|(?:{_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
_PIECE = rf"(?:{_DATE}|{_DOMAIN}|{_CAPS}|{_TITLE})(?:\s*\[[^\]\n]{{1,30}}\])?"
# "(AP)", "(Yonhap)"; longer with a date in it: "(Harbor Daily News / Wire - 12th May, 2021)".
_PAREN = r"\([^()\n]{1,40}\)|\([^()\n]{1,60}\b\d{4}\)"
_PIECES = rf"(?P<pieces>{_PIECE}(?:\s*[,|]\s*{_PIECE}){{0,3}})"
# "JAKARTA, KOMPAS.com -", "SEOUL, May 9 (Yonhap) --", "KABUL (Pajhwok):", "WASHINGTON (AP)".
_DATELINE = re.compile(
    rf"^{_PIECES}\s*(?:(?P<paren>{_PAREN})\s*)?"
    rf"(?:(?P<dash>(?:(?<=\s)|(?<=[A-Z]{{2}}))-{{1,2}}|-{{1,2}}(?=\s))\s*|(?P<colon>:)\s+|$)"
)
# "MANILA, Philippines (AP) The ...": the outlet in brackets ends the dateline.
_PAREN_DATELINE = re.compile(rf"^{_PIECES}\s*(?P<paren>{_PAREN})\s+")
# "(Reuters) - ...", "(ANTARA) - ...", "(Seoul) The military ...": an outlet or place alone.
_LEADING_PAREN = re.compile(r"^\((?P<inner>[^()\n]{1,30})\)\s*(?:-{1,2}\s*)?(?=[A-Z\"'])")
_LONG_CAPS = re.compile(r"\b[A-Z]{6,}\b|\b[A-Z]{2,}\s+[A-Z]{2,}\b")
_TRANSCRIPT = re.compile(r"(?:MR|MRS|MS|DR)\.?\s")  # "MS. SMITH: ...": a speaker's label
_SENTENCE_END = re.compile(r"[.!?][\"')]*$")
MIN_BODY_WORDS = 6  # what follows a dateline is a sentence, not the rest of a headline
MAX_DATELINE_CHARS = 70

# Lines that are about the article, not in it.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        (?:baca|simak|lihat|cek)\s+(?:juga|pula|selengkapnya)\b
      | (?:read|see)\s+(?:also|more)\b | also\s+read\b | related\s*:
      | (?:penulis|editor|pewarta|reporter|wartawan|kontributor|redaktur|penyunting
           |fotografer|sumber\s+foto|foto|ilustrasi)\s*:
      | \(?(?:reporting|writing|editing|additional\s+reporting)\s+by\b
      | advertisement$ | scroll\s+to\s+continue | artikel\s+ini\s+telah\s+tayang
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BY_LINE = re.compile(r"^(?:by|oleh)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}$")
_WORD = re.compile(r"[^\W_]+")


def strip_boilerplate(text: str) -> str:
    """``text`` (normalised) without boilerplate lines and with each line's dateline cut."""
    out: list[str] = []
    for line in text.split("\n"):
        if _BOILERPLATE_LINE.match(line) or _BY_LINE.match(line):
            continue
        rest = strip_dateline(line)
        if rest.strip():
            out.append(rest)
        elif not line.strip():
            out.append(line)
    return "\n".join(out)


def strip_dateline(line: str) -> str:
    """The line without its leading dateline, if it has one ("" when the line is only one)."""
    paren = _LEADING_PAREN.match(line)
    if paren and len(_WORD.findall(paren.group("inner"))) <= 3:
        return line[paren.end() :]
    m = _DATELINE.match(line)
    if m is not None and m.end() <= MAX_DATELINE_CHARS:
        rest = line[m.end() :]
        if not rest.strip():
            # A line that is only a place and an outlet: "WASHINGTON (AP)".
            return "" if m.group("paren") and _is_strong(m) else line
        return rest if _dateline_then_body(m, rest) else line
    m = _PAREN_DATELINE.match(line)
    # "MANILA, Philippines (AP) The ...", not "Komisi Pemberantasan Korupsi (KPK) ...".
    if m is not None and m.end() <= MAX_DATELINE_CHARS and re.match(_CAPS, m.group("pieces")):
        rest = line[m.end() :]
        return rest if _starts_body(rest) else line
    return line


def _starts_body(rest: str) -> bool:
    """What follows a dateline opens a sentence, not the rest of a headline."""
    return len(_WORD.findall(rest)) >= MIN_BODY_WORDS and (rest[:1].isupper() or rest[:1] == '"')


def _dateline_then_body(m: re.Match[str], rest: str) -> bool:
    if not _starts_body(rest):
        return False
    pieces = m.group("pieces")
    if m.group("colon"):
        # "BPBD: 12 Warga ..." is a headline quoting a body, "KUALA LUMPUR: The ..." a
        # dateline: a long place name or an outlet, and a body that ends like a sentence.
        if _TRANSCRIPT.match(pieces) or not (m.group("paren") or _LONG_CAPS.search(pieces)):
            return False
        return bool(_SENTENCE_END.search(rest))
    # "Prabowo - Jokowi bertemu di Istana": a title-case head, not a place.
    return _is_strong(m) or bool(_SENTENCE_END.search(rest))


def _is_strong(m: re.Match[str]) -> bool:
    """A dateline has a place in capitals, a web address, a date or an outlet in brackets."""
    pieces = m.group("pieces")
    return bool(
        m.group("paren")
        or re.search(rf"^{_CAPS}|,\s*{_CAPS}\b", pieces)
        or re.search(_DOMAIN, pieces)
        or re.search(_DATE, pieces)
    )
