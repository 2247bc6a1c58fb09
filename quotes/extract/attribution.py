"""Who a quotation hangs on: its speech cue, the cue's subject as written, and the rule that found them.

The finding passes ask these questions; the answer is an ``Attribution`` whose ``method`` names the rule
(``cue_subject``, ``inverted_subject``, ``appositive``, ``according_to``, ``colon_cue``, ``colon_subject``,
``colon_name``, ``dash_name``, ``lead_in``, ``owner``). Who the subject *is* — a name for "he" or "the
spokesman" — is the speaker sieves' question (``quotes.extract.speakers``).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Span, Token

from quotes.cues import NAMING_VERBS, SPOKEN_NOUNS, is_speech_verb, speech_strength
from quotes.extract.document import AGENT, Attribution, Document
from quotes.grammar import (
    SUBJECT_DEPS,
    according_source,
    agent_of,
    appositive_text,
    is_according,
    is_addressed,
    is_linked,
    is_named,
    issuer_of,
    name_after_cue,
    name_before_cue,
    name_opening_sentence,
    noun_phrase,
    outermost_cue,
    subject_of,
)
from quotes.marks import ALL_MARKS as QUOTE_MARKS
from quotes.marks import QuoteSpan

_BYLINE_NAME = re.compile(r"^(?:[A-Z][\w.’'-]*\s?){1,4}(?:,[^\n]{0,60})?$")
_DASH_NAME = re.compile(r"^[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*([A-Z][^\n“”\"]{1,80}?)[ \t.]*$")


def attributed_after(doc: Document, span: QuoteSpan) -> bool:
    """“B,” added Rep. Jim Clyburn — a quote with its own attribution after it starts a new record."""
    line_end = doc.text.find("\n", span.outer_end)
    line_end = len(doc.text) if line_end < 0 else line_end
    stop = min(line_end, span.outer_end + 120)
    for mark in QUOTE_MARKS:  # only up to the next quotation
        found = doc.text.find(mark, span.outer_end + 1, stop)
        if found >= 0:
            stop = found
    tail = doc.tokens_in(span.outer_end, stop) if stop > span.outer_end else None
    if tail is None:
        return False
    return is_attribution_gap(doc, span.outer_end, min(stop, tail[0].sent.end_char))


def is_attribution_gap(doc: Document, start: int, end: int) -> bool:
    gap = doc.tokens_in(start, end)
    if gap is None:
        return False
    words = [t for t in gap if not t.is_punct and not t.is_space]
    if not words or len(words) > 10 or any(t.lower_ == "that" for t in words):
        return False
    # One attribution: "“A,” Ebeling said, and her husband cut in. “B.”" is two people speaking in turn.
    return sum(is_speech_verb(t, include_belief=False) for t in words) == 1


def find_cue(doc: Document, group: list[int]) -> Attribution | None:
    """The speech cue a quote hangs on: the nearest cue in its sentences linked to it in the parse."""
    spans = [doc.spans[n] for n in group]
    start, end = spans[0].outer_start, spans[-1].outer_end
    qtokens = doc.tokens_in(start, end)
    if qtokens is None:
        return None
    members = set(group)
    quote_ids = {t.i for t in qtokens if doc.in_quote[t.i] in members}
    sentences = {t.sent.start: t.sent for t in qtokens if not t.is_space}
    after = sentence_after(doc, spans[-1])
    if after is not None and not _introduces_more(doc, after):
        sentences[after.start] = after  # “Why now?” Clinton said. — the parser ends the sentence at the "?"
    best: tuple[float, Token] | None = None
    for sent in sentences.values():
        for token in sent:
            if doc.in_quote[token.i] != -1:
                continue
            is_naming = token.lemma_.lower() in NAMING_VERBS and token.pos_ == "VERB"
            if not (is_speech_verb(token, doc.options.belief) or is_naming or is_according(token)):
                continue
            linked = is_linked(token, quote_ids)
            if after is not None and token.sent.start == after.start and token.dep_ == "ROOT" and not any(
                    c.dep_ in ("ccomp", "xcomp", "dobj") for c in token.children):
                linked = True  # “…!” Scott's niece, state Del. Marcia Price, shouted to the crowd.
            if is_naming and not linked:
                continue
            distance = min(abs(token.i - i) for i in quote_ids) if quote_ids else 0
            if not linked and distance > 8:
                continue
            score = distance + (0 if linked else 20) + (0 if speech_strength(token) >= 1.0 else 5)
            if reports_through_another_cue(doc, token, quote_ids):
                score += 10  # "Although Hale admitted that they had “talked a few times,” he claimed …": "admitted"
            if token.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
                score += 3  # "X said: “…,” adding that …": the participle continues the attribution
                if doc.in_quote[token.head.i] in members:
                    # "Clinton says Sanders accepted … and “there's nothing wrong with that” — asserting …":
                    # hung on the quote, its subject would be found inside the reported words
                    score += 15
            if best is None or score < best[0]:
                best = (score, token)
    if best is None:
        return None
    cue = outermost_cue(best[1], doc.quoted)
    return attribution_for_cue(doc, cue)


def reports_through_another_cue(doc: Document, cue: Token, quote_ids: set[int]) -> bool:
    """Whether the quote lies in a clause the cue's sentence adds beside it ("although …", "and …") that has a
    speech verb of its own reporting the quote: that verb is the nearer cue ("Although Hale admitted that
    they had “talked a few times,” he claimed …" is Hale admitting). A chain of reported clauses
    ("said he would tell them “…”") is not such a case; ``outermost_cue`` climbs it."""
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") or not quote_ids & {t.i for t in child.subtree}:
            continue
        for inner in child.subtree:
            if inner.i not in quote_ids and not doc.quoted(inner.i) and is_speech_verb(inner, doc.options.belief) \
                    and any(c.dep_ in ("ccomp", "xcomp") and quote_ids & {t.i for t in c.subtree}
                            for c in inner.children):
                return True
    return False


# What may stand beside the verb of a trailing attribution: “…,” Trump shot back. / “…?” she went on.
_TRAILING_DEPS = frozenset({"nsubj", "prt", "advmod", "npadvmod", "punct", "prep", "pobj", "det", "compound",
                            "amod", "poss", "case", "appos"})
MAX_TRAILING_WORDS = 6


def trailing_cue(doc: Document, span: QuoteSpan) -> Attribution | None:
    """“Jeb wants to be a tough guy tonight,” Trump shot back. — a quote that ends on a comma, question or
    exclamation mark inside its marks and is followed, to the end of the sentence, by a short clause of a
    subject and its verb hangs on that verb even when the verb is not a speech verb ("shot back", "went on",
    "retaliated"). The grammar, not the word, says it is the attribution — or, where the tagger read the verb
    as a plural noun ("the ad states"), the shape of the clause (``_verb_read_as_noun``)."""
    if not doc.text[span.start : span.end].rstrip().endswith((",", "?", "!", "—", "–", "-", "…")):
        return None
    line_end = doc.text.find("\n", span.outer_end)
    stop = len(doc.text) if line_end < 0 else line_end
    period = doc.text.find(".", span.outer_end, stop)
    if period < 0:
        return None
    tail = doc.tokens_in(span.outer_end, period)
    if tail is None:
        return None
    # "“…?” Trump went on, as if he didn't hear her.": what follows a comma after the clause only modifies it.
    comma = next((t for t in tail if t.text == ","), None)
    clause = tail[: comma.i - tail.start] if comma is not None else tail
    cut = comma.i if comma is not None else len(doc.doc)  # tokens past it may only modify the verb
    words = [t for t in clause if not t.is_punct and not t.is_space]
    if not 2 <= len(words) <= MAX_TRAILING_WORDS + 2 or any(doc.quoted(t.i) for t in words):
        return None
    if len(words) > MAX_TRAILING_WORDS:
        return _verb_read_as_noun(doc, words)  # a longer noun phrase before the verb the tagger missed
    for verb in words:
        if verb.pos_ != "VERB" or verb.tag_ in ("VBG", "VBN"):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i in {w.i for w in words}]
        # The parse may hang the quote itself under the verb; everything else must lie in the short clause or
        # in a modifier after its comma.
        own = [c for c in verb.subtree if c.i != verb.i and not (c.is_punct or c.is_space) and not doc.quoted(c.i)
               and not (c.i > cut and _modifies(c, verb))]
        inside = all(clause.start <= c.i < clause.end for c in own)
        if subjects and inside and all(c.dep_ in _TRAILING_DEPS or doc.quoted(c.i) or c.i > cut
                                       for c in verb.children):
            attribution = attribution_for_cue(doc, verb)
            return attribution if attribution.subject is not None else None
    return _verb_read_as_noun(doc, words)


# Third-person speech verbs the tagger reads as plural nouns at the end of "“…,” the ad states.", and the words
# that open the noun phrase before one.
_VERBS_LIKE_NOUNS = frozenset("states notes claims reports argues adds warns reads declares concludes".split())
_DETERMINERS = frozenset("the a an his her its their this that".split())


def _verb_read_as_noun(doc: Document, words: list[Token]) -> Attribution | None:
    """“…,” a voice-over in the ad states. — the tagger made "states" a plural noun and the clause a noun
    phrase; a determiner opening it and a lower-case speech verb closing it say otherwise."""
    last = words[-1]
    if last.tag_ != "NNS" or last.text not in _VERBS_LIKE_NOUNS or words[0].lower_ not in _DETERMINERS:
        return None
    return Attribution(last, doc.doc[words[0].i : last.i], "cue_subject", 1.0)


# Modifiers of a verb that add when, where, how or why, and say nothing of who spoke.
_ADVERBIAL_DEPS = frozenset({"advcl", "prep", "npadvmod", "advmod"})


def _sets_the_scene(child: Token, subject: Token) -> bool:
    """An adverbial before the subject, set off by a comma: "After Jerry Brown criticized Bill Clinton during a
    debate, Hillary shot back, “…”"."""
    end = child.right_edge
    return child.dep_ in _ADVERBIAL_DEPS and end.i < subject.left_edge.i \
        and end.i + 1 < len(end.doc) and end.doc[end.i + 1].text == ","


def _modifies(token: Token, verb: Token) -> bool:
    """The token lies in an adverbial modifier of the verb (a clause, a phrase of time or manner)."""
    while token.head.i != verb.i:
        if token.head.i == token.i:
            return False
        token = token.head
    return token.dep_ in _ADVERBIAL_DEPS


# A lead-in's speech verb reports nothing of its own: the quote after it is what was said. ("…, Schiff said."
# reports a clause; the indirect pass takes it and ``floating`` carries the speaker on.)
_LEAD_IN_REPORTS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis"})


def lead_in_cue(doc: Document, span: QuoteSpan) -> Attribution | None:
    """Dianne Bystrom agreed. “Mainstream Republicans are running out of time …” — a quote that opens a
    sentence right after a sentence of its paragraph that is only an attribution: a speech verb as its root,
    the verb's subject and no reported clause. The words that verb introduces are the quote."""
    last = doc.token_before(span)
    if last is None or last.text not in (".", "!") or "\n" in doc.text[last.idx : span.outer_start]:
        return None
    sent = last.sent
    if any(doc.quoted(t.i) for t in sent):
        return None  # “…,” Smith said. “…” — the earlier quote's speaker, floating's rule
    verb = sent.root
    if verb.i in doc.used_cues or not is_speech_verb(verb, include_belief=False) \
            or any(c.dep_ == "neg" or c.dep_ in _LEAD_IN_REPORTS for c in verb.children):
        return None
    attribution = attribution_for_cue(doc, verb)
    if attribution.subject is None or any(c.dep_ == "appos" and c.ent_type_ == "PERSON"
                                          for c in attribution.subject.root.children):
        doc.used_cues.discard(verb.i)
        return None  # "Or maybe Jeb Bush, digital consultant Phil Musser says.": which of the two spoke?
    attribution.method = "lead_in"
    return attribution


def leading_cue(doc: Document, span: QuoteSpan) -> Attribution | None:
    """Hillary Clinton cracked, “I'm a progressive who likes to get things done” — the mirror of
    ``trailing_cue``: a short clause of a subject and its verb, then a comma, then a quotation that opens like
    a sentence. The verb need not be a speech verb ("cracked", "shot back"); the grammar says it introduces
    the words. A longer clause introduces them when its speech verb is followed only by where and to whom
    (``_speech_verb_before``)."""
    comma = doc.token_before(span)
    if comma is None or comma.text != "," or not doc.text[span.start : span.start + 1].isupper():
        return None
    verb = comma.nbor(-1) if comma.i > 0 else None
    if verb is not None and verb.dep_ in ("prt", "advmod") and verb.head.i < verb.i:
        verb = verb.head  # "shot back,", "added later,"
    if verb is None:
        return None
    if verb.pos_ != "VERB" or verb.tag_ in ("VBG", "VBN") or doc.quoted(verb.i):
        return _speech_verb_before(doc, comma)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not doc.quoted(c.i)]
    if not subjects or verb.i - subjects[0].left_edge.i > MAX_TRAILING_WORDS or any(
            c.i < verb.i and c.dep_ not in _TRAILING_DEPS and not _sets_the_scene(c, subjects[0])
            for c in verb.children):
        return _speech_verb_before(doc, comma)
    attribution = attribution_for_cue(doc, verb)
    return attribution if attribution.subject is not None else None


