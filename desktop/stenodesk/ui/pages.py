"""The window's pages, in sidebar order. Adding a page is one line in PAGES.

A factory builds the page from the shared :class:`AppContext`; it imports its
module itself, so a page costs nothing until the window is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from stenodesk.ui.context import AppContext

PageFactory = Callable[[AppContext, QWidget], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    """English title; shown through QCoreApplication.translate("pages", title)."""
    icon: str
    """Name of an SVG in resources/icons."""
    factory: PageFactory


def _transcribe(ctx: AppContext, parent: QWidget) -> QWidget:
    from stenodesk.ui.models_model import ModelChoices
    from stenodesk.ui.transcribe_page import TranscribePage

    page = TranscribePage(
        ctx.jobs, ctx.settings, ctx.player, ctx.models(), parent, waveforms=ctx.waveforms
    )
    ModelChoices(ctx.model_manager, page.queue.options_widget)
    from stenodesk.ui.editor_settings import PlaybackMemory

    PlaybackMemory(ctx.settings, ctx.player, page)
    return page


def _models(ctx: AppContext, parent: QWidget) -> QWidget:
    from stenodesk.ui.models_page import ModelsPage

    return ModelsPage(ctx.model_manager, ctx.settings, parent)


def _live(ctx: AppContext, parent: QWidget) -> QWidget:
    from stenodesk.ui.live_page import LivePage

    return LivePage(ctx.live, ctx.jobs, ctx.settings, ctx.dirs, parent)


def _settings(ctx: AppContext, parent: QWidget) -> QWidget:
    from PySide6.QtCore import QCoreApplication

    from stenodesk.ui.gpu_view import GpuReportView
    from stenodesk.ui.settings_page import SettingsPage

    page = SettingsPage(ctx.settings, parent)
    title = QCoreApplication.translate("SettingsPage", "GPU")
    page.add_section(title, GpuReportView(ctx.gpu, ctx.settings), after=page.device_group)
    from stenodesk.ui.editor_settings import EditorSettingsGroup

    title = QCoreApplication.translate("SettingsPage", "Transcript editor")
    page.add_section(title, EditorSettingsGroup(ctx.settings))
    return page


def _title(text: object) -> str:
    return str(text)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "transcribe", _title(QT_TRANSLATE_NOOP("pages", "Transcribe")), "transcribe", _transcribe
    ),
    PageSpec("models", _title(QT_TRANSLATE_NOOP("pages", "Models")), "models", _models),
    PageSpec("live", _title(QT_TRANSLATE_NOOP("pages", "Live")), "live", _live),
    PageSpec("settings", _title(QT_TRANSLATE_NOOP("pages", "Settings")), "settings", _settings),
)
