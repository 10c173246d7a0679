/* net_addr.c: net's addresses: net.IP (a named []byte printing as
 * "127.0.0.1" or "::1"), ParseIP, IPv4, *net.TCPAddr, *net.UDPAddr and
 * *net.UnixAddr (Go structs, so fields and composite literals work),
 * SplitHostPort and JoinHostPort with Go's errors, and resolution:
 * LookupHost, ResolveTCPAddr, ResolveUDPAddr and the address lists Dial
 * and Listen use (getaddrinfo runs as a system call). */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/un.h>

#include "errors_obj.h"
#include "format.h"
#include "net.h"
#include "proc.h"
#include "vm.h"

static Type *ip_t, *tcpaddr_t, *udpaddr_t, *unixaddr_t;
static Type *tcpaddr_p, *udpaddr_p, *unixaddr_p;
static const char *f_ip, *f_port, *f_zone, *f_name, *f_net;

static const unsigned char v4prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* ------------------------------------------------------------ net.IP */

Value goro_net_ip_value(const unsigned char *b, int n)
{
    if (n == 0)
        return goro_ptrval(TT(VK_SLICE, ip_t->id), NULL);
    Value s = goro_slice_new(TT(VK_SLICE, ip_t->id), n, n);
    Value *d = goro_slice_data(s);
    for (int i = 0; i < n; i++)
        d[i] = goro_byte(b[i]);
    return s;
}

/* The bytes of an IP value (any slice of small ints); false when it is
 * not one or is longer than 16. */
static bool ip_bytes(Value v, unsigned char out[16], int *n)
{
    if (VKIND(v) == VK_NIL) {
        *n = 0;
        return true;
    }
    if (VKIND(v) != VK_SLICE || v.aux > 16)
        return false;
    Value *d = goro_slice_data(v);
    for (uint32_t i = 0; i < v.aux; i++)
        out[i] = (unsigned char)d[i].u.i;
    *n = (int)v.aux;
    return true;
}

/* ip.To4()'s bytes: 4 of them, or NULL. */
static const unsigned char *to4(const unsigned char *b, int n)
{
    if (n == 4)
        return b;
    if (n == 16 && !memcmp(b, v4prefix, 12))
        return b + 12;
    return NULL;
}

static const char *ip_string(const unsigned char *b, int n)
{
    if (n == 0)
        return "<nil>";
    const unsigned char *p4 = to4(b, n);
    if (p4)
        return goro_sprintf("%u.%u.%u.%u", p4[0], p4[1], p4[2], p4[3]);
    Buf buf = {0};
    if (n != 16) {
        goro_buf_putc(&buf, '?');
        for (int i = 0; i < n; i++)
            goro_buf_puts(&buf, goro_sprintf("%02x", b[i]));
        goro_buf_putc(&buf, 0);
        return buf.s;
    }
    /* the longest run of two or more zero groups becomes "::" (the first
     * of equal runs), as Go's IP.String */
    int e0 = -1, e1 = -1;
    for (int i = 0; i < 16; i += 2) {
        int j = i;
        while (j < 16 && b[j] == 0 && b[j + 1] == 0)
            j += 2;
        if (j > i && j - i > e1 - e0) {
            e0 = i;
            e1 = j;
            i = j;
        }
    }
    if (e1 - e0 <= 2)
        e0 = e1 = -1;
    for (int i = 0; i < 16; i += 2) {
        if (i == e0) {
            goro_buf_puts(&buf, "::");
            i = e1;
            if (i >= 16)
                break;
        } else if (i > 0) {
            goro_buf_putc(&buf, ':');
        }
        goro_buf_puts(&buf, goro_sprintf("%x", (unsigned)(b[i] << 8 | b[i + 1])));
    }
    goro_buf_putc(&buf, 0);
    return buf.s;
}

/* Go's ParseIP: 16 bytes (IPv4 mapped), false when [s] is no literal. */
static bool parse_ip(const char *s, unsigned char out[16])
{
    struct in_addr a4;
    if (inet_pton(AF_INET, s, &a4) == 1) {
        memcpy(out, v4prefix, 12);
        memcpy(out + 12, &a4, 4);
        return true;
    }
    return !strchr(s, '%') && inet_pton(AF_INET6, s, out) == 1;
}

static char *cstr(Value v) { return goro_strndup(v.u.s, v.aux); }

