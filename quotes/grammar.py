"""Pure functions over a spaCy parse that the extractor's rules are made of.

Each answers one grammatical question about tokens — is this cue an aside set off by commas, who is the
subject of this cue, where does the reported content end — so the rules in ``quotes.extract`` read as
decisions and each question can be tested on its own. Nothing here keeps state.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from quotes.cues import (
    ADDRESSED_VERBS,
    ISSUED_DOCUMENTS,
    ISSUING_VERBS,
    LISTENER_VERBS,
    NAMING_VERBS,
    NON_SPEAKER_PRONOUNS,
    OBJECT_CONTROL_VERBS,
    OWNED_WORDS,
    is_speech_verb,
)
from quotes.names import TITLE_WORDS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
NOUN_PHRASE_DEPS = {"compound", "det", "amod", "poss", "flat", "nmod", "nummod", "case", "quantmod", "prt"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# Words that start credit lines and captions, never speakers.
CREDIT_LINE = re.compile(r"^\s*(photo|image|video|credit|getty|reuters|ap photo|afp|file photo|by\s)", re.I)


def sentences_back(token: Token, sentences: int = 2) -> Token:
    """The first token of the sentence ``sentences`` before this token's own (or of the document's first)."""
    first = token.sent.start
    for _ in range(sentences):
        if first == 0:
            break
        first = token.doc[first - 1].sent.start
    return token.doc[first]


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def according_source(according: Token) -> Span | None:
    for to in according.children:
        if to.lower_ == "to":
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return issuer_of(pobj) or noun_phrase(pobj)  # "according to her account": hers
    return None


def content_end(root: Token, hi: int) -> int:
    """Where reported content ends: not at a clause the reporter added.

    "said he expects her to recover, which forced her to leave early" — a trailing non-restrictive relative
    clause is background; "said he would order a review and warned against hackers" — a conjoined speech
    verb starts a report of its own.
    """
    doc = root.doc
    for t in root.subtree:
        if t.i > hi:
            break
        if t.dep_ == "relcl" and t.right_edge.i >= hi - 1 and t.left_edge.i > root.i:
            comma = t.left_edge.i - 1
            if doc[comma].text == "," and comma > root.i:
                return comma - 1
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > root.i and is_speech_verb(t, include_belief=False) \
                and doc[t.left_edge.i - 1].text == ",":
            return t.left_edge.i - 2  # "…, arguing that …": a second report by the same speaker
        if t.dep_ == "conj" and t.head.i == root.i and t.i > root.i and is_speech_verb(t, include_belief=False) \
                and not any(c.dep_ in SUBJECT_DEPS for c in t.children):
            cut = t.left_edge.i - 1
            while cut > root.i and (doc[cut].dep_ == "cc" or doc[cut].is_punct):
                cut -= 1
            return cut
    return hi


def is_parenthetical(cue: Token) -> bool:
    """A cue set off by commas in the middle of what it reports ("The museum, Mr. Obama said, would …")."""
    return aside_commas(cue) is not None


def aside_commas(cue: Token) -> tuple[int, int] | None:
    """The token indices of the commas around a parenthetical cue and its subject, or None."""
    if cue.dep_ not in ("parataxis", "ccomp", "advcl"):
        return None
    doc = cue.doc
    # The aside itself is the cue and its subject ("Mr. Clarke said"), whatever clauses the parser hung on it.
    left = min([cue.i] + [c.left_edge.i for c in cue.children if c.dep_ in SUBJECT_DEPS])
    if left == 0 or doc[left - 1].text != ",":
        return None
    if min(reported_head(cue).left_edge.i, cue.left_edge.i) >= left - 1:
        return None  # nothing reported before the aside
    for t in doc[cue.i + 1 : min(len(doc), cue.i + 7)]:
        if t.text == ",":
            return left - 1, t.i
        if t.pos_ in ("VERB", "AUX") or t.is_quote or t.is_sent_end:
            return None
    return None


def reported_head(cue: Token) -> Token:
    """The head of the clause an aside cue sits in. The parser sometimes hangs the aside on an auxiliary ("Cost
    estimates, he added, were “based on …”" under "were"): the clause is headed by the verb the auxiliary serves."""
    head = cue.head
    if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        return head.head
    return head


def is_aside(cue: Token) -> bool:
    """A cue clause that frames its head's clause from the side: parenthetical, or "As X put it, …"."""
    if is_parenthetical(cue):
        return True
    if cue.dep_ != "advcl" or cue.i > cue.head.i:
        return False
    right = cue.right_edge
    opener = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if any(reports_content_of_its_own(c) for c in cue.children):
        return False  # "As Trump attacked Clinton, the attendees chanted, “…”": a time, not a source
    return opener and right.i + 1 < len(cue.doc) and cue.doc[right.i + 1].text == ","


def reports_content_of_its_own(child: Token) -> bool:
    """Whether a dependent of an "as" clause is what that clause is about ("As Trump attacked Clinton", "As he
    said the plan would fail"), not "it" ("As she put it") or a listener ("As he told reporters")."""
    verb = child.head
    if child.dep_ in ("ccomp", "xcomp"):
        return True
    return child.dep_ == "dobj" and child.lower_ not in ("it", "so", "this") and verb.lemma_ not in LISTENER_VERBS


def outermost_cue(cue: Token, quoted=lambda i: False) -> Token:
    """In "Trump said he planned to tell Zelensky to “…”", the quote is reported by "said", not "tell". Never up
    into the quoted words: "“I am asking all the candidates to recognize that …,” Vargas wrote" parsed with
    "wrote" under "recognize" is reported by "wrote", not by the "asking" inside the quote. Further up through
    a relative clause or a phrase inside the reported clause too (``reporting_ancestor``). Up to "tell" only
    over a that-clause ("told reporters that she had spoken to … and that “…”"), not over what somebody was
    told to do."""
    node = cue
    for _ in range(6):
        if node.head.i == node.i or node.dep_ not in ("ccomp", "xcomp") or quoted(node.head.i):
            break
        reported_as = node.dep_
        node = node.head
        if (is_speech_verb(node, include_belief=False) and (node.lemma_ != "tell" or reported_as == "ccomp")) \
                or node.lemma_ == "say":
            cue = node
    cue = reporting_ancestor(cue, quoted)
    # "Mr. Obama said, a majority of Americans have come to believe “…”": the aside reports the whole clause.
    node = cue
    for _ in range(4):
        for child in node.children:
            if child.i != cue.i and not quoted(child.i) and is_aside(child) \
                    and is_speech_verb(child, include_belief=False) \
                    and any(c.dep_ in SUBJECT_DEPS for c in child.children):
                return child
        if node.head.i == node.i or node.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or quoted(node.head.i):
            break
        node = node.head
    return cue


_CONTENT_PATH_DEPS = frozenset({"ccomp", "xcomp", "relcl", "acl", "pobj", "prep", "pcomp", "dobj", "attr", "oprd",
                                "appos", "acomp"})


def reporting_ancestor(cue: Token, quoted=lambda i: False) -> Token:
    """A speech verb further up whose reported clause holds this cue: "Murphy said she must focus on … what he
    called a “revolutionary mood”", "He notes that the right to free speech comes with the limitation that
    you can't yell “fire”"."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.pos_ == "PROPN":
        return cue  # "…, and Trump later called Haley “very weak”": Trump's words, whoever reports them
    if subject is not None and cue.lemma_.lower() in NAMING_VERBS and cue.dep_ == "relcl":
        return cue  # "…, which she called “a shambles”": what she called it is a report of its own
    node = cue
    for _ in range(8):
        if node.head.i == node.i or quoted(node.head.i):
            break
        child, node = node, node.head
        if child.dep_ in ("ccomp", "xcomp") and is_speech_verb(node, include_belief=False) \
                and any(c.dep_ in SUBJECT_DEPS for c in node.children) and node.lemma_ != "tell":
            return node
        if child.dep_ not in _CONTENT_PATH_DEPS:
            break  # "… and added, “…”", "…, saying …": a report of its own, not a piece of the one above
    return cue


def is_linked(cue: Token, quote_ids: set[int]) -> bool:
    """True when the parse ties the cue to the quote: the quote in its subtree, or the cue hanging off the quote.

    Hanging counts only for the attribution clause of "“…,” he said" (parataxis, advcl or ccomp of a quoted
    word), not for a verb inside the quote's own grammar ("anybody who complains … “is not having …”").
    """
    if any(t.i in quote_ids for t in cue.subtree):
        return True
    if (is_aside(cue) or is_according(cue)) and any(t.i in quote_ids for t in cue.head.subtree):
        return True  # "African-Americans, he said, can “rock like Jimi” and “stir the pot …”"
    if cue.dep_ == "advcl" and any((c.dep_ == "mark" and c.lower_ != "as") or c.tag_ == "WRB" for c in cue.children):
        return False  # “That makes me smart,” when Clinton blasted him: a clause about the quote, not its cue
    return cue.head.i in quote_ids and cue.dep_ in ("parataxis", "advcl", "ccomp", "ROOT")


def subject_of(cue: Token, quoted=lambda i: False) -> Span | None:
    """Who a cue's clause says spoke: its grammatical subject, or the issuer of a document that is the subject
    ("Black Lives Matter issued a statement saying …" is Black Lives Matter speaking)."""
    subject = _grammatical_subject(cue, quoted)
    if subject is None:
        return None
    document = relative_antecedent(subject.root) or subject.root
    return issuer_of(document, quoted) or subject


def issuer_of(document: Token, quoted=lambda i: False) -> Span | None:
    """Who put out a statement, letter or ad: "Trump's statement", "a statement from the White House", "Trump
    and Ryan issued a statement …"; whose response, account or remarks they are ("his best response"). None
    when the text does not say, or for a word that is no such thing."""
    lemma = document.lemma_.lower()
    if document.pos_ != "NOUN" or lemma not in OWNED_WORDS:
        return None
    for child in document.children:
        if child.dep_ == "poss" and not quoted(child.i):
            return noun_phrase(child)  # "his best response was …", "Trump's statement"
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            source = next((c for c in child.children if c.dep_ == "pobj" and not quoted(c.i)), None)
            if source is not None:
                return noun_phrase(source)
    if lemma not in ISSUED_DOCUMENTS:
        return None
    verb = document.head
    if document.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS:
        # "Mr. Sanders showed no sign of backing down, releasing a statement that …": the issuing verb's subject,
        # climbing as a cue's would.
        issuer = _grammatical_subject(verb, quoted)
        if issuer is None or issuer.root.i > document.i:
            return None
        if any(c.dep_ == "conj" for c in issuer.root.children):
            return None  # "Trump and Ryan issued a statement": two issuers, not one speaker
        return issuer
    return None


def _grammatical_subject(cue: Token, quoted=lambda i: False) -> Span | None:
    node = cue
    for _ in range(4):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS and not quoted(child.i):
                if node is not cue and _is_thing_in_reported_clause(node, child):
                    break  # climb on: "Trump said the deadlock has “kept us safe” before claiming …"
                return noun_phrase(past_dateline(child))  # "who" (“Clinton, who said …”) is resolved later
            if child.dep_ in SUBJECT_DEPS:
                # “… and our military,” Flynn, a top surrogate, said: the parser took a quoted noun for the
                # subject and hung the name outside the quote off it as an appositive.
                for appos in child.subtree:
                    if appos.dep_ == "appos" and not quoted(appos.i) and appos.i < node.i \
                            and appos.ent_type_ in ("PERSON", "ORG"):
                        return noun_phrase(appos)
        # "was quoted as saying", "X left, saying …", "X stood and said …": climb to the clause with a subject.
        # "went so far as to say": through the adverb the infinitive hangs on.
        if node.head.i != node.i and (node.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep")
                                      or (node.dep_ == "advmod" and node.pos_ == "ADV" and node is not cue)
                                      # "he looked into my camera, furrowed his brow and said": a verb the
                                      # parser could not label is one more in the row
                                      or (node.dep_ == "dep" and node.pos_ == "VERB" and node.head.pos_ == "VERB")
                                      or (node.dep_ == "ccomp" and (quoted(node.i) or node is not cue))):
            # A quoted clause is what its cue said: "X said: “…,” adding that …" goes up to "said".
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in OBJECT_CONTROL_VERBS \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                doer = next((c for c in node.head.children if c.dep_ == "dobj" and c.i < node.i and not quoted(c.i)
                             and c.lower_ not in NON_SPEAKER_PRONOUNS), None)
                if doer is not None:
                    return noun_phrase(doer)  # "prompted the tabloid to do a cover saying …"
            node = node.head
            continue
        if node.dep_ in ("relcl", "acl"):  # "Clinton, who said …", "footage of Clinton asking …"
            return noun_phrase(node.head)
        break
    for child in cue.children:
        if child.dep_ == "npadvmod" and child.i < cue.i and past_dateline(child) is not child:
            return noun_phrase(past_dateline(child))
    return None


# Between a name and its cue: nothing, or one appositive in commas (", a military spokesman in Baghdad,").
_NAME_TO_CUE = re.compile(r"^\s*(,[^,;:.!?“”\"'()]{1,80},)?\s*$")
MAX_NAME_TO_CUE = 14  # tokens


def name_before_cue(cue: Token, quoted=lambda i: False) -> Span | None:
    """A person's name written right before a speech verb the parser left without a subject: "But in a
    conference call on Dec. 2, Col. Steven H. Warren, a military spokesman in Baghdad, said, “…”" (the parse
    hangs the name off "on Dec. 2"). Only the name itself, or the name and one appositive, may stand
    between."""
    doc = cue.doc
    for i in range(cue.i - 1, max(cue.sent.start, cue.i - MAX_NAME_TO_CUE) - 1, -1):
        token = doc[i]
        if quoted(i) or token.pos_ in ("VERB", "AUX"):
            return None
        if token.ent_type_ == "PERSON" or (token.ent_type_ == "ORG" and token.i == cue.i - 1):
            # an organisation only right before the verb: "“…,” LeVell assured the crowd" (tagged ORG)
            start, end = entity_bounds(token)
            gap = doc[end:cue.i].text if end < cue.i else ""
            # "her senior policy adviser, Jake Sullivan, said": the name is itself the appositive in commas
            in_commas = gap.strip() == "," and start > 0 and doc[start - 1].text == ","
            return doc[start:end] if _NAME_TO_CUE.match(gap) or in_commas else None
    return None


def name_opening_sentence(cue: Token, quoted=lambda i: False) -> Span | None:
    """The person whose name opens the sentence, set off by a comma, when an aside stands between it and a speech
    verb the parser left without a subject: "Ted Cruz, when asked what about Trump's vision is wrong, responded
    that …", "Sanders, meanwhile, who sits at zero endorsements, said that …"."""
    doc = cue.doc
    first = cue.sent.start
    while first < cue.i and (doc[first].is_space or doc[first].is_punct):
        first += 1
    if cue.i == 0 or doc[cue.i - 1].text != "," or doc[first].ent_type_ != "PERSON" or quoted(first):
        return None
    start, end = entity_bounds(doc[first])
    if start != first or end >= cue.i - 1 or doc[end].text != ",":
        return None
    return doc[start:end]


