package main

// Oracle configuration: the upstream lesson's leaky listing on Go 1.26 with
// GOEXPERIMENT=goroutineleakprofile, serving net/http/pprof (imported here, so
// the listing is unchanged) so that the goroutineleak profile can be fetched
// over HTTP once every handler has timed out and its goroutine is stuck on
// `responseCh <- result`. Build and run it with:
//
//	GOEXPERIMENT=goroutineleakprofile GO=/opt/go1.26/usr/lib/go-1.26/bin/go ./run.sh upstream-leaky-leakprofile

import (
	"log"
	_ "net/http/pprof"
	"time"

	"leaklab/oracle/harness"
)

var oracleAddr = harness.Addr

func oracleUpstreamURL() string { return harness.UpstreamURL() }

func init() {
	log.SetOutput(harness.LogWriter())
	harness.Start(harness.Config{
		Name:     "upstream-leaky-leakprofile",
		Paths:    []string{"/api"},
		Rate:     10,
		Requests: 20,
		Upstream: "hang",
		FetchAfter: []string{
			"/debug/pprof/goroutine?debug=2",
			"/debug/pprof/goroutineleak?debug=1",
			"/debug/pprof/goroutineleak?debug=2",
			"/debug/pprof/goroutineleak",
			"/debug/pprof/goroutine?debug=2&again=1",
		},
		Steps: []harness.Step{
			harness.AfterLoad("after all responses and the profile fetches"),
		},
	})
}

var _ = time.Second
