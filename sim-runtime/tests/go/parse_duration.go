// Command parse_duration prints what Go's time.ParseDuration makes of every line
// of its standard input, one result a line: the input, a tab, then "ok" and the
// nanoseconds, or "err" and the error's text. Its output on the corpus
// (gen_corpus.py) is the fixture parse-duration.go1.24.4.tsv, which the Rust
// duration parsers are checked against.
package main

import (
	"bufio"
	"fmt"
	"os"
	"time"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		s := in.Text()
		d, err := time.ParseDuration(s)
		if err != nil {
			fmt.Fprintf(out, "%s\terr\t%v\n", s, err)
		} else {
			fmt.Fprintf(out, "%s\tok\t%d\n", s, int64(d))
		}
	}
}
