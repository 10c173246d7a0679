/* ioutil.c: io/ioutil, Go's deprecated package that older programs still
 * import: each function is the io or os function it became (ReadAll,
 * ReadFile, WriteFile, TempDir = os.MkdirTemp, TempFile = os.CreateTemp,
 * NopCloser, Discard), and ReadDir returns the FileInfos of os.ReadDir's
 * entries, sorted by name. */
#include "format.h"
#include "os_impl.h"
#include "pkg.h"
#include "vm.h"

static Value readdir_fn;   /* os.ReadDir */

static PkgMember *member(const char *pkg, const char *name)
{
    return goro_pkg_member(goro_pkg_find(pkg), goro_intern_cstr(name));
}

static void alias(Package *p, const char *name, const char *pkg, const char *from)
{
    PkgMember *m = member(pkg, from);
    if (!m)
        goro_fatal("io/ioutil: %s.%s is not registered", pkg, from);
    if (m->kind == MEM_VAR)
        goro_pkg_var(p, name, m->box->v);
    else
        goro_pkg_func(p, name, ((Native *)m->value.u.p)->fn);
}

static int f_readdir(G *g, Value *args, int nargs, Value *res)
{
    Value r[2];
    int k = ((Native *)readdir_fn.u.p)->fn(g, args, nargs, r);
    if (k < 0)
        return k;
    res[1] = r[1];
    Type *fi = member("io/fs", "FileInfo")->type;
    Type *st = goro_type_slice(fi);
    if (VKIND(r[1]) != VK_NIL || VKIND(r[0]) != VK_SLICE) {
        res[0] = goro_slice_from(TT(VK_SLICE, st->id), NULL, 0);
        return 2;
    }
    int64_t n = r[0].aux;
    Value *items = goro_alloc(sizeof(Value) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        Value info[2];
        if (goro_fmt_call_method(g, goro_slice_data(r[0])[i], "Info", NULL, 0, info, 2) < 0)
            return GORO_NATIVE_PANIC;
        if (VKIND(info[1]) != VK_NIL) {
            res[0] = goro_slice_from(TT(VK_SLICE, st->id), NULL, 0);
            res[1] = info[1];
            return 2;
        }
        items[i] = info[0];
    }
    res[0] = goro_slice_from(TT(VK_SLICE, st->id), items, n);   /* os.ReadDir sorts by name */
    return 2;
}

void goro_pkg_ioutil_init(void)
{
    Package *p = goro_pkg_new("io/ioutil");
    alias(p, "ReadAll", "io", "ReadAll");
    alias(p, "NopCloser", "io", "NopCloser");
    alias(p, "Discard", "io", "Discard");
    alias(p, "ReadFile", "os", "ReadFile");
    alias(p, "WriteFile", "os", "WriteFile");
    alias(p, "TempDir", "os", "MkdirTemp");
    alias(p, "TempFile", "os", "CreateTemp");
    readdir_fn = member("os", "ReadDir")->value;
    goro_pkg_func(p, "ReadDir", f_readdir);
}
