/* test_netpoll.c: unit tests of the netpoller's poll descriptors called
 * directly (runtime/netpoll.h): a goroutine parks on a socket and the
 * poller hands it back when the peer writes; an expired deadline fails
 * the wait; closing wakes the waiter; an event for a closed descriptor
 * is ignored even when its table slot was reused.
 *
 * The goroutines are fake G's that never run (goro_ut_fake_g): a parked
 * one is only inspected.  The scheduler is not started, so readying a G
 * only queues it. */
#include "unit.h"

#include <errno.h>
#include <sys/socket.h>

#include "netpoll.h"
#include "timer.h"

static void setup(void) { goro_ut_init(); }

TestSuite(netpoll, .init = setup, .timeout = 10.0);

/* A non-blocking socket pair, [0] registered with the poller, and the
 * events of registration (writable at once) consumed. */
static PollDesc *pair(int sv[2])
{
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
    PollDesc *pd = goro_poll_open(sv[0]);
    cr_assert_not_null(pd, "goro_poll_open: %s", strerror(errno));
    goro_netpoll(0);
    return pd;
}

/* Park [g] reading [pd], as a native that got EAGAIN does, and run the
 * park commit as the scheduler would once the M has left the G. */
static void park_reading(G *g, PollDesc *pd)
{
    cr_assert_eq(goro_poll_wait(g, pd, 'r'), POLL_PARKED);
    goro_sched_commit_now(g);
    cr_assert_eq(atomic_load(&g->status), G_WAITING);
    cr_assert_str_eq(g->waitreason, "IO wait");
}

/* The G's the poller returns within [ms], as a list. */
static int collect(G *want, int ms)
{
    int found = 0;
    int64_t end = goro_nanotime() + (int64_t)ms * 1000000;
    while (!found && goro_nanotime() < end) {
        for (G *l = goro_netpoll(10 * 1000000); l; l = l->schedlink)
            if (l == want)
                found++;
    }
    return found;
}

Test(netpoll, peer_write_readies_parked_reader)
{
    int sv[2];
    PollDesc *pd = pair(sv);
    G *g = goro_ut_fake_g();
    park_reading(g, pd);
    cr_expect_eq(goro_netpoll_waiters(), 1);
    cr_expect_null(goro_netpoll(0), "nothing is ready before the peer writes");
    cr_assert_eq(write(sv[1], "x", 1), 1);
    cr_expect_eq(collect(g, 2000), 1, "the poller returns the parked G once");
    cr_expect_eq(goro_netpoll_waiters(), 0);
    /* the readiness is left for the retried read: it consumes it */
    cr_expect_eq(goro_poll_wait(g, pd, 'r'), POLL_OK);
    char c;
    cr_expect_eq(read(sv[0], &c, 1), 1);
    cr_expect_eq(c, 'x');
    goro_poll_close(pd);
    close(sv[0]);
    close(sv[1]);
}

Test(netpoll, writable_socket_does_not_park_writer)
{
    int sv[2];
    PollDesc *pd = pair(sv);
    G *g = goro_ut_fake_g();
    /* registration reported the socket writable: the wait returns at once */
    cr_expect_eq(goro_poll_wait(g, pd, 'w'), POLL_OK);
    goro_poll_close(pd);
    close(sv[0]);
    close(sv[1]);
}

Test(netpoll, past_deadline_times_out)
{
    int sv[2];
    PollDesc *pd = pair(sv);
    G *g = goro_ut_fake_g();
    goro_poll_set_deadline(pd, goro_nanotime() - 1000, 'r');
    cr_expect_eq(goro_poll_check(pd, 'r'), POLL_ERR_TIMEOUT);
    cr_expect_eq(goro_poll_wait(g, pd, 'r'), POLL_ERR_TIMEOUT);
    cr_expect_eq(goro_poll_check(pd, 'w'), POLL_OK, "the write side has no deadline");
    goro_poll_set_deadline(pd, 0, 'r');
    cr_expect_eq(goro_poll_check(pd, 'r'), POLL_OK, "0 clears the deadline");
    goro_poll_set_deadline(pd, goro_nanotime() - 1000, 'b');
    cr_expect_eq(goro_poll_check(pd, 'w'), POLL_ERR_TIMEOUT);
    cr_expect_eq(goro_poll_check(pd, 'r'), POLL_ERR_TIMEOUT);
    goro_poll_close(pd);
    close(sv[0]);
    close(sv[1]);
}

