"""Strip page furniture from normalised article text with general, multilingual rules.

Copied-and-pasted or scraped articles carry text that is not the article:
breadcrumbs, bylines, photo credits, share and follow prompts, newsletter boxes,
adverts, and after the end of the article, lists of related articles and
teasers. Names in that text (the outlet, its journalists, the photographer,
other stories' subjects) must not become actors, so it goes before extraction.

Rules look at the shape of a line (short, no closing punctuation, a cue word
at its start) rather than at strings of particular sites. The cue words are the
lexicons' (``tail_headings``, ``prompt_cues``...): cleaning runs before the
language is detected, so each rule takes the cues of every language at once.
"""

from __future__ import annotations

import re

from actorgraph.loaders.lexicon import every_language
from actorgraph.loaders.metadata import is_date_line

__all__ = ["clean_text"]


def _cues(key: str) -> str:
    """The lexicon list ``key`` of every language as one alternation, longest first."""
    return "|".join(sorted(every_language(key), key=lambda cue: (-len(cue), cue)))


# A line that starts a trail of related links, teasers or comments: everything
# from it to the end is furniture when it sits in the second half of the text.
_TAIL_HEADINGS = re.compile(r"^(?:" + _cues("tail_headings") + r")\s*[:.!]?$", re.I)

# The end of the article: a copyright or "all rights reserved" line. What follows
# it belongs to the page, not to the article.
_END_MARKERS = re.compile(
    r"^(?:@|©|\(c\)|(?:" + _cues("copyright_words") + r")\b).{0,80}$"
    r"|^.{0,60}\b(?:" + _cues("end_markers") + r")\b.{0,40}$",
    re.I,
)

# Short lines (at most _SHORT_WORDS words) that open with one of these cues are
# prompts and boxes, never article sentences; a line ending like a sentence only
# counts when it is very short ("Sign up for our newsletter.").
_SHORT_WORDS = 14
_VERY_SHORT_WORDS = 8
_PROMPT_LINE = re.compile(r"^(?:" + _cues("prompt_cues") + r")\b(?![-'])", re.I)
# Adverts, webinars and sponsored content, however they are punctuated.
_AD_LINE = re.compile(r"^(?:" + _cues("ad_cues") + r")\b", re.I)
# Single-word labels ("Share", "Fonte", "Tags: ...") that are furniture only when
# they are the whole line or open a "label: value" line; "Sources said..." stays.
_LABEL_LINE = re.compile(r"^(?:" + _cues("label_cues") + r")\s*(?:[:!.]|:.*)?$", re.I)

# Photo and image credits, in any position: "Photo by: X", "Image: X", "Foto: X",
# "(Photo: Reuters)", "Crédit photo : X", "Bild: X".
_CREDIT_LINE = re.compile(
    r"^\(?(?:"
    + _cues("photo_credits")
    + r")\s*(?::|(?:"
    + _cues("credit_prepositions")
    + r")\b|©)",
    re.I,
)

# Prompts that invite the reader to comment or follow, which run long because
# they list social networks.
_SOCIAL_NETWORKS = re.compile(
    r"\b(?:facebook|instagram|linkedin|twitter|telegram|whatsapp|youtube|tiktok|google news"
    r"|threads|bluesky|mastodon|(?-i:X))\b",
    re.I,
)
# A row of buttons: "[ Share ] [ Tweet ] [ Comments (3) ]".
_BUTTON_ROW = re.compile(r"^(?:\[[^\[\]]{1,30}\]\s*){2,}$")
_FOLLOW_CUE = re.compile(r"\b(?:" + _cues("follow_cues") + r")\b", re.I)
_READER_PROMPT = re.compile(r"^(?:" + _cues("reader_prompts") + r")", re.I)

# Bylines: "By Jane Doe", "Di Mario Rossi", "Par Jean Dupont", "Por Ana Ruiz",
# "Von Max Muster", alone on their line or followed by a role or date ("By Jane
# Doe | Analyst - 08/24/2022"), also after a repeated name as scraped headers have
# it. A sentence such as "Di Maio met..." or "By Monday, the..." is not a byline.
_NAME = r"[A-ZÀ-Þ][\w'.-]+(?:\s+(?:[A-ZÀ-Þ][\w'.-]+|" + _cues("name_particles") + r")){0,4}"
_BY = r"(?i:" + _cues("byline_words") + r")"
_BYLINE_ALONE = re.compile(r"^" + _BY + r"\s+" + _NAME + r"$")
_BYLINE_WITH_ROLE = re.compile(r"^" + _BY + r"\s+" + _NAME + r"\s*(?:\||[,–—-]\s)")
# A scraped header repeats the author: "Jane Doe By Jane Doe | Analyst - date". Only
# a one-word cue, capitalised, marks it there ("by" in a sentence does not).
_BY_CAPITALISED = "|".join(
    sorted({word.capitalize() for word in every_language("byline_words") if word.isalpha()})
)
_BYLINE_AFTER_NAME = re.compile(r"\s(?:" + _BY_CAPITALISED + r")\s+" + _NAME + r"\s*\|")
_BYLINE_MAX_CHARS = 160

