"""Arguments of one trigger: named rules over the clause that holds it.

A :class:`Clause` holds what the rules read: the trigger, the groups of
participants before and after it (a coordinated list is one group), the agent
after "by"/"da"/"par"/"por"/"von", and what the previous sentence lends (its
people, its subject). The rules of :data:`SYMMETRIC_RULES` (``MET_WITH``,
``COOPERATES_WITH``...) and :data:`DIRECTED_RULES` (visitor -> host, accuser ->
accused...) are tried in order; the first that applies gives the pairs, and its
name is the ``rule`` written on the edges (``lexicon-en:subject-with-object:signed``).
A rule returns ``None`` when it does not apply and a list, empty or not, when it
decides.

* ``agent-by``: "coordinated by X", "supported by X", "signed by A, B and C";
* ``subject-with-partner``: "A, together with B, signed";
* ``subject-with-object``: "X signed memoranda with A, B and C" (one edge to
  each, no clique among A, B and C);
* ``coordination``: the members of the coordinated group nearest the trigger
  ("talks between A and B", "A and B signed");
* ``nominal-agent``: an agent written on a nominal trigger ("US accusations",
  "le accuse statunitensi");
* ``summons``: "X was summoned to the Foreign Office";
* ``subject-object``: the subject before the trigger, the object after it,
  reversed for host verbs ("received").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from actorgraph.graph.ontology import EVENT_TYPES
from actorgraph.loaders.lexicon import Lexicon, Trigger
from actorgraph.loaders.resolve import DocumentActor

__all__ = [
    "DIRECTED_RULES",
    "SYMMETRIC_RULES",
    "Clause",
    "Group",
    "Pairs",
    "Participant",
    "agent_group",
    "blamed",
    "close",
    "pairs_for",
    "pairs_within",
]

Pairs = list[tuple[str, str]]


@dataclass(slots=True)
class Participant:
    """One mention of an actor taking part in a sentence."""

    actor_id: str
    start: int
    end: int
    kind: str = "name"


Group = list[Participant]


@dataclass(slots=True)
class Clause:
    """What the argument rules read about one trigger."""

    trigger: Trigger
    text: str
    lex: Lexicon
    start: int
    groups: list[Group]
    before: list[Group]
    after: list[Group]
    agent: Group | None
    previous_people: list[Participant]
    same_side: set[frozenset[str]]
    actors: dict[str, DocumentActor]

    def pairs(self, sources: Group, targets: Group) -> Pairs:
        """Every source with every target, host verbs reversed ("received X")."""
        pairs = [(a.actor_id, b.actor_id) for a in sources for b in targets]
        return [(b, a) for a, b in pairs] if self.trigger.reverse else pairs


ArgumentRule = Callable[[Clause], Pairs | None]


def pairs_within(group: Group, same_side: set[frozenset[str]]) -> Pairs:
    """Every two members of ``group`` that are not one side."""
    ids = list(dict.fromkeys(p.actor_id for p in group))
    return [
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if frozenset((a, b)) not in same_side
    ]


def pairs_for(
    trigger: Trigger,
    text: str,
    lex: Lexicon,
    groups: list[Group],
    clause_start: int,
    previous_people: list[Participant],
    previous_subject: Participant | None,
    same_side: set[frozenset[str]],
    actors: dict[str, DocumentActor],
) -> tuple[Pairs, str]:
    """The pairs of the first rule that decides, and that rule's name ("" for none)."""
    before = [g for g in groups if g[-1].end <= trigger.start]
    after = [g for g in groups if g[0].start >= trigger.end]
    before = _lent_subject(
        trigger, text, lex, before, clause_start, previous_people, previous_subject
    )
    tail = text[trigger.end : trigger.end + 40]
    by = lex.agent_by.match(tail)
    agent = agent_group(text, trigger, by, after, lex) if by else None
    directed = EVENT_TYPES[trigger.type].directed
    if agent is None and trigger.type == "SUPPORTS":
        # "con il sostegno di X": the supporter after "of".
        of = lex.agent_of.match(tail)
        agent = agent_group(text, trigger, of, after, lex) if of else None
    clause = Clause(
        trigger, text, lex, clause_start, groups, before, after, agent,
        previous_people, same_side, actors,
    )  # fmt: skip
    for name, rule in DIRECTED_RULES if directed else SYMMETRIC_RULES:
        pairs = rule(clause)
        if pairs is not None:
            return pairs, name if pairs else ""
    return [], ""


