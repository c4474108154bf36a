package main

import (
	"fmt"
	"log"
	"math"
	"net/http"
	"sync/atomic"
	"time"
)

// edit: request ids are uint64s that wrap past MaxUint64, each request's
// shard (a byte) hashed from its id; the audit goroutine sends to a shard's
// channel, and only shard 0 has a reader
var lastID atomic.Uint64

var shards = []chan uint64{make(chan uint64), make(chan uint64), make(chan uint64), make(chan uint64)}

func init() {
	lastID.Store(math.MaxUint64 - 5)
	go func() {
		for id := range shards[0] {
			_ = id
		}
	}()
}

func shardOf(id uint64) uint8 {
	h := uint32(2166136261)
	for i := uint(0); i < 64; i += 8 {
		h ^= uint32(id >> i & 0xff)
		h *= 16777619
	}
	return uint8(h % uint32(len(shards)))
}

func handler(w http.ResponseWriter, r *http.Request) {
	id := lastID.Add(1)
	shard := shardOf(id)
	go func() {
		shards[shard] <- id // blocks forever unless shard is 0
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Fprintf(w, "request %d (%#x) on shard %d\n", id, id, shard)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
