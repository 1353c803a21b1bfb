from claimwatch.matchers.decide import Decision, FlagKind, Relation, Status, decide, status
from claimwatch.matchers.figures import Figure
from claimwatch.matchers.keys import key_tokens
from claimwatch.matchers.model import Stance
from claimwatch.matchers.similarity import MATCH_THRESHOLD, score, symbols

TROOP_CLAIM = key_tokens(
    "Korea Utara mengirimkannya 1.500 tentara untuk berperang bersama pasukan Moskow di Ukraina",
    "id",
)


def test_keys_resolve_aliases_concepts_and_stems() -> None:
    assert key_tokens("Pyongyang mengirim pasukan ke Moskow", "id") == [
        "a_korea_utara",
        "c_send",
        "c_troops",
        "a_rusia",
    ]
    assert key_tokens("North Korea sent troops to Russia", "en") == [
        "a_korea_utara",
        "c_send",
        "c_troops",
        "a_rusia",
    ]


def test_paraphrase_with_aliases_matches() -> None:
    denial = [*key_tokens("telah mengirim pasukan ke Rusia", "id"), "a_korea_utara"]
    assert score(denial, TROOP_CLAIM) >= MATCH_THRESHOLD


def test_same_actors_other_event_does_not_match() -> None:
    missile = key_tokens("Korea Utara meluncurkan rudal balistik ke Laut Jepang", "id")
    weapons = [*key_tokens("mereka memasok senjata kepada pasukan Rusia", "id"), "a_korea_utara"]
    assert score(missile, TROOP_CLAIM) == 0
    assert score(weapons, TROOP_CLAIM) < MATCH_THRESHOLD


def test_tokens_compare_as_whole_symbols() -> None:
    # "c_supply" and "c_send" share letters but are different tokens.
    assert score(["c_supply", "a_x", "c_weapons"], ["c_send", "a_x", "c_troops"]) == 0
    assert len(symbols(["a", "b", "a"])) == 2


def test_decide_denial_confirmation_reversal_figures() -> None:
    author = "korea-selatan"
    base = {author: Stance.ASSERT}
    deny = decide(Stance.DENY, "korea-utara", author, base)
    assert (deny.relation, deny.flag) == (Relation.DENIES, FlagKind.DENIAL)
    confirm = decide(Stance.CONFIRM, "rusia", author, base)
    assert confirm.flag is FlagKind.CONFIRMATION
    admits = decide(Stance.CONFIRM, "korea-utara", author, base | {"korea-utara": Stance.DENY})
    assert admits.flag is FlagKind.REVERSAL  # not also a confirmation
    retract = decide(Stance.RETRACT, author, author, base)
    assert (retract.relation, retract.flag) == (Relation.RETRACTS, FlagKind.REVERSAL)
    figures = decide(
        Stance.ASSERT,
        "ukraina",
        author,
        base,
        [Figure(10_000, "troops", "troops")],
        [Figure(1500, "tentara", "troops")],
    )
    assert figures.flag is FlagKind.FIGURE_CONFLICT
    retold = decide(
        Stance.ASSERT,
        "ukraina",
        author,
        base,
        [Figure(10_000, "troops", "troops"), Figure(1500, "troops", "troops")],
        [Figure(1500, "tentara", "troops")],
        figures_restated=True,
    )
    assert (retold.relation, retold.flag) == (Relation.RESTATES, None)
    restate = decide(Stance.ASSERT, "amerika-serikat", author, base)
    assert (restate.relation, restate.flag) == (Relation.RESTATES, None)
    assert decide(Stance.UNCONFIRMED, "rusia", author, base).flag is None


def test_status_from_positions() -> None:
    assert status("a", {"a": Stance.ASSERT}) is Status.ASSERTED
    assert status("a", {"a": Stance.ASSERT, "b": Stance.DENY}) is Status.DISPUTED
    assert status("a", {"a": Stance.RETRACT}) is Status.DENIED
    assert status(None, {"b": Stance.DENY}) is Status.DENIED
    assert status("a", {"a": Stance.ASSERT, "b": Stance.CONFIRM}) is Status.CONFIRMED


def test_a_speaker_denying_its_own_figure_corrects_it() -> None:
    said = [Figure(12, "kapal", "ship")]
    corrected = [Figure(20, "kapal", "ship"), Figure(12, "kapal", "ship")]
    for stance in (Stance.DENY, Stance.RETRACT):
        decision = decide(stance, "bakamla", "bakamla", {}, corrected, said)
        assert decision == Decision(Relation.RESTATES, FlagKind.FIGURE_CONFLICT)
    # Denying the claim itself, with the same figure, is still a reversal.
    same = decide(Stance.DENY, "bakamla", "bakamla", {}, said, said)
    assert same == Decision(Relation.DENIES, FlagKind.REVERSAL)
    # Another speaker's denial that gives another figure stays a denial.
    other = decide(Stance.DENY, "tni-al", "bakamla", {}, corrected, said)
    assert other.flag is FlagKind.DENIAL
