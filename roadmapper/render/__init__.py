"""QtGui painting shared by the board and the exports (no widgets)."""
