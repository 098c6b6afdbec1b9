"""Who the app is to the desktop: one reverse-DNS id for the desktop file, D-Bus names and
notifications."""

APP_ID = "tv.libria.Libria"
APP_NAME = "Libria"
