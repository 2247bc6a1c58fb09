"""How far what was said reaches: the reported clause around quoted words (mixed quotes), the content of
an indirect quote ("X said that …", "according to X, …", "X called for …") and the pieces on either side of a
parenthetical cue. Pure questions over the parse; every answer is a character range."""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes.cues import (
    DIRECTIVE_VERBS,
    INTENT_VERBS,
    LISTENER_VERBS,
    NAMING_VERBS,
    OBJECT_PREPS,
    OBJECT_VERBS,
    SPEECH_NOUNS,
    is_speech_verb,
)
from quotes.extract.document import Attribution, Document, own_words
from quotes.grammar import (
    SUBJECT_DEPS,
    aside_commas,
    content_end,
    in_subtree,
    is_according,
    is_aside,
    is_parenthetical,
    reported_head,
    strip_span,
)
from quotes.marks import ALL_MARKS, QuoteSpan

# Children of a cue that carry what was said (its object or complement clause).
REPORTED_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "acomp")
# Subordinators of a clause the reporter adds after a quote ("… when Clinton blasted him"); "because" and
# "if" clauses usually carry the speaker's own reasoning and stay in what was said (``REASON_MARKS``).
REASON_MARKS = frozenset({"because", "if", "unless"})
NARRATION_MARKS = frozenset({"when", "as", "after", "before", "while", "until", "since", "during"})


# Words that open what a reporter adds after a comma once the quoted words of a paraphrase are over: an
# apposition ("… “not get beat up” at his rally, a swipe at …"), a relative clause (", which he said …"), a
# participle (", leaving Cleveland excited …") or a clause of the reporter's own (", and Trump vowed …").
TAIL_OPENERS = frozenset("a an another part which who leaving making saying adding calling according also".split())
COORDINATORS = frozenset({"and", "but"})
# Subordinators of a contrast the reporter sets beside the paraphrase, somebody else's report: "… while Sanders
# suggests …" (not "… should be released while the investigation is ongoing", which is still what was said).
RIVAL_REPORT_MARKS = frozenset({"while", "whereas"})


def end_before_tail(doc: Document, quote_end: int, clause_end: int) -> int:
    """Where a mixed quote's clause ends: before a comma, after the last quoted words, that opens the reporter's
    own addition running to the end of the clause (``TAIL_OPENERS``, or "and" / "but" with a clause that has
    its own subject), before "and" / "but" with a speech verb of the speaker's own ("and insisted that …",
    "but did not recommend …") or before somebody else's report set beside it ("while Sanders suggests …"),
    else where the parse ended it. The comma may be the quotation's own
    (called him a “moderate,” a subtle dig at …). Not the last item of a list (", and other groups"), nor a
    relative clause the sentence goes on after ("that Pagliano, who invoked his Fifth Amendment rights …, is
    now cooperating")."""
    tail = doc.tokens_in(quote_end, clause_end) if clause_end > quote_end else None
    if tail is None:
        return clause_end
    last = tail[-1].i
    openers = [(comma.idx, doc.doc[comma.i + 1]) for comma in tail[:-1] if comma.text == ","]
    if doc.text[:quote_end].rstrip().rstrip(ALL_MARKS).endswith(","):
        first = next((t for t in tail if not t.is_quote and not t.is_space), None)
        if first is not None and first.i < last:
            openers.insert(0, (quote_end, first))
    for cut, opener in openers:
        if opener.lower_ in COORDINATORS:
            added = next((c for c in opener.head.children if c.dep_ == "conj" and c.i > opener.i), None)
            if added is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in added.children) \
                    or any(c.dep_ == "mark" for c in added.children):
                continue  # ", and other groups"; ", and that the emails … were less secure": still what was said
        elif opener.lower_ in TAIL_OPENERS:
            added = opener
            while added.head.i != added.i and (added.head.left_edge.i == opener.i or (
                    cut == quote_end and opener.i < added.head.i <= last)):
                added = added.head  # after the quotation's own comma, the phrase may parse as one with it
        else:
            continue
        if added.right_edge.i >= last:
            return cut
    for word in tail[:-1]:
        if word.lower_ in COORDINATORS and word.dep_ == "cc":
            # "… “takes its marching orders” from the council, and asserts that …": a second report on the speaker's
            # own coordinated speech verb, with quotations of its own.
            added = next((c for c in word.head.children if c.dep_ == "conj" and c.i > word.i), None)
            if added is not None and added.right_edge.i >= last and is_speech_verb(added, include_belief=False) \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in added.children):
                return end_before(doc, word)
        contrast = word.head
        if word.lower_ in RIVAL_REPORT_MARKS and word.dep_ == "mark" and contrast.right_edge.i >= last \
                and is_speech_verb(contrast, include_belief=False) \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in contrast.children):
            return end_before(doc, word)  # "… an “artful smear” regarding her Wall Street links while Sanders …"
    return clause_end


