"""The app's colour sets: dark (long evenings in front of posters), light, and a high-contrast
variant of each. Widgets that paint themselves ask `theme.current()` for these, style rules are
made from them (app/ui/theme.py), and Qt's palette carries the basic roles."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

ACCENT = "#e0474c"  # Libria's red, the same in the dark and the light theme


@dataclass(frozen=True, slots=True)
class Colours:
    name: str
    dark: bool
    window: str
    text: str
    base: str  # fields and lists
    raised: str  # buttons, episode tiles, placeholders: one step off the window
    hover: str
    border: str
    muted: str  # secondary text (facts, hints): still readable, at least 4.5:1 on window
    faint: str  # tertiary text (placeholders, repeated names)
    chrome: str  # the rail and the menu bar
    accent: str
    on_accent: str  # text and the focus ring on accent-coloured fills
    accent_text: str  # accent as text on the window (errors, links): readable, not just red
    disabled: str
    announce: str  # "announced" note on a title page
    alarm: str  # blocked title, warning banner
    today: str  # today's strip in the schedule
    offline: str
    offline_edge: str
    track: str  # empty part of a progress bar
    done: str
    failed: str  # a failed download's bar


DARK = Colours(
    name="dark", dark=True, window="#1f1f26", text="#ececf1", base="#1a1a20", raised="#2a2a33",
    hover="#34343f", border="#3a3a45", muted="#b9b9c3", faint="#8a8a95", chrome="#17171c",
    accent=ACCENT, on_accent="#ffffff", accent_text="#ff8a8e", disabled="#6c6c78",
    announce="#3a2f1c", alarm="#4a1f22", today="#33252a", offline="#4a3a1a",
    offline_edge="#7a6020", track="#34343f", done="#3f9d5a", failed="#7a2e33",
)  # fmt: skip

LIGHT = Colours(
    name="light", dark=False, window="#f5f5f7", text="#1b1b21", base="#ffffff", raised="#e8e8ee",
    hover="#dadae2", border="#c4c4ce", muted="#4e4e58", faint="#6b6b76", chrome="#e9e9ee",
    accent=ACCENT, on_accent="#ffffff", accent_text="#b3262c", disabled="#9a9aa4",
    announce="#f8e9c4", alarm="#f6d5d7", today="#fbe4e5", offline="#f8e6b8",
    offline_edge="#c9962a", track="#d2d2da", done="#2e8b4a", failed="#d9868a",
)  # fmt: skip

# High contrast: black and white, borders everywhere, secondary text as strong as the primary;
# the accent is lightened (dark) or deepened (light) until text on it passes 7:1.
DARK_CONTRAST = Colours(
    name="dark-contrast", dark=True, window="#000000", text="#ffffff", base="#000000",
    raised="#000000", hover="#303030", border="#ffffff", muted="#ffffff", faint="#e0e0e0",
    chrome="#000000", accent="#ff9a9d", on_accent="#000000", accent_text="#ff9a9d",
    disabled="#a0a0a0", announce="#000000", alarm="#000000", today="#000000", offline="#000000",
    offline_edge="#ffd23f", track="#5a5a5a", done="#7de39a", failed="#ff9a9d",
)  # fmt: skip

LIGHT_CONTRAST = Colours(
    name="light-contrast", dark=False, window="#ffffff", text="#000000", base="#ffffff",
    raised="#ffffff", hover="#e0e0e0", border="#000000", muted="#000000", faint="#1e1e1e",
    chrome="#ffffff", accent="#9e0b14", on_accent="#ffffff", accent_text="#9e0b14",
    disabled="#5a5a5a", announce="#ffffff", alarm="#ffffff", today="#ffffff", offline="#ffffff",
    offline_edge="#7a5200", track="#a0a0a0", done="#0b6b2a", failed="#9e0b14",
)  # fmt: skip


def outlined(colours: Colours) -> bool:
    """High contrast: surfaces are told apart by outlines, not by a shade."""
    return colours.name.endswith("contrast")


def colours_for(dark: bool, high_contrast: bool) -> Colours:
    if high_contrast:
        return DARK_CONTRAST if dark else LIGHT_CONTRAST
    return DARK if dark else LIGHT


def qt_palette(colours: Colours) -> QPalette:
    """Qt's roles from the set: what every standard widget and delegate paints with."""
    role = QPalette.ColorRole
    palette = QPalette()
    for key, value in {
        role.Window: colours.window, role.WindowText: colours.text, role.Base: colours.base,
        role.AlternateBase: colours.raised, role.ToolTipBase: colours.raised,
        role.ToolTipText: colours.text, role.Text: colours.text, role.Button: colours.raised,
        role.ButtonText: colours.text, role.Highlight: colours.accent,
        role.HighlightedText: colours.on_accent, role.Link: colours.accent_text,
        role.LinkVisited: colours.accent_text, role.PlaceholderText: colours.faint,
        role.BrightText: colours.on_accent, role.Light: colours.hover, role.Midlight: colours.hover,
        role.Mid: colours.border, role.Dark: colours.chrome, role.Shadow: "#000000",
    }.items():  # fmt: skip
        palette.setColor(key, QColor(value))
    palette.setColor(QPalette.ColorRole.Accent, QColor(colours.accent))
    for disabled in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, disabled, QColor(colours.disabled))
    return palette
