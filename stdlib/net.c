/* net.c: the net package's registration, its interfaces (Conn,
 * Listener, PacketConn, Addr, Error) and its error values, with Go's
 * texts: *net.OpError ("dial tcp 127.0.0.1:1: connect: connection
 * refused", wrapping os's *os.SyscallError and syscall.Errno),
 * *net.AddrError, *net.DNSError and net.UnknownNetworkError.  Each wraps as Go's do, so
 * errors.Is(err, net.ErrClosed) and errors.Is(err, os.ErrDeadlineExceeded)
 * hold, and Timeout()/Temporary() answer as Go's.  Addresses are in
 * net_addr.c, connections in net_conn.c. */
#include "net.h"

#include <errno.h>

#include "errors_obj.h"
#include "format.h"
#include "io_errors.h"
#include "os_impl.h"
#include "vm.h"

static ObjClass op_class = {.name = "*net.OpError"};
static ObjClass addrerr_class = {.name = "*net.AddrError"};
static ObjClass dns_class = {.name = "*net.DNSError"};
static ObjClass unknown_class = {.name = "net.UnknownNetworkError"};

typedef struct OpErrorObj {
    Obj obj;
    Value op, net, source, addr, err;
} OpErrorObj;

typedef struct AddrErrorObj {
    Obj obj;
    Value err, addr;
} AddrErrorObj;

typedef struct DNSErrorObj {
    Obj obj;
    Value err, name, server;
    bool timeout, temporary, notfound;
} DNSErrorObj;

typedef struct UnknownObj {
    Obj obj;
    Value name;
} UnknownObj;

int goro_net_nil_receiver(G *g)
{
    return goro_nil_deref(g);
}

static Obj *obj_of(Value v, const ObjClass *c)
{
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != c)
        return NULL;
    return v.u.p;
}

static Value cstrval(const char *s) { return goro_str_cstr(s ? s : ""); }

static Value make_obj(ObjClass *c, size_t size, Obj **out)
{
    Obj *o = goro_alloc(size);
    o->cls = c;
    *out = o;
    return goro_obj_value(o);
}

/* ------------------------------------------------------- constructors */

Value goro_net_op_error(const char *op, const char *net, Value source, Value addr, Value err)
{
    Obj *o;
    Value v = make_obj(&op_class, sizeof(OpErrorObj), &o);
    OpErrorObj *e = (OpErrorObj *)o;
    e->op = cstrval(op);
    e->net = cstrval(net);
    e->source = source;
    e->addr = addr;
    e->err = err;
    return v;
}

/* os's *os.SyscallError and syscall.Errno, so err.(*os.SyscallError)
 * and errors.Is(err, syscall.ECONNREFUSED) work on net's errors. */
Value goro_net_errno(int errnum) { return goro_os_errno(errnum); }

Value goro_net_syscall_error(const char *syscall, int errnum)
{
    return goro_os_syscall_error(syscall, errnum);
}

Value goro_net_addr_error(const char *err, const char *addr)
{
    Obj *o;
    Value v = make_obj(&addrerr_class, sizeof(AddrErrorObj), &o);
    AddrErrorObj *e = (AddrErrorObj *)o;
    e->err = cstrval(err);
    e->addr = cstrval(addr);
    return v;
}

Value goro_net_dns_error(const char *err, const char *name, bool notfound, bool temporary)
{
    Obj *o;
    Value v = make_obj(&dns_class, sizeof(DNSErrorObj), &o);
    DNSErrorObj *e = (DNSErrorObj *)o;
    e->err = cstrval(err);
    e->name = cstrval(name);
    e->server = cstrval("");
    e->notfound = notfound;
    e->temporary = temporary;
    return v;
}

Value goro_net_unknown_network(const char *name)
{
    Obj *o;
    Value v = make_obj(&unknown_class, sizeof(UnknownObj), &o);
    ((UnknownObj *)o)->name = cstrval(name);
    return v;
}

/* ------------------------------------------------------------ texts */

static void put_str(Buf *b, Value s)
{
    if (VKIND(s) == VK_STRING)
        goro_buf_put(b, s.u.s, s.aux);
}

