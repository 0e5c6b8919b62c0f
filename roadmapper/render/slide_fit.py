"""How the board slide fits its cards: the type size, the detail kept and the sub-columns.

The slide tries the largest type first, at full detail, and lets a tall column
flow into two or three sub-columns (a column's share of the width grows with
them). Only at the legibility floor do cards give up detail, one
:class:`~roadmapper.render.slide_card.Detail` level at a time; when nothing
fits even then, the caller paginates or ends a column in "+N more".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from roadmapper.core.card_content import CardData
from roadmapper.render.slide_card import Detail, SlideCardStyle, slide_card_style
from roadmapper.render.theme import Theme

SCALE_MAX = 2.0  # card scale per slide unit: 28 px titles on a 1920 px slide
SCALE_FLOOR = 18 / 11  # the smallest card text (11 units at scale 1) stays 18 px at 1920 px
SCALE_STEPS = 6  # sizes tried between the two (binary search)
COLUMN_GAP = 32.0
SUB_GAP = 16.0  # between the sub-columns of one column
CARD_GAP = 12.0
MAX_SUB = 3  # sub-columns of one column at most
SLOT_EMS = 10.0  # the narrowest sub-column, in title font sizes
SIZE_LOSS = 0.3  # per card, for going from the largest type to the floor (see LOSS)


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where one column goes: its left edge, its width and the width of each sub-column."""

    x: float
    width: float
    sub: int
    sub_width: float


@dataclass(frozen=True, slots=True)
class Fit:
    """The chosen type size, each column's detail and sub-columns; ``fits``: one slide holds all."""

    scale: float
    details: tuple[Detail, ...]  # per column: a roomy column keeps more than a crowded one
    geometry: tuple[Geometry, ...]
    fits: bool

    @property
    def detail(self) -> Detail:
        """The least any column keeps."""
        return max(self.details, default=Detail.FULL)

    def style(self, theme: Theme, chips: bool) -> SlideCardStyle:
        return slide_card_style(theme, self.scale, chips)


def geometry(left: float, width: float, subs: Sequence[int], u: float) -> tuple[Geometry, ...]:
    """Columns across ``width`` from ``left``, each as wide as its number of sub-columns.

    Edges fall on whole units, so cards sit on pixels at scale 1.
    """
    total = sum(subs)
    gaps = (len(subs) - 1) * COLUMN_GAP * u + (total - len(subs)) * SUB_GAP * u
    slot = max(1.0, (width - gaps) / max(1, total))
    out: list[Geometry] = []
    x = left
    for k in subs:
        w = k * slot + (k - 1) * SUB_GAP * u
        a, b = math.ceil(x), math.floor(x + w)
        sub_w = math.floor((b - a - (k - 1) * SUB_GAP * u) / k)
        out.append(Geometry(a, b - a, k, sub_w))
        x += w + COLUMN_GAP * u
    return tuple(out)


def split(heights: Sequence[float], parts: int, room: float, gap: float) -> list[int] | None:
    """How many cards each of ``parts`` sub-columns takes, in order, all within ``room``.

    Balanced: the tallest sub-column is as short as it can be. None when they do not fit.
    """
    n = len(heights)
    if parts <= 1 or n <= 1:
        return [n] if _stack(heights, 0, n, gap) <= room + 0.5 else None
    best: tuple[float, list[int]] | None = None
    for first in range(n + 1):
        head = _stack(heights, 0, first, gap)
        if head > room + 0.5:
            break
        rest = split(heights[first:], parts - 1, room, gap)
        if rest is None:
            continue
        tallest = max(head, *(_tallest(heights[first:], rest, gap) or [0.0]))
        if best is None or tallest < best[0] - 0.01:
            best = (tallest, [first, *rest])
    return best[1] if best else None


def fill(heights: Sequence[float], room: float, gap: float) -> int:
    """How many of ``heights``, from the first, stack within ``room``."""
    used, count = -gap, 0
    for h in heights:
        if used + gap + h > room + 0.5:
            break
        used += gap + h
        count += 1
    return count


def _stack(heights: Sequence[float], start: int, end: int, gap: float) -> float:
    return sum(heights[start:end]) + max(0, end - start - 1) * gap


def _tallest(heights: Sequence[float], sizes: list[int], gap: float) -> list[float]:
    out, start = [], 0
    for size in sizes:
        out.append(_stack(heights, start, start + size, gap))
        start += size
    return out


