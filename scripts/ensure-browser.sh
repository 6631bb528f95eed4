#!/usr/bin/env bash
# Make sure Debian's chromium and a CJK font are present for the browser tests.
# As root with apt-get: install what is missing. Otherwise: say in one line what to install.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null && exit 0
  echo "apt-get could not install ${need[*]}" >&2
  exit 1
fi
echo "browser tests need: sudo apt-get install ${need[*]}" >&2
# Outside CI the browser tests skip with the same message; under CI=true they must run.
[ "${CI:-}" = "true" ] && exit 1
exit 0
