"""Every client method against the real demo server, over real sockets, in both payload shapes."""

from __future__ import annotations

import hashlib

import pytest

from app.api import (
    AniLibriaClient,
    DescriptionType,
    GenreSorting,
    Include,
    PlaylistType,
)
from app.core import Quality, Season, Title, TitleStatus, YouTubeVideo
from app.core.sort import SeedStatsSort, SortOrder
from app.demo import DemoServer
from app.demo.catalog import HOSTILE_TITLE_ID
from app.demo.torrentfile import bencode
from tests.model_check import assert_valid

FIRST = 9000


async def test_get_title_by_id_and_code_gives_the_same_title(any_client: AniLibriaClient) -> None:
    by_id = await any_client.get_title(id=FIRST)
    by_code = await any_client.get_title(code=by_id.code)
    assert by_id == by_code
    assert_valid(by_id)
    assert by_id.id == FIRST
    assert by_id.names.ru and by_id.names.en
    assert by_id.poster.best.startswith(f"{any_client.media_origin}/")
    assert by_id.status is not TitleStatus.UNKNOWN
    assert by_id.season.season is not Season.UNKNOWN and by_id.season.year >= 1998
    assert by_id.type.full_label and by_id.type.episode_minutes > 0
    assert by_id.genres and by_id.team.voice
    assert by_id.player.episodes, "every demo title has at least one episode"
    first = by_id.player.episodes[0]
    assert first.number == 1
    assert set(first.hls.available()) == {Quality.FHD, Quality.HD, Quality.SD}
    assert first.hls.hd.startswith("/videos/")
    assert by_id.player.hosts.hls == any_client.media_origin.removeprefix("http://")
    assert by_id.torrents.items and by_id.torrents.items[0].url.endswith(
        (".torrent", f"id={by_id.torrents.items[0].id}")
    )


async def test_get_title_by_torrent_id(any_client: AniLibriaClient) -> None:
    title = await any_client.get_title(id=FIRST + 1)
    torrent_id = title.torrents.items[0].id
    assert (await any_client.get_title(torrent_id=torrent_id)).id == title.id


async def test_get_title_needs_an_identifier(client: AniLibriaClient) -> None:
    with pytest.raises(ValueError, match="id, code or torrent_id"):
        await client.get_title()


@pytest.mark.parametrize("playlist_type", [PlaylistType.OBJECT, PlaylistType.ARRAY, "array"])
async def test_both_playlist_types_parse_to_the_same_episodes(
    any_client: AniLibriaClient, playlist_type: PlaylistType | str
) -> None:
    default = await any_client.get_title(id=FIRST + 3)
    other = await any_client.get_title(id=FIRST + 3, playlist_type=playlist_type)
    assert other.player == default.player
    assert [e.number for e in other.player.episodes] == sorted(
        e.number for e in other.player.episodes
    )


async def test_the_two_shapes_agree_on_what_matters(demo: DemoServer) -> None:
    async with (
        AniLibriaClient(demo.api_base("2.8")) as old,
        AniLibriaClient(demo.api_base("2.13")) as new,
    ):
        a, b = await old.get_title(id=FIRST), await new.get_title(id=FIRST)
    assert (a.names, a.status, a.type.kind, a.season.season, a.season.year) == (
        b.names, b.status, b.type.kind, b.season.season, b.season.year,
    )  # fmt: skip
    assert [e.number for e in a.player.episodes] == [e.number for e in b.player.episodes]
    assert a.player.hosts.hls == b.player.hosts.hls
    assert b.player.episodes[0].created > 0  # 2.13 adds created_timestamp, previews and skips
    assert b.player.episodes[0].preview.startswith("http://127.0.0.1:")
    assert a.player.episodes[0].mp4.hd.startswith("/get/")  # 2.8 has mp4 links, 2.13 not


async def test_get_titles_by_ids_and_codes(any_client: AniLibriaClient) -> None:
    third = await any_client.get_title(id=FIRST + 2)
    titles = await any_client.get_titles(id_list=[FIRST, FIRST + 1], code_list=[third.code])
    assert [t.id for t in titles] == [FIRST, FIRST + 1, FIRST + 2]


async def test_filter_keeps_only_the_named_paths(any_client: AniLibriaClient) -> None:
    title = await any_client.get_title(
        id=FIRST, filter=["id", "names.ru", "torrents.list[*].torrent_id", "team.voice[0]"]
    )
    assert title.id == FIRST and title.names.ru and not title.names.en
    assert not title.player.episodes and not title.genres
    assert len(title.team.voice) == 1 and not title.team.translator
    assert title.torrents.items and all(t.id and not t.seeders for t in title.torrents.items)


async def test_filter_player_playlist_entry(client: AniLibriaClient) -> None:
    title = await client.get_title(id=FIRST + 3, filter="player.playlist.2")
    assert [e.number for e in title.player.episodes] == [2]


