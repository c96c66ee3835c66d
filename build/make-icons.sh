#!/bin/sh
# Regenerates build/icon.png (512x512) and build/icon.ico from nothing but
# ImageMagick 6 and the Noto CJK fonts (Debian: imagemagick fonts-noto-cjk).
set -eu
cd "$(dirname "$0")"
CONVERT=/usr/bin/convert
"$CONVERT" -size 512x512 xc:none \
  -fill '#1d3b6e' -draw "roundrectangle 16,16 495,495 96,96" \
  -fill none -stroke '#d9b45a' -strokewidth 8 -draw "roundrectangle 44,44 467,467 72,72" \
  -stroke none -fill white -font Noto-Serif-CJK-SC-Bold -pointsize 300 -gravity center -annotate +0+6 '法' \
  PNG32:icon.png
"$CONVERT" icon.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
