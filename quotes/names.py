"""One canonical name per person or organisation in a document.

"Trump", "President Trump" and "Mr. Trump" become "Donald Trump" when the
article names him in full somewhere. The index is built from the named
entities of the whole document, then every capitalised occurrence of a known
surname counts as a mention too: the tagger sometimes misses a name it found
elsewhere in the same article ("Trump echoed …" tagged as a common noun), and
the whole document knows better than one sentence. So does a one-word
organisation ("Verizon" tagged a nationality), and a person's gender where no
first name or honorific shows it: the pronouns after the name say it
("Clinton told the crowd that she …"; ``quotes.name_evidence``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span

from quotes.name_evidence import (
    GENDERED_PRONOUNS,
    KINSHIP_NOUNS,
    PERSON_LABELS,
    described_by,
    described_gender,
    family_owner,
    gender_after,
)

# Words that give a role, not a name: stripped from the name and kept as ``role``.
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. professor rev rev. reverend father
    president vice prime minister secretary sen sen. senator rep rep. representative gov gov. governor
    mayor judge justice chancellor king queen prince princess pope general gen gen. col col. colonel
    lt lt. capt capt. captain sgt sgt. sergeant chief ceo chairman chairwoman chair spokesman
    spokeswoman spokesperson deputy former ambassador attorney counsel commissioner director leader
    speaker premier sheikh emir ayatollah cardinal bishop archbishop officer adviser advisor aide
    candidate nominee founder coach manager host anchor correspondent economist analyst
    defense defence foreign interior finance health state treasury home first lady lieutenant
    del del. delegate assemblyman assemblywoman councillor councilor councilman councilwoman alderman
    """.split()
)
# A surname this long, one letter off another in the same article, is a misspelling of it (_by_spelling_variant).
MIN_VARIANT_LENGTH = 6
# A first name this long, one letter off another with the same surname and no name itself, is a misspelling of it.
MIN_FIRST_VARIANT_LENGTH = 5
# Title words that only qualify another ("Secretary of State", "Defense Secretary", "Vice President"): "the
# state" or "the first" in an article is never the person holding such a title.
ROLE_MODIFIERS = frozenset(
    "defense defence foreign interior finance health state treasury home first former deputy vice prime of"
    .split()
)
# Abbreviated titles and the nouns a later description uses for them.
TITLE_ABBREVIATIONS = {
    "sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "capt": "captain", "sgt": "sergeant", "prof": "professor", "rev": "reverend",
    "del": "delegate", "dr": "doctor", "supt": "superintendent", "atty": "attorney",
}
# Nouns news uses to refer back to a person it has named rather than to introduce one: "the billionaire
# businessman", "the gambling tycoon", "the self-described democratic socialist", and in features "the affable
# proprietor", "the Air Force veteran". Not "the official", "the source", "the moderator", nor performers: "the
# Lincoln actor" of an ad is nobody the article names. "A nurse … / The nurse" is still nobody named
# (``description_subject``).
DESCRIPTOR_NOUNS = frozenset("""
    businessman businesswoman billionaire tycoon mogul magnate developer entrepreneur philanthropist socialist
    lawmaker congressman congresswoman politician legislator republican democrat
    proprietor owner resident dad mom veteran activist organizer volunteer supporter critic
    lawyer expert journalist editor student teacher doctor nurse farmer author writer artist
    """.split())
# Party members, written with a capital: "the Kentucky Republican said" describes a person, it names nobody.
PARTY_NOUNS = frozenset({"republican", "democrat"})
# Nouns for a person news introduces without a name: "a campaign spokesman", "one senior official", "a voter".
PERSON_NOUNS = TITLE_WORDS | DESCRIPTOR_NOUNS | frozenset(KINSHIP_NOUNS) | frozenset("""
    official source aide staffer strategist operative consultant pollster donor activist organizer volunteer
    man woman person resident voter supporter opponent critic worker employee member lawyer expert witness
    friend neighbor neighbour reporter journalist editor student teacher doctor nurse agent executive owner
    observer participant protester attendee veteran farmer officer investigator prosecutor
    """.split())
