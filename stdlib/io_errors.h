/* io_errors.h: the io package's sentinel errors, shared by every package
 * that reads or writes (os, bufio, net, strings, fmt's scanning), so
 * `err == io.EOF` holds whichever package returned it.  Defined and
 * registered as io's variables by io.c. */
#ifndef GORO_IO_ERRORS_H
#define GORO_IO_ERRORS_H

#include "value.h"

typedef enum IoErr {
    IO_EOF,               /* "EOF" */
    IO_UNEXPECTED_EOF,    /* "unexpected EOF" */
    IO_SHORT_WRITE,       /* "short write" */
    IO_SHORT_BUFFER,      /* "short buffer" */
    IO_NO_PROGRESS,       /* "multiple Read calls return no data or error" */
    IO_CLOSED_PIPE,       /* "io: read/write on closed pipe" */
    IO_NERR
} IoErr;

/* The error value (made once, at package registration). */
Value goro_io_err(IoErr which);

/* Errors of waits on descriptors, shared by os and net as Go's
 * internal/poll: "i/o timeout" (a *poll.DeadlineExceededError whose
 * Timeout() is true: os.ErrDeadlineExceeded) and "use of closed network
 * connection" (net.ErrClosed). */
Value goro_poll_err_deadline(void);
Value goro_poll_err_closing(void);

#endif
