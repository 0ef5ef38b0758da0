#!/usr/bin/env python3
"""Turn HTML pages into the text dumps winnow's text front end reads: the
visible text, one line per block element, scripts and styles dropped (what
a crawler's plain-text export looks like). Used to build benchmark and
evaluation corpora from ../shared/bench pages; standard library only.

    html_to_text.py OUTDIR PAGE.html...
    html_to_text.py -            (one page: HTML on stdin, text on stdout)
"""
import html.parser
import os
import sys

BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
         "table", "section", "article", "header", "footer", "nav", "aside", "blockquote",
         "pre", "title", "dd", "dt", "form", "figure", "figcaption", "main", "option"}
SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class Dump(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.line, self.skip = [], [], 0

    def flush(self):
        text = " ".join("".join(self.line).split())
        if text:
            self.out.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.line.append(data)


def dump(text):
    d = Dump()
    d.feed(text)
    d.close()
    d.flush()
    return "\n".join(d.out) + "\n"


def main():
    out = sys.argv[1]
    if out == "-":
        sys.stdout.write(dump(sys.stdin.buffer.read().decode("utf-8", "replace")))
        return
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        d = Dump()
        try:
            d.feed(open(path, encoding="utf-8", errors="replace").read())
            d.close()
        except Exception as e:  # a broken page is skipped, not fatal
            print(f"skip {path}: {e}", file=sys.stderr)
            continue
        d.flush()
        name = os.path.splitext(os.path.basename(path))[0] + ".txt"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("\n".join(d.out) + "\n")


if __name__ == "__main__":
    main()
