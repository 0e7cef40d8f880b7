"""Processes (issue 18): a worker's death is retried or a clear error, the driver's death ends its
workers, and the tables do not depend on how the inputs were partitioned."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from analysis.engine.runners import LocalRunner, WorkerError


def die_once(item, *, marker):
    """A task whose worker process dies the first time any worker runs it."""
    try:
        with open(marker, "x"):
            pass
    except FileExistsError:
        return item * 2
    os._exit(1)


def always_die(item):
    os._exit(1)


def test_a_dying_worker_is_replaced_and_its_tasks_run_again_then_a_clear_error(tmp_path):
    with LocalRunner(2, retries=1) as runner:
        assert list(runner.map(die_once, list(range(6)), marker=str(tmp_path / "died"))) == [0, 2, 4, 6, 8, 10]
        assert (tmp_path / "died").exists()
        with pytest.raises(WorkerError, match="died 2 times"):
            list(runner.map(always_die, [1, 2, 3]))


_DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from analysis.engine.runners import LocalRunner
    sys.path.insert(0, sys.argv[2])
    from test_robustness_processes import record_and_wait
    with LocalRunner(2) as runner:
        list(runner.map(record_and_wait, [0, 1], folder=sys.argv[1]))
    """
)


def record_and_wait(item, *, folder):
    Path(folder, f"worker-{item}").write_text(str(os.getpid()))
    time.sleep(60)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its (dead) parent to reap it counts as ended
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_killing_the_driver_ends_its_workers(tmp_path):
    driver = subprocess.Popen([sys.executable, "-c", _DRIVER, str(tmp_path), str(Path(__file__).parent)])
    files = [tmp_path / "worker-0", tmp_path / "worker-1"]
    for _ in range(600):
        if all(f.exists() and f.read_text() for f in files):
            break
        time.sleep(0.1)
    workers = [int(f.read_text()) for f in files]
    assert all(_alive(pid) for pid in workers)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    for _ in range(100):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
