"""What the board shows: accessible names, dark palette, first start, Done results."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette

from roadmapper import app
from roadmapper.core.sample import SAMPLE_NAME
from roadmapper.model.enums import Column
from roadmapper.render.theme import DARK, LIGHT
from roadmapper.ui.board.column_model import CARD_ROLE
from roadmapper.ui.main_window import MainWindow


def test_each_card_has_its_title_as_accessible_name(window: MainWindow) -> None:
    view = window.board.views[Column.NOW]
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface is not None
    names = {interface.child(i).text(QAccessible.Text.Name) for i in range(interface.childCount())}
    titles = {window.document.card(i).title for i in view.column_model().ids()}
    assert titles <= names


def test_dark_palette_restyles_the_cards(window: MainWindow) -> None:
    view = window.board.views[Column.NEXT]
    assert view.card_delegate.painter.theme == LIGHT
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    view.setPalette(dark)
    assert view.card_delegate.painter.theme == DARK


def test_first_start_on_a_new_database_shows_the_sample(tmp_path: Path, qtbot, settings) -> None:
    store = app.open_store(str(tmp_path / "new.db"))
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    assert window.document.snapshot.roadmap.name == SAMPLE_NAME
    assert window.board.stack.currentWidget() is not window.board.empty
    store.close()
    again = app.open_store(str(tmp_path / "new.db"))  # not seeded twice
    assert len(again.list_roadmaps()) == 1
    again.close()


def test_done_cards_show_their_result_or_ask_for_it(window: MainWindow) -> None:
    model = window.board.models[Column.DONE]
    cards = [model.index(r).data(CARD_ROLE) for r in range(model.rowCount())]
    assert cards and all(c.done and c.hypothesis is None for c in cards)
    assert any(c.result for c in cards)
    tall = window.board.views[Column.DONE].card_delegate.card_height
    short = window.board.views[Column.NEXT].card_delegate.card_height
    assert tall > short


def test_user_text_in_tooltips_is_shown_as_typed(window: MainWindow) -> None:
    from roadmapper.core.records import InitiativeFields
    from tests.ui.conftest import shown

    title = "<b>Q4</b> & <i>bets</i>"
    card_id = window.editor.create(InitiativeFields(title, hypothesis="<br>x"), Column.NEXT)
    assert card_id is not None
    model = window.board.models[Column.NEXT]
    tip = model.index(model.row_of(card_id)).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(tip) == f"{title}\nOutcome: No outcome\nHypothesis: <br>x"
    for button in window.board.legend.buttons().values():
        assert shown(button.toolTip()).startswith(button.accessibleName())


def cards_in_sight_bytes(window: MainWindow) -> int:
    """What the columns shown take in pixels, 4 bytes each."""
    total = 0.0
    for column in window.board.visible_columns():
        view = window.board.views[column]
        size, ratio = view.viewport().size(), view.devicePixelRatioF()
        total += size.width() * size.height() * ratio * ratio * 4
    return int(total)


def test_rendered_cards_are_kept_for_what_is_in_sight(window: MainWindow, qtbot) -> None:
    """The pixmap cache holds three boards of the cards in sight, whatever the screen:
    it follows the window's size and the columns shown, and lets go when the board goes."""
    from PySide6.QtGui import QPixmapCache

    from roadmapper.ui.board.card_delegate import KEPT_BOARDS, PIXMAP_CACHE_MIN_KB

    def expected() -> int:
        return max(PIXMAP_CACHE_MIN_KB, KEPT_BOARDS * cards_in_sight_bytes(window) // 1024)

    qtbot.waitUntil(lambda: window.dock.widget() is not None)  # the dock at its width
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: QPixmapCache.cacheLimit() == expected())
    laptop = QPixmapCache.cacheLimit()
    window.resize(1920, 1050)
    qtbot.waitUntil(lambda: QPixmapCache.cacheLimit() == expected())
    monitor = QPixmapCache.cacheLimit()
    assert monitor > 2 * laptop > 2 * PIXMAP_CACHE_MIN_KB
    window.board.set_done_visible(True)  # four narrower columns in sight
    qtbot.waitUntil(lambda: QPixmapCache.cacheLimit() == expected())
    window.board.set_done_visible(False)  # a hidden column no longer counts
    # (Once the three columns have their width back: the Done column hides first.)
    qtbot.waitUntil(lambda: QPixmapCache.cacheLimit() == expected() == monitor)
    window.close()
    window.board.deleteLater()
    qtbot.waitUntil(lambda: QPixmapCache.cacheLimit() == PIXMAP_CACHE_MIN_KB)


def test_cards_are_drawn_opaque_on_the_column_background(window: MainWindow, qtbot) -> None:
    """A card's picture has no alpha channel (copied, not blended, on every repaint);
    its rounded corners show the column's background, light or dark."""
    from PySide6.QtGui import QPalette

    from roadmapper.render.card import CardState

    view = window.board.views[Column.NOW]
    model = view.column_model()
    card = model.index(0).data(CARD_ROLE)
    for background in ("#f3f4f6", "#1e1f22"):
        palette = QPalette(view.palette())
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        view.setPalette(palette)
        pixmap = view.card_delegate._card_pixmap(card, CardState(), 240, 100)
        assert not pixmap.hasAlphaChannel()
        corner = pixmap.toImage().pixelColor(0, 0)
        assert corner.name() == background
