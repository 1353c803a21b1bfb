"""Who gives a figure: the versions of one count in a sentence and the source of each.

Reports of a disputed count put two versions side by side, often in one sentence and
often in the outlet's narration rather than in a quote: "the organizers put the figure at
300,000", "polisi menyebut 5.000 orang (panitia mengklaim 50.000)", "menurut data Apindo,
40.000 orang". The reader attributes clauses to speakers through speech verbs; these
patterns are the ones a count is given with, read here for figures only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimwatch.matchers.figures import Figure, sentence_figures

# Where one version of a count ends and the next begins inside a sentence.
_VERSION_BREAK = re.compile(
    r"\s*(?:[;()]|,?\s\b(?:whereas|while|meanwhile|but|sedangkan|sementara|tetapi|namun)\b)\s*",
    re.IGNORECASE,
)
_PART_OF = re.compile(
    r"\b(?:of them|of those|of whom|among them|were among|was among|are among|"
    r"termasuk di antara|di antaranya|diantaranya|dari mereka|"
    r"home to|population|berpenduduk|penduduknya|jumlah penduduk)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"\b(?:according to|menurut|kata|ujar)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:data|versi|catatan|hitungan|estimasi|perkiraan|pendataan|temuan)\s+)?"
    r"(?P<who>[^,.;:()\"\u201c\u201d]+)",
    re.IGNORECASE,
)
_BY_ESTIMATE = re.compile(
    r"\b(?:by|in)\s+(?:the\s+)?(?P<who>[\w' -]+?)(?:'s)?\s+(?:estimates?|counts?|figures|tally)\b",
    re.IGNORECASE,
)
# Verbs a count is given with, after its source.
_COUNT_VERBS = frozenset(
    """
    put puts estimated estimates estimate counted count said says say maintain maintains
    maintained claimed claims claim reported reports recorded told insisted
    confirmed confirms added membenarkan menegaskan menambahkan menuturkan
    mencatat mencatatkan menyebut menyebutkan mengungkap mengungkapkan memperkirakan
    mengklaim menghitung menyatakan mengatakan melaporkan merilis mendata memprediksi
    revised updated corrected raised lowered memperbarui merevisi meralat mengoreksi
    """.split()
)
# A day between a source and its verb: "the agency on Monday raised", "BNPB, Senin (17/11),".
_DAY_BEFORE_VERB = re.compile(
    r",?\s+(?:on|pada|hari)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)(?:\s*\([\d/]+\))?,?\s*$"
)
_TRAILING = re.compile(r"\s+(?:estimates?|counts?|figures?|data|tally|itself)$", re.IGNORECASE)
_PRONOUNS = frozenset(
    "it they he she we i ia dia mereka kami kita saya which who that yang this itu ini".split()
)
# "by contrast", "for its part" between a source and its verb.
_ASIDE_BEFORE_VERB = re.compile(
    r",?\s*\b(?:by contrast|in contrast|for (?:its|their|his|her) part|however|meanwhile|"
    r"in turn|though|sementara itu|di sisi lain)\b,?\s*$",
    re.IGNORECASE,
)
# A name, then a role set off by commas, right before the verb: "Bertrand Bisimwa, president
# of the rebels, said", "Yohanes, Direktur SDM PT Sinar, menyebut".
_APPOSITIVE = re.compile(
    r"^(?:[A-Za-z]+,\s+)?(?P<name>(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*),\s+(?P<role>[^,]{3,80}),?\s*$"
)
_BETWEEN_NAME_AND_VERB = frozenset(
    """
    yang which who part their for has have had was were is are will would also again then
    later earlier previously juga telah sudah pun kembali sempat pernah tidak not
    """.split()
)
_CONNECTORS = frozenset("of for and the dan dari di & de".split())
_WORD = re.compile(r"[(\u2985]?[\w][\w.'&-]*[)\u2986]?[,]?")


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a count in a sentence: its words, figures and source if named."""

    text: str
    figures: tuple[Figure, ...]
    source: str | None
    corrected: bool = False  # a version the sentence corrects ("bukan 12"), said before


