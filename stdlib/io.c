/* io.c: the io package: its sentinel errors (io_errors.h). */
#include "errors_obj.h"
#include "io_errors.h"
#include "pkg.h"

static Value errs[IO_NERR];
static const struct {
    const char *name, *msg;
} err_names[IO_NERR] = {
    [IO_EOF] = {"EOF", "EOF"},
    [IO_UNEXPECTED_EOF] = {"ErrUnexpectedEOF", "unexpected EOF"},
    [IO_SHORT_WRITE] = {"ErrShortWrite", "short write"},
    [IO_SHORT_BUFFER] = {"ErrShortBuffer", "short buffer"},
    [IO_NO_PROGRESS] = {"ErrNoProgress", "multiple Read calls return no data or error"},
    [IO_CLOSED_PIPE] = {"ErrClosedPipe", "io: read/write on closed pipe"},
};

Value goro_io_err(IoErr which) { return errs[which]; }

void goro_pkg_io_init(void)
{
    Package *p = goro_pkg_new("io");
    for (int i = 0; i < IO_NERR; i++) {
        errs[i] = goro_error_new(goro_str_cstr(err_names[i].msg));
        goro_pkg_var(p, err_names[i].name, errs[i]);
    }
}
