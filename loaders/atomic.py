"""Writing files so that a reader sees the old bytes or the new ones, never a mix, and nothing changed under us is lost."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path


class Conflict(Exception):
    """The file changed on disk since it was read: writing now would silently overwrite someone's edit."""


class ReadOnly(PermissionError):
    """The file is read-only (no write permission for its owner, or none for us): someone made it so on purpose,
    and a temp-and-rename would replace it anyway. It is never replaced; str(exc.strerror) says so in one line."""


def check_writable(path: Path) -> None:
    """Raise ReadOnly when path exists and is not writable: its mode has no owner write bit (0444; checked by
    bits, since root may write anything) or this user may not write it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        message = (
            f"{path} is read-only (mode {stat.S_IMODE(mode):04o}), so it is never replaced; "
            f"make it writable (chmod u+w) if it should change"
        )
        raise ReadOnly(errno.EACCES, message, str(path))


def digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def write(path: Path, data: bytes, *, expected: str | None | bool = False, before_rename=None) -> None:
    """Write data to path atomically: a temporary file in the same folder, flushed and fsynced, then renamed.

    expected: the sha256 of the bytes the caller read (None: the file must not exist yet); False skips the check.
    The check runs just before the rename, so an edit made while we validated is refused, not overwritten.
    A read-only file is refused (ReadOnly) before anything is written and again just before the rename.
    before_rename: called with the temporary path (tests use it to simulate a crash between write and rename).
    """
    path = Path(path)
    check_writable(path)
    tmp = _temp_copy(path, data, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    try:
        if before_rename is not None:
            before_rename(Path(tmp))
        if expected is not False and digest(read_bytes(path)) != expected:
            raise Conflict(f"{path} changed on disk since it was read; reload it and apply the change again")
        check_writable(path)
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def create(path: Path, data: bytes) -> None:
    """Create a new file atomically; refuse if one is already there (never overwrite)."""
    path = Path(path)
    tmp = _temp_copy(path, data, 0o644)
    try:
        os.link(tmp, path)  # fails with FileExistsError instead of replacing
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def _temp_copy(path: Path, data: bytes, mode: int) -> str:
    """data in a new temporary file beside path (same folder, so a rename is atomic), flushed and fsynced."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def produce(path: Path, make) -> Path:
    """A file made by make(temporary path) in path's folder, fsynced and renamed over path: readers see the old
    file or the whole new one. For files written by a library (SQLite, zip) rather than from bytes in memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        make(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return path
