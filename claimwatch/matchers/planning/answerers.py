"""Who answers: one answerer under two names, a spokesperson for the body, a person the
article introduces as a body's officer; the statements raising one flag grouped by who
answers, and whether an answer was already reported."""

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.coref import TITLES, name_words, same_name, wording_of
from claimwatch.matchers.decide import (
    FlagKind,
)
from claimwatch.matchers.keys import key_tokens
from claimwatch.matchers.model import Stance, Statement, who_of
from claimwatch.matchers.planning.context import KnownClaim
from claimwatch.matchers.planning.plan import StatementOut
from claimwatch.matchers.speakers import same_speaker_phrase
from claimwatch.matchers.text import fold, words
from claimwatch.matchers.turns import (
    same_body,
)


def state_of(who: str | None) -> str | None:
    """The state or organisation a speaker id speaks for (itself if none is known)."""
    return gazetteer().state(who) if who else None


def answerer_who(st: Statement, by_name: str | None) -> str:
    """The identity a flag stores for who answers: the speaker's, or the quoted source's."""
    if by_name is None or by_name == st.speaker:
        return who_of(st) or ""
    return fold(by_name)


# "The company" as the article's later word for a company one of whose people spoke.
_COMPANY_ROLES = frozenset(
    {"the company", "the firm", "perusahaan", "perusahaan itu", "perusahaan tersebut"}
)
# Words that mark a wording as naming a company ("PT Sinar ...", "Acme Corp").
_COMPANY_MARKS = frozenset("pt tbk inc corp ltd plc llc".split())


def the_company(phrase: str | None) -> bool:
    return fold(phrase or "").strip() in _COMPANY_ROLES


def names_a_company(phrase: str | None) -> bool:
    return any(fold(w.text) in _COMPANY_MARKS for w in words(phrase or ""))


def name_tokens(claim: KnownClaim) -> set[str]:
    """The key tokens a claim's capitalised words (names) give."""
    named = " ".join(w.text for w in words(claim.text) if w.text[:1].isupper())
    return set(key_tokens(named, claim.lang)) if named else set()


def fuller_answerer(
    st: Statement, by_name: str | None, headline: str, statements: Sequence[Statement]
) -> list[tuple[str, str | None]]:
    """The answerer a headline names in short ("Police admit ...", "..., ministry says")
    as the article's text names it in full ("The Jakarta Police", "a manpower ministry
    official"): its first speaker whose wording holds every word of the headline's. Empty
    for any other statement, or where the text names no such speaker."""
    wording = by_name or st.speaker
    if not headline or not wording or st.text.strip() not in headline:
        return []
    short = _plain_name(wording)
    if not short:
        return []
    for other in statements:
        if other.position <= st.position or not other.speaker:
            continue
        for fuller in (other.speaker_phrase, other.speaker):
            if fuller and short < _plain_name(fuller):
                return [(who_of(other) or "", other.speaker)]
    return []


def told_on(
    out: StatementOut,
    by_name: str | None,
    kind: FlagKind,
    day: str | None,
    told: Sequence[tuple[str, int, str, str]],
) -> bool:
    """Whether an answer the article dates to ``day`` was already reported: the same
    answerer raised the same kind of flag in another article on that day or after it."""
    if day is None or not answerer_who(out.statement, by_name):
        return False
    return any(
        kind_value == kind.value
        and same_answerer(
            answerer_who(out.statement, by_name), by_name or out.statement.speaker, who, name
        )
        for kind_value, _claim, who, name in told
    )


def same_answerer(who: str, name: str | None, other_who: str, other_name: str | None) -> bool:
    """Whether two flags' answerers are one, however each article wrote it: one actor (a
    spokesperson is the body), a state and its body ("China denies ..." in the headline, its
    coast guard in the text), a known actor and a shorter wording of one of its names
    ("Health Ministry" for Indonesia's), or one unknown speaker in two wordings ("Lopez",
    "Maria Lopez"). Two bodies of one state stay two answerers."""
    if who == other_who:
        return True
    if not who or not other_who:
        return False
    gaz = gazetteer()
    known, other_known = who in gaz.actors, other_who in gaz.actors
    if known and other_known:
        a, b = gaz.speaker(who).id, gaz.speaker(other_who).id
        return a == b or gaz.state(a) == b or gaz.state(b) == a
    if known:
        return wording_of(other_name, gaz.names(who))
    if other_known:
        return wording_of(name, gaz.names(other_who))
    return same_wording(name, other_name)


