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
	taskQueue   = make(chan string) // unbuffered: a send waits for an idle worker
	stopWorkers = make(chan struct{})
	wg          sync.WaitGroup
)

func worker(id int) {
	defer wg.Done()
	for task := range taskQueue { // edit: ends when the queue is closed
		log.Printf("worker %d: processing %s", id, task)
		time.Sleep(100 * time.Millisecond)
	}
}

func queueHandler(w http.ResponseWriter, r *http.Request) {
	task := r.URL.Query().Get("task")
	if task == "" {
		task = "default-task"
	}
	select { // hand over the task, unless the client has gone
	case taskQueue <- task:
		fmt.Fprintf(w, "task %q queued\n", task)
	case <-r.Context().Done():
	}
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
	// Shutdown returns once every handler has finished, so from here on
	// nobody sends on taskQueue and the workers may stop.
	if err := srv.Shutdown(context.Background()); err != nil {
		log.Print(err)
	}
	close(taskQueue) // edit: instead of stopWorkers
	wg.Wait()
	log.Println("server and workers stopped")
}

// oracle-load: workers (the workers lesson's load and interrupt at 2 s)
