"""Local data: watch progress (and, later, favourites and the offline catalogue). No Qt here."""
