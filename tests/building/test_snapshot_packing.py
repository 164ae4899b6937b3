"""The engine's snapshot is shipped with only its pages that are not all zeros
(sitebuild/snapshot.py); the browser lays them back into zeroed memory (flowchart-engine.mjs,
whose reader tests/browser/test_snapshot.py drives)."""

import struct

import pytest

from sitebuild.snapshot import MAGIC, PAGE, packed, unpacked


def memory_of(*pages, tail=b""):
    return b"".join(bytes([value]) * PAGE if value else bytes(PAGE) for value in pages) + tail


@pytest.mark.parametrize(
    "memory",
    [
        memory_of(1, 0, 0, 2, 3, 0),
        memory_of(0, 0, 5),
        memory_of(0, 0, 0),
        memory_of(7, tail=b"\x00\x09\x00"),  # a last page shorter than the others
        b"",
    ],
)
def test_packing_keeps_every_byte(memory):
    assert unpacked(packed(memory)) == memory


def test_only_pages_that_are_not_all_zeros_are_stored_in_runs_of_neighbours():
    memory = memory_of(1, 0, 0, 2, 3, 0)
    data = packed(memory)
    assert data[: len(MAGIC)] == MAGIC
    length, runs = struct.unpack_from("<II", data, len(MAGIC))
    assert (length, runs) == (len(memory), 2)
    table = [struct.unpack_from("<II", data, len(MAGIC) + 8 + 8 * index) for index in range(runs)]
    assert table == [(0, PAGE), (3 * PAGE, 2 * PAGE)]
    assert len(data) == len(MAGIC) + 8 + 8 * runs + 3 * PAGE


def test_anything_else_is_refused():
    with pytest.raises(ValueError, match="not a packed engine snapshot"):
        unpacked(memory_of(1))