# What may stand between a speech verb and the comma before the quote it introduces: where and to whom.
_SETTING_DEPS = frozenset({"prep", "pobj", "det", "compound", "amod", "npadvmod", "advmod", "nummod", "poss",
                           "case", "punct", "appos", "prt"})


def _speech_verb_before(doc: Document, comma: Token) -> Attribution | None:
    """"Charlie Sykes, who lamented in an interview with Oliver Darcy, “We have spent 20 years …”", "she thanked
    the crowd and then boomed, “Today, you proved …”": a speech verb with nothing it reports, only where, when
    or to whom, between it and the comma before the quote (the parser often starts a new sentence at the quote)."""
    for verb in reversed(doc.doc[comma.sent.start : comma.i]):
        if verb.pos_ == "VERB":
            break
    else:
        return None
    if verb.tag_ in ("VBG", "VBN") or doc.quoted(verb.i) or not is_speech_verb(verb, include_belief=False) \
            or any(c.i > verb.i and c.dep_ not in _SETTING_DEPS for c in verb.children) \
            or any(t.dep_ not in _SETTING_DEPS for t in doc.doc[verb.i + 1 : comma.i] if t.head.i != verb.i):
        return None
    attribution = attribution_for_cue(doc, verb)
    return attribution if attribution.subject is not None else None


