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
		Name:        "workers-leaky",
		Paths:       []string{"/queue?task=resize"},
		Rate:        30,
		Requests:    60,
		LogPatterns: []string{"processing"},
		Steps: []harness.Step{
			harness.AtWithDumps(2*time.Second, "t=2s"),
			harness.InterruptAt(2 * time.Second),
			harness.AfterLoad("after all responses"),
			harness.OnLog("stopped", "when main logs that it stopped"),
			harness.LaterWithDumps(500*time.Millisecond, "0.5 s after the stop line"),
		},
	})
}

var _ = time.Second
