/* fmt.c: the fmt package: Print*, Sprint*, Fprint*, Errorf.  The
 * formatting itself is format.c. */
#include <stdio.h>

#include "errors_obj.h"
#include "format.h"
#include "format_state.h"
#include "os_file.h"
#include "pkg.h"
#include "scan.h"
#include "vm.h"

/* Write [b] to [w]: a native writer directly (its ObjClass.write), an
 * *os.File through stdio, anything else through its Write method (an
 * io.Writer written in goro, which may park: the formatted text is kept
 * in g->nstate while the call runs, so it is formatted once). */
static int write_to(G *g, Value w, Buf *b, Value *res)
{
    int64_t n = (int64_t)b->n;
    if (VKIND(w) == VK_OBJ && w.u.p && ((Obj *)w.u.p)->cls->write) {
        Obj *o = w.u.p;
        size_t done = 0;
        Value e = goro_nil();
        int r = o->cls->write(g, o, b->s ? b->s : "", b->n, &done, &e);
        if (r < 0)
            return r;
        res[0] = goro_int((int64_t)done);
        res[1] = e;
        return 2;
    }
    const char *err = NULL;
    if (goro_os_file_write(w, b->s ? b->s : "", b->n, &err)) {
        res[0] = goro_int(err ? 0 : n);
        res[1] = err ? goro_error_new(goro_str_cstr(err)) : goro_nil();
        return 2;
    }
    if (goro_value_is_nil(w))
        return goro_nil_deref(g);
    /* io.Writer: w.Write([]byte) */
    Value bytes;
    const char *cerr;
    goro_type_convert(goro_t_bytes, goro_buf_string(b), &bytes, &cerr);
    Value r[2];
    int k = goro_fmt_call_method_parkable(g, w, "Write", &bytes, 1, r, 2);
    if (k == GORO_NATIVE_CALL)
        return k;
    if (k == -2)
        return goro_runtime_error(g, "%s does not implement io.Writer (missing method Write)",
                                  goro_type_of(w)->name);
    if (k < 0)
        return GORO_NATIVE_PANIC;
    res[0] = k > 0 ? r[0] : goro_int(n);
    res[1] = k > 1 ? r[1] : goro_nil();
    return 2;
}

/* The Fprint call is over unless its Write parked. */
static int finish_write(G *g, int r)
{
    if (r != GORO_NATIVE_CALL && r != GORO_NATIVE_RETRY)
        g->nstate = NULL;
    return r;
}

static Buf *keep_text(G *g, Buf *b)
{
    Buf *k = goro_alloc(sizeof *k);
    *k = *b;
    g->nstate = k;
    return k;
}

static int stdout_write(Buf *b, Value *res)
{
    if (b->n)
        fwrite(b->s, 1, b->n, stdout);
    res[0] = goro_int((int64_t)b->n);
    res[1] = goro_nil();
    return 2;
}

static int fmt_print(G *g, Value *args, int nargs, Value *res)
{
    Buf b = {0};
    if (goro_fmt_sprint(g, &b, args, nargs))
        return GORO_NATIVE_PANIC;
    return stdout_write(&b, res);
}

static int fmt_println(G *g, Value *args, int nargs, Value *res)
{
    Buf b = {0};
    if (goro_fmt_sprintln(g, &b, args, nargs))
        return GORO_NATIVE_PANIC;
    return stdout_write(&b, res);
}

static int need_format(G *g, Value *args, int nargs, const char *fn)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to fmt.%s", fn);
    if (VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "fmt.%s: format must be a string, not %s", fn,
                                  goro_type_of(args[0])->name);
    return 0;
}

static int fmt_printf(G *g, Value *args, int nargs, Value *res)
{
    if (need_format(g, args, nargs, "Printf"))
        return GORO_NATIVE_PANIC;
    Buf b = {0};
    if (goro_fmt_sprintf(g, &b, args[0], args + 1, nargs - 1))
        return GORO_NATIVE_PANIC;
    return stdout_write(&b, res);
}

static int fmt_sprint(G *g, Value *args, int nargs, Value *res)
{
    Buf b = {0};
    if (goro_fmt_sprint(g, &b, args, nargs))
        return GORO_NATIVE_PANIC;
    res[0] = goro_buf_string(&b);
    return 1;
}

static int fmt_sprintln(G *g, Value *args, int nargs, Value *res)
{
    Buf b = {0};
    if (goro_fmt_sprintln(g, &b, args, nargs))
        return GORO_NATIVE_PANIC;
    res[0] = goro_buf_string(&b);
    return 1;
}

static int fmt_sprintf(G *g, Value *args, int nargs, Value *res)
{
    if (need_format(g, args, nargs, "Sprintf"))
        return GORO_NATIVE_PANIC;
    Buf b = {0};
    if (goro_fmt_sprintf(g, &b, args[0], args + 1, nargs - 1))
        return GORO_NATIVE_PANIC;
    res[0] = goro_buf_string(&b);
    return 1;
}

/* Go 1.20's Errorf: the %w operands in argument order, each once. */
static int sorted_unique(int *idx, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
            int t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    int m = 0;
    for (int i = 0; i < n; i++)
        if (m == 0 || idx[m - 1] != idx[i])
            idx[m++] = idx[i];
    return m;
}

