#!/bin/sh
# winnow's own HTML path as an extractor for ../shared/bench: HTML bytes on
# stdin -> charset decision -> libxml2 pass to text -> classifier ->
# winnow clean --text. The same classifier as text_path_extract.sh, with
# winnow's HTML pass in place of the Python dump.
here=$(dirname "$0")
exec "${WINNOW:-$here/../build/winnow}" clean --text -q --format html -