static int ip_arg(G *g, Value *args, int nargs, int i, unsigned char b[16], int *n)
{
    if (nargs <= i || !ip_bytes(args[i], b, n))
        return goro_runtime_error(g, "net: argument %d must be an IP", i + 1);
    return 0;
}

static int f_parseip(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "net.ParseIP: argument must be a string");
    unsigned char b[16];
    res[0] = parse_ip(cstr(args[0]), b) ? goro_net_ip_value(b, 16) : goro_net_ip_value(NULL, 0);
    return 1;
}

static int f_ipv4(G *g, Value *args, int nargs, Value *res)
{
    unsigned char b[16];
    memcpy(b, v4prefix, 12);
    for (int i = 0; i < 4; i++) {
        int64_t x;
        if (!goro_arg_int(args, nargs, i, &x))
            return goro_runtime_error(g, "net.IPv4: expects four bytes");
        b[12 + i] = (unsigned char)x;
    }
    res[0] = goro_net_ip_value(b, 16);
    return 1;
}

static int ip_m_string(G *g, Value *args, int nargs, Value *res)
{
    unsigned char b[16];
    int n = 0;
    if (ip_arg(g, args, nargs, 0, b, &n))
        return GORO_NATIVE_PANIC;
    res[0] = goro_str_cstr(ip_string(b, n));
    return 1;
}

/* ip.To4() and ip.To16() share ip's bytes, as Go's slices do. */
static int ip_m_to4(G *g, Value *args, int nargs, Value *res)
{
    unsigned char b[16];
    int n = 0;
    if (ip_arg(g, args, nargs, 0, b, &n))
        return GORO_NATIVE_PANIC;
    Value v = args[0];
    if (n == 4) {
        res[0] = goro_typed(v, ip_t);
    } else if (n == 16 && to4(b, n)) {
        SliceHdr *h = goro_alloc(sizeof *h);
        h->data = goro_slice_data(v) + 12;
        h->cap = goro_slice_cap(v) - 12;
        Value s = {TT(VK_SLICE, ip_t->id), 4, {.p = h}};
        res[0] = s;
    } else {
        res[0] = goro_net_ip_value(NULL, 0);
    }
    return 1;
}

static int ip_m_to16(G *g, Value *args, int nargs, Value *res)
{
    unsigned char b[16];
    int n = 0;
    if (ip_arg(g, args, nargs, 0, b, &n))
        return GORO_NATIVE_PANIC;
    if (n == 4) {
        unsigned char w[16];
        memcpy(w, v4prefix, 12);
        memcpy(w + 12, b, 4);
        res[0] = goro_net_ip_value(w, 16);
    } else if (n == 16) {
        res[0] = goro_typed(args[0], ip_t);
    } else {
        res[0] = goro_net_ip_value(NULL, 0);
    }
    return 1;
}

static int ip_m_equal(G *g, Value *args, int nargs, Value *res)
{
    unsigned char a[16], b[16];
    int n = 0, m = 0;
    if (ip_arg(g, args, nargs, 0, a, &n) || ip_arg(g, args, nargs, 1, b, &m))
        return GORO_NATIVE_PANIC;
    bool eq;
    if (n == m) {
        eq = !memcmp(a, b, (size_t)n);
    } else if (n == 4 && m == 16) {
        eq = !memcmp(b, v4prefix, 12) && !memcmp(a, b + 12, 4);
    } else if (n == 16 && m == 4) {
        eq = !memcmp(a, v4prefix, 12) && !memcmp(a + 12, b, 4);
    } else {
        eq = false;
    }
    res[0] = goro_bool(eq);
    return 1;
}

static int ip_m_isloopback(G *g, Value *args, int nargs, Value *res)
{
    unsigned char b[16];
    int n = 0;
    if (ip_arg(g, args, nargs, 0, b, &n))
        return GORO_NATIVE_PANIC;
    const unsigned char *p4 = to4(b, n);
    static const unsigned char lo6[16] = {[15] = 1};
    res[0] = goro_bool(p4 ? p4[0] == 127 : n == 16 && !memcmp(b, lo6, 16));
    return 1;
}

