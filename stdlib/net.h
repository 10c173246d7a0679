/* net.h: what the net package's files share (net.c: errors and the
 * package; net_addr.c: IPs, addresses and resolution; net_conn.c:
 * connections, listeners, dialing).  Not a public interface. */
#ifndef GORO_NET_H
#define GORO_NET_H

#include <sys/socket.h>

#include "object.h"
#include "pkg.h"

/* A network as Dial and Listen name it: the socket kind and the address
 * families it allows. */
typedef enum NetKind { NK_TCP, NK_UDP, NK_UNIX } NetKind;

typedef struct NetNetwork {
    NetKind kind;
    int family;             /* 0 (either), AF_INET, AF_INET6 (tcp4, udp6...) */
    const char *name;       /* as given: "tcp", "tcp4", "udp6", "unix" */
} NetNetwork;

/* A resolved address: an IP (none for a wildcard) and port, or a unix
 * socket path. */
typedef struct NetAddr {
    unsigned char ip[16];
    int iplen;              /* 0 (none: the wildcard), 4 or 16 */
    int port;
    const char *zone;       /* IPv6 zone ("lo"), "" when none */
    const char *path;       /* unix sockets */
} NetAddr;

typedef struct NetSockaddr {
    struct sockaddr_storage ss;
    socklen_t len;
} NetSockaddr;

#define GORO_NET_MAXADDRS 16

/* ------------------------------------------------------------ net.c */

/* The error values of net (os.SyscallError and syscall.Errno are os's). */
Value goro_net_op_error(const char *op, const char *net, Value source, Value addr, Value err);
Value goro_net_syscall_error(const char *syscall, int errnum);
Value goro_net_errno(int errnum);
Value goro_net_addr_error(const char *err, const char *addr);
Value goro_net_dns_error(const char *err, const char *name, bool notfound, bool temporary);
Value goro_net_unknown_network(const char *name);
/* An error's message, for the errors net makes and wraps. */
const char *goro_net_error_text(struct G *g, Value err);
/* A nil-pointer panic from a method of a net object. */
int goro_net_nil_receiver(struct G *g);

/* --------------------------------------------------------- net_addr.c */

void goro_net_addr_init(Package *p);
/* "tcp", "udp4", ...: false when unknown. */
bool goro_net_parse_network(const char *s, NetNetwork *out);
/* A net.IP of [n] (4 or 16) bytes. */
Value goro_net_ip_value(const unsigned char *b, int n);
/* *net.TCPAddr, *net.UDPAddr or *net.UnixAddr for a socket address of
 * [kind]; nil when the address is absent. */
Value goro_net_addr_value(NetKind kind, const struct sockaddr *sa, socklen_t len);
/* An address value's String(), "" when it is not one of net's. */
const char *goro_net_addr_string(Value addr);
/* The address value (*TCPAddr, *UDPAddr, *UnixAddr) of [a]. */
Value goro_net_addr_of(NetKind kind, const NetAddr *a);
/* A *TCPAddr / *UDPAddr / *UnixAddr argument (WriteTo's destination);
 * false when [v] is none of them. */
bool goro_net_addr_from_value(Value v, NetAddr *out);
/* The socket family Go picks for an address (AF_INET for none or IPv4). */
int goro_net_addr_family(const NetAddr *a);
/* Is it a wildcard (no IP, 0.0.0.0 or ::)? */
bool goro_net_addr_wildcard(const NetAddr *a);
/* [a] as a socket address of [family] (IPv4 maps into AF_INET6);
 * false when it does not fit (an IPv6 address on an AF_INET socket). */
bool goro_net_sockaddr(const NetAddr *a, int family, NetSockaddr *out);
/* Resolve [addr] on [nw]: up to GORO_NET_MAXADDRS addresses in
 * preference order, or an error value (AddrError, DNSError).  May
 * block in getaddrinfo (as a system call). */
Value goro_net_resolve(const NetNetwork *nw, const char *addr, NetAddr *out, int *n);

/* --------------------------------------------------------- net_conn.c */

void goro_net_conn_init(Package *p);

#endif