def end_before(doc: Document, word: Token) -> int:
    """The end of the text before ``word`` and the comma that precedes it, if any."""
    before = doc.doc[word.i - 1]
    return before.idx if before.text == "," else before.idx + len(before.text)


def mixed_clause(doc: Document, attribution: Attribution, first: QuoteSpan, last: QuoteSpan) -> tuple[int, int] | None:
    """The reported clause around the quoted words, when it is more than the quote."""
    cue = attribution.cue
    if cue is None:
        return None
    qtokens = doc.tokens_in(first.outer_start, last.outer_end)
    if qtokens is None:
        return None
    quote_ids = {t.i for t in qtokens}
    if is_according(cue):  # "According to Limbaugh, the move reeks of “fear” and desperation."
        found = according_clause(doc, cue)
        if found is None:
            return None
        region = doc.tokens_in(*found)
        if region is None or own_words(region, quote_ids, ignore=()) < 2:
            return None
        return doc.around(region, first, last)
    if qtokens.start <= cue.i and not is_aside(cue):
        return clause_before_cue(doc, cue, quote_ids, first, last)
    if is_aside(cue) and not quote_ids & {t.i for t in cue.subtree}:
        return aside_clause(doc, cue, quote_ids, first, last)
    if cue.lemma_ == "put":
        return None  # "X put it in an interview, “…”": what follows is the quote itself
    if cue.lemma_.lower() in NAMING_VERBS:
        # "described Putin as a “strong leader”": the clause is what was named and what it was called,
        # "what he called a “brazen breach” of U.N. resolutions" with its free relative and the rest of
        # the phrase the quoted words belong to.
        lo = cue.i + 1
        what = next((c for c in cue.children if c.lower_ == "what" and c.i < cue.i), None)
        if what is not None:
            lo = what.i
        hi = qtokens.end - 1
        node = doc.doc[qtokens.end - 1]
        while node.head.i not in (node.i, cue.i) and node.head.i > cue.i:
            node = node.head
        if node.head.i == cue.i or node.i in quote_ids:
            hi = max(hi, node.right_edge.i)
        return doc.around(doc.doc[lo : hi + 1], first, last)
    # The reported content: everything after the cue up to the end of its object / complement clauses
    # (a dobj "“budget reforms” and the collection of taxes" can be followed by the ccomp that completes it).
    hi, lo = qtokens.end - 1, qtokens.start
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_ in LISTENER_VERBS and not quote_ids & {
                t.i for t in child.subtree}:
            continue  # "told reporters that …": the listener is not what was said
        if child.i > cue.i and (child.dep_ in REPORTED_DEPS or quote_ids & {t.i for t in child.subtree}):
            hi = max(hi, child.right_edge.i)
            lo = min(lo, child.left_edge.i)  # not "earlier this week" or the "reporters" told
    hi = with_reasons(doc, cue, hi)
    for t in doc.doc[qtokens.end : hi + 1]:
        if t.dep_ == "advcl" and t.head.i in quote_ids and t.left_edge.i >= qtokens.end and (
                is_speech_verb(t, include_belief=False)
                or any(c.lower_ in NARRATION_MARKS or c.tag_ == "WRB" for c in t.children)):
            hi = t.left_edge.i - 1  # “…,” adding that … / “…,” when Clinton blasted him: not what was said
            break
    region = doc.doc[lo : hi + 1]
    return doc.around(region, first, last) if own_words(region, quote_ids) >= 2 else None


def with_reasons(doc: Document, cue: Token, hi: int) -> int:
    """The end of reported content, taking in a clause of the speaker's reasoning that the parse hung on the cue
    rather than on the content: "said the plan was “reckless” because it would …", "that the fine was
    “pocket change,” compared to what the firm earned", "called him a “liar” for continuing to …"."""
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.i <= hi:
            continue
        if any(not (t.is_punct or t.is_space) for t in doc.doc[hi + 1 : child.left_edge.i]):
            break
        opener = doc.doc[child.left_edge.i]
        if (child.dep_ == "advcl" and opener.lower_ in REASON_MARKS) or (
                child.dep_ == "prep" and (child.lower_ == "compared" or (
                child.lower_ == "for" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in child.children)))):
            hi = child.right_edge.i
            while hi > child.i and doc.doc[hi].is_punct:
                hi -= 1
        else:
            break
    return hi


