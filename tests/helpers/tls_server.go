// An HTTPS server on crypto/tls for the TLS interop tests
// (tests/integration/tls13.sh): the versions, groups and client
// certificate given by flags; every GET answers 200 "ok".  Writes its
// port to -portfile once listening.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
)

func main() {
	cert := flag.String("cert", "", "certificate (PEM)")
	key := flag.String("key", "", "key (PEM)")
	min := flag.String("min", "1.3", "lowest version: 1.2 or 1.3")
	max := flag.String("max", "1.3", "highest version: 1.2 or 1.3")
	curves := flag.String("curves", "", "groups, in order: X25519,P256,P384,P521")
	clientCA := flag.String("clientca", "", "require a client certificate signed by this CA")
	portfile := flag.String("portfile", "", "where to write the port")
	flag.Parse()
	versions := map[string]uint16{"1.2": tls.VersionTLS12, "1.3": tls.VersionTLS13}
	kp, err := tls.LoadX509KeyPair(*cert, *key)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{kp},
		MinVersion: versions[*min], MaxVersion: versions[*max]}
	names := map[string]tls.CurveID{"X25519": tls.X25519, "P256": tls.CurveP256,
		"P384": tls.CurveP384, "P521": tls.CurveP521}
	for _, c := range strings.Split(*curves, ",") {
		if c != "" {
			cfg.CurvePreferences = append(cfg.CurvePreferences, names[c])
		}
	}
	if *clientCA != "" {
		pem, err := os.ReadFile(*clientCA)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	os.WriteFile(*portfile+".tmp", []byte(fmt.Sprint(port)), 0o644)
	os.Rename(*portfile+".tmp", *portfile)
	srv := &http.Server{TLSConfig: cfg, Handler: http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })}
	fmt.Fprintln(os.Stderr, srv.ServeTLS(ln, "", ""))
}