def figure_versions(sentence: str, lang: str) -> list[Version]:
    """The parts of a sentence that give figures, each with who gives them when the part
    names it ("police put the number at 45,000" -> police)."""
    if not _MAY_COUNT.search(sentence):
        return []  # no digit and no number word: nothing to count (most sentences)
    kinds_from = sentence_figures(sentence, lang)
    if not kinds_from:
        return []
    if _PART_OF.search(sentence) or sample_of(sentence):
        return []  # "nineteen of them died", "a city home to 100,000": not a version of a count
    parts = [p for p in _VERSION_BREAK.split(_keep_short_asides(sentence)) if p and p.strip()]
    parts = [p.replace(_OPEN, "(").replace(_CLOSE, ")") for p in parts]
    if len(parts) == 1 and not _CORRECTION.search(sentence):
        return [Version(sentence, tuple(kinds_from), count_source(sentence))]
    out: list[Version] = []
    said_before = ""
    for part in parts:
        figures = _part_figures(part, sentence, lang, kinds_from)
        said_before, before = said_before + " " + part, said_before
        if not figures:
            continue
        source = count_source(part)
        if source is None and before and _opens_with_verb(part):
            source = count_source(before)  # "Budi confirmed the flood but said 40 houses"
        corrected = _corrected(part, figures, lang)
        if corrected is not None:
            out.append(corrected)
            old = {f.value for f in corrected.figures}
            figures = [f for f in figures if f.value not in old]
        out.append(Version(part.strip(), tuple(figures), source))
    return out


# "sembilan orang, bukan 15 orang", "one missile, not two", "tidak sama dengan informasi yang
# beredar, yakni 12 orang": the sentence sets its figure against an earlier version.
_CORRECTION = re.compile(
    r",?\s+(?:bukan|not|instead of|rather than|"
    r"tidak sama dengan\b[^,.;]*?(?:,\s*)?(?:yakni|yaitu|sebanyak))\s+(?=\S)",
    re.IGNORECASE,
)


def _corrected(part: str, figures: list[Figure], lang: str) -> Version | None:
    """The earlier version a part corrects ("bukan 12 orang"), counting what the part's
    own figure counts; None when the part corrects no figure."""
    found = _CORRECTION.search(part)
    if found is None:
        return None
    main = sentence_figures(part[: found.start()], lang)
    said = _numbers(part[found.end() :], lang)
    if not main or not said:
        return None
    lead = main[0]
    old = tuple(replace(lead, value=v, bound="", upper=None) for v in said)
    return Version(part[found.start() :].strip(" ,"), old, None, corrected=True)


def _numbers(text: str, lang: str) -> list[float]:
    """The values of the numbers at the start of ``text`` ("12 orang", "two", "19")."""
    head = " ".join(text.split()[:3])
    values = [f.value for f in sentence_figures(f"{head} orang", lang)]
    return values[:1]


_MAY_COUNT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|half|satu|dua|"
    r"tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu|sejuta|"
    r"setengah|belas|puluh|ratus|ribu|juta|puluhan|ratusan|ribuan|jutaan|dozens|scores|"
    r"hundreds|thousands|millions)\b",
    re.IGNORECASE,
)
_OPEN, _CLOSE = "\u2985", "\u2986"  # stand-ins for the brackets of a short aside


def _keep_short_asides(sentence: str) -> str:
    """An acronym or a short aside in brackets ("(Apindo)", "(red)") is part of its phrase;
    a longer one ("(police put the number at 45,000)") is a version of its own."""
    return re.sub(
        r"\(([^()]*)\)",
        lambda m: _OPEN + m.group(1) + _CLOSE if len(m.group(1).split()) <= 3 else m.group(),
        sentence,
    )


def _part_figures(part: str, sentence: str, lang: str, whole: list[Figure]) -> list[Figure]:
    """A part's figures, bare numbers counting what the whole sentence counts."""
    own = sentence_figures(part, lang)
    bare = [f for f in whole if not f.unit]
    if bare:
        # A bare number in this part takes its kind from the sentence.
        values = {f.value for f in own}
        for figure in bare:
            if figure.value not in values and _mentions(part, figure.value, lang):
                own.append(figure)
    return own