# How quoted words hang under the noun for what was said: its clause ("her claim that she “…”"), a preposition
# ("his call for “…”") or an apposition.
_OWNED_PATH = frozenset({"acl", "ccomp", "prep", "pobj", "mark", "appos", "dobj", "attr", "conj"})


def word_above(doc: Document, first: QuoteSpan, last: QuoteSpan) -> Token | None:
    """The one word outside the quote marks that the quoted words hang on in the parse; None when they hang on
    several."""
    qtokens = doc.tokens_in(first.outer_start, last.outer_end)
    if qtokens is None:
        return None
    quote_ids = {t.i for t in qtokens}
    tops = {t.head.i for t in qtokens if t.head.i not in quote_ids and not t.is_punct and not t.is_space}
    return doc.doc[tops.pop()] if len(tops) == 1 else None


# Who can own quoted words in their clause: a name, a noun ("the ad targets “…”") or a pronoun for a person,
# group or organisation.
_CLAUSE_SUBJECT_PRONOUNS = frozenset({"he", "she", "who", "they", "it"})
MAX_CLAUSE_CLIMB = 5
# Verbs whose object describes their subject: "The plan is “dead on arrival”", "They had a “lengthy and
# highly productive phone call”" — whose words those are is a coin toss.
_DESCRIBING_VERBS = frozenset({"be", "have"})


