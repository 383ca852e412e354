#!/usr/bin/env python3
"""Hostile clients of init --health-listen (tests/integration/init.sh).

    listen_hostile.py PORT MODE [SOURCE]

MODE:
  flood     hold 1000 connections open (half of them silent, half a slow
            loris sending a byte every 100 ms), then time one honest GET
            while they are open; prints "honest STATUS MS"
  longhead  a head of 4 KiB that never ends; prints the status line
  garbage   bytes that are no HTTP request; prints the status line
  reset     100 times: a GET, then a reset (SO_LINGER 0) before reading
            the answer; then an honest GET; prints "honest STATUS"
The hostile connections come from SOURCE (127.0.0.3 by default), the
honest one from 127.0.0.2: init closes first, so each closed connection
leaves a TIME-WAIT on its side, and a second flood from the same address
would meet its own old 4-tuples (a retry a second each), not init.
Every socket is closed at the end; bounded in time (at most ~10 s).
"""
import socket
import struct
import sys
import time

port = int(sys.argv[1])
mode = sys.argv[2]
source = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.3"


def conn():
    s = socket.socket()
    s.settimeout(3)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def honest():
    # From another source address: the flood's thousands of closed
    # connections (TIME-WAIT on init's side) leave its 4-tuples alone.
    t0 = time.monotonic()
    s = socket.socket()
    s.settimeout(3)
    s.bind(("127.0.0.2", 0))
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: kube-probe/1.30\r\n\r\n")
    data = b""
    while True:
        b = s.recv(4096)
        if not b:
            break
        data += b
    s.close()
    ms = (time.monotonic() - t0) * 1000
    return data.split(b"\r\n", 1)[0].decode(errors="replace"), ms


if mode == "flood":
    held = []
    for i in range(1000):
        try:
            held.append(conn())
        except OSError:
            break
    deadline = time.monotonic() + 0.5
    k = 0
    while time.monotonic() < deadline:
        for s in held[1::2][:50]:
            try:
                s.send(b"G")
            except OSError:
                pass
        time.sleep(0.1)
        k += 1
    line, ms = honest()
    print("held %d honest %s %.1f" % (len(held), line, ms))
    for s in held:
        s.close()
elif mode == "longhead":
    s = conn()
    try:
        s.sendall(b"GET / HTTP/1.1\r\n" + b"X-Pad: " + b"a" * 4096)
    except OSError:
        pass
    print(s.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace"))
    s.close()
elif mode == "garbage":
    s = conn()
    s.sendall(b"\x16\x03\x01\x00\x05hello\r\n\r\n")
    print(s.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace"))
    s.close()
elif mode == "reset":
    for i in range(100):
        s = conn()
        s.sendall(b"GET / HTTP/1.1\r\n\r\n")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    line, ms = honest()
    print("honest %s" % line)
