"""AniLibria's current public API (v1, anilibria.top/api/v1): parser and client."""
