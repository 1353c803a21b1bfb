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

from claimwatch.matchers.text import fold

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
            # "berbalik mengakui": turning round to admit
            r"\bberbalik (?:mengakui|membenarkan)\b",
        )
    )
)


def turns_from_denial(text: str, lang: str) -> bool:
    """Whether the sentence says its speaker denied before what it now confirms."""
    pattern = _ID if lang == "id" else _EN
    return pattern.search(fold(text)) is not None
