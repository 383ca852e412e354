"""An offline schema check of the Kubernetes manifests in docker/examples/k8s
(no cluster, no network): the fields of the Pod and Deployment API (core/v1,
apps/v1) that manifests like ours use, with their types, required fields and
no unknown field (kubectl --validate=strict refuses those too), plus our own
rule: every exec probe runs healthcheck directly, by an absolute path
(/healthcheck, or /shared/healthcheck where --install put it), with no shell.

usage: validate.py FILE...
Prints an "ok - ..." / "not ok - ..." line for each manifest and for each
bad manifest the check must refuse (its self-test), then "k8s: N passed,
N failed".
"""
import sys

import yaml

STR, INT, BOOL = "string", "integer", "boolean"


def strmap():
    return ("map", STR)


def listof(t):
    return ("list", t)


# Objects: field -> type; a name in REQUIRED must be present.
EXEC = {"command": listof(STR)}
PORT_OR_NAME = ("int-or-string",)
HTTPGET = {"path": STR, "port": PORT_OR_NAME, "host": STR, "scheme": STR,
           "httpHeaders": listof({"name": STR, "value": STR})}
TCP = {"port": PORT_OR_NAME, "host": STR}
GRPC = {"port": INT, "service": STR}
PROBE = {"exec": EXEC, "httpGet": HTTPGET, "tcpSocket": TCP, "grpc": GRPC,
         "initialDelaySeconds": INT, "periodSeconds": INT, "timeoutSeconds": INT,
         "successThreshold": INT, "failureThreshold": INT,
         "terminationGracePeriodSeconds": INT}
ENVVAR = {"name": STR, "value": STR, "valueFrom": ("any",)}
CPORT = {"containerPort": INT, "name": STR, "protocol": STR, "hostPort": INT}
CAPS = {"add": listof(STR), "drop": listof(STR)}
SECCTX = {"runAsUser": INT, "runAsGroup": INT, "runAsNonRoot": BOOL,
          "readOnlyRootFilesystem": BOOL, "allowPrivilegeEscalation": BOOL,
          "capabilities": CAPS, "privileged": BOOL,
          "seccompProfile": {"type": STR, "localhostProfile": STR}}
PODSECCTX = {"runAsUser": INT, "runAsGroup": INT, "runAsNonRoot": BOOL,
             "fsGroup": INT, "supplementalGroups": listof(INT),
             "seccompProfile": {"type": STR, "localhostProfile": STR}}
MOUNT = {"name": STR, "mountPath": STR, "readOnly": BOOL, "subPath": STR}
CONTAINER = {"name": STR, "image": STR, "command": listof(STR),
             "args": listof(STR), "env": listof(ENVVAR), "ports": listof(CPORT),
             "workingDir": STR, "imagePullPolicy": STR,
             "livenessProbe": PROBE, "readinessProbe": PROBE,
             "startupProbe": PROBE, "securityContext": SECCTX,
             "resources": {"limits": strmap(), "requests": strmap()},
             "volumeMounts": listof(MOUNT), "stdin": BOOL, "tty": BOOL}
VOLUME = {"name": STR, "emptyDir": {"medium": STR, "sizeLimit": STR},
          "configMap": {"name": STR}, "secret": {"secretName": STR}}
PODSPEC = {"containers": listof(CONTAINER), "initContainers": listof(CONTAINER),
           "shareProcessNamespace": BOOL, "terminationGracePeriodSeconds": INT,
           "securityContext": PODSECCTX, "restartPolicy": STR,
           "volumes": listof(VOLUME), "hostPID": BOOL}
META = {"name": STR, "namespace": STR, "labels": strmap(),
        "annotations": strmap()}
TEMPLATE = {"metadata": dict(META), "spec": PODSPEC}  # no name needed
DEPLOYSPEC = {"replicas": INT, "selector": {"matchLabels": strmap()},
              "template": TEMPLATE, "strategy": ("any",),
              "minReadySeconds": INT, "revisionHistoryLimit": INT}
KINDS = {("v1", "Pod"): {"apiVersion": STR, "kind": STR, "metadata": META,
                         "spec": PODSPEC},
         ("apps/v1", "Deployment"): {"apiVersion": STR, "kind": STR,
                                     "metadata": META, "spec": DEPLOYSPEC}}
REQUIRED = {id(CONTAINER): ["name", "image"], id(META): ["name"],
            id(PODSPEC): ["containers"], id(DEPLOYSPEC): ["selector", "template"],
            id(ENVVAR): ["name"], id(CPORT): ["containerPort"], id(MOUNT): ["name", "mountPath"],
            id(VOLUME): ["name"]}


