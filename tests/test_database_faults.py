"""The command line on a database it cannot use as it is: migrated by a newer claimwatch or
not yet by this one, damaged, changed by hand, read-only, on a full disk. Each answers in one
line with exit code 1, never a traceback; the commands that only read never write.

Real files throughout; the commands run in this process through ``main(argv)``
(:mod:`cli_in_process`), except on a full disk: a file size limit (RLIMIT_FSIZE) on a
subprocess of its own. Tests run as root here, for whom file modes do not apply: a read-only
folder is made with ``chattr +i`` as root, ``chmod`` otherwise.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_in_process import Ran, run_cli

from claimwatch.storage.schema import shipped_migrations

CLI = [sys.executable, "-m", "claimwatch.cli.main"]
MIGRATIONS = Path(__file__).parents[1] / "claimwatch" / "storage" / "migrations"
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


def run(*args: str, stdin: str | None = None) -> Ran:
    """``claimwatch ARGS`` in this process."""
    return run_cli(*args, stdin=stdin)


def run_limited(*args: str, stdin: str, file_limit: int) -> subprocess.CompletedProcess[str]:
    """``claimwatch ARGS`` in a process of its own where no file may grow past
    ``file_limit`` bytes."""

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
        preexec_fn=limit,
    )


def refused(proc: Ran | subprocess.CompletedProcess[str]) -> str:
    """The one line a refusal prints: exit code 1, no traceback."""
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def fingerprint(db: Path) -> tuple[str, int]:
    """The file's bytes and time stamp: equal before and after means it was not written."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


def wal_bytes(db: Path) -> int:
    wal = Path(f"{db}-wal")
    return wal.stat().st_size if wal.exists() else 0


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
    execute(seeded, "INSERT INTO migrations (name, applied_at) VALUES ('0012_x.sql', '2027')")
    before = fingerprint(seeded)
    expected = (
        f"{seeded} was migrated by a newer claimwatch (schema 0012_x);"
        f" this one knows up to {NEWEST}: upgrade claimwatch"
    )
    for args in [*READERS, ["ingest", "-"], ["migrate"]]:
        line = refused(run(*args, "--db", str(seeded), stdin=SHORT_ARTICLE))
        assert line.endswith(f": {expected}"), (args, line)
    assert fingerprint(seeded) == before


def test_an_older_database_is_read_only_after_claimwatch_migrate(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    older = shipped_migrations()[:-1]
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name in older:
        conn.executescript((MIGRATIONS / name).read_text(encoding="utf-8"))
        conn.execute("INSERT INTO migrations VALUES (?, '2026')", (name,))
    conn.close()
    before = fingerprint(db)
    for args in READERS:
        line = refused(run(*args, "--db", str(db)))
        assert line.endswith(
            f"{db} is at schema {older[-1].removesuffix('.sql')}, older than this"
            f" claimwatch's {NEWEST}: run claimwatch migrate --db {db} (this command only reads)"
        ), (args, line)
    assert fingerprint(db) == before

    proc = run("migrate", "--db", str(db))
    assert (proc.returncode, proc.stdout) == (0, f"{db}: migrated to schema {NEWEST} (1 applied)\n")
    proc = run("claims", "--db", str(db))
    assert (proc.returncode, proc.stdout) == (0, "No claims stored yet.\n"), proc.stderr
    proc = run("migrate", "--db", str(db))
    assert (proc.returncode, proc.stdout) == (0, f"{db}: up to date (schema {NEWEST})\n")


def test_commands_that_only_read_create_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    db = folder / "typo.db"
    for args in READERS:
        proc = run(*args, "--db", str(db))
        assert proc.returncode in {0, 1}, proc.stderr  # claim 1: "no claim #1"; health: never ran
        assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == []
    assert run("claims", "--db", str(db)).stdout == "No claims stored yet.\n"
    line = refused(run("claims", "--db", str(folder)))
    assert line == f"claimwatch: {folder} is a folder, not a database file"


def test_commands_that_only_read_write_nothing(seeded: Path) -> None:
    before = fingerprint(seeded)
    for args in READERS:
        proc = run(*args, "--db", str(seeded))
        assert proc.returncode in {0, 1}, proc.stderr  # health: the bot never ran here
        assert "Traceback" not in proc.stderr
    assert "1.500 tentara" in run("claims", "--db", str(seeded)).stdout
    assert fingerprint(seeded) == before
    assert wal_bytes(seeded) == 0

    # A writer holds the database with changes in its -wal, not yet in the file: the readers
    # see them, and neither the file nor the -wal grows.
    writer = sqlite3.connect(seeded, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE claims SET text = text || ' (diperbarui)' WHERE id = 1")
        wal = wal_bytes(seeded)
        assert wal > 0
        for args in READERS:
            assert "Traceback" not in run(*args, "--db", str(seeded)).stderr
        assert "(diperbarui)" in run("claim", "1", "--db", str(seeded)).stdout
        assert fingerprint(seeded) == before
        assert wal_bytes(seeded) == wal
    finally:
        writer.close()


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Make paths read-only for everyone, root included; undone after the test."""
    frozen: list[Path] = []

    def thaw(path: Path) -> None:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)

    def freeze(path: Path) -> None:
        frozen.append(path)
        if os.geteuid() == 0:
            proc = subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True)
            if proc.returncode != 0:
                pytest.skip(f"root cannot make a read-only file here: {proc.stderr.strip()!r}")
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)

    try:
        yield freeze
    finally:
        for path in reversed(frozen):
            thaw(path)


def test_a_read_only_folder_is_read_and_refuses_writes_in_one_line(
    tmp_path: Path, seed_article: str, read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "cw.db"
    assert run("ingest", "--db", str(db), "-", stdin=seed_article).returncode == 0
    read_only(db)
    read_only(folder)
    with pytest.raises(OSError):  # the folder is read-only indeed
        (folder / "probe").touch()
    listing = sorted(p.name for p in folder.iterdir())
    before = fingerprint(db)

    proc = run("claims", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "1.500 tentara" in proc.stdout
    proc = run("health", "--db", str(db))
    assert proc.stdout == "the bot has not run on this database yet\n", proc.stderr
    for args in READERS:
        assert "Traceback" not in run(*args, "--db", str(db)).stderr
    line = refused(run("ingest", "--db", str(db), "-", stdin=SHORT_ARTICLE))
    assert line == (
        f"claimwatch: cannot open the database {db} (unable to open database file):"
        " is it, or its folder, read-only?"
    )
    assert sorted(p.name for p in folder.iterdir()) == listing  # not even a -wal or -shm
    assert fingerprint(db) == before


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
    for args in (["claims"], ["claim", "1"], ["flags"], ["ingest", "--lang", "id", "-"]):
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
    proc = run_limited("ingest", "--db", str(seeded), "-", stdin=LONG_ARTICLE, file_limit=1 << 20)
    assert refused(proc) == "claimwatch: cannot write a file: File too large"
    # The database cannot grow: its -wal stops at 33 KiB (its -shm takes 32 KiB). SQLite
    # says "disk I/O error" here (the write fails with EFBIG); on a full disk it says that
    # too when the -shm cannot grow, "database or disk is full" when the -wal cannot.
    proc = run_limited(
        "ingest", "--lang", "id", "--db", str(seeded), "-", stdin=SHORT_ARTICLE, file_limit=33 << 10
    )
    assert refused(proc) == (
        f"claimwatch: {seeded}: the disk failed a read or write (disk I/O error); is it full?"
    )
    assert flag_count(seeded) == flags