static int ip_m_isunspecified(G *g, Value *args, int nargs, Value *res)
{
    unsigned char b[16];
    int n = 0;
    if (ip_arg(g, args, nargs, 0, b, &n))
        return GORO_NATIVE_PANIC;
    static const unsigned char zero[16];
    const unsigned char *p4 = to4(b, n);
    res[0] = goro_bool(p4 ? !memcmp(p4, zero, 4) : n == 16 && !memcmp(b, zero, 16));
    return 1;
}

/* --------------------------------------------------- host:port strings */

static const char *join_host_port(const char *host, const char *port)
{
    if (strchr(host, ':'))
        return goro_sprintf("[%s]:%s", host, port);
    return goro_sprintf("%s:%s", host, port);
}

/* Go's SplitHostPort; NULL or the AddrError's text. */
static const char *split_host_port(const char *hp, char **host, char **port)
{
    static const char missing[] = "missing port in address", colons[] = "too many colons in address";
    size_t len = strlen(hp), j = 0, k = 0;
    const char *last = strrchr(hp, ':');
    *host = *port = "";
    if (!last)
        return missing;
    size_t i = (size_t)(last - hp);
    if (hp[0] == '[') {
        const char *end = strchr(hp, ']');
        if (!end)
            return "missing ']' in address";
        size_t e = (size_t)(end - hp);
        if (e + 1 == len)
            return missing;
        if (e + 1 != i)
            return hp[e + 1] == ':' ? colons : missing;
        *host = goro_strndup(hp + 1, e - 1);
        j = 1;
        k = e + 1;
    } else {
        *host = goro_strndup(hp, i);
        if (strchr(*host, ':')) {
            *host = "";
            return colons;
        }
    }
    if (strchr(hp + j, '[')) {
        *host = "";
        return "unexpected '[' in address";
    }
    if (strchr(hp + k, ']')) {
        *host = "";
        return "unexpected ']' in address";
    }
    *port = goro_strdup(hp + i + 1);
    return NULL;
}

static int f_splithostport(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "net.SplitHostPort: argument must be a string");
    char *hp = cstr(args[0]), *host, *port;
    const char *err = split_host_port(hp, &host, &port);
    res[0] = goro_str_cstr(err ? "" : host);
    res[1] = goro_str_cstr(err ? "" : port);
    res[2] = err ? goro_net_addr_error(err, hp) : goro_nil();
    return 3;
}

static int f_joinhostport(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[0]) != VK_STRING || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "net.JoinHostPort: arguments must be strings");
    res[0] = goro_str_cstr(join_host_port(cstr(args[0]), cstr(args[1])));
    return 1;
}

/* ------------------------------------------------- address structs */

static Value new_addr(Type *st, Type *pt, Value a, Value b, Value c, int n)
{
    Struct *s = goro_alloc(sizeof *s + sizeof(Value) * (size_t)n);
    s->type = st;
    s->n = n;
    s->f[0] = a;
    s->f[1] = b;
    if (n > 2)
        s->f[2] = c;
    Value *cell = goro_alloc(sizeof *cell);
    *cell = goro_ptrval(TT(VK_STRUCT, st->id), s);
    return goro_ptrval(TT(VK_PTR, pt->id), cell);
}

Value goro_net_addr_of(NetKind kind, const NetAddr *a)
{
    if (kind == NK_UNIX)
        return new_addr(unixaddr_t, unixaddr_p, goro_str_cstr(a->path ? a->path : ""),
                        goro_str_cstr("unix"), goro_nil(), 2);
    Value ip = goro_net_ip_value(a->ip, a->iplen);
    if (kind == NK_TCP)
        return new_addr(tcpaddr_t, tcpaddr_p, ip, goro_int(a->port), goro_str_cstr(a->zone ? a->zone : ""), 3);
    return new_addr(udpaddr_t, udpaddr_p, ip, goro_int(a->port), goro_str_cstr(a->zone ? a->zone : ""), 3);
}

