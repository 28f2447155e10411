#!/usr/bin/env bash
# Builds the frontend bundle (packages/app/dist) that the backend serves,
# unless it is newer than every frontend source file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap

stamp="$REPO_ROOT/packages/app/dist/.tofui-build-stamp"
sources=(packages/app plugins/tofui plugins/tofui-common plugins/tofui-report)
if [ -f "$stamp" ] && [ -z "$(cd "$REPO_ROOT" && find "${sources[@]}" yarn.lock app-config.yaml \
  -path '*/node_modules' -prune -o -path '*/dist' -prune -o -type f -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
log "Building the frontend (packages/app)"
(cd "$REPO_ROOT/packages/app" && backstage-cli package build)
touch "$stamp"
