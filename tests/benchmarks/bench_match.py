"""Benchmark: matching an article's sentences through the prefix index vs brute force.

    python tests/benchmarks/bench_match.py --claims 100000 [--json] [--db PATH] [--no-brute]

What it does, in order:

1. Builds a synthetic vocabulary (deterministic, ``--seed``): per language ``--vocab`` content
   key tokens ranked by a Zipf-Mandelbrot law, 1 / (rank + 30): real news words and the
   concepts of ``seeds/concepts.toml`` at the head (a concept is one rank, shared by its
   synonyms), Sastrawi's root words (Indonesian) and generated pseudo-words (English) in the
   tail; function words; figures; and the gazetteer's actors with all their aliases (Zipf too).
2. Generates ``--claims`` N claims of 8-20 words (60 % Indonesian, 1-3 actors, at least three
   content words) and keys every one with :func:`claimwatch.matchers.keys.key_tokens` (in
   worker processes), then stores them with :meth:`Database.claims.bulk_add` in a file database.
   The migration's triggers fill the FTS5 indexes, so the insert time is the index build
   time; it includes :meth:`Database.claims.rebuild_prefix_index` after the bulk load (the first
   claims of an empty database were ranked without document frequencies).
3. Generates ``--articles`` articles of 30 sentences. A third of each article paraphrases
   stored claims (a content word dropped, the sentence reordered, a word replaced by a
   synonym from concepts.toml, an actor replaced by another of its aliases; a quarter get
   two of these); the rest are new sentences from the same distribution.
4. Loads the prefix index into memory (:meth:`Database.load_memory_index`, what a process
   matching many statements does by itself; the load time and size are printed) and runs
   every article through the indexed path: ``key_tokens`` of each sentence, then
   ``engine.matching.find_matches_many`` (the candidates of all the article's sentences from
   the prefix index in one database round trip, :func:`similarity.score_many` on them,
   keeping scores >= ``MATCH_THRESHOLD``), as the pipeline matches an article against the
   claims stored before it. Each article is timed once, keying included
   (``all_articles_ms``, the median over articles). The same articles also go one
   ``find_matches`` per statement (``per_statement_ms``) and through FTS5 on a second
   connection that never loads the copy (``fts5_ms``, what a one-shot command does); all
   three are checked to find the same matches.
5. Brute force (unless ``--no-brute``): an article's keys against all N claim keys with
   the engine's scorer: one ``rapidfuzz.process.cdist(..., scorer=fuzz.ratio, workers=-1)``
   over the keys' symbol strings (:func:`similarity.symbols`), :func:`similarity.combine`,
   and :func:`similarity.shares_enough` on the pairs above the threshold; keying included,
   the claims' symbol strings prepared in memory beforehand (a favour to brute force). The
   first ``--compare`` articles (10) go ``--repeats`` times (3) through brute force and the
   indexed path in turn, so both see the same load and the same warm caches: ``brute_ms``
   and ``indexed_ms`` are the medians of those runs, and the speed-up is their ratio (this
   machine's speed drifts by a third from minute to minute; timing the two paths minutes
   apart compared the drift, not the paths).
6. Recall = share of the brute-force matches (sentence, claim) of all articles that the
   indexed path also found. They are computed exactly but faster than by cdist over all
   claims: a claim scores 0 unless it shares two tokens with the sentence, one of them not an
   actor (``shares_enough``), so the scorer runs over the claims an in-memory inverted index
   says pass that test. For the first article this is checked equal to the full cdist.
   Stating 0.99 takes at least 1,000 planted paraphrases (default: 100 articles = 1,000).

Human-readable lines first; with ``--json`` the last line is
``{"claims": N, "indexed_ms": ..., "brute_ms": ..., "recall": ..., "all_articles_ms": ...,
"per_statement_ms": ..., "fts5_ms": ..., "memory_load_s": ...}``.
Stem caches (lru_cache) are warm while timing, as in a long-running bot; the cost of keying
the first article in a fresh process is printed separately.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import itertools
import json
import multiprocessing
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from claimwatch.engine.matching import find_matches, find_matches_many, score_candidates
from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.keys import actor_token, is_actor, key_tokens
from claimwatch.matchers.lexicon import concepts, load_seed
from claimwatch.matchers.similarity import (
    MATCH_THRESHOLD,
    combine,
    shares_enough,
    symbols,
)
from claimwatch.storage import open_database
from claimwatch.storage import prefix as storage
from claimwatch.storage.api import Database, now_iso

SENTENCES_PER_ARTICLE = 30
HEAPS_K, HEAPS_B = 44.0, 0.49  # Reuters-RCV1 (see heaps_vocabulary)
WORDS_PER_CLAIM = 14  # claims have 8-20 words
PARAPHRASES_PER_ARTICLE = 10
MIN_WORDS, MAX_WORDS = 8, 20
MIN_CONTENT = 3  # content words per sentence, at least: a claim says something happened
SHARE_ID = 0.6  # share of Indonesian claims and articles
BATCH = 50_000  # claims per insert transaction
CHUNK = 5_000  # claims per generation task
# Content words follow Zipf's law as ranks in the whole vocabulary, where function words hold
# the first few dozen ranks: 1 / (rank + 30) for the content words alone. Actors likewise.
ACTOR_OFFSET = 2.0

# Real news content words; function and stance words are filtered out later by keying.
NEWS_ID = """
presiden menteri gubernur bupati walikota provinsi kabupaten desa partai koalisi oposisi
parlemen kebijakan regulasi peraturan program proyek investasi investor ekonomi inflasi
pertumbuhan utang pajak subsidi listrik energi minyak batubara nikel tambang hutan kebakaran
banjir gempa longsor tsunami bencana korban evakuasi relawan polisi jaksa hakim pengadilan
sidang vonis hukuman penjara tersangka terdakwa saksi kasus penyidikan gugatan banding
putusan kontrak tender jalan bandara pelabuhan kereta jembatan bendungan irigasi petani
nelayan buruh pekerja upah pengangguran kemiskinan pendidikan sekolah guru mahasiswa
universitas beasiswa kesehatan dokter pasien obat gizi sampah limbah polusi udara emisi
karbon iklim laut pulau wilayah kedaulatan diplomasi kedutaan konsulat visa paspor imigrasi
cukai penyelundupan narkoba teroris terorisme radikal separatis kelompok bersenjata
demonstrasi mahkamah konstitusi sengketa suara kursi kampanye calon kandidat survei debat
lembaga badan komisi anggota ketua sekretaris direktur perusahaan saham bursa rupiah dolar
bank kredit pinjaman bunga devisa cadangan neraca perdagangan defisit surplus industri
pabrik produksi kendaraan baterai digital internet aplikasi siber satelit teknologi inovasi
penelitian ilmuwan kebudayaan pariwisata wisatawan hotel festival olahraga pertandingan
stadion kerusuhan suporter tragedi kecelakaan penerbangan tenggelam terbakar runtuh ledakan
gudang pasar pedagang cabai telur daging sapi stok distribusi logistik kemacetan
transportasi angkutan mudik lebaran ramadan jemaah ibadah masjid gereja toleransi agama umat
hak asasi manusia pelanggaran penyiksaan kekerasan perempuan pelecehan tenaga kerja sanksi
embargo blokade wilayah pulau kepulauan selat samudra pesisir nelayan perairan patroli
keamanan ancaman konflik krisis kerusuhan penembakan penculikan perampokan penipuan
investigasi audit laporan keuangan kerugian negara proyek tambang izin lahan sawit
perkebunan deforestasi kekeringan panen gagal cuaca ekstrem badai angin hujan gunung letusan
"""
NEWS_EN = """
president minister governor mayor province district village party coalition opposition
parliament lawmakers legislation policy regulation bill program project investment investors
economy inflation growth debt taxes subsidy electricity energy oil coal nickel mine forest
wildfire flood earthquake landslide tsunami disaster victims evacuation volunteers police
prosecutors judge court trial verdict prison suspect defendant witness case investigation
lawsuit appeal ruling contract tender highway toll airport port railway bridge dam farmers
fishermen workers wages unemployment poverty education schools teachers students university
scholarship health doctors patients medicine malnutrition water waste pollution emissions
carbon climate sea island territory sovereignty diplomacy ambassador embassy consulate visa
passport immigration customs smuggling drugs terrorist terrorism radical extremist
separatist group armed protest demonstrators constitutional dispute votes seats campaign
candidate survey poll debate agency commission member chairman secretary director company
shares stock exchange currency dollar bank credit loan interest rate reserves trade deficit
surplus industry factory production vehicles battery smelter downstream digital internet app
platform cyber satellite technology innovation research scientists culture tourism tourists
hotel festival sports football match stadium riot fans tragedy accident flight sank burned
collapsed explosion warehouse market traders cooking chili eggs beef distribution logistics
congestion transport pilgrims worship mosque church tolerance religion rights human violation
torture violence women harassment trafficking labor sanctions embargo blockade strait ocean
coast waters patrol security threat conflict crisis shooting kidnapping robbery scam audit
report finances losses permit land palm plantation deforestation drought harvest weather
storm wind rain volcano eruption inquiry scandal pipeline refinery currency bonds
"""
FUNCTION_WORDS = {
    "id": "yang dan di ke dari pada untuk dengan dalam ini itu akan telah juga bahwa oleh para",
    "en": "the a of to in on for with and that by from has was will its at as",
}
# Pseudo-words for the English tail: syllables that look like English, not English words.
_ONSETS = "b br c cl d dr f fl g gr h j k l m n p pl pr r s sc st t tr v w".split()
_VOWELS = "a e i o u ea ou ai".split()
_CODAS = ["", "", "n", "r", "s", "t", "l", "nd", "st", "ck", "rm", "nt"]
_SUFFIXES = ["", "", "", "ing", "ed", "er", "ion", "ment", "ly", "ity", "al", "ism"]
# Indonesian prefixes/suffixes, only to tell Indonesian synonyms in concepts.toml from English
_ID_PREFIXES = ("meng", "meny", "mem", "men", "me", "di", "peng", "pem", "pen", "pe", "ber")
_ID_PREFIXES += ("ter", "ke", "se")
_ID_SUFFIXES = ("kannya", "nya", "kan", "an", "i")


# -- the synthetic language ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Unit:
    kind: str  # "w" content word, "a" actor, "f" function word, "n" figure
    text: str
    ref: str = ""  # key token of a content word; actor id of an actor


@dataclass(slots=True)
class Language:
    """Key tokens ranked by frequency, each with the words that key to it."""

    tokens: list[str]
    surfaces: list[list[str]]
    cum_weights: list[float]


@dataclass(slots=True)
class Lexicon:
    langs: dict[str, Language]
    function_words: dict[str, list[str]]
    synonyms: dict[tuple[str, str], list[str]]  # (lang, concept token) -> words
    actor_ids: list[str]
    actor_cum: list[float]
    actor_names: dict[str, list[str]]  # actor id -> surface forms that key to it
    actor_display: dict[str, dict[str, str]]
    stats: dict[str, int] = field(default_factory=dict)


def _zipf(n: int, s: float, offset: float) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights 1 / (rank + offset) ** s."""
    return list(accumulate(1.0 / ((rank + offset) ** s) for rank in range(1, n + 1)))


