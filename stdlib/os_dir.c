/* os_dir.c: os's file system calls on names: Stat and Lstat with their
 * FileInfo (*os.fileStat), fs.FileMode, ReadDir and its DirEntry
 * (*os.unixDirent), Mkdir, MkdirAll, MkdirTemp, CreateTemp, TempDir,
 * Remove, RemoveAll, Rename, Chmod, Truncate, Symlink, Readlink, Link.
 * Each system call is wrapped in goro_syscall_enter/exit. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "errors_obj.h"
#include "format.h"
#include "os_file.h"
#include "os_impl.h"
#include "proc.h"
#include "time_value.h"
#include "vm.h"

static Type *mode_t_;          /* fs.FileMode */
static Type *dirent_slice_t;   /* []fs.DirEntry */

static Value mode_value(uint32_t m) { return goro_typed(goro_int(m), mode_t_); }

uint32_t goro_os_mode_bits(mode_t m)
{
    uint32_t r = m & 0777;
    switch (m & S_IFMT) {
    case S_IFBLK: r |= GORO_MODE_DEVICE; break;
    case S_IFCHR: r |= GORO_MODE_DEVICE | GORO_MODE_CHAR_DEVICE; break;
    case S_IFDIR: r |= GORO_MODE_DIR; break;
    case S_IFIFO: r |= GORO_MODE_NAMED_PIPE; break;
    case S_IFLNK: r |= GORO_MODE_SYMLINK; break;
    case S_IFSOCK: r |= GORO_MODE_SOCKET; break;
    default: break;
    }
    if (m & S_ISGID)
        r |= GORO_MODE_SETGID;
    if (m & S_ISUID)
        r |= GORO_MODE_SETUID;
    if (m & S_ISVTX)
        r |= GORO_MODE_STICKY;
    return r;
}

/* ------------------------------------------------------------ FileMode */

static uint32_t mode_arg(const Value *args, int nargs)
{
    return nargs ? (uint32_t)args[0].u.i : 0;
}

static int mode_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    uint32_t m = mode_arg(args, nargs);
    static const char str[] = "dalTLDpSugct?";
    char buf[32];
    int w = 0;
    for (int i = 0; str[i]; i++)
        if (m & (1u << (31 - i)))
            buf[w++] = str[i];
    if (w == 0)
        buf[w++] = '-';
    static const char rwx[] = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        buf[w++] = m & (1u << (8 - i)) ? rwx[i] : '-';
    res[0] = goro_str(buf, w);
    return 1;
}

static int mode_isdir(G *g, Value *args, int nargs, Value *res) { GORO_UNUSED(g); res[0] = goro_bool(mode_arg(args, nargs) & GORO_MODE_DIR); return 1; }
static int mode_isregular(G *g, Value *args, int nargs, Value *res) { GORO_UNUSED(g); res[0] = goro_bool(!(mode_arg(args, nargs) & GORO_MODE_TYPE)); return 1; }
static int mode_perm(G *g, Value *args, int nargs, Value *res) { GORO_UNUSED(g); res[0] = mode_value(mode_arg(args, nargs) & GORO_MODE_PERM); return 1; }
static int mode_type(G *g, Value *args, int nargs, Value *res) { GORO_UNUSED(g); res[0] = mode_value(mode_arg(args, nargs) & GORO_MODE_TYPE); return 1; }

/* ------------------------------------------------------------ FileInfo */

typedef struct FileStat {
    Obj obj;
    Value name;
    int64_t size;
    uint32_t mode;
    int64_t mtime;    /* Unix nanoseconds */
    struct stat *sys;
} FileStat;

static ObjClass stat_class = {.name = "*os.fileStat"};

static FileStat *as_stat(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &stat_class)
        return NULL;
    return v.u.p;
}

Value goro_os_file_info(const char *path, const struct stat *st)
{
    FileStat *fs = goro_alloc(sizeof *fs);
    fs->obj.cls = &stat_class;
    fs->name = goro_os_basename(path);
    fs->size = (int64_t)st->st_size;
    fs->mode = goro_os_mode_bits(st->st_mode);
    fs->mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    fs->sys = goro_alloc_atomic(sizeof *st);
    *fs->sys = *st;
    return goro_obj_value(&fs->obj);
}

bool goro_os_info_is_dir(Value info)
{
    FileStat *fs = as_stat(info);
    return fs && (fs->mode & GORO_MODE_DIR);
}

