// Command leadpipe imports CSV and XLSX lead lists into an embedded store,
// and lists, shows and exports what it holds. Run `leadpipe --help`.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], System()))
}