/* A bool method of an error net wraps but did not make (os's). */
static bool ask(G *g, Value err, const char *method)
{
    Value r;
    if (!g || VKIND(err) == VK_NIL || !goro_fmt_has_method(err, method))
        return false;
    return goro_fmt_call_method(g, err, method, NULL, 0, &r, 1) >= 1 && VKIND(r) == VK_BOOL && r.u.i;
}

const char *goro_net_error_text(G *g, Value err)
{
    Obj *o;
    Buf b = {0};
    if ((o = obj_of(err, &op_class))) {
        OpErrorObj *e = (OpErrorObj *)o;
        put_str(&b, e->op);
        if (e->net.aux) {
            goro_buf_putc(&b, ' ');
            put_str(&b, e->net);
        }
        bool src = VKIND(e->source) != VK_NIL;
        if (src) {
            goro_buf_putc(&b, ' ');
            goro_buf_puts(&b, goro_net_addr_string(e->source));
        }
        if (VKIND(e->addr) != VK_NIL) {
            goro_buf_puts(&b, src ? "->" : " ");
            goro_buf_puts(&b, goro_net_addr_string(e->addr));
        }
        goro_buf_puts(&b, ": ");
        goro_buf_puts(&b, goro_net_error_text(g, e->err));
    } else if ((o = obj_of(err, &addrerr_class))) {
        AddrErrorObj *e = (AddrErrorObj *)o;
        if (e->addr.aux) {
            goro_buf_puts(&b, "address ");
            put_str(&b, e->addr);
            goro_buf_puts(&b, ": ");
        }
        put_str(&b, e->err);
    } else if ((o = obj_of(err, &dns_class))) {
        DNSErrorObj *e = (DNSErrorObj *)o;
        goro_buf_puts(&b, "lookup ");
        put_str(&b, e->name);
        if (e->server.aux) {
            goro_buf_puts(&b, " on ");
            put_str(&b, e->server);
        }
        goro_buf_puts(&b, ": ");
        put_str(&b, e->err);
    } else if ((o = obj_of(err, &unknown_class))) {
        goro_buf_puts(&b, "unknown network ");
        put_str(&b, ((UnknownObj *)o)->name);
    } else if (VKIND(err) == VK_OBJ && err.u.p == goro_poll_err_deadline().u.p) {
        goro_buf_puts(&b, "i/o timeout");
    } else if (goro_is_error_obj(err)) {
        put_str(&b, goro_error_message(err));
    } else if (g && VKIND(err) != VK_NIL) {
        Value r;
        if (goro_fmt_call_method(g, err, "Error", NULL, 0, &r, 1) >= 1)
            put_str(&b, r);
    } else {
        goro_buf_puts(&b, "<nil>");
    }
    goro_buf_putc(&b, 0);
    return b.s;
}

/* Timeout() and Temporary() of an error net may wrap. */
static bool is_timeout(G *g, Value err)
{
    Obj *o;
    if ((o = obj_of(err, &op_class)))
        return is_timeout(g, ((OpErrorObj *)o)->err);
    if ((o = obj_of(err, &dns_class)))
        return ((DNSErrorObj *)o)->timeout;
    if (obj_of(err, &addrerr_class) || obj_of(err, &unknown_class))
        return false;
    return ask(g, err, "Timeout");
}

static bool is_temporary(G *g, Value err)
{
    Obj *o;
    if ((o = obj_of(err, &op_class)))
        return is_temporary(g, ((OpErrorObj *)o)->err);
    if ((o = obj_of(err, &dns_class)))
        return ((DNSErrorObj *)o)->timeout || ((DNSErrorObj *)o)->temporary;
    if (obj_of(err, &addrerr_class) || obj_of(err, &unknown_class))
        return false;
    return ask(g, err, "Temporary");
}

/* ------------------------------------------------------------ methods */

static bool known(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return false;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    return c == &op_class || c == &addrerr_class || c == &dns_class || c == &unknown_class;
}

static int m_error(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || !known(args[0]))
        return goro_net_nil_receiver(g);
    res[0] = goro_str_cstr(goro_net_error_text(g, args[0]));
    return 1;
}

static int m_timeout(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || !known(args[0]))
        return goro_net_nil_receiver(g);
    res[0] = goro_bool(is_timeout(g, args[0]));
    return 1;
}

static int m_temporary(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || !known(args[0]))
        return goro_net_nil_receiver(g);
    res[0] = goro_bool(is_temporary(g, args[0]));
    return 1;
}

