"""The app's look: Fusion, a palette from app/ui/palettes.py (dark, light or high contrast) and
style rules made from the same colours. `apply` picks what the platform asks for at start-up;
`use` switches live (app/ui/appearance.py decides which set, from the setting and the desktop)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QApplication

from app.ui.palettes import ACCENT, DARK, Colours, colours_for, outlined, qt_palette

__all__ = [
    "ACCENT",
    "applied",
    "apply",
    "current",
    "paint_focus_ring",
    "style_sheet",
    "unapply",
    "use",
]

_current: Colours = DARK
_applied = False  # views built without `apply` (tests) keep Qt's plain look

_STYLE = """
QLabel#pageHeading {{ font-size: 20pt; font-weight: 600; padding: 4px 0 10px 0; }}
QLabel#sectionHeading {{ font-size: 13pt; font-weight: 600; padding-top: 12px; }}
QLabel#stateTitle {{ font-size: 15pt; font-weight: 600; }}
QLabel#stateMessage {{ color: {c.muted}; }}
QLabel#titleName {{ font-size: 20pt; font-weight: 700; }}
QLabel#titleSubName {{ font-size: 13pt; color: {c.muted}; }}
QLabel#titleAltName {{ color: {c.muted}; font-style: italic; }}
QLabel#titleFacts {{ font-size: 11pt; color: {c.text}; }}
QLabel#titleAnnounce {{ background: {c.announce}; border-radius: 6px; padding: 6px 10px;
    border: {edge}; }}
QLabel#titleBlocked {{ background: {c.alarm}; border-radius: 6px; padding: 6px 10px;
    border: {edge}; }}
QLabel#titlePoster {{ background: {c.raised}; border-radius: 8px; color: {c.faint}; }}
QLabel#dayHeading {{ font-size: 13pt; font-weight: 600; }}
QLabel#formError {{ color: {c.accent_text}; }}
QFrame#dayStrip {{ border-radius: 10px; }}
QFrame#dayStrip[today="true"] {{ background: {c.today}; border: 1px solid {c.accent}; }}
QListWidget#navigation {{ background: {c.chrome}; border: none; font-size: 11pt; outline: 0; }}
QListWidget#navigation::item {{ padding: 10px 16px; border-radius: 8px; margin: 2px 8px; }}
QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QListWidget#navigation::item:hover:!selected {{ background: {c.hover}; }}
QWidget#rail {{ background: {c.chrome}; }}
QPushButton#railButton {{ background: transparent; border: none; text-align: left;
    padding: 10px 16px; margin: 0 8px; border-radius: 8px; font-size: 11pt; }}
QPushButton#railButton:hover {{ background: {c.hover}; }}
QLineEdit {{ padding: 7px 10px; border-radius: 6px; border: 1px solid {c.border};
    background: {c.base}; font-size: 11pt; }}
QLineEdit:focus {{ border-color: {c.accent}; }}
QToolButton, QPushButton {{ padding: 5px 12px; border-radius: 6px; border: 1px solid {c.border};
    background: {c.raised}; }}
QToolButton:hover, QPushButton:hover {{ background: {c.hover}; }}
QToolButton::menu-indicator {{ subcontrol-position: right center; right: 4px; }}
QToolButton[popupMode="2"] {{ padding-right: 20px; }}
QToolButton:focus, QPushButton:focus {{ border: 2px solid {c.accent}; padding: 4px 11px;
    outline: none; }}
QToolButton[popupMode="2"]:focus {{ padding-right: 19px; }}
QPushButton#railButton:focus {{ border: 2px solid {c.accent}; padding: 8px 14px; }}
QPushButton#bannerClose:focus {{ border: 2px solid {c.accent}; padding: 0 4px; }}
QListWidget#navigation::item:selected:focus {{ border: 2px solid {c.on_accent}; }}
QListWidget#navigation::item:focus:!selected {{ border: 2px solid {c.accent}; }}
QListWidget#episodes::item:focus, QListWidget#franchise::item:focus {{
    border: 2px solid {c.on_accent}; }}
QTabBar::tab:focus {{ border: 2px solid {c.accent}; }}
QFrame#helpCard {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 12px; }}
QLabel#helpHeading {{ font-size: 18pt; font-weight: 700; padding-bottom: 8px; }}
QLabel#helpKeys {{ background: {c.hover}; border-radius: 4px; padding: 2px 8px;
    font-weight: 600; }}
QLabel#helpHint {{ color: {c.muted}; padding-top: 12px; }}
QListWidget#episodes {{ background: transparent; border: none; }}
QListWidget#episodes::item {{ background: {c.raised}; border-radius: 6px; margin: 3px;
    border: {edge}; }}
