"""The editing path, free of widgets: the document, the editor and its undo commands."""