def name_after_cue(cue: Token, quoted=lambda i: False) -> Span | None:
    """The person named right after an inverted speech verb the parser left without a subject: "“…,” said
    Robert Reich, who served as labor secretary … yet endorsed Bernie Sanders" (the parse makes Reich the
    subject of "endorsed"). The verb must follow the quote's closing punctuation. The name is the last one in
    the noun phrase after the verb: "tweeted Rubio spokesman Alex Conant" is Alex Conant."""
    doc = cue.doc
    if cue.i == 0 or not (doc[cue.i - 1].is_punct or quoted(cue.i - 1)):
        return None
    name = None
    for i in range(cue.i + 1, min(len(doc), cue.i + 7)):
        token = doc[i]
        if quoted(i) or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            start, end = entity_bounds(token)
            name = doc[start:end]
    return name


# Forms of "be" that make a passive; not "'s", which the parser also reads as "has" ("he's wanted to").
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'re", "get", "got", "gets"})


def is_addressed(verb: Token) -> bool:
    """A passive of a verb of asking or telling: its subject is the listener, never the speaker."""
    return verb.lemma_.lower() in ADDRESSED_VERBS and any(
        c.dep_ == "auxpass" and c.lower_ in _PASSIVE_AUX for c in verb.children)


def agent_of(verb: Token, quoted=lambda i: False) -> Span | None:
    """Who a passive verb's "by" names: "was asked by host Bill Maher" → host Bill Maher."""
    for child in verb.children:
        if child.dep_ == "agent":
            source = next((c for c in child.children if c.dep_ == "pobj" and not quoted(c.i)), None)
            if source is not None:
                return noun_phrase(source)
    return None


