/* os_file.c: *os.File: OpenFile, Open, Create, the standard files, Read,
 * Write, ReadAt, WriteAt, Seek, Close, Stat, ReadDir, and the whole-file
 * ReadFile and WriteFile.
 *
 * Every call that may block in the kernel is wrapped in
 * goro_syscall_enter/exit, so a goroutine reading a pipe or a terminal
 * (os.Stdin) lets the others run.  Standard output goes through stdio's
 * buffer, which fmt.Println uses too, so both interleave in order; it is
 * flushed before anything is written to another descriptor 2 or read
 * from standard input, and at exit. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errors_obj.h"
#include "format.h"
#include "io_errors.h"
#include "os_file.h"
#include "os_impl.h"
#include "proc.h"
#include "rw.h"
#include "scan.h"
#include "vm.h"

static ObjClass file_class = {.name = "*os.File"};

#define MAX_RW (1 << 30)   /* Go's maxRW: one system call moves at most 1GB */

void goro_os_flush(void)
{
    goro_syscall_enter();
    fflush(stdout);
    goro_syscall_exit();
}

static Value file_value(int fd, const char *name, bool append)
{
    FileObj *f = goro_alloc(sizeof *f);
    f->obj.cls = &file_class;
    f->fd = fd;
    f->name = name;
    f->append = append;
    return goro_obj_value(&f->obj);
}

Value goro_os_nil_file(void) { return goro_ptrval(TT(VK_OBJ, file_class.type->id), NULL); }

static FileObj *as_file(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &file_class)
        return NULL;
    return v.u.p;
}

#define NEED_FILE(var)                                                                       \
    FileObj *var = nargs ? as_file(args[0]) : NULL;                                          \
    if (!var)                                                                                \
        return goro_nil_deref(g)

/* Methods called on a nil *os.File return os.ErrInvalid, as Go's
 * checkValid does: [nres] results, the error last. */
#define NEED_FILE_VALID(var, nres, zero)                                                           \
    FileObj *var = nargs ? as_file(args[0]) : NULL;                                          \
    if (!var) {                                                                              \
        if ((nres) == 2)                                                                     \
            res[0] = (zero);                                                                 \
        res[(nres) - 1] = goro_os_err(OS_ERR_INVALID);                                       \
        return (nres);                                                                       \
    }

static Value closed_error(FileObj *f, const char *op)
{
    return goro_os_path_error(op, f->name, goro_os_err(OS_ERR_CLOSED));
}

/* ------------------------------------------------------------ raw I/O */

/* Write all of [s, s+n) to [f]: 0, or the errno that stopped it. */
static int raw_write(FileObj *f, const char *s, size_t n, size_t *done)
{
    int e = 0;
    *done = 0;
    goro_syscall_enter();
    if (f->fd == 1) {
        *done = fwrite(s, 1, n, stdout);
        if (*done < n)
            e = errno ? errno : EIO;
    } else {
        if (f->fd == 2)
            fflush(stdout);
        while (*done < n) {
            size_t chunk = n - *done > MAX_RW ? MAX_RW : n - *done;
            ssize_t k = write(f->fd, s + *done, chunk);
            if (k < 0) {
                if (errno == EINTR)
                    continue;
                e = errno;
                break;
            }
            *done += (size_t)k;
        }
    }
    goro_syscall_exit();
    return e;
}

/* One read(2) of at most [n] bytes at [off] (-1: the file offset). */
static int raw_read(FileObj *f, char *buf, size_t n, int64_t off, size_t *done)
{
    if (n > MAX_RW)
        n = MAX_RW;
    if (f->fd == 0 && off < 0 && n > 0) {
        /* what fmt's scanning read ahead of standard input comes first */
        size_t got = goro_scan_stdin_take(buf, n);
        if (got) {
            *done = got;
            return 0;
        }
    }
    ssize_t k;
    int e = 0;
    goro_syscall_enter();
    if (f->fd == 0)
        fflush(stdout);
    do
        k = off < 0 ? read(f->fd, buf, n) : pread(f->fd, buf, n, (off_t)off);
    while (k < 0 && errno == EINTR);
    if (k < 0)
        e = errno;
    goro_syscall_exit();
    *done = k > 0 ? (size_t)k : 0;
    return e;
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
    size_t done;
    int e = raw_write(f, s, n, &done);
    if (e)
        *err = goro_sprintf("write %s: %s", f->name, goro_errno_string(e));
    return true;
}

