// The chains of tests/x509/diff.sh: every case of the matrix below made
// with Go's crypto/x509, served over TLS 1.2 on loopback by Go's
// crypto/tls (the chain sent as the case lists it, in its order), and
// judged by Go's own client (what grpc_health_probe and the Go ecosystem
// use).  Usage: matrix DIR [V1ROOT.pem V1ROOT.key]; writes DIR/NAME.pem
// (the anchors of each case) and DIR/manifest, one line a case:
//
//	name|port|host|go verdict|go's error|our choice where Go and OpenSSL part
//
// then "ready", and serves until its standard input ends.  Standard
// library only.
package main

import (
	"bufio"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

type cert struct {
	der  []byte
	x    *x509.Certificate
	key  crypto.Signer
	tmpl *x509.Certificate
}

type spec struct {
	cn      string
	ca      bool
	noBC    bool
	pathlen int // -1: none
	dns     []string
	ips     []string
	nb, na  time.Time
	eku     []x509.ExtKeyUsage
	anyEKU  bool
	ku      x509.KeyUsage
	permDNS []string
	exclDNS []string
	permIP  []string
	exclIP  []string
	ncCrit  bool
	extra   []pkix.Extension
	key     string // p256 (default), p384, p521, rsa1024, rsa2048, rsa4096, ed25519
	sigalg  x509.SignatureAlgorithm
	serial  int64
	noAKI   bool
	noSAN   bool
}

var (
	now    = time.Now()
	serial int64
	keys   = map[string]crypto.Signer{}
)

// A key of the kind; leaves share one per kind (RSA keys are slow to
// make), CAs get their own (freshKey), so that nothing verifies under
// another CA's key by accident.
func newKey(kind string) crypto.Signer {
	if k, ok := keys[kind]; ok {
		return k
	}
	k := genKey(kind)
	keys[kind] = k
	return k
}

func genKey(kind string) crypto.Signer {
	var k crypto.Signer
	var err error
	switch kind {
	case "", "p256":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p384":
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "p521":
		k, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	case "rsa1024":
		k, err = rsa.GenerateKey(rand.Reader, 1024)
	case "rsa2048":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	case "rsa4096":
		k, err = rsa.GenerateKey(rand.Reader, 4096)
	case "ed25519":
		_, k, err = ed25519.GenerateKey(rand.Reader)
	default:
		panic(kind)
	}
	if err != nil {
		panic(err)
	}
	return k
}

func freshKey(kind string) crypto.Signer { return genKey(kind) }

func cidr(s string) *net.IPNet {
	_, n, err := net.ParseCIDR(s)
	if err != nil {
		panic(err)
	}
	return n
}

func mk(s spec, parent *cert) *cert {
	serial++
	t := &x509.Certificate{
		SerialNumber:                big.NewInt(1000 + serial),
		Subject:                     pkix.Name{CommonName: s.cn},
		NotBefore:                   now.Add(-time.Hour),
		NotAfter:                    now.Add(24 * time.Hour),
		DNSNames:                    s.dns,
		ExtKeyUsage:                 s.eku,
		KeyUsage:                    s.ku,
		ExtraExtensions:             s.extra,
		SignatureAlgorithm:          s.sigalg,
		PermittedDNSDomainsCritical: s.ncCrit,
		PermittedDNSDomains:         s.permDNS,
		ExcludedDNSDomains:          s.exclDNS,
	}
	if s.serial != 0 {
		t.SerialNumber = big.NewInt(s.serial)
	}
	if s.anyEKU {
		t.ExtKeyUsage = append(t.ExtKeyUsage, x509.ExtKeyUsageAny)
	}
	for _, ip := range s.ips {
		t.IPAddresses = append(t.IPAddresses, net.ParseIP(ip))
	}
	for _, c := range s.permIP {
		t.PermittedIPRanges = append(t.PermittedIPRanges, cidr(c))
	}
	for _, c := range s.exclIP {
		t.ExcludedIPRanges = append(t.ExcludedIPRanges, cidr(c))
	}
	if !s.nb.IsZero() {
		t.NotBefore = s.nb
	}
	if !s.na.IsZero() {
		t.NotAfter = s.na
	}
	if s.ca {
		t.IsCA = true
		t.BasicConstraintsValid = !s.noBC
		if t.KeyUsage == 0 {
			t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		}
		if s.pathlen >= 0 {
			t.MaxPathLen = s.pathlen
			t.MaxPathLenZero = s.pathlen == 0
		} else {
			t.MaxPathLen = -1
		}
	} else {
		t.BasicConstraintsValid = !s.noBC
		if t.KeyUsage == 0 {
			t.KeyUsage = x509.KeyUsageDigitalSignature
		}
	}
	var key crypto.Signer
	if s.ca {
		key = freshKey(s.key)
	} else {
		key = newKey(s.key)
	}
	p, pk := t, key
	if parent != nil {
		p, pk = parent.x, parent.key
		if s.noAKI {
			cp := *parent.x
			cp.SubjectKeyId = nil
			p = &cp
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, t, p, key.Public(), pk)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", s.cn, err))
	}
	x, err := x509.ParseCertificate(der)
	if err != nil {
		// Certificates Go's parser refuses (duplicate extensions)
		// are still sent; x stays the template for signing below.
		x = t
		x.Raw = der
	}
	return &cert{der: der, x: x, key: key, tmpl: t}
}

type tcase struct {
	name   string
	host   string
	sent   []*cert
	roots  []*cert
	choice string
}

// The case with our choice stated (the first word: ok or fail; then why).
func choose(c tcase, choice string) tcase {
	c.choice = choice
	return c
}

func ext(oid asn1.ObjectIdentifier, crit bool, v interface{}) pkix.Extension {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(err)
	}
	return pkix.Extension{Id: oid, Critical: crit, Value: b}
}