class Fitter:
    """Searches type size, detail and sub-columns for the stacks of one slide."""

    def __init__(
        self,
        stacks: Sequence[Sequence[CardData]],
        left: float,
        width: float,
        room: float,
        u: float,
        theme: Theme,
        chips: bool,
    ) -> None:
        self.stacks, self.left, self.width, self.room, self.u = stacks, left, width, room, u
        self.theme, self.chips = theme, chips
        self.gap = round(CARD_GAP * u)

    def choose(self) -> Fit:
        """The layout that gives up least (``LOSS``), at the largest type among equals.

        Every type size from the largest to the floor, every way of splitting columns
        into sub-columns, and for each the most detail that fits. When nothing fits,
        the floor at the least detail, tall columns split as far as they go.
        """
        scales = self._scales()
        best: tuple[float, Fit] | None = None
        count = max(1, sum(len(stack) for stack in self.stacks))
        possible = {(s, d): self._could_fit(s, d) for s in scales for d in Detail}
        for subs in self._arrangements(scales[-1]):
            geo = self._geometry(scales[-1], subs)
            for scale in scales:
                if sum(subs) > self._max_slots(scale):
                    continue
                # A smaller type costs a little, evenly: never worth cutting a title for.
                span = max(1e-9, scales[0] - scales[-1])
                size_loss = SIZE_LOSS * count * (scales[0] - scale) / span
                if best is not None and size_loss >= best[0]:
                    continue
                usable = [d for d in Detail if possible[scale, d]]
                bound = best[0] - size_loss if best else None
                found = self._loss(geo, scale, usable, bound)
                if found is not None:
                    loss, details = found
                    best = (loss + size_loss, Fit(scale, details, geo, True))
        if best is not None:
            return best[1]
        return self._overflow(scales[-1])

    def _overflow(self, scale: float) -> Fit:
        """At the floor: the split needing fewest pages, then hiding fewest cards on the first.

        Columns with room keep their detail.
        """
        style = slide_card_style(self.theme, scale, self.chips)
        best: tuple[tuple[int, int, float], Fit] | None = None
        for subs in self._arrangements(scale):
            geo = self._geometry(scale, subs)
            pages, hidden, total, details = 1, 0, 0.0, []
            for g, stack in zip(geo, self.stacks, strict=True):
                detail, shown, loss = self._column_overflow(style, g, stack)
                hidden += len(stack) - shown
                pages = max(pages, -(-len(stack) // shown) if shown else len(stack))
                total += loss
                details.append(detail)
            key = (pages, hidden, total)
            if best is None or key < best[0]:
                best = (key, Fit(scale, tuple(details), geo, False))
        assert best is not None  # there is always the one-sub-column arrangement
        return best[1]

    def _column_overflow(
        self, style: SlideCardStyle, g: Geometry, stack: Sequence[CardData]
    ) -> tuple[Detail, int, float]:
        """(detail, cards shown, their loss) of one column: all at the most detail, or the
        least detail and as many as fit. Only cards that could be on the slide are measured.
        """
        room = g.sub * (self.room + self.gap)
        for detail in Detail:
            if sum(style.min_height(d, detail) + self.gap for d in stack) > room:
                continue
            measured = [style.measure(d, g.sub_width, detail) for d in stack]
            if split([h for h, _l in measured], g.sub, self.room, self.gap) is not None:
                return detail, len(stack), sum(loss for _h, loss in measured)
        least = Detail.METERS_ONLY
        lowest = style.min_height(stack[0], least) if stack else 1.0
        most = min(len(stack), int(room // (lowest + self.gap)) + 1)  # never more than this
        measured = [style.measure(d, g.sub_width, least) for d in stack[:most]]
        heights = [h for h, _l in measured]
        shown = start = 0
        for _ in range(g.sub):
            taken = fill(heights[start:], self.room, self.gap)
            shown, start = shown + taken, start + taken
        return least, shown, sum(loss for _h, loss in measured[:shown])

    def _scales(self) -> list[float]:
        steps = [
            SCALE_MAX - (SCALE_MAX - SCALE_FLOOR) * i / (SCALE_STEPS - 1)
            for i in range(SCALE_STEPS)
        ]
        return [round(s * self.u * 64) / 64 for s in steps]

    def _arrangements(self, scale: float) -> list[list[int]]:
        """Every split of columns into sub-columns within the slide's width, fewest first."""
        limits = [max(1, min(MAX_SUB, len(stack))) for stack in self.stacks]
        most = self._max_slots(scale)
        out: list[list[int]] = [[]]
        for limit in limits:
            out = [[*a, k] for a in out for k in range(1, limit + 1)]
        return sorted((a for a in out if sum(a) <= most), key=sum)

    def _loss(
        self,
        geo: tuple[Geometry, ...],
        scale: float,
        details: list[Detail],
        bound: float | None,
    ) -> tuple[float, tuple[Detail, ...]] | None:
        """What the cards give up at this size, each column at the most detail that fits.

        None when a column fits at no detail, or once the loss reaches ``bound`` (the
        best found so far).
        """
        style = slide_card_style(self.theme, scale, self.chips)
        total = 0.0
        chosen: list[Detail] = []
        for g, stack in zip(geo, self.stacks, strict=True):
            for detail in details:
                heights, loss = [], 0.0
                for data in stack:
                    h, lost = style.measure(data, g.sub_width, detail)
                    heights.append(h)
                    loss += lost
                if split(heights, g.sub, self.room, self.gap) is not None:
                    break
            else:
                return None
            total += loss
            chosen.append(detail)
            if bound is not None and total >= bound:
                return None
        return total, tuple(chosen)

    def _max_slots(self, scale: float) -> int:
        title_px = 14 * scale
        n = len(self.stacks)
        slot = SLOT_EMS * title_px
        total = int((self.width + (SUB_GAP * self.u)) // (slot + SUB_GAP * self.u))
        return max(n, min(total, n * MAX_SUB))

    def _could_fit(self, scale: float, detail: Detail) -> bool:
        """A quick no: even one-line titles at the widest arrangement overflow."""
        style = slide_card_style(self.theme, scale, self.chips)
        spare = self._max_slots(scale) - len(self.stacks)
        most = min(MAX_SUB, 1 + spare)
        for stack in self.stacks:
            need = sum(style.min_height(d, detail) + self.gap for d in stack) - self.gap
            if need > most * (self.room + self.gap):
                return False
        return True

    def _geometry(self, scale: float, subs: Sequence[int]) -> tuple[Geometry, ...]:
        return geometry(self.left, self.width, subs, self.u)

    def heights(self, scale: float, detail: Detail, width: float, stack: int) -> list[float]:
        style = slide_card_style(self.theme, scale, self.chips)
        return [style.height(d, width, detail) for d in self.stacks[stack]]