Raising = tuple[StatementOut, float, str | None]

# How near (in words, within one sentence) a person's name and a body's stand when the
# article introduces one as the other's ("Chinedu Okafor, the port board's spokesman",
# "Kabid Humas Polda Sukamaju Kombes Santoso"): then the two are one answerer.
_INTRODUCED_WITHIN = 10
# Small words inside one naming phrase: "Direktur Perlindungan WNI dan Bantuan Hukum Kemlu".
_NAMING_LINKS = frozenset("dan and of the for di selaku sebagai at".split())
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Where a body's officer answering counts as the body turning: an admission or a taking
# back, not a plain assertion of the opposite (anyone may assert).
OFFICER_TURNS = frozenset({Stance.CONFIRM, Stance.RETRACT})
# An office held in a body, in the naming phrase of its holder: the person speaks as the
# body ("Direktur PT X, Budi Santoso"; "Budi Santoso, the firm's spokesman"). A lawyer,
# an adviser or a member speaks for a client or for themself.
_OFFICES = frozenset(
    """
    kepala ketua wakil sekretaris sekjen dirjen direktur dirut manajer humas juru bicara
    jubir kabid kadiv karo kasat kadis kabag kapolri kapolda kapolres kapolsek menteri
    presiden gubernur bupati walikota corporate secretary komisaris
    spokesman spokeswoman spokesperson director chief ceo cfo chairman chairwoman head
    manager executive president secretary minister governor mayor
    """.split()
)
# A past office: "mantan Direktur PT X", "former CEO of X" no longer speaks for it.
_PAST_OFFICE = frozenset("mantan eks former ex".split())


@dataclass(frozen=True, slots=True)
class SentenceWords:
    """A sentence's words as the answerer rules read them (see :class:`ArticleSentences`)."""

    folded: tuple[str, ...]  # folded, without a possessive "'s"
    named: tuple[bool, ...]  # capitalised as written: names, not "tenaga kerja"


class ArticleSentences:
    """An article's sentences (split as :func:`by_answerer` reads them), each tokenised
    the first time a rule reads it and kept for the next pair of answerers; a rule that
    decides early tokenises no further."""

    def __init__(self, text: str) -> None:
        self.texts = _SENTENCE_END.split(text) if text else []
        self.read: list[SentenceWords | None] = [None] * len(self.texts)
        # word -> the sentences holding it (anywhere; capitalised), built on the first
        # look-up: rules that ask of every pair of answerers read only those sentences.
        self.at: dict[str, set[int]] | None = None
        self.named_at: dict[str, set[int]] = {}
        self.named_sorted: list[str] | None = None  # the keys of named_at, for prefixes

    def _index(self) -> dict[str, set[int]]:
        if self.at is None:
            self.at = {}
            for index, sentence in enumerate(self):
                for word, capital in zip(sentence.folded, sentence.named, strict=True):
                    self.at.setdefault(word, set()).add(index)
                    if capital:
                        self.named_at.setdefault(word, set()).add(index)
                if _SPOKESPERSON.search(" ".join(sentence.folded)):
                    self.at.setdefault(_SPOKESPERSON_WORDS, set()).add(index)
        return self.at

    def holding(
        self, names: Iterable[str], *, named: bool, also: Iterable[str] | None = None
    ) -> list[SentenceWords]:
        """The sentences that hold one of ``names`` (written capitalised, if ``named``) and,
        given ``also``, one of those words too (capitalised as ``names``), in order."""
        every = self._index()
        index = self.named_at if named else every
        ids: set[int] = set()
        if also is None:
            for name in names:
                ids.update(index.get(name, ()))
        else:
            others = [found for word in also if (found := index.get(word))]
            for name in names:
                if mine := index.get(name):
                    for found in others:
                        ids.update(mine & found)  # & walks the smaller: a rare name's few
        return [sentence for i in sorted(ids) if (sentence := self.read[i]) is not None]

    def names_starting(self, short: str) -> set[str]:
        """The capitalised words of the article that start with ``short``, other than it:
        a prefix range of the sorted index, not a scan of the article per pair."""
        if self.named_sorted is None:
            self._index()
            self.named_sorted = sorted(self.named_at)
        found: set[str] = set()
        i = bisect.bisect_left(self.named_sorted, short)
        while i < len(self.named_sorted) and self.named_sorted[i].startswith(short):
            if self.named_sorted[i] != short:
                found.add(self.named_sorted[i])
            i += 1
        return found

    def __iter__(self) -> Iterator[SentenceWords]:
        for index, text in enumerate(self.texts):
            found = self.read[index]
            if found is None:
                toks = words(text)
                found = self.read[index] = SentenceWords(
                    tuple(fold(w.text).removesuffix("'s") for w in toks),
                    tuple(w.text[:1].isupper() for w in toks),
                )
            yield found