var (
	oidSAN = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidEKU = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidSrv = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
)

// A subjectAltName value of DNS names.
func sanOf(names ...string) []byte {
	var raw []asn1.RawValue
	for _, n := range names {
		raw = append(raw, asn1.RawValue{Class: 2, Tag: 2, Bytes: []byte(n)})
	}
	b, err := asn1.Marshal(raw)
	if err != nil {
		panic(err)
	}
	return b
}

func cases(v1 *cert) []tcase {
	const h = "www.example.test"
	day := 24 * time.Hour
	root := mk(spec{cn: "Matrix Root", ca: true, pathlen: -1}, nil)
	inter := mk(spec{cn: "Matrix Intermediate", ca: true, pathlen: -1}, root)
	leafOf := func(s spec, parent *cert) *cert {
		if s.cn == "" {
			s.cn = "leaf"
		}
		if s.dns == nil && s.ips == nil && !s.noSAN {
			s.dns = []string{h}
		}
		if s.eku == nil && !s.anyEKU {
			s.eku = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		}
		return mk(s, parent)
	}
	leaf := leafOf(spec{}, inter)
	std := func(name string, l *cert, extra ...*cert) tcase {
		return tcase{name: name, host: h, sent: append([]*cert{l, inter}, extra...), roots: []*cert{root}}
	}
	var cs []tcase
	add := func(c tcase) { cs = append(cs, c) }

	add(std("baseline", leaf))
	add(tcase{name: "root-sent-too", host: h, sent: []*cert{leaf, inter, root}, roots: []*cert{root}})
	add(tcase{name: "missing-intermediate", host: h, sent: []*cert{leaf}, roots: []*cert{root}})
	add(tcase{name: "intermediate-as-anchor", host: h, sent: []*cert{leaf}, roots: []*cert{inter}})
	add(tcase{name: "wrong-root", host: h, sent: []*cert{leaf, inter},
		roots: []*cert{mk(spec{cn: "Other Root", ca: true, pathlen: -1}, nil)}})
	// Names.
	add(tcase{name: "name-mismatch", host: "other.example.test", sent: []*cert{leaf, inter}, roots: []*cert{root}})
	add(tcase{name: "name-trailing-dot", host: h + ".", sent: []*cert{leaf, inter}, roots: []*cert{root}})
	add(tcase{name: "name-upper-case", host: "WWW.Example.TEST", sent: []*cert{leaf, inter}, roots: []*cert{root}})
	wild := leafOf(spec{dns: []string{"*.example.test"}}, inter)
	add(std("wildcard", wild))
	add(tcase{name: "wildcard-two-labels", host: "a.www.example.test", sent: []*cert{wild, inter}, roots: []*cert{root}})
	add(tcase{name: "wildcard-apex", host: "example.test", sent: []*cert{wild, inter}, roots: []*cert{root}})
	ipl := leafOf(spec{ips: []string{"127.0.0.1"}}, inter)
	add(tcase{name: "ip-san", host: "127.0.0.1", sent: []*cert{ipl, inter}, roots: []*cert{root}})
	add(tcase{name: "ip-as-dns-only", host: "127.0.0.1",
		sent: []*cert{leafOf(spec{dns: []string{"127.0.0.1"}}, inter), inter}, roots: []*cert{root}})
	var many []string
	for i := 0; i < 40; i++ {
		many = append(many, fmt.Sprintf("n%d.example.test", i))
	}
	add(tcase{name: "san-40-names-the-30th", host: "n29.example.test",
		sent: []*cert{leafOf(spec{dns: many}, inter), inter}, roots: []*cert{root}})
	add(tcase{name: "cn-only-no-san", host: h,
		sent: []*cert{leafOf(spec{cn: h, noSAN: true}, inter), inter}, roots: []*cert{root},
		choice: "fail: the CN is never a name (Go 1.15 and later; RFC 6125)"})
	add(std("two-san-extensions", leafOf(spec{noSAN: true, extra: []pkix.Extension{
		{Id: oidSAN, Value: sanOf("a.example.test")},
		{Id: oidSAN, Value: sanOf(h)}}}, inter)))
	// Dates.
	add(std("leaf-expired", leafOf(spec{na: now.Add(-day), nb: now.Add(-2 * day)}, inter)))
	add(std("leaf-not-yet-valid", leafOf(spec{nb: now.Add(day), na: now.Add(2 * day)}, inter)))
	oldInter := mk(spec{cn: "Expired Intermediate", ca: true, pathlen: -1, na: now.Add(-day), nb: now.Add(-2 * day)}, root)
	add(tcase{name: "intermediate-expired", host: h, sent: []*cert{leafOf(spec{}, oldInter), oldInter}, roots: []*cert{root}})
	oldRoot := mk(spec{cn: "Expired Root", ca: true, pathlen: -1, na: now.Add(-day), nb: now.Add(-2 * day)}, nil)
	add(tcase{name: "root-expired", host: h, sent: []*cert{leafOf(spec{}, oldRoot)}, roots: []*cert{oldRoot}})
	newRoot := mk(spec{cn: "Future Root", ca: true, pathlen: -1, nb: now.Add(day), na: now.Add(2 * day)}, nil)
	add(tcase{name: "root-not-yet-valid", host: h, sent: []*cert{leafOf(spec{}, newRoot)}, roots: []*cert{newRoot}})
	// Order.
	stranger := mk(spec{cn: "Stranger CA", ca: true, pathlen: -1}, nil)
	add(tcase{name: "order-reversed", host: h, sent: []*cert{leaf, root, inter}, roots: []*cert{root}})
	add(tcase{name: "order-unrelated-between", host: h, sent: []*cert{leaf, stranger, inter}, roots: []*cert{root}})
	i2 := mk(spec{cn: "Matrix Intermediate 2", ca: true, pathlen: -1}, inter)
	l2 := leafOf(spec{}, i2)
	add(tcase{name: "two-intermediates", host: h, sent: []*cert{l2, i2, inter}, roots: []*cert{root}})
	add(tcase{name: "two-intermediates-reversed", host: h, sent: []*cert{l2, inter, i2}, roots: []*cert{root}})
	// Basic constraints and path length.
	notCA := mk(spec{cn: "Not A CA", ca: false, ku: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}, root)
	add(tcase{name: "issuer-not-ca", host: h, sent: []*cert{leafOf(spec{}, notCA), notCA}, roots: []*cert{root}})
	noBC := mk(spec{cn: "No BasicConstraints", ca: true, noBC: true, pathlen: -1}, root)
	add(tcase{name: "issuer-without-basicconstraints", host: h, sent: []*cert{leafOf(spec{}, noBC), noBC}, roots: []*cert{root}})
	root0 := mk(spec{cn: "Root pathlen 0", ca: true, pathlen: 0}, nil)
	ri := mk(spec{cn: "Under pathlen 0", ca: true, pathlen: -1}, root0)
	add(tcase{name: "root-pathlen-0-above-intermediate", host: h, sent: []*cert{leafOf(spec{}, ri), ri}, roots: []*cert{root0}})
	add(tcase{name: "root-pathlen-0-direct", host: h, sent: []*cert{leafOf(spec{}, root0)}, roots: []*cert{root0}})
	ip0 := mk(spec{cn: "Intermediate pathlen 0", ca: true, pathlen: 0}, root)
	ip0b := mk(spec{cn: "Below pathlen 0", ca: true, pathlen: -1}, ip0)
	add(tcase{name: "intermediate-pathlen-0-exceeded", host: h, sent: []*cert{leafOf(spec{}, ip0b), ip0b, ip0}, roots: []*cert{root}})
	add(tcase{name: "intermediate-pathlen-0-ok", host: h, sent: []*cert{leafOf(spec{}, ip0), ip0}, roots: []*cert{root}})
	add(std("leaf-is-ca", leafOf(spec{ca: true, pathlen: -1, ku: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign}, inter)))
	// Key usage.
	add(choose(std("leaf-ku-keyencipherment-only", leafOf(spec{ku: x509.KeyUsageKeyEncipherment}, inter)),
		"fail: an ECDHE handshake needs digitalSignature (OpenSSL)"))
	caNoSign := mk(spec{cn: "CA without keyCertSign", ca: true, pathlen: -1, ku: x509.KeyUsageCRLSign}, root)
	add(tcase{name: "ca-ku-without-keycertsign", host: h, sent: []*cert{leafOf(spec{}, caNoSign), caNoSign}, roots: []*cert{root}})
	// Extended key usage.
	add(std("leaf-eku-clientauth-only", leafOf(spec{eku: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, inter)))
	add(std("leaf-eku-client-and-server", leafOf(spec{eku: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth}}, inter)))
	add(choose(std("leaf-eku-any", leafOf(spec{eku: []x509.ExtKeyUsage{}, anyEKU: true}, inter)),
		"ok: anyExtendedKeyUsage allows serverAuth (RFC 5280 4.2.1.12, Go)"))
	add(std("leaf-no-eku", leafOf(spec{eku: []x509.ExtKeyUsage{}}, inter)))
	add(std("leaf-eku-critical", leafOf(spec{eku: []x509.ExtKeyUsage{}, extra: []pkix.Extension{
		ext(oidEKU, true, []asn1.ObjectIdentifier{oidSrv})}}, inter)))
	cliCA := mk(spec{cn: "ClientAuth CA", ca: true, pathlen: -1, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, root)
	add(tcase{name: "intermediate-eku-clientauth", host: h, sent: []*cert{leafOf(spec{}, cliCA), cliCA}, roots: []*cert{root}})
	srvCA := mk(spec{cn: "ServerAuth CA", ca: true, pathlen: -1, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, root)
	add(tcase{name: "intermediate-eku-serverauth", host: h, sent: []*cert{leafOf(spec{}, srvCA), srvCA}, roots: []*cert{root}})
	// Name constraints.
	ncs := []struct {
		name string
		s    spec
		host string
		ip   bool
	}{
		{"nc-permitted-match", spec{permDNS: []string{"example.test"}}, h, false},
		{"nc-permitted-match-critical", spec{permDNS: []string{"example.test"}, ncCrit: true}, h, false},
		{"nc-permitted-leading-dot", spec{permDNS: []string{".example.test"}, ncCrit: true}, h, false},
		{"nc-permitted-other", spec{permDNS: []string{"other.test"}}, h, false},
		{"nc-permitted-other-critical", spec{permDNS: []string{"other.test"}, ncCrit: true}, h, false},
		{"nc-excluded-match", spec{exclDNS: []string{"www.example.test"}}, h, false},
		{"nc-excluded-parent", spec{exclDNS: []string{"example.test"}}, h, false},
		{"nc-excluded-other", spec{exclDNS: []string{"other.test"}}, h, false},
		{"nc-permitted-ip", spec{permIP: []string{"127.0.0.0/8"}}, "127.0.0.1", true},
		{"nc-permitted-ip-other", spec{permIP: []string{"10.0.0.0/8"}}, "127.0.0.1", true},
		{"nc-excluded-ip", spec{exclIP: []string{"127.0.0.0/24"}}, "127.0.0.1", true},
	}
	for _, n := range ncs {
		s := n.s
		s.cn, s.ca, s.pathlen = "NC "+n.name, true, -1
		ca := mk(s, root)
		var l *cert
		if n.ip {
			l = leafOf(spec{ips: []string{"127.0.0.1"}}, ca)
		} else {
			l = leafOf(spec{}, ca)
		}
		add(tcase{name: n.name, host: n.host, sent: []*cert{l, ca}, roots: []*cert{root}})
	}
	ncRoot := mk(spec{cn: "NC Root", ca: true, pathlen: -1, exclDNS: []string{"example.test"}}, nil)
	ncri := mk(spec{cn: "Under NC Root", ca: true, pathlen: -1}, ncRoot)
	add(tcase{name: "root-nc-excludes", host: h, sent: []*cert{leafOf(spec{}, ncri), ncri}, roots: []*cert{ncRoot}})
	wildNC := mk(spec{cn: "NC excludes a sibling", ca: true, pathlen: -1, exclDNS: []string{"bad.example.test"}}, root)
	add(tcase{name: "nc-excluded-under-wildcard", host: "good.example.test",
		sent: []*cert{leafOf(spec{dns: []string{"*.example.test"}}, wildNC), wildNC}, roots: []*cert{root},
		choice: "fail: a wildcard that could name an excluded host (CVE-2025-61727, fixed in Go 1.24.11/1.25.5; x509-limbo)"})
	// Extensions.
	unk := pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Critical: true, Value: []byte{5, 0}}
	add(std("leaf-unknown-critical-extension", leafOf(spec{extra: []pkix.Extension{unk}}, inter)))
	unkCA := mk(spec{cn: "CA with an unknown critical extension", ca: true, pathlen: -1, extra: []pkix.Extension{unk}}, root)
	add(tcase{name: "intermediate-unknown-critical-extension", host: h, sent: []*cert{leafOf(spec{}, unkCA), unkCA}, roots: []*cert{root}})
	unkNC := unk
	unkNC.Critical = false
	add(std("leaf-unknown-noncritical-extension", leafOf(spec{extra: []pkix.Extension{unkNC}}, inter)))
	// Algorithms.
	for _, k := range []string{"p384", "p521", "rsa2048", "rsa4096"} {
		ca := mk(spec{cn: "CA " + k, ca: true, pathlen: -1, key: k}, root)
		add(tcase{name: "intermediate-" + k, host: h, sent: []*cert{leafOf(spec{}, ca), ca}, roots: []*cert{root}})
		add(std("leaf-"+k, leafOf(spec{key: k}, inter)))
	}
	rsaRoot := mk(spec{cn: "RSA Root", ca: true, pathlen: -1, key: "rsa2048"}, nil)
	for _, a := range []x509.SignatureAlgorithm{x509.SHA256WithRSA, x509.SHA384WithRSA, x509.SHA512WithRSA} {
		add(tcase{name: "rsa-root-" + strings.ToLower(a.String()), host: h,
			sent: []*cert{leafOf(spec{sigalg: a}, rsaRoot)}, roots: []*cert{rsaRoot}})
	}
	add(tcase{name: "rsa-pss-signature", host: h,
		sent: []*cert{leafOf(spec{sigalg: x509.SHA256WithRSAPSS}, rsaRoot)}, roots: []*cert{rsaRoot},
		choice: "fail: BearSSL 0.6 has no RSA-PSS (the line says so)"})
	for _, a := range []x509.SignatureAlgorithm{x509.ECDSAWithSHA384, x509.ECDSAWithSHA512} {
		add(std("leaf-"+strings.ToLower(a.String()), leafOf(spec{sigalg: a}, inter)))
	}
	add(choose(std("leaf-rsa1024", leafOf(spec{key: "rsa1024"}, inter)),
		"fail: RSA under 2048 bits (OpenSSL's level 2, CABF)"))
	edCA := mk(spec{cn: "Ed25519 CA", ca: true, pathlen: -1, key: "ed25519"}, root)
	add(tcase{name: "ed25519-intermediate", host: h, sent: []*cert{leafOf(spec{}, edCA), edCA}, roots: []*cert{root},
		choice: "fail: BearSSL has no Ed25519 (the line says so)"})
	add(choose(std("ed25519-leaf", leafOf(spec{key: "ed25519"}, inter)),
		"fail: BearSSL has no Ed25519 (the line says so)"))
	// More shapes a user's PKI has.
	ip6 := leafOf(spec{ips: []string{"::1"}, dns: []string{}}, inter)
	add(tcase{name: "ipv6-san", host: "::1", sent: []*cert{ip6, inter}, roots: []*cert{root}})
	add(tcase{name: "ipv6-san-other-address", host: "::2", sent: []*cert{ip6, inter}, roots: []*cert{root}})
	multi := mk(spec{cn: "NC excludes one of two", ca: true, pathlen: -1, exclDNS: []string{"bad.example.test"}}, root)
	add(tcase{name: "nc-excluded-second-san", host: h,
		sent: []*cert{leafOf(spec{dns: []string{h, "bad.example.test"}}, multi), multi}, roots: []*cert{root}})
	dnsOnly := mk(spec{cn: "NC DNS only", ca: true, pathlen: -1, permDNS: []string{"example.test"}}, root)
	add(tcase{name: "nc-dns-only-ip-leaf", host: "127.0.0.1",
		sent: []*cert{leafOf(spec{ips: []string{"127.0.0.1"}}, dnsOnly), dnsOnly}, roots: []*cert{root}})
	srvRoot := mk(spec{cn: "ServerAuth Root", ca: true, pathlen: -1, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, nil)
	add(tcase{name: "root-eku-serverauth", host: h, sent: []*cert{leafOf(spec{}, srvRoot)}, roots: []*cert{srvRoot}})
	cliRoot := mk(spec{cn: "ClientAuth Root", ca: true, pathlen: -1, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, nil)
	add(tcase{name: "root-eku-clientauth", host: h, sent: []*cert{leafOf(spec{}, cliRoot)}, roots: []*cert{cliRoot}})
	add(tcase{name: "rsa-root-sha1-signature", host: h,
		sent: []*cert{leafOf(spec{sigalg: x509.SHA1WithRSA}, rsaRoot)}, roots: []*cert{rsaRoot}})
	p521 := mk(spec{cn: "P-521 Root", ca: true, pathlen: -1, key: "p521"}, nil)
	add(tcase{name: "p521-root-sha512", host: h,
		sent: []*cert{leafOf(spec{sigalg: x509.ECDSAWithSHA512}, p521)}, roots: []*cert{p521}})
	// Cross-signing: the intermediate under two roots, one of them expired;
	// the server sends the one under the expired root.
	newR := mk(spec{cn: "New Root", ca: true, pathlen: -1}, nil)
	oldR := mk(spec{cn: "Old Root", ca: true, pathlen: -1, na: now.Add(-day), nb: now.Add(-2 * day)}, nil)
	crossKey := freshKey("p256")
	crossUnder := func(parent *cert) *cert {
		serial++
		t := &x509.Certificate{SerialNumber: big.NewInt(5000 + serial), Subject: pkix.Name{CommonName: "Cross Intermediate"},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(day), IsCA: true, BasicConstraintsValid: true,
			MaxPathLen: -1, KeyUsage: x509.KeyUsageCertSign, SubjectKeyId: []byte{1, 2, 3, 4}}
		der, err := x509.CreateCertificate(rand.Reader, t, parent.x, crossKey.Public(), parent.key)
		if err != nil {
			panic(err)
		}
		x, _ := x509.ParseCertificate(der)
		return &cert{der: der, x: x, key: crossKey, tmpl: t}
	}
	viaOld, viaNew := crossUnder(oldR), crossUnder(newR)
	crossLeaf := leafOf(spec{}, viaNew)
	add(choose(tcase{name: "cross-signed-expired-path-sent", host: h, sent: []*cert{crossLeaf, viaOld, viaNew},
		roots: []*cert{oldR, newR}},
		"ok: another path is valid and is tried (RFC 5280, Go); OpenSSL stops at the first issuer sent"))
	add(choose(tcase{name: "cross-signed-only-the-new-root", host: h, sent: []*cert{crossLeaf, viaOld, viaNew},
		roots: []*cert{newR}},
		"ok: another path is valid and is tried (RFC 5280, Go); OpenSSL stops at the first issuer sent"))
	add(tcase{name: "cross-signed-only-the-expired-root", host: h, sent: []*cert{crossLeaf, viaOld},
		roots: []*cert{oldR}})
	uriOnly := leafOf(spec{noSAN: true, extra: []pkix.Extension{{Id: oidSAN,
		Value: func() []byte {
			b, _ := asn1.Marshal([]asn1.RawValue{{Class: 2, Tag: 6, Bytes: []byte("https://www.example.test/")}})
			return b
		}()}}}, inter)
	add(std("uri-san-only", uriOnly))
	// Anchors.
	self := leafOf(spec{cn: "self-signed"}, nil)
	add(tcase{name: "self-signed-leaf-trusted", host: h, sent: []*cert{self}, roots: []*cert{self}})
	add(tcase{name: "self-signed-leaf-untrusted", host: h, sent: []*cert{self}, roots: []*cert{root}})
	if v1 != nil {
		add(tcase{name: "v1-root", host: h, sent: []*cert{leafOf(spec{noAKI: true}, v1)}, roots: []*cert{v1}})
	}
	return cs
}

func readV1(certFile, keyFile string) *cert {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		panic(err)
	}
	x, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		panic(err)
	}
	return &cert{der: pair.Certificate[0], x: x, key: pair.PrivateKey.(crypto.Signer), tmpl: x}
}

// matrix -dial PORT CAFILE NAME: Go's client's verdict on a server on
// loopback (tests/x509/limbo-live.sh): exit 0 verified, 1 not.
func dial() {
	pool := x509.NewCertPool()
	b, err := os.ReadFile(os.Args[3])
	if err == nil {
		pool.AppendCertsFromPEM(b)
	}
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp",
		"127.0.0.1:"+os.Args[2], &tls.Config{RootCAs: pool, ServerName: os.Args[4]})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	conn.Close()
}