#define NEED_STAT(var)                                                                       \
    FileStat *var = nargs ? as_stat(args[0]) : NULL;                                         \
    if (!var)                                                                                \
        return goro_nil_deref(g)

static int fi_name(G *g, Value *args, int nargs, Value *res) { NEED_STAT(s); res[0] = s->name; return 1; }
static int fi_size(G *g, Value *args, int nargs, Value *res) { NEED_STAT(s); res[0] = goro_typed(goro_int(s->size), goro_t_int64); return 1; }
static int fi_mode(G *g, Value *args, int nargs, Value *res) { NEED_STAT(s); res[0] = mode_value(s->mode); return 1; }
static int fi_isdir(G *g, Value *args, int nargs, Value *res) { NEED_STAT(s); res[0] = goro_bool(s->mode & GORO_MODE_DIR); return 1; }
static int fi_modtime(G *g, Value *args, int nargs, Value *res) { NEED_STAT(s); res[0] = goro_time_from_unix_nano(s->mtime); return 1; }
/* Sys: Go gives a *syscall.Stat_t; goro has no syscall package, so nil */
static int fi_sys(G *g, Value *args, int nargs, Value *res) { NEED_STAT(s); GORO_UNUSED(s); res[0] = goro_nil(); return 1; }

bool goro_os_stat(const char *path, bool lstat_, Value *info, Value *err)
{
    struct stat st;
    goro_syscall_enter();
    int r;
    do
        r = lstat_ ? lstat(path, &st) : stat(path, &st);
    while (r < 0 && errno == EINTR);
    int e = errno;
    goro_syscall_exit();
    if (r < 0) {
        *info = goro_nil();
        *err = goro_os_path_errno(lstat_ ? "lstat" : "stat", path, e);
        return false;
    }
    *info = goro_os_file_info(path, &st);
    *err = goro_nil();
    return true;
}

static int stat_common(G *g, Value *args, int nargs, Value *res, bool l)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, l ? "Lstat" : "Stat");
    if (!path)
        return GORO_NATIVE_PANIC;
    if (goro_os_has_nul(args[0])) {
        res[0] = goro_nil();
        res[1] = goro_os_nul_path_error(l ? "lstat" : "stat", args[0]);
        return 2;
    }
    goro_os_stat(path, l, &res[0], &res[1]);
    return 2;
}

static int os_stat(G *g, Value *args, int nargs, Value *res) { return stat_common(g, args, nargs, res, false); }
static int os_lstat(G *g, Value *args, int nargs, Value *res) { return stat_common(g, args, nargs, res, true); }

/* os.SameFile: the same device and inode. */
static int os_samefile(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    FileStat *a = nargs > 0 ? as_stat(args[0]) : NULL, *b = nargs > 1 ? as_stat(args[1]) : NULL;
    res[0] = goro_bool(a && b && a->sys->st_dev == b->sys->st_dev && a->sys->st_ino == b->sys->st_ino);
    return 1;
}

/* ------------------------------------------------------------ DirEntry */

typedef struct DirEnt {
    Obj obj;
    const char *parent;
    Value name;
    uint32_t typ;     /* FileMode type bits */
    Value info;       /* the FileInfo when known (WalkDir's root), else nil */
} DirEnt;

static ObjClass dirent_class = {.name = "*os.unixDirent"};
static ObjClass statent_class = {.name = "*fs.statDirEntry"};

static DirEnt *as_dirent(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return NULL;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    return c == &dirent_class || c == &statent_class ? v.u.p : NULL;
}

static char *join_parent(const char *parent, Value name)
{
    return goro_sprintf("%s/%.*s", parent, (int)name.aux, name.u.s);
}

Value goro_os_new_dirent(const char *parent, Value name, unsigned char dtype)
{
    DirEnt *d = goro_alloc(sizeof *d);
    d->obj.cls = &dirent_class;
    d->parent = parent;
    d->name = name;
    switch (dtype) {
    case DT_BLK: d->typ = GORO_MODE_DEVICE; break;
    case DT_CHR: d->typ = GORO_MODE_DEVICE | GORO_MODE_CHAR_DEVICE; break;
    case DT_DIR: d->typ = GORO_MODE_DIR; break;
    case DT_FIFO: d->typ = GORO_MODE_NAMED_PIPE; break;
    case DT_LNK: d->typ = GORO_MODE_SYMLINK; break;
    case DT_SOCK: d->typ = GORO_MODE_SOCKET; break;
    case DT_REG: d->typ = 0; break;
    default: {
        /* the file system did not say: ask lstat, as Go does */
        struct stat st;
        char *p = join_parent(parent, name);
        goro_syscall_enter();
        int r = lstat(p, &st);
        goro_syscall_exit();
        d->typ = r == 0 ? goro_os_mode_bits(st.st_mode) & GORO_MODE_TYPE : 0;
        break;
    }
    }
    d->info = goro_nil();
    return goro_obj_value(&d->obj);
}

