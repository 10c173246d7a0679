/* bufio.c: the bufio package: its errors and constants; the Scanner,
 * Reader and Writer are bufio_scan.c, bufio_reader.c, bufio_writer.c. */
#include "bufio_pkg.h"
#include "errors_obj.h"

static Value errs[BUFIO_NERR];

Value goro_bufio_err(int which) { return errs[which]; }

void goro_pkg_bufio_init(void)
{
    Package *p = goro_pkg_new("bufio");
    static const struct {
        const char *name, *msg;
    } e[BUFIO_NERR] = {
        [BUFIO_TOO_LONG] = {"ErrTooLong", "bufio.Scanner: token too long"},
        [BUFIO_NEGATIVE_ADVANCE] = {"ErrNegativeAdvance",
                                    "bufio.Scanner: SplitFunc returns negative advance count"},
        [BUFIO_ADVANCE_TOO_FAR] = {"ErrAdvanceTooFar",
                                   "bufio.Scanner: SplitFunc returns advance count beyond input"},
        [BUFIO_BAD_READ_COUNT] = {"ErrBadReadCount", "bufio.Scanner: Read returned impossible count"},
        [BUFIO_FINAL_TOKEN] = {"ErrFinalToken", "final token"},
        [BUFIO_INVALID_UNREAD_BYTE] = {"ErrInvalidUnreadByte", "bufio: invalid use of UnreadByte"},
        [BUFIO_INVALID_UNREAD_RUNE] = {"ErrInvalidUnreadRune", "bufio: invalid use of UnreadRune"},
        [BUFIO_BUFFER_FULL] = {"ErrBufferFull", "bufio: buffer full"},
        [BUFIO_NEGATIVE_COUNT] = {"ErrNegativeCount", "bufio: negative count"},
    };
    for (int i = 0; i < BUFIO_NERR; i++) {
        errs[i] = goro_error_new(goro_str_cstr(e[i].msg));
        goro_pkg_var(p, e[i].name, errs[i]);
    }
    goro_pkg_const(p, "MaxScanTokenSize", goro_int(64 * 1024));
    goro_bufio_scan_init(p);
    goro_bufio_reader_init(p);
    goro_bufio_writer_init(p);
}
