// A real gRPC health server for the tests: @grpc/grpc-js with the
// grpc-health-check package (installed by tests/grpc-deps.sh).
//
// usage: node grpc_server.js MODE PORTFILE [UNIX_SOCKET]
//   health    the health service: '' and 'svc.ok' SERVING, 'svc.down'
//             NOT_SERVING, 'svc.flip' SERVING until SIGUSR1 flips it
//   nohealth  a server without the health service
// Writes the TCP port to PORTFILE once listening.
// With GRPC_TLS_CERT and GRPC_TLS_KEY (PEM files) it serves TLS instead;
// GRPC_TLS_CA too asks every client for a certificate signed by it.
'use strict';
const path = require('path');
const fs = require('fs');
const mods = path.join(__dirname, '..', '..', 'build', 'grpc', 'node_modules');
const grpc = require(path.join(mods, '@grpc', 'grpc-js'));
const { HealthImplementation } = require(path.join(mods, 'grpc-health-check'));

const [mode, portfile, sock] = process.argv.slice(2);
const server = new grpc.Server();
if (mode === 'health') {
  const health = new HealthImplementation({
    '': 'SERVING',
    'svc.ok': 'SERVING',
    'svc.down': 'NOT_SERVING',
    'svc.flip': 'SERVING',
  });
  health.addToServer(server);
  process.on('SIGUSR1', () => health.setStatus('svc.flip', 'NOT_SERVING'));
}
const env = process.env;
const creds = env.GRPC_TLS_CERT
  ? grpc.ServerCredentials.createSsl(
      env.GRPC_TLS_CA ? fs.readFileSync(env.GRPC_TLS_CA) : null,
      [{ cert_chain: fs.readFileSync(env.GRPC_TLS_CERT),
         private_key: fs.readFileSync(env.GRPC_TLS_KEY) }],
      !!env.GRPC_TLS_CA)
  : grpc.ServerCredentials.createInsecure();
server.bindAsync('127.0.0.1:0', creds, (err, port) => {
  if (err) throw err;
  const done = () => {
    fs.writeFileSync(portfile + '.tmp', String(port));
    fs.renameSync(portfile + '.tmp', portfile);
  };
  if (!sock) return done();
  server.bindAsync('unix:' + sock, creds, (e) => {
    if (e) throw e;
    done();
  });
});
