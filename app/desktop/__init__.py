"""The desktop session: D-Bus notifications (and, later, media keys)."""
