// Go twin of bench/sieve.goro, built and timed by bench/run.sh for comparison.
//
// sieve.goro: the concurrent prime sieve (a chain of filter goroutines, one
// per prime found) to the 3,000th prime; many short hand-offs through a long
// pipeline.  Prints 27449.
package main

import "fmt"

func generate(ch chan int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in, out chan int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	ch := make(chan int)
	go generate(ch)
	prime := 0
	for i := 0; i < 3000; i++ {
		prime = <-ch
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	fmt.Println(prime)
}

// Output:
// 27449