Test(netpoll, expiring_deadline_wakes_parked_reader)
{
    int sv[2];
    PollDesc *pd = pair(sv);
    G *g = goro_ut_fake_g();
    park_reading(g, pd);
    /* setting a deadline in the past readies the waiter at once */
    goro_poll_set_deadline(pd, goro_nanotime() - 1, 'r');
    cr_expect_eq(atomic_load(&g->status), G_RUNNABLE);
    cr_expect_eq(goro_netpoll_waiters(), 0);
    cr_expect_eq(goro_poll_wait(g, pd, 'r'), POLL_ERR_TIMEOUT, "its retry sees the timeout");
    goro_poll_close(pd);
    close(sv[0]);
    close(sv[1]);
}

Test(netpoll, close_wakes_parked_reader)
{
    int sv[2];
    PollDesc *pd = pair(sv);
    G *g = goro_ut_fake_g();
    park_reading(g, pd);
    cr_expect_eq(goro_netpoll_waiters(), 1);
    goro_poll_close(pd);
    cr_expect_eq(atomic_load(&g->status), G_RUNNABLE, "close readies the waiter");
    cr_expect_eq(goro_netpoll_waiters(), 0);
    cr_expect_eq(goro_poll_check(pd, 'r'), POLL_ERR_CLOSING);
    cr_expect_eq(goro_poll_wait(g, pd, 'r'), POLL_ERR_CLOSING, "its retry sees the close");
    goro_poll_close(pd);   /* twice is harmless */
    close(sv[0]);
    close(sv[1]);
}

Test(netpoll, stale_event_after_close_is_ignored)
{
    /* A fresh process's first descriptor takes table slot 0 with fd
     * sequence 1, so its epoll tag is 1 << 32 | 0 (netpoll.c). */
    int a[2], b[2];
    PollDesc *pa = pair(a);
    uint64_t stale_tag = (uint64_t)1 << 32 | 0;
    goro_poll_close(pa);
    close(a[0]);
    close(a[1]);
    /* the slot is reused by the next descriptor, with sequence 2 */
    PollDesc *pb = pair(b);
    G *g = goro_ut_fake_g();
    park_reading(g, pb);
    G *list = NULL;
    goro_poll_ready(stale_tag, true, true, &list);
    cr_expect_null(list, "an event of the closed descriptor wakes nobody");
    cr_expect_eq(atomic_load(&g->status), G_WAITING);
    cr_expect_eq(goro_netpoll_waiters(), 1);
    goro_poll_ready((uint64_t)2 << 32 | 0, true, false, &list);
    cr_expect_eq(list, g, "the live descriptor's event wakes its waiter");
    goro_poll_close(pb);
    close(b[0]);
    close(b[1]);
}

Test(netpoll, readiness_before_wait_is_not_lost)
{
    int sv[2];
    PollDesc *pd = pair(sv);
    G *g = goro_ut_fake_g();
    cr_assert_eq(write(sv[1], "y", 1), 1);
    /* the poller takes the event while nobody waits: it is kept (READY) */
    cr_expect_null(goro_netpoll(200 * 1000000));
    cr_expect_eq(goro_poll_wait(g, pd, 'r'), POLL_OK, "the wait consumes it at once");
    cr_expect_eq(atomic_load(&g->status), G_IDLE, "the G never parked");
    goro_poll_close(pd);
    close(sv[0]);
    close(sv[1]);
}
