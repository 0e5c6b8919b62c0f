"""The initiatives of the sample roadmap: cards over Now, Next, Later and Done."""

from __future__ import annotations

from typing import Any


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


def sample_initiatives() -> list[dict[str, Any]]:
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
