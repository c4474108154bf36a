package main

// Oracle configuration: when do wait minutes appear? The pprof lesson's leaky
// listing gets three batches of 20 hits (each leaves a 10-minute sleeper) and
// two explicit runtime.GC() calls, then stays idle until sysmon forces a
// collection two minutes after the last one. Snapshots allocate nothing (see
// package gcwatch), so only the listing and the load move the pacer.

import (
	"time"

	"leaklab/oracle/gcwatch"
)

var oracleAddr = gcwatch.Addr

func init() {
	gcwatch.Start(gcwatch.Config{
		Name: "gc-minutes",
		Batches: []gcwatch.Batch{
			{At: 0, Path: "/leak", Rate: 10, Requests: 20},
			{At: 65 * time.Second, Path: "/leak", Rate: 10, Requests: 20},
			{At: 130 * time.Second, Path: "/leak", Rate: 10, Requests: 20},
		},
		Steps: []gcwatch.Step{
			{At: 62 * time.Second, Label: "t62s"},
			{At: 63 * time.Second, GC: true},
			{At: 70 * time.Second, GC: true},
			{At: 124 * time.Second, Label: "t124s"},
			{At: 300 * time.Second, Label: "t300s"},
		},
	})
}