Value goro_net_addr_value(NetKind kind, const struct sockaddr *sa, socklen_t len)
{
    NetAddr a = {.zone = "", .path = ""};
    if (!sa || len < sizeof(sa_family_t))
        return goro_nil();
    if (sa->sa_family == AF_INET && kind != NK_UNIX) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
        memcpy(a.ip, &s4->sin_addr, 4);
        a.iplen = 4;
        a.port = ntohs(s4->sin_port);
    } else if (sa->sa_family == AF_INET6 && kind != NK_UNIX) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
        memcpy(a.ip, &s6->sin6_addr, 16);
        a.iplen = 16;
        a.port = ntohs(s6->sin6_port);
        if (s6->sin6_scope_id) {
            char name[IF_NAMESIZE];
            a.zone = if_indextoname(s6->sin6_scope_id, name) ? goro_strdup(name)
                                                              : goro_sprintf("%u", s6->sin6_scope_id);
        }
    } else if (sa->sa_family == AF_UNIX && kind == NK_UNIX) {
        /* as Go's syscall: a leading NUL (abstract or unbound) shows as '@' */
        const struct sockaddr_un *su = (const struct sockaddr_un *)sa;
        char path[sizeof su->sun_path + 1];
        memcpy(path, su->sun_path, sizeof su->sun_path);
        path[sizeof su->sun_path] = 0;
        if (path[0] == 0)
            path[0] = '@';
        a.path = goro_strdup(path);
    } else {
        return goro_nil();
    }
    return goro_net_addr_of(kind, &a);
}

/* The struct behind an address value (a pointer or the struct itself). */
static Struct *addr_struct(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_STRUCT || !v.u.p)
        return NULL;
    Struct *s = v.u.p;
    if (s->type != tcpaddr_t && s->type != udpaddr_t && s->type != unixaddr_t)
        return NULL;
    return s;
}

static const char *str_field(Value v) { return VKIND(v) == VK_STRING ? cstr(v) : ""; }

bool goro_net_addr_from_value(Value v, NetAddr *out)
{
    Struct *s = addr_struct(v);
    memset(out, 0, sizeof *out);
    out->zone = out->path = "";
    if (!s)
        return false;
    if (s->type == unixaddr_t) {
        out->path = str_field(s->f[0]);
        return true;
    }
    if (!ip_bytes(s->f[0], out->ip, &out->iplen) || (out->iplen != 0 && out->iplen != 4 && out->iplen != 16))
        return false;
    out->port = VKIND(s->f[1]) == VK_INT ? (int)s->f[1].u.i : 0;
    out->zone = str_field(s->f[2]);
    return true;
}

const char *goro_net_addr_string(Value v)
{
    if (VKIND(v) == VK_PTR && !v.u.p)
        return "<nil>";
    Struct *s = addr_struct(v);
    if (!s)
        return "";
    if (s->type == unixaddr_t)
        return str_field(s->f[0]);
    NetAddr a;
    goro_net_addr_from_value(v, &a);
    const char *ip = a.iplen ? ip_string(a.ip, a.iplen) : "";
    if (a.zone[0])
        ip = goro_sprintf("%s%%%s", ip, a.zone);
    return join_host_port(ip, goro_sprintf("%d", a.port));
}

static int addr_m_string(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_net_nil_receiver(g);
    res[0] = goro_str_cstr(goro_net_addr_string(args[0]));
    return 1;
}

static int addr_m_network(G *g, Value *args, int nargs, Value *res)
{
    Struct *s = nargs ? addr_struct(args[0]) : NULL;
    if (!s)
        return goro_net_nil_receiver(g);
    if (s->type == unixaddr_t)
        res[0] = s->f[1];
    else
        res[0] = goro_str_cstr(s->type == tcpaddr_t ? "tcp" : "udp");
    return 1;
}

int goro_net_addr_family(const NetAddr *a)
{
    if (a->path)
        return AF_UNIX;
    if (a->iplen <= 4 || to4(a->ip, a->iplen))
        return AF_INET;
    return AF_INET6;
}

bool goro_net_addr_wildcard(const NetAddr *a)
{
    static const unsigned char zero[16];
    if (a->iplen == 0)
        return true;
    const unsigned char *p4 = to4(a->ip, a->iplen);
    return p4 ? !memcmp(p4, zero, 4) : !memcmp(a->ip, zero, 16);
}