def is_subject(token: Token) -> bool:
    """A sentence subject, also where the parser made a name a compound of the verb after it ("Scott bristles
    at the suggestion …": "Scott" a compound of "bristles", which it then left without a subject)."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    verb = token.head
    return token.dep_ == "compound" and token.pos_ == "PROPN" and verb.tag_ in ("VBZ", "VBD", "VBP") \
        and token.i < verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def in_reported_clause(subject: Token) -> bool:
    """The subject of what a person is reported to say or believe ("he does believe McConnell is correct",
    "Frank Luntz said Mr. Cameron had failed"): the one who says it, not the one it is about, is whom the story
    follows. Only a clause after its verb ("Mosman saw …: “…,” he said" is a misparse), and only a person's
    report ("they believed Mr. Hannity was behaving as if …" is about the story's subject)."""
    verb = subject.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    reporter = verb.head
    if verb.dep_ != "ccomp" or reporter.i >= verb.i or not is_speech_verb(reporter, include_belief=True):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ == "PERSON" or c.lower_ in ("he", "she"))
               for c in reporter.children)


def _is_thing_in_reported_clause(verb: Token, subject: Token) -> bool:
    """A cue the parser hung off the reported clause of another speech verb ("He said his attacks have given his
    campaign momentum and said that …"): when that clause's subject is a thing, not a person or a pronoun, it is
    not who spoke; the speech verb above the clause has the speaker."""
    return verb.dep_ == "ccomp" and is_speech_verb(verb.head, include_belief=True) and subject.pos_ == "NOUN" \
        and subject.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") and subject.lower_ not in TITLE_WORDS


