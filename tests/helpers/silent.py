"""Peers that never answer, for timeout tests (stdlib only).

usage: silent.py MODE PORTFILE
  accept   listen, accept every connection, never send a byte
  backlog  listen with a backlog of 0, never accept, and fill the queue,
           so that further connects hang in SYN
  dns      a UDP socket on 127.0.0.77:53 that never replies (PORTFILE
           gets 53)
"""
import socket
import sys
import time

mode, portfile = sys.argv[1], sys.argv[2]
if mode == "dns":
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.77", 53))
else:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(0 if mode == "backlog" else 16)
held = []
if mode == "backlog":
    for _ in range(4):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect(s.getsockname())
        except BlockingIOError:
            pass
        held.append(c)
    time.sleep(0.3)
with open(portfile, "w") as f:
    f.write(str(s.getsockname()[1]))
while True:
    if mode == "accept":
        held.append(s.accept()[0])
    elif mode == "dns":
        s.recvfrom(512)
    else:
        time.sleep(60)