# Nouns that call an organisation by its kind: "the union said" after "the Association of Flight Attendants".
ORGANISATION_NOUNS = frozenset("""
    union bank company firm agency group organization organisation department committee council board court
    network newspaper paper association coalition league federation foundation institute commission bureau
    corporation business retailer airline manufacturer automaker insurer lender utility charity ministry office
    """.split())
# Nouns that make an organisation of the person who owns them: "the Trump campaign", "Obama's administration".
PERSONAL_ORGANISATIONS = frozenset({"campaign", "administration"})
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady".split())
MALE_HONORIFICS = frozenset("mr mr. sir lord king prince father".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss dame lady queen princess".split())
# No name mention is longer than this: how far back a lookup by position looks for one that covers it.
MAX_NAME_CHARS = 60
# How many pronouns after a name, all of one gender, settle a person's gender (quotes.name_evidence).
MIN_GENDER_VOTES = 2
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation: the key two spellings share."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"\s+", " ", text).strip()


# Generational suffixes: part of the name as written, never its surname ("King" in "Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@functools.lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=4096)
def same_first_name(a: str, b: str) -> bool:
    """Two normalised first names of one person: equal, one a nickname of the other ("bobby" / "robert",
    "bernie" / "bernard"), by the curated list of the ``nicknames`` package, or a long name misspelt by one
    letter where the misspelling is no name of its own ("Donand Trump" in a reader's tweet; "maria" and "mario"
    are two people). Two nicknames of one name are not taken as one ("bill" and "bob" both shorten names that
    "robert" is among)."""
    if a == b:
        return True
    nicknamer = _nicknamer()
    if b in nicknamer.canonicals_of(a) or a in nicknamer.canonicals_of(b):
        return True
    return min(len(a), len(b)) >= MIN_FIRST_VARIANT_LENGTH and a[0] == b[0] \
        and Levenshtein.distance(a, b, score_cutoff=1) <= 1 \
        and None in (first_name_gender(a), first_name_gender(b))


def _organisation_words(person: NameCluster, noun: str) -> tuple[str, str]:
    """How news names a person's campaign or administration: by surname ("Trump campaign")."""
    return [w for w in person.words if normalise_name(w) not in SUFFIXES][-1], noun


def name_key(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The normalised words of a name, the form every comparison of names uses."""
    return tuple(normalise_name(w) for w in words)


def surname_key(words: list[str] | tuple[str, ...], normalised: bool = False) -> str:
    """The normalised surname of a name's words: the last word that is not a generational suffix."""
    keys = list(words if normalised else name_key(words))
    while len(keys) > 1 and keys[-1] in SUFFIXES:
        keys.pop()
    return keys[-1] if keys else ""


def suffix_key(words: list[str] | tuple[str, ...], normalised: bool = False) -> str:
    """The generational suffix a name ends with ("jr"), or "": Donald Trump and Donald Trump Jr. are two people."""
    if len(words) < 2:
        return ""
    last = words[-1] if normalised else normalise_name(words[-1])
    return last if last in SUFFIXES else ""


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading title words ("Defense Secretary", "Mr.") from the name words."""
    i = 0
    while i < len(words) - 1 and (words[i].lower() in TITLE_WORDS or _is_nationality(words, i)):
        i += 1
    return words[:i], words[i:]


def _is_nationality(words: list[str], i: int) -> bool:
    # "Russian President Vladimir Putin": an adjective in front of a title word.
    return (
        words[i][:1].isupper()
        and words[i].endswith(("an", "ese", "ish", "i"))
        and i + 1 < len(words)
        and words[i + 1].lower() in TITLE_WORDS
    )


@dataclass
class NameCluster:
    name: str
    kind: str  # "person" | "organisation"
    words: tuple[str, ...]
    role: str | None = None
    gender: str | None = None  # "m" | "f" when an honorific or the first name says so
    mentions: list[tuple[int, int]] = field(default_factory=list)
    ambiguous: bool = False  # a short form matched this and another cluster: its name may not be this one's
    key: tuple[str, ...] = ()  # name_key(words), computed once
    described_as: set[str] = field(default_factory=set)  # "proprietor" for "Alfonso Espinos, the proprietor"

    def __post_init__(self) -> None:
        self.key = name_key(self.words)

    @property
    def surname(self) -> str:
        return surname_key(self.key, normalised=True)

    @property
    def first(self) -> str | None:
        return self.words[0].lower() if len(self.words) > 1 else None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    cluster: NameCluster


class NameIndex:
    """Clusters of name mentions in one document, and lookup from any span to its cluster."""

    def __init__(self, doc: Doc, quoted: Callable[[int], bool] | None = None):
        self.doc = doc
        self._quoted = quoted or (lambda i: False)
        self.clusters: list[NameCluster] = []
        self._mentions: list[Mention] = []
        # Lookups by key, so that matching a name costs the same however many names the article has.
        self._by_key: dict[tuple[str, ...], NameCluster] = {}
        self._people_by_surname: dict[str, list[NameCluster]] = {}
        self._orgs_by_last_word: dict[str, list[NameCluster]] = {}
        self._people_by_first: dict[str, list[NameCluster]] = {}
        self._build()

    # -- building ---------------------------------------------------------
    def _build(self) -> None:
        raw = []
        lower_words = {t.text for t in self.doc if t.text.islower()}
        first_names: dict[str, set[str]] = {}  # surname → first names of the people the tagger found
        for ent in self.doc.ents:
            words = [t.text for t in ent if not _POSSESSIVE.fullmatch(t.text)]  # "Donald Trump's": "'s" a token
            if ent.label_ in PERSON_LABELS and words:
                first_names.setdefault(_POSSESSIVE.sub("", words[-1]).lower(), set()).add(
                    normalise_name(words[0]) if len(words) > 1 else "")
        for ent in self.doc.ents:
            if ent.label_ in PERSON_LABELS or ent.label_ == "ORG":
                words = _name_words(ent)
                if not words:
                    continue
                titles, name_words = split_title(words)
                if ent.label_ == "ORG" and titles and any(w.lower() in ORGANISATION_NOUNS for w in name_words):
                    titles, name_words = [], words  # "State Department", "Foreign Ministry": no title in them
                titles += _preceding_titles(ent)
                if not name_words or all(w.lower() in TITLE_WORDS for w in name_words):
                    continue
                if len(ent) == 1 and ent[0].is_sent_start and ent.text.lower() in lower_words:
                    continue  # "Bank executives aren't." opens a sentence; the article writes "the bank"
                is_person = ent.label_ in PERSON_LABELS or _organisation_is_person(ent, name_words, first_names)
                kind = "person" if is_person else "organisation"
                raw.append((ent.start_char, ent.end_char, kind, name_words, titles))
        # Full names first so that short forms can join them; among surnames alone, those with "Mr." / "Mrs."
        # first, so that a plain "Obama" follows the "Mr. Obama" who is not the article's "Michelle Obama".
        for start, end, kind, words, titles in sorted(raw, key=lambda r: (-len(r[3]), _honorific_gender(r[4]) is None)):
            cluster = self._match(words, kind, gender=_honorific_gender(titles), at=start)
            if cluster is None:
                cluster = self._add_cluster(NameCluster(name=" ".join(words), kind=kind, words=tuple(words)))
                if cluster.kind == "person" and cluster.first is not None:
                    cluster.gender = first_name_gender(cluster.words[0])
            cluster.mentions.append((start, end))
            self._learn_titles(cluster, titles)
        self._add_personal_organisations()
        self._learn_described_roles()
        self._learn_genders()
        self._add_surname_mentions()
        self._mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]
        self._learn_genders_from_pronouns()  # over every mention, "Christie" untagged included
        self._name_family_members()
        self._index_words()

    def _add_personal_organisations(self) -> None:
        """"The Trump campaign" and "Donald Trump's campaign" speak as one organisation, "Trump campaign", so
        that a later "the campaign" or "it" can point back to it; named for the person's surname, as news
        writes it."""
        for token in self.doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in PERSONAL_ORGANISATIONS:
                continue
            owner = next((c for c in token.children
                          if c.dep_ in ("poss", "compound") and c.i < token.i and c.pos_ == "PROPN"), None)
            if owner is None or any(c.dep_ == "det" and c.lower_ != "the" for c in token.children):
                continue  # "a Trump administration" is a hypothesis, not a speaker
            first = owner.left_edge.i
            words = [_POSSESSIVE.sub("", t.text) for t in self.doc[first : owner.i + 1] if t.pos_ == "PROPN"]
            _, words = split_title(words)
            owner_cluster = self._by_words(words) if words else None  # NER tags "Donald Trump’s" ORG at times
            if owner_cluster is None:
                continue
            words = _organisation_words(owner_cluster, token.lemma_.lower())
            cluster = self._by_key.get(name_key(words)) or self._add_cluster(
                NameCluster(name=" ".join(words), kind="organisation", words=words))
            cluster.mentions.append((self.doc[first].idx, token.idx + len(token.text)))

    def _learn_described_roles(self) -> None:
        """The nouns the article describes a person with (``described_by``: "Alfonso Espinos, the affable
        proprietor of Comic Vault"), so that a later "the proprietor said" finds him (``description``)."""
        for cluster in self.clusters:
            if cluster.kind != "person":
                continue
            for start, end in cluster.mentions:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    cluster.described_as.update(n.lemma_.lower() for n in described_by(span))

    def _learn_titles(self, cluster: NameCluster, titles: list[str]) -> None:
        if not titles:
            return
        cluster.gender = _honorific_gender(titles) or cluster.gender  # "Ms. Kim Davis" over the first name
        role_words = [t for t in titles if t.lower() not in HONORIFICS]
        if role_words and (cluster.role is None or len(role_words) > len(cluster.role.split())):
            cluster.role = " ".join(role_words)

    def _learn_genders(self) -> None:
        """A person the article describes with a gendered noun ("Keith Lamont Scott's wife, Rakeyia Scott", whose
        first name tells no gender) takes that gender. A surname-only person ("Clinton") takes the gender all
        full names with that surname agree on (a full name's own comes from its honorific or first name as the
        cluster is made)."""
        people = [c for c in self.clusters if c.kind == "person"]
        for cluster in people:
            if cluster.gender is None:
                cluster.gender = described_gender(cluster.described_as)
        for cluster in people:
            if cluster.gender is None and cluster.first is None:
                others = [c for c in self._people_by_surname[cluster.surname] if c is not cluster]
                genders = {c.gender for c in others}
                if len(genders) == 1:
                    cluster.gender = genders.pop()
                elif not others:
                    # A name written alone and nobody's surname is, in features, a first name: "Melanie".
                    cluster.gender = first_name_gender(cluster.words[0])

    def _learn_genders_from_pronouns(self) -> None:
        """A person whose gender neither a first name nor an honorific shows ("Olumide Abara", "Obama" written
        without a first name, "Clinton" in an article that names both Hillary and Bill Clinton) takes the gender
        of the pronouns that follow the name used as a subject ("Clinton told the crowd that she …", "Clinton
        noted the clot's existence. After saying …, she was whisked off"), when two or more do and all agree.
        A surname alone then joins the one full name of that gender when every other person of the surname shows
        another; without it, "Clinton" is a rival for every "he" and never the subject rule's "she"."""
        for cluster in [c for c in self.clusters if (c.kind == "person" and c.gender is None)
                        or (c.kind == "organisation" and len(c.key) == 1)]:
            was_organisation = cluster.kind == "organisation"
            votes = Counter(g for s, e in cluster.mentions
                            if (g := gender_after(self.doc, s, e, self._quoted, not was_organisation)) is not None)
            if len(votes) != 1 or sum(votes.values()) < MIN_GENDER_VOTES:
                continue
            if was_organisation:  # "Trump said he …", the name tagged an organisation all through the article
                self._orgs_by_last_word[cluster.key[-1]].remove(cluster)
                cluster.kind = "person"
                self._people_by_surname.setdefault(cluster.surname, []).append(cluster)
            cluster.gender = next(iter(votes))
            others = [c for c in self._people_by_surname.get(cluster.surname, ()) if c is not cluster]
            holders = [c for c in others if c.gender == cluster.gender]
            if len(cluster.key) == 1 and len(holders) == 1 and all(c.gender for c in others) \
                    and (len(others) > 1 or was_organisation):
                self._merge(cluster, holders[0])

    def _name_family_members(self) -> None:
        """"his wife, Laura" and "Mark Barden's son, Daniel" are Laura Bush and Daniel Barden: a first name
        written alone in apposition to a family noun takes the surname of the person it belongs to, so the
        database stores her under a name search can find. It keeps its place in the lookups by its own word, so
        that a later "Bush" alone still finds George W. Bush as before."""
        for cluster in self.clusters:
            if cluster.kind != "person" or len(cluster.key) != 1 \
                    or len(self._people_by_surname.get(cluster.surname, ())) > 1:
                continue
            owner = next((o for s, e in cluster.mentions if (o := self._family_of(s, e)) is not None), None)
            if owner is None or owner is cluster or (len(owner.key) == 1 and first_name_gender(owner.words[0])):
                continue  # "Melanie's son, Kevin" is not Kevin Melanie
            surname = next(w for w in reversed(owner.words) if normalise_name(w) == owner.surname)
            if not surname[:1].isupper():
                continue  # "Mercer and his daughter Rebekah poured … into a pro-Cruz super-PAC"
            cluster.words = (*cluster.words, surname)
            cluster.name, cluster.key = " ".join(cluster.words), name_key(cluster.words)
            self._by_key.setdefault(cluster.key, cluster)

    def _family_of(self, start: int, end: int) -> NameCluster | None:
        owner = family_owner(self.doc, start, end)
        if owner is None:
            return None
        if owner.pos_ == "PROPN":
            return self._person_at(owner.idx)
        gender = GENDERED_PRONOUNS.get(owner.lower_)
        people = [self._person_at(t.idx) for t in reversed(owner.sent[: owner.i - owner.sent.start])
                  if t.ent_type_ in PERSON_LABELS and t.ent_iob_ == "B"]
        return next((c for c in people if c is not None and c.gender in (gender, None)), None) if gender else None

    def _person_at(self, pos: int) -> NameCluster | None:
        cluster = self.cluster_at(pos)
        return cluster if cluster is not None and cluster.kind == "person" else None

    def _merge(self, short: NameCluster, full: NameCluster) -> None:
        """Fold a short form's cluster into the full name it stands for."""
        full.mentions = sorted(full.mentions + short.mentions)
        self._mentions = [Mention(m.start, m.end, full) if m.cluster is short else m for m in self._mentions]
        self.clusters.remove(short)
        self._people_by_surname[short.surname].remove(short)
        self._by_key[short.key] = full

    def _add_cluster(self, cluster: NameCluster) -> NameCluster:
        self.clusters.append(cluster)
        self._by_key.setdefault(cluster.key, cluster)
        if cluster.kind == "person":
            self._people_by_surname.setdefault(cluster.surname, []).append(cluster)
            if cluster.first is not None:
                self._people_by_first.setdefault(normalise_name(cluster.first), []).append(cluster)
        else:
            self._orgs_by_last_word.setdefault(cluster.key[-1], []).append(cluster)
        return cluster

    def _match(self, words: list[str], kind: str, building: bool = True, gender: str | None = None,
               at: int | None = None) -> NameCluster | None:
        """The one cluster these name words belong to; while building, a tie between organisations or full
        names marks the candidates ambiguous. A surname alone that two people share makes a cluster of its own
        and leaves theirs as they are: their full names still say who they are. A person of another ``gender``
        than the honorific says ("Mr. Obama" against "Michelle Obama") is not one. A surname written ``at`` a
        point where only one person of that surname has been named in full is that person ("Rep. Robert C.
        Scott … Scott said", though a Sen. Tim Scott comes up later)."""
        key = name_key(words)
        if at is not None and kind == "person" and len(key) == 1:
            introduced = self._introduced(key[0], at, gender)
            if introduced is not None:
                return introduced
        exact = self._by_key.get(key)
        if exact is not None:
            return exact
        if kind == "person":
            suffix = suffix_key(key, normalised=True)
            same_name = [c for c in self._people_by_surname.get(surname_key(key, normalised=True), ())
                         if len(key) == 1 or (same_first_name(key[0], c.key[0])
                                              and suffix == suffix_key(c.key, normalised=True))]
            candidates = [c for c in same_name if gender is None or c.gender in (None, gender)]
            if same_name and not candidates:
                return None  # "Mr. Obama" is not "Michelle Obama", nor anybody whose first name is Obama
        else:
            candidates = [c for c in self._orgs_by_last_word.get(key[-1], ()) if _org_short_form(key, c.key)]
        if len(candidates) == 1:
            return candidates[0]
        if building and not (kind == "person" and len(key) == 1):
            for cluster in candidates:
                cluster.ambiguous = True
        if kind == "person" and len(key) == 1 and not candidates:
            return self._by_first_name(key[0]) or self._by_spelling_variant(key[0])
        return None

    def _introduced(self, surname: str, at: int, gender: str | None = None) -> NameCluster | None:
        """The one person named in full before ``at`` with this surname, when people of that surname are
        several in the article but only one has been introduced so far."""
        full = [c for c in self._people_by_surname.get(surname, ()) if len(c.key) > 1]
        if len(full) < 2:
            return None
        introduced = [c for c in full if _named_before(c, at) and (gender is None or c.gender in (None, gender))]
        return introduced[0] if len(introduced) == 1 else None

    def _by_first_name(self, word: str) -> NameCluster | None:
        """A one-word name that is nobody's surname but exactly one person's first name: "Laura" after
        "Laura Bush" in a feature, "Ban" after "Ban Ki-moon" (family name first)."""
        owners = self._people_by_first.get(word, ())
        return owners[0] if len(owners) == 1 else None

    def _by_spelling_variant(self, word: str) -> NameCluster | None:
        """A surname alone that is one letter off exactly one person's surname in the article: "McLenney" a
        paragraph after "Tyresha McClenney" is the same woman misspelt. Long names only, first letter kept."""
        if len(word) < MIN_VARIANT_LENGTH:
            return None
        owners = [c for surname, clusters in self._people_by_surname.items() for c in clusters
                  if surname[:1] == word[:1] and len(surname) >= MIN_VARIANT_LENGTH
                  and Levenshtein.distance(surname, word, score_cutoff=1) <= 1]
        return owners[0] if len(owners) == 1 else None

    def _add_surname_mentions(self) -> None:
        covered = {m for c in self.clusters for m in c.mentions}
        for cluster in self.clusters:
            for start, end in cluster.mentions:
                self._mentions.append(Mention(start, end, cluster))
        by_surname = self._people_by_surname
        for token in self.doc:
            if not token.text[:1].isupper() or token.ent_type_ in PERSON_LABELS:
                continue
            surname = normalise_name(_POSSESSIVE.sub("", token.text))
            owners = by_surname.get(surname)
            if owners and len(owners) > 1:
                introduced = self._introduced(surname, token.idx)
                owners = [introduced] if introduced is not None else owners
            if owners and len(owners) == 1 and (token.idx, token.idx + len(token.text)) not in covered:
                span = (token.idx, token.idx + len(_POSSESSIVE.sub("", token.text)))
                self._mentions.append(Mention(span[0], span[1], owners[0]))
                owners[0].mentions.append(span)
        self._add_organisation_repeats()

    def _add_organisation_repeats(self) -> None:
        """A one-word organisation name is that organisation wherever the article writes it, whatever the tagger
        called it there: "Verizon" tagged an organisation four times and a nationality nine is one company, and
        "They also said that Verizon was trying …" names it as a subject for a later "the company"."""
        orgs = {c.words[0]: c for c in self.clusters if c.kind == "organisation" and len(c.words) == 1
                and c.words[0][:1].isupper() and len(c.words[0]) > 3}
        if not orgs:
            return
        taken = sorted((m.start, m.end) for m in self._mentions)
        starts = [s for s, _ in taken]
        for token in self.doc:
            word = _POSSESSIVE.sub("", token.text)
            cluster = orgs.get(word)
            if cluster is None or token.ent_type_ in PERSON_LABELS:
                continue
            if any(t.pos_ == "PROPN" and t.dep_ in ("compound", "flat") and t.head.i == token.i for t in token.lefts) \
                    or (token.dep_ in ("compound", "flat") and token.head.pos_ == "PROPN"):
                continue  # part of a longer name: "Verizon Wireless"
            k = bisect_right(starts, token.idx) - 1
            if k >= 0 and taken[k][1] > token.idx:
                continue
            span = (token.idx, token.idx + len(word))
            self._mentions.append(Mention(span[0], span[1], cluster))
            cluster.mentions.append(span)

    # -- lookup -------------------------------------------------------------
    def cluster_for(self, span: Span) -> NameCluster | None:
        """The cluster a speaker span names, by entity mentions inside it or by its name words."""
        inside = self.mentions_between(span.start_char, span.end_char)
        if inside:
            return max(inside, key=lambda m: m.end - m.start).cluster
        words = [t.text for t in span if t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start)]
        return self._by_words(words)

    def organisation_of(self, person: NameCluster, noun: str) -> NameCluster | None:
        """A person's campaign or administration ("Clinton campaign"), when the article names it."""
        return self._by_key.get(name_key(_organisation_words(person, noun)))

    def by_name(self, text: str) -> NameCluster | None:
        """The cluster a written name belongs to ("PENCE" in a transcript → Mike Pence), or None."""
        return self._by_words(text.split())

    def _by_words(self, words: list[str]) -> NameCluster | None:
        _, name_words = split_title([_POSSESSIVE.sub("", w) for w in words])
        if not name_words:
            return None
        return self._match(name_words, "person", building=False) or self._match(
            name_words, "organisation", building=False)

    def cluster_at(self, pos: int) -> NameCluster | None:
        """The cluster of the name mention that covers character ``pos``, if any; of two that do ("Donald Trump's
        campaign" and "Donald Trump"), the one that starts first, the first indexed."""
        covering = None
        k = bisect_right(self._starts, pos) - 1
        while k >= 0 and self._mentions[k].start >= pos - MAX_NAME_CHARS:
            if self._mentions[k].end > pos:
                covering = self._mentions[k].cluster
            k -= 1
        return covering

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        lo = bisect_right(self._starts, start - 1)
        out = []
        for mention in self._mentions[lo:]:
            if mention.start >= end:
                break
            if mention.end <= end:
                out.append(mention)
        return out

    def mentions_before(self, pos: int, window_chars: int = 1200) -> list[Mention]:
        """Name mentions that end before ``pos``, nearest last."""
        return self.mentions_between(max(0, pos - window_chars), pos)

    def by_role(self, head_noun: str, before: int) -> NameCluster | None:
        """The one person named before ``before`` whose title contains this noun ("the president" → President
        Trump). A holder the article names only later is not whom the description points back to."""
        hits = self.all_by_role(head_noun, before)
        return hits[0] if len(hits) == 1 else None

    def has_roles(self) -> bool:
        return bool(self._by_role_word)

    def all_by_role(self, head_noun: str, before: int) -> list[NameCluster]:
        return [c for c in self._by_role_word.get(head_noun.lower(), []) if _named_before(c, before)]

    def org_by_head(self, head_noun: str, before: int) -> NameCluster | None:
        """The one organisation named before ``before`` whose name contains this noun ("the ministry" → Foreign
        Ministry)."""
        hits = [c for c in self._orgs_by_word.get(head_noun.lower(), []) if _named_before(c, before)]
        return hits[0] if len(hits) == 1 else None

    @staticmethod
    def roles_of(cluster: NameCluster) -> list[str]:
        """The nouns a description could call this person by: title words ("Sen. Lindsey Graham" is "the
        senator") and the nouns the article described them with, never a mere modifier ("state")."""
        titles = [TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in cluster.role.lower().split()] if cluster.role else []
        return [w for w in dict.fromkeys([*titles, *sorted(cluster.described_as)]) if w not in ROLE_MODIFIERS]

    def _index_words(self) -> None:
        """Role words and organisation name words → clusters, once the clusters are complete."""
        self._by_role_word: dict[str, list[NameCluster]] = {}
        self._orgs_by_word: dict[str, list[NameCluster]] = {}
        for cluster in self.clusters:
            for word in self.roles_of(cluster):
                self._by_role_word.setdefault(word, []).append(cluster)
            if cluster.kind == "organisation":
                for word in dict.fromkeys(normalise_name(cluster.name).split()):
                    self._orgs_by_word.setdefault(word, []).append(cluster)


def _named_before(cluster: NameCluster, pos: int) -> bool:
    return any(start < pos for start, _ in cluster.mentions)


def _organisation_is_person(ent: Span, words: list[str], first_names: dict[str, set[str]]) -> bool:
    """A name the tagger calls an organisation that is a person: one the article describes as a person ("Maryam
    Violet, an Iranian journalist", "Harlan Crow, a Texas real estate developer"), or the surname of a person the
    article names, alone or after a first name or that person's first name misspelt ("Trump", "Melania Trump",
    "Donand Trump"). Never a name whose own words name an organisation ("the Bernie Delegates Network", "Trump
    Foundation"), nor a dateline's "CLEVELAND Donald Trump"."""
    if any(w.lower() in ORGANISATION_NOUNS for w in words):
        return False
    if any(n.lemma_.lower() in PERSON_NOUNS for n in described_by(ent)):
        return True
    known = first_names.get(words[-1].lower())
    if known is None:
        return False
    first = words[0]
    return len(words) == 1 or not first.isupper() and (
        first_name_gender(first) is not None or any(same_first_name(normalise_name(first), f) for f in known if f))


def _honorific_gender(titles: list[str]) -> str | None:
    lowered = {t.lower() for t in titles}
    return "m" if lowered & MALE_HONORIFICS else "f" if lowered & FEMALE_HONORIFICS else None


@functools.cache
def _gender_detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(first: str) -> str | None:
    """"m" or "f" for a first name that is clearly one or the other (gender-guesser's name dictionary, which
    covers first names of many countries); None for initials, unisex or unknown names and "mostly" answers."""
    if len(first.rstrip(".")) < 2:
        return None
    return {"male": "m", "female": "f"}.get(_gender_detector().get_gender(first))


FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _name_words(span: Span) -> list[str]:
    """The words of a name as written: tokens not parted by a space stay one word ("Ki-moon", "O’Neil"), a
    nickname in quote marks is left out ("Robert C. “Bobby” Scott"). A verb the entity recogniser swept in at
    the end is not part of it ("Christie added"), nor a headline's Title Case verb and what follows it
    ("Donald Trump Is Right About", "Hillary Clinton Wins Debate")."""
    end = next((t.i for t in span[1:] if t.tag_ in FINITE_VERB_TAGS), span.end)
    while end > span.start + 1 and span.doc[end - 1].is_lower and span.doc[end - 1].pos_ in ("VERB", "AUX"):
        end -= 1
    span = span.doc[span.start : end]
    words, current = [], ""
    for t in span:
        current += t.text
        if t.whitespace_ or t.i == span.end - 1:
            word = current.strip(".,;:()[]\"“”‘’'-–—―")
            if words and current.startswith(("“", '"')) and current.rstrip(",").endswith(("”", '"')):
                current = ""
                continue  # Robert C. “Bobby” Scott: a nickname in quote marks is not one of the name's words
            if any(ch.isalnum() for ch in word):
                short_abbreviation = current.endswith(".") and len(word) <= 3  # "Mr.", "Jr.", "St."
                words.append(word + "." if short_abbreviation else word)
            current = ""
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    if words and words[0].lower() == "the":
        words = words[1:]
    return [w for w in words if w]


def _preceding_titles(ent: Span) -> list[str]:
    """Title words written just before an entity ("Defense Secretary" before "Pete Hegseth")."""
    titles: list[str] = []
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4:
        token = ent.doc[i]
        lower = token.text.lower()
        if lower in TITLE_WORDS or (titles and _is_nationality([token.text, titles[0]], 0)):
            titles.insert(0, token.text)
            i -= 1
        else:
            break
    return titles


def _org_short_form(key: list[str], ckey: list[str]) -> bool:
    # "the Kremlin" / "Kremlin"; "Pentagon" / "the Pentagon"; acronyms are left alone.
    return len(key) < len(ckey) and key == ckey[-len(key) :] and len(key[-1]) > 3
