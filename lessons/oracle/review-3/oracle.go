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
		Name:     "review-3",
		Paths:    []string{"/words?q=to+be+or+not"},
		Rate:     10,
		Requests: 20,
		Steps: []harness.Step{
			harness.AfterLoad("after all responses"),
			harness.AtWithDumps(4*time.Second, "t=4s"),
		},
	})
}

var _ = time.Second
