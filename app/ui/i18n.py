"""Interface language: English source strings, Russian by default through Qt translators."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator

from app.core.paths import resources_dir
from app.services.settings import SettingsStore

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []
_language = "ru"  # the app's default, until install_language says otherwise


def current_language() -> str:
    """The interface language last installed: "ru" or "en"."""
    return _language


def install_language(language: str) -> None:
    """Switches every translatable text; widgets retranslate on QEvent.LanguageChange."""
    global _language
    _language = language
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)
    loaded = ours.load(str(resources_dir() / "i18n" / f"libria_{language}.qm"))
    if loaded:  # English: only its plural forms ("1 episode", "2 episodes")
        app.installTranslator(ours)
        _installed.append(ours)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    if not loaded:
        log.warning("no %s translation found; the interface stays in English", language)
    # Qt's own buttons and dialogs: a large catalogue, loaded once the window is up.
    QTimer.singleShot(0, lambda: _install_qt_translation(language))


def follow_language(settings: SettingsStore) -> None:
    """The interface speaks the language the settings hold, now and after every change."""
    install_language(str(settings.get("language")))
    if settings.findChild(_LanguageFollower) is None:  # once per store, however often asked
        _LanguageFollower(settings)


class _LanguageFollower(QObject):
    def __init__(self, settings: SettingsStore) -> None:
        super().__init__(settings)  # lives as long as the store it listens to
        settings.on_change("language", self._language_changed)

    def _language_changed(self, value: object) -> None:
        install_language(str(value))


def _install_qt_translation(language: str) -> None:
    app = QCoreApplication.instance()
    if app is None or QLocale().name() != QLocale(QLocale.Language.Russian).name():
        return
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
