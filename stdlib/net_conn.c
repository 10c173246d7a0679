/* net_conn.c: net's connections on the netpoller: Dial, DialTimeout,
 * Listen, ListenPacket, *net.TCPConn / *net.UDPConn / *net.UnixConn
 * (Read, Write, Close, CloseWrite, addresses, deadlines, ReadFrom,
 * WriteTo) and *net.TCPListener / *net.UnixListener (Accept, Close,
 * Addr, SetDeadline).
 *
 * Every socket is non-blocking and registered with the netpoller once.
 * An operation that gets EAGAIN parks its goroutine (goro_poll_wait) and
 * returns GORO_NATIVE_RETRY; the VM calls the native again when the fd
 * is ready, a deadline passes or the socket is closed.  So what an
 * operation has done must live in objects, not in C locals:
 *   - one goroutine reads and one writes at a time (Go's fdMutex): the
 *     read and write semaphores; the holder is recorded (rowner,
 *     wowner), so a retried call knows it already holds its lock;
 *   - Write writes everything, looping over partial writes; how much it
 *     has written (wdone) is kept for the holder of the write lock;
 *   - a connecting Dial keeps its socket and the addresses left to try
 *     in a DialState, the goroutine's g->nstate while it retries.
 * Close marks the connection closing and closes its poll descriptor,
 * which wakes the goroutines parked on it: their retries fail with
 * "use of closed network connection".  The descriptor itself is closed
 * when no operation is inside a system call on it (refs), so a racing
 * operation never reads a reused fd number.
 *
 * A REPL interrupt of a goroutine parked here leaves its lock held (the
 * call is abandoned); the connection's other users then wait for ever. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdatomic.h>
#include <unistd.h>

#include "errors_obj.h"
#include "io_errors.h"
#include "net.h"
#include "netpoll.h"
#include "proc.h"
#include "rw.h"
#include "time_value.h"
#include "sema.h"
#include "timer.h"
#include "vm.h"

static ObjClass tcpconn_class = {.name = "*net.TCPConn"};
static ObjClass udpconn_class = {.name = "*net.UDPConn"};
static ObjClass unixconn_class = {.name = "*net.UnixConn"};
static ObjClass tcpln_class = {.name = "*net.TCPListener"};
static ObjClass unixln_class = {.name = "*net.UnixListener"};

typedef struct NetConn {
    Obj obj;
    int fd;
    NetKind kind;
    int family;
    bool listener;
    const char *net;              /* "tcp", "tcp4", "unix", ... as dialed */
    PollDesc *pd;
    Value laddr, raddr;           /* address values, nil when absent */
    _Atomic bool closing;
    _Atomic int refs;             /* operations inside a system call on fd */
    _Atomic bool destroyed;       /* fd closed */
    Sema rsema, wsema;
    struct G *_Atomic rowner;     /* the goroutine holding rsema */
    struct G *_Atomic wowner;
    size_t wdone;                 /* the current Write's progress (wowner's) */
    const char *wbuf;             /* its bytes, converted once (wowner's) */
    size_t wlen;
    const char *unlink_path;      /* a unix listener's socket file */
} NetConn;

static NetConn *as_conn(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return NULL;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    if (c != &tcpconn_class && c != &udpconn_class && c != &unixconn_class && c != &tcpln_class &&
        c != &unixln_class)
        return NULL;
    return v.u.p;
}

/* ------------------------------------------------- descriptor lifetime */

static void destroy(NetConn *c)
{
    if (!atomic_exchange(&c->destroyed, true))
        close(c->fd);
}

/* Before a system call on c->fd: false when it is closing. */
static bool incref(NetConn *c)
{
    atomic_fetch_add(&c->refs, 1);
    if (atomic_load(&c->closing)) {
        if (atomic_fetch_sub(&c->refs, 1) == 1)
            destroy(c);
        return false;
    }
    return true;
}

static void decref(NetConn *c)
{
    if (atomic_fetch_sub(&c->refs, 1) == 1 && atomic_load(&c->closing))
        destroy(c);
}

