/* os.c: the os package: Args, Exit, Getenv, the standard files, and
 * whole-file reads and writes.  Standard output goes through stdio's
 * buffer (flushed at exit and before anything is written to stderr), so
 * fmt.Println and os.Stdout.WriteString interleave correctly. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errors_obj.h"
#include "format.h"
#include "os_file.h"
#include "pkg.h"
#include "proc.h"
#include "vm.h"

static ObjClass file_class = {.name = "*os.File"};
static Box *args_box;

void goro_os_flush(void) { fflush(stdout); }

static Value file_value(int fd, const char *name)
{
    FileObj *f = goro_alloc(sizeof *f);
    f->obj.cls = &file_class;
    f->fd = fd;
    f->name = name;
    return goro_obj_value(&f->obj);
}

static FileObj *as_file(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &file_class)
        return NULL;
    return v.u.p;
}

/* A path error as Go prints it: "open x: no such file or directory". */
static Value path_error(const char *op, const char *path, int err)
{
    return goro_error_new(goro_str_cstr(goro_sprintf("%s %s: %s", op, path, goro_errno_string(err))));
}

bool goro_os_file_write(Value w, const char *s, size_t n, const char **err)
{
    FileObj *f = as_file(w);
    if (!f)
        return false;
    *err = NULL;
    if (f->closed) {
        *err = goro_sprintf("write %s: file already closed", f->name);
        return true;
    }
    if (f->fd == 1) {
        fwrite(s, 1, n, stdout);
        return true;
    }
    if (f->fd == 2)
        fflush(stdout);
    while (n > 0) {
        ssize_t k = write(f->fd, s, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            *err = goro_sprintf("write %s: %s", f->name, goro_errno_string(errno));
            return true;
        }
        s += k;
        n -= (size_t)k;
    }
    return true;
}

void goro_os_set_args(int argc, char **argv)
{
    Value *items = goro_alloc(sizeof(Value) * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++)
        items[i] = goro_str_cstr(argv[i]);
    Value s = goro_slice_from(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), items, argc);
    if (args_box)
        args_box->v = s;
}

static char *cstr(Value v)
{
    return goro_strndup(v.u.s, v.aux);
}

static int need_string(G *g, Value *args, int nargs, const char *fn)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "os.%s: argument must be a string", fn);
    return 0;
}

static int os_exit(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    int code = 0;
    if (nargs > 0 && VKIND(args[0]) == VK_INT)
        code = (int)args[0].u.i;
    else if (nargs > 0)
        return goro_runtime_error(g, "os.Exit: code must be an int");
    fflush(stdout);
    fflush(stderr);
    _exit(code & 0xff);
}

static int os_getenv(G *g, Value *args, int nargs, Value *res)
{
    if (need_string(g, args, nargs, "Getenv"))
        return GORO_NATIVE_PANIC;
    const char *v = getenv(cstr(args[0]));
    res[0] = goro_str_cstr(v ? v : "");
    return 1;
}

static int os_lookupenv(G *g, Value *args, int nargs, Value *res)
{
    if (need_string(g, args, nargs, "LookupEnv"))
        return GORO_NATIVE_PANIC;
    const char *v = getenv(cstr(args[0]));
    res[0] = goro_str_cstr(v ? v : "");
    res[1] = goro_bool(v != NULL);
    return 2;
}

static int os_readfile(G *g, Value *args, int nargs, Value *res)
{
    if (need_string(g, args, nargs, "ReadFile"))
        return GORO_NATIVE_PANIC;
    char *path = cstr(args[0]);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        res[0] = goro_ptrval(TT(VK_SLICE, goro_t_bytes->id), NULL);
        res[1] = path_error("open", path, errno);
        return 2;
    }
    Buf b = {0};
    char tmp[65536];
    for (;;) {
        ssize_t k = read(fd, tmp, sizeof tmp);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            res[0] = goro_ptrval(TT(VK_SLICE, goro_t_bytes->id), NULL);
            res[1] = path_error("read", path, e);
            return 2;
        }
        if (k == 0)
            break;
        goro_buf_put(&b, tmp, (size_t)k);
    }
    close(fd);
    const char *err;
    goro_type_convert(goro_t_bytes, goro_buf_string(&b), &res[0], &err);
    res[1] = goro_nil();
    return 2;
}

