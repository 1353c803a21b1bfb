"""The command line as a user runs it: real files, real database, exit codes, stdout/stderr.

Most commands run in this process through ``main(argv)`` (``cli``, see
:mod:`cli_in_process`); a process of its own where that is what is tested: ``demo`` as
installed, a reader that leaves (a closed pipe), writers in other processes waiting for a
lock, and the memory an input costs (an address-space limit, the child's peak).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from cli_in_process import run_cli as cli

from claimwatch.cli.main import main

CLI = [sys.executable, "-m", "claimwatch.cli.main"]


def run(
    *args: str, stdin: bytes | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], input=stdin, capture_output=True, timeout=120, check=False, env=env
    )


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "statements", "claims", "flags")
        }


@pytest.fixture
def seed_file(tmp_path: Path, seed_article: str) -> Path:
    path = tmp_path / "seed.txt"
    path.write_text(seed_article, encoding="utf-8")
    return path


def test_demo_prints_claims_and_flags() -> None:
    proc = run("demo")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert "DENIAL" in out
    assert "1.500 tentara" in out
    assert "Korea Utara" in out
    assert "Traceback" not in proc.stderr.decode()


def test_ingest_json_contract_and_follow_up_commands(
    tmp_path: Path, seed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cw.db")
    code = main(
        [
            "ingest",
            "--db",
            db,
            "--json",
            "--source",
            "BBC Indonesia",
            "--published",
            "2024-10-22",
            str(seed_file),
        ]
    )
    assert code == 0
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert set(data) == {"article_id", "duplicate", "lang", "statements", "flags"}
    assert data["lang"] == "id"
    assert data["duplicate"] is False
    statement = next(s for s in data["statements"] if "1.500" in s["text"])
    assert {"id", "text", "speaker", "stance", "actors", "figures", "claim_id", "relation"} <= set(
        statement
    )
    assert statement["figures"] == [{"value": 1500, "unit": "tentara"}]
    assert "Korea Utara" in statement["actors"]
    flag = next(f for f in data["flags"] if "1.500" in f["claim_text"])
    assert flag["kind"] == "denial"
    assert (flag["by"], flag["claim_by"]) == ("Korea Utara", "Korea Selatan")
    assert {"id", "claim_id", "statement_id", "statement_text", "score"} <= set(flag)

    assert main(["flags", "--db", db, "--json", "--since", "2024-10-01"]) == 0
    flags = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert flag["id"] in {f["id"] for f in flags}

    assert main(["claim", str(flag["claim_id"]), "--db", db, "--json"]) == 0
    claim = json.loads(capsys.readouterr().out)
    assert claim["claim"]["status"] == "disputed"
    assert {s["relation"] for s in claim["statements"]} >= {"new", "denies", "unconfirmed"}

    assert main(["claim", str(flag["claim_id"]), "--db", db]) == 0
    timeline = capsys.readouterr().out
    assert "Timeline:" in timeline
    assert "Korea Utara denies" in timeline

    assert main(["claims", "--db", db, "--query", "tentara Korea Utara"]) == 0
    assert "1.500 tentara" in capsys.readouterr().out

    assert main(["check", "--db", db, "Pyongyang membantah mengirim tentara ke Rusia"]) == 0
    assert "1.500 tentara" in capsys.readouterr().out

    assert main(["flags", "--db", db, "--since", "2030-01-01"]) == 0
    assert "No flags since" in capsys.readouterr().out


def test_ingest_twice_is_a_duplicate(tmp_path: Path, seed_file: Path) -> None:
    db = tmp_path / "cw.db"
    assert cli("ingest", "--db", str(db), str(seed_file)).returncode == 0
    before = counts(db)
    proc = cli("ingest", "--db", str(db), "--json", str(seed_file))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["duplicate"] is True
    assert counts(db) == before


def test_ingest_from_stdin_and_db_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("CLAIMWATCH_DB", str(db))
    monkeypatch.chdir(tmp_path)  # a default database would land here
    proc = cli(
        "ingest",
        "--json",
        "-",
        stdin=b"Seoul mengatakan Korea Utara mengirim 1.500 tentara ke Rusia.",
    )
    assert proc.returncode == 0, proc.stderr
    assert counts(db)["claims"] == 1
    assert not (tmp_path / "claimwatch.db").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\xff\xfe" * 100, "binary"),
        (b"\xfa\xfb not utf-8 at all " * 10, "UTF-8"),
        (b"\xff\xfe" + b"\xfa not utf-16 at all " * 10, "binary"),  # a BOM, then no text
        ("Seoul mengatakan".encode("utf-16") + b"!", "not valid UTF-16"),  # cut mid-character
        (b"<html><body><div><p>Seoul says</p><script>x()</script></div></body></html>", "HTML"),
        (b"1234 5678 !!!! ???? 9999 ---- " * 20, "letters"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    db = tmp_path / "cw.db"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = cli("ingest", "--db", str(db), str(bad))
    err = proc.stderr
    assert proc.returncode == 1
    assert reason in err
    assert len(err.strip().splitlines()) == 1
    assert counts(db) == {"articles": 0, "statements": 0, "claims": 0, "flags": 0}


def test_twenty_megabytes_are_refused_quickly(tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    big = tmp_path / "big.txt"
    big.write_bytes(b"Seoul mengatakan Korea Utara mengirim tentara. " * 430_000)  # ~20 MB
    proc = cli("ingest", "--db", str(db), str(big))
    assert proc.returncode == 1
    assert "too long" in proc.stderr
    assert counts(db)["articles"] == 0


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, seed_file: Path) -> None:
    db = tmp_path / "cw.db"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = cli("ingest", "--db", str(db), str(empty), str(seed_file), str(tmp_path / "missing"))
    assert proc.returncode == 1
    err = proc.stderr
    assert "empty.txt: the article is empty" in err
    assert "missing: no such file" in err
    assert counts(db)["articles"] == 1


def test_mixed_scripts_are_read_without_error(tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    text = (
        "Seoul mengatakan Korea Utara mengirim 1.500 tentara ke Rusia. "
        "Пхеньян отрицает это. 平壤否认了这一说法。 "
        "\u202eبيونغ يانغ تنفي\u202c 🚀🔥 North Korea denied sending troops to Russia."
    )
    proc = cli("ingest", "--db", str(db), "--json", "-", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr
    assert counts(db)["articles"] == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["claim", "999"], 1, "no claim #999"),
        (["claim", "abc"], 2, "invalid int value"),
        (["ingest", "--published", "yesterday", "x.txt"], 1, "cannot read the date"),
        (["flags", "--since", "last week"], 1, "cannot read the date"),
        (["frobnicate"], 2, "invalid choice"),
        (["eval", "cases", "/nonexistent.jsonl"], 1, "no such file"),
        (["claims", "--limit", "0"], 2, "--limit must be at least 1"),
    ],
)
def test_wrong_usage_and_unknown_ids(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    proc = cli(*args, "--db", str(tmp_path / "cw.db")) if args[0] != "frobnicate" else cli(*args)
    assert proc.returncode == code
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 200)
    proc = cli("claims", "--db", str(junk))
    assert proc.returncode == 1
    assert "not a usable claimwatch database" in proc.stderr


def test_a_closed_pipe_is_not_a_traceback() -> None:
    """`claimwatch demo | head -1`: the reader leaves after one line."""
    proc = subprocess.Popen(
        [*CLI, "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert first.decode().startswith("claimwatch demo:")
    assert "Traceback" not in err


def test_check_on_an_empty_database_and_a_short_text(tmp_path: Path) -> None:
    proc = cli("check", "--db", str(tmp_path / "cw.db"), "Korea Utara membantah")
    assert proc.returncode == 0
    assert "No stored claim matches" in proc.stdout


def test_a_writer_that_waits_too_long_says_so_in_one_line(
    tmp_path: Path, seed_file: Path, seed_article: str
) -> None:
    db = tmp_path / "cw.db"
    assert run("ingest", "--db", str(db), str(seed_file)).returncode == 0
    before = counts(db)
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(seed_article.replace("1.500", f"{n + 3}.000"))
    commands = {
        "one": (("ingest", "--db", str(db), "-"), seed_article.replace("1.500", "2.000")),
        "batch": (("ingest", "--db", str(db), str(folder)), ""),
        "read": (("claims", "--db", str(db)), ""),
    }
    # The busy timeout as a setting (10 s by default): each writer waits 1 s twice.
    env = {**os.environ, "CLAIMWATCH_BUSY_TIMEOUT": "1"}
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process writing for longer than that
    try:
        procs = {
            name: subprocess.Popen(
                [*CLI, *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for name, (args, _) in commands.items()
        }
        out = {name: procs[name].communicate(commands[name][1], timeout=90) for name in procs}
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    code = {name: proc.returncode for name, proc in procs.items()}
    assert code["read"] == 0, out["read"]  # a reader does not wait for a writer
    for name in ("one", "batch"):
        err = out[name][1]
        assert code[name] == 1, err
        assert "Traceback" not in err
        tried, gave_up = err.strip().splitlines()  # a line a try: it waited twice, then stopped
        assert "locked by another writer for over 1 s" in tried
        assert tried.endswith("trying once more")
        assert "locked by another writer for over 1 s" in gave_up
    assert out["batch"][1].strip().endswith("3 not read")
    assert out["batch"][0].startswith("0 articles read")  # the summary of what was done
    assert counts(db) == before


NOTHING = {"articles": 0, "statements": 0, "claims": 0, "flags": 0}
# The CLI runs with this much address space: an input read whole fails there (MemoryError)
# instead of taking the machine's memory.
_ADDRESS_SPACE = 1_500_000_000
# A small launcher limits the address space, starts the CLI as its own child and writes that
# child's peak memory (wait4's ru_maxrss, KiB) to the file it is given. Linux keeps a
# process's peak across exec, and a child forked from this test process starts from this
# process's resident size (hundreds of MB after many tests run in it): started by a small
# launcher instead, the figure is the CLI's own.
_MEASURED = (
    "import os, resource, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({_ADDRESS_SPACE}, {_ADDRESS_SPACE})); "
    "pid = os.posix_spawn(sys.executable, [sys.executable, *sys.argv[2:]], os.environ); "
    "_, status, usage = os.wait4(pid, 0); "
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); "
    "sys.exit(os.waitstatus_to_exitcode(status))"
)


def run_measured(*args: str, stdin: Path | None = None) -> tuple[int, str, float]:
    """The CLI's exit code, stderr and peak memory (MB), the CLI in a process of its own
    under an address-space limit (see _MEASURED); killed with its launcher after 120 s."""
    with tempfile.TemporaryDirectory() as folder, (stdin or Path(os.devnull)).open("rb") as feed:
        peak = Path(folder) / "peak"
        err = Path(folder) / "err"
        with err.open("wb") as errors:
            proc = subprocess.Popen(
                [sys.executable, "-c", _MEASURED, str(peak), *CLI[1:], *args],
                stdin=feed, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
            )  # fmt: skip
            timer = threading.Timer(120, os.killpg, (proc.pid, signal.SIGKILL))
            timer.start()
            try:
                proc.wait()
            finally:
                timer.cancel()
        return proc.returncode, err.read_text(), int(peak.read_text()) / 1024


def _paragraphs(size: int) -> str:
    """An HTML page of about ``size`` bytes of distinct paragraphs (a page's worth of text)."""
    head = "<!doctype html><html><head><title>Berita</title></head><body><article>"
    line = "<p>Laporan {i}: Seoul mengatakan Korea Utara mengirim 1.500 tentara ke Rusia.</p>\n"
    count = (size - len(head)) // len(line.format(i=0))
    return head + "".join(line.format(i=i) for i in range(count)) + "</article></body></html>"


@pytest.mark.parametrize("source", ["/dev/zero", "a 1 GB file", "endless stdin", "6 MB of HTML"])
def test_inputs_over_the_byte_limit_are_refused_before_being_read_whole(
    tmp_path: Path, source: str
) -> None:
    """Read up to 5 MB and one byte, then refused: one line, nothing written, little memory.
    (Before: /dev/zero ended in MemoryError, a 1 GB file was read whole, a 20 MB page took a
    minute in trafilatura.)"""
    db = tmp_path / "cw.db"
    stdin = None
    name = source
    if source == "a 1 GB file":
        name = str(tmp_path / "huge.txt")
        with Path(name).open("wb") as huge:
            huge.truncate(1 << 30)  # sparse: no disk used
    elif source == "endless stdin":
        name, stdin = "-", Path("/dev/zero")
    elif source == "6 MB of HTML":
        name = str(tmp_path / "page.html")
        Path(name).write_text(_paragraphs(6_000_000), encoding="utf-8")
    code, err, peak_mb = run_measured("ingest", "--db", str(db), name, stdin=stdin)
    assert code == 1
    assert err.splitlines() == [
        f"claimwatch: {name}: the input is too long (more than 5 MB; the limit is 5 MB)"
    ]
    assert counts(db) == NOTHING
    assert peak_mb < 300  # measured about 75 MB; the limit is 5 MB


def test_check_reads_stdin_up_to_the_limit(tmp_path: Path) -> None:
    code, err, peak_mb = run_measured(
        "check", "--db", str(tmp_path / "cw.db"), "-", stdin=Path("/dev/zero")
    )
    assert code == 1
    assert err.splitlines() == [
        "claimwatch: the input is too long (more than 5 MB; the limit is 5 MB)"
    ]
    assert peak_mb < 300


def test_a_file_that_cannot_be_read_is_one_line(tmp_path: Path, seed_file: Path) -> None:
    """A socket (or a file we may not read): refused in one line, the next file still read
    (before: an OSError traceback, and nothing after it was read)."""
    db = tmp_path / "cw.db"
    sock_path = tmp_path / "sock.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        proc = cli("ingest", "--db", str(db), str(sock_path), str(seed_file))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"claimwatch: {sock_path}: cannot read it: No such device or address"
    ]
    assert counts(db)["articles"] == 1


