/* test_chan.c: unit tests of channels and select called directly
 * (runtime/chan.h): buffered FIFO order, full/empty, close semantics,
 * the panics of bad sends and closes, hand-off to a parked goroutine,
 * element coercion, and select with and without default.
 *
 * The goroutines here are zeroed G structs that never run: a parked one
 * is only inspected (status, park_vals), which is what a waker promises
 * to deliver before the scheduler resumes it. */
#include "unit.h"

#include "chan.h"

static void setup(void) { goro_ut_init(); }

TestSuite(chan, .init = setup, .timeout = 10.0);

static char *panic_text(G *g)
{
    cr_assert(g->has_pending_panic, "no pending panic");
    Value v = g->pending_panic;
    if (VKIND(v) == VK_STRING)
        return goro_ut_cstr(v);
    return goro_panic_message(g, v);
}

static int send(G *g, Chan *c, int64_t v) { return goro_chan_send(g, c, goro_int(v), false); }

static int64_t recv_ok(G *g, Chan *c)
{
    Value v;
    bool ok = false;
    int r = goro_chan_recv(g, c, &v, &ok, false);
    cr_assert_eq(r, CHAN_OK, "receive: %d", r);
    cr_assert(ok);
    return v.u.i;
}

Test(chan, buffered_fifo_and_full)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 3);
    cr_expect_eq(send(g, c, 1), CHAN_OK);
    cr_expect_eq(send(g, c, 2), CHAN_OK);
    cr_expect_eq(send(g, c, 3), CHAN_OK);
    cr_expect_eq(goro_chan_len(c), 3);
    cr_expect_eq(send(g, c, 4), CHAN_WOULDBLOCK, "a full channel would block");
    cr_expect_eq(goro_chan_len(c), 3);
    cr_expect_eq(recv_ok(g, c), 1);
    cr_expect_eq(recv_ok(g, c), 2);
    cr_expect_eq(recv_ok(g, c), 3);
    Value v;
    bool ok;
    cr_expect_eq(goro_chan_recv(g, c, &v, &ok, false), CHAN_WOULDBLOCK, "an empty channel");
    cr_expect_eq(goro_chan_len(c), 0);
}

Test(chan, ring_buffer_wraps)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 2);
    int64_t next_in = 0, next_out = 0;
    for (int round = 0; round < 50; round++) {
        while (send(g, c, next_in) == CHAN_OK)
            next_in++;
        int k = round % 2 + 1;
        for (int i = 0; i < k && next_out < next_in; i++)
            cr_assert_eq(recv_ok(g, c), next_out++);
    }
    while (next_out < next_in)
        cr_assert_eq(recv_ok(g, c), next_out++);
}

Test(chan, unbuffered_without_partner_would_block)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 0);
    cr_expect_eq(send(g, c, 1), CHAN_WOULDBLOCK);
    Value v;
    bool ok;
    cr_expect_eq(goro_chan_recv(g, c, &v, &ok, false), CHAN_WOULDBLOCK);
}

Test(chan, nil_channel_never_ready)
{
    G *g = goro_ut_fake_g();
    cr_expect_eq(goro_chan_send(g, NULL, goro_int(1), false), CHAN_WOULDBLOCK);
    Value v;
    bool ok;
    cr_expect_eq(goro_chan_recv(g, NULL, &v, &ok, false), CHAN_WOULDBLOCK);
    /* blocking on a nil channel parks for good */
    cr_expect_eq(goro_chan_recv(g, NULL, &v, &ok, true), CHAN_PARKED);
    goro_sched_commit_now(g);
    cr_expect_str_eq(g->waitreason, "chan receive (nil chan)");
    cr_expect_eq(atomic_load(&g->status), G_WAITING);
}

Test(chan, receive_after_close_drains_then_zero)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 4);
    send(g, c, 7);
    send(g, c, 8);
    cr_assert_eq(goro_chan_close(g, c), CHAN_OK);
    cr_expect_eq(recv_ok(g, c), 7, "buffered values survive close");
    cr_expect_eq(recv_ok(g, c), 8);
    for (int i = 0; i < 3; i++) {
        Value v = goro_int(99);
        bool ok = true;
        cr_assert_eq(goro_chan_recv(g, c, &v, &ok, false), CHAN_OK);
        cr_expect_not(ok, "ok is false once drained");
        cr_expect_eq(VKIND(v), VK_INT, "zero value of int");
        cr_expect_eq(v.u.i, 0);
    }
}

