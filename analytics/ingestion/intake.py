"""Before anything is parsed: files hashed a chunk at a time, settled against the database, claimed.

`Intake` hashes the files of a run (sha256, a chunk at a time, by a few threads of this process)
ahead of the workers and settles each by the rule of `analytics.load.settle`: a file 'unchanged' is
never read; a 'duplicate' of a file in the database is settled by the store at the next write; the
rest is claimed for parsing. `Claims` keeps which file of the run parses which bytes: a file whose
bytes another file of the run is already parsing waits for it, then is settled as its duplicate
(or, if that one failed, tries itself).
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor

from analytics.ingestion.files import Identity, Unhashed, file_sha256, hash_seconds
from analytics.ingestion.writer import Pending, unhashed
from analytics.load import LoadResult, Store
from analytics.load.settle import settle

HASH_CHUNK = 512
"""Files hashed (and looked up as possible duplicates) together."""

HASH_THREADS = 4


class Claims:
    """Which file of the run parses which bytes, the files claimed and not yet sent to a worker, and
    the files waiting for the bytes another one is parsing."""

    def __init__(self) -> None:
        self.queue: deque[tuple[int, str, str | None]] = deque()  # claimed, to parse: (index, path, sha256)
        self.by_index: dict[int, str] = {}  # index of the file parsing some bytes -> their sha256
        self.claimer: dict[str, str] = {}  # sha256 -> the path of the file parsing them
        self.waiting: dict[str, deque[tuple[int, str]]] = {}  # sha256 -> files with the same bytes

    def claim(self, index: int, path: str, sha256: str) -> None:
        self.by_index[index] = sha256
        self.claimer[sha256] = path
        self.queue.append((index, path, sha256))

    def wait(self, index: int, path: str, sha256: str) -> None:
        self.waiting.setdefault(sha256, deque()).append((index, path))

    def claim_or_wait(self, index: int, path: str, sha256: str) -> None:
        """A file to parse after all: it waits if another file of the run is parsing its bytes."""
        if sha256 in self.claimer:
            self.wait(index, path, sha256)
        else:
            self.claim(index, path, sha256)

    def release(self, index: int, result: LoadResult) -> list[Pending]:
        """The file `index` is done: if it was parsing some bytes, the files waiting for them go on.
        Returns those to settle (as duplicates of it); after a failure, the next one is claimed."""
        sha256 = self.by_index.pop(index, None)
        if sha256 is None:
            return []
        del self.claimer[sha256]
        waiting = self.waiting.get(sha256)
        if not waiting:
            self.waiting.pop(sha256, None)
            return []
        if result.status == "failed":  # the next one tries (and fails with its own message)
            next_index, next_path = waiting.popleft()
            self.claim(next_index, next_path, sha256)
            if not waiting:
                self.waiting.pop(sha256)
            return []
        del self.waiting[sha256]
        return [
            Pending(waiting_index, waiting_path, settle=sha256) for waiting_index, waiting_path in waiting
        ]


class Intake:
    """The files of a run, hashed and settled a chunk at a time (`next_chunk`), in order."""

    def __init__(
        self, store: Store, files: list[str], claims: Claims, identities: dict[str, Identity]
    ) -> None:
        self.store = store
        self.files = files
        self.claims = claims
        self.identities = identities
        self.stored = store.stored_rows(files)  # one query up front: what the database holds per path
        self.hash_seconds = hash_seconds()
        self.next_chunk = 0  # index of the first file not hashed yet
        self.hasher: ThreadPoolExecutor | None = None

    @property
    def done(self) -> bool:
        """Every file has been hashed."""
        return self.next_chunk >= len(self.files)

    def close(self) -> None:
        if self.hasher is not None:
            self.hasher.shutdown()

    def next_chunk_settled(self) -> list[Pending]:
        """Hash the next chunk of files. The files settled without parsing (unchanged, duplicates,
        unreadable) are returned, in order, for the writer; the others are claimed or wait."""
        first = self.next_chunk
        chunk = self.files[first : first + HASH_CHUNK]
        self.next_chunk = first + len(chunk)
        pending: list[Pending] = []
        candidates: list[tuple[int, str, str]] = []
        for offset, (path, sha256) in enumerate(zip(chunk, self._hashes(chunk), strict=True)):
            index = first + offset
            if isinstance(sha256, Unhashed):
                pending.append(unhashed(index, path, sha256))
                continue
            verdict = settle(path, sha256, stored=self.stored.get(path))  # 'unchanged' needs no holders
            if verdict.status != "unchanged":
                candidates.append((index, path, sha256))
            elif verdict.clear_error:  # an error of a later version is noted on the row: the store clears it
                pending.append(Pending(index, path, settle=sha256))
            else:
                pending.append(Pending(index, path, result=LoadResult(path, "unchanged", doc_id=sha256[:16])))
        holders = self.store.holders(sha for _, _, sha in candidates) if candidates else {}
        for index, path, sha256 in candidates:
            verdict = settle(
                path,
                sha256,
                stored=self.stored.get(path),
                holders=holders.get(sha256, ()),
                earlier_in_run=self.claims.claimer.get(sha256),
            )
            if verdict.writes:
                self.claims.claim(index, path, sha256)
            elif verdict.of_this_run:
                self.claims.wait(index, path, sha256)
            else:  # a duplicate of a file in the database: the store settles it when it writes
                pending.append(Pending(index, path, settle=sha256))
        return pending

    def _hashes(self, chunk: list[str]) -> list[str | Unhashed]:
        if len(chunk) <= 1:
            return [self._hash(p) for p in chunk]
        if self.hasher is None:  # hashlib and file reads release the GIL: threads hash in parallel
            self.hasher = ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="hash")
        return list(self.hasher.map(self._hash, chunk))

    def _hash(self, path: str) -> str | Unhashed:
        return file_sha256(path, self.identities.get(path), self.hash_seconds)


__all__ = ["HASH_CHUNK", "Claims", "Intake"]
