// Go twin of bench/pingpong.goro, built and timed by bench/run.sh for comparison.
//
// pingpong.goro: 1,000,000 round trips between two goroutines on unbuffered
// channels; the cost of a blocking hand-off.  Prints 1000000.
package main

import "fmt"

func main() {
	const n = 1000000
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	fmt.Println(v)
}

// Output:
// 1000000
