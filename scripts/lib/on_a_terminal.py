"""Runs a command on a pseudo-terminal, answering its prompts with an empty line.

openstackclient reads a signing key's passphrase from a terminal, even for a key
that has none (`image create --sign-key-path`), and reads image data from a
standard input that is not a terminal; the compatibility scripts have no terminal. Usage: python on_a_terminal.py COMMAND [ARGS...]; prints what the command
wrote (stdout and stderr, as a terminal shows them) and exits with its status.
"""
import os
import pty
import sys

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
output = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # the child closed the terminal
        break
    if not chunk:
        break
    output += chunk
    # Answered only once asked: getpass flushes what was typed ahead.
    if chunk.rstrip(b" ").endswith(b":"):
        os.write(fd, b"\n")
_, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