def clause_before_cue(doc: Document, cue: Token, quote_ids: set[int], first: QuoteSpan,
                       last: QuoteSpan) -> tuple[int, int] | None:
    """“…,” he said: the quote is what was said — unless it sits in a wider clause the cue follows:
    "A cashier who “steals a handful of $20s” is held accountable, Warren said." """
    content = next((c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i), None)
    if content is None and cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i:
        content = cue.head  # the parser may hang the cue off the content instead
    if content is None:
        return None
    core = min([cue.i] + [c.left_edge.i for c in cue.children if c.dep_ in SUBJECT_DEPS])
    region = [t for t in content.subtree if t.i < core]
    if not any(c.dep_ in (*SUBJECT_DEPS, "dobj", "attr") and c.i not in quote_ids and c.i < core
               for c in content.children):
        return None  # "In an interview, “…,” he said": a setting, not a paraphrased part of what was said
    return doc.around(region, first, last) if own_words(region, quote_ids) >= 2 else None


def segments_around(doc: Document, cue: Token, start: int, end: int) -> list[list[int]] | None:
    """The two pieces of content on either side of a parenthetical cue inside [start, end)."""
    commas = aside_commas(cue)
    if commas is None:
        return None
    before = strip_span(doc.text, start, doc.doc[commas[0]].idx)
    after = strip_span(doc.text, doc.doc[commas[1]].idx + 1, end)
    if before[1] <= before[0] or after[1] <= after[0] or not (start <= before[0] and after[1] <= end):
        return None
    return [list(before), list(after)]


def lead_in(doc: Document, first: QuoteSpan) -> tuple[int, int] | None:
    """The words a sentence opens with right before a quotation that goes on in lower case, when the parse
    hangs them on the quoted clause: they are part of what was said ("In this election, “resources don't
    necessarily mean …,” he said"; "Unless further rivals quit the race, “it's very difficult …”"), not the
    reporter's own sentence ("She took her BlackBerry everywhere she went, “sending and receiving …”").

    A lead-in before a cue interjected ahead of the quotation ("When the rule takes effect, Dr. Clark added,
    “it will …”") is left out: PolNeAR annotates it as part of the quotation only now and then (on the
    held-out sample, 5 of the 19 such pieces)."""
    opening = doc.tokens_in(first.outer_start, first.end)
    if opening is None or not doc.text[first.start : first.start + 1].islower():
        return None
    region = sentence_opening(doc, opening.start)
    if region is None or not said_with_the_quote(region):
        return None
    quoted = {t.i for t in opening} | {t.i for t in opening[0].sent if t.i >= opening.start and doc.quoted(t.i)}
    roots = region_roots(region)
    if not roots or not all(t.head.i in quoted for t in roots):
        return None
    return strip_span(doc.text, region.start_char, region.end_char)


def region_roots(region: Span) -> list[Token]:
    """The tokens of a region whose heads lie outside it: where the region hangs on the rest of the sentence."""
    return [t for t in region if not region.start <= t.head.i < region.end or t.head.i == t.i]


def sentence_opening(doc: Document, end: int) -> Span | None:
    """The sentence's words before token ``end``, which a comma must close; from the last colon, semicolon or
    dash on ("… was blunt: In this election, “resources …”")."""
    start = doc.doc[end].sent.start
    for t in doc.doc[start:end]:
        if t.text in (":", ";", "—", "–"):
            start = t.i + 1
    if end - 1 <= start or doc.doc[end - 1].text != ",":
        return None
    return doc.doc[start : end - 1]


def said_with_the_quote(region: Span) -> bool:
    """A lead-in is part of what was said unless it is about the speaker or the occasion ("Asked whether …,
    “…”", "In an interview on Monday, “…”", "Less than 30 minutes later, “…”", "As a phone rang, “…”"), has a
    cue of its own ("After Clinton accused him of sexism, “…”") or is a connective alone ("But, “…”")."""
    if "\n" in region.text or any(t.is_quote or is_speech_verb(t, include_belief=False) for t in region):
        return False
    words = [t for t in region if t.is_alpha]
    if len(words) < 2:
        return False
    if words[0].ent_type_ in ("DATE", "TIME") or (
            not any(t.pos_ in ("VERB", "AUX") for t in region) and any(t.ent_type_ in ("DATE", "TIME") for t in words)):
        return False  # "On November 19, “…”", "Tuesday at Baldwin Wallace University, “…”": when and where
    if words[0].lower_ in NARRATION_MARKS and any(t.tag_ == "VBD" for t in region):
        return False  # "As a phone rang, …": narrated past, the reporter's scene
    for root in region_roots(region):
        if root.tag_ in ("VBN", "VBG") and not any(c.dep_ in SUBJECT_DEPS for c in root.children):
            return False  # "Asked by Stephanopoulos …", "Speaking to reporters …": the speaker, not the content
        if root.dep_ == "prep" and any(c.dep_ == "pobj" and c.lemma_.lower() in SPEECH_NOUNS
                                       for c in root.children):
            return False  # "In an interview on Monday": where it was said
    return True


