/* object.c: closures and native function values. */
#include "object.h"

Closure *goro_closure_new(Proto *p)
{
    Closure *c = goro_alloc(sizeof *c + sizeof(Box *) * p->nupvals);
    c->proto = p;
    return c;
}

Value goro_native_value(const char *name, NativeFn fn)
{
    Native *n = goro_alloc(sizeof *n);
    n->name = name;
    n->fn = fn;
    return goro_ptrval(VK_NATIVE, n);
}
