package main

import (
	"log"
	"net/http"
	"sync"
	"time"
)

var (
	taskQueue = make(chan string)
	wg        sync.WaitGroup
)

func worker(id int) {
	defer wg.Done()
	for {
		task := <-taskQueue
		log.Printf("worker %d: processing %s", id, task)
		time.Sleep(100 * time.Millisecond)
	}
}

func main() {
	for i := 1; i <= 2; i++ {
		wg.Add()
		go worker("first")
		go worker(i, i)
	}
	http.HandleFunc("/queue", nil)
	log.Fatal(http.ListenAndServe(":8080"))
}
