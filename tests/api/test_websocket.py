"""The update listener against the captured frames and the demo server's real WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import orjson
import pytest

from app.api import AniLibriaClient, ConnectionState, UpdatesListener
from app.api.media import MediaResolver
from app.api.v2.parse import V2Parser
from app.api.v2.websocket import FrameDecoder
from app.core import (
    EncodeEvent,
    EncodeStage,
    PlaylistUpdated,
    Quality,
    SubscriptionConfirmed,
    TitleUpdated,
    TorrentUpdated,
    UpdateEvent,
)
from app.demo import DemoConfig, DemoServer
from app.demo.wire import SHAPE_28, SHAPE_213

FIXTURES = Path(__file__).parent.parent / "fixtures" / "v2-websocket"
DECODER = FrameDecoder(V2Parser(MediaResolver("https://api.anilibria.tv")))


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


def test_captured_title_update() -> None:
    event = DECODER.decode(_fixture("title_update.json"))
    assert isinstance(event, TitleUpdated)
    assert event.hash == "588ead7f86d34655c69f990209787852b5016d75"
    assert event.title.id == 9174 and event.title.names.en == "Summer Time Render"
    assert event.title.player.hosts.hls == "de4.libria.fun"
    assert event.title.player.episodes[0].skips.opening == (287, 377)
    assert event.title.poster.original.startswith("https://api.anilibria.tv/storage/")
    assert event.title.description.html.startswith("Узнав")


def test_captured_playlist_update() -> None:
    event = DECODER.decode(_fixture("playlist_update.json"))
    assert isinstance(event, PlaylistUpdated)
    assert (event.title_id, event.episode, event.reupload) == (8700, 2, False)
    assert [e.number for e in event.player.episodes] == [1, 2]
    assert event.updated_episode is not None
    assert event.updated_episode.hls.fhd.endswith("1718de3ebb807651e43093c642df7297.m3u8")
    assert event.updated_episode.skips.opening == (0, 80)
    assert event.hash, "a message without its own hash is keyed by its content"


def test_captured_encode_events() -> None:
    frames = json.loads(_fixture("encode.json"))["amogus"]
    events = [DECODER.decode(json.dumps(frame)) for frame in frames]
    assert all(isinstance(e, EncodeEvent) for e in events)
    progress, start, end = events
    assert isinstance(progress, EncodeEvent) and progress.stage is EncodeStage.PROGRESS
    assert (progress.title_id, progress.episode, progress.percent) == (8700, 4, 75)
    assert progress.quality is Quality.HD and progress.resolution == 720
    assert isinstance(start, EncodeEvent) and start.stage is EncodeStage.START
    assert isinstance(end, EncodeEvent) and end.stage is EncodeStage.END
    assert end.quality is Quality.SD


def test_seed_shapes_and_untyped_encode_finish() -> None:
    title = json.loads(_fixture("title_update.json"))["title_update"]["title"]
    seed_title = DECODER.decode(json.dumps({"hash": "abc", "title": title}))
    assert isinstance(seed_title, TitleUpdated) and seed_title.hash == "abc"
    playlist = {"id": 8500, "serie": 1, "playlist": {"1": {"id": 1, "hls": {"hd": "/v/1.m3u8"}}}}
    seed_playlist = DECODER.decode(json.dumps(playlist))
    assert isinstance(seed_playlist, PlaylistUpdated)
    assert seed_playlist.episode == 1 and seed_playlist.updated_episode is not None
    assert seed_playlist.updated_episode.hls.hd == "/v/1.m3u8"
    finish = DECODER.decode('{"id": "8700", "episode": "4"}')
    assert isinstance(finish, EncodeEvent) and finish.stage is EncodeStage.FINISH


@pytest.mark.parametrize(
    "frame",
    ["", "not json", "[1, 2]", "null", '{"type": "title_update", "title_update": null}',
     '{"type": "playlist_update"}', '{"unknown": 1}', b"\xff\xfe", '{"hash": 5, "title": 7}'],
)  # fmt: skip
def test_malformed_frames_give_nothing(frame: str | bytes) -> None:
    assert DECODER.decode(frame) is None


class Collector:
    """Runs a listener in a task and queues what it yields."""

    def __init__(self, listener: UpdatesListener) -> None:
        self.listener = listener
        self.events: asyncio.Queue[UpdateEvent] = asyncio.Queue()
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        async for event in self.listener.events():
            await self.events.put(event)

    async def next(self, kind: type | None = None, within: float = 5.0) -> UpdateEvent:
        while True:
            event = await asyncio.wait_for(self.events.get(), within)
            if kind is None or isinstance(event, kind):
                return event

    async def stop(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def _until(condition: Callable[[], object], within: float = 5.0) -> None:
    """Polls a condition the server side changes without telling us."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


