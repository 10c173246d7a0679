/* chan.h: channels and select (design comment in chan.c). */
#ifndef GORO_CHAN_H
#define GORO_CHAN_H

#include <pthread.h>

#include "lock.h"

#include "g.h"

/* A goroutine waiting on a channel (Go's sudog). */
typedef struct Sudog {
    G *g;
    struct Sudog *next, *prev;   /* in the channel's wait queue */
    struct Sudog *waitlink;      /* the G's other sudogs (select) */
    struct Chan *c;
    Value elem;                  /* a sender's value */
    int case_index;              /* select: which case this is */
    bool is_select;
    bool is_recv;
} Sudog;

typedef struct WaitQ {
    Sudog *first, *last;
} WaitQ;

typedef struct Chan {
    Lock lock;                   /* lock.h: spins, then sleeps */
    int64_t cap;
    int64_t count;               /* buffered values */
    int64_t sendx, recvx;        /* ring indexes */
    Value *buf;
    bool closed;
    Type *elem;                  /* element type: zero value, typed stores */
    WaitQ recvq, sendq;
} Chan;

/* Results of the channel operations. */
enum {
    CHAN_OK,        /* done; results are in the out parameters */
    CHAN_PARKED,    /* the G is parked; results arrive in g->park_vals */
    CHAN_WOULDBLOCK,/* non-blocking and not ready */
    CHAN_PANIC,     /* g->pending_panic is set */
};

Chan *goro_chan_new(Type *elem, int64_t cap);

/* [g] sends [v] on [c]; [block] false for select's default and timers.
 * When parked, the G resumes with park_vals[0] = true, or false when the
 * channel was closed (the VM then panics). */
int goro_chan_send(G *g, Chan *c, Value v, bool block);
/* Receive; when parked, park_vals[0] = value, park_vals[1] = ok. */
int goro_chan_recv(G *g, Chan *c, Value *out, bool *ok, bool block);
int goro_chan_close(G *g, Chan *c);
int64_t goro_chan_len(Chan *c);

typedef struct SelectCase {
    Chan *c;          /* NULL: a nil channel, never ready */
    Value val;        /* to send */
    bool is_send;
} SelectCase;

/* Go's selectgo.  Returns CHAN_OK with *chosen (-1 = default),
 * *recv and *ok filled, or CHAN_PARKED: then park_vals = {case index,
 * value, ok}. */
int goro_select(G *g, SelectCase *cases, int n, bool has_default, int *chosen, Value *recv,
                bool *ok);
/* After a parked select wakes: leave every other channel's queue. */
void goro_select_cleanup(G *g);
/* A parked G is being cancelled (Ctrl-C in the REPL): claim it and
 * leave its wait queues; false if a waker got there first. */
bool goro_chan_cancel_wait(G *g);

#endif
