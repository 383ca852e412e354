#!/usr/bin/python3
"""A TLS 1.3 server that lies, for tests/integration/tls13.sh: the RFC 8446
handshake written out here (X25519, TLS_AES_128_GCM_SHA256, an ECDSA P-256
certificate), every way of it right except the one MODE breaks.  Debian's
python3-cryptography gives the primitives; the rest is the standard library.

usage: tls13_hostile.py MODE CERT KEY PORTFILE
MODE: good, finished (a wrong Finished), cv (a CertificateVerify over another
transcript), big (a record over 2^14 bytes), suite (a ServerHello choosing a
suite not offered), group (a share of a group we sent none for), hrr2 (a
HelloRetryRequest twice), keyupdate (KeyUpdates without end after the
handshake), truncated (half a record, then silence), garbage (bytes that are
no record after the ServerHello), downgrade (a TLS 1.2 ServerHello with the
downgrade sentinel), silent (reads the ClientHello, answers nothing), mitm (a
handshake_failure alert forged for the first connection, every later one
passed through to the TLS 1.3 server at 127.0.0.1:$UPSTREAM: the client's 1.2
hello then gets that server's answer, with the downgrade sentinel).
"""
import hashlib
import hmac
import os
import socket
import struct
import sys
import threading
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import (X25519PrivateKey,
                                                              X25519PublicKey)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509 import load_pem_x509_certificate
from serve import serve_forever

HRR_RANDOM = hashlib.sha256(b"HelloRetryRequest").digest()


def hkdf_extract(salt, ikm):
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def expand_label(secret, label, ctx, n):
    full = b"tls13 " + label
    info = struct.pack(">HB", n, len(full)) + full + bytes([len(ctx)]) + ctx
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(secret, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:n]


class Prot:
    def __init__(self, secret):
        self.key = expand_label(secret, b"key", b"", 16)
        self.iv = expand_label(secret, b"iv", b"", 12)
        self.seq = 0

    def seal(self, ctype, data):
        nonce = bytes(a ^ b for a, b in zip(self.iv, self.seq.to_bytes(12, "big")))
        self.seq += 1
        inner = data + bytes([ctype])
        head = struct.pack(">BHH", 23, 0x0303, len(inner) + 16)
        return head + AESGCM(self.key).encrypt(nonce, inner, head)


def msg(t, body):
    return bytes([t]) + len(body).to_bytes(3, "big") + body


def ext(t, body):
    return struct.pack(">HH", t, len(body)) + body


def record(ctype, data):
    return struct.pack(">BHH", ctype, 0x0303, len(data)) + data


def read_exact(c, n):
    b = b""
    while len(b) < n:
        got = c.recv(n - len(b))
        if not got:
            raise EOFError
        b += got
    return b


def read_record(c):
    h = read_exact(c, 5)
    return h[0], read_exact(c, struct.unpack(">H", h[3:5])[0])


def client_hello(c):
    t, body = read_record(c)
    assert t == 22 and body[0] == 1
    ch = body
    p = 4 + 2 + 32
    sid = ch[p + 1:p + 1 + ch[p]]
    p += 1 + ch[p]
    p += 2 + struct.unpack(">H", ch[p:p + 2])[0]
    p += 1 + ch[p]
    end = p + 2 + struct.unpack(">H", ch[p:p + 2])[0]
    p += 2
    share = None
    while p < end:
        et, el = struct.unpack(">HH", ch[p:p + 4])
        if et == 51:
            q = p + 6
            while q < p + 4 + el:
                g, kl = struct.unpack(">HH", ch[q:q + 4])
                if g == 0x1d:
                    share = ch[q + 4:q + 4 + kl]
                q += 4 + kl
        p += 4 + el
    return ch, sid, share


def server_hello(sid, random, pub, suite=0x1301, group=0x1d, version=0x0304):
    exts = ext(43, struct.pack(">H", version)) if version == 0x0304 else b""
    if pub is not None:
        exts += ext(51, struct.pack(">HH", group, len(pub)) + pub)
    body = (struct.pack(">H", 0x0303) + random + bytes([len(sid)]) + sid +
            struct.pack(">HB", suite, 0) + struct.pack(">H", len(exts)) + exts)
    return msg(2, body)