def _lent_subject(
    trigger: Trigger,
    text: str,
    lex: Lexicon,
    before: list[Group],
    clause_start: int,
    previous_people: list[Participant],
    previous_subject: Participant | None,
) -> list[Group]:
    """The groups before the trigger, with a subject the previous sentence lends.

    "where he met with X": he is the person the previous sentence named; "Ha poi
    incontrato X", "Firmó luego con Y": a verb with no subject of its own (the
    language drops it) continues the previous sentence's subject.
    """
    if before:
        return before
    if _subject_pronoun(text, clause_start, trigger, lex) and previous_people:
        return [[previous_people[0]]]
    if (
        previous_subject is not None
        and lex.pro_drop
        and trigger.text[:1].islower()
        and not lex.noun_marker_before.search(
            text, max(clause_start, trigger.start - 12), trigger.start
        )
        and 1 <= len(re.findall(r"\w+", text[clause_start : trigger.start])) <= 3
        # "All'inchiesta ha contribuito X": after a fronted dative the subject follows.
        and not _opens_with_dative(text, clause_start, lex)
    ):
        return [[previous_subject]]
    return before


# -- symmetric types --------------------------------------------------------------------


def _agent_by_symmetric(c: Clause) -> Pairs | None:
    """ "A, B and C took part, coordinated by X": X with each of them, no clique;
    "signed by A, B and C": the signatories with one another."""
    if c.agent is None:
        return None
    second = next(
        (
            g
            for g in c.after
            if g[0].start > c.agent[-1].end
            and c.lex.and_agent.search(c.text, c.agent[-1].end, g[0].start)
        ),
        None,
    )
    if second is not None:
        # "chaired by A and B for one side and by C for the other": each side with the other.
        return [(a.actor_id, b.actor_id) for a in c.agent for b in second]
    if c.before:
        return [(a.actor_id, b.actor_id) for a in c.agent for b in c.before[-1]]
    if c.lex.operation_nouns.search(c.text, c.start, c.trigger.start):
        # "The operation was coordinated by A and B": A and B with whoever runs it.
        return []
    return pairs_within(c.agent, c.same_side) or None


def _subject(c: Clause) -> Group | None:
    """The subject group: the nearest before the trigger, or the first subject of a
    second verb ("X visited A and met B")."""
    if not c.before:
        return None
    if (
        len(c.before) > 1
        and c.lex.coordinated_verb.search(c.text[c.before[-1][-1].end : c.trigger.start])
        # The first verb stands between the subject and the first object.
        and c.lex.triggers(c.text, c.before[0][-1].end, c.before[-1][0].start)
    ):
        return c.before[0]
    if (
        len(c.before) > 1
        and _in_apposition(c.text, c.before[-2], c.before[-1])
        and "," in c.text[c.before[-1][-1].end : c.trigger.start]
    ):
        # "X, head of the BODY, received ...": the body stands in X's apposition.
        return c.before[-2]
    return c.before[-1]


def _subject_with_partner(c: Clause) -> Pairs | None:
    """ "A, together with B, signed", "A hat zusammen mit B ... unterzeichnet"."""
    if len(c.before) >= 2 and c.lex.with_.search(
        c.text, c.before[-2][-1].end, c.before[-1][0].start
    ):
        subject = c.before[-2]
        if len(c.before) >= 3 and _in_apposition(c.text, c.before[-3], subject):
            # "A, head of the BODY, has together with B signed": A, not the body.
            subject = c.before[-3]
        return [(a.actor_id, b.actor_id) for a in subject for b in c.before[-1]]
    return None


