"""The library's schema, as the ordered steps that build it.

Step N brings a database from `user_version` N-1 to N. Steps are only ever appended: a released
step never changes, so every user's database, however old, reaches the same schema.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: what the user owns: favourites and per-episode progress (which doubles as history).
    """
    CREATE TABLE favourites (
        title_id INTEGER PRIMARY KEY,
        code     TEXT NOT NULL DEFAULT '',
        added    REAL NOT NULL
    );
    CREATE TABLE progress (
        title_id INTEGER NOT NULL,
        episode  REAL NOT NULL,
        position REAL NOT NULL DEFAULT 0,
        duration REAL NOT NULL DEFAULT 0,
        watched  INTEGER NOT NULL DEFAULT 0,
        updated  REAL NOT NULL,
        PRIMARY KEY (title_id, episode)
    );
    CREATE INDEX progress_by_time ON progress (updated DESC);
    """,
    # 2: what the app keeps to work offline: titles, catalogue pages, the poster cache's index.
    """
    CREATE TABLE titles (
        title_id INTEGER PRIMARY KEY,
        code     TEXT NOT NULL DEFAULT '',
        data     BLOB NOT NULL,
        complete INTEGER NOT NULL DEFAULT 0,  -- 1: with episodes, not just a grid card's brief
        fetched  REAL NOT NULL
    );
    CREATE INDEX titles_by_code ON titles (code);
    CREATE TABLE pages (
        key     TEXT PRIMARY KEY,
        data    BLOB NOT NULL,
        fetched REAL NOT NULL
    );
    CREATE TABLE posters (
        file    TEXT PRIMARY KEY,
        url     TEXT NOT NULL,
        bytes   INTEGER NOT NULL,
        stored  REAL NOT NULL
    );
    CREATE INDEX posters_by_age ON posters (stored);
    """,
    # 3: episodes already announced, so a restart (or a poll) never announces one twice.
    """
    CREATE TABLE announced (
        title_id INTEGER NOT NULL,
        episode  REAL NOT NULL,
        at       REAL NOT NULL,
        PRIMARY KEY (title_id, episode)
    );
    """,
    # 4: the account's side: changes made while signed in wait in the outbox until the server
    # takes them; the account's lists (collections) as last synced plus those changes; and the
    # accounts synced at least once.
    """
    CREATE TABLE outbox (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        account    TEXT NOT NULL,  -- the API origin the change belongs to
        kind       TEXT NOT NULL,  -- 'favourite' or 'list'
        release_id INTEGER NOT NULL,
        value      TEXT NOT NULL,  -- favourite: 'add'/'remove', list: a collection or ''
        created    REAL NOT NULL
    );
    CREATE INDEX outbox_by_release ON outbox (account, kind, release_id);
    CREATE TABLE account_lists (
        account    TEXT NOT NULL,
        release_id INTEGER NOT NULL,
        collection TEXT NOT NULL,
        added      REAL NOT NULL,
        PRIMARY KEY (account, release_id)
    );
    CREATE TABLE account_synced (
        account TEXT PRIMARY KEY,
        at      REAL NOT NULL
    );
    """,
    # 5: where an episode stopped, sent to the account: the episode's id (the service keys
    # timecodes by it, not by release) goes in `item`; '' for the other kinds.
    """
    ALTER TABLE outbox ADD COLUMN item TEXT NOT NULL DEFAULT '';
    """,
    # 6: this machine's own favourites, kept apart while an account's are in `favourites` (they
    # come back at sign-out); whose favourites `favourites` holds ('' = this machine's); and
    # each account's answer to "add this machine's favourites to it?" (merge: 1 yes, 0 no,
    # NULL: the account had them all, nothing was asked). Accounts synced before this step got
    # them added silently: that counts as their answer.
    """
    CREATE TABLE machine_favourites (
        title_id INTEGER PRIMARY KEY,
        code     TEXT NOT NULL DEFAULT '',
        added    REAL NOT NULL
    );
    CREATE TABLE favourites_owner (
        only    INTEGER PRIMARY KEY CHECK (only = 0),
        account TEXT NOT NULL
    );
    INSERT INTO favourites_owner (only, account) VALUES (0, '');
    CREATE TABLE account_merge (
        account TEXT PRIMARY KEY,
        merge   INTEGER,
        at      REAL NOT NULL
    );
    INSERT INTO account_merge (account, merge, at) SELECT account, 1, at FROM account_synced;
    """,
    # 7: episodes downloaded for offline watching, or on their way: one row per episode of a
    # title (re-adding one never duplicates it); `path` is the final file, `state` a
    # DownloadState value, `reason` why it failed.
    """
    CREATE TABLE downloads (
        id            INTEGER PRIMARY KEY,
        title_id      INTEGER NOT NULL,
        code          TEXT NOT NULL DEFAULT '',
        title_name    TEXT NOT NULL DEFAULT '',
        episode       REAL NOT NULL,
        episode_label TEXT NOT NULL DEFAULT '',
        quality       TEXT NOT NULL,
        path          TEXT NOT NULL,
        state         TEXT NOT NULL,
        reason        TEXT NOT NULL DEFAULT '',
        size          INTEGER NOT NULL DEFAULT 0,
        created       REAL NOT NULL,
        finished      REAL NOT NULL DEFAULT 0,
        UNIQUE (title_id, episode)
    );
    """,
)

LATEST = len(MIGRATIONS)
