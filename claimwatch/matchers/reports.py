"""Reports and rumours the outlet narrates: "beredar kabar bahwa P", "rumours of P spread",
"according to a report by X, P".

Nobody speaks in such a sentence, yet it carries a claim that a later reply answers ("kabar
itu tidak benar", "the ministry denied the report"). :func:`narrated_report` finds the
proposition and, where named, the report's source, so the pipeline can store the claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Report:
    proposition: str
    source: str | None = None  # "Janes", "sebuah akun Facebook" (as written), or unnamed
    told: str | None = None  # the sentence as it names the report, where that is the claim


_ID_NOUN = (
    r"(?:kabar(?:\s+burung)?|informasi|info|isu|rumor|desas-desus|pesan(?:\s+berantai)?|"
    r"unggahan|postingan|narasi|video|berita|klaim|cuitan|foto|laporan|selebaran|flyer|"
    r"ramalan|prediksi|agenda|surat|dokumen|sms|gambar|poster|pamflet|rekaman|artikel)"
)
_ID_SPREAD = (
    r"(?:beredar|tersebar|viral|menyebar|disebarkan|dibagikan|diunggah|"
    r"ramai(?:\s+diperbincangkan)?)"
)
_ID_SAYS = r"(?:bahwa|yang\s+(?:menyebut(?:kan)?|mengklaim|menyatakan|berisi|mengatakan)|" + (
    r"menyebut(?:kan)?|mengklaim|menyatakan|berisi(?:kan)?|sebut|klaim)"
)
_EN_NOUN = (
    r"(?:rumou?rs?|reports?|claims?|speculation|posts?|messages?|stories|story|videos?|"
    r"allegations?|suggestions?)"
)
_EN_SPREAD = r"(?:spread|spreading|circulated|circulating|emerged|surfaced|swirled|went\s+viral)"
_EN_SAYS = r"(?:saying|said|claiming|claimed|suggesting|suggested|stating|stated|alleging|alleged)"
_NAME = r"(?P<source>(?:[A-Z][\w.&'-]*|of|the|di|dan)(?:\s+(?:[A-Z][\w.&'-]*|of|the|di|dan))*)"

# Between the words of a report: no sentence end, but a title's or a degree's period ("Dr. H.
# Budi, S.H. dengan narasi ...") is inside the sentence.
_GAP = r"(?:[^.;]|\.(?=\s*[\w,]))"

_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "id": [
        # "Beredar kabar bahwa P", "Viral unggahan sebut P", "beredar di WhatsApp pesan yang
        # menyebut P"
        re.compile(
            rf"\b{_ID_SPREAD}\b{_GAP}{{0,60}}?\b{_ID_NOUN}\b{_GAP}{{0,80}}?\b{_ID_SAYS}\s+"
            r"(?:bahwa\s+)?(?P<p>.+)",
            re.I,
        ),
        # "Kabar yang beredar di media sosial menyebutkan P", "isu bahwa P beredar"
        re.compile(
            rf"\b{_ID_NOUN}\b{_GAP}{{0,40}}?\b{_ID_SPREAD}\b{_GAP}{{0,60}}?\b{_ID_SAYS}\s+"
            r"(?:bahwa\s+)?(?P<p>.+)",
            re.I,
        ),
        # Headlines: "Beredar Kabar Tarif Parkir Naik"
        re.compile(rf"^\s*{_ID_SPREAD}\s+{_ID_NOUN}\s+(?P<p>.+)", re.I),
        # "Menurut laporan Tempo, P"
        re.compile(rf"\b(?i:menurut\s+{_ID_NOUN})\s*(?:{_NAME})?\s*,\s*(?P<p>.+)"),
    ],
    "en": [
        # "Rumours of a new coup spread", "reports that P emerged"
        # (bounded: an unbounded lazy match rescans the rest of a long clause at every
        # "reports of", quadratic on hostile text)
        re.compile(rf"\b{_EN_NOUN}\s+(?:that|of)\s+(?P<p>[^.;]{{3,200}}?)\s+{_EN_SPREAD}\b", re.I),
        # "Reports had emerged that P", "rumours have circulated since May that P"
        re.compile(
            rf"\b{_EN_NOUN}\s+(?:(?:had|have|has)\s+)?{_EN_SPREAD}\b[^.;]{{0,40}}?\bthat\s+"
            r"(?P<p>.+)",
            re.I,
        ),
        # "A report by X saying that P", "posts circulating online claimed that P"
        re.compile(
            rf"\b(?i:{_EN_NOUN})\b(?:\s+by\s+{_NAME})?[^.;]{{0,60}}?\b(?i:{_EN_SAYS})\s+"
            r"(?:that\s+)?(?P<p>.+)"
        ),
        # "According to a report by X, P", "according to the report, P"
        re.compile(
            rf"\b(?i:according\s+to\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?{_EN_NOUN})"
            rf"(?:\s+(?:by|from|in)\s+{_NAME})?\s*,\s*(?P<p>.+)"
        ),
    ],
}

# A report named inside someone's words: "Budi enggan menanggapi kabar bahwa P", "enggan
# berkomentar soal informasi ... bahwa P", "X dismissed reports that P as rumours".
_EMBEDDED: dict[str, re.Pattern[str]] = {
    "id": re.compile(
        r"\b(?:kabar|isu|informasi|laporan|berita|pemberitaan|rumor|tudingan|tuduhan)\b"
        r"[^.;,\"“”]{0,40}?\bbahwa\s+(?P<p>[^\"“”]+)",
        re.I,
    ),
    "en": re.compile(
        r"\b(?:reports?|rumou?rs?|claims?|allegations?|accusations?|speculation|suggestions?)"
        r"(?:\s+(?:by|from)(?:\s+[\w'-]+){1,4}?)?\s+that\s+(?P<p>[^\"“”]+)",
        re.I,
    ),
}

_MIN_WORDS = 3  # a proposition has a subject and what happened

# A sentence whose subject is a report already told, saying what it says: "Selebaran X
# tersebut juga menyebutkan P", "Berita dan unggahan itu memuat bahwa P", "The
# post also claimed that P". News first narrates that something circulates, then what it says.
# What is passed on rather than authored: a body's "laporan" or "report" is its own word.
_ID_PASSED_ON = (
    r"(?:kabar(?:\s+burung)?|informasi|info|isu|rumor|desas-desus|pesan(?:\s+berantai)?|"
    r"unggahan|postingan|narasi|video|berita|pemberitaan|cuitan|foto|selebaran|flyer|gambar|"
    r"poster|pamflet|rekaman|sms)"
)
_EN_PASSED_ON = r"(?:rumou?rs?|posts?|messages?|videos?|flyers?|leaflets?)"
_TELLING: dict[str, re.Pattern[str]] = {
    "id": re.compile(
        rf"^\W*(?:(?:sebuah|salah\s+satu)\s+)?(?P<noun>{_ID_PASSED_ON})\b"
        r"(?P<between>[^.;,\"“”]{0,60}?)\b(?P<this>itu|tersebut|ini)\s+(?:(?:juga|pun|bahkan)\s+)?"
        r"(?:menyebut(?:kan)?|mencantumkan|mengklaim|menyatakan|berisi(?:kan)?|menuliskan|"
        r"mengabarkan|menginformasikan)\s*[,:]?\s+(?:bahwa\s+)?(?P<p>[^\"“”]+)",
        re.I,
    ),
    "en": re.compile(
        rf"^\W*(?:the|that|this)\s+{_EN_PASSED_ON}\s+(?:(?:also|further)\s+)?"
        r"(?:said|claimed|stated|alleged|suggested)\s*[,:]?\s+(?:that\s+)?(?P<p>[^\"“”]+)",
        re.I,
    ),
}


# The outlet's own article: "Berita ini menyebutkan P" tells what this article says.
_OWN_ARTICLE = frozenset({"berita", "pemberitaan"})
# Whose the report is: "Informasi dari BMKG tersebut", "unggahan milik Dinas X itu": that
# body's own word, not one passed on by no one.
_OWNER = re.compile(r"\b(?:dari|milik)\s+(?P<who>\S.*)$", re.I)


def report_telling(text: str, lang: str) -> Report | None:
    """What a report told before says, in a sentence whose subject is that report ("Pesan
    itu juga menyebutkan P"): the report speaks there, not a person the sentence names
    ("Selebaran PT Sukamaju tersebut ..."). ``told`` keeps the report's own name with P;
    ``source``, whose it is where the sentence says ("Informasi dari BMKG tersebut ...").
    What it "also" says ("Pesan itu juga menyebut P2") is a claim of its own: a reply may
    answer it."""
    pattern = _TELLING.get(lang)
    found = pattern.search(text) if pattern else None
    if found is None:
        return None
    groups = found.groupdict()
    if groups.get("this", "").lower() == "ini" and groups["noun"].lower() in _OWN_ARTICLE:
        return None  # "Berita ini menyebutkan P": the outlet's own article, not a report told
    proposition = found.group("p").strip(" ,.:;")
    if len(proposition.split()) < _MIN_WORDS:
        return None
    owner = _OWNER.search(groups.get("between") or "")
    source = owner.group("who").strip() if owner else None
    return Report(proposition, source=source, told=text.strip(" ,.:;"))


def narrated_report(text: str, lang: str) -> Report | None:
    """The report or rumour a sentence narrates, or None where it narrates none."""
    for pattern in _PATTERNS.get(lang, []):
        found = pattern.search(text)
        if found is None:
            continue
        proposition = found.group("p").strip(" ,.:;\"'“”")
        if len(proposition.split()) < _MIN_WORDS:
            continue
        source = found.groupdict().get("source")
        return Report(proposition, source.strip() if source else None)
    return None


def embedded_report(text: str, lang: str) -> Report | None:
    """A report a speaker's sentence names with what it says ("menanggapi kabar bahwa P"),
    outside quotes: the report's P is a claim of its own, nobody's in this sentence."""
    pattern = _EMBEDDED.get(lang)
    found = pattern.search(text) if pattern else None
    if found is None or _inside_quote(text, found.start()):
        return None
    proposition = found.group("p").strip(" ,.:;")
    if len(proposition.split()) < _MIN_WORDS:
        return None
    return Report(proposition)


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a quotation (an odd number of quote marks before it)."""
    before = text[:pos]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def antecedent(head: Sequence[str], earlier: Sequence[tuple[int, Sequence[str]]]) -> int | None:
    """Which narrated sentence an answer that points back ("membenarkan penangkapan itu",
    "memastikan surat tersebut hoaks", "Kabar itu dibenarkan Kapolres ...") answers, when no
    claim was stored for it: news often states the event itself first (the headline, the
    lead: "Seorang direktur TV ditangkap Polres ...") and only then who confirms or denies it.

    ``head``: the key tokens of what the answer names ("c_arrest" for "penangkapan itu"),
    empty for a bare "kabar itu" or "-nya"; ``earlier``: (position, key) of the article's
    narrated sentences before it, in order. The first
    sentence that holds the named thing is the one the story is about; with nothing named,
    only the article's opening sentence (headline or lead) is what "kabar itu" points at.
    """
    for i, (position, key) in enumerate(earlier):
        if not head and position > _LEAD:
            return None
        if len(key) >= _ANTECEDENT_TOKENS and (not head or set(head) & set(key)):
            return i
    return None


_LEAD = 1  # the headline, or the lead where the text has no headline
_ANTECEDENT_TOKENS = 3  # "Polisi bergerak" is a remark; an event has who, what and where


_RETOLD = re.compile(r"^\W*(?:sebelumnya|sebelum ini|earlier|previously)\b", re.I)


def retells_earlier(text: str) -> bool:
    """Whether a sentence retells what came before the answer ("Sebelumnya, beredar pesan
    bahwa P", "Earlier, a post claimed P"): news often gives the answer first and the
    rumour it answers after it."""
    return _RETOLD.search(text) is not None