def _pick(rng: random.Random, cum: Sequence[float]) -> int:
    return bisect.bisect_left(cum, rng.random() * cum[-1])


def _pseudo_words(rng: random.Random, n: int, taken: set[str]) -> Iterator[str]:
    made = 0
    while made < n:
        parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)]
        parts.append(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS))
        word = "".join(parts[: rng.choice((1, 2, 2, 2))]) + rng.choice(_SUFFIXES)
        if len(word) >= 4 and word not in taken:
            taken.add(word)
            made += 1
            yield word


def _looks_indonesian(word: str, roots: frozenset[str]) -> bool:
    """Rough: the word or a simply de-affixed form of it is a Sastrawi root word."""
    first = word.split(maxsplit=1)[0].split("-", maxsplit=1)[0]
    forms = {first}
    for suffix in ("", *_ID_SUFFIXES):
        base = first[: -len(suffix)] if suffix and first.endswith(suffix) else first
        forms.add(base)
        for prefix in _ID_PREFIXES:
            if base.startswith(prefix):
                rest = base[len(prefix) :]
                forms.update({rest, "k" + rest, "p" + rest, "t" + rest, "s" + rest})
    return any(f in roots for f in forms)


def build_lexicon(seed: int, vocab: int, zipf_s: float, offset: float) -> Lexicon:
    """The vocabulary, deterministic for a seed; every word is keyed once here."""
    rng = random.Random(f"lexicon:{seed}")
    roots = frozenset(StemmerFactory().get_words())
    known = concepts()
    by_lang_concepts: dict[str, list[str]] = {"id": [], "en": []}
    for word in sorted(known):
        lang = "id" if _looks_indonesian(word, roots) else "en"
        by_lang_concepts[lang].append(word)
    langs: dict[str, Language] = {}
    synonyms: dict[tuple[str, str], list[str]] = {}
    stats: dict[str, int] = {}
    for lang, news in (("id", NEWS_ID), ("en", NEWS_EN)):
        # Head: real news words and the concepts (one rank per concept, shared by its words).
        concept_groups: dict[str, list[str]] = {}
        for word in by_lang_concepts[lang]:
            concept_groups.setdefault(known[word], []).append(word)
        head: list[list[str]] = [[w] for w in dict.fromkeys(news.split())]
        head += list(concept_groups.values())
        rng.shuffle(head)
        taken = {w for g in head for w in g}
        if lang == "id":
            pool = sorted(r for r in roots if r.isalpha() and len(r) >= 4)
            tail = rng.sample(pool, min(len(pool), vocab * 2))
            taken |= set(tail)
        else:
            tail = []
        # Past Sastrawi's roots (Indonesian) and for English: generated words, as many as
        # the vocabulary needs (names, places and rare words are most of a news vocabulary).
        tail += list(_pseudo_words(rng, max(0, vocab * 2 - len(tail)), taken))
        entries: dict[str, list[str]] = {}
        for group in itertools.chain(head, ([w] for w in tail)):
            if len(entries) >= vocab:
                break
            for word in group:
                key = key_tokens(word, lang)
                if len(key) != 1 or is_actor(key[0]):
                    continue  # a function or stance word, or an actor's name
                if word not in entries.setdefault(key[0], []):
                    entries[key[0]].append(word)
        tokens = list(entries)
        langs[lang] = Language(tokens, list(entries.values()), _zipf(len(tokens), zipf_s, offset))
        for token, words_ in entries.items():
            if token.startswith("c_") and len(words_) > 1:
                synonyms[(lang, token)] = words_
        stats[f"tokens_{lang}"] = len(tokens)
        stats[f"words_{lang}"] = sum(len(w) for w in entries.values())
    function_words = {
        lang: [w for w in text.split() if not key_tokens(w, lang)]
        for lang, text in FUNCTION_WORDS.items()
    }
    gaz = gazetteer()
    seed_actors = {entry["id"]: entry for entry in load_seed("actors.toml").get("actor", [])}
    actor_names: dict[str, list[str]] = {}
    actor_display: dict[str, dict[str, str]] = {}
    for actor_id, actor in gaz.actors.items():
        want = [actor_token(gaz.identity(actor_id).id)]
        entry = seed_actors.get(actor_id, {})
        names = dict.fromkeys([actor.name, actor.name_en, *entry.get("aliases", [])])
        good = [n for n in names if key_tokens(n, "id") == want and key_tokens(n, "en") == want]
        if good:
            actor_names[actor_id] = good
            actor_display[actor_id] = {"id": actor.name, "en": actor.name_en}
    actor_ids = list(actor_names)
    stats["actors"] = len(actor_ids)
    stats["actor_names"] = sum(len(v) for v in actor_names.values())
    return Lexicon(
        langs=langs,
        function_words=function_words,
        synonyms=synonyms,
        actor_ids=actor_ids,
        actor_cum=_zipf(len(actor_ids), 1.0, ACTOR_OFFSET),
        actor_names=actor_names,
        actor_display=actor_display,
        stats=stats,
    )


