from claimwatch.matchers.polarity import negated, states_what_it_answers, subject_named


def test_negated_statements() -> None:
    assert negated("tanggul Sungai Cimanuk tidak jebol")
    assert negated("Tehran had not supplied ballistic missiles to Russia")
    assert negated("we never sent troops")
    assert not negated("tanggul Sungai Cimanuk jebol")
    assert not negated("tidak hanya bagi negara kami tetapi juga bagi dunia")
    assert not negated("12 WNI ditahan dalam razia pekerja tanpa dokumen")
    assert not negated("it is not true that they did not go")  # two negations


def test_subject_named() -> None:
    assert subject_named("mereka memasok senjata", "Korea Utara") == "Korea Utara memasok senjata"
    assert subject_named("it had been hacked", "Orion Tech") == "Orion Tech had been hacked"
    assert subject_named("Seoul says so", "Korea Utara") == "Seoul says so"
    assert subject_named("mereka memasok", None) == "mereka memasok"


def _answers(text: str) -> bool:
    """The rule on the content the reader takes from a sentence's answer."""
    from claimwatch.matchers.statements import StatementReader

    _lang, statements = StatementReader().read(text, None)
    answer = next(s for s in statements if s.stance.value in {"deny", "confirm"})
    return states_what_it_answers(answer.text, answer.content)


def test_a_denial_that_names_what_it_denies_stands_as_a_claim() -> None:
    assert _answers("Polisi membantah kabar bahwa dua anggotanya menjual senjata api.")
    assert _answers("The navy denied reports that 40 sailors were missing after the storm.")
    assert _answers("The ministry denied a press report that it turned down a request for fuel.")
    assert _answers("Ia membantah sejumlah spekulasi, di antaranya isu bahwa gajinya dipotong.")


def test_a_sentence_around_an_answer_is_not_what_it_answers() -> None:
    # A stance word inside the content: the speaker's own sentence.
    assert not _answers('"Given the agency\'s denial, I confirm the viral post is fake," he wrote.')
    # A comma ends the answer's object: what follows is the speaker's own point.
    assert not _answers(
        'A spokesman dismissed the story as "baseless," voicing fear that such stories hurt ties.'
    )
    # The content opens with a phrase of place, time or manner.
    assert not _answers("A spokeswoman labeled the story a hoax at a briefing on Monday.")
    assert not _answers("Hakim menyampaikan penolakan itu lewat putusan yang dibacakan Senin.")
    assert not _answers("The agency issued a statement denying a hoax that went viral online.")
    # The answer's object, not a proposition.
    assert not _answers("Several officials disputed the number and offered a far lower one.")


def _stance(text: str) -> str:
    from claimwatch.matchers.statements import StatementReader

    _lang, statements = StatementReader().read(text, None)
    return statements[0].stance.value


def test_checking_or_meaning_to_check_is_no_confirmation() -> None:
    assert _stance("Dinas ingin memastikannya dulu melalui pengecekan data warga.") != "confirm"
    assert _stance("Pengurus sudah mengonfirmasi ke pelatih apakah ucapan itu benar.") != "confirm"
    assert _stance("Redaksi telah memberi konfirmasi kepada panitia lomba.") != "confirm"
    assert _stance("Officials were still seeking to confirm the number of victims.") != "confirm"
    # Confirmations stay confirmations.
    assert _stance("Polisi mengonfirmasi kepada wartawan bahwa dua orang ditangkap.") == "confirm"
    assert _stance("Kepala dinas memastikan jembatan itu sudah dibuka kembali.") == "confirm"
    assert _stance("The ministry confirmed to reporters that two ships had docked.") == "confirm"


def test_not_knowing_takes_no_position() -> None:
    assert _stance('"Saya sama sekali tidak tahu soal itu," kata seorang pejabat dinas.') == "none"
    assert _stance("The mayor said she had no idea who uploaded the video.") == "none"


def test_that_opens_a_proposition_starting_with_time_or_place() -> None:
    assert _answers("The firm denied that in 2019 it had paid bribes to port officials.")
    assert _answers("Perusahaan itu membantah bahwa pada 2019 mereka menyuap pejabat pelabuhan.")


def test_being_the_first_to_confirm_that_is_a_confirmation_and_trying_is_not() -> None:
    from claimwatch.matchers.model import Stance
    from claimwatch.matchers.statements import StatementReader

    def stances(text: str) -> list[Stance]:
        return [st.stance for st in StatementReader().read(text, "en")[1]]

    assert Stance.CONFIRM in stances(
        "The harbour office was the first to confirm that two ferries had sunk."
    )
    assert Stance.CONFIRM in stances(
        "The harbour office said it was able to confirm that two ferries had sunk."
    )
    assert Stance.CONFIRM not in stances(
        "Reporters were trying to confirm that two ferries had sunk near the port."
    )
