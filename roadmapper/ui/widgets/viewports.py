"""Scroll areas whose viewport is made in Python.

PySide6 creates its Python classes lazily, each with all of its enums, when
they are first used. When a call hands Python a widget that Qt made (a scroll
area's own viewport, say) and no Python object wraps it yet, PySide looks for
the widget's most derived class, and to do so it creates every ``QWidget``
subclass of QtWidgets not created yet: some seventy classes, from ``QWizard``
to ``QLCDNumber``, 15 to 30 ms. A viewport made here is wrapped from birth, so
asking for it later creates nothing.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"
"""The name Qt gives a scroll area's own viewport, kept so the widget tree reads the same."""


def own_viewport(area: QAbstractScrollArea) -> QWidget:
    """Give ``area`` a viewport made in Python, set up as Qt sets up its own; returns it.

    Call it right after the area is constructed, before anything sets up the viewport:
    Qt's first viewport is dropped. Like Qt's, the new one fills its background: with
    the base colour in an item view, with its parent's colour in a ``QScrollArea``.
    """
    viewport = QWidget()
    viewport.setObjectName(VIEWPORT_NAME)
    viewport.setAutoFillBackground(True)
    if isinstance(area, QScrollArea):
        viewport.setBackgroundRole(QPalette.ColorRole.NoRole)
    elif isinstance(area, QAbstractItemView):
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
    area.setViewport(viewport)  # the area takes ownership and re-parents it
    return viewport