Value goro_os_info_dirent(Value info)
{
    FileStat *fs = as_stat(info);
    DirEnt *d = goro_alloc(sizeof *d);
    d->obj.cls = &statent_class;
    d->parent = "";
    d->name = fs ? fs->name : goro_str_cstr("");
    d->typ = fs ? fs->mode & GORO_MODE_TYPE : 0;
    d->info = info;
    return goro_obj_value(&d->obj);
}

Value goro_os_dirent_slice(Value *items, int64_t n)
{
    return goro_slice_from(TT(VK_SLICE, dirent_slice_t->id), items, n);
}

Value goro_os_dirent_name(Value v)
{
    DirEnt *d = as_dirent(v);
    return d ? d->name : goro_str_cstr("");
}

bool goro_os_dirent_is_dir(Value v)
{
    DirEnt *d = as_dirent(v);
    return d && (d->typ & GORO_MODE_DIR);
}

#define NEED_DIRENT(var)                                                                     \
    DirEnt *var = nargs ? as_dirent(args[0]) : NULL;                                         \
    if (!var)                                                                                \
        return goro_nil_deref(g)

static int de_name(G *g, Value *args, int nargs, Value *res) { NEED_DIRENT(d); res[0] = d->name; return 1; }
static int de_isdir(G *g, Value *args, int nargs, Value *res) { NEED_DIRENT(d); res[0] = goro_bool(d->typ & GORO_MODE_DIR); return 1; }
static int de_type(G *g, Value *args, int nargs, Value *res) { NEED_DIRENT(d); res[0] = mode_value(d->typ); return 1; }

static int de_info(G *g, Value *args, int nargs, Value *res)
{
    NEED_DIRENT(d);
    if (VKIND(d->info) != VK_NIL) {
        res[0] = d->info;
        res[1] = goro_nil();
        return 2;
    }
    goro_os_stat(join_parent(d->parent, d->name), true, &res[0], &res[1]);
    if (VKIND(res[0]) != VK_NIL) {
        FileStat *fs = as_stat(res[0]);
        fs->name = d->name;
    }
    return 2;
}

static int de_string(G *g, Value *args, int nargs, Value *res)
{
    NEED_DIRENT(d);
    /* fs.FormatDirEntry: "d dir/" or "- file" */
    Value ms;
    Value m = mode_value(d->typ);
    mode_string(g, &m, 1, &ms);
    Buf b = {0};
    goro_buf_put(&b, ms.u.s, ms.aux - 9);
    goro_buf_putc(&b, ' ');
    goro_buf_put(&b, d->name.u.s, d->name.aux);
    if (d->typ & GORO_MODE_DIR)
        goro_buf_putc(&b, '/');
    res[0] = goro_buf_string(&b);
    return 1;
}

/* ------------------------------------------------------------- ReadDir */

int goro_os_dir_names(void *dirp, int max, Value **names, unsigned char **types, int *e)
{
    DIR *d = dirp;
    struct {
        Value *v;
        int n, cap;
    } nv = {0};
    struct {
        unsigned char *v;
        int n, cap;
    } tv = {0};
    *e = 0;
    for (;;) {
        if (max > 0 && nv.n >= max)
            break;
        char name[256];
        unsigned char type;
        goro_syscall_enter();
        errno = 0;
        struct dirent *ent = readdir(d);
        int err = errno;
        if (ent) {
            memcpy(name, ent->d_name, sizeof name);
            name[255] = 0;
            type = ent->d_type;
        }
        goro_syscall_exit();
        if (!ent) {
            *e = err;
            break;
        }
        if (!strcmp(name, ".") || !strcmp(name, ".."))
            continue;
        GORO_VEC_PUSH(nv, goro_str_cstr(name));
        GORO_VEC_PUSH(tv, type);
    }
    *names = nv.v;
    *types = tv.v;
    return nv.n;
}

