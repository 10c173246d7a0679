/* netpoll.h: the network poller (design comment in netpoll.c).
 *
 * Descriptors are non-blocking and registered once, edge-triggered, for
 * both directions.  A native that gets EAGAIN calls goro_poll_wait: the
 * goroutine parks in the descriptor (no thread waits) and, when the fd
 * is ready, a deadline passes or it is closed, the native is called
 * again (GORO_NATIVE_RETRY) and retries the operation.  The scheduler
 * polls between goroutines and blocks here when it has nothing to run.
 * The epoll backend is netpoll_epoll.c. */
#ifndef GORO_NETPOLL_H
#define GORO_NETPOLL_H

#include <stdbool.h>
#include <stdint.h>

struct G;

void goro_netpoll_init(void);
/* Wake an M blocked in goro_netpoll (from any thread; coalesced). */
void goro_netpoll_break(void);
/* Wait at most [delay] ns (-1: no limit, 0: do not block) for ready
 * descriptors; returns the goroutines they readied, linked through
 * schedlink, not yet runnable (the caller injects them). */
struct G *goro_netpoll(int64_t delay);
/* Goroutines parked on descriptors (the deadlock check needs it). */
int goro_netpoll_waiters(void);

typedef struct PollDesc PollDesc;

enum {
    POLL_OK = 0,        /* try the operation (again) */
    POLL_PARKED,        /* parked: the native returns GORO_NATIVE_RETRY */
    POLL_ERR_CLOSING,   /* the descriptor is being closed: "use of closed network connection" */
    POLL_ERR_TIMEOUT,   /* the deadline passed: "i/o timeout" */
};

/* Register [fd] (already non-blocking); NULL with errno on failure
 * (EPERM: a regular file, which cannot be polled). */
PollDesc *goro_poll_open(int fd);
/* Unregister, before close(fd): wakes every goroutine waiting on it. */
void goro_poll_close(PollDesc *pd);
/* After EAGAIN: park [g] until the fd is ready for [mode] ('r' or 'w').
 * Inside a native callback (no parking) it blocks the thread instead,
 * as a system call.  Returns POLL_PARKED, POLL_OK or an error. */
int goro_poll_wait(struct G *g, PollDesc *pd, int mode);
/* Before an operation: POLL_OK, or the error it must fail with; also
 * forgets a readiness seen before (Go's pollReset), since the operation
 * is about to find out for itself. */
int goro_poll_check(PollDesc *pd, int mode);
/* Deadline for [mode] ('r', 'w' or 'b' for both) at monotonic time
 * [when] ns; 0 clears it, a time in the past expires it at once. */
void goro_poll_set_deadline(PollDesc *pd, int64_t when, int mode);

/* Backend (netpoll_epoll.c), used by netpoll.c. */
int goro_netpoll_backend_open(int fd, uint64_t tag);
void goro_netpoll_backend_close(int fd);
/* Called by the backend for each event. */
void goro_poll_ready(uint64_t tag, bool readable, bool writable, struct G **list);

#endif
