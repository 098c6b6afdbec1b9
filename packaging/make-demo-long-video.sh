#!/usr/bin/env bash
# Regenerates the demo server's long, low-bitrate video (resources/demo/hls/long/) with ffmpeg:
# 4 minutes in 48 segments, under 3 MB, so a download's progress can be watched (and benchmarked)
# while the repository stays small. A distinct colour and a "LONG" label tell it from the others.
set -euo pipefail
out=${1:-"$(dirname "$0")/../resources/demo/hls"}/long
seconds=240
mkdir -p "$out"
rm -f "$out"/*
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "color=c=0xB4641E:s=320x180:r=25:d=${seconds}" \
  -f lavfi -i "sine=frequency=330:sample_rate=22050:duration=${seconds}" \
  -filter_complex "[0:v]drawbox=x='mod(t*40,iw-ih/4)':y=ih*3/8:w=ih/4:h=ih/4:color=white@0.9:t=fill,drawtext=text='LONG %{pts\\:hms}':fontcolor=white:fontsize=h/10:x=w/20:y=h/20[v];[1:a]volume=0.05[a]" \
  -map "[v]" -map "[a]" -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p \
  -g 50 -keyint_min 50 -sc_threshold 0 -b:v 32k -maxrate 48k -bufsize 96k \
  -c:a aac -b:a 24k -ac 1 \
  -f hls -hls_time 5 -hls_playlist_type vod -hls_segment_filename "$out/seg%02d.ts" \
  "$out/playlist.m3u8"
