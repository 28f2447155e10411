# The backend as the image runs it, for scripts that measure the product
# (scripts/dr-drill, scripts/bench/soak/run): the production bundle
# (packages/backend/dist/bundle.tar.gz, built by `backstage-cli package
# build`, which builds the frontend into it) unpacked into a directory, with
# node_modules as `yarn workspaces focus --production` makes them in the
# image: third-party packages from the repo's install, the workspace
# packages from the bundle. Unlike `backstage-cli package start` nothing is
# transpiled at run time and nothing restarts when a source file changes.
#
# Source after scripts/lib/bootstrap.sh (and `bootstrap`).

# in_workspace PATH: whether PATH (a link in node_modules) is one of the
# repository's own packages.
in_workspace() {
  case "$(readlink -f "$1")" in "$REPO_ROOT"/packages/* | "$REPO_ROOT"/plugins/*) return 0 ;; esac
  return 1
}

# unpack_backend_image DIR SKIP_BUILD(0|1): builds the bundle unless
# SKIP_BUILD is 1 and a bundle exists, and unpacks it into DIR.
unpack_backend_image() {
  local image=$1 skip_build=$2
  mkdir -p "$image"
  if [ "$skip_build" != 1 ] || [ ! -f "$REPO_ROOT/packages/backend/dist/bundle.tar.gz" ]; then
    log "Building the backend bundle (backstage-cli package build in packages/backend)"
    (cd "$REPO_ROOT/packages/backend" && backstage-cli package build) >"$image.build.log" 2>&1 ||
      { tail -30 "$image.build.log"; die "Backend build failed"; }
  fi
  tar xzf "$REPO_ROOT/packages/backend/dist/bundle.tar.gz" -C "$image"
  cp "$REPO_ROOT/packages/backend/src/instrumentation.js" "$image/"
  local entry scoped manifest
  # Third-party packages from the repo's install; the workspace's own (links
  # into packages/ and plugins/) come from the bundle instead. A scope such
  # as @tofui is a real directory here: linking the repo's would let the
  # bundle's links below land inside the repo's workspace packages.
  for entry in "$REPO_ROOT"/node_modules/*; do
    if [[ "$(basename "$entry")" == @* ]]; then
      mkdir -p "$image/node_modules/$(basename "$entry")"
      for scoped in "$entry"/*; do
        in_workspace "$scoped" || ln -s "$scoped" "$image/node_modules/$(basename "$entry")/"
      done
    else
      in_workspace "$entry" || ln -s "$entry" "$image/node_modules/"
    fi
  done
  for manifest in "$image"/packages/*/package.json "$image"/plugins/*/package.json; do
    ln -sn "$(dirname "$manifest")" "$image/node_modules/$(node -p "require('$manifest').name")"
  done
}

# The command that starts the unpacked backend, as the image's CMD (run it
# with the image directory as working directory; add --config options).
# --preserve-symlinks: packages resolve the bundle's workspace packages (the
# app's dist among them) through the image's node_modules, not the repo's.
BACKEND_IMAGE_CMD=(node --preserve-symlinks --require ./instrumentation.js packages/backend)
