"""Which claim a reply answers and which statement raises its flag (issue 10, parts 2 and 4),
through the real pipeline on a SQLite file, with sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database

MAYOR = (
    '"The city will close all public libraries in Riverton next month," Mayor Alan Brooks '
    "said on Monday."
)


async def _claim_of(store: Database, text: str, published: str) -> int:
    """The one claim an article of the Riverton Post makes."""
    first = await ingest(store, text, source="Riverton Post", published=published)
    (claim_id,) = first.new_claims
    return claim_id


async def _mayor_claim(store: Database, published: str) -> int:
    return await _claim_of(store, MAYOR, published)


async def test_the_flag_names_the_attributed_answer_not_the_headline(store: Database) -> None:
    """A speakerless headline denies first; the librarian's denial of the same claim is the
    one the flag quotes and names."""
    claim_id = await _mayor_claim(store, "2025-03-03")
    reply = await ingest(
        store,
        "Riverton libraries will not close next month.\n\n"
        "The city librarian Maria Lopez denied that the city will close all public libraries "
        "in Riverton next month.",
        source="Valley News",
        published="2025-03-04",
    )
    assert [(f.kind, f.claim_id) for f in reply.flags] == [("denial", claim_id)]
    assert "Maria Lopez" in reply.flags[0].by
    assert "librarian" in reply.flags[0].statement_text


async def test_a_re_reported_denial_raises_no_new_flag_but_a_new_answerer_does(
    store: Database,
) -> None:
    claim_id = await _mayor_claim(store, "2025-03-03")
    denial = (
        "The Riverton Library Board denied that the city will close all public libraries in "
        "Riverton next month."
    )
    reply = await ingest(store, denial, source="Valley News", published="2025-03-04")
    assert [(f.kind, f.claim_id) for f in reply.flags] == [("denial", claim_id)]
    again = await ingest(
        store,
        "On Tuesday, " + denial[0].lower() + denial[1:],
        source="Wire",
        published="2025-03-05",
    )
    assert again.flags == []
    both = await ingest(
        store,
        denial + " The teachers union also denied that the city will close all public "
        "libraries in Riverton next month.",
        source="Evening Star",
        published="2025-03-06",
    )
    assert [(f.kind, f.claim_id) for f in both.flags] == [("denial", claim_id)]
    assert both.flags[0].by == "teachers union"


async def test_a_rumour_the_outlet_narrates_is_the_claim_its_denial_answers(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Beredar kabar bahwa Pemerintah Kota Sukamaju akan menutup seluruh perpustakaan umum "
        "mulai bulan depan.\n\n"
        'Wali Kota Sukamaju, Budi Hartono, membantah kabar tersebut. "Kabar itu tidak benar," '
        "kata Budi, Senin (3/3).",
        source="Warta Sukamaju",
        published="2025-03-03",
    )
    (claim_id,) = result.new_claims
    claim = await store.claims.get(claim_id)
    assert claim is not None and claim.text.startswith("Pemerintah Kota Sukamaju akan menutup")
    assert claim.by_name == "unattributed"
    # The mayor denies, named in full ("Wali Kota Sukamaju, Budi Hartono,"), and a denial of
    # the rumour is not read as dismissing that denial.
    assert [(f.kind, f.claim_id, f.by) for f in result.flags] == [
        ("denial", claim_id, "Budi Hartono")
    ]


async def test_a_report_told_without_vouching_is_stored_for_a_later_denial(
    store: Database,
) -> None:
    claim_id = await _claim_of(
        store,
        "The city will reportedly close all eleven public libraries in Riverton next month.",
        "2025-03-03",
    )
    reply = await ingest(
        store,
        "The Riverton Library Board denied that the city will close its eleven public libraries.",
        source="Valley News",
        published="2025-03-04",
    )
    assert [(f.kind, f.claim_id, f.by) for f in reply.flags] == [
        ("denial", claim_id, "Riverton Library Board")
    ]


async def test_that_is_untrue_after_ones_own_words_answers_the_other_claim(
    store: Database,
) -> None:
    result = await ingest(
        store,
        MAYOR + "\n\n"
        '"Our reading rooms are full every single day," Maria Lopez said. "That is nonsense," '
        "Maria Lopez said.",
        source="Riverton Post",
        published="2025-03-03",
    )
    mayor_claim, own_claim = result.new_claims
    flags = [(f.kind, f.claim_id, f.by) for f in result.flags]
    assert flags == [("denial", mayor_claim, "Maria Lopez")]
    assert own_claim not in {f.claim_id for f in result.flags}  # no reversal of her own words


async def test_denying_the_rumour_answers_the_narrated_rumour_not_the_nearest_claim(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Beredar kabar bahwa Pemerintah Kota Sukamaju akan menutup seluruh perpustakaan umum "
        "mulai bulan depan.\n\n"
        '"Jumlah pengunjung perpustakaan naik dua kali lipat tahun ini," kata Kepala Dinas '
        "Pendidikan, Andi Wijaya.\n\n"
        "Wali Kota Sukamaju, Budi Hartono, membantah kabar tersebut.",
        source="Warta Sukamaju",
        published="2025-03-03",
    )
    rumour, _visitors = result.new_claims
    assert [(f.kind, f.claim_id) for f in result.flags] == [("denial", rumour)]


async def test_the_outlets_own_negated_narration_is_no_denial(store: Database) -> None:
    """Only a speaker takes a position: a sentence of narration that negates a stored claim
    links to it but denies nothing (it is usually a detail, "has not been released")."""
    claim_id = await _claim_of(
        store,
        '"The old Riverton bridge collapsed into the river on Monday," fire chief Tom Hale said.',
        "2025-03-03",
    )
    later = await ingest(
        store,
        "The old Riverton bridge has not collapsed into the river, and traffic resumed.",
        source="Valley News",
        published="2025-03-04",
    )
    assert later.statements[0].claim_id == claim_id
    assert later.flags == []


DENIED_ON = (
    "The Riverton Library Board denied on {day} that the city will close all public "
    "libraries in Riverton next month."
)


async def test_an_answer_made_before_a_claim_does_not_answer_it(store: Database) -> None:
    """Narrated on Thursday, the board's denial was made on Tuesday: the mayor's claim of
    Wednesday is not what it answered."""
    claim_id = await _mayor_claim(store, "2025-03-05")
    earlier = await ingest(
        store, DENIED_ON.format(day="Tuesday"), source="Valley News", published="2025-03-06"
    )
    # It answers the report as a claim of its own (nobody named made it), not the mayor's.
    assert earlier.statements[0].claim_id != claim_id
    assert [f.claim_id for f in earlier.flags] == [earlier.statements[0].claim_id]


async def test_an_answer_made_after_a_claim_answers_it(store: Database) -> None:
    claim_id = await _mayor_claim(store, "2025-03-05")
    same_day = await ingest(
        store, DENIED_ON.format(day="Thursday"), source="Wire", published="2025-03-06"
    )
    assert [(f.kind, f.claim_id) for f in same_day.flags] == [("denial", claim_id)]


async def test_a_flag_carries_the_day_the_answer_was_made(store: Database) -> None:
    claim_id = await _mayor_claim(store, "2025-03-03")
    reply = await ingest(
        store,
        "The Riverton Library Board denied on Tuesday that the city will close all public "
        "libraries in Riverton next month.",
        source="Valley News",
        published="2025-03-06",
    )
    assert [(f.claim_id, f.published[:10]) for f in reply.flags] == [(claim_id, "2025-03-04")]


async def test_an_answer_pointing_back_skips_a_two_word_remark(store: Database) -> None:
    """'Dismissed the reports' answers the mayor's claim, not the remark made between."""
    result = await ingest(
        store,
        MAYOR + '\n\n"Budgets are tight," Tom Hale said. The librarian Maria Lopez dismissed '
        "the reports.",
        source="Riverton Post",
        published="2025-03-03",
    )
    mayor_claim, _remark = result.new_claims
    assert [(f.kind, f.claim_id) for f in result.flags] == [("denial", mayor_claim)]