def past_dateline(token: Token) -> Token:
    """"WASHINGTON -- President Obama, dedicating the museum, said …": the parser hangs the name off the
    dateline (as its appositive), and the dateline becomes the subject or a modifier of the cue."""
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].text in ("--", "—", "–", "-") and token.text.isupper():
        for appos in token.children:
            if appos.dep_ == "appos" and appos.ent_type_ == "PERSON":
                return appos
    return token


def entity_bounds(token: Token) -> tuple[int, int]:
    """Token offsets of the named entity a token belongs to, from the IOB tags around it (not a scan of
    ``doc.ents``, which would make every call cost the length of the document)."""
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def noun_phrase(head: Token) -> Span:
    """The head with its name-making modifiers (not its appositive, relative clause or prepositions)."""
    doc = head.doc
    if head.ent_type_ and head.ent_iob_ != "O":
        start, end = entity_bounds(head)
        modifiers = [t.i for t in head.children if t.dep_ in ("det", "compound", "amod", "poss") and t.i < head.i]
        lo = min([start, *modifiers])
        return doc[lo:end]
    keep = [head.i]
    for child in head.children:
        if child.dep_ in NOUN_PHRASE_DEPS and child.i < head.i:
            keep.extend(t.i for t in child.subtree)
        elif child.dep_ in ("compound", "flat") and child.i > head.i:
            keep.extend(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "for" and child.i > head.i:  # "a spokesperson for X"
            keep.extend(t.i for t in child.subtree)
    lo, hi = min(keep), max(keep)
    return doc[lo : hi + 1]


def appositive_text(subject: Span) -> str | None:
    for child in subject.root.children:
        if child.dep_ == "appos":
            tokens = list(child.subtree)
            text = subject.doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,")
            return text or None
    return None


def trim_mention(span: Span) -> Span | None:
    tokens = [t for t in span if not t.is_punct and not t.is_space]
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: Clinton in "Clinton, who said …". After a list ("Will Smith,
    Patti LaBelle and Stevie Wonder, who joked …") the parser hangs the clause on the list's first name; the
    relative pronoun written right after the last one stands for that one."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.head.i:
        antecedent = token.head.head
        last = antecedent
        while (later := [c for c in last.children if c.dep_ == "conj" and c.i < token.i]):
            last = later[-1]
        between = token.doc[last.i + 1 : token.i]
        if last is not antecedent and all(t.is_punct for t in between):
            return last
        return antecedent
    return None


def is_non_speaker(span: Span) -> bool:
    if relative_antecedent(span.root) is not None:
        return is_non_speaker(noun_phrase(relative_antecedent(span.root)))
    return span.root.lower_ in NON_SPEAKER_PRONOUNS or bool(CREDIT_LINE.match(span.text))


def is_named(span: Span) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in span)


def is_phrase(span: Span) -> bool:
    """A noun phrase worth storing as what somebody said: three words or more, not a pronoun."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) >= 3 and span.root.pos_ != "PRON"


def is_clause(span: Span) -> bool:
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in words)


def in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def looks_like_title(content: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", content)]
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with"}
    big = [w for w in words if w.lower() not in small]
    return bool(big) and all(w[0].isupper() for w in big) and len(words) <= 8
