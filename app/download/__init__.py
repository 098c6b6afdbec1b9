"""Downloading an episode to disk: its HLS playlist, the segments (in parallel, resumable), the
remux into one mp4. Imports only core; the queue that runs it lives in services."""
