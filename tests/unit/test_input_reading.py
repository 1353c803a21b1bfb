"""Reading raw input: at most the byte limit, decoded by its byte order mark, binary refused."""

from __future__ import annotations

import codecs
import io
import random

import pytest

from claimwatch.engine.articles import (
    MAX_INPUT_BYTES,
    InputRefused,
    decode,
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


@pytest.mark.parametrize(
    ("raw", "name"),
    [(TEXT.encode("utf-16"), "UTF-16, little-endian"),
     (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16, big-endian"),
     (TEXT.encode("utf-32"), "UTF-32, little-endian"),
     (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "UTF-32, big-endian"),
     (TEXT.encode("utf-8-sig"), "UTF-8 with a BOM"), (TEXT.encode(), "UTF-8")],
)  # fmt: skip
def test_text_is_decoded_by_its_byte_order_mark(raw: bytes, name: str) -> None:
    assert decode(raw) == TEXT, name


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(TEXT.encode("utf-16")[:-1], "not valid UTF-16"),  # cut in the middle of a character
     (TEXT.encode("utf-32")[:-2], "not valid UTF-32"),
     (b"\xff\xfe" + b"\xfa not utf-16 at all " * 10, "binary"),  # bytes that begin with FF FE
     (codecs.BOM_UTF16_LE + "\x01\x02\x03 binary \x04\x05".encode("utf-16-le") * 20, "binary"),
     (b"\x00\x01\x02binary\xff\xfe" * 100, "binary"), (TEXT.encode()[:-3], "not valid UTF-8")],
)  # fmt: skip
def test_truncated_or_binary_input_is_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(InputRefused, match=reason):
        decode(raw)


def test_random_bytes_after_a_byte_order_mark_are_refused() -> None:
    rng = random.Random(7)
    for _ in range(200):
        raw = codecs.BOM_UTF16_LE + rng.randbytes(rng.randrange(200, 4000))
        with pytest.raises(InputRefused, match=r"binary|not valid UTF-(16|32)"):
            decode(raw)


def test_prepare_text_refuses_bytes_over_the_input_limit_before_decoding() -> None:
    with pytest.raises(InputRefused, match="more than 5 MB"):
        prepare_text(b"\xff" * (MAX_INPUT_BYTES + 1))  # not UTF-8: never decoded
    assert prepare_text(TEXT.encode("utf-16")).startswith("Seoul mengatakan")
