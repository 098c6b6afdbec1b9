"""What the user searches for, independent of how a backend asks for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.title import TeamRole


@dataclass(frozen=True)
class SearchCriteria:
    text: str = ""
    years: tuple[int, ...] = ()
    seasons: tuple[int, ...] = ()  # 1 winter ... 4 autumn
    genres: tuple[str, ...] = ()
    team: dict[TeamRole, tuple[str, ...]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.years or self.seasons or self.genres) and not any(
            self.team.values()
        )

    def only_text(self) -> bool:
        return not (self.years or self.seasons or self.genres or any(self.team.values()))
