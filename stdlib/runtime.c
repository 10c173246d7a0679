/* runtime.c: the runtime package: Gosched, NumGoroutine, GOMAXPROCS,
 * NumCPU, GC, Goexit. */
#include "pkg.h"
#include "proc.h"
#include "vm.h"

static int rt_gosched(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    if (goro_vm_cannot_park(g))
        return 0;
    return GORO_NATIVE_YIELD;
}

static int rt_numgoroutine(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(goro_sched_numgoroutine());
    return 1;
}

static int rt_gomaxprocs(G *g, Value *args, int nargs, Value *res)
{
    int n = 0;
    if (nargs > 0) {
        if (VKIND(args[0]) != VK_INT)
            return goro_runtime_error(g, "runtime.GOMAXPROCS: argument must be an int");
        n = (int)args[0].u.i;
    }
    res[0] = goro_int(goro_sched_set_gomaxprocs(n));
    return 1;
}

static int rt_numcpu(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(goro_sched_ncpu());
    return 1;
}

static int rt_gc(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    GC_gcollect();
    return 0;
}

static int rt_goexit(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    g->goexit_pending = true;
    return goro_panic(g, goro_nil());
}

static int rt_version(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_str_cstr("goro" GORO_VERSION);
    return 1;
}

void goro_pkg_runtime_init(void)
{
    Package *p = goro_pkg_new("runtime");
    goro_pkg_func(p, "Gosched", rt_gosched);
    goro_pkg_func(p, "NumGoroutine", rt_numgoroutine);
    goro_pkg_func(p, "GOMAXPROCS", rt_gomaxprocs);
    goro_pkg_func(p, "NumCPU", rt_numcpu);
    goro_pkg_func(p, "GC", rt_gc);
    goro_pkg_func(p, "Goexit", rt_goexit);
    goro_pkg_func(p, "Version", rt_version);
    goro_pkg_const(p, "GOOS", goro_str_cstr("linux"));
    goro_pkg_const(p, "GOARCH", goro_str_cstr("amd64"));
}
