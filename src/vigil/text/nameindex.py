"""A registry index for impersonation matching, built once and cached on disk keyed by the registry's
content.

One Aho-Corasick automaton holds every normalised key of every registry name: the loose key (exact and
containment matches after folding), phrase and per-character pinyin of CJK names, and *segments* of the
loose key (halves and thirds). A name with one or two edits still has an intact segment (pigeonhole), so a
single automaton pass over an observed key yields exact hits and fuzzy candidates together, without
comparing an account with every name; candidates are verified with rapidfuzz in the detector. Segments
shared by many names carry no signal and are left out.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

from vigil.cachefiles import cache_root, read_pickle, write_pickle
from vigil.model import Entity
from vigil.text.bulkhits import BulkArrays
from vigil.text.glyph_lookalikes import NEAR_PATH as NEAR_TABLE
from vigil.text.glyph_lookalikes import PATH as LOOKALIKE_TABLE
from vigil.text.glyph_lookalikes import near_neighbours, neighbours
from vigil.text.icuwords import segments as icu_segments
from vigil.text.lexicon import (
    ACRONYM_STOPLIST,
    ANCHOR_CONTEXT,
    ANCHOR_OUTLETS,
    ANCHOR_ROLES,
    ANCHOR_WEAK,
    BODY_ACRONYMS,
)
from vigil.text.normalize import (
    NameKeys,
    decoration_keys,
    fold,
    has_cjk,
    name_keys,
    pinyin_chars,
    pinyin_phrase,
    strip_trailing_decorations,
    u_umlaut_spellings,
)
from vigil.text.places import is_real_place


def _table_digest() -> str:
    """A short digest of the shipped look-alike table: `make model` may rewrite it, and an index cached with
    another table must be rebuilt (its look-alike spellings come from the table)."""
    digest = hashlib.sha256()
    for table in (LOOKALIKE_TABLE, NEAR_TABLE):
        try:
            digest.update(table.read_bytes())
        except OSError:
            digest.update(b"none")
    return digest.hexdigest()[:8]


INDEX_VERSION = f"imp-v57-{_table_digest()}"

# Key kinds stored in the automaton.
K_LOOSE = 0
K_PINYIN = 1  # phrase-aware pinyin of a CJK name (as typed in handles)
K_PINYIN_CHARS = 2  # per-character pinyin (homophone substitutions in display names)
K_SEGMENT = 3  # a half or a third of the loose key: fuzzy candidate only
K_LOOKALIKE = 4  # a short Chinese name with one character swapped for one that looks like it (glyph table)
K_SHORT_PINYIN = 5  # the pinyin of a Chinese name's usual short form (jiangsugongan: 江苏公安 of 江苏省公安厅)

MIN_LATIN_KEY = 3
MIN_CJK_KEY = 2
MIN_PINYIN_KEY = 6
MIN_INITIALS = 4
MIN_LATIN_SEG = 4
MIN_CJK_SEG = 2
MAX_SEGMENT_NAMES = 24  # a segment in more names than this is too common to propose candidates


PARALLEL_MIN_NAMES = 20_000  # below this, forking workers costs more than it saves


class PreparedName(NamedTuple):
    """A registry name's keys and what the index derives from them alone (computed in the key workers, so
    the serial indexing in the parent only files them)."""

    keys: NameKeys
    cjk: bool
    segments: tuple[str, ...]
    content_tokens: tuple[str, ...]
    """The name's tokens that are not decoration, sorted (the key of its token bag)."""
    lookalikes: tuple[str, ...]
    """The loose key spelled with one look-alike character (`lookalike_spellings`)."""
    abbrev_pinyin: tuple[tuple[str, str], ...] = ()
    """(pinyin, initials) of the name's usual Chinese short forms (`abbrev_pinyin`)."""


@lru_cache(maxsize=1)
def _decoration_set() -> frozenset[str]:
    return frozenset(decoration_keys())


