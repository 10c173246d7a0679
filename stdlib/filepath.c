/* filepath.c: the path/filepath package for Unix: the lexical functions
 * shared with path (path.c), Abs, Rel, SplitList, Match, Glob, Walk and
 * WalkDir, VolumeName, ToSlash and FromSlash.  Ported from Go's
 * path/filepath; Walk and WalkDir call the goro callback back with
 * goro_vm_call and stop on SkipDir / SkipAll as Go does. */
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "errors_obj.h"
#include "format.h"
#include "os_impl.h"
#include "path_impl.h"
#include "proc.h"
#include "vm.h"

static Value bad_pattern, skip_dir, skip_all;

#define NEED_STR(i, fn)                                                                      \
    do {                                                                                     \
        if (nargs <= (i) || VKIND(args[i]) != VK_STRING)                                     \
            return goro_runtime_error(g, "filepath.%s: argument must be a string", fn);      \
    } while (0)

static Value str_slice(Value *items, int64_t n) { return goro_os_string_slice(items, n); }

static int fp_abs(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Abs");
    if (args[0].aux > 0 && args[0].u.s[0] == '/') {
        res[0] = goro_path_clean(args[0]);
        res[1] = goro_nil();
        return 2;
    }
    char buf[PATH_MAX];
    goro_syscall_enter();
    char *r = getcwd(buf, sizeof buf);
    int e = errno;
    goro_syscall_exit();
    if (!r) {
        res[0] = goro_str_cstr("");
        res[1] = goro_os_syscall_error("getwd", e);
        return 2;
    }
    Value parts[2] = {goro_str_cstr(buf), args[0]};
    res[0] = goro_path_join(parts, 2);
    res[1] = goro_nil();
    return 2;
}

static bool same(Value a, const char *s, size_t n) { return a.aux == n && !memcmp(a.u.s, s, n); }

static int fp_rel(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Rel");
    NEED_STR(1, "Rel");
    Value basev = goro_path_clean(args[0]), targv = goro_path_clean(args[1]);
    res[1] = goro_nil();
    if (same(targv, basev.u.s, basev.aux)) {
        res[0] = goro_str_cstr(".");
        return 2;
    }
    const char *base = basev.u.s, *targ = targv.u.s;
    size_t bl = basev.aux, tl = targv.aux;
    if (bl == 1 && base[0] == '.')
        bl = 0;
    bool bslash = bl > 0 && base[0] == '/', tslash = tl > 0 && targ[0] == '/';
    Value err = goro_error_new(goro_str_cstr(goro_sprintf("Rel: can't make %.*s relative to %.*s",
                                                  (int)args[1].aux, args[1].u.s,
                                                  (int)args[0].aux, args[0].u.s)));
    if (bslash != tslash) {
        res[0] = goro_str_cstr("");
        res[1] = err;
        return 2;
    }
    size_t b0 = 0, bi = 0, t0 = 0, ti = 0;
    for (;;) {
        while (bi < bl && base[bi] != '/')
            bi++;
        while (ti < tl && targ[ti] != '/')
            ti++;
        if (ti - t0 != bi - b0 || memcmp(targ + t0, base + b0, ti - t0))
            break;
        if (bi < bl)
            bi++;
        if (ti < tl)
            ti++;
        b0 = bi;
        t0 = ti;
    }
    if (bi - b0 == 2 && base[b0] == '.' && base[b0 + 1] == '.') {
        res[0] = goro_str_cstr("");
        res[1] = err;
        return 2;
    }
    if (b0 != bl) {
        Buf b = {0};
        goro_buf_puts(&b, "..");
        for (size_t i = b0; i < bl; i++)
            if (base[i] == '/')
                goro_buf_puts(&b, "/..");
        if (t0 != tl) {
            goro_buf_putc(&b, '/');
            goro_buf_put(&b, targ + t0, tl - t0);
        }
        res[0] = goro_buf_string(&b);
        return 2;
    }
    res[0] = goro_str(targ + t0, (int64_t)(tl - t0));
    return 2;
}

static int fp_splitlist(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "SplitList");
    Value s = args[0];
    struct {
        Value *v;
        int n, cap;
    } parts = {0};
    if (s.aux > 0) {
        size_t start = 0;
        for (size_t i = 0; i <= s.aux; i++) {
            if (i == s.aux || s.u.s[i] == ':') {
                GORO_VEC_PUSH(parts, goro_str(s.u.s + start, (int64_t)(i - start)));
                start = i + 1;
            }
        }
    }
    res[0] = str_slice(parts.v ? parts.v : goro_alloc(sizeof(Value)), parts.n);
    return 1;
}

static int fp_identity(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "ToSlash");
    res[0] = args[0];
    res[0].tt = VK_STRING;
    return 1;
}

static int fp_volumename(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "VolumeName");
    res[0] = goro_str_cstr("");
    return 1;
}

