"""The command line run in this process (``run_cli``), for tests of what a command says
and does to its database where a process of its own would add only its start-up time."""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from claimwatch.cli.main import main


@dataclass(frozen=True)
class Ran:
    """What a command left: its exit code and what it wrote (as subprocess.run gives them)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(
    *args: str, stdin: str | bytes | None = None, env: Mapping[str, str] | None = None
) -> Ran:
    """``claimwatch ARGS`` through ``main(argv)`` in this process, with its own stdin, stdout
    and stderr: the command line's code as a subprocess runs it, without the second or two
    a new interpreter takes to import claimwatch. What the process boundary adds (its exit,
    a traceback printed for an exception main lets through, its limits) is tested with
    subprocesses elsewhere; here an exception main lets through fails the test itself. A
    warning logged while it runs goes to its stderr, as Python's last-resort handler would
    print it in a process of its own. ``env``: the environment it runs in, as
    ``subprocess.run(env=...)`` gives a child (this process's, restored after)."""
    data = stdin.encode() if isinstance(stdin, str) else (stdin or b"")
    streams = {
        "stdin": io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        "stdout": io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True),
        "stderr": io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True),
    }
    saved = {name: getattr(sys, name) for name in streams}
    warnings = logging.StreamHandler(streams["stderr"])
    warnings.setLevel(logging.WARNING)
    logging.getLogger().addHandler(warnings)
    for name, stream in streams.items():
        setattr(sys, name, stream)
    environ = dict(os.environ)
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    try:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    finally:
        for name, stream in saved.items():
            setattr(sys, name, stream)
        if env is not None:
            os.environ.clear()
            os.environ.update(environ)
        logging.getLogger().removeHandler(warnings)
    out, err = (streams[name].buffer for name in ("stdout", "stderr"))
    assert isinstance(out, io.BytesIO) and isinstance(err, io.BytesIO)
    return Ran(code, out.getvalue().decode(), err.getvalue().decode())
