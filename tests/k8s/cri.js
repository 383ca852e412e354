// The kubelet's side of the CRI suite (tests/k8s/cri.sh): runs the pods of
// docker/examples/k8s through containerd's CRI, as the kubelet does, and
// checks what a user of those manifests would look at.
//
// usage: node cri.js SOCKET API.PROTO WORKDIR MANIFESTS.json [--measure]
//
// What it does, per pod: RunPodSandbox, then every initContainer to its
// end in turn, then CreateContainer + StartContainer of each container;
// every probe of the manifest on its own timer with its periodSeconds,
// timeoutSeconds, failureThreshold and successThreshold, liveness and
// readiness held until the startupProbe succeeded; exec probes by ExecSync
// with timeoutSeconds, httpGet by its own GET with the kubelet's rules
// (User-Agent kube-probe, Accept */*, 200-399, same-host redirects, 10 KiB
// of body read), tcpSocket by a connect; a liveness or startup failure
// stops the container with the pod's terminationGracePeriodSeconds
// (StopContainer) and starts the next attempt.  Pods run on the node's
// network (no CNI), so the manifests' ports are moved to free ones, the
// same numbers in commands, args and probes; images named in them are the
// suite's local ones (cri.sh says which).
'use strict';
const path = require('path');
const fs = require('fs');
const net = require('net');
const http = require('http');
const mods = path.join(__dirname, '..', '..', 'build', 'grpc', 'node_modules');
const grpc = require(path.join(mods, '@grpc', 'grpc-js'));
const loader = require(path.join(mods, '@grpc', 'proto-loader'));
const { HealthImplementation } = require(path.join(mods, 'grpc-health-check'));

const [sock, proto, work, manifestsFile, mode] = process.argv.slice(2);
const def = loader.loadSync(proto, { keepCase: true, longs: Number, enums: Number, defaults: true });
const api = grpc.loadPackageDefinition(def).runtime.v1;
const rt = new api.RuntimeService('unix://' + sock, grpc.credentials.createInsecure());
const NODE = 2, POD = 0, CONTAINER = 1;
const EXITED = 2;

let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) { passed++; console.log('ok - ' + what); }
  else { failed++; console.log('not ok - ' + what + (detail !== undefined ? ': ' + detail : '')); }
  return ok;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint() / 1000000n);