static int m_unwrap(G *g, Value *args, int nargs, Value *res)
{
    Obj *o;
    if (nargs >= 1 && (o = obj_of(args[0], &op_class)))
        res[0] = ((OpErrorObj *)o)->err;
    else
        return goro_net_nil_receiver(g);
    return 1;
}

static bool op_getfield(Obj *o, const char *name, Value *out)
{
    OpErrorObj *e = (OpErrorObj *)o;
    if (!strcmp(name, "Op"))
        *out = e->op;
    else if (!strcmp(name, "Net"))
        *out = e->net;
    else if (!strcmp(name, "Source"))
        *out = e->source;
    else if (!strcmp(name, "Addr"))
        *out = e->addr;
    else if (!strcmp(name, "Err"))
        *out = e->err;
    else
        return false;
    return true;
}

static bool addrerr_getfield(Obj *o, const char *name, Value *out)
{
    AddrErrorObj *e = (AddrErrorObj *)o;
    if (!strcmp(name, "Err"))
        *out = e->err;
    else if (!strcmp(name, "Addr"))
        *out = e->addr;
    else
        return false;
    return true;
}

static bool dns_getfield(Obj *o, const char *name, Value *out)
{
    DNSErrorObj *e = (DNSErrorObj *)o;
    if (!strcmp(name, "Err"))
        *out = e->err;
    else if (!strcmp(name, "Name"))
        *out = e->name;
    else if (!strcmp(name, "Server"))
        *out = e->server;
    else if (!strcmp(name, "IsTimeout"))
        *out = goro_bool(e->timeout);
    else if (!strcmp(name, "IsTemporary"))
        *out = goro_bool(e->temporary);
    else if (!strcmp(name, "IsNotFound"))
        *out = goro_bool(e->notfound);
    else
        return false;
    return true;
}

static Type *error_type(ObjClass *c, const char *pkg, const char *name, bool unwrap)
{
    Type *t = goro_pkg_obj_type(NULL, pkg, name, c, NULL);
    goro_pkg_method(t, "Error", m_error);
    goro_pkg_method(t, "Timeout", m_timeout);
    goro_pkg_method(t, "Temporary", m_temporary);
    if (unwrap)
        goro_pkg_method(t, "Unwrap", m_unwrap);
    return t;
}

/* A named interface type of package net. */
static void iface(Package *p, const char *name, int n, const char *const *methods)
{
    const char **ms = goro_alloc(sizeof *ms * (size_t)n);
    for (int i = 0; i < n; i++)
        ms[i] = goro_intern_cstr(methods[i]);
    goro_pkg_type(p, name, goro_type_named("net", name, goro_type_iface(n, ms)));
}

void goro_pkg_net_init(void)
{
    Package *p = goro_pkg_new("net");
    goro_pkg_type(p, "OpError", error_type(&op_class, "net", "OpError", true));
    goro_pkg_type(p, "AddrError", error_type(&addrerr_class, "net", "AddrError", false));
    goro_pkg_type(p, "DNSError", error_type(&dns_class, "net", "DNSError", false));
    goro_pkg_type(p, "UnknownNetworkError",
                  error_type(&unknown_class, "net", "UnknownNetworkError", false));
    op_class.getfield = op_getfield;
    addrerr_class.getfield = addrerr_getfield;
    dns_class.getfield = dns_getfield;
    goro_pkg_var(p, "ErrClosed", goro_poll_err_closing());

    static const char *const addr_m[] = {"Network", "String"};
    static const char *const conn_m[] = {"Read", "Write", "Close", "LocalAddr", "RemoteAddr",
                                         "SetDeadline", "SetReadDeadline", "SetWriteDeadline"};
    static const char *const listener_m[] = {"Accept", "Close", "Addr"};
    static const char *const packet_m[] = {"ReadFrom", "WriteTo", "Close", "LocalAddr",
                                           "SetDeadline", "SetReadDeadline", "SetWriteDeadline"};
    static const char *const error_m[] = {"Error", "Timeout", "Temporary"};
    iface(p, "Addr", 2, addr_m);
    iface(p, "Conn", 8, conn_m);
    iface(p, "Listener", 3, listener_m);
    iface(p, "PacketConn", 7, packet_m);
    iface(p, "Error", 3, error_m);

    goro_net_addr_init(p);
    goro_net_conn_init(p);
}
