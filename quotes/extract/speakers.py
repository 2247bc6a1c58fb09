"""Who said it: the speaker sieves, in the order one screen shows.

A finding pass ties each quote to the subject of its cue as written ("Ana Silva", "he", "the spokesman",
"who"). ``attach`` records that mention on the quote; ``run`` then passes every record whose mention still
needs a name through the sieves below, each a module whose name is the ``method`` suffix it writes. A sieve
answers only for the mentions it understands and only when it is sure enough; what no sieve names stays
``:unresolved`` — an unknown speaker beats a wrong one.

Early sieves decide names and descriptions from the mention and the article alone. Late sieves work through
the pronouns in document order, because "he said" after a quote most often continues the person quoted last;
that sieve goes first, then the subject rule, coreferee and the one name in view (the order the held-out
figures chose: notes/eval-log.md).
"""

from __future__ import annotations

from spacy.tokens import Span

from quotes.extract import (
    appositive_name,
    coref,
    description,
    description_subject,
    last_speaker,
    named,
    nearest_name,
    newcomer,
    subject_rule,
)
from quotes.extract.document import AGENT, Attribution, Document, Record
from quotes.extract.pronouns import GROUP_PRONOUNS, PERSON_PRONOUNS, Found, introduces_somebody
from quotes.grammar import is_according, noun_phrase, relative_antecedent, trim_mention
from quotes.names import PARTY_NOUNS, NameCluster
from quotes.records import Quote

EARLY_SIEVES = (named, appositive_name, description, description_subject)
LATE_SIEVES = (last_speaker, subject_rule, newcomer, coref, nearest_name)
SIEVES = EARLY_SIEVES + LATE_SIEVES
# How much each attribution rule is trusted before resolution and cue strength are applied.
METHOD_CONFIDENCE = {"cue_subject": 0.95, "inverted_subject": 0.93, "appositive": 0.93, "according_to": 0.9,
                     "colon_cue": 0.88, "colon_name": 0.85, "colon_subject": 0.85, "dash_name": 0.85,
                     "lead_in": 0.8, "owner": 0.85, AGENT: 0.9,
                     "clause_subject": 0.7}


def attach(doc: Document, quote: Quote, attribution: Attribution) -> Record:
    """Write the cue and the speaker mention onto the quote; the record is open while the mention needs a name."""
    record = Record(quote, attribution)
    cue = attribution.cue
    if cue is not None:
        if is_according(cue):
            quote.cue, quote.cue_start, quote.cue_end = "according to", cue.idx, cue.idx + len("according to")
        else:
            quote.cue, quote.cue_start, quote.cue_end = cue.text, cue.idx, cue.idx + len(cue.text)
    quote.method = attribution.method
    if attribution.subject is None:
        if attribution.has_speaker:
            unresolved(record)  # "Trump was asked, “…”": somebody the text does not name asked it
        elif quote.kind == "direct":
            quote.method = "none"  # a cue with no subject says nothing about who: let floating decide
        return record
    mention = trim_mention(attribution.subject)
    if mention is None:
        return record
    quote.speaker_start, quote.speaker_end = mention.start_char, mention.end_char
    quote.speaker_mention = mention.text
    quote.role = attribution.role
    record.mention, record.open = mention, True
    record.target, record.relative = target_of(mention)
    record.mention_type = mention_type(record.target)
    return record


def target_of(mention: Span) -> tuple[Span, bool]:
    """What a mention refers to as far as the sentence says: a relative pronoun's antecedent ("Ann Lee, who
    said …"), followed to the end; True when it went through one."""
    relative = False
    antecedent = relative_antecedent(mention.root)
    while antecedent is not None:
        head = antecedent.head
        if antecedent.dep_ == "appos" and (head.pos_ == "PROPN" or head.ent_type_) and antecedent.tag_ != "NNS":
            # "Future45, a super PAC that intends …" stands for Future45; "China and the United States, the two
            # biggest polluters, which …" for both, and so for no one speaker
            antecedent = head
        mention, relative = noun_phrase(antecedent), True
        antecedent = relative_antecedent(mention.root)
    return mention, relative


def mention_type(mention: Span) -> str:
    """"pronoun", "description" (a common noun: "the spokesman", even when tagged PROPN) or "name"."""
    root = mention.root
    lower = root.text.lower()
    if root.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return "pronoun"
    if root.pos_ in ("NOUN", "PROPN") and root.text[:1].islower():
        return "description"
    if lower in PARTY_NOUNS:
        return "description"  # "the Kentucky Republican", "a well-connected Democrat"
    return "name"


def run(doc: Document, records: list[Record], skip: tuple[str, ...] = ()) -> None:
    """Name the speakers of open records; ``skip`` leaves sieves out by name (quotes eval --ablate)."""
    early = [s for s in EARLY_SIEVES if s.METHOD not in skip]
    for record in records:
        if record.open:
            _first_answer(doc, record, None, early)
        if record.open:
            unresolved(record)
    late = [s for s in LATE_SIEVES if s.METHOD not in skip]
    previous: Quote | None = None
    for record in sorted(records, key=lambda r: r.quote.start):
        quote = record.quote
        if record.open:
            _first_answer(doc, record, previous, late)
        if record.attribution.method == AGENT:
            previous = None  # "Rubio was asked by Gerard Baker, “…” / “…,” he said": the one asked answers
        elif quote.speaker is not None and quote.speaker_kind == "person" and (
                quote.kind in ("direct", "mixed") or quote.cue):
            previous = quote
        elif quote.speaker_start is not None and quote.speaker is None and (
                quote.kind != "indirect" or unnamed_person(record)):
            # an unresolved speaker in between ("A campaign spokesman said the campaign would appeal."): who
            # is "he" now is anybody's guess
            previous = None


def unnamed_person(record: Record) -> bool:
    """The speaker as written is somebody new the article does not name ("a campaign spokesman", "one aide")
    or "he" / "she" left unresolved — not "officials", "they", "a company" or "the candidate" (mostly the
    person just named)."""
    if record.target is None:
        return False
    root = record.target.root
    if record.mention_type == "pronoun":
        return root.lower_ in ("he", "she")
    return record.mention_type == "description" and introduces_somebody(root)


def _first_answer(doc: Document, record: Record, previous: Quote | None, sieves) -> None:
    for sieve in sieves:
        found = sieve.resolve(doc, record, previous)
        if found is not None:
            settle(record, found, sieve.METHOD)
            return


def settle(record: Record, found: Found, how: str) -> None:
    """Name the speaker; the method gains the sieve's name and the rule score its certainty."""
    cluster, certainty = found
    quote, attribution = record.quote, record.attribution
    if isinstance(cluster, NameCluster):
        quote.speaker, quote.speaker_kind = cluster.name, cluster.kind
        quote.role = quote.role or cluster.role
    else:
        quote.speaker, quote.speaker_kind = cluster
    quote.method = attribution.method if how == named.METHOD else f"{attribution.method}:{how}"
    quote.confidence = round(_rule_score(record) * certainty * (1.0 if quote.closed else 0.9), 3)
    record.open = False


def unresolved(record: Record) -> None:
    record.quote.method = f"{record.attribution.method}:unresolved"
    record.quote.confidence = round(0.5 * _strength(record.attribution), 3)


def _rule_score(record: Record) -> float:
    return METHOD_CONFIDENCE.get(record.attribution.method, 0.8) * _strength(record.attribution)


def _strength(attribution: Attribution) -> float:
    cue = attribution.cue
    return attribution.strength if cue is not None and not is_according(cue) else 1.0

