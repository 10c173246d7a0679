/* io.c: the io package: its sentinel errors (io_errors.h), interface
 * types and constants; the functions are io_copy.c, io_pipe.c and
 * io_wrap.c. */
#include <stdlib.h>
#include <string.h>

#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "vm.h"

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

/* *poll.DeadlineExceededError: Error, Timeout and Temporary. */
static ObjClass deadline_class = {.name = "*poll.DeadlineExceededError"};
static Value deadline_err, closing_err;

static int deadline_error(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_str_cstr("i/o timeout");
    return 1;
}

static int deadline_true(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_bool(true);
    return 1;
}

Value goro_poll_err_deadline(void) { return deadline_err; }
Value goro_poll_err_closing(void) { return closing_err; }

static void poll_errors_init(void)
{
    Type *t = goro_pkg_obj_type(NULL, "poll", "DeadlineExceededError", &deadline_class, NULL);
    goro_pkg_method(t, "Error", deadline_error);
    goro_pkg_method(t, "Timeout", deadline_true);
    goro_pkg_method(t, "Temporary", deadline_true);
    Obj *o = goro_alloc(sizeof *o);
    o->cls = &deadline_class;
    deadline_err = goro_obj_value(o);
    closing_err = goro_error_new(goro_str_cstr("use of closed network connection"));
}

void goro_pkg_io_init(void)
{
    Package *p = goro_pkg_new("io");
    for (int i = 0; i < IO_NERR; i++) {
        errs[i] = goro_error_new(goro_str_cstr(err_names[i].msg));
        goro_pkg_var(p, err_names[i].name, errs[i]);
    }
    poll_errors_init();
    static const char *ifaces[][2] = {
        {"Reader", "Read"}, {"Writer", "Write"}, {"Closer", "Close"}, {"Seeker", "Seek"},
        {"ReadWriter", "Read Write"}, {"ReadCloser", "Read Close"},
        {"WriteCloser", "Write Close"}, {"ReadWriteCloser", "Read Write Close"},
        {"ReadSeeker", "Read Seek"}, {"ReadSeekCloser", "Read Seek Close"},
        {"WriteSeeker", "Write Seek"}, {"ReadWriteSeeker", "Read Write Seek"},
        {"ReaderFrom", "ReadFrom"}, {"WriterTo", "WriteTo"}, {"ReaderAt", "ReadAt"},
        {"WriterAt", "WriteAt"}, {"ByteReader", "ReadByte"},
        {"ByteScanner", "ReadByte UnreadByte"}, {"ByteWriter", "WriteByte"},
        {"RuneReader", "ReadRune"}, {"RuneScanner", "ReadRune UnreadRune"},
        {"StringWriter", "WriteString"},
    };
    for (size_t i = 0; i < sizeof ifaces / sizeof ifaces[0]; i++)
        goro_pkg_iface(p, ifaces[i][0], ifaces[i][1]);
    goro_pkg_const(p, "SeekStart", goro_int(0));
    goro_pkg_const(p, "SeekCurrent", goro_int(1));
    goro_pkg_const(p, "SeekEnd", goro_int(2));
    goro_io_copy_init(p);
    goro_io_pipe_init(p);
    goro_io_wrap_init(p);
}
