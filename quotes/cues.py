"""Speech cues: which words report that somebody said something.

Lemmas, not surface forms, so "said", "says", "saying" and "has said" are one
entry. The lists follow what news actually uses (see docs/prior-art in the
shared folder): the verbs every system shares, the ones textacy and the
GenderGapTracker added after testing on news, and the belief / stance verbs
that annotated corpora count as attribution. Verbs that mostly produce false
positives on news ("address", "provide") are left out on purpose.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs that report speech or writing: the quote is what was said.
SPEECH_VERBS = frozenset(
    """
    say tell add state explain note claim argue insist warn admit acknowledge announce confirm deny
    report reply respond suggest write tweet post testify declare predict describe conclude stress ask
    accuse agree allege assert assure blame caution charge cite comment complain concede contend
    continue counter criticize criticise decry demand disagree disclose dispute emphasize emphasise
    estimate exclaim highlight indicate inform insist maintain mention observe order point promise
    proclaim propose recall recount recommend reiterate remark remind reveal retort scream shout
    speak urge vow whisper wonder yell joke quip boast brag lament concede question pledge threaten
    tout praise slam blast attack mock lambast chide scold hail applaud caution advise announce
    acknowledge affirm answer echo underscore signal predict forecast project insist plead repeat
    reason concur muse sigh grumble mutter mumble cry gush rave rail fume snap challenge opine
    thank credit express voice interject boom thunder bellow holler chant
    """.split()
)

# Verbs that report speech only with their particle and no object: "her husband cut in", "Trump fired back",
# "Sanders weighed in" (but not "pushed back the deadline").
PHRASAL_SPEECH_VERBS = {
    "cut": "in", "chime": "in", "break": "in", "butt": "in", "weigh": "in", "pipe": "up", "shoot": "back",
    "fire": "back", "hit": "back", "push": "back", "lash": "out", "sound": "off",
}

# Verbs of belief, intention or evidence: attribution in annotated corpora, weaker as "quotes".
BELIEF_VERBS = frozenset(
    """
    believe think feel know expect hope fear worry doubt consider suspect assume understand
    want plan intend seek wish find show suggest reveal indicate demonstrate prove learn
    """.split()
)

# Speech verbs whose object is who was spoken to, not what was said: "told reporters that …".
LISTENER_VERBS = frozenset({"tell", "inform", "remind", "assure", "warn", "ask", "urge", "advise", "notify"})

# "X called it a “disaster”": naming verbs make a quote only when it sits in their object.
NAMING_VERBS = frozenset("call dub label brand term describe characterize characterise refer".split())

# Nouns for works and outlets, and words that give a title: a Title Case quote right after one is a name
# ("the podcast “The Axe Files”", "The movie, “13 Hours: …”", "a book titled “Trump Revealed”").
WORK_NOUNS = frozenset("""
    show podcast program programme series episode segment special documentary movie film play musical
    album song book novel memoir biography column newspaper magazine website blog site ad advertisement
    commercial station channel network newsletter
    """.split())
TITLE_GIVING_WORDS = frozenset("titled entitled called named dubbed".split())

# Verbs whose reported content can be a noun phrase ("Clinton cited derogatory comments Trump had made"),
# and the prepositions that introduce it ("called for the repeal of Obamacare", "warned against hackers").
# Annotated news corpora count these as attribution; they come out as indirect quotes with lower confidence.
OBJECT_VERBS = frozenset(
    """
    cite mention discuss criticize criticise praise endorse reject deny propose announce acknowledge question
    defend attack blame accuse describe tout promote condemn dismiss oppose applaud slam blast mock
    hail echo lay point dispute challenge decry lambast denounce champion back
    """.split()
)
OBJECT_PREPS = {
    "call": {"for"}, "warn": {"against", "of", "about"}, "complain": {"about"}, "talk": {"about"},
    "speak": {"about", "of"}, "rail": {"against"}, "argue": {"for", "against"}, "push": {"for"},
    "advocate": {"for"}, "apologize": {"for"}, "apologise": {"for"}, "accuse": {"of"}, "criticize": {"for"},
    "criticise": {"for"}, "blame": {"for"}, "praise": {"for"}, "attack": {"for"}, "joke": {"about"},
    "write": {"about"}, "testify": {"about"}, "comment": {"on"}, "insist": {"on"}, "lash": {"at"},
}
# Verbs whose content is an infinitive ("vowed to form a task force", "urges supporters to vote").
INTENT_VERBS = frozenset(
    "want plan intend seek vow pledge promise agree threaten decline refuse hope aim offer propose decide".split()
)
# Speech verbs whose passive subject is who was spoken to: "Sanders was asked", "his salespersons were told".
# Not "is said to have called", "was reported as saying" (the subject is who allegedly spoke), nor "was
# described as" (what the words are about).
ADDRESSED_VERBS = frozenset("ask tell question inform remind warn advise urge press".split())
DIRECTIVE_VERBS = frozenset("urge ask call encourage tell warn order invite challenge implore press beg".split())
# Verbs whose object does what the infinitive after it says: in "This prompted the tabloid to do a cover saying
# …" the tabloid speaks, not "this".
OBJECT_CONTROL_VERBS = DIRECTIVE_VERBS | frozenset("prompt lead force persuade convince inspire cause get".split())

# Nouns that carry speech in "in a statement", "in an interview", "in a post".
SPEECH_NOUNS = frozenset(
    """
    statement interview post tweet release letter op-ed editorial memo speech remarks message
    address briefing conference email video broadcast podcast column essay report
    """.split()
)

# What "reads" a quotation besides the speech nouns: "the sign read “…”", "“…,” the suit reads", "it read".
READ_TEXTS = frozenset("sign note headline caption banner plaque inscription card it suit lawsuit complaint "
                       "filing article story ad advertisement text document order ruling petition resolution "
                       "bill".split())

# Documents somebody puts out, whose words are the issuer's ("Trump and Ryan issued a statement", "a statement
# from the White House"), and the verbs that put them out: the speech nouns above a person can own or issue.
ISSUED_DOCUMENTS = frozenset("statement release letter memo email tweet post ad advertisement video op-ed "
                             "editorial column essay note message".split())
ISSUING_VERBS = frozenset("issue release send post publish put write tweet air run launch sign pen".split())
# What somebody says, whose owner is the speaker: "his best response was to say …", "according to her
# account", "her claim that she “never sent …”", "his call for “a total and complete shutdown …”".
SPOKEN_NOUNS = frozenset("account response answer reply remarks words comments comment speech testimony "
                         "argument explanation book memoir assessment verdict warning claim promise call vow "
                         "pledge assertion suggestion insistence declaration charge accusation allegation "
                         "admission boast prediction contention description characterization remark word quip "
                         "retort observation complaint criticism plea".split())
OWNED_WORDS = ISSUED_DOCUMENTS | SPOKEN_NOUNS

# Words that never make a speaker on their own (first person in narration is the reporter).
NON_SPEAKER_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "one", "it's", "that", "this", "which", "who"})


def is_speech_verb(token: Token, include_belief: bool = True) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False  # "late-night tweets" is a noun: what a tweet said needs a verb to report it
    lemma = token.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return True
    if lemma in PHRASAL_SPEECH_VERBS:
        return any(c.dep_ == "prt" and c.lower_ == PHRASAL_SPEECH_VERBS[lemma] for c in token.children) \
            and not any(c.dep_ == "dobj" for c in token.children)
    if lemma == "put":  # "as she put it", "he put it plainly"
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma == "read":  # "the letter reads" reports; "she read “The Old Man and the Sea”" does not
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in SPEECH_NOUNS | READ_TEXTS for c in token.children)
    return include_belief and lemma in BELIEF_VERBS


def speech_strength(token: Token) -> float:
    """How sure a cue makes us that speech was reported (belief verbs report thoughts)."""
    lemma = token.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return 1.0
    if lemma in NAMING_VERBS or lemma == "put":  # "as she put it"
        return 0.9
    if lemma in BELIEF_VERBS:
        return 0.7
    return 0.5