/* ObjClass.read / write: what bufio, io.Copy and fmt use. */
static int cls_read(G *g, Obj *o, char *buf, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    FileObj *f = (FileObj *)o;
    *done = 0;
    *err = goro_nil();
    if (f->closed) {
        *err = closed_error(f, "read");
        return 0;
    }
    if (n == 0)
        return 0;
    int e = raw_read(f, buf, n, -1, done);
    if (e)
        *err = goro_os_path_errno("read", f->name, e);
    else if (*done == 0)
        *err = goro_io_err(IO_EOF);
    return 0;
}

static int cls_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    FileObj *f = (FileObj *)o;
    *done = 0;
    *err = goro_nil();
    if (f->closed) {
        *err = closed_error(f, "write");
        return 0;
    }
    int e = raw_write(f, buf, n, done);
    if (e)
        *err = goro_os_path_errno("write", f->name, e);
    return 0;
}

/* ------------------------------------------------------------ opening */

Value goro_os_open(const char *path, int flags, unsigned perm, Value *err)
{
    mode_t mode = perm & 0777;
    if (perm & GORO_MODE_SETUID)
        mode |= S_ISUID;
    if (perm & GORO_MODE_SETGID)
        mode |= S_ISGID;
    if (perm & GORO_MODE_STICKY)
        mode |= S_ISVTX;
    int fd;
    goro_syscall_enter();
    do
        fd = open(path, flags | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR);
    int e = errno;
    goro_syscall_exit();
    if (fd < 0) {
        *err = goro_os_path_errno("open", path, e);
        return goro_os_nil_file();
    }
    *err = goro_nil();
    return file_value(fd, path, (flags & O_APPEND) != 0);
}

static int open_common(G *g, Value *args, int nargs, Value *res, const char *fn, int flags,
                       unsigned perm)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, fn);
    if (!path)
        return GORO_NATIVE_PANIC;
    if (goro_os_has_nul(args[0])) {
        res[0] = goro_os_nil_file();
        res[1] = goro_os_nul_path_error("open", args[0]);
        return 2;
    }
    res[0] = goro_os_open(path, flags, perm, &res[1]);
    return 2;
}

static int os_open(G *g, Value *args, int nargs, Value *res)
{
    return open_common(g, args, nargs, res, "Open", O_RDONLY, 0);
}

static int os_create(G *g, Value *args, int nargs, Value *res)
{
    return open_common(g, args, nargs, res, "Create", O_RDWR | O_CREAT | O_TRUNC, 0666);
}

static int os_openfile(G *g, Value *args, int nargs, Value *res)
{
    int64_t flags, perm;
    if (!goro_arg_int(args, nargs, 1, &flags) || !goro_arg_int(args, nargs, 2, &perm))
        return goro_runtime_error(g, "os.OpenFile: expects a name, an int flag and a FileMode");
    return open_common(g, args, nargs, res, "OpenFile", (int)flags, (unsigned)perm);
}

static int os_newfile(G *g, Value *args, int nargs, Value *res)
{
    int64_t fd;
    if (!goro_arg_int(args, nargs, 0, &fd) || nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "os.NewFile: expects a uintptr and a name");
    if (fd < 0 || fd > INT32_MAX || fcntl((int)fd, F_GETFD) < 0) {
        res[0] = goro_os_nil_file();
        return 1;
    }
    res[0] = file_value((int)fd, goro_strndup(args[1].u.s, args[1].aux), false);
    return 1;
}

/* ------------------------------------------------------------ methods */

static int file_read(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_int(0));
    if (nargs < 2 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "os.File.Read: argument must be a []byte");
    Value b = args[1];
    size_t n = b.aux, done;
    char small[4096];
    char *buf = n <= sizeof small ? small : goro_alloc_atomic(n > MAX_RW ? MAX_RW : n);
    cls_read(g, &f->obj, buf, n, &done, &res[1]);
    Value *d = goro_slice_data(b);
    for (size_t k = 0; k < done; k++)
        d[k] = goro_byte((unsigned char)buf[k]);
    res[0] = goro_int((int64_t)done);
    return 2;
}

