// Go twin of bench/loop.goro, built and timed by bench/run.sh for comparison.
//
// loop.goro: 50,000,000 iterations of integer arithmetic (a sum of i*i%7 mixed
// with an LCG); the interpreter's dispatch loop.  Prints 25074287134.
package main

import "fmt"

func main() {
	sum := 0
	x := 1
	for i := 0; i < 50000000; i++ {
		x = (x*1103515245 + 12345) % 2147483648
		sum += i*i%7 + x%1000
	}
	fmt.Println(sum)
}

// Output:
// 25074287134
