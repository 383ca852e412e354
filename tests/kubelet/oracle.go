// Command oracle: the kubelet's HTTP probe rules, written for this project
// with Go's standard library, to judge the same cases as bin/healthcheck.
//
//	oracle [-k] [-t timeout] [-H 'Name: value']... [--host HOST] [-X METHOD] URL
//
// Prints one line and exits 0 (the kubelet's Success or Warning) or 1
// (Failure).  The rules, as the kubelet's prober documents and does them:
//   - a transport with no proxy and no keep-alives (Go then sends
//     "Connection: close"), and for https the kubelet's TLS: no
//     certificate check (-k here, as bin/healthcheck-curl's -k);
//   - User-Agent "kube-probe/1.29" and Accept "*/*" unless a header of
//     that name is given; an Accept given empty removes Accept, a
//     User-Agent given empty sends none; every other header is sent as
//     given, an empty value included; a Host header sets the request's
//     Host;
//   - redirects through net/http's client with the kubelet's checker: a
//     redirect to another hostname (ports not compared, the hostname of
//     the first request) is not followed and the 3xx counts (a Warning,
//     healthy); at most 10 requests in all, the 11th is an error;
//   - status 200 to 399 is healthy;
//   - up to 10 KiB of the body is read; reaching 10 KiB is fine (the rest
//     is not read), any other error reading it is a Failure.
package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

const maxBody = 10 * 1024

type headers []string

func (h *headers) String() string { return strings.Join(*h, ", ") }

func fail(format string, a ...interface{}) {
	fmt.Printf("unhealthy: "+format+"\n", a...)
	os.Exit(1)
}

func main() {
	timeout := 800 * time.Millisecond
	var hs []string
	host, method, url, insecure := "", "GET", "", false
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "-t":
			i++
			d, err := time.ParseDuration(args[i])
			if err != nil {
				fail("bad -t %q", args[i])
			}
			timeout = d
		case "-H":
			i++
			hs = append(hs, args[i])
		case "--host":
			i++
			host = args[i]
		case "-X":
			i++
			method = args[i]
		case "-k":
			insecure = true
		default:
			url = args[i]
		}
	}
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		fail("bad URL: %v", err)
	}
	h := http.Header{}
	for _, line := range hs {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			fail("bad header %q", line)
		}
		h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	if host != "" {
		h.Set("Host", host)
	}
	if _, ok := h["User-Agent"]; !ok {
		h.Set("User-Agent", "kube-probe/1.29")
	}
	if _, ok := h["Accept"]; !ok {
		h.Set("Accept", "*/*")
	} else if h.Get("Accept") == "" {
		h.Del("Accept")
	}
	req.Header = h
	req.Host = h.Get("Host")

	client := &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:             nil,
			DisableKeepAlives: true,
			TLSClientConfig:   &tls.Config{InsecureSkipVerify: insecure},
		},
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if r.URL.Hostname() != via[0].URL.Hostname() {
				return http.ErrUseLastResponse
			}
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			return nil
		},
	}
	res, err := client.Do(req)
	if err != nil {
		fail("%v", err)
	}
	defer res.Body.Close()
	lr := &io.LimitedReader{R: res.Body, N: maxBody}
	b, err := io.ReadAll(lr)
	if err != nil {
		fail("status %d, body: %v", res.StatusCode, err)
	}
	if res.StatusCode >= 200 && res.StatusCode < 400 {
		fmt.Printf("healthy: status %d, %d body bytes read\n", res.StatusCode, len(b))
		os.Exit(0)
	}
	fail("status %d", res.StatusCode)
}
