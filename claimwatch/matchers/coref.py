"""One speaker under several names: "Direktur Utama PT Tirta Jaya Hendra Wijaya", "Hendra
Wijaya" and "Hendra"; "Manajemen PT Sinar Abadi" and "Sinar Abadi".

For speakers the gazetteer does not know, kept as written. A title or a role ("Direktur
SDM", "Kombes", "juru bicara", "the company's chief executive") says what the speaker is,
not who: the name is what is left, and two wordings are one speaker when the shorter name
is a run of the longer one's words. A head or spokesperson of a body named in the phrase
is that body ("Kepala Dinas Pendidikan Bogor" and "Dinas Pendidikan Bogor"), as the reader
already reads "kata juru bicara Kemlu" as Kemlu.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from claimwatch.matchers.text import fold, words

# Ranks and honorifics that open a person's name: "Polda Sukamaju Kombes Agus" is the
# police force and then a person, not one longer name.
RANKS = frozenset(
    """
    kombes kompol akbp akp ipda iptu aiptu brigjen irjen komjen jenderal jend mayjen letjen
    laksamana marsekal kolonel letkol mayor kapten bharada brigadir bripda briptu dr drs ir
    prof hj kh gen col colonel capt captain lt sgt adm admiral mr mrs ms
    """.split()
)
# Titles, ranks and roles written before (or instead of) a name, Indonesian and English,
# and the level of a regional body ("KPU Kabupaten Deli" is "KPU Deli"); folded.
# Capitalised in news ("Kombes", "Direktur Utama") but part of no one's name.
TITLES = frozenset(
    """
    bapak ibu pak bu dr drs ir prof h hj kh sdr
    kombes kompol akbp akp ipda iptu aiptu brigjen irjen komjen jenderal jend mayjen letjen
    laksamana marsekal kolonel letkol mayor kapten bharada brigadir bripda briptu
    kapolri kapolda kapolres kapolsek kabid kasubdit kadiv karo kasat kadis kasi kabag
    humas kepala ketua wakil sekretaris sekjen dirjen direktur dirut utama manajer manajemen
    pt cv tbk persero menteri wamen presiden wapres gubernur bupati wali walikota camat lurah
    juru bicara jubir plt pj staf khusus anggota komisioner hakim jaksa pengacara kuasa hukum
    terdakwa tersangka saksi pelaksana tugas pihak divisi bagian bidang pusat data sdm hrd
    corporate secretary
    kabupaten kab kota provinsi prov regency province city
    mr mrs ms sir gen general col colonel capt captain lt sgt adm admiral president vice
    minister spokesman spokeswoman spokesperson director chief ceo cfo chairman chairwoman
    head deputy senator sen rep governor mayor official officer manager executive attorney
    lawyer agent coach management press public affairs relations regulator authority agency
    ministry department office company firm police government source sources analyst
    analysts watchdog union operator committee commission council court prosecutor
    prosecutors military army embassy ambassador aide adviser advisor member board
    kementerian dinas badan kantor pemerintah perusahaan polisi sumber pengamat
    kedutaan kedubes besar duta dubes konsulat embassy consulate
    """.split()
)
# A title whose next word is the place it governs, not a name: "Bupati Klaten", "Kapolres
# Garut". The place alone would make every official of a town one speaker.
PLACE_TITLES = frozenset("gubernur bupati walikota camat lurah kapolda kapolres kapolsek".split())
MIN_SINGLE_NAME = 4  # a name of one word ("Hendra", "Peskov") has at least this many letters


@lru_cache(maxsize=4096)
def name_words(phrase: str) -> tuple[str, ...]:
    """The words of ``phrase`` that name someone: capitalised, not a title, not a place a
    title governs; folded. "Kabid Humas Polda Jaya Kombes Agus Setiawan" -> ("polda",
    "jaya", "hadi", "sasongko")."""
    out: list[str] = []
    after_place_title = False
    for word in words(phrase):
        key = fold(word.text)
        if key.endswith("'s"):
            key = key[:-2]
        if after_place_title:
            after_place_title = False
            continue
        if key in PLACE_TITLES:
            after_place_title = True
            continue
        if key in TITLES or not word.text[:1].isupper():
            continue
        out.append(key)
    return tuple(out)


def _run_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


# A force or a government named by its common noun is one speaker through a story: "Police",
# "police chief", "Seoul police official". Other bare roles ("the spokesman", "the ministry")
# could be anyone's and need two words.
INSTITUTIONS = frozenset(
    "police polisi kepolisian military militer army tentara government pemerintah kedutaan "
    "embassy".split()
)
# Short forms of a role, read as written in full: "Kedubes" is "Kedutaan Besar".
_SHORT_FORMS = {
    "kedubes": ("kedutaan", "besar"),
    "dubes": ("duta", "besar"),
    "jubir": ("juru", "bicara"),
}
_DETERMINERS = frozenset("the a an this that its their his her para sang pihak".split())


@lru_cache(maxsize=4096)
def _all_words(phrase: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in words(phrase):
        key = fold(word.text)
        key = key[:-2] if key.endswith("'s") else key
        if key not in _DETERMINERS:
            out.extend(_SHORT_FORMS.get(key, (key,)))
    return tuple(out)


def _same_role(role: str, other: str) -> bool:
    """A bare role ("Police chief", "the regulator") and a wording that holds it."""
    short, long = sorted((_all_words(role), _all_words(other)), key=len)
    if not short or (len(short) == 1 and short[0] not in INSTITUTIONS):
        return False
    return _run_of(short, long)


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two wordings of unknown speakers name the same one (see the module)."""
    if not a or not b:
        return False
    na, nb = name_words(a), name_words(b)
    if not na or not nb:
        return _same_role(a, b) if not na else _same_role(b, a)
    short, long = sorted((na, nb), key=len)
    # An acronym ("BWS") may be short: it names the body that "Water Works Agency (WWA) for
    # Sulawesi III" spells out.
    if (
        len(short) == 1
        and len(short[0]) < MIN_SINGLE_NAME
        and not _ACRONYM.fullmatch((a if na is short else b).strip())
    ):
        return False
    return _run_of(short, long)


