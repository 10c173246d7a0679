// Go twin of bench/echo.goro, built and timed by bench/run.sh for comparison.
//
// echo.goro: a TCP echo server on loopback and 50 client goroutines, each
// making 1,000 request/response round trips of 64 bytes over its own
// connection; the netpoller's cost per blocking read.  bench/run.sh
// divides the requests by the wall time.  Prints 50000 requests.
package main

import (
	"fmt"
	"net"
)

const clients = 50
const rounds = 1000

func serve(c net.Conn) {
	buf := make([]byte, 64)
	for {
		n, err := c.Read(buf)
		if err != nil {
			c.Close()
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			c.Close()
			return
		}
	}
}

func client(addr string, done chan int) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		panic(err)
	}
	msg := make([]byte, 64)
	for i := range msg {
		msg[i] = byte('a' + i%26)
	}
	buf := make([]byte, 64)
	n := 0
	for r := 0; r < rounds; r++ {
		if _, err := c.Write(msg); err != nil {
			panic(err)
		}
		got := 0
		for got < len(msg) {
			k, err := c.Read(buf[got:])
			if err != nil {
				panic(err)
			}
			got += k
		}
		n++
	}
	c.Close()
	done <- n
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serve(c)
		}
	}()
	done := make(chan int)
	for i := 0; i < clients; i++ {
		go client(ln.Addr().String(), done)
	}
	total := 0
	for i := 0; i < clients; i++ {
		total += <-done
	}
	ln.Close()
	fmt.Println(total, "requests")
}

// Output:
// 50000 requests
