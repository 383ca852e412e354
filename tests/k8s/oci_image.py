#!/usr/bin/env python3
"""Write a one-layer FROM scratch image as an OCI archive, no daemon:

    oci_image.py OUT.tar NAME [--entrypoint JSON] [--user U] ITEM...

ITEM is DEST=SRC (a file, its mode kept; SRC '' makes an empty file)
or DEST/ (a directory, 0755).  NAME goes into the index as io.containerd.image.name, the name
`ctr images import` gives it.  Same inputs, same bytes: times are 0."""
import hashlib
import io
import json
import os
import platform
import sys
import tarfile

ARCH = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm",
        "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64"}


def blob(tar, data, media):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    info = tarfile.TarInfo("blobs/sha256/" + digest[7:])
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))
    return {"mediaType": media, "digest": digest, "size": len(data)}


def layer(items):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for item in items:
            if item.endswith("/"):
                info = tarfile.TarInfo(item.strip("/"))
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                t.addfile(info)
            else:
                dest, src = item.split("=", 1)
                data = open(src, "rb").read() if src else b""
                info = tarfile.TarInfo(dest.lstrip("/"))
                info.size = len(data)
                info.mode = os.stat(src).st_mode & 0o7777 if src else 0o644
                t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def main(argv):
    out, name, rest = argv[1], argv[2], argv[3:]
    config = {}
    items = []
    while rest:
        a = rest.pop(0)
        if a == "--entrypoint":
            config["Entrypoint"] = json.loads(rest.pop(0))
        elif a == "--user":
            config["User"] = rest.pop(0)
        else:
            items.append(a)
    data = layer(items)
    with tarfile.open(out, "w") as tar:
        lay = blob(tar, data, "application/vnd.oci.image.layer.v1.tar")
        cfg = json.dumps({
            "architecture": ARCH.get(platform.machine(), platform.machine()),
            "os": "linux", "config": config,
            "rootfs": {"type": "layers", "diff_ids": [lay["digest"]]},
        }, sort_keys=True).encode()
        conf = blob(tar, cfg, "application/vnd.oci.image.config.v1+json")
        man = json.dumps({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": conf, "layers": [lay],
        }, sort_keys=True).encode()
        m = blob(tar, man, "application/vnd.oci.image.manifest.v1+json")
        m["annotations"] = {"io.containerd.image.name": name}
        for fname, doc in (("oci-layout", {"imageLayoutVersion": "1.0.0"}),
                           ("index.json", {"schemaVersion": 2, "manifests": [m]})):
            data = json.dumps(doc).encode()
            info = tarfile.TarInfo(fname)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    main(sys.argv)
