#!/usr/bin/env python3
"""The AppStream screenshots (issue 13) are files of the repository: each
image the metainfo names exists under data/screenshots, is a PNG, and has
the size the metainfo gives it.

usage: test-screenshots.py SOURCE_ROOT
"""

import os
import struct
import sys
import xml.etree.ElementTree as ET

BASE = "https://raw.githubusercontent.com/zhibu/zhibu/main/"


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    root = sys.argv[1]
    tree = ET.parse(os.path.join(root, "data", "io.github.zhibu.Zhibu.metainfo.xml.in"))
    images = tree.findall("./screenshots/screenshot/image")
    failures = []
    if not images:
        failures.append("the metainfo names no screenshot")
    for image in images:
        url = image.text.strip()
        if not url.startswith(BASE):
            failures.append("%s: not a file of this repository" % url)
            continue
        path = os.path.join(root, url[len(BASE):])
        size = png_size(path) if os.path.exists(path) else None
        if size is None:
            failures.append("%s: no PNG at %s" % (url, path))
        elif size != (int(image.get("width")), int(image.get("height"))):
            failures.append("%s: %dx%d, the metainfo says %sx%s"
                            % (url, size[0], size[1], image.get("width"), image.get("height")))
    for failure in failures:
        print("not ok:", failure)
    if failures:
        sys.exit(1)
    print("ok: %d screenshot images" % len(images))


if __name__ == "__main__":
    main()
