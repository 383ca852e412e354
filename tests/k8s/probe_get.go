// The kubelet's httpGet probe, for the CRI suite's CPU measure
// (tests/k8s/cri.js): net/http as the kubelet's prober sets it up (no
// keep-alive, User-Agent kube-probe, Accept */*, the probe's timeout,
// 200-399), N probes INTERVAL ms apart, then one line: how many
// succeeded and the CPU this process spent on them, in ms (the sum of its
// threads' run time from /proc/self/task/*/schedstat, in nanoseconds,
// taken around each probe).
//
//	probe_get URL N INTERVAL_MS
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func cpuNs() int64 {
	var sum int64
	tasks, _ := filepath.Glob("/proc/self/task/*/schedstat")
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		n, _ := strconv.ParseInt(strings.Fields(string(b))[0], 10, 64)
		sum += n
	}
	return sum
}

func main() {
	url := os.Args[1]
	n, _ := strconv.Atoi(os.Args[2])
	gap, _ := strconv.Atoi(os.Args[3])
	client := &http.Client{
		Timeout:   time.Second,
		Transport: &http.Transport{DisableKeepAlives: true},
	}
	probe := func() bool {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("User-Agent", "kube-probe/1.32")
		req.Header.Set("Accept", "*/*")
		res, err := client.Do(req)
		if err != nil {
			return false
		}
		io.Copy(io.Discard, io.LimitReader(res.Body, 10240))
		res.Body.Close()
		return res.StatusCode >= 200 && res.StatusCode < 400
	}
	probe() // the first call pays for what the runtime sets up once
	ok, spent := 0, int64(0)
	for i := 0; i < n; i++ {
		t := cpuNs()
		if probe() {
			ok++
		}
		spent += cpuNs() - t
		time.Sleep(time.Duration(gap) * time.Millisecond)
	}
	fmt.Printf("%d %.3f\n", ok, float64(spent)/1e6)
}