_ACRONYM = re.compile(r"[A-Z]{3,}")


def wording_of(phrase: str | None, names: Iterable[tuple[str, ...]]) -> bool:
    """Whether a speaker kept as written ("the Health Ministry") is a shorter wording of one
    of a known actor's names ("Indonesia's Health Ministry"), given as folded words. The
    phrase must hold a name word: a bare role ("the ministry") could be anyone's."""
    if not phrase or not name_words(phrase):
        return False
    mine = _all_words(phrase)
    return any(len(mine) <= len(name) and _run_of(mine, name) for name in names)


# An office named by the adjective of its holder's title is the office of the holder:
# "the presidential office" is "President Lee's office", "kantor kepresidenan" is "Kantor
# Presiden Lee". Folded adjective -> the title it is formed from.
_HOLDER_ADJECTIVES = {
    "presidential": "president",
    "kepresidenan": "presiden",
    "ministerial": "minister",
    "gubernatorial": "governor",
    "mayoral": "mayor",
    "kegubernuran": "gubernur",
}
_OFFICE_LINKS = frozenset("of for dan and di".split())


def holder_office(a: str | None, b: str | None) -> bool:
    """Whether one wording names a body by its holder's title made an adjective and the
    other names the same body by the holder ("the presidential office", "President Lee's
    office"): the adjective read as its title, the shorter wording's words (two at least)
    all within the longer one's. Without such an adjective on one side this says nothing."""
    if not a or not b:
        return False
    wa, wb = _all_words(a), _all_words(b)
    if not any(w in _HOLDER_ADJECTIVES for w in wa + wb):
        return False
    left = {_HOLDER_ADJECTIVES.get(w, w) for w in wa} - _OFFICE_LINKS
    right = {_HOLDER_ADJECTIVES.get(w, w) for w in wb} - _OFFICE_LINKS
    short, long = sorted((left, right), key=len)
    return len(short) >= 2 and short <= long
