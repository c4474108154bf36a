package main

func main() {
	stop := make(chan struct{})
	close(stop)
	close(stop)
}