bool goro_net_sockaddr(const NetAddr *a, int family, NetSockaddr *out)
{
    memset(out, 0, sizeof *out);
    if (family == AF_UNIX) {
        struct sockaddr_un *su = (struct sockaddr_un *)&out->ss;
        size_t n = strlen(a->path);
        if (n >= sizeof su->sun_path)
            return false;
        su->sun_family = AF_UNIX;
        memcpy(su->sun_path, a->path, n);
        if (su->sun_path[0] == '@')   /* abstract socket, as Go */
            su->sun_path[0] = 0;
        out->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (su->sun_path[0] ? 1 : 0));
        return true;
    }
    const unsigned char *p4 = to4(a->ip, a->iplen);
    if (family == AF_INET) {
        if (a->iplen && !p4)
            return false;
        struct sockaddr_in *s4 = (struct sockaddr_in *)&out->ss;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)a->port);
        if (p4)
            memcpy(&s4->sin_addr, p4, 4);
        out->len = sizeof *s4;
        return true;
    }
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;
    s6->sin6_family = AF_INET6;
    s6->sin6_port = htons((uint16_t)a->port);
    if (p4 && !goro_net_addr_wildcard(a)) {
        memcpy(&s6->sin6_addr, v4prefix, 12);
        memcpy((unsigned char *)&s6->sin6_addr + 12, p4, 4);
    } else if (a->iplen == 16 && !p4) {
        memcpy(&s6->sin6_addr, a->ip, 16);
    }
    if (a->zone && a->zone[0]) {
        unsigned idx = if_nametoindex(a->zone);
        s6->sin6_scope_id = idx ? idx : (unsigned)atoi(a->zone);
    }
    out->len = sizeof *s6;
    return true;
}

/* ------------------------------------------------------------ resolution */

bool goro_net_parse_network(const char *s, NetNetwork *out)
{
    static const struct { const char *name; NetKind kind; int family; } nets[] = {
        {"tcp", NK_TCP, 0},  {"tcp4", NK_TCP, AF_INET},  {"tcp6", NK_TCP, AF_INET6},
        {"udp", NK_UDP, 0},  {"udp4", NK_UDP, AF_INET},  {"udp6", NK_UDP, AF_INET6},
        {"unix", NK_UNIX, AF_UNIX},
    };
    for (size_t i = 0; i < sizeof nets / sizeof nets[0]; i++)
        if (!strcmp(s, nets[i].name)) {
            out->kind = nets[i].kind;
            out->family = nets[i].family;
            out->name = nets[i].name;
            return true;
        }
    return false;
}

/* Go's LookupPort: a number (0-65535) or a service name. */
static Value parse_port(const NetNetwork *nw, const char *s, int *port)
{
    const char *p = s;
    bool neg = false;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    bool digits = *p != 0 || *s == 0;
    int64_t n = 0;
    for (const char *q = p; *q; q++) {
        if (*q < '0' || *q > '9') {
            digits = false;
            break;
        }
        if (n < 1000000)
            n = n * 10 + (*q - '0');
    }
    if (!digits) {
        const char *proto = nw->kind == NK_TCP ? "tcp" : "udp";
        struct servent se, *r = NULL;
        char buf[1024];
        goro_syscall_enter();
        int e = getservbyname_r(s, proto, &se, buf, sizeof buf, &r);
        goro_syscall_exit();
        if (e || !r)
            return goro_net_addr_error("unknown port", goro_sprintf("%s/%s", proto, s));
        *port = ntohs((uint16_t)r->s_port);
        return goro_nil();
    }
    if (neg)
        n = -n;
    if (n < 0 || n > 65535)
        return goro_net_addr_error("invalid port", s);
    *port = (int)n;
    return goro_nil();
}

static bool family_ok(const NetNetwork *nw, const NetAddr *a)
{
    if (nw->family == 0 || a->iplen == 0)
        return true;
    bool v4 = to4(a->ip, a->iplen) != NULL;
    return nw->family == AF_INET ? v4 : !v4;
}

