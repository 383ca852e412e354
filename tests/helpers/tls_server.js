// An HTTPS server on Node's tls (OpenSSL inside Node) for the TLS interop
// tests (tests/integration/tls13.sh).
// usage: node tls_server.js PORTFILE CERT KEY MIN MAX [GROUPS] [CLIENT_CA]
// MIN, MAX: TLSv1.2 or TLSv1.3; GROUPS: OpenSSL's names, e.g. P-256.
'use strict';
const fs = require('fs');
const https = require('https');
const [portfile, cert, key, min, max, groups, ca] = process.argv.slice(2);
const opts = { cert: fs.readFileSync(cert), key: fs.readFileSync(key),
	       minVersion: min, maxVersion: max };
if (groups) opts.ecdhCurve = groups;
if (ca) { opts.ca = fs.readFileSync(ca); opts.requestCert = true; opts.rejectUnauthorized = true; }
const srv = https.createServer(opts, (req, res) => { res.end('ok\n'); });
srv.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portfile + '.tmp', String(srv.address().port));
  fs.renameSync(portfile + '.tmp', portfile);
});