def _actor_unit(rng: random.Random, lex: Lexicon, lang: str, taken: set[str]) -> Unit:
    for _ in range(20):
        actor_id = lex.actor_ids[_pick(rng, lex.actor_cum)]
        if actor_id not in taken:
            break
    taken.add(actor_id)
    display = lex.actor_display[actor_id]
    if display[lang] in lex.actor_names[actor_id] and rng.random() < 0.7:
        name = display[lang]
    else:
        name = rng.choice(lex.actor_names[actor_id])
    return Unit("a", name, actor_id)


def make_sentence(rng: random.Random, lex: Lexicon, lang: str) -> list[Unit]:
    """8-20 words: 1-3 actors, >= 3 content words (Zipf), function words, maybe a figure."""
    vocab = lex.langs[lang]
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    taken_actors: set[str] = set()
    first = _actor_unit(rng, lex, lang, taken_actors)
    rest: list[Unit] = []
    extra_actors = (rng.random() < 0.45) + (rng.random() < 0.1)
    rest.extend(_actor_unit(rng, lex, lang, taken_actors) for _ in range(extra_actors))
    if rng.random() < 0.25:
        figure = rng.randint(2, 999) * rng.choice((1, 10, 100, 1000))
        rest.append(Unit("n", f"{figure:,}".replace(",", "." if lang == "id" else ",")))
    count = sum(len(u.text.split()) for u in (first, *rest))
    used: set[str] = set()
    while count < target or len(used) < MIN_CONTENT:
        if rng.random() < 0.3 and count < target - MIN_CONTENT + len(used):
            rest.append(Unit("f", rng.choice(lex.function_words[lang])))
            count += 1
            continue
        for _ in range(10):
            i = _pick(rng, vocab.cum_weights)
            if vocab.tokens[i] not in used:
                break
        used.add(vocab.tokens[i])
        word = rng.choice(vocab.surfaces[i])
        rest.append(Unit("w", word, vocab.tokens[i]))
        count += len(word.split())
    rng.shuffle(rest)
    return [first, *rest]


