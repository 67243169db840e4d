"""Work shared among forked processes (``intranet.core.processes``)."""

import multiprocessing
import os

import pytest

from intranet.core.processes import ChildFailed, in_processes


def test_every_item_is_done_once_and_in_another_process():
    results = list(
        in_processes(lambda n: (n * n, os.getpid()), list(range(7)), workers=2)
    )

    assert sorted(square for square, _pid in results) == [0, 1, 4, 9, 16, 25, 36]
    pids = {pid for _square, pid in results}
    assert len(pids) == 2
    assert os.getpid() not in pids


def test_a_failing_item_stops_the_work_and_says_why():
    def square(n: int) -> int:
        if n == 3:
            raise ValueError("ugyldig verdi 3")
        return n * n

    with pytest.raises(ChildFailed, match="ugyldig verdi 3"):
        list(in_processes(square, list(range(6)), workers=2))


def test_a_child_that_dies_without_a_word_is_noticed():
    with pytest.raises(ChildFailed, match="ended early"):
        list(in_processes(lambda n: os._exit(3), [1, 2], workers=2))


def test_stopping_early_stops_the_children():
    work = in_processes(lambda n: n, list(range(100)), workers=2)
    next(work)
    work.close()

    assert multiprocessing.active_children() == []
