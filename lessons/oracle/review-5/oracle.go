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
		Name:          "review-5",
		Paths:         []string{"/visit?page=home", "/visit?page=about", "/visit", "/visit?page=home"},
		Rate:          10,
		Requests:      20,
		ClientTimeout: 3 * time.Second,
		Steps: []harness.Step{
			harness.AfterLoad("after all responses or client timeouts (3 s)"),
			harness.LaterWithDumps(100*time.Millisecond, "100 ms later"),
		},
	})
}

var _ = time.Second
