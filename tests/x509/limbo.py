#!/usr/bin/env python3
"""x509-limbo's limbo.json as the lines tests/unit/test_limbo.c reads.

    python3 tests/x509/limbo.py LIMBO.json >OUT
    python3 tests/x509/limbo.py --serve LIMBO.json DIR

With --serve, the SERVER testcases that can be served (a key for the
peer, a name to ask for) as files for tests/x509/limbo-live.sh: DIR/N/
cert.pem (the peer's), chain.pem (the intermediates), key.pem, ca.pem
(the trusted), and DIR/cases, one line a case: N ID EXPECT KIND NAME.

One block a testcase: "case ID", then "expect", "kind", "time" (Unix
seconds, or "now"), "host" (or "-"), "depth" (-1: none), "eku", "ku",
"features" (comma lists, "-" when empty), one line of hex DER for the
leaf, each anchor ("ta") and each intermediate ("im"), and "end".
"""
import base64
import datetime
import json
import re
import sys


def ders(pem):
    for m in re.finditer(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----",
                         pem, re.S):
        yield base64.b64decode("".join(m.group(1).split())).hex()


def main():
    cases = json.load(open(sys.argv[1]))["testcases"]
    out = sys.stdout
    for c in cases:
        t = c["validation_time"]
        if t:
            t = str(int(datetime.datetime.fromisoformat(t).timestamp()))
        name = c["expected_peer_name"]
        lst = lambda v: ",".join(v) if v else "-"
        out.write("case %s\n" % c["id"])
        out.write("expect %s\n" % c["expected_result"])
        out.write("kind %s\n" % c["validation_kind"])
        out.write("time %s\n" % (t or "now"))
        out.write("host %s\n" % (name["value"] if name else "-"))
        depth = c["max_chain_depth"]
        out.write("depth %d\n" % (-1 if depth is None else depth))
        out.write("eku %s\n" % lst(c["extended_key_usage"]))
        out.write("ku %s\n" % lst(c["key_usage"]))
        out.write("features %s\n" % lst(c["features"]))
        for d in ders(c["peer_certificate"]):
            out.write("leaf %s\n" % d)
        for pem in c["trusted_certs"]:
            for d in ders(pem):
                out.write("ta %s\n" % d)
        for pem in c["untrusted_intermediates"]:
            for d in ders(pem):
                out.write("im %s\n" % d)
        out.write("end\n")


def serve(path, out):
    import os
    cases = json.load(open(path))["testcases"]
    lines = []
    for n, c in enumerate(cases):
        name = c["expected_peer_name"]
        if c["validation_kind"] != "SERVER" or not c["peer_certificate_key"] or not name:
            continue
        d = os.path.join(out, str(n))
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, "cert.pem"), "w").write(c["peer_certificate"])
        open(os.path.join(d, "key.pem"), "w").write(c["peer_certificate_key"])
        open(os.path.join(d, "chain.pem"), "w").write("".join(c["untrusted_intermediates"]))
        open(os.path.join(d, "ca.pem"), "w").write("".join(c["trusted_certs"]))
        lines.append("%d %s %s %s %s\n" % (n, c["id"], c["expected_result"], name["kind"], name["value"]))
    open(os.path.join(out, "cases"), "w").write("".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        main()