static int file_readat(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_int(0));
    int64_t off;
    if (nargs < 3 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL) ||
        !goro_arg_int(args, nargs, 2, &off))
        return goro_runtime_error(g, "os.File.ReadAt: expects a []byte and an int64 offset");
    res[0] = goro_int(0);
    res[1] = goro_nil();
    if (off < 0) {
        res[1] = goro_os_path_error("readat", f->name, goro_error_new(goro_str_cstr("negative offset")));
        return 2;
    }
    Value b = args[1];
    size_t n = b.aux, total = 0;
    char *buf = goro_alloc_atomic(n ? n : 1);
    while (total < n) {
        if (f->closed) {
            res[1] = closed_error(f, "read");
            break;
        }
        size_t done;
        int e = raw_read(f, buf + total, n - total, off, &done);
        if (e) {
            res[1] = goro_os_path_errno("read", f->name, e);
            break;
        }
        if (done == 0) {
            res[1] = goro_io_err(IO_EOF);
            break;
        }
        total += done;
        off += (int64_t)done;
    }
    Value *d = goro_slice_data(b);
    for (size_t k = 0; k < total; k++)
        d[k] = goro_byte((unsigned char)buf[k]);
    res[0] = goro_int((int64_t)total);
    return 2;
}

static int write_bytes(G *g, FileObj *f, const char *s, size_t n, Value *res)
{
    size_t done;
    cls_write(g, &f->obj, s, n, &done, &res[1]);
    res[0] = goro_int((int64_t)done);
    return 2;
}

static int file_write(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_int(0));
    if (nargs < 2 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL &&
                      VKIND(args[1]) != VK_STRING))
        return goro_runtime_error(g, "os.File.Write: argument must be a []byte");
    size_t n;
    const char *s = goro_rw_bytes(args[1], &n);
    return write_bytes(g, f, s ? s : "", n, res);
}

static int file_write_string(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_int(0));
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "os.File.WriteString: argument must be a string");
    return write_bytes(g, f, args[1].u.s, args[1].aux, res);
}

static int file_writeat(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_int(0));
    int64_t off;
    if (nargs < 3 || !goro_arg_int(args, nargs, 2, &off))
        return goro_runtime_error(g, "os.File.WriteAt: expects a []byte and an int64 offset");
    res[0] = goro_int(0);
    res[1] = goro_nil();
    if (f->append) {
        res[1] = goro_error_new(goro_str_cstr("os: invalid use of WriteAt on file opened with O_APPEND"));
        return 2;
    }
    if (off < 0) {
        res[1] = goro_os_path_error("writeat", f->name, goro_error_new(goro_str_cstr("negative offset")));
        return 2;
    }
    if (f->closed) {
        res[1] = closed_error(f, "write");
        return 2;
    }
    size_t n, total = 0;
    const char *s = goro_rw_bytes(args[1], &n);
    int e = 0;
    goro_syscall_enter();
    while (total < n) {
        ssize_t k = pwrite(f->fd, s + total, n - total, (off_t)(off + (int64_t)total));
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            e = errno;
            break;
        }
        total += (size_t)k;
    }
    goro_syscall_exit();
    res[0] = goro_int((int64_t)total);
    if (e)
        res[1] = goro_os_path_errno("write", f->name, e);
    return 2;
}

static int file_seek(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_typed(goro_int(0), goro_t_int64));
    int64_t off, whence;
    if (!goro_arg_int(args, nargs, 1, &off) || !goro_arg_int(args, nargs, 2, &whence))
        return goro_runtime_error(g, "os.File.Seek: expects an int64 offset and an int whence");
    res[0] = goro_typed(goro_int(0), goro_t_int64);
    res[1] = goro_nil();
    if (f->closed) {
        res[1] = closed_error(f, "seek");
        return 2;
    }
    off_t r = whence < 0 || whence > 2 ? (errno = EINVAL, -1) : lseek(f->fd, (off_t)off, (int)whence);
    if (r < 0) {
        res[1] = goro_os_path_errno("seek", f->name, errno);
        return 2;
    }
    if (f->dir && r != 0) {
        res[1] = goro_os_path_errno("seek", f->name, EISDIR);
        return 2;
    }
    res[0] = goro_typed(goro_int(r), goro_t_int64);
    return 2;
}

void goro_os_close(Value v)
{
    FileObj *f = as_file(v);
    if (!f || f->closed)
        return;
    f->closed = true;
    if (f->dir) {
        closedir(f->dir);
        f->dir = NULL;
    } else if (f->fd > 2) {
        close(f->fd);
    }
    f->fd = -1;
}

static int file_close(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 1, goro_nil());
    if (f->closed) {
        res[0] = closed_error(f, "close");
        return 1;
    }
    int r = 0, e = 0;
    f->closed = true;
    if (f->dir) {
        r = closedir(f->dir);
        f->dir = NULL;
    } else if (f->fd > 2) {
        r = close(f->fd);
    }
    e = errno;
    f->fd = -1;
    res[0] = r < 0 && e != EINTR ? goro_os_path_errno("close", f->name, e) : goro_nil();
    return 1;
}