def by_answerer(
    raising: Sequence[Raising],
    text: str = "",
    sentences: ArticleSentences | None = None,
) -> list[list[Raising]]:
    """The statements raising one flag, grouped by who answers: each answerer is news of its
    own (the ministry denies, the police deny too; the police count one figure, an analyst
    another). One answerer under two names is one: the same identity
    (:func:`same_answerer`, the re-report filter's rule), one proper name shared ("BWS" and
    "Balai Wilayah Sungai BWS"), or a person the article introduces as the body's
    (:func:`introduced_as`). A statement naming no one, or only a bare role ("the
    regulator"), is told by a named answerer where there is one: it joins the first, as does
    a spokesperson (:func:`_speaks_for`). ``sentences``: the text's, where the caller
    tokenised them already (:class:`ArticleSentences`)."""
    if sentences is None:
        sentences = ArticleSentences(text)
    headline = headline_of(text)
    named: list[int] = []  # the statements that may name an answerer of their own
    told: list[int] = []  # a headline's or a clause's: joins an answerer named elsewhere
    loose: list[int] = []
    for index, (out, _value, by_name) in enumerate(raising):
        st = out.statement
        if naming_rank(st, by_name) < 2:
            loose.append(index)
        elif (
            (headline and st.text.strip() in headline)
            or _clause_like(by_name or st.speaker)
            or _capital_only_first(by_name or st.speaker)
        ):
            # A headline retells the article's answer in short ("Tersangka Bantah ..."), and
            # a clause taken for a speaker or a role names no one: none is an answerer of
            # its own where the article names one.
            told.append(index)
        else:
            named.append(index)
    groups: list[list[int]] = []
    for index in named + told:
        item = raising[index]
        for group in groups:
            if any(one_answerer(item, raising[other], sentences) for other in group):
                group.append(index)
                break
        else:
            if index in told and groups:
                loose.append(index)
            elif groups and _speaks_with(item, [raising[o] for o in groups[0]], sentences):
                groups[0].append(index)
            else:
                groups.append([index])
    if not groups:
        return [list(raising)] if raising else []
    groups[0].extend(loose)
    return [[raising[i] for i in sorted(group)] for group in groups]


def _holding(
    sentences: Iterable[SentenceWords],
    names: Iterable[str],
    *,
    named: bool,
    also: Iterable[str] | None = None,
) -> Iterable[SentenceWords]:
    """The sentences a rule looking for ``names`` (and ``also``) need read: through the
    article's index (:meth:`ArticleSentences.holding`), else all."""
    if isinstance(sentences, ArticleSentences):
        return sentences.holding(names, named=named, also=also)
    return sentences


def _speaks_with(
    item: Raising, lead: Sequence[Raising], sentences: Iterable[SentenceWords]
) -> bool:
    """A spokesperson is the body (as for known actors): "the company's chief communications
    officer, Jane Doe" or "spokesperson Lee" speaks for the body that answers first (and a
    known body answers with its spokesperson quoted first), unless each is a known actor of
    its own."""
    if _known(item[0].statement, item[2]) and any(_known(o.statement, b) for o, _v, b in lead):
        return False
    if _spokesperson(item, sentences):
        return True
    # A known body after its spokesperson; not a person (another office's officer).
    return _known(item[0].statement, item[2]) and all(_spokesperson(o, sentences) for o in lead)


