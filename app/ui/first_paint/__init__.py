"""A warm start's first paint: the start page as the last session left it, painted from a small
record before the app's heavy code loads (README, Decisions: "First paint from a kept record")."""

FILE_NAME = "first_page.json"  # in the cache folder; here so a start can look for it for free
