// Go twin of bench/binarytrees.goro, built and timed by bench/run.sh for comparison.
//
// binarytrees.goro: the Benchmarks Game binary-trees at depth 16 (stretch
// tree, long-lived tree, 2^(max-d+min) trees per depth, check sums); GC
// allocation.  A node is a 2-element slice {left, right}; a leaf is nil.
package main

import "fmt"

func bottomUp(depth int) []interface{} {
	if depth <= 0 {
		return []interface{}{nil, nil}
	}
	return []interface{}{bottomUp(depth - 1), bottomUp(depth - 1)}
}

func check(t []interface{}) int {
	if t[0] == nil {
		return 1
	}
	return 1 + check(t[0].([]interface{})) + check(t[1].([]interface{}))
}

func main() {
	n := 16
	minDepth := 4
	maxDepth := n
	if minDepth+2 > n {
		maxDepth = minDepth + 2
	}
	stretch := maxDepth + 1
	fmt.Printf("stretch tree of depth %d\t check: %d\n", stretch, check(bottomUp(stretch)))

	longLived := bottomUp(maxDepth)
	for d := minDepth; d <= maxDepth; d += 2 {
		iters := 1 << uint(maxDepth-d+minDepth)
		chk := 0
		for i := 0; i < iters; i++ {
			chk += check(bottomUp(d))
		}
		fmt.Printf("%d\t trees of depth %d\t check: %d\n", iters, d, chk)
	}
	fmt.Printf("long lived tree of depth %d\t check: %d\n", maxDepth, check(longLived))
}

// Output:
// stretch tree of depth 17	 check: 262143
// 65536	 trees of depth 4	 check: 2031616
// 16384	 trees of depth 6	 check: 2080768
// 4096	 trees of depth 8	 check: 2093056
// 1024	 trees of depth 10	 check: 2096128
// 256	 trees of depth 12	 check: 2096896
// 64	 trees of depth 14	 check: 2097088
// 16	 trees of depth 16	 check: 2097136
// long lived tree of depth 16	 check: 131071
