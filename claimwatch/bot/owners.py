"""Names of delivery owners (one per bot process), and which of them are known dead now.

An owner's liveness record tells another bot that it is alive; that a bot *died* shows only
once the record is stale (minutes). A bot that crashed and was restarted at once on the
same machine (systemd's Restart=on-failure) would wait that long for its own old rows. So
the name carries the process id and the process-id namespace it lives in: a bot in the same
namespace can ask the kernel whether that process still exists, and a process that does not
exist sends nothing. Anything uncertain (another machine or container, a reused id, no
/proc) counts as alive and waits for the record to grow stale.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable
from functools import cache
from pathlib import Path

_NAME = re.compile(r"bot-(?P<pid>[0-9]{1,10})-(?P<space>[0-9a-f]{8})-[0-9a-f]+")
_UNKNOWN_SPACE = "00000000"


@cache
def _pid_space() -> str:
    """This process's pid namespace on this boot of this machine, as 8 hex digits; a pid
    means the same process only between two processes with the same value."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        namespace = str(Path("/proc/self/ns/pid").readlink())
    except OSError:
        return _UNKNOWN_SPACE
    digest = hashlib.sha256(f"{boot} {namespace}".encode()).hexdigest()[:8]
    return digest if digest != _UNKNOWN_SPACE else "00000001"


def new_owner() -> str:
    """A name for this process's rows, unique across processes and restarts."""
    return f"bot-{os.getpid()}-{_pid_space()}-{uuid.uuid4().hex[:8]}"


def dead_here(owners: Iterable[str]) -> list[str]:
    """The owners among ``owners`` that are processes of this pid namespace which no longer
    exist: their rows can go out again now, without waiting for their record to go stale."""
    space = _pid_space()
    if space == _UNKNOWN_SPACE:
        return []
    dead = []
    for owner in owners:
        found = _NAME.fullmatch(owner)
        if found and found["space"] == space and not _exists(int(found["pid"])):
            dead.append(owner)
    return dead


def _exists(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():  # 0 would ask about our whole process group
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # it exists under another user, or no such pid: unsure
        return True
    return True
