"""Planning an article: its statements and the stored world before it -> the claims it
makes, the links, the flags (a :class:`Plan`). Pure: no I/O, no awaiting; the engine reads
the :class:`Context` first and writes the plan after, in the article's one transaction."""

from claimwatch.matchers.planning.article import ArticlePlanner, plan_article
from claimwatch.matchers.planning.context import (
    Context,
    KnownClaim,
    MissingContext,
    Request,
    SeenFlag,
)
from claimwatch.matchers.planning.limits import PREFETCH_CLAIMS, RESOLVE_WINDOW, UNATTRIBUTED
from claimwatch.matchers.planning.plan import (
    PROVISIONAL,
    Link,
    NewClaim,
    Plan,
    PlannedFlag,
    Reading,
    StatementOut,
    matched,
)

__all__ = [
    "PREFETCH_CLAIMS",
    "PROVISIONAL",
    "RESOLVE_WINDOW",
    "UNATTRIBUTED",
    "ArticlePlanner",
    "Context",
    "KnownClaim",
    "Link",
    "MissingContext",
    "NewClaim",
    "Plan",
    "PlannedFlag",
    "Reading",
    "Request",
    "SeenFlag",
    "StatementOut",
    "matched",
    "plan_article",
]