function call(method, req, ms = 60000) {
  return new Promise((resolve, reject) => {
    rt[method](req, { deadline: Date.now() + ms }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}
async function until(what, pred, ms) {
  const end = now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (now() > end) throw new Error('waited ' + ms + ' ms for ' + what);
    await sleep(100);
  }
}

// A free TCP port on 127.0.0.1 (closed again: the pod binds it).
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

// /proc facts of a process on this node.
function proc(pid) {
  const st = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const f = (k) => (st.match(new RegExp('^' + k + ':\\s*(.*)$', 'm')) || [])[1];
  return {
    comm: f('Name'), uid: f('Uid').split(/\s+/)[0], nspid: f('NSpid').split(/\s+/).pop(),
    nnp: f('NoNewPrivs'), capEff: f('CapEff'), capBnd: f('CapBnd'), state: f('State'),
    pidns: fs.readlinkSync(`/proc/${pid}/ns/pid`),
  };
}
// The container's process once it runs its own program: StartContainer
// may return while runc's init still holds the pid, before its exec.
async function settled(pid) {
  await until(`pid ${pid} past runc's exec`, () => {
    try { return !proc(pid).comm.startsWith('runc:'); } catch (e) { return false; }
  }, 5000);
  return proc(pid);
}
// CPU of a process in ms: its threads' run time (schedstat, in ns) and
// what the children it reaped used (cutime + cstime, in clock ticks).
function cpuMs(pid) {
  try {
    let ms = 0;
    for (const t of fs.readdirSync(`/proc/${pid}/task`))
      ms += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ms + (Number(f[13]) + Number(f[14])) * 1000 / 100;
  } catch (e) { return 0; }
}
// containerd and its shims (found by the address they were given).
function runtimePids() {
  const out = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    let cmd;
    try { cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8'); } catch (e) { continue; }
    if (cmd.includes(sock) || (cmd.startsWith('containerd\0') && cmd.includes(work))) out.push(Number(p));
  }
  return out;
}

// The kubelet's probes.  Each resolves {ok, output, ms}.
async function execProbe(id, cmd, timeoutS) {
  const t = now();
  try {
    const r = await call('ExecSync', { container_id: id, cmd, timeout: timeoutS }, timeoutS * 1000 + 5000);
    const out = (r.stdout.toString() + r.stderr.toString()).slice(0, 10240);
    return { ok: r.exit_code === 0, code: r.exit_code, output: out.trim(), ms: now() - t };
  } catch (e) {
    return { ok: false, code: -1, output: 'ExecSync: ' + e.details, ms: now() - t };
  }
}
function httpProbe(port, pth, timeoutS, redirects = 0) {
  const t = now();
  return new Promise((resolve) => {
    const req = http.get({
      host: '127.0.0.1', port, path: pth || '/', agent: false,
      headers: { 'User-Agent': 'kube-probe/1.32', Accept: '*/*', Connection: 'close' },
    }, (res) => {
      let body = '';
      res.on('data', (d) => { if (body.length < 10240) body += d; });
      res.on('end', () => {
        const loc = res.headers.location;
        if (res.statusCode >= 300 && res.statusCode < 400 && loc && redirects < 10) {
          const u = new URL(loc, `http://127.0.0.1:${port}`);
          if (u.hostname === '127.0.0.1')
            return httpProbe(Number(u.port || 80), u.pathname, timeoutS, redirects + 1).then(resolve);
        }
        resolve({ ok: res.statusCode >= 200 && res.statusCode < 400, code: res.statusCode,
                  output: `HTTP probe failed with statuscode: ${res.statusCode} (${body.trim()})`,
                  body: body.trim(), ms: now() - t });
      });
    });
    req.setTimeout(timeoutS * 1000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ ok: false, code: -1, output: e.message, ms: now() - t }));
  });
}
function tcpProbe(port, timeoutS) {
  const t = now();
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(timeoutS * 1000, () => { s.destroy(); resolve({ ok: false, output: 'timeout', ms: now() - t }); });
    s.on('connect', () => { s.destroy(); resolve({ ok: true, output: '', ms: now() - t }); });
    s.on('error', (e) => resolve({ ok: false, output: e.message, ms: now() - t }));
  });
}

// The manifest with its ports moved and its images replaced.
function localize(spec, ports, images) {
  const swap = (s) => String(s).replace(/\d+/g, (n) => (ports[n] ? String(ports[n]) : n));
  const c = JSON.parse(JSON.stringify(spec));
  for (const k of [...(c.initContainers || []), ...c.containers]) {
    k.image = images[k.image] || k.image;
    k.command = (k.command || []).map(swap);
    k.args = (k.args || []).map(swap);
    for (const p of k.ports || []) p.containerPort = ports[p.containerPort] || p.containerPort;
    for (const t of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const pr = k[t];
      if (!pr) continue;
      if (pr.exec) pr.exec.command = pr.exec.command.map(swap);
      for (const h of [pr.httpGet, pr.tcpSocket]) {
        if (!h) continue;
        if (typeof h.port === 'string' && !/^\d+$/.test(h.port))
          h.port = (k.ports || []).find((p) => p.name === h.port).containerPort;
        else h.port = ports[h.port] || Number(h.port);
      }
    }
  }
  return c;
}

