# shellcheck shell=bash
# Start and stop a throwaway Stratus server for the compatibility scripts.
# Source this file; it defines functions only.
#
#   stratus_start            starts .build/debug/stratus (or $STRATUS_BIN) on a free
#                            loopback port with a temp data dir and a random admin
#                            password, and waits until /identity/v3 answers.
#                            Sets STRATUS_PORT, STRATUS_URL, STRATUS_AUTH_URL,
#                            STRATUS_PASSWORD, STRATUS_LOG, STRATUS_PID, STRATUS_TMP.
#                            On failure it returns 1; the caller prints the log.
#   stratus_launch [serve-args...]
#                            starts the server (again) on the same data dir, port and
#                            password, appending to the same log: a restart after a
#                            crash. Waits as stratus_start does.
#   stratus_stop             kills the server and removes the temp dir (trap-safe).
#   stratus_log_tail [N]     prints the last N (default 60) lines of the server log.
#
# Knobs: STRATUS_BIN (binary), STRATUS_START_TIMEOUT (seconds, default 60),
#        STRATUS_KEEP_TMP=1 (keep the temp dir and log), STRATUS_TMP_PREFIX (the temp
#        dir's name before .XXXXXX, default stratus-compat).

STRATUS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STRATUS_PID=""
STRATUS_TMP=""

stratus_free_port() {
    python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

stratus_random_password() {
    python3 -c 'import secrets; print(secrets.token_hex(16))'  # hex: never a leading '-' an option parser would misread
}

stratus_log_tail() {
    local n=${1:-60}
    if [ -n "${STRATUS_LOG:-}" ] && [ -f "$STRATUS_LOG" ]; then
        echo "----- server log (last $n lines of $STRATUS_LOG) -----" >&2
        tail -n "$n" "$STRATUS_LOG" >&2
        echo "----- end of server log -----" >&2
    fi
}

stratus_stop() {
    if [ -n "$STRATUS_PID" ] && kill -0 "$STRATUS_PID" 2>/dev/null; then
        kill "$STRATUS_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$STRATUS_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$STRATUS_PID" 2>/dev/null; then
            kill -9 "$STRATUS_PID" 2>/dev/null || true
        fi
        wait "$STRATUS_PID" 2>/dev/null || true
    fi
    STRATUS_PID=""
    if [ -n "$STRATUS_TMP" ] && [ -d "$STRATUS_TMP" ] && [ "${STRATUS_KEEP_TMP:-0}" != 1 ]; then
        rm -rf "$STRATUS_TMP"
    fi
}

# stratus_start [serve-args...]: extra arguments go to `stratus serve`.
stratus_start() {
    local bin=${STRATUS_BIN:-$STRATUS_ROOT/.build/debug/stratus}
    if [ ! -x "$bin" ]; then
        echo "stratus binary not found at $bin (run 'swift build' first)" >&2
        return 1
    fi
    STRATUS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/${STRATUS_TMP_PREFIX:-stratus-compat}.XXXXXX")
    STRATUS_LOG=$STRATUS_TMP/server.log
    STRATUS_PORT=$(stratus_free_port)
    STRATUS_PASSWORD=$(stratus_random_password)
    STRATUS_URL=http://127.0.0.1:$STRATUS_PORT
    STRATUS_AUTH_URL=$STRATUS_URL/identity
    stratus_launch "$@"
}

# stratus_launch [serve-args...]: runs the server on STRATUS_TMP/data and STRATUS_PORT.
stratus_launch() {
    local bin=${STRATUS_BIN:-$STRATUS_ROOT/.build/debug/stratus}
    local timeout=${STRATUS_START_TIMEOUT:-60}
    STRATUS_ADMIN_PASSWORD=$STRATUS_PASSWORD "$bin" serve \
        --host 127.0.0.1 --port "$STRATUS_PORT" \
        --data-dir "$STRATUS_TMP/data" \
        --admin-password "$STRATUS_PASSWORD" \
        "$@" >>"$STRATUS_LOG" 2>&1 &
    STRATUS_PID=$!

    local deadline=$((SECONDS + timeout)) code
    while :; do
        if ! kill -0 "$STRATUS_PID" 2>/dev/null; then
            echo "stratus exited before answering on $STRATUS_URL" >&2
            wait "$STRATUS_PID" 2>/dev/null || true
            STRATUS_PID=""
            return 1
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$STRATUS_AUTH_URL/v3" || true)
        if [ -n "$code" ] && [ "$code" != 000 ]; then
            break
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "stratus did not answer on $STRATUS_AUTH_URL/v3 within ${timeout}s" >&2
            return 1
        fi
        sleep 0.2
    done
    export STRATUS_PORT STRATUS_URL STRATUS_AUTH_URL STRATUS_PASSWORD STRATUS_LOG
}