@pytest.fixture(scope="module")
def seed_statements(tmp_path_factory: pytest.TempPathFactory, seed_article: str) -> list[str]:
    """The statements of the seed article read from UTF-8."""
    folder = tmp_path_factory.mktemp("plain")
    (folder / "seed.txt").write_text(seed_article, encoding="utf-8")
    proc = cli("ingest", "--db", str(folder / "cw.db"), "--json", str(folder / "seed.txt"))
    assert proc.returncode == 0, proc.stderr
    return [s["text"] for s in json.loads(proc.stdout)["statements"]]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(
    tmp_path: Path, seed_article: str, seed_statements: list[str], encoding: str
) -> None:
    """UTF-16 and UTF-32 files (Windows Notepad's "Unicode") were refused as binary."""
    marked = tmp_path / "marked.txt"
    marked.write_bytes(_with_bom(seed_article, encoding))
    proc = cli("ingest", "--db", str(tmp_path / "cw.db"), "--json", str(marked))
    assert proc.returncode == 0, proc.stderr
    assert [s["text"] for s in json.loads(proc.stdout)["statements"]] == seed_statements


def _with_bom(text: str, encoding: str) -> bytes:
    """``encoding`` with its byte order mark (Python writes one only for utf-16/-32/-8-sig)."""
    marks = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}
    return marks.get(encoding, b"") + text.encode(encoding)


