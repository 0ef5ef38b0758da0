#!/bin/sh
# Install into a staging directory, then build examples/clean_text.c against
# the installed header and library through pkg-config, and run it: the
# installed library is usable on its own (as zstd compiles its examples).
#   tests/install_test.sh BUILD_DIR
set -eu
build=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR="$stage" cmake --install "$build" >/dev/null
prefix=$(sed -n 's/^prefix=//p' "$build/libwinnow.pc")
libdir=$(sed -n 's/^libdir=//p' "$build/libwinnow.pc")
export PKG_CONFIG_PATH="$stage$libdir/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$stage"
test -f "$stage$prefix/include/winnow.h"
test -x "$stage$prefix/bin/winnow"
cc -std=c11 -Wall -Wextra -Werror examples/clean_text.c $(pkg-config --cflags --libs libwinnow) \
  -o "$stage/clean_text"
out=$(LD_LIBRARY_PATH="$stage$libdir" "$stage/clean_text" samples/news-en.txt)
case "$out" in
  *'"text":'*) echo "install: 1 passed, 0 failed" ;;
  *) echo "install: example printed no document: $out"; echo "install: 0 passed, 1 failed"; exit 1 ;;
esac
