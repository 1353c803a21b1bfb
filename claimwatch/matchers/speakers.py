"""Recognising one speaker under two wordings when no actor resolves it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from claimwatch.matchers.text import fold, words

# "pengelola akun itu", "Kepala BPBD tersebut": a demonstrative after the role says nothing.
_DETERMINERS = frozenset(
    "the a an this that para sang seorang sebuah itu tersebut versi kubu".split()
)
MIN_ROLE_WORDS = 2  # "minister" alone could be any minister


@lru_cache(maxsize=4096)  # a long article compares the same few wordings thousands of times
def role_words(phrase: str) -> tuple[str, ...]:
    """The phrase without determiners and possessors: "Indonesia's trade minister" ->
    ("trade", "minister")."""
    out = [fold(w.text) for w in words(phrase)]
    return tuple(w for w in out if w not in _DETERMINERS and not w.endswith("'s"))


def same_speaker_phrase(a: str | None, b: str | None) -> bool:
    """Whether one wording ends the other: "the Health Ministry" and "Indonesia's Health
    Ministry", "Kepala BPBD" and "Kepala BPBD" again."""
    if not a or not b:
        return False
    ra, rb = role_words(a), role_words(b)
    shorter, longer = sorted((ra, rb), key=len)
    return len(shorter) >= MIN_ROLE_WORDS and longer[-len(shorter) :] == shorter


# Words of time that stand beside a speaker without being part of it: "Indonesia on Tuesday
# (Apr 15)", "Sukamaju pada Kamis (4/6)", "On Friday the club director".
_TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    tomorrow morning afternoon evening night week weekend month year earlier later
    senin selasa rabu kamis jumat sabtu minggu hari ini kemarin malam pagi siang sore pekan
    bulan tahun lalu sebelumnya kemudian separately
    jan january feb february mar march apr april jun june jul july aug august sep sept
    september oct october nov november dec december januari februari maret mei juni juli
    agustus oktober desember
    """.split()
)
# Before a time or opening the sentence: "on", "pada", "this week", "lebih lanjut".
_TIME_LINKS = frozenset("on pada at in this last next sejak since".split())
_OPENERS = frozenset(
    """
    meanwhile however but and while whereas though also then sebelumnya namun tetapi tapi dan
    sementara itu lebih lanjut selain kemudian lalu adapun bahkan sehingga hingga mulanya
    awalnya semula
    """.split()
)
# "Pyongyang tidak membantah": the negation belongs to the verb.
_NEGATIONS = frozenset(
    """
    tidak tak belum bukan not never dapat bisa mau ingin harus perlu akan can could would
    will may might must should
    """.split()
)  # with the modals: "Darmawan belum dapat menjelaskan" is Darmawan's
# A relative clause or a circumstance after the speaker: "the watcher whose video ...",
# "Kapolres saat dikonfirmasi", "Iqbal lewat pesan singkat".
_AFTER_SPEAKER = frozenset(
    """
    who whose which that yang saat ketika sewaktu lewat melalui via usai seusai setelah
    kepada when while after sambil seraya sembari
    """.split()
)


def _is_time(word: str) -> bool:
    return word in _TIME_WORDS or word.isdigit()


_DATE_NUMBER = re.compile(r"[\d/.\-]+")  # "16", "2024", "3/3", "19.30"


def is_time_phrase(folded: Sequence[str]) -> bool:
    """Whether a phrase only says when ("on Tuesday", "March 7", "2024", "Senin (3/3)")."""
    return bool(folded) and all(
        _is_time(w) or w in _TIME_LINKS or _DATE_NUMBER.fullmatch(w) for w in folded
    )


def trim_speaker_span(folded: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The speaker's words within ``folded[start:end]``, without the time, the connective
    and the relative clause around them ("Sukamaju on Tuesday Apr 15" -> "Indonesia")."""
    a, b = start, end
    while a < b:
        if folded[a] in _OPENERS or _is_time(folded[a]):
            a += 1
        elif folded[a] in _TIME_LINKS and a + 1 < b and _is_time(folded[a + 1]):
            a += 2
        else:
            break
    cut = next((k for k in range(a + 1, b) if folded[k] in _AFTER_SPEAKER), b)
    b = cut
    while b > a and (
        _is_time(folded[b - 1]) or folded[b - 1] in _TIME_LINKS or folded[b - 1] in _NEGATIONS
    ):
        b -= 1
    return a, b


# Heads of a description that names who speaks, without a name: "the board member",
# "a ministry spokeswoman", "juru bicara kementerian", "pihak manajemen".
_ROLE_HEADS = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople official officials minister ministry
    member director chief head officer commander secretary president chairman chairwoman
    manager executive agency company firm department office police army military government
    regulator authority union operator watchdog committee commission council court
    prosecutor prosecutors lawyer attorney adviser advisor aide source sources ambassador
    embassy analyst analysts governor mayor senator lawmaker legislator coach agent leader
    founder ceo editor researcher expert witness general colonel captain group lawmakers
    legislators ministers members residents villagers protesters activists workers employees
    """.split()
)
_ROLE_FIRST = frozenset(
    """
    juru jubir kepala ketua pejabat pihak manajemen warga polisi perusahaan pemerintah
    kementerian direktur menteri sumber pengacara kuasa wali walikota gubernur bupati camat
    lurah wakil sekretaris sekjen dirut kapolri kapolda kapolres kapolsek kadiv kabid kabag
    karo panglima komandan dubes duta jaksa hakim anggota staf plt head chief director spokesman
    spokeswoman spokesperson member deputy secretary minister chairman editor satpam saksi
    petugas pegawai karyawan penjaga relawan pengelola admin pemilik pengunggah pengurus
    """.split()
)
ROLE_MAX_WORDS = 6
_PREPOSITIONS = frozenset("of at for from in with di dari pada untuk".split())


def is_role_phrase(folded: Sequence[str]) -> bool:
    """Whether a lowercase phrase describes a speaker by role ("the board member")."""
    content = [w for w in folded if w not in _DETERMINERS]
    # "a staff member at a village school", "an official of the ministry": the head is
    # before the first preposition.
    cut = next((k for k, w in enumerate(content) if k > 0 and w in _PREPOSITIONS), len(content))
    content = content[:cut]
    if not content or len(content) > ROLE_MAX_WORDS:
        return False
    last = content[-1][:-2] if content[-1].endswith("'s") else content[-1]
    return last in _ROLE_HEADS or content[0] in _ROLE_FIRST
