"""The export dialog remembers its last options in QSettings, under ``export/``."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, QSignalBlocker

from roadmapper.core.errors import RoadmapperError
from roadmapper.export.options import ExportOptions
from roadmapper.model.enums import Column
from roadmapper.ui.export_dialog.form import ExportForm

KEY = "export/"
FOLDER_KEY = KEY + "folder"
"""The folder of the last export, where the next one is offered."""


def _text(settings: QSettings, name: str, default: str) -> str:
    value = settings.value(KEY + name, default)
    return value if isinstance(value, str) else default


def _flag(settings: QSettings, name: str, default: bool) -> bool:
    value = settings.value(KEY + name, default)
    if isinstance(value, str):  # an INI file gives booleans back as "true" / "false"
        return value.lower() == "true"
    return bool(value)


def _number(settings: QSettings, name: str, default: float) -> float:
    try:
        return float(settings.value(KEY + name, default))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def save_options(settings: QSettings, form: ExportForm) -> None:
    """Keep the form's options; outcomes by objective, title and subtitle with the roadmap name.

    Outcomes go by objective because ids differ between files; the title and
    subtitle belong to one roadmap, so another roadmap starts from its own name.
    """
    options = form.options()
    names = {o.id: o.objective for o in form.snapshot.outcomes}
    ids = options.outcome_ids
    values: dict[str, object] = {
        "kind": options.kind,
        "columns": ",".join(c.value for c in form.columns()),
        "outcomes": json.dumps(None if ids is None else [names[i] for i in ids]),
        "show_chips": options.show_chips,
        "title": options.title,
        "subtitle": form.subtitle_edit.text().strip(),
        "no_subtitle": form.no_subtitle_box.isChecked(),
        "text_for": form.snapshot.roadmap.name,
        "theme": options.theme,
        "width": round(options.width),
        "height": round(options.height),
        "scale": options.scale,
        "format": form.suffix(),
        "pptx_picture": options.pptx_picture,
    }
    for name, value in values.items():
        settings.setValue(KEY + name, value)


def restore_options(settings: QSettings, form: ExportForm) -> None:
    """Show the options kept by ``save_options``; anything missing or unreadable stays default.

    Outcomes that no longer exist are ignored; when none of the remembered ones
    is left, every outcome is checked.
    """
    if not settings.contains(KEY + "kind"):
        return
    default = ExportOptions()
    words = _text(settings, "columns", "").split(",")
    same_roadmap = _text(settings, "text_for", "") == form.snapshot.roadmap.name
    subtitle = _text(settings, "subtitle", "") if same_roadmap else ""
    no_subtitle = _flag(settings, "no_subtitle", False)
    try:
        objectives = json.loads(_text(settings, "outcomes", "null"))
        options = ExportOptions(
            kind="okr" if _text(settings, "kind", "board") == "okr" else "board",
            columns=tuple(c for c in Column if c.value in words) or default.columns,
            outcome_ids=form.ids_for(objectives),
            show_chips=_flag(settings, "show_chips", True),
            title=_text(settings, "title", "") if same_roadmap else "",
            subtitle="" if no_subtitle else subtitle or None,
            theme=_text(settings, "theme", default.theme),
            width=_number(settings, "width", default.width),
            height=_number(settings, "height", default.height),
            scale=_number(settings, "scale", default.scale),
            pptx_picture=_flag(settings, "pptx_picture", False),
        )
    except (ValueError, RoadmapperError):  # a hand-edited file: keep the defaults
        return
    form.set_options(options, _text(settings, "format", ".png"))
    if no_subtitle:  # the text typed before "No subtitle" was ticked comes back with it
        with QSignalBlocker(form.subtitle_edit):
            form.subtitle_edit.setText(subtitle)
