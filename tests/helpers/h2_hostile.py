"""A gRPC peer that misbehaves on purpose, one way per run (stdlib only).

usage: h2_hostile.py MODE PORTFILE
Reads whatever the client sends and answers with MODE:
  goaway        GOAWAY (last stream 0) at once
  rst           SETTINGS, then RST_STREAM on stream 1
  settings      SETTINGS frames, without end
  ping          PING frames, without end
  table         a HEADERS block opening with a huge table size update
  continuation  HEADERS without END_HEADERS, then CONTINUATION without end
  huffman       a header value whose Huffman padding is zeros
  oversize      DATA larger than any health response
  notrailers    a valid SERVING message and END_STREAM, but no grpc-status
  bigframe      a frame header announcing 1 MiB
  drip          SETTINGS, then one byte a second
  longer        a message longer than its length prefix declares, then
                trailers with grpc-status 0
  http1         not HTTP/2 at all: an HTTP/1.1 400 reply
"""
import socket
import struct
import sys
import threading
import time


def frame(t, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([t, flags]) + \
        struct.pack(">I", stream) + payload


SETTINGS = frame(4, 0, 0)
STATUS_200 = b"\x88"


def serve(c, mode):
    c.settimeout(5)
    try:
        c.recv(65536)
        if mode == "goaway":
            c.sendall(SETTINGS + frame(7, 0, 0, struct.pack(">II", 0, 11)))
        elif mode == "rst":
            c.sendall(SETTINGS + frame(3, 0, 1, struct.pack(">I", 2)))
        elif mode in ("settings", "ping"):
            f = SETTINGS if mode == "settings" else frame(6, 0, 0, b"12345678")
            c.sendall(SETTINGS)
            while True:
                c.sendall(f * 512)
        elif mode == "table":
            c.sendall(SETTINGS + frame(1, 4, 1, b"\x3f\xe1\xff\xff\x0f" + STATUS_200))
        elif mode == "continuation":
            c.sendall(SETTINGS + frame(1, 0, 1, STATUS_200))
            while True:
                c.sendall(frame(9, 0, 1, b"\x00\x01a\x01b" * 2000))
        elif mode == "huffman":
            c.sendall(SETTINGS + frame(1, 4, 1, STATUS_200 + b"\x00\x01x\x82\x00\x00"))
        elif mode == "oversize":
            c.sendall(SETTINGS + frame(1, 4, 1, STATUS_200) + frame(0, 0, 1, b"\x00" * 5000))
        elif mode == "notrailers":
            c.sendall(SETTINGS + frame(1, 4, 1, STATUS_200) +
                      frame(0, 1, 1, b"\x00\x00\x00\x00\x02\x08\x01"))
        elif mode == "longer":
            c.sendall(SETTINGS + frame(1, 4, 1, STATUS_200) +
                      frame(0, 0, 1, b"\x00\x00\x00\x00\x02\x08\x01\x08\x02\x08\x03") +
                      frame(1, 5, 1, b"\x40\x0bgrpc-status\x010"))
        elif mode == "http1":
            c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        elif mode == "bigframe":
            c.sendall(SETTINGS + b"\x10\x00\x00\x00\x00\x00\x00\x00\x01")
        elif mode == "drip":
            c.sendall(SETTINGS)
            for b in frame(1, 4, 1, STATUS_200):
                c.sendall(bytes([b]))
                time.sleep(1)
        time.sleep(5)
    except OSError:
        pass
    finally:
        c.close()


def main():
    mode, portfile = sys.argv[1], sys.argv[2]
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    with open(portfile, "w") as f:
        f.write(str(s.getsockname()[1]))
    while True:
        c, _ = s.accept()
        threading.Thread(target=serve, args=(c, mode), daemon=True).start()


main()
