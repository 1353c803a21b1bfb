"""A sentence that narrates its speaker turning from its own earlier stand.

News tells a reversal in the confirming sentence itself: "X admitted ..., days after denying
it", "X confirmed ..., reversing its earlier denial", "X akhirnya mengakui ...", "X
membenarkan ... setelah sebelumnya membantah". The earlier denial may have gone unread or
been made under another name ("the company" then, "its chief executive" now); the words of
the sentence say that this speaker denied before, so its confirmation is a turn.

Pure: regular expressions over the case-folded sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.text import fold, words

_DENIED = r"(?:denying|denied|had denied|publicly denied|flatly denied|repeatedly denied)"
_OWN = r"(?:its|his|her|their) (?:earlier |previous |initial |first )?"
_EN = re.compile(
    "|".join(
        (
            # "after initially denying", "after denying any plan"
            r"\bafter (?:initially |earlier |first |previously |repeatedly )?denying\b",
            # "after its initial denial", "after an earlier denial"
            r"\bafter (?:its|his|her|their|an|the) (?:initial|earlier|previous|first) denials?\b",
            # "days after it denied any leak", "a week after denying"
            r"\b(?:days?|weeks?|hours?|months?|a day|a week|a month) after "
            r"(?:(?:it|he|she|they) )?" + _DENIED + r"\b",
            # "reversing its earlier denial", "in a reversal of its earlier position"
            r"\brevers(?:ing|ed|al of) " + _OWN + r"(?:denial|denials|position|stance)\b",
            # "X, which had initially denied it, admitted ..."
            r"\b(?:which|who) (?:had )?(?:initially |earlier |first |previously )?denied\b",
            # "..., when the firm publicly denied reports of a sale"
            r"\bwhen (?:it|the (?:club|company|ministry|government|police)|police) "
            r"(?:publicly )?denied\b",
            # "X, who had called the report a hoax, admitted ...": a denial told as a label
            r"\b(?:which|who) (?:\w+ ){0,3}?(?:had )?(?:called|dismissed|labell?ed|branded|"
            r"described|denounced) (?:\w+ ){0,5}?(?:as )?(?:a |an )?(?:hoax|fake|false|"
            r"fabricated|fabrication|baseless|untrue|lies|lie|nonsense)\b",
            # "backtracking on its earlier denial"
            r"\bbacktrack(?:ing|ed) (?:on|from) " + _OWN + r"denials?\b",
        )
    )
)
_ID = re.compile(
    "|".join(
        (
            # "akhirnya mengakui", "akhirnya membenarkan": at last, after holding out
            r"\bakhirnya (?:mengakui|membenarkan|mengonfirmasi|mengkonfirmasi)\b",
            # "setelah sebelumnya membantah", "setelah sempat menepis"
            r"\bsetelah (?:sebelumnya |sempat |sebelumnya sempat )"
            r"(?:membantah|menyangkal|menepis|menampik|menyanggah)",
            # "X, yang sebelumnya membantah, kini mengakui ..."
            r"\byang (?:sebelumnya|sempat|awalnya|semula) (?:membantah|menyangkal|menepis)\b",
            # "X, yang sebelumnya menyebut kabar itu hoaks, kini mengakui ..."
            r"\byang (?:sebelumnya|sempat|awalnya|semula) (?:menyebut|menilai|menganggap) "
            r"(?:\w+ ){0,5}?(?:hoaks|hoax|bohong|tidak benar|fitnah)\b",
            # "berbalik mengakui": turning round to admit
            r"\bberbalik (?:mengakui|membenarkan)\b",
        )
    )
)


def turns_from_denial(text: str, lang: str) -> bool:
    """Whether the sentence says its speaker denied before what it now confirms."""
    pattern = _ID if lang == "id" else _EN
    return pattern.search(fold(text)) is not None


# Words that name a kind of body or a rank, not which one: "Manajer", "Kepala", "Polda".
# Two wordings sharing only these may name two different bodies ("KPU Sumut", "KPU Medan").
_KIND_WORDS = frozenset(
    """
    manajer manajemen kepala ketua wakil direktur dirut direksi juru bicara jubir menteri
    kementerian presiden sekretaris kabid humas kapolda kapolres kapolri pelatih pengurus
    pengelola pimpinan komisaris kombes brigjen irjen jenderal kolonel letnan polda polres
    polsek kodam korem kodim pemkot pemkab pemprov dinas dinkes bpbd dprd kpu bawaslu kejari
    kejati pengadilan negeri kota kabupaten provinsi pusat daerah nasional umum badan komisi
    lembaga perusahaan klub partai pihak kantor bidang divisi operasional corporate affairs
    ceo chief executive officer director manager spokesperson spokesman spokeswoman minister
    ministry president vice head deputy chairman chairwoman board member police national
    general company club party office department agency commission council authority
    communications public relations senior official officials source sources lawyer
    """.split()
)
_LINKS = frozenset("of the for and dan untuk di at".split())


@lru_cache(maxsize=4096)
def _proper_words(phrase: str) -> frozenset[str]:
    # Cached: an article of many answerers asks it of every pair of their wordings.
    toks = words(phrase)
    out: set[str] = set()
    for tok in toks:
        text = tok.text
        folded = fold(text).removesuffix("'s")
        if len(folded) >= 4 and text[:1].isupper() and folded not in _KIND_WORDS:
            out.add(folded)
    return frozenset(out)


def same_body(a: str | None, b: str | None) -> bool:
    """Whether two speaker wordings name one body or person by a proper name they share,
    beside different ranks or roles: "Manajemen Persebaya Surabaya" and "Manajer Persebaya
    Rudi Santosa", "Hadi" and "Kombes Agus Setiawan". Places are no such name ("LBH
    Jakarta", "Dinkes DKI Jakarta"): words the gazetteer knows as actors are left out."""
    if not a or not b or not (_name_like(a) and _name_like(b)):
        return False
    shared = set(_proper_words(a) & _proper_words(b))
    last_a, last_b = _last_word(a), _last_word(b)
    if last_a == last_b and len(words(a)) > 1 and len(words(b)) > 1:
        # "LBH Jakarta", "Dinkes DKI Jakarta": a place qualifying two bodies.
        shared.discard(last_a)
    if not shared:
        return False
    gaz = gazetteer()
    for phrase in (a, b):
        toks = words(phrase)
        for m in gaz.mentions(toks):
            shared -= {fold(t.text).removesuffix("'s") for t in toks[m.start : m.end]}
    return bool(shared)