const defaults = { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1, initialDelaySeconds: 0 };
class Pod {
  constructor(doc, ports, images, env, name) {
    this.name = name || doc.metadata.name;
    this.spec = localize(doc.spec, ports, images);
    this.env = env || {};
    this.events = [];
    this.dir = path.join(work, 'pods', this.name);
    this.stopped = false;
    this.containers = {};
  }
  log(c, attempt) {
    try { return fs.readFileSync(path.join(this.dir, `${c}_${attempt}.log`), 'utf8'); } catch (e) { return ''; }
  }
  secctx(k) {
    const p = this.spec.securityContext || {}, s = k.securityContext || {};
    const pick = (x) => (s[x] !== undefined ? s[x] : p[x]);
    const ctx = {
      namespace_options: { network: NODE, pid: this.spec.shareProcessNamespace ? POD : CONTAINER, ipc: POD },
      readonly_rootfs: !!s.readOnlyRootFilesystem,
      no_new_privs: s.allowPrivilegeEscalation === false,
    };
    if (pick('runAsUser') !== undefined) ctx.run_as_user = { value: pick('runAsUser') };
    if (pick('runAsGroup') !== undefined) ctx.run_as_group = { value: pick('runAsGroup') };
    if (s.capabilities) ctx.capabilities = { drop_capabilities: s.capabilities.drop || [], add_capabilities: s.capabilities.add || [] };
    return ctx;
  }
  async start() {
    fs.mkdirSync(this.dir, { recursive: true });
    this.volumes = {};
    for (const v of this.spec.volumes || []) {
      const d = path.join(this.dir, 'volumes', v.name);
      fs.mkdirSync(d, { recursive: true });
      fs.chmodSync(d, 0o777);	// the kubelet's emptyDir
      this.volumes[v.name] = d;
    }
    this.sandboxConfig = {
      metadata: { name: this.name, uid: this.name + '-uid', namespace: 'default', attempt: 0 },
      log_directory: this.dir,	// no hostname: the node's UTS, as with hostNetwork
      linux: { security_context: { namespace_options: {
        network: NODE, pid: this.spec.shareProcessNamespace ? POD : CONTAINER, ipc: POD } } },
    };
    this.sandbox = (await call('RunPodSandbox', { config: this.sandboxConfig })).pod_sandbox_id;
    for (const k of this.spec.initContainers || []) {
      const id = await this.create(k, 0);
      await call('StartContainer', { container_id: id });
      const st = await until(`${this.name}/${k.name} to end`, async () => {
        const s = (await call('ContainerStatus', { container_id: id })).status;
        return s.state === EXITED && s;
      }, 20000);
      this.events.push({ c: k.name, type: 'init', code: st.exit_code, log: this.log(k.name, 0) });
      if (st.exit_code !== 0) return;
    }
    await Promise.all(this.spec.containers.map((k) => this.run(k, 0)));
  }
  async create(k, attempt) {
    const kubeletUid = this.secctx(k).run_as_user;
    if (((k.securityContext || {}).runAsNonRoot || (this.spec.securityContext || {}).runAsNonRoot) &&
        (!kubeletUid || kubeletUid.value === 0))
      throw new Error(`${k.name}: runAsNonRoot and no non-zero runAsUser`);
    const env = Object.entries(this.env[k.name] || {}).map(([key, value]) => ({ key, value: String(value) }));
    const mounts = (k.volumeMounts || []).map((m) => ({
      container_path: m.mountPath, host_path: this.volumes[m.name], readonly: !!m.readOnly }));
    const res = await call('CreateContainer', {
      pod_sandbox_id: this.sandbox, sandbox_config: this.sandboxConfig,
      config: {
        metadata: { name: k.name, attempt }, image: { image: k.image },
        command: k.command, args: k.args, envs: env, mounts,
        log_path: `${k.name}_${attempt}.log`,
        linux: { security_context: this.secctx(k) },
      },
    });
    return res.container_id;
  }
  // One container's life: attempts, probes, restarts.
  async run(k, attempt) {
    const id = await this.create(k, attempt);
    await call('StartContainer', { container_id: id });
    const info = JSON.parse((await call('ContainerStatus', { container_id: id, verbose: true })).info.info);
    const c = { id, attempt, pid: info.pid, k, started: false, ready: false, live: true, startedAt: now() };
    this.containers[k.name] = c;
    this.events.push({ c: k.name, type: 'start', attempt, id, pid: info.pid, t: now() });
    const grace = this.spec.terminationGracePeriodSeconds !== undefined ? this.spec.terminationGracePeriodSeconds : 30;
    const probe = async (type) => {
      const pr = { ...defaults, ...k[type] };
      await sleep(pr.initialDelaySeconds * 1000);
      let fails = 0, oks = 0;
      while (!this.stopped && this.containers[k.name] === c) {
        const gated = type !== 'startupProbe' && k.startupProbe && !c.started;
        if (!gated) {
          let r;
          if (pr.exec) r = await execProbe(id, pr.exec.command, pr.timeoutSeconds);
          else if (pr.httpGet) r = await httpProbe(pr.httpGet.port, pr.httpGet.path, pr.timeoutSeconds);
          else r = await tcpProbe(pr.tcpSocket.port, pr.timeoutSeconds);
          if (this.stopped || this.containers[k.name] !== c) return;
          this.events.push({ c: k.name, type, attempt, ok: r.ok, code: r.code, output: r.output, body: r.body, ms: r.ms, t: now() });
          if (r.ok) { oks++; fails = 0; } else { fails++; oks = 0; }
          if (type === 'startupProbe' && r.ok) { c.started = true; return; }
          if (type === 'readinessProbe') {
            if (oks >= pr.successThreshold) c.ready = true;
            if (fails >= pr.failureThreshold) c.ready = false;
          }
          if ((type === 'livenessProbe' || type === 'startupProbe') && fails >= pr.failureThreshold) {
            c.live = false;
            return this.restart(c, grace, type);
          }
        }
        await sleep(pr.periodSeconds * 1000);
      }
    };
    for (const t of ['startupProbe', 'livenessProbe', 'readinessProbe']) if (k[t]) probe(t);
    if (!k.startupProbe) c.started = true;
  }
  async restart(c, grace, why) {
    const t = now();
    delete this.containers[c.k.name];
    await call('StopContainer', { container_id: c.id, timeout: grace }, (grace + 10) * 1000);
    const st = (await call('ContainerStatus', { container_id: c.id })).status;
    this.events.push({ c: c.k.name, type: 'stopped', why, attempt: c.attempt, code: st.exit_code, ms: now() - t, log: this.log(c.k.name, c.attempt) });
    await call('RemoveContainer', { container_id: c.id });
    if (!this.stopped) await this.run(c.k, c.attempt + 1);
  }
  // The pod deleted: every container stopped with the grace, then the sandbox.
  async stop() {
    this.stopped = true;
    const grace = this.spec.terminationGracePeriodSeconds !== undefined ? this.spec.terminationGracePeriodSeconds : 30;
    const out = {};
    await Promise.all(Object.values(this.containers).map(async (c) => {
      const t = now();
      await call('StopContainer', { container_id: c.id, timeout: grace }, (grace + 10) * 1000);
      const st = (await call('ContainerStatus', { container_id: c.id })).status;
      out[c.k.name] = { code: st.exit_code, ms: now() - t, log: this.log(c.k.name, c.attempt) };
    }));
    if (this.sandbox) {
      await call('StopPodSandbox', { pod_sandbox_id: this.sandbox });
      await call('RemovePodSandbox', { pod_sandbox_id: this.sandbox });
    }
    return out;
  }
  ev(c, type, pred = () => true) { return this.events.filter((e) => e.c === c && e.type === type && pred(e)); }
}

