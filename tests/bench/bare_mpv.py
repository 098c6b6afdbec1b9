"""The baseline for the cold-play benchmark: a bare python-mpv process that loads one stream URL
straight away and plays until it is ended (the benchmark times the first segment the server
sees). Usage: python bare_mpv.py URL"""

import os
import sys
import threading

os.environ["LC_NUMERIC"] = "C"

import mpv

player = mpv.MPV(ytdl=False, vo="null", ao="null")
player.loadfile(sys.argv[1])
threading.Event().wait()  # until the benchmark ends this process
