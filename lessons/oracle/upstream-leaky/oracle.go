package main

// Oracle configuration for this scenario; main.go is the lesson listing.

import (
	"log"
	"time"

	"leaklab/oracle/harness"
)

var oracleAddr = harness.Addr

func oracleUpstreamURL() string { return harness.UpstreamURL() }

func init() {
	log.SetOutput(harness.LogWriter())
	harness.Start(harness.Config{
		Name:     "upstream-leaky",
		Paths:    []string{"/api"},
		Rate:     10,
		Requests: 20,
		Upstream: "hang",
		Steps: []harness.Step{
			harness.AtWithDumps(2*time.Second, "t=2s"),
			harness.At(4*time.Second, "t=4s"),
			harness.AfterLoad("after all responses"),
			harness.AtWithDumps(8*time.Second, "t=8s"),
		},
	})
}

var _ = time.Second