def render(units: Sequence[Unit]) -> str:
    text = " ".join(u.text for u in units)
    return text[:1].upper() + text[1:] + "."


def claim_rng(seed: int, index: int) -> random.Random:
    return random.Random(seed * 1_000_000_007 + index)


def claim_units(lex: Lexicon, seed: int, index: int) -> tuple[list[Unit], str]:
    rng = claim_rng(seed, index)
    lang = "id" if rng.random() < SHARE_ID else "en"
    return make_sentence(rng, lex, lang), lang


def paraphrase(
    rng: random.Random, lex: Lexicon, units: list[Unit], lang: str
) -> tuple[list[Unit], list[str]]:
    """The same claim in other words: drop, reorder, synonym, alias (one, sometimes two)."""
    out = list(units)
    done: list[str] = []
    for _ in range(2 if rng.random() < 0.25 else 1):
        content = [i for i, u in enumerate(out) if u.kind == "w"]
        concept = [i for i in content if len(lex.synonyms.get((lang, out[i].ref), ())) > 1]
        aliased = [
            i for i, u in enumerate(out) if u.kind == "a" and len(lex.actor_names[u.ref]) > 1
        ]
        options = ["reorder"] if "reorder" not in done else []
        options += ["drop"] if len(content) >= 4 and "drop" not in done else []
        options += ["synonym"] if concept and "synonym" not in done else []
        options += ["alias"] if aliased and "alias" not in done else []
        if not options:
            break
        op = rng.choice(options)
        done.append(op)
        if op == "reorder":
            cut = rng.randint(2, max(2, len(out) - 2))
            out = out[cut:] + out[:cut]
        elif op == "drop":
            del out[rng.choice(content)]
        elif op == "synonym":
            i = rng.choice(concept)
            choices = [w for w in lex.synonyms[(lang, out[i].ref)] if w != out[i].text]
            out[i] = Unit("w", rng.choice(choices), out[i].ref)
        else:
            i = rng.choice(aliased)
            choices = [n for n in lex.actor_names[out[i].ref] if n != out[i].text]
            out[i] = Unit("a", rng.choice(choices), out[i].ref)
    return out, done


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    lang: str
    source: int | None  # index of the paraphrased claim
    ops: tuple[str, ...] = ()


def make_article(lex: Lexicon, seed: int, n_claims: int, k: int) -> list[Sentence]:
    rng = random.Random(f"article:{seed}:{k}")
    lang = "id" if rng.random() < SHARE_ID else "en"
    out: list[Sentence] = []
    sources: set[int] = set()
    while len(out) < PARAPHRASES_PER_ARTICLE:
        index = rng.randrange(n_claims)
        units, claim_lang = claim_units(lex, seed, index)
        if claim_lang != lang or index in sources:
            continue
        sources.add(index)
        changed, ops = paraphrase(rng, lex, units, lang)
        out.append(Sentence(render(changed), lang, index, tuple(ops)))
    while len(out) < SENTENCES_PER_ARTICLE:
        out.append(Sentence(render(make_sentence(rng, lex, lang)), lang, None))
    rng.shuffle(out)
    return out


# -- generating claims in worker processes -----------------------------------------------------
_LEX: Lexicon | None = None
_SEED = 0


def _claim_chunk(bounds: tuple[int, int]) -> list[tuple[str, str, str, str]]:
    assert _LEX is not None
    rows = []
    for index in range(*bounds):
        units, lang = claim_units(_LEX, _SEED, index)
        text = render(units)
        by_name = _LEX.actor_display[units[0].ref][lang]
        rows.append((text, " ".join(key_tokens(text, lang)), lang, by_name))
    return rows