def relay(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    finally:
        b.close()


FIRST = [True]


def serve(c, mode, cert_der, key):
    if mode == "mitm" and not FIRST[0]:
        up = socket.create_connection(("127.0.0.1", int(os.environ["UPSTREAM"])))
        threading.Thread(target=relay, args=(up, c), daemon=True).start()
        relay(c, up)
        return
    ch, sid, share = client_hello(c)
    if mode == "mitm":
        FIRST[0] = False
        c.sendall(record(21, b"\x02\x28"))
        return
    if mode == "silent":
        time.sleep(30)
        return
    if mode == "downgrade":
        rnd = os.urandom(24) + b"DOWNGRD\x01"
        c.sendall(record(22, server_hello(sid, rnd, None, suite=0xc02b, version=0x0303)))
        return
    if mode == "hrr2":
        hrr = msg(2, struct.pack(">H", 0x0303) + HRR_RANDOM + bytes([len(sid)]) + sid +
                  struct.pack(">HB", 0x1301, 0) + struct.pack(">H", 12) +
                  ext(43, b"\x03\x04") + ext(51, b"\x00\x17"))
        c.sendall(record(22, hrr))
        read_record(c)
        c.sendall(record(22, hrr.replace(b"\x00\x33\x00\x02\x00\x17", b"\x00\x33\x00\x02\x00\x18")))
        time.sleep(2)
        return
    priv = X25519PrivateKey.generate()
    pub = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if mode == "suite":
        sh = server_hello(sid, os.urandom(32), pub, suite=0x1304)
    elif mode == "group":
        sh = server_hello(sid, os.urandom(32), b"\x04" + os.urandom(64), group=0x17)
    else:
        sh = server_hello(sid, os.urandom(32), pub)
    c.sendall(record(22, sh) + record(20, b"\x01"))
    if mode in ("suite", "group"):
        time.sleep(2)
        return
    if mode == "garbage":
        c.sendall(b"\x00\x01\x02 this is no TLS record at all " * 4)
        time.sleep(2)
        return
    shared = priv.exchange(X25519PublicKey.from_public_bytes(share))
    th = hashlib.sha256(ch + sh)
    zeros = bytes(32)
    early = hkdf_extract(zeros, zeros)
    derived = expand_label(early, b"derived", hashlib.sha256(b"").digest(), 32)
    hs = hkdf_extract(derived, shared)
    c_hs = expand_label(hs, b"c hs traffic", th.digest(), 32)
    s_hs = expand_label(hs, b"s hs traffic", th.digest(), 32)
    master = hkdf_extract(expand_label(hs, b"derived", hashlib.sha256(b"").digest(), 32), zeros)
    wr = Prot(s_hs)
    if mode == "big":
        c.sendall(struct.pack(">BHH", 23, 0x0303, 16384 + 257) + os.urandom(16384 + 257))
        time.sleep(2)
        return
    if mode == "truncated":
        c.sendall(struct.pack(">BHH", 23, 0x0303, 500) + os.urandom(100))
        time.sleep(30)
        return
    ee = msg(8, b"\x00\x00")
    certm = msg(11, b"\x00" + (len(cert_der) + 5).to_bytes(3, "big") +
                len(cert_der).to_bytes(3, "big") + cert_der + b"\x00\x00")
    th.update(ee + certm)
    signed = th.digest() if mode != "cv" else hashlib.sha256(b"another transcript").digest()
    content = b" " * 64 + b"TLS 1.3, server CertificateVerify\x00" + signed
    sig = key.sign(content, ec.ECDSA(hashes.SHA256()))
    cv = msg(15, struct.pack(">HH", 0x0403, len(sig)) + sig)
    th.update(cv)
    fk = expand_label(s_hs, b"finished", b"", 32)
    verify = hmac.new(fk, th.digest(), hashlib.sha256).digest()
    if mode == "finished":
        verify = bytes([verify[0] ^ 1]) + verify[1:]
    fin = msg(20, verify)
    th.update(fin)
    c.sendall(wr.seal(22, ee + certm + cv + fin))
    s_ap = expand_label(master, b"s ap traffic", th.digest(), 32)
    app = Prot(s_ap)
    # The client's flight: a ChangeCipherSpec, Finished (not checked).
    while True:
        t, _ = read_record(c)
        if t == 23:
            break
    if mode == "keyupdate":
        secret = s_ap
        while True:
            c.sendall(app.seal(22, msg(24, b"\x00")))
            secret = expand_label(secret, b"traffic upd", b"", 32)
            app = Prot(secret)
    read_record(c)  # the request
    body = b"ok\n"
    c.sendall(app.seal(23, b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\n" + body))
    time.sleep(0.2)


def main():
    mode, certf, keyf, portfile = sys.argv[1:5]
    cert_der = load_pem_x509_certificate(open(certf, "rb").read()).public_bytes(serialization.Encoding.DER)
    key = serialization.load_pem_private_key(open(keyf, "rb").read(), None)
    serve_forever(portfile, lambda c: serve(c, mode, cert_der, key))


if __name__ == "__main__":
    main()