/* getaddrinfo for [host]: its IPs in order, or a DNSError. */
static Value lookup_ips(const char *host, NetAddr *out, int *n)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_ADDRCONFIG}, *res = NULL;
    goro_syscall_enter();
    int e = getaddrinfo(host, NULL, &hints, &res);
    if (e == EAI_BADFLAGS || e == EAI_NONAME) {   /* AI_ADDRCONFIG with loopback only */
        hints.ai_flags = 0;
        e = getaddrinfo(host, NULL, &hints, &res);
    }
    goro_syscall_exit();
    *n = 0;
    if (e) {
        bool notfound = e == EAI_NONAME
#ifdef EAI_NODATA
                        || e == EAI_NODATA
#endif
            ;
        const char *msg = notfound ? "no such host"
                          : e == EAI_SYSTEM ? goro_errno_string(errno)
                                            : goro_strdup(gai_strerror(e));
        return goro_net_dns_error(msg, host, notfound, e == EAI_AGAIN);
    }
    for (struct addrinfo *ai = res; ai && *n < GORO_NET_MAXADDRS; ai = ai->ai_next) {
        NetAddr a = {.zone = ""};
        if (ai->ai_family == AF_INET) {
            memcpy(a.ip, v4prefix, 12);
            memcpy(a.ip + 12, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
        } else if (ai->ai_family == AF_INET6) {
            memcpy(a.ip, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
        } else {
            continue;
        }
        a.iplen = 16;
        bool dup = false;
        for (int i = 0; i < *n; i++)
            dup |= !memcmp(out[i].ip, a.ip, 16);
        if (!dup)
            out[(*n)++] = a;
    }
    freeaddrinfo(res);
    if (*n == 0)
        return goro_net_dns_error("no such host", host, true, false);
    return goro_nil();
}

Value goro_net_resolve(const NetNetwork *nw, const char *addr, NetAddr *out, int *n)
{
    *n = 0;
    if (nw->kind == NK_UNIX) {
        memset(out, 0, sizeof *out);
        out->zone = "";
        out->path = goro_strdup(addr);
        *n = 1;
        return goro_nil();
    }
    char *host, *portstr;
    const char *err = split_host_port(addr, &host, &portstr);
    if (err)
        return goro_net_addr_error(err, addr);
    int port = 0;
    Value perr = parse_port(nw, portstr, &port);
    if (VKIND(perr) != VK_NIL)
        return perr;
    NetAddr lits[GORO_NET_MAXADDRS];
    int nl = 0;
    const char *zone = "";
    if (host[0] == 0) {
        memset(&lits[0], 0, sizeof lits[0]);
        nl = 1;
    } else {
        char *pct = strrchr(host, '%');
        char *bare = host;
        if (pct) {
            bare = goro_strndup(host, (size_t)(pct - host));
            zone = pct + 1;
        }
        if (parse_ip(bare, lits[0].ip) && (!pct || !to4(lits[0].ip, 16))) {
            lits[0].iplen = 16;
            nl = 1;
        } else {
            Value e = lookup_ips(host, lits, &nl);
            if (VKIND(e) != VK_NIL)
                return e;
            zone = "";
        }
    }
    for (int i = 0; i < nl; i++) {
        lits[i].port = port;
        lits[i].zone = zone;
        lits[i].path = NULL;
        if (family_ok(nw, &lits[i]))
            out[(*n)++] = lits[i];
    }
    if (*n == 0)
        return goro_net_addr_error("no suitable address found", host);
    return goro_nil();
}

static int f_lookuphost(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "net.LookupHost: argument must be a string");
    char *host = cstr(args[0]);
    Type *st = goro_type_slice(goro_t_string);
    NetAddr as[GORO_NET_MAXADDRS];
    int n = 0;
    unsigned char lit[16];
    Value err = goro_nil();
    if (host[0] == 0)
        err = goro_net_dns_error("no such host", host, true, false);
    else if (parse_ip(host, lit))
        res[0] = goro_slice_from(TT(VK_SLICE, st->id), &args[0], 1);
    else
        err = lookup_ips(host, as, &n);
    if (VKIND(err) != VK_NIL) {
        res[0] = goro_ptrval(TT(VK_SLICE, st->id), NULL);
        res[1] = err;
        return 2;
    }
    if (!parse_ip(host, lit)) {
        Value items[GORO_NET_MAXADDRS];
        for (int i = 0; i < n; i++)
            items[i] = goro_str_cstr(ip_string(as[i].ip, as[i].iplen));
        res[0] = goro_slice_from(TT(VK_SLICE, st->id), items, n);
    }
    res[1] = goro_nil();
    return 2;
}

/* ResolveTCPAddr / ResolveUDPAddr: the first address (IPv4 first, as Go
 * prefers for a "tcp" with both). */