static int file_name(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE(f);
    res[0] = goro_str_cstr(f->name);
    return 1;
}

static int file_fd(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    FileObj *f = nargs ? as_file(args[0]) : NULL;
    if (!f) {
        res[0] = goro_typed(goro_int(-1), goro_t_uintptr);
        return 1;
    }
    res[0] = goro_typed(goro_int(f->fd), goro_t_uintptr);
    return 1;
}

static int file_stat(G *g, Value *args, int nargs, Value *res)
{
    NEED_FILE_VALID(f, 2, goro_nil());
    res[0] = goro_nil();
    if (f->closed) {
        res[1] = goro_os_path_error("stat", f->name, goro_error_new(goro_str_cstr("use of closed file")));
        return 2;
    }
    struct stat st;
    goro_syscall_enter();
    int r = fstat(f->fd, &st);
    int e = errno;
    goro_syscall_exit();
    if (r < 0) {
        res[1] = goro_os_path_errno("stat", f->name, e);
        return 2;
    }
    res[0] = goro_os_file_info(f->name, &st);
    res[1] = goro_nil();
    return 2;
}

/* Sync, Truncate, Chmod: one call on the descriptor. */
static int fd_call(G *g, Value *args, int nargs, Value *res, const char *op)
{
    NEED_FILE_VALID(f, 1, goro_nil());
    int64_t arg = 0;
    if (op[0] != 's' && !goro_arg_int(args, nargs, 1, &arg))
        return goro_runtime_error(g, "os.File.%c%s: missing argument", op[0] - 32, op + 1);
    if (f->closed) {
        res[0] = closed_error(f, op);
        return 1;
    }
    int r;
    goro_syscall_enter();
    if (op[0] == 's')
        r = fsync(f->fd);
    else if (op[0] == 't')
        r = ftruncate(f->fd, (off_t)arg);
    else
        r = fchmod(f->fd, (mode_t)(arg & 07777));
    int e = errno;
    goro_syscall_exit();
    res[0] = r < 0 ? goro_os_path_errno(op, f->name, e) : goro_nil();
    return 1;
}

static int file_sync(G *g, Value *args, int nargs, Value *res) { return fd_call(g, args, nargs, res, "sync"); }
static int file_truncate(G *g, Value *args, int nargs, Value *res) { return fd_call(g, args, nargs, res, "truncate"); }
static int file_chmod(G *g, Value *args, int nargs, Value *res) { return fd_call(g, args, nargs, res, "chmod"); }

/* ReadDir(n) and Readdirnames(n): the next [n] entries (all when n <= 0)
 * in directory order. */
static int dir_read(G *g, Value *args, int nargs, Value *res, bool entries)
{
    NEED_FILE_VALID(f, 2, goro_nil());
    int64_t max = -1;
    if (nargs > 1 && !goro_arg_int(args, nargs, 1, &max))
        return goro_runtime_error(g, "os.File.ReadDir: argument must be an int");
    res[1] = goro_nil();
    if (f->closed) {
        res[0] = goro_nil();
        res[1] = goro_os_path_error("readdirent", f->name, goro_error_new(goro_str_cstr("use of closed file")));
        return 2;
    }
    if (!f->dir) {
        int fd2 = dup(f->fd);
        DIR *d = fd2 < 0 ? NULL : fdopendir(fd2);
        if (!d) {
            int e = errno;
            if (fd2 >= 0)
                close(fd2);
            res[0] = goro_nil();
            res[1] = goro_os_path_errno("readdirent", f->name, e);
            return 2;
        }
        f->dir = d;
    }
    Value *names;
    unsigned char *types;
    int e = 0;
    int n = goro_os_dir_names(f->dir, max > 0 ? (int)max : 0, &names, &types, &e);
    if (e) {
        res[0] = goro_nil();
        res[1] = goro_os_path_errno("readdirent", f->name, e);
        return 2;
    }
    if (n == 0 && max > 0)
        res[1] = goro_io_err(IO_EOF);
    if (!entries) {
        res[0] = goro_os_string_slice(names, n);
        return 2;
    }
    Value *items = goro_alloc(sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        items[i] = goro_os_new_dirent(f->name, names[i], types[i]);
    res[0] = goro_os_dirent_slice(items, n);
    return 2;
}

static int file_readdir(G *g, Value *args, int nargs, Value *res) { return dir_read(g, args, nargs, res, true); }
static int file_readdirnames(G *g, Value *args, int nargs, Value *res) { return dir_read(g, args, nargs, res, false); }

/* ----------------------------------------------------- whole-file I/O */

static int os_readfile(G *g, Value *args, int nargs, Value *res)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, "ReadFile");
    if (!path)
        return GORO_NATIVE_PANIC;
    res[0] = goro_ptrval(TT(VK_SLICE, goro_t_bytes->id), NULL);
    if (goro_os_has_nul(args[0])) {
        res[1] = goro_os_nul_path_error("open", args[0]);
        return 2;
    }
    Value fv = goro_os_open(path, O_RDONLY, 0, &res[1]);
    FileObj *f = as_file(fv);
    if (!f)
        return 2;
    Buf b = {0};
    char *tmp = goro_alloc_atomic(65536);
    for (;;) {
        size_t done;
        int e = raw_read(f, tmp, 65536, -1, &done);
        if (e) {
            goro_os_close(fv);
            res[1] = goro_os_path_errno("read", path, e);
            return 2;
        }
        if (done == 0)
            break;
        goro_buf_put(&b, tmp, done);
    }
    goro_os_close(fv);
    res[0] = goro_rw_slice(b.s, b.n);
    res[1] = goro_nil();
    return 2;
}

