#!/usr/bin/env bash
# Regenerates the demo server's test video (resources/demo/hls/<quality>/) with ffmpeg.
# Each quality is a solid, distinct colour with a moving square and a label, so tests can tell
# from the pixels that a real frame of the right rendition is on screen.
set -euo pipefail
out=${1:-"$(dirname "$0")/../resources/demo/hls"}
seconds=30
render() {  # quality size colour label
  local quality=$1 size=$2 colour=$3 label=$4
  mkdir -p "$out/$quality"
  rm -f "$out/$quality"/*
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "color=c=${colour}:s=${size}:r=25:d=${seconds}" \
    -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=${seconds}" \
    -filter_complex "[0:v]drawbox=x='mod(t*80,iw-ih/4)':y=ih*3/8:w=ih/4:h=ih/4:color=white@0.9:t=fill,drawtext=text='${label} %{pts\\:hms}':fontcolor=white:fontsize=h/12:x=w/20:y=h/20[v];[1:a]volume=0.05[a]" \
    -map "[v]" -map "[a]" -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p \
    -g 50 -keyint_min 50 -sc_threshold 0 -b:v 300k -c:a aac -b:a 48k \
    -f hls -hls_time 5 -hls_playlist_type vod -hls_segment_filename "$out/$quality/seg%02d.ts" \
    "$out/$quality/playlist.m3u8"
}
render sd 640x360 0x1E5AA8 "SD 480p"
render hd 1280x720 0x1E8C3C "HD 720p"
render fhd 1920x1080 0x8C1E78 "FHD 1080p"