@pytest.fixture
async def api(demo: DemoServer) -> AsyncIterator[AniLibriaClient]:
    async with AniLibriaClient(demo.api_base()) as client:
        yield client


@pytest.mark.parametrize("shape", [SHAPE_28, SHAPE_213])
async def test_pushed_episode_arrives_as_events(demo: DemoServer, shape: str) -> None:
    async with AniLibriaClient(demo.api_base(shape)) as api:
        collector = Collector(api.updates_listener())
        await _until(lambda: demo.hub.clients)
        pushed = await demo.push_episode(9000)
        playlist = await collector.next(PlaylistUpdated)
        assert isinstance(playlist, PlaylistUpdated)
        assert (playlist.title_id, playlist.episode) == (9000, pushed["episode"])
        assert playlist.updated_episode is not None and playlist.updated_episode.hls.hd
        assert playlist.player.episodes[-1].number == pushed["episode"]
        title = await collector.next(TitleUpdated)
        assert isinstance(title, TitleUpdated) and title.hash == pushed["hash"]
        assert title.title.id == 9000
        assert title.title.player.episodes[-1].number == pushed["episode"]
        await collector.stop()


async def test_subscription_filters_what_arrives(demo: DemoServer, api: AniLibriaClient) -> None:
    year = demo.catalog.titles[9000].year
    other = next(t for t in demo.catalog.titles.values() if t.year != year)
    collector = Collector(api.updates_listener(subscriptions=[{"season": {"year": year}}]))
    confirmed = await collector.next(SubscriptionConfirmed)
    assert isinstance(confirmed, SubscriptionConfirmed) and confirmed.subscription_id == 0
    await demo.push_episode(other.id)
    await demo.push_episode(9000)
    event = await collector.next(PlaylistUpdated)
    assert isinstance(event, PlaylistUpdated) and event.title_id == 9000
    await collector.stop()


async def test_subscribe_while_connected(demo: DemoServer, api: AniLibriaClient) -> None:
    listener = api.updates_listener()
    collector = Collector(listener)
    await _until(lambda: demo.hub.clients)
    await listener.subscribe({"id": 9001})
    await collector.next(SubscriptionConfirmed)
    await demo.push_episode(9002)
    await demo.push_episode(9001)
    event = await collector.next(PlaylistUpdated)
    assert isinstance(event, PlaylistUpdated) and event.title_id == 9001
    await collector.stop()


async def test_duplicates_and_malformed_frames(demo: DemoServer, api: AniLibriaClient) -> None:
    collector = Collector(api.updates_listener())
    await _until(lambda: demo.hub.clients)
    title = json.loads(_fixture("title_update.json"))
    for frame in ["garbage", "[]", '{"type": "title_update", "title_update": 1}']:
        await demo.hub.broadcast_raw(frame)
    for _ in range(3):
        await demo.hub.broadcast_raw(json.dumps(title))
    event = await collector.next()
    assert isinstance(event, TitleUpdated) and event.title.id == 9174
    # Frames arrive in order: the first event after the repeats is the next frame's.
    await demo.push_episode(9001)
    after = await collector.next()
    after_id = after.title.id if isinstance(after, TitleUpdated) else getattr(after, "title_id", 0)
    assert after_id == 9001, "the same hash is announced once"
    await collector.stop()


