# shellcheck shell=bash
# The frame every compatibility script shares: the clients' venv, the PASS/FAIL
# bookkeeping, a fresh server, and the closing count. Source it, then:
#
#   compat_begin NAME [serve-args...]   venv + checks + `stratus serve serve-args`;
#                                       exits 2 without a venv, 1 when the server
#                                       does not start
#   ... run_cli / as_admin / as_user / verdict ...
#   compat_end                          prints "NAME: N passed, N failed", exits 0
#                                       only when nothing failed
#
# COMPAT_CLI_TIMEOUT (seconds, default 120) bounds each CLI call.

COMPAT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$COMPAT_ROOT/scripts/lib/server.sh"

compat_begin() {
    compat_name=$1
    shift
    "$COMPAT_ROOT/scripts/venv.sh" || { echo "$compat_name: could not set up .venv" >&2; exit 2; }
    venv=${STRATUS_VENV:-$COMPAT_ROOT/.venv}
    py=$venv/bin/python
    cli_timeout=${COMPAT_CLI_TIMEOUT:-120}
    # shellcheck source=scripts/lib/checks.sh
    . "$COMPAT_ROOT/scripts/lib/checks.sh"
    if ! stratus_start "$@"; then
        fail "server start" "see the server log"
        compat_end
    fi
    echo "stratus serving at $STRATUS_URL (log: $STRATUS_LOG)"
}

compat_end() {
    echo "$compat_name: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
