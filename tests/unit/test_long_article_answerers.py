"""An article of many answerers: the answerer rules that ask of every pair of answerers
whether a sentence writes the two names together read only the sentences holding both
(ROADMAP issue 10, item 2). Not timed: the index returns what a pair needs read, and the
rules answer through it what they answer reading every sentence."""

from __future__ import annotations

from claimwatch.matchers.figures import comparable_kinds, conflicting, sentence_figures
from claimwatch.matchers.planning.answerers import (
    ArticleSentences,
    _speaks_for,
    introduced_as,
    named_as_role,
)

N = 2_000
_SYLLABLES = "ka ru me sa to li pa no wi de".split()


def _word(n: int) -> str:
    out = []
    for _ in range(4):
        n, r = divmod(n, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
    return "".join(out).capitalize()


def _article(n: int) -> str:
    """``n`` invented officials, each introduced with an office of their own."""
    return "\n".join(
        f"Kepala Dinas Pasar {_word(i)}, Bapak {_word(i + 5_000)}, membantah kabar itu."
        for i in range(n)
    )


def test_a_pair_of_names_reads_only_the_sentences_holding_both() -> None:
    sentences = ArticleSentences(_article(N))
    office, person = {_word(7).lower()}, {_word(5_007).lower()}
    found = sentences.holding(office, named=True, also=person)
    assert len(found) == 1  # of 2,000: each pair of answerers reads what names them
    assert set(found[0].folded) >= office | person
    assert sentences.holding(office | {_word(8).lower()}, named=True) == [
        s for s in sentences if set(s.folded) & (office | {_word(8).lower()})
    ]
    assert sentences.holding({"nobody"}, named=False) == []


def test_the_rules_answer_through_the_index_as_reading_every_sentence() -> None:
    text = _article(200) + (
        "\nSaat ditemui, Sarita Wulandaru selaku juru bicara Dinas Pasar Kalime menjelaskan."
        "\nKepala dinas itu, Sarita Wulandaru, menambahkan."
    )
    indexed = ArticleSentences(text)
    every = list(ArticleSentences(text))  # a plain list: read sentence by sentence
    names = [({_word(i).lower()}, {_word(i + 5_000).lower()}) for i in range(0, 200, 7)]
    names += [({"kalime"}, {"sarita", "wulandaru"}), ({_word(3).lower()}, {"sarita"})]
    for a, b in names:
        for office in (False, True):
            assert introduced_as(a, b, indexed, office=office) == introduced_as(
                a, b, every, office=office
            )
            assert introduced_as(b, a, indexed, office=office) == introduced_as(
                b, a, every, office=office
            )
        assert _speaks_for(b, None, indexed) == _speaks_for(b, None, every)
    assert _speaks_for({"sarita"}, None, indexed)
    assert introduced_as({"kalime"}, {"sarita"}, indexed)
    role = "kepala dinas"
    assert named_as_role("Sarita Wulandaru", role, indexed) == named_as_role(
        "Sarita Wulandaru", role, every
    )


def test_the_kinds_a_figure_must_count_to_conflict() -> None:
    """The figure pass skips an earlier version counting nothing of these kinds before its
    costlier tests: :func:`conflicting` compares no other pair."""
    figures = sentence_figures("Petugas mencatat 140 orang dan 3.100 lainnya.", "id")
    kinds = comparable_kinds(figures)
    assert kinds == {"people", "workers"}  # a bare number's kind is read only close by
    for other in sentence_figures("Ada 90 kapal, 12 buruh dan 700 orang di sana.", "id"):
        for mine in figures:
            if conflicting(mine, other):
                assert other.concept in kinds