# "Home » Section » Headline", "Home > Tech > Article", "Accueil / Monde".
_BREADCRUMB = re.compile(r"^(?:" + _cues("breadcrumb_roots") + r")\s*(?:»|>|›|/|\|)", re.I)
_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:»|›|>)\s")

# A header label carrying the publication date at the start of a line: the date
# is read into the metadata, the label is not article text.
_DATE_LABEL = re.compile(
    r"^(?:" + _cues("date_labels") + r")\s*:?\s*"
    r"(?:\d{4}-\d{2}(?:-\d{2})?(?:[T ][\d:]+Z?)?|\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*",
    re.I,
)

# A teaser is a paragraph cut short with an ellipsis; a run of them is a list of
# other articles.
_TEASER_END = ("…", "...", "[…]", "[...]", "(…)")
_MIN_TEASER_RUN = 2


def _is_short(line: str) -> bool:
    return len(line.split()) <= _SHORT_WORDS


def _has_sentence_end(line: str) -> bool:
    return line.rstrip("\"')»”").endswith((".", "!", "?", ":"))


def _is_furniture(line: str) -> bool:
    if _BREADCRUMB.match(line) or len(_BREADCRUMB_SEPARATORS.findall(line)) >= 2:
        return True
    if _CREDIT_LINE.match(line) and len(line) <= _BYLINE_MAX_CHARS:
        return True
    if is_date_line(line):
        return True
    if _READER_PROMPT.match(line) or _TAIL_HEADINGS.match(line):
        return True
    follow = _FOLLOW_CUE.search(line)
    if follow and len(_SOCIAL_NETWORKS.findall(line, follow.end())) >= 2:
        # "Follow us on Facebook and X": the networks come after the prompt.
        return True
    if _BUTTON_ROW.match(line):
        return True
    if (_LABEL_LINE.match(line) or _AD_LINE.match(line)) and _is_short(line):
        return True
    if (
        _PROMPT_LINE.match(line)
        and _is_short(line)
        and (not _has_sentence_end(line) or len(line.split()) <= _VERY_SHORT_WORDS)
    ):
        return True
    return len(line) <= _BYLINE_MAX_CHARS and _is_byline(line)


def _is_byline(line: str) -> bool:
    if _BYLINE_ALONE.match(line):
        return True
    shaped = _BYLINE_WITH_ROLE.match(line) or _BYLINE_AFTER_NAME.search(line)
    return shaped is not None and not _has_sentence_end(line)


def _cut_tail(lines: list[str]) -> list[str]:
    """Drop everything from a related-articles heading or end marker in the second half."""
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for index, line in enumerate(lines):
        if seen / total >= 0.5 and (_TAIL_HEADINGS.match(line) or _END_MARKERS.match(line)):
            return lines[:index]
        seen += len(line)
    return lines


def _drop_teaser_runs(lines: list[str]) -> list[str]:
    """Drop runs of paragraphs that end with an ellipsis (teasers for other articles)."""
    kept: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.endswith(_TEASER_END):
            run.append(line)
            continue
        if line == "" and run:
            continue  # blank lines inside a run of teasers
        if len(run) < _MIN_TEASER_RUN:
            kept.extend(run)
        run = []
        kept.append(line)
    return kept[:-1]


def clean_text(text: str) -> str:
    """Return the article in ``text`` without page furniture.

    ``text`` must be normalised (see ``normalize_text``). Lines are dropped, never
    edited, except that a leading date label ("date 2023-01 ...") is cut from the
    line it opens. Repeated headline lines are kept once.

    Parameters
    ----------
    text : str
        Normalised document text.

    Returns
    -------
    str
        The article text, paragraphs separated by blank lines as in the input.

    Examples
    --------
    >>> clean_text("Home » World » Talks\\nBy Jane Doe\\n\\nThe ministers met.\\n\\nShare this")
    'The ministers met.'
    """
    lines = [_DATE_LABEL.sub("", line, count=1) for line in text.split("\n")]
    lines = _cut_tail(lines)
    lines = _drop_teaser_runs(lines)
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if line and (_is_furniture(line) or line in seen):
            continue
        if line:
            seen.add(line)
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()
