"""The sample roadmap a newcomer sees on first start, as an interchange document."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def _initiative(
    ref: str,
    title: str,
    column: str,
    outcome: str | None,
    key_results: list[str],
    *,
    description: str = "",
    hypothesis: str = "",
    result: str = "",
) -> dict[str, Any]:
    """An initiative with every key."""
    return {
        "ref": ref,
        "title": title,
        "description": description,
        "column": column,
        "outcome": outcome,
        "key_results": key_results,
        "hypothesis": hypothesis,
        "result": result,
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


def _initiatives() -> list[dict[str, Any]]:
    """Board order: Now, Next, Later, Done; priority order inside each column."""
    return [
        # Now: experiments in flight.
        _initiative(
            "reminder-sms",
            "Reminder text with one-tap reschedule",
            "now",
            "online-booking",
            ["no-shows"],
            description="Sent the afternoon before drop-off.",
            hypothesis=(
                "We believe a reminder text with a reschedule link will cut no-shows "
                "from 11.8% to 8%"
            ),
        ),
        _initiative(
            "map-booking",
            "Book a slot from the workshop's map listing",
            "now",
            "online-booking",
            ["online-share", "booking-time"],
            hypothesis=(
                "We believe booking straight from the map listing will raise the online "
                "share of repairs by 6 points"
            ),
        ),
        _initiative(
            "phantom-slots",
            'Fix "phantom" slots & double-booked repair stands',
            "now",
            "online-booking",
            ["no-shows"],
            description="Slots freed by a cancellation sometimes stay blocked, or get sold twice.",
        ),
        _initiative(
            "photo-notes",
            "Photo notes on job cards so riders see the worn part before approving",
            "now",
            "job-cards",
            ["digital-job-cards", "active-mechanics"],
            description=(
                "The mechanic snaps the chain or the pads; the rider approves the quote "
                "from the text message."
            ),
            hypothesis=(
                "We believe photo notes will raise the share of repairs closed on a digital "
                "job card by 10 points"
            ),
        ),
        _initiative(
            "offline-tablet",
            "Offline mode for the workshop tablet",
            "now",
            "job-cards",
            ["active-mechanics"],
            description="Many workshops have no signal in the back room.",
            hypothesis=(
                "We believe offline mode will raise weekly active mechanics per workshop "
                "from 2.1 to 2.5"
            ),
        ),
        _initiative(
            "parts-basket",
            "Order parts from the job card",
            "now",
            "parts",
            [],
            hypothesis=(
                "We believe ordering from the job card will cut the wait for parts by a day"
            ),
        ),
        # Next: hypotheses not yet turned into experiments.
        _initiative(
            "booking-deposit",
            "Optional deposit when booking online",
            "next",
            "online-booking",
            ["no-shows"],
            hypothesis="We believe a 10 EUR deposit will halve no-shows on online bookings",
        ),
        _initiative(
            "second-wholesaler",
            "Connect a second parts wholesaler",
            "next",
            "parts",
            ["parts-launch", "parts-wait"],
        ),
        _initiative(
            "stock-alerts",
            "Low-stock alerts for the 20 most-used parts",
            "next",
            "parts",
            ["parts-wait"],
            hypothesis="We believe low-stock alerts will cut the wait for parts by half a day",
        ),
        _initiative(
            "dark-theme",
            "Dark theme for the tablet app",
            "next",
            None,
            [],
            description="Asked for by three workshops at the spring meetup.",
        ),
        _initiative(
            "service-history",
            "Service history per bike, shareable with the rider",
            "next",
            "job-cards",
            ["active-mechanics"],
        ),
        # Later.
        _initiative(
            "ebike-codes",
            "Read e-bike motor error codes into the job card",
            "later",
            "job-cards",
            ["digital-job-cards"],
        ),
        _initiative(
            "spring-forecast",
            "Forecast spring demand from last year's bookings",
            "later",
            "parts",
            ["parts-wait"],
            description="So workshops can pre-order the parts that always run out in April.",
        ),
        _initiative(
            "fleet-accounts",
            "Fleet accounts for cargo and delivery bike operators",
            "later",
            "revenue",
            ["mrr"],
        ),
        _initiative(
            "loyalty-card",
            "Loyalty stamp card for riders",
            "later",
            None,
            [],
        ),
        # Done: delivered, with what we learned.
        _initiative(
            "booking-widget",
            "Booking widget for workshop websites",
            "done",
            "online-booking",
            ["online-share", "booking-time"],
            hypothesis=(
                "We believe a booking widget on workshop websites will raise the online "
                "share of repairs from 22% to 30%"
            ),
            result=(
                "It worked: the online share went from 22% to 31% and median booking time "
                "fell below 100 seconds. Most of the lift came from mobile visitors."
            ),
        ),
        _initiative(
            "mechanic-leaderboard",
            "Weekly mechanic leaderboard",
            "done",
            "job-cards",
            ["active-mechanics"],
            hypothesis=(
                "We believe a friendly leaderboard will raise weekly active mechanics "
                "per workshop by 0.5"
            ),
            result=(
                "Hypothesis failed: active mechanics stayed at 1.7 and several said they "
                "felt watched. Learning: the tablet must save mechanics time, not keep "
                "score. Leaderboard removed."
            ),
        ),
        _initiative(
            "first-wholesaler",
            "Parts ordering with the first wholesaler",
            "done",
            "parts",
            ["parts-launch", "parts-wait"],
            hypothesis=(
                "We believe in-app ordering will cut the days a bike waits for parts "
                "from 4.5 to 3.5"
            ),
            result=(
                "Shipped, but the wait barely moved (4.5 to 4.4 days): ordering sits "
                "three screens away from the job. Next: order from the job card."
            ),
        ),
    ]


def sample_document(today: dt.date) -> dict[str, Any]:
    """The sample roadmap as an interchange document (INTERCHANGE.md format 'roadmapper/1')."""
    return {
        "format": "roadmapper/1",
        "roadmap": {"name": SAMPLE_NAME, "description": _DESCRIPTION},
        "outcomes": _outcomes(today),
        "initiatives": _initiatives(),
    }
