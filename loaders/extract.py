"""Extraction of one document: mentions -> resolution -> relations -> ``Extraction``.

:func:`extract_text` is what the document pipeline calls for every document.
The registry, its gazetteer and the lexicons are built once per process and
reused (:func:`default_registry`, :func:`gazetteer_for`).
"""

from __future__ import annotations

from functools import cache

from actorgraph.graph.models import Actor, Document, Extraction, Mention
from actorgraph.loaders.gazetteer import Gazetteer
from actorgraph.loaders.lexicon import LANGUAGES, lexicon_for
from actorgraph.loaders.registry import Registry, load_registry
from actorgraph.loaders.relations import event_relations
from actorgraph.loaders.resolve import resolve_mentions
from actorgraph.loaders.sentences import split_sentences
from actorgraph.loaders.structure import structural_relations

__all__ = ["default_registry", "extract_text", "gazetteer_for"]

_GAZETTEERS: dict[int, tuple[Registry, Gazetteer]] = {}


@cache
def default_registry() -> Registry:
    """The packaged registry, loaded once per process."""
    return load_registry()


def gazetteer_for(registry: Registry) -> Gazetteer:
    """The gazetteer of ``registry``, compiled once per registry object."""
    cached = _GAZETTEERS.get(id(registry))
    if cached is None or cached[0] is not registry:
        gazetteer = Gazetteer(registry.surface_forms(), registry.role_terms, _common_word)
        cached = (registry, gazetteer)
        _GAZETTEERS[id(registry)] = cached
    return cached[1]


@cache
def _common_word(word: str) -> bool:
    """Whether ``word`` is, whole, an event word of a supported language ("réunion")."""
    return any(
        trigger.start == 0 and trigger.end == len(word)
        for lang in LANGUAGES
        for trigger in lexicon_for(lang).triggers(word)
    )


def extract_text(text: str, document: Document, registry: Registry | None = None) -> Extraction:
    """Actors and relations of one document.

    Parameters
    ----------
    text : str
        The document's normalised, cleaned text; every offset refers to it.
    document : Document
        The document's metadata; ``lang`` chooses the lexicon (English if unset).
    registry : Registry, optional
        Known actors; the packaged registry when omitted.

    Returns
    -------
    Extraction
        The document, its actors (with every surface form in ``aliases`` and
        every span in ``mentions``) and its event and structural relations.

    Examples
    --------
    >>> from actorgraph.graph.models import Document
    >>> ex = extract_text("Italy and France signed a memorandum.", Document(id="d1", lang="en"))
    >>> sorted(a.id for a in ex.actors), [r.type for r in ex.relations][:1]
    (['france', 'italy'], ['SIGNED_AGREEMENT'])
    """
    registry = registry if registry is not None else default_registry()
    lex = lexicon_for(document.lang)
    resolution = resolve_mentions(text, lex, registry, gazetteer_for(registry))
    sentences = split_sentences(text, lex.lang)
    structure = structural_relations(resolution, registry, document, text)
    events = event_relations(text, sentences, resolution, lex, document, structure)
    # A place that only says where something happened ("talks in Geneva") is no actor,
    # unless it was visited or attacked there; nor is a platform only named as where
    # something was said ("posted on Telegram").
    kinds: dict[str, set[str]] = {}
    for mention in resolution.mentions:
        kinds.setdefault(mention.actor_id, set()).add(mention.kind)
    parties = {r.source for r in events} | {r.target for r in events}
    places = {a for a, k in kinds.items() if k <= {"venue", "medium"} and a not in parties}
    structure = [r for r in structure if r.source not in places and r.target not in places]
    mentions_by_actor: dict[str, list[Mention]] = {}
    for mention in resolution.mentions:
        mentions_by_actor.setdefault(mention.actor_id, []).append(
            Mention(text=mention.text, start=mention.start, end=mention.end)
        )
    actors = [
        Actor(
            id=actor.id,
            name=actor.name,
            type=actor.type,
            aliases=sorted(actor.aliases | {actor.name}),
            country=actor.country,
            wikidata=actor.wikidata,
            first_seen=document.date,
            last_seen=document.date,
            mentions=mentions_by_actor.get(actor.id, []),
        )
        for actor in resolution.actors.values()
        if actor.id not in places
    ]
    return Extraction(document=document, actors=actors, relations=[*events, *structure])