def generate_claims(
    lex: Lexicon, seed: int, n: int, workers: int
) -> list[tuple[str, str, str, str]]:
    global _LEX, _SEED  # handed to forked workers
    _LEX, _SEED = lex, seed
    bounds = [(i, min(n, i + CHUNK)) for i in range(0, n, CHUNK)]
    if workers <= 1 or n <= CHUNK:
        return [row for b in bounds for row in _claim_chunk(b)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [row for chunk in pool.imap(_claim_chunk, bounds) for row in chunk]


def _cold_keying_ms(sentences: list[tuple[str, str]]) -> float:
    """Keying in a fresh process: empty stem caches (runs in a spawned child)."""
    # Loads the lexicons and creates both stemmers (not timed); stems only these two words.
    key_tokens("Korea Utara makanan.", "id")
    key_tokens("eating", "en")
    start = time.perf_counter()
    for text, lang in sentences:
        key_tokens(text, lang)
    return (time.perf_counter() - start) * 1000


# -- exact brute-force matches through an inverted index ----------------------------------------
class Postings:
    """token -> claim indices, to find the claims that can score above 0 for a key."""

    def __init__(self, keys: Sequence[str]) -> None:
        ids: dict[str, int] = {}
        flat_tok: list[int] = []
        lengths = np.empty(len(keys), dtype=np.int64)
        for j, key in enumerate(keys):
            toks = key.split()
            lengths[j] = len(toks)
            flat_tok.extend(ids.setdefault(t, len(ids)) for t in toks)
        tok = np.asarray(flat_tok, dtype=np.int32)
        claim = np.repeat(np.arange(len(keys), dtype=np.int32), lengths)
        order = np.argsort(tok, kind="stable")
        self.claims = claim[order]
        self.starts = np.searchsorted(tok[order], np.arange(len(ids) + 1))
        self.ids = ids
        self.n = len(keys)

    def docs(self, token: str) -> np.ndarray:
        i = self.ids.get(token)
        if i is None:
            return np.empty(0, dtype=np.int32)
        return self.claims[self.starts[i] : self.starts[i + 1]]

    def possible(self, key: Sequence[str]) -> np.ndarray:
        """Claims sharing >= 2 tokens with ``key``, one not an actor (else score is 0)."""
        lists = [self.docs(t) for t in key]
        plain = [d for t, d in zip(key, lists, strict=True) if not is_actor(t)]
        if len(key) < 2 or not plain:
            return np.empty(0, dtype=np.int64)
        shared = np.bincount(np.concatenate(lists), minlength=self.n)
        subst = np.bincount(np.concatenate(plain), minlength=self.n)
        return np.flatnonzero((shared >= 2) & (subst >= 1))


class Claims:
    """All claim keys in memory, as brute force needs them: tokens and symbol strings."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        self.symbols = [symbols(k.split()) for k in self.keys]
        self.lengths = np.fromiter((len(x) for x in self.symbols), dtype=np.int64)


def scorer_matches(
    keys: Sequence[list[str]], claims: Claims, cols: np.ndarray | None = None
) -> list[dict[int, float]]:
    """The engine's scorer of each key against claims (all, or ``cols``) through one cdist:
    fuzz.ratio of the symbol strings, :func:`combine` (per claim length, as it takes scalar
    lengths), then :func:`shares_enough` on the pairs above the threshold."""
    queries = [symbols(k) for k in keys]
    if cols is None:
        choices, lengths = claims.symbols, claims.lengths
    else:
        choices, lengths = [claims.symbols[j] for j in cols], claims.lengths[cols]
    out: list[dict[int, float]] = [{} for _ in keys]
    if not choices:
        return out
    ratio = process.cdist(queries, choices, scorer=fuzz.ratio, workers=-1, dtype=np.float64)
    buckets = [(int(n), np.flatnonzero(lengths == n)) for n in np.unique(lengths)]
    for r, query in enumerate(queries):
        row = ratio[r]
        scores = np.zeros(len(choices))
        for n, where in buckets:
            scores[where] = combine(row[where], len(query), n)
        for c in np.flatnonzero(scores >= MATCH_THRESHOLD).tolist():
            j = c if cols is None else int(cols[c])
            if shares_enough(keys[r], claims.keys[j].split()):
                out[r][j] = float(scores[c])
    return out


def brute_article(sentences: Sequence[Sentence], claims: Claims) -> list[dict[int, float]]:
    return scorer_matches([key_tokens(s.text, s.lang) for s in sentences], claims)


def exact_matches(key: list[str], claims: Claims, post: Postings) -> dict[int, float]:
    cols = post.possible(key)
    return scorer_matches([key], claims, cols)[0] if len(cols) else {}


# -- the indexed path -----------------------------------------------------------------------------
async def indexed_article(store: Database, sentences: Sequence[Sentence]) -> list[dict[int, float]]:
    """What the pipeline does per sentence, keeping every match: {claim index: score}."""
    out: list[dict[int, float]] = []
    for s in sentences:
        key = key_tokens(s.text, s.lang)
        out.append({cid - 1: value for cid, value in await find_matches(store, key)})
    return out


async def batched_article(store: Database, sentences: Sequence[Sentence]) -> list[dict[int, float]]:
    """The same matches with all of an article's sentences in one database round trip."""
    keys = [key_tokens(s.text, s.lang) for s in sentences]
    found = await find_matches_many(store, keys)
    return [{cid - 1: value for cid, value in matches} for matches in found]


async def breakdown(store: Database, sentences: Sequence[Sentence]) -> dict[str, float]:
    """Where an article's time goes (ms): keying, candidates from the index, scoring."""
    t = {"key": 0.0, "candidates": 0.0, "score": 0.0}
    n_candidates = 0
    for s in sentences:
        t0 = time.perf_counter()
        key = key_tokens(s.text, s.lang)
        t1 = time.perf_counter()
        cands = await store.claims.match_candidates(key) if len(key) >= 2 else []
        t2 = time.perf_counter()
        score_candidates(key, cands)
        t3 = time.perf_counter()
        n_candidates += len(cands)
        t["key"] += t1 - t0
        t["candidates"] += t2 - t1
        t["score"] += t3 - t2
    out = {k: v * 1000 for k, v in t.items()}
    out["candidates_per_sentence"] = n_candidates / len(sentences)
    return out


# -- database ----------------------------------------------------------------------------------
def db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


async def build_or_reuse(
    path: Path, claims: Sequence[tuple[str, str, str, str]], seed: int
) -> float | None:
    """Insert the claims (returns seconds), or None when ``path`` already holds exactly them."""
    store = await open_database(path)
    try:
        have = (await store.claims.counts())["claims"]
        n = len(claims)
        if have:
            probe = sorted({0, n // 3, n // 2, n - 1})
            rows = await store.claims.get_many([i + 1 for i in probe])
            if have == n and [r.text for r in rows] == [claims[i][0] for i in probe]:
                return None
            sys.exit(f"{path} holds other claims ({have}); remove it or choose another --db")
        start = time.perf_counter()
        async with store.transaction():
            article_id = await store.claims.add_article(
                source="bench_match",
                url=None,
                published=now_iso(),
                lang="id",
                content_hash=f"bench-match-seed-{seed}-claims-{n}",
                text="synthetic claims of tests/benchmarks/bench_match.py",
            )
        for i in range(0, n, BATCH):
            async with store.transaction():
                await store.claims.bulk_add(
                    (
                        (text, key.split(), lang, by_name)
                        for text, key, lang, by_name in claims[i : i + BATCH]
                    ),
                    article_id=article_id,
                )
        async with store.transaction():
            await store.claims.rebuild_prefix_index()
        return time.perf_counter() - start
    finally:
        await store.close()


# -- reporting helpers -----------------------------------------------------------------------------
def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def say(*parts: object) -> None:
    print(*parts, flush=True)


def heaps_vocabulary(claims: int) -> int:
    """Distinct content tokens per language for N claims, by Heaps' law V = K * T**b.

    K = 44 and b = 0.49 are the values measured on Reuters-RCV1 news (Manning, Raghavan and
    Schuetze, Introduction to Information Retrieval, section 5.1.1); T counts every word,
    about WORDS_PER_CLAIM per claim; the two languages share the vocabulary half and half.
    A fixed vocabulary (--vocab) makes every word of a large database common: with 4,000
    tokens per language each appears in about 0.1 % of a million claims at the least.
    """
    return round(HEAPS_K * (claims * WORDS_PER_CLAIM) ** HEAPS_B / 2)


async def run(args: argparse.Namespace) -> dict[str, object]:
    n, seed = args.claims, args.seed
    if args.vocab is None:
        args.vocab = heaps_vocabulary(n)
    say(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    t0 = time.perf_counter()
    lex = build_lexicon(seed, args.vocab, args.zipf, args.offset)
    s = lex.stats
    say(
        f"vocabulary: {s['tokens_id']} id + {s['tokens_en']} en content key tokens "
        f"({s['words_id']} + {s['words_en']} words; Zipf s={args.zipf}, offset {args.offset} "
        f"over the tokens), "
        f"{s['actors']} actors with {s['actor_names']} names; {time.perf_counter() - t0:.1f} s"
    )
    t0 = time.perf_counter()
    claims = generate_claims(lex, seed, n, args.workers)
    gen_s = time.perf_counter() - t0
    key_lengths = [len(c[1].split()) for c in claims]
    say(
        f"generated and keyed {n:,} claims in {gen_s:.1f} s ({args.workers} processes); "
        f"key tokens per claim: mean {statistics.fmean(key_lengths):.1f}, "
        f"min {min(key_lengths)}, max {max(key_lengths)}; "
        f"{sum(k <= 3 for k in key_lengths) / n:.1%} have 3 tokens or fewer"
    )
    say(f"  e.g. {claims[0][0]!r}\n       -> {claims[0][1]}")
    claim_keys = [c[1] for c in claims]

    tmp = None
    if args.db:
        path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench_match_")
        path = Path(tmp.name) / "claims.db"
    try:
        build_s = await build_or_reuse(path, claims, seed)
        size = db_size(path)
        per = n / 100_000
        if build_s is None:
            say(f"database {path}: reused (already holds these {n:,} claims)")
        else:
            say(
                f"index build (insert + FTS5 triggers, {BATCH:,} claims per transaction): "
                f"{build_s:.1f} s = {build_s / per:.1f} s per 100,000 claims"
            )
        say(
            f"database file: {size / 2**20:.1f} MiB = "
            f"{size / 2**20 / per:.1f} MiB per 100,000 claims"
        )
        result = await measure(args, lex, claims, claim_keys, path)
        say(f"load average {os.getloadavg()[0]:.2f} at the end")
        return result
    finally:
        if tmp is not None:
            tmp.cleanup()


async def measure(
    args: argparse.Namespace,
    lex: Lexicon,
    claims: Sequence[tuple[str, str, str, str]],
    claim_keys: Sequence[str],
    path: Path,
) -> dict[str, object]:
    n, seed = args.claims, args.seed
    articles = [make_article(lex, seed, n, k) for k in range(args.articles)]
    planted = sum(s.source is not None for a in articles for s in a)
    say(
        f"{len(articles)} articles x {SENTENCES_PER_ARTICLE} sentences, "
        f"{planted} planted paraphrases; e.g."
    )
    example = next(s for s in articles[0] if s.source is not None)
    say(f"  claim:      {claims[example.source][0]!r}")
    say(f"  paraphrase: {example.text!r} ({', '.join(example.ops)})")

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        cold = pool.apply(_cold_keying_ms, ([(s.text, s.lang) for s in articles[0]],))
    say(f"keying article 0 in a fresh process (cold stem caches): {cold:.0f} ms")

    disk = await open_database(path)  # reads the prefix index through FTS5 only
    disk.MEMORY_INDEX_AFTER = 10**12
    store = await open_database(path)
    try:
        start = time.perf_counter()
        copy = await store.load_memory_index()
        load_s = time.perf_counter() - start
        say(
            f"prefix index loaded into memory: {load_s:.1f} s = {load_s / (n / 100_000):.1f} s "
            f"per 100,000 claims; {copy.postings:,} postings in {copy.nbytes / 2**20:.1f} MiB"
        )
        warm = make_article(lex, seed + 1, n, 0)  # loads lexicons, first pages; not counted
        for reader in (store, disk):
            await indexed_article(reader, warm)
            await batched_article(reader, warm)
        timed: dict[str, list[float]] = {"batched": [], "per_statement": [], "fts5": []}
        indexed: list[list[dict[int, float]]] = []
        for article in articles:  # the paths in turn, so all see the same load
            start = time.perf_counter()
            indexed.append(await batched_article(store, article))
            timed["batched"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            one_by_one = await indexed_article(store, article)
            timed["per_statement"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            through_fts5 = await batched_article(disk, article)
            timed["fts5"].append((time.perf_counter() - start) * 1000)
            if not one_by_one == through_fts5 == indexed[-1]:
                say("  WARNING: the indexed paths found different matches")
        parts = await breakdown(store, articles[0])
        queries = [key_tokens(s.text, s.lang) for a in articles for s in a]
        start = time.perf_counter()
        post = Postings(claim_keys)
        every = Claims(claim_keys)
        prep_s = time.perf_counter() - start
        # The same articles through both paths, in turn (same warmth, same load): the
        # comparison the speed-up is taken on.
        same: list[float] = []
        brute: list[float] = []
        brute0: list[dict[int, float]] | None = None
        for article in articles[: args.compare]:
            for _ in range(args.repeats):
                if not args.no_brute:
                    start = time.perf_counter()
                    result = brute_article(article, every)
                    brute.append((time.perf_counter() - start) * 1000)
                    brute0 = brute0 or result
                start = time.perf_counter()
                await batched_article(store, article)
                same.append((time.perf_counter() - start) * 1000)
    finally:
        await store.close()
        await disk.close()
    ms = {name: statistics.median(values) for name, values in timed.items()}
    indexed_ms = statistics.median(same)
    runs = f"{args.compare} articles x {args.repeats} runs"
    say(
        f"indexed path (find_matches_many, as the pipeline matches an article; the prefix "
        f"index in memory): {indexed_ms:.1f} ms per article (median of {runs}"
        f"{'' if args.no_brute else ', in turn with brute force'}); over all "
        f"{len(articles)} articles, each timed once: median "
        f"{ms['batched']:.1f}, p90 {pct(timed['batched'], 0.9):.1f}, max "
        f"{max(timed['batched']):.1f}"
    )
    say(
        f"  one find_matches per statement: {ms['per_statement']:.1f} ms per article; through "
        f"FTS5 (a process that has not loaded the copy): {ms['fts5']:.1f} ms (medians over "
        f"all articles; p90 {pct(timed['per_statement'], 0.9):.1f} and "
        f"{pct(timed['fts5'], 0.9):.1f})"
    )
    say(
        "  article 0 split, one statement at a time: keying {key:.1f} ms, candidates "
        "{candidates:.1f} ms, scoring {score:.1f} ms; {candidates_per_sentence:.1f} candidates "
        "per sentence".format(**parts)
    )
    reads = prefix_postings(path, queries)
    say(
        f"  prefix-index postings read per sentence (claims holding two of them are the "
        f"candidates; threshold {MATCH_THRESHOLD}): median {statistics.median(reads):.0f}, "
        f"p90 {pct(reads, 0.9):.0f}, max {max(reads)}"
    )

    brute_ms = None
    if brute:
        brute_ms = statistics.median(brute)
        say(
            f"brute force (cdist fuzz.ratio over {n:,} claim keys, workers=-1): "
            f"{brute_ms:.1f} ms per article (median of {runs}, min {min(brute):.1f}, max "
            f"{max(brute):.1f}; claim symbols prepared in memory beforehand, with an inverted "
            f"index for the recall: {prep_s:.1f} s)"
        )
        say(
            f"speed-up: brute force / indexed = {brute_ms / indexed_ms:.1f} x on the same "
            f"articles; against the median of all articles (cold words included) "
            f"{brute_ms / ms['batched']:.1f} x, one call per statement "
            f"{brute_ms / ms['per_statement']:.1f} x, through FTS5 {brute_ms / ms['fts5']:.1f} x"
        )
        exact0 = [exact_matches(k, every, post) for k in queries[:SENTENCES_PER_ARTICLE]]
        if exact0 != brute0:
            say("  WARNING: inverted-index ground truth differs from full cdist on article 0")
        else:
            say("  ground truth check: full cdist == inverted-index prefilter on article 0")

    start = time.perf_counter()
    truth = [exact_matches(k, every, post) for k in queries]
    say(f"exact brute-force matches of all sentences: {time.perf_counter() - start:.1f} s")
    found = [m for article in indexed for m in article]
    sentences = [s for a in articles for s in a]
    result = report(sentences, queries, truth, found, claim_keys, indexed_ms, brute_ms)
    result["all_articles_ms"] = round(ms["batched"], 2)
    result["per_statement_ms"] = round(ms["per_statement"], 2)
    result["fts5_ms"] = round(ms["fts5"], 2)
    result["memory_load_s"] = round(load_s, 2)
    return result


def prefix_postings(path: Path, keys: Sequence[list[str]]) -> list[int]:
    """Postings of the prefix index each key reads (a diagnostic, not timed)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sql = "SELECT count(*) FROM claims_prefix_terms WHERE term >= ? AND term <= ?"
        return [
            sum(conn.execute(sql, r).fetchone()[0] for r in storage.prefix_ranges(k))
            if len(k) >= 2
            else 0
            for k in keys
        ]
    finally:
        conn.close()


def report(
    sentences: Sequence[Sentence],
    queries: Sequence[list[str]],
    truth: Sequence[dict[int, float]],
    found: Sequence[dict[int, float]],
    claim_keys: Sequence[str],
    indexed_ms: float,
    brute_ms: float | None,
) -> dict[str, object]:
    pairs = sum(len(t) for t in truth)
    hit = sum(len(t.keys() & f.keys()) for t, f in zip(truth, found, strict=True))
    recall = hit / pairs if pairs else 1.0
    say(f"recall: {hit}/{pairs} brute-force matches found by the indexed path = {recall:.4f}")
    odd = [
        (i, j)
        for i, (t, f) in enumerate(zip(truth, found, strict=True))
        for j in f
        if j not in t or abs(t[j] - f[j]) > 1e-9
    ]
    if odd:
        say(f"  WARNING: {len(odd)} indexed matches missing from brute force or scored otherwise")
    with_match = [i for i, t in enumerate(truth) if t]
    best_ok = sum(
        1 for i in with_match if found[i] and max(found[i].values()) >= max(truth[i].values())
    )
    say(
        f"  best match (what the pipeline links): {best_ok}/{len(with_match)} sentences with a "
        f"brute-force match got one scoring as high from the index"
    )
    per_sentence = [len(truth[i]) for i in with_match]
    planted = [i for i, s in enumerate(sentences) if s.source is not None]
    novel = [i for i, s in enumerate(sentences) if s.source is None]
    if per_sentence:
        say(
            f"  brute-force matches per sentence that has any: median "
            f"{statistics.median(per_sentence):.0f}, p90 {pct(per_sentence, 0.9)}, "
            f"max {max(per_sentence)}; {sum(len(truth[i]) for i in planted)} pairs from planted "
            f"sentences, {sum(len(truth[i]) for i in novel)} from "
            f"{sum(bool(truth[i]) for i in novel)} of the {len(novel)} new sentences"
        )
    brute_src = sum(1 for i in planted if sentences[i].source in truth[i])
    index_src = sum(1 for i in planted if sentences[i].source in found[i])
    say(
        f"  planted paraphrases: source claim scored >= {MATCH_THRESHOLD} by brute force "
        f"{brute_src}/{len(planted)}, found by the index {index_src}/{len(planted)}"
    )
    by_op: Counter[str] = Counter()
    by_op_ok: Counter[str] = Counter()
    for i in planted:
        label = "+".join(sorted(sentences[i].ops))
        by_op[label] += 1
        by_op_ok[label] += sentences[i].source in truth[i]
    say(
        "  brute force matched the source, by paraphrase: "
        + ", ".join(f"{op} {by_op_ok[op]}/{by_op[op]}" for op in sorted(by_op))
    )
    for i in [i for i in planted if sentences[i].source not in truth[i]][:3]:
        source = sentences[i].source
        assert source is not None
        say(
            f"    no match: {' '.join(queries[i])!r} ({'+'.join(sentences[i].ops)}) vs "
            f"source {claim_keys[source]!r}"
        )
    missed = [(i, j, v) for i, t in enumerate(truth) for j, v in t.items() if j not in found[i]]
    if missed:
        kinds: Counter[str] = Counter()
        for i, j, _v in missed:
            origin = (
                "planted source"
                if sentences[i].source == j
                else (
                    "planted sentence, other claim"
                    if sentences[i].source is not None
                    else "new sentence"
                )
            )
            kinds[origin] += 1
        say("  missed: " + "; ".join(f"{k}: {v}" for k, v in kinds.most_common()))
        for i, j, v in sorted(missed, key=lambda m: -m[2])[:5]:
            say(f"    {v:.1f} {' '.join(queries[i])!r} ~ claim {j + 1} {claim_keys[j]!r}")
    return {
        "claims": len(claim_keys),
        "indexed_ms": round(indexed_ms, 2),
        "brute_ms": None if brute_ms is None else round(brute_ms, 1),
        "recall": round(recall, 4),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, required=True, help="number of stored claims")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--db", help="database file (reused if it holds these claims)")
    parser.add_argument("--no-brute", action="store_true", help="skip the timed brute force")
    parser.add_argument("--articles", type=int, default=100, help="articles for recall")
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed runs of each compared article, both paths"
    )
    parser.add_argument(
        "--compare", type=int, default=10, help="articles timed through both paths in turn"
    )
    parser.add_argument(
        "--vocab",
        type=int,
        default=None,
        help="content tokens per language (default: Heaps' law for N claims, see HEAPS_K)",
    )
    parser.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent of the words")
    parser.add_argument(
        "--offset", type=float, default=30.0, help="Zipf-Mandelbrot rank offset of the words"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if min(args.claims, args.articles, args.repeats, args.compare) < 1:
        parser.error("--claims, --articles, --repeats and --compare must be positive")
    if args.compare > args.articles:
        parser.error("--compare cannot exceed --articles")
    result = asyncio.run(run(args))
    if args.json:
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
