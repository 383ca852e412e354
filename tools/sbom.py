#!/usr/bin/env python3
"""sbom.py DIST ARCH:GNU:MUSL:MULTI:SYSROOT...: the supply-chain documents of make release.

For every dist/init-ARCH and dist/healthcheck-ARCH it writes an SPDX 2.3
SBOM (DIST/NAME-ARCH.spdx.json) naming what is linked in (musl, and BearSSL
in healthcheck) with the Debian package versions, and the compiler; then
one in-toto statement with an SLSA v1 provenance predicate
(DIST/provenance.intoto.json): the commit, the build command, the
toolchain package versions and the sha256 of every artifact.

Reproducible like the binaries: no clock (the commit's own time is the
creation time), no path of the build machine, keys sorted.  Each argument
names an architecture, its GNU triple (the cross compiler), its musl
triple (musl-gcc.specs), its Debian multiarch directory (libbearssl.a) and
its sysroot: empty for packages installed on the host, else a directory
of unpacked ones whose PACKAGES file names them (tools/sysroot.sh).
"""
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys

PROJECT = "init-healthcheck"
# No registry or site of ours exists: a URI under .invalid names each
# document uniquely (commit, file) without claiming a host.
NAMESPACE = "https://init-healthcheck.invalid/spdx"


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def deb_of(path):
    """The Debian package (name:arch) that owns path, and its version."""
    owner = run("dpkg-query", "-S", path).split(": ")[0].split(", ")[0]
    if ":" not in owner:
        owner += ":" + run("dpkg-query", "-W", "-f=${Architecture}\n", owner).split()[0]
    return owner, run("dpkg-query", "-W", "-f=${Version}", owner)


def deb(name):
    return name, run("dpkg-query", "-W", "-f=${Version}", name)


# The licences, as LICENSE and THIRD_PARTY state them: the project's, and
# those of the libraries linked in.  The compiler's is not the binaries'.
LICENSES = {
    "init": ("MIT", "Copyright (c) 2026 the init + healthcheck authors"),
    "healthcheck": ("MIT", "Copyright (c) 2026 the init + healthcheck authors"),
    "musl": ("MIT", "Copyright 2005-2020 Rich Felker, et al."),
    "bearssl": ("MIT", "Copyright 2016-2018 Thomas Pornin"),
}


def package(spdxid, name, version, purl=None, checksum=None, short=None):
    lic, copyright = LICENSES.get(short, ("NOASSERTION", "NOASSERTION"))
    p = {
        "SPDXID": spdxid,
        "name": name,
        "versionInfo": version,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": False,
        "licenseConcluded": lic,
        "licenseDeclared": lic,
        "copyrightText": copyright,
    }
    if purl:
        p["externalRefs"] = [{"referenceCategory": "PACKAGE-MANAGER",
                              "referenceType": "purl", "referenceLocator": purl}]
    if checksum:
        p["checksums"] = [{"algorithm": "SHA256", "checksumValue": checksum}]
    return p


def debpurl(name, version):
    n, a = name.split(":")
    # Debian 13's versions carry ~deb13 or come from its suite: the
    # unpacked riscv64 ones (tools/sysroot.sh).
    distro = "debian-13" if a == "riscv64" else "debian-12"
    return "pkg:deb/debian/%s@%s?arch=%s&distro=%s" % (n, version, a, distro)


