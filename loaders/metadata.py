"""Document metadata read from the text itself: language, publication date, title.

Dates are kept at the precision the source gives ("2023", "2023-01",
"2023-01-31"); a day/month order that cannot be decided is not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import babel
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from actorgraph.loaders.lexicon import LANGUAGES, every_language

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = [
    "DETECTED_LANGUAGES",
    "detect_language",
    "find_header_date",
    "find_title",
    "is_date_line",
    "parse_date",
]

# The five languages the extraction rules cover, plus neighbours whose articles
# turn up in the same feeds: detecting them keeps them from being misread as one
# of the five.
DETECTED_LANGUAGES: tuple[str, ...] = ("en", "it", "fr", "es", "de", "pt", "nl", "pl", "ru", "ar")

# How much text the detector sees. Its cost grows with the sample (about 2 ms
# per 1000 characters); fifty words already decide among these languages, and
# the cost stays flat for long documents.
_LANGUAGE_SAMPLE_CHARS = 300
# How far into the text a date is taken for the publication date: header lines
# and bylines live there, event dates in the body come later.
_HEADER_LINES = 8
_HEADER_CHARS = 600


_LETTER = re.compile(r"[^\W\d_]")
_MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in DETECTED_LANGUAGES
    ]
    # Low-accuracy mode uses the trigram models only: it loads in about 0.1 s per
    # worker process instead of 2 s, and on article-length text it agrees with the
    # full models.
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the language ``text`` is written in.

    Parameters
    ----------
    text : str
        Cleaned document text; only its first 300 characters are read.

    Returns
    -------
    str or None
        One of ``DETECTED_LANGUAGES``, or ``None`` when the text has too few
        letters to tell.

    Examples
    --------
    >>> detect_language("Il ministro dell'Interno ha incontrato il suo omologo.")
    'it'
    """
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 400)) < _MIN_LETTERS:
        return None
    language = _detector().detect_language_of(sample)
    return None if language is None else language.iso_code_639_1.name.lower()


def _folded(name: str) -> set[str]:
    """``"Août."`` → ``{"août", "aout"}``: lower case, without its dot, with and without accents."""
    lower = name.lower().rstrip(".")
    decomposed = unicodedata.normalize("NFKD", lower)
    return {lower, "".join(char for char in decomposed if not unicodedata.combining(char))}


def _calendar_names(attribute: str) -> dict[str, int]:
    """Month (1-12) or weekday (0 = Monday) of every CLDR name in every language.

    Format and stand-alone, wide and abbreviated names, from Babel.
    """
    numbers: dict[str, int] = {}
    for code in LANGUAGES:
        calendar = getattr(babel.Locale(code), attribute)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in calendar[context][width].items():
                    numbers.update(dict.fromkeys(_folded(str(name)), number))
    return numbers


def _alternatives(words: Iterable[str], escape: bool = False) -> str:
    # Longest first, so that "sept" beats "sep" and "märz" beats "mär".
    ordered = sorted(words, key=lambda word: (-len(word), word))
    return "|".join(re.escape(word) for word in ordered) if escape else "|".join(ordered)


_MONTHS = _calendar_names("months")
_WEEKDAYS = _calendar_names("days")
_MONTH = r"(?P<month_name>" + _alternatives(_MONTHS, escape=True) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + _alternatives(_WEEKDAYS, escape=True) + r")\.?,?\s*"
_DAY_SUFFIX = r"(?:" + _alternatives(every_language("day_suffixes")) + r")?"
_JOINER = r"(?:(?:" + _alternatives(every_language("date_prepositions")) + r")\s+)?"

