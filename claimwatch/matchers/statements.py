"""From an article's text to attributed statements: speaker, stance, content, target.

Rules, not a model: each clause is read for stance cues (lexicons in seeds/), for who says
it (the subject before a speech or stance verb, "kata X" after a quote, "menurut X" /
"according to X") and for what is said (the clause after "bahwa"/"that", the quote, or
the object of a denial). A cue that is negated ("tidak membantah"), hypothetical
("jika X membantah") or has an object that is not a claim ("denied bail") takes no stance.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimwatch.matchers.actors import (
    Gazetteer,
    Mention,
    ends_an_organisation,
    gazetteer,
    match_key,
)
from claimwatch.matchers.boilerplate import strip_boilerplate
from claimwatch.matchers.coref import MIN_SINGLE_NAME, name_words
from claimwatch.matchers.coref import TITLES as NAME_TITLES
from claimwatch.matchers.figures import extract_figures
from claimwatch.matchers.lang import detect
from claimwatch.matchers.lexicon import StanceLexicon, stance_lexicon, stopwords
from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.polarity import checks_rather_than_confirms
from claimwatch.matchers.sentences import split_sentences
from claimwatch.matchers.speakers import is_role_phrase, is_time_phrase, trim_speaker_span
from claimwatch.matchers.text import Word, normalize, words

THAT = frozenset({"bahwa", "that", "bahwasanya"})
# Words that may stand between a subject and its verb without being part of the subject.
AUXILIARIES = frozenset(
    """
    telah sudah juga pun kembali lagi sempat pernah masih sedang akan secara tegas keras turut
    resmi langsung segera kemudian lalu justru bahkan hanya akhirnya kini sekarang pun has
    have had also again finally now eventually subsequently since reportedly publicly
    formally strongly flatly firmly vehemently quickly swiftly later earlier repeatedly
    officially then on tuesday monday wednesday thursday friday saturday sunday previously
    sebelumnya semula awalnya mulanya
    """.split()
)
# Of those, the ones no name holds: where a subject taken with its clause ends.
CLAUSE_AUXILIARIES = frozenset(
    """
    telah sudah sempat pernah sedang tengah akan lalu kemudian justru akhirnya kini sekarang
    has have had eventually subsequently reportedly sebelumnya semula awalnya mulanya secara
    tidak tak belum bukan
    """.split()
)
# "dismissed what she called lies", "apa yang ia sebut": the pronoun of a clause that names
# what the subject answers.
OBJECT_CLAUSE_PRONOUNS = frozenset("it he she they ia dia mereka".split())
OBJECT_CLAUSE_OPENERS = frozenset("what which yang".split())
# An Indonesian verb right after a name ends the subject: "Kurniawan mencoba mengelak".
_VERB_FORM = re.compile(r"(?:ber|mem|men|meng|meny|mel|mer)[a-z]{3,}")
_NOT_VERBS = frozenset(
    "berita beberapa bersama berupa berikut bernama berusia bersangkutan memang mereka "
    "member members memo memorial memory menu mention mentioned mention mental mentor "
    "merger merit mercy merchant melbourne".split()
)


def _verb_form(word: str) -> bool:
    return _VERB_FORM.fullmatch(word) is not None and word not in _NOT_VERBS


# Words that end a speaker phrase after "kata"/"said".
PHRASE_END = frozenset(
    """
    pada di dalam kepada saat ketika seperti sebagaimana dan yang ketika usai setelah
    sebelum on in at to during after before as when while and who which from that in
    """.split()
)
DETERMINERS = frozenset(
    """
    the a an his her its their our this that any all para sang
    """.split()
)
SPEAKER_MAX_WORDS = 12
# ", saying ...": what follows is a further statement by the same speaker.
PARTICIPLES = frozenset(
    """
    saying adding insisting arguing calling reversing noting claiming denying describing
    accusing warning stressing seraya sembari confirming acknowledging admitting rejecting
    dismissing refuting
    """.split()
)
NAME_LINKS = frozenset({"dan", "of", "for", "and", "di", "the"})  # inside a name
# Indonesian passives of saying whose agent follows with no "oleh".
PASSIVE_SAYING = frozenset(
    """
    dibenarkan dibantah ditepis ditampik disangkal dikonfirmasi diakui dinyatakan
    ditegaskan dikatakan diungkapkan dijelaskan disampaikan dipastikan
    """.split()
)
# "Dadang, yang menjabat Kepala Dinas ..., mengonfirmasi", "X, who ..., said": a relative
# clause between commas; the subject stands before it.
RELATIVES = frozenset("yang who whom whose which".split())
APPOSITION_MAX_WORDS = 18  # "HRD PT Sukamaju yang memasok pekerja bagi ..."
# Between commas after a subject, no apposition: "X, however, denied".
CONNECTIVES = frozenset("however though too also meanwhile namun pun sementara itu".split())
# Words that open a sentence as a link to the one before, set off by a comma: "Sebab, kata
# Ali, ...", "Jadi, menurut dia, ...".
SENTENCE_LINKS = frozenset(
    """
    sebab karena jadi maka namun tetapi tapi bahkan selain itu oleh sementara adapun meski
    walau lalu kemudian so but however moreover meanwhile still yet thus hence therefore
    indeed also
    """.split()
)
# Connective phrases between commas: "Police, for their part, said ...".
CONNECTIVE_PHRASES = frozenset(
    {
        ("for", "their", "part"),
        ("for", "its", "part"),
        ("for", "his", "part"),
        ("for", "her", "part"),
        ("in", "turn"),
        ("in", "contrast"),
        ("on", "the", "other", "hand"),
        ("di", "sisi", "lain"),
        ("di", "pihak", "lain"),
    }
)
# Titles written with a period before a name: "kata dr. Siti", "said Gen. Smith".
TITLES = frozenset(
    "dr prof ir drs dra hj h kh mr mrs ms gen col lt sgt capt sen rep gov rev".split()
)
NAME_MAX_WORDS = 5  # "Budi Lestari", "Dmitry Peskov": a name before an apposition
COLON_SPEAKER_WORDS = 4  # "Kementerian ESDM: ...", not a sentence with a colon in it
POST_WINDOW = 8  # how far after "kata"/"said" a speaker may reach
_AUXILIARY_OR_THAT = AUXILIARIES | THAT
# Words leading a verb, never ending a name: "The port authority is (now saying)", "PT X
# berbalik (mengakui)".
_COPULAS = frozenset("is are was were will would berbalik".split())
# Between a claim noun and its proposition: "talk of a coup", "isu soal PHK",
# "pernyataan Rudi yang menyebut ...", "reports saying ...".
CLAIM_LINKS = frozenset(
    """
    of about over on regarding saying suggesting claiming alleging soal tentang terkait
    mengenai menyebut menyebutkan mengatakan menyatakan seputar atas
    """.split()
)
NEAR_LINK_WORDS = 4
ACCUSER_LINKS = frozenset({"dan", "and", "serta"})  # "tuduhan Seoul dan Washington bahwa"
# Before a denial verb, it is no answer given here: an infinitive ("asked them to deny"),
# a passive refusal ("were denied a penalty"), a likeness ("seakan membantah").
NOT_AN_ANSWER_BEFORE = frozenset("to was were been being seakan seolah seakan-akan".split())
# A denial narrated as past, before what the article reports: "had denied", "sempat
# membantah", "yang awalnya membantah". It is not read as answering a new report.
PAST_MARKERS = frozenset(
    "had sempat awalnya semula sebelumnya initially earlier previously pernah".split()
)
# Where a rumour went, not what it says: "kabar yang beredar di media sosial".
CIRCULATING = frozenset(
    """
    beredar viral tersebar menyebar diunggah media sosial circulating circulated spread
    online social viral went
    """.split()
)


# "rejected them", "menolaknya": a pronoun object, pointing at what was named just before.
_OBJECT_PRONOUNS = frozenset("them it those these".split())
_FIGURE_NOUNS = frozenset(
    "figure figures number numbers toll tally estimate estimates angka jumlah".split()
)
# "he said", "ia menegaskan": a pronoun that stands for one person.
_PERSON_PRONOUNS = frozenset("he she ia dia beliau".split())
# "seorang penjaga toko", "warga itu": Indonesian words for a person by role.
_ID_PERSON_ROLES = frozenset(
    "penjaga satpam warga saksi petugas pegawai karyawan guru dokter pengacara direktur"
    " manajer pelatih kepala ketua juru".split()
)
_POINTED_WINDOW = 10  # words before the verb in which the claim or figures are named
VERB_CUES = frozenset({"deny", "deny_object", "confirm", "retract", "retract_object"})
_BLOCKED = object()  # a stance cue that is negated or hypothetical: the clause takes none


@dataclass(slots=True)
class _Context:
    """What a clause may refer back to."""

    last_speaker: str | None = None
    last_actor: str | None = None
    last_phrase: str | None = None
    sentence_subject: Mention | None = None
    attributed_before: bool = False  # the previous sentence had a speaker
    opening_name: str | None = None  # "Polres Sukamaju merasa ...": its subject
    previous_opening: str | None = None  # the same, of the sentence before
    attributed_now: bool = False  # this sentence has one
    # The subject of the sentence's first clause where it said nothing ("X meminta maaf"):
    # who a retraction joined to it by "dan" makes ("... dan mencabut unggahannya").
    first_clause_speaker: tuple[str | None, str | None, str | None] | None = None
    opening_role: str | None = None  # "The company" of "The company has denied ..."
    names: list[str] = field(default_factory=list)  # speakers kept as written, in order
    clause_subject: str | None = None  # "A spokesman for the group, ...": a described subject
    # Speakers resolved to a known actor: (as written, display name, actor id), in order.
    known: list[tuple[str, str, str]] = field(default_factory=list)
    # A person a sentence with no speaker opened with ("X, the club's director, met reporters
    # on Monday"), named after the last speaker: whom a following "he" or "ia" points at.
    introduced: tuple[str | None, str | None, str | None] | None = None


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    label: str
    active: bool = True  # False where the lexicon word is not a stance cue in context
    alone: bool = False  # the cue is all of a quote or an answer: ': "fake news."'


@dataclass(slots=True)
class _Attribution:
    speaker_words: tuple[int, int] | None = None  # word span of the speaker phrase
    content: tuple[int, int] | None = None  # word span of what is said
    verb: int | None = None  # index of the attribution verb, if any
    tail: int | None = None  # where a trailing "according to X" / ", kata X" begins


class StatementReader:
    """Reads statements out of articles with one gazetteer and one lexicon."""

    def __init__(self, gaz: Gazetteer | None = None, lex: StanceLexicon | None = None) -> None:
        self.gaz = gaz or gazetteer()
        self.lex = lex or stance_lexicon()
        self._conditional_words = frozenset(
            seq[0]
            for entries in self.lex.conditional.by_first.values()
            for seq, _ in entries
            if len(seq) == 1
        ) | frozenset(w for w in self.lex.subordinate if " " not in w)

    # -- public -------------------------------------------------------------------
    def read(self, text: str, lang: str | None = None) -> tuple[str, list[Statement]]:
        """The article's language and its statements, in order."""
        text = strip_boilerplate(normalize(text))  # a dateline or byline is nobody's word
        article_lang = lang or detect(text)
        ctx = _Context()
        out: list[Statement] = []
        for sentence in split_sentences(text):
            sentence_lang = (
                detect(sentence, default=article_lang) if len(sentence) > 60 else (article_lang)
            )
            ctx.attributed_before, ctx.attributed_now = ctx.attributed_now, False
            for clause in self._clauses(sentence):
                st = self._read_clause(sentence, clause, sentence_lang, ctx, len(out))
                if st is not None:
                    out.append(st)
        return article_lang, out

    # -- clauses ------------------------------------------------------------------
    def _clauses(self, sentence: str) -> list[tuple[int, int]]:
        """Character spans of the clauses of a sentence, split at contrast words."""
        toks = words(sentence)
        quoted = _quote_spans(sentence)
        cuts = [0]
        for i, tok in enumerate(toks):
            low = tok.lower
            # A word never starts at a quote mark: inside a quote is strictly between two.
            if i < 3 or _in_quotes(quoted, tok.start):
                continue
            before = _last_char_before(sentence, tok.start)
            if low in PARTICIPLES and before == ",":
                cuts.append(tok.start)
                continue
            if (
                low in {"dan", "and"}
                and i + 1 < len(toks)
                and self._opens_clause(toks[i + 1 : i + 4])
            ):
                cuts.append(tok.start)
                continue
            if (
                low in {"however", "though"}
                and _parenthetical(sentence, toks, i)
                and (
                    self._opens_clause(toks[i + 1 : i + 4])
                    or (
                        i + 1 < len(toks)
                        and toks[i + 1].text[:1].islower()
                        and toks[i + 1].lower not in DETERMINERS
                        and _subject_before(sentence, toks, i)
                    )
                )
            ):
                # "Khalid Saad, however, denied ...", "A spokesman for the group, however,
                # expressed astonishment": one clause, one subject
                continue
            if low in self.lex.contrast or low in self.lex.concessive:
                strong = low in {"namun", "tetapi", "however", "but", "meskipun", "although"}
                if before in (",", ";") or strong or low in self.lex.concessive:
                    cuts.append(tok.start)
        cuts.append(len(sentence))
        spans = [(a, b) for a, b in itertools.pairwise(cuts) if sentence[a:b].strip()]
        return spans or [(0, len(sentence))]

    def _opens_clause(self, rest: Sequence[Word]) -> bool:
        """ "dan menuduh ...", "and said ...": a new statement by the same subject (``rest``:
        the next three words at most)."""
        folded = [match_key(t.text) for t in rest[:3]]
        k = 0
        while k < len(folded) and folded[k] in AUXILIARIES:
            k += 1
        if k >= len(folded):
            return False
        return bool(self.lex.speech_verbs.match_at(folded, k) or self.lex.cues.match_at(folded, k))

    # -- one clause ---------------------------------------------------------------
    def _read_clause(
        self, sentence: str, span: tuple[int, int], lang: str, ctx: _Context, position: int
    ) -> Statement | None:
        clause_text = sentence[span[0] : span[1]]
        toks = words(clause_text)
        if len(toks) < 3:
            return None
        folded = [match_key(t.text) for t in toks]
        mentions = self.gaz.mentions(toks)
        if span[0] == 0:
            ctx.clause_subject = _described_subject(clause_text, toks, folded)
            ctx.sentence_subject = mentions[0] if mentions and mentions[0].start <= 3 else None
            ctx.previous_opening, ctx.opening_name = (
                ctx.opening_name,
                _opening_name(toks, clause_text),
            )
        cues = [_predicate_cue(c, folded, clause_text, toks) for c in self.lex.cues.find(folded)]
        told_before = _in_relative_before(
            clause_text, toks, folded, cues, [k for k, _e, _l in self.lex.speech_verbs.find(folded)]
        )
        aside = _stands_aside(clause_text, toks, folded, cues)
        live = [c for c in cues if c not in told_before and c not in aside]
        before = [match_key(t.text) for t in words(sentence[: span[0]])][-_POINTED_WINDOW:]
        stance, stance_cue = self._stance(folded, live, before)
        for cue in (*told_before, *aside):
            cue.active = False
        if aside and stance is Stance.ASSERT:
            stance = Stance.NONE  # the clause tells another's stand, not a fact of its own
        if stance in {Stance.ASSERT, Stance.DENY} and self._reticent(folded, stance_cue):
            stance = Stance.NONE  # "has not talked with us about P": it withholds
        attribution = self._attribute(clause_text, toks, folded, stance_cue, cues)
        speaker, speaker_actor, phrase = self._speaker(
            toks, folded, mentions, attribution, ctx, clause_text
        )
        if stance in {Stance.CONFIRM, Stance.DENY}:
            nested = self._confirmer(clause_text, toks, folded, live)
            if nested is not None:
                found = self._speaker(toks, folded, mentions, nested, ctx)
                if found[0] is not None and nested.content is not None:
                    speaker, speaker_actor, phrase = found
                    # What was confirmed ends where the quote or the teller's words end.
                    start, end = nested.content
                    told = attribution.content
                    if told is not None and told[0] < start < told[1]:
                        end = min(end, told[1])
                    attribution = _Attribution(nested.speaker_words, (start, end), nested.verb)
        if stance is Stance.RETRACT and attribution.speaker_words is not None:
            # "X issued a statement saying he had misspoken", "X admitted he erred": the
            # retracting "he" is the subject before the first verb, not the whole run.
            turner = self._subject_before_pronoun(toks, folded, mentions, attribution, ctx)
            if turner is not None:
                speaker, speaker_actor, phrase = turner
        if span[0] == 0:
            ctx.opening_role = _opening_role(toks, folded)
            ctx.first_clause_speaker = None
            if speaker is None:
                ctx.first_clause_speaker = self._subject_before_verb(toks, folded, mentions, ctx)
                introduced = self._introduced(clause_text, toks, folded, mentions, ctx)
                if introduced is not None:
                    ctx.introduced = introduced
        subject = ctx.sentence_subject
        if (
            speaker is None
            and span[0] > 0
            and stance is Stance.RETRACT
            and folded[0] in {"dan", "and", "serta"}
            and ctx.first_clause_speaker is not None
        ):
            # "X meminta maaf lalu menghapus unggahannya ...": the first clause's subject.
            speaker, speaker_actor, phrase = ctx.first_clause_speaker
        elif (
            span[0] > 0
            and folded[0] in PARTICIPLES
            and not ctx.attributed_now
            and subject is not None
            and subject.actor.kind != "country"
        ):
            # "President X tried to explain his remarks, saying he had misspoken": the
            # sentence's subject speaks, though its own clause has no verb of saying.
            identity = self.gaz.speaker(subject.actor.id)
            speaker, speaker_actor, phrase = identity.name, identity.id, None
        elif (
            span[0] > 0
            and folded[0] in PARTICIPLES
            and not ctx.attributed_now
            and ctx.opening_role is not None
        ):
            # "The firm has denied any plan, saying it only ...": the role this sentence
            # opens with, not the previous sentence's speaker.
            speaker = phrase = ctx.opening_role
            speaker_actor = None
        elif span[0] > 0 and folded[0] in PARTICIPLES and ctx.last_speaker is not None:
            # ", calling it disinformation fabricated by X": still the sentence's speaker
            speaker, speaker_actor, phrase = ctx.last_speaker, ctx.last_actor, ctx.last_phrase
        elif speaker is None and span[0] > 0 and _starts_with_verb(folded, self.lex):
            if not ctx.attributed_now and ctx.clause_subject is not None:
                # "A spokesman for the union, however, voiced surprise at the figures
                # and rejected them": the sentence's subject, not the last sentence's speaker.
                speaker = phrase = ctx.clause_subject
                speaker_actor = None
            else:
                speaker, speaker_actor, phrase = ctx.last_speaker, ctx.last_actor, ctx.last_phrase
        elif (
            speaker is None
            and span[0] == 0
            and ctx.attributed_before
            and attribution.verb is None
            and _continues_a_list(folded)
        ):
            # "X membeberkan fakta baru. Di antaranya, P": P is among what X told.
            speaker, speaker_actor, phrase = ctx.last_speaker, ctx.last_actor, ctx.last_phrase
        elif (
            speaker is None
            and ctx.attributed_before
            and attribution.verb is None
            and _quote_only(sentence)
        ):
            # A quote standing alone after an attributed sentence goes on with its speaker.
            speaker, speaker_actor, phrase = ctx.last_speaker, ctx.last_actor, ctx.last_phrase
        content_span = attribution.content or (0, len(toks))
        content_words = _content_words(
            toks, folded, content_span, cues, attribution, self._conditional_words
        )
        target_actors, target_rumour, refers_back, claim_words = self._target(
            toks, folded, mentions, stance, stance_cue, content_words, lang
        )
        if claim_words:
            # "denied reports that P", "membantah kabar P": the proposition is P.
            content_words = [i for i in content_words if i not in claim_words]
        if stance is Stance.ASSERT and speaker is not None and _yes_answer(clause_text, folded):
            # '"Iya benar, yang ditangkap manajernya," kata X': the question put to X is
            # answered yes; what follows only details it.
            stance, refers_back, content_words = Stance.CONFIRM, True, []
        elif stance in {Stance.ASSERT, Stance.NONE} and speaker and _no_answer(clause_text, toks):
            # '"Bukan, bukan begitu," kata X': the question put to X is answered no.
            stance, refers_back = Stance.DENY, True
            content_words = [i for i in content_words if folded[i] not in _NO]
        content = _join(clause_text, toks, content_words)
        in_content = set(content_words)
        about = [m.actor for m in mentions if m.start in in_content]
        actor_ids: list[str] = []
        for actor in about:
            root = self.gaz.identity(actor.id).id
            if root not in actor_ids:
                actor_ids.append(root)
        hedged = bool(self.lex.hedges.find(folded)) or _said_to(folded)
        background = bool(folded) and folded[0] in self.lex.concessive
        if speaker is not None:
            ctx.last_speaker, ctx.last_actor, ctx.last_phrase = speaker, speaker_actor, phrase
            ctx.attributed_now = True
            ctx.introduced = None
        return Statement(
            position=position,
            text=sentence.strip(),
            content=content,
            lang=lang,
            stance=stance,
            speaker=speaker,
            speaker_actor=speaker_actor,
            speaker_phrase=phrase,
            hedged=hedged,
            actors=actor_ids,
            figures=extract_figures(content or clause_text, lang),
            target_actors=target_actors,
            target_rumour=target_rumour,
            refers_back=refers_back,
            background=background,
        )

    # -- stance -------------------------------------------------------------------
    def _stance(
        self, folded: Sequence[str], cues: list[_Cue], before: Sequence[str] = ()
    ) -> tuple[Stance, _Cue | None]:
        """The clause's stance and the cue that carries it. ``before``: the last words of
        the sentence before the clause (what a pronoun object may point at)."""
        best: tuple[int, Stance, _Cue] | None = None
        blocked = False
        # Read once for all the cues (not once per cue): the first conditional word before
        # the last cue, and where the last denial phrase starts.
        last_start = cues[-1].start if cues else 0
        conditional_at = next(
            (i for i in range(last_start) if self.lex.conditional.match_at(folded, i)), None
        )
        deny_phrase_at = max((c.start for c in cues if c.label == "deny_phrase"), default=-1)
        rank = {
            Stance.NONE: 6,
            Stance.RETRACT: 5,
            Stance.DENY: 4,
            Stance.UNCONFIRMED: 3,
            Stance.CONFIRM: 2,
        }
        for cue in cues:
            stance = self._cue_stance(folded, cue, conditional_at, deny_phrase_at, before)
            if stance is _BLOCKED:
                blocked = True
                continue
            if not isinstance(stance, Stance):  # None: no cue here
                cue.active = False  # "withdrawn from the town": a content word here
                continue
            if best is None or rank[stance] > best[0]:
                best = (rank[stance], stance, cue)
        if best is not None:
            return best[1], best[2]
        return (Stance.NONE if blocked else Stance.ASSERT), None

    def _cue_stance(
        self,
        folded: Sequence[str],
        cue: _Cue,
        conditional_at: int | None,
        deny_phrase_at: int,
        before: Sequence[str] = (),
    ) -> Stance | object | None:
        """The cue's stance; None: no cue here; _BLOCKED: negated or hypothetical.

        ``conditional_at``: the clause's first conditional word ("jika", "if"), if any before
        its last cue; ``deny_phrase_at``: where its last denial phrase starts, or -1.
        """
        label = cue.label
        if label == "no_comment":
            return Stance.NONE
        if label == "unconfirmed":
            return Stance.UNCONFIRMED
        if conditional_at is not None and conditional_at < cue.start:
            return _BLOCKED
        if label == "confirm" and _not_a_confirmation(folded, cue):
            return None
        if label == "deny_phrase" and not _predicative(folded, cue):
            return None  # "penyebaran hoaks", "selebaran propaganda": a topic, no answer
        negated = self._negated(folded, cue.start)
        if label in {"confirm", "confirm_phrase"}:
            if not negated and _assures_none(folded, cue):
                return Stance.DENY
            return Stance.UNCONFIRMED if negated else Stance.CONFIRM
        if negated:
            return _BLOCKED
        after = _skip_determiners(folded, cue.end)
        previous = folded[cue.start - 1] if cue.start > 0 else ""
        by_agent = cue.end < len(folded) and folded[cue.end] == "by"  # "was denied by X"
        if (
            label in {"deny", "deny_object", "deny_noun"}
            and previous in NOT_AN_ANSWER_BEFORE
            and not by_agent
        ):
            # "asked them to deny", "were denied a penalty", "seakan membantah": no answer
            return None
        if (
            label == "deny_object"
            and folded[cue.start] == "called"
            and (cue.end < len(folded) and folded[cue.end] in {"on", "for", "upon"})
        ):
            return None  # "called on the public to ...": a request, not a label
        if (
            label == "deny_noun"
            and cue.end + 1 < len(folded)
            and folded[cue.end] == "of"
            and folded[_skip_determiners(folded, cue.end + 1)] in self.lex.non_claim
        ):
            return None  # "the denial of entry"
        if label == "deny" and folded[cue.start] in self.lex.answer_only:
            return Stance.DENY  # "membantah kapal itu mengganggu": never "refused the ship"
        if label == "deny":
            # "denied bail", "denied the ship access": refusing something, not a claim.
            first, second = [*folded[after : after + 2], "", ""][:2]
            if first in self.lex.non_claim or (
                first not in self.lex.claim_nouns | THAT and second in self.lex.non_claim
            ):
                return None
            if folded[cue.start].startswith(("deni", "deny")):
                # English "deny" also refuses: "denied the tanker Ocean Glory port access",
                # "denied the general a visa" (Indonesian refuses with "menolak").
                for w in folded[after : after + 6]:
                    if w in self.lex.claim_nouns or w in THAT:
                        break
                    if w in self.lex.non_claim:
                        return None
            return Stance.DENY
        if label in {"deny_noun", "deny_phrase", "deny_anaphoric"}:
            return Stance.DENY
        if label == "deny_object":
            window = folded[cue.end : cue.end + 5]
            has_claim = any(w in self.lex.claim_nouns or w in THAT for w in window)
            has_claim = has_claim or self._pronoun_object_of_claim(folded, cue, before)
            later_phrase = deny_phrase_at > cue.start
            return Stance.DENY if has_claim or later_phrase else None
        if label == "retract":
            return Stance.RETRACT
        if label == "retract_object":
            window = folded[cue.end : cue.end + 4]
            # "mencabut unggahannya": a claim noun with its owner's "-nya" is one too.
            nouns = self.lex.claim_nouns
            owned = any(w.endswith("nya") and w[:-3] in nouns for w in window)
            return Stance.RETRACT if owned or any(w in nouns for w in window) else None
        return None

    def _confirmer(
        self, text: str, toks: Sequence[Word], folded: Sequence[str], cues: Sequence[_Cue]
    ) -> _Attribution | None:
        """The words naming who confirmed to the teller: "X said Y had confirmed to him that
        P", "I talked with Y, who confirmed to me that P": P is Y's word, so Y answers."""
        for cue in cues:
            k = cue.end
            if (
                cue.label != "confirm"
                or k + 1 >= len(folded)
                or folded[k] not in _TO_HEARER
                or not any(w in THAT for w in folded[k + 1 : k + 4])
            ):
                continue
            that = next(i for i in range(k + 1, k + 4) if folded[i] in THAT)
            said = (that + 1, len(toks))
            end = cue.start
            while end > 0 and folded[end - 1] in AUXILIARIES:
                end -= 1
            if end > 0 and folded[end - 1] in _RELATIVE_WHO:
                # The antecedent before ", who": back to a preposition, a verb or a mark.
                end -= 1
                start = end
                while start > 0 and end - start < SPEAKER_MAX_WORDS:
                    gap = text[toks[start - 1].end : toks[start].start]
                    word = folded[start - 1]
                    if start < end and re.search(r"[,;:\"]", gap):
                        break
                    if word in _BEFORE_ANTECEDENT or self.lex.speech_verbs.match_at(
                        folded, start - 1
                    ):
                        break
                    start -= 1
                return _Attribution((start, end), said, cue.start) if end > start else None
            span = _subject_span(text, toks, folded, end)
            if span is None:
                return None
            start, stop = span
            verbs = [i for i in range(start, stop) if self.lex.speech_verbs.match_at(folded, i)]
            if verbs:
                start = verbs[-1] + 1  # "Darto said the agency had confirmed to him"
                while start < stop and folded[start] in THAT:
                    start += 1
            return _Attribution((start, stop), said, cue.start) if stop > start else None
        return None

    def _reticent(self, folded: Sequence[str], cue: _Cue | None) -> bool:
        """Whether the clause withholds rather than answers: a negation or refusal governs a
        verb of speaking or naming whose object is a topic, not a proposition ("has not
        talked with us about P", "refused to identify the buyer", "tidak mau mengungkapkan
        identitas pembelinya", "enggan membicarakan soal P"). A denial cue counts only as
        that negation itself; "tidak pernah mengatakan bahwa P" (a "that" follows) and
        "never spoke about P" still deny having said P."""
        for i in range(len(folded)):
            if not (self.lex.negation.match_at(folded, i) or folded[i] in _REFUSING):
                continue
            if cue is not None and not cue.start <= i < max(cue.end, cue.start + 1):
                continue
            j = i + 1
            while j < len(folded) and j - i <= _RETICENT_GAP and folded[j] in _MODALS:
                j += 1
            if j >= len(folded) or not _speaking(folded[j], self.lex):
                continue
            after = folded[j + 1 : j + 1 + _RETICENT_GAP]
            if _HAVING_SAID & {*folded[i:j]} and not _HEARER_LINKS & {*after[:1]}:
                continue  # "never spoke about P", "tidak pernah bicara soal P": denies saying
            topic = folded[j] in _NAMING or any(w in _TOPIC_OBJECTS for w in after)
            if topic and not THAT & set(folded[j + 1 :]):
                return True
        return False

    def _pronoun_object_of_claim(
        self, folded: Sequence[str], cue: _Cue, before: Sequence[str]
    ) -> bool:
        """ "doubted the agency's figures and rejected them", "meragukan angka itu dan
        menolaknya": a pronoun object (or "-nya") of a rejecting verb stands for the claim
        or the figures the sentence named just before; "rejected them" alone may refuse
        people or offers."""
        verb = folded[cue.end - 1]
        if not (verb.endswith("nya") or self._pronoun_at(folded, cue.end)):
            return False
        named = self.lex.claim_nouns | _FIGURE_NOUNS
        # The nearest noun that can be rejected decides: "read the report's proposals and
        # rejected them" refuses the proposals. A verb of saying ends the search: "in a
        # statement, the council said it weighed the bids and rejected them" refuses bids.
        for w in reversed([*before, *folded[: cue.start]][-_POINTED_WINDOW:]):
            if w in named:
                return True
            if w in self.lex.non_claim or self.lex.speech_verbs.match_at([w], 0):
                return False
        return False

    def _pronoun_at(self, folded: Sequence[str], i: int) -> bool:
        """Whether the word at ``i`` is an object pronoun: "them", "it", and "those" or
        "these" standing alone ("rejected those"), not before a noun ("rejected those
        proposals")."""
        if i >= len(folded) or folded[i] not in _OBJECT_PRONOUNS:
            return False
        if folded[i] in {"them", "it"} or i + 1 >= len(folded):
            return True
        return folded[i + 1] in self.lex.function_words or folded[i + 1] in stopwords()

    def _negated(self, folded: Sequence[str], start: int) -> bool:
        window_start = max(0, start - 3)
        return any(self.lex.negation.match_at(folded, i) for i in range(window_start, start))

    # -- attribution --------------------------------------------------------------
    def _attribute(
        self,
        text: str,
        toks: Sequence[Word],
        folded: Sequence[str],
        cue: _Cue | None,
        cues: Sequence[_Cue] = (),
    ) -> _Attribution:
        quotes = _quote_spans(text)
        # Whoever denies, confirms or retracts takes the stance, also when a reporter is
        # named after it: "Iran acknowledged that ..., its foreign minister said."
        stance_subject = (
            cue is not None
            and cue.label in VERB_CUES
            and not _in_quote(toks, cue.start, quotes)
            and _subject_span(text, toks, folded, cue.start) is not None
        )
        # 0. A headline that gives its speaker before a colon: "BMKG: Tidak Ada Tsunami".
        # Only for an answer or a figure: a bare headline assertion ("Seoul: Korut kirim
        # tentara") would become a claim of its own, shorter than the body's that it heads.
        colon_at = self._colon_speaker(text, toks, folded)
        answers = cue is not None or any(t.text[:1].isdigit() for t in toks)
        if colon_at is not None and answers and not stance_subject:
            return _Attribution((0, colon_at), (colon_at, len(toks)), None)
        # 1. A quote with its speaker after it: "...," kata X / "...," X said / said X.
        for i, w in enumerate(folded):
            if stance_subject or _in_quote(toks, i, quotes):
                continue
            if w not in self.lex.post_verbs and not (
                w in QUOTE_POST_VERBS and _right_after_quote(text, toks, i)
            ):
                continue
            after_punct = _after_quote_or_comma(text, toks, i)
            no_speaker_after = not w.endswith("nya") and (
                _no_speaker_after(folded, i + 1)
                or not self._speaker_shape(text, toks, folded, i + 1)
            )
            # "Fajar, the minister's press aide, said the messages were fake": no quote before,
            # the sentence opens with its subject and what follows the verb is said.
            subject_first = '"' not in text[: toks[i].start] and i + 1 < len(toks)
            if after_punct and (no_speaker_after or subject_first):
                # '"...," Budi Lestari, the district chief, said in a video.': the speaker is
                # the name before the apposition, not "in a video"; "X, the envoy, says no
                # build-up is under way": what follows is said.
                span = _appositive_subject(text, toks, i)
                if span is not None and all(
                    folded[k] in SENTENCE_LINKS for k in range(span[0], span[1])
                ):
                    span = None  # "Sebab, kata Ali, ...": a link opens it, not a subject
                if span is not None and (span[0] > 0 or subject_first):
                    quoted = _quoted_words(toks, quotes)
                    said_after = i + 1 < len(folded) and not _no_speaker_after(folded, i + 1)
                    if (folded[i + 1 : i + 2] and folded[i + 1] in THAT) or said_after:
                        content = (i + 1 + (folded[i + 1] in THAT), len(toks))
                    elif not quoted and len(toks) - i > 4:
                        # "X, who ..., said on Friday the files were real": said after a time
                        after = i + 1
                        that_at = next(
                            (
                                k
                                for k in range(after, min(len(folded), after + 8))
                                if folded[k] in THAT
                            ),
                            None,
                        )
                        if that_at is not None:
                            after = that_at + 1  # "said in a statement on Friday that P"
                        while after < len(folded) and folded[after] in _AUXILIARY_OR_THAT:
                            after += 1
                        content = (after, len(toks))
                    else:
                        content = quoted or (0, span[0])
                    return _Attribution(span, content, i)
                if no_speaker_after:
                    continue
            if after_punct:
                # '"...," kata X' / '"...," said X'
                end = _phrase_end(toks, folded, i + 1, text)
                if end > i + 1 or w.endswith("nya"):
                    content = _quoted_words(toks, quotes) or (0, i)
                    if not quotes and all(folded[k] in SENTENCE_LINKS for k in range(i)):
                        content = (end, len(toks))  # "Sebab, kata Ali, P": P is said
                    return _Attribution((i + 1, end) if end > i + 1 else None, content, i)
                continue
            # '"...," the spokesman said.' / '..., a Chinese military spokesman said on Monday.'
            if any(w in THAT for w in folded[i + 1 : i + 8]) or (
                not quotes and len(folded) - i > POST_WINDOW
            ):
                continue  # "In Jakarta, the minister said on Monday that ...": a subject
            start = _np_start_before(text, toks, i)
            if start is not None and all(folded[k] in AUXILIARIES for k in range(start, i)):
                continue  # "The ministry, in a statement, had previously said": a subject's
            if start is not None and start < i and start > 0:
                content = _quoted_words(toks, quotes) or (0, start)
                if not quotes and not _no_speaker_after(folded, i + 1):
                    content = (i + 1, len(toks))  # "however, the minister said it would ..."
                return _Attribution((start, i), content, i)
        # 2. "menurut X," / "according to X," unless a stance verb has its own subject, or
        # a speaker said it before: "X told staff that ..., according to a recording".
        speech = self.lex.speech_verbs.find(folded)  # read once for steps 2 and 4
        said_at = next(
            (k for k, _end, _label in speech if k > 0 and not _in_quote(toks, k, quotes)),
            len(folded),
        )
        for i in range(len(folded)):
            if i > said_at:
                break
            if folded[i] == "menurutnya" and not stance_subject and not _in_quote(toks, i, quotes):
                # "Menurutnya, ...": according to the one who spoke last
                content = (i + 1, len(toks)) if i < 2 else (0, i)
                return _Attribution(None, content, i)
            hit = self.lex.according.match_at(folded, i) if not stance_subject else None
            if hit and folded[i] == "per" and not _capitalised(toks, i + 1):
                hit = None  # "per liter", "per cent": not "per Reuters"
            if hit:
                end = _clause_end(toks, i + hit[0], text)
                if end > i + hit[0]:
                    content = (end, len(toks)) if i < 2 else (0, i)
                    return _Attribution((i + hit[0], end), content, i)
        # 3. A noun of denial: "penolakan dari Pyongyang bahwa ...", "Pyongyang's denial".
        if cue is not None and cue.label == "deny_noun":
            k = cue.end + (
                1
                if cue.end < len(folded) and folded[cue.end] in {"dari", "from", "by", "of"}
                else 0
            )
            end = k
            while end < len(folded) and end - k < 5 and folded[end] not in THAT | PHRASE_END:
                end += 1
            that_at = end if end < len(folded) and folded[end] in THAT else None
            content = (that_at + 1, len(toks)) if that_at is not None else (end, len(toks))
            issued = _issuer_verb_before(folded, cue.start)
            names_no_one = end > k and (
                folded[k] in DEMONSTRATIVES
                or not (
                    any(t.text[:1].isupper() for t in toks[k:end]) or is_role_phrase(folded[k:end])
                )
            )  # "menyampaikan bantahan itu guna menanggapi ...": no one's name after it
            if end > k and not (issued is not None and names_no_one):
                return _Attribution((k, end), content, cue.start)
            if issued is not None:
                # "A company spokesperson issued the denial", "Kemlu mengeluarkan bantahan":
                # the subject of the verb before the noun.
                subject = _subject_span(text, toks, folded, issued)
                if subject is not None:
                    return _Attribution(subject, content, cue.start)
            if cue.start > 0:
                return _Attribution((max(0, cue.start - 3), cue.start), content, cue.start)
        # 3b. A passive verb of saying with its agent right after it: "Kabar itu telah
        # dibenarkan Kapolres X", "dinyatakan Humas Polda sebagai hoaks", "Diakui Nadia, ...".
        for k in range(len(folded) - 1):
            if folded[k] not in PASSIVE_SAYING or _in_quote(toks, k, quotes):
                continue
            if not toks[k + 1].text[:1].isupper():
                continue
            if k > 0 and folded[k - 1] in _ASKED_BEFORE:
                continue  # "Saat dikonfirmasi, Budi membantah": asked, Budi is no agent
            end = _phrase_end(toks, folded, k + 1, text)
            while end > k + 1 and folded[end - 1] == "sebagai":
                end -= 1
            stop = next((j for j in range(k + 1, end) if folded[j] == "sebagai"), end)
            content = (stop, len(toks)) if k == 0 else (0, k)
            return _Attribution((k + 1, stop), content, k)
        # 4. Subject before a stance or speech verb: "X membantah ...", "X said that ...".
        verb = cue.start if cue is not None else None
        verb_end = cue.end if cue is not None else None
        put = _put_at(toks, folded)
        if put is not None and not _in_quote(toks, put, quotes):
            # "Police put the crowd at 5,000": an estimate, given by the subject.
            speech = sorted([*speech, (put, put + 1, "put")])
        if speech and (
            verb is None or (speech[0][0] < verb and not _in_quote(toks, speech[0][0], quotes))
        ):
            # A speech verb before the stance cue attributes the whole clause.
            first = speech[0]
            if verb is None or first[0] < verb:
                verb, verb_end = first[0], first[1]
        if cue is not None and cue.label not in VERB_CUES and verb is not None:
            # "X memastikan kabar itu tidak benar": the subject is before the first verb.
            earlier = [
                c
                for c in cues
                if c.label in VERB_CUES and c.start < verb and not _in_quote(toks, c.start, quotes)
            ]
            if earlier:
                verb, verb_end = earlier[0].start, earlier[0].end
        if verb is not None and verb_end is not None:
            if _in_quote(toks, verb, quotes):
                return _Attribution(None, (0, len(toks)), None)
            subject = _subject_span(text, toks, folded, verb)
            after = verb_end
            that_at = next(
                (k for k in range(verb_end, min(len(folded), verb_end + 10)) if folded[k] in THAT),
                None,
            )
            if that_at is not None and not _second_that(folded, verb_end, that_at):
                after = that_at + 1
            while after < len(folded) and folded[after] in _AUXILIARY_OR_THAT:
                after += 1
            passive = _passive_agent(toks, folded, verb_end, text)
            if passive is not None:
                return _Attribution(passive, (0, verb), verb)
            return _Attribution(
                subject, (after, len(toks)), verb, tail=self._tail(text, toks, folded, after)
            )
        return _Attribution(None, None, None)

    def _speaker_shape(
        self, text: str, toks: Sequence[Word], folded: Sequence[str], i: int
    ) -> bool:
        """Whether the words from ``i`` may be a speaker after ", said": a name, a
        description ("the ministry", "juru bicara"), a pronoun ("dia")."""
        if i >= len(toks):
            return False
        end = _phrase_end(toks, folded, i, text)
        return (
            any(t.text[:1].isupper() for t in toks[i:end])  # "kata seorang pejabat Korea"
            or folded[i] in DETERMINERS
            or self._pronoun(folded[i : i + 3])
            or is_role_phrase(folded[i : i + 3])
            or folded[i] in TITLES  # "kata dr. Siti"
            or not toks[i].text.isascii()
        )

    def _colon_speaker(self, text: str, toks: Sequence[Word], folded: Sequence[str]) -> int | None:
        """Where the content starts after "Speaker: ..." at the head of a clause, if the words
        before the colon name a known actor, an acronym or a role ("Polisi:", "KPU Garut:")."""
        for k in range(min(len(toks) - 2, COLON_SPEAKER_WORDS)):
            gap = text[toks[k].end : toks[k + 1].start]
            if ":" not in gap:
                continue
            head = toks[: k + 1]
            if not head[0].text[:1].isupper() or '"' in text[: toks[k].end]:
                return None
            name = all(t.text[:1].isupper() or t.lower in NAME_LINKS for t in head) and (
                bool(self.gaz.mentions(head))
                or any(len(t.text) > 1 and t.text.isupper() for t in head)
            )
            return k + 1 if name or is_role_phrase(folded[: k + 1]) else None
        return None

    def _tail(
        self, text: str, toks: Sequence[Word], folded: Sequence[str], start: int
    ) -> int | None:
        """Start of a trailing attribution after a comma: ", according to KCNA", ", kata dia"."""
        for i in range(start + 2, len(toks)):
            if not re.search(r",[\s\"']*$", text[toks[i - 1].end : toks[i].start]):
                continue
            if self.lex.according.match_at(folded, i) or folded[i] in self.lex.post_verbs:
                return i
            # ", its foreign minister said." / ", the ministry said on Monday."
            verb_at = next(
                (k for k in range(i, min(len(folded), i + 7)) if folded[k] in self.lex.post_verbs),
                None,
            )
            if verb_at is not None and len(folded) - verb_at <= 4:
                return i
        return None

    # -- speaker ------------------------------------------------------------------
    def _speaker(
        self,
        toks: Sequence[Word],
        folded: Sequence[str],
        mentions: Sequence[Mention],
        attribution: _Attribution,
        ctx: _Context,
        text: str = "",
    ) -> tuple[str | None, str | None, str | None]:
        """(display name, actor id, the phrase as written) of the clause's speaker (``text``:
        the clause, where a word in brackets is a gloss, not a word of the name)."""
        previous = (ctx.last_speaker, ctx.last_actor, ctx.last_phrase)
        span = attribution.speaker_words
        verb = folded[attribution.verb] if attribution.verb is not None else ""
        if verb.endswith("nya") and (verb in self.lex.post_verbs or verb == "menurutnya"):
            # "tambahnya", "katanya", "menurutnya"; not "X membantahnya"
            return ctx.introduced or previous
        if span is None:
            return None, None, None
        a, b = trim_speaker_span(folded, *span)
        # "Reuters kemudian memuat berita yang menyebut", "Indonesia has branded": the subject
        # ends where the words between a subject and its verb begin.
        # "sambung Ali menekankan": nor does it hold a verb of saying.
        b = next(
            (
                k
                for k in range(a + 1, b)
                if toks[k].text[:1].islower()
                and (
                    folded[k] in CLAUSE_AUXILIARIES
                    or self.lex.speech_verbs.match_at(folded, k) is not None
                    or (toks[k - 1].text[:1].isupper() and _verb_form(folded[k]))
                )
            ),
            b,
        )
        while b - a > 1 and folded[b - 1] in _COPULAS:
            b -= 1  # "The port authority is (now saying)": the verb's, not the name's
        if a >= b:
            return None, None, None
        written = _trim_speaker(" ".join(t.text for t in toks[a:b]))
        inside = [m for m in mentions if a <= m.start < b]
        if inside:
            first = inside[0]
            body = next(
                (
                    m
                    for m in inside[1:]
                    if first.actor.kind == "country"
                    and m.actor.kind != "person"
                    and self.gaz.root(m.actor.id).id == first.actor.id
                ),
                None,
            )
            if body is not None:
                # "the Harbor Authority's Safety Office", "Korea Selatan melalui Kemenhan":
                # the body of that state, not the state.
                identity = self.gaz.speaker(body.actor.id)
                ctx.known.append((written, identity.name, identity.id))
                return identity.name, identity.id, written
            if first.actor.kind == "country" and (
                _names_a_body(folded, a, first, b) or ends_an_organisation(toks, first.start)
            ):
                # "Japanese media", "Indonesian e-commerce firm X", "perusahaan asal Korea
                # X": a firm or an outlet of the country, not its state.
                ctx.names.append(written)
                return written, None, written
            surname = self._surname_of_another(toks, first, ctx)
            if surname is not None:
                return surname, None, surname
            identity = self.gaz.speaker(first.actor.id)
            possessor = first.end < b and toks[first.end - 1].text.lower().endswith(
                ("'s", "\u2019s")
            )
            if identity.kind == "person" and (
                possessor
                or (
                    first.start > a
                    and not all(folded[k] in NAME_TITLES for k in range(a, first.start))
                )
            ):
                # "pejabat di kantor Presiden Yoon", "Putin's spokesman": an official speaks
                # for the country; "President Joko Widodo" is the president himself.
                identity = self.gaz.root(first.actor.id)
            if identity.kind != "country" or first.start == a:
                ctx.known.append((written, identity.name, identity.id))
            return identity.name, identity.id, written
        phrase = folded[a:b]
        if (
            b - a >= 2
            and phrase[-1] in OBJECT_CLAUSE_PRONOUNS
            and phrase[-2] in OBJECT_CLAUSE_OPENERS
            and ctx.sentence_subject is not None
        ):
            # "The palace voiced dismay at what it called false": the pronoun of
            # the clause is the sentence's subject.
            identity = self.gaz.speaker(ctx.sentence_subject.actor.id)
            return identity.name, identity.id, None
        if self._pronoun(phrase) and not self._named_after_pronoun(toks, phrase, a, b):
            subject = ctx.sentence_subject
            if subject is not None and subject.start < a and phrase[0] in {"mereka", "they"}:
                identity = self.gaz.speaker(subject.actor.id)
                return identity.name, identity.id, None
            if previous[0] is None and is_role_phrase(phrase):
                return written, None, written  # "the ministry said" with no one before it
            if previous[0] is None and ctx.previous_opening and phrase[0] in {"mereka", "they"}:
                # "Polres X merasa resah ... Mereka pun membantah ...": the body named before
                return ctx.previous_opening, None, ctx.previous_opening
            if phrase[0] in _PERSON_PRONOUNS and ctx.introduced is not None:
                return ctx.introduced  # the person named since the last speaker
            return previous
        if (
            phrase[0] == "the"
            and 2 <= len(phrase) <= 3
            and phrase[-1] in PERSON_ROLES
            and not any(t.text[:1].isupper() for t in toks[a + 1 : b])
            and ctx.attributed_before
            and previous[0] is not None
            and _a_persons_name(previous[2] or previous[0])
        ):
            # "Peter Brandt, the club's finance chief, apologised. Later the board member
            # had claimed ...": the person just named, under a role.
            return previous
        capitals = sum(t.text[:1].isupper() for t in toks[a:b])
        # "satuan pengamanan (satpam)": an abbreviation in brackets repeats the words before it.
        glosses = sum(text[toks[k].start - 1 : toks[k].start] == "(" for k in range(a + 1, b))
        if capitals and (b - a - glosses <= 8 or capitals * 2 > b - a):
            # Kept as written, whoever it is: a long name counts ("Otoritas Jasa Keuangan").
            known = _named_before(written, ctx.known)
            if known is not None:
                # "Navy spokesman Captain Mark Ellison" then "Capt. Mark Ellison": one
                # speaker, the body he speaks for (named as the article names him here).
                return written, known[2], written
            ctx.names.append(written)
            return written, None, written
        if is_role_phrase(phrase):
            return written, None, written  # "the board member": a speaker, if unnamed
        return None, None, None

    def _subject_before_verb(
        self,
        toks: Sequence[Word],
        folded: Sequence[str],
        mentions: Sequence[Mention],
        ctx: _Context,
    ) -> tuple[str | None, str | None, str | None] | None:
        """The speaker the words before a clause's first verb name ("Pengelola akun X
        meminta maaf"), where they are a name or a role."""
        verb = next(
            (k for k in range(1, min(len(folded), SPEAKER_MAX_WORDS + 1)) if _verb_like(folded[k])),
            None,
        )
        if verb is None:
            return None
        found = self._speaker(toks, folded, mentions, _Attribution((0, verb), None, verb), ctx)
        return found if found[0] is not None and found[2] is not None else None

    def _introduced(
        self,
        text: str,
        toks: Sequence[Word],
        folded: Sequence[str],
        mentions: Sequence[Mention],
        ctx: _Context,
    ) -> tuple[str | None, str | None, str | None] | None:
        """The person a sentence with no speaker opens with, by name or by role ("Budi
        Hartono, the club's director, met reporters", "Seorang penjaga toko datang"). Not
        where the sentence is negated or withholds ("X declined to comment", "X belum
        memberikan keterangan"): a person who said nothing is not whom "he said" means."""
        if text.lstrip()[:1] in "\"'\u201c\u2018" or self.lex.negation.find(folded):
            return None
        verb = next(
            (k for k in range(1, min(len(folded), SPEAKER_MAX_WORDS + 1)) if _verb_like(folded[k])),
            None,
        )
        comma = next(
            (k for k in range(1, len(toks)) if "," in text[toks[k - 1].end : toks[k].start]),
            None,
        )
        ends = [k for k in (verb, comma) if k is not None]
        if not ends or self._pronoun(folded[:3]):
            return None
        end = min(ends)
        a, b = trim_speaker_span(folded, 0, end)
        if a >= b:
            return None
        inside = [m for m in mentions if a <= m.start < b]
        if inside:
            person = inside[0].start == a and inside[0].actor.kind == "person"
        else:
            named = all(t.text[:1].isupper() for t in toks[a:b]) and 2 <= b - a <= 4
            person = (
                named
                or folded[b - 1] in PERSON_ROLES
                or any(w in _ID_PERSON_ROLES for w in folded[a : a + 3])
            )
        if not person:
            return None
        found = self._speaker(toks, folded, mentions, _Attribution((a, b), None, None), ctx, text)
        return found if found[0] is not None and found[2] is not None else None

    def _subject_before_pronoun(
        self,
        toks: Sequence[Word],
        folded: Sequence[str],
        mentions: Sequence[Mention],
        attribution: _Attribution,
        ctx: _Context,
    ) -> tuple[str | None, str | None, str | None] | None:
        """The subject of a retraction told through a verb and a pronoun ("X admitted on
        Friday he had misspoken", "X mengaku dia salah ucap"): the words before the first
        verb of a speaker span that ends in the pronoun."""
        assert attribution.speaker_words is not None
        a, b = attribution.speaker_words
        if b - a < 3 or not self._pronoun(folded[b - 1 : b]):
            return None
        verb = next((k for k in range(a + 1, b - 1) if _verb_like(folded[k])), None)
        if verb is None:
            return None
        found = self._speaker(toks, folded, mentions, _Attribution((a, verb), None, verb), ctx)
        return found if found[0] is not None and found[2] is not None else None

    def _surname_of_another(
        self, toks: Sequence[Word], mention: Mention, ctx: _Context
    ) -> str | None:
        """A speaker named by one word that the gazetteer gives to someone else ("Yoon",
        "Lee"), when the article named a person of that name before ("Kim Dae-ho"):
        that person, as written."""
        if mention.actor.kind != "person" or mention.end - mention.start != 1:
            return None
        word = match_key(toks[mention.start].text)
        own = {w for name in self.gaz.names(mention.actor.id) for w in name if len(name) > 1}
        for earlier in reversed(ctx.names):
            named = name_words(earlier)
            if word in named and len(named) > 1 and not set(named) <= own:
                return earlier
        return None

    def _named_after_pronoun(
        self, toks: Sequence[Word], phrase: Sequence[str], a: int, b: int
    ) -> bool:
        """Whether a name follows the words that point back: "the ministry spokesman Budi
        Hartono" names its speaker; "the ministry" alone points back."""
        for i in range(min(len(phrase), 3)):
            hit = self.lex.pronouns.match_at(phrase, i)
            if hit is not None:
                return any(t.text[:1].isupper() for t in toks[a + i + hit[0] : b])
        return False

    def _pronoun(self, phrase: Sequence[str]) -> bool:
        return any(self.lex.pronouns.match_at(phrase, i) for i in range(min(len(phrase), 3)))

    # -- target of a denial or confirmation --------------------------------------------
    def _target(
        self,
        toks: Sequence[Word],
        folded: Sequence[str],
        mentions: Sequence[Mention],
        stance: Stance,
        cue: _Cue | None,
        content_words: list[int],
        lang: str = "en",
    ) -> tuple[list[str], bool, bool, set[int]]:
        """Whose claim an answer answers, whether it is an unattributed report or rumour,
        whether it only points back at a claim stated elsewhere, and the words that name
        the claim rather than say it ("reports that", "tudingan DPRD bahwa")."""
        if stance not in {Stance.DENY, Stance.CONFIRM, Stance.RETRACT, Stance.UNCONFIRMED}:
            return [], False, False, set()
        start = cue.end if cue is not None else 0
        nouns = self.lex.claim_nouns
        # The claim noun after the cue: "tuduhan Korea Selatan bahwa ...", "Seoul's claim";
        # a retraction's own, with "-nya": "mencabut unggahannya yang menyebut ...".
        noun_at = next(
            (
                i
                for i in range(start, min(len(folded), start + 8))
                if (
                    folded[i] in nouns
                    or (
                        stance is Stance.RETRACT
                        and folded[i].endswith("nya")
                        and folded[i][:-3] in nouns
                    )
                )
                and folded[i] not in TOPIC_CUES
            ),
            None,
        )
        if noun_at is not None and any(w in CLAUSE_MARKERS for w in folded[start:noun_at]):
            # "memastikan Presiden tidak akan terpengaruh rumor": the noun is inside the
            # proposition confirmed, not the claim it answers.
            noun_at = None
        end = len(folded)
        before = False
        if noun_at is None and cue is not None:
            # Or before it, as the subject of the denial: "Kabar penutupan pabrik itu hoaks",
            # "Beijing's claim of P was not true", "the report was dismissed".
            in_content = set(content_words)
            noun_at = next(
                (
                    i
                    for i in range(cue.start)
                    if i in in_content
                    and (folded[i] in self.lex.claim_nouns or _circulating_what(folded, i))
                ),
                None,
            )
            end = cue.start
            before = noun_at is not None
        targets: list[str] = []
        rumour = False
        claim_words: set[int] = set()
        proposition = False
        if noun_at is not None:
            stop = next(
                (
                    i
                    for i in range(noun_at + 1, min(end, noun_at + 8))
                    if folded[i] in THAT or _claim_link(folded, i)
                ),
                min(end, noun_at + 8),
            )
            # "Beijing's claim", "the Japanese paper's report"; never the speaker before the cue.
            first = max(0 if before else start, noun_at - 2)
            in_content = set(content_words)
            # After the noun, only the accusers that follow it at once ("tuduhan Korea
            # Selatan dan Amerika Serikat bahwa", "claims by Seoul"), not "a report
            # targeting China".
            by_start = {m.start: m for m in mentions}
            k = noun_at + 1
            while k < stop:
                if k in by_start:
                    k = by_start[k].end
                elif folded[k] in ACCUSER_LINKS | DETERMINERS | {"by", "from", "dari", "oleh"}:
                    k += 1
                else:
                    break
            for m in mentions:
                if first <= m.start < k and (m.start in in_content or not before):
                    root = self.gaz.identity(m.actor.id).id
                    if root not in targets:
                        targets.append(root)
                    claim_words.update(range(m.start, m.end))
            if not targets:
                named = _name_after(toks, folded, noun_at + 1, stop)
                if named is not None:
                    # "membantah pernyataan Rudi yang menyebut ...": a claimant the
                    # gazetteer does not know, kept as the speaker identity would be.
                    targets.append(match_key(" ".join(t.text for t in toks[named[0] : named[1]])))
                    claim_words.update(range(*named))
            rumour = not targets and (
                folded[noun_at] in self.lex.rumour_nouns or _circulating_what(folded, noun_at)
            )
            skip = self.lex.function_words | stopwords() | CLAIM_LINKS | CIRCULATING
            said = [
                i
                for i in content_words
                if noun_at < i < end
                and i not in claim_words
                and folded[i] not in skip
                and folded[i] not in self.lex.claim_nouns
            ]
            # Said, not only named: "reports that P", "talk of N", "kabar PHK massal"
            # (Indonesian puts the noun phrase right after), not "the reports from Seoul".
            k = noun_at + 1
            while k < end and (k in claim_words or folded[k] in DETERMINERS | ACCUSER_LINKS):
                k += 1
            # "berita sebuah media soal P": a link a few words on, not "on" ("reports,
            # shared widely on WhatsApp") nor a preposition after a verb ("reports
            # suggesting warships might dock at ...").
            near_link = (
                stop < end
                and stop - noun_at <= NEAR_LINK_WORDS
                and _claim_link(folded, stop)
                and folded[stop] not in {"on", "over", "of"}
            )
            linked = (
                (k < end and _claim_link(folded, k))
                or near_link
                or any(folded[i] in THAT for i in range(noun_at, end))
            )
            direct = lang == "id" and k < end and k in said
            # "talk of a coup": one word suffices after "of"; a bare phrase needs two.
            proposition = (len(said) >= 2 or (linked and len(said) == 1)) and (linked or direct)
            if proposition and _leads(content_words, noun_at, folded):
                # The words before the proposition name the claim: drop them.
                claim_words.update(i for i in content_words if i <= noun_at)
                k = noun_at + 1
                while k < stop and (k in claim_words or folded[k] in DETERMINERS):
                    claim_words.add(k)
                    k += 1
                if near_link:
                    # "berita sebuah media soal P": what names the report goes too
                    claim_words.update(range(k, stop))
                    k = stop
                while k < len(folded) and (folded[k] in THAT or _claim_link(folded, k)):
                    claim_words.add(k)
                    k += 1
            else:
                claim_words = set()
        # "membantah adanya pertemuan itu": "adanya" (the existence of) says nothing itself.
        skip = self.lex.function_words | stopwords() | {"adanya"}
        substantive = [i for i in content_words if folded[i] not in skip]
        # "menolak pernyataan Seoul", "rejected the allegation as false": no proposition of
        # its own, whatever follows; it answers a claim made elsewhere.
        names_claim_only = noun_at is not None and not proposition
        anaphoric = cue is not None and cue.label == "deny_anaphoric" and not proposition
        refers_back = len(substantive) < 2 or names_claim_only or anaphoric
        verb = cue is not None and cue.label in {"deny", "deny_object", "deny_noun"}
        past = cue is not None and any(
            w in PAST_MARKERS for w in folded[max(0, cue.start - 3) : cue.start]
        )
        if stance is Stance.DENY and verb and not past and not refers_back and not targets:
            # "denied sending invitations", "rejected accusations that P": a claim made by
            # no one named here is answered as a report.
            rumour = True
        return targets, rumour, refers_back, claim_words


