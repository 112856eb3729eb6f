"""Relations: events from trigger words in sentences, structure from titles and the registry.

For each sentence, every trigger of the language's lexicon (:mod:`.lexicon`)
becomes events between the sentence's participants:

* symmetric types (``MET_WITH``, ``COOPERATES_WITH``...) join the members of the
  coordinated group nearest the trigger ("Rome and Washington", "tra Enisa e
  Cisa", "US-Mexico"), or the subject before the trigger with the first
  participant after it ("X met Y", "X will cooperate with Y");
* directed types go from the participants before the trigger to those after it
  (visitor -> host, accuser -> accused), reversed for host verbs ("received");
  a nationality written on the trigger noun is its agent ("le accuse
  statunitensi", "US accusations"); a pronoun after the trigger ("invited him")
  points back to the other participant of the sentence or of the previous one;
* modality is ``negated`` after a negation cue, ``planned`` after a future or
  intention cue ("will", "expected to", "dovrebbe", the Italian future tense).

Structural edges: ``HOLDS_ROLE`` from title appositions and from registry roles
of people named in the document, ``PART_OF`` / ``MEMBER_OF`` from the registry
between actors present in the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from actorgraph.graph.models import Document, EventRelation, StructuralRelation
from actorgraph.graph.ontology import EVENT_TYPES, EventType, Modality
from actorgraph.loaders.lexicon import Lexicon, Trigger, lexicon_for
from actorgraph.loaders.registry import Registry
from actorgraph.loaders.resolve import DocumentActor, Resolution, ResolvedMention
from actorgraph.loaders.sentences import Sentence

__all__ = ["event_relations", "structural_relations"]


@dataclass(slots=True)
class _Participant:
    actor_id: str
    start: int
    end: int
    kind: str = "name"


def _groups(
    text: str, people: list[_Participant], mentions: list[ResolvedMention], lex: Lexicon
) -> list[list[_Participant]]:
    """Runs of participants joined by "and"/","/"-" (qualifier spans between are ignored).

    A bare comma joins only inside a list that ends with a conjunction ("X, Y and
    Z"); otherwise it separates an apposition or a new clause ("Ue-Usa, il
    Dipartimento ...").
    """
    # Each participant with how it joins the previous one: None (first), "comma", "conj".
    runs: list[list[tuple[_Participant, str | None]]] = []
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
            if joined and last.actor_id != participant.actor_id:
                comma_only = "," in gap and not lex.conjunction.search(gap)
                # "Ue-Usa, il Dipartimento": a hyphenated pair is closed; a comma ends it.
                compound = runs[-1][-1][1] == "conj" and gap_was_hyphen
                if not (comma_only and compound):
                    runs[-1].append((participant, "comma" if comma_only else "conj"))
                    gap_was_hyphen = gap.strip() in ("-", "–", "/")
                    continue
            if last.actor_id == participant.actor_id and gap.strip() in ("", "("):
                # "the Federal Office ... (BSI)": the same actor twice is one participant.
                runs[-1][-1] = (participant, runs[-1][-1][1])
                continue
        gap_was_hyphen = False
        runs.append([(participant, None)])
    groups: list[list[_Participant]] = []
    for run in runs:
        closed = False
        current: list[_Participant] = []
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


def _blamed(
    text: str, trigger: Trigger, after: list[list[_Participant]], lex: Lexicon
) -> list[_Participant] | None:
    """The group an act is blamed on: "tied the attacks on Y to X", "attribuito ... alla Russia".

    The last such group of the clause: "the attacks on Y" names the victim first.
    """
    blamed = [
        g
        for g in after
        if (on := lex.blamed_on.search(text, max(trigger.end, g[0].start - 12), g[0].start))
        # "l'attacco a Viasat": a preposition after an attack names its victim.
        and not any(
            t.type == "ATTACKED" and not text[t.end : on.start()].strip()
            for t in lex.triggers(text, max(trigger.end, on.start() - 30), on.start())
        )
    ]
    return blamed[-1] if blamed else None


def _words_before(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))


def _opens_with_dative(text: str, start: int, lex: Lexicon) -> bool:
    first = re.match(r"\W*(\w+)", text[start : start + 30])
    return first is not None and first.group(1).lower() in lex.data.datives


def _subject_pronoun(text: str, start: int, trigger: Trigger, lex: Lexicon) -> bool:
    """Whether a pronoun is the subject right before the trigger ("where he met")."""
    words = re.findall(r"[\w']+", text[start : trigger.start])[-3:]
    return any(lex.pronouns.fullmatch(word) for word in words)


def _pairs_for(
    trigger: Trigger,
    text: str,
    groups: list[list[_Participant]],
    previous_people: list[_Participant],
    previous_subject: _Participant | None,
    clause_start: int,
    lex: Lexicon,
    same_side: set[frozenset[str]],
    actors: dict[str, DocumentActor],
) -> tuple[list[tuple[str, str]], str]:
    spec = EVENT_TYPES[trigger.type]
    before = [g for g in groups if g[-1].end <= trigger.start]
    after = [g for g in groups if g[0].start >= trigger.end]
    subject_start = before[-1][-1].end if before else clause_start
    if not before and _subject_pronoun(text, subject_start, trigger, lex) and previous_people:
        # "where he met with X": he is the person the previous sentence named.
        before = [*before, [previous_people[0]]]
    elif (
        not before
        and previous_subject is not None
        and lex.pro_drop
        and trigger.text[:1].islower()
        and not lex.noun_marker_before.search(
            text, max(clause_start, trigger.start - 12), trigger.start
        )
        and 1 <= _words_before(text, clause_start, trigger.start) <= 3
        # "All'inchiesta ha contribuito X": after a fronted dative the subject follows.
        and not _opens_with_dative(text, clause_start, lex)
    ):
        # "Ha poi incontrato X", "Firmó luego con Y": a verb with no subject of its own
        # (the language drops it) continues the previous sentence's subject.
        before = [[previous_subject]]
    tail = text[trigger.end : trigger.end + 40]
    agent = lex.agent_by.match(tail)
    agent_group = _agent_group(text, trigger, agent, after) if agent else None
    if not spec.directed:
        if agent_group is not None:
            # "A, B and C took part, coordinated by X": X with each of them, no clique;
            # "signed by A, B and C": the signatories with one another.
            subjects = [g for g in before if g is not agent_group]
            if subjects:
                return [
                    (a.actor_id, b.actor_id) for a in agent_group for b in subjects[-1]
                ], "agent-by"
            if lex.operation_nouns.search(text, clause_start, trigger.start):
                # "The operation was coordinated by A and B": A and B with whoever runs it.
                return [], ""
            if _pairs_within(agent_group, same_side):
                return _pairs_within(agent_group, same_side), "agent-by"
        subject = before[-1] if before else None
        if len(before) > 1 and lex.coordinated_verb.search(
            text[before[-1][-1].end : trigger.start]
        ):
            # "X visited A and met B": the subject of the first verb meets B.
            subject = before[0]
        if len(before) >= 2 and lex.with_.search(text, before[-2][-1].end, before[-1][0].start):
            # "A, together with B, signed", "A hat zusammen mit B ... unterzeichnet".
            return [
                (a.actor_id, b.actor_id) for a in before[-2] for b in before[-1]
            ], "subject-with-partner"
        multi = [g for g in groups if _pairs_within(g, same_side)]
        # "worked alongside X", "con el concurso de X": the with-word may be in the trigger.
        with_after = after and (
            lex.with_.search(text, trigger.end, after[0][0].start) or lex.with_.search(trigger.text)
        )
        if with_after and subject is not None:
            # "X signed memoranda with A, B and C": one edge from X to each, no clique;
            # a pair of subjects ("A and B, with C, ...") acts together.
            together = _pairs_within(subject, same_side) if len(subject) == 2 else []
            return [
                (a.actor_id, b.actor_id) for a in subject for b in after[0]
            ] + together, "subject-with-object"
        if multi:
            nearest = min(
                multi,
                key=lambda g: min(abs(g[0].start - trigger.end), abs(trigger.start - g[-1].end)),
            )
            return _pairs_within(nearest, same_side), "coordination"
        if subject is not None and after:
            return [(a.actor_id, b.actor_id) for a in subject for b in after[0]], "subject-object"
        return [], ""
    # Directed. A victim's passive names no attacker ("gli attacchi subiti da entrambi").
    if trigger.type == "ATTACKED" and lex.suffered.match(tail):
        return [], ""
    # An agent after "by"/"da"/"par" ("supported by X", "con il sostegno di X").
    if agent_group is None and trigger.type == "SUPPORTS":
        of = lex.agent_of.match(tail)
        agent_group = _agent_group(text, trigger, of, after) if of else None
    if agent_group is not None:
        receivers = [g for g in after if g is not agent_group][:1] or before[-1:]
        if receivers:
            return [(a.actor_id, b.actor_id) for a in agent_group for b in receivers[0]], "agent-by"
    # Agent written on a nominal trigger ("US accusations", "accuse statunitensi");
    # after the trigger only an adjective can be its agent ("accused Russia" is an object).
    adjacent = [
        g
        for g in groups
        if (g[-1].end <= trigger.start and not text[g[-1].end : trigger.start].strip())
        or (
            # "accuse statunitensi": where adjectives follow the noun, one right after it.
            not lex.adjective_before_noun
            and g[0].start >= trigger.end
            and g[0].kind == "adjective"
            and re.fullmatch(r"\s*(?:\w+\s*)?", text[trigger.end : g[0].start]) is not None
        )
    ]
    if adjacent:
        source = adjacent[0]
        objects = [g for g in groups if g is not source and g[0].start >= source[-1].end]
        if objects and lex.reporting.search(text, trigger.end, objects[0][0].start):
            # "rejected the claim and said China ...": who speaks next is no object.
            objects = []
        if objects:
            target = (
                _blamed(text, trigger, objects, lex) or objects[0]
                if trigger.type == "ACCUSED"
                else _object(text, objects) or objects[0]
            )
            pairs = [(a.actor_id, b.actor_id) for a in source for b in target]
            if trigger.reverse:
                pairs = [(b, a) for a, b in pairs]
            return pairs, "nominal-agent"
        if source[0].start >= trigger.end:
            return [], ""
    if (
        before
        and lex.summons.fullmatch(trigger.text)
        # The auxiliary may follow the participle: "einbestellt worden".
        and lex.passive_word.search(text, before[0][-1].end, trigger.end + 12)
    ):
        # "X was summoned to the Foreign Office", "ist ins Auswärtige Amt einbestellt
        # worden": the body the envoy is summoned to summons them.
        def body(group: list[_Participant]) -> bool:
            return all(actors[p.actor_id].type == "Agency" for p in group)

        summoned = next((g for g in before if not body(g)), None)
        summoner = next((g for g in [*reversed(before), *after[:1]] if body(g)), None)
        if summoned is not None and summoner is not None:
            return [(a.actor_id, b.actor_id) for a in summoner for b in summoned], "summons"
    if before and lex.passive_before.search(text[before[-1][-1].end : trigger.start]):
        # "X was charged", "Y è stato attaccato": with no agent after "by", the subject
        # is acted upon and the actor is not named.
        return [], ""
    sources: list[_Participant] | None = None
    if before:
        # "X accused Y of supporting Z": the nearest group is the subject, unless the
        # trigger is a second verb of the first subject ("X met Y and invited him").
        between = text[before[-1][-1].end : trigger.start]
        # "X met Y and invited Z" goes back to X; "... Y, who invited Z" stays with Y.
        relative = lex.relative_clause.match(between)
        sources = before[0] if lex.coordinated_verb.search(between) and not relative else before[-1]
    if (
        sources is not None
        and trigger.type == "ATTACKED"
        and _reported(text, sources, trigger, lex)
    ):
        return [], ""
    if (
        sources is not None
        and trigger.type == "ATTACKED"
        and lex.noun_marker_before.search(text, max(0, trigger.start - 12), trigger.start)
        and not _close(text, sources[-1].end, trigger.start, 3, True)
    ):
        # "... had no right to complain about attacks on Y": a far subject is no attacker.
        return [], ""
    targets = _object(text, after)
    if targets is not None and lex.reporting.search(text, trigger.end, targets[0].start):
        targets = None
    pronoun_object = lex.pronouns.match(text[trigger.end : trigger.end + 12].strip())
    if sources is not None and targets is None and pronoun_object:
        # "invited him": the other participant of this sentence, or of the previous one.
        own = {p.actor_id for p in sources}
        others = [p for g in before[1:] for p in g if p.actor_id not in own]
        others = others or [p for p in previous_people if p.actor_id not in own]
        if others:
            targets = others[-1:]
    if trigger.type == "ACCUSED" and sources is not None:
        targets = _blamed(text, trigger, after, lex) or targets
    if sources is None or targets is None:
        return [], ""
    pairs = [(a.actor_id, b.actor_id) for a in sources for b in targets]
    if trigger.reverse:
        pairs = [(b, a) for a, b in pairs]
    return pairs, "subject-object"


def _object(text: str, after: list[list[_Participant]]) -> list[_Participant] | None:
    """The first group after a verb, with the list a colon adds to it.

    "received the ministers of A and B: X, Y and Z": the names after the colon
    are the same guests.
    """
    if not after:
        return None
    if len(after) > 1 and ":" in text[after[0][-1].end : after[1][0].start]:
        return [p for group in after for p in group]
    return after[0]


def _attribution_predicates(
    text: str,
    sentence: Sentence,
    inside: list[tuple[_Participant, bool]],
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
        if len(before) < 2 or not _close(text, before[-1][-1].end, match.start(), 5, True):
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
    trigger: Trigger, groups: list[list[_Participant]], accusers: dict[str, list[str]]
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


def _close(text: str, start: int, end: int, words: int, apposition: bool = False) -> bool:
    """Whether at most ``words`` words and no clause break stand in ``text[start:end]``.

    With ``apposition``, a comma right at the start closes an apposition ("the
    GRU, tried to hack"), no clause.
    """
    gap = text[start:end].lstrip(" ,") if apposition else text[start:end]
    return not re.search(r"[,;:()\[\]]", gap) and len(gap.split()) <= words


def _attributions(
    text: str,
    sentence: Sentence,
    groups: list[list[_Participant]],
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
        agent = _agent_group(text, attack, by, after) if by else None
        said_before = [r for r in reports if r.end() <= attack.start]
        said_after = [r for r in reports if r.start() >= attack.end]
        speaker: list[_Participant] | None = None
        if said_before:
            report = said_before[-1]
            spoken = [g for g in before if g[0].start >= report.end()]
            if agent is None and spoken and _close(text, spoken[-1][-1].end, attack.start, 5, True):
                agent = spoken[-1]
            speaker = _speaker_before(text, before, report.start())
            if agent is None and speaker is not None and _claims_own_act(text, report, attack, lex):
                # "X said it had gone after Y": the speaker claims the attack.
                agent, speaker = speaker, None
        elif said_after:
            report = said_after[0]
            closing = [g for g in after if g[0].start >= report.end()]
            if closing and _close(text, report.end(), closing[0][0].start, 2):
                speaker = closing[0]  # "..., said Y"
            else:
                speaker = _speaker_before(text, after, report.start())
            if agent is None and before and _close(text, before[-1][-1].end, attack.start, 5, True):
                agent = before[-1]
        agent_ids = [p.actor_id for p in agent] if agent else sorted(accused)
        limit = said_after[0].start() if said_after else sentence.end
        victims = [
            g
            for g in after
            if g is not agent
            and g is not speaker
            and g[-1].end <= limit
            and _close(text, attack.end, g[0].start, 6)
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


def _claims_own_act(text: str, report: re.Match[str], act: Trigger, lex: Lexicon) -> bool:
    """Whether the reported act is the speaker's own: "X said it had hit Y", "X ha detto
    di aver colpito Y" (a few words, then the language's claim opener)."""
    return lex.claim_opener.match(text[report.end() : act.start]) is not None


def _speaker_before(
    text: str, groups: list[list[_Participant]], report_start: int
) -> list[_Participant] | None:
    """The group right before a reporting verb, past an apposition ("Y, the minister, said")."""
    candidates = [g for g in groups if g[-1].end <= report_start]
    for group in reversed(candidates):
        gap = text[group[-1].end : report_start]
        if _close(text, group[-1].end, report_start, 3) or re.fullmatch(
            r"\s*,[^,;]{1,120},\s*(?:\w+\s+){0,2}", gap
        ):
            return group
    return None


def _hosted_by_people(
    pairs: list[tuple[str, str]], actors: dict[str, DocumentActor]
) -> list[tuple[str, str]]:
    """The (guest, host) pairs whose host is a person: a host who receives guests meets them."""
    return [(a, b) for a, b in pairs if actors[b].type == "Person"]


def _agent_group(
    text: str, trigger: Trigger, agent: re.Match[str], after: list[list[_Participant]]
) -> list[_Participant] | None:
    """The group right after "by"/"da"/"par": its first member may follow a qualifier.

    "funded by the United Kingdom's Foreign Office": the country is a qualifier,
    the office is the agent.
    """
    if not after:
        return None
    start = trigger.end + agent.end()
    gap = text[start : after[0][0].start]
    if len(gap) <= 40 and not re.search(r"[,;:.()]", gap) and len(gap.split()) <= 4:
        return after[0]
    return None


def _reported(text: str, sources: list[_Participant], trigger: Trigger, lex: Lexicon) -> bool:
    """Whether an attack is only reported by its subject: said, or quoted, by the speaker.

    "X said that criminal groups attacked Y" and "X: \"hackers attack Y\"" name the
    speaker, not the attacker.
    """
    between = text[sources[-1].end : trigger.start]
    if lex.reporting.search(between):
        return True
    opened = sum(between.count(q) for q in "“«„") - sum(between.count(q) for q in "”»")
    return opened > 0 or between.count('"') % 2 == 1


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
    groups: list[list[_Participant]],
    same_side: set[frozenset[str]],
    actors: dict[str, DocumentActor],
) -> list[list[_Participant]]:
    """Drop a body named right after its own head ("Darmanin a reçu mardi place Beauvau").

    A country stays: "Putin said that Russia ..." names the state as the actor.
    """
    kept: list[list[_Participant]] = []
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


def _pairs_within(
    group: list[_Participant], same_side: set[frozenset[str]]
) -> list[tuple[str, str]]:
    ids = list(dict.fromkeys(p.actor_id for p in group))
    return [
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if frozenset((a, b)) not in same_side
    ]


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
    actors = resolution.actors
    previous_people: list[_Participant] = []
    previous_subject: _Participant | None = None
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
    for number, sentence in enumerate(sentences):
        leads.start_sentence(text, sentence)
        inside: list[tuple[_Participant, bool]] = []
        while index < len(participants) and participants[index].start < sentence.end:
            mention = participants[index]
            if mention.start >= sentence.start:
                venue = mention.kind == "venue"
                inside.append(
                    (
                        _Participant(mention.actor_id, mention.start, mention.end, mention.kind),
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
        # "was carried out by X" is an attack only after "the attack" in the same sentence.
        triggers = [
            t
            for t in triggers
            if not t.completes
            or any(o.type == t.type and not o.completes and o.end <= t.start for o in triggers)
        ]
        denied = any(t.type == "DENIED" for t in triggers)
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
                members = [
                    p.actor_id
                    for p, venue in inside
                    if not venue and clause_start <= p.start < clause_end
                ]
                lead = leads.for_members(set(members))
                pairs = [(m, q.actor_id) for m in dict.fromkeys(members) for q in lead]
                emit(trigger, trigger.type, pairs, "participation", number, sentence)
                continue
            # A place after "in"/"to" takes part only in a visit ("a visit to Italy") or
            # as the victim of an attack ("networks in Graustark").
            chosen = [
                p
                for p, venue in inside
                if clause_start <= p.start < clause_end
                and (not venue or trigger.type in ("VISITED", "ATTACKED"))
                and not lex.according_to.search(text, max(clause_start, p.start - 30), p.start)
            ]
            groups = _groups(text, chosen, resolution.mentions, lex)
            groups = _drop_own_side(groups, same_side, actors)
            pairs, how = _pairs_for(
                trigger,
                text,
                groups,
                previous_people,
                previous_subject,
                clause_start,
                lex,
                same_side,
                actors,
            )
            if trigger.type == "DENIED" and not pairs:
                # "... an accusation X denies": X denies what its accusers said.
                pairs, how = _denial_of_accusers(trigger, groups, accusers), "denial-of-accuser"
            if not pairs and trigger.type in _OPERATION_TYPES:
                pairs, how = _operation_partners(text, clause_start, clause_end, groups, leads, lex)
            typed = [(trigger.type, pairs, how)]
            if trigger.type == "VISITED" and trigger.reverse:
                # "the minister received his counterpart": a host who receives a person meets them.
                typed.append(("MET_WITH", _hosted_by_people(pairs, actors), "hosted-meeting"))
            for type_, type_pairs, type_how in typed:
                emit(trigger, type_, type_pairs, type_how, number, sentence)
        if inside and lex.attribution.search(text, sentence.start, sentence.end):
            for type_, pairs, how, anchor in _attribution_predicates(
                text, sentence, inside, resolution, lex, same_side, actors
            ):
                emit(anchor, type_, pairs, how, number, sentence)
        attack_triggers = [t for t in triggers if t.type == "ATTACKED"]
        reported = lex.reporting.search(text, sentence.start, sentence.end)
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
_LEAD_TYPES = ("Agency", "Country", "InternationalOrganization")


class _Leads:
    """The first bodies named in the current paragraph and in the document."""

    def __init__(self) -> None:
        self.paragraph: list[_Participant] = []
        self.document: list[_Participant] = []
        self._end = 0
        self._lead_sentence = -1

    def start_sentence(self, text: str, sentence: Sentence) -> None:
        if "\n" in text[self._end : sentence.start]:
            self.paragraph = []
        self._end = sentence.end

    def end_sentence(
        self,
        text: str,
        members: list[_Participant],
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

    def for_members(self, members: set[str]) -> list[_Participant]:
        """The paragraph's lead, or the document's, that is none of ``members``."""
        for lead in (self.paragraph, self.document):
            if lead and not members & {p.actor_id for p in lead}:
                return lead
        return []


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
        lead = leads.for_members(set(listed))
        return [(a, p.actor_id) for a in dict.fromkeys(listed) for p in lead]
    return []


def _operation_partners(
    text: str,
    clause_start: int,
    clause_end: int,
    groups: list[list[_Participant]],
    leads: _Leads,
    lex: Lexicon,
) -> tuple[list[tuple[str, str]], str]:
    """Rule ``operation-partner``: "Europol supported the operation": with those who run it.

    The bodies that run a story's operation are the first named in its paragraph
    (or, when those are the supporters themselves, in the document).
    """
    if len(groups) != 1 or not lex.operation_nouns.search(text, clause_start, clause_end):
        return [], ""
    members = groups[0]
    lead = leads.for_members({p.actor_id for p in members})
    return [(m.actor_id, p.actor_id) for m in members for p in lead], "operation-partner"


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


def structural_relations(
    resolution: Resolution,
    registry: Registry,
    document: Document,
    text: str,
) -> list[StructuralRelation]:
    """``HOLDS_ROLE``, ``PART_OF`` and ``MEMBER_OF`` between the document's actors."""
    actors = resolution.actors
    relations: list[StructuralRelation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(relation: StructuralRelation) -> None:
        key = (relation.source, relation.target, relation.type)
        if key not in seen and relation.source in actors and relation.target in actors:
            seen.add(key)
            relations.append(relation)

    for claim in resolution.roles:
        entry = registry.get(claim.person_id)
        office = actors[claim.org_id]
        if (
            entry is not None
            and entry.roles
            and (
                office.type == "Country"
                or (entry.country and office.country and office.country != entry.country)
            )
        ):
            # The registry knows this person's offices better than a bare nationality
            # or an office of another country read off the context.
            continue
        add(
            StructuralRelation(
                source=claim.person_id,
                target=claim.org_id,
                type="HOLDS_ROLE",
                origin="document",
                title=claim.title,
                doc=document.id,
                evidence=text[claim.start : claim.end],
                start=claim.start,
                end=claim.end,
                confidence=0.8,
                rule=claim.rule,
            )
        )
    for actor in list(actors.values()):
        entry = registry.get(actor.id)
        if entry is None:
            continue
        for role in _current_roles(entry, document.date):
            if role.org in registry and role.org not in actors:
                org = registry[role.org]
                actors[org.id] = DocumentActor(
                    org.id, org.name, org.type, org.country, org.wikidata, registry=True
                )
            add(
                StructuralRelation(
                    source=actor.id,
                    target=role.org,
                    type="HOLDS_ROLE",
                    origin="registry",
                    title=role.title,
                    since=role.since,
                    until=role.until,
                    rule="registry-role",
                )
            )
    for actor in list(actors.values()):
        entry = registry.get(actor.id)
        if entry is None:
            continue
        # Walk up to the nearest ancestor named in the document (HSI -> ICE -> DHS).
        parent, steps = entry.parent, 0
        while parent and parent not in actors and steps < 4:
            parent_entry = registry.get(parent)
            parent, steps = (parent_entry.parent if parent_entry else None), steps + 1
        if parent and parent in actors:
            add(
                StructuralRelation(
                    source=actor.id,
                    target=parent,
                    type="PART_OF",
                    origin="registry",
                    rule="registry-parent",
                )
            )
        if entry.type == "Country":
            for organisation in entry.member_of:
                if organisation in actors:
                    add(
                        StructuralRelation(
                            source=actor.id,
                            target=organisation,
                            type="MEMBER_OF",
                            origin="registry",
                            rule="registry-member",
                        )
                    )
        if entry.type == "InternationalOrganization":
            for member in entry.members:
                if member in actors:
                    add(
                        StructuralRelation(
                            source=member,
                            target=actor.id,
                            type="MEMBER_OF",
                            origin="registry",
                            rule="registry-member",
                        )
                    )
    return relations


def _current_roles(entry, date: str | None):  # type: ignore[no-untyped-def]
    """Roles held at ``date`` (or, without a date, the current and most recent ones)."""
    if not entry.roles:
        return []
    if date:
        return [
            r
            for r in entry.roles
            if (not r.since or r.since[: len(date)] <= date)
            and (not r.until or date[: len(r.until)] <= r.until)
        ]
    current = [r for r in entry.roles if not r.until]
    return current or sorted(entry.roles, key=lambda r: r.until or "")[-1:]
