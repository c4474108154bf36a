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
		Name:        "review-4",
		Paths:       []string{"/delete?id=42"},
		Rate:        200,
		Requests:    400,
		LogPatterns: []string{"audit: delete", "dropped delete"},
		Steps: []harness.Step{
			harness.AtWithDumps(1*time.Second, "t=1s"),
			harness.AfterLoad("after all responses"),
		},
	})
}

var _ = time.Second
