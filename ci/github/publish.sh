#!/usr/bin/env bash
# The step of action.yml (inputs arrive as IN_* variables), kept in a file
# so that it can be read, linted and run outside GitHub.
set -euo pipefail

if [ -z "${TOFUI_TOKEN:-}" ]; then
  if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; then
    echo "tofui: no token input and no OIDC token: add 'permissions: id-token: write' to the job, or pass token" >&2
    exit 2
  fi
  # The job's OIDC token for the backend's audience (valid ~5 minutes).
  TOFUI_TOKEN="$(curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
    "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=${IN_AUDIENCE:-tofui}" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).value))')"
  echo "::add-mask::$TOFUI_TOKEN"
  export TOFUI_TOKEN
fi

vars="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tofui-vars-$$.sh"
args=(publish --folder "${IN_FOLDER:-_root}" --export-vars-file "$vars")
[ -n "${IN_TYPE:-}" ] && args+=(--type "$IN_TYPE")
[ -n "${IN_PLAN:-}" ] && args+=(--plan "$IN_PLAN")
[ -n "${IN_LOG:-}" ] && args+=(--log "$IN_LOG")
[ -n "${IN_EXIT_CODE:-}" ] && args+=(--terraform-exit-code "$IN_EXIT_CODE")
[ "${IN_APPLY_MODE:-false}" = "true" ] && args+=(--apply-mode)
[ "${IN_COMMENT:-true}" = "true" ] && args+=(--comment)

# TOFUI_CLI overrides the command (tests run the packed CLI this way).
if [ -n "${TOFUI_CLI:-}" ]; then
  $TOFUI_CLI "${args[@]}"
else
  npx --yes "@tofui/cli@${IN_CLI_VERSION:-0}" "${args[@]}"
fi

# shellcheck disable=SC1090
source "$vars"
rm -f "$vars"
{
  echo "report-url=${TOFUI_REPORT_URL:-}"
  echo "verdict=${TOFUI_VERDICT:-}"
  echo "report-id=${TOFUI_REPORT_ID:-}"
} >>"${GITHUB_OUTPUT:-/dev/null}"