static NetConn *new_conn(int fd, NetKind kind, int family, bool listener, const char *net)
{
    NetConn *c = goro_alloc(sizeof *c);
    ObjClass *cls = listener ? (kind == NK_UNIX ? &unixln_class : &tcpln_class)
                             : (kind == NK_TCP ? &tcpconn_class
                                : kind == NK_UDP ? &udpconn_class : &unixconn_class);
    c->obj.cls = cls;
    c->fd = fd;
    c->kind = kind;
    c->family = family;
    c->listener = listener;
    c->net = net;
    c->laddr = c->raddr = goro_nil();
    goro_sema_init(&c->rsema, 1);
    goro_sema_init(&c->wsema, 1);
    return c;
}

/* Register [c] with the netpoller; an errno on failure (fd closed). */
static int open_poll(NetConn *c)
{
    c->pd = goro_poll_open(c->fd);
    if (!c->pd) {
        int e = errno;
        close(c->fd);
        atomic_store(&c->destroyed, true);
        return e ? e : EINVAL;
    }
    return 0;
}

static void fill_addrs(NetConn *c, bool peer)
{
    NetSockaddr sa;
    sa.len = sizeof sa.ss;
    memset(&sa.ss, 0, sizeof sa.ss);
    if (getsockname(c->fd, (struct sockaddr *)&sa.ss, &sa.len) == 0)
        c->laddr = goro_net_addr_value(c->kind, (struct sockaddr *)&sa.ss, sa.len);
    if (!peer)
        return;
    sa.len = sizeof sa.ss;
    memset(&sa.ss, 0, sizeof sa.ss);
    if (getpeername(c->fd, (struct sockaddr *)&sa.ss, &sa.len) == 0)
        c->raddr = goro_net_addr_value(c->kind, (struct sockaddr *)&sa.ss, sa.len);
}

/* ------------------------------------------------------------ errors */

static Value op_error(NetConn *c, const char *op, Value err)
{
    return goro_net_op_error(op, c->net, c->laddr, c->raddr, err);
}

static Value poll_error(int perr)
{
    return perr == POLL_ERR_TIMEOUT ? goro_poll_err_deadline() : goro_poll_err_closing();
}

/* ------------------------------------------------------------ locks */

/* Take [c]'s read or write lock for [g]: 0, or GORO_NATIVE_RETRY when
 * [g] parked waiting for it.  A retried call that already holds it
 * passes straight through. */
static int lock_dir(G *g, NetConn *c, int mode)
{
    struct G *_Atomic *owner = mode == 'r' ? &c->rowner : &c->wowner;
    if (g && atomic_load(owner) == g)
        return 0;
    if (goro_sema_acquire(g, mode == 'r' ? &c->rsema : &c->wsema, "semacquire") == SEMA_PARKED)
        return GORO_NATIVE_RETRY;
    atomic_store(owner, g);
    if (mode == 'w')
        c->wdone = 0;
    return 0;
}

static void unlock_dir(NetConn *c, int mode)
{
    if (mode == 'w')
        c->wbuf = NULL;
    atomic_store(mode == 'r' ? &c->rowner : &c->wowner, NULL);
    goro_sema_release(mode == 'r' ? &c->rsema : &c->wsema);
}

/* ------------------------------------------------------------ reading */

/* Read up to [n] bytes (recvfrom when [from]); 0 with *done and *err,
 * or GORO_NATIVE_RETRY. */
static int do_read(G *g, NetConn *c, char *buf, size_t n, NetSockaddr *from, size_t *done,
                   Value *err)
{
    *done = 0;
    *err = goro_nil();
    int r = lock_dir(g, c, 'r');
    if (r)
        return r;
    for (;;) {
        int perr = atomic_load(&c->closing) ? POLL_ERR_CLOSING : goro_poll_check(c->pd, 'r');
        if (perr) {
            *err = op_error(c, "read", poll_error(perr));
            break;
        }
        if (n == 0 && !from)
            break;   /* Go: a zero-byte Read returns at once */
        if (!incref(c))
            continue;
        ssize_t k;
        if (from) {
            from->len = sizeof from->ss;
            k = recvfrom(c->fd, buf, n, 0, (struct sockaddr *)&from->ss, &from->len);
        } else {
            k = read(c->fd, buf, n);
        }
        int e = errno;
        decref(c);
        if (k >= 0) {
            *done = (size_t)k;
            if (k == 0 && c->kind != NK_UDP)
                *err = goro_io_err(IO_EOF);
            break;
        }
        if (e == EINTR)
            continue;
        if (e == EAGAIN || e == EWOULDBLOCK) {
            int w = goro_poll_wait(g, c->pd, 'r');
            if (w == POLL_OK)
                continue;
            if (w == POLL_PARKED)
                return GORO_NATIVE_RETRY;   /* the lock stays ours */
            *err = op_error(c, "read", poll_error(w));
            break;
        }
        *err = op_error(c, "read", goro_net_syscall_error(from ? "recvfrom" : "read", e));
        break;
    }
    unlock_dir(c, 'r');
    return 0;
}

