"""Scripted HTTP/1.1 test server (stdlib only) for the healthcheck tests.

usage: httpd.py [BIND_ADDR] PORTFILE
Listens on BIND_ADDR (127.0.0.1; an IPv6 one works too) port 0 and
writes the port to PORTFILE.
Routes are in do_GET; every response is deliberate.
"""
import os
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        self.do_GET()

    def do_GET(self):
        p = self.path
        port = self.server.server_address[1]
        if p == "/ok":
            self.send(200, b"ok: status green\n")
        elif p.startswith("/status/"):
            self.send(int(p.split("/")[2]), b"status page\n")
        elif p.startswith("/redirect/"):
            n = int(p.split("/")[2])
            if n == 0:
                self.send(200, b"arrived\n")
            else:
                self.send(302, headers=[("Location", "/redirect/%d" % (n - 1))])
        elif p == "/loop":
            self.send(302, headers=[("Location", "/loop")])
        elif p == "/abs-same":
            self.send(301, headers=[("Location", "http://%s:%d/ok" % (self.headers["Host"].rsplit(":", 1)[0], port))])
        elif p == "/other-host":
            self.send(302, headers=[("Location", "http://127.0.0.2:%d/ok" % port)])
        elif p == "/other-port":
            self.send(302, headers=[("Location", "http://127.0.0.1:1/ok")])
        elif p == "/to-404":
            self.send(302, headers=[("Location", "/status/404")])
        elif p == "/dir/relative":
            self.send(302, headers=[("Location", "next")])
        elif p == "/dir/next":
            self.send(200, b"relative ok\n")
        elif p.startswith("/slow/"):
            time.sleep(int(p.split("/")[2]) / 1000.0)
            self.send(200, b"slow ok\n")
        elif p == "/huge":
            body = b"x" * (1 << 20) + b"needle"
            self.send(200, body)
        elif p == "/late-needle":
            self.send(200, b"x" * 20000 + b"needle")
        elif p == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"status: ", b"gr", b"een\n"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif p == "/close-delimited":
            self.wfile.write(b"HTTP/1.0 200 OK\r\n\r\nuntil close: marker\n")
            self.close_connection = True
        elif p == "/echo":
            lines = ["%s %s" % (self.command, self.path)]
            lines += ["%s: %s" % (k, v) for k, v in self.headers.items()]
            self.send(200, ("\n".join(lines) + "\n").encode())
        elif p == "/http09":
            self.wfile.write(b"<html>hello</html>\n")
            self.close_connection = True
        elif p == "/bad-status":
            self.wfile.write(b"HTTP/1.1 2x0 What\r\n\r\n")
            self.close_connection = True
        elif p == "/close-mid-header":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Le")
            self.close_connection = True
        elif p == "/huge-header":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n")
            self.close_connection = True
        elif p == "/continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        elif p == "/cl-short":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly marker")
            self.close_connection = True
        elif p == "/cl-long":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst then marker")
            self.close_connection = True
        elif p == "/cl-negative":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nx")
            self.close_connection = True
        elif p == "/cl-huge":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\nx")
            self.close_connection = True
        elif p == "/chunk-overflow":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             b"fffffffffffffffffffff\r\nx\r\n")
            self.close_connection = True
        elif p == "/chunk-infinite":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            try:
                while True:
                    self.wfile.write(b"400\r\n" + b"y" * 1024 + b"\r\n")
            except OSError:
                pass
            self.close_connection = True
        elif p == "/rst-mid-body":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
            self.wfile.flush()
            time.sleep(0.05)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif p == "/drip":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.wfile.flush()
            for _ in range(100):
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.2)
            self.close_connection = True
        elif p.startswith("/to?"):
            self.send(302, headers=[("Location", p[4:])])
        elif p == "/drip-1s":
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(30):
                    self.wfile.flush()
                    time.sleep(1)
                    self.wfile.write(b"X")
            except OSError:
                pass
            self.close_connection = True
        elif p == "/huge-status":
            self.wfile.write(b"HTTP/1.1 200 " + b"O" * (1 << 20) + b"\r\n\r\n")
            self.close_connection = True
        elif p == "/many-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 100000 + b"\r\n")
            self.close_connection = True
        elif p == "/no-blank-line":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n")
            self.wfile.flush()
            time.sleep(5)
            self.close_connection = True
        elif p == "/cr-only":
            self.wfile.write(b"HTTP/1.1 200 OK\rContent-Length: 0\r\r")
            self.close_connection = True
        elif p == "/status-1000":
            self.wfile.write(b"HTTP/1.1 1000 Big\r\nContent-Length: 0\r\n\r\n")
            self.close_connection = True
        elif p == "/status-099":
            self.wfile.write(b"HTTP/1.1 099 Small\r\nContent-Length: 0\r\n\r\n")
            self.close_connection = True
        elif p == "/cl-short-held":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part")
            self.wfile.flush()
            time.sleep(5)
            self.close_connection = True
        elif p == "/interim-flood":
            try:
                while True:
                    self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n" * 64)
            except OSError:
                pass
            self.close_connection = True
        elif p == "/cl-te":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\nzzzzz")
            self.close_connection = True
        else:
            self.send(404, b"not found\n")


class V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def main():
    portfile = sys.argv[-1]
    addr = sys.argv[1] if len(sys.argv) > 2 else "127.0.0.1"
    cls = V6Server if ":" in addr else ThreadingHTTPServer
    cls.daemon_threads = True
    srv = cls((addr, 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