static int fp_hasprefix(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "HasPrefix");
    NEED_STR(1, "HasPrefix");
    res[0] = goro_bool(args[0].aux >= args[1].aux && !memcmp(args[0].u.s, args[1].u.s, args[1].aux));
    return 1;
}

static int fp_match(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Match");
    NEED_STR(1, "Match");
    int r = goro_path_match(args[0], args[1], false);
    res[0] = goro_bool(r == 1);
    res[1] = r < 0 ? bad_pattern : goro_nil();
    return 2;
}

/* --------------------------------------------------------------- Glob */

typedef struct Matches {
    Value *v;
    int n, cap;
} Matches;

static bool has_meta(Value s)
{
    for (uint32_t i = 0; i < s.aux; i++)
        if (strchr("*?[\\", s.u.s[i]))
            return true;
    return false;
}

/* glob: the names in [dir] matching [pattern], appended to [m]; false
 * on a bad pattern.  I/O errors are ignored, as Go does. */
static bool glob_dir(Value dir, Value pattern, Matches *m)
{
    char *d = goro_strndup(dir.u.s, dir.aux);
    Value info, err, entries;
    if (!goro_os_stat(d, false, &info, &err) || !goro_os_info_is_dir(info))
        return true;
    goro_os_read_dir(d, &entries, &err);
    Value *e = goro_slice_data(entries);
    for (uint32_t i = 0; i < entries.aux; i++) {
        Value name = goro_os_dirent_name(e[i]);
        int r = goro_path_match(pattern, name, false);
        if (r < 0)
            return false;
        if (r) {
            Value parts[2] = {dir, name};
            GORO_VEC_PUSH(*m, goro_path_join(parts, 2));
        }
    }
    return true;
}

static bool glob(Value pattern, Matches *out, int depth)
{
    if (depth > 10000 || goro_path_match(pattern, goro_str_cstr(""), false) < 0)
        return false;
    if (!has_meta(pattern)) {
        Value info, err;
        if (goro_os_stat(goro_strndup(pattern.u.s, pattern.aux), true, &info, &err))
            GORO_VEC_PUSH(*out, pattern);
        return true;
    }
    int64_t i = (int64_t)pattern.aux - 1;
    while (i >= 0 && pattern.u.s[i] != '/')
        i--;
    Value dir = goro_str(pattern.u.s, i + 1);
    Value file = goro_str(pattern.u.s + i + 1, (int64_t)pattern.aux - i - 1);
    if (dir.aux == 0)
        dir = goro_str_cstr(".");
    else if (dir.aux > 1)
        dir.aux--;   /* chop the trailing separator */
    if (!has_meta(dir))
        return glob_dir(dir, file, out);
    if (dir.aux == pattern.aux && !memcmp(dir.u.s, pattern.u.s, dir.aux))
        return false;
    Matches dirs = {0};
    if (!glob(dir, &dirs, depth + 1))
        return false;
    for (int k = 0; k < dirs.n; k++)
        if (!glob_dir(dirs.v[k], file, out))
            return false;
    return true;
}

static int fp_glob(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Glob");
    Matches m = {0};
    if (!glob(args[0], &m, 0)) {
        res[0] = goro_ptrval(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), NULL);
        res[1] = bad_pattern;
        return 2;
    }
    res[0] = m.n ? str_slice(m.v, m.n) : goro_ptrval(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), NULL);
    res[1] = goro_nil();
    return 2;
}

/* ---------------------------------------------------------- Walk, WalkDir */

/* fn(path, x, err): 0 with *out its error result, -1 if it panicked. */
static int call_fn(G *g, Value fn, Value path, Value x, Value err, Value *out)
{
    Value a[3] = {path, x, err};
    *out = goro_nil();
    int n = goro_vm_call(g, fn, a, 3, out, 1);
    if (n < 0)
        return -1;
    if (n < 1)
        *out = goro_nil();
    return 0;
}

static bool is_nil(Value v) { return VKIND(v) == VK_NIL; }
static bool is_skip(Value v, Value which) { return goro_os_same_error(v, which); }

static Value join2(Value a, Value b)
{
    Value parts[2] = {a, b};
    return goro_path_join(parts, 2);
}