# -- helpers ------------------------------------------------------------------------------
def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Positions of the quote marks that open and close each quote, in order."""
    positions = [m.start() for m in re.finditer('"', text)]
    return [(positions[i], positions[i + 1]) for i in range(0, len(positions) - 1, 2)]


# Before a denial phrase, part of the predicate: "was not true", "dinyatakan sebagai hoaks".
PREDICATE_MARKERS = frozenset(
    """
    is was are were be been being as has have had dinyatakan disebut dipastikan dianggap
    adalah merupakan sebagai absolutely completely totally simply just entirely utterly
    clearly certainly all sudah pasti jelas memang
    """.split()
)
# A pronoun subject that makes the denial point back: "It's not true", "Itu hoaks".
# Negations and modals: a clause of its own has begun after the stance verb.
CLAUSE_MARKERS = frozenset("tidak tak belum akan bakal not will would never won't".split())
# Adjectives that only strengthen a denial noun: "a complete fabrication", "a total lie".
INTENSIFIERS = frozenset("complete total absolute pure utter sheer outright blatant".split())
POINTING_SUBJECTS = frozenset("it it's that that's this this's itu ini hal".split())


def _predicate_cue(
    found: tuple[int, int, str], folded: Sequence[str], text: str, toks: Sequence[Word]
) -> _Cue:
    """A denial phrase with its copula and adverbs ("was absolutely not true"), and, when
    a bare pronoun opens the sentence or the quote ("It's not true"), pointing back."""
    start, end, label = found
    before = text[toks[start - 1].end : toks[start].start] if start else ""
    after = text[toks[end - 1].end : toks[end].start] if end < len(toks) else text[toks[-1].end :]
    alone = (start == 0 or bool(re.search(r"[\":]", before))) and (
        end == len(toks) or bool(re.search(r"[\".,!]", after))
    )
    if alone and label == "deny_phrase":
        return _Cue(start, end, label, alone=True)
    last_word_only = folded[end - 1] in LAST_WORD_CUES and not (
        end == len(folded) or folded[end] in _ANSWER_AFTER
    )
    if label != "deny_phrase" or last_word_only:
        return _Cue(start, end, label)  # "salah satu": left to _predicative to refuse
    while start > 0 and (
        folded[start - 1] in PREDICATE_MARKERS
        or (
            folded[start - 1] in {"a", "an"}
            and start > 1
            and folded[start - 2] in PREDICATE_MARKERS
        )
        or (
            # "is a complete fabrication", "was an outright lie"
            folded[start - 1] in INTENSIFIERS
            and start > 2
            and folded[start - 2] in {"a", "an"}
            and folded[start - 3] in PREDICATE_MARKERS
        )
    ):
        start -= 1  # "were a hoax", "is absolutely not true"
    if start > 0 and folded[start - 1] in POINTING_SUBJECTS:
        k = start - 1
        opens = k == 0 or re.search(r"[\".;:,]", text[toks[k - 1].end : toks[k].start])
        if opens:
            return _Cue(k, end, "deny_anaphoric")
    return _Cue(start, end, label)


# Denial words that are also nouns of a topic ("penyebaran hoaks", "spreading
# disinformation"): they deny only as a predicate.
TOPIC_CUES = frozenset(
    """
    hoaks hoax propaganda disinformasi disinformation misinformation fitnah rekayasa salah
    """.split()
)
LAST_WORD_CUES = frozenset({"salah", "bohong"})
TOPIC_PHRASES = frozenset(
    {("fake", "news"), ("berita", "bohong"), ("kabar", "bohong"), ("berita", "palsu")}
)
ATTRIBUTIVE_CUES = frozenset({"false"})  # "the false issue" is no denial; "is false" is
CLAIM_NOUN_HINTS = frozenset(
    """
    report reports claim claims allegation allegations story rumour rumours rumor rumors
    it them this that
    """.split()
)  # a denial only as the last word of its clause
# Words after which such a noun is a predicate: "kabar itu hoaks", "adalah hoaks",
# "called it disinformation", "hoaks alias tidak benar".
_PREDICATE_BEFORE = PREDICATE_MARKERS | POINTING_SUBJECTS | {"tersebut", "them", "alias", "atau"}
_ANSWER_AFTER = frozenset("alias atau belaka semata kata ujar tegas said says".split())
_TOPIC_AFTER = frozenset("seputar soal tentang terkait mengenai about on regarding yang".split())


def _predicative(folded: Sequence[str], cue: _Cue) -> bool:
    """Whether a topic-like denial noun is said of something rather than talked about."""
    head = folded[cue.end - 1]
    if cue.alone or folded[cue.start] in PREDICATE_MARKERS:
        return True  # '"Hoaks," kata X', ': "fake news."', "found it to be false"
    k = cue.start - 1
    while k >= 0 and folded[k] in {"a", "an", "sebuah", "suatu"}:
        k -= 1  # "were a hoax"
    before = folded[k] if k >= 0 else ""
    if tuple(folded[cue.start : cue.end]) in TOPIC_PHRASES or head in ATTRIBUTIVE_CUES:
        # "spreading fake news", "the false issue": said of a noun, not of a claim, unless
        # a claim noun or a copula stands before ("the report false", "is false").
        return (
            before in _PREDICATE_BEFORE
            or before in CLAIM_NOUN_HINTS
            or (cue.start == 0 and (cue.end == len(folded) or folded[cue.end] in _ANSWER_AFTER))
        )
    if head in LAST_WORD_CUES:
        # "informasi tersebut salah" denies; "salah satu", "salah tangkap" do not.
        return cue.end == len(folded) or folded[cue.end] in _ANSWER_AFTER
    if cue.end - cue.start > 1 or head not in TOPIC_CUES:
        return True  # "was fake", "tidak benar", "berita bohong" with its copula: a predicate
    if cue.end < len(folded) and folded[cue.end] in _TOPIC_AFTER:
        return False  # "hoaks seputar vaksin"
    if before in {"atau", "alias", "or"} and k >= 2 and tuple(folded[k - 2 : k]) in TOPIC_PHRASES:
        # "penyebaran kabar bohong atau hoaks": a second name of the same topic.
        prior = folded[k - 3] if k >= 3 else ""
        return prior in _PREDICATE_BEFORE or prior in CLAIM_NOUN_HINTS
    if cue.start == 0:
        # '"Hoaks," kata X' answers; "Hoaks terbaru soal vaksin beredar" is a subject.
        return cue.end == len(folded) or folded[cue.end] in _ANSWER_AFTER
    return before in _PREDICATE_BEFORE


# A quote that opens with a yes: "Iya, benar", "Ya betul", "Benar,", "Saya benarkan".
_YES = frozenset({"iya", "ya"})
_TRUE = frozenset({"benar", "betul"})
_I_CONFIRM = frozenset({"benarkan", "konfirmasi"})


# "memastikan tidak ada X", "memastikan, pada Minggu dini hari tidak terjadi X": assuring
# that something is not there denies it (not "membenarkan", which owns up to a fact).
_ASSURE = frozenset({"memastikan", "dipastikan"})
_NONE = frozenset({("tidak", "ada"), ("tak", "ada"), ("tidak", "terjadi"), ("tak", "terjadi")})
_NONE_WINDOW = 8  # "bahwa" and a time or place between the verb and "tidak ada"


def _assures_none(folded: Sequence[str], cue: _Cue) -> bool:
    """Whether an assuring verb says that what follows does not exist or did not happen,
    with nothing but a time or place between ("pada Minggu dini hari tidak terjadi ...")."""
    if folded[cue.start] not in _ASSURE:
        return False
    for k in range(cue.end, min(len(folded) - 1, cue.end + _NONE_WINDOW)):
        if (folded[k], folded[k + 1]) in _NONE:
            return True
        w = folded[k]
        if w.startswith(("me", "ber", "di")) and len(w) > 5:
            return False  # "memastikan polisi menemukan tidak ada ...": another clause
    return False


# A quote that opens with a no and a comma: "Bukan, bukan begitu", "Tidak, kami tidak ...".
_NO = frozenset(
    {"bukan", "tidak", "enggak", "nggak", "gak", "tak", "bukanlah", "tidaklah", "nggaklah"}
)


def _no_answer(clause_text: str, toks: Sequence[Word]) -> bool:
    """Whether a quoted clause opens by answering no ("Bukan, ..."): the bare word and a
    comma, not "Tidak ada ..." that says something of its own."""
    if len(toks) < 2 or clause_text.lstrip()[:1] not in {'"', "“"}:
        return False
    first = toks[0]
    return match_key(first.text) in _NO and clause_text[first.end : first.end + 1] == ","


def _yes_answer(clause_text: str, folded: Sequence[str]) -> bool:
    """Whether a quoted clause opens by answering yes to what the speaker was asked."""
    if len(folded) < 2 or clause_text.lstrip()[:1] not in {'"', "“"}:
        return False
    first, second = folded[0], folded[1]
    if first in _YES:
        return second in _TRUE
    if first in {"saya", "kami"}:
        return second in _I_CONFIRM
    return (
        first in _TRUE
        and second not in _TRUE
        and not clause_text.lstrip()[1:].startswith(f"{first}-")
    )


# "apa yang tersebar di grup soal P", "what was circulating online about P": a free
# relative that names a rumour as a noun would ("kabar yang beredar ...").
_WHAT = frozenset({"apa", "what"})
_WHAT_AUXILIARIES = frozenset("yang was is has have had been are were".split())


def _circulating_what(folded: Sequence[str], i: int) -> bool:
    """Whether "apa"/"what" at ``i`` opens "what (was) circulating": a rumour, unnamed."""
    if folded[i] not in _WHAT:
        return False
    k = i + 1
    while k < len(folded) and k <= i + 3 and folded[k] in _WHAT_AUXILIARIES:
        k += 1
    return k > i + 1 and k < len(folded) and folded[k] in CIRCULATING


def _claim_link(folded: Sequence[str], i: int) -> bool:
    """A word that leads from a claim noun to what it says; "yang" only before a verb of
    saying ("pernyataan Rudi yang menyebut ..."), not before "beredar"."""
    if folded[i] == "yang":
        return i + 1 < len(folded) and folded[i + 1] in CLAIM_LINKS
    return folded[i] in CLAIM_LINKS


# "saat dikonfirmasi", "untuk dimintai konfirmasi": asked, not confirming; "perlu diakui":
# a concession of the writer; "admitted to hospital": taken in.
_ASKED_BEFORE = frozenset(
    "saat ketika sewaktu waktu usai setelah untuk dimintai meminta minta mau".split()
)
_OWED_BEFORE = frozenset("perlu harus patut mesti layak".split())
_TAKEN_IN_AFTER = frozenset("hospital ke into rumah".split())
_ANSWER_TO = frozenset("atas terhadap".split())


def _not_a_confirmation(folded: Sequence[str], cue: _Cue) -> bool:
    before = folded[cue.start - 1] if cue.start > 0 else ""
    following = folded[cue.end : cue.end + 3]
    head = folded[cue.start]
    if head in {"dikonfirmasi", "konfirmasi"} and before in _ASKED_BEFORE:
        return True
    if checks_rather_than_confirms(folded, cue.start, cue.end):
        return True  # "untuk memastikan", "sudah mengonfirmasi ke X apakah ..."
    if head == "konfirmasi" and following[:1] and following[0] in _ANSWER_TO:
        return True  # "sebagai konfirmasi atas berita itu": a reply to the report, either way
    if head.startswith("diakui") and before in _OWED_BEFORE:
        return True
    return head.startswith("admit") and any(w in _TAKEN_IN_AFTER for w in following)


def _opening_name(toks: Sequence[Word], text: str = "") -> str | None:
    """The capitalised name that opens a sentence and is followed by a lowercase word
    ("Polres Sukamaju merasa ..."), at least two words long; also after a
    time or place set off by a comma ("Di awal tahun ini, Polda Metro Jaya menangkap")."""
    name = _opening_name_at(toks)
    if name is None and text:
        comma = next(
            (
                k
                for k in range(1, min(len(toks), 8))
                if "," in text[toks[k - 1].end : toks[k].start]
            ),
            None,
        )
        if comma is not None:
            name = _opening_name_at(toks[comma:])
    return name


def _opening_name_at(toks: Sequence[Word]) -> str | None:
    end = 0
    while end < len(toks) and end < SPEAKER_MAX_WORDS and toks[end].text[:1].isupper():
        end += 1
    if end < 2 or end >= len(toks):
        return None
    return " ".join(t.text for t in toks[:end])


def _leads(content_words: Sequence[int], noun_at: int, folded: Sequence[str]) -> bool:
    """Whether the claim noun opens the content (after determiners and a possessor)."""
    k = noun_at - 1
    while k >= 0 and folded[k] in DETERMINERS and folded[k] not in THAT:
        k -= 1
    if k >= 0 and folded[k] in THAT:
        return True  # "he told me that reports suggesting P are not true"
    before = [i for i in content_words if i < noun_at]
    return len(before) <= 2 and all(
        folded[i] in DETERMINERS or folded[i].endswith("'s") or i >= noun_at - 2 for i in before
    )


def _name_after(
    toks: Sequence[Word], folded: Sequence[str], start: int, stop: int
) -> tuple[int, int] | None:
    """A capitalised name right after a claim noun ("pernyataan Rudi Hartono yang ..."),
    after "by"/"from"/"dari" in English ("claims by Jones")."""
    if start < stop and folded[start] in {"by", "from", "dari", "oleh"}:
        start += 1
    end = start
    while end < stop and toks[end].text[:1].isupper():
        end += 1
    return (start, end) if end > start else None


def _parenthetical(sentence: str, toks: Sequence[Word], i: int) -> bool:
    """Whether word ``i`` stands between commas (", however,")."""
    after = sentence[toks[i].end : toks[i + 1].start] if i + 1 < len(toks) else ""
    return _last_char_before(sentence, toks[i].start) == "," and "," in after


def _quote_only(sentence: str) -> bool:
    """Whether every word of the sentence stands inside quotes."""
    quotes = _quote_spans(sentence)
    return bool(quotes) and all(_in_quotes(quotes, w.start) for w in words(sentence))


def _in_quotes(quotes: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies strictly inside one of the quotes (sorted, disjoint spans): a
    binary search, as a sentence may hold thousands of quotes and words to test."""
    k = bisect.bisect_left(quotes, (pos,))  # the spans before k open before pos
    return k > 0 and pos < quotes[k - 1][1]


