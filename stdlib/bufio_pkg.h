/* bufio_pkg.h: the parts of the bufio package (bufio.c registers them). */
#ifndef GORO_BUFIO_PKG_H
#define GORO_BUFIO_PKG_H

#include "pkg.h"

enum {
    BUFIO_TOO_LONG, BUFIO_NEGATIVE_ADVANCE, BUFIO_ADVANCE_TOO_FAR, BUFIO_BAD_READ_COUNT,
    BUFIO_FINAL_TOKEN, BUFIO_INVALID_UNREAD_BYTE, BUFIO_INVALID_UNREAD_RUNE,
    BUFIO_BUFFER_FULL, BUFIO_NEGATIVE_COUNT, BUFIO_NERR
};
/* bufio's error variables (made once). */
Value goro_bufio_err(int which);

void goro_bufio_scan_init(Package *p);     /* bufio_scan.c: Scanner, Scan* */
void goro_bufio_reader_init(Package *p);   /* bufio_reader.c: Reader */
void goro_bufio_writer_init(Package *p);   /* bufio_writer.c: Writer, ReadWriter */
/* utf8.FullRune (bufio_scan.c) */
bool goro_bufio_full_rune(const unsigned char *p, size_t n);
/* The *bufio.Reader / *bufio.Writer types (for ReadWriter's fields). */
Type *goro_bufio_reader_type(void);
Type *goro_bufio_writer_type(void);

#endif