async def test_that_is_untrue_answers_the_claim_the_article_leads_with(store: Database) -> None:
    """A reply that does not say what it denies answers the story's claim (news puts it
    first), not whatever was quoted in the sentence before."""
    result = await ingest(
        store,
        MAYOR + "\n\n"
        '"Visitors have doubled at the central branch this year," Tom Hale said. "That is '
        'simply untrue," Maria Lopez said.',
        source="Riverton Post",
        published="2025-03-03",
    )
    mayor_claim, _visitors = result.new_claims
    assert [(f.kind, f.claim_id, f.by) for f in result.flags] == [
        ("denial", mayor_claim, "Maria Lopez")
    ]


async def test_a_confirmed_report_is_stored_as_the_claim_it_confirms(store: Database) -> None:
    """Nothing stored yet: "membenarkan kabar bahwa P" confirms a report, whose content
    becomes the claim; a confirmation that names no report makes none."""
    result = await ingest(
        store,
        "Kapolres Sukamaju Hendra Wijaya membenarkan kabar bahwa polisi menangkap direktur "
        "stasiun televisi swasta di Surabaya.",
        source="Warta Sukamaju",
        published="2025-03-03",
    )
    assert [(f.kind, f.by) for f in result.flags] == [
        ("confirmation", "Kapolres Sukamaju Hendra Wijaya")
    ]
    assert "menangkap direktur" in result.flags[0].claim_text
    assert result.flags[0].claim_by == "unattributed"
    plain = await ingest(
        store,
        "Wakil Kapolres Sukamaju Rudi Santoso membenarkan jembatan Sukamaju ditutup sementara "
        "untuk perbaikan.",
        source="Warta Sukamaju",
        published="2025-03-04",
    )
    assert plain.flags == []


