#!/usr/bin/env bash
# Make sure Debian's chromium and a CJK font are present for the browser tests (never `playwright install`).
# As root with apt-get: install what is missing. Otherwise: say in one line what to install.
# Under CI=true anything missing fails the run; elsewhere the browser tests skip with the same line.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v fc-match >/dev/null 2>&1 || need+=(fontconfig)

fail() {
  echo "$1" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
}

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    fail "browser tests need Debian packages: sudo apt-get install ${need[*]}"
  fi
  echo "installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    fail "apt-get could not install ${need[*]}; install them by hand: apt-get install ${need[*]}"
  fi
fi
# Installed is not enough: the binary must start (a broken install fails here, not in 30 tests).
/usr/bin/chromium --headless --no-sandbox --version >/dev/null 2>&1 ||
  fail "/usr/bin/chromium is present but does not start; reinstall it: apt-get install --reinstall chromium"
exit 0