def _in_apposition(text: str, head: Group, inner: Group) -> bool:
    """Whether ``inner`` stands in a comma-delimited apposition right after ``head``."""
    return (
        text[head[-1].end : inner[0].start].lstrip().startswith(",")
        and "," in text[inner[-1].end : inner[-1].end + 40]
    )


def _subject_with_object(c: Clause) -> Pairs | None:
    """ "X signed memoranda with A, B and C": one edge from X to each, no clique; a pair
    of subjects ("A and B, with C, ...") acts together. The with-word may be in the
    trigger itself ("worked alongside X", "con el concurso de X")."""
    subject = _subject(c)
    if subject is None or not c.after:
        return None
    if not (
        c.lex.with_.search(c.text, c.trigger.end, c.after[0][0].start)
        or c.lex.with_.search(c.trigger.text)
    ):
        return None
    together = pairs_within(subject, c.same_side) if len(subject) == 2 else []
    return [(a.actor_id, b.actor_id) for a in subject for b in c.after[0]] + together


# How many words may open a sentence before a fronted event ("Da Charlevoix, dopo un").
_FRONTED_WORDS = 6


def _fronted_partner(c: Clause) -> Pairs | None:
    """ "After talks with X, Y said ...", "Dopo un incontro con X, Y ha ...": the subject
    of the main clause, after the fronted event and its partner, is the other party."""
    if c.before or not c.after:
        return None
    if len(c.text[c.start : c.trigger.start].split()) > _FRONTED_WORDS:
        return None
    first = c.after[0]
    with_word = c.lex.with_.search(c.text, c.trigger.end, first[0].start)
    if with_word is not None:
        if len(c.text[c.trigger.end : with_word.start()].split()) > 1:
            return None
    elif not c.lex.with_.search(c.trigger.text):
        return None
    if len(c.after) >= 2 and "," in c.text[first[-1].end : c.after[1][0].start]:
        partner, subject = first, c.after[1]
    elif (
        len(first) > 1
        and "," in c.text[first[0].end : first[1].start]
        and c.lex.triggers(c.text, first[-1].end, _clause_end(c.text, first[-1].end))
    ):
        # "In coordination with Canberra, the US and the UK imposed ...": the comma after
        # the partner closes the fronted phrase, and the rest is the subject of a verb.
        partner, subject = first[:1], first[1:]
    else:
        return None
    return [(a.actor_id, b.actor_id) for a in subject for b in partner]


_CLAUSE_END = re.compile(r"[.;!?\n]")


def _clause_end(text: str, start: int) -> int:
    stop = _CLAUSE_END.search(text, start)
    return stop.start() if stop else len(text)


def _coordination(c: Clause) -> Pairs | None:
    """The members of the coordinated group nearest the trigger ("A and B met")."""
    multi = [g for g in c.groups if pairs_within(g, c.same_side)]
    if not multi:
        return None
    nearest = min(
        multi,
        key=lambda g: min(abs(g[0].start - c.trigger.end), abs(c.trigger.start - g[-1].end)),
    )
    if nearest[0].start >= c.trigger.end and (
        c.lex.with_.search(c.text, c.trigger.end, nearest[0].start)
        or c.lex.with_.search(c.trigger.text)
    ):
        # "talks with A, B and C": partners of someone the clause does not name, never
        # of one another.
        return []
    return pairs_within(nearest, c.same_side)


def _subject_object_symmetric(c: Clause) -> Pairs | None:
    """ "X met Y": the subject with the first group after the trigger."""
    subject = _subject(c)
    if subject is None or not c.after:
        return None
    return [(a.actor_id, b.actor_id) for a in subject for b in c.after[0]]


# -- directed types ---------------------------------------------------------------------


def _suffered(c: Clause) -> Pairs | None:
    """A victim's passive names no attacker ("gli attacchi subiti da entrambi")."""
    if c.trigger.type == "ATTACKED" and c.lex.suffered.match(
        c.text, c.trigger.end, c.trigger.end + 40
    ):
        return []
    return None