Test(chan, closed_channel_zero_value_follows_element_type)
{
    G *g = goro_ut_fake_g();
    Chan *cs = goro_chan_new(goro_t_string, 0);
    goro_chan_close(g, cs);
    Value v;
    bool ok = true;
    cr_assert_eq(goro_chan_recv(g, cs, &v, &ok, true), CHAN_OK, "a closed channel never blocks");
    cr_expect_not(ok);
    cr_expect_eq(VKIND(v), VK_STRING);
    cr_expect_eq(v.aux, 0);
    Chan *cu = goro_chan_new(NULL, 1);   /* goro's untyped make(chan, 1) */
    goro_chan_close(g, cu);
    goro_chan_recv(g, cu, &v, &ok, false);
    cr_expect_eq(VKIND(v), VK_NIL);
}

Test(chan, send_on_closed_channel_panics)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 1);
    goro_chan_close(g, c);
    cr_expect_eq(send(g, c, 1), CHAN_PANIC);
    cr_expect_str_eq(panic_text(g), "send on closed channel");
}

Test(chan, close_of_closed_and_nil_panics)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 0);
    cr_expect_eq(goro_chan_close(g, c), CHAN_OK);
    cr_expect_eq(goro_chan_close(g, c), CHAN_PANIC);
    cr_expect_str_eq(panic_text(g), "close of closed channel");
    G *h = goro_ut_fake_g();
    cr_expect_eq(goro_chan_close(h, NULL), CHAN_PANIC);
    cr_expect_str_eq(panic_text(h), "close of nil channel");
}

Test(chan, parked_receiver_gets_the_value_directly)
{
    G *r = goro_ut_fake_g(), *s = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 0);
    Value v;
    bool ok;
    cr_assert_eq(goro_chan_recv(r, c, &v, &ok, true), CHAN_PARKED);
    goro_sched_commit_now(r);
    cr_expect_eq(atomic_load(&r->status), G_WAITING);
    cr_expect_str_eq(r->waitreason, "chan receive");
    /* now a non-blocking send succeeds: a receiver is waiting */
    cr_assert_eq(send(s, c, 42), CHAN_OK);
    cr_expect_eq(r->park_vals[0].u.i, 42);
    cr_expect(r->park_vals[1].u.i, "ok delivered as true");
    cr_expect_eq(atomic_load(&r->status), G_RUNNABLE, "the receiver was readied");
    cr_expect_eq(goro_chan_len(c), 0, "no buffer copy on an unbuffered channel");
}

Test(chan, parked_sender_on_full_buffer_keeps_fifo)
{
    G *g = goro_ut_fake_g(), *s = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 2);
    send(g, c, 1);
    send(g, c, 2);
    cr_assert_eq(goro_chan_send(s, c, goro_int(3), true), CHAN_PARKED);
    goro_sched_commit_now(s);
    cr_expect_str_eq(s->waitreason, "chan send");
    cr_expect_eq(recv_ok(g, c), 1);
    cr_expect_eq(atomic_load(&s->status), G_RUNNABLE, "the sender was readied");
    cr_expect_eq(goro_chan_len(c), 2, "the sender's value moved into the buffer");
    cr_expect_eq(recv_ok(g, c), 2);
    cr_expect_eq(recv_ok(g, c), 3);
}

Test(chan, unbuffered_receive_from_parked_sender)
{
    G *g = goro_ut_fake_g(), *s = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_string, 0);
    cr_assert_eq(goro_chan_send(s, c, goro_str_cstr("hi"), true), CHAN_PARKED);
    goro_sched_commit_now(s);
    Value v;
    bool ok = false;
    cr_assert_eq(goro_chan_recv(g, c, &v, &ok, false), CHAN_OK);
    cr_expect(ok);
    cr_expect_eq(v.aux, 2);
    cr_expect_eq(memcmp(v.u.s, "hi", 2), 0);
    cr_expect_eq(atomic_load(&s->status), G_RUNNABLE);
}

