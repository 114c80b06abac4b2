"""Writing what Selaras produces: atomically, checked before the work, and safe for a terminal.

* **Atomic files.** :func:`replacing` hands out a temporary file beside the target and renames
  it onto the target only when the writing completed; an error or Ctrl-C removes it, so the
  target holds either its old content or the new, never half of it. Parent folders are created.
  A target that exists and is not a regular file (``/dev/stdout``, ``/dev/null``, a named pipe)
  gets the finished file copied to it.
* **Checked first.** :func:`check_file` and :func:`check_folder` run before a command starts its
  work: a folder where a file is wanted, a file where a folder is wanted, a parent that cannot
  be created or written, fail at once rather than after a long query.
* **One error.** Every failure to write is :class:`OutputError`:
  ``selaras: error: PATH: cannot write: reason`` (exit 2).
* **A closed stdout** (``selaras generate | head -1``) ends the output quietly: :func:`emit`
  stops writing and the command exits with the code it would have had (0, or ``validate``'s
  verdict). :func:`stdout_closed` points stdout at ``/dev/null`` so Python's final flush does
  not fail again.
* **Control characters** from the data never reach a terminal: :func:`printable` escapes them
  (``\\x1b``, ``\\u202e``) in text and table output, error messages, and anything :func:`emit`
  writes to a terminal.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from selaras.errors import SelarasError


class OutputError(SelarasError):
    """An output that cannot be written: ``PATH: cannot write: reason`` (exit 2)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _special(path: Path) -> bool:
    """An existing target that is not a regular file or folder (a device, a pipe)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _ensure_folder(folder: Path, target: Path) -> None:
    """Create ``folder`` (and its parents) and prove a file can be created in it."""
    for ancestor in [folder, *folder.parents]:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(target, f"{ancestor} is not a folder")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".selaras-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(target, _reason(exc)) from exc


def check_file(path: Path) -> None:
    """Before the work: ``path`` can be written as a file (parent folders are created)."""
    if path.is_dir():
        raise OutputError(path, "it is a folder")
    if _special(path):
        if not os.access(path, os.W_OK):
            raise OutputError(path, "permission denied")
        return
    _ensure_folder(path.parent if str(path.parent) else Path("."), path)


def check_folder(path: Path) -> None:
    """Before the work: ``path`` is, or can be created as, a folder files can be written in."""
    if path.exists() and not path.is_dir():
        raise OutputError(path, "it is a file, and this output is a folder of files")
    _ensure_folder(path, path)


def _new_file_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block completes.

    On any exception (Ctrl-C included) the temporary file is removed and ``path`` is left as it
    was. An OSError inside the block becomes :class:`OutputError`.
    """
    path = Path(path)
    if _special(path):
        yield from _through_temporary(path)
        return
    if path.is_dir():
        raise OutputError(path, "it is a folder")
    _ensure_folder(path.parent if str(path.parent) else Path("."), path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from exc
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _new_file_mode(path))
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(path, _reason(exc)) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _through_temporary(path: Path) -> Iterator[Path]:
    """For a device or pipe: write a temporary file elsewhere, then copy it over in one go
    (writers such as a zip archive read back what they wrote)."""
    handle, name = tempfile.mkstemp(prefix="selaras-", suffix=".part")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from exc
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` atomically."""
    with replacing(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
        out.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with replacing(path) as temporary:
        temporary.write_bytes(data)


# -- stdout ------------------------------------------------------------------------------------


def stdout_closed() -> None:
    """The reader of stdout went away: send the rest to /dev/null, silently."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def emit(text: str) -> bool:
    """Write ``text`` to stdout (a newline added when missing); False when stdout was closed.

    Control characters are escaped when stdout is a terminal.
    """
    if text and not text.endswith("\n"):
        text += "\n"
    if sys.stdout.isatty():
        text = printable(text, newlines=True)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_closed()
        return False
    return True


# -- control characters ------------------------------------------------------------------------

#: C0 and C1 controls, DEL, and the Unicode bidirectional overrides and isolates (which make a
#: terminal show text in another order than it is).
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = False) -> str:
    r"""``text`` with control characters escaped; ``newlines`` keeps line breaks and tabs.

    >>> printable("a\x1b]8;;http://x\x07b\nc")
    'a\\x1b]8;;http://x\\x07b\\nc'
    >>> printable("line\nnext\x1b", newlines=True)
    'line\nnext\\x1b'
    """
    pattern = _CONTROL_BUT_LINES if newlines else _CONTROL
    return pattern.sub(_escape, text)


#: What a workbook cannot hold: XML 1.0 has no C0 controls but tab, newline and carriage return.
_NOT_IN_WORKBOOKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def workbook_text(text: str) -> str:
    r"""``text`` with the characters a workbook cannot hold written as ``\xNN`` escapes.

    >>> workbook_text("a\x1bb\tc")
    'a\\x1bb\tc'
    """
    return _NOT_IN_WORKBOOKS.sub(_escape, text)
