"""Running an external converter (antiword, LibreOffice) under the read time limit.

The converter runs in its own process group, which is killed, children and all, when the time runs
out or the read is interrupted (SIGALRM, Ctrl-C): no converter is left running after a read.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from dataclasses import dataclass

from analytics.read.limits import ReadTimeout, read_timeout_s, time_left


@dataclass(frozen=True)
class Completed:
    """What a converter run gave: exit code, stdout bytes and stderr as text."""

    returncode: int
    stdout: bytes
    stderr: str


def run_converter(command: list[str], *, cwd: str | None = None) -> Completed:
    """Run `command` to completion within the time left for the current read.

    Raises ReadTimeout when it runs out of time (the process group is killed first).
    """
    timeout = time_left()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        limit = read_timeout_s() or 0
        raise ReadTimeout(
            f"the converter {command[0]} took longer than the time limit of {limit:g} s "
            "(set ANALYTICS_READ_TIMEOUT_S to change it)"
        ) from None
    except BaseException:
        _kill(process)
        raise
    return Completed(process.returncode, stdout, stderr.decode("utf-8", "replace").strip())


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the converter's whole process group (LibreOffice forks) and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