Test(chan, close_wakes_every_waiter)
{
    G *r1 = goro_ut_fake_g(), *r2 = goro_ut_fake_g(), *closer = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 0);
    Value v;
    bool ok;
    cr_assert_eq(goro_chan_recv(r1, c, &v, &ok, true), CHAN_PARKED);
    goro_sched_commit_now(r1);
    cr_assert_eq(goro_chan_recv(r2, c, &v, &ok, true), CHAN_PARKED);
    goro_sched_commit_now(r2);
    r1->park_vals[1] = goro_bool(true);
    cr_assert_eq(goro_chan_close(closer, c), CHAN_OK);
    G *rs[] = {r1, r2};
    for (int i = 0; i < 2; i++) {
        cr_expect_eq(atomic_load(&rs[i]->status), G_RUNNABLE, "receiver %d not woken", i);
        cr_expect_eq(VKIND(rs[i]->park_vals[0]), VK_INT);
        cr_expect_eq(rs[i]->park_vals[0].u.i, 0);
        cr_expect_not(rs[i]->park_vals[1].u.i, "receiver %d: ok must be false", i);
    }
}

Test(chan, close_makes_parked_sender_panic)
{
    G *s = goro_ut_fake_g(), *closer = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 0);
    cr_assert_eq(goro_chan_send(s, c, goro_int(1), true), CHAN_PARKED);
    goro_sched_commit_now(s);
    goro_chan_close(closer, c);
    cr_expect_eq(atomic_load(&s->status), G_RUNNABLE);
    cr_expect_str_eq(panic_text(s), "send on closed channel");
    cr_expect_not(closer->has_pending_panic);
}

Test(chan, element_type_coerces_stores)
{
    G *g = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_uint8, 1);
    send(g, c, 300);
    Value v;
    bool ok;
    goro_chan_recv(g, c, &v, &ok, false);
    cr_expect_eq(v.u.i, 44, "a chan uint8 wraps");
    cr_expect_eq(goro_type_of(v), goro_t_uint8);
    Chan *f = goro_chan_new(goro_t_float64, 1);
    send(g, f, 3);
    goro_chan_recv(g, f, &v, &ok, false);
    cr_expect_eq(VKIND(v), VK_FLOAT);
}

Test(chan, array_values_are_copied_on_send)
{
    G *g = goro_ut_fake_g();
    Type *at = goro_type_array(goro_t_int, 2);
    Chan *c = goro_chan_new(at, 1);
    Value a = goro_type_zero(at);
    ((Array *)a.u.p)->v[0] = goro_int(1);
    goro_chan_send(g, c, a, false);
    ((Array *)a.u.p)->v[0] = goro_int(2);
    Value v;
    bool ok;
    goro_chan_recv(g, c, &v, &ok, false);
    cr_expect_eq(((Array *)v.u.p)->v[0].u.i, 1, "the receiver sees the value at send time");
}

/* -------------------------------------------------------------- select */

static int select_(G *g, SelectCase *cs, int n, bool dflt, Value *v, bool *ok)
{
    int chosen = -2;
    int r = goro_select(g, cs, n, dflt, &chosen, v, ok);
    cr_assert_eq(r, CHAN_OK, "select returned %d", r);
    return chosen;
}

Test(chan, select_default_when_nothing_ready)
{
    G *g = goro_ut_fake_g();
    Chan *a = goro_chan_new(goro_t_int, 0), *b = goro_chan_new(goro_t_int, 1);
    send(g, b, 1);   /* b is full: a send case on it is not ready */
    SelectCase cs[] = {{.c = a}, {.c = b, .val = goro_int(2), .is_send = true}, {.c = NULL}};
    Value v;
    bool ok;
    cr_expect_eq(select_(g, cs, 3, true, &v, &ok), -1);
    cr_expect_eq(goro_chan_len(b), 1);
}

Test(chan, select_takes_the_ready_case)
{
    G *g = goro_ut_fake_g();
    Chan *a = goro_chan_new(goro_t_int, 1), *b = goro_chan_new(goro_t_int, 1);
    send(g, b, 5);
    SelectCase cs[] = {{.c = a}, {.c = b}};
    Value v;
    bool ok = false;
    cr_expect_eq(select_(g, cs, 2, true, &v, &ok), 1);
    cr_expect_eq(v.u.i, 5);
    cr_expect(ok);
}

Test(chan, select_send_case)
{
    G *g = goro_ut_fake_g();
    Chan *a = goro_chan_new(goro_t_int, 1);
    SelectCase cs[] = {{.c = a, .val = goro_int(9), .is_send = true}};
    Value v;
    bool ok;
    cr_expect_eq(select_(g, cs, 1, true, &v, &ok), 0);
    cr_expect_eq(recv_ok(g, a), 9);
}