def _agent_by_directed(c: Clause) -> Pairs | None:
    """ "supported by X", "con il sostegno di X": X acts on the other group named."""
    if c.agent is None:
        return None
    receivers = [g for g in c.after if g is not c.agent][:1] or c.before[-1:]
    if not receivers:
        return None
    # "X was received by Y": the host verb's agent is the host.
    return c.pairs(c.agent, receivers[0])


def _nominal_agent(c: Clause) -> Pairs | None:
    """Agent written on a nominal trigger ("US accusations", "accuse statunitensi").

    After the trigger only an adjective can be its agent, and only where adjectives
    follow the noun ("accused Russia" is an object).
    """
    text, trigger = c.text, c.trigger
    adjacent = [
        g
        for g in c.groups
        if (g[-1].end <= trigger.start and not text[g[-1].end : trigger.start].strip())
        or (
            not c.lex.adjective_before_noun
            and g[0].start >= trigger.end
            and g[0].kind == "adjective"
            and re.fullmatch(r"\s*(?:\w+\s*)?", text[trigger.end : g[0].start]) is not None
        )
    ]
    if not adjacent:
        return None
    source = adjacent[0]
    objects = [g for g in c.groups if g is not source and g[0].start >= source[-1].end]
    if objects and c.lex.reporting.search(text, trigger.end, objects[0][0].start):
        # "rejected the claim and said China ...": who speaks next is no object.
        objects = []
    if objects:
        target = (
            blamed(text, trigger, objects, c.lex) or objects[0]
            if trigger.type == "ACCUSED"
            else _object(text, objects) or objects[0]
        )
        return c.pairs(source, target)
    return [] if source[0].start >= trigger.end else None


def _summons(c: Clause) -> Pairs | None:
    """ "X was summoned to the Foreign Office", "ist ins Auswärtige Amt einbestellt
    worden": the body the envoy is summoned to summons them."""
    if not c.lex.summons.fullmatch(c.trigger.text):
        return None

    def body(group: Group) -> bool:
        return all(c.actors[p.actor_id].type == "Agency" for p in group)

    if c.before and c.lex.passive_word.search(c.text, c.before[0][-1].end, c.trigger.end + 12):
        # The auxiliary may follow the participle: "einbestellt worden".
        summoned = next((g for g in c.before if not body(g)), None)
        summoner = next((g for g in [*reversed(c.before), *c.after[:1]] if body(g)), None)
    elif not c.before and c.lex.passive_before.search(
        c.text, max(c.start, c.trigger.start - 30), c.trigger.start
    ):
        # "sono stati convocati gli ambasciatori di X e Y, ai quali il Cremlino ha ...":
        # the summoned follow the verb, and the body named after them summons them.
        summoned = next((g for g in c.after if not body(g)), None)
        summoner = next(
            (g for g in c.after if body(g) and summoned and g[0].start > summoned[-1].end), None
        )
    else:
        return None
    if summoned is None or summoner is None:
        return None
    return [(a.actor_id, b.actor_id) for a in summoner for b in summoned]


def _passive_without_agent(c: Clause) -> Pairs | None:
    """ "X was charged", "Y è stato attaccato": with no agent after "by", the subject is
    acted upon and the actor is not named."""
    if c.before and c.lex.passive_before.search(c.text[c.before[-1][-1].end : c.trigger.start]):
        return []
    return None


