#!/bin/sh
# Install the Debian 12 packages winnow needs to build and test, when they
# are missing; a no-op when everything is present. Run as root (or with sudo
# available). Called by 'make deps', 'make run' and 'make check'.
set -eu
# clang + libclang-rt-14-dev: the ASan/UBSan build of make check-asan and
# libFuzzer's runtime (libclang_rt.fuzzer-x86_64.a) for its fuzz smoke run.
PKGS="build-essential cmake pkg-config python3 clang clang-format libclang-rt-14-dev \
libhyperscan-dev libcjson-dev libopencc-dev opencc libxxhash-dev \
libxml2-dev libuchardet-dev libisal-dev libzstd-dev libbrotli-dev zstd"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
