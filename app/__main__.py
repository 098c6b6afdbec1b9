"""`libria` and `python -m app`."""

from __future__ import annotations

import sys


def main() -> int:
    if len(sys.argv) > 1 and "account" in sys.argv[1:]:
        from app.account_cli import run_account_command

        handled = run_account_command(sys.argv[1:])
        if handled is not None:
            return handled
    if len(sys.argv) > 1 and "download" in sys.argv[1:]:
        from app.download_cli import run_download_command

        handled = run_download_command(sys.argv[1:])
        if handled is not None:
            return handled
    from app.core.collector import defer_during_start_up

    defer_during_start_up()  # the window's start: its objects live as long as the app
    from app.core.paths import cache_dir
    from app.qt_imports import quicker_imports

    quicker_imports(kept_code=cache_dir())  # before the app's own modules load
    from app.bootstrap import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
