package main

import "fmt"

func main() {
	visits := map[string]int{"home": 1}
	for _, page := range []string{"about", "home", "home", "blog"} {
		visits[page]++
	}
	n, ok := visits["home"]
	_, missing := visits["faq"]
	delete(visits, "blog")
	total := 0
	for _, v := range visits {
		total += v
	}
	fmt.Println(visits, n, ok, missing, len(visits), total)
	var cache map[string]string
	fmt.Println(cache["x"] == "", len(cache))
	cache["x"] = "boom"
}
