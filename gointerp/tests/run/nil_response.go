package main

import (
	"fmt"
	"net/http"
)

func status(resp *http.Response) string {
	if resp == nil {
		return "no response"
	}
	return resp.Status
}

func main() {
	var resp *http.Response
	fmt.Println(status(resp))
	defer resp.Body.Close()
	fmt.Println("unreachable")
}
