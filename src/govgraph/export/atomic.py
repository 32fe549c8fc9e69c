"""Write a file so that readers see the old or the new file, never half of one."""

import os
import re
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_open(path, mode="w", encoding="utf-8"):
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else "\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private; outputs are for other tools and users too
        if os.stat(tmp).st_mode & 0o777 == 0o600:  # unless the caller chose a mode
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def prepare_output_dir(path) -> Path:
    """Create the output folder if needed and check that files can be created in it.

    Raise NotADirectoryError when the path (or a folder above it) is a file and
    PermissionError when the folder cannot be created or written (this probes
    by creating a file, so it also holds for root and for read-only mounts),
    before any work is done."""
    path = Path(path)
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                where = "is" if p == path else f"lies under {p}, which is"
                raise NotADirectoryError(f"{path}: output folder {where} a file, not a folder")
            break
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PermissionError(f"{path}: cannot create the output folder ({e.strerror or e})") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".govgraph-write-test.", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise PermissionError(f"{path}: output folder is not writable ({e.strerror or e})") from None
    remove_stale_temporaries(path)
    return path


STALE = 3600  # seconds: a temporary file this old was left by a build that was killed
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # atomic_open's names: .<name>.<random>.tmp


def remove_stale_temporaries(folder, older_than: float = STALE) -> list[Path]:
    """Delete atomic_open's temporary files in folder (and its subfolders one level down)
    left by a killed build: a kill (SIGKILL, power loss) gives no chance to clean up.
    Recent ones are kept: they may belong to a build still running."""
    folder = Path(folder)
    removed = []
    limit = time.time() - older_than
    for p in [*folder.glob(".*.tmp"), *folder.glob("*/.*.tmp")]:
        try:
            if _TEMPORARY.match(p.name) and p.is_file() and p.stat().st_mtime < limit:
                p.unlink()
                removed.append(p)
        except OSError:
            pass
    return removed