static int fmt_errorf(G *g, Value *args, int nargs, Value *res)
{
    if (need_format(g, args, nargs, "Errorf"))
        return GORO_NATIVE_PANIC;
    Buf b = {0};
    int idx[16], nw;
    if (goro_fmt_errorf(g, &b, args[0], args + 1, nargs - 1, idx, 16, &nw))
        return GORO_NATIVE_PANIC;
    Value msg = goro_buf_string(&b);
    nw = sorted_unique(idx, nw);
    if (nw == 0) {
        res[0] = goro_error_new(msg);
        return 1;
    }
    if (nw == 1) {
        res[0] = goro_error_wrap(msg, args[1 + idx[0]]);
        return 1;
    }
    Value list[16];
    for (int i = 0; i < nw; i++)
        list[i] = args[1 + idx[i]];
    Value sl = goro_slice_from(TT(VK_SLICE, goro_type_slice(goro_t_error)->id), list, nw);
    res[0] = goro_error_wrap(msg, sl);
    return 1;
}

static int fmt_fprint(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to fmt.Fprint");
    Buf *pb = g->nstate;   /* formatted before its Write parked */
    if (!pb) {
        Buf b = {0};
        if (goro_fmt_sprint(g, &b, args + 1, nargs - 1))
            return GORO_NATIVE_PANIC;
        pb = keep_text(g, &b);
    }
    return finish_write(g, write_to(g, args[0], pb, res));
}

static int fmt_fprintln(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to fmt.Fprintln");
    Buf *pb = g->nstate;   /* formatted before its Write parked */
    if (!pb) {
        Buf b = {0};
        if (goro_fmt_sprintln(g, &b, args + 1, nargs - 1))
            return GORO_NATIVE_PANIC;
        pb = keep_text(g, &b);
    }
    return finish_write(g, write_to(g, args[0], pb, res));
}

static int fmt_fprintf(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "fmt.Fprintf: expects a writer and a format string");
    Buf *pb = g->nstate;   /* formatted before its Write parked */
    if (!pb) {
        Buf b = {0};
        if (goro_fmt_sprintf(g, &b, args[1], args + 2, nargs - 2))
            return GORO_NATIVE_PANIC;
        pb = keep_text(g, &b);
    }
    return finish_write(g, write_to(g, args[0], pb, res));
}

/* Append [b] to the byte slice [dst] (nil appends to a new slice). */
static int append_to(G *g, Value dst, Buf *b, Value *res)
{
    if (VKIND(dst) != VK_SLICE && VKIND(dst) != VK_NIL)
        return goro_runtime_error(g, "fmt.Append: first argument must be a []byte, not %s",
                                  goro_type_of(dst)->name);
    Value bytes;
    const char *cerr;
    goro_type_convert(goro_t_bytes, goro_buf_string(b), &bytes, &cerr);
    if (VKIND(dst) == VK_NIL)
        dst = goro_slice_new(bytes.tt, 0, 0);
    dst.tt = bytes.tt;   /* the result is a []byte, whatever dst's named type */
    res[0] = goro_slice_append(dst, goro_slice_data(bytes), bytes.aux);
    return 1;
}

static int fmt_append(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to fmt.Append");
    Buf b = {0};
    if (goro_fmt_sprint(g, &b, args + 1, nargs - 1))
        return GORO_NATIVE_PANIC;
    return append_to(g, args[0], &b, res);
}

static int fmt_appendln(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to fmt.Appendln");
    Buf b = {0};
    if (goro_fmt_sprintln(g, &b, args + 1, nargs - 1))
        return GORO_NATIVE_PANIC;
    return append_to(g, args[0], &b, res);
}

static int fmt_appendf(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "fmt.Appendf: expects a []byte and a format string");
    Buf b = {0};
    if (goro_fmt_sprintf(g, &b, args[1], args + 2, nargs - 2))
        return GORO_NATIVE_PANIC;
    return append_to(g, args[0], &b, res);
}

void goro_pkg_fmt_init(void)
{
    Package *p = goro_pkg_new("fmt");
    goro_pkg_func(p, "Print", fmt_print);
    goro_pkg_func(p, "Println", fmt_println);
    goro_pkg_func(p, "Printf", fmt_printf);
    goro_pkg_func(p, "Sprint", fmt_sprint);
    goro_pkg_func(p, "Sprintln", fmt_sprintln);
    goro_pkg_func(p, "Sprintf", fmt_sprintf);
    goro_pkg_func(p, "Errorf", fmt_errorf);
    goro_pkg_func(p, "Fprint", fmt_fprint);
    goro_pkg_func(p, "Fprintln", fmt_fprintln);
    goro_pkg_func(p, "Fprintf", fmt_fprintf);
    goro_pkg_func(p, "Append", fmt_append);
    goro_pkg_func(p, "Appendln", fmt_appendln);
    goro_pkg_func(p, "Appendf", fmt_appendf);
    goro_fmt_scan_init(p);
    static const char *string_method[1];
    string_method[0] = goro_intern_cstr("String");
    goro_pkg_type(p, "Stringer", goro_type_named("fmt", "Stringer", goro_type_iface(1, string_method)));
    goro_fmt_state_init(p);
    /* the REPL does not echo what the printers return */
    const char *quiet[] = {"Print", "Println", "Printf", "Fprint", "Fprintln", "Fprintf"};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
        ((Native *)goro_pkg_member(p, goro_intern_cstr(quiet[i]))->value.u.p)->quiet = true;
}
