"""The accept loop the hostile test servers share: a TCP socket on
127.0.0.1 at a free port, the port written to PORTFILE (atomically, once
listening), and handler(conn) in a thread of its own for every connection,
the connection closed after it (its errors dropped: a hostile server's
peer may leave at any time)."""
import os
import socket
import threading


def serve_forever(portfile, handler):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)

    def one(conn):
        try:
            handler(conn)
        except (OSError, EOFError, AssertionError):
            pass
        finally:
            conn.close()

    while True:
        conn, _ = srv.accept()
        threading.Thread(target=one, args=(conn,), daemon=True).start()