static int cmp_names(const void *a, const void *b)
{
    const Value *x = a, *y = b;
    return goro_str_compare(goro_os_dirent_name(*x), goro_os_dirent_name(*y));
}

bool goro_os_read_dir(const char *path, Value *entries, Value *err)
{
    *entries = goro_ptrval(TT(VK_SLICE, dirent_slice_t->id), NULL);
    Value fv = goro_os_open(path, O_RDONLY, 0, err);
    if (VKIND(*err) != VK_NIL)
        return false;
    int fd = dup(((FileObj *)fv.u.p)->fd);
    DIR *d = fd < 0 ? NULL : fdopendir(fd);
    int e = errno;
    goro_os_close(fv);
    if (!d) {
        if (fd >= 0)
            close(fd);
        *err = goro_os_path_errno("readdirent", path, e);
        return false;
    }
    Value *names;
    unsigned char *types;
    int n = goro_os_dir_names(d, 0, &names, &types, &e);
    closedir(d);
    Value *items = goro_alloc(sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        items[i] = goro_os_new_dirent(path, names[i], types[i]);
    qsort(items, (size_t)n, sizeof *items, cmp_names);
    *entries = goro_os_dirent_slice(items, n);
    if (e) {
        *err = goro_os_path_errno("readdirent", path, e);
        return false;
    }
    return true;
}

static int os_readdir(G *g, Value *args, int nargs, Value *res)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, "ReadDir");
    if (!path)
        return GORO_NATIVE_PANIC;
    if (goro_os_has_nul(args[0])) {
        res[0] = goro_ptrval(TT(VK_SLICE, dirent_slice_t->id), NULL);
        res[1] = goro_os_nul_path_error("open", args[0]);
        return 2;
    }
    goro_os_read_dir(path, &res[0], &res[1]);
    return 2;
}

/* ------------------------------------------------- creating, removing */

/* One system call on a path: 0 or its errno. */
enum { PC_MKDIR, PC_UNLINK, PC_RMDIR, PC_CHMOD, PC_TRUNCATE, PC_CHDIR };

static int path_call(int which, const char *path, int64_t arg)
{
    int r;
    goro_syscall_enter();
    do {
        switch (which) {
        case PC_MKDIR: r = mkdir(path, (mode_t)arg); break;
        case PC_UNLINK: r = unlink(path); break;
        case PC_RMDIR: r = rmdir(path); break;
        case PC_CHMOD: r = chmod(path, (mode_t)arg); break;
        case PC_TRUNCATE: r = truncate(path, (off_t)arg); break;
        default: r = chdir(path); break;
        }
    } while (r < 0 && errno == EINTR);
    int e = r < 0 ? errno : 0;
    goro_syscall_exit();
    return e;
}

/* Go's syscallMode: permission bits plus setuid, setgid and sticky. */
static mode_t sys_mode(int64_t m)
{
    mode_t r = (mode_t)(m & 0777);
    if (m & GORO_MODE_SETUID)
        r |= S_ISUID;
    if (m & GORO_MODE_SETGID)
        r |= S_ISGID;
    if (m & GORO_MODE_STICKY)
        r |= S_ISVTX;
    return r;
}

static Value do_mkdir(const char *path, int64_t perm)
{
    int e = path_call(PC_MKDIR, path, sys_mode(perm));
    return e ? goro_os_path_errno("mkdir", path, e) : goro_nil();
}

static int os_mkdir(G *g, Value *args, int nargs, Value *res)
{
    int64_t perm;
    char *path = goro_os_str_arg(g, args, nargs, 0, "Mkdir");
    if (!path)
        return GORO_NATIVE_PANIC;
    if (!goro_arg_int(args, nargs, 1, &perm))
        return goro_runtime_error(g, "os.Mkdir: expects a name and a FileMode");
    res[0] = goro_os_has_nul(args[0]) ? goro_os_nul_path_error("mkdir", args[0]) : do_mkdir(path, perm);
    return 1;
}

