/* netpoll_epoll.c: the epoll backend of the netpoller (netpoll.h).
 *
 * Every descriptor is registered once, edge-triggered, for input and
 * output (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET), as Go's
 * netpollopen; no EPOLL_CTL_MOD per operation.  The event's data is the
 * descriptor's tag (table index and sequence number, netpoll.c), never
 * a pointer: epoll's memory is invisible to Boehm, and a stale event
 * for a reused fd is recognised by its sequence number.
 *
 * An eventfd (tag 0), level-triggered, breaks a blocked epoll_wait
 * (goro_netpoll_break, Go's netpollBreak).  Breaks are coalesced with an
 * atomic flag: only the first break after the poller drains the eventfd
 * writes to it, and a break before the wait begins makes the wait
 * return at once: none is lost.
 *
 * Boehm's stop-the-world signals interrupt epoll_wait (EINTR) at every
 * collection: a blocking wait retries with the remaining time
 * (techniques.md, verified 50/50 EINTR under GC load). */
#include "netpoll.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
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
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, breakfd, &ev) < 0)
        goro_fatal("netpoll: epoll_ctl: %s", strerror(errno));
}

int goro_netpoll_backend_open(int fd, uint64_t tag)
{
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
                             .data.u64 = tag};
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

void goro_netpoll_backend_close(int fd)
{
    struct epoll_event ev = {0};
    epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev);
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

struct G *goro_netpoll(int64_t delay)
{
    if (epfd < 0)
        return NULL;
    int64_t deadline = delay < 0 ? -1 : goro_nanotime() + delay;
    struct G *list = NULL;
    for (;;) {
        int ms;
        if (delay < 0) {
            ms = -1;
        } else if (delay == 0) {
            ms = 0;
        } else {
            int64_t left = deadline - goro_nanotime();
            if (left <= 0)
                return list;
            /* round up: a sub-millisecond wait must not spin (Go does the same) */
            int64_t m = (left + 999999) / 1000000;
            ms = m > 1000000 ? 1000000 : (int)m;
        }
        struct epoll_event evs[128];
        int n = epoll_wait(epfd, evs, 128, ms);
        if (n < 0) {
            if (errno == EINTR) {
                if (delay == 0)
                    return list;
                continue;
            }
            goro_fatal("netpoll: epoll_wait: %s", strerror(errno));
        }
        for (int i = 0; i < n; i++) {
            uint32_t e = evs[i].events;
            if (evs[i].data.u64 == 0) {
                uint64_t v;
                while (read(breakfd, &v, sizeof v) < 0 && errno == EINTR)
                    ;
                atomic_store(&break_pending, 0);
                continue;
            }
            bool r = e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR);
            bool w = e & (EPOLLOUT | EPOLLHUP | EPOLLERR);
            goro_poll_ready(evs[i].data.u64, r, w, &list);
        }
        return list;
    }
}
