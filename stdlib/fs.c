/* fs.c: the io/fs package as far as os and path/filepath need it: the
 * same FileMode, FileInfo, DirEntry and PathError types, sentinel errors
 * and mode constants as os (Go's os aliases them from io/fs), plus
 * SkipDir and SkipAll, which filepath shares, and ValidPath. */
#include "os_impl.h"
#include "vm.h"

static void reexport(Package *p, Package *from, const char *name)
{
    PkgMember *m = goro_pkg_member(from, goro_intern_cstr(name));
    if (!m)
        goro_fatal("io/fs: os has no %s", name);
    switch (m->kind) {
    case MEM_TYPE: goro_pkg_type(p, name, m->type); break;
    case MEM_CONST: goro_pkg_const(p, name, m->value); break;
    case MEM_VAR: goro_pkg_var(p, name, m->box->v); break;
    default: break;
    }
}

/* fs.ValidPath: an unrooted, slash-separated path of non-empty
 * elements other than "." and "..", or "." itself. */
static int fs_validpath(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "fs.ValidPath: argument must be a string");
    const char *s = args[0].u.s;
    size_t n = args[0].aux;
    bool ok = true;
    if (n == 1 && s[0] == '.') {
        res[0] = goro_bool(true);
        return 1;
    }
    size_t start = 0;
    for (size_t i = 0; i <= n && ok; i++) {
        if (i == n || s[i] == '/') {
            size_t len = i - start;
            if (len == 0 || (len == 1 && s[start] == '.') ||
                (len == 2 && s[start] == '.' && s[start + 1] == '.'))
                ok = false;
            start = i + 1;
        }
    }
    res[0] = goro_bool(ok);
    return 1;
}

void goro_pkg_fs_init(void)
{
    Package *os = goro_pkg_find("os");
    Package *p = goro_pkg_new("io/fs");
    static const char *names[] = {
        "FileMode", "FileInfo", "DirEntry", "PathError", "ErrInvalid", "ErrPermission",
        "ErrExist", "ErrNotExist", "ErrClosed", "ModeDir", "ModeAppend", "ModeExclusive",
        "ModeTemporary", "ModeSymlink", "ModeDevice", "ModeNamedPipe", "ModeSocket",
        "ModeSetuid", "ModeSetgid", "ModeCharDevice", "ModeSticky", "ModeIrregular",
        "ModeType", "ModePerm",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        reexport(p, os, names[i]);
    goro_pkg_var(p, "SkipDir", goro_os_skip_dir());
    goro_pkg_var(p, "SkipAll", goro_os_skip_all());
    goro_pkg_func(p, "ValidPath", fs_validpath);
}
