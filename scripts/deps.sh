#!/bin/sh
# deps.sh: make sure the Debian packages goro builds with are installed.
#
# Checks each tool or library goro needs; installs what is missing with
# apt-get when running as root or with sudo, and otherwise prints the
# exact apt-get line to run.  Called by the Makefile before every build,
# so it must be quick when everything is present.
#   usage: scripts/deps.sh [test]     ("test" also checks Criterion)

missing=""
need() { missing="$missing $1"; }

command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need gcc
command -v make >/dev/null 2>&1 || need make
command -v pkg-config >/dev/null 2>&1 || need pkg-config
command -v re2c >/dev/null 2>&1 || need re2c
command -v lemon >/dev/null 2>&1 || need lemon
[ -f /usr/include/gc.h ] || need libgc-dev
[ -f /usr/include/readline/readline.h ] || need libreadline-dev
# exact constant folding (1 << 200 >> 198) on GMP rationals
[ -f /usr/include/gmp.h ] || [ -f /usr/include/x86_64-linux-gnu/gmp.h ] || need libgmp-dev
# time.LoadLocation and time.Local read the zone files, as Go's do
[ -d /usr/share/zoneinfo/America ] || need tzdata
if [ "$1" = "test" ]; then
  [ -f /usr/include/criterion/criterion.h ] || need libcriterion-dev
fi

[ -z "$missing" ] && exit 0

line="apt-get install -y$missing"
if [ "$(id -u)" = "0" ]; then
  echo "deps: installing$missing"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || {
    echo "deps: '$line' failed" >&2; exit 1; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "deps: installing$missing (sudo)"
  sudo apt-get update -qq >/dev/null 2>&1 || true
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || {
    echo "deps: 'sudo $line' failed" >&2; exit 1; }
else
  echo "deps: missing packages; please run:" >&2
  echo "    sudo $line" >&2
  exit 1
fi
