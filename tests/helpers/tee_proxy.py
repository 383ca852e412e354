"""Record what a server sends: a one-connection TCP proxy (stdlib only).

usage: tee_proxy.py UPSTREAM_PORT OUTFILE PORTFILE
Accepts one connection on 127.0.0.1, relays it to 127.0.0.1:UPSTREAM_PORT
and writes every byte the server sent to OUTFILE.  Used to record the
grpc-js replies under tests/fixtures/ (see tests/fixtures/README.md).
"""
import select
import socket
import sys

up_port, outfile, portfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(1)
with open(portfile, "w") as f:
    f.write(str(ls.getsockname()[1]))
c, _ = ls.accept()
u = socket.create_connection(("127.0.0.1", up_port))
got = b""
open_ = {c, u}
while open_:
    r, _, _ = select.select(list(open_), [], [], 5)
    if not r:
        break
    for s in r:
        d = s.recv(65536)
        if not d:
            open_.clear()
            break
        (u if s is c else c).sendall(d)
        if s is u:
            got += d
with open(outfile, "wb") as f:
    f.write(got)
