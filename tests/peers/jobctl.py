#!/usr/bin/env python3
"""jobctl.py INIT [ARG ...]: an init as a job of an interactive bash.

Runs `bash -i` on a fresh pseudo-terminal, starts `INIT ARG... sleep 30` as
a foreground job, types Ctrl-Z, then `fg`, then Ctrl-C, the way a person
at a terminal would.  Prints one word for what the person saw:

  ok          Ctrl-Z gave the prompt back with the job stopped, fg brought
              it back, Ctrl-C ended it and the prompt came back
  no-prompt   Ctrl-Z did not give the prompt back (the terminal hangs)
  no-resume   the prompt came back, but fg + Ctrl-C did not end the job
  broken      the shell itself did not start

Exit 0 for ok, 1 otherwise.  Every wait is bounded; the shell and its
children are killed at the end whatever happened.
"""
import os
import pty
import select
import signal
import sys
import time

PROMPT = b"PROMPT> "


def read_until(fd, want, secs):
    """Read from fd until want appears in what was read, or secs pass."""
    got = b""
    end = time.monotonic() + secs
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not r:
            break
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        got += data
        if want in got:
            return True, got
    return False, got


def kill_session(sid):
    """SIGKILL every process of session sid (the jobs have groups of their
    own, and a stopped or hung one would outlive the shell); SIGCONT after,
    so that a stopped one dies too."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:
            for sig in (signal.SIGKILL, signal.SIGCONT):
                try:
                    os.kill(int(name), sig)
                except OSError:
                    pass


def main():
    cmd = " ".join(sys.argv[1:] + ["sleep", "30"])
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["PS1"] = PROMPT.decode()
        os.environ["TERM"] = "dumb"
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
    verdict = "broken"
    try:
        ok, _ = read_until(fd, PROMPT, 5)
        if ok:
            os.write(fd, cmd.encode() + b"\n")
            read_until(fd, b"\n", 2)
            time.sleep(0.7)
            os.write(fd, b"\x1a")
            ok, _ = read_until(fd, PROMPT, 3)
            if not ok:
                verdict = "no-prompt"
            else:
                os.write(fd, b"fg\n")
                read_until(fd, b"sleep", 2)
                time.sleep(0.7)
                os.write(fd, b"\x03")
                ok, _ = read_until(fd, PROMPT, 3)
                verdict = "ok" if ok else "no-resume"
    finally:
        kill_session(pid)
        os.waitpid(pid, 0)
    print(verdict)
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
