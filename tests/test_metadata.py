"""Metadata: language, publication date at its precision, title."""

from __future__ import annotations

import pytest

from actorgraph.loaders.metadata import (
    detect_language,
    find_header_date,
    find_title,
    is_date_line,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Interior Minister met his counterpart to discuss cooperation on cybercrime.", "en"),
        ("Il ministro dell'Interno ha incontrato il suo omologo per discutere di sicurezza.", "it"),
        ("Le ministre de l'Intérieur a rencontré son homologue pour parler de sécurité.", "fr"),
        ("El ministro del Interior se reunió con su homólogo para hablar de seguridad.", "es"),
        ("Die Innenministerin traf ihren Amtskollegen, um über die Sicherheit zu sprechen.", "de"),
        ("O ministro da Administração Interna reuniu-se com o seu homólogo em Lisboa.", "pt"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_language_is_none_for_too_little_text() -> None:
    assert detect_language("OK 2024 — 12") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("date 2023-01", "2023-01"),
        ("Wed, 08/24/2022 - 13:23", "2022-08-24"),
        ("2024-03-05T10:00:00+01:00", "2024-03-05"),
        ("24/08/2022", "2022-08-24"),
        ("Tue, 03/04/2025", "2025-03-04"),  # the weekday decides month/day order
        ("Thu, 03/04/2025", "2025-04-03"),
        ("03/04/2025", "2025"),  # ambiguous and no weekday: only the year is certain
        ("Bern, 04.06.2012", "2012-06-04"),  # dots: day first
        ("Aug. 10, 2022", "2022-08-10"),
        ("10 August 2022", "2022-08-10"),
        ("15 giugno 2023", "2023-06-15"),
        ("le 3 février 2024", "2024-02-03"),
        ("7 de marzo de 2024", "2024-03-07"),
        ("24. März 2021", "2021-03-24"),
        ("marzo 2022", "2022-03"),
        ("31 February 2022", "2022-02"),  # an impossible day leaves the month
        ("no date here", None),
    ],
)
def test_parse_date_keeps_precision(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_header_date_ignores_event_dates_in_the_body() -> None:
    body = "\n".join(["A long paragraph about a meeting."] * 10)
    text = f"Ministers meet\n\n{body}\nOn 10 August 2022 they met again."
    assert find_header_date(text) is None
    dated = "Ministers meet\nBy Jane Roe | Reporter - Wed, 08/24/2022 - 13:23\n\n" + text
    assert find_header_date(dated) == "2022-08-24"


def test_blank_lines_do_not_count_as_header_lines() -> None:
    header = "Site name\n\nHome | News\n\nSECTION\n\nA headline\nA standfirst\n\n"
    assert find_header_date(header + "3 ottobre 2024 · 17:25 | di Redazione\n\nBody.") == (
        "2024-10-03"
    )


def test_date_lines() -> None:
    assert is_date_line("Published: 18 June 2024")
    assert is_date_line("Pubblicato il 20/05/2024 alle 10:30")
    assert is_date_line("Mercredi 3 janvier 2024")
    assert not is_date_line("The ministers met on 18 June 2024.")
    assert not is_date_line("Rome, 18 June 2024 - Ministers agree")


def test_title_from_a_repeated_header_line_or_the_first_short_line() -> None:
    raw = (
        "Home » Policy » Rome and Paris sign cyber accord\nPolicy\n"
        "Rome and Paris sign cyber accord\n\nThe two agencies signed an accord."
    )
    cleaned = "Policy\nRome and Paris sign cyber accord\n\nThe two agencies signed an accord."
    assert find_title(cleaned, raw) == "Rome and Paris sign cyber accord"
    assert find_title("Agencies share data\n\nThey did.") == "Agencies share data"
    assert find_title("The ministers met in Rome on Monday.\nMore text.") is None
