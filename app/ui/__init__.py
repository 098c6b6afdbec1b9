"""Qt widgets: the main window, its pages, the tray. Views render what services emit."""