/* Go's MkdirAll, step by step. */
static Value mkdir_all(const char *path, int64_t perm)
{
    Value info, err;
    if (goro_os_stat(path, false, &info, &err)) {
        if (goro_os_info_is_dir(info))
            return goro_nil();
        return goro_os_path_errno("mkdir", path, ENOTDIR);
    }
    size_t i = strlen(path);
    while (i > 0 && path[i - 1] == '/')
        i--;
    size_t j = i;
    while (j > 0 && path[j - 1] != '/')
        j--;
    if (j > 1) {
        err = mkdir_all(goro_strndup(path, j - 1), perm);
        if (VKIND(err) != VK_NIL)
            return err;
    }
    err = do_mkdir(path, perm);
    if (VKIND(err) != VK_NIL) {
        Value e2;
        if (goro_os_stat(path, true, &info, &e2) && goro_os_info_is_dir(info))
            return goro_nil();
        return err;
    }
    return goro_nil();
}

static int os_mkdirall(G *g, Value *args, int nargs, Value *res)
{
    int64_t perm;
    char *path = goro_os_str_arg(g, args, nargs, 0, "MkdirAll");
    if (!path)
        return GORO_NATIVE_PANIC;
    if (!goro_arg_int(args, nargs, 1, &perm))
        return goro_runtime_error(g, "os.MkdirAll: expects a name and a FileMode");
    res[0] = goro_os_has_nul(args[0]) ? goro_os_nul_path_error("stat", args[0]) : mkdir_all(path, perm);
    return 1;
}

static Value do_remove(const char *path)
{
    int e = path_call(PC_UNLINK, path, 0);
    if (!e)
        return goro_nil();
    int e1 = path_call(PC_RMDIR, path, 0);
    if (!e1)
        return goro_nil();
    if (e1 != ENOTDIR)
        e = e1;
    return goro_os_path_errno("remove", path, e);
}

static int os_remove(G *g, Value *args, int nargs, Value *res)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, "Remove");
    if (!path)
        return GORO_NATIVE_PANIC;
    res[0] = goro_os_has_nul(args[0]) ? goro_os_nul_path_error("remove", args[0]) : do_remove(path);
    return 1;
}

/* RemoveAll's walk: 0 or an errno, with *where the path that failed. */
static int remove_all(const char *path, const char **where)
{
    int e = path_call(PC_UNLINK, path, 0);
    if (!e || e == ENOENT)
        return 0;
    struct stat st;
    goro_syscall_enter();
    int r = lstat(path, &st);
    int le = errno;
    goro_syscall_exit();
    if (r < 0) {
        *where = path;
        return le == ENOENT ? 0 : le;
    }
    if (!S_ISDIR(st.st_mode)) {
        *where = path;
        return e;
    }
    goro_syscall_enter();
    DIR *d = opendir(path);
    int oe = errno;
    goro_syscall_exit();
    if (!d) {
        *where = path;
        return oe == ENOENT ? 0 : oe;
    }
    Value *names;
    unsigned char *types;
    int n = goro_os_dir_names(d, 0, &names, &types, &e);
    closedir(d);
    int first = 0;
    for (int i = 0; i < n; i++) {
        int ce = remove_all(join_parent(path, names[i]), where);
        if (ce && !first)
            first = ce;
    }
    if (first)
        return first;
    e = path_call(PC_RMDIR, path, 0);
    if (e && e != ENOENT) {
        *where = path;
        return e;
    }
    return 0;
}

static int os_removeall(G *g, Value *args, int nargs, Value *res)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, "RemoveAll");
    if (!path)
        return GORO_NATIVE_PANIC;
    size_t n = strlen(path);
    res[0] = goro_nil();
    if (n == 0)
        return 1;
    /* Go refuses "." and names ending in "/." */
    if ((n == 1 && path[0] == '.') || (n >= 2 && path[n - 1] == '.' && path[n - 2] == '/')) {
        res[0] = goro_os_nul_path_error("RemoveAll", args[0]);
        return 1;
    }
    if (goro_os_has_nul(args[0])) {
        res[0] = goro_os_nul_path_error("unlinkat", args[0]);
        return 1;
    }
    const char *where = path;
    int e = remove_all(path, &where);
    if (e)
        res[0] = goro_os_path_errno("unlinkat", where, e);
    return 1;
}