// The gRPC health server the deployment's liveness probe asks (on the
// node: the pod shares its network), and a silent one for the deadline.
class GrpcPeer {
  constructor(port) { this.port = port; }
  async serve() {
    this.server = new grpc.Server();
    this.health = new HealthImplementation({ '': 'SERVING' });
    this.health.addToServer(this.server);
    await new Promise((r, j) => this.server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (e) => (e ? j(e) : r())));
  }
  async silence() {
    await new Promise((r) => this.server.tryShutdown(r));
    this.held = [];
    this.silent = net.createServer((s) => this.held.push(s)).listen(this.port, '127.0.0.1');
    await new Promise((r) => this.silent.on('listening', r));
  }
  async close() {
    if (this.silent) { for (const s of this.held) s.destroy(); await new Promise((r) => this.silent.close(r)); this.silent = null; }
    if (this.server) await new Promise((r) => this.server.tryShutdown(r));
  }
}
function appGet(port, pth) { return httpProbe(port, pth, 2); }
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[s.length >> 1] : NaN; };

// --- the scenarios -------------------------------------------------------

async function deployment(doc) {
  const P = { 8080: await freePort(), 9090: await freePort() };
  const g = new GrpcPeer(P[9090]);
  await g.serve();
  const pod = new Pod(doc.spec.template, P, {}, { api: { API_ADDR: `127.0.0.1:${P[8080]}`, API_DELAY_MS: 3000, DRAIN_MS: 300 } }, 'api');
  const n = 'deployment.yaml';
  try {
    await pod.start();
    const c0 = pod.containers.api;
    const pr = await settled(c0.pid);
    check(pr.comm === 'init' && pr.nspid === '1', `${n}: init is PID 1 of the container`, JSON.stringify(pr));
    check(pr.uid === '10001', `${n}: runs as the pod's runAsUser 10001`, pr.uid);
    await until('startup', () => pod.containers.api && pod.containers.api.started, 20000);
    const st = pod.ev('api', 'startupProbe');
    const early = st.filter((e) => !e.ok);
    check(early.length >= 1 && /connection refused/i.test(early[0].output) && early[0].code === 1,
      `${n}: the startup probe fails while the app starts, with healthcheck's line (exit 1)`, JSON.stringify(early[0]));
    const firstOk = st.find((e) => e.ok);
    const beforeStart = pod.events.filter((e) => (e.type === 'livenessProbe' || e.type === 'readinessProbe') && e.t < firstOk.t);
    check(beforeStart.length === 0, `${n}: liveness and readiness wait for the startup probe`, beforeStart.length);
    await until('ready', () => pod.containers.api.ready, 8000);
    check(true, `${n}: ready (readiness probe: --expect-body ready)`);
    await until('a liveness result', () => pod.ev('api', 'livenessProbe').length >= 1, 12000);
    const live = pod.ev('api', 'livenessProbe')[0];
    check(live.ok, `${n}: live (grpc:// health SERVING)`, live.output);
    const healthy = pod.ev('api', 'readinessProbe', (e) => e.ok).concat(pod.ev('api', 'startupProbe', (e) => e.ok)).map((e) => e.ms);
    check(median(healthy) < 1000, `${n}: a healthy exec probe takes ${median(healthy)} ms (median; no child left holding its output)`, healthy.join(','));
    // The gRPC peer goes silent: healthcheck's own -t 2500ms answers before timeoutSeconds 3.
    await g.silence();
    await until('the restart', () => pod.ev('api', 'stopped').length >= 1, 45000);
    const bad = pod.ev('api', 'livenessProbe', (e) => !e.ok);
    check(bad.length === 3, `${n}: failureThreshold 3: three failed liveness probes, then the restart`, bad.length);
    check(bad.every((e) => e.code === 1 && /timeout/.test(e.output) && e.output.split('\n').length === 1),
      `${n}: each failed probe's output is healthcheck's one line, exit 1`, JSON.stringify(bad[0]));
    check(bad.every((e) => e.ms >= 2400 && e.ms < 3000), `${n}: -t 2500ms fires before timeoutSeconds 3 (${bad.map((e) => e.ms).join(', ')} ms)`);
    console.log(`# ${n}: liveness output: ${bad[0].output}`);
    const stop = pod.ev('api', 'stopped')[0];
    check(stop.code === 0 && stop.ms < 30000 && /drained/.test(stop.log),
      `${n}: the stop drains within terminationGracePeriodSeconds (${stop.ms} ms, exit ${stop.code})`, stop.log);
    await g.close();
    await g.serve();
    await until('attempt 1 live', () => pod.containers.api && pod.containers.api.attempt === 1 && pod.containers.api.started, 20000);
    await until('attempt 1 live probe', () => pod.ev('api', 'livenessProbe', (e) => e.attempt === 1).length >= 1, 12000);
    check(pod.ev('api', 'livenessProbe', (e) => e.attempt === 1)[0].ok, `${n}: restarted (attempt 1) and live again`);
  } finally {
    const out = await pod.stop();
    if (out.api) check(out.api.code === 0 && out.api.ms < 30000, `${n}: pod deleted: init drains the app (${out.api.ms} ms)`, JSON.stringify(out.api));
    await g.close();
  }
}

