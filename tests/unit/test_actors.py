from claimwatch.matchers.actors import gazetteer


def _ids(text: str) -> list[str]:
    return [a.id for a in gazetteer().find(text)]


def test_aliases_resolve_to_one_actor() -> None:
    for text in ("Pyongyang", "Korea Utara", "North Korea", "DPRK", "Korut", "North Korean"):
        assert _ids(text) == ["korea-utara"], text
    assert _ids("Moskow dan Kremlin") == ["rusia", "kremlin"]
    assert gazetteer().root("kremlin").id == "rusia"


def test_all_caps_aliases_are_case_sensitive() -> None:
    assert _ids("as the US told us") == ["amerika-serikat"]
    assert _ids("Washington dan AS") == ["amerika-serikat"]
    assert _ids("seperti as biasa") == []


def test_misspelled_names_still_match_but_ordinary_words_do_not() -> None:
    assert _ids("Pyongyan membantah") == ["korea-utara"]
    assert _ids("Berlian itu mahal") == []


def test_a_country_name_inside_a_longer_name_is_not_the_country() -> None:
    assert _ids("Indonesia Corruption Watch menyebut kerugian negara") == []
    assert _ids("the Washington Post reported") == []
    assert _ids("Seoul, Tokyo dan Washington") == ["korea-selatan", "jepang", "amerika-serikat"]
    # Headlines are title case: there every capitalised word is not a name.
    assert _ids("North Korea Denies Sending Troops To Russia") == ["korea-utara", "rusia"]


def test_longest_alias_wins() -> None:
    assert _ids("Kementerian Pertahanan Rusia") == ["kemhan-rusia"]


def test_lookup_for_topics_typed_by_users() -> None:
    gaz = gazetteer()
    assert gaz.lookup("korut").id == "korea-utara"
    assert gaz.lookup("Pyongyng").id == "korea-utara"
    assert gaz.lookup("zzzz") is None


def test_gazetteer_is_large_and_consistent() -> None:
    gaz = gazetteer()
    assert len(gaz.actors) >= 60
    for actor in gaz.actors.values():
        assert actor.part_of is None or actor.part_of in gaz.actors, actor.id
