package main

// Oracle configuration for this scenario; main.go is the lesson listing.

import (
	"log"
	"time"

	"leaklab/oracle/harness"
)

var oracleAddr = harness.Addr

func init() {
	log.SetOutput(harness.LogWriter())
	harness.Start(harness.Config{
		Name:       "pprof-safe",
		Paths:      []string{"/leak"},
		Rate:       10,
		Requests:   20,
		FetchAfter: []string{"/debug/pprof/goroutine?debug=1", "/debug/pprof/goroutine?debug=2", "/debug/pprof/goroutine"},
		Steps: []harness.Step{
			harness.At(1*time.Second, "t=1s"),
			harness.AfterLoad("after 20 hits and the profile fetches"),
		},
	})
}

var _ = time.Second
