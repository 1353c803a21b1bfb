"""One speaker under several names, and a reversal only when that speaker turns.
Sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.coref import name_words, same_name
from claimwatch.storage.api import Database

UNION = "Serikat buruh mengatakan PT Sinar Jaya Abadi akan memecat 900 karyawan di pabrik Cikarang."


def test_titles_and_roles_are_not_part_of_a_name() -> None:
    assert name_words("Kabid Humas Polda Sulsel Kombes Rudi Hartono") == (
        "polda",
        "sulsel",
        "rudi",
        "hartono",
    )
    assert name_words("the company's chief executive") == ()
    assert name_words("Bupati Klaten") == ()  # the place a title governs names no one


def test_a_name_under_a_title_or_alone_is_one_speaker() -> None:
    assert same_name("Direktur Utama PT Sinar Jaya Abadi Hendra Wijaya", "Hendra")
    assert same_name("Hendra Wijaya", "Direktur Utama Hendra Wijaya")
    assert same_name("Manajemen PT Sinar Jaya Abadi", "Sinar Jaya Abadi")
    assert same_name("Kepala Dinas Kesehatan Bogor", "Dinas Kesehatan Bogor")
    assert same_name("Sen. Maria Lopez", "Lopez")
    assert same_name("KPU Kabupaten Tapanuli Tengah", "KPU Tapanuli Tengah")


def test_a_force_named_by_its_common_noun_is_one_speaker() -> None:
    assert same_name("Police", "Police chief")
    assert same_name("police", "Bandung Metropolitan Police Commissioner Agus Salim")
    assert same_name("the regional government", "Regional government spokesman Budi")
    assert not same_name("Regulator", "Downstream Oil Regulatory Agency")  # a role, not a name
    assert same_name("Kedubes", "Kedutaan Besar Vietnam di Jakarta")
    assert same_name("the embassy", "Vietnam's embassy in Jakarta")


def test_different_names_and_bare_roles_are_not_one_speaker() -> None:
    assert not same_name("Hendra Wijaya", "Hendra Gunawan")
    assert not same_name("Bupati Klaten", "Kapolres Klaten")
    assert not same_name("Dinas Kesehatan Bogor", "Dinas Pendidikan Bogor")
    assert not same_name("the spokesman", "a spokesman")
    assert not same_name("Ali", "Ali Rahman")  # one short word could be anyone's


async def _flags(store: Database, *texts: str) -> list[list[tuple[str, str]]]:
    out = []
    for day, text in enumerate(texts, start=1):
        result = await ingest(store, text, source=f"S{day}", published=f"2026-04-{day:02d}")
        out.append([(f.kind, f.by) for f in result.flags])
    return out


async def test_a_company_admitting_under_a_shorter_name_reverses_its_denial(
    store: Database,
) -> None:
    flags = await _flags(
        store,
        UNION,
        "Manajemen PT Sinar Jaya Abadi membantah bahwa perusahaan akan memecat 900 karyawan di "
        "pabrik Cikarang.",
        "Sinar Jaya Abadi akhirnya mengakui akan memecat 900 karyawan di pabrik Cikarang.",
    )
    assert flags[1] == [("denial", "Manajemen PT Sinar Jaya Abadi")]
    assert flags[2] == [("reversal", "Sinar Jaya Abadi")]


async def test_a_director_named_by_first_name_later_is_the_same_speaker(store: Database) -> None:
    flags = await _flags(
        store,
        UNION,
        "Direktur Utama PT Sinar Jaya Abadi Hendra Wijaya membantah bahwa perusahaan akan "
        "memecat 900 karyawan di pabrik Cikarang.",
        "Hendra akhirnya mengakui perusahaan akan memecat 900 karyawan di pabrik Cikarang.",
    )
    assert flags[2] == [("reversal", "Hendra")]


async def test_denying_the_opposite_of_its_own_word_is_no_reversal(store: Database) -> None:
    flags = await _flags(
        store,
        "Juru bicara Toko Lestari mengatakan tidak ada data pelanggan yang bocor dari sistem "
        "Toko Lestari.",
        "Toko Lestari membantah bahwa data pelanggan bocor dari sistem Toko Lestari.",
    )
    assert flags[1] == []


async def test_its_own_word_negated_without_a_stance_is_no_reversal(store: Database) -> None:
    flags = await _flags(
        store,
        "Juru bicara Toko Lestari mengatakan data pelanggan bocor dari sistem Toko Lestari.",
        "Juru bicara Toko Lestari mengatakan data pelanggan tidak bocor dari sistem Toko Lestari.",
        "Toko Lestari kini membantah bahwa data pelanggan bocor dari sistem Toko Lestari.",
    )
    assert flags[1] == []
    assert [kind for kind, _by in flags[2]] == ["reversal"]


async def test_a_flag_names_the_answerer_over_a_bare_role(store: Database) -> None:
    flags = await _flags(
        store,
        "Fuel traders said Surya Petro will lift the pump price for diesel to 9,000 rupiah "
        "per litre in Medan.",
        "Regulator confirms Surya Petro raised diesel price in Medan\n"
        "The Downstream Oil Regulatory Agency confirmed that Surya Petro raised the pump price "
        "of diesel to 9,000 rupiah per litre in Medan.",
    )
    assert flags[1] == [("confirmation", "Downstream Oil Regulatory Agency")]


def test_a_rank_after_a_body_opens_a_person_not_a_longer_name() -> None:
    gaz = gazetteer()
    assert [a.id for a in gaz.find("kata Kabid Humas Polda Metro Jaya Kombes Andi Wirawan")] == [
        "polda-metro-jaya"
    ]
    assert [
        a.id
        for a in gaz.find("kata seorang peneliti dari Indonesia Corruption Watch kepada wartawan")
    ] == []


async def test_a_short_name_is_the_body_named_in_full_earlier_in_the_article(
    store: Database,
) -> None:
    flags = await _flags(
        store,
        "Serikat ojek mengatakan polisi menahan 12 sopir angkot di Sukamaju.",
        "Kabid Humas Polda Metro Jaya Kombes Andi Wirawan mengatakan bahwa pengamanan berjalan "
        "tertib. Andi membantah bahwa polisi menahan 12 sopir angkot di Sukamaju.",
        "Polda Metro Jaya akhirnya mengakui menahan 12 sopir angkot di Sukamaju.",
    )
    assert flags[1] == [("denial", "Andi")]
    assert flags[2] == [("reversal", "Polda Metro Jaya")]


def test_a_country_ending_a_firms_name_is_the_firm() -> None:
    gaz = gazetteer()
    assert [a.id for a in gaz.find("kata juru bicara PT Sumber Pangan Indonesia kemarin")] == []
    assert [a.id for a in gaz.find("para dosen Universitas Indonesia menolak rencana itu")] == []
    assert [a.id for a in gaz.find("pemerintah Indonesia menolak rencana itu")] == ["indonesia"]