def headline_of(text: str) -> str:
    """The article's first line where it is a headline (no sentence's end), else ''."""
    first = text.strip().split("\n", 1)[0].strip()
    if not first or "\n" not in text.strip() or first[-1] in ".!?\"'”":
        return ""
    return first


def _capital_only_first(wording: str | None) -> bool:
    """A role capitalised only as a sentence's first word ("Media terkait", "The company"):
    no name of its own."""
    toks = words(wording or "")
    return len(toks) >= 2 and not any(w.text[:1].isupper() for w in toks[1:])


def _clause_like(wording: str | None) -> bool:
    """A clause the reader took for a speaker ("Sukamaju earlier this week to ease worries",
    "Reuters lalu merilis berita"): two words or more that are neither names, titles nor
    the small words of a naming phrase."""
    if not wording:
        return False
    plain = [
        w
        for w in words(wording)
        if not w.text[:1].isupper()
        and fold(w.text).removesuffix("'s") not in TITLES
        and fold(w.text) not in _NAMING_LINKS
    ]
    return len(plain) >= 2


def one_answerer(a: Raising, b: Raising, sentences: Iterable[SentenceWords]) -> bool:
    """Whether two statements raising one flag have one answerer (see :func:`by_answerer`)."""
    sa, sb = a[0].statement, b[0].statement
    name_a, name_b = a[2] or sa.speaker, b[2] or sb.speaker
    if same_answerer(answerer_who(sa, a[2]), name_a, answerer_who(sb, b[2]), name_b):
        return True
    if sa.speaker_actor and sa.speaker_actor == sb.speaker_actor:
        return True  # a figure's source written two ways beside one speaker
    wordings_a = {w for w in (name_a, sa.speaker_phrase) if w}
    wordings_b = {w for w in (name_b, sb.speaker_phrase) if w}
    if any(same_body(x, y) or _within(x, y) for x in wordings_a for y in wordings_b):
        return True
    if _names_body(wordings_a, sb, b[2]) or _names_body(wordings_b, sa, a[2]):
        return True
    words_a, words_b = _answerer_words(sa, a[2]), _answerer_words(sb, b[2])
    full_a, full_b = _in_full(words_a, sentences), _in_full(words_b, sentences)
    if (full_a - words_a) & words_b or (full_b - words_b) & words_a:
        return True  # "Wira" for "Wiranegara": one person
    return introduced_as(full_a, full_b, sentences)


_SHORT_NAME = 4  # letters: "Wira" for "Wiranegara"; "Ali" is a name of its own


def _in_full(names: set[str], sentences: Iterable[SentenceWords]) -> set[str]:
    """A one-word name with the name it is short for, where the article writes one name
    starting with it ("Wiranegara, kepala humas ...", later "Menurut Wira, ..."): news
    introduces a person in full and writes a short form after."""
    if len(names) != 1:
        return names
    (short,) = names
    if len(short) < _SHORT_NAME:
        return names
    if isinstance(sentences, ArticleSentences):
        longer = sentences.names_starting(short)
    else:
        longer = {
            word
            for sentence in sentences
            for word, capital in zip(sentence.folded, sentence.named, strict=True)
            if capital and word != short and word.startswith(short)
        }
    return names | longer if len(longer) == 1 else names


def _spokesperson(item: Raising, sentences: Iterable[SentenceWords]) -> bool:
    st = item[0].statement
    return _speaks_for(_answerer_words(st, item[2]), item[2] or st.speaker, sentences)


def _names_body(wordings: set[str], st: Statement, by_name: str | None) -> bool:
    """Whether a wording holds one of the names of the known actor who answers in ``st``:
    "Kepala Dinkes Sukamaju Rudi Hermawan" for the Sukamaju health office."""
    if not _known(st, by_name) or st.speaker_actor is None:
        return False
    for wording in wordings:
        mine = {fold(w.text).removesuffix("'s") for w in words(wording)}
        if any(name and set(name) <= mine for name in gazetteer().names(st.speaker_actor)):
            return True
    return False