# Most specific first: a full date beats a month, a month beats a bare year.
_DATE_PATTERNS: list[re.Pattern[str]] = [
    re.compile(
        r"\b" + _YEAR + r"-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d])", re.I
    ),
    re.compile(
        r"\b(?:" + _WEEKDAY + r")?(?P<first>\d{1,2})(?P<separator>[/.])(?P<second>\d{1,2})"
        r"(?P=separator)" + _YEAR + r"\b",
        re.I,
    ),
    re.compile(
        r"\b(?P<day>\d{1,2})"
        + _DAY_SUFFIX
        + r"\s+"
        + _JOINER
        + _MONTH
        + r",?\s+"
        + _JOINER
        + _YEAR
        + r"\b",
        re.I,
    ),
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})" + _DAY_SUFFIX + r",?\s+" + _YEAR + r"\b", re.I
    ),
    re.compile(r"\b" + _YEAR + r"-(?P<month>0[1-9]|1[0-2])(?![\d-])", re.I),
    re.compile(r"\b" + _MONTH + r"\s+" + _JOINER + _YEAR + r"\b", re.I),
]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _from_match(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        orders: tuple[tuple[int, int], ...] = ((first, second), (second, first))
        if match.group("separator") == ".":
            orders = ((second, first),)  # "04.06.2012": day first wherever dots are used
        readings = [(m, d) for m, d in orders if _valid(year, m, d)]
        if groups.get("weekday") and len(readings) == 2:
            # "Wed, 03/04/2022": the weekday tells month/day order apart.
            weekday = _WEEKDAYS[groups["weekday"].lower().rstrip(".")]
            readings = [(m, d) for m, d in readings if dt.date(year, m, d).weekday() == weekday]
        if len(set(readings)) != 1:
            return f"{year:04d}"  # ambiguous: only the year is certain
        month, day = readings[0]
        return f"{year:04d}-{month:02d}-{day:02d}"
    if groups.get("month_name"):
        month = _MONTHS[groups["month_name"].lower().rstrip(".")]
    else:
        month = int(groups["month"])
    if groups.get("day"):
        day = int(groups["day"])
        return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
    return f"{year:04d}-{month:02d}"


def parse_date(value: str) -> str | None:
    """Return the first date in ``value`` as a partial ISO date, or ``None``.

    Understands ISO dates and datetimes, ``MM/DD/YYYY`` and ``DD/MM/YYYY`` (the
    order decided by an impossible month or by a leading weekday, otherwise only
    the year is kept), ``DD.MM.YYYY``, written dates in every language of
    ``LANGUAGES`` ("24 August 2022", "Aug. 10, 2022", "10 de agosto de 2022"),
    ``YYYY-MM`` and "March 2023".

    Examples
    --------
    >>> parse_date("Wed, 08/24/2022 - 13:23")
    '2022-08-24'
    >>> parse_date("date 2023-01")
    '2023-01'
    >>> parse_date("03/04/2022")
    '2022'
    """
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(value):
            parsed = _from_match(match)
            if parsed is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), parsed)
                break
    return None if best is None else best[1]


def find_header_date(text: str) -> str | None:
    """Return the publication date given in the first lines of ``text``.

    Only the header (the first few non-empty lines, up to 600 characters) is
    searched, so dates of events told in the body are not taken for the
    publication date.
    A line that is a whole paragraph contributes only its opening words.

    Examples
    --------
    >>> find_header_date("Ministers meet\\nBy A. Writer | Wed, 08/24/2022 - 13:23\\n\\nBody.")
    '2022-08-24'
    """
    lines = [line[:120] for line in text.split("\n") if line.strip()][:_HEADER_LINES]
    return parse_date("\n".join(lines)[:_HEADER_CHARS])


# Words that may sit next to a date on a dateline: labels, "at", "of", time zones
# (the lexicons' dateline_words), and month and weekday names ("segunda-feira" as
# its two words).
_DATELINE_WORDS = every_language("dateline_words") | {
    word for name in (*_MONTHS, *_WEEKDAYS) for word in re.findall(r"[^\W\d_]+", name)
}
_DATELINE_MAX_WORDS = 10
_DIGIT = re.compile(r"\d")


def is_date_line(line: str) -> bool:
    """Tell whether ``line`` is only a date, perhaps with a label and a time.

    Examples
    --------
    >>> is_date_line("Published: 18 June 2024")
    True
    >>> is_date_line("The ministers met on 18 June 2024.")
    False
    """
    if len(line.split()) > _DATELINE_MAX_WORDS or not _DIGIT.search(line):
        return False
    if parse_date(line) is None:
        return False
    words = re.findall(r"[^\W\d_]+", line.lower())
    return all(word in _DATELINE_WORDS for word in words)


_TITLE_MAX_CHARS = 200


def _title_like(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= _TITLE_MAX_CHARS
        and not line.endswith((".", ",", ";", ":"))
        and any(char.isalpha() for char in line)
        and not is_date_line(line)
    )


def _repeats(line: str, other: str) -> bool:
    """``other`` is ``line``, or a breadcrumb ending with it."""
    if other == line:
        return True
    head = other[: -len(line)].rstrip()
    return other.endswith(line) and head.endswith(("»", ">", "›", "|", "/"))


def find_title(cleaned: str, raw: str | None = None) -> str | None:
    """Return the headline of a plain-text article, or ``None`` if it has none.

    Parameters
    ----------
    cleaned : str
        The article text without page furniture (breadcrumbs, bylines, dates).
    raw : str, optional
        The text before cleaning. A short line printed more than once in its
        header (page title, breadcrumb tail and headline) is the headline.

    Returns
    -------
    str or None
        The repeated header line; else the first line of ``cleaned`` when it is
        short and has no closing punctuation; else ``None``.

    Examples
    --------
    >>> find_title("Ministers meet in Rome\\n\\nThe ministers met on Monday.")
    'Ministers meet in Rome'
    """
    if raw is not None:
        header = [line.strip() for line in raw.split("\n")[: _HEADER_LINES * 2] if line.strip()]
        for line in header:
            if _title_like(line) and sum(_repeats(line, other) for other in header) >= 2:
                return line
    for line in cleaned.split("\n")[:_HEADER_LINES]:
        if line.strip():
            first = line.strip()
            return first if _title_like(first) else None
    return None