def clause_subject(doc: Document, first: QuoteSpan, last: QuoteSpan) -> Attribution | None:
    """Quoted words in a clause whose verb reports no speech are that clause's subject's: "He offered “my
    thoughts and prayers for all of the victims' families”", "On its official website, the FBI lists “public
    corruption as the FBI's top criminal priority”", "whom George W. Bush introduced to cheers as “my big little
    brother”". The last rule for a quote no cue claims, with a low strength: the nearest verb above the quoted
    words with one subject before them. Not through "be" or "have": in "The plan is “dead on arrival”" the
    words describe the subject, and whose they are is a coin toss."""
    node = word_above(doc, first, last)
    if node is None:
        return None
    for _ in range(MAX_CLAUSE_CLIMB):
        if doc.quoted(node.i) or node.lemma_ in _DESCRIBING_VERBS:
            return None
        if node.pos_ in ("VERB", "AUX"):
            subject = next((c for c in node.children if c.dep_ == "nsubj" and not doc.quoted(c.i)
                            and c.idx < first.outer_start), None)
            if subject is not None:
                if any(c.dep_ == "conj" for c in subject.children):
                    return None  # "Vladimir Putin and Donald Trump had a “…”": two people, not one speaker
                if subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in _CLAUSE_SUBJECT_PRONOUNS:
                    return Attribution(node, noun_phrase(subject), "clause_subject", 0.6)
                return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def owner_cue(doc: Document, first: QuoteSpan, last: QuoteSpan) -> Attribution | None:
    """Donald Trump's call for “a total and complete shutdown of Muslims entering the United States” — quoted
    words in what a claim, comment, call or vow says, when no verb reports them, are its owner's: the
    possessor or the "by" / "from" of the noun (``method = owner``). A verb with a subject of its own on the way
    up is a report of its own, not the noun's."""
    node = word_above(doc, first, last)
    if node is None:
        return None
    for _ in range(4):
        if doc.quoted(node.i):
            return None
        if node.pos_ == "NOUN" and node.lemma_.lower() in SPOKEN_NOUNS:
            owner = issuer_of(node, doc.quoted)
            return Attribution(node, owner, "owner", 0.9) if owner is not None else None
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in node.children)
        if node.pos_ in ("VERB", "AUX") and has_subject and node.head.lemma_.lower() not in SPOKEN_NOUNS:
            return None  # "… said his plan was a “disaster”": a clause of its own, not the noun's
        if node.dep_ not in _OWNED_PATH or node.head.i == node.i:
            return None
        node = node.head
    return None


