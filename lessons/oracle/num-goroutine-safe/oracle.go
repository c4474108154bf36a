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
		Name:        "num-goroutine-safe",
		Paths:       []string{"/"},
		Rate:        10,
		Requests:    20,
		PrintBodies: true,
		FetchAfter:  []string{"/metrics"},
		Steps: []harness.Step{
			harness.AfterLoad("after 20 hits"),
			harness.LaterWithDumps(100*time.Millisecond, "100 ms later"),
		},
	})
}

var _ = time.Second
