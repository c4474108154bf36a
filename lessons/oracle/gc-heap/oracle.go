package main

// Oracle configuration: collections the heap triggers. The pprof lesson's
// leaky listing gets 3000 hits at 200 req/s; each request's garbage and each
// leaked sleeper's g move the pacer toward its 4 MiB minimum goal. Snapshots
// allocate nothing (see package gcwatch). Run it with GOGC unset and with
// GOGC=off.

import (
	"time"

	"leaklab/oracle/gcwatch"
)

var oracleAddr = gcwatch.Addr

func init() {
	gcwatch.Start(gcwatch.Config{
		Name:    "gc-heap",
		Batches: []gcwatch.Batch{{At: 0, Path: "/leak", Rate: 200, Requests: 3000}},
		Steps: []gcwatch.Step{
			{At: 5 * time.Second, Label: "t5s"},
			{At: 16 * time.Second, Label: "t16s"},
			{At: 76 * time.Second, Label: "t76s"},
		},
	})
}
