package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"
)

var (
	taskQueue = make(chan string, 10) // edit: room for ten tasks
	wg        sync.WaitGroup
)

func worker(id int) {
	defer wg.Done() // never runs: the loop has no way out
	for {
		task := <-taskQueue
		log.Printf("worker %d: processing %s", id, task)
		time.Sleep(100 * time.Millisecond)
	}
}

func queueHandler(w http.ResponseWriter, r *http.Request) {
	task := r.URL.Query().Get("task")
	if task == "" {
		task = "default-task"
	}
	taskQueue <- task // waits while every worker is busy
	fmt.Fprintf(w, "task %q queued\n", task)
}

func main() {
	for i := 1; i <= 2; i++ {
		wg.Add(1)
		go worker(i)
	}

	http.HandleFunc("/queue", queueHandler)
	srv := &http.Server{Addr: ":8080"}
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop // wait for Ctrl+C
	if err := srv.Shutdown(context.Background()); err != nil {
		log.Print(err)
	}
	// Nobody tells the workers to stop: they stay parked on <-taskQueue.
	log.Println("server stopped")
}

// oracle-load: workers (the workers lesson's load and interrupt at 2 s)