def _under_sanctions(c: Clause) -> Pairs | None:
    """ "X has been under US sanctions", "Y, already under U.S. and U.N. sanctions": those
    named right before the measure impose it on the subject."""
    if c.trigger.type != "SANCTIONED" or not c.before:
        return None
    if (
        len(c.before) >= 2
        and close(c.text, c.before[-1][-1].end, c.trigger.start, 1)
        and c.lex.under.search(c.text, max(0, c.before[-1][0].start - 40), c.before[-1][0].start)
    ):
        imposers, subject = c.before[-1], c.before[-2]
    elif (
        c.after
        and c.lex.under.search(c.text, max(0, c.trigger.start - 40), c.trigger.start)
        and close(c.text, c.trigger.end, c.after[0][0].start, 2)
    ):
        # "sotto sanzioni degli Stati Uniti", "sous sanctions américaines".
        imposers, subject = c.after[0], c.before[-1]
    else:
        return None
    return [(a.actor_id, b.actor_id) for a in imposers for b in subject]


def _visit_in_place(c: Clause) -> Pairs | None:
    """ "X was in Y on an official visit", "X, who is in Jakarta on a working visit": the
    place right before the visit is where X went."""
    if c.trigger.type != "VISITED" or c.trigger.reverse or not c.before:
        return None
    # The place may stand inside the trigger ("in X on an official visit").
    inside = [g for g in c.groups if c.trigger.start <= g[0].start and g[-1].end <= c.trigger.end]
    subject = _subject(c)
    if inside and subject is not None:
        place, visitor = inside[0], subject
    elif len(c.before) >= 2 and close(c.text, c.before[-1][-1].end, c.trigger.start, 3):
        place, visitor = c.before[-1], c.before[-2]
    else:
        return None
    if not all(p.kind == "venue" for p in place):
        return None
    return [(a.actor_id, b.actor_id) for a in visitor for b in place]


def _subject_object_directed(c: Clause) -> Pairs | None:
    """The subject before the trigger acts on the object after it.

    "X accused Y of supporting Z": the nearest group is the subject, unless the
    trigger is a second verb of the first subject ("X met Y and invited Z"; not
    after a relative pronoun: "... Y, who invited Z" stays with Y). A reported or
    far subject attacks no one; "invited him" points back to the other participant.
    """
    text, trigger, lex = c.text, c.trigger, c.lex
    sources: Group | None = None
    if c.before:
        between = text[c.before[-1][-1].end : trigger.start]
        relative = lex.relative_clause.match(between)
        second_verb = lex.coordinated_verb.search(between) and not relative
        sources = c.before[0] if second_verb else c.before[-1]
    if sources is not None and trigger.type == "ATTACKED":
        if _reported(text, sources, trigger, lex) or lex.defended.search(
            text, sources[-1].end, trigger.start
        ):
            # "X said that hackers hit Y", "X fended off attacks": X is no attacker.
            return []
        if lex.noun_marker_before.search(
            text, max(0, trigger.start - 12), trigger.start
        ) and not close(text, sources[-1].end, trigger.start, 3, True):
            # "... had no right to complain about attacks on Y": a far subject is no attacker.
            return []
    targets = _object(text, c.after)
    if targets is not None and lex.reporting.search(text, trigger.end, targets[0].start):
        targets = None
    if (
        sources is not None
        and targets is None
        and lex.pronouns.match(text[trigger.end : trigger.end + 12].strip())
    ):
        # "invited him": the other participant of this sentence, or of the previous one.
        own = {p.actor_id for p in sources}
        others = [p for g in c.before[1:] for p in g if p.actor_id not in own]
        others = others or [p for p in c.previous_people if p.actor_id not in own]
        if others:
            targets = others[-1:]
    if trigger.type == "ACCUSED" and sources is not None:
        targets = blamed(text, trigger, c.after, lex) or targets
    if sources is None or targets is None:
        return []
    return c.pairs(sources, targets)


SYMMETRIC_RULES: tuple[tuple[str, ArgumentRule], ...] = (
    ("agent-by", _agent_by_symmetric),
    ("subject-with-partner", _subject_with_partner),
    ("subject-with-object", _subject_with_object),
    ("fronted-partner", _fronted_partner),
    ("coordination", _coordination),
    ("subject-object", _subject_object_symmetric),
)
DIRECTED_RULES: tuple[tuple[str, ArgumentRule], ...] = (
    ("suffered", _suffered),
    ("agent-by", _agent_by_directed),
    ("nominal-agent", _nominal_agent),
    ("summons", _summons),
    ("under-sanctions", _under_sanctions),
    ("visit-in-place", _visit_in_place),
    ("passive", _passive_without_agent),
    ("subject-object", _subject_object_directed),
)


