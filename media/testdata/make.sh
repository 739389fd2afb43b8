#!/bin/sh
# Makes the test media in this folder. Needs ffmpeg and ffprobe (Debian 12: ffmpeg 5.1).
# Run from this folder: sh make.sh
set -eu
ff="ffmpeg -hide_banner -loglevel error -y -bitexact"
# 5.3 s, mono: 2 s of a 440 Hz tone, then noise (so VBR encoders vary the bitrate).
src="aevalsrc=0.5*sin(2*PI*440*t)*lt(t\,2)+0.4*(random(0)-0.5)*gte(t\,2):d=5.3:s=22050"
$ff -f lavfi -i "$src" -ac 1 -c:a libmp3lame -b:a 32k cbr.mp3
$ff -f lavfi -i "$src" -ac 1 -c:a libmp3lame -b:a 32k -write_xing 0 cbr-noheader.mp3
$ff -f lavfi -i "$src" -ac 1 -c:a libmp3lame -q:a 7 vbr-xing.mp3
$ff -f lavfi -i "$src" -ac 1 -c:a libmp3lame -q:a 7 -write_xing 0 vbr-noheader.mp3
$ff -f lavfi -i "$src" -i chapters.ffmeta -map 0:a -map_metadata 1 -map_chapters 1 -ac 1 -c:a libmp3lame -b:a 32k chapters.mp3
$ff -f lavfi -i "$src" -i chapters.ffmeta -map 0:a -map_metadata 1 -map_chapters 1 -ac 1 -c:a libmp3lame -b:a 32k -id3v2_version 3 chapters-id3v23.mp3
$ff -f lavfi -i "$src" -ac 1 -c:a aac -b:a 24k aac.m4a
$ff -f lavfi -i "$src" -ac 1 -c:a aac -b:a 24k -movflags +faststart aac-faststart.m4a
$ff -f lavfi -i "$src" -ac 1 -c:a libvorbis -q:a 0 vorbis.ogg
$ff -f lavfi -i "$src" -ac 1 -c:a libopus -b:a 12k opus.opus
$ff -f lavfi -i "$src" -ac 1 -ar 8000 -sample_fmt s16 -c:a flac flac.flac
$ff -f lavfi -i "$src" -ac 1 -ar 8000 -c:a pcm_s16le wav.wav
$ff -f lavfi -i "testsrc=size=32x32:rate=5:d=3" -f lavfi -i "$src" -map 0:v -map 1:a -ac 1 -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p -c:a aac -b:a 24k -shortest video.mp4
$ff -f lavfi -i "$src" -i chapters.ffmeta -map 0:a -map_metadata 1 -map_chapters 1 -ac 1 -c:a aac -b:a 24k chapters.m4a
# Broken files that must give errors:
head -c 7564 vbr-xing.mp3 > truncated.mp3     # the first half of vbr-xing.mp3
: > empty.mp3                                  # zero bytes
$ff -f lavfi -i color=c=red:s=8x8 -frames:v 1 -f image2 -c:v png image.mp3  # a PNG named .mp3
printf 'These are show notes, not audio.\n' > text.mp3

# The durations ffprobe reports, beside the files (name, seconds, how):
for f in cbr.mp3 cbr-noheader.mp3 vbr-xing.mp3 chapters.mp3 chapters-id3v23.mp3 \
	aac.m4a aac-faststart.m4a chapters.m4a video.mp4 vorbis.ogg opus.opus flac.flac wav.wav; do
	printf '%s\t%s\tformat=duration\n' "$f" "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")"
done > ffprobe.txt
# ffprobe estimates a headerless VBR MP3's duration from its first frame's bitrate (11.49 s here),
# so for vbr-noheader.mp3 the reference is its decoded packet count times 576 samples at 22050 Hz.
n=$(ffprobe -v error -count_packets -select_streams a:0 -show_entries stream=nb_read_packets -of csv=p=0 vbr-noheader.mp3)
printf 'vbr-noheader.mp3\t%s\tnb_read_packets=%s*576/22050\n' "$(echo "scale=6; $n*576/22050" | bc)" "$n" >> ffprobe.txt
