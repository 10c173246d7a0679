// Go twin of bench/fib.goro, built and timed by bench/run.sh for comparison.
//
// fib.goro: recursive fib(32); function-call overhead.  Prints 2178309.
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println(fib(32))
}

// Output:
// 2178309
