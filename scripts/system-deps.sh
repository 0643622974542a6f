#!/usr/bin/env bash
# Install the Debian packages the project needs beyond PyPI, where they are missing.
#   scripts/system-deps.sh antiword chromium ...
# As root it uses apt-get; otherwise sudo when available; otherwise it says what to install and
# goes on (the features that need a missing tool then fail with a message naming it).
set -euo pipefail

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: not a Debian system; install these yourself if you need them: ${missing[*]}" >&2
  exit 0
fi
run=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo)
  else
    echo "note: cannot install ${missing[*]} without root; run: sudo apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "installing Debian packages: ${missing[*]}" >&2
"${run[@]}" apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
