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
		Name:        "unbounded-send-safe",
		Paths:       []string{"/log"},
		Rate:        200,
		Requests:    400,
		LogPatterns: []string{"logged:", "dropped: context canceled", "dropped: queue full"},
		Steps: []harness.Step{
			harness.At(1*time.Second, "t=1s"),
			harness.AtWithDumps(2*time.Second, "t=2s"),
			harness.AfterLoad("after all responses"),
			harness.At(3*time.Second, "t=3s"),
		},
	})
}

var _ = time.Second