@lru_cache(maxsize=4096)
def _last_word(phrase: str) -> str:
    toks = words(phrase)
    return fold(toks[-1].text).removesuffix("'s") if toks else ""


@lru_cache(maxsize=4096)
def _name_like(phrase: str) -> bool:
    """A wording made of names and ranks only ("manajer Persebaya Rudi Santosa"), not a
    clause the reader took for a speaker ("Keluarga korban KMP X menuntut santunan")."""
    for tok in words(phrase):
        folded = fold(tok.text)
        if not (tok.text[:1].isupper() or folded in _KIND_WORDS or folded in _LINKS):
            return False
    return True


# "X had earlier said P", "X initially claimed P", "X sebelumnya menyebut P": the sentence
# tells a stand the speaker took before this article's day.
_SAID = (
    r"(?:said|claimed|stated|announced|reported|insisted|told|maintained|asserted|written|wrote)"
)
_EARLIER_EN = re.compile(
    r"\bhad (?:earlier |initially |first |previously |originally )?" + _SAID + r"\b"
    r"|\b(?:earlier|initially|first|previously|originally) " + _SAID + r"\b"
    r"|\bat first\b"
)
_EARLIER_ID = re.compile(
    r"\b(?:sebelumnya|sempat|awalnya|semula|mula-mula)(?: juga)? "
    r"(?:mengatakan|menyebut|menyebutkan|menyatakan|mengklaim|mengumumkan|melaporkan|"
    r"menegaskan|memastikan|mengakui|menuding|menuduh)\b"
)


def narrates_earlier_stand(text: str, lang: str) -> bool:
    """Whether the sentence tells what its speaker said before ("had earlier said", "at
    first", "sebelumnya menyebut"): a stand a later sentence of the same article may turn
    from, unlike a claim the article has the speaker make now."""
    pattern = _EARLIER_ID if lang == "id" else _EARLIER_EN
    return pattern.search(fold(text)) is not None or opens_on_earlier_stand(text, lang)


# "its claim that P", "his remark that P", "pernyataannya bahwa P", "when he said P".
_TAKES_BACK = re.compile(
    r"\b(?:claims?|remarks?|comments?|statements?|assertions?|report|reports|allegations?|"
    r"pernyataan(?:nya)?|klaim(?:nya)?|ucapan(?:nya)?|keterangan(?:nya)?|tudingan(?:nya)?|"
    r"tuduhan(?:nya)?) (?:that|bahwa)\b"
    r"|\bwhen (?:he|she|it|they|i|we) (?:said|claimed|stated|wrote|reported|announced)\b"
    r"|\bwhat (?:he|she|it|they|i|we) (?:had )?(?:said|claimed|stated|wrote) (?:about|that)\b"
    # "apologised for describing him as a spy": what it takes back follows.
    r"|\bapolog\w* (?:\w+ ){0,6}?for (?:describing|calling|labell?ing|branding)\b"
)


