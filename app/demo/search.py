"""Typo-tolerant search over names and descriptions, like the real service's fuzzy search."""

from __future__ import annotations

import re

from app.demo.records import DemoTitle

_WORD = re.compile(r"[0-9a-zа-я]+")


def normalize(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("ё", "е"))


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent swaps, giving up (limit + 1) once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _word_score(query: str, words: list[str]) -> float:
    """1.0 for an exact word, 0.95 for a prefix, less per typo; 0.0 when nothing is close."""
    best = 0.0
    limit = _allowed_typos(query)
    for word in words:
        if word == query:
            return 1.0
        if len(query) >= 3 and word.startswith(query):
            best = max(best, 0.95)
            continue
        if limit:
            typos = _distance(query, word, limit)
            if typos <= limit:
                best = max(best, 0.9 - 0.1 * typos)
    return best


def score(title: DemoTitle, query: str) -> float:
    """0 when the title does not match; higher is better. Names weigh more than descriptions."""
    query_words = normalize(query)
    if not query_words:
        return 0.0
    names = normalize(" ".join(filter(None, (title.name_ru, title.name_en, title.name_alt))))
    description = normalize(title.description_plain)
    total = 0.0
    for word in query_words:
        in_name = _word_score(word, names)
        if in_name > 0:
            total += in_name * 2
            continue
        in_description = _word_score(word, description) if len(word) >= 4 else 0.0
        if in_description > 0:
            total += in_description
            continue
        return 0.0
    return total / len(query_words)
