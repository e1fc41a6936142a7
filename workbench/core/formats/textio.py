"""Open input files whatever their encoding and compression, and report what was found.

Detected: gzip compression (by its magic bytes), UTF-8 with or without a BOM, UTF-16
with a BOM (little or big endian) and the line ends (LF, CRLF, CR or mixed). Output files
are always UTF-8 without a BOM and with LF line ends, gzip-compressed when the name ends
in ``.gz``.
"""

from __future__ import annotations

import codecs
import gzip
import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

SAMPLE_BYTES = 64 * 1024

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE with BOM"),
)


class InputError(Exception):
    """A file cannot be opened or decoded at all; nothing of it can be imported."""


@dataclass
class FileEncoding:
    """The encoding of a file as :func:`sniff` detected it: codec, BOM, compression and line ends."""

    codec: str = "utf-8"
    label: str = "UTF-8"
    compressed: bool = False
    newline: str = "LF"

    def describe(self) -> str:
        parts = [self.label, self.newline]
        if self.compressed:
            parts.append("gzip")
        return ", ".join(parts)


def _open_binary(path: Path) -> tuple[IO[bytes], bool]:
    handle = open(path, "rb")
    magic = handle.read(2)
    handle.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=handle, mode="rb"), True
    return handle, False


def _newline_kind(sample: str) -> str:
    crlf = sample.count("\r\n")
    lone_cr = sample.count("\r") - crlf
    lf = sample.count("\n") - crlf
    kinds = [name for name, count in (("CRLF", crlf), ("CR", lone_cr), ("LF", lf)) if count]
    if not kinds:
        return "LF"
    return kinds[0] if len(kinds) == 1 else "mixed (" + ", ".join(kinds) + ")"


def sniff(path: Path | str) -> tuple[FileEncoding, str]:
    """Return the encoding of ``path`` and up to 64 KiB of its decoded text."""
    path = Path(path)
    try:
        handle, compressed = _open_binary(path)
        with handle:
            head = handle.read(SAMPLE_BYTES)
    except FileNotFoundError:
        raise InputError(f"{path}: file not found.") from None
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot be read ({exc}).") from exc
    info = FileEncoding(compressed=compressed)
    for bom, codec, label in BOMS:
        if head.startswith(bom):
            info.codec, info.label = codec, label
            break
    else:
        if len(head) >= 4 and head[1:4:2] == b"\0\0" and head[0] and head[2]:
            raise InputError(
                f"{path}: looks like UTF-16 without a byte order mark. Save it as UTF-8 "
                "(or UTF-16 with a BOM) and import it again."
            )
    sample = head.decode(info.codec, errors="replace")
    info.newline = _newline_kind(sample)
    return info, sample


def open_text(path: Path | str, info: FileEncoding | None = None) -> IO[str]:
    """Open ``path`` for reading as text with its detected encoding and no newline translation."""
    path = Path(path)
    if info is None:
        info, _ = sniff(path)
    handle, _ = _open_binary(path)
    return io.TextIOWrapper(handle, encoding=info.codec, newline="")


def read_text(path: Path | str, info: FileEncoding | None = None) -> str:
    """Read all of ``path``; an invalid byte raises :class:`InputError` naming its line."""
    path = Path(path)
    if info is None:
        info, _ = sniff(path)
    handle, _ = _open_binary(path)
    with handle:
        data = handle.read()
    try:
        return data.decode(info.codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}, line {line}: invalid {info.label} at byte offset {exc.start} "
            f"(byte 0x{data[exc.start]:02x}). Convert the file to UTF-8 and import it again."
        ) from exc


def iter_raw_lines(path: Path | str, info: FileEncoding | None = None) -> Iterator[tuple[int, str | None, str]]:
    """Yield ``(line number, line with its line end, error)`` for each line of ``path``.

    Lines end at LF, CRLF or a lone CR. The file is decoded as a stream, which is fast.
    At an invalid UTF-8 byte, reading restarts after the lines already yielded and
    decodes line by line. So a bad line gives ``None`` and the reason, and the rest of
    the file is still read. A decoding error in a UTF-16 file raises
    :class:`InputError`.
    """
    path = Path(path)
    if info is None:
        info, _ = sniff(path)
    number = 0
    try:
        with open_text(path, info) as stream:
            for number, line in enumerate(stream, start=1):
                yield number, line, ""
        return
    except UnicodeDecodeError as exc:
        if info.codec == "utf-16":
            raise InputError(f"{path}, line {number + 1}: invalid UTF-16 ({exc.reason}).") from exc
    done = number
    count = 0
    handle, _ = _open_binary(path)
    with handle:
        for raw in handle:
            if count == 0 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                count += 1
                if count > done:
                    yield count, None, f"invalid UTF-8 at byte {exc.start} of the line (byte 0x{raw[exc.start]:02x})"
                continue
            # A binary line ends only at LF; split it again at lone CRs, as the stream did.
            for piece in text.splitlines(keepends=True) if "\r" in text else (text,):
                count += 1
                if count > done:
                    yield count, piece, ""


def iter_lines(path: Path | str, info: FileEncoding | None = None) -> Iterator[tuple[int, str | None, str]]:
    """Yield ``(line number, text without its line end, error)`` for each line of ``path``; see :func:`iter_raw_lines`."""
    for number, line, error in iter_raw_lines(path, info):
        if line is not None and line[-1:] in ("\n", "\r"):
            line = line[:-2] if line.endswith("\r\n") else line[:-1]
        yield number, line, error


def open_output(path: Path | str) -> IO[str]:
    """Open ``path`` for writing UTF-8 text with LF line ends, gzip-compressed if it ends in ``.gz``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "wb"), encoding="utf-8", newline="\n")
    return open(path, "w", encoding="utf-8", newline="\n")


def base_suffix(path: Path | str) -> str:
    """Return the lower-case suffix of ``path`` ignoring a final ``.gz`` (``a.jsonl.gz`` gives ``.jsonl``)."""
    path = Path(path)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.suffix.lower()
