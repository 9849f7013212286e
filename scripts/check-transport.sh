#!/usr/bin/env bash
# Transport hardening through a real socket (hardening issue, reports 4 and 6): a
# TLS server with a self-signed certificate offers only forward-secret AEAD suites
# (a static-RSA suite fails with openssl s_client), answers with HSTS, and closes
# connections that stall: idle, half-sent headers, a body that stops coming.
# Prints "check-transport: N passed, N failed"; non-zero exit on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$root/scripts/lib/server.sh"
# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"

bin=${STRATUS_BIN:-$root/.build/debug/stratus}
work=$(mktemp -d "${TMPDIR:-/tmp}/stratus-transport.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
port=$(stratus_free_port)
idle=3
"$bin" serve --host 127.0.0.1 --port "$port" --data-dir "$work/data" --hosts 0 \
    --admin-password "$(stratus_random_password)" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" \
    --idle-timeout "$idle" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    curl -sk -o /dev/null "https://127.0.0.1:$port/identity/v3" && break
    sleep 0.2
done

# --- TLS: only ECDHE with AEAD on TLS 1.2; TLS 1.3 as usual -------------------------
handshake() {  # handshake CIPHER-OR-EMPTY [protocol flag]
    echo | timeout 10 openssl s_client -connect "127.0.0.1:$port" ${2:-} ${1:+-cipher "$1"} 2>&1
}
out=$(handshake ECDHE-RSA-AES128-GCM-SHA256 -tls1_2)
[[ $out == *"Cipher is ECDHE-RSA-AES128-GCM-SHA256"* ]]
verdict "TLS 1.2 with ECDHE-RSA-AES128-GCM-SHA256 (forward secret, AEAD) is accepted" "$(tail -5 <<<"$out")"
for suite in AES128-SHA AES256-GCM-SHA384 AES128-GCM-SHA256 ECDHE-RSA-AES128-SHA; do
    out=$(handshake "$suite" -tls1_2)
    [[ $out != *"Cipher is $suite"* ]]
    verdict "TLS 1.2 with $suite (static RSA or CBC) is refused" "$(grep -m1 Cipher <<<"$out")"
done
out=$(handshake "" -tls1_1)
[[ $out != *"Cipher is"* || $out == *"Cipher is (NONE)"* ]]
verdict "TLS 1.1 is refused" "$(grep -m1 -i "protocol\|cipher" <<<"$out")"
out=$(handshake "" -tls1_3)
[[ $out == *"TLSv1.3"* ]]
verdict "TLS 1.3 is accepted" "$(tail -8 <<<"$out")"

headers=$(curl -sk -D - -o /dev/null "https://127.0.0.1:$port/identity/v3")
[[ ${headers,,} == *"strict-transport-security: max-age=31536000"* ]]
verdict "answers carry HSTS" "$headers"
headers=$(curl -sk -D - -o /dev/null "https://127.0.0.1:$port/compute/v2.1/servers")
[[ ${headers,,} == *"strict-transport-security"* && $headers == *" 401"* ]]
verdict "errors carry HSTS too" "$headers"

# --- stalled connections are closed after --idle-timeout ----------------------------
stall() {  # stall BYTES-TO-SEND: seconds until the server closed the connection (or "open")
    python3 - "$port" "$1" "$idle" <<'PY'
import socket, ssl, sys, time
port, payload, idle = int(sys.argv[1]), sys.argv[2].encode().decode("unicode_escape").encode(), int(sys.argv[3])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
with socket.create_connection(("127.0.0.1", port)) as raw, context.wrap_socket(raw) as tls:
    tls.settimeout(idle * 5)
    if payload:
        tls.sendall(payload)
    start = time.monotonic()
    try:
        while True:
            data = tls.recv(65536)
            if not data:
                break
    except (socket.timeout, TimeoutError):
        print("open")
        sys.exit()
    except (ConnectionError, ssl.SSLError):
        pass
    print(f"{time.monotonic() - start:.1f}")
PY
}
for case in "idle:" "half-sent headers:GET /identity/v3 HTTP/1.1\\r\\nHost: x\\r\\n" \
            "stalled body:POST /identity/v3/auth/tokens HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/json\\r\\nContent-Length: 1000\\r\\n\\r\\n{"; do
    name=${case%%:*}
    took=$(stall "${case#*:}")
    [[ $took != open ]] && awk -v t="$took" -v i="$idle" 'BEGIN { exit !(t >= i - 1 && t <= i + 3) }'
    verdict "$name connection closed after the ${idle}s idle timeout" "closed after: $took s"
done
out=$(python3 - "$port" <<'PY'
import socket, ssl, sys
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw, context.wrap_socket(raw) as tls:
    tls.sendall(b"POST /identity/v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 104857600\r\n\r\n{")
    tls.settimeout(10)
    print(tls.recv(200).decode(errors="replace").splitlines()[0])
PY
)
[[ $out == *" 413 "* ]]
verdict "a declared 100 MB JSON body is 413 at once, not a wait" "got: $out"

stat -c '%a' "$work/data" | grep -qx 700
verdict "the data directory is 0700" "$(stat -c '%a %n' "$work/data")"
modes=$(stat -c '%a' "$work/data"/stratus.sqlite* | sort -u | tr '\n' ' ')
[[ $modes == "600 " ]]
verdict "the database and its WAL are 0600" "modes: $modes"
! grep -q "OS_PASSWORD='" "$work/server.log"
verdict "a given admin password is not echoed at start" "$(grep OS_PASSWORD "$work/server.log")"

# --- a truncated body over plain HTTP (the client half-closes): 400, not 413 ----------
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
plain=$(stratus_free_port)
"$bin" serve --host 127.0.0.1 --port "$plain" --data-dir "$work/data" --hosts 0 >>"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$plain/identity/v3" && break
    sleep 0.2
done
out=$(python3 - "$plain" <<'PY'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as s:
    s.sendall(b"POST /identity/v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: 100\r\n\r\n{\"auth\":")
    s.shutdown(socket.SHUT_WR)
    s.settimeout(10)
    print(s.recv(200).decode(errors="replace").splitlines()[0])
PY
)
[[ $out == *" 400 "* ]]
verdict "a truncated body is 400 (incomplete), not 413" "got: $out"

echo "check-transport: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
