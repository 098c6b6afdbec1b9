"""A dark Fusion palette and a few style rules: long evenings in front of posters."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication

ACCENT = "#e0474c"
FOCUS_ON_ACCENT = "#ffffff"  # the ring on what is already accent-coloured (a selected row)

STYLE = f"""
QLabel#pageHeading {{ font-size: 20pt; font-weight: 600; padding: 4px 0 10px 0; }}
QLabel#sectionHeading {{ font-size: 13pt; font-weight: 600; padding-top: 12px; }}
QLabel#stateTitle {{ font-size: 15pt; font-weight: 600; }}
QLabel#stateMessage {{ color: #b9b9c3; }}
QLabel#titleName {{ font-size: 20pt; font-weight: 700; }}
QLabel#titleSubName {{ font-size: 13pt; color: #c8c8d0; }}
QLabel#titleAltName {{ color: #a0a0aa; font-style: italic; }}
QLabel#titleFacts {{ font-size: 11pt; color: #e6e6ea; }}
QLabel#titleAnnounce {{ background: #3a2f1c; border-radius: 6px; padding: 6px 10px; }}
QLabel#titleBlocked {{ background: #4a1f22; border-radius: 6px; padding: 6px 10px; }}
QLabel#titlePoster {{ background: #2a2a33; border-radius: 8px; color: #8a8a95; }}
QLabel#dayHeading {{ font-size: 13pt; font-weight: 600; }}
QLabel#formError {{ color: {ACCENT}; }}
QFrame#dayStrip {{ border-radius: 10px; }}
QFrame#dayStrip[today="true"] {{ background: #33252a; border: 1px solid {ACCENT}; }}
QListWidget#navigation {{ background: #17171c; border: none; font-size: 11pt; outline: 0; }}
QListWidget#navigation::item {{ padding: 10px 16px; border-radius: 8px; margin: 2px 8px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: #2a2a33; }}
QWidget#rail {{ background: #17171c; }}
QPushButton#railButton {{ background: transparent; border: none; text-align: left;
    padding: 10px 24px; font-size: 11pt; }}
QPushButton#railButton:hover {{ background: #2a2a33; }}
QLineEdit {{ padding: 7px 10px; border-radius: 6px; border: 1px solid #3a3a45;
    background: #24242c; font-size: 11pt; }}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QToolButton, QPushButton {{ padding: 5px 12px; border-radius: 6px; border: 1px solid #3a3a45;
    background: #2a2a33; }}
QToolButton:hover, QPushButton:hover {{ background: #34343f; }}
QToolButton::menu-indicator {{ subcontrol-position: right center; right: 4px; }}
QToolButton[popupMode="2"] {{ padding-right: 20px; }}
QToolButton:focus, QPushButton:focus {{ border: 2px solid {ACCENT}; padding: 4px 11px; }}
QToolButton[popupMode="2"]:focus {{ padding-right: 19px; }}
QPushButton#railButton:focus {{ border: 2px solid {ACCENT}; border-radius: 8px;
    padding: 8px 22px; }}
QPushButton#bannerClose:focus {{ border: 2px solid {ACCENT}; padding: 0 4px; }}
QListWidget#navigation::item:selected:focus {{ border: 2px solid {FOCUS_ON_ACCENT}; }}
QListWidget#navigation::item:focus:!selected {{ border: 2px solid {ACCENT}; }}
QListWidget#episodes::item:focus, QListWidget#franchise::item:focus {{
    border: 2px solid {FOCUS_ON_ACCENT}; }}
QTabBar::tab:focus {{ border: 2px solid {ACCENT}; }}
QFrame#helpCard {{ background: #24242c; border: 1px solid #3a3a45; border-radius: 12px; }}
QLabel#helpHeading {{ font-size: 18pt; font-weight: 700; padding-bottom: 8px; }}
QLabel#helpKeys {{ background: #34343f; border-radius: 4px; padding: 2px 8px;
    font-weight: 600; }}
QLabel#helpHint {{ color: #9a9aa6; padding-top: 12px; }}
QListWidget#episodes {{ background: transparent; border: none; }}
QListWidget#episodes::item {{ background: #2a2a33; border-radius: 6px; margin: 3px; }}
QListWidget#episodes::item:hover {{ background: #3a3a45; }}
QListWidget#episodes::item:selected {{ background: {ACCENT}; color: white; }}
QTextBrowser#description {{ background: transparent; font-size: 11pt; }}
QTableView#downloads::item {{ padding: 0 8px; }}
QHeaderView::section {{ background: #24242c; padding: 6px; border: none;
    border-right: 1px solid #30303a; }}
QFrame#banner[kind="offline"] {{ background: #4a3a1a; border-bottom: 1px solid #7a6020; }}
QFrame#banner[kind="warning"] {{ background: #4a1f22; border-bottom: 1px solid {ACCENT}; }}
QFrame#banner QLabel {{ font-size: 10.5pt; }}
QPushButton#bannerClose {{ border: none; background: transparent; font-size: 14pt;
    padding: 0 6px; }}
QListWidget#shelf {{ background: transparent; border: none; }}
QMenuBar {{ background: #17171c; }}
QLabel#brand {{ font-size: 18pt; font-weight: 800; color: {ACCENT}; padding: 14px 16px 10px; }}
"""


def paint_focus_ring(painter: QPainter, rect: QRect, radius: float, on_accent: bool) -> None:
    """The keyboard's current card: a 2 px ring (painted cards have no style sheet)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(FOCUS_ON_ACCENT if on_accent else ACCENT), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    painter.restore()


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1f1f26",
        QPalette.ColorRole.WindowText: "#ececf1",
        QPalette.ColorRole.Base: "#1a1a20",
        QPalette.ColorRole.AlternateBase: "#24242c",
        QPalette.ColorRole.ToolTipBase: "#2a2a33",
        QPalette.ColorRole.ToolTipText: "#ececf1",
        QPalette.ColorRole.Text: "#ececf1",
        QPalette.ColorRole.Button: "#2a2a33",
        QPalette.ColorRole.ButtonText: "#ececf1",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#ff8a8e",
        QPalette.ColorRole.PlaceholderText: "#9a9aa6",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6c6c78"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6c6c78"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE)
