"""A generated but realistic catalogue: deterministic for a seed, so tests can rely on it."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from app.demo.records import (
    DemoEpisode,
    DemoFile,
    DemoSeedStat,
    DemoTitle,
    DemoTorrent,
    DemoVideo,
)
from app.demo.torrentfile import make_torrent

# The catalogue "now": generated timestamps lie before it, live pushes use the real clock.
ANCHOR = 1_764_000_000  # 2025-11-24

GENRES = [
    "Боевые искусства", "Вампиры", "Демоны", "Детектив", "Драма", "Игры", "Исторический",
    "Киберпанк", "Комедия", "Магия", "Меха", "Мистика", "Музыка", "Повседневность",
    "Приключения", "Психологическое", "Романтика", "Сверхъестественное", "Сёдзе", "Сёнен",
    "Сейнен", "Спорт", "Супер сила", "Триллер", "Ужасы", "Фантастика", "Фэнтези", "Школа",
    "Экшен", "Этти",
]  # fmt: skip

SEASON_NAMES = {1: "зима", 2: "весна", 3: "лето", 4: "осень"}
STATUS_NAMES = {1: "В работе", 2: "Завершен", 3: "Скрыт", 4: "Неонгоинг"}
KIND_NAMES = {0: "Фильм", 1: "ТВ", 2: "OVA", 3: "ONA", 4: "Спешл", 5: "WEB"}

VOICES = [
    "Anzen", "Cleo-chan", "Hekomi", "Kari", "Sharon", "Lupin", "Silv", "Amikiri", "Derenn",
    "Itashi", "OkanaTsoy", "WhiteCrow", "Dejz", "Gomer", "Nuriko", "Narea", "MyAska",
    "Ados", "Zozya", "Rokettu", "Sahar0chek", "Nikanor47", "JAM", "Lisitsa", "Tinko",
]  # fmt: skip
TRANSLATORS = ["Anku", "DeerGfonis", "Fuurou", "Inari", "Kiyoko", "Mirai", "Sora", "Tsubasa"]
EDITORS = ["mutagenb", "Aemi", "Ruka", "Hoshi", "Kumo"]
DECORATORS = ["JoyMaloy", "Aero", "Pixel", "Sketch", "Tanuki"]
TIMERS = ["Alkhorus", "Caxaro4ek", "Kashiwa", "Tomo", "Yuki"]

_RU_FIRST = [
    "Хроники", "Легенда", "Тайна", "Песнь", "Сага", "Академия", "Повесть", "Город", "Дневник",
    "Клинок", "Охотники", "Врата", "Сердце", "Башня", "Путь", "Стражи", "Эхо", "Королевство",
    "Семь", "Последний",
]  # fmt: skip
_RU_SECOND = [
    "забытого неба", "ветра и стали", "ночного города", "алого рассвета", "лунного света",
    "тысячи звёзд", "пепельной луны", "последнего лета", "ледяного дракона", "морской бездны",
    "потерянного времени", "небесного замка", "тихой весны", "сломанных крыльев",
    "старого маяка", "багровой зимы", "бесконечной дороги", "золотого леса",
]  # fmt: skip
_EN_FIRST = [
    "Chronicles", "Legend", "Mystery", "Song", "Saga", "Academy", "Tale", "City", "Diary",
    "Blade", "Hunters", "Gates", "Heart", "Tower", "Road", "Guardians", "Echo", "Kingdom",
    "Seven", "Last",
]  # fmt: skip
_EN_SECOND = [
    "of the Forgotten Sky", "of Wind and Steel", "of the Night City", "of the Scarlet Dawn",
    "of Moonlight", "of a Thousand Stars", "of the Ashen Moon", "of the Last Summer",
    "of the Ice Dragon", "of the Deep Sea", "of Lost Time", "of the Sky Castle",
    "of a Quiet Spring", "of Broken Wings", "of the Old Lighthouse", "of the Crimson Winter",
    "of the Endless Road", "of the Golden Forest",
]  # fmt: skip
_SUFFIXES = ["", "", "", " 2", " 3", ": Начало", ": Финал"]
_EN_SUFFIXES = ["", "", "", " 2", " 3", ": Beginning", ": Finale"]

_PLOT = [
    "Юный {hero} живёт в маленьком городе и не подозревает, что его судьба давно предрешена.",
    "Всё меняется, когда в школу переводится загадочная девушка с серебряными глазами.",
    "Вместе с друзьями {hero} отправляется в путешествие, чтобы раскрыть тайну исчезнувших "
    "стражей.",
    "Старые легенды оживают, а граница между мирами становится всё тоньше.",
    "Чтобы спасти близких, герою придётся сделать выбор, о котором он будет жалеть всю жизнь.",
    "Смешная и трогательная история о дружбе, первой любви и взрослении.",
    "Каждую ночь город накрывает туман, и тот, кто в нём потерялся, больше не возвращается.",
]
_HEROES = ["Акира", "Харуто", "Мико", "Сора", "Юки", "Рэн", "Кайто", "Хината"]

HOSTILE_TITLE_ID = 9013  # carries a hostile description: scripts, handlers, javascript: links
EMPTY_TITLE_ID = 9021  # nearly every optional field is null or empty
FIRST_TITLE_ID = 9000


@dataclass(slots=True)
class Catalog:
    titles: dict[int, DemoTitle] = field(default_factory=dict)
    videos: list[DemoVideo] = field(default_factory=list)
    seed_stats: list[DemoSeedStat] = field(default_factory=list)
    next_torrent_id: int = 20_000

    def by_code(self, code: str) -> DemoTitle | None:
        return next((t for t in self.titles.values() if t.code == code), None)

    def torrent(self, torrent_id: int) -> tuple[DemoTitle, DemoTorrent] | None:
        for title in self.titles.values():
            for torrent in title.torrents:
                if torrent.torrent_id == torrent_id:
                    return title, torrent
        return None

    def team(self) -> dict[str, list[str]]:
        return {
            "voice": sorted(VOICES),
            "translator": sorted(TRANSLATORS),
            "editing": sorted(EDITORS),
            "decor": sorted(DECORATORS),
            "timing": sorted(TIMERS),
        }

    def years(self) -> list[int]:
        return sorted({t.year for t in self.titles.values()})

    def genres(self, by_rating: bool) -> list[str]:
        if not by_rating:
            return sorted({g for t in self.titles.values() for g in t.genres})
        score: dict[str, int] = {}
        for title in self.titles.values():
            for genre in title.genres:
                score[genre] = score.get(genre, 0) + title.in_favorites
        return sorted(score, key=lambda g: (-score[g], g))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(seed: int = 2025, count: int = 240) -> Catalog:
    rng = random.Random(seed)
    catalog = Catalog()
    for index in range(count):
        title = _make_title(rng, FIRST_TITLE_ID + index, index, catalog)
        catalog.titles[title.id] = title
    _make_special_titles(catalog)
    catalog.videos = _make_videos(rng, 80)
    catalog.seed_stats = _make_seed_stats(rng, 300)
    return catalog


class _Plan(NamedTuple):
    """A title's kind, airing and length, drawn before anything that depends on them."""

    year: int
    season: int
    kind: int
    status: int
    expected: int
    released: int
    length: int


