/* netpoll.h: the network poller's interface.  The scheduler blocks here
 * when it has nothing to run, until a deadline (the next timer) or a
 * wake-up from another thread.  The epoll backend is netpoll_epoll.c. */
#ifndef GORO_NETPOLL_H
#define GORO_NETPOLL_H

#include <stdint.h>

void goro_netpoll_init(void);
/* Wake a thread blocked in goro_netpoll_wait (from any thread; coalesced). */
void goro_netpoll_break(void);
/* Block for at most [timeout_ns] (-1: no limit) or until a break;
 * retries on EINTR (GC signals) with the remaining time. */
void goro_netpoll_wait(int64_t timeout_ns);

#endif