def _known(st: Statement, by_name: str | None) -> bool:
    own = by_name is None or by_name == st.speaker
    return bool(own and st.speaker_actor and st.speaker_actor in gazetteer().actors)


def _within(a: str, b: str) -> bool:
    """One wording's words all within the other's ("BWS", "Balai Wilayah Sungai (BWS)
    Sulawesi III"; "Komdigi", "Dirjen ... Komdigi Surya Darmawan"), the small words of a
    naming phrase and a person's role aside ("a manpower ministry official", "the Ministry
    of Manpower")."""
    left, right = _plain_name(a), _plain_name(b)
    return bool(left and right) and (left <= right or right <= left)


# Who a body speaks through, not a name of the body: "a manpower ministry official".
_PERSON_ROLES = frozenset(
    "official officials officer officers spokesman spokeswoman spokesperson pejabat".split()
)


@lru_cache(maxsize=4096)
def _plain_name(wording: str) -> frozenset[str]:
    """A wording's words, folded, without the small words of a naming phrase and without
    a person's role. (Cached: asked of every pair of an article's answerers.)"""
    out = {fold(w.text).removesuffix("'s") for w in words(wording)}
    return frozenset(out - _NAMING_LINKS - _PERSON_ROLES)


_SPOKESPERSON_WORDS = " spokesperson"  # the index's key of sentences naming the role
_SPOKESPERSON_WITHIN = 6  # words from a name to the role that introduces it
# Words that introduce someone as a body's voice: what such a person says, the body says.
_SPOKESPERSON = re.compile(
    r"\b(?:spokes(?:person|man|woman|people)|press secretary|press officer"
    r"|communications? (?:officer|director|chief|head|manager)|corporate communications?"
    r"|(?:corporate|public) affairs"
    r"|public relations|juru ?bicara|jubir|humas|biro komunikasi)\b"
)


def _speaks_for(names: set[str], name: str | None, sentences: Iterable[SentenceWords]) -> bool:
    """Whether the answerer is written as a spokesperson, in its wording or within a few
    words of its name in the article ("Jane Doe, the ministry's spokeswoman")."""
    if name and _SPOKESPERSON.search(fold(name)):
        return True
    if not names:
        return False
    # (A role the whole sentence does not write is in none of its stretches of words.)
    for sentence in _holding(sentences, names, named=False, also=[_SPOKESPERSON_WORDS]):
        toks = sentence.folded
        at = [i for i, t in enumerate(toks) if t in names]
        for i in at:
            near = " ".join(toks[max(0, i - _SPOKESPERSON_WITHIN) : i + _SPOKESPERSON_WITHIN + 1])
            if _SPOKESPERSON.search(near):
                return True
    return False


def _answerer_words(st: Statement, by_name: str | None) -> set[str]:
    """The proper-name words an answerer is written with, in the statement and, for a known
    actor, in the gazetteer's names of it."""
    out: set[str] = set()
    for wording in (by_name, st.speaker, st.speaker_phrase):
        if wording:
            out.update(name_words(wording))
    actor = st.speaker_actor if by_name is None or by_name == st.speaker else None
    if actor and actor in gazetteer().actors:
        for name in gazetteer().names(actor):
            out.update(name)
    return out


