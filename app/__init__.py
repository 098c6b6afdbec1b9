"""Libria: a desktop client for the AniLibria anime catalogue."""

__version__ = "0.4.0"
