"""Strip page furniture from normalised article text with general, multilingual rules.

Copied-and-pasted or scraped articles carry text that is not the article:
breadcrumbs, bylines, photo credits, share and follow prompts, newsletter boxes,
adverts, and after the end of the article, lists of related articles and
teasers. Names in that text (the outlet, its journalists, the photographer,
other stories' subjects) must not become actors, so it goes before extraction.

Rules look at the shape of a line (short, no closing punctuation, a cue word
at its start) rather than at strings of particular sites. Cue lists cover
en, it, fr, es and de.
"""

from __future__ import annotations

import re

from actorgraph.loaders.metadata import is_date_line

__all__ = ["clean_text"]


def _cues(*phrases: str) -> str:
    return "|".join(sorted(phrases, key=len, reverse=True))


# A line that starts a trail of related links, teasers or comments: everything
# from it to the end is furniture when it sits in the second half of the text.
_TAIL_HEADINGS = re.compile(
    r"^(?:"
    + _cues(
        "you may like",
        "you may also like",
        "you might also like",
        "most popular",
        "most read",
        "related articles",
        "related stories",
        "related posts",
        "related news",
        "related",
        "read also",
        "read more",
        "see also",
        "more from",
        "more on this",
        "more news",
        "recommended",
        "recommended for you",
        "trending",
        "latest news",
        "comments",
        "leave a comment",
        "leave a reply",
        "leggi anche",
        "leggi pure",
        "articoli correlati",
        "notizie correlate",
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "potrebbero interessarti",
        "i più letti",
        "più letti",
        "ultime notizie",
        "altri articoli",
        "lascia un commento",
        "commenti",
        "à lire aussi",
        "a lire aussi",
        "lire aussi",
        "sur le même sujet",
        "articles similaires",
        "les plus lus",
        "vous aimerez aussi",
        "noticias relacionadas",
        "artículos relacionados",
        "te puede interesar",
        "lee también",
        "lo más leído",
        "más noticias",
        "das könnte sie auch interessieren",
        "mehr zum thema",
        "weitere artikel",
        "meistgelesen",
        "ähnliche artikel",
    )
    + r")\s*[:.!]?$",
    re.I,
)

# The end of the article: a copyright or "all rights reserved" line. What follows
# it belongs to the page, not to the article.
_END_MARKERS = re.compile(
    r"^(?:@|©|\(c\)|copyright\b).{0,80}$|^.{0,60}\b(?:"
    + _cues(
        "all rights reserved",
        "riproduzione riservata",
        "tutti i diritti riservati",
        "tous droits réservés",
        "todos los derechos reservados",
        "alle rechte vorbehalten",
    )
    + r")\b.{0,40}$",
    re.I,
)

# Short lines (at most _SHORT_WORDS words) that open with one of these cues are
# prompts and boxes, never article sentences; a line ending like a sentence only
# counts when it is very short ("Sign up for our newsletter.").
_SHORT_WORDS = 14
_VERY_SHORT_WORDS = 8
_PROMPT_LINE = re.compile(
    r"^(?:"
    + _cues(
        # newsletter and subscription boxes
        "subscribe",
        "sign up",
        "newsletter",
        "get our newsletter",
        "join our newsletter",
        "iscriviti",
        "abbonati",
        "ricevi la newsletter",
        "abonnez-vous",
        "inscrivez-vous",
        "s'abonner",
        "suscríbete",
        "suscribirse",
        "regístrate",
        "abonnieren",
        "jetzt abonnieren",
        # share and follow prompts
        "share this",
        "share it",
        "share on",
        "follow us",
        "seguici",
        "condividi su",
        "partager sur",
        "partagez",
        "suivez-nous",
        "compartir en",
        "síguenos",
        "folgen sie uns",
        # links to the rest of a story
        "read more",
        "continue reading",
        "click here",
        "continua a leggere",
        "leggi di più",
        "leggi tutto",
        "lire la suite",
        "leer más",
        "seguir leyendo",
        "weiterlesen",
        "mehr lesen",
    )
    + r")\b(?![-'])",
    re.I,
)
# Adverts, webinars and sponsored content, however they are punctuated.
_AD_LINE = re.compile(
    r"^(?:"
    + _cues(
        "advertisement",
        "sponsored",
        "webinar",
        "register now",
        "register for",
        "pubblicità",
        "sponsorizzato",
        "publicité",
        "publicidad",
        "patrocinado",
        "anzeige",
        "werbung",
    )
    + r")\b",
    re.I,
)
# Single-word labels ("Share", "Fonte", "Tags: ...") that are furniture only when
# they are the whole line or open a "label: value" line; "Sources said..." stays.
_LABEL_LINE = re.compile(
    r"^(?:"
    + _cues(
        "share",
        "tweet",
        "print",
        "email",
        "e-mail",
        "follow",
        "condividi",
        "segui",
        "stampa",
        "partager",
        "imprimer",
        "compartir",
        "imprimir",
        "teilen",
        "drucken",
        "tags",
        "tag",
        "topics",
        "argomenti",
        "source",
        "sources",
        "fonte",
        "fonti",
        "fuente",
        "quelle",
    )
    + r")\s*(?:[:!.]|:.*)?$",
    re.I,
)

