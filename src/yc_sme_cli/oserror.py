"""An operating system's reason for a failed read or write, said in the reader's language.

The common reasons are messages (data/messages.toml, `os.*`); any other keeps the system's own words,
in brackets, after a sentence that says it is the system's."""

from __future__ import annotations

import errno

from .text import Text

# errno → message key; the reasons a person meets reading profiles and writing output
_REASONS = {
    errno.ENOENT: "os.no_such_file",
    errno.EACCES: "os.permission_denied",
    errno.EPERM: "os.not_permitted",
    errno.ENOSPC: "os.no_space",
    errno.EDQUOT: "os.quota",
    errno.EROFS: "os.read_only",
    errno.EISDIR: "os.is_directory",
    errno.ENOTDIR: "os.not_directory",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.ELOOP: "os.symlink_loop",
    errno.EFBIG: "os.file_too_large",
    errno.EIO: "os.io_error",
    errno.EMFILE: "os.too_many_open",
    errno.ENFILE: "os.too_many_open",
    errno.EBUSY: "os.busy",
    errno.ETXTBSY: "os.busy",
    errno.ENXIO: "os.no_device",
    errno.ENODEV: "os.no_device",
    errno.EINVAL: "os.invalid",
    errno.EEXIST: "os.exists",
    errno.EPIPE: "os.reader_gone",
    errno.EBADF: "os.bad_descriptor",
}


def os_reason(code: int | None, words: str) -> Text:
    """The reason for errno `code`; `words` (the system's strerror) when it has no message here."""
    key = _REASONS.get(code) if code is not None else None
    if key is not None:
        return Text.of(key)
    return Text.of("os.other", reason=words)


def reason_of(exc: OSError) -> Text:
    """`os_reason` of an OSError."""
    return os_reason(exc.errno, exc.strerror or str(exc))
