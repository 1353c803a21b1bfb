"""What the bot says, in Indonesian and English.

Texts are HTML templates for ``str.format``: the renderer escapes every value it fills in,
so a template may hold tags but a value never does.
"""

from __future__ import annotations

LANGS = ("id", "en")


def lang_of(code: str | None) -> str:
    """Telegram's ``language_code`` to one of ours: Indonesian (and Malay) or English."""
    return "id" if code and code.lower().split("-")[0] in {"id", "ms", "in"} else "en"


_T: dict[str, dict[str, str]] = {
    "help": {
        "en": (
            "<b>claimwatch</b> tracks who claimed what in the news, and who denied it.\n\n"
            "<b>Follow a topic</b>\n"
            "/subscribe Pyongyang — an actor (aliases and typos are fine)\n"
            "/subscribe nickel smelter — a keyword phrase\n"
            "/subs — your topics and their options · /unsubscribe\n"
            "/follow 12 — one claim's timeline · /unfollow 12\n\n"
            "<b>Look things up</b>\n"
            "/check North Korea denied sending troops to Russia\n"
            "/claims troops Russia · /claim 12\n"
            "In a private chat, just send or forward any text to check it.\n\n"
            "<b>More</b>\n"
            "/ingest &lt;text or link&gt; — read an article · /digest daily 07:30 · "
            "/digest weekly mon 08:00 · /digest off · /digest (now)\n"
            "/tz Asia/Makassar · /lang id · /stats · /export"
        ),
        "id": (
            "<b>claimwatch</b> melacak siapa mengklaim apa dalam berita, dan siapa "
            "membantahnya.\n\n"
            "<b>Ikuti topik</b>\n"
            "/subscribe Pyongyang — aktor (alias dan salah ketik tidak apa-apa)\n"
            "/subscribe smelter nikel — frasa kata kunci\n"
            "/subs — topik Anda dan pengaturannya · /unsubscribe\n"
            "/follow 12 — linimasa satu klaim · /unfollow 12\n\n"
            "<b>Cari</b>\n"
            "/check Korea Utara membantah mengirim tentara ke Rusia\n"
            "/claims tentara Rusia · /claim 12\n"
            "Di obrolan pribadi, kirim atau teruskan teks apa saja untuk diperiksa.\n\n"
            "<b>Lainnya</b>\n"
            "/ingest &lt;teks atau tautan&gt; — baca artikel · /digest daily 07:30 · "
            "/digest weekly mon 08:00 · /digest off · /digest (sekarang)\n"
            "/tz Asia/Makassar · /lang en · /stats · /export"
        ),
    },
    "error": {
        "en": "Something went wrong on our side; nothing was changed. Please try again.",
        "id": "Terjadi kesalahan di pihak kami; tidak ada yang berubah. Silakan coba lagi.",
    },
    "busy": {
        "en": "The database is busy or cannot be written just now; nothing was changed. "
        "Please try again in a minute.",
        "id": "Basis data sedang sibuk atau tidak dapat ditulis; tidak ada yang berubah. "
        "Silakan coba lagi sebentar lagi.",
    },
    "admins_only": {
        "en": "Only this group's administrators can change its topics and settings. "
        "Everyone can use /check and /claims.",
        "id": "Hanya admin grup yang dapat mengubah topik dan pengaturan grup ini. "
        "Semua orang bisa memakai /check dan /claims.",
    },
    "operators_only": {
        "en": "Only the bot's operators can do that.",
        "id": "Hanya operator bot yang dapat melakukannya.",
    },
    "sub_pick": {
        "en": "Which topic? Send <code>/subscribe name</code> (an actor or a keyword), "
        "or pick one of the most active actors:",
        "id": "Topik apa? Kirim <code>/subscribe nama</code> (aktor atau kata kunci), "
        "atau pilih salah satu aktor paling aktif:",
    },
    "sub_pick_empty": {
        "en": "Which topic? Send <code>/subscribe name</code>, e.g. /subscribe Pyongyang.",
        "id": "Topik apa? Kirim <code>/subscribe nama</code>, mis. /subscribe Pyongyang.",
    },
    "sub_actor": {
        "en": "Subscribed to <b>{label}</b>. You will get an alert when someone denies, "
        "confirms or contradicts a claim about {label}.",
        "id": "Berlangganan <b>{label}</b>. Anda akan mendapat peringatan saat ada yang "
        "membantah, mengonfirmasi, atau memberi keterangan yang bertentangan dengan klaim "
        "tentang {label}.",
    },
    "sub_keyword": {
        "en": "Subscribed to the keyword <b>{label}</b>.",
        "id": "Berlangganan kata kunci <b>{label}</b>.",
    },
    "sub_exists": {
        "en": "Already subscribed to <b>{label}</b>. /subs shows your topics.",
        "id": "Sudah berlangganan <b>{label}</b>. /subs menampilkan topik Anda.",
    },
    "sub_too_vague": {
        "en": "“{query}” is too vague to follow: give an actor or a more specific phrase.",
        "id": "“{query}” terlalu umum untuk diikuti: sebut aktor atau frasa yang lebih spesifik.",
    },
    "unsub_usage": {
        "en": "Which topic? /subs lists them with buttons to remove them.",
        "id": "Topik yang mana? /subs menampilkannya dengan tombol untuk menghapus.",
    },
    "unsub_done": {
        "en": "Unsubscribed from <b>{label}</b>.",
        "id": "Berhenti dari <b>{label}</b>.",
    },
    "unsub_unknown": {
        "en": "No subscription matches “{query}”. /subs lists yours.",
        "id": "Tidak ada langganan yang cocok dengan “{query}”. /subs menampilkan milik Anda.",
    },
    "subs_empty": {
        "en": "No topics yet. Try /subscribe Pyongyang.",
        "id": "Belum ada topik. Coba /subscribe Pyongyang.",
    },
    "subs_head": {"en": "<b>Your topics</b>", "id": "<b>Topik Anda</b>"},
    "subs_more": {
        "en": "Buttons for the first {n}; remove others with /unsubscribe name.",
        "id": "Tombol untuk {n} topik pertama; hapus yang lain dengan /unsubscribe nama.",
    },
    "kinds_one": {
        "en": "Keep at least one kind; to stop the topic, remove it.",
        "id": "Sisakan paling sedikit satu jenis; untuk berhenti, hapus topiknya.",
    },
    "mode_instant": {"en": "alerts + digest", "id": "peringatan + ringkasan"},
    "mode_digest": {"en": "digest only", "id": "hanya ringkasan"},
    "kinds_all": {"en": "all kinds", "id": "semua jenis"},
    "btn_remove": {"en": "🗑 Remove", "id": "🗑 Hapus"},
    "btn_mode_digest": {"en": "🗞 Digest only", "id": "🗞 Ringkasan saja"},
    "btn_mode_instant": {"en": "🔔 Alerts", "id": "🔔 Peringatan"},
    "btn_kinds": {"en": "⚙ Kinds", "id": "⚙ Jenis"},
    "btn_done": {"en": "✔ Done", "id": "✔ Selesai"},
    "kinds_head": {
        "en": "Which flags for <b>{label}</b>?",
        "id": "Flag apa saja untuk <b>{label}</b>?",
    },
    "follow_usage": {
        "en": "Which claim? <code>/follow 12</code> (the number from /claims).",
        "id": "Klaim yang mana? <code>/follow 12</code> (nomor dari /claims).",
    },
    "follow_done": {
        "en": "Following claim #{id}: you will hear of every denial or confirmation.",
        "id": "Mengikuti klaim #{id}: Anda akan diberi tahu setiap bantahan atau konfirmasi.",
    },
    "follow_exists": {"en": "Already following claim #{id}.", "id": "Sudah mengikuti klaim #{id}."},
    "unfollow_done": {
        "en": "Stopped following claim #{id}.",
        "id": "Berhenti mengikuti klaim #{id}.",
    },
    "unfollow_unknown": {
        "en": "You do not follow claim #{id}.",
        "id": "Anda tidak mengikuti klaim #{id}.",
    },
    "claim_unknown": {
        "en": "There is no claim #{id}. /claims searches them.",
        "id": "Tidak ada klaim #{id}. /claims untuk mencarinya.",
    },
    "claim_usage": {
        "en": "Which claim? <code>/claim 12</code>",
        "id": "Klaim yang mana? <code>/claim 12</code>",
    },
    "claims_none": {
        "en": "No stored claim matches “{query}”.",
        "id": "Tidak ada klaim tersimpan yang cocok dengan “{query}”.",
    },
    "claims_empty_db": {
        "en": "No claims stored yet. /ingest an article first.",
        "id": "Belum ada klaim tersimpan. /ingest artikel dulu.",
    },
    "claims_head": {
        "en": "<b>Claims</b> matching “{query}” ({first}–{last}):",
        "id": "<b>Klaim</b> yang cocok dengan “{query}” ({first}–{last}):",
    },
    "claims_recent": {
        "en": "<b>Recently updated claims</b> ({first}–{last}):",
        "id": "<b>Klaim terbaru</b> ({first}–{last}):",
    },
    "search_expired": {
        "en": "That search has expired; send it again.",
        "id": "Pencarian itu sudah kedaluwarsa; kirim lagi.",
    },
    "btn_prev": {"en": "‹ Previous", "id": "‹ Sebelumnya"},
    "btn_next": {"en": "Next ›", "id": "Berikutnya ›"},
    "check_usage": {
        "en": "Send the text to check: <code>/check Pyongyang denied sending troops</code>",
        "id": "Kirim teks yang akan diperiksa: "
        "<code>/check Pyongyang membantah mengirim pasukan</code>",
    },
    "check_nothing": {
        "en": "I found no attributed statement in that text to check. Try a sentence "
        "naming who says what.",
        "id": "Tidak ada pernyataan beratribusi dalam teks itu. Coba kalimat yang menyebut "
        "siapa mengatakan apa.",
    },
    "check_none": {
        "en": "No stored claim matches this.",
        "id": "Tidak ada klaim tersimpan yang cocok.",
    },
    "check_statement": {"en": "You sent", "id": "Anda mengirim"},
    "ingest_usage": {
        "en": "Send the article's text or link after /ingest (or reply /ingest to a message).",
        "id": "Kirim teks atau tautan artikel setelah /ingest (atau balas sebuah pesan dengan "
        "/ingest).",
    },
    "link_rate": {
        "en": "That is {n} links in {minutes} minutes; please wait a little before the next.",
        "id": "Sudah {n} tautan dalam {minutes} menit; tunggu sebentar sebelum yang berikutnya.",
    },
    "addfeed_usage": {
        "en": "<code>/addfeed https://example.org/rss.xml [10m] [full] [name]</code> — "
        "poll a feed every 10 minutes (default); <code>full</code> reads each item's page.",
        "id": "<code>/addfeed https://contoh.id/rss.xml [10m] [full] [nama]</code> — "
        "periksa feed tiap 10 menit (bawaan); <code>full</code> membaca halaman tiap item.",
    },
    "addfeed_done": {
        "en": "Feed #{id} added: <b>{name}</b>, polled every {minutes} min.",
        "id": "Feed #{id} ditambahkan: <b>{name}</b>, diperiksa tiap {minutes} menit.",
    },
    "addfeed_exists": {
        "en": "That feed is already there: #{id} <b>{name}</b>.",
        "id": "Feed itu sudah ada: #{id} <b>{name}</b>.",
    },
    "feeds_empty": {
        "en": "No feeds yet. /addfeed adds one.",
        "id": "Belum ada feed. /addfeed untuk menambah.",
    },
    "feeds_head": {"en": "<b>Feeds</b>", "id": "<b>Feed</b>"},
    "feed_line": {
        "en": "#{id} <b>{name}</b> ({articles} articles) {url}",
        "id": "#{id} <b>{name}</b> ({articles} artikel) {url}",
    },
    "feed_ok": {"en": "✅ ok, last read {when}", "id": "✅ baik, terakhir dibaca {when}"},
    "feed_failing": {
        "en": "⚠️ failing ({n}×): {error}",
        "id": "⚠️ gagal ({n}×): {error}",
    },
    "delfeed_usage": {
        "en": "<code>/delfeed 3</code> (the number from /feeds)",
        "id": "<code>/delfeed 3</code> (nomor dari /feeds)",
    },
    "delfeed_done": {
        "en": "Feed #{id} removed; its articles stay.",
        "id": "Feed #{id} dihapus; artikelnya tetap.",
    },
    "delfeed_unknown": {"en": "There is no feed #{id}.", "id": "Tidak ada feed #{id}."},
    "ingest_refused": {"en": "Not read: {reason}", "id": "Tidak dibaca: {reason}"},
    "ingest_duplicate": {
        "en": "Already read (article #{id}); nothing new.",
        "id": "Sudah dibaca (artikel #{id}); tidak ada yang baru.",
    },
    "ingest_done": {
        "en": "Read article #{id}: {statements} statements, {claims} new claims, {flags} flags.",
        "id": "Artikel #{id} dibaca: {statements} pernyataan, {claims} klaim baru, {flags} flag.",
    },
    "digest_usage": {
        "en": "<code>/digest</code> sends one now; <code>/digest daily 07:30</code>, "
        "<code>/digest weekly mon 08:00</code>, add <code>always</code> to get it even when "
        "nothing happened; <code>/digest off</code>.",
        "id": "<code>/digest</code> mengirim sekarang; <code>/digest daily 07:30</code>, "
        "<code>/digest weekly mon 08:00</code>, tambahkan <code>always</code> agar tetap "
        "dikirim saat tidak ada kabar; <code>/digest off</code>.",
    },
    "digest_daily": {
        "en": "Digest every day at {time} ({tz}).",
        "id": "Ringkasan setiap hari pukul {time} ({tz}).",
    },
    "digest_weekly": {
        "en": "Digest every {day} at {time} ({tz}).",
        "id": "Ringkasan setiap {day} pukul {time} ({tz}).",
    },
    "digest_off": {"en": "Digest turned off.", "id": "Ringkasan dimatikan."},
    "digest_empty": {
        "en": "Nothing new on your topics since the last digest.",
        "id": "Tidak ada kabar baru tentang topik Anda sejak ringkasan terakhir.",
    },
    "digest_head": {
        "en": "<b>Digest</b> {since} – {until}: {flags} flags, {changes} status changes",
        "id": "<b>Ringkasan</b> {since} – {until}: {flags} flag, {changes} perubahan status",
    },
    "digest_changes": {"en": "<b>Status changes</b>", "id": "<b>Perubahan status</b>"},
    "digest_no_topics": {
        "en": "Subscribe to a topic first (/subscribe); the digest summarises your topics.",
        "id": "Berlangganan topik dulu (/subscribe); ringkasan merangkum topik Anda.",
    },
    "tz_usage": {
        "en": "Time zone now: <b>{tz}</b>. Change with <code>/tz Asia/Makassar</code>.",
        "id": "Zona waktu sekarang: <b>{tz}</b>. Ubah dengan <code>/tz Asia/Makassar</code>.",
    },
    "tz_done": {"en": "Time zone set to <b>{tz}</b>.", "id": "Zona waktu diatur ke <b>{tz}</b>."},
    "tz_unknown": {
        "en": "Unknown time zone “{tz}”. Examples: Asia/Jakarta, Asia/Makassar, Asia/Jayapura, "
        "Europe/London.",
        "id": "Zona waktu “{tz}” tidak dikenal. Contoh: Asia/Jakarta, Asia/Makassar, "
        "Asia/Jayapura, Europe/London.",
    },
    "lang_usage": {
        "en": "<code>/lang id</code> or <code>/lang en</code>",
        "id": "<code>/lang id</code> atau <code>/lang en</code>",
    },
    "lang_done": {
        "en": "I will speak English here.",
        "id": "Saya akan berbahasa Indonesia di sini.",
    },
    "stats": {
        "en": "<b>claimwatch</b>: {articles} articles, {claims} claims, {flags} flags.\n"
        "This chat: {subs} topics, {sent} alerts sent, {pending} waiting.",
        "id": "<b>claimwatch</b>: {articles} artikel, {claims} klaim, {flags} flag.\n"
        "Obrolan ini: {subs} topik, {sent} peringatan terkirim, {pending} menunggu.",
    },
    "export_caption": {
        "en": "{flags} flags and {claims} claims on this chat's topics.",
        "id": "{flags} flag dan {claims} klaim tentang topik obrolan ini.",
    },
    "unknown_command": {
        "en": "I don't know that command. /help lists what I can do.",
        "id": "Saya tidak mengenal perintah itu. /help menampilkan yang bisa saya lakukan.",
    },
    "muted": {
        "en": "Muted <b>{label}</b>: no more alerts, still in your digest. /subs to change.",
        "id": "<b>{label}</b> dibisukan: tidak ada peringatan lagi, tetap di ringkasan. "
        "/subs untuk mengubah.",
    },
    "gone": {"en": "That is no longer there.", "id": "Itu sudah tidak ada."},
    # alerts
    "kind_denial": {"en": "DENIAL", "id": "BANTAHAN"},
    "kind_confirmation": {"en": "CONFIRMATION", "id": "KONFIRMASI"},
    "kind_reversal": {"en": "REVERSAL", "id": "PERUBAHAN SIKAP"},
    "kind_figure_conflict": {"en": "CONFLICTING FIGURE", "id": "ANGKA BERBEDA"},
    "alert_verb_denial": {"en": "denies", "id": "membantah"},
    "alert_verb_confirmation": {"en": "confirms", "id": "mengonfirmasi"},
    "alert_verb_reversal": {"en": "turns around", "id": "berbalik sikap"},
    "alert_verb_figure_conflict": {"en": "gives another figure", "id": "memberi angka lain"},
    "claim_by": {"en": "Claim by", "id": "Klaim oleh"},
    "status": {"en": "Status", "id": "Status"},
    "status_asserted": {"en": "asserted", "id": "diklaim"},
    "status_disputed": {"en": "disputed", "id": "diperdebatkan"},
    "status_denied": {"en": "denied", "id": "dibantah"},
    "status_confirmed": {"en": "confirmed", "id": "dikonfirmasi"},
    "rel_new": {"en": "claims", "id": "mengklaim"},
    "rel_restates": {"en": "repeats", "id": "mengulang"},
    "rel_denies": {"en": "denies", "id": "membantah"},
    "rel_confirms": {"en": "confirms", "id": "mengonfirmasi"},
    "rel_unconfirmed": {"en": "has not confirmed", "id": "belum mengonfirmasi"},
    "rel_retracts": {"en": "retracts", "id": "mencabut"},
    "source": {"en": "source", "id": "sumber"},
    "btn_timeline": {"en": "🕑 Timeline", "id": "🕑 Linimasa"},
    "btn_follow": {"en": "➕ Follow", "id": "➕ Ikuti"},
    "btn_mute": {"en": "🔕 Mute topic", "id": "🔕 Bisukan topik"},
    "timeline_head": {"en": "<b>Claim #{id}</b> · {status}", "id": "<b>Klaim #{id}</b> · {status}"},
    "first_made": {
        "en": "first made by {by} on {day}",
        "id": "pertama kali disampaikan oleh {by} pada {day}",
    },
    "timeline": {"en": "<b>Timeline</b>", "id": "<b>Linimasa</b>"},
    "unknown_speaker": {"en": "(the article)", "id": "(artikel)"},
    "who_stands": {"en": "Who stands where", "id": "Siapa bersikap apa"},
    "match": {"en": "match", "id": "kecocokan"},
}

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
}


def text(key: str, lang: str) -> str:
    """The template for ``key`` in ``lang`` (English where a translation is missing)."""
    entry = _T[key]
    return entry.get(lang) or entry["en"]


def has(key: str) -> bool:
    return key in _T
