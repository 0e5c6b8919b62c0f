"""Reading the window's other roadmaps while it is idle: ``ReadAhead``.

Switching to a roadmap the window keeps shows it without reading anything; switching
to any other reads it whole (at 10,000 cards, a good part of a second on a laptop).
So once the window has started and the full store is loaded, the other roadmaps of
the database are read one at a time, a pause between two reads so that what the
person does goes first (and none while a mouse button is held or a dialog or menu
is open), and kept as if the window had shown them (``RoadmapDocument.read_ahead``,
which also lets the health strip and the legend count and build for them). The
first switch to one of them then takes about as long as switching back.

What is read ahead is bounded: at most as many roadmaps as the window keeps, and
together at most ``READ_AHEAD_CARDS`` cards, so a database of large roadmaps does
not fill the memory with roadmaps nobody may open. A roadmap another program
changes afterwards is read again when it is shown, as ever. A read that fails (the
server went away, the file is locked) ends the read-ahead quietly: the switch that
needs it meets the failure and says it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from roadmapper.core.errors import RoadmapperError
from roadmapper.ui.editing.document import KEPT_ROADMAPS, RoadmapDocument

READ_AHEAD_CARDS = 20_000
"""At most this many cards, all roadmaps read ahead together (about 30 MB)."""
PAUSE_MS = 250
"""Between two reads, and before the first: the event loop serves the person first."""
WARM_TRIES = 120
"""How many pauses to wait for the full store to be loaded (30 s) before giving up."""


def person_busy() -> bool:
    """Whether a read now could stall what the person is doing: a mouse button is held
    (a drag runs its own event loop, where the timer fires too), or a dialog or a menu
    is open."""
    return (
        QApplication.mouseButtons() != Qt.MouseButton.NoButton
        or QApplication.activeModalWidget() is not None
        or QApplication.activePopupWidget() is not None
    )


class ReadAhead(QObject):
    """Reads the other roadmaps of ``document``'s store, one per pause, once started."""

    def __init__(self, document: RoadmapDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._step)
        self._plan: list[int] | None = None
        self._planned_for: object = None
        """The store ``_plan`` names roadmaps of: ids of one database mean nothing in another."""
        self._tries = 0
        self._started = False

    @property
    def active(self) -> bool:
        """Whether roadmaps are still to be read ahead."""
        return self._timer.isActive()

    def start(self) -> None:
        """Read the other roadmaps of the document's store (again) from the next pause."""
        self._plan, self._tries, self._started = None, 0, True
        self._timer.start()

    def start_again(self) -> None:
        """After another database was opened: read its roadmaps ahead, if started before."""
        if self._started:
            self.start()

    def stop(self) -> None:
        self._timer.stop()
        self._plan = None

    def _step(self) -> None:
        if person_busy():
            self._timer.start()  # a drag, a held button, a dialog or menu: later
            return
        store = self.document.store
        try:
            if self._plan is None:
                if not store.is_warm:
                    self._tries += 1
                    if self._tries < WARM_TRIES:
                        self._timer.start()
                    return
                self._plan, self._planned_for = self._planned(), store
            if store is not self._planned_for:
                self._plan = []  # another database was opened meanwhile
            while self._plan:
                if self.document.read_ahead(self._plan.pop(0)):
                    break  # one read per pause
        except RoadmapperError:
            self._plan = []
        if self._plan:
            self._timer.start()

    def _planned(self) -> list[int]:
        """The roadmaps to read, in the switcher's order, within the bounds."""
        document = self.document
        counts = document.store.card_counts()
        cards_left, plan = READ_AHEAD_CARDS, list[int]()
        for roadmap in document.store.roadmaps():
            cards = counts.get(roadmap.id, 0)
            if roadmap.id == document.roadmap_id or document.is_kept(roadmap.id):
                continue
            if cards <= cards_left and len(plan) < KEPT_ROADMAPS:
                plan.append(roadmap.id)
                cards_left -= cards
        return plan