def _prepare(raw: str) -> PreparedName:
    nk = name_keys(raw)
    cjk = has_cjk(nk.loose)
    min_len = MIN_CJK_KEY if cjk else MIN_LATIN_KEY
    decos = _decoration_set()
    return PreparedName(nk, cjk, tuple(sorted(segments(nk.loose, cjk))) if len(nk.loose) >= min_len else (),
                        tuple(sorted(t for t in nk.tokens if t not in decos)),
                        lookalike_spellings(nk.loose) if cjk else (), abbrev_pinyin(nk) if cjk else ())


_HEAD_CHARS = frozenset("部局委院办署厅队")


def abbrev_pinyin(nk: NameKeys) -> tuple[tuple[str, str], ...]:
    """(pinyin, initials) of a Chinese name's usual short forms (rank 0-1, or 2 from five characters; four characters, or three ending in
    a body's head: 国防部), as handles
    spell them: jiangsugongan / jsga for 江苏公安 (江苏省公安厅), bbzq for 北部战区. Matched in handles and Latin
    text only, never as sounds of Chinese text: a short form's homophone is too often another word."""
    out: dict[tuple[str, str], None] = {}
    # the forms as written (nk.abbrevs are folded: 合 reads as its look-alike 台 there, which sounds otherwise)
    for form, rank in nk.abbrev_forms:
        # three characters sound like a personal name (无国医 wuguoyi, 吴国怡) unless they end in a body's head
        # (rank 2, the less usual forms, only when long: 中国疾控中心)
        if (rank <= 1 or (rank == 2 and len(form) >= 5)) and (
                len(form) >= 4 or (len(form) == 3 and form[-1] in _HEAD_CHARS)) and CJK_ONLY.match(form):
            full, inits = pinyin_phrase(form)
            out[(fold(full).key, fold(inits).key)] = None
    return tuple(out)


LOOKALIKE_LENGTHS = range(3, 5)
"""Names of this many Chinese characters get look-alike spellings. Longer names reach the fuzzy path with one
character changed (4 of 5 is the 0.8 a Chinese near copy needs); two characters are too short: one swap there
makes too many other names."""
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_NUMERALS = frozenset("一二三四五六七八九十零〇百千万")


_FOLDED_LOOKALIKES: dict[str, frozenset[str]] = {}


def folded_lookalikes() -> dict[str, frozenset[str]]:
    """Folded character -> the folded characters that look like it (vigil.text.glyph_lookalikes), as folding
    leaves them on both sides (a curated look-alike is already its group's head). Folding the table's 6,700
    characters takes ~0.35 s: a cached index brings the result with it (`use_cached_tables`)."""
    if not _FOLDED_LOOKALIKES:
        _FOLDED_LOOKALIKES.update(_folded(neighbours()))
    return _FOLDED_LOOKALIKES