def _in_quote(toks: Sequence[Word], i: int, quotes: Sequence[tuple[int, int]]) -> bool:
    return _in_quotes(quotes, toks[i].start)


def _last_char_before(text: str, pos: int) -> str:
    """The character ``text[:pos].rstrip()`` ends with ("" if none), without copying the
    text before ``pos``: that copy, once per word, made a long sentence quadratic."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _quoted_words(
    toks: Sequence[Word], quotes: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    if not quotes:
        return None
    a, b = quotes[0][0], quotes[-1][1]
    inside = [i for i, t in enumerate(toks) if a < t.start < b]
    return (inside[0], inside[-1] + 1) if inside else None


def _after_quote_or_comma(text: str, toks: Sequence[Word], i: int) -> bool:
    """A post-position verb stands after a quote or a comma (", kata X"), or after
    "demikian"/"begitu" that follows one ('"...," demikian kata X')."""
    if (
        i > 0
        and toks[i - 1].lower in {"demikian", "begitu"}
        and not text[toks[i - 1].end : toks[i].start].strip()
    ):
        i -= 1  # not '"Bukan begitu," kata X', where the quote closes after it
    return _last_char_before(text, toks[i].start) in ('"', ",", "'", "!", "?")


def _span_end(
    toks: Sequence[Word],
    start: int,
    text: str,
    *,
    max_words: int,
    boundary: str,
    stop_words: frozenset[str] = frozenset(),
    folded: Sequence[str] = (),
) -> int:
    """End of a phrase starting at ``start``: before punctuation in ``boundary``, before a
    stop word (not the first), or after ``max_words`` words."""
    end = start
    while end < len(toks) and end - start < max_words:
        if end > start and folded and folded[end] in stop_words:
            inside_name = (
                folded[end] in {"dan", "and"}
                and end + 1 < len(toks)
                and toks[end - 1].text[:1].isupper()
                and toks[end + 1].text[:1].isupper()
            )
            if not inside_name:  # "Kepala Bagian Humas dan Protokol" goes on
                break
        end += 1
        if end >= len(toks):
            break
        gap = text[toks[end - 1].end : toks[end].start]
        if gap.strip() == "." and toks[end - 1].lower in TITLES:
            continue  # "kata dr. Siti Nadia", "said Gen. Smith": a title, not an end
        if re.search(boundary, gap):
            break
    return end


def _phrase_end(toks: Sequence[Word], folded: Sequence[str], start: int, text: str) -> int:
    """End of a speaker after "kata"/"said": "kata X pada ...", "said X, ..."."""
    end = _span_end(
        toks,
        start,
        text,
        max_words=POST_WINDOW,
        boundary=r"[,.;:\"()]",
        stop_words=PHRASE_END,
        folded=folded,
    )
    # A long title ends with its name: "kata Kepala Bagian Humas dan Protoyanan Publik
    # Kemenkes Siti Aminah".
    grown = end == start + POST_WINDOW
    while (
        grown
        and end < len(toks)
        and end - start < SPEAKER_MAX_WORDS
        and toks[end].text[:1].isupper()
        and not re.search(r"[,.;:\"()]", text[toks[end - 1].end : toks[end].start])
    ):
        end += 1
    return end


def _clause_end(toks: Sequence[Word], start: int, text: str) -> int:
    """End of an "according to X" phrase: the next comma or the end, at most 12 words."""
    return _span_end(toks, start, text, max_words=SPEAKER_MAX_WORDS, boundary=r"[,;:\"()]")


def _np_start_before(text: str, toks: Sequence[Word], i: int) -> int | None:
    """Start of a short noun phrase before word ``i`` that follows a quote or comma."""
    j = i
    while j > 0 and i - j < 7:
        gap = text[toks[j - 1].end : toks[j].start]
        if re.search(r"[,\"]", gap):
            return j
        j -= 1
    return None


def _no_speaker_after(folded: Sequence[str], i: int) -> bool:
    """After ", said": nothing, or a circumstance ("said in a statement", "said on
    Monday"): the speaker stands before the verb."""
    return i >= len(folded) or folded[i] in PHRASE_END or folded[i] in THAT


def _segment_start(
    text: str, toks: Sequence[Word], end: int, max_words: int = SPEAKER_MAX_WORDS
) -> int:
    """Start of the words before ``end`` back to a comma, quote or colon (at most 12),
    whatever stands right before ``end``; commas inside brackets ("Badan Meteorologi
    (Meteorologi, Klimatologi, dan Geofisika)") do not end it."""
    closing = text[toks[end - 1].end : toks[end].start] if end < len(toks) else ""
    depth = 0
    for ch in reversed(closing):  # read right to left: ")" opens a bracket, "(" closes it
        depth += (ch == ")") - (ch == "(")
    start = end - 1
    while start > 0 and end - start < max_words:
        ends = False
        for ch in reversed(text[toks[start - 1].end : toks[start].start]):
            depth += (ch == ")") - (ch == "(")
            if depth <= 0 and ch in ',;:"':
                ends = True
                break
        if ends:
            break
        start -= 1
    return start


def _outside_brackets(text: str, toks: Sequence[Word], start: int, end: int) -> list[Word]:
    out: list[Word] = []
    depth = 0
    for k in range(start, end):
        if k > start:
            gap = text[toks[k - 1].end : toks[k].start]
            depth += gap.count("(") - gap.count(")")
        if depth <= 0:
            out.append(toks[k])
    return out


def _appositive_subject(text: str, toks: Sequence[Word], verb: int) -> tuple[int, int] | None:
    """The subject of "Name, the role, said": the name when it is one (capitalised, short),
    else the role between the commas."""
    role_start = _segment_start(text, toks, verb, APPOSITION_MAX_WORDS)
    relative = role_start < verb and toks[role_start].lower in RELATIVES
    if role_start < verb and role_start > 0 and (relative or _connective(toks[role_start:verb])):
        # "The city's police, however, confirmed": the subject stands before the connective.
        start = _segment_start(text, toks, role_start)
        end = role_start
        if relative and 0 < start < end and _connective(toks[start:end]):
            # "Somchai, however, whom the board named finance chief, waved off ...": both.
            start, end = _segment_start(text, toks, start), start
        phrase = toks[start:end]
        if end != role_start:
            return (start, end) if phrase and _describes_speaker(phrase) else None
        return (start, role_start) if phrase and _describes_speaker(phrase) else None
    head_end = next((k for k in range(role_start, verb) if toks[k].lower in RELATIVES), verb)
    if role_start >= verb or not _describes_speaker(toks[role_start:head_end]):
        return None  # "Halvorsen recalls 410,000 SUVs, admits ...": a clause, not a noun
    gap = text[toks[role_start - 1].end : toks[role_start].start] if role_start else ""
    if "," in gap:
        name_start = _segment_start(text, toks, role_start)
        name = _outside_brackets(text, toks, name_start, role_start)  # "Fahmi (pic)"
        if (
            0 < len(name) <= NAME_MAX_WORDS
            and name[0].text[:1].isupper()
            and all(t.text[:1].isupper() or t.lower in NAME_LINKS for t in name)
        ):
            between = [match_key(t.text) for t in toks[role_start:head_end]]
            if _role_first(name) and not is_role_phrase(between[:2]):
                # "Wali Kota Sukamaju, Budi Hartono, membantah": the role comes first, the
                # name between the commas is who speaks.
                return role_start, head_end
            return name_start, role_start
        described = [match_key(t.text) for t in toks[name_start:role_start]]
        role = [match_key(t.text) for t in toks[role_start:head_end]]
        if (
            is_role_phrase(described)
            and not is_role_phrase(role)
            and not any(t.text[:1].isupper() for t in toks[role_start:head_end])
        ):
            # "Several members of the GUP, the largest bloc, have claimed": the
            # description before the commas says who; "the main opposition" says what.
            return name_start, role_start
    return role_start, verb


_PUT = frozenset({"put", "puts", "putting"})
_ABOUT = frozenset("about around roughly some nearly almost over more than at least".split())


def _put_at(toks: Sequence[Word], folded: Sequence[str]) -> int | None:
    """Where "put the number at N" gives an estimate: "put" followed within a few words by
    "at" and a figure ("put the size of the crowd at about 10,000")."""
    for i, w in enumerate(folded):
        if w not in _PUT or i == 0:
            continue
        for j in range(i + 2, min(len(folded) - 1, i + 9)):
            if folded[j] != "at":
                continue
            k = j + 1
            while k < len(folded) - 1 and folded[k] in _ABOUT:
                k += 1
            if toks[k].text[:1].isdigit() or folded[k] in {"half", "one", "two", "three"}:
                return i
            break
    return None


def _connective(phrase: Sequence[Word]) -> bool:
    """ "however", "sementara itu", "for their part": between commas, no apposition."""
    folded = tuple(t.lower for t in phrase)
    return all(w in CONNECTIVES for w in folded) or folded in CONNECTIVE_PHRASES


def _role_first(phrase: Sequence[Word]) -> bool:
    """A capitalised phrase that opens with a role ("Wali Kota X", "Kepala Dinas Y")."""
    folded = [match_key(t.text) for t in phrase]
    return is_role_phrase(folded[:1]) or is_role_phrase(folded[:2])


def _describes_speaker(phrase: Sequence[Word]) -> bool:
    """A noun phrase that may name or describe a speaker: "the district chief", "Putin's
    spokesman", "Kepala Humas BMKG", "Coordinator for Strategic Communications"."""
    folded = [match_key(t.text) for t in phrase]
    return (
        folded[0] in DETERMINERS
        or is_role_phrase(folded[:1])  # "governor of Kalan district in Westmark province"
        or is_role_phrase(folded)
        or any(w.endswith("'s") for w in folded)
        # A title: "Staf Khusus Bupati bidang Hukum" (mostly capitalised).
        or (
            2 * sum(t.text[:1].isupper() or t.text[:1].isdigit() for t in phrase) > len(phrase)
            and phrase[0].text[:1].isupper()
        )
    )


def _before_time_segments(
    text: str, toks: Sequence[Word], folded: Sequence[str], end: int
) -> int | None:
    """Where the subject ends when dates stand between commas before its verb ("The army on
    Thursday, March 7, 2024, denied", "Kepala Dinas, Senin (3/3), membantah"); None when
    what stands there is no date."""
    skipped = end
    while skipped > 0:
        start = _segment_start(text, toks, skipped)
        if start == 0 or not is_time_phrase(folded[start:skipped]):
            break
        skipped = start
    return skipped if skipped != end else None


# Words that open a circumstance between a subject and its verb: "Kapolres X, AKBP Y, saat
# dikonfirmasi membantah", "Rina, dalam keterangan tertulis, membenarkan".
CIRCUMSTANCES = frozenset(
    """
    saat ketika sewaktu tatkala usai seusai setelah sesudah selepas dalam melalui lewat via
    kepada when while after in
    """.split()
)


def _skip_circumstances(text: str, toks: Sequence[Word], folded: Sequence[str], end: int) -> int:
    """Where the subject ends when a circumstance set off by a comma stands between it and
    its verb ("Kapolres X, AKBP Y, saat dihubungi, membantah"): the segment's start, so the
    apposition before it is read as it is without the circumstance."""
    while end > 0:
        start = _segment_start(text, toks, end)
        if start == 0 or start >= end or folded[start] not in CIRCUMSTANCES:
            break
        if "," not in text[toks[start - 1].end : toks[start].start]:
            break
        end = start
    return end


def _subject_span(
    text: str, toks: Sequence[Word], folded: Sequence[str], verb: int
) -> tuple[int, int] | None:
    end = verb
    while end > 0 and folded[end - 1] in AUXILIARIES:
        end -= 1
    end = _skip_circumstances(text, toks, folded, end)
    while end > 0 and folded[end - 1] in AUXILIARIES:
        end -= 1
    if end > 0 and re.search(r",\s*$", text[toks[end - 1].end : toks[end].start]):
        before = _before_time_segments(text, toks, folded, end)
        if before is None:
            # "John Harlan, the council's coordinator, said on ...": the apposition's head.
            return _appositive_subject(text, toks, end)
        start = _segment_start(text, toks, before)
        return (start, before) if before > start else None
    start = end
    while start > 0 and end - start < SPEAKER_MAX_WORDS:
        gap = text[toks[start - 1].end : toks[start].start]
        if re.search(r"[,;:\"]|\s[-\u2013\u2014]\s", gap):  # a comma, or a dash set apart
            break
        start -= 1
    if end > start:
        start = _contact_clause_subject(toks, folded, start, end)
    return (start, end) if end > start else None


def _contact_clause_subject(
    toks: Sequence[Word], folded: Sequence[str], start: int, end: int
) -> int:
    """Where the subject starts in "a leak Harlan had called a rumour" (a relative clause
    without "that"): the name after a noun the article opens with "a"/"an"/"the", when that
    noun is no role ("the ministry spokesperson Budi" keeps its role)."""
    if folded[start] not in {"a", "an", "the"} or end - start < 3:
        return start
    name = end
    while name > start and toks[name - 1].text[:1].isupper():
        name -= 1
    between = folded[start + 1 : name]
    if name == end or not between or len(between) > 2:
        return start
    if any(toks[k].text[:1].isupper() for k in range(start + 1, name)):
        return start
    if is_role_phrase(between) or any(w in NAME_TITLES for w in between):
        return start
    return name


def _passive_agent(
    toks: Sequence[Word], folded: Sequence[str], after: int, text: str
) -> tuple[int, int] | None:
    """ "dibantah oleh X", "was denied by X": the agent after oleh/by."""
    if after < len(folded) and folded[after] in {"oleh", "by"}:
        end = _phrase_end(toks, folded, after + 1, text)
        return (after + 1, end) if end > after + 1 else None
    return None


def _capitalised(toks: Sequence[Word], i: int) -> bool:
    return i < len(toks) and toks[i].text[:1].isupper()


def _skip_determiners(folded: Sequence[str], i: int) -> int:
    while i < len(folded) and folded[i] in DETERMINERS:
        i += 1
    return i


def _starts_with_verb(folded: Sequence[str], lex: StanceLexicon) -> bool:
    """A clause like "namun membela kerja sama ..." continues the previous subject."""
    if folded and folded[0] in PARTICIPLES:
        return True
    i = 1 if folded and folded[0] in lex.contrast | lex.concessive | {"dan", "and"} else 0
    while i < len(folded) and folded[i] in AUXILIARIES:
        i += 1
    if i >= len(folded):
        return False
    return _verb_like(folded[i])


def _verb_like(w: str) -> bool:
    """A word shaped like a finite verb: "meminta", "berjanji", "apologised", "regrets"."""
    return (w.startswith(("me", "ber", "di")) and len(w) > 5) or w.endswith(("ed", "es"))


def _in_relative_before(
    text: str,
    toks: Sequence[Word],
    folded: Sequence[str],
    cues: Sequence[_Cue],
    said_at: Sequence[int] = (),
) -> list[_Cue]:
    """The cues inside a relative clause set off by commas after the subject ("X, who had
    called the report a hoax, admitted ...", "X, yang sempat membantah, kini mengakui"),
    where a cue or a speech verb follows the clause: the stand it tells is the subject's
    earlier one, and the clause's stance is the later verb's."""
    opened = next(
        (
            i
            for i in range(1, min(len(toks), SPEAKER_MAX_WORDS + 1))
            if folded[i] in {"who", "which", "yang"}
            and _last_char_before(text, toks[i].start) == ","
        ),
        None,
    )
    if opened is None:
        return []
    closed = next(
        (k for k in range(opened + 2, len(toks)) if _last_char_before(text, toks[k].start) == ","),
        None,
    )
    if closed is None:
        return []
    inside = [c for c in cues if opened < c.start < closed]
    if not inside or not (
        any(c.start >= closed for c in cues) or any(k >= closed for k in said_at)
    ):
        return []
    return inside


# A stand the sentence tells as the circumstance of its main event: "after the bank denied
# it", "despite the operator's denial", "seusai dinas membantah", and a stand named as the
# object of another verb: "tell residents what it denies".
_AFTER_A_STAND = frozenset(
    "after following despite usai seusai setelah sesudah selepas pasca menyusul".split()
)
_ASKING = frozenset("what whether why how".split())
_ASIDE_GAP = 2  # words between that word and the stance cue: a short subject at most
# "Setelah itu Kementerian membantah", "Despite this the regent denied": a demonstrative
# not next to the cue ends the circumstance, and the subject after it is the main clause's.
_DEMONSTRATIVES = frozenset("itu ini tersebut this these those".split())
# "That is why we deny ...", "Here is how we confirm ...": a relative, not a question.
_RELATIVE_LEADS = frozenset("is was that's here's".split())
# "What we deny is the claim that ...": a cleft, the main clause's own answer.
_CLEFT_COPULAS = frozenset({"is", "was"})
# Verbs and nouns of answering only: a predicate ("what he said was false") is the main
# clause's, whatever subject clause comes before it.
_ANSWER_CUES = frozenset({"deny", "deny_noun", "deny_object", "confirm"})


def _stands_aside(
    text: str, toks: Sequence[Word], folded: Sequence[str], cues: Sequence[_Cue]
) -> list[_Cue]:
    """The answering cues that stand in a circumstance or question clause, not the main
    clause: within a few words after "after", "despite", "usai", "setelah" or "what",
    "whether", with no comma or quote between (a comma closes that clause: "After talks,
    the bank denied ...")."""
    out: list[_Cue] = []
    for cue in cues:
        if cue.label not in _ANSWER_CUES or _cleft(folded, cue):
            continue
        for k in range(cue.start - 1, max(-1, cue.start - _ASIDE_GAP - 2), -1):
            between = text[toks[k].end : toks[k + 1].start]
            if re.search(r"[,;:\"“”]", between):
                break
            if folded[k] in _AFTER_A_STAND or _asking(folded, k):
                out.append(cue)
                break
            if folded[k] in THAT or _verb_like(folded[k]):
                break
            if folded[k] in _DEMONSTRATIVES and k < cue.start - 1:
                break
    return out


def _asking(folded: Sequence[str], k: int) -> bool:
    """Whether the word at ``k`` opens a question clause ("asked whether the ministry
    denied"), not a relative ("that is why we deny")."""
    return folded[k] in _ASKING and not (k > 0 and folded[k - 1] in _RELATIVE_LEADS)


def _cleft(folded: Sequence[str], cue: _Cue) -> bool:
    """ "What we deny is ...": the cue's clause is the subject of a cleft the sentence
    asserts."""
    return cue.end < len(folded) and folded[cue.end] in _CLEFT_COPULAS


# Reticence: a negation or refusal before a verb of speaking or naming with a topic object.
_REFUSING = frozenset("menolak refused refuses refuse declined declines decline".split())
_MODALS = frozenset(
    """
    bisa dapat mau ingin akan pernah mampu secara langsung to be been have has ever yet
    can could would will directly personally publicly
    """.split()
)
_RETICENT_GAP = 3
# "never", "pernah", "ever": the speaker denies having spoken of P, not declines to; but
# "has never talked with us about P" tells what the speaker was not told.
_HAVING_SAID = frozenset({"never", "pernah", "ever"})
_HEARER_LINKS = frozenset({"to", "with", "kepada", "dengan"})
_TALKING = frozenset(
    """
    spoken spoke speak speaks talked talk talks name named names mention mentioned identify
    identified discuss discussed informed berbicara bicara membicarakan menyebut menyebutkan
    mengungkap mengungkapkan memberitahu memberi tahu membahas
    """.split()
)
_NAMING = frozenset("name names named identify identifies identified".split())  # a topic
_TOPIC_OBJECTS = frozenset(
    """
    about on regarding to nama name names identitas identity who siapa soal tentang mengenai
    perihal kepada terkait
    """.split()
)


def _speaking(word: str, lex: StanceLexicon) -> bool:
    return word in _TALKING or bool(lex.speech_verbs.match_at([word], 0))


def _second_that(folded: Sequence[str], verb_end: int, that_at: int) -> bool:
    """Whether the "that" after a speech verb opens its second complement ("has said the
    barge carried no extra load and that its crew list showed 40"): what is said starts at the
    verb, and the first complement (a stand a later turn may leave) stays in it."""
    return that_at > verb_end + 1 and folded[that_at - 1] in {"and", "dan", "serta"}


def _content_words(
    toks: Sequence[Word],
    folded: Sequence[str],
    span: tuple[int, int],
    cues: Sequence[_Cue],
    attribution: _Attribution,
    conditional: frozenset[str] = frozenset(),
) -> list[int]:
    start, end = span
    # "... jika Pyongyang dan Moskow terus ...": the condition is not part of the claim.
    for k in range(start + 3, end):
        if folded[k] in conditional:
            end = k
            break
    span = (start, end)
    skip: set[int] = set()
    if attribution.tail is not None:
        span = (start, min(end, attribution.tail))
    if attribution.speaker_words:
        skip.update(range(*attribution.speaker_words))
    if attribution.verb is not None:
        skip.add(attribution.verb)
    for cue in cues:
        if cue.active:
            skip.update(range(cue.start, cue.end))
    return [i for i in range(*span) if i not in skip]


def _join(text: str, toks: Sequence[Word], idx: Sequence[int]) -> str:
    """The content as written: runs of kept words with the text between them."""
    if not idx:
        return ""
    parts: list[str] = []
    run_start = prev = idx[0]
    for i in [*idx[1:], None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        parts.append(text[toks[run_start].start : toks[prev].end])
        if i is not None:
            run_start = prev = i
    out = " ".join(parts)
    return out.strip(" ,;:\"'")


# Verbs of answering that follow a quote as "said" does, only right after the quote:
# '"...," confirmed Capt. X.', '"...," aku Tatag.' ("aku" elsewhere is "I").
QUOTE_POST_VERBS = frozenset(
    """
    confirmed denied admitted acknowledged conceded aku akunya bantah bantahnya sanggah
    sanggahnya tepis tepisnya
    """.split()
)


def _right_after_quote(text: str, toks: Sequence[Word], i: int) -> bool:
    """Whether word ``i`` follows a closing quote after a comma or a stop, and a capitalised
    name follows it: '"...," confirmed Capt. X'."""
    if i == 0 or i + 1 >= len(toks) or not toks[i + 1].text[:1].isupper():
        return False
    gap = text[toks[i - 1].end : toks[i].start]
    return re.fullmatch(r"\s*[,.!?]\s*[\"\u201d\u2019']\s*", gap) is not None


DEMONSTRATIVES = frozenset("tersebut itu ini this that these those".split())
# Verbs that issue a denial or a confirmation as a noun: "issued the denial", "mengeluarkan
# bantahan", "gave a confirmation".
ISSUER_VERBS = frozenset(
    """
    issued issues gave gives made makes released releases offered sent delivered
    mengeluarkan memberikan memberi menyampaikan melayangkan merilis mengirim
    """.split()
)


def _issuer_verb_before(folded: Sequence[str], noun: int) -> int | None:
    """Where a verb issuing the noun at ``noun`` stands ("issued the denial"), if one does."""
    k = noun - 1
    if k >= 0 and folded[k] in DETERMINERS:
        k -= 1
    return k if k > 0 and folded[k] in ISSUER_VERBS else None


# What a country's adjective or "asal X" may describe without being the state: an outlet or
# a firm ("Japanese media", "the Indonesian e-commerce firm", "perusahaan asal Korea").
BODY_HEADS = frozenset(
    """
    media paper newspaper newspapers daily outlet outlets broadcaster tabloid magazine
    website portal firm firms company companies giant startup start-up maker manufacturer
    carrier airline conglomerate retailer developer exporter importer lender insurer
    koran harian majalah situs perusahaan firma raksasa maskapai produsen pengembang
    """.split()
)
STATE_WORDS = frozenset("state state-run state-owned government negara pemerintah resmi".split())
BODY_WINDOW = 4  # "Indonesian e-commerce firm": the head a few words after the adjective


def _names_a_body(folded: Sequence[str], a: int, mention: Mention, b: int) -> bool:
    """Whether a country's name in the speaker phrase ``folded[a:b]`` only says where an
    outlet or a firm is from; "state media" and "state-owned firm" speak for the state."""
    before = folded[a : mention.start]
    after = folded[mention.end : min(b, mention.end + BODY_WINDOW)]
    if any(w in STATE_WORDS for w in (*before, *after)):
        return False
    return any(w in BODY_HEADS for w in after) or (
        bool(before) and before[-1] in {"asal", "from"} and any(w in BODY_HEADS for w in before)
    )


def _named_before(
    written: str, known: Sequence[tuple[str, str, str]]
) -> tuple[str, str, str] | None:
    """The speaker resolved earlier in the article whose wording holds this person's name:
    "Mark Ellison" after "Pentagon spokesman Mark Ellison", "Saad" after "army spokesman Khalid
    Saad". Names only: a bare role ("the spokesman") could be anyone's."""
    mine = name_words(written)
    if not mine or (len(mine) == 1 and len(mine[0]) < MIN_SINGLE_NAME):
        return None
    for earlier in reversed(known):
        theirs = name_words(earlier[0])
        if len(theirs) > len(mine) and any(
            theirs[i : i + len(mine)] == mine for i in range(len(theirs) - len(mine) + 1)
        ):
            return earlier
    return None


# Roles only a person holds: "the board member" after a person's name is that person.
PERSON_ROLES = frozenset(
    """
    member officer minister director chief spokesman spokeswoman spokesperson secretary
    president chairman chairwoman manager executive commander governor mayor senator lawmaker
    coach founder ceo editor aide adviser advisor ambassador premier
    """.split()
)


def _a_persons_name(wording: str) -> bool:
    """A wording ending in a person's name of two capitalised words or more ("Peter
    Brandt", "Kombes Andi Wirawan"), not a body's."""
    names = name_words(wording)
    toks = words(wording)
    return len(names) >= 2 and all(t.text[:1].isupper() for t in toks[-2:])


DESCRIBED_SUBJECT_WORDS = 8


def _subject_before(text: str, toks: Sequence[Word], i: int) -> bool:
    """Whether the words from the sentence's start to the comma before word ``i`` describe
    a speaker ("A spokesman for that charity, however, ...")."""
    return _described_subject(text, toks[: i + 1], [t.lower for t in toks[: i + 1]]) is not None


def _described_subject(text: str, toks: Sequence[Word], folded: Sequence[str]) -> str | None:
    """The description of a speaker that opens a clause up to its first comma, if the
    words are one ("A spokesman for that charity, however, ..."): lowercase, a role."""
    end = next(
        (
            k
            for k in range(1, min(len(toks), DESCRIBED_SUBJECT_WORDS + 1))
            if "," in text[toks[k - 1].end : toks[k].start]
        ),
        None,
    )
    if end is None or not is_role_phrase(folded[:end]):
        return None
    if any(t.text[:1].isupper() for t in toks[1:end]):
        return None  # a name: the reader finds it itself
    return _trim_speaker(" ".join(t.text for t in toks[:end]))


# Openers of a sentence that lists what the sentence before announced.
LIST_OPENERS = (
    ("di", "antaranya"),
    ("antara", "lain"),
    ("salah", "satunya"),
    ("among", "them"),
    ("among", "other", "things"),
)


def _opening_role(toks: Sequence[Word], folded: Sequence[str]) -> str | None:
    """The role a sentence opens with as the subject of its first verb ("The company has
    denied ...", "Perusahaan itu membantah ..."): lowercase words before the verb (and its
    auxiliaries) that describe a speaker by role."""
    verb = next(
        (k for k in range(1, min(len(folded), ROLE_OPENING_WORDS + 1)) if _verb_like(folded[k])),
        None,
    )
    if verb is None:
        return None
    end = verb
    while end > 1 and folded[end - 1] in AUXILIARIES:
        end -= 1
    if any(t.text[:1].isupper() for t in toks[1:end]) or not is_role_phrase(folded[:end]):
        return None
    return " ".join(t.text for t in toks[:end])


ROLE_OPENING_WORDS = 5


def _continues_a_list(folded: Sequence[str]) -> bool:
    return any(tuple(folded[: len(opener)]) == opener for opener in LIST_OPENERS)


# "X disebut menerima P" ("X is said to have received P"): after "disebut", the verb of what
# X is said to have done; not "yang disebut" (the so-called) nor "disebut sebagai" (named).
_SAID_TO_NEXT = frozenset("merupakan telah sudah pernah akan tidak ikut terlibat menjadi".split())
_NOT_SAID_TO_BEFORE = frozenset("yang seperti sebagaimana".split())


def _said_to(folded: Sequence[str]) -> bool:
    """Whether the clause tells what someone "disebut" did: the writer reports it without
    vouching, as English "is said to" (a hedge word) does."""
    return any(
        w == "disebut"
        and 0 < i < len(folded) - 1
        and folded[i - 1] not in _NOT_SAID_TO_BEFORE
        and (folded[i + 1] in _SAID_TO_NEXT or _verb_form(folded[i + 1]))
        for i, w in enumerate(folded)
    )


# "confirmed to me/him/reporters that P"; "mengonfirmasi kepada saya bahwa P"
_TO_HEARER = frozenset({"to", "kepada", "pada"})
_RELATIVE_WHO = frozenset({"who", "yang"})
_BEFORE_ANTECEDENT = frozenset("with to from dengan kepada dari and dan".split())


def _trim_speaker(phrase: str) -> str:
    phrase = re.sub(r"^(?:seorang|para|sang|the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase[:80]
