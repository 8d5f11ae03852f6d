"""Atomic file output, shared by every stage that writes files.

A report run must never leave a half-written file behind: each output is written to a
temporary name in the same folder (so the final rename is atomic on one filesystem) and
moved into place only when writing succeeded; on failure the temporary file and the
sidecars GDAL may have made next to it are removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Files GDAL/SQLite/QGIS may create beside a file being written.
SIDECAR_SUFFIXES: tuple[str, ...] = ("-journal", "-wal", "-shm", ".aux.xml")


def _discard(tmp: Path) -> None:
    for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in SIDECAR_SUFFIXES), tmp.with_suffix(".csvt")):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``target`` with its suffix, moved onto ``target`` when the block succeeds.

    The temporary file does not exist when the block starts (GDAL drivers want to create it).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text()
    'done'
    """
    out = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix or ".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        yield tmp
        os.replace(tmp, out)
    except BaseException:
        _discard(tmp)
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (text is UTF-8) to ``path`` atomically, creating its folder if needed.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sub" / "a.html"
    >>> write_atomic(p, "<p>hi</p>"); p.read_text()
    '<p>hi</p>'
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
