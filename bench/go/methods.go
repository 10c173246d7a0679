// Go twin of bench/methods.goro, built and timed by bench/run.sh for comparison.
//
// methods.goro: 10,000,000 method calls through an interface, then
// through a concrete type, then as plain function calls: the cost of
// dynamic dispatch.  Prints the three sums.
package main

import "fmt"

type Adder interface {
	Add(n int) int
}

type Counter struct {
	step int
}

func (c *Counter) Add(n int) int { return n + c.step }

func add(c *Counter, n int) int { return n + c.step }

func main() {
	const n = 10000000
	c := &Counter{step: 1}
	var a Adder = c
	s := 0
	for i := 0; i < n; i++ {
		s = a.Add(s)
	}
	fmt.Println("interface:", s)
	s = 0
	for i := 0; i < n; i++ {
		s = c.Add(s)
	}
	fmt.Println("concrete:", s)
	s = 0
	for i := 0; i < n; i++ {
		s = add(c, s)
	}
	fmt.Println("function:", s)
}
