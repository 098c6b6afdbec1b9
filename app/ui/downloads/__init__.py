"""Downloads in the window: the service's surface as the views see it, their words, the table's
model, and the running total the rail and the tray show."""