def names_what_it_takes_back(text: str) -> bool:
    """Whether a retraction spells out the word it takes back ("withdrew its claim that P",
    "mencabut pernyataannya bahwa P"), not only points at it ("I was wrong")."""
    return _TAKES_BACK.search(fold(text)) is not None


# A speaker saying its own earlier word was wrong, with words between the parts: "what I
# said about P turned out not to be correct", "apologised for releasing wrong figures",
# "mengubah keterangan awalnya". The sentence retracts, whatever stance its verb reads as.
_WRONG = (
    r"(?:not (?:to be |been |be )?(?:correct|true|accurate|right)|wrong|incorrect|untrue|"
    r"inaccurate|mistaken|false|an error)"
)
_OWN_WRONG_EN = re.compile(
    # First person only: "what he said was wrong" is as often a critic's word on another.
    r"\bwhat (?:i|we) (?:had )?(?:said|told|stated|claimed|wrote|reported)\b"
    r"[^.;?!]{0,160}?\b(?:was|were|is|had been|has been|turned out|proved|proved to be|"
    r"turned out to be) (?:to be )?" + _WRONG + r"\b"
    r"|\bapologi[sz](?:e|es|ed|ing)\b[^.;?!]{0,100}?\bfor (?:\w+ ){0,3}?"
    r"(?:wrong|incorrect|inaccurate|erroneous|false|mistaken) "
    r"(?:facts|figures|data|information|numbers|reports?|statements?|death toll|toll|count)\b"
)
_OWN_WRONG_ID = re.compile(
    r"\b(?:mengubah|merubah|meralat|mengoreksi|merevisi|memperbaiki) "
    r"(?:keterangan|pernyataan|informasi|data|penjelasan)(?:nya)? "
    r"(?:awal|sebelumnya|semula|pertama)(?:nya)?\b"
)


def says_own_word_wrong(text: str, lang: str) -> bool:
    """Whether the sentence has its speaker call its own earlier word wrong ("what I said
    about the levee turned out not to be correct", "apologised for putting out wrong
    figures", "merubah keterangan awalnya"): a retraction, though no retraction verb stands
    next to the speaker."""
    pattern = _OWN_WRONG_ID if lang == "id" else _OWN_WRONG_EN
    return pattern.search(fold(text)) is not None


# A denial measured against the speaker's own earlier account: "there was no fire, as
# stated in our initial report", "contrary to our first statement", "tidak seperti
# keterangan awal kami".
_OWN_EARLIER_EN = re.compile(
    r"\b(?:in|from|by|than|to|with) (?:our|my) (?:own )?"
    r"(?:initial|earlier|first|previous|original) "
    r"(?:report|reports|statement|statements|account|version|announcement|explanation|release)\b"
)
_OWN_EARLIER_ID = re.compile(
    r"\b(?:keterangan|pernyataan|informasi|laporan|penjelasan|rilis) "
    r"(?:awal|pertama|sebelumnya|semula) (?:kami|saya)\b"
)


def denies_own_earlier(text: str, lang: str) -> bool:
    """Whether a denial says what it denies was the speaker's own earlier account ("no
    fire started as set out in our first report"): a turn, where the account
    was told under the body's name and is now denied by its chief."""
    pattern = _OWN_EARLIER_ID if lang == "id" else _OWN_EARLIER_EN
    return pattern.search(fold(text)) is not None


_FIGURES_WRONG = re.compile(
    r"\b(?:wrong|incorrect|inaccurate|erroneous|mistaken|false) "
    r"(?:facts and figures|figures|numbers|data|counts?|death toll|toll|casualty figures)\b"
    r"|\b(?:angka|data|jumlah)(?: korban)? (?:yang )?(?:keliru|salah)\b"
)


def calls_figures_wrong(text: str) -> bool:
    """Whether a retraction says what it takes back were figures ("apologised for the wrong
    figures", "data yang keliru"): any earlier figure claim of its speaker is what it speaks
    of, though the sentence shares no other word with it."""
    return _FIGURES_WRONG.search(fold(text)) is not None


_FILLER = frozenset("the a an of its his her their".split())