Test(chan, select_nil_cases_never_chosen)
{
    G *g = goro_ut_fake_g();
    SelectCase cs[] = {{.c = NULL}, {.c = NULL, .val = goro_int(1), .is_send = true}};
    Value v;
    bool ok;
    for (int i = 0; i < 20; i++)
        cr_expect_eq(select_(g, cs, 2, true, &v, &ok), -1);
}

Test(chan, select_on_closed_channel)
{
    G *g = goro_ut_fake_g();
    Chan *a = goro_chan_new(goro_t_int, 0);
    goro_chan_close(g, a);
    SelectCase cs[] = {{.c = a}};
    Value v;
    bool ok = true;
    cr_expect_eq(select_(g, cs, 1, true, &v, &ok), 0, "a closed channel is ready");
    cr_expect_not(ok);
    SelectCase send_cs[] = {{.c = a, .val = goro_int(1), .is_send = true}};
    int chosen;
    cr_expect_eq(goro_select(g, send_cs, 1, true, &chosen, &v, &ok), CHAN_PANIC);
    cr_expect_str_eq(panic_text(g), "send on closed channel");
}

Test(chan, select_is_fair)
{
    G *g = goro_ut_fake_g();
    Chan *a = goro_chan_new(goro_t_int, 2000), *b = goro_chan_new(goro_t_int, 2000);
    for (int i = 0; i < 1000; i++) {
        send(g, a, 1);
        send(g, b, 2);
    }
    SelectCase cs[] = {{.c = a}, {.c = b}};
    int counts[2] = {0, 0};
    for (int i = 0; i < 1000; i++) {
        Value v;
        bool ok;
        int k = select_(g, cs, 2, false, &v, &ok);
        cr_assert(k == 0 || k == 1);
        counts[k]++;
        cr_expect_eq(v.u.i, k + 1);
    }
    cr_expect(counts[0] > 380 && counts[1] > 380, "unfair: %d vs %d", counts[0], counts[1]);
}

Test(chan, select_parks_and_is_woken_by_one_case)
{
    G *g = goro_ut_fake_g(), *s = goro_ut_fake_g();
    Chan *a = goro_chan_new(goro_t_int, 0), *b = goro_chan_new(goro_t_int, 0);
    SelectCase cs[] = {{.c = a}, {.c = b}};
    int chosen;
    Value v;
    bool ok;
    cr_assert_eq(goro_select(g, cs, 2, false, &chosen, &v, &ok), CHAN_PARKED);
    goro_sched_commit_now(g);
    cr_expect_str_eq(g->waitreason, "select");
    cr_expect_not_null(a->recvq.first);
    cr_expect_not_null(b->recvq.first);
    cr_assert_eq(send(s, b, 77), CHAN_OK, "the parked select is a receiver");
    cr_expect_eq(g->park_vals[0].u.i, 1, "case index");
    cr_expect_eq(g->park_vals[1].u.i, 77);
    cr_expect(g->park_vals[2].u.i, "ok");
    cr_expect_eq(atomic_load(&g->status), G_RUNNABLE);
    /* the other case's waiter is claimed: a send on a must not take it */
    cr_expect_eq(send(s, a, 1), CHAN_WOULDBLOCK);
    goro_select_cleanup(g);
    cr_expect_null(a->recvq.first, "cleanup leaves every queue");
    cr_expect_null(b->recvq.first);
}

Test(chan, empty_select_without_default_parks)
{
    G *g = goro_ut_fake_g();
    int chosen;
    Value v;
    bool ok;
    cr_expect_eq(goro_select(g, NULL, 0, false, &chosen, &v, &ok), CHAN_PARKED);
    goro_sched_commit_now(g);
    cr_expect_str_eq(g->waitreason, "select (no cases)");
}

Test(chan, cancel_wait_claims_a_parked_goroutine)
{
    G *g = goro_ut_fake_g(), *s = goro_ut_fake_g();
    Chan *c = goro_chan_new(goro_t_int, 0);
    Value v;
    bool ok;
    cr_assert_eq(goro_chan_recv(g, c, &v, &ok, true), CHAN_PARKED);
    goro_sched_commit_now(g);
    cr_expect(goro_chan_cancel_wait(g));
    cr_expect_null(c->recvq.first);
    cr_expect_eq(send(s, c, 1), CHAN_WOULDBLOCK, "a cancelled waiter is not a receiver");
    cr_expect_not(goro_chan_cancel_wait(g), "a second claim fails");
}
