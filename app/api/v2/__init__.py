"""AniLibria API v2: REST client, parser and WebSocket listener."""