# -- helpers shared with the document rules ---------------------------------------------


def close(text: str, start: int, end: int, words: int, apposition: bool = False) -> bool:
    """Whether at most ``words`` words and no clause break stand in ``text[start:end]``.

    With ``apposition``, a comma right at the start closes an apposition ("the
    GRU, tried to hack"), no clause.
    """
    gap = text[start:end].lstrip(" ,") if apposition else text[start:end]
    return not re.search(r"[,;:()\[\]]", gap) and len(gap.split()) <= words


def blamed(text: str, trigger: Trigger, after: list[Group], lex: Lexicon) -> Group | None:
    """The group an act is blamed on: "tied the attacks on Y to X", "attribuito ... alla Russia".

    The last such group of the clause: "the attacks on Y" names the victim first,
    and a preposition right after an attack names its victim ("l'attacco a Viasat").
    """
    found = [
        g
        for g in after
        if (on := lex.blamed_on.search(text, max(trigger.end, g[0].start - 12), g[0].start))
        and not any(
            t.type == "ATTACKED" and not text[t.end : on.start()].strip()
            for t in lex.triggers(text, max(trigger.end, on.start() - 30), on.start())
        )
    ]
    return found[-1] if found else None


def agent_group(
    text: str, trigger: Trigger, agent: re.Match[str], after: list[Group], lex: Lexicon
) -> Group | None:
    """The group right after "by"/"da"/"par": its first member may follow a qualifier.

    "funded by the United Kingdom's Foreign Office": the country is a qualifier,
    the office is the agent; "signed by the UK Minister of State for Trade, X": a title
    and its complement may come first, closed by a comma.
    """
    if not after:
        return None
    start = trigger.end + agent.end()
    gap = text[start : after[0][0].start]
    if len(gap) <= 40 and not re.search(r"[,;:.()]", gap) and len(gap.split()) <= 4:
        return after[0]
    if _TITLED_APPOSITION.fullmatch(gap) and next(lex.person_titles.finditer(gap), None):
        return after[0]
    return None


# A title and its complement closed by a comma, before the name it introduces.
_TITLED_APPOSITION = re.compile(r"[^,;:.()]{1,80},\s*")


def _object(text: str, after: list[Group]) -> Group | None:
    """The first group after a verb, with the list a colon adds to it.

    "received the ministers of A and B: X, Y and Z": the names after the colon
    are the same guests.
    """
    if not after:
        return None
    if len(after) > 1 and ":" in text[after[0][-1].end : after[1][0].start]:
        return [p for group in after for p in group]
    return after[0]


def _reported(text: str, sources: Group, trigger: Trigger, lex: Lexicon) -> bool:
    """Whether an attack is only reported by its subject: said, or quoted, by the speaker.

    "X said that criminal groups attacked Y" and "X: \"hackers attack Y\"" name the
    speaker, not the attacker.
    """
    between = text[sources[-1].end : trigger.start]
    if lex.reporting.search(between):
        return True
    opened = sum(between.count(q) for q in "“«„") - sum(between.count(q) for q in "”»")
    return opened > 0 or between.count('"') % 2 == 1


def _subject_pronoun(text: str, start: int, trigger: Trigger, lex: Lexicon) -> bool:
    """Whether a pronoun is the subject right before the trigger ("where he met")."""
    words = re.findall(r"[\w']+", text[start : trigger.start])[-3:]
    return any(lex.pronouns.fullmatch(word) for word in words)


def _opens_with_dative(text: str, start: int, lex: Lexicon) -> bool:
    first = re.match(r"\W*(\w+)", text[start : start + 30])
    return first is not None and first.group(1).lower() in lex.data.datives