static int os_writefile(G *g, Value *args, int nargs, Value *res)
{
    int64_t perm;
    if (nargs < 3 || VKIND(args[0]) != VK_STRING || !goro_arg_int(args, nargs, 2, &perm))
        return goro_runtime_error(g, "os.WriteFile: expects a name, data and a FileMode");
    char *path = goro_strndup(args[0].u.s, args[0].aux);
    if (goro_os_has_nul(args[0])) {
        res[0] = goro_os_nul_path_error("open", args[0]);
        return 1;
    }
    size_t n;
    const char *s = goro_rw_bytes(args[1], &n);
    Value fv = goro_os_open(path, O_WRONLY | O_CREAT | O_TRUNC, (unsigned)perm, &res[0]);
    FileObj *f = as_file(fv);
    if (!f)
        return 1;
    size_t done;
    int e = raw_write(f, s ? s : "", n, &done);
    goro_os_close(fv);
    res[0] = e ? goro_os_path_errno("write", path, e) : goro_nil();
    return 1;
}

void goro_os_file_init(Package *p)
{
    Type *ft = goro_pkg_obj_type(p, "os", "File", &file_class, NULL);
    file_class.read = cls_read;
    file_class.write = cls_write;
    goro_pkg_method(ft, "Read", file_read);
    goro_pkg_method(ft, "ReadAt", file_readat);
    goro_pkg_method(ft, "Write", file_write);
    goro_pkg_method(ft, "WriteString", file_write_string);
    goro_pkg_method(ft, "WriteAt", file_writeat);
    goro_pkg_method(ft, "Seek", file_seek);
    goro_pkg_method(ft, "Close", file_close);
    goro_pkg_method(ft, "Name", file_name);
    goro_pkg_method(ft, "Fd", file_fd);
    goro_pkg_method(ft, "Stat", file_stat);
    goro_pkg_method(ft, "Sync", file_sync);
    goro_pkg_method(ft, "Truncate", file_truncate);
    goro_pkg_method(ft, "Chmod", file_chmod);
    goro_pkg_method(ft, "ReadDir", file_readdir);
    goro_pkg_method(ft, "Readdirnames", file_readdirnames);
    goro_pkg_var(p, "Stdin", file_value(0, "/dev/stdin", false));
    goro_pkg_var(p, "Stdout", file_value(1, "/dev/stdout", false));
    goro_pkg_var(p, "Stderr", file_value(2, "/dev/stderr", false));
    goro_pkg_func(p, "Open", os_open);
    goro_pkg_func(p, "Create", os_create);
    goro_pkg_func(p, "OpenFile", os_openfile);
    goro_pkg_func(p, "NewFile", os_newfile);
    goro_pkg_func(p, "ReadFile", os_readfile);
    goro_pkg_func(p, "WriteFile", os_writefile);
    static const struct {
        const char *name;
        int v;
    } flags[] = {
        {"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR},
        {"O_APPEND", O_APPEND}, {"O_CREATE", O_CREAT},  {"O_EXCL", O_EXCL},
        {"O_SYNC", O_SYNC},     {"O_TRUNC", O_TRUNC},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        goro_pkg_const(p, flags[i].name, goro_int(flags[i].v));
    goro_pkg_const(p, "SEEK_SET", goro_int(0));
    goro_pkg_const(p, "SEEK_CUR", goro_int(1));
    goro_pkg_const(p, "SEEK_END", goro_int(2));
}