async def test_remove_drops_the_named_paths(any_client: AniLibriaClient) -> None:
    full = await any_client.get_title(id=FIRST)
    title = await any_client.get_title(
        id=FIRST, remove=["player", "names.en", "torrents.list[*].seeders", "genres[0]"]
    )
    assert not title.player.episodes and not title.names.en and title.names.ru
    assert all(t.seeders == 0 for t in title.torrents.items)
    assert title.genres == full.genres[1:]


async def test_include_decodes_raw_poster_and_torrent(any_client: AniLibriaClient) -> None:
    title = await any_client.get_title(
        id=FIRST, include=[Include.RAW_POSTER, Include.RAW_TORRENT, Include.TORRENT_META]
    )
    assert title.poster.raw is not None and title.poster.raw[:3] == b"\xff\xd8\xff"  # JPEG
    torrent = title.torrents.items[0]
    assert torrent.raw is not None and torrent.raw.startswith(b"d8:announce")
    assert torrent.metadata is not None and torrent.metadata.files
    assert torrent.metadata.files[0].offset == 0
    assert sum(f.size for f in torrent.metadata.files) == torrent.total_size
    # The .torrent is real: its info dictionary hashes to the advertised info-hash.
    info = torrent.raw[torrent.raw.index(b"4:infod") + 6 : -1]
    assert hashlib.sha1(info).hexdigest() == (
        torrent.hash or (torrent.metadata.name and torrent.hash)
    )
    without = await any_client.get_title(id=FIRST)
    assert without.poster.raw is None and without.torrents.items[0].raw is None
    assert without.torrents.items[0].metadata is None
    assert bencode  # the demo's own encoder produced it; the client only decoded base64


async def test_description_types(any_client: AniLibriaClient) -> None:
    plain = await any_client.get_title(id=FIRST)
    html = await any_client.get_title(id=FIRST, description_type=DescriptionType.HTML)
    short = await any_client.get_title(id=FIRST, description_type="no_view_order")
    assert plain.description.plain and not plain.description.html
    assert html.description.html.startswith("<p>") and not html.description.plain
    assert short.description.no_view_order and "Порядок просмотра" not in short.description.text
    assert "Порядок просмотра" in plain.description.text


async def test_hostile_description_arrives_verbatim_for_the_view_to_sanitise(
    client: AniLibriaClient,
) -> None:
    title = await client.get_title(id=HOSTILE_TITLE_ID, description_type="html")
    assert "<script>" in title.description.html  # the parser does not alter data
    assert "<b>" in title.names.ru


async def test_get_updates_orders_pages_and_filters_by_time(any_client: AniLibriaClient) -> None:
    default = await any_client.get_updates()
    assert len(default) == 5  # the documented default limit
    first = await any_client.get_updates(limit=20)
    second = await any_client.get_updates(limit=20, after=20)
    times = [t.updated for t in first + second]
    assert times == sorted(times, reverse=True)
    assert not {t.id for t in first} & {t.id for t in second}
    recent = await any_client.get_updates(limit=-1, since=first[9].updated)
    assert [t.id for t in recent] == [t.id for t in first[:9]]
    assert all(t.status is not TitleStatus.HIDDEN for t in first + second)


async def test_get_updates_with_full_playlists_in_array_form(any_client: AniLibriaClient) -> None:
    titles = await any_client.get_updates(limit=50, playlist_type="array")
    assert len(titles) == 50
    for title in titles:
        assert_valid(title)
        assert title.player.episodes


async def test_get_changes_orders_by_last_change(any_client: AniLibriaClient) -> None:
    titles = await any_client.get_changes(limit=30, after=5, description_type="plain")
    assert len(titles) == 30
    changes = [t.last_change for t in titles]
    assert changes == sorted(changes, reverse=True)
    newer = await any_client.get_changes(since=changes[0], limit=-1)
    assert len(newer) == 5


async def test_get_schedule_all_days_and_chosen_days(any_client: AniLibriaClient) -> None:
    week = await any_client.get_schedule()
    assert [d.day for d in week] == list(range(7))
    assert all(d.titles for d in week), "the demo has ongoing titles on every week day"
    for day in week:
        assert all(t.season.week_day == day.day for t in day.titles)
        assert all(t.status is TitleStatus.ONGOING for t in day.titles)
    weekend = await any_client.get_schedule(days=[5, 6], filter=["id", "season"])
    assert [d.day for d in weekend] == [5, 6]
    assert weekend[0].titles[0].names.ru == ""


async def test_get_random_title(any_client: AniLibriaClient) -> None:
    seen = {(await any_client.get_random_title(filter="id")).id for _ in range(8)}
    assert len(seen) > 1