/* ------------------------------------------------------------ writing */

/* Write all [n] bytes (one datagram for UDP; to [to] when given). */
static int do_write(G *g, NetConn *c, const char *buf, size_t n, const NetSockaddr *to,
                    Value toaddr, size_t *done, Value *err)
{
    *done = 0;
    *err = goro_nil();
    int r = lock_dir(g, c, 'w');
    if (r)
        return r;
    bool dgram = c->kind == NK_UDP;
    const char *what = to ? "sendto" : "write";
    Value dst = to ? toaddr : c->raddr;
    for (;;) {
        int perr = atomic_load(&c->closing) ? POLL_ERR_CLOSING : goro_poll_check(c->pd, 'w');
        if (perr) {
            *err = goro_net_op_error("write", c->net, c->laddr, dst, poll_error(perr));
            break;
        }
        if (!dgram && c->wdone >= n)
            break;
        if (!incref(c))
            continue;
        ssize_t k;
        if (to)
            k = sendto(c->fd, buf, n, MSG_NOSIGNAL, (const struct sockaddr *)&to->ss, to->len);
        else
            k = send(c->fd, buf + c->wdone, n - c->wdone, MSG_NOSIGNAL);
        int e = errno;
        decref(c);
        if (k >= 0) {
            c->wdone += (size_t)k;
            if (dgram)
                break;
            continue;
        }
        if (e == EINTR)
            continue;
        if (e == EAGAIN || e == EWOULDBLOCK) {
            int w = goro_poll_wait(g, c->pd, 'w');
            if (w == POLL_OK)
                continue;
            if (w == POLL_PARKED)
                return GORO_NATIVE_RETRY;   /* wdone and the lock stay ours */
            *err = goro_net_op_error("write", c->net, c->laddr, dst, poll_error(w));
            break;
        }
        *err = goro_net_op_error("write", c->net, c->laddr, dst, goro_net_syscall_error(what, e));
        break;
    }
    *done = c->wdone;
    unlock_dir(c, 'w');
    return 0;
}

/* ObjClass.read / .write: bufio, io.Copy and fmt.Fprint use these. */
static int cls_read(G *g, Obj *o, char *buf, size_t n, size_t *done, Value *err)
{
    return do_read(g, (NetConn *)o, buf, n, NULL, done, err);
}

static int cls_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    return do_write(g, (NetConn *)o, buf, n, NULL, goro_nil(), done, err);
}

/* ------------------------------------------------------------ arguments */

#define CONN_ARG(c)                                          \
    NetConn *c = nargs > 0 ? as_conn(args[0]) : NULL;        \
    if (!c)                                                  \
        return goro_net_nil_receiver(g);

/* A read buffer: small reads use [stack]. */
static char *read_buf(char *stack, size_t stacksize, size_t *n)
{
    if (*n <= stacksize)
        return stack;
    if (*n > (1u << 20))
        *n = 1u << 20;
    return goro_alloc_atomic(*n);
}

/* ------------------------------------------------------------ methods */

static int m_read(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    if (c->listener || nargs < 2 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "net: Read needs a []byte");
    char stack[16384];
    size_t n = args[1].aux, done;
    char *buf = read_buf(stack, sizeof stack, &n);
    Value err;
    int r = do_read(g, c, buf, n, NULL, &done, &err);
    if (r)
        return r;
    goro_rw_fill(args[1], buf, done);
    res[0] = goro_int((int64_t)done);
    res[1] = err;
    return 2;
}