static int resolve(G *g, Value *args, int nargs, Value *res, NetKind kind, const char *fn)
{
    if (nargs < 2 || VKIND(args[0]) != VK_STRING || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "net.%s: arguments must be strings", fn);
    char *net = cstr(args[0]);
    NetNetwork nw;
    Type *pt = kind == NK_TCP ? tcpaddr_p : udpaddr_p;
    res[0] = goro_ptrval(TT(VK_PTR, pt->id), NULL);
    if (!goro_net_parse_network(net, &nw) || nw.kind != kind) {
        res[1] = goro_net_unknown_network(net);
        return 2;
    }
    NetAddr as[GORO_NET_MAXADDRS];
    int n = 0;
    Value err = goro_net_resolve(&nw, cstr(args[1]), as, &n);
    if (VKIND(err) != VK_NIL) {
        res[1] = err;
        return 2;
    }
    int pick = 0;
    for (int i = 0; i < n; i++)
        if (to4(as[i].ip, as[i].iplen)) {
            pick = i;
            break;
        }
    res[0] = goro_net_addr_of(kind, &as[pick]);
    res[1] = goro_nil();
    return 2;
}

static int f_resolvetcp(G *g, Value *args, int nargs, Value *res) { return resolve(g, args, nargs, res, NK_TCP, "ResolveTCPAddr"); }
static int f_resolveudp(G *g, Value *args, int nargs, Value *res) { return resolve(g, args, nargs, res, NK_UDP, "ResolveUDPAddr"); }

/* ------------------------------------------------------------ types */

static Type *addr_type(Package *p, const char *name, int n, const char **names, Type **types,
                       Type **ptr)
{
    Type *st = goro_type_struct(n, names, types, NULL);
    Type *t = goro_type_named("net", name, st);
    goro_pkg_type(p, name, t);
    goro_type_add_method(t, "String", goro_native_value("String", addr_m_string), true);
    goro_type_add_method(t, "Network", goro_native_value("Network", addr_m_network), true);
    *ptr = goro_type_ptr(t);
    return t;
}

void goro_net_addr_init(Package *p)
{
    f_ip = goro_intern_cstr("IP");
    f_port = goro_intern_cstr("Port");
    f_zone = goro_intern_cstr("Zone");
    f_name = goro_intern_cstr("Name");
    f_net = goro_intern_cstr("Net");
    ip_t = goro_type_named("net", "IP", goro_t_bytes);
    goro_pkg_type(p, "IP", ip_t);
    goro_pkg_method(ip_t, "String", ip_m_string);
    goro_pkg_method(ip_t, "To4", ip_m_to4);
    goro_pkg_method(ip_t, "To16", ip_m_to16);
    goro_pkg_method(ip_t, "Equal", ip_m_equal);
    goro_pkg_method(ip_t, "IsLoopback", ip_m_isloopback);
    goro_pkg_method(ip_t, "IsUnspecified", ip_m_isunspecified);
    goro_pkg_const(p, "IPv4len", goro_int(4));
    goro_pkg_const(p, "IPv6len", goro_int(16));

    const char **inet_names = goro_alloc(3 * sizeof *inet_names);
    Type **inet_types = goro_alloc(3 * sizeof *inet_types);
    inet_names[0] = f_ip;
    inet_names[1] = f_port;
    inet_names[2] = f_zone;
    inet_types[0] = ip_t;
    inet_types[1] = goro_t_int;
    inet_types[2] = goro_t_string;
    tcpaddr_t = addr_type(p, "TCPAddr", 3, inet_names, inet_types, &tcpaddr_p);
    udpaddr_t = addr_type(p, "UDPAddr", 3, inet_names, inet_types, &udpaddr_p);
    const char **unix_names = goro_alloc(2 * sizeof *unix_names);
    Type **unix_types = goro_alloc(2 * sizeof *unix_types);
    unix_names[0] = f_name;
    unix_names[1] = f_net;
    unix_types[0] = unix_types[1] = goro_t_string;
    unixaddr_t = addr_type(p, "UnixAddr", 2, unix_names, unix_types, &unixaddr_p);

    goro_pkg_func(p, "ParseIP", f_parseip);
    goro_pkg_func(p, "IPv4", f_ipv4);
    goro_pkg_func(p, "SplitHostPort", f_splithostport);
    goro_pkg_func(p, "JoinHostPort", f_joinhostport);
    goro_pkg_func(p, "LookupHost", f_lookuphost);
    goro_pkg_func(p, "ResolveTCPAddr", f_resolvetcp);
    goro_pkg_func(p, "ResolveUDPAddr", f_resolveudp);
}
