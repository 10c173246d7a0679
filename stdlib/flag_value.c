/* flag_value.c: the flag.Values of flag's builtin kinds (*flag.boolValue,
 * *flag.intValue, ..., flag.funcValue): Set parses with strconv's and
 * time's own parsers and reports Go's errParse/errRange; String formats
 * as Go's do. */
#include <string.h>

#include "errors_obj.h"
#include "flag_impl.h"
#include "format.h"
#include "rw.h"
#include "time_impl.h"
#include "time_value.h"
#include "vm.h"

static const char *const kind_class_names[FK_N] = {
    "*flag.boolValue", "*flag.intValue", "*flag.int64Value", "*flag.uintValue", "*flag.uint64Value",
    "*flag.float64Value", "*flag.stringValue", "*flag.durationValue", "flag.funcValue", "flag.Value",
};
static ObjClass value_classes[FK_N];
static Value err_parse, err_range;

static Value str(const char *s) { return goro_str_cstr(s); }

ValueObj *goro_flag_as_value(Value v)
{
    Obj *o = goro_rw_obj(v);
    return o && o->cls >= value_classes && o->cls < value_classes + FK_N ? (ValueObj *)o : NULL;
}

ValueObj *goro_flag_value_new(FlagKind k, Value *dst)
{
    ValueObj *v = goro_alloc(sizeof *v);
    v->obj.cls = &value_classes[k];
    v->kind = k;
    v->dst = dst;
    v->fn = goro_nil();
    return v;
}

/* Call strconv's or time's native [name] on string [s]: the result and
 * the error. */
static void parse_with(G *g, const char *pkg, const char *name, Value *args, int nargs, Value *res)
{
    PkgMember *m = goro_pkg_member(goro_pkg_find(pkg), goro_intern_cstr(name));
    res[0] = res[1] = goro_nil();
    ((Native *)m->value.u.p)->fn(g, args, nargs, res);
}

/* Go's numError: a strconv range error is errRange, any other errParse. */
static Value num_error(G *g, Value err)
{
    Buf b = {0};
    goro_fmt_value(g, &b, err);
    return b.s && strstr(b.s, "value out of range") ? err_range : err_parse;
}

Value goro_flag_format(G *g, ValueObj *v)
{
    Value x = *v->dst;
    Buf b = {0};
    switch (v->kind) {
    case FK_BOOL:
        return str(VKIND(x) == VK_BOOL && x.u.i ? "true" : "false");
    case FK_FLOAT:
        goro_fmt_float_shortest(&b, VKIND(x) == VK_FLOAT ? x.u.f : (double)x.u.i, 64, 'g');
        return goro_buf_string(&b);
    case FK_DURATION:
        return goro_duration_string(x.u.i);
    case FK_FUNC:
        return str("");
    default:
        goro_fmt_value(g, &b, x);
        return goro_buf_string(&b);
    }
}

