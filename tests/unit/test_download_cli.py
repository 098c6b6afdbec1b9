"""`libria download`'s arguments: the command line, the episode list, which episodes of a title it
names and which the title lacks, and the plain progress lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import BadLinkError, DownloadCommand, UsageError, parse
from app.core import Episode, Player, Title
from app.core.download import DownloadItem, DownloadState, FetchProgress
from app.download_cli import MESSAGES, BadEpisodes, parse_episodes, run_download_command, select
from app.download_view import PlainView, detail, human_size

TITLE = Title(
    id=1, code="frieren",
    player=Player(episodes=tuple(Episode(number=n) for n in (1, 2, 3, 4, 4.5, 5, 7))),
)  # fmt: skip


def test_the_command_line() -> None:
    options = parse(["--api-base", "http://127.0.0.1:8/v2", "download", "frieren", "1-3,5",
                     "--quality", "720", "--to", "/tmp/anime"])  # fmt: skip
    assert options.download == DownloadCommand("frieren", "1-3,5", "720", "/tmp/anime")
    assert options.api_base == "http://127.0.0.1:8/v2" and options.link is None
    assert parse(["download", "frieren"]).download == DownloadCommand("frieren")
    assert parse(["title", "frieren"]).download is None
    with pytest.raises(UsageError):
        parse(["download", "frieren", "--quality", "4k"])
    with pytest.raises(BadLinkError):
        parse(["download", "../etc"])


@pytest.mark.parametrize(
    ("spec", "ranges"),
    [
        ("1", [(1, 1)]),
        ("1-3,5", [(1, 3), (5, 5)]),
        (" 2 - 4 , 4.5", [(2, 4), (4.5, 4.5)]),
        ("12.5", [(12.5, 12.5)]),
    ],
)
def test_episode_lists(spec: str, ranges: list[tuple[float, float]]) -> None:
    assert parse_episodes(spec) == ranges


@pytest.mark.parametrize("spec", ["", "a", "1-", "-3", "3-1", "0", "1,,2", "1-2-3", "1-99999",
                                  "1e3", "½"])  # fmt: skip
def test_episode_lists_that_make_no_sense(spec: str) -> None:
    with pytest.raises(BadEpisodes):
        parse_episodes(spec)


def test_which_episodes_a_list_names_and_which_the_title_lacks() -> None:
    assert select(parse_episodes("1-3,5"), TITLE) == ([1, 2, 3, 5], [])
    assert select(parse_episodes("4-5"), TITLE) == ([4, 4.5, 5], [])  # what lies between too
    assert select(parse_episodes("5-8,9,4.5"), TITLE) == ([4.5, 5, 7], ["6", "8-9"])
    assert select(parse_episodes("6,8-99,3.5"), TITLE) == ([], ["3.5", "6", "8-99"])
    assert select(parse_episodes("3.5"), TITLE) == ([], ["3.5"])
    assert select(parse_episodes("2-3"), TITLE) == ([2, 3], [])


def test_unusable_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # the settings are read from here
    assert run_download_command(["download", "frieren", "1-x"]) == 2
    assert "1-x" in capsys.readouterr().err
    assert run_download_command(["download", "frieren", "--quality", "4k"]) == 2
    assert run_download_command(["download", "frieren", "--to", "relative"]) == 2
    assert run_download_command(["title", "frieren"]) is None  # not ours
    assert run_download_command(["play", "frieren", "--nonsense"]) is None


def test_plain_lines_say_what_happens_a_few_times_an_episode() -> None:
    out = io.StringIO()
    view = PlainView(MESSAGES["en"], out)
    item = DownloadItem(3, 1, "frieren", "Фрирен", 2, "2", "fhd", "/v/2.mp4",
                        DownloadState.QUEUED)  # fmt: skip
    view.begin([item])
    view.changed(DownloadItem(**{**item.__dict__, "state": DownloadState.DOWNLOADING}))
    for done in range(0, 101):
        view.progress(3, FetchProgress(done, 100, done * 1000, 100_000, 5000.0))
    view.changed(DownloadItem(**{**item.__dict__, "state": DownloadState.DONE, "size": 3 << 20}))
    assert out.getvalue().splitlines() == [
        "Episode 2: downloading", "Episode 2: 25%", "Episode 2: 50%", "Episode 2: 75%",
        "Episode 2: done, 3.0 MB",
    ]  # fmt: skip


def test_sizes_speeds_and_time_left() -> None:
    assert human_size(512) == "512 B" and human_size(1536) == "1.5 KB"
    assert human_size(5 << 30) == "5.0 GB"
    shown = detail(FetchProgress(10, 40, 10 << 20, 40 << 20, 1 << 20))
    assert shown == "10.0 MB / 40.0 MB · 1.0 MB/s · 0:30"
