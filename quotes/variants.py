"""How two copies of a quote relate: the pure rules behind quote clusters (no database here).

A cluster holds copies of one statement by one speaker. Every copy is compared with the cluster's *fullest*
text — the longest quoted (direct or mixed) copy, or the longest report when nobody quoted the words — and
never with another member: comparing members with each other chains different statements together through a
shared fragment ("War in Ukraine" inside two different sentences).

Relations of a copy to the fullest text:

- ``identical``: the same words (case, punctuation and quote marks aside);
- ``excerpt``: a contiguous part of it, or parts in order where the copy marks the cut (an ellipsis, a split
  quote, the pieces of a mixed quote);
- ``edited``: the same passage with words changed, added or dropped — the misquote candidates (a changed
  number makes another statement: "item 17" and "item 18" of a template);
- ``paraphrase``: reported speech by the same speaker that repeats a run of the quoted words.

A copy relates only when the speakers agree (both known and equal, or one not known); a paraphrase needs the
same known speaker on both sides. A fragment of fewer than four quoted words relates only as ``identical``, by
the same known speaker:
three words tell nothing about the statement around them — "start negotiations immediately" was both what
the two presidents' teams agreed to and what one of them would tell a third.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

FRAGMENT_WORDS = 4  # fewer quoted words: a fragment, which joins only the same fragment by the same speaker
REPORT_WORDS = 8  # an unquoted report joins another report by excerpt or edit only from this length
EDIT_MIN_WORDS = 6  # shorter copies are identical or excerpts, never edits: too little to tell an edit apart
EDIT_MATCHED = 0.75  # an edited copy keeps at least this share of its words from the fullest text …
EDIT_MAX_CHANGES = 4  # … and changes at most this many words (or a fifth of its words, if more)
EDGE_WORDS = 2  # … and has at most this many words of its own before or after the stretch it shares
PARAPHRASE_RUN = 5  # a report repeats at least this many quoted words in a row
_CUT = re.compile(r"…|\.\s?\.\s?\.")


@dataclass(frozen=True)
class Copy:
    """One text of a cluster: its normalised words and what decides how it may relate."""

    words: tuple[str, ...]
    kind: str  # direct | mixed | indirect
    speaker_id: int | None
    cuts: int = 0  # places the copy itself marks words as left out (ellipses, gaps between quoted pieces)

    @property
    def quoted(self) -> bool:
        return self.kind != "indirect"


@dataclass(frozen=True)
class Variant:
    relation: str  # identical | excerpt | edited | paraphrase
    removed: tuple[str, ...] = ()  # words of the fullest text the copy changed or dropped (edited only)
    added: tuple[str, ...] = ()  # words the copy has instead


def copy_of(norm_text: str, kind: str, speaker_id: int | None, quote: str = "", pieces: int = 1) -> Copy:
    """A stored quote as a ``Copy``: ``quote`` is the display text (ellipses, " … " between split pieces),
    ``pieces`` the number of quoted fragments of a mixed quote."""
    return Copy(tuple(norm_text.split()), kind, speaker_id, len(_CUT.findall(quote or "")) + max(0, pieces - 1))


def fuller(a: Copy, b: Copy) -> bool:
    """Whether ``a`` should be a cluster's fullest text rather than ``b``: quoted words before a report, then
    more words."""
    return (a.quoted, len(a.words)) > (b.quoted, len(b.words))


def relate(full: Copy, copy: Copy) -> Variant | None:
    """How ``copy`` relates to the cluster's fullest text ``full``, or None when it is not the same statement."""
    if full.speaker_id is not None and copy.speaker_id is not None and full.speaker_id != copy.speaker_id:
        return None
    if not copy.words or not full.words:
        return None
    if full.quoted and not copy.quoted:
        return _paraphrase(full, copy)
    if copy.quoted and not full.quoted:
        return None  # the quoted copy is the fuller text: compare the other way round
    n = len(copy.words)
    if copy.words == full.words:
        known = full.speaker_id is not None and copy.speaker_id is not None
        return Variant("identical") if known or n >= FRAGMENT_WORDS else None
    n = len(copy.words)
    if n < (FRAGMENT_WORDS if copy.quoted else REPORT_WORDS):
        return None
    matcher = SequenceMatcher(None, full.words, copy.words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    if matched == n:
        breaks = sum(1 for x, y in zip(blocks, blocks[1:]) if y.a != x.a + x.size)
        if breaks <= copy.cuts:
            return Variant("excerpt")
    if n < max(EDIT_MIN_WORDS, 0 if copy.quoted else REPORT_WORDS) or matched < EDIT_MATCHED * n:
        return None
    beyond = blocks[0].b + (n - blocks[-1].b - blocks[-1].size)
    if beyond > EDGE_WORDS:
        return None  # the copy goes on where the fullest text does not: another (or an overlapping) statement
    lo, hi = blocks[0].a, blocks[-1].a + blocks[-1].size
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.extend(full.words[max(i1, lo):min(i2, hi)])  # outside the copied stretch is excerpting
            added.extend(copy.words[j1:j2])
    if len(removed) + len(added) > max(EDIT_MAX_CHANGES, n // 5):
        return None
    if any(any(ch.isdigit() for ch in w) for w in removed + added):
        return None  # "item 17" / "item 18": a template said twice, not one statement edited
    return Variant("edited", tuple(removed), tuple(added))


def _paraphrase(full: Copy, copy: Copy) -> Variant | None:
    if full.speaker_id is None or full.speaker_id != copy.speaker_id:
        return None
    run = SequenceMatcher(None, full.words, copy.words, autojunk=False).find_longest_match()
    return Variant("paraphrase") if run.size >= PARAPHRASE_RUN else None


def could_relate(a: Copy, b: Copy) -> bool:
    """A cheap test before ``relate``: enough shared words for any relation (most candidates fail here)."""
    shorter = min(len(set(a.words)), len(set(b.words)))
    if shorter == 0:
        return False
    shared = len(set(a.words) & set(b.words))
    return shared >= min(shorter * EDIT_MATCHED, PARAPHRASE_RUN) or shared == shorter


def marked_words(full_words: list[str], copy_words: list[str]) -> list[tuple[str, str]]:
    """The copy's words, each tagged ``same``, ``added`` (not in the fullest text there) or ``removed`` (a word of
    the fullest text the copy dropped or replaced, inside the copied stretch) — for showing an edit."""
    matcher = SequenceMatcher(None, full_words, copy_words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return [(w, "added") for w in copy_words]
    lo, hi = blocks[0].a, blocks[-1].a + blocks[-1].size
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((w, "same") for w in copy_words[j1:j2])
            continue
        out.extend((w, "removed") for w in full_words[max(i1, lo):min(i2, hi)])
        out.extend((w, "added") for w in copy_words[j1:j2])
    return out


def changes_text(removed: list[str] | tuple[str, ...] | None, added: list[str] | tuple[str, ...] | None) -> str:
    """The words an edited copy changed, as one line: "−peace +war" (empty for identical copies and excerpts)."""
    return " ".join([f"−{w}" for w in removed or ()] + [f"+{w}" for w in added or ()])