QListWidget#episodes::item:hover {{ background: {c.hover}; }}
QListWidget#episodes::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QTextBrowser#description {{ background: transparent; font-size: 11pt; }}
QTableView#downloads::item {{ padding: 0 8px; }}
QHeaderView::section {{ background: {c.raised}; padding: 6px; border: none;
    border-right: 1px solid {c.border}; }}
QFrame#banner[kind="offline"] {{ background: {c.offline};
    border-bottom: 1px solid {c.offline_edge}; }}
QFrame#banner[kind="warning"] {{ background: {c.alarm}; border-bottom: 1px solid {c.accent}; }}
QFrame#banner QLabel {{ font-size: 10.5pt; }}
QPushButton#bannerClose {{ border: none; background: transparent; font-size: 14pt;
    padding: 0 6px; }}
QListWidget#shelf {{ background: transparent; border: none; }}
QMenuBar {{ background: {c.chrome}; }}
QLabel#brand {{ font-size: 18pt; font-weight: 800; color: {c.accent};
    padding: 14px 16px 10px; }}
"""


def style_sheet(colours: Colours) -> str:
    # High contrast: notes and tiles get an outline, as their fills alone no longer set them off.
    edge = f"1px solid {colours.border}" if outlined(colours) else "none"
    return _STYLE.format(c=colours, edge=edge)


def current() -> Colours:
    """The colours in use: painted widgets ask at paint time, so a switch reaches them."""
    return _current


def selection_fill() -> QColor:
    """A card under the mouse or selected: the accent, a third of it, over the window."""
    colours = current()
    accent, window = QColor(colours.accent), QColor(colours.window)
    return QColor(
        round(accent.red() * 0.3 + window.red() * 0.7),
        round(accent.green() * 0.3 + window.green() * 0.7),
        round(accent.blue() * 0.3 + window.blue() * 0.7),
    )


def paint_focus_ring(painter: QPainter, rect: QRect, radius: float, on_accent: bool) -> None:
    """The keyboard's current card: a 2 px ring (painted cards have no style sheet)."""
    colours = current()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(colours.on_accent if on_accent else colours.accent), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    painter.restore()


def platform_wants_dark() -> bool:
    """Qt's reading of the desktop; dark when it cannot tell (the app's own look)."""
    return QGuiApplication.styleHints().colorScheme() is not Qt.ColorScheme.Light


def platform_wants_contrast() -> bool:
    hints = QGuiApplication.styleHints()  # held: accessibility() dies with a temporary
    preference = hints.accessibility().contrastPreference()
    return preference is Qt.ContrastPreference.HighContrast


def applied() -> bool:
    return _applied


def use(app: QApplication, colours: Colours) -> None:
    """Switches the whole app to `colours` (nothing happens when they are already in use)."""
    global _current, _applied
    sheet = style_sheet(colours)
    if colours == _current and _applied and app.styleSheet() == sheet:
        return  # (compared with the app's own: whoever set another sheet meanwhile is undone)
    _current, _applied = colours, True
    app.setPalette(qt_palette(colours))
    app.setStyleSheet(sheet)


def chosen_colours(
    choice: str, desktop_dark: bool | None = None, desktop_contrast: bool | None = None
) -> Colours:
    """What the `appearance` choice asks for: dark or light as chosen, else as the desktop
    wishes (its portal, once read: app.ui.appearance), else as Qt reads the platform."""
    if choice in ("dark", "light"):
        dark = choice == "dark"
    else:
        dark = desktop_dark if desktop_dark is not None else platform_wants_dark()
    contrast = desktop_contrast if desktop_contrast is not None else platform_wants_contrast()
    return colours_for(dark, contrast)


def apply(app: QApplication, choice: str = "system") -> None:
    """Fusion in the colours the saved `appearance` choice or else the platform asks for."""
    app.setStyle("Fusion")
    apply_colours(app, choice)


def apply_colours(app: QApplication, choice: str = "system") -> None:
    """At start-up (the application was made in Fusion: app.launch_parts.qt_arguments): the
    colours the saved `appearance` choice or else the platform asks for (the desktop portal is
    read later, off the start-up path), decided as app.ui.appearance decides later, so a warm
    start's kept record, made under them, matches."""
    use(app, chosen_colours(choice))


def unapply(app: QApplication, style: str) -> None:
    """Back to Qt's plain look in `style` (tests that looked at the theme for a while)."""
    global _current, _applied
    _current, _applied = DARK, False
    app.setStyleSheet("")
    app.setPalette(app.style().standardPalette())
    app.setStyle(style)
