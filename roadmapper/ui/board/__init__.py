"""The board: columns of cards, the legend, card actions and the card dialogs."""
