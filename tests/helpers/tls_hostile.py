#!/usr/bin/env python3
"""tls_hostile.py MODE CERT KEY PORTFILE: a TLS peer that misbehaves on
purpose, for tests/integration/hostile.sh.  Standard library only: the
real handshakes run through ssl.SSLObject over memory BIOs, so the bytes
on the wire can be cut, held or replaced.

  garbage      random bytes after the ClientHello
  stall        half of its first flight, then nothing
  bigchain     a ServerHello, then a Certificate message of 1 MB
  alert        a ServerHello, then a fatal internal_error alert
  closenotify  a whole handshake, a head with Content-Length 100 and 5
               body bytes, then close_notify
  truncated    a whole handshake, then half of the answer's record and
               the end of the TCP stream
"""
import os
import socket
import ssl
import struct
import sys
import time

from serve import serve_forever

MODE, CERT, KEY, PORTFILE = sys.argv[1:5]


def record(ctype, body):
    return struct.pack("!BHH", ctype, 0x0303, len(body)) + body


def server_hello():
    """A ServerHello for ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, with the
    renegotiation_info extension."""
    ext = struct.pack("!HHB", 0xFF01, 1, 0)
    body = (struct.pack("!H", 0x0303) + os.urandom(32) + b"\x00"
            + struct.pack("!HB", 0xC02B, 0) + struct.pack("!H", len(ext)) + ext)
    return record(22, b"\x02" + struct.pack("!I", len(body))[1:] + body)


def read_some(conn):
    try:
        return conn.recv(65536)
    except OSError:
        return b""


def handshake(conn):
    """A real server handshake over memory BIOs; the SSLObject and BIOs."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(CERT, KEY)
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, out, server_side=True)
    while True:
        try:
            obj.do_handshake()
            break
        except ssl.SSLWantReadError:
            conn.sendall(out.read())
            data = read_some(conn)
            if not data:
                return None, None, None
            inc.write(data)
    conn.sendall(out.read())
    return obj, inc, out


def read_request(conn, obj, inc):
    while True:
        try:
            return obj.read(65536)
        except ssl.SSLWantReadError:
            data = read_some(conn)
            if not data:
                return b""
            inc.write(data)


def serve(conn):
    try:
        if MODE == "garbage":
            read_some(conn)
            conn.sendall(os.urandom(4096))
            time.sleep(5)
        elif MODE == "stall":
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2
            ctx.load_cert_chain(CERT, KEY)
            inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
            obj = ctx.wrap_bio(inc, out, server_side=True)
            inc.write(read_some(conn))
            try:
                obj.do_handshake()
            except ssl.SSLWantReadError:
                pass
            flight = out.read()
            conn.sendall(flight[: len(flight) // 2])
            time.sleep(5)
        elif MODE == "bigchain":
            read_some(conn)
            conn.sendall(server_hello())
            size = 1 << 20
            cert = os.urandom(size)
            msg = (b"\x0b" + struct.pack("!I", size + 6)[1:]
                   + struct.pack("!I", size + 3)[1:]
                   + struct.pack("!I", size)[1:] + cert)
            for i in range(0, len(msg), 16384):
                conn.sendall(record(22, msg[i:i + 16384]))
            time.sleep(5)
        elif MODE == "alert":
            read_some(conn)
            conn.sendall(server_hello() + record(21, b"\x02\x50"))
            time.sleep(5)
        elif MODE in ("closenotify", "truncated"):
            obj, inc, out = handshake(conn)
            if obj is None:
                return
            read_request(conn, obj, inc)
            if MODE == "closenotify":
                obj.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello")
                try:
                    obj.unwrap()
                except ssl.SSLError:
                    pass
                conn.sendall(out.read())
                time.sleep(5)
            else:
                obj.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                data = out.read()
                conn.sendall(data[: len(data) // 2])
                conn.shutdown(socket.SHUT_WR)
                time.sleep(5)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    serve_forever(PORTFILE, serve)


main()
