// Go twin of bench/fanin.goro, built and timed by bench/run.sh for comparison.
//
// fanin.goro: 8 producers send 125,000 values each into one unbuffered
// channel read by main (1,000,000 hand-offs from many senders to one
// receiver); contention on one channel.  Prints 1000000 499999500000.
package main

import "fmt"

func main() {
	const producers = 8
	const each = 125000
	out := make(chan int)
	for p := 0; p < producers; p++ {
		go func(p int) {
			for i := 0; i < each; i++ {
				out <- p*each + i
			}
		}(p)
	}
	count, sum := 0, 0
	for i := 0; i < producers*each; i++ {
		sum += <-out
		count++
	}
	fmt.Println(count, sum)
}

// Output:
// 1000000 499999500000