static int os_rename(G *g, Value *args, int nargs, Value *res)
{
    char *from = goro_os_str_arg(g, args, nargs, 0, "Rename");
    char *to = from ? goro_os_str_arg(g, args, nargs, 1, "Rename") : NULL;
    if (!to)
        return GORO_NATIVE_PANIC;
    Value ninfo, oinfo, err;
    if (goro_os_stat(to, true, &ninfo, &err) && goro_os_info_is_dir(ninfo)) {
        /* renaming onto a directory: Go reports the old name's error
         * first, else EEXIST */
        if (!goro_os_stat(from, true, &oinfo, &err)) {
            res[0] = goro_os_link_error("rename", from, to, goro_os_underlying(err));
            return 1;
        }
        FileStat *a = as_stat(ninfo), *b = as_stat(oinfo);
        if (!strcmp(from, to) || a->sys->st_dev != b->sys->st_dev || a->sys->st_ino != b->sys->st_ino) {
            res[0] = goro_os_link_error("rename", from, to, goro_os_errno(EEXIST));
            return 1;
        }
    }
    int r;
    goro_syscall_enter();
    do
        r = rename(from, to);
    while (r < 0 && errno == EINTR);
    int e = errno;
    goro_syscall_exit();
    res[0] = r < 0 ? goro_os_link_error("rename", from, to, goro_os_errno(e)) : goro_nil();
    return 1;
}

/* Symlink and Link: *LinkError; Readlink: *PathError. */
static int link_common(G *g, Value *args, int nargs, Value *res, bool sym)
{
    char *from = goro_os_str_arg(g, args, nargs, 0, sym ? "Symlink" : "Link");
    char *to = from ? goro_os_str_arg(g, args, nargs, 1, sym ? "Symlink" : "Link") : NULL;
    if (!to)
        return GORO_NATIVE_PANIC;
    goro_syscall_enter();
    int r = sym ? symlink(from, to) : link(from, to);
    int e = errno;
    goro_syscall_exit();
    res[0] = r < 0 ? goro_os_link_error(sym ? "symlink" : "link", from, to, goro_os_errno(e)) : goro_nil();
    return 1;
}

static int os_symlink(G *g, Value *args, int nargs, Value *res) { return link_common(g, args, nargs, res, true); }
static int os_link(G *g, Value *args, int nargs, Value *res) { return link_common(g, args, nargs, res, false); }

static int os_readlink(G *g, Value *args, int nargs, Value *res)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, "Readlink");
    if (!path)
        return GORO_NATIVE_PANIC;
    char buf[4096];
    goro_syscall_enter();
    ssize_t k = readlink(path, buf, sizeof buf);
    int e = errno;
    goro_syscall_exit();
    if (k < 0) {
        res[0] = goro_str_cstr("");
        res[1] = goro_os_path_errno("readlink", path, e);
        return 2;
    }
    res[0] = goro_str(buf, k);
    res[1] = goro_nil();
    return 2;
}

static int os_chmod(G *g, Value *args, int nargs, Value *res)
{
    int64_t m;
    char *path = goro_os_str_arg(g, args, nargs, 0, "Chmod");
    if (!path)
        return GORO_NATIVE_PANIC;
    if (!goro_arg_int(args, nargs, 1, &m))
        return goro_runtime_error(g, "os.Chmod: expects a name and a FileMode");
    int e = path_call(PC_CHMOD, path, sys_mode(m));
    res[0] = e ? goro_os_path_errno("chmod", path, e) : goro_nil();
    return 1;
}

static int os_truncate(G *g, Value *args, int nargs, Value *res)
{
    int64_t size;
    char *path = goro_os_str_arg(g, args, nargs, 0, "Truncate");
    if (!path)
        return GORO_NATIVE_PANIC;
    if (!goro_arg_int(args, nargs, 1, &size))
        return goro_runtime_error(g, "os.Truncate: expects a name and an int64 size");
    int e = path_call(PC_TRUNCATE, path, size);
    res[0] = e ? goro_os_path_errno("truncate", path, e) : goro_nil();
    return 1;
}

static int os_chdir(G *g, Value *args, int nargs, Value *res)
{
    char *path = goro_os_str_arg(g, args, nargs, 0, "Chdir");
    if (!path)
        return GORO_NATIVE_PANIC;
    int e = goro_os_has_nul(args[0]) ? EINVAL : path_call(PC_CHDIR, path, 0);
    res[0] = e ? goro_os_path_errno("chdir", path, e) : goro_nil();
    return 1;
}

/* ------------------------------------------------------------ temporary */

static const char *temp_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

static int os_tempdir(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_str_cstr(temp_dir());
    return 1;
}

