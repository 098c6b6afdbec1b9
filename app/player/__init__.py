"""Playback: stream URLs, the libmpv backend and its state, the video render widget."""