def _mentions(part: str, value: float, lang: str) -> bool:
    """Whether the bare number ``value`` is written in ``part``."""
    whole = sentence_figures(f"{part} orang", lang) if lang == "id" else []
    for figure in whole:
        if figure.value == value:
            return True
    digits = re.sub(r"[^\d]", "", part)
    plain = str(int(value)) if float(value).is_integer() else ""
    return bool(plain) and plain in digits


def count_source(text: str) -> str | None:
    """Who a part of a sentence says gives its count: "according to the organizers",
    "a news agency put the crowd at ...", "menurut data Kemnaker"."""
    found = _ACCORDING.search(text) or _BY_ESTIMATE.search(text)
    if found:
        who = _clean(found.group("who"))
        if who:
            return who
        if found.group("who").strip().lower() in _PRONOUNS:
            return None  # "Menurut dia, manifes mencatat ...": the reader's speaker gives it
    quoted = _AFTER_QUOTE.search(text)
    if quoted:  # '"...," said a statement from the ministry', '..., said Budi': after the verb
        return _clean(re.split(r"\b(?:from|of|dari)\s+", quoted.group("who"))[-1])
    tokens = list(_WORD.finditer(text))
    quoted_spans = [m.span() for m in _QUOTED.finditer(text)]
    for i, token in enumerate(tokens):
        word = token.group().strip("(),.;:\u2985\u2986").lower()
        if any(a < token.start() < b for a, b in quoted_spans):
            continue  # '"The company has reported 1,800," X told': the quote is X's word
        if word in _COUNT_VERBS and i > 0 and not _noun_here(tokens, i):
            return _subject(text, tokens[:i])
    return None


_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]+[\"\u201d]")


_AFTER_QUOTE = re.compile(
    r"(?:[,.?!][\"\u201d]|,)\s*(?:said|says|added|kata|ujar|tutur|jelas)\s+"
    r"(?P<who>(?:(?:the|a|an)\s+)?[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,7})\s*(?:[,.;:]|$)",
)


