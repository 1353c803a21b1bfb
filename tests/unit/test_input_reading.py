"""Reading raw input: at most the byte limit, refused past it before it is decoded."""

from __future__ import annotations

import io

import pytest

from claimwatch.bot.articles import (
    MAX_INPUT_BYTES,
    InputRefused,
    prepare_text,
    read_limited,
)

TEXT = "Seoul mengatakan Korea Utara mengirim 1.500 tentara ke Rusia. 平壤否认 🚀\n"


class Terminal(io.RawIOBase):
    """A stream that answers a few bytes a read, as a terminal answers a line at a time."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self.step if size < 0 else min(size, self.step)
        chunk, self.data = self.data[:size], self.data[size:]
        return chunk


def test_read_limited_reads_up_to_the_limit_and_refuses_one_byte_more() -> None:
    assert read_limited(io.BytesIO(b"x" * 100), limit=100) == b"x" * 100
    with pytest.raises(InputRefused, match=r"more than 0\.0001 MB"):
        read_limited(io.BytesIO(b"x" * 101), limit=100)


def test_read_limited_stops_reading_an_endless_stream_after_the_limit() -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            self.served += size
            return b"\0" * size

    stream = Endless()
    with pytest.raises(InputRefused, match="too long"):
        read_limited(stream)
    assert stream.served == MAX_INPUT_BYTES + 1


def test_read_limited_reads_a_terminal_to_the_end() -> None:
    assert read_limited(Terminal(b"line\n" * 40, step=5), limit=1000) == b"line\n" * 40


def test_prepare_text_refuses_bytes_over_the_input_limit_before_decoding() -> None:
    with pytest.raises(InputRefused, match="more than 5 MB"):
        prepare_text(b"\xff" * (MAX_INPUT_BYTES + 1))  # not UTF-8: never decoded
