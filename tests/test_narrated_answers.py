"""Answers that point back at what the outlet itself narrated ("membenarkan penangkapan
itu", "memastikan surat tersebut hoaks") when no claim was stored for it (issue 10), through
the real pipeline, with sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database


async def test_confirming_the_arrest_the_lead_narrates_flags_a_confirmation(
    store: Database,
) -> None:
    article = (
        "Seorang bendahara koperasi ditangkap Polres Kota Sukamaju terkait dugaan penggelapan "
        "dana anggota.\n\n"
        "Penangkapan tersebut dibenarkan Kasat Reskrim Polres Kota Sukamaju AKP Dimas Wirawan.\n\n"
        "Pemeriksaan masih berlangsung."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["confirmation"]
    assert "bendahara koperasi ditangkap" in result.flags[0].claim_text
    assert "Dimas Wirawan" in result.flags[0].by


async def test_calling_the_letter_a_hoax_denies_the_sentence_that_narrates_the_letter(
    store: Database,
) -> None:
    article = (
        "Sebuah surat berisi daftar calon kepala dinas kembali menghebohkan warga Sukamaju.\n\n"
        "Warga ramai membicarakannya sejak pekan lalu.\n\n"
        "Sekretaris Daerah Rina Hapsari memastikan surat tersebut tidak benar."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "daftar calon kepala dinas" in result.flags[0].claim_text


async def test_an_answer_with_a_proposition_of_its_own_takes_no_narrated_claim(
    store: Database,
) -> None:
    article = (
        "Seorang bendahara koperasi ditangkap Polres Kota Sukamaju terkait dugaan penggelapan "
        "dana anggota.\n\n"
        "Kasat Reskrim AKP Dimas Wirawan mengakui pihaknya akan mendalami keterangan saksi "
        "lebih dulu."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert result.flags == []


async def test_a_bare_that_report_answers_only_the_opening_sentence(store: Database) -> None:
    article = (
        "Warga Sukamaju menggelar kerja bakti membersihkan saluran air di pasar lama.\n\n"
        "Kegiatan berlangsung sejak pagi hingga siang hari.\n\n"
        "Camat Sukamaju Budi Santosa juga hadir bersama para lurah setempat.\n\n"
        "Kabar itu dibantah Kepala Dinas Pasar Sukamaju Wawan Kurnia."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.claim_text[:20] for f in result.flags] == ["Warga Sukamaju mengg"]


async def test_a_denied_report_between_two_actors_is_a_claim(store: Database) -> None:
    """One word of what happens between two named actors says something."""
    result = await ingest(
        store,
        "The palace on Monday dismissed a report in a weekly magazine that Prabowo might "
        "travel to Moscow in March.",
        source="Capital Daily",
        published="2025-02-03",
    )
    assert [f.kind for f in result.flags] == ["denial"]
    assert "travel to Moscow" in result.flags[0].claim_text


async def test_denying_that_p_with_no_accuser_makes_p_the_claim(store: Database) -> None:
    result = await ingest(
        store,
        "Kepala Dinas Perhubungan Sukamaju, Wawan Kurnia, menyatakan tidak benar terminal "
        "bus lama akan dipindahkan ke pinggir kota tahun depan.",
        source="Warta Sukamaju",
        published="2025-02-03",
    )
    assert [f.kind for f in result.flags] == ["denial"]
    assert "terminal bus lama akan dipindahkan" in result.flags[0].claim_text


async def test_a_quoted_not_true_with_no_accuser_stores_nothing(store: Database) -> None:
    result = await ingest(
        store,
        '"Kami tidak pernah menaikkan tarif parkir di kawasan pasar," kata Kepala Dinas '
        "Perhubungan Sukamaju Wawan Kurnia.",
        source="Warta Sukamaju",
        published="2025-02-03",
    )
    assert result.flags == []


async def test_a_report_a_speaker_names_is_the_claim_a_later_denial_answers(
    store: Database,
) -> None:
    article = (
        "Camat Sukamaju Budi Santosa enggan berkomentar soal kabar bahwa kejaksaan sudah "
        "menetapkan kepala pasar sebagai tersangka korupsi retribusi.\n\n"
        "Di sisi lain, juru bicara kejaksaan Rina Hapsari menegaskan kejaksaan belum "
        "menetapkan kepala pasar sebagai tersangka korupsi retribusi."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "kejaksaan sudah menetapkan" in result.flags[0].claim_text


async def test_a_short_name_denying_does_not_answer_its_fuller_names_own_words(
    store: Database,
) -> None:
    article = (
        "Surat Edaran Libur Sekolah Sebulan di Sukamaju Beredar\n\n"
        '"Kami masih mencari siapa yang pertama kali mengunggahnya," kata Kasat Reskrim '
        "Polres Sukamaju AKP Dimas Wirawan.\n\n"
        "Menurut Dimas, surat edaran yang dibuat seolah-olah diterbitkan dinas pendidikan "
        "itu hoaks."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert result.flags[0].claim_text.startswith("Surat Edaran Libur Sekolah")


async def test_denying_that_claim_answers_the_claim_just_told(store: Database) -> None:
    article = (
        "Ketua Koperasi Tani Sukamaju Budi Santosa menyebut gudang pupuk koperasi kosong "
        "sejak bulan lalu.\n\n"
        "Dinas Pertanian Sukamaju menyebut penyaluran pupuk bersubsidi terlambat karena "
        "kuota provinsi dipangkas.\n\n"
        "Akan tetapi, Ketua Kelompok Tani Rina Hapsari membantah klaim itu."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "penyaluran pupuk bersubsidi terlambat" in result.flags[0].claim_text


async def test_pointing_back_prefers_the_claim_its_own_sentence_speaks_of(
    store: Database,
) -> None:
    article = (
        "Ketua RT Budi Santosa menyebut warga sudah tiga hari tidak mendapat air bersih.\n\n"
        "Kontraktor proyek Andi Wijaya menyebut pipa induk di Jalan Melati bocor karena "
        "tertimpa alat berat.\n\n"
        "Kepala PDAM Rina Hapsari, yang meninjau pipa induk di Jalan Melati pada Senin, "
        "membantahnya."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    texts = [f.claim_text for f in result.flags if f.kind == "denial"]
    assert texts and all("pipa induk" in t for t in texts)


async def test_a_claim_named_before_its_answer_in_one_sentence_is_answered(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "As for accusations by some readers that the weekly was paid by the port "
        "authority, editor Dana Whitfield denied it.",
        source="Harbour Times",
        published="2025-02-03",
    )
    assert [f.kind for f in result.flags] == ["denial"]
    assert result.flags[0].claim_text == "the weekly was paid by the port authority"


async def test_a_rumour_retold_after_its_denial_is_what_the_denial_answers(
    store: Database,
) -> None:
    article = (
        "Pemerintah Kota Sukamaju tidak akan menanggapi kabar itu.\n\n"
        "Sekretaris Daerah Rina Hapsari memastikan surat tersebut tidak benar.\n\n"
        "Sebelumnya, beredar sebuah surat berisi daftar calon kepala dinas yang disebut "
        "sudah disetujui wali kota."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "daftar calon kepala dinas" in result.flags[0].claim_text
    assert "Rina Hapsari" in result.flags[0].by


async def test_a_leading_confirmation_confirms_the_report_told_after_it_as_earlier(
    store: Database,
) -> None:
    article = (
        "The Ruritanian navy has confirmed that it sank a smuggling boat off its northern "
        "coast, the navy's press office said on Monday.\n\n"
        "The coast guard of Borduria had earlier said the boat was sunk near the Vesna "
        "islands after a chase lasting several hours."
    )
    result = await ingest(store, article, source="Harbour Times", published="2025-02-03")
    confirmations = [f for f in result.flags if f.kind == "confirmation"]
    assert len(confirmations) == 1
    assert "Vesna islands" in confirmations[0].claim_text


async def test_a_later_claim_without_earlier_is_not_what_a_lead_confirmation_confirms(
    store: Database,
) -> None:
    article = (
        "The Ruritanian navy has confirmed that it sank a smuggling boat off its northern "
        "coast, the navy's press office said on Monday.\n\n"
        "The coast guard of Borduria said the boat was sunk near the Vesna islands after a "
        "chase lasting several hours."
    )
    result = await ingest(store, article, source="Harbour Times", published="2025-02-03")
    assert not any(f.kind == "confirmation" and "Vesna" in f.claim_text for f in result.flags)


async def test_a_speaker_who_will_not_answer_a_report_does_not_make_it_their_claim(
    store: Database,
) -> None:
    article = (
        "Menurut juru bicara pemkot Rina Hapsari, Wali Kota Sukamaju tidak akan menanggapi "
        "kabar bahwa kepala dinas pasar menginap di vila milik kontraktor di Puncak.\n\n"
        "Meski begitu, Rina turut membantah adanya rapat tersebut."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "vila milik kontraktor" in result.flags[0].claim_text
    assert "Rina" in result.flags[0].by


async def test_a_flyer_that_speaks_is_nobodys_claim_and_the_denial_answers_it(
    store: Database,
) -> None:
    article = (
        "Sebuah selebaran tentang libur sekolah beredar di media sosial, Senin.\n\n"
        "Selebaran berlogo Dinas Pendidikan Sukamaju itu juga menyebutkan seluruh sekolah "
        "diliburkan mulai 1 Juni.\n\n"
        "Namun, Dinas Pendidikan Sukamaju memastikan selebaran tersebut hoaks."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "diliburkan mulai 1 Juni" in result.flags[0].claim_text
    assert result.flags[0].claim_text.startswith("Selebaran berlogo")


async def test_an_answer_after_the_lead_points_at_the_report_the_lead_denied(
    store: Database,
) -> None:
    article = (
        "Manajemen PT Sukamaju Textil membantah kabar tentang penutupan pabrik yang disebut "
        "terjadi di Kabupaten Sukamaju.\n\n"
        "Perusahaan menegaskan isu yang ramai dibicarakan warganet itu tidak benar.\n\n"
        "Sebelumnya, isu penutupan itu muncul usai sebuah foto gerbang pabrik beredar di "
        "media sosial.\n\n"
        "Foto itu disertai narasi yang menyebut PT Sukamaju Textil menutup pabrik di "
        "Kabupaten Sukamaju."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "menutup pabrik" in result.flags[0].claim_text


async def test_a_denial_answers_the_claim_its_own_words_name_most(store: Database) -> None:
    article = (
        '"Kami mencatat 12 kasus diare berat di puskesmas kecamatan sejak pekan lalu," kata '
        "Kepala Dinas Kesehatan Sukamaju Budi Santosa.\n\n"
        "Menurut Rina Hapsari, warga Desa Sukamaju, pedagang yang dibawa ambulans dari pasar "
        "itu menularkan kolera kepada tetangganya.\n\n"
        "Dalam jumpa pers soal kasus diare berat itu, Kapolsek Sukamaju Dimas Wirawan "
        "mengatakan narasi itu tidak benar, dan pedagang yang dibawa ambulans dari pasar itu "
        "tidak tertular penyakit apa pun."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "dibawa ambulans" in result.flags[0].claim_text


async def test_denying_rumours_of_p_is_not_the_speakers_own_no_again(store: Database) -> None:
    article = (
        "President Joko Widodo has denied rumours of a plan to close the provincial "
        "harbour of Sukamaju.\n\n"
        "On Monday, during a visit to a market in Kota Baru, the president said he had no plan "
        "to close the harbour."
    )
    result = await ingest(store, article, source="Sukamaju Post", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert "a plan to close the provincial harbour" in result.flags[0].claim_text


async def test_one_answerer_denying_one_rumour_twice_raises_one_flag(store: Database) -> None:
    article = (
        "Juru bicara Pemkot Sukamaju Rina Hapsari membantah kabar bahwa Rumah Sakit Umum "
        "Daerah Sukamaju sudah membuka data identitas empat warga yang menjadi korban "
        "keracunan makanan di pesta pernikahan Desa Cibeureum.\n\n"
        '"Berita itu tidak benar. Nama korban tidak pernah disampaikan rumah sakit," kata '
        "Rina, Jumat.\n\n"
        "Pemberitaan dan unggahan itu mencantumkan bahwa data identitas keempat korban "
        "berasal dari pihak RSUD.\n\n"
        "Rina juga menegaskan tidak benar sumber kabar yang beredar itu berasal dari RSUD "
        "maupun pemkot."
    )
    result = await ingest(store, article, source="Warta Sukamaju", published="2025-02-03")
    assert [f.kind for f in result.flags] == ["denial"]
    assert result.flags[0].claim_text.startswith("Pemberitaan dan unggahan itu")


async def test_a_claim_about_its_answerer_named_before_the_answer_is_answered(
    store: Database,
) -> None:
    """The answerer's name inside the claim it answers: the claim ends where the answer's
    speaker is named last, not where the name first appears."""
    for text, claim in (
        (
            "As for rumours that Dana Whitfield took money from the port authority, "
            "Dana Whitfield denied it.",
            "Dana Whitfield took money from the port authority",
        ),
        (
            "Soal kabar bahwa kontraktor jalan menyuap Bupati Hendra Gunawan, "
            "Bupati Hendra Gunawan membantahnya.",
            "kontraktor jalan menyuap Bupati Hendra Gunawan",
        ),
    ):
        result = await ingest(store, text, source="Harbour Times", published="2025-02-03")
        assert [(f.kind, f.claim_text) for f in result.flags] == [("denial", claim)]
