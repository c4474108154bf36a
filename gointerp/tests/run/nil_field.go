package main

import "fmt"

type config struct {
	name string
	port int
}

func find(name string) *config {
	if name == "web" {
		return &config{name: "web", port: 8080}
	}
	return nil
}

func main() {
	c := find("web")
	fmt.Println(c.name, c.port)
	d := find("db")
	fmt.Println(d == nil)
	fmt.Println(d.port)
}
