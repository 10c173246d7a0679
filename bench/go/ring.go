// Go twin of bench/ring.goro, built and timed by bench/run.sh for comparison.
//
// ring.goro: 1,000 goroutines in a ring pass a token 1,000 laps (1,000,000
// hand-offs on unbuffered channels); context-switch cost.  Prints 1000000.
package main

import "fmt"

func node(in, out chan int) {
	for v := range in {
		out <- v + 1
	}
	close(out)
}

func main() {
	const n = 1000
	const laps = 1000
	first := make(chan int)
	in := first
	for i := 0; i < n-1; i++ {
		out := make(chan int)
		go node(in, out)
		in = out
	}
	// in is now the channel the last node writes to; main closes the ring.
	tok := 0
	for lap := 0; lap < laps; lap++ {
		first <- tok
		tok = <-in
		tok++
	}
	close(first)
	fmt.Println(tok)
}

// Output:
// 1000000
