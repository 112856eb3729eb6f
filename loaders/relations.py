"""Events of a document: trigger words in sentences, their arguments, and document rules.

For each sentence, every trigger of the language's lexicon (:mod:`.lexicon`)
is read against the participants of its clause:

* the argument rules of :mod:`.arguments` (``agent-by``, ``subject-with-object``,
  ``coordination``, ``nominal-agent``, ``summons``, ``subject-object``...) give
  its source and target;
* where they find none, rules that read beyond the clause: ``denial-of-accuser``
  (a denial answers those who accused the denier before), ``operation-partner``
  ("Europol supported the operation": with the bodies that run it, the first
  named in the paragraph or the document), ``participation`` (``:joins``
  triggers: "A, B and C took part"), ``listed-partners`` (a sentence ending in a
  colon before a bulleted list of bodies);
* ``hosted-meeting``: a host who receives people meets them;
* attributions: ``attribution-predicate`` ("Y says X was behind the attack"),
  ``attributed-attack`` and ``reported-attribution`` ("Y said the attack on V
  was carried out by Z", "Z said it had hit V");
* modality is ``negated`` after a negation cue, ``planned`` after a future or
  intention cue ("will", "expected to", "dovrebbe", the Italian future tense).

The rule's name is on every edge (``lexicon-en:operation-partner:supported``).
Structural edges are in :mod:`.structure`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from actorgraph.graph.models import Document, EventRelation, StructuralRelation
from actorgraph.graph.ontology import EVENT_TYPES, EventType, Modality
from actorgraph.loaders.arguments import (
    Participant,
    agent_group,
    blamed,
    close,
    pairs_for,
)
from actorgraph.loaders.lexicon import Lexicon, Trigger, lexicon_for
from actorgraph.loaders.resolve import DocumentActor, Resolution, ResolvedMention
from actorgraph.loaders.sentences import Sentence

__all__ = ["event_relations"]


def _groups(
    text: str, people: list[Participant], mentions: list[ResolvedMention], lex: Lexicon
) -> list[list[Participant]]:
    """Runs of participants joined by "and"/","/"-" (qualifier spans between are ignored).

    A bare comma joins only inside a list that ends with a conjunction ("X, Y and
    Z"); otherwise it separates an apposition or a new clause ("Ue-Usa, il
    Dipartimento ...").
    """
    # Each participant with how it joins the previous one: None (first), "comma", "conj".
    runs: list[list[tuple[Participant, str | None]]] = []
    gap_was_hyphen = False
    for participant in people:
        if runs:
            last = runs[-1][-1][0]
            gap = text[last.end : participant.start]
            for q in mentions:
                if not q.participant and last.end <= q.start and q.end <= participant.start:
                    # "... and France's ANSSI": the qualifier and its possessive go.
                    gap = re.sub(re.escape(q.text) + r"(?:'s|’s|')?", " ", gap, count=1)
            joined = (
                lex.joiner.match(gap)
                or lex.counterpart_joiner.fullmatch(gap)
                or (runs[-1][-1][1] == "comma" and lex.described_joiner.match(gap))
            )
            # "diplomatici russi, Germania e Francia": where adjectives follow their noun,
            # one closes its noun phrase, and the names after it start a new list.
            closed_adjective = (
                not lex.adjective_before_noun
                and last.kind == "adjective"
                and participant.kind != "adjective"
            )
            if joined and last.actor_id != participant.actor_id and not closed_adjective:
                comma_only = "," in gap and not lex.conjunction.search(gap)
                # "Ue-Usa, il Dipartimento": a hyphenated pair is closed; a comma ends it.
                compound = runs[-1][-1][1] == "conj" and gap_was_hyphen
                if not (comma_only and compound):
                    runs[-1].append((participant, "comma" if comma_only else "conj"))
                    gap_was_hyphen = gap.strip() in ("-", "–", "/")
                    continue
            if last.actor_id == participant.actor_id and gap.strip() in ("", "("):
                # "the Federal Office ... (BSI)": the same actor twice is one participant.
                merged = Participant(last.actor_id, last.start, participant.end, last.kind)
                runs[-1][-1] = (merged, runs[-1][-1][1])
                continue
        gap_was_hyphen = False
        runs.append([(participant, None)])
    groups: list[list[Participant]] = []
    for run in runs:
        closed = False
        current: list[Participant] = []
        # Walk backwards: a comma link stands when a conjunction link follows it.
        for participant, link in reversed(run):
            current.insert(0, participant)
            if link == "comma" and not closed:
                groups.append(current)
                current = []
            elif link == "conj":
                closed = True
        if current:
            groups.append(current)
    groups.sort(key=lambda g: g[0].start)
    return groups


# How far after a title the preposition of its remit may end ("attaché for ").
_REMIT_REACH = 8
# Capitalised names, to see what joins a remit's places once they are taken out.
_NAMES = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-Þ][\w'’\-]*")


def _without_remit(
    text: str,
    chosen: list[Participant],
    lex: Lexicon,
    remits: set[int],
    actors: dict[str, DocumentActor],
) -> list[Participant]:
    """``chosen`` without the places an office covers: "the legal attaché for Serbia, Bosnia
    and Herzegovina and Montenegro" names the attaché's remit, not parties to the event.

    ``remits`` are the offsets where a remit begins (after "attaché for").
    """
    kept: list[Participant] = []
    in_remit = False
    for index, participant in enumerate(chosen):
        gap_start = chosen[index - 1].end if index else max(0, participant.start - 60)
        if actors[participant.actor_id].type != "Country":
            # A remit holds places only: "the Minister for Planning, Karl Weiss".
            in_remit = False
        elif participant.start in remits or (
            # The first place may be the title's qualifier, and no participant.
            not in_remit
            and any(
                gap_start <= start < participant.start
                and lex.joiner.match(_NAMES.sub("", text[start : participant.start]))
                for start in remits
            )
        ):
            in_remit = True
        elif not (in_remit and lex.joiner.match(text[gap_start : participant.start])):
            in_remit = False
        if not in_remit:
            kept.append(participant)
    return kept


# How many sentences later an attack without its victim may still be the one named before.
_VICTIM_REACH = 2
# How many words after an attack word its victim may be named ("attacks on Indian websites").
_VICTIM_WORDS = 6


def _blamed_for_it(
    text: str,
    triggers: list[Trigger],
    inside: list[tuple[Participant, bool]],
    resolution: Resolution,
    lex: Lexicon,
) -> Iterator[tuple[Trigger, list[str]]]:
    """Accusations of an act named before: "attributed the campaign to A and B", "blamed
    the attacks on A" (a definite object, then those it is blamed on)."""
    for accusation in (t for t in triggers if t.type == "ACCUSED"):
        after = [p for p, _ in inside if p.start >= accusation.end]
        groups = _groups(text, after, resolution.mentions, lex)
        # "... to A", or "... to seven groups, among them A and B".
        group = blamed(text, accusation, groups, lex) or (groups[0] if groups else None)
        if group is None:
            continue
        between = text[accusation.end : group[0].start].split()
        if (
            between
            and between[0].casefold() in lex.articles
            and len(between) <= 2 * _VICTIM_WORDS
            and any(w.casefold() in lex.data.blame_prepositions for w in between[1:])
        ):
            yield accusation, list(dict.fromkeys(p.actor_id for p in group))


def _victims(
    text: str,
    attacks: list[Trigger],
    inside: list[tuple[Participant, bool]],
    emitted: list[EventRelation],
) -> list[str]:
    """The victims a sentence names: the targets of its attacks, else those named right
    after an attack word."""
    targets = [r.target for r in emitted if r.type == "ATTACKED"]
    if targets:
        return list(dict.fromkeys(targets))
    for attack in attacks:
        after = [p for p, _ in inside if p.start >= attack.end]
        if after and close(text, attack.end, after[0].start, _VICTIM_WORDS):
            return [after[0].actor_id]
    return []


def _objects_along(
    text: str, pairs: list[tuple[str, str]], groups: list[list[Participant]], lex: Lexicon
) -> list[tuple[str, str]]:
    """ "invited A and B, together with representatives of C": C is invited too."""
    targets = {t for _, t in pairs}
    sources = list(dict.fromkeys(s for s, _ in pairs))
    last = next((g for g in reversed(groups) if targets & {p.actor_id for p in g}), None)
    if last is None:
        return []
    later = [g for g in groups if g[0].start >= last[-1].end]
    if not later:
        return []
    with_word = lex.with_.search(text, last[-1].end, later[0][0].start)
    if with_word is None or not close(text, with_word.end(), later[0][0].start, 4, True):
        return []
    return [(s, p.actor_id) for s in sources for p in later[0] if p.actor_id not in sources]


def _only_with_word(text: str, trigger: Trigger, lex: Lexicon) -> bool:
    """Whether the trigger is no more than a with-word ("together with", "insieme ai")."""
    with_word = lex.with_.match(text, trigger.start)
    return with_word is not None and with_word.end() >= trigger.end


def _object_of(text: str, trigger: Trigger, participant: Participant, lex: Lexicon) -> bool:
    """Whether a place right after a trigger that ends in its own preposition is its
    object ("pointed to Tehran"), not a venue."""
    gap = text[trigger.end : participant.start].strip().casefold()
    return participant.start >= trigger.end and (not gap or gap in lex.articles)


def _modality(text: str, sentence: Sentence, trigger: Trigger, lex: Lexicon) -> Modality:
    window_start = max(sentence.start, trigger.start - 45)
    before = text[window_start : trigger.start]
    if trigger.type != "DENIED" and lex.negated.search(before[-25:]):
        return "negated"
    if lex.negation_after and lex.negated.search(
        text, trigger.end, min(sentence.end, trigger.end + 40)
    ):
        # German puts "nicht" after the object: "haben das Abkommen nicht unterzeichnet".
        return "negated"
    if lex.planned.search(before) or lex.planned.match(text, trigger.end, trigger.end + 12):
        return "planned"
    if lex.future and lex.future.fullmatch(trigger.text.split()[0]):
        return "planned"
    return "asserted"


def _attribution_predicates(
    text: str,
    sentence: Sentence,
    inside: list[tuple[Participant, bool]],
    resolution: Resolution,
    lex: Lexicon,
    same_side: set[frozenset[str]],
    actors: dict[str, DocumentActor],
) -> list[tuple[EventType, list[tuple[str, str]], str, Trigger]]:
    """Rule ``attribution-predicate``: "Y says X was behind the attack": Y accused X.

    The accused is the group right before the predicate (a few words, an
    apposition allowed); the accuser the speaker of a reporting verb before it,
    else the sentence's first group.
    """
    found: list[tuple[EventType, list[tuple[str, str]], str, Trigger]] = []
    chosen = [p for p, venue in inside if not venue]
    groups = _drop_own_side(_groups(text, chosen, resolution.mentions, lex), same_side, actors)
    for match in lex.attribution.finditer(text, sentence.start, sentence.end):
        before = [g for g in groups if g[-1].end <= match.start()]
        if len(before) < 2 or not close(text, before[-1][-1].end, match.start(), 5, True):
            continue
        accused = before[-1]
        reports = list(lex.reporting.finditer(text, sentence.start, accused[0].start))
        accuser = _speaker_before(text, before[:-1], reports[-1].start()) if reports else None
        accuser = accuser or before[0]
        anchor = Trigger("ACCUSED", False, match.start(), match.end(), match.group())
        pairs = [(a.actor_id, b.actor_id) for a in accuser for b in accused]
        found.append(("ACCUSED", pairs, "attribution-predicate", anchor))
    return found


def _denial_of_accusers(
    trigger: Trigger, groups: list[list[Participant]], accusers: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Rule ``denial-of-accuser``: a denial with no object answers the denier's accusers."""
    before = [g for g in groups if g[-1].end <= trigger.start]
    if not before:
        return []
    return [
        (p.actor_id, accuser)
        for p in before[-1]
        for accuser in dict.fromkeys(accusers.get(p.actor_id, []))
    ]


def _attributions(
    text: str,
    sentence: Sentence,
    groups: list[list[Participant]],
    attacks: list[Trigger],
    lex: Lexicon,
    accused: set[str],
) -> list[tuple[Trigger, EventType, list[tuple[str, str]], str]]:
    """Rules ``attributed-attack`` and ``reported-attribution`` for reported attacks.

    "Y said the attack on V was carried out by Z", "Z hacked V, Y said", "Y
    accused Z of attacking V": Z attacked V, and the speaker Y accused Z.

    * the attacker is the agent after "by", else the subject right before the
      attack (a few words, no comma) after the reporting verb, else the one
      the sentence's single accusation names;
    * the victim is the group right after the attack (at most six words
      between, no comma: "the intrusion into the computer network of V"),
      before any reporting verb;
    * the speaker is the group right before the reporting verb (an apposition
      between them is skipped: "Y, the minister, said"), or right after a
      closing "said" ("..., said Y").
    """
    found: list[tuple[Trigger, EventType, list[tuple[str, str]], str]] = []
    reports = list(lex.reporting.finditer(text, sentence.start, sentence.end))
    for attack in attacks:
        before = [g for g in groups if g[-1].end <= attack.start]
        after = [g for g in groups if g[0].start >= attack.end]
        by = lex.agent_by.match(text[attack.end : attack.end + 40])
        agent = agent_group(text, attack, by, after, lex) if by else None
        said_before = [r for r in reports if r.end() <= attack.start]
        said_after = [r for r in reports if r.start() >= attack.end]
        speaker: list[Participant] | None = None
        if said_before:
            report = said_before[-1]
            spoken = [g for g in before if g[0].start >= report.end()]
            if agent is None and spoken and close(text, spoken[-1][-1].end, attack.start, 5, True):
                agent = spoken[-1]
            speaker = _speaker_before(text, before, report.start())
            if agent is None and speaker is not None and _claims_own_act(text, report, attack, lex):
                # "X said it had gone after Y": the speaker claims the attack.
                agent, speaker = speaker, None
        elif said_after:
            report = said_after[0]
            closing = [g for g in after if g[0].start >= report.end()]
            if closing and close(text, report.end(), closing[0][0].start, 2):
                speaker = closing[0]  # "..., said Y"
            else:
                speaker = _speaker_before(text, after, report.start())
            if agent is None and before and close(text, before[-1][-1].end, attack.start, 5, True):
                agent = before[-1]
        if speaker is None:
            # "According to the FBI, the attack was carried out by X": the source speaks.
            speaker = next(
                (g for g in groups if g is not agent and _cited(text, sentence.start, g[0], lex)),
                None,
            )
        agent_ids = [p.actor_id for p in agent] if agent else sorted(accused)
        limit = said_after[0].start() if said_after else sentence.end
        victims = [
            g
            for g in after
            if g is not agent
            and g is not speaker
            and g[-1].end <= limit
            and close(text, attack.end, g[0].start, 6)
            # "the attack method known as X" names the method, not a victim.
            and not lex.naming_cues.search(text, attack.end, g[0].start)
        ][:1]
        if agent_ids and victims:
            pairs = [(a, v.actor_id) for a in agent_ids for v in victims[0]]
            found.append((attack, "ATTACKED", pairs, "attributed-attack"))
        if agent is not None and speaker is not None:
            pairs = [(s.actor_id, a.actor_id) for s in speaker for a in agent]
            found.append((attack, "ACCUSED", pairs, "reported-attribution"))
    return found


def _cited(text: str, floor: int, participant: Participant, lex: Lexicon) -> bool:
    """Whether "according to" comes right before the participant (not before ``floor``)."""
    start = max(floor, participant.start - 30)
    return lex.according_to.search(text, start, participant.start) is not None


def _claims_own_act(text: str, report: re.Match[str], act: Trigger, lex: Lexicon) -> bool:
    """Whether the reported act is the speaker's own: "X said it had hit Y", "X ha detto
    di aver colpito Y" (a few words, then the language's claim opener)."""
    return lex.claim_opener.match(text[report.end() : act.start]) is not None


def _speaker_before(
    text: str, groups: list[list[Participant]], report_start: int
) -> list[Participant] | None:
    """The group right before a reporting verb, past an apposition ("Y, the minister, said")."""
    candidates = [g for g in groups if g[-1].end <= report_start]
    for group in reversed(candidates):
        gap = text[group[-1].end : report_start]
        if close(text, group[-1].end, report_start, 3) or re.fullmatch(
            r"\s*,[^,;]{1,120},\s*(?:\w+\s+){0,2}", gap
        ):
            return group
    return None


# Acts several agencies take together ("the ASD and the AFP linked X to ..."): they cooperate.
_JOINT_ACTS = ("ACCUSED", "SANCTIONED", "REQUESTED", "SUPPORTS", "INVITED")


def _joint_agencies(
    pairs: list[tuple[str, str]], actors: dict[str, DocumentActor]
) -> list[tuple[str, str]]:
    """Rule ``joint-agencies``: the agencies that together accuse, sanction or support
    someone cooperate with one another."""
    sources = list(dict.fromkeys(s for s, _ in pairs if actors[s].type == "Agency"))
    return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]


def _hosted_by_people(
    pairs: list[tuple[str, str]], actors: dict[str, DocumentActor]
) -> list[tuple[str, str]]:
    """The (guest, host) pairs whose host is a person: a host who receives guests meets them."""
    return [(a, b) for a, b in pairs if actors[b].type == "Person"]


def _same_side(
    resolution: Resolution, structure: Sequence[StructuralRelation]
) -> set[frozenset[str]]:
    """Pairs of actors on one side: a person and their office, a body and its parents."""
    up: dict[str, set[str]] = {}
    for relation in structure:
        if relation.type in ("HOLDS_ROLE", "PART_OF") and relation.rule != "title-home-country":
            up.setdefault(relation.source, set()).add(relation.target)
    country_ids = {
        a.country: a.id for a in resolution.actors.values() if a.type == "Country" and a.country
    }
    for person, code in resolution.person_country.items():
        if code in country_ids:
            up.setdefault(person, set()).add(country_ids[code])
    for actor in resolution.actors.values():
        if actor.type == "Person" and actor.country in country_ids:
            up.setdefault(actor.id, set()).add(country_ids[actor.country])
    pairs: set[frozenset[str]] = set()
    for start in up:
        seen: set[str] = set()
        stack = list(up[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                pairs.add(frozenset((start, node)))
                stack.extend(up.get(node, ()))
    return pairs


def _drop_own_side(
    groups: list[list[Participant]],
    same_side: set[frozenset[str]],
    actors: dict[str, DocumentActor],
) -> list[list[Participant]]:
    """Drop a body named right after its own head ("Darmanin a reçu mardi place Beauvau").

    A country stays: "Putin said that Russia ..." names the state as the actor.
    """
    kept: list[list[Participant]] = []
    for group in groups:
        if (
            kept
            and group[0].start - kept[-1][-1].end < 40
            and any(actors[q.actor_id].type == "Person" for q in kept[-1])
            and all(actors[p.actor_id].type in ("Agency", "Organization") for p in group)
            and all(
                any(frozenset((p.actor_id, q.actor_id)) in same_side for q in kept[-1])
                for p in group
            )
        ):
            continue
        kept.append(group)
    return kept


def _cameo(trigger: Trigger) -> str:
    """The CAMEO code of a trigger: 043 is hosting a visit, 042 making one."""
    if trigger.type == "VISITED" and trigger.reverse:
        return "043"
    return EVENT_TYPES[trigger.type].cameo


def _clause(text: str, sentence: Sentence, trigger: Trigger) -> tuple[int, int]:
    """The part of the sentence between semicolons that holds the trigger."""
    start = text.rfind(";", sentence.start, trigger.start)
    end = text.find(";", trigger.end, sentence.end)
    return (start + 1 if start >= 0 else sentence.start), (end if end >= 0 else sentence.end)


def event_relations(
    text: str,
    sentences: list[Sentence],
    resolution: Resolution,
    lex: Lexicon,
    document: Document,
    structure: Sequence[StructuralRelation] = (),
) -> list[EventRelation]:
    """Events of one document, one per (source, type, target, sentence).

    Parameters
    ----------
    text : str
        Normalised document text.
    sentences : list of Sentence
        The text's sentences.
    resolution : Resolution
        Resolved mentions and actors of the document.
    lex : Lexicon
        The document language's lexicon.
    document : Document
        The document (its id, date and language go on every edge).
    structure : list of StructuralRelation
        The document's ``HOLDS_ROLE`` / ``PART_OF`` / ``MEMBER_OF`` edges: an actor
        and its own office, parent body or country are one side, never a pair.

    Returns
    -------
    list of EventRelation
        Events with evidence sentence, offsets, rule, confidence, CAMEO and PLOVER codes.
    """
    relations: list[EventRelation] = []
    seen: set[tuple[str, str, str, int]] = set()
    # A dateline ("Doha, Qatar -") says where the story was filed, nothing more.
    participants = [m for m in resolution.mentions if m.participant and m.kind != "dateline"]
    participant_starts = [m.start for m in participants]
    actors = resolution.actors
    previous_people: list[Participant] = []
    previous_subject: Participant | None = None
    index = 0
    all_triggers = _triggers(text, lex)
    same_side = _same_side(resolution, structure)
    # Who accused or sanctioned whom so far: a later denial answers them.
    accusers: dict[str, list[str]] = {}

    def emit(
        trigger: Trigger,
        type_: EventType,
        pairs: list[tuple[str, str]],
        how: str,
        number: int,
        sentence: Sentence,
    ) -> None:
        spec = EVENT_TYPES[type_]
        for source, target in pairs:
            if source == target or frozenset((source, target)) in same_side:
                continue
            if not spec.directed:
                source, target = sorted((source, target))
            key = (source, target, type_, number)
            if key in seen:
                continue
            seen.add(key)
            if type_ in ("ACCUSED", "SANCTIONED"):
                accusers.setdefault(target, []).append(source)
            relations.append(
                EventRelation(
                    source=source,
                    target=target,
                    type=type_,
                    doc=document.id,
                    date=document.date,
                    evidence=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    lang=lex.lang,
                    cameo=_cameo(trigger) if type_ == trigger.type else spec.cameo,
                    plover=spec.plover,
                    modality=_modality(text, sentence, trigger, lex),
                    confidence=0.75 if how in ("coordination", "subject-with-object") else 0.6,
                    rule=f"lexicon-{lex.lang}:{how}:{trigger.text.lower()}",
                )
            )

    t_index = 0
    # Who runs the story's operations: the first bodies of the paragraph and of the document.
    leads = _Leads()
    # (The title may end in the preposition: "l'addetto per".)
    remits = {
        remit.end()
        for start, end in resolution.titles
        if (remit := lex.remit.search(text, start, min(len(text), end + _REMIT_REACH)))
        and remit.end() > end
    }
    # The stands of the last sentence that took any ("X accused Y"), for those who echo them.
    stands: list[EventRelation] = []
    # The sentence number and the victims of the last attack named with its victims.
    victims: tuple[int, list[str]] | None = None
    # The host of the paragraph's gathering, and whether a host noun named it (then
    # everyone named in the paragraph is its guest).
    host: tuple[str, Trigger | None] | None = None
    for number, sentence in enumerate(sentences):
        if leads.start_sentence(text, sentence):
            stands = []
            host = None
        emitted = len(relations)
        if not any(ch.islower() for ch in sentence.text) and len(sentence.text.split()) >= 3:
            index = bisect_left(participant_starts, sentence.end)
            continue
        inside: list[tuple[Participant, bool]] = []
        while index < len(participants) and participants[index].start < sentence.end:
            mention = participants[index]
            if mention.start >= sentence.start:
                venue = mention.kind == "venue"
                inside.append(
                    (
                        Participant(mention.actor_id, mention.start, mention.end, mention.kind),
                        venue,
                    )
                )
            index += 1
        while t_index < len(all_triggers) and all_triggers[t_index].start < sentence.start:
            t_index += 1
        triggers = []
        while t_index < len(all_triggers) and all_triggers[t_index].end <= sentence.end:
            triggers.append(all_triggers[t_index])
            t_index += 1
        if not inside and triggers:
            # "The advisory was co-authored by agencies of seven countries:" and a list.
            for trigger in triggers:
                pairs = _listed_partners(text, sentence, trigger, participants, leads, actors)
                emit(trigger, trigger.type, pairs, "listed-partners", number, sentence)
        if not inside:
            triggers = []
        if host is None:
            host = _host_named(text, sentence, inside, lex, actors)
        if host is not None and host[1] is not None:
            anchor = host[1]
            if anchor.start < sentence.start:
                anchor = Trigger("MET_WITH", False, sentence.start, sentence.start, anchor.text)
            guests = [(host[0], p.actor_id) for p, venue in inside if not venue]
            emit(anchor, "MET_WITH", guests, "host-guests", number, sentence)
        # "was carried out by X" is an attack only after "the attack" in the same sentence.
        triggers = [
            t
            for t in triggers
            if not t.completes
            or any(o.type == t.type and not o.completes and o.end <= t.start for o in triggers)
        ]
        if len(triggers) > 1:
            # "X signed, together with Y, ...": the with-word only names the partners of
            # the sentence's other event.
            triggers = [t for t in triggers if not _only_with_word(text, t, lex)] or triggers
        denied = any(t.type == "DENIED" for t in triggers)
        # "the Medibank breach": a name right before an attack word is its victim, and
        # takes part in no other event of the sentence.
        attacked_names = {
            p.end
            for p, _ in inside
            for t in triggers
            if t.type == "ATTACKED" and 0 < t.start - p.end <= 1
        }
        accused = any(t.type == "ACCUSED" for t in triggers)
        for trigger in triggers:
            if (trigger.type == "ATTACKED" and (denied or accused)) or (
                denied and trigger.type == "ACCUSED"
            ):
                # A denial or an accusation is about the act it names, not a second event.
                continue
            if lex.frame.search(text, max(sentence.start, trigger.start - 30), trigger.start):
                # "nel contesto del dialogo ...": a frame for another event, not an event.
                continue
            clause_start, clause_end = _clause(text, sentence, trigger)
            if trigger.joins:
                members = [p for p, venue in inside if not venue]
                if host is not None:
                    # "A and B take part" at a gathering with a host: they meet the host.
                    pairs = _participation(members, clause_start, clause_end, host[0])
                    emit(trigger, "MET_WITH", pairs, "host-participation", number, sentence)
                else:
                    pairs = _participation(members, clause_start, clause_end, leads)
                    emit(trigger, trigger.type, pairs, "participation", number, sentence)
                continue
            # A place after "in"/"to" takes part only in a visit ("a visit to Italy") or
            # as the victim of an attack ("networks in Graustark").
            clause = [p for p, _ in inside if clause_start <= p.start < clause_end]
            kept = {(p.start, p.end) for p in _without_remit(text, clause, lex, remits, actors)}
            chosen = [
                p
                for p, venue in inside
                if (p.start, p.end) in kept
                and (
                    not venue
                    or trigger.type in ("VISITED", "ATTACKED")
                    or _object_of(text, trigger, p, lex)
                )
                and not _cited(text, clause_start, p, lex)
                and (trigger.type == "ATTACKED" or p.end not in attacked_names)
            ]
            groups = _groups(text, chosen, resolution.mentions, lex)
            groups = _drop_own_side(groups, same_side, actors)
            pairs, how = pairs_for(
                trigger,
                text,
                lex,
                groups,
                clause_start,
                previous_people,
                previous_subject,
                same_side,
                actors,
            )
            if pairs and EVENT_TYPES[trigger.type].directed:
                pairs += _objects_along(text, pairs, groups, lex)
            if trigger.type == "DENIED" and not pairs:
                # "... an accusation X denies": X denies what its accusers said.
                pairs, how = _denial_of_accusers(trigger, groups, accusers), "denial-of-accuser"
            if not pairs and trigger.type in _OPERATION_TYPES:
                pairs, how = _operation_partners(text, clause_start, clause_end, groups, leads, lex)
            if not pairs and trigger.type == "SANCTIONED":
                pairs = _charged_by_lead(text, trigger, groups, leads, lex, actors)
                how = "charged-by-lead"
            typed = [(trigger.type, pairs, how)]
            if trigger.type == "VISITED" and trigger.reverse:
                # "the minister received his counterpart": a host who receives a person meets them.
                typed.append(("MET_WITH", _hosted_by_people(pairs, actors), "hosted-meeting"))
            if trigger.type in _JOINT_ACTS:
                typed.append(("COOPERATES_WITH", _joint_agencies(pairs, actors), "joint-agencies"))
            for type_, type_pairs, type_how in typed:
                emit(trigger, type_, type_pairs, type_how, number, sentence)
            if host is None and typed[-1][2] == "hosted-meeting" and typed[-1][1]:
                host = (typed[-1][1][0][1], None)
        if inside and lex.attribution.search(text, sentence.start, sentence.end):
            for type_, pairs, how, anchor in _attribution_predicates(
                text, sentence, inside, resolution, lex, same_side, actors
            ):
                emit(anchor, type_, pairs, how, number, sentence)
        attack_triggers = [t for t in triggers if t.type == "ATTACKED"]
        reported = lex.reporting.search(text, sentence.start, sentence.end) or any(
            _cited(text, sentence.start, p, lex) for p, _ in inside
        )
        if attack_triggers and (accused or reported):
            chosen = [p for p, _ in inside]
            groups = _drop_own_side(
                _groups(text, chosen, resolution.mentions, lex), same_side, actors
            )
            accusations = [t for t in triggers if t.type == "ACCUSED"]
            accused_ids = (
                {r.target for r in relations if r.type == "ACCUSED" and r.start == sentence.start}
                if len(accusations) == 1
                else set()
            )
            for trigger, type_, type_pairs, type_how in _attributions(
                text, sentence, groups, attack_triggers, lex, accused_ids
            ):
                emit(trigger, type_, type_pairs, type_how, number, sentence)
        echo = lex.echoes.search(text, sentence.start, sentence.end) if inside else None
        if echo is not None and stands:
            # "In giornata si sono associati il Regno Unito e gli Stati Uniti".
            anchor = Trigger(stands[0].type, False, echo.start(), echo.end(), echo.group())
            for type_, pairs in _echoes(stands, [p for p, venue in inside if not venue]):
                emit(anchor, type_, pairs, "echo", number, sentence)
        attacks_here = [t for t in triggers if t.type == "ATTACKED"]
        if (
            victims
            and number - victims[0] <= _VICTIM_REACH
            and not any(r.type == "ATTACKED" for r in relations[emitted:])
        ):
            # "Attacks hit X. Officials attributed the campaign to Y": Y attacked X.
            for accusation, attackers in _blamed_for_it(text, triggers, inside, resolution, lex):
                pairs = [(a, v) for a in attackers for v in victims[1]]
                emit(accusation, "ATTACKED", pairs, "earlier-victim", number, sentence)
        named_victims = _victims(text, attacks_here, inside, relations[emitted:])
        if named_victims:
            victims = (number, named_victims)
        if len(relations) > emitted:
            # The last sentence with events says what an echo repeats.
            stands = [r for r in relations[emitted:] if r.type in _STANDS]
        leads.end_sentence(text, [p for p, venue in inside if not venue], resolution, lex, actors)
        people = [p for p, _ in inside if actors[p.actor_id].type == "Person"]
        if people:
            previous_people = people
        subject = next((p for p, venue in inside if not venue), None)
        # Only the sentence right before lends its subject.
        previous_subject = (
            subject
            if subject is not None and (not triggers or subject.start < triggers[0].start)
            else None
        )
    return relations


_OPERATION_TYPES = ("SUPPORTS", "COOPERATES_WITH", "SHARES_INFORMATION")
# Events one can echo: a stand taken towards someone.
_STANDS = ("ACCUSED", "SANCTIONED", "SUPPORTS", "REQUESTED", "DENIED")


def _echoes(
    stands: list[EventRelation], members: list[Participant]
) -> list[tuple[EventType, list[tuple[str, str]]]]:
    """Rule ``echo``: "X accused Y. Z joined in": Z accused Y too.

    Those named in the echoing sentence who took no part in the stand take it
    towards the same targets.
    """
    involved = {r.source for r in stands} | {r.target for r in stands}
    echoers = list(dict.fromkeys(p.actor_id for p in members if p.actor_id not in involved))
    by_type: dict[EventType, list[tuple[str, str]]] = {}
    for stand in stands:
        by_type.setdefault(stand.type, []).extend((e, stand.target) for e in echoers)
    return list(by_type.items())


_LEAD_TYPES = ("Agency", "Country", "InternationalOrganization")


class _Leads:
    """The first bodies named in the current paragraph and in the document."""

    def __init__(self) -> None:
        self.paragraph: list[Participant] = []
        self.document: list[Participant] = []
        self._end = 0

    def start_sentence(self, text: str, sentence: Sentence) -> bool:
        """Note a new sentence; whether it opens a paragraph."""
        opens = "\n" in text[self._end : sentence.start]
        if opens:
            self.paragraph = []
        self._end = sentence.end
        return opens

    def end_sentence(
        self,
        text: str,
        members: list[Participant],
        resolution: Resolution,
        lex: Lexicon,
        actors: dict[str, DocumentActor],
    ) -> None:
        if self.paragraph or not members:
            return
        bodies = [p for p in members if actors[p.actor_id].type in _LEAD_TYPES]
        if not bodies:
            return
        self.paragraph = _groups(text, bodies, resolution.mentions, lex)[0]
        self.document = self.document or self.paragraph

    def pairs(
        self, members: list[str], named: set[str] | None = None, lead_first: bool = False
    ) -> list[tuple[str, str]]:
        """Each of ``members`` with each body of the lead: the paragraph's, or the
        document's, whichever is none of the actors ``named`` (the members by default)."""
        exclude = set(members) if named is None else named
        lead = next(
            (
                g
                for g in (self.paragraph, self.document)
                if g and not exclude & {p.actor_id for p in g}
            ),
            [],
        )
        pairs = [(m, p.actor_id) for m in dict.fromkeys(members) for p in lead]
        return [(b, a) for a, b in pairs] if lead_first else pairs


_BULLET = re.compile(r"[ \t]*(?:[-•*–—]|\d{1,2}[.)])[ \t]+")


def _listed_partners(
    text: str,
    sentence: Sentence,
    trigger: Trigger,
    participants: list[ResolvedMention],
    leads: _Leads,
    actors: dict[str, DocumentActor],
) -> list[tuple[str, str]]:
    """Rule ``listed-partners``: a sentence that names no one, ends with a colon and
    opens a bulleted list joins the list's bodies with the story's lead.

    "The advisory was co-authored by agencies from seven countries:" then
    "- Canada: the Canadian Centre for Cyber Security", ...
    """
    if not EVENT_TYPES[trigger.type].directed and text[sentence.start : sentence.end].endswith(":"):
        end = position = sentence.end
        while (newline := text.find("\n", position)) >= 0 and not text[position:newline].strip():
            if not _BULLET.match(text, newline + 1):
                break
            line_end = text.find("\n", newline + 1)
            end = position = len(text) if line_end < 0 else line_end
        listed = [
            m.actor_id
            for m in participants
            if sentence.end <= m.start < end and actors[m.actor_id].type in _LEAD_TYPES
        ]
        return leads.pairs(listed)
    return []


def _participation(
    members: list[Participant], clause_start: int, clause_end: int, lead: _Leads | str
) -> list[tuple[str, str]]:
    """Rule ``participation`` (``:joins`` triggers): "A, B and C took part": each joins
    the story's lead, and never one another. Rule ``host-participation``: at a gathering
    the paragraph names a host of, each meets the host."""
    named = [p.actor_id for p in members if clause_start <= p.start < clause_end]
    if isinstance(lead, str):
        return [(m, lead) for m in dict.fromkeys(named)]
    return lead.pairs(named)


# How far after a host noun its holder may be named ("the host, Interior Minister X").
_HOST_REACH = 80


def _host_named(
    text: str,
    sentence: Sentence,
    inside: list[tuple[Participant, bool]],
    lex: Lexicon,
    actors: dict[str, DocumentActor],
) -> tuple[str, Trigger | None] | None:
    """Rule ``host-guests``: "the host, Interior Minister X" or "X, the host": X hosts
    the gathering, and all named with X in the paragraph are guests who meet X."""
    noun = lex.host_nouns.search(text, sentence.start, sentence.end)
    if noun is None:
        return None
    named = [p for p, venue in inside if not venue]
    after = [p for p in named if noun.end() <= p.start <= noun.end() + _HOST_REACH]
    # "the host, Italy's ambassador X": the person, not the country in the title.
    after.sort(key=lambda p: actors[p.actor_id].type != "Person")
    before = [p for p in named if p.end <= noun.start() and close(text, p.end, noun.start(), 1)]
    holder = after[0] if after else before[-1] if before else None
    if holder is None:
        return None
    return holder.actor_id, Trigger("MET_WITH", False, noun.start(), noun.end(), noun.group())


def _charged_by_lead(
    text: str,
    trigger: Trigger,
    groups: list[list[Participant]],
    leads: _Leads,
    lex: Lexicon,
    actors: dict[str, DocumentActor],
) -> list[tuple[str, str]]:
    """Rule ``charged-by-lead``: "Named in the indictment are A, B and C", "A and B were
    charged": people charged with no one named as charging them are charged by the
    story's lead (the prosecutor's or the police's own release).

    The people follow the charge at once, or stand before it in the passive.
    """
    after = [g for g in groups if g[0].start >= trigger.end]
    before = [g for g in groups if g[-1].end <= trigger.start]
    if after and lex.agent_word.search(text, trigger.end, after[0][0].start):
        # "arrestati ... dagli specialisti del Cnaipic": whoever charges them is named.
        return []
    if after and close(text, trigger.end, after[0][0].start, 3):
        named = [p for g in after for p in g]
    elif before and lex.passive_before.search(text[before[-1][-1].end : trigger.start]):
        named = before[-1]
    else:
        return []
    # Their employers may be named beside them ("who worked for ITSec Team").
    people = [p.actor_id for p in named if actors[p.actor_id].type == "Person"]
    return leads.pairs(people, {p.actor_id for p in named}, lead_first=True)


def _operation_partners(
    text: str,
    clause_start: int,
    clause_end: int,
    groups: list[list[Participant]],
    leads: _Leads,
    lex: Lexicon,
) -> tuple[list[tuple[str, str]], str]:
    """Rule ``operation-partner``: "Europol supported the operation": with those who run it.

    The bodies that run a story's operation are the first named in its paragraph
    (or, when those are the supporters themselves, in the document).
    """
    if len(groups) != 1 or not lex.operation_nouns.search(text, clause_start, clause_end):
        return [], ""
    return leads.pairs([p.actor_id for p in groups[0]]), "operation-partner"


def _triggers(text: str, lex: Lexicon) -> list[Trigger]:
    found = lex.triggers(text)
    if lex.lang != "en":
        # English trigger words turn up in other languages' press ("partnership", "summit").
        own = {(t.start, t.end) for t in found}
        found += [
            t
            for t in lexicon_for("en").triggers(text)
            if (t.start, t.end) not in own and t.text.lower() in lex.loanwords
        ]
        found.sort(key=lambda t: t.start)
    return found
