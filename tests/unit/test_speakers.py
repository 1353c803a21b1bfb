from claimwatch.matchers.speakers import role_words, same_speaker_phrase


def test_role_words_drop_determiners_and_possessors() -> None:
    assert role_words("Indonesia's trade minister") == ("trade", "minister")
    assert role_words("The Health Ministry") == ("health", "ministry")


def test_same_speaker_under_two_wordings() -> None:
    assert same_speaker_phrase("Health Ministry", "Indonesia's Health Ministry")
    assert same_speaker_phrase("Kepala BPBD Kabupaten Garut", "Kepala BPBD Kabupaten Garut")
    assert not same_speaker_phrase("the minister", "the foreign minister")  # one word: any
    assert not same_speaker_phrase("Health Ministry", "Trade Ministry")
    assert not same_speaker_phrase(None, "Health Ministry")