async function healthListen(doc) {
  const P = { 8080: await freePort(), 8086: await freePort() };
  const pod = new Pod(doc, P, {}, { api: { API_ADDR: `127.0.0.1:${P[8080]}`, DRAIN_MS: 200 } });
  const n = 'health-listen.yaml';
  try {
    await pod.start();
    await until('startup', () => pod.containers.api && pod.containers.api.started, 30000);
    const st = pod.ev('api', 'startupProbe');
    check(st[0] && !st[0].ok && st[0].code === 503 && st[0].body === 'starting',
      `${n}: before the first verdict the httpGet startup probe gets 503 starting`, JSON.stringify(st[0]));
    check(st[st.length - 1].ok && st[st.length - 1].body === 'healthy', `${n}: then 200 healthy`, JSON.stringify(st[st.length - 1]));
    await until('ready', () => pod.containers.api.ready, 6000);
    check(true, `${n}: ready (tcpSocket on the app's port)`);
    await until('live', () => pod.ev('api', 'livenessProbe').length >= 1, 12000);
    check(pod.ev('api', 'livenessProbe')[0].ok, `${n}: live (httpGet on --health-listen)`);
    await appGet(P[8080], '/fail');
    await until('the restart', () => pod.ev('api', 'stopped').length >= 1, 45000);
    const bad = pod.ev('api', 'livenessProbe', (e) => !e.ok);
    check(bad.length === 3 && bad.every((e) => e.code === 503 && e.body === 'unhealthy'),
      `${n}: the app fails: three httpGet probes get 503 unhealthy, then the restart`, JSON.stringify(bad));
    const stop = pod.ev('api', 'stopped')[0];
    check(/status 500/.test(stop.log), `${n}: what the check printed went to init's log, not to the network`, stop.log);
    check(stop.code === 0 && stop.ms < 30000 && /drained/.test(stop.log), `${n}: the stop drains within the grace (${stop.ms} ms)`, stop.log);
    await until('attempt 1 live', () => pod.ev('api', 'livenessProbe', (e) => e.attempt === 1 && e.ok).length >= 1, 30000);
    check(true, `${n}: restarted (attempt 1) and live again`);
  } finally {
    await pod.stop();
  }
}

