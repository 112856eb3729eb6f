"""Normalise decoded text so that every later step sees one canonical form.

Offsets in an ``Extraction`` (mentions, evidence ``start``/``end``) and the
document id (a hash of the text) refer to the text this module returns, so the
same article gives the same id whether it arrived as cp1252, UTF-16 or HTML.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

# Typographic quotes become ASCII so that gazetteer patterns written with "'" match
# "dell’Interno" and "Mayorkas’". Guillemets are left alone: they are quotes in
# fr/it/de text and never part of a name.
_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark (also the typographic apostrophe)
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime, often typed for an apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2028": "\n",  # line separator
        "\u2029": "\n\n",  # paragraph separator
        "\u0085": "\n",  # next line (C1)
        "\t": " ",
    }
)

# Spaces of every width (NBSP, narrow NBSP, thin space, ideographic space...).
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that would split a word for the matcher: zero-width
# space/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Remaining control characters (C0 and C1) except the newline.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_HORIZONTAL_RUNS = re.compile(r" {2,}")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Return ``text`` in canonical form.

    Newlines become ``\\n``; curly quotes and apostrophes become ASCII; every kind
    of space becomes a plain space; invisible and control characters go; the text
    is composed to Unicode NFC; runs of spaces shrink to one, lines lose their
    edge spaces and more than one blank line in a row becomes one.

    Examples
    --------
    >>> normalize_text("dell\\u2019Interno\\u00a0e\\r\\nl\\u2019Enisa")
    "dell'Interno e\\nl'Enisa"
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATION))
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _HORIZONTAL_RUNS.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINE_RUNS.sub("\n\n", text).strip()
