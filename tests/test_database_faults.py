"""The command line on a database it cannot use as it is: migrated by a newer claimwatch,
damaged, changed by hand, on a full disk. Each answers in one line with exit code 1, never a
traceback.

Real files and real subprocesses throughout; a full disk is a file size limit (RLIMIT_FSIZE)
on the subprocess.
"""

from __future__ import annotations

import hashlib
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimwatch.storage.db import shipped_migrations

CLI = [sys.executable, "-m", "claimwatch.bot.cli"]
NEWEST = shipped_migrations()[-1].removesuffix(".sql")
# Sentences of at most 60 characters, read as Indonesian: nothing asks the language detector
# (whose model is unpacked into a temporary file of some 68 MB on first use).
SHORT_ARTICLE = (
    "Seoul mengatakan Korea Utara mengirim 3.000 tentara.\n"
    "Pyongyang membantah mengirim tentara.\n"
    "Rusia belum mengonfirmasi.\n"
)
# Long sentences: the language detector is asked, and unpacks its model first.
LONG_ARTICLE = (
    "Kementerian Pertahanan Korea Selatan mengatakan pada hari Senin bahwa Korea Utara telah"
    " mengirim sekitar 3.000 tentara tambahan ke wilayah Kursk di Rusia bulan ini.\n"
)
READERS = [
    ["claims"],
    ["claim", "1"],
    ["flags"],
    ["check", "Pyongyang membantah mengirim tentara"],
    ["health"],
    ["feeds", "list"],
]


def run(
    *args: str, stdin: str | None = None, file_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # in the child: no file may grow beyond file_limit bytes
        assert file_limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limit if file_limit else None,
    )


def refused(proc: subprocess.CompletedProcess[str]) -> str:
    """The one line a refusal prints: exit code 1, no traceback."""
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def fingerprint(db: Path) -> tuple[str, int]:
    """The file's bytes and time stamp: equal before and after means it was not written."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


def flag_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
    finally:
        conn.close()


def execute(db: Path, *statements: str) -> None:
    """Change the database behind claimwatch's back, as an operator with sqlite3 would."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


@pytest.fixture
def seeded(tmp_path: Path, seed_article: str) -> Path:
    db = tmp_path / "cw.db"
    proc = run("ingest", "--db", str(db), "--published", "2024-10-22", "-", stdin=seed_article)
    assert proc.returncode == 0, proc.stderr
    assert not Path(f"{db}-wal").exists()  # the writer closed: nothing pending beside it
    return db


def test_a_database_migrated_by_a_newer_claimwatch_is_refused_and_left_alone(
    seeded: Path,
) -> None:
    execute(
        seeded,
        "INSERT INTO migrations (name, applied_at) VALUES ('0012_x.sql', '2027')",
    )
    before = fingerprint(seeded)
    expected = (
        f"{seeded} was migrated by a newer claimwatch (schema 0012_x);"
        f" this one knows up to {NEWEST}: upgrade claimwatch"
    )
    for args in [*READERS, ["ingest", "-"], ["migrate"]]:
        line = refused(run(*args, "--db", str(seeded), stdin=SHORT_ARTICLE))
        assert line.endswith(f": {expected}"), (args, line)
    assert fingerprint(seeded) == before


def test_a_damaged_database_answers_in_one_line(seeded: Path) -> None:
    conn = sqlite3.connect(seeded)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    assert root > 1
    with seeded.open("r+b") as handle:  # the claims table's first page, in mid-file
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)
    expected = f"claimwatch: {seeded} is damaged (database disk image is malformed)"
    for args in (
        ["claims"],
        ["claim", "1"],
        ["flags"],
        ["ingest", "--lang", "id", "-"],
    ):
        line = refused(run(*args, "--db", str(seeded), stdin=SHORT_ARTICLE))
        assert line == f"{expected}: restore it from a backup", (args, line)


def test_a_renamed_column_answers_in_one_line(seeded: Path) -> None:
    execute(seeded, "ALTER TABLE claims RENAME COLUMN text TO body")
    expected = f"claimwatch: {seeded}: the database's schema is not what claimwatch expects: "
    for args in (["claims"], ["claim", "1"], ["flags"]):
        line = refused(run(*args, "--db", str(seeded)))
        assert line == f"{expected}no such column: c.text", (args, line)
    line = refused(run("ingest", "--lang", "id", "--db", str(seeded), "-", stdin=SHORT_ARTICLE))
    assert line.startswith(expected), line


def test_a_full_disk_answers_in_one_line_and_writes_nothing(seeded: Path) -> None:
    flags = flag_count(seeded)
    # No file may grow past 1 MiB: the language detector cannot unpack its model into a
    # temporary file (a full /tmp).
    proc = run("ingest", "--db", str(seeded), "-", stdin=LONG_ARTICLE, file_limit=1 << 20)
    assert refused(proc) == "claimwatch: cannot write a file: File too large"
    # The database cannot grow: its -wal stops at 33 KiB (its -shm takes 32 KiB). SQLite
    # says "disk I/O error" here (the write fails with EFBIG); on a full disk it says that
    # too when the -shm cannot grow, "database or disk is full" when the -wal cannot.
    proc = run(
        "ingest",
        "--lang",
        "id",
        "--db",
        str(seeded),
        "-",
        stdin=SHORT_ARTICLE,
        file_limit=33 << 10,
    )
    assert refused(proc) == (
        f"claimwatch: {seeded}: the disk failed a read or write (disk I/O error); is it full?"
    )
    assert flag_count(seeded) == flags