# Every draw from `rng` happens in a fixed order (names, plan, plot, dates, genres, team, then
# the title's own fields): the catalogue must stay the same for a seed, and tests rely on it.
def _make_title(rng: random.Random, title_id: int, index: int, catalog: Catalog) -> DemoTitle:
    name_ru, name_en = _make_names(rng)
    plan = _make_plan(rng, index)
    hero = rng.choice(_HEROES)
    plot = " ".join(p.format(hero=hero) for p in rng.sample(_PLOT, 3))
    updated = ANCHOR - index * 3_600 * 7 - rng.randint(0, 3_000)
    genres = sorted(rng.sample(GENRES, rng.randint(2, 5)))
    team = _make_team(rng)
    code = f"{slugify(name_en)}-{title_id}"
    watch_order = f"Порядок просмотра: #1 {name_ru}"
    title = DemoTitle(
        id=title_id,
        code=code,
        name_ru=name_ru,
        name_en=name_en,
        name_alt=f"{name_en.split()[0]} no Monogatari" if index % 4 == 0 else None,
        announce=rng.choice([None, None, "Новая серия каждую субботу", "Серии выходят с задержкой"])
        if plan.status == 1
        else None,
        status=plan.status,
        kind=plan.kind,
        length=plan.length,
        expected_episodes=plan.expected,
        genres=genres,
        team=team,
        year=plan.year,
        season=plan.season,
        week_day=index % 7,
        description_plain=f"{plot}\n{watch_order}",
        description_html=(
            f"<p>{plot}</p><br><i>{watch_order}</i> "
            f'<a href="https://www.anilibria.tv/release/{code}.html">Страница релиза</a>'
        ),
        description_no_view_order=plot,
        in_favorites=rng.randint(50, 30_000),
        blocked=index % 37 == 5,
        bakanim=index % 53 == 7,
        alternative_player=f"//kodik.info/serial/{title_id}/{_token(title_id, 'kodik')}/720p"
        if index % 3 == 0
        else None,
        updated=updated,
        last_change=updated + rng.randint(0, 86_400 * 20),
        poster_token=_token(title_id, "poster")[:16],
        episodes=_make_episodes(updated, plan.released),
    )
    title.torrents = _make_torrents(rng, title, catalog)
    return title