def _introduces_more(doc: Document, sent: Span) -> bool:
    """“We are refugees,” Ms. Alawee said. “We are not terrorists.” Mr. Zahed said: “…” — a sentence with a colon
    of its own leads in to what follows, not back to the quote before it."""
    return any(t.text == ":" and not doc.quoted(t.i) for t in sent)


def sentence_after(doc: Document, span: QuoteSpan) -> Span | None:
    """The sentence that starts right after a quote's closing mark, in the same paragraph."""
    rest = doc.text[span.outer_end : span.outer_end + 3]
    if "\n" in rest:
        return None
    k = bisect_right(doc.token_starts, span.outer_end + len(rest) - len(rest.lstrip()))
    if k >= len(doc.doc) or k < 1:
        return None
    token = doc.doc[k - 1] if doc.doc[k - 1].idx >= span.outer_end else doc.doc[k]
    if not token.is_sent_start or doc.in_quote[token.i] != -1:
        return None
    return token.sent


_SPACED_DASH = re.compile(r"\s(?:-{1,2}|—|–)\s")


def _named_in_apposition(head: Token) -> bool:
    return any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)


def dash_speaker(doc: Document, span: QuoteSpan) -> Attribution | None:
    """`“…” ― Nell Carden Grey` or `“…” —Commissioner Jo Starks`: a name after a dash ends the line — or is
    the next line, as fact checks print the claim and its author (`“…”` / `- Sanders.`)."""
    line_end = doc.text.find("\n", span.outer_end)
    line_end = len(doc.text) if line_end < 0 else line_end
    offset = span.outer_end
    if not doc.text[offset:line_end].strip():
        following = re.match(r"\s*", doc.text[line_end:])
        offset = line_end + following.end()
        line_end = doc.text.find("\n", offset)
        line_end = len(doc.text) if line_end < 0 else line_end
    match = _DASH_NAME.match(doc.text[offset:line_end])
    if match is None or (offset > span.outer_end and not _BYLINE_NAME.match(match.group(1))):
        return None  # on a line of its own only a name, not "- Sanders said on Tuesday that …"
    start = offset + match.start(1)
    end = offset + match.end(1)
    name = doc.tokens_in(start, end)
    if name is None or not is_named(name):
        return None
    role = None
    comma = name.text.find(",")
    if comma > 0:
        role = name.text[comma + 1 :].strip() or None
        name = doc.tokens_in(start, start + comma)
        if name is None:
            return None
    return Attribution(None, name, "dash_name", 0.85, role)