/* Go's nextRandom: a decimal uint32. */
static char *next_random(void)
{
    static _Atomic uint64_t state;
    uint64_t s = state;
    if (s == 0)
        s = (uint64_t)time(NULL) * 6364136223846793005ull ^ (uint64_t)getpid() ^ 0x9e3779b97f4a7c15ull;
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    state = s;
    return goro_sprintf("%u", (unsigned)(s >> 32));
}

/* The pattern split at its last '*'; false if it holds a separator. */
static bool prefix_suffix(const char *pattern, char **prefix, char **suffix)
{
    if (strchr(pattern, '/'))
        return false;
    const char *star = strrchr(pattern, '*');
    if (star) {
        *prefix = goro_strndup(pattern, (size_t)(star - pattern));
        *suffix = goro_strdup(star + 1);
    } else {
        *prefix = goro_strdup(pattern);
        *suffix = "";
    }
    return true;
}

static char *join_dir(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (n && dir[n - 1] == '/')
        return goro_sprintf("%s%s", dir, name);
    return goro_sprintf("%s/%s", dir, name);
}

static int temp_args(G *g, Value *args, int nargs, const char *fn, const char **dir, char **pattern)
{
    char *d = goro_os_str_arg(g, args, nargs, 0, fn);
    *pattern = d ? goro_os_str_arg(g, args, nargs, 1, fn) : NULL;
    if (!*pattern)
        return -1;
    *dir = *d ? d : temp_dir();
    return 0;
}

static int os_mkdirtemp(G *g, Value *args, int nargs, Value *res)
{
    const char *dir;
    char *pattern, *prefix, *suffix;
    if (temp_args(g, args, nargs, "MkdirTemp", &dir, &pattern) < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_str_cstr("");
    if (!prefix_suffix(pattern, &prefix, &suffix)) {
        res[1] = goro_os_path_error("mkdirtemp", pattern,
                                    goro_error_new(goro_str_cstr("pattern contains path separator")));
        return 2;
    }
    prefix = join_dir(dir, prefix);
    for (int tries = 0;; tries++) {
        char *name = goro_sprintf("%s%s%s", prefix, next_random(), suffix);
        int e = path_call(PC_MKDIR, name, 0700);
        if (!e) {
            res[0] = goro_str_cstr(name);
            res[1] = goro_nil();
            return 2;
        }
        if (e == EEXIST && tries < 10000)
            continue;
        if (e == ENOENT) {
            Value info, err;
            if (!goro_os_stat(dir, false, &info, &err) &&
                goro_os_underlying(err).u.i == ENOENT) {
                res[1] = err;
                return 2;
            }
        }
        res[1] = goro_os_path_errno("mkdir", name, e);
        return 2;
    }
}

static int os_createtemp(G *g, Value *args, int nargs, Value *res)
{
    const char *dir;
    char *pattern, *prefix, *suffix;
    if (temp_args(g, args, nargs, "CreateTemp", &dir, &pattern) < 0)
        return GORO_NATIVE_PANIC;
    if (!prefix_suffix(pattern, &prefix, &suffix)) {
        res[0] = goro_os_nil_file();
        res[1] = goro_os_path_error("createtemp", pattern,
                                    goro_error_new(goro_str_cstr("pattern contains path separator")));
        return 2;
    }
    prefix = join_dir(dir, prefix);
    for (int tries = 0;; tries++) {
        char *name = goro_sprintf("%s%s%s", prefix, next_random(), suffix);
        res[0] = goro_os_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &res[1]);
        if (VKIND(res[1]) == VK_NIL)
            return 2;
        Value u = goro_os_underlying(res[1]);
        if (VKIND(u) == VK_INT && u.u.i == EEXIST) {
            if (tries < 10000)
                continue;
            res[1] = goro_os_path_error("createtemp", goro_sprintf("%s*%s", prefix, suffix),
                                        goro_os_err(OS_ERR_EXIST));
        }
        return 2;
    }
}

/* ------------------------------------------------------------ register */

static Type *iface(const char *pkg, const char *name, int n, const char **methods)
{
    const char **m = goro_alloc(sizeof(char *) * (size_t)n);
    for (int i = 0; i < n; i++)
        m[i] = goro_intern_cstr(methods[i]);
    return goro_type_named(pkg, name, goro_type_iface(n, m));
}

