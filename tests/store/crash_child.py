"""Child process of the crash test: moves cards as fast as it can, reporting each commit."""

from __future__ import annotations

import sys

from roadmapper.model.enums import Column
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument


def main(db: str, roadmap_id: int) -> None:
    store = Store.open(db)
    # The app's own path: the document picks the place, the store writes one row.
    document = RoadmapDocument(store, roadmap_id)
    cards = [i.id for i in document.current_snapshot().initiatives]
    columns = list(Column)
    step = 0
    while True:
        card = cards[step % len(cards)]
        column = columns[step % len(columns)]
        (moved,) = document.cards.move(document.slots_for([card], column, step % 7))
        # Reported only after the commit returned: this move must survive a kill.
        sys.stdout.write(f"{moved.id} {moved.column.value} {moved.rank}\n")
        sys.stdout.flush()
        step += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
