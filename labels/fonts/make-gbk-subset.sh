#!/usr/bin/env bash
# Rebuild NotoSansSC-GBK.otf: the Simplified Chinese face of Debian's fonts-noto-cjk cut down
# to every character GBK can encode (GB 2312 leaves common name characters such as 喆 堃 玥
# blank) plus the symbols labels print (℃ µ ² ³ ± ≤ ≥ …). The printers' own text modes are
# GBK (DOMAIN.md, ESC/POS and TSPL), so a preview covers exactly what a printer can print.
#   sudo apt-get install fonts-noto-cjk python3-fonttools && labels/fonts/make-gbk-subset.sh
# Licence: SIL OFL 1.1 (OFL.txt beside this file); the family name carries no Reserved Font Name.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
SRC=${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
UNICODES=$(mktemp)
trap 'rm -f "$UNICODES"' EXIT
/usr/bin/python3 - "$UNICODES" <<'PY'
import sys
points = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
for cp in range(0x80, 0x10000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    try:
        if len(chr(cp).encode("gbk")) == 2:
            points.add(cp)
    except UnicodeEncodeError:
        pass
# Symbols on labels and certificates, in or near GBK's own: superscripts, units, arrows, boxes.
for block in [(0x2000, 0x206F), (0x2070, 0x209F), (0x2100, 0x214F), (0x2150, 0x218F),
              (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x25FF),
              (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    points.update(range(block[0], block[1] + 1))
with open(sys.argv[1], "w") as f:
    f.write(",".join(f"U+{cp:04X}" for cp in sorted(points)))
PY
# Font 2 of the collection is "Noto Sans CJK SC". No hinting: labels are rasterised by resvg.
# No layout features: their alternates pushed the glyph count past 32767, and resvg draws no
# glyph above that id (重, ：and thousands more came out blank).
/usr/bin/python3 -m fontTools.subset "$SRC" --font-number=2 --unicodes-file="$UNICODES" \
  --no-hinting --name-IDs='*' --name-languages='*' --layout-features='' \
  --output-file=NotoSansSC-GBK.otf
ls -l NotoSansSC-GBK.otf