/* Go's walkDir: 0 with *ret, -1 panicked. */
static int walk_dir(G *g, Value path, Value d, Value fn, Value *ret)
{
    Value err;
    if (call_fn(g, fn, path, d, goro_nil(), &err) < 0)
        return -1;
    bool isdir = goro_os_dirent_is_dir(d);
    if (!is_nil(err) || !isdir) {
        if (is_skip(err, skip_dir) && isdir)
            err = goro_nil();
        *ret = err;
        return 0;
    }
    Value entries, rerr;
    goro_os_read_dir(goro_strndup(path.u.s, path.aux), &entries, &rerr);
    if (!is_nil(rerr)) {
        if (call_fn(g, fn, path, d, rerr, &err) < 0)
            return -1;
        if (!is_nil(err)) {
            if (is_skip(err, skip_dir) && isdir)
                err = goro_nil();
            *ret = err;
            return 0;
        }
    }
    Value *e = goro_slice_data(entries);
    for (uint32_t i = 0; i < entries.aux; i++) {
        Value sub;
        if (walk_dir(g, join2(path, goro_os_dirent_name(e[i])), e[i], fn, &sub) < 0)
            return -1;
        if (!is_nil(sub)) {
            if (is_skip(sub, skip_dir))
                break;
            *ret = sub;
            return 0;
        }
    }
    *ret = goro_nil();
    return 0;
}

/* Go's walk (the FileInfo walker). */
static int walk(G *g, Value path, Value info, Value fn, Value *ret)
{
    if (!goro_os_info_is_dir(info))
        return call_fn(g, fn, path, info, goro_nil(), ret);
    Value entries, err, err1;
    goro_os_read_dir(goro_strndup(path.u.s, path.aux), &entries, &err);
    if (call_fn(g, fn, path, info, err, &err1) < 0)
        return -1;
    if (!is_nil(err) || !is_nil(err1)) {
        *ret = err1;
        return 0;
    }
    Value *e = goro_slice_data(entries);
    for (uint32_t i = 0; i < entries.aux; i++) {
        Value name = join2(path, goro_os_dirent_name(e[i]));
        Value finfo, ferr, r;
        if (!goro_os_stat(goro_strndup(name.u.s, name.aux), true, &finfo, &ferr)) {
            if (call_fn(g, fn, name, finfo, ferr, &r) < 0)
                return -1;
            if (!is_nil(r) && !is_skip(r, skip_dir)) {
                *ret = r;
                return 0;
            }
        } else {
            if (walk(g, name, finfo, fn, &r) < 0)
                return -1;
            if (!is_nil(r) && (!goro_os_info_is_dir(finfo) || !is_skip(r, skip_dir))) {
                *ret = r;
                return 0;
            }
        }
    }
    *ret = goro_nil();
    return 0;
}

static int walk_common(G *g, Value *args, int nargs, Value *res, bool dir)
{
    NEED_STR(0, dir ? "WalkDir" : "Walk");
    if (nargs < 2 || (VKIND(args[1]) != VK_FUNC && VKIND(args[1]) != VK_NATIVE &&
                      VKIND(args[1]) != VK_BOUND))
        return goro_runtime_error(g, "filepath.%s: the second argument must be a function",
                                  dir ? "WalkDir" : "Walk");
    Value root = args[0], fn = args[1], info, err, r;
    root.tt = VK_STRING;
    int k;
    if (!goro_os_stat(goro_strndup(root.u.s, root.aux), true, &info, &err))
        k = call_fn(g, fn, root, goro_nil(), err, &r);
    else if (dir)
        k = walk_dir(g, root, goro_os_info_dirent(info), fn, &r);
    else
        k = walk(g, root, info, fn, &r);
    if (k < 0)
        return GORO_NATIVE_PANIC;
    res[0] = is_skip(r, skip_dir) || is_skip(r, skip_all) ? goro_nil() : r;
    return 1;
}

static int fp_walk(G *g, Value *args, int nargs, Value *res) { return walk_common(g, args, nargs, res, false); }
static int fp_walkdir(G *g, Value *args, int nargs, Value *res) { return walk_common(g, args, nargs, res, true); }

void goro_pkg_filepath_init(void)
{
    Package *p = goro_pkg_new("path/filepath");
    goro_path_register_common(p);
    bad_pattern = goro_error_new(goro_str_cstr("syntax error in pattern"));
    skip_dir = goro_os_skip_dir();
    skip_all = goro_os_skip_all();
    goro_pkg_var(p, "ErrBadPattern", bad_pattern);
    goro_pkg_var(p, "SkipDir", skip_dir);
    goro_pkg_var(p, "SkipAll", skip_all);
    goro_pkg_const(p, "Separator", goro_rune('/'));
    goro_pkg_const(p, "ListSeparator", goro_rune(':'));
    goro_pkg_func(p, "Abs", fp_abs);
    goro_pkg_func(p, "Rel", fp_rel);
    goro_pkg_func(p, "SplitList", fp_splitlist);
    goro_pkg_func(p, "ToSlash", fp_identity);
    goro_pkg_func(p, "FromSlash", fp_identity);
    goro_pkg_func(p, "VolumeName", fp_volumename);
    goro_pkg_func(p, "HasPrefix", fp_hasprefix);
    goro_pkg_func(p, "Match", fp_match);
    goro_pkg_func(p, "Glob", fp_glob);
    goro_pkg_func(p, "Walk", fp_walk);
    goro_pkg_func(p, "WalkDir", fp_walkdir);
}
