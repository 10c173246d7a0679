// Go twin of bench/spawn.goro, built and timed by bench/run.sh for comparison.
//
// spawn.goro: spawn 1,000,000 goroutines that each add one number and signal
// completion on a buffered channel; goroutine creation and exit cost.
// Prints 1000000 499999500000.
package main

import "fmt"

func main() {
	const n = 1000000
	done := make(chan int, 1000)
	go func() {
		for i := 0; i < n; i++ {
			go func(x int) { done <- x }(i)
		}
	}()
	count, sum := 0, 0
	for i := 0; i < n; i++ {
		sum += <-done
		count++
	}
	fmt.Println(count, sum)
}

// Output:
// 1000000 499999500000
