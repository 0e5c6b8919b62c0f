"""Child process of the crash test: moves cards as fast as it can, reporting each commit."""

from __future__ import annotations

import sys

from roadmapper.model.enums import Column
from roadmapper.store.store import Store


def main(db: str, roadmap_id: int) -> None:
    store = Store.open(db)
    cards = [i.id for i in store.load(roadmap_id).initiatives]
    columns = list(Column)
    step = 0
    while True:
        card = cards[step % len(cards)]
        column = columns[step % len(columns)]
        rank = store.move_to_index(card, column, step % 7)
        # Reported only after the commit returned: this move must survive a kill.
        sys.stdout.write(f"{card} {column.value} {rank}\n")
        sys.stdout.flush()
        step += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
