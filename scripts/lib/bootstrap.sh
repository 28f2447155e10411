# shellcheck shell=bash
# Sourced by every entry point (Makefile targets, scripts/tofui, .ci/run).
#
# Makes sure that, on a machine with only Node 20 and npm, we still run on a
# Node that Backstage supports (22+), that `yarn` is the repo's pinned release,
# and that dependencies are installed from the lockfile. Nothing here writes a
# registry address into the repo: Yarn gets the one npm is configured with.

TOFUI_NODE_VERSION="${TOFUI_NODE_VERSION:-22.23.3}"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
export REPO_ROOT

log() { printf '\033[1;34m[tofui]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[tofui]\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major)" -ge 22 ]; then
    return
  fi
  local arch
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "No Node 22 package for architecture $(uname -m); install Node 22 yourself." ;;
  esac
  local dir="$TOOLS_DIR/node-v$TOFUI_NODE_VERSION-linux-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch Node $TOFUI_NODE_VERSION"
    log "Installing Node $TOFUI_NODE_VERSION (npm package node-linux-$arch) into .tools/"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$TOFUI_NODE_VERSION" >/dev/null) ||
      die "npm pack node-linux-$arch@$TOFUI_NODE_VERSION failed"
    mkdir -p "$tmp/node"
    tar xzf "$tmp"/node-linux-*.tgz -C "$tmp/node" --strip-components=1
    mkdir -p "$TOOLS_DIR"
    rm -rf "$dir"
    mv "$tmp/node" "$dir"
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp builds native addons (better-sqlite3) against these headers.
  export npm_config_nodedir="$dir"
}

ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$REPO_ROOT/.yarnrc.yml")"
  [ -f "$REPO_ROOT/$release" ] || die "Yarn release $release is missing"
  mkdir -p "$TOOLS_DIR/bin"
  cat >"$TOOLS_DIR/bin/yarn" <<EOF
#!/bin/sh
exec node "$REPO_ROOT/$release" "\$@"
EOF
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
    local registry
    registry="$(npm config get registry 2>/dev/null || true)"
    [ -n "$registry" ] && export YARN_NPM_REGISTRY_SERVER="${registry%/}"
  fi
  export YARN_ENABLE_TELEMETRY=0
}

install_stamp() {
  {
    node --version
    cat "$REPO_ROOT/yarn.lock" "$REPO_ROOT/.yarnrc.yml"
    find "$REPO_ROOT/package.json" "$REPO_ROOT/packages" "$REPO_ROOT/plugins" \
      -name package.json -not -path '*/node_modules/*' -not -path '*/dist/*' | sort | xargs cat
  } | sha256sum | cut -d' ' -f1
}

ensure_dependencies() {
  local stamp_file="$REPO_ROOT/node_modules/.tofui-install-stamp"
  local want
  want="$(install_stamp)"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
    return
  fi
  log "Installing dependencies (yarn install --immutable)"
  (cd "$REPO_ROOT" && yarn install --immutable) || die "yarn install failed"
  echo "$want" >"$stamp_file"
}

bootstrap() {
  ensure_node
  ensure_yarn
  ensure_dependencies
  export PATH="$REPO_ROOT/node_modules/.bin:$PATH"
}