async function sharedPid(doc) {
  const P = {};
  const pod = new Pod(doc, P, { 'example/app': 'example/api', 'example/sidecar': 'example/api' },
    { app: { DRAIN_MS: 100 }, sidecar: { DRAIN_MS: 100 } });
  const n = 'shared-pid.yaml';
  try {
    await pod.start();
    await until('both started', () => pod.containers.app && pod.containers.sidecar, 10000);
    const a = await settled(pod.containers.app.pid), s = await settled(pod.containers.sidecar.pid);
    check(a.comm === 'init' && a.nspid !== '1' && a.pidns === s.pidns,
      `${n}: one pid namespace for the pod, init is not its PID 1 (pid ${a.nspid})`, JSON.stringify(a));
    await until('liveness', () => pod.ev('app', 'livenessProbe').length >= 1, 8000);
    const l = pod.ev('app', 'livenessProbe')[0];
    check(l.ok, `${n}: live (unix:// socket probe)`, l.output);
    await until('orphans reaped', () => (pod.log('app', 0).match(/reaped pid/g) || []).length >= 5, 5000).catch(() => {});
    check((pod.log('app', 0).match(/reaped pid/g) || []).length >= 5, `${n}: init, a subreaper, reaped the app's 5 orphans`, pod.log('app', 0));
    const zombies = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
      try { const x = proc(p); return x.pidns === a.pidns && x.state.startsWith('Z'); } catch (e) { return false; }
    });
    check(zombies.length === 0, `${n}: no zombie in the pod`, zombies.join(','));
  } finally {
    const out = await pod.stop();
    for (const c of ['app', 'sidecar'])
      if (out[c]) check(out[c].code === 0 && /drained/.test(out[c].log), `${n}: pod deleted: ${c} drained by its init (${out[c].ms} ms)`, JSON.stringify(out[c]));
  }
}