def attribution_for_cue(doc: Document, cue: Token) -> Attribution:
    doc.used_cues.add(cue.i)
    if is_according(cue):
        subject = according_source(cue)
        return Attribution(cue, subject, "according_to", 0.95)
    if is_addressed(cue):
        # "Sanders was asked by host Bill Maher, “…”", "Trump was asked, “…”": the one asked or told is the
        # listener; the speaker is the agent, or somebody the text does not name
        return Attribution(cue, agent_of(cue, doc.quoted), AGENT, speech_strength(cue))
    subject = subject_of(cue, doc.quoted)
    if subject is None and cue.tag_ != "VBG":
        subject = name_before_cue(cue, doc.quoted) or name_after_cue(cue, doc.quoted) \
            or name_opening_sentence(cue, doc.quoted)
    if subject is None and cue.tag_ == "VBG":
        # "Mr. Trump hardly clarified the matter, …, asserting, “Of course, I pay federal taxes.”" — when the
        # parse loses the participle's clause, its subject is the sentence's first subject.
        subject = next((noun_phrase(t) for t in cue.sent if t.i < cue.i and t.dep_ == "nsubj"
                        and doc.in_quote[t.i] == -1 and t.pos_ in ("PROPN", "PRON", "NOUN")), None)
    method = "cue_subject"
    if subject is not None and subject.root.i > cue.i:
        method = "inverted_subject"
    role = appositive_text(subject) if subject is not None else None
    if role:
        method = "appositive" if method == "cue_subject" else method
    return Attribution(cue, subject, method, speech_strength(cue), role)


def colon_speaker(doc: Document, span: QuoteSpan) -> Attribution | None:
    """`Name: “…”`, or a cue that ends the previous paragraph with a colon."""
    before = doc.text[: span.outer_start].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    lead = doc.tokens_in(max(0, colon - 1), colon)
    if lead is None:
        return None
    sent = lead[0].sent
    # "RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “…”": a roundup's topic line is not the lead-in.
    dashes = _SPACED_DASH.finditer(doc.text, sent.start_char, colon)
    start = max((dash.end() for dash in dashes), default=sent.start_char)
    for token in reversed(list(sent)):
        if token.idx >= colon or token.idx < start:
            continue
        if is_speech_verb(token, include_belief=False) and doc.in_quote[token.i] == -1:
            attribution = attribution_for_cue(doc, token)
            attribution.method = "colon_cue"
            return attribution
    # "Dr. Nandakumar put it plainly: “…”" — the subject of the clause that ends in the colon, a name or a
    # he / she the speaker sieves resolve.
    # The verb of the clause that ends at the colon: the sentence's root, or, when the parser made the quote
    # the root, the last verb before the colon that hangs on the quote.
    tops = [t for t in sent if start <= t.idx < colon and t.pos_ in ("VERB", "AUX") and not doc.quoted(t.i)
            and (t.head.i == t.i or t.head.idx > colon)]
    root = tops[-1] if tops else sent.root
    for child in root.children:
        if child.dep_ in SUBJECT_DEPS and start <= child.idx < colon and (
                is_named(noun_phrase(child)) or child.lower_ in ("he", "she")  # "He then listed …:"
                or _named_in_apposition(child)):  # "One early supporter, Rep. Lee Zeldin, gave it a whirl:"
            return Attribution(None, noun_phrase(child), "colon_subject", 0.85, appositive_text(noun_phrase(child)))
    # "Trump: “…”" — a bare name before the colon.
    words = doc.tokens_in(start, colon)
    if words is not None and 0 < len([t for t in words if not t.is_punct]) <= 5:
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words) \
                or doc.names.mentions_between(start, colon):  # a headline's "Trump:" the tagger made a noun
            return Attribution(None, words, "colon_name", 0.85)
    return None
