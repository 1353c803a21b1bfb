"""The planner's measures: how far back, how many words, how many claims."""

from datetime import timedelta

UNATTRIBUTED = "unattributed"
# How far back a denial that names no claim looks for the accuser's claims.
RESOLVE_WINDOW = timedelta(days=120)
# Event words a confirmation shares with a disputed claim it restates in other details.
DISPUTED_SHARED = 3
# A claim an answer points back at ("rejected the reports") says something: two words
# ("Budgets are tight", "Gen. Bayu Yulianto said") are a remark or a misread fragment.
POINTED_AT_TOKENS = 3
CONTEXT_TERMS = 6  # rare tokens of a whole sentence queried to find the claim it points at
# Past this many claims made by one article, a key that was not looked up with the
# article's statements is matched against them as the index would (see best_match).
CREATED_SCORED_IN_MEMORY = 200
PREFETCH_CLAIMS = 5  # a statement's best matches read with the article's look-up
# How many named speakers back a short name ("Hadi") looks for its fuller wording: a name
# is given in full a few paragraphs before it is shortened, and a long article stays linear.
NAMED_BACK = 40
# "X denied that the city plans to close the library": with no accuser named, a proposition
# of this many words of what happened is the claim denied.
ACCUSER_FREE = 3
# Words a pointing-back answer's sentence shares with a claim that make it the one meant.
SHARED_WORDS = 2
# "penangkapan tersebut", "kabar itu telah", "the reports": a short phrase with a demonstrative.
POINTING_WORDS = 4
POINTING_NP_WORDS = 12
DEMONSTRATIVES = frozenset("itu tersebut ini the that this those these".split())
# Words of spreading: "informasi yang tersebar tersebut" names no event of its own.
SPREAD_WORDS = "beredar tersebar menyebar viral disebarkan circulating circulated spread viral"