# Photo and image credits, in any position: "Photo by: X", "Image: X", "Foto: X",
# "(Photo: Reuters)", "Crédit photo : X", "Bild: X".
_CREDIT_LINE = re.compile(
    r"^\(?(?:"
    + _cues(
        "photo",
        "photos",
        "photo by",
        "photo credit",
        "photo credits",
        "image",
        "image by",
        "image credit",
        "images",
        "picture",
        "credit",
        "credits",
        "cover image",
        "featured image",
        "foto",
        "foto di",
        "immagine",
        "in copertina",
        "crédit photo",
        "crédits photo",
        "fotografía",
        "imagen",
        "bild",
        "bildquelle",
        "getty images",
    )
    + r")\s*(?::|by\b|di\b|de\b|von\b|©)",
    re.I,
)

# Prompts that invite the reader to comment or follow, which run long because
# they list social networks.
_SOCIAL_NETWORKS = re.compile(
    r"\b(?:facebook|instagram|linkedin|twitter|telegram|whatsapp|youtube|tiktok|google news"
    r"|threads|bluesky|mastodon)\b",
    re.I,
)
_FOLLOW_CUE = re.compile(
    r"\b(?:follow us|join us|join our|seguici|segui(?:teci)?|suivez-nous|rejoignez|síguenos"
    r"|únete|folgen sie uns|folge uns)\b",
    re.I,
)
_READER_PROMPT = re.compile(
    r"^(?:"
    + _cues(
        "did you like this article",
        "did you enjoy this article",
        "enjoyed this article",
        "ti è piaciuto questo articolo",
        "ti è piaciuto l'articolo",
        "vous avez aimé cet article",
        "cet article vous a plu",
        "¿te ha gustado este artículo",
        "te ha gustado este artículo",
        "hat ihnen dieser artikel gefallen",
        "hat dir dieser artikel gefallen",
    )
    + r")",
    re.I,
)

# Bylines: "By Jane Doe", "Di Mario Rossi", "Par Jean Dupont", "Por Ana Ruiz",
# "Von Max Muster", alone on their line or followed by a role or date ("By Jane
# Doe | Analyst - 08/24/2022"), also after a repeated name as scraped headers have
# it. A sentence such as "Di Maio met..." or "By Monday, the..." is not a byline.
_NAME = r"[A-ZÀ-Þ][\w'.-]+(?:\s+(?:[A-ZÀ-Þ][\w'.-]+|de|di|da|del|van|von|la|le)){0,4}"
_BY = r"(?i:by|di|par|por|von|written by|scritto da|autore:?|auteur\s*:)"
_BYLINE_ALONE = re.compile(r"^" + _BY + r"\s+" + _NAME + r"$")
_BYLINE_WITH_ROLE = re.compile(r"^" + _BY + r"\s+" + _NAME + r"\s*(?:\||[,–—-]\s)")
# A scraped header repeats the author: "Jane Doe By Jane Doe | Analyst - date".
_BYLINE_AFTER_NAME = re.compile(r"\s(?:By|Di|Par|Por|Von)\s+" + _NAME + r"\s*\|")
_BYLINE_MAX_CHARS = 160

# "Home » Section » Headline", "Home > Tech > Article", "Accueil / Monde".
_BREADCRUMB = re.compile(
    r"^(?:home|homepage|inicio|portada|accueil|startseite|news|notizie)\s*(?:»|>|›|/|\|)",
    re.I,
)
_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:»|›|>)\s")

# A header label carrying the publication date at the start of a line: the date
# is read into the metadata, the label is not article text.
_DATE_LABEL = re.compile(
    r"^(?:date|data|fecha|datum|published|updated|pubblicato(?: il)?|aggiornato(?: il)?"
    r"|publié le|mis à jour le|publicado(?: el)?|veröffentlicht(?: am)?)\s*:?\s*"
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
    if _FOLLOW_CUE.search(line) and len(_SOCIAL_NETWORKS.findall(line)) >= 2:
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
