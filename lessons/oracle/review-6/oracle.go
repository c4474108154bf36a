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
		Name:     "review-6",
		Paths:    []string{"/report"},
		Rate:     10,
		Requests: 20,
		Steps: []harness.Step{
			harness.AtWithDumps(2*time.Second, "t=2s"),
			harness.AfterLoad("after all responses"),
			harness.At(4500*time.Millisecond, "t=4.5s"),
		},
	})
}

var _ = time.Second