def _make_names(rng: random.Random) -> tuple[str, str]:
    """A Russian name and its English counterpart, built from the same parts."""
    first = rng.randrange(len(_RU_FIRST))
    second = rng.randrange(len(_RU_SECOND))
    suffix = rng.randrange(len(_SUFFIXES))
    name_ru = f"{_RU_FIRST[first]} {_RU_SECOND[second]}{_SUFFIXES[suffix]}"
    name_en = f"{_EN_FIRST[first]} {_EN_SECOND[second]}{_EN_SUFFIXES[suffix]}"
    return name_ru, name_en


def _make_plan(rng: random.Random, index: int) -> _Plan:
    # Every week day and every season is represented, in a realistic spread of years.
    year = 1998 + (index * 7) % 29
    season = index % 4 + 1
    kind = rng.choices([0, 1, 2, 3, 4, 5], weights=[8, 60, 10, 12, 6, 4])[0]
    status = rng.choices([1, 2, 3, 4], weights=[25, 65, 3, 7])[0]
    if year == 2026 or index % 11 == 0:
        status = 1
    expected = 1 if kind == 0 else rng.choice([1, 2, 3, 4, 6, 12, 12, 12, 13, 24, 25])
    if kind != 0 and expected == 1:
        expected = rng.choice([2, 6, 12])
    released = expected if status != 1 else max(1, min(expected, rng.randint(1, expected)))
    length = 90 + rng.randint(0, 40) if kind == 0 else rng.choice([12, 23, 24, 25, 26])
    return _Plan(year, season, kind, status, expected, released, length)


def _make_team(rng: random.Random) -> dict[str, list[str]]:
    return {
        "voice": sorted(rng.sample(VOICES, rng.randint(2, 5))),
        "translator": sorted(rng.sample(TRANSLATORS, rng.randint(1, 2))),
        "editing": sorted(rng.sample(EDITORS, rng.randint(0, 1))),
        "decor": sorted(rng.sample(DECORATORS, rng.randint(0, 1))),
        "timing": sorted(rng.sample(TIMERS, 1)),
    }


def _make_episodes(updated: int, released: int) -> list[DemoEpisode]:
    return [
        DemoEpisode(
            number=n,
            created=updated - (released - n) * 7 * 86_400,
            # Openings fit the demo's 30-second video, so the skip button has work to do.
            opening=(2 + n % 3, 12 + n % 3) if n % 3 != 0 else None,
        )
        for n in range(1, released + 1)
    ]