static int os_writefile(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "os.WriteFile: expects a name, data and a mode");
    char *path = cstr(args[0]);
    Value data = args[1];
    int mode = nargs > 2 && VKIND(args[2]) == VK_INT ? (int)args[2].u.i : 0644;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        res[0] = path_error("open", path, errno);
        return 1;
    }
    Buf b = {0};
    if (VKIND(data) == VK_STRING) {
        goro_buf_put(&b, data.u.s, data.aux);
    } else if (VKIND(data) == VK_SLICE) {
        Value *d = goro_slice_data(data);
        for (uint32_t i = 0; i < data.aux; i++)
            goro_buf_putc(&b, (char)d[i].u.i);
    }
    size_t off = 0;
    while (off < b.n) {
        ssize_t k = write(fd, b.s + off, b.n - off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            res[0] = path_error("write", path, e);
            return 1;
        }
        off += (size_t)k;
    }
    close(fd);
    res[0] = goro_nil();
    return 1;
}

static int file_write_string(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "File.WriteString: missing argument");
    const char *err;
    Value s = args[1];
    if (VKIND(s) != VK_STRING)
        return goro_runtime_error(g, "File.WriteString: argument must be a string");
    if (!goro_os_file_write(args[0], s.u.s, s.aux, &err))
        return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
    res[0] = goro_int(err ? 0 : s.aux);
    res[1] = err ? goro_error_new(goro_str_cstr(err)) : goro_nil();
    return 2;
}

static int file_write(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "File.Write: missing argument");
    Value s = args[1];
    Buf b = {0};
    if (VKIND(s) == VK_SLICE) {
        Value *d = goro_slice_data(s);
        for (uint32_t i = 0; i < s.aux; i++)
            goro_buf_putc(&b, (char)d[i].u.i);
    } else if (VKIND(s) == VK_STRING) {
        goro_buf_put(&b, s.u.s, s.aux);
    }
    const char *err;
    if (!goro_os_file_write(args[0], b.s ? b.s : "", b.n, &err))
        return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
    res[0] = goro_int(err ? 0 : (int64_t)b.n);
    res[1] = err ? goro_error_new(goro_str_cstr(err)) : goro_nil();
    return 2;
}

static int file_close(G *g, Value *args, int nargs, Value *res)
{
    FileObj *f = nargs ? as_file(args[0]) : NULL;
    if (!f)
        return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
    if (f->closed) {
        res[0] = goro_error_new(goro_str_cstr(goro_sprintf("close %s: file already closed", f->name)));
        return 1;
    }
    f->closed = true;
    if (f->fd > 2)
        close(f->fd);
    res[0] = goro_nil();
    return 1;
}

static int file_name(G *g, Value *args, int nargs, Value *res)
{
    FileObj *f = nargs ? as_file(args[0]) : NULL;
    if (!f)
        return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
    res[0] = goro_str_cstr(f->name);
    return 1;
}

void goro_pkg_os_init(void)
{
    Package *p = goro_pkg_new("os");
    Type *ft = goro_type_obj("os", "File", &file_class);
    ft->name = "*os.File";
    file_class.type = ft;
    goro_pkg_type(p, "File", ft);
    goro_pkg_method(ft, "WriteString", file_write_string);
    goro_pkg_method(ft, "Write", file_write);
    goro_pkg_method(ft, "Close", file_close);
    goro_pkg_method(ft, "Name", file_name);
    args_box = goro_pkg_var(p, "Args", goro_ptrval(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), NULL));
    goro_pkg_var(p, "Stdin", file_value(0, "/dev/stdin"));
    goro_pkg_var(p, "Stdout", file_value(1, "/dev/stdout"));
    goro_pkg_var(p, "Stderr", file_value(2, "/dev/stderr"));
    goro_pkg_func(p, "Exit", os_exit);
    goro_pkg_func(p, "Getenv", os_getenv);
    goro_pkg_func(p, "LookupEnv", os_lookupenv);
    goro_pkg_func(p, "ReadFile", os_readfile);
    goro_pkg_func(p, "WriteFile", os_writefile);
}
