#!/usr/bin/env python3
"""rawserver.py [--tls CERT KEY] PORTFILE [PORTFILE2]: HTTP/1.1 answers
written byte by byte, for the kubelet parity table (tests/kubelet/run.sh),
in the clear or over TLS.  Standard library only.

Listens on 127.0.0.1 (a free port, written to PORTFILE; with PORTFILE2 a
second port, same handler).  The path says what to answer:

  /s/CODE                 status CODE, body "ok"
  /loc/CODE?to=LOCATION   status CODE with that Location (percent-encoded)
  /noloc/CODE             status CODE, no Location
  /chain/N                302 to /chain/N-1; /chain/0 is 200
  /host/NAME              200 when the Host header is NAME, else 400
  /hdr/NAME/WANT          200 when header NAME is WANT ("-absent" for no
                          such header, "-empty" for one with no value)
  /echo-host              200, the Host header as the body
  /raw/NAME               one of the answers in RAW below, as bytes
  /big/N                  200 with N body bytes (Content-Length)
  /stall/HEAD             the head, then a body that never comes
  anything else           404; a '#' in the request target: 400
"""
import socket
import sys
import threading
import time
import urllib.parse

RAW = {
    # Content-Length lies and cut bodies
    "cl-exact": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    "cl-short": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello",
    "cl-short-big": b"HTTP/1.1 200 OK\r\nContent-Length: 20000\r\n\r\n"
    + b"x" * 12000,
    "cl-long": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhello",
    "cl-two": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n"
    b"\r\nhello!",
    "cl-two-same": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
    b"Content-Length: 5\r\n\r\nhello",
    "cl-bad": b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello",
    "cl-neg": b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nhello",
    "close-delimited": b"HTTP/1.1 200 OK\r\n\r\nbody until close",
    "http10": b"HTTP/1.0 200 OK\r\n\r\nold",
    "no-reason": b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok",
    "lf-only": b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
    # chunked
    "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhello\r\n0\r\n\r\n",
    "chunked-ext": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5;x=y\r\nhello\r\n0\r\n\r\n",
    "chunked-trailer": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
    "chunked-bad-size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"zz\r\nhello\r\n0\r\n\r\n",
    "chunked-cut": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"100\r\nhello",
    "chunked-no-end": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhello\r\n",
    "chunked-no-crlf": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhelloXX0\r\n\r\n",
    "chunked-big": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"".join(b"400\r\n" + b"y" * 1024 + b"\r\n" for _ in range(12))
    + b"0\r\n\r\n",
    "chunked-big-cut": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"".join(b"400\r\n" + b"y" * 1024 + b"\r\n" for _ in range(12)),
    "chunked-503": b"HTTP/1.1 503 Down\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"4\r\ndown\r\n0\r\n\r\n",
    "te-gzip-chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n"
    b"\r\n0\r\n\r\n",
    # heads
    "not-http": b"<html>hello</html>\r\n",
    "empty": b"",
    "head-cut": b"HTTP/1.1 200 OK\r\nContent-Le",
    "status-only": b"HTTP/1.1 204 No Content\r\n\r\n",
    "interim-100": b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
    b"Content-Length: 2\r\n\r\nok",
    "interim-103": b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
    b"HTTP/1.1 503 Nope\r\nContent-Length: 0\r\n\r\n",
    "obs-fold": b"HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 0\r\n\r\n",
    "space-name": b"HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n",
    "status-1000": b"HTTP/1.1 1000 Big\r\nContent-Length: 0\r\n\r\n",
    "http2-line": b"HTTP/2 200\r\n\r\n",
    "huge-head": b"HTTP/1.1 200 OK\r\nX-Big: " + b"h" * 20000
    + b"\r\nContent-Length: 2\r\n\r\nok",
    "304-body": b"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
    "204-cl": b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
}


def reply(conn, data):
    try:
        conn.sendall(data)
    except OSError:
        pass


def answer(conn, status, body=b"ok", extra=b""):
    reason = b"X"
    reply(conn, b"HTTP/1.1 %d %s\r\n%sContent-Length: %d\r\n"
          b"Connection: close\r\n\r\n%s" % (status, reason, extra, len(body),
                                            body))


def handle(conn):
    conn.settimeout(5)
    data = b""
    try:
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
    except OSError:
        return
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    lines = head.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return
    target = parts[1]
    hdrs = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        hdrs.setdefault(name.strip().lower(), []).append(value.strip())
    if "#" in target:
        # A fragment is no part of a request target (RFC 9112 3.2).
        answer(conn, 400, b"fragment sent")
        return
    u = urllib.parse.urlsplit(target)
    seg = u.path.split("/")[1:]
    q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
    kind = seg[0] if seg else ""
    if kind == "s" and len(seg) == 2:
        answer(conn, int(seg[1]))
    elif kind == "loc" and len(seg) == 2:
        to = q.get("to", [""])[0].encode("latin-1")
        answer(conn, int(seg[1]), b"moved", b"Location: " + to + b"\r\n")
    elif kind == "noloc" and len(seg) == 2:
        answer(conn, int(seg[1]), b"moved")
    elif kind == "chain" and len(seg) == 2:
        n = int(seg[1])
        if n <= 0:
            answer(conn, 200)
        else:
            answer(conn, 302, b"", b"Location: /chain/%d\r\n" % (n - 1))
    elif kind == "host" and len(seg) == 2:
        answer(conn, 200 if hdrs.get("host", [""])[0] == seg[1] else 400)
    elif kind == "hdr" and len(seg) == 3:
        got = hdrs.get(seg[1].lower())
        want = seg[2]
        if want == "-absent":
            ok = got is None
        elif want == "-empty":
            ok = got == [""]
        else:
            ok = got == [urllib.parse.unquote(want)]
        answer(conn, 200 if ok else 400)
    elif kind == "echo-host":
        answer(conn, 200, hdrs.get("host", [""])[0].encode("latin-1"))
    elif kind == "raw" and len(seg) == 2 and seg[1] in RAW:
        reply(conn, RAW[seg[1]])
    elif kind == "big" and len(seg) == 2:
        answer(conn, 200, b"z" * int(seg[1]))
    elif kind == "stall":
        reply(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab")
        time.sleep(3)
    else:
        answer(conn, 404, b"no")


TLS = None


def serve(sock):
    while True:
        conn, _ = sock.accept()
        if TLS:
            try:
                conn.settimeout(5)
                conn = TLS.wrap_socket(conn, server_side=True)
            except (OSError, ValueError):
                conn.close()
                continue

        def run(c=conn):
            try:
                handle_safely(c)
            finally:
                try:
                    c.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                c.close()

        threading.Thread(target=run, daemon=True).start()


def handle_safely(conn):
    try:
        handle(conn)
    except Exception:  # a path the table did not plan: a plain 500
        answer(conn, 500, b"server error")


def main():
    global TLS
    args = sys.argv[1:]
    if args[:1] == ["--tls"]:
        import ssl
        TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        TLS.load_cert_chain(args[1], args[2])
        args = args[3:]
    socks = []
    for path in args:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(64)
        socks.append(s)
        with open(path + ".tmp", "w") as f:
            f.write(str(s.getsockname()[1]))
    for path in args:
        import os
        os.rename(path + ".tmp", path)
    for s in socks[1:]:
        threading.Thread(target=serve, args=(s,), daemon=True).start()
    serve(socks[0])


if __name__ == "__main__":
    main()
