"""The best alignment of γ (Mathet, Widlöcher & Métivier 2015), found exactly, for many
continua at once.

A continuum holds the units (start, end, category) of ``n`` annotators. A *unitary
alignment* takes at most one unit of each annotator (an annotator without one contributes
the empty unit); its disorder is the mean dissimilarity over the ``P = n (n − 1) / 2``
pairs of annotators, with ``Δ∅ = 1`` for any pair involving an empty unit. The best
alignment partitions every unit into unitary alignments of least total disorder. The
dissimilarity is pygamma-agreement's default, positional plus categorical with α = β = 1:

    d(u, v) = ((|s_u − s_v| + |e_u − e_v|) / (l_u + l_v))² + [category_u ≠ category_v]

pygamma-agreement enumerates every tuple of units and hands the set partitioning to a
MILP solver. Here the same optimum comes from three reductions and an exact search:

1. *Pairs.* Removing a unit ``v`` from a unitary alignment ``S`` (it becomes a singleton)
   changes the total by ``P − Σ_{w∈S∖v} (d(v, w) − 1)``; each term of the sum is at least
   −1, so a pair with ``d ≥ P + n − 1`` is never needed together: some best alignment has
   none. Since that bound caps the positional term, a unit's partners lie within
   ``√(P + n − 1)`` of its length (midpoint to midpoint), found by one sorted search.
2. *Candidates.* Only cliques of such pairs with at most one unit per annotator can be
   unitary alignments, and only those that no split into two parts makes cheaper
   (``Σ_{a∈A, b∈B} (d(a, b) − 1) < P`` for every bipartition ``A, B``): splitting the
   others never costs more, so a best alignment exists among the rest.
3. *Components.* In the order of the units' midpoints, a gap that no candidate spans cuts
   the continuum into parts solved on their own.
4. *Search.* Over the units in midpoint order, a dynamic programme whose state is which of
   the next units are already covered (a bit mask as wide as the widest candidate) picks
   the candidates of greatest saving over singletons. A first pass that keeps a few
   states per part (a beam) finds a good solution; the exact pass then drops only states
   whose optimistic bound — the saving so far plus, for each unit still free, the best
   saving per unit of any candidate containing it — falls below that solution, so it
   returns the optimum. States with the same mask are merged, keeping the best.

Everything is vectorised with numpy over all parts of all continua in lock step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .errors import Undefined

ALPHA = 1.0  # weight of the positional dissimilarity (pygamma-agreement's default)
BETA = 1.0  # weight of the categorical dissimilarity (idem)
DELTA_EMPTY = 1.0  # dissimilarity of a unit with the empty unit (idem)

BEAM = 16  # states kept per part by the search for a good first solution
LAGRANGIAN_ROUNDS = 100  # at most; the search does the rest
LAGRANGIAN_LEG = 25  # rounds between dropping candidates
DOMINANCE = 8  # states of a part each state is compared with
MAX_STATES = 4_000_000  # beyond this many live states the search gives up (never seen)
_TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class Continua:
    """Units of many continua as parallel arrays. ``annotator`` is the unit's annotator
    within its continuum (0 … ``annotators[c]`` − 1); ``annotators[c]`` counts every
    annotator of continuum ``c``, with or without units."""

    continuum: np.ndarray
    annotator: np.ndarray
    start: np.ndarray
    end: np.ndarray
    category: np.ndarray
    annotators: np.ndarray

    @property
    def units(self) -> np.ndarray:
        """Units per continuum."""
        return np.bincount(self.continuum, minlength=len(self.annotators))


def dissimilarity(s1, e1, c1, s2, e2, c2):
    """The positional-categorical dissimilarity of units (vectorised)."""
    ratio = (np.abs(s1 - s2) + np.abs(e1 - e2)) / ((e1 - s1) + (e2 - s2))
    return ALPHA * DELTA_EMPTY * ratio * ratio + BETA * DELTA_EMPTY * (c1 != c2)


def best_alignment_costs(cont: Continua, tick: Callable[[], None] | None = None
                         ) -> np.ndarray:
    """Per continuum, the summed disorder of the unitary alignments of a best alignment
    (its disorder is that over the mean number of units per annotator). Continua with
    fewer than two annotators or no unit give 0.

    ``tick()`` is called now and then, and may raise to stop. Raises ``Undefined`` if the
    search would need more than ``MAX_STATES`` states at once.
    """
    n_cont = len(cont.annotators)
    out = np.zeros(n_cont)
    annotators = np.asarray(cont.annotators, dtype=np.int64)
    keep = annotators[cont.continuum] >= 2
    if not keep.any():
        return out
    order = np.lexsort((cont.annotator[keep], cont.end[keep], cont.start[keep] + cont.end[keep],
                        cont.continuum[keep]))
    c = cont.continuum[keep][order]
    a = cont.annotator[keep][order].astype(np.int64)
    s = cont.start[keep][order].astype(np.float64)
    e = cont.end[keep][order].astype(np.float64)
    k = cont.category[keep][order]
    pairs = annotators * (annotators - 1) // 2
    i, j, d = _pairs(c, a, s, e, k, annotators, pairs)
    members, gains, worth = _candidates(c, a, i, j, d, pairs, tick)
    saving = _best_savings(c, members, gains, worth, n_cont, tick)
    return np.bincount(c, minlength=n_cont).astype(np.float64) - saving


# ---------------------------------------------------------------- 1. pairs

def _pairs(c, a, s, e, k, annotators, pairs):
    """Every pair of units of different annotators of one continuum with ``d < P + n − 1``,
    as unit indices ``i < j`` and their dissimilarity."""
    mid = (s + e) / 2.0
    length = e - s
    bound = (pairs + annotators - 1).astype(np.float64)
    reach = np.sqrt(bound[c]) * length
    # Continua laid end to end on one line, far enough apart that no search window spans
    # two of them.
    n_cont = len(annotators)
    first = np.searchsorted(c, np.arange(n_cont), side="left")
    last = np.searchsorted(c, np.arange(n_cont), side="right") - 1
    present = last >= first
    low = np.where(present, mid[np.minimum(first, len(mid) - 1)], 0.0)
    high = np.where(present, mid[np.maximum(last, 0)], 0.0)
    gap = 2.0 * float(reach.max()) + 1.0
    base = np.concatenate([[0.0], np.cumsum(high - low + gap)])[:-1]
    line = mid - low[c] + base[c]
    slack = 1e-9 * (1.0 + np.abs(line)) + 1e-9 * reach
    lo = np.searchsorted(line, line - reach - slack, side="left")
    hi = np.searchsorted(line, line + reach + slack, side="right")
    count = hi - lo
    u = np.repeat(np.arange(len(s)), count)
    v = _ranges(lo, count)
    # each pair once: from the longer unit (the shorter one's window may miss it)
    ok = (a[u] != a[v]) & ((length[v] < length[u]) | ((length[v] == length[u]) & (v > u)))
    u, v = u[ok], v[ok]
    dist = dissimilarity(s[u], e[u], k[u], s[v], e[v], k[v])
    ok = dist < bound[c[u]]
    u, v, dist = u[ok], v[ok], dist[ok]
    return np.minimum(u, v), np.maximum(u, v), dist


def _ranges(lo: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``lo[0] … lo[0]+count[0]−1, lo[1] …``: the concatenated index ranges."""
    total = int(count.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(count) - count
    return np.repeat(lo - starts, count) + np.arange(total)


# ---------------------------------------------------------------- 2. candidates

def _candidates(c, a, i, j, d, pairs, tick):
    """Useful unitary alignments of two units or more: ``members`` (a list, one int64
    array of shape (candidates, k) per size k, units in annotator order) and their
    savings over singletons ``gains`` (same list layout)."""
    n_units = len(c)
    # Pairs directed from the lower annotator to the higher.
    lower = a[i] < a[j]
    p = np.where(lower, i, j)
    q = np.where(lower, j, i)
    slots = int(a.max()) + 2 if len(a) else 2
    order = np.lexsort((q, a[q], p))
    p, q, d = p[order], q[order], d[order]
    adjacency = p * slots + a[q]
    edge_key = p * n_units + q
    by_key = np.argsort(edge_key, kind="stable")
    edge_sorted = edge_key[by_key]
    edge_d = d[by_key]

    members = [np.stack([p, q], axis=1)]
    dists = [d[:, None]]
    while len(members[-1]):
        if tick is not None:
            tick()
        m, dd = members[-1], dists[-1]
        size = m.shape[1]
        lo = np.searchsorted(adjacency, m[:, 0] * slots + a[m[:, -1]] + 1, side="left")
        hi = np.searchsorted(adjacency, m[:, 0] * slots + slots, side="left")
        count = hi - lo
        rows = np.repeat(np.arange(len(m)), count)
        picks = _ranges(lo, count)
        x = q[picks]
        new_d = [d[picks]]
        ok = np.ones(len(rows), dtype=bool)
        for col in range(1, size):
            key = m[rows, col] * n_units + x
            at = np.minimum(np.searchsorted(edge_sorted, key), len(edge_sorted) - 1)
            ok &= edge_sorted[at] == key
            new_d.append(edge_d[at])
        rows, x = rows[ok], x[ok]
        members.append(np.concatenate([m[rows], x[:, None]], axis=1))
        dists.append(np.concatenate([dd[rows]] + [col[ok][:, None] for col in new_d], axis=1))
    out_members, out_gains, out_worth = [], [], []
    for m, dd in zip(members, dists, strict=True):
        if not len(m):
            continue
        size = m.shape[1]
        p_c = pairs[c[m[:, 0]]].astype(np.float64)
        useful = _splits(dd - DELTA_EMPTY, size) < p_c[:, None] * DELTA_EMPTY
        useful = useful.all(axis=1)
        m, dd, p_c = m[useful], dd[useful], p_c[useful]
        if not len(m):
            continue
        cost = (dd.sum(axis=1) + (p_c - size * (size - 1) / 2) * DELTA_EMPTY) / p_c
        out_members.append(m)
        out_gains.append(size * DELTA_EMPTY - cost)
        # the most a member adds to any part of the candidate holding it (see _Candidates)
        close = np.maximum(DELTA_EMPTY - dd, 0.0) @ _incidence(size)
        out_worth.append(DELTA_EMPTY + close / p_c[:, None])
    return out_members, out_gains, out_worth


def _incidence(size: int) -> np.ndarray:
    """Pairs (in the order (0,1), (0,2), (1,2), (0,3) …) × the members they join."""
    rows = [(ii, jj) for jj in range(1, size) for ii in range(jj)]
    out = np.zeros((len(rows), size))
    for r, (ii, jj) in enumerate(rows):
        out[r, ii] = out[r, jj] = 1.0
    return out


def _splits(excess: np.ndarray, size: int) -> np.ndarray:
    """For each candidate (rows of pairwise ``d − Δ∅``, pairs in the order (0,1), (0,2),
    (1,2), (0,3) …) and each split into two non-empty parts, the sum over the pairs the
    split separates."""
    pair_i, pair_j = [], []
    for jj in range(1, size):
        for ii in range(jj):
            pair_i.append(ii)
            pair_j.append(jj)
    splits = np.arange(1, 2 ** (size - 1))  # which of members 1 … size−1 leave member 0
    side = np.zeros((len(splits), size), dtype=bool)
    side[:, 1:] = (splits[:, None] >> np.arange(size - 1)[None, :]) & 1
    separates = side[:, pair_i] != side[:, pair_j]  # splits × pairs
    return excess @ separates.T.astype(np.float64)


# ---------------------------------------------------------------- 3.-4. the search

def _best_savings(c, members, gains, worth, n_cont, tick) -> np.ndarray:
    """Per continuum, the greatest total saving of disjoint candidates."""
    out = np.zeros(n_cont)
    if not members:
        return out
    cands = _Candidates.of(c, members, gains, worth)
    price = cands.share()
    best = cands.greedy(cands.gain / cands.size)
    step = np.full(len(best), 2.0)
    for _ in range(LAGRANGIAN_ROUNDS // LAGRANGIAN_LEG):
        if tick is not None:
            tick()
        price, bound = cands.lagrangian(best, price, step, LAGRANGIAN_LEG)
        open_ = bound > best + _tolerance(best)
        if not open_.any():
            break
        cands = cands.fixed(price, bound, best)
    if open_.any():  # a beam guided by the prices: a better solution prunes more
        best = np.maximum(best, cands.search(price, best, tick, open_, beam=BEAM))
        open_ &= bound > best + _tolerance(best)
    if open_.any():
        cands = cands.fixed(price, bound, best)
        best = np.where(open_, cands.search(price, best, tick, open_), best)
    np.add.at(out, cands.part_continuum, best)
    return out


def _tolerance(value: np.ndarray) -> np.ndarray:
    return _TOLERANCE * (1.0 + np.abs(value))


@dataclass(frozen=True, eq=False)
class _Candidates:
    """The candidates of a batch, and the parts they split it into.

    Units are numbered in midpoint order; a part is a run of units no candidate spans out
    of. Per candidate: its ``first`` and ``last`` unit, ``gain`` (saving over singletons),
    ``bits`` (its other units, relative to ``first``, as a bit mask) and its members
    (``flat``, ``owner``: member ``flat[i]`` belongs to candidate ``owner[i]``).
    """

    flat: np.ndarray
    owner: np.ndarray
    size: np.ndarray
    gain: np.ndarray
    first: np.ndarray
    bits: np.ndarray
    unit_part: np.ndarray
    part_start: np.ndarray
    part_len: np.ndarray
    part_continuum: np.ndarray
    worth: np.ndarray  # per unit: the most it adds to any candidate or part of one

    @classmethod
    def of(cls, c, members, gains, worth) -> _Candidates:
        n_units = len(c)
        size = np.concatenate([np.full(len(m), m.shape[1]) for m in members])
        gain = np.concatenate(gains)
        flat = np.concatenate([m.ravel() for m in members])
        owner = np.repeat(np.arange(len(gain)), size)
        heads = np.r_[0, np.cumsum(size)[:-1]]
        first = np.minimum.reduceat(flat, heads)
        last = np.maximum.reduceat(flat, heads)
        spanned = np.zeros(n_units + 1, dtype=np.int64)
        np.add.at(spanned, first, 1)
        np.add.at(spanned, last, -1)
        open_after = np.cumsum(spanned)[:-1] > 0  # a candidate spans the gap after unit u
        new_part = np.ones(n_units, dtype=bool)
        new_part[1:] = ~open_after[:-1] | (c[1:] != c[:-1])
        unit_part = np.cumsum(new_part) - 1
        part_start = np.flatnonzero(new_part)
        # only parts with a candidate need a search
        used = np.unique(unit_part[first])
        remap = np.full(len(part_start), len(used))  # the others: one bucket, never searched
        remap[used] = np.arange(len(used))
        unit_part = remap[unit_part]
        part_len = np.diff(np.r_[part_start, n_units])[used]
        part_start = part_start[used]
        width = int((last - first).max()) + 1
        words = -(-width // 64)
        offset = flat - first[owner]  # distinct within a candidate: bits add up to the mask
        power = np.left_shift(np.uint64(1), (offset % 64).astype(np.uint64))
        bits = np.stack([np.add.reduceat(np.where((offset > 0) & (offset // 64 == w), power,
                                                  np.uint64(0)), heads)
                         for w in range(words)], axis=1)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        most = np.zeros(n_units)
        np.maximum.at(most, flat, np.concatenate([w.ravel() for w in worth]))
        return cls(flat, rank[owner], size[order], gain[order], first[order], bits[order],
                   unit_part, part_start, part_len, c[part_start], most)

    @property
    def n_units(self) -> int:
        return len(self.unit_part)

    def after(self, weight: np.ndarray) -> np.ndarray:
        """``Σ weight[v]`` over the units v after u in u's part (0 outside the parts)."""
        running = np.cumsum(weight)
        last = np.r_[self.part_start + self.part_len - 1, 0][self.unit_part]
        inside = self.unit_part < len(self.part_start)
        return np.where(inside, running[last] - running, 0.0)

    def prices(self, price: np.ndarray) -> np.ndarray:
        """What each candidate's units cost at ``price``."""
        return np.bincount(self.owner, weights=price[self.flat], minlength=len(self.gain))

    def fixed(self, price: np.ndarray, bound: np.ndarray, best: np.ndarray) -> _Candidates:
        """Without the candidates whose units cost more than they save by more than their
        part's gap between ``bound`` and ``best`` (a known packing): none of them is in a
        better packing (Lagrangian reduced-cost fixing)."""
        loss = self.prices(price) - self.gain
        part = self.unit_part[self.first]
        return self.without(loss > (bound - best + _tolerance(bound))[part])

    def without(self, drop: np.ndarray) -> _Candidates:
        """The same parts with fewer candidates."""
        keep = ~drop
        index = np.cumsum(keep) - 1
        member = keep[self.owner]
        return replace(self, flat=self.flat[member], owner=index[self.owner[member]],
                       size=self.size[keep], gain=self.gain[keep], first=self.first[keep],
                       bits=self.bits[keep])

    def greedy(self, score: np.ndarray) -> np.ndarray:
        """The saving per part of a packing built in rounds: every candidate that scores
        best (ties: the lower number) at each of its units is taken, and every candidate
        meeting a taken one is dropped."""
        rank = np.empty(len(score), dtype=np.int64)
        rank[np.lexsort((np.arange(len(score)), -score))] = np.arange(len(score))
        alive = score > 0
        taken = np.zeros(len(score), dtype=bool)
        # members grouped by unit, to find each unit's best living candidate
        by_unit = np.argsort(self.flat, kind="stable")
        units, heads = np.unique(self.flat[by_unit], return_index=True)
        top = np.empty(self.n_units, dtype=np.int64)
        while alive.any():
            member_rank = np.where(alive[self.owner[by_unit]], rank[self.owner[by_unit]],
                                   len(score))
            top[units] = np.minimum.reduceat(member_rank, heads)
            wins = np.bincount(self.owner, weights=top[self.flat] == rank[self.owner],
                               minlength=len(score)) == self.size
            wins &= alive
            taken |= wins
            used = np.zeros(self.n_units, dtype=bool)
            used[self.flat[wins[self.owner]]] = True
            alive &= np.bincount(self.owner, weights=used[self.flat],
                                 minlength=len(score)) == 0
        return self.per_part(self.by_first(np.where(taken, self.gain, 0.0)))

    def share(self) -> np.ndarray:
        """Per unit the best saving per unit of a candidate holding it: prices under
        which no candidate saves more than its units cost (a feasible dual)."""
        price = np.zeros(self.n_units)
        np.maximum.at(price, self.flat, np.repeat(self.gain / self.size, self.size))
        return price

    def excess(self, price: np.ndarray) -> np.ndarray:
        """What each candidate saves beyond the prices of its units (≥ 0)."""
        return np.maximum(self.gain - self.prices(price), 0.0)

    def per_part(self, unit_values: np.ndarray) -> np.ndarray:
        parts = len(self.part_start)
        return np.bincount(self.unit_part, weights=unit_values, minlength=parts + 1)[:parts]

    def bound(self, price: np.ndarray) -> np.ndarray:
        """Per part, an upper bound of its best saving: the prices of its units plus every
        candidate's saving beyond them (the Lagrangian of the packing constraints)."""
        return self.per_part(price + self.by_first(self.excess(price)))

    def by_first(self, values: np.ndarray) -> np.ndarray:
        """Candidates' values summed on their first unit."""
        return np.bincount(self.first, weights=values, minlength=self.n_units)

    def lagrangian(self, target: np.ndarray, price: np.ndarray, step: np.ndarray,
                   rounds: int) -> tuple[np.ndarray, np.ndarray]:
        """Prices that make the bound tight, by projected subgradient steps of Polyak's
        size towards ``target`` (a known solution per part), ``step`` (per part, updated)
        times the gap; returns the best prices found and their bound. Any prices give a
        valid bound; good ones prune the search."""
        best_price, best = price.copy(), self.bound(price)
        stale = np.zeros(len(best), dtype=np.int64)
        for _ in range(rounds):
            saving = self.gain - self.prices(price)
            over = saving > 0
            value = self.per_part(price + self.by_first(np.where(over, saving, 0.0)))
            better = value < best
            best = np.where(better, value, best)
            keep = np.r_[better, False][self.unit_part]
            best_price[keep] = price[keep]
            stale = np.where(better, 0, stale + 1)
            step[stale >= 5] /= 2
            stale[stale >= 5] = 0
            gap = best - target
            if not (gap > _tolerance(target)).any():
                break
            grad = 1.0 - np.bincount(self.flat[over[self.owner]], minlength=self.n_units)
            grad[(price <= 0) & (grad > 0)] = 0.0
            norm = self.per_part(grad * grad)
            size = np.where(norm > 0, step * (value - target) / np.where(norm > 0, norm, 1), 0)
            price = np.maximum(price - np.r_[size, 0.0][self.unit_part] * grad, 0.0)
        return best_price, best

    def _undominated(self, comp, masks, val, ahead, tol) -> np.ndarray:
        """Which states no better state of their part makes useless.

        A state Y is at least as good as X when ``val_Y − Σ worth[u] ≥ val_X`` over the
        units u that Y has covered and X has not: any packing of X's future loses at most
        ``worth[u]`` per such unit when those units are taken out of its candidates, and
        what remains is a packing of Y's future. Each state is compared with the best
        ``DOMINANCE`` states of its part. ``ahead``: the unit of bit 0 of each mask."""
        n = len(comp)
        keep = np.ones(n, dtype=bool)
        if n < 2:
            return keep
        order = np.lexsort((-val, comp))
        group = np.r_[0, np.flatnonzero(comp[order][1:] != comp[order][:-1]) + 1]
        sizes = np.diff(np.r_[group, n])
        if sizes.max() < 2:
            return keep
        head = np.empty(n, dtype=np.int64)
        head[order] = np.repeat(group, sizes)
        count = np.empty(n, dtype=np.int64)
        count[order] = np.repeat(np.minimum(sizes, DOMINANCE), sizes)
        x = np.repeat(np.arange(n), count)
        y = order[np.repeat(head, count) + _ranges(np.zeros(n, dtype=np.int64), count)]
        ok = x != y
        x, y = x[ok], y[ok]
        extra = masks[y] & ~masks[x]
        loss = np.zeros(len(x))
        last = self.n_units - 1
        for w in range(masks.shape[1]):
            bitsw = extra[:, w]
            for b in range(64):
                hit = (bitsw >> np.uint64(b)) & np.uint64(1)
                if not hit.any():
                    if not (bitsw >> np.uint64(b)).any():
                        break
                    continue
                unit = np.minimum(ahead[x] + 64 * w + b, last)
                loss += hit * self.worth[unit]
        worse = val[y] - loss >= val[x] + tol[x]
        keep[x[worse]] = False
        return keep

    def search(self, price: np.ndarray, incumbent: np.ndarray, tick,
               which: np.ndarray, beam: int | None = None) -> np.ndarray:
        """The greatest saving of the parts in ``which`` (0 for the others), exactly: the
        states whose bound under ``price`` falls below ``incumbent`` (a known saving) are
        dropped. With ``beam``, only that many states per part are kept, those of the
        highest bound: a good saving, not always the greatest."""
        parts = np.flatnonzero(which)
        result = np.zeros(len(self.part_start))
        if len(parts) == 0:
            return result
        after = self.after(price + self.by_first(self.excess(price)))
        covers = (np.bincount(self.owner, weights=price[self.flat], minlength=len(self.gain))
                  - price[self.first])
        lo_all = np.searchsorted(self.first, np.arange(self.n_units), side="left")
        hi_all = np.searchsorted(self.first, np.arange(self.n_units), side="right")
        words = self.bits.shape[1]
        comp = parts.copy()
        masks = np.zeros((len(parts), words), dtype=np.uint64)
        val = np.zeros(len(parts))
        cov = np.zeros(len(parts))
        length, start = self.part_len, self.part_start
        tol = _tolerance(incumbent)
        for t in range(int(length[parts].max())):
            if tick is not None and t % 256 == 0:
                tick()
            u = start[comp] + t
            covered = (masks[:, 0] & np.uint64(1)) != 0
            # the unit alone (or already covered by an earlier candidate) …
            keep_comp, keep_masks = [comp], [_shift(masks)]
            keep_val, keep_cov = [val], [cov - np.where(covered, price[u], 0.0)]
            # … or a candidate that starts here
            count = np.where(covered, 0, hi_all[u] - lo_all[u])
            if count.any():
                rows = np.repeat(np.arange(len(comp)), count)
                cand = _ranges(lo_all[u], count)
                free = ~((masks[rows] & self.bits[cand]) != 0).any(axis=1)
                rows, cand = rows[free], cand[free]
                keep_comp.append(comp[rows])
                keep_masks.append(_shift(masks[rows] | self.bits[cand]))
                keep_val.append(val[rows] + self.gain[cand])
                keep_cov.append(cov[rows] + covers[cand])
            comp, masks = np.concatenate(keep_comp), np.concatenate(keep_masks)
            val, cov = np.concatenate(keep_val), np.concatenate(keep_cov)
            # the same units covered ahead: only the best saving so far matters
            order = np.lexsort((-val, *masks.T[::-1], comp))
            comp, masks, val, cov = comp[order], masks[order], val[order], cov[order]
            fresh = np.ones(len(comp), dtype=bool)
            fresh[1:] = (comp[1:] != comp[:-1]) | (masks[1:] != masks[:-1]).any(axis=1)
            comp, masks, val, cov = comp[fresh], masks[fresh], val[fresh], cov[fresh]
            done = length[comp] == t + 1  # parts that end here
            if done.any():
                np.maximum.at(result, comp[done], val[done])
                comp, masks, val, cov = comp[~done], masks[~done], val[~done], cov[~done]
            bound = val + after[start[comp] + t] - cov
            if beam is not None:
                order = np.lexsort((-bound, comp))
                group = np.r_[0, np.flatnonzero(comp[order][1:] != comp[order][:-1]) + 1]
                sizes = np.diff(np.r_[group, len(comp)])
                keep = np.zeros(len(comp), dtype=bool)
                keep[order[np.arange(len(comp)) - np.repeat(group, sizes) < beam]] = True
            else:
                keep = bound >= incumbent[comp] - tol[comp]
                comp, masks, val, cov = comp[keep], masks[keep], val[keep], cov[keep]
                keep = self._undominated(comp, masks, val, start[comp] + t + 1, tol[comp])
            comp, masks, val, cov = comp[keep], masks[keep], val[keep], cov[keep]
            if len(comp) > MAX_STATES:
                raise Undefined(f"the best alignment needs more than {MAX_STATES:,} search "
                                "states")
        return result


def _shift(masks: np.ndarray) -> np.ndarray:
    out = masks >> np.uint64(1)
    if masks.shape[1] > 1:
        out[:, :-1] |= masks[:, 1:] << np.uint64(63)
    return out
