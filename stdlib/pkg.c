/* pkg.c: the standard package registry (see pkg.h). */
#include "pkg.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "errors_obj.h"

static Package **packages;
static int npackages, cappackages;

Package *goro_pkg_new(const char *path)
{
    Package *p = goro_alloc(sizeof *p);
    p->path = path;
    const char *slash = strrchr(path, '/');
    p->name = slash ? slash + 1 : path;
    if (npackages == cappackages) {
        cappackages = cappackages ? cappackages * 2 : 16;
        packages = goro_realloc(packages, sizeof *packages * (size_t)cappackages);
    }
    packages[npackages++] = p;
    return p;
}

Package *goro_pkg_find(const char *path)
{
    for (int i = 0; i < npackages; i++)
        if (!strcmp(packages[i]->path, path))
            return packages[i];
    return NULL;
}

int goro_pkg_count(void) { return npackages; }
Package *goro_pkg_at(int i) { return packages[i]; }

PkgMember *goro_pkg_member(Package *p, const char *name)
{
    for (int i = 0; i < p->n; i++)
        if (p->members[i].name == name)
            return &p->members[i];
    return NULL;
}

static PkgMember *add(Package *p, const char *name, MemberKind kind)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->members = goro_realloc(p->members, sizeof(PkgMember) * (size_t)p->cap);
    }
    PkgMember *m = &p->members[p->n++];
    memset(m, 0, sizeof *m);
    m->name = goro_intern_cstr(name);
    m->kind = kind;
    return m;
}

void goro_pkg_func(Package *p, const char *name, NativeFn fn)
{
    PkgMember *m = add(p, name, MEM_FUNC);
    m->value = goro_native_value(goro_sprintf("%s.%s", p->name, name), fn);
}

void goro_pkg_const(Package *p, const char *name, Value v)
{
    add(p, name, MEM_CONST)->value = v;
}

void goro_pkg_const_float(Package *p, const char *name, const char *digits)
{
    PkgMember *m = add(p, name, MEM_CONST);
    m->exact = digits;
    m->isfloat = true;
    m->value = goro_float(strtod(digits, NULL));
}

/* An untyped integer constant that may exceed int64 (math.MaxUint64):
 * exact in constant expressions, a uint64 bit pattern as a value. */
void goro_pkg_const_uint(Package *p, const char *name, uint64_t v)
{
    PkgMember *m = add(p, name, MEM_CONST);
    m->exact = goro_sprintf("%llu", (unsigned long long)v);
    m->value = goro_int((int64_t)v);
}

Box *goro_pkg_var(Package *p, const char *name, Value v)
{
    PkgMember *m = add(p, name, MEM_VAR);
    m->box = goro_alloc(sizeof(Box));
    m->box->v = v;
    return m->box;
}

void goro_pkg_type(Package *p, const char *name, Type *t)
{
    add(p, name, MEM_TYPE)->type = t;
}

Type *goro_pkg_obj_type(Package *p, const char *pkg, const char *name, ObjClass *cls,
                        Obj *(*zero)(void))
{
    Type *t = goro_type_obj(pkg, name, cls);
    t->name = cls->name;
    cls->type = t;
    if (zero)
        cls->zero = zero;
    if (p)
        goro_pkg_type(p, name, t);
    return t;
}

void goro_pkg_method(Type *t, const char *name, NativeFn fn)
{
    goro_type_add_method(t, name, goro_native_value(name, fn), false);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void goro_pkg_iface(Package *p, const char *name, const char *methods)
{
    const char **m = goro_alloc(8 * sizeof *m);
    int n = 0;
    for (const char *s = methods; *s;) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        m[n++] = goro_intern(s, len);
        s += len + (e != NULL);
    }
    qsort(m, (size_t)n, sizeof *m, cmp_names);
    goro_pkg_type(p, name, goro_type_named(p->name, name, goro_type_iface(n, m)));
}

static void init_all(void)
{
    goro_types_init();
    goro_errors_init();
    goro_pkg_io_init();
    goro_pkg_bufio_init();
    goro_pkg_fmt_init();
    goro_pkg_strings_init();
    goro_pkg_bytes_init();
    goro_pkg_strconv_init();
    goro_pkg_math_init();
    goro_pkg_cmplx_init();
    goro_pkg_rand_init();
    goro_pkg_syscall_init();
    goro_pkg_os_init();
    goro_pkg_fs_init();
    goro_pkg_path_init();
    goro_pkg_filepath_init();
    goro_pkg_time_init();
    goro_pkg_context_init();
    goro_pkg_runtime_init();
    goro_pkg_errors_init();
    goro_pkg_utf8_init();
    goro_pkg_unicode_init();
    goro_pkg_net_init();
    goro_pkg_sync_init();
    goro_pkg_atomic_init();
    goro_pkg_cmp_init();
    goro_pkg_sort_init();
    goro_pkg_slices_init();
    goro_pkg_maps_init();
    goro_pkg_iter_init();
    goro_pkg_log_init();
    goro_pkg_heap_init();
    goro_pkg_list_init();
    goro_pkg_bits_init();
    goro_pkg_signal_init();
    goro_pkg_flag_init();
    goro_pkg_ioutil_init();
    goro_pkg_fnv_init();
    goro_pkg_hex_init();
    goro_pkg_base64_init();
}

void goro_stdlib_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_all);
}

/* ------------------------------------------------------------ arguments */

bool goro_arg_int(const Value *args, int nargs, int i, int64_t *out)
{
    if (nargs <= i)
        return false;
    Value v = args[i];
    if (VKIND(v) == VK_INT) {
        *out = v.u.i;
        return true;
    }
    if (VKIND(v) == VK_FLOAT && v.u.f == trunc(v.u.f) && fabs(v.u.f) < 9.3e18) {
        *out = (int64_t)v.u.f;
        return true;
    }
    return false;
}

bool goro_arg_float(const Value *args, int nargs, int i, double *out)
{
    if (nargs <= i)
        return false;
    Value v = args[i];
    if (VKIND(v) == VK_FLOAT) {
        *out = v.u.f;
        return true;
    }
    if (VKIND(v) == VK_INT) {
        bool u = VTYPEID(v) && goro_type_is_unsigned(goro_type_of(v));
        *out = u ? (double)v.u.u : (double)v.u.i;
        return true;
    }
    return false;
}
