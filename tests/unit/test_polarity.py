from claimwatch.matchers.polarity import negated, subject_named


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