async function install(doc) {
  const P = { 8080: await freePort() };
  const pod = new Pod(doc, P, { 'gcr.io/distroless/static-debian12': 'localhost/stock:hc', 'init-healthcheck': 'localhost/init-healthcheck:hc' },
    { app: { API_ADDR: `127.0.0.1:${P[8080]}`, DRAIN_MS: 100 } });
  const n = 'install.yaml';
  try {
    await pod.start();
    const inits = pod.ev('install', 'init').concat(pod.ev('install-healthcheck', 'init'));
    check(inits.length === 2 && inits.every((e) => e.code === 0 && e.log.trim().split('\n').length === 1),
      `${n}: both initContainers install (exit 0, one line each)`, JSON.stringify(inits));
    for (const b of ['init', 'healthcheck']) {
      const f = path.join(pod.volumes.shared, b);
      const st = fs.existsSync(f) && fs.statSync(f);
      check(st && (st.mode & 0o777) === 0o755, `${n}: /shared/${b} is there, mode 0755`);
    }
    await until('app', () => pod.containers.app, 5000);
    const a = await settled(pod.containers.app.pid);
    check(a.comm === 'init' && a.nspid === '1' && a.uid === '65532', `${n}: /shared/init is PID 1 of the stock image, uid 65532`, JSON.stringify(a));
    check(a.nnp === '1' && /^0+$/.test(a.capEff) && /^0+$/.test(a.capBnd), `${n}: allowPrivilegeEscalation false and drop ALL hold (NoNewPrivs 1, no caps)`, JSON.stringify(a));
    const root = fs.readFileSync(`/proc/${pod.containers.app.pid}/mountinfo`, 'utf8').split('\n').find((l) => l.split(' ')[4] === '/');
    check(/(^|,)ro(,|$)/.test(root.split(' ')[5]), `${n}: readOnlyRootFilesystem`, root);
    await until('ready', () => pod.containers.app.ready, 8000);
    check(true, `${n}: ready (/shared/healthcheck exec probe)`);
    await until('live', () => pod.ev('app', 'livenessProbe').length >= 1, 12000);
    check(pod.ev('app', 'livenessProbe')[0].ok, `${n}: live`);
  } finally {
    const out = await pod.stop();
    if (out.app) check(out.app.code === 0 && /drained/.test(out.app.log), `${n}: pod deleted: drained (${out.app.ms} ms)`, JSON.stringify(out.app));
  }
}