async def test_reconnects_resubscribes_and_never_repeats_a_hash() -> None:
    first = DemoServer(DemoConfig())
    await first.start()
    port = first.port
    states: list[ConnectionState] = []
    listener = UpdatesListener(
        f"ws://127.0.0.1:{port}/v2/ws/",
        V2Parser(MediaResolver(f"http://127.0.0.1:{port}")),
        subscriptions=[{"status": {"code": 1}}],
        initial_backoff=0.05,
        max_backoff=0.2,
        on_state=states.append,
    )
    collector = Collector(listener)
    repeated = {"hash": "same-hash-everywhere", "title": {"id": 1, "status": {"code": 1}}}
    frame = orjson.dumps(repeated)
    second: DemoServer | None = None
    try:
        await collector.next(SubscriptionConfirmed)
        await first.hub.broadcast_raw(frame.decode())
        event = await collector.next(TitleUpdated)
        assert isinstance(event, TitleUpdated) and event.hash == "same-hash-everywhere"

        await first.stop()  # the server dies mid-stream
        # A few failed attempts against the closed port: each ends waiting again.
        await _until(lambda: states.count(ConnectionState.WAITING) >= 3)
        second = DemoServer(DemoConfig(port=port))
        await second.start()

        await collector.next(SubscriptionConfirmed)  # re-subscribed after the reconnect
        assert listener.connections == 2
        assert [c.subscriptions for c in second.hub.clients] == [[{"status": {"code": 1}}]]
        await second.hub.broadcast_raw(frame.decode())
        pushed = await second.push_episode(9000)  # ongoing, so it passes the filter
        # The repeat came first on the stream: had it been announced again, it would be next.
        event = await collector.next(TitleUpdated)
        assert isinstance(event, TitleUpdated) and event.hash == pushed["hash"]
    finally:
        await collector.stop()
        if second is not None:
            await second.stop()


async def test_waits_for_a_server_that_is_not_up_yet() -> None:
    probe = DemoServer(DemoConfig())
    await probe.start()
    port = probe.port
    await probe.stop()
    states: list[ConnectionState] = []
    listener = UpdatesListener(
        f"ws://127.0.0.1:{port}/v2/ws/",
        V2Parser(MediaResolver(f"http://127.0.0.1:{port}")),
        initial_backoff=0.05,
        max_backoff=0.1,
        on_state=states.append,
    )
    collector = Collector(listener)
    await _until(lambda: states.count(ConnectionState.WAITING) >= 3)  # tried, and waits on
    assert listener.connections == 0
    server = DemoServer(DemoConfig(port=port))
    await server.start()
    try:
        await _until(lambda: listener.connections == 1)
        await server.push_episode(9003)
        event = await collector.next(PlaylistUpdated)
        assert isinstance(event, PlaylistUpdated) and event.title_id == 9003
    finally:
        await collector.stop()
        await server.stop()


async def test_dropped_connections_are_picked_up_again(demo: DemoServer) -> None:
    async with AniLibriaClient(demo.api_base()) as api:
        listener = api.updates_listener()
        listener._initial_backoff = 0.05
        collector = Collector(listener)
        await _until(lambda: demo.hub.clients)
        await demo.hub.drop_all()
        await _until(lambda: listener.connections == 2 and demo.hub.clients)
        await demo.push_episode(9004)
        event = await collector.next(PlaylistUpdated)
        assert isinstance(event, PlaylistUpdated) and event.title_id == 9004
        await collector.stop()


def test_typed_torrent_update() -> None:
    frame = {
        "type": "torrent_update",
        "torrent_update": {
            "id": "9215",
            "torrents": {
                "series": {"first": 1, "last": 1, "string": "1-1"},
                "list": [{"torrent_id": 19973, "quality": {"string": "WEBRip 1080p",
                          "resolution": "1080p", "encoder": "h264"}, "seeders": 25,
                          "total_size": 547428705, "url": "/public/torrent/download.php?id=19973",
                          "hash": "51a8800ca1a6486b352227a37da0c5d3dbba59c7"}],
            },
            "updated_torrent_id": 19973,
            "hash": "81f7dbc27a1a445105b90c3096e3168008f2886e",
        },
    }  # fmt: skip
    event = DECODER.decode(json.dumps(frame))
    assert isinstance(event, TorrentUpdated)
    assert (event.title_id, event.updated_torrent_id) == (9215, 19973)
    assert event.hash == "81f7dbc27a1a445105b90c3096e3168008f2886e"
    torrent = event.torrents.items[0]
    assert torrent.quality.resolution == 1080 and torrent.seeders == 25
    assert torrent.url == "https://api.anilibria.tv/public/torrent/download.php?id=19973"


async def test_demo_mode_announces_new_episodes_on_its_own() -> None:
    server = DemoServer(DemoConfig(auto_episode_interval=0.2))
    await server.start()
    try:
        async with AniLibriaClient(server.api_base()) as api:
            collector = Collector(api.updates_listener())
            first = await collector.next(PlaylistUpdated)
            second = await collector.next(PlaylistUpdated)
            assert first.hash != second.hash  # type: ignore[union-attr]
            await collector.stop()
    finally:
        await server.stop()