# Pages (files that look like HTML) go through trafilatura in a child process.


def test_a_page_whose_text_is_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    """Under the byte limit, but its article text (1.3 million characters) is not."""
    db = tmp_path / "cw.db"
    page = tmp_path / "page.html"
    page.write_text(_paragraphs(1_600_000), encoding="utf-8")
    proc = cli("ingest", "--db", str(db), str(page))
    assert proc.returncode == 1
    (line,) = proc.stderr.splitlines()
    assert "the article is too long" in line and "the limit is 1 million" in line
    assert counts(db) == NOTHING


# A page whose root is <svg>: htmldate drops the root and lxml's drop_tree asserts.
BROKEN_PAGE = (
    "<svg><title>Peta</title><html><body><p>Korea Utara membantah mengirim pasukan ke Rusia,"
    " kata juru bicara.</p></body></html>"
)


def test_a_page_the_parser_fails_on_is_one_line(tmp_path: Path, seed_file: Path) -> None:
    """Before: an AssertionError traceback from inside trafilatura, and nothing after it read."""
    db = tmp_path / "cw.db"
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    proc = cli("ingest", "--db", str(db), str(broken), str(seed_file))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"claimwatch: {broken}: this page cannot be read (AssertionError in the parser)"
    ]
    assert counts(db)["articles"] == 1


def test_a_page_with_too_many_elements_is_refused_quickly(tmp_path: Path) -> None:
    """5 MB of links: trafilatura took 166 s and 680 MB on it; now refused after counting."""
    db = tmp_path / "cw.db"
    page = tmp_path / "links.html"
    links = '<a href="/x">kata dia</a> ' * 190_000
    page.write_text(f"<!doctype html><html><body>{links}</body></html>", encoding="utf-8")
    started = time.monotonic()
    proc = cli("ingest", "--db", str(db), str(page))
    assert time.monotonic() - started < 60
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"claimwatch: {page}: this page has more than 50,000 HTML elements; too many for an article"
    ]
    assert counts(db) == NOTHING
