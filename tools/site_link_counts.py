#!/usr/bin/env python3
"""Per-issue rendered link counts as the site renders them (Python-Markdown 3.7 with the
extensions Pelican uses for this-week-in-rust.org), to cross-check the index builder.

    pip install markdown==3.7 pygments
    python3 tools/site_link_counts.py ../shared/twir-archive/content > site-counts.json

Prints {"<file name>": <number of <a href> elements in the rendered body>}.
"""
import json
import os
import re
import sys

import markdown

EXTENSIONS = ["extra", "toc", "meta", "codehilite"]
ANCHOR = re.compile(r"<a\s[^>]*href=", re.I)


def main(root):
    counts = {}
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith((".md", ".markdown")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            html = markdown.Markdown(extensions=EXTENSIONS).convert(text)
            # Comments pass through as raw HTML: their anchors are never rendered.
            html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
            counts[os.path.relpath(path, root)] = len(ANCHOR.findall(html))
    json.dump(counts, sys.stdout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/twir-archive/content")
