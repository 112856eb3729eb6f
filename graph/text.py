"""The reversible mapping that lets FalkorDB hold any string.

FalkorDB strings are C strings, so a NUL cannot be stored as it is. Every
string the FalkorDB backend writes goes through :func:`encode_text` and every
string it reads through :func:`decode_text`: U+E000 (a private-use character)
is the escape, ``"\\ue000"`` is stored as ``"\\ue000\\ue000"`` and NUL as
``"\\ue0000"``. Reading through actorgraph gives the original text back; a
client reading the server directly sees the escaped form.
"""

from __future__ import annotations

import re

__all__ = ["ESCAPE", "decode_text", "encode_text"]

ESCAPE = "\ue000"
_DECODE = re.compile("\ue000([\ue0000])")


def encode_text(text: str) -> str:
    """Map a string to one FalkorDB can hold (no NUL); inverse of :func:`decode_text`."""
    if ESCAPE not in text and "\x00" not in text:
        return text
    return text.replace(ESCAPE, ESCAPE + ESCAPE).replace("\x00", ESCAPE + "0")


def decode_text(text: str) -> str:
    """Undo :func:`encode_text`."""
    if ESCAPE not in text:
        return text
    return _DECODE.sub(lambda m: ESCAPE if m.group(1) == ESCAPE else "\x00", text)
