"""Local data: watch progress (and, later, favourites and the offline catalogue), and the sign-in
token (system keyring or a private file). No Qt here."""