def _noun_here(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether a count verb is used as a noun ("its count of ...", "raised its estimate
    of ...", "the claims of"): then it names no source."""
    nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
    before = tokens[i - 1].group().lower().rstrip(",") if i else ""
    return nxt == "of" or before in _DETERMINERS


_DETERMINERS = frozenset("its their his her our the a an this that".split())


def _opens_with_verb(part: str) -> bool:
    """Whether a part goes on with its sentence's subject ("... but said just 16")."""
    first = part.split(maxsplit=1)
    return bool(first) and first[0].strip(",").lower() in _COUNT_VERBS


def _subject(text: str, before: list[re.Match[str]]) -> str | None:
    """The source named right before a count verb: a capitalised name ("Agence
    France-Presse", "Asosiasi Pedagang Sukamaju (APS), yang"), or one noun
    ("the organizers", "polisi")."""
    text_before = " ".join(m.group() for m in before)
    text_before = _ASIDE_BEFORE_VERB.sub("", text_before)
    text_before = _DAY_BEFORE_VERB.sub("", text_before)
    appositive = _APPOSITIVE.match(text_before)
    if appositive:  # "Budi Santoso, kepala dinas, mengatakan"; "Kepala Dinas, Budi, ..."
        role = appositive.group("role").strip(" ,")
        if all(w[:1].isupper() for w in role.split()) and len(role.split()) <= 5:
            return _clean(f"{appositive.group('name')} {role}")
        return _clean(appositive.group("name"))
    before = list(_WORD.finditer(text_before))
    words = [m.group().rstrip(",") for m in before]
    # "for their part," and "yang"/"which" before the verb point back to the name; "has",
    # "juga" stand between a name and its verb.
    while words and words[-1].lower() in _BETWEEN_NAME_AND_VERB:
        words.pop()
    if not words:
        return None
    last = words[-1].strip("()")
    if last.lower() in _PRONOUNS:
        return None
    if not last[:1].isupper() and not words[-1].startswith("("):
        return last if last.isalpha() and len(last) > 2 else None
    run: list[str] = []
    for k, word in enumerate(reversed(words)):
        if k and word.endswith(".") and len(word.strip(".")) > 3:
            break  # "... to the port. Police, for their part, said": the sentence before
        bare = word.strip("()")
        if bare[:1].isupper() or word.startswith("(") or (run and bare.lower() in _CONNECTORS):
            run.append(word)
            continue
        break
    while run and run[-1].strip("()").lower() in _CONNECTORS:
        run.pop()
    return _clean(" ".join(reversed(run[:8]))) if run else None


# Where a source's name ends: "kata Tatang kepada wartawan", "said Kim at a briefing".
_AFTER_NAME = re.compile(
    r"\s+(?:kepada|pada|di|dalam|saat|ketika|lewat|melalui|via|to|at|in|on|during|when)\b.*$",
    re.IGNORECASE,
)


def _clean(who: str) -> str | None:
    who = _AFTER_NAME.sub("", who)
    who = _TRAILING.sub("", who.strip(" ,\"'\u201c\u201d"))
    who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)
    if not who or who.lower() in _PRONOUNS or len(who.split()) > 8:
        return None
    return who


# A sentence that retells what was said before ("Sebelumnya, ...", "Earlier, ...", "a union
# official said earlier this week"): the earlier version of a count, never a new one.
_RETELLING = re.compile(
    r"^\W*(?:sebelumnya|earlier|previously)\b|"
    r"\b(?:said earlier(?= this| on| in| that|[,.]|$)|earlier this (?:week|month)|"
    r"had (?:said|claimed)|previously said|"
    r"sebelumnya (?:menyebut|mengatakan|mengklaim)|sempat (?:menyebut|mengklaim))\b",
    re.IGNORECASE,
)


def retold(sentence: str) -> bool:
    """Whether a sentence says it retells something said before."""
    return bool(_RETELLING.search(sentence))


_SOURCE_CUE = re.compile(
    r"\b(?:according to|menurut|estimates?|bukan|not|instead|tidak sama|kata|ujar|"
    + "|".join(sorted(_COUNT_VERBS))
    + r")\b",
    re.IGNORECASE,
)


def may_name_source(sentence: str) -> bool:
    """Whether a sentence has the words a source of a count or a correction is given with
    (a cheap test before reading its versions)."""
    return bool(_SOURCE_CUE.search(sentence))


# A source revising its own figure: "corrected its count", "raised its estimate of ... to",
# "revising its initial assessment", "memperbarui jumlah korban", "meralat data".
_REVISION = re.compile(
    r"\b(?:correct(?:s|ed|ing)?|revis(?:e|es|ed|ing)|updat(?:e|es|ed|ing)|"
    r"(?:raised|lowered|raises|lowers|cut|upped) (?:its|their|his|her) (?:estimate|count|tally|"
    r"figure|toll)|meralat|merevisi|memperbarui|mengoreksi|mengkoreksi|ralat)\b|"
    # "the toll now stands at 40", "has now risen to 40", "kini mencapai 40": the count as
    # it stands after an earlier one; "frozen funds now RM48mil": a sum so. A bare "now 12"
    # is no revision ("There are now 12 candidates").
    r"\b(?:now\s+(?:stands?|stood)\s+at|now\s+totals?|now\s+totalled|"
    r"(?:has|have|had)\s+now\s+(?:risen|climbed|grown|increased|jumped|fallen|dropped|"
    r"reached)(?:\s+to)?|kini\s+mencapai|kini\s+menjadi|kini\s+bertambah\s+menjadi)\s+"
    r"(?:about\s+|around\s+|nearly\s+|sekitar\s+|hampir\s+)?(?:rm|rp\.?|us\$|\$|€|£)?\s?\d|"
    r"\b(?:now|kini)\s+(?:rm|rp\.?|us\$|\$|€|£)\s?\d",
    re.IGNORECASE,
)


def revises(sentence: str) -> bool:
    """Whether a sentence says its source revises a figure of its own."""
    return bool(_REVISION.search(sentence))


_SAMPLE = re.compile(
    r"\b(?:a sample of|sample of|sampel|contoh data|baris contoh)\b", re.IGNORECASE
)


def sample_of(text: str) -> bool:
    """Whether a text gives a sample of a count ("leaked a sample of 2,500 rows"): a
    part shown, not a version of the count."""
    return bool(_SAMPLE.search(text))
