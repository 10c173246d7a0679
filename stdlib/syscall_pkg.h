/* syscall_pkg.h: syscall.Signal values, shared by syscall.c, os and
 * os/signal. */
#ifndef GORO_SYSCALL_PKG_H
#define GORO_SYSCALL_PKG_H

#include "object.h"

Type *goro_syscall_signal_type(void);
Value goro_syscall_signal(int sig);             /* a syscall.Signal */
bool goro_syscall_signal_num(Value v, int *sig); /* false when [v] is no Signal */

#endif
