// Go twin of bench/parked.goro, built and timed by bench/run.sh for comparison.
//
// parked.goro: spawn N goroutines (N = os.Args[1], default 100000) that all
// block receiving on one channel, force a GC, print "ready" (on stderr,
// which is never buffered) and sleep;
// bench/run.sh reads VmRSS from /proc/PID/status while it sleeps and then
// kills it, so (RSS(N) - RSS(0)) / N is what one parked goroutine costs.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

func main() {
	n := 100000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ch := make(chan int)
	started := make(chan bool)
	for i := 0; i < n; i++ {
		go func() {
			started <- true
			<-ch
		}()
	}
	// Every goroutine has run up to its receive once all have signalled;
	// a short sleep lets the last ones park.
	for i := 0; i < n; i++ {
		<-started
	}
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
	fmt.Fprintln(os.Stderr, "ready", runtime.NumGoroutine())
	time.Sleep(time.Hour)
}
