"""The demo server speaks both APIs, and the backend made for an address follows its kind.
(Choosing among addresses, with simulated answers, is unit-tested in tests/unit/test_select.py.)"""

from __future__ import annotations

from app.api.backend import ApiKind
from app.api.select import choose, detect, make_backend
from app.api.v1.backend import V1Backend
from app.api.v2.backend import V2Backend
from app.demo import DemoServer


async def test_the_demo_speaks_both_and_backends_follow_the_kind(demo: DemoServer) -> None:
    assert await detect(demo.api_base_v1) is ApiKind.V1
    assert await detect(demo.api_base()) is ApiKind.V2
    v1 = make_backend(*await choose(demo.api_base_v1))
    v2 = make_backend(*await choose(demo.api_base()))
    assert isinstance(v1, V1Backend) and isinstance(v2, V2Backend)
    async with v1, v2:  # type: ignore[attr-defined]
        assert await v1.years() == await v2.years()
        one, two = await v1.title(id=9001), await v2.title(id=9001)
        assert one.names.main == two.names.main and one.code == two.code
        assert [e.number for e in one.player.episodes] == [e.number for e in two.player.episodes]
