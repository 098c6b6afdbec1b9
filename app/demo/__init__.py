"""A built-in AniLibria-v2-compatible server (REST + WebSocket + HLS + posters) for offline use.

It speaks the wire format on its own and imports nothing from `app.api`: sharing the client's parser
would hide the client's bugs from every test that runs against it.
"""

from app.demo.server import DemoConfig, DemoServer
from app.demo.thread import DemoServerThread

__all__ = ["DemoConfig", "DemoServer", "DemoServerThread"]
