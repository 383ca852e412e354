"""Database peers that misbehave on purpose, for tests/integration/hostile.sh
(stdlib only).

usage: db_hostile.py PROTO MODE PORTFILE
  PROTO    pg, redis or mysql (what a good answer would be)
  silent   accept, read, never answer
  drip     a valid start of an answer, one byte every 200 ms
  huge     a length field (or a line) far over any limit
  garbage  an answer of another protocol
  close    half an answer, then close
"""
import sys
import time

from serve import serve_forever

proto, mode, portfile = sys.argv[1], sys.argv[2], sys.argv[3]

GOOD = {
    "pg": b"E\0\0\0\x2cSFATAL\0C28000\0Mrole \"x\" does not exist\0\0",
    "redis": b"+PONG\r\n",
    "mysql": b"\x0c\0\0\0\x0a" b"10.11.19\0\x01\0",
}
HUGE = {
    "pg": b"E\x7f\xff\xff\xff" + b"S" * 65536,
    "redis": b"-" + b"x" * 1048576,
    "mysql": b"\xff\xff\xff\0" + b"x" * 65536,
}
GARBAGE = {
    "pg": b"HTTP/1.1 400 Bad Request\r\n\r\n",
    "redis": b"HTTP/1.1 400 Bad Request\r\n\r\n",
    "mysql": b"\x09\0\0\0\x09" b"4.0.0\0\0\0",
}


def serve(c):
    c.settimeout(5)
    try:
        if proto != "mysql":
            c.recv(4096)
        if mode == "silent":
            time.sleep(5)
        elif mode == "drip":
            for b in GOOD[proto][:-1]:
                c.sendall(bytes([b]))
                time.sleep(0.2)
        elif mode == "huge":
            c.sendall(HUGE[proto])
            time.sleep(5)
        elif mode == "garbage":
            c.sendall(GARBAGE[proto])
            time.sleep(5)
        elif mode == "close":
            c.sendall(GOOD[proto][: len(GOOD[proto]) // 2])
    except OSError:
        pass


serve_forever(portfile, serve)