def wording_within(a: str | None, b: str | None) -> bool:
    """Whether every word of one speaker wording stands in the other ("the ferry's
    operator", "the operator of the Lintas ferry"): under a sentence that itself says its
    speaker denied before, enough to find which earlier speaker that was."""
    if not a or not b:
        return False
    wa, wb = ({fold(t.text).removesuffix("'s") for t in words(p)} - _FILLER for p in (a, b))
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def opens_with_name_of(text: str, phrase: str | None) -> bool:
    """Whether a sentence opens with a proper name of ``phrase`` ("Halvorsen recalls 4,000
    vans, admits brakes can fail" and "Halvorsen Motors"): a headline's subject, where the
    reader found no speaker for the verb it shares."""
    toks = words(text)
    if not toks or not phrase:
        return False
    first = toks[0].text
    folded = fold(first).removesuffix("'s")
    return first[:1].isupper() and folded in _proper_words(phrase)


# A sentence opening on "at first" tells a stand its speaker later left, with the speaker
# and "tried to" between the opener and the verb: "Mulanya X mencoba mengelak dengan
# menyebut P", "Awalnya, pihak sekolah membantah P", "At first the company insisted P".
_OPENS_EARLIER_ID = re.compile(
    r"^(?:mulanya|awalnya|semula|pada awalnya|mula-mula)\b(?P<between>[^.;?!]{0,90}?)\b"
    r"(?P<verb>mengatakan|menyebut|menyebutkan|menyatakan|mengklaim|mengaku|membantah|"
    r"menyangkal|menampik|bersikukuh|berdalih|berkilah|bersikeras|mengelak)\b(?P<rest>[^.;?!]*)"
)
_OPENS_EARLIER_EN = re.compile(
    r"^(?:at first|initially|originally|in the beginning)\b(?P<between>[^.;?!]{0,90}?)\b"
    r"(?P<verb>said|says|claimed|insisted|denied|maintained|stated|told)\b(?P<rest>[^.;?!]*)"
)
# Verbs that hold a stand out by themselves; a plain verb of saying after "at first" often
# only orders events ("Awalnya, saksi mengatakan mobil itu melaju kencang"): it tells a
# stand when the speaker tried to hold it ("mencoba mengelak dengan menyebut", "had said")
# or it said no ("Awalnya, pihak sekolah mengatakan tidak ada siswa luka").
_HOLDING_VERBS = frozenset(
    "membantah menyangkal menampik bersikukuh berdalih berkilah bersikeras mengelak "
    "insisted denied maintained".split()
)
_HOLDING_BEFORE = frozenset(
    "berusaha mencoba mengelak berkelit bersikeras bersikukuh membantah tried sought had "
    "insisted".split()
)
_NO_WORDS = frozenset("tidak tak bukan belum tiada no not never nothing none".split())


def opens_on_earlier_stand(text: str, lang: str) -> bool:
    """Whether the sentence opens on "at first" and tells a stand its speaker held then
    ("Mulanya X mencoba mengelak dengan menyebut P"): a stand a later sentence of the
    article has the same speaker leave. A plain verb of saying counts only with an effort
    or holding-out word before it or a "no" in what it says."""
    pattern = _OPENS_EARLIER_ID if lang == "id" else _OPENS_EARLIER_EN
    found = pattern.search(fold(text).lstrip(" \"'“"))
    if found is None:
        return False
    if found["verb"] in _HOLDING_VERBS:
        return True
    before = set(re.findall(r"[\w'-]+", found["between"]))
    rest = set(re.findall(r"[\w'-]+", found["rest"]))
    return bool(before & _HOLDING_BEFORE or rest & _NO_WORDS or "n't" in found["rest"])


# A later admission told as coming after holding out: "akhirnya mengakui", "belakangan
# mengakui", "later admitted", "eventually conceded". Only a stand the same article told
# before it ("at first X said P") makes it a turn.
# An admission verb proper, not "mengaku" (claims to be), nor "kemudian/lalu/kini" (what
# happened next) nor "confirmed" (news of an event): "Pelaku kemudian mengaku membeli ...",
# "Police later confirmed the arrest" tell no turn.
_LATER_ADMITS_ID = re.compile(r"\b(?:akhirnya|belakangan)(?: \w+)? (?:mengakui|meralat|mencabut)\b")
_LATER_ADMITS_EN = re.compile(
    r"\b(?:later|eventually|finally|ultimately|subsequently)(?: \w+)? "
    r"(?:admitted|admits|acknowledged|acknowledges|conceded|concedes)\b"
)


