"""QObjects that own the app's async work and state and speak in Qt signals and core models."""
