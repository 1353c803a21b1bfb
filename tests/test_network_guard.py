"""The suite's guard: a test never connects beyond loopback, even if the code under test
would (the fetcher's address checks are tested by asking for private and public hosts)."""

from __future__ import annotations

import asyncio
import socket

import pytest


def test_a_connection_beyond_loopback_is_refused_before_any_packet() -> None:
    with pytest.raises(OSError, match="only connect to loopback"):
        socket.create_connection(("192.0.2.1", 9), timeout=0.1)  # TEST-NET-1: never routed
    with pytest.raises(OSError, match="only connect to loopback"):
        socket.create_connection(("2002:7f00:1::1", 80), timeout=0.1)


async def test_asyncio_connections_are_guarded_too() -> None:
    with pytest.raises(OSError, match="only connect to loopback"):
        await asyncio.open_connection("192.0.2.1", 9)
