#!/bin/sh
# Installs the real tools some tests drive (Neovim's LSP client, headless Chromium for the
# playground) when they are missing, so those tests run everywhere instead of being skipped.
# Called by `pnpm test`; on a machine without apt-get or root it stops with what to install.
set -e
sh "$(dirname "$0")/ensure-strip-types-node.sh"
missing=""
command -v nvim >/dev/null 2>&1 || missing="$missing neovim"
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0
echo "test setup: installing$missing (needed by test/editors and the playground tests)"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test setup: cannot install$missing: no apt-get here; install them with your package manager and run the tests again" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "test setup: cannot install$missing: not root and no sudo; run: apt-get install -y$missing" >&2
    exit 1
  fi
fi
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
echo "test setup: installed$missing"
