"""What a batch of live updates does to a list of cards, worked out before the model is touched,
so that the model can apply it in one insert and one layout change however long the batch."""

from __future__ import annotations

from collections.abc import Sequence

from app.core import Title, YouTubeVideo


def plan_updates(
    top: Title | YouTubeVideo | None, titles: Sequence[Title], to_front: bool
) -> tuple[list[Title], dict[int, Title]]:
    """The titles that go first (newest first) and the ones replaced where they are, the same as
    taking `titles` one by one would leave them: in a newest-first list (`to_front`) a title
    updated no earlier than the card on top goes on top; any other takes its card's place."""
    front: dict[int, Title] = {}  # the last one put here is the top
    in_place: dict[int, Title] = {}
    for title in titles:
        current = next(reversed(front.values())) if front else top
        if to_front and isinstance(current, Title) and title.updated >= current.updated:
            front.pop(title.id, None)
            front[title.id] = title
            in_place.pop(title.id, None)
        elif title.id in front:
            front[title.id] = title  # a fresher copy, in the same place
        else:
            in_place[title.id] = title
    return list(reversed(front.values())), in_place


def front_order(rows: dict[int, int], front: Sequence[Title], count: int) -> list[int]:
    """The old row of each new row once the `front` titles (at the old rows `rows` gives by id)
    lead and every other row follows in its order."""
    leading = [rows[title.id] for title in front]
    moved = set(leading)
    return leading + [row for row in range(count) if row not in moved]
