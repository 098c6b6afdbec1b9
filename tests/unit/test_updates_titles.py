"""The stream's copies of titles, for naming new episodes without asking the server: a title
update follows its episode's playlist update, often in the next read from the socket, so
whoever looks a title up waits a moment for it."""

from __future__ import annotations

import asyncio

import pytest

from app.core import TitleUpdated
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner
from app.services.updates import UpdatesService
from tests.unit.fakes import FakeApiService, make_title


@pytest.fixture
def updates(
    api: FakeApiService, tasks: TaskRunner, library: LibraryService, settings: SettingsStore
) -> UpdatesService:
    return UpdatesService(api, tasks, library, settings)


async def test_a_title_looked_up_before_its_update_comes_is_given_when_it_does(
    updates: UpdatesService,
) -> None:
    title = make_title(9001)
    looking = asyncio.ensure_future(updates.title_soon(9001, within=30))
    await asyncio.sleep(0)
    assert not looking.done()  # not streamed yet: it waits, nobody is asked
    updates.title_updated.emit(TitleUpdated(hash="h", title=title))
    assert await looking == title
    assert await updates.title_soon(9001, within=0) == title  # kept: at once


async def test_a_title_that_never_comes_is_none_after_the_wait(updates: UpdatesService) -> None:
    assert await updates.title_soon(9002, within=0.01) is None