async def test_a_denial_that_refers_back_skips_a_claim_that_already_says_no(
    store: Database,
) -> None:
    """'Denied the rumour' agrees with a speaker who said it will not happen: it is no
    denial of that speaker."""
    reply = await ingest(
        store,
        "A rumour spread on Monday that the Riverton council will sell the old harbour to a "
        "developer.\n\n"
        '"The council will not sell the old harbour to a developer this year," Mayor Alan '
        "Brooks said on Tuesday.\n\n"
        "Councillor Maria Lopez also denied the rumour on Tuesday.",
        source="Valley News",
        published="2025-03-04",
    )
    assert [f.claim_text for f in reply.flags if "will not sell" in f.claim_text] == []


async def test_a_negated_figure_the_claim_lacks_is_an_estimate_not_a_denial(
    store: Database,
) -> None:
    """ "Will not exceed 2,000" against "huge crowds will join": a figure of its own (for the
    figure rules), not a denial of the claim."""
    reply = await ingest(
        store,
        '"Huge crowds will join the march in Riverton on Sunday," organiser Tom Reed said.\n\n'
        "Police chief Ann Cole estimated that the crowds joining the march in Riverton on "
        "Sunday will not exceed 2,000 people.",
        source="Valley News",
        published="2025-03-04",
    )
    assert [f.kind for f in reply.flags if f.kind == "denial"] == []


async def test_a_denial_that_refers_back_answers_the_claim_its_words_name(
    store: Database,
) -> None:
    """Of an article's claims, 'ucapan soal tarif bus kota itu hoaks' answers the one about
    bus fares, not the article's first claim."""
    reply = await ingest(
        store,
        '"Semua perpustakaan umum di Kota Bogor akan ditutup bulan depan," kata Wali Kota '
        "Budi Santoso, Senin.\n\n"
        '"Tarif bus kota di Bogor akan naik dua kali lipat," kata anggota dewan Rina Wati.\n\n'
        "Kepala Dinas Perhubungan Ahmad Yani menyebut ucapan soal tarif bus kota itu hoaks.",
        source="Radar Kota",
        published="2025-03-04",
    )
    assert [(f.kind, f.claim_text[:5]) for f in reply.flags] == [("denial", "Tarif")]


async def test_denying_a_report_agrees_with_a_claim_that_says_no(store: Database) -> None:
    """'Reports that warships will be sent are not true' against 'no warships will be
    sent': the two agree; no denial."""
    reply = await ingest(
        store,
        '"No warships will be sent to the Riverton strait this year," navy chief Tom Reed '
        "said on Monday.\n\n"
        '"Reports that warships will be sent to the Riverton strait this year are simply not '
        'true," defence minister Ann Cole said.',
        source="Valley News",
        published="2025-03-04",
    )
    assert reply.flags == []


async def test_the_outlets_own_that_was_a_hoax_is_no_denial(store: Database) -> None:
    """A speakerless sentence calling an earlier claim a hoax, without restating it, names
    nobody who denies: no flag (a named answerer would raise one)."""
    reply = await ingest(
        store,
        MAYOR + "\n\nDays later, that claim turned out to be a hoax.",
        source="Valley News",
        published="2025-03-04",
    )
    assert reply.flags == []
