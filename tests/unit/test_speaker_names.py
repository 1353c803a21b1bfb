"""Who speaks, when a name or an adjective could be read as someone else: a title before a
president, a country's firm or newspaper, a union named after its country, a surname the
gazetteer gives to another person, a verb of answering after a quote, "issued the denial".
Sentences written for these tests."""

from __future__ import annotations

from claimwatch.matchers.statements import StatementReader


def _read(text: str, lang: str) -> list[tuple[str | None, str | None]]:
    _lang, statements = StatementReader().read(text, lang)
    return [(st.speaker, st.speaker_actor) for st in statements]


def test_a_title_before_a_presidents_name_is_the_president() -> None:
    assert _read("President Joko Widodo denied that the cabinet would change.", "en")[0] == (
        "Joko Widodo",
        "joko-widodo",
    )
    # Someone speaking for him is not him.
    said = _read("President Donald Trump's spokesman denied that the visit was off.", "en")
    assert said[0][1] == "amerika-serikat"
    # An official in his office speaks for the country, as before.
    said = _read("Pejabat di kantor Presiden Prabowo membantah bahwa rapat itu batal.", "id")
    assert said[0][1] == "indonesia"


def test_a_countrys_firm_or_newspaper_is_not_the_state() -> None:
    said = _read("The Indonesian ride-hailing firm Gojek denied that it would cut jobs.", "en")
    assert said[0] == ("Indonesian ride-hailing firm Gojek", None)
    said = _read("Japanese media said the minister would resign.", "en")
    assert said[0] == ("Japanese media", None)
    said = _read("Perusahaan asal Korea Selatan itu membantah bahwa pabriknya tutup.", "id")
    assert said[0][1] is None
    # State media speak for the state.
    said = _read("Chinese state media said the talks had ended.", "en")
    assert said[0][1] == "china"


def test_a_union_named_after_its_country_is_the_union() -> None:
    said = _read(
        "Federasi Serikat Buruh Maju Indonesia menyatakan bahwa 9.000 buruh dirumahkan.", "id"
    )
    assert said[0] == ("Federasi Serikat Buruh Maju Indonesia", None)
    said = _read("Kementerian Perdagangan Indonesia menyatakan bahwa harga beras naik.", "id")
    assert said[0][1] is not None  # a ministry is the state's


def test_a_surname_goes_to_the_person_the_article_named() -> None:
    text = (
        "Lee Sang-hoon, who speaks for the ruling party, dismissed the report as false. "
        "Yoon called an earlier report false as well."
    )
    # Another surname named before changes nothing.
    assert _read(text, "en")[-1][1] == "yoon-suk-yeol"
    text = (
        "Yoon Min-ho, the party's spokesman, dismissed the report as false. "
        "Yoon called another report false too."
    )
    assert _read(text, "en")[-1] == ("Yoon Min-ho", None)
    # Without such a name, the surname is the gazetteer's person.
    assert _read("Yoon dismissed the report as false.", "en")[0][1] == "yoon-suk-yeol"


def test_a_name_ending_in_a_known_surname_is_someone_else() -> None:
    said = _read("Kapolda Irjen Budi Santoso Prabowo membantah bahwa ada korban.", "id")
    assert said[0][1] != "prabowo-subianto"
    assert said[0][1] is None


def test_a_verb_of_answering_right_after_a_quote_names_its_speaker() -> None:
    said = _read('"We saw the launch on radar," confirmed Major Tom Hale.', "en")
    assert said[0][0] == "Major Tom Hale"
    said = _read("\u201cUangnya masih saya simpan,\u201d aku Hartono di depan hakim.", "id")
    assert said[0][0] == "Hartono"
    # Not after a quote, "aku" is "I": the name after it does not speak.
    said = _read("Kemarin aku Hartono bertemu dan bilang uang itu sudah habis.", "id")
    assert said[0][0] != "Hartono"


def test_who_issued_the_denial_speaks() -> None:
    said = _read(
        "A Nortel spokesperson issued the denial by phone, calling the story a rumor.", "en"
    )
    assert said[0][0] == "Nortel spokesperson"


def test_a_spokesperson_named_again_speaks_for_the_same_body() -> None:
    text = (
        "The strike began at dawn, Pentagon spokesman Colonel Mark Ridley said. "
        '"We are tracking two more launches," added Col. Mark Ridley.'
    )
    assert [actor for _name, actor in _read(text, "en")] == ["pentagon", "pentagon"]
    # Only a name carries over: a bare role could be anyone's.
    text = (
        "The strike began at dawn, Pentagon spokesman Colonel Mark Ridley said. "
        '"We are tracking two more launches," added a spokesman.'
    )
    assert _read(text, "en")[-1][1] is None


def test_the_subject_of_a_relative_clause_without_that_speaks() -> None:
    text = (
        "The singer lost a court case over the 2015 flood - a disaster Miller had called "
        "a staged hoax many times on his show."
    )
    assert _read(text, "en")[0][0] == "Miller"
    # A role before the name stays: "the ministry spokesman Budi".
    said = _read("The ministry spokesman Budi Hartono denied that the vote was rigged.", "en")
    assert said[0][0] == "ministry spokesman Budi Hartono"


def test_a_participle_clause_is_the_sentence_subjects_when_its_clause_has_no_verb_of_saying() -> (
    None
):
    text = (
        "The minister said the port would reopen. On Monday President Donald Trump tried to "
        "explain his remarks, saying he had misspoken about the port."
    )
    assert _read(text, "en")[-1][1] == "donald-trump"


def test_repeated_is_a_verb_of_saying() -> None:
    said = _read(
        "The City Press Office, in a later statement, repeated that the story was baseless.",
        "en",
    )
    assert said[0][0] == "City Press Office"


