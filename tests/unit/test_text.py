import unicodedata

from claimwatch.matchers.lang import detect
from claimwatch.matchers.sentences import split_sentences
from claimwatch.matchers.text import fold, normalize, words


def test_normalize_quotes_spaces_and_controls() -> None:
    raw = "“Rumor\u00a0yang  tidak berdasar”\x07,\r\nkata\u200b dia."
    assert normalize(raw) == '"Rumor yang tidak berdasar" ,\nkata dia.'


def test_words_keep_hyphens_and_apostrophes() -> None:
    assert [w.text for w in words("Yoon Suk-yeol's mata-mata don't")] == [
        "Yoon",
        "Suk-yeol's",
        "mata-mata",
        "don't",
    ]


def test_sentences_survive_decimals_abbreviations_and_quotes() -> None:
    text = normalize(
        '"Itu tidak benar. Kami tidak mengirim 1.500 tentara," kata juru bicara. '
        "Dr. Tedros said 3.5 million U.S. doses were sent. Harga naik 1,5 juta. "
        "Mr. Smith agreed!\nA new paragraph starts here"
    )
    assert split_sentences(text) == [
        '"Itu tidak benar. Kami tidak mengirim 1.500 tentara," kata juru bicara.',
        "Dr. Tedros said 3.5 million U.S. doses were sent.",
        "Harga naik 1,5 juta.",
        "Mr. Smith agreed!",
        "A new paragraph starts here",
    ]


def test_ranks_before_names_are_abbreviations() -> None:
    # "Brig. Gen. Bayu", "Maj. Ruslan": police and military ranks, common before speakers.
    text = "Police spokesman Brig. Gen. Bayu Waluyo said it was a hoax. Maj. Ruslan Ali agreed."
    assert split_sentences(text) == [
        "Police spokesman Brig. Gen. Bayu Waluyo said it was a hoax.",
        "Maj. Ruslan Ali agreed.",
    ]


def test_a_stray_quote_does_not_swallow_the_article() -> None:
    sentence = 'He said "this is a stray quote. ' + "Another sentence follows here. " * 40
    assert len(split_sentences(normalize(sentence))) > 10


def test_language_detection_id_en_and_short_default() -> None:
    assert detect("Korea Utara telah menolak pernyataan Seoul sebagai rumor") == "id"
    assert detect("North Korea denied sending troops to fight for Russia") == "en"
    assert detect("OK", default="en") == "en"


def test_indonesian_title_abbreviations_do_not_end_a_sentence() -> None:
    text = "Menurut Plt. Kepala Dinas, Budi, pasar tetap buka. Stok beras dari PT. Maju aman."
    assert split_sentences(text) == [
        "Menurut Plt. Kepala Dinas, Budi, pasar tetap buka.",
        "Stok beras dari PT. Maju aman.",
    ]


def test_folding_is_the_same_on_the_fast_path_for_plain_text() -> None:
    def slow(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    every_ascii = "".join(map(chr, range(128)))
    for text in (every_ascii, "Kapolda Metro Jaya, DON'T", "Menteri ESDM", ""):
        assert fold(text) == slow(text)
    assert fold("Édouard Straße") == slow("Édouard Straße") == "edouard strasse"