def check(v, t, path, errs):
    if t == ("any",):
        return
    if t == STR:
        ok = isinstance(v, str)
    elif t == INT:
        ok = isinstance(v, int) and not isinstance(v, bool)
    elif t == BOOL:
        ok = isinstance(v, bool)
    elif t == PORT_OR_NAME:
        ok = isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))
    elif isinstance(t, tuple) and t[0] == "list":
        if not isinstance(v, list):
            errs.append("%s: want a list" % path)
            return
        for i, x in enumerate(v):
            check(x, t[1], "%s[%d]" % (path, i), errs)
        return
    elif isinstance(t, tuple) and t[0] == "map":
        if not isinstance(v, dict):
            errs.append("%s: want a map" % path)
            return
        for k, x in v.items():
            check(x, t[1], "%s.%s" % (path, k), errs)
        return
    else:  # an object
        if not isinstance(v, dict):
            errs.append("%s: want an object" % path)
            return
        for k, x in v.items():
            if k not in t:
                errs.append("%s: unknown field %r" % (path, k))
            else:
                check(x, t[k], "%s.%s" % (path, k), errs)
        for k in REQUIRED.get(id(t), []):
            if k not in v:
                errs.append("%s: missing required field %r" % (path, k))
        return
    if not ok:
        errs.append("%s: want %s, got %r" % (path, t, v))


def probes(doc):
    spec = doc.get("spec", {})
    spec = spec.get("template", {}).get("spec", spec)
    for c in spec.get("containers", []) + spec.get("initContainers", []):
        for p in ("livenessProbe", "readinessProbe", "startupProbe"):
            cmd = c.get(p, {}).get("exec", {}).get("command")
            if cmd is not None:
                yield "%s.%s" % (c.get("name"), p), cmd


def validate(doc):
    errs = []
    if not isinstance(doc, dict):
        return ["not an object"]
    schema = KINDS.get((doc.get("apiVersion"), doc.get("kind")))
    if schema is None:
        return ["unknown apiVersion/kind %r/%r" % (doc.get("apiVersion"), doc.get("kind"))]
    check(doc, schema, doc["kind"], errs)
    for where, cmd in probes(doc):
        if not cmd or not cmd[0].startswith("/") or not cmd[0].endswith("/healthcheck"):
            errs.append("%s: exec probe does not run /healthcheck directly: %r" % (where, cmd))
    if doc["kind"] == "Deployment":
        sel = doc.get("spec", {}).get("selector", {}).get("matchLabels", {})
        labels = doc.get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
        if any(labels.get(k) != v for k, v in sel.items()):
            errs.append("Deployment: selector does not match the template's labels")
    return errs


BAD = [
    ("an unknown field (a typo)", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"
     "spec: {containers: [{name: a, image: i, livenessprobe: {}}]}\n"),
    ("a probe command as a string", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"
     "spec: {containers: [{name: a, image: i, livenessProbe: {exec: {command: /healthcheck tcp://x:1}}}]}\n"),
    ("a shell probe", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"
     "spec: {containers: [{name: a, image: i, livenessProbe: {exec: {command: [sh, -c, /healthcheck]}}}]}\n"),
    ("a container without image", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"
     "spec: {containers: [{name: a}]}\n"),
    ("periodSeconds as a string", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"
     "spec: {containers: [{name: a, image: i, readinessProbe: {periodSeconds: '5'}}]}\n"),
    ("a selector that does not match", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
     "spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: b}}, "
     "spec: {containers: [{name: a, image: i}]}}}\n"),
    ("an unknown kind", "apiVersion: v1\nkind: Pods\nmetadata: {name: x}\n"),
]


def main():
    good = bad = 0
    for name, text in BAD:
        errs = validate(yaml.safe_load(text))
        if errs:
            print("ok - the check refuses %s (%s)" % (name, errs[0]))
            good += 1
        else:
            print("not ok - the check accepts %s" % name)
            bad += 1
    for f in sys.argv[1:]:
        for i, doc in enumerate(yaml.safe_load_all(open(f))):
            if doc is None:
                continue
            errs = validate(doc)
            what = "%s #%d (%s %s)" % (f, i + 1, doc.get("kind"),
                                       doc.get("metadata", {}).get("name"))
            if errs:
                print("not ok - %s: %s" % (what, "; ".join(errs)))
                bad += 1
            else:
                print("ok - %s: valid" % what)
                good += 1
    print("k8s: %d passed, %d failed" % (good, bad))
    return bad


sys.exit(1 if main() else 0)