def aside_clause(doc: Document, cue: Token, quote_ids: set[int], first: QuoteSpan, last: QuoteSpan) -> tuple[int, int] | None:
    """The clause an aside cue reports: "African-Americans, he said, can “rock like Jimi”" keeps the cue
    inside (its subject comes first); "During his years in office, Mr. Obama said, a majority …" and
    "As X put it, RT is “…”" start after it."""
    head = reported_head(cue)
    subject_first = any(c.dep_ in SUBJECT_DEPS and c.i < cue.i for c in head.children)
    lo = head.left_edge.i if subject_first else cue.right_edge.i + 1
    region = [t for t in doc.doc[lo : head.right_edge.i + 1]
              if subject_first or not in_subtree(t, cue)]
    own = own_words([t for t in region if not in_subtree(t, cue)], quote_ids, ignore=())
    return doc.around(region, first, last) if own >= 2 else None


def reported_clause(doc: Document, cue: Token) -> tuple[int, int] | None:
    for child in cue.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and (
                cue.lemma_ in ("say", "tell") or (doc.options.belief and cue.lemma_ in INTENT_VERBS))):
            lo, hi = child.left_edge.i, child.right_edge.i
            if lo <= cue.i <= hi:
                continue
            return doc.char_range(lo, content_end(child, hi))
    head = cue.head
    if is_parenthetical(cue) and head.pos_ in ("VERB", "AUX") and head.i != cue.i:
        # "The museum, Mr. Obama said, would make visitors face hard truths." — the cue sits inside.
        lo = min(head.left_edge.i, cue.left_edge.i)
        hi = max(head.right_edge.i, cue.right_edge.i)
        return doc.char_range(lo, hi)
    # "The economy is strong, the minister said." — the cue hangs off the content.
    after = [t for t in cue.sent if t.i > cue.i and not t.is_punct and not t.is_space and in_subtree(t, cue)]
    if cue.dep_ in ("parataxis", "ccomp") and head.i < cue.i and head.pos_ in ("VERB", "AUX") and len(after) <= 3:
        tokens = [t for t in head.subtree if t.i < cue.i and not in_subtree(t, cue)]
        if tokens and not any(is_speech_verb(t, include_belief=False) for t in tokens if t.i != head.i):
            return doc.char_range(tokens[0].i, tokens[-1].i)
    return None


def reported_object(doc: Document, cue: Token) -> tuple[int, int] | None:
    """Content that is not a clause: "urges supporters to monitor polling places", "cited derogatory
    comments Trump had made", "called for the repeal of Obamacare". Active voice only: in "was criticized
    for …" the subject is the target, not the source."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None
    lemma = cue.lemma_.lower()
    after = [c for c in cue.children if c.i > cue.i]
    objects = [c for c in after if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if lemma in DIRECTIVE_VERBS:
        listener = next((c for c in after if c.dep_ in ("dobj", "dative")), None)
        if listener is None:  # "called on Trump to stop attacking her"
            on = next((c for c in after if c.dep_ == "prep" and c.lower_ == "on"), None)
            listener = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        action = next((c for c in after if c.dep_ in ("xcomp", "ccomp")), None)
        if listener is not None and action is not None and action.i > listener.i:
            return doc.char_range(listener.left_edge.i, action.right_edge.i)
    if lemma in OBJECT_VERBS and objects:
        obj = objects[0]
        hi = obj.right_edge.i
        for c in after:  # "called the charges unsubstantiated", "cited X as an example of Y"
            if c.i > hi and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")):
                hi = c.right_edge.i
        return doc.char_range(obj.left_edge.i, content_end(obj, hi))
    for prep in after:
        if prep.dep_ == "prep" and prep.lower_ in OBJECT_PREPS.get(lemma, ()):
            content = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if content:
                return doc.char_range(content[0].left_edge.i, content_end(content[0], content[0].right_edge.i))
    return None


def according_clause(doc: Document, according: Token) -> tuple[int, int] | None:
    head = according.head
    if head.i == according.i:
        # The parse made "According" the root and hung the clause under its source: the clause is what
        # follows the comma that closes "according to X,".
        comma = next((t for t in according.sent if t.i > according.i and t.text == ","), None)
        if comma is None or comma.i + 1 >= according.sent.end - 1:
            return None
        return doc.char_range(comma.i + 1, according.sent.end - 1)
    if head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT":
        return None
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in phrase]
    if not tokens:
        return None
    if according.i < head.i:
        tokens = [t for t in tokens if t.i > max(phrase)]
    else:
        tokens = [t for t in tokens if t.i < min(phrase)]
    if not tokens:
        return None
    return doc.char_range(tokens[0].i, tokens[-1].i)