async def test_get_youtube(any_client: AniLibriaClient) -> None:
    videos = await any_client.get_youtube(limit=10)
    assert len(videos) == 10
    assert all(
        isinstance(v, YouTubeVideo) and v.url.startswith("https://youtu.be/") for v in videos
    )
    stamps = [v.timestamp for v in videos]
    assert stamps == sorted(stamps, reverse=True)
    older = await any_client.get_youtube(limit=5, after=10)
    assert older[0].timestamp <= stamps[-1]
    assert videos[0].image.startswith(any_client.media_origin)
    assert await any_client.get_youtube(since=stamps[0]) == []


async def test_get_feed_mixes_titles_and_videos_newest_first(any_client: AniLibriaClient) -> None:
    feed = await any_client.get_feed(limit=60)
    kinds = {type(item) for item in feed}
    assert kinds == {Title, YouTubeVideo}
    stamps = [i.updated if isinstance(i, Title) else i.timestamp for i in feed]
    assert stamps == sorted(stamps, reverse=True)
    assert len(await any_client.get_feed(limit=7, after=3)) == 7


async def test_get_years_and_genres(any_client: AniLibriaClient) -> None:
    years = await any_client.get_years()
    assert years == sorted(years) and len(years) >= 20
    alphabetical = await any_client.get_genres()
    assert alphabetical == sorted(alphabetical)
    by_rating = await any_client.get_genres(sorting_type=GenreSorting.RATING)
    assert sorted(by_rating) == alphabetical and by_rating != alphabetical


async def test_get_caching_nodes_and_team(any_client: AniLibriaClient) -> None:
    nodes = await any_client.get_caching_nodes()
    assert nodes and nodes[0].weight == 10
    team = await any_client.get_team()
    assert team.voice and team.translator and team.editing and team.decor and team.timing


async def test_get_seed_stats_sorting_and_users(any_client: AniLibriaClient) -> None:
    top = await any_client.get_seed_stats(limit=10, sort_by=SeedStatsSort.UPLOADED)
    uploaded = [s.uploaded for s in top]
    assert uploaded == sorted(uploaded, reverse=True)
    ascending = await any_client.get_seed_stats(limit=10, sort_by="user", order=SortOrder.ASC)
    assert [s.user for s in ascending] == sorted(s.user for s in ascending)
    chosen = await any_client.get_seed_stats(users=[top[0].user, top[1].user])
    assert {s.user for s in chosen} == {top[0].user, top[1].user}
    page = await any_client.get_seed_stats(limit=5, after=5, sort_by="uploaded")
    assert page[0] == top[5]


async def test_search_is_typo_tolerant(any_client: AniLibriaClient) -> None:
    exact = await any_client.search_titles(search="легенда ледяного дракона", limit=10)
    assert exact and all("ледяного дракона" in t.names.ru for t in exact[:2])
    typo = await any_client.search_titles(search="легенда лядяного драконна", limit=10)
    assert [t.id for t in typo[:2]] == [t.id for t in exact[:2]]
    latin = await any_client.search_titles(search="legnd of the ise dragon", limit=10)
    assert latin and "Ice Dragon" in latin[0].names.en
    assert await any_client.search_titles(search="zzzxqw") == []


async def test_search_filters_combine(any_client: AniLibriaClient) -> None:
    genres = await any_client.get_genres()
    years = await any_client.get_years()
    voice = (await any_client.get_team()).voice[0]
    found = await any_client.search_titles(
        year=years[-5:], season_code=[1, 2], genres=[genres[3]], voice=[voice], limit=-1
    )
    for title in found:
        assert title.season.year in years[-5:]
        assert title.season.season in (Season.WINTER, Season.SPRING)
        assert genres[3] in title.genres and voice in title.team.voice
    broad = await any_client.search_titles(year=years[-5:], limit=-1)
    assert len(broad) > len(found)
    page = await any_client.search_titles(year=years[-5:], limit=3, after=3)
    assert [t.id for t in page] == [t.id for t in broad[3:6]]


async def test_search_by_every_team_role(any_client: AniLibriaClient) -> None:
    team = await any_client.get_team()
    for role in ("voice", "translator", "editing", "decor", "timing"):
        member = getattr(team, role)[0]
        found = await any_client.search_titles(**{role: member}, limit=-1)
        assert found, role
        assert all(member in getattr(t.team, role) for t in found)


async def test_media_urls_resolve_against_a_configured_origin(demo: DemoServer) -> None:
    async with AniLibriaClient(demo.api_base(), media_origin="https://static.example.org") as api:
        title = await api.get_title(id=FIRST)
        assert title.poster.best.startswith("https://static.example.org/upload/")
        assert title.torrents.items[0].url.startswith("https://static.example.org/")
        assert api.media_url("/x.jpg") == "https://static.example.org/x.jpg"
        assert api.media_url("javascript:alert(1)") == ""


async def test_api_version_header_is_exposed(client: AniLibriaClient) -> None:
    assert client.api_version is None
    await client.get_years()
    assert client.api_version == "2.8.3" and not client.version_mismatch
