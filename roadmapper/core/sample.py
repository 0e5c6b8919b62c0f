"""The sample roadmap a newcomer sees on first start, as an interchange document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from roadmapper.core.entities import Roadmap
from roadmapper.core.sample_initiatives import sample_initiatives

SAMPLE_NAME = "Sample roadmap: bike workshop app"

_DESCRIPTION = (
    "A made-up app that independent bike repair workshops use to take bookings, "
    "run repairs from a tablet and order parts. Explore it, change it, or start your own."
)

_Number = int | float
_Point = tuple[_Number, str, int]
"""One check-in as (value, note, confidence); dates are filled in from today."""

_WEEK = 7


def _check_ins(
    today: dt.date, points: list[_Point], days_ago: int, every: int = _WEEK
) -> list[dict[str, Any]]:
    """Check-ins oldest first, ``every`` days apart, the newest ``days_ago`` days before today."""
    count = len(points)
    result: list[dict[str, Any]] = []
    for index, (value, note, confidence) in enumerate(points):
        date = today - dt.timedelta(days=days_ago + every * (count - 1 - index))
        result.append(
            {"date": date.isoformat(), "value": value, "note": note, "confidence": confidence}
        )
    return result


def _kr(
    ref: str,
    name: str,
    *,
    unit: str,
    direction: str,
    baseline: _Number | None,
    tiers: list[_Number],
    indicator: str,
    check_ins: list[dict[str, Any]],
    guardrail: bool = False,
) -> dict[str, Any]:
    """A key result with every key; ``current`` is the value of the newest check-in."""
    current = check_ins[-1]["value"] if check_ins else baseline
    return {
        "ref": ref,
        "name": name,
        "unit": unit,
        "direction": direction,
        "baseline": baseline,
        "current": current,
        "tiers": tiers,
        "indicator": indicator,
        "guardrail": guardrail,
        "check_ins": check_ins,
    }


def _outcome(
    ref: str,
    level: str,
    objective: str,
    parent: str | None,
    color: str,
    key_results: list[dict[str, Any]],
) -> dict[str, Any]:
    """An outcome with every key."""
    return {
        "ref": ref,
        "level": level,
        "objective": objective,
        "parent": parent,
        "color": color,
        "key_results": key_results,
    }


def _outcomes(today: dt.date) -> list[dict[str, Any]]:
    """Two business outcomes, then three product outcomes that drive them."""
    revenue = _outcome(
        "revenue",
        "business",
        "Grow recurring revenue from independent workshops",
        None,
        "#0072b2",
        [
            _kr(
                "mrr",
                "Increase monthly recurring revenue",
                unit="kEUR",
                direction="increase",
                baseline=84,
                tiers=[90, 96, 104],
                indicator="lagging",
                check_ins=_check_ins(
                    today,
                    [
                        (86, "", 6),
                        (88.5, "Spring rush started early in the south.", 7),
                        (91.2, "", 7),
                    ],
                    days_ago=3,
                    every=14,
                ),
            ),
            _kr(
                "paid-workshops",
                "Grow paying workshops from 410 to 520",
                unit="workshops",
                direction="increase",
                baseline=410,
                tiers=[440, 480, 520],
                indicator="lagging",
                check_ins=_check_ins(
                    today,
                    [
                        (421, "", 6),
                        (437, "Trade fair leads converting.", 7),
                        (452, "", 6),
                    ],
                    days_ago=3,
                    every=14,
                ),
            ),
            _kr(
                "cac",
                "Keep acquisition cost per new workshop under 600 EUR",
                unit="EUR",
                direction="decrease",
                baseline=640,
                tiers=[620, 600],
                indicator="lagging",
                guardrail=True,
                check_ins=_check_ins(
                    today,
                    [
                        (655, "Paid the trade fair stand this month.", 5),
                        (615, "", 6),
                    ],
                    days_ago=3,
                    every=14,
                ),
            ),
        ],
    )
    retention = _outcome(
        "retention",
        "business",
        "Keep workshops with us season after season",
        None,
        "#e69f00",
        [
            _kr(
                "logo-churn",
                "Cut monthly workshop churn",
                unit="%",
                direction="decrease",
                baseline=3.1,
                tiers=[2.6, 2.2, 1.8],
                indicator="lagging",
                check_ins=_check_ins(
                    today,
                    [
                        (2.9, "", 5),
                        (2.5, "Fewer winter cancellations than last year.", 6),
                        (2.2, "", 7),
                    ],
                    days_ago=4,
                    every=14,
                ),
            ),
            _kr(
                "annual-renewal",
                "Raise the annual-plan renewal rate",
                unit="%",
                direction="increase",
                baseline=78,
                tiers=[81, 84, 88],
                indicator="lagging",
                check_ins=_check_ins(
                    today,
                    [
                        (79, "", 6),
                        (77, "Two large shops moved to an all-in-one till system.", 4),
                        (76, "Renewal calls now start 60 days before the date.", 4),
                    ],
                    days_ago=4,
                    every=14,
                ),
            ),
            _kr(
                "discounted-renewals",
                "Keep discounted renewals below 20% of all renewals",
                unit="%",
                direction="decrease",
                baseline=24,
                tiers=[20, 15],
                indicator="lagging",
                guardrail=True,
                check_ins=_check_ins(
                    today,
                    [(23, "", 6), (21, "", 6)],
                    days_ago=4,
                    every=14,
                ),
            ),
        ],
    )
    booking = _outcome(
        "online-booking",
        "product",
        "Make online booking the way riders book a repair",
        "revenue",
        "#009e73",
        [
            _kr(
                "online-share",
                "Raise the share of repairs booked online",
                unit="%",
                direction="increase",
                baseline=22,
                tiers=[28, 34, 40],
                indicator="leading",
                check_ins=_check_ins(
                    today,
                    [
                        (26, "Widget live on 60 workshop sites.", 7),
                        (29, "", 7),
                        (30, "", 6),
                        (31, "Growth slowing; map listing is the next lever.", 6),
                    ],
                    days_ago=2,
                ),
            ),
            _kr(
                "booking-time",
                "Cut the time a rider needs to book a repair",
                unit="seconds (median)",
                direction="decrease",
                baseline=140,
                tiers=[120, 100, 80],
                indicator="leading",
                check_ins=_check_ins(
                    today,
                    [
                        (128, "", 6),
                        (112, "Dropped the account step for first bookings.", 7),
                        (101, "", 8),
                        (96, "", 8),
                    ],
                    days_ago=2,
                ),
            ),
            _kr(
                "no-shows",
                "Keep booking no-shows below 8%",
                unit="% of bookings",
                direction="decrease",
                baseline=11,
                tiers=[9.5, 8],
                indicator="leading",
                guardrail=True,
                check_ins=_check_ins(
                    today,
                    [
                        (10.6, "", 6),
                        (11.2, "", 5),
                        (11.9, "Online bookers skip more often than phone bookers.", 4),
                        (11.8, "", 4),
                    ],
                    days_ago=2,
                ),
            ),
        ],
    )
    tablet = _outcome(
        "job-cards",
        "product",
        "Get mechanics running every repair from the workshop tablet",
        "retention",
        "#cc79a7",
        [
            _kr(
                "active-mechanics",
                "Raise weekly active mechanics per workshop",
                unit="mechanics",
                direction="increase",
                baseline=1.6,
                tiers=[2, 2.4, 2.8],
                indicator="leading",
                check_ins=_check_ins(
                    today,
                    [
                        (1.7, "Leaderboard out this week.", 6),
                        (1.7, "", 5),
                        (1.7, "Leaderboard pulled; mechanics disliked it.", 4),
                        (1.9, "", 5),
                        (2.1, "Quick-close button helps.", 6),
                    ],
                    days_ago=1,
                ),
            ),
            _kr(
                "digital-job-cards",
                "Increase the share of repairs closed on a digital job card",
                unit="% of repairs",
                direction="increase",
                baseline=None,
                tiers=[60, 70, 80],
                indicator="leading",
                check_ins=_check_ins(
                    today,
                    [
                        (48, "First week we could measure it.", 5),
                        (54, "", 6),
                    ],
                    days_ago=1,
                ),
            ),
            _kr(
                "crash-free",
                "Keep tablet sessions crash-free above 99.5%",
                unit="% of sessions",
                direction="increase",
                baseline=99.2,
                tiers=[99.5, 99.7, 99.8],
                indicator="leading",
                guardrail=True,
                check_ins=_check_ins(
                    today,
                    [
                        (99.3, "", 7),
                        (99.5, "Fixed the camera crash on older tablets.", 8),
                        (99.6, "", 8),
                    ],
                    days_ago=1,
                ),
            ),
        ],
    )
    parts = _outcome(
        "parts",
        "product",
        "Have the right part on the bench when the bike comes in",
        "retention",
        "#56b4e9",
        [
            _kr(
                "parts-launch",
                "Launch the parts-ordering integration with two wholesalers",
                unit="integrations live",
                direction="increase",
                baseline=0,
                tiers=[1, 2],
                indicator="leading",
                check_ins=_check_ins(
                    today,
                    [(0, "", 6), (1, "First wholesaler live.", 7)],
                    days_ago=5,
                    every=14,
                ),
            ),
            _kr(
                "parts-wait",
                "Cut the days a bike waits for parts",
                unit="days (median)",
                direction="decrease",
                baseline=4.5,
                tiers=[3.5, 3, 2.5],
                indicator="leading",
                check_ins=_check_ins(
                    today,
                    [
                        (4.6, "", 5),
                        (4.5, "", 4),
                        (4.4, "Mechanics still phone most orders in.", 3),
                    ],
                    days_ago=5,
                ),
            ),
            _kr(
                "parts-tickets",
                "Keep parts-related support tickets under 30 a week",
                unit="tickets per week",
                direction="decrease",
                baseline=34,
                tiers=[30, 25],
                indicator="leading",
                guardrail=True,
                check_ins=_check_ins(
                    today,
                    [
                        (38, "Spike after the wholesaler launch.", 5),
                        (33, "", 6),
                        (29, "Help article on order status answered most of them.", 7),
                    ],
                    days_ago=5,
                ),
            ),
        ],
    )
    return [revenue, retention, booking, tablet, parts]


def sample_document(today: dt.date) -> dict[str, Any]:
    """The sample roadmap as an interchange document (INTERCHANGE.md format 'roadmapper/1')."""
    return {
        "format": "roadmapper/1",
        "roadmap": {"name": SAMPLE_NAME, "description": _DESCRIPTION},
        "outcomes": _outcomes(today),
        "initiatives": sample_initiatives(),
    }


def first_to_show(roadmaps: Sequence[Roadmap]) -> Roadmap | None:
    """The roadmap a window opens on: the first (by the order given) that is not the
    sample, else the sample; ``None`` for no roadmap at all."""
    preferred = [r for r in roadmaps if r.name != SAMPLE_NAME] or roadmaps
    return preferred[0] if preferred else None
