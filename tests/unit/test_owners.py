"""Owner names carry a process id: a bot on the same machine may tell that the process
behind a name is gone, and only then; any doubt means alive."""

from __future__ import annotations

import subprocess
import sys

from claimwatch.bot.owners import dead_here, new_owner

NAME_ONLY = "from claimwatch.bot.owners import new_owner; print(new_owner(), flush=True)"


def test_a_process_that_ended_is_dead_and_a_running_one_is_not() -> None:
    ended = subprocess.run(
        [sys.executable, "-c", NAME_ONLY], capture_output=True, text=True, check=True
    ).stdout.strip()
    with subprocess.Popen(
        [sys.executable, "-c", NAME_ONLY + "; import time; time.sleep(60)"],
        stdout=subprocess.PIPE,
        text=True,
    ) as running:
        assert running.stdout is not None
        alive = running.stdout.readline().strip()
        try:
            assert dead_here([ended, alive, new_owner()]) == [ended]
        finally:
            running.kill()
    assert dead_here([alive]) == [alive]


def test_names_of_elsewhere_or_of_another_form_are_never_dead() -> None:
    pid, space, _ = new_owner().removeprefix("bot-").split("-")
    other_space = f"{(int(space, 16) + 1) % 2**32:08x}"
    no_such_pid = "4000000000"  # past any pid: the kernel would say no such process
    assert dead_here([f"bot-{no_such_pid}-{other_space}-ab"]) == []  # another container
    assert dead_here(["bot-dead", "bot-a1b2c3d4e5f6", "", f"bot-0-{space}-ab"]) == []
    assert dead_here([f"bot-{no_such_pid}-{space}-ab"]) == []  # an id the kernel refuses
    assert dead_here([f"bot-{pid}-{space}-ab"]) == []  # this very process