def _make_torrents(rng: random.Random, title: DemoTitle, catalog: Catalog) -> list[DemoTorrent]:
    if not title.episodes:
        return []
    last = title.episodes[-1].number
    variants = [("WEBRip", 1080, "h264", False), ("WEBRip", 720, "h264", False)]
    if rng.random() < 0.4:
        variants.append(("WEBRip", 1080, "h265", False))
    if rng.random() < 0.3:
        variants.append(("HDTVRip", 480, "h264", True))
    torrents = []
    for quality_type, resolution, encoder, lq_audio in variants:
        torrent_id = catalog.next_torrent_id
        catalog.next_torrent_id += 1
        label = f"{quality_type} {resolution}p{' HEVC' if encoder == 'h265' else ''}"
        name = f"{title.name_en} - AniLibria.TV [{label}]"
        stem = re.sub(r"[^A-Za-z0-9]+", "_", title.name_en or title.code)
        episode_size = resolution * 1_100_000 + rng.randint(0, 50_000_000)
        files = [
            DemoFile(f"{stem}_[{n:02d}]_[AniLibria_TV]_[{quality_type}_{resolution}p].mkv",
                     episode_size + rng.randint(-5_000_000, 5_000_000))
            for n in range(1, last + 1)
        ]  # fmt: skip
        announce = ["http://tr.libria.fun:2710/announce", "udp://tracker.opentrackr.org:1337"]
        torrent = DemoTorrent(
            torrent_id=torrent_id,
            first=1,
            last=last,
            quality_type=quality_type,
            resolution=resolution,
            encoder=encoder,
            lq_audio=lq_audio,
            seeders=rng.randint(0, 400),
            leechers=rng.randint(0, 60),
            downloads=rng.randint(10, 60_000),
            uploaded=title.updated - rng.randint(0, 86_400),
            files=files,
            announce=announce,
            name=name,
        )
        torrent.torrent_file, torrent.info_hash = make_torrent(
            name, [(f.name, f.size) for f in files], announce, torrent.uploaded
        )
        torrents.append(torrent)
    return torrents


def _make_special_titles(catalog: Catalog) -> None:
    hostile = catalog.titles[HOSTILE_TITLE_ID]
    hostile.name_ru = 'Опасное <b>описание</b> "кавычки" & амперсанд'
    hostile.description_plain = (
        "<script>alert('plain')</script> Текст с <img src=x onerror=alert(1)> внутри."
    )
    hostile.description_html = (
        "<p onclick=\"alert('p')\">Безопасный абзац.</p>"
        "<script>alert('xss')</script>"
        "<img src=x onerror=alert(1)>"
        '<a href="javascript:alert(2)">javascript-ссылка</a> '
        '<a href="https://example.org/ok">обычная ссылка</a>'
        '<iframe src="https://evil.example"></iframe>'
        "<style>body{display:none}</style>"
    )
    hostile.announce = "<img src=x onerror=alert('announce')>"
    empty = catalog.titles[EMPTY_TITLE_ID]
    empty.name_en = None
    empty.name_alt = None
    empty.announce = None
    empty.genres = []
    empty.team = {"voice": [], "translator": [], "editing": [], "decor": [], "timing": []}
    empty.alternative_player = None
    empty.torrents = []


def _make_videos(rng: random.Random, count: int) -> list[DemoVideo]:
    subjects = ["АНОНС", "ОБЗОР", "ТОП-10", "ОЗВУЧКА", "СТРИМ", "НОВОСТИ"]
    videos = []
    for index in range(count):
        season = SEASON_NAMES[index % 4 + 1].upper()
        year = 2026 - index // 8
        youtube_id = _token(index, "yt")[:11].replace("0", "A")
        videos.append(
            DemoVideo(
                id=10_000 + count - index,
                title=f"{rng.choice(subjects)} - АНИМЕ {season} {year}",
                youtube_id=youtube_id,
                timestamp=ANCHOR - index * 86_400 * 3 - rng.randint(0, 40_000),
                comments=rng.randint(0, 400),
                views=rng.randint(100, 90_000),
            )
        )
    return videos


def _make_seed_stats(rng: random.Random, count: int) -> list[DemoSeedStat]:
    stats = []
    for index in range(count):
        user = f"{rng.choice(['Neko', 'Kitsune', 'Tanuki', 'Otaku', 'Senpai', 'Ronin'])}{index}"
        downloaded = rng.randint(1, 500) * 1_000_000_000
        stats.append(DemoSeedStat(user, downloaded, int(downloaded * rng.uniform(0.1, 20))))
    return stats


def _token(value: int, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{value}".encode()).hexdigest()