/* v.Set(s): nil, or the error Go's Set returns. */
static int set_value(G *g, ValueObj *v, Value s, Value *err)
{
    Value a[3] = {s, goro_int(0), goro_int(64)}, r[2];
    *err = goro_nil();
    switch (v->kind) {
    case FK_BOOL:
        parse_with(g, "strconv", "ParseBool", a, 1, r);
        if (VKIND(r[1]) != VK_NIL)
            *err = err_parse;
        *v->dst = goro_bool(VKIND(r[0]) == VK_BOOL && r[0].u.i);
        return 0;
    case FK_INT: case FK_INT64:
        parse_with(g, "strconv", "ParseInt", a, 3, r);
        if (VKIND(r[1]) != VK_NIL)
            *err = num_error(g, r[1]);
        *v->dst = v->kind == FK_INT ? goro_int(r[0].u.i) : goro_typed(goro_int(r[0].u.i), goro_t_int64);
        return 0;
    case FK_UINT: case FK_UINT64:
        parse_with(g, "strconv", "ParseUint", a, 3, r);
        if (VKIND(r[1]) != VK_NIL)
            *err = num_error(g, r[1]);
        *v->dst = goro_typed(goro_int(r[0].u.i), v->kind == FK_UINT ? goro_t_uint : goro_t_uint64);
        return 0;
    case FK_FLOAT:
        a[1] = goro_int(64);
        parse_with(g, "strconv", "ParseFloat", a, 2, r);
        if (VKIND(r[1]) != VK_NIL)
            *err = num_error(g, r[1]);
        *v->dst = VKIND(r[0]) == VK_FLOAT ? r[0] : goro_float(0);
        return 0;
    case FK_DURATION:
        parse_with(g, "time", "ParseDuration", a, 1, r);
        if (VKIND(r[1]) != VK_NIL)
            *err = err_parse;
        *v->dst = VKIND(r[0]) == VK_INT ? r[0] : goro_time_duration(0);
        return 0;
    case FK_STRING:
        *v->dst = s;
        return 0;
    case FK_FUNC: {
        Value e = goro_nil();
        if (goro_vm_call(g, v->fn, &s, 1, &e, 1) < 0)
            return GORO_NATIVE_PANIC;
        *err = e;
        return 0;
    }
    default:
        return 0;
    }
}

/* f.Value.Set(s) and f.Value.String() for any flag.Value. */
int goro_flag_set(G *g, FlagObj *f, Value s, Value *err)
{
    ValueObj *v = goro_flag_as_value(f->value);
    if (v)
        return set_value(g, v, s, err);
    Value r = goro_nil();
    int k = goro_fmt_call_method(g, f->value, "Set", &s, 1, &r, 1);
    if (k == -1)
        return GORO_NATIVE_PANIC;
    *err = r;
    return 0;
}

int goro_flag_value_string(G *g, Value value, Value *out)
{
    ValueObj *v = goro_flag_as_value(value);
    if (v) {
        *out = goro_flag_format(g, v);
        return 0;
    }
    *out = str("");
    int k = goro_fmt_call_method(g, value, "String", NULL, 0, out, 1);
    return k == -1 ? GORO_NATIVE_PANIC : 0;
}

bool goro_flag_is_bool(G *g, FlagObj *f)
{
    ValueObj *v = goro_flag_as_value(f->value);
    if (v)
        return v->kind == FK_BOOL;
    Value r = goro_bool(false);
    return goro_fmt_call_method(g, f->value, "IsBoolFlag", NULL, 0, &r, 1) > 0 && VKIND(r) == VK_BOOL && r.u.i;
}


/* The methods of the builtin flag.Values: String, Set, Get, IsBoolFlag. */
static int v_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ValueObj, v, goro_flag_as_value);
    res[0] = goro_flag_format(g, v);
    return 1;
}

static int v_set(G *g, Value *args, int nargs, Value *res)
{
    ValueObj *v = nargs ? goro_flag_as_value(args[0]) : NULL;
    if (!v || nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_nil_deref(g);
    return set_value(g, v, args[1], &res[0]) ? GORO_NATIVE_PANIC : 1;
}

static int v_get(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ValueObj, v, goro_flag_as_value);
    res[0] = *v->dst;
    return 1;
}

static int v_isbool(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ValueObj, v, goro_flag_as_value);
    res[0] = goro_bool(v->kind == FK_BOOL);
    return 1;
}

void goro_flag_values_init(void)
{
    err_parse = goro_error_new(str("parse error"));
    err_range = goro_error_new(str("value out of range"));
    for (int k = 0; k < FK_N; k++) {
        value_classes[k].name = kind_class_names[k];
        Type *t = goro_pkg_obj_type(NULL, "flag", kind_class_names[k] + (kind_class_names[k][0] == '*' ? 6 : 5),
                                    &value_classes[k], NULL);
        goro_pkg_method(t, "String", v_string);
        goro_pkg_method(t, "Set", v_set);
        goro_pkg_method(t, "Get", v_get);
        if (k == FK_BOOL)
            goro_pkg_method(t, "IsBoolFlag", v_isbool);
    }
}
