"""Language identification (Indonesian or English) with py3langid's bundled model."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = ("id", "en")
# Malay and Indonesian are near-identical in writing; the detector often says "ms" for news
# Indonesian, so Malay counts as Indonesian here.
_CANDIDATES = ["id", "ms", "en"]


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # A private identifier, so the module-level one (and its language set) stays untouched.
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(_CANDIDATES)
    return ident


def detect(text: str, default: str = "id") -> str:
    """Return "id" or "en"; very short or letterless text gets ``default``."""
    if sum(ch.isalpha() for ch in text) < 12:
        return default
    lang, _prob = _identifier().classify(text)
    return "en" if lang == "en" else "id"
