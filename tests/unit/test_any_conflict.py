"""A statement's figures against a claim's: the same answer as every pair, in linear time.

Two clauses of one article, each full of figures of one kind within 5 % of each other, made
``decide`` try tens of thousands squared pairs (minutes for a 1 MB article).
"""

from __future__ import annotations

import itertools
import math
import time

from claimwatch.matchers.decide import FlagKind, decide
from claimwatch.matchers.figures import Figure, any_conflict, conflicting
from claimwatch.matchers.model import Stance

# Values around the 5 % tolerance (an ulp either side), the factor 10 of vague amounts,
# zero, and a number too long for a float.
_EDGE = 1500 / 0.95
VALUES = [
    0.0,
    1e-9,
    1.0,
    1425.0,
    1500.0,
    math.nextafter(_EDGE, 0),
    _EDGE,
    math.nextafter(_EDGE, math.inf),
    1600.0,
    3000.0,
    15000.0,
    math.inf,
]


def _pairwise(a: list[Figure], b: list[Figure]) -> bool:
    return any(conflicting(x, y) for x in a for y in b)


def test_same_answer_as_every_pair() -> None:
    figures = [
        Figure(v, "troops", concept, approximate)
        for v in VALUES
        for concept in ("troops", "ships")
        for approximate in (False, True)
    ]
    checked = 0
    for a in itertools.combinations(figures, 1):
        for b in itertools.combinations(figures, 2):
            assert any_conflict(list(a), list(b)) == _pairwise(list(a), list(b)), (a, b)
            checked += 1
    groups = [figures[i : i + 5] for i in range(0, len(figures), 5)]
    for a, b in itertools.product(groups, repeat=2):
        assert any_conflict(a, b) == _pairwise(a, b), (a, b)
    assert checked > 1000


def test_many_figures_decide_in_linear_time() -> None:
    for n in (1_000, 10_000, 30_000):
        # n figures of one kind, all within 5 % of each other: no pair conflicts.
        said = [Figure(10_000 + i / n, "troops", "troops") for i in range(n)]
        again = [Figure(10_000 + (i + 0.5) / n, "troops", "troops") for i in range(n)]
        start = time.process_time()
        decision = decide(Stance.ASSERT, "japan", "korea-selatan", {}, again, said)
        spent = time.process_time() - start
        assert decision.flag is None
        bound = 0.1 * n / 1_000  # measured: about 0.005 s per 1,000 figures
        assert spent < bound, f"{n} figures took {spent:.2f} s of CPU (bound {bound:.2f} s)"
    assert (
        decide(
            Stance.ASSERT, "japan", "korea-selatan", {}, [*again, Figure(1, "x", "troops")], said
        ).flag
        is FlagKind.FIGURE_CONFLICT
    )