def admits_later(text: str, lang: str) -> bool:
    """Whether the sentence tells an admission made after holding out ("akhirnya
    mengakui", "later admitted"), or itself says its speaker denied before."""
    pattern = _LATER_ADMITS_ID if lang == "id" else _LATER_ADMITS_EN
    return pattern.search(fold(text)) is not None or turns_from_denial(text, lang)


# Sentence openers a speaker phrase may carry when the reader took the opening in with it.
_OPENERS = frozenset("mulanya awalnya semula sebelumnya initially originally".split())
# Words a place follows ("Polres Bogor", "Dinkes Kota Bogor", "Kapolres Bogor"): the place
# names which one of a kind of body, not who speaks.
_PLACE_AFTER = frozenset(
    """
    kota kabupaten kab provinsi prov polres polresta polrestabes polda polsek kapolres
    kapolresta kapolda kapolsek kodam korem kodim pemkot pemkab pemprov dinas dinkes bpbd dprd
    dprd kpu kpud bawaslu kejari kejati pengadilan wali walikota bupati gubernur
    """.split()
)


def _named_words(phrase: str) -> set[str]:
    """The proper words of a speaker wording, leaving out a place after a body's kind."""
    out: set[str] = set()
    after_place = False
    for tok in words(phrase):
        folded = fold(tok.text).removesuffix("'s")
        capital = tok.text[:1].isupper()
        if folded in _PLACE_AFTER:
            after_place = True
            continue
        if after_place and capital:
            continue  # "Kota Tangerang Selatan": the whole run is the place
        after_place = False
        if len(folded) >= 4 and capital and folded not in _KIND_WORDS | _OPENERS:
            out.add(folded)
    return out


def shares_a_name(a: str | None, b: str | None) -> bool:
    """Whether two speaker wordings share a proper name of a person or body that is not a
    place ("terdakwa Dedi Kurniawan" and "Mulanya Kurniawan mencoba mengelak dengan"):
    within one article, the same speaker told twice, the looser wording left as read."""
    if not a or not b:
        return False
    shared = _named_words(a) & _named_words(b)
    if not shared:
        return False
    gaz = gazetteer()
    for phrase in (a, b):
        toks = words(phrase)
        for m in gaz.mentions(toks):
            shared -= {fold(t.text).removesuffix("'s") for t in toks[m.start : m.end]}
    return bool(shared)


# A retraction naming the word it takes back as its own: "mencabut unggahannya",
# "meralat pernyataan kami", "withdrew his post", "retracted its report".
_OWN_WORD_ID = re.compile(
    r"\b(?:mencabut|meralat|menarik|mengoreksi|menghapus)(?: kembali)? "
    r"(?:\w+ )?(?:pernyataan|unggahan|postingan|cuitan|ucapan|keterangan|klaim|laporan|"
    r"berita|informasi|rilis)(?:nya| kami| saya)\b"
)
_OWN_WORD_EN = re.compile(
    r"\b(?:withdrew|withdrawn|retracted|took back|deleted|corrected|walked back) "
    r"(?:his|her|its|their|our|my) (?:\w+ )?(?:post|posts|claim|claims|statement|statements|"
    r"remark|remarks|comment|comments|report|tweet|story|article|video)\b"
)


def takes_back_own_word(text: str, lang: str) -> bool:
    """Whether a retraction calls what it takes back its own ("mencabut unggahannya yang
    menyebut P", "withdrew his post claiming P"): where the claim it matched was stored with
    no author (the rumour the post started), the retracting speaker is that author."""
    pattern = _OWN_WORD_ID if lang == "id" else _OWN_WORD_EN
    return pattern.search(fold(text)) is not None


# A denial told as made before: "had denied", "earlier denied", "Sebelumnya, X membantah".
_DENIED_BEFORE_EN = re.compile(
    r"\bhad (?:\w+ ){0,2}?(?:denied|dismissed|rejected)\b"
    r"|\b(?:earlier|previously|initially|first|repeatedly) (?:denied|dismissed|rejected)\b"
)
_DENIED_BEFORE_ID = re.compile(
    r"\b(?:sebelumnya|sempat|awalnya|semula|mulanya)\b[^.;?!]{0,80}?"
    r"\b(?:membantah|menyangkal|menepis|menampik|menyanggah)\b"
)


def tells_denial_before(text: str, lang: str) -> bool:
    """Whether a denial is told as made before the article's news ("Last week the firm had
    denied it", "Sebelumnya, X membantah ..."): beside the same speaker's admission in the
    same article, the two are one turn."""
    pattern = _DENIED_BEFORE_ID if lang == "id" else _DENIED_BEFORE_EN
    return pattern.search(fold(text)) is not None