def test_a_speaker_before_earlier_and_its_verb_speaks() -> None:
    said = _read(
        "Budi Santoso, Kepala Dinas Kesehatan Garut, sebelumnya menyebut bahwa 12 warga "
        "meninggal karena keracunan.",
        "id",
    )
    assert said[0][0] == "Budi Santoso"
    said = _read("The ministry, in a statement, had previously said 12 people died.", "en")
    assert said[0][0] is not None


def test_the_manager_of_an_account_speaks_for_it() -> None:
    said = _read('"Kabar itu tidak benar," tulis pengelola akun itu.', "id")
    assert said[0][0] == "pengelola akun itu"
    said = _read('"Kabar itu tidak benar," tulis admin akun tersebut.', "id")
    assert said[0][0] == "admin akun tersebut"


def test_who_gave_the_denial_before_a_demonstrative_speaks() -> None:
    said = _read(
        "Hartono menyampaikan bantahan itu untuk menanggapi berita Antara yang menyebut "
        "dirinya sudah mundur.",
        "id",
    )
    assert said[0][0] == "Hartono"


def test_a_subject_ends_where_its_clause_begins() -> None:
    said = _read("Antara kemudian merilis berita yang menyebut bahwa pabrik itu sudah tutup.", "id")
    assert said[0][0] == "Antara"


def test_a_link_opening_the_sentence_is_not_its_speaker() -> None:
    _lang, statements = StatementReader().read(
        "Sebab, kata Hartono, prosesnya masih tahap pengaduan.", "id"
    )
    assert statements[0].speaker == "Hartono"
    assert statements[0].content == "prosesnya masih tahap pengaduan"


def test_a_speaker_after_a_quote_holds_no_verb_of_saying() -> None:
    said = _read('"Kami tidak menghentikan kasus itu," sambung Hartono menekankan.', "id")
    assert said[0][0] == "Hartono"
    # "Tengah" in a name is no "tengah" (meanwhile) of a clause.
    said = _read("Gubernur Jawa Tengah Ahmad Fajar membantah bahwa jalan itu rusak.", "id")
    assert said[0][0] == "Gubernur Jawa Tengah Ahmad Fajar"


def test_a_subject_ends_at_its_verb_adverb_or_negation() -> None:
    said = _read(
        "Mulanya Hartono mencoba mengelak dengan menyebut uang itu berasal dari tabungannya.",
        "id",
    )
    assert said[0][0] == "Hartono"
    said = _read(
        "Di persidangan, terdakwa Rudi Hartono secara mengejutkan mengaku telah menerima uang.",
        "id",
    )
    assert said[0][0] == "terdakwa Rudi Hartono"
    said = _read("Ketika ditanya lebih jauh, Hartono belum memberi konfirmasi.", "id")
    assert said[0][0] == "Hartono"
    said = _read('"Sidang kita lanjutkan Senin," kata Hartono sambil menutup sidang.', "id")
    assert said[0][0] == "Hartono"
    # A noun in "ber-" is no verb: "berita".
    said = _read("Kepala Dinas membantah berita Antara yang menyebut sekolah ditutup.", "id")
    assert said[0][0] == "Kepala Dinas"


def test_the_pronoun_of_what_it_called_is_the_sentence_subject() -> None:
    said = _read(
        "The Kremlin, in a rare step, showed irritation on Friday over what it called "
        '"false" stories in a Danish daily.',
        "en",
    )
    assert said[0][1] == "kremlin"


def test_a_description_before_a_lowercase_apposition_speaks() -> None:
    said = _read(
        "Several lawmakers from the Green Union Party (GUP), the largest opposition bloc, "
        "have said that the new port is more exposed to flooding.",
        "en",
    )
    assert said[0][0] == "Several lawmakers from the Green Union Party GUP"


def test_a_sides_version_speaks_for_that_side() -> None:
    said = _read(
        "Di sisi lain, versi warga membantah adanya bentrokan dengan petugas di kebun itu.", "id"
    )
    assert said[0][0] == "versi warga"


def test_a_sentence_listing_what_the_speaker_announced_is_the_speakers() -> None:
    text = (
        "Ombudsman Jawa Barat mengungkapkan temuan baru soal banjir itu. "
        "Di antaranya, korban tewas sebanyak 14 orang."
    )
    said = _read(text, "id")
    assert said[1][0] == said[0][0] and said[1][0] is not None
    # Without a speaker before, nobody.
    said = _read("Banjir melanda kota itu. Di antaranya, korban meninggal 14 orang.", "id")
    assert said[-1][0] is None


def test_a_person_just_named_goes_on_under_a_role() -> None:
    text = (
        "Karl Brandt, the club's finance chief, said on Tuesday that he regretted his words. "
        "On Friday the club director had claimed that the striker left because of fans."
    )
    assert _read(text, "en")[-1][0] == "Karl Brandt"
    # A body just named is not "the club director".
    text = (
        "Karl Brandt, the club's finance chief, said on Tuesday that he regretted his words. "
        "Nothing followed. On Friday the club director had claimed that the striker left."
    )
    assert _read(text, "en")[-1][0] != "Karl Brandt"


def test_a_verb_clause_goes_on_with_its_own_sentences_subject() -> None:
    text = (
        "The ministry said the counts came from the farmers' union. A spokesman for that farm "
        "group, however, voiced surprise at the counts and denied that 900 farms closed."
    )
    said = _read(text, "en")
    assert said[-1][0] == "spokesman for that farm group"


def test_a_body_of_a_state_named_with_it_speaks_as_that_body() -> None:
    said = _read(
        "The U.S. military's Central Command said on Tuesday the drill had been moved.", "en"
    )
    assert said[0][1] == "centcom"
    said = _read("The Justice Department said the files had been returned.", "en")
    assert said[0][1] == "doj-as"
