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
		Name:     "review-1",
		Paths:    []string{"/user?id=7"},
		Rate:     10,
		Requests: 20,
		Steps: []harness.Step{
			harness.AtWithDumps(2550*time.Millisecond, "t=2.55s"),
			harness.AfterLoad("after all responses"),
			harness.At(6*time.Second, "t=6s"),
		},
	})
}

var _ = time.Second
