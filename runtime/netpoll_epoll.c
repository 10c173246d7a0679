/* netpoll_epoll.c: the epoll backend of the netpoller (netpoll.h).
 *
 * For now the poller watches one descriptor: an eventfd that other
 * threads write to wake a scheduler blocked here (goro_netpoll_break,
 * as Go's netpollBreak).  Breaks are coalesced with an atomic flag: only
 * the first break after the poller drains the eventfd writes to it.  The
 * eventfd is level-triggered, so a break that happens before the wait
 * begins makes the wait return at once: no wake-up is lost.
 *
 * Boehm's stop-the-world signals interrupt epoll_wait (EINTR) at every
 * collection; the wait retries with the remaining time
 * (techniques.md, verified 50/50 EINTR under GC load). */
#include "netpoll.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "timer.h"

static int epfd = -1;
static int breakfd = -1;
static _Atomic int break_pending;

void goro_netpoll_init(void)
{
    if (epfd >= 0)
        return;
    epfd = epoll_create1(EPOLL_CLOEXEC);
    breakfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epfd < 0 || breakfd < 0)
        goro_fatal("netpoll: cannot create epoll or eventfd: %s", strerror(errno));
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, breakfd, &ev) < 0)
        goro_fatal("netpoll: epoll_ctl: %s", strerror(errno));
}

void goro_netpoll_break(void)
{
    if (breakfd < 0)
        return;
    int expected = 0;
    if (!atomic_compare_exchange_strong(&break_pending, &expected, 1))
        return;
    uint64_t one = 1;
    while (write(breakfd, &one, sizeof one) < 0 && errno == EINTR)
        ;
}

void goro_netpoll_wait(int64_t timeout_ns)
{
    int64_t deadline = timeout_ns < 0 ? -1 : goro_nanotime() + timeout_ns;
    for (;;) {
        int ms;
        if (deadline < 0) {
            ms = -1;
        } else {
            int64_t left = deadline - goro_nanotime();
            if (left <= 0)
                return;
            /* round up: a sub-millisecond wait must not spin (Go does the same) */
            int64_t m = (left + 999999) / 1000000;
            ms = m > 1000000 ? 1000000 : (int)m;
        }
        struct epoll_event evs[8];
        int n = epoll_wait(epfd, evs, 8, ms);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goro_fatal("netpoll: epoll_wait: %s", strerror(errno));
        }
        if (n == 0)
            return;
        for (int i = 0; i < n; i++) {
            if (evs[i].data.ptr == NULL) {
                uint64_t v;
                while (read(breakfd, &v, sizeof v) < 0 && errno == EINTR)
                    ;
                atomic_store(&break_pending, 0);
            }
        }
        return;
    }
}
