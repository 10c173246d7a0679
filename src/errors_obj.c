/* errors_obj.c: the runtime's error values (see errors_obj.h). */
#include "errors_obj.h"

#include <stdio.h>

#include "g.h"
#include "pkg.h"
#include "vm.h"

static ObjClass error_string_class = {.name = "*errors.errorString"};
static ObjClass wrap_error_class = {.name = "*fmt.wrapError"};
static ObjClass runtime_error_class = {.name = "runtime.Error"};
/* Go's runtime.plainError: a runtime.Error printed without the prefix */
static ObjClass plain_error_class = {.name = "runtime.plainError"};

static int error_method(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    if (nargs < 1 || VKIND(args[0]) != VK_OBJ || !args[0].u.p)
        return goro_nil_deref(g);
    res[0] = ((ErrorObj *)args[0].u.p)->msg;
    return 1;
}

static int unwrap_method(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    GORO_UNUSED(nargs);
    res[0] = ((ErrorObj *)args[0].u.p)->wrapped;
    return 1;
}

void goro_errors_init(void)
{
    if (error_string_class.type)
        return;
    ObjClass *classes[] = {&error_string_class, &wrap_error_class, &runtime_error_class,
                           &plain_error_class};
    for (int i = 0; i < 4; i++) {
        ObjClass *c = classes[i];
        const char *dot = strchr(c->name, '.');
        const char *pkg = c->name[0] == '*' ? goro_strndup(c->name + 1, (size_t)(dot - c->name - 1))
                                            : goro_strndup(c->name, (size_t)(dot - c->name));
        Type *t = goro_type_obj(pkg, dot + 1, c);
        t->name = c->name;
        c->type = t;
        goro_type_add_method(t, "Error", goro_native_value("Error", error_method), false);
    }
    goro_type_add_method(wrap_error_class.type, "Unwrap", goro_native_value("Unwrap", unwrap_method),
                         false);
}

static Value make(ObjClass *c, Value msg, Value wrapped)
{
    goro_errors_init();
    ErrorObj *e = goro_alloc(sizeof *e);
    e->obj.cls = c;
    e->msg = msg;
    e->wrapped = wrapped;
    return goro_obj_value(&e->obj);
}

Value goro_error_new(Value msg) { return make(&error_string_class, msg, goro_nil()); }

Value goro_error_wrap(Value msg, Value wrapped) { return make(&wrap_error_class, msg, wrapped); }

Value goro_runtime_error_new(const char *msg)
{
    return make(&runtime_error_class, goro_str_cstr(goro_sprintf("runtime error: %s", msg)), goro_nil());
}

Value goro_runtime_plain_error_new(const char *msg)
{
    return make(&plain_error_class, goro_str_cstr(msg), goro_nil());
}

bool goro_is_error_obj(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return false;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    return c == &error_string_class || c == &wrap_error_class || c == &runtime_error_class ||
           c == &plain_error_class;
}

Value goro_error_message(Value v) { return ((ErrorObj *)v.u.p)->msg; }

Value goro_error_unwrap(Value v)
{
    return goro_is_error_obj(v) ? ((ErrorObj *)v.u.p)->wrapped : goro_nil();
}