def introduced_as(
    a: set[str], b: set[str], sentences: Iterable[SentenceWords], *, office: bool = False
) -> bool:
    """Whether a sentence of the article writes a name word of one answerer (not the other's)
    and one of the other's in one naming phrase, a few words apart with only names, titles
    and links between: "Chinedu Okafor, the port board's spokesman",
    "Kabid Humas Polda Sukamaju Kombes Santoso" (not "Wahyu ... ikut memastikan pabrik
    Sukamaju Tembakau": a clause between). ``office``: the phrase must also name an office
    held in the body (:data:`_OFFICES`), not a past one ("mantan", "former") nor a lawyer's."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    for sentence in _holding(sentences, only_a, named=True, also=only_b):
        folded, named = sentence.folded, sentence.named
        at_a = [i for i, t in enumerate(folded) if t in only_a and named[i]]
        if not at_a:
            continue
        at_b = [i for i, t in enumerate(folded) if t in only_b and named[i]]
        for i in at_a:
            for j in at_b:
                lo, hi = min(i, j), max(i, j)
                if (
                    hi - lo <= _INTRODUCED_WITHIN
                    and all(
                        named[k] or folded[k] in TITLES or folded[k] in _NAMING_LINKS
                        for k in range(lo + 1, hi)
                    )
                    and (not office or _holds_office(folded, lo, hi))
                ):
                    return True
    return False


# The words of a role that stand for one person ("army chief", "police chief"): two.
_ROLE_WORDS = 2


def named_as_role(name: str | None, role: str | None, sentences: Iterable[SentenceWords]) -> bool:
    """Whether a person written by name ("Somchai Rattana") is the one a role wording names
    ("the country's army chief"): a sentence of the article sets the role's last two words
    (neither a name, the last a title) a few words from the person's name, with no other
    name between them, and the role is not a title written before another name ("army chief
    Niran")."""
    if not name or not role:
        return False
    person = set(name_words(name)) - set(name_words(role))
    if not person:
        return False
    tail = [fold(w.text).removesuffix("'s") for w in words(role)][-_ROLE_WORDS:]
    if len(tail) < _ROLE_WORDS or any(t in name_words(role) or t in _NAMING_LINKS for t in tail):
        return False
    if tail[-1] not in TITLES:
        return False  # a role ends in one ("army chief"); "a chain message" is no one
    n = len(tail)
    for sentence in _holding(sentences, person, named=True):
        folded, named = sentence.folded, sentence.named
        at_person = [i for i, t in enumerate(folded) if t in person and named[i]]
        if not at_person:
            continue
        for r in range(len(folded) - n + 1):
            if list(folded[r : r + n]) != tail:
                continue
            after = r + n
            if after < len(folded) and named[after] and folded[after] not in person:
                continue  # "army chief Niran": the title of another name
            for i in at_person:
                lo, hi = (i, r) if i < r else (after - 1, i)
                if hi - lo <= _INTRODUCED_WITHIN and not any(
                    named[k] and folded[k] not in person and folded[k] not in TITLES
                    for k in range(lo + 1, hi)
                ):
                    return True
    return False


def _holds_office(folded: Sequence[str], lo: int, hi: int) -> bool:
    """Whether the naming phrase from ``lo`` to ``hi`` (with the title words just before and
    after it: "Direktur PT X, Budi"; "Budi, the firm's spokesman") names a present office."""
    start = lo
    while start > 0 and lo - start < 3 and folded[start - 1] in TITLES | _PAST_OFFICE:
        start -= 1
    span = folded[start : min(len(folded), hi + 4)]
    return bool(set(span) & _OFFICES) and not set(span) & _PAST_OFFICE


def naming_rank(st: Statement, by_name: str | None = None) -> int:
    """How well a statement names its speaker: 2 a known actor or a name ("Kepala Dinkes
    Hendra"), or a source named inside it (``by_name``); 1 a bare role ("the regulator");
    0 no one."""
    if by_name or st.speaker_actor or (st.speaker and name_words(st.speaker)):
        return 2
    return 1 if st.speaker else 0


def same_wording(a: str | None, b: str | None) -> bool:
    """One unknown speaker in two wordings: the same role ("the Health Ministry"), or the
    same name under a title or alone ("Direktur Hendra Wijaya", "Hendra")."""
    return same_speaker_phrase(a, b) or same_name(a, b)


def claimants(targets: Sequence[str]) -> list[str]:
    """Who may have made the claim a reply names: a person is themself, a state or an
    organisation is itself and every body and person that speaks for it."""
    gaz = gazetteer()
    out: dict[str, None] = {}
    for target in targets:
        if target in gaz.actors and gaz.get(target).kind != "person":
            out.update(dict.fromkeys(gaz.members(target)))
        elif target in gaz.actors:  # a spokesman's claims are stored as the body's
            out.update(dict.fromkeys((target, gaz.speaker(target).id)))
        else:
            out[target] = None
    return list(out)


def actor_name(actor_id: str) -> str:
    gaz = gazetteer()
    return gaz.get(actor_id).name if actor_id in gaz.actors else actor_id