func main() {
	if os.Args[1] == "-dial" {
		dial()
		return
	}
	dir := os.Args[1]
	var v1 *cert
	if len(os.Args) > 3 {
		v1 = readV1(os.Args[2], os.Args[3])
	}
	man, err := os.Create(dir + "/manifest")
	if err != nil {
		panic(err)
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	for _, c := range cases(v1) {
		var pemb []byte
		pool := x509.NewCertPool()
		for _, r := range c.roots {
			pemb = append(pemb, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.der})...)
			if x, err := x509.ParseCertificate(r.der); err == nil {
				pool.AddCert(x)
			}
		}
		os.WriteFile(dir+"/"+c.name+".pem", pemb, 0o644)
		tc := tls.Certificate{PrivateKey: c.sent[0].key}
		for _, s := range c.sent {
			tc.Certificate = append(tc.Certificate, s.der)
		}
		ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
			Certificates: []tls.Certificate{tc}, MaxVersion: tls.VersionTLS12,
		})
		if err != nil {
			panic(err)
		}
		srv := &http.Server{Handler: handler, ErrorLog: log.New(io.Discard, "", 0)}
		srv.SetKeepAlivesEnabled(false)
		go srv.Serve(ln)
		port := ln.Addr().(*net.TCPAddr).Port
		verdict, why := "ok", ""
		conn, err := tls.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port), &tls.Config{
			RootCAs: pool, ServerName: c.host,
		})
		if err != nil {
			verdict, why = "fail", strings.ReplaceAll(err.Error(), "|", "/")
		} else {
			conn.Close()
		}
		fmt.Fprintf(man, "%s|%d|%s|%s|%s|%s\n", c.name, port, c.host, verdict, why, c.choice)
	}
	fmt.Fprintln(man, "ready")
	man.Close()
	io.Copy(io.Discard, bufio.NewReader(os.Stdin))
}
