#!/bin/sh
# Reference for text_path_extract.sh: the visible text dump, uncleaned.
exec /usr/bin/python3 "$(dirname "$0")/html_to_text.py" -
