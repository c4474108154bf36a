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
		Name:     "review-2",
		Paths:    []string{"/download"},
		Rate:     10,
		Requests: 20,
		Steps: []harness.Step{
			harness.AtWithDumps(1050*time.Millisecond, "t=1.05s"),
			harness.AfterLoad("after all responses"),
			harness.At(4*time.Second, "t=4s"),
		},
	})
}

var _ = time.Second