void goro_os_dir_init(Package *p)
{
    mode_t_ = goro_type_named("fs", "FileMode", goro_t_uint32);
    goro_pkg_type(p, "FileMode", mode_t_);
    goro_pkg_method(mode_t_, "String", mode_string);
    goro_pkg_method(mode_t_, "IsDir", mode_isdir);
    goro_pkg_method(mode_t_, "IsRegular", mode_isregular);
    goro_pkg_method(mode_t_, "Perm", mode_perm);
    goro_pkg_method(mode_t_, "Type", mode_type);
    static const struct {
        const char *name;
        uint32_t v;
    } modes[] = {
        {"ModeDir", GORO_MODE_DIR}, {"ModeAppend", GORO_MODE_APPEND},
        {"ModeExclusive", GORO_MODE_EXCLUSIVE}, {"ModeTemporary", GORO_MODE_TEMPORARY},
        {"ModeSymlink", GORO_MODE_SYMLINK}, {"ModeDevice", GORO_MODE_DEVICE},
        {"ModeNamedPipe", GORO_MODE_NAMED_PIPE}, {"ModeSocket", GORO_MODE_SOCKET},
        {"ModeSetuid", GORO_MODE_SETUID}, {"ModeSetgid", GORO_MODE_SETGID},
        {"ModeCharDevice", GORO_MODE_CHAR_DEVICE}, {"ModeSticky", GORO_MODE_STICKY},
        {"ModeIrregular", GORO_MODE_IRREGULAR}, {"ModeType", GORO_MODE_TYPE},
        {"ModePerm", GORO_MODE_PERM},
    };
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        goro_pkg_const(p, modes[i].name, mode_value(modes[i].v));

    static const char *fi_methods[] = {"IsDir", "ModTime", "Mode", "Name", "Size", "Sys"};
    goro_pkg_type(p, "FileInfo", iface("fs", "FileInfo", 6, fi_methods));
    static const char *de_methods[] = {"Info", "IsDir", "Name", "Type"};
    Type *de_iface = iface("fs", "DirEntry", 4, de_methods);
    goro_pkg_type(p, "DirEntry", de_iface);
    dirent_slice_t = goro_type_slice(de_iface);

    Type *st = goro_pkg_obj_type(NULL, "os", "fileStat", &stat_class, NULL);
    goro_pkg_method(st, "Name", fi_name);
    goro_pkg_method(st, "Size", fi_size);
    goro_pkg_method(st, "Mode", fi_mode);
    goro_pkg_method(st, "ModTime", fi_modtime);
    goro_pkg_method(st, "IsDir", fi_isdir);
    goro_pkg_method(st, "Sys", fi_sys);
    ObjClass *dcls[] = {&dirent_class, &statent_class};
    for (int i = 0; i < 2; i++) {
        Type *dt = goro_pkg_obj_type(NULL, i ? "fs" : "os", i ? "statDirEntry" : "unixDirent", dcls[i], NULL);
        goro_pkg_method(dt, "Name", de_name);
        goro_pkg_method(dt, "IsDir", de_isdir);
        goro_pkg_method(dt, "Type", de_type);
        goro_pkg_method(dt, "Info", de_info);
        goro_pkg_method(dt, "String", de_string);
    }

    goro_pkg_func(p, "Stat", os_stat);
    goro_pkg_func(p, "Lstat", os_lstat);
    goro_pkg_func(p, "SameFile", os_samefile);
    goro_pkg_func(p, "ReadDir", os_readdir);
    goro_pkg_func(p, "Mkdir", os_mkdir);
    goro_pkg_func(p, "MkdirAll", os_mkdirall);
    goro_pkg_func(p, "Remove", os_remove);
    goro_pkg_func(p, "RemoveAll", os_removeall);
    goro_pkg_func(p, "Rename", os_rename);
    goro_pkg_func(p, "Symlink", os_symlink);
    goro_pkg_func(p, "Link", os_link);
    goro_pkg_func(p, "Readlink", os_readlink);
    goro_pkg_func(p, "Chmod", os_chmod);
    goro_pkg_func(p, "Truncate", os_truncate);
    goro_pkg_func(p, "Chdir", os_chdir);
    goro_pkg_func(p, "TempDir", os_tempdir);
    goro_pkg_func(p, "MkdirTemp", os_mkdirtemp);
    goro_pkg_func(p, "CreateTemp", os_createtemp);
}