def _folded(table: dict[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for raw, alts in table.items():
        k = fold(raw).key
        if len(k) != 1:
            continue
        for alt in alts:
            a = fold(alt).key
            if len(a) == 1 and a != k:
                out.setdefault(k, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


_SPELLING_ALTERNATIVES: dict[str, frozenset[str]] = {}


def spelling_alternatives() -> dict[str, frozenset[str]]:
    """The look-alikes a short name is spelled with: the table's and the near pairs' (glyph_lookalikes), folded.
    Folding the 67k near pairs takes ~0.5 s: a cached index brings the result with it, as for the table."""
    if not _SPELLING_ALTERNATIVES:
        near = _folded(near_neighbours())
        table = folded_lookalikes()
        _SPELLING_ALTERNATIVES.update(
            (k, table.get(k, frozenset()) | near.get(k, frozenset())) for k in table.keys() | near.keys())
    return _SPELLING_ALTERNATIVES


def use_cached_tables(idx: NameIndex) -> None:
    """Take the folded look-alike tables a cached index was built with (the same tables: the index version
    carries their digest), instead of folding them again."""
    for cache, table in ((_FOLDED_LOOKALIKES, idx.folded_lookalikes), (_SPELLING_ALTERNATIVES, idx.spelling_alternatives)):
        if table and not cache:
            cache.update(table)


def lookalike_spellings(loose: str) -> tuple[str, ...]:
    """A short Chinese name's key with one character swapped for a look-alike (社/杜, 技/枝, 往/住; the near pairs too:
    报/抿, 宁/宇), unless the
    swap makes a word of its own there (湖南 -> 湘南, 公安 -> 公案: another name, not a counterfeit spelling of
    this one; ICU's dictionary decides what a word is). Numerals are never swapped: 第六/第三 are siblings."""
    if len(loose) not in LOOKALIKE_LENGTHS or not CJK_ONLY.match(loose):
        return ()
    table = spelling_alternatives()
    out: list[str] = []
    for i, ch in enumerate(loose):
        if ch in _NUMERALS:
            continue
        for alt in sorted(table.get(ch, ())):
            if alt in _NUMERALS:
                continue
            spelled = loose[:i] + alt + loose[i + 1 :]
            ws, we = word_span(spelled, i)
            if we - ws == 1:  # the swap makes no word of its own there
                out.append(spelled)
    return tuple(out)


def swap_makes_other_word(name: str, observed: str, i: int, j: int) -> bool:
    """Character `j` of `observed` stands where character `i` of `name` does, and differs: does it make another
    word where the name has its own (ICU's dictionary)? 西安/延安, 教育局/体育局, 华东/华北, 中央/中国: a real
    word there is another name, not a misspelling of this one. The name's text under that word must not cut
    one of the name's words (舟人 in 广舟人社 straddles 广州|人: no). A swap to a character of the same sound or
    a look-alike is still a counterfeit spelling (男方周末, 武井 for 武警: such lists are full of words), unless
    it spells a real place (vigil.text.places): 陕西/山西, 苏州/宿州 are both real; 温洲 is none."""
    a, b = name[i], observed[j]
    if same_sound(a, b) or looks_alike(a, b):
        # a counterfeit spelling, unless it spells a real place: 苏州 -> 宿州 and 山西 -> 陕西 are other places,
        # 温州 -> 温洲 and 北京 -> 北凉 are none
        return spells_other_place(name, observed, i, j)
    ws, we = word_span(observed, j)
    ns, ne = ws - j + i, we - j + i
    if we - ws < 2 or ns < 0 or ne > len(name):
        return False
    hs, he = word_span(name, i)
    return (hs <= ns and ne <= he) or {ns, ne} <= _word_bounds(name)


def spells_other_place(name: str, observed: str, i: int, j: int) -> bool:
    """Character `j` of `observed` stands for character `i` of `name`: do the two read as two real places there
    (vigil.text.places)? 苏州/宿州 and 山西/陕西 do (whatever ICU's dictionary holds); 温州/温洲 do not."""
    for size in (2, 3, 4):
        for start in range(j - size + 1, j + 1):
            n_start = start - j + i
            if start < 0 or n_start < 0 or start + size > len(observed) or n_start + size > len(name):
                continue
            if is_real_place(observed[start : start + size]) and is_real_place(name[n_start : n_start + size]):
                return True
    return False


def looks_alike(a: str, b: str) -> bool:
    """Two (folded) characters are look-alikes in the glyph table (vigil.text.glyph_lookalikes)."""
    return b in folded_lookalikes().get(a, ()) or b in neighbours().get(a, "")


def _word_bounds(text: str) -> set[int]:
    """Offsets where an ICU word of `text` starts or ends."""
    return set(accumulate((len(w) for w in icu_segments(text)), initial=0))


def same_sound(a: str, b: str) -> bool:
    return pinyin_chars(a) == pinyin_chars(b)


def word_span(text: str, i: int) -> tuple[int, int]:
    """The span of the ICU word of `text` that holds character `i`."""
    at = 0
    for word in icu_segments(text):
        if at + len(word) > i:
            return at, at + len(word)
        at += len(word)
    return i, i + 1


def _keys_chunk(raws: list[str]) -> list[PreparedName]:
    return [_prepare(r) for r in raws]


KEY_CHUNK = 4000  # names per task: small enough that the parent starts indexing soon after the workers start


def iter_name_keys(raws: list[str]) -> Generator[PreparedName, None, None]:
    """The `PreparedName` of every name, in order, as they are ready. A large registry is split over the cores in
    forked workers (they inherit the loaded ICU / OpenCC / pypinyin tables; only the keys travel back), and
    the caller indexes the first names while the workers compute the rest: the key computation and the
    serial indexing overlap instead of following each other."""
    import multiprocessing as mp

    workers = min(2, os.cpu_count() or 1)
    if (len(raws) < PARALLEL_MIN_NAMES or workers < 2 or mp.current_process().daemon
            or "fork" not in mp.get_all_start_methods()):
        yield from _keys_chunk(raws)
        return
    _prepare("中华人民共和国国务院行长 News")  # load the tables once, before forking
    spelling_alternatives()
    chunks = [raws[i : i + KEY_CHUNK] for i in range(0, len(raws), KEY_CHUNK)]
    with mp.get_context("fork").Pool(workers) as pool:
        for part in pool.imap(_keys_chunk, chunks):
            yield from part


class NameEntry(NamedTuple):
    entity: int  # index into NameIndex.entities
    name: str  # the registry name as written
    loose: str
    sorted_tokens: str  # non-decoration tokens, sorted and space-joined (word-reorder check)
    all_tokens: str  # every token, space-joined
    cjk: bool
    person: bool  # a news anchor's personal name: needs anchor/outlet context
    primary: bool  # the entity's first name (otherwise an alias)


class EntityEntry(NamedTuple):
    entity_id: str
    kind: str
    primary_name: str


@lru_cache(maxsize=1024)
def _segment_spans(n: int, cjk: bool) -> tuple[tuple[int, int], ...]:
    min_seg = MIN_CJK_SEG if cjk else MIN_LATIN_SEG
    spans: list[tuple[int, int]] = []
    for parts in (2, 3):
        if n // parts < min_seg:
            continue
        cuts = [round(i * n / parts) for i in range(parts + 1)]
        spans += [(cuts[i], cuts[i + 1]) for i in range(parts) if cuts[i + 1] - cuts[i] >= min_seg]
    return tuple(spans)


def segments(key: str, cjk: bool) -> set[str]:
    """Halves and thirds of a loose key (pigeonhole: one or two edits leave one of them intact). A Chinese name
    of 4-8 characters also gives every two-character piece: its halves are often a decoration the index does
    not keep (国家|药监局, 中国|社科院), and one swapped character must still leave some piece intact."""
    out = {key[a:b] for a, b in _segment_spans(len(key), cjk)}
    if cjk and len(key) in CJK_BIGRAM_LENGTHS:
        out.update(key[k : k + 2] for k in range(len(key) - 1))
    out.discard(key)
    return out


CJK_BIGRAM_LENGTHS = range(4, 9)


@dataclass
class NameIndex:
    entities: list[EntityEntry] = field(default_factory=list)
    names: list[NameEntry] = field(default_factory=list)
    automaton: Any = None  # ahocorasick.Automaton (STORE_INTS): key -> index into full_values / seg_values
    # per key: whole-key hits (name, kind, len) to verify one by one, and segment owners (fuzzy candidates)
    full_values: list[tuple[tuple[int, int, int], ...]] = field(default_factory=list)
    seg_values: list[tuple[int, ...]] = field(default_factory=list)
    initials: dict[str, list[int]] = field(default_factory=dict)
    short_initials: dict[str, list[int]] = field(default_factory=dict)  # of Chinese short forms (jsga: 江苏公安)
    token_bags: dict[str, list[int]] = field(default_factory=dict)  # sorted non-decoration tokens -> names
    entity_names: dict[str, list[int]] = field(default_factory=dict)  # entity_id -> its names
    context_automaton: Any = None  # anchor context words + news-media keys -> (term, strength)
    # pinyin keys only (K_PINYIN, K_PINYIN_CHARS), for the per-character pinyin of CJK text: a separate
    # automaton so that Latin names and segments do not hit there
    pinyin_automaton: Any = None  # key -> index into pinyin_values
    pinyin_values: list[tuple[tuple[int, int, int], ...]] = field(default_factory=list)
    # generated abbreviations (acronyms, Chinese short forms) -> ((name, rank), ...); matched only as the whole
    # observed name around decoration, never inside other words
    abbrev: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    abbrev_min: int = 0  # length of the shortest abbreviation key (a shorter core cannot be one)
    # acronyms of names without their place -> ((name, place key), ...): only with that place beside ("MOFA Japan")
    place_acronyms: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    loose_keys: list[str] = field(default_factory=list)  # per name (candidate ranking in bulk)
    bulk: BulkArrays | None = None  # the index's tables as flat arrays (built with it, cached with it)
    size: int = 0
    folded_lookalikes: dict[str, frozenset[str]] = field(default_factory=dict)  # cached with the index
    spelling_alternatives: dict[str, frozenset[str]] = field(default_factory=dict)  # ... and these
    version: str = INDEX_VERSION  # a cached index of another layout is rebuilt, never used

    # ------------------------------------------------------------ build

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> NameIndex:
        import ahocorasick

        idx = cls()
        pending: dict[str, list[tuple[int, int, int]]] = {}  # whole keys: loose and pinyin
        pin_pending: dict[str, list[tuple[int, int, int]]] = {}  # pinyin keys only
        seg_names: dict[str, list[int]] = {}
        seen_name: set[tuple[int, str]] = set()
        media_keys: set[str] = set()
        abbrev_pending: dict[str, list[tuple[int, int]]] = {}
        place_pending: dict[str, list[tuple[int, str]]] = {}
        look_pending: dict[str, list[tuple[int, int, int]]] = {}  # look-alike spellings of short Chinese names
        short_pending: dict[str, list[tuple[int, int, int]]] = {}  # pinyin of Chinese short forms
        decos = _decoration_set()
        ctx_keys = [k for k in (fold(w).key for w in ANCHOR_CONTEXT) if len(k) >= 2]
        ordered = sorted(entities, key=lambda e: e.entity_id)
        all_keys = iter_name_keys([raw for ent in ordered for raw in ent.names])
        for ent in ordered:
            e_i = len(idx.entities)
            idx.entities.append(EntityEntry(ent.entity_id, ent.kind, ent.names[0]))
            for n_i, raw in enumerate(ent.names):
                nk, cjk, segs_of_name, toks, spellings, short_pinyin = next(all_keys)
                # digits alone are not a name: a domain label such as 911 or 250 would match inside any handle
                if not nk.loose or nk.loose.isdigit() or (e_i, nk.loose) in seen_name:
                    continue
                seen_name.add((e_i, nk.loose))
                person = ent.kind == "news_anchor" and not any(k in nk.loose for k in ctx_keys)
                entry = NameEntry(e_i, raw, nk.loose, " ".join(toks), " ".join(nk.tokens), cjk, person, n_i == 0)
                name_i = len(idx.names)
                idx.names.append(entry)
                idx.entity_names.setdefault(ent.entity_id, []).append(name_i)
                if not cjk and len(toks) >= 2:
                    idx.token_bags.setdefault(entry.sorted_tokens, []).append(name_i)
                min_len = MIN_CJK_KEY if cjk else MIN_LATIN_KEY
                if len(nk.loose) >= min_len:
                    pending.setdefault(nk.loose, []).append((name_i, K_LOOSE, len(nk.loose)))
                    if nk.as_written:
                        pending.setdefault(nk.as_written, []).append((name_i, K_LOOSE, len(nk.as_written)))
                    for seg in segs_of_name:
                        seg_names.setdefault(seg, []).append(name_i)
                if cjk:
                    # every spelling of ü (lv, lu, lyu); a per-character key equal to a phrase key is not repeated
                    phrase = u_umlaut_spellings(nk.pinyin)
                    chars = [k for k in u_umlaut_spellings(nk.pinyin_chars) if k not in phrase]
                    for pk, kind in [*((k, K_PINYIN) for k in phrase), *((k, K_PINYIN_CHARS) for k in chars)]:
                        if len(pk) >= MIN_PINYIN_KEY:
                            pv = (name_i, kind, len(pk))
                            pending.setdefault(pk, []).append(pv)
                            pin_pending.setdefault(pk, []).append(pv)
                    if len(nk.initials) >= MIN_INITIALS:
                        idx.initials.setdefault(nk.initials, []).append(name_i)
                    if not person:
                        for pk, ik in short_pinyin:
                            if len(pk) >= MIN_PINYIN_KEY:
                                short_pending.setdefault(pk, []).append((name_i, K_SHORT_PINYIN, len(pk)))
                            if len(ik) >= MIN_INITIALS - 1 and name_i not in idx.short_initials.get(ik, ()):
                                idx.short_initials.setdefault(ik, []).append(name_i)
                for spelled in (() if person else spellings):
                    look_pending.setdefault(spelled, []).append((name_i, K_LOOKALIKE, len(spelled)))
                for ak, rank in (() if person else nk.abbrevs):
                    abbrev_pending.setdefault(ak, []).append((name_i, rank))
                for ak, place in (() if person else nk.place_acronyms):
                    place_pending.setdefault(ak, []).append((name_i, place))
                if ent.kind == "news_media" and len(nk.loose) >= min_len:
                    media_keys.add(nk.loose)
                    # the outlet as anchors' display names write it: "NBC" of "NBC News" ("Lester Holt NBC ...")
                    core = strip_trailing_decorations(nk.loose)
                    if core != nk.loose and len(core) >= min_len and core not in decos:
                        media_keys.add(core)
                    if cjk and len(nk.pinyin) >= MIN_PINYIN_KEY:
                        media_keys.add(nk.pinyin)
        all_keys.close()  # every key was taken: this ends the key workers now
        for spelled, owners in (*look_pending.items(), *short_pending.items()):
            if spelled not in pending:  # a spelling that is some name's own key is that name
                pending[spelled] = owners
        # segments shared by many names carry no signal; owners are in name order already
        segs = {seg: tuple(owners) for seg, owners in seg_names.items()
                if len(owners) <= MAX_SEGMENT_NAMES and seg not in decos}
        auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for v, key in enumerate(sorted(pending.keys() | segs.keys())):
            auto.add_word(key, v)
            idx.full_values.append(tuple(pending.get(key, ())))
            idx.seg_values.append(segs.get(key, ()))
        if len(auto):
            auto.make_automaton()
        idx.automaton = auto
        pin = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key in sorted(pin_pending):
            pin.add_word(key, len(idx.pinyin_values))
            idx.pinyin_values.append(tuple(pin_pending[key]))
        if idx.pinyin_values:
            pin.make_automaton()
        idx.pinyin_automaton = pin
        # a generated form that is some name's own key, a decoration, or too short is no abbreviation
        loose_all = {n.loose for n in idx.names} | {fold(w).key for w in ACRONYM_STOPLIST if w not in BODY_ACRONYMS}
        idx.abbrev = {k: tuple(v) for k, v in abbrev_pending.items()
                      if k not in loose_all and k not in decos and len(k) >= (MIN_CJK_KEY if has_cjk(k) else 3)}
        idx.abbrev_min = min((len(k) for k in idx.abbrev), default=0)
        idx.place_acronyms = {k: tuple(v) for k, v in place_pending.items()}
        idx.loose_keys = [n.loose for n in idx.names]
        ctx = ahocorasick.Automaton()
        strength: dict[str, int] = {}
        for words, level in ((ANCHOR_WEAK, 0), (media_keys, 1), (ANCHOR_OUTLETS, 1), (ANCHOR_ROLES, 2)):
            for w in words:
                k = fold(w).key
                if k:
                    strength[k] = max(strength.get(k, 0), level)
        for k, level in sorted(strength.items()):
            ctx.add_word(k, (k, level))
        if len(ctx):
            ctx.make_automaton()
        idx.context_automaton = ctx
        idx.size = len(idx.names)
        idx.folded_lookalikes = dict(folded_lookalikes())
        idx.spelling_alternatives = dict(spelling_alternatives())
        idx.bulk = BulkArrays.of(idx)
        return idx

    # ------------------------------------------------------------ query

    def hits(self, key: str) -> list[tuple[int, int, int, int]]:
        """(name_idx, key_kind, start, end) for every whole registry key (loose or pinyin, not segments)
        occurring in `key`."""
        auto = self.automaton
        if not key or auto is None or auto.kind != 2:  # 2 == ahocorasick.AHOCORASICK
            return []
        vals = self.full_values
        return [(name_i, kind, end - klen + 1, end + 1)
                for end, v in auto.iter(key) for name_i, kind, klen in vals[v]]

    def pinyin_hits(self, key: str) -> list[tuple[int, int, int, int]]:
        """(name_idx, key_kind, start, end) for every pinyin key of a registry name occurring in `key`."""
        auto = self.pinyin_automaton
        if not key or auto is None or auto.kind != 2:  # 2 == ahocorasick.AHOCORASICK
            return []
        vals = self.pinyin_values
        return [(name_i, kind, end - klen + 1, end + 1)
                for end, v in auto.iter(key) for name_i, kind, klen in vals[v]]

    def context_terms(self, key: str) -> list[str]:
        """Anchor-context words and news-media names inside `key`, longest first."""
        auto = self.context_automaton
        if not key or auto is None or auto.kind != 2:
            return []
        return sorted({v[0] for _, v in auto.iter(key)}, key=lambda t: (-len(t), t))

    def context_strength(self, key: str) -> int:
        """-1 no context; 0 weak (news, 新闻); 1 an outlet (CCTV, a news-media name); 2 a role (anchor, 主播)."""
        auto = self.context_automaton
        if not key or auto is None or auto.kind != 2:
            return -1
        return max((v[1] for _, v in auto.iter(key)), default=-1)


# ---------------------------------------------------------------- disk cache


def cache_dir() -> Path:
    return cache_root()


def cache_path(fingerprint: str) -> Path:
    return cache_dir() / f"{INDEX_VERSION}-{fingerprint[:40]}.pkl"


def load_or_build(entities: Sequence[Entity], fingerprint: str, use_cache: bool = True) -> tuple[NameIndex, str]:
    """The index for `entities`: loaded from the cache when present ("cached"), else built ("built")."""
    path = cache_path(fingerprint)
    cached = read_pickle(path) if use_cache else None
    if isinstance(cached, NameIndex) and getattr(cached, "version", None) == INDEX_VERSION:
        use_cached_tables(cached)
        gc.freeze()  # the index lives as long as the process: keep it out of every GC pass
        return cached, "cached"
    gc_was = gc.isenabled()
    gc.disable()
    try:
        idx = NameIndex.build(entities)
    finally:
        if gc_was:
            gc.enable()
    gc.freeze()
    if use_cache and entities:
        _save_in_background(idx, path)
    return idx, "built"


_WRITERS: list[Any] = []


def _save_in_background(idx: NameIndex, path: Path) -> None:
    """Write the cache from a forked child (pickling ~100 MB takes ~1 s) while this process goes on
    matching; the interpreter waits for it at exit (a non-daemon child), `wait_for_cache_writes` sooner."""
    import multiprocessing as mp

    if mp.current_process().daemon or "fork" not in mp.get_all_start_methods():
        write_pickle(path, idx)  # a daemon (pipeline worker) may not have children
        return
    for done in [w for w in _WRITERS if not w.is_alive()]:  # reap earlier writers (long-lived processes)
        done.join()
        _WRITERS.remove(done)
    writer = mp.get_context("fork").Process(target=write_pickle, args=(path, idx), daemon=False)
    writer.start()
    _WRITERS.append(writer)


def wait_for_cache_writes() -> None:
    """Block until every index this process built is on disk."""
    while _WRITERS:
        _WRITERS.pop().join()
