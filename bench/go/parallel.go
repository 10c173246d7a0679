// Go twin of bench/parallel.goro, built and timed by bench/run.sh for comparison.
//
// parallel.goro: 4 goroutines each compute fib(35) at once; pure
// computation that scales with the P's (GOMAXPROCS=2 should take about
// half the time of GOMAXPROCS=1 on two cores).  Prints 4 9227465.
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	results := make(chan int)
	for i := 0; i < 4; i++ {
		go func() { results <- fib(35) }()
	}
	count, last := 0, 0
	for i := 0; i < 4; i++ {
		last = <-results
		count++
	}
	fmt.Println(count, last)
}

// Output:
// 4 9227465
