"""Small widgets shared by the board, the panel and the dialogs."""