static int m_write(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    if (c->listener || nargs < 2 ||
        (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_STRING && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "net: Write needs a []byte");
    /* the bytes are converted once, by the writer holding the lock */
    int r = lock_dir(g, c, 'w');
    if (r)
        return r;
    if (!c->wbuf)
        c->wbuf = goro_rw_bytes(args[1], &c->wlen);
    size_t done;
    Value err;
    r = do_write(g, c, c->wbuf, c->wlen, NULL, goro_nil(), &done, &err);
    if (r)
        return r;
    res[0] = goro_int((int64_t)done);
    res[1] = err;
    return 2;
}

static int m_readfrom(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    if (c->kind != NK_UDP || nargs < 2 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "net: ReadFrom needs a []byte");
    char stack[16384];
    size_t n = args[1].aux, done;
    char *buf = read_buf(stack, sizeof stack, &n);
    NetSockaddr from;
    memset(&from, 0, sizeof from);
    Value err;
    int r = do_read(g, c, buf, n, &from, &done, &err);
    if (r)
        return r;
    goro_rw_fill(args[1], buf, done);
    res[0] = goro_int((int64_t)done);
    res[1] = VKIND(err) == VK_NIL ? goro_net_addr_value(NK_UDP, (struct sockaddr *)&from.ss, from.len)
                                  : goro_nil();
    res[2] = err;
    return 3;
}

static int m_writeto(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    const char *buf;
    size_t n, done;
    if (c->kind != NK_UDP || nargs < 3 ||
        (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_STRING && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "net: WriteTo needs a []byte and an address");
    res[0] = goro_int(0);
    NetAddr a;
    NetSockaddr sa;
    if (VKIND(c->raddr) != VK_NIL) {
        res[1] = goro_net_op_error("write", c->net, c->laddr, args[2],
                                   goro_error_new(goro_str_cstr("use of WriteTo with pre-connected connection")));
        return 2;
    }
    if (!goro_net_addr_from_value(args[2], &a) || a.path[0]) {
        res[1] = goro_net_op_error("write", c->net, c->laddr, args[2], goro_net_errno(EINVAL));
        return 2;
    }
    if (!goro_net_sockaddr(&a, c->family, &sa)) {
        res[1] = goro_net_op_error("write", c->net, c->laddr, args[2],
                                   goro_net_addr_error("non-IPv4 address", goro_net_addr_string(args[2])));
        return 2;
    }
    int r = lock_dir(g, c, 'w');
    if (r)
        return r;
    if (!c->wbuf)
        c->wbuf = goro_rw_bytes(args[1], &c->wlen);
    buf = c->wbuf;
    n = c->wlen;
    Value err;
    r = do_write(g, c, buf, n, &sa, args[2], &done, &err);
    if (r)
        return r;
    res[0] = goro_int((int64_t)done);
    res[1] = err;
    return 2;
}

static int m_close(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    if (atomic_exchange(&c->closing, true)) {
        res[0] = c->listener ? goro_net_op_error("close", c->net, goro_nil(), c->laddr, goro_poll_err_closing())
                             : op_error(c, "close", goro_poll_err_closing());
        return 1;
    }
    goro_poll_close(c->pd);   /* wakes the goroutines parked on it */
    if (c->unlink_path)
        unlink(c->unlink_path);
    if (atomic_load(&c->refs) == 0)
        destroy(c);
    res[0] = goro_nil();
    return 1;
}

static int shutdown_dir(G *g, Value *args, int nargs, Value *res, int how)
{
    CONN_ARG(c);
    if (!incref(c)) {
        res[0] = op_error(c, "close", goro_poll_err_closing());
        return 1;
    }
    int k = shutdown(c->fd, how), e = errno;
    decref(c);
    res[0] = k < 0 ? op_error(c, "close", goro_net_syscall_error("shutdown", e)) : goro_nil();
    return 1;
}

static int m_closewrite(G *g, Value *args, int nargs, Value *res) { return shutdown_dir(g, args, nargs, res, SHUT_WR); }
static int m_closeread(G *g, Value *args, int nargs, Value *res) { return shutdown_dir(g, args, nargs, res, SHUT_RD); }

static int m_localaddr(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    res[0] = c->laddr;
    return 1;
}

static int m_remoteaddr(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(c);
    res[0] = c->raddr;
    return 1;
}

static int set_deadline(G *g, Value *args, int nargs, Value *res, int mode)
{
    CONN_ARG(c);
    int64_t when;
    if (nargs < 2 || !goro_time_deadline(args[1], &when))
        return goro_runtime_error(g, "net: SetDeadline needs a time.Time");
    if (atomic_load(&c->closing)) {
        res[0] = goro_net_op_error("set", c->net, goro_nil(), c->laddr, goro_poll_err_closing());
        return 1;
    }
    goro_poll_set_deadline(c->pd, when, mode);
    res[0] = goro_nil();
    return 1;
}

static int m_setdeadline(G *g, Value *args, int nargs, Value *res) { return set_deadline(g, args, nargs, res, 'b'); }
static int m_setreaddeadline(G *g, Value *args, int nargs, Value *res) { return set_deadline(g, args, nargs, res, 'r'); }
static int m_setwritedeadline(G *g, Value *args, int nargs, Value *res) { return set_deadline(g, args, nargs, res, 'w'); }

/* ------------------------------------------------------------ accept */

static int m_accept(G *g, Value *args, int nargs, Value *res)
{
    CONN_ARG(ln);
    res[0] = goro_nil();
    res[1] = goro_nil();
    int r = lock_dir(g, ln, 'r');
    if (r)
        return r;
    for (;;) {
        int perr = atomic_load(&ln->closing) ? POLL_ERR_CLOSING : goro_poll_check(ln->pd, 'r');
        if (perr) {
            res[1] = goro_net_op_error("accept", ln->net, goro_nil(), ln->laddr, poll_error(perr));
            break;
        }
        if (!incref(ln))
            continue;
        NetSockaddr sa;
        sa.len = sizeof sa.ss;
        int fd = accept4(ln->fd, (struct sockaddr *)&sa.ss, &sa.len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        int e = errno;
        decref(ln);
        if (fd >= 0) {
            NetConn *c = new_conn(fd, ln->kind, ln->family, false, ln->net);
            if (c->kind == NK_TCP) {
                int one = 1;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            }
            e = open_poll(c);
            if (e) {
                res[1] = goro_net_op_error("accept", ln->net, goro_nil(), ln->laddr,
                                           goro_net_syscall_error("epollctl", e));
                break;
            }
            fill_addrs(c, false);
            c->raddr = goro_net_addr_value(c->kind, (struct sockaddr *)&sa.ss, sa.len);
            res[0] = goro_obj_value(&c->obj);
            break;
        }
        if (e == EINTR || e == ECONNABORTED)
            continue;
        if (e == EAGAIN || e == EWOULDBLOCK) {
            int w = goro_poll_wait(g, ln->pd, 'r');
            if (w == POLL_OK)
                continue;
            if (w == POLL_PARKED)
                return GORO_NATIVE_RETRY;
            res[1] = goro_net_op_error("accept", ln->net, goro_nil(), ln->laddr, poll_error(w));
            break;
        }
        res[1] = goro_net_op_error("accept", ln->net, goro_nil(), ln->laddr,
                                   goro_net_syscall_error("accept4", e));
        break;
    }
    unlock_dir(ln, 'r');
    return 2;
}

/* ------------------------------------------------------------ sockets */

static int sotype(NetKind k) { return k == NK_UDP ? SOCK_DGRAM : SOCK_STREAM; }

/* Go's favoriteAddrFamily: the family, and whether IPV6_V6ONLY is set. */
static int pick_family(const NetNetwork *nw, const NetAddr *a, bool listen, bool *v6only)
{
    *v6only = false;
    if (nw->kind == NK_UNIX)
        return AF_UNIX;
    if (nw->family == AF_INET)
        return AF_INET;
    if (nw->family == AF_INET6) {
        *v6only = true;
        return AF_INET6;
    }
    if (listen && goro_net_addr_wildcard(a))
        return AF_INET6;   /* dual stack */
    return goro_net_addr_family(a);
}

static int new_socket(int family, NetKind kind, bool v6only)
{
    int fd = socket(family, sotype(kind) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0 && family == AF_INET6) {
        int v = v6only;
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v);
    }
    return fd;
}

/* ------------------------------------------------------------ dialing */

/* A Dial in progress, kept across its retries (found by goroutine). */
typedef struct DialState {
    const char *tag;          /* dial_tag */
    Value network, address;
    NetNetwork nw;
    NetAddr addrs[GORO_NET_MAXADDRS];
    int n, i;
    NetConn *c;               /* the socket connecting to addrs[i] */
    Value firsterr;
    int64_t deadline;         /* monotonic ns, 0 none */
} DialState;

/* Marks a DialState in g->nstate (the retried native's own state). */
static const char dial_tag[] = "net.Dial";

static DialState *dial_take(G *g)
{
    DialState *d = g ? g->nstate : NULL;
    if (!d || d->tag != dial_tag)
        return NULL;
    g->nstate = NULL;
    return d;
}

static void dial_put(G *g, DialState *d) { g->nstate = d; }

static bool same_str(Value a, Value b)
{
    return VKIND(a) == VK_STRING && VKIND(b) == VK_STRING && a.aux == b.aux &&
           !memcmp(a.u.s, b.u.s, a.aux);
}

static void abandon(NetConn *c)
{
    atomic_store(&c->closing, true);
    goro_poll_close(c->pd);
    destroy(c);
}

/* Start connecting to d->addrs[d->i]: d->c set, or an error value in
 * *err. */
static void dial_start(DialState *d, Value *err)
{
    NetAddr *a = &d->addrs[d->i];
    Value raddr = goro_net_addr_of(d->nw.kind, a);
    bool v6only;
    int family = pick_family(&d->nw, a, false, &v6only);
    NetSockaddr sa;
    if (!goro_net_sockaddr(a, family, &sa)) {
        *err = goro_net_op_error("dial", d->nw.name, goro_nil(), raddr, goro_net_errno(EINVAL));
        return;
    }
    int fd = new_socket(family, d->nw.kind, v6only);
    if (fd < 0) {
        *err = goro_net_op_error("dial", d->nw.name, goro_nil(), raddr, goro_net_syscall_error("socket", errno));
        return;
    }
    NetConn *c = new_conn(fd, d->nw.kind, family, false, d->nw.name);
    int e = open_poll(c);
    if (e) {
        *err = goro_net_op_error("dial", d->nw.name, goro_nil(), raddr, goro_net_syscall_error("epollctl", e));
        return;
    }
    c->raddr = raddr;
    if (d->deadline)
        goro_poll_set_deadline(c->pd, d->deadline, 'w');
    int k;
    do
        k = connect(fd, (struct sockaddr *)&sa.ss, sa.len);
    while (k < 0 && errno == EINTR);
    e = errno;
    if (k < 0 && e != EINPROGRESS && e != EALREADY) {
        abandon(c);
        *err = goro_net_op_error("dial", d->nw.name, goro_nil(), raddr, goro_net_syscall_error("connect", e));
        return;
    }
    d->c = c;
}

/* Wait for d->c to connect: 1 connected, 0 failed (*err), or
 * GORO_NATIVE_RETRY. */
static int dial_wait(G *g, DialState *d, Value *err)
{
    NetConn *c = d->c;
    for (;;) {
        int soerr = 0;
        socklen_t len = sizeof soerr;
        if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
            soerr = errno;
        if (soerr == 0 || soerr == EISCONN) {
            NetSockaddr sa;
            sa.len = sizeof sa.ss;
            if (soerr == EISCONN || getpeername(c->fd, (struct sockaddr *)&sa.ss, &sa.len) == 0)
                return 1;
        } else if (soerr != EINPROGRESS && soerr != EALREADY && soerr != EINTR) {
            *err = goro_net_op_error("dial", d->nw.name, goro_nil(), c->raddr,
                                     goro_net_syscall_error("connect", soerr));
            return 0;
        }
        int w = goro_poll_wait(g, c->pd, 'w');
        if (w == POLL_PARKED)
            return GORO_NATIVE_RETRY;
        if (w != POLL_OK) {
            *err = goro_net_op_error("dial", d->nw.name, goro_nil(), c->raddr, poll_error(w));
            return 0;
        }
    }
}

static int dial(G *g, Value *args, int nargs, Value *res, int64_t timeout, const char *fn)
{
    if (nargs < 2 || VKIND(args[0]) != VK_STRING || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "net.%s: network and address must be strings", fn);
    res[0] = goro_nil();
    DialState *d = dial_take(g);
    if (d && !(same_str(d->network, args[0]) && same_str(d->address, args[1]))) {
        if (d->c)
            abandon(d->c);   /* left over from an abandoned call */
        d = NULL;
    }
    if (!d) {
        d = goro_alloc(sizeof *d);
        d->tag = dial_tag;
        d->network = args[0];
        d->address = args[1];
        d->firsterr = goro_nil();
        char *net = goro_strndup(args[0].u.s, args[0].aux);
        if (!goro_net_parse_network(net, &d->nw)) {
            res[1] = goro_net_op_error("dial", net, goro_nil(), goro_nil(), goro_net_unknown_network(net));
            return 2;
        }
        Value err = goro_net_resolve(&d->nw, goro_strndup(args[1].u.s, args[1].aux), d->addrs, &d->n);
        if (VKIND(err) != VK_NIL) {
            res[1] = goro_net_op_error("dial", d->nw.name, goro_nil(), goro_nil(), err);
            return 2;
        }
        if (timeout > 0)
            d->deadline = goro_nanotime() + timeout;
    }
    while (d->i < d->n) {
        Value err = goro_nil();
        if (!d->c) {
            if (d->deadline && goro_nanotime() >= d->deadline) {
                err = goro_net_op_error("dial", d->nw.name, goro_nil(),
                                        goro_net_addr_of(d->nw.kind, &d->addrs[d->i]), goro_poll_err_deadline());
                if (VKIND(d->firsterr) == VK_NIL)
                    d->firsterr = err;
                break;
            }
            dial_start(d, &err);
        }
        if (d->c) {
            int r = dial_wait(g, d, &err);
            if (r == GORO_NATIVE_RETRY) {
                dial_put(g, d);
                return r;
            }
            if (r == 1) {
                NetConn *c = d->c;
                if (d->deadline)
                    goro_poll_set_deadline(c->pd, 0, 'w');
                if (c->kind == NK_TCP) {
                    int one = 1;
                    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                }
                Value raddr = c->raddr;
                fill_addrs(c, true);
                if (VKIND(c->raddr) == VK_NIL)
                    c->raddr = raddr;
                res[0] = goro_obj_value(&c->obj);
                res[1] = goro_nil();
                return 2;
            }
            abandon(d->c);
            d->c = NULL;
        }
        if (VKIND(d->firsterr) == VK_NIL)
            d->firsterr = err;
        d->i++;
    }
    res[1] = d->firsterr;
    return 2;
}

static int f_dial(G *g, Value *args, int nargs, Value *res) { return dial(g, args, nargs, res, 0, "Dial"); }

static int f_dialtimeout(G *g, Value *args, int nargs, Value *res)
{
    int64_t t;
    if (!goro_arg_int(args, nargs, 2, &t))
        return goro_runtime_error(g, "net.DialTimeout: timeout must be a time.Duration");
    if (t <= 0)
        t = 0;
    return dial(g, args, nargs, res, t, "DialTimeout");
}

/* ------------------------------------------------------------ listening */

static int listen_common(G *g, Value *args, int nargs, Value *res, bool packet)
{
    const char *fn = packet ? "ListenPacket" : "Listen";
    if (nargs < 2 || VKIND(args[0]) != VK_STRING || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "net.%s: network and address must be strings", fn);
    res[0] = goro_nil();
    char *net = goro_strndup(args[0].u.s, args[0].aux);
    char *address = goro_strndup(args[1].u.s, args[1].aux);
    NetNetwork nw;
    if (!goro_net_parse_network(net, &nw)) {
        res[1] = goro_net_op_error("listen", net, goro_nil(), goro_nil(), goro_net_unknown_network(net));
        return 2;
    }
    NetAddr as[GORO_NET_MAXADDRS];
    int n;
    Value err = goro_net_resolve(&nw, address, as, &n);
    if (VKIND(err) != VK_NIL) {
        res[1] = goro_net_op_error("listen", nw.name, goro_nil(), goro_nil(), err);
        return 2;
    }
    int pick = 0;
    for (int i = 0; i < n; i++)
        if (goro_net_addr_family(&as[i]) == AF_INET && as[i].iplen) {
            pick = i;
            break;
        }
    NetAddr *a = &as[pick];
    Value laddr = goro_net_addr_of(nw.kind, a);
    if ((nw.kind == NK_UDP) != packet) {
        res[1] = goro_net_op_error("listen", nw.name, goro_nil(), laddr,
                                   goro_net_addr_error("unexpected address type", address));
        return 2;
    }
    bool v6only;
    int family = pick_family(&nw, a, true, &v6only);
    NetSockaddr sa;
    if (!goro_net_sockaddr(a, family, &sa)) {
        res[1] = goro_net_op_error("listen", nw.name, goro_nil(), laddr, goro_net_errno(EINVAL));
        return 2;
    }
    int fd = new_socket(family, nw.kind, v6only);
    if (fd < 0) {
        res[1] = goro_net_op_error("listen", nw.name, goro_nil(), laddr, goro_net_syscall_error("socket", errno));
        return 2;
    }
    if (nw.kind == NK_TCP) {
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    const char *sys = NULL;
    if (bind(fd, (struct sockaddr *)&sa.ss, sa.len) < 0)
        sys = "bind";
    else if (!packet && listen(fd, 4096) < 0)
        sys = "listen";
    if (sys) {
        int e = errno;
        close(fd);
        res[1] = goro_net_op_error("listen", nw.name, goro_nil(), laddr, goro_net_syscall_error(sys, e));
        return 2;
    }
    NetConn *c = new_conn(fd, nw.kind, family, !packet, nw.name);
    int e = open_poll(c);
    if (e) {
        res[1] = goro_net_op_error("listen", nw.name, goro_nil(), laddr, goro_net_syscall_error("epollctl", e));
        return 2;
    }
    fill_addrs(c, false);
    if (VKIND(c->laddr) == VK_NIL)
        c->laddr = laddr;
    if (nw.kind == NK_UNIX && a->path[0] != '@')
        c->unlink_path = a->path;
    res[0] = goro_obj_value(&c->obj);
    res[1] = goro_nil();
    return 2;
}

static int f_listen(G *g, Value *args, int nargs, Value *res) { return listen_common(g, args, nargs, res, false); }
static int f_listenpacket(G *g, Value *args, int nargs, Value *res) { return listen_common(g, args, nargs, res, true); }

/* ------------------------------------------------------------ types */

static Type *conn_type(Package *p, ObjClass *cls, const char *name)
{
    Type *t = goro_pkg_obj_type(p, "net", name, cls, NULL);
    goro_pkg_method(t, "Close", m_close);
    if (cls == &tcpln_class || cls == &unixln_class) {
        goro_pkg_method(t, "Accept", m_accept);
        goro_pkg_method(t, "Addr", m_localaddr);
        goro_pkg_method(t, "SetDeadline", m_setdeadline);
        return t;
    }
    cls->read = cls_read;
    cls->write = cls_write;
    goro_pkg_method(t, "Read", m_read);
    goro_pkg_method(t, "Write", m_write);
    goro_pkg_method(t, "LocalAddr", m_localaddr);
    goro_pkg_method(t, "RemoteAddr", m_remoteaddr);
    goro_pkg_method(t, "SetDeadline", m_setdeadline);
    goro_pkg_method(t, "SetReadDeadline", m_setreaddeadline);
    goro_pkg_method(t, "SetWriteDeadline", m_setwritedeadline);
    if (cls == &udpconn_class) {
        goro_pkg_method(t, "ReadFrom", m_readfrom);
        goro_pkg_method(t, "WriteTo", m_writeto);
    } else {
        goro_pkg_method(t, "CloseWrite", m_closewrite);
        goro_pkg_method(t, "CloseRead", m_closeread);
    }
    return t;
}

void goro_net_conn_init(Package *p)
{
    conn_type(p, &tcpconn_class, "TCPConn");
    conn_type(p, &udpconn_class, "UDPConn");
    conn_type(p, &unixconn_class, "UnixConn");
    conn_type(p, &tcpln_class, "TCPListener");
    conn_type(p, &unixln_class, "UnixListener");
    goro_pkg_func(p, "Dial", f_dial);
    goro_pkg_func(p, "DialTimeout", f_dialtimeout);
    goro_pkg_func(p, "Listen", f_listen);
    goro_pkg_func(p, "ListenPacket", f_listenpacket);
}