// The CPU of one probe, on the node: an exec probe (containerd, its shim,
// runc and the check: their threads' run time and what the shims reaped,
// less what they use idle over as long) against an httpGet on
// --health-listen (the kubelet's GET, by a Go client set up as the
// kubelet's prober; init answering; and one run of the check, as init runs
// it once per --health-interval: fork + exec + wait4 of the same
// healthcheck with the same URL, its rusage).  Probes back to back, as a
// busy node's runtime and kubelet see them.
async function measure() {
  const P = { 8080: await freePort(), 8086: await freePort() };
  const url = `http://127.0.0.1:${P[8080]}/healthz`;
  const doc = { metadata: { name: 'measure' }, spec: { terminationGracePeriodSeconds: 5, containers: [{
    name: 'api', image: 'example/api',
    command: ['/init', '--health-cmd', `/healthcheck -q ${url}`, '--health-interval', '1s',
              '--health-listen', `127.0.0.1:${P[8086]}`, '--'],
    args: ['/api'] }] } };
  const pod = new Pod(doc, {}, {}, { api: { API_ADDR: `127.0.0.1:${P[8080]}` } });
  const N = 20;
  const rtMs = () => runtimePids().reduce((s, p) => s + cpuMs(p), 0);
  const { execFileSync } = require('child_process');
  try {
    await pod.start();
    const c = await until('the pod', () => pod.containers.api, 5000);
    await until('healthy', async () => (await httpProbe(P[8086], '/', 1)).ok, 10000);
    await execProbe(c.id, ['/healthcheck', '-q', url], 1);
    // The runtime idle, per ms.
    let r0 = rtMs(), t0 = now();
    await sleep(3000);
    const idle = (rtMs() - r0) / (now() - t0);
    r0 = rtMs(); t0 = now();
    for (let i = 0; i < N; i++) {
      const r = await execProbe(c.id, ['/healthcheck', '-q', url], 1);
      if (!r.ok) throw new Error('exec probe failed: ' + r.output);
    }
    const exec = (rtMs() - r0 - idle * (now() - t0)) / N;
    const i0 = cpuMs(c.pid);
    const [okGets, getMs] = execFileSync(process.env.PROBE_GET, [`http://127.0.0.1:${P[8086]}/`, String(N), '0'], { encoding: 'utf8' }).trim().split(' ').map(Number);
    const answer = (cpuMs(c.pid) - i0) / N;
    if (okGets !== N) throw new Error(`httpGet: ${okGets} of ${N} succeeded`);
    const checkMs = Number(execFileSync('python3', ['-c', `import os, sys
t = 0
for _ in range(${N}):
    p = os.posix_spawn(sys.argv[1], [sys.argv[1], "-q", sys.argv[2]], {})
    _, st, ru = os.wait4(p, 0)
    assert st == 0
    t += ru.ru_utime + ru.ru_stime
print(t * 1000 / ${N})`, process.env.HEALTHCHECK, url], { encoding: 'utf8' }));
    const get = getMs / N + answer + checkMs;
    console.log(`# cri-measure: exec probe ${exec.toFixed(2)} ms CPU (containerd + shim + runc + the check); ` +
      `httpGet on --health-listen ${get.toFixed(3)} ms (kubelet-style Go GET ${(getMs / N).toFixed(3)}, init answering ${answer.toFixed(3)}, ` +
      `one check ${checkMs.toFixed(3)}); ratio ${(exec / get).toFixed(1)}x; ${N} probes each, runtime idle ${(idle * 1000).toFixed(1)} ms/s subtracted`);
    console.log(`# cri-measure-raw ${exec.toFixed(2)} ${get.toFixed(3)} ${(getMs / N).toFixed(3)} ${answer.toFixed(3)} ${checkMs.toFixed(3)}`);
    // Reported, not asserted (a ratio of CPU times can flake): make bench
    // and the README give it; the goal is 20x.
    check(exec > 0 && get > 0, `measure: both probes measured (exec ${exec.toFixed(1)} ms, httpGet ${get.toFixed(2)} ms of CPU)`);
  } finally {
    await pod.stop();
  }
}

async function main() {
  const docs = JSON.parse(fs.readFileSync(manifestsFile, 'utf8'));
  const by = (f) => docs[Object.keys(docs).find((k) => k.endsWith(f))];
  const timer = setTimeout(() => { console.log('not ok - the CRI suite ran past 240 s'); process.exit(1); }, 240000);
  const guard = (name, p) => p.catch((e) => check(false, `${name}: ${e.message}`));
  if (!process.env.CRI_ONLY) await guard('measure', measure());
  const all = { 'deployment.yaml': deployment, 'health-listen.yaml': healthListen,
                'shared-pid.yaml': sharedPid, 'install.yaml': install };
  if (mode !== '--measure')
    await Promise.all(Object.entries(all).filter(([f]) => !process.env.CRI_ONLY || process.env.CRI_ONLY === f)
      .map(([f, fn]) => guard(f, fn(by(f)))));
  clearTimeout(timer);
  console.log(`# cri.js: ${passed} passed, ${failed} failed`);
  rt.close();
  process.exit(failed ? 1 : 0);
}
main();
