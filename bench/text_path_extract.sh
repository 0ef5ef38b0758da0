#!/bin/sh
# The text path as an extractor for ../shared/bench: HTML on stdin -> visible
# text dump (bench/html_to_text.py) -> winnow clean --text. Until the HTML
# front end lands this is how the classifier is measured on labelled pages.
here=$(dirname "$0")
/usr/bin/python3 "$here/html_to_text.py" - | "${WINNOW:-$here/../build/winnow}" clean --text -q --format text -