def main():
    dist, arches = sys.argv[1], [a.split(":") for a in sys.argv[2:]]
    commit = run("git", "rev-parse", "HEAD")
    when = datetime.datetime.fromtimestamp(
        int(run("git", "log", "-1", "--format=%ct")), datetime.timezone.utc
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    version = open("Makefile").read().split("VERSION   = ")[1].split("\n")[0]
    deps, subjects = {}, []
    for arch, gnu, muslt, multi, sysroot in arches:
        cc = shutil.which(gnu + "-gcc") or "/usr/bin/%s-gcc" % gnu
        gcc = deb_of(os.path.realpath(cc))
        if sysroot:
            unpacked = dict(line.split() for line in open(os.path.join(sysroot, "PACKAGES")))
            musl = ("musl-dev:" + arch, unpacked["musl-dev:" + arch])
            bearssl = ("libbearssl-dev:" + arch, unpacked["libbearssl-dev:" + arch])
        else:
            musl = deb_of("/usr/lib/%s/musl-gcc.specs" % muslt)
            bearssl = deb_of("/usr/lib/%s/libbearssl.a" % multi)
        gccver = run(cc, "-dumpfullversion")
        ld = deb_of(os.path.realpath(shutil.which(gnu + "-ld") or "/usr/bin/%s-ld" % gnu))
        deps[ld[0]] = ld[1]
        for prog in ("init", "healthcheck"):
            f = "%s-%s" % (prog, arch)
            digest = sha256(os.path.join(dist, f))
            linked = [("musl", musl)] + ([("bearssl", bearssl)] if prog == "healthcheck" else [])
            pkgs = [package("SPDXRef-Package-" + prog, f, version,
                            checksum=digest, short=prog)]
            pkgs[0]["primaryPackagePurpose"] = "APPLICATION"
            pkgs[0]["comment"] = "Static ELF for %s, built by make release at commit %s" % (arch, commit)
            rels = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                     "relatedSpdxElement": "SPDXRef-Package-" + prog}]
            for short, (name, ver) in linked:
                sid = "SPDXRef-Package-" + short
                pkgs.append(package(sid, name, ver, debpurl(name, ver), short=short))
                rels.append({"spdxElementId": "SPDXRef-Package-" + prog,
                             "relationshipType": "STATIC_LINK", "relatedSpdxElement": sid})
            pkgs.append(package("SPDXRef-Package-gcc", gcc[0], gcc[1], debpurl(*gcc)))
            pkgs[-1]["comment"] = "the compiler: gcc %s with musl's specs" % gccver
            rels.append({"spdxElementId": "SPDXRef-Package-gcc",
                         "relationshipType": "BUILD_TOOL_OF",
                         "relatedSpdxElement": "SPDXRef-Package-" + prog})
            doc = {
                "spdxVersion": "SPDX-2.3",
                "dataLicense": "CC0-1.0",
                "SPDXID": "SPDXRef-DOCUMENT",
                "name": f,
                "documentNamespace": "%s/%s/%s/%s" % (NAMESPACE, version, commit, f),
                "creationInfo": {"created": when,
                                 "creators": ["Tool: %s tools/sbom.py" % PROJECT]},
                "packages": pkgs,
                "relationships": rels,
            }
            sbom = os.path.join(dist, f + ".spdx.json")
            with open(sbom, "w") as out:
                json.dump(doc, out, indent=2, sort_keys=True)
                out.write("\n")
            subjects += [(f, digest), (f + ".spdx.json", sha256(sbom))]
            for name, ver in [gcc] + [p for _, p in linked]:
                deps[name] = ver
    deps.setdefault(*deb("make:" + run("dpkg", "--print-architecture")))
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": n, "digest": {"sha256": d}} for n, d in sorted(subjects)],
        "predicateType": "https://slsa.dev/provenance/v1",
        "predicate": {
            "buildDefinition": {
                "buildType": "https://init-healthcheck.invalid/make-release/v1",
                "externalParameters": {"command": "make release",
                                       "version": version},
                "resolvedDependencies": [
                    {"uri": "git+init-healthcheck", "digest": {"gitCommit": commit}}
                ] + [{"uri": debpurl(n, v)} for n, v in sorted(deps.items())],
            },
            "runDetails": {
                "builder": {"id": "https://init-healthcheck.invalid/make-release"},
                "metadata": {"startedOn": when, "finishedOn": when},
            },
        },
    }
    with open(os.path.join(dist, "provenance.intoto.json"), "w") as out:
        json.dump(statement, out, indent=2, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
