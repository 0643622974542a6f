"""Whether a process is still running, for the helpers that outlive or clean up after one."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """Whether a process of this user with this pid runs.

    A pid that now belongs to another user's process counts as gone (ours ended and the number was
    reused). On Windows, where signal 0 would interrupt the process instead of probing it, every
    process counts as alive: callers then keep what they would have cleaned up.
    """
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    return True
