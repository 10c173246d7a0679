/* flag.c: the flag package: command-line flags defined by String, Int,
 * Bool, Duration, ... (and their Var forms, Func and Var for a
 * flag.Value of the program's), parsed by Parse from os.Args[1:] with
 * Go's syntax (-f, --f, -f=v, -f v; a bool takes no separate value; "--"
 * or the first non-flag ends the flags), Go's error texts and exits
 * (status 2, or 0 for -h), and PrintDefaults' layout.  Package-level
 * functions work on CommandLine, a *FlagSet like those of NewFlagSet.
 *
 * A builtin flag's variable is a goro variable (a fresh one for String
 * and friends, the program's own for StringVar); its flag.Value is a
 * native object of the kind's class (*flag.intValue, ...) whose String
 * and Set read and write that variable (flag_value.c). */
#include <string.h>

#include "errors_obj.h"
#include "flag_impl.h"
#include "format.h"
#include "os_file.h"
#include "os_impl.h"
#include "pkg.h"
#include "rw.h"
#include "time_impl.h"
#include "time_value.h"
#include "vm.h"

typedef struct SetObj {
    Obj obj;
    Value name;             /* a string */
    int64_t handling;       /* ContinueOnError, ExitOnError, PanicOnError */
    bool parsed;
    FlagObj *flags;
    Value args;             /* []string after Parse */
    Value usage;            /* the Usage field: a func, or nil for the default */
    Value output;           /* nil: os.Stderr */
} SetObj;

enum { CONTINUE_ON_ERROR, EXIT_ON_ERROR, PANIC_ON_ERROR };

/* the type name PrintDefaults shows */
static const char *const kind_type_names[FK_N] = {"", "int", "int", "uint", "uint", "float", "string",
                                                  "duration", "value", "value"};
static bool flag_getfield(Obj *o, const char *name, Value *out);
static ObjClass flag_class = {.name = "*flag.Flag", .getfield = flag_getfield};
static bool set_getfield(Obj *o, const char *name, Value *out);
static bool set_setfield(Obj *o, const char *name, Value v);
static const char *const set_fields[] = {"Usage", NULL};
static ObjClass set_class = {.name = "*flag.FlagSet", .getfield = set_getfield, .setfield = set_setfield,
                             .fields = set_fields};
static SetObj *command_line;
static Box *usage_box;        /* flag.Usage */
static Value default_usage;   /* its initial value */
static Value err_help;
static const char *s_name, *s_usage, *s_value, *s_defvalue;

static Value str(const char *s) { return goro_str_cstr(s); }
static const char *cstr(Value v) { return goro_sprintf("%.*s", (int)v.aux, v.u.s); }

static const char *quoted(Value v)
{
    Buf b = {0};
    goro_fmt_quote(&b, v.u.s, (size_t)v.aux, false);
    goro_buf_putc(&b, 0);
    return b.s;
}

/* A set's name; CommandLine's is os.Args[0], known once the program
 * runs. */
static Value set_name(SetObj *fs)
{
    if (fs != command_line || fs->name.aux)
        return fs->name;
    PkgMember *m = goro_pkg_member(goro_pkg_find("os"), goro_intern_cstr("Args"));
    Value a = m && m->box ? m->box->v : goro_nil();
    if (VKIND(a) == VK_SLICE && a.aux > 0)
        fs->name = goro_slice_data(a)[0];
    return fs->name;
}

static bool flag_getfield(Obj *o, const char *name, Value *out)
{
    FlagObj *f = (FlagObj *)o;
    if (name == s_name)
        *out = str(f->name);
    else if (name == s_usage)
        *out = f->usage;
    else if (name == s_value)
        *out = f->value;
    else if (name == s_defvalue)
        *out = f->defvalue;
    else
        return false;
    return true;
}

static bool set_getfield(Obj *o, const char *name, Value *out)
{
    if (name != s_usage)
        return false;
    *out = ((SetObj *)o)->usage;
    return true;
}

static bool set_setfield(Obj *o, const char *name, Value v)
{
    if (name != s_usage)
        return false;
    ((SetObj *)o)->usage = v;
    return true;
}

static Obj *set_zero(void)
{
    SetObj *s = goro_alloc(sizeof *s);
    s->obj.cls = &set_class;
    s->name = str("");
    s->args = goro_os_string_slice(NULL, 0);
    s->usage = s->output = goro_nil();
    return &s->obj;
}

static SetObj *as_set(Value v)
{
    return (SetObj *)goro_rw_obj_of(v, &set_class);
}

/* ------------------------------------------------------------ output */

/* Write [s] to the set's output: *os.File directly, any other writer
 * through its Write method (which may not park here). */
static int out(G *g, SetObj *fs, const char *s)
{
    Value w = fs->output;
    if (VKIND(w) == VK_NIL) {
        goro_os_flush();
        fputs(s, stderr);
        return 0;
    }
    const char *err;
    if (goro_os_file_write(w, s, strlen(s), &err))
        return 0;
    Value b = goro_rw_slice(s, strlen(s)), r[2];
    return goro_fmt_call_method(g, w, "Write", &b, 1, r, 2) == -1 ? GORO_NATIVE_PANIC : 0;
}

/* ------------------------------------------------------------ defining */

static FlagObj *lookup(SetObj *fs, const char *name)
{
    for (FlagObj *f = fs->flags; f; f = f->next)
        if (!strcmp(f->name, name))
            return f;
    return NULL;
}

static int define(G *g, SetObj *fs, Value value, Value name, Value usage)
{
    const char *n = cstr(name);
    if (lookup(fs, n)) {
        const char *msg = set_name(fs).aux ? goro_sprintf("%s flag redefined: %s", cstr(fs->name), n)
                                       : goro_sprintf("flag redefined: %s", n);
        if (out(g, fs, goro_sprintf("%s\n", msg)))
            return GORO_NATIVE_PANIC;
        return goro_panic_str(g, "%s", msg);
    }
    FlagObj *f = goro_alloc(sizeof *f);
    f->obj.cls = &flag_class;
    f->name = n;
    f->usage = usage;
    f->value = value;
    if (goro_flag_value_string(g, value, &f->defvalue))
        return GORO_NATIVE_PANIC;
    FlagObj **p = &fs->flags;
    while (*p && strcmp((*p)->name, n) < 0)
        p = &(*p)->next;
    f->next = *p;
    *p = f;
    return 0;
}

static Type *kind_type(FlagKind k)
{
    switch (k) {
    case FK_BOOL: return goro_t_bool;
    case FK_INT: return goro_t_int;
    case FK_INT64: return goro_t_int64;
    case FK_UINT: return goro_t_uint;
    case FK_UINT64: return goro_t_uint64;
    case FK_FLOAT: return goro_t_float64;
    case FK_DURATION: return goro_time_duration_t;
    default: return goro_t_string;
    }
}

/* The default [v] of kind [k] as the variable's value. */
static bool default_of(FlagKind k, Value v, Value *out)
{
    int64_t i;
    double d;
    switch (k) {
    case FK_BOOL:
        if (VKIND(v) != VK_BOOL)
            return false;
        *out = goro_bool(v.u.i);
        return true;
    case FK_STRING:
        if (VKIND(v) != VK_STRING)
            return false;
        *out = v;
        return true;
    case FK_FLOAT:
        if (!goro_arg_float(&v, 1, 0, &d))
            return false;
        *out = goro_float(d);
        return true;
    default:
        if (!goro_arg_int(&v, 1, 0, &i))
            return false;
        *out = k == FK_DURATION ? goro_time_duration(i) : goro_type_coerce(kind_type(k), goro_int(i));
        return true;
    }
}

/* String(name, value, usage) and StringVar(&v, name, value, usage), on
 * a set (args[0] when [recv]) or on CommandLine. */
static int define_kind(G *g, Value *args, int nargs, Value *res, FlagKind k, bool var, bool recv)
{
    SetObj *fs = command_line;
    if (recv) {
        fs = nargs ? as_set(args[0]) : NULL;
        if (!fs)
            return goro_nil_deref(g);
        args++, nargs--;
    }
    Value *dst;
    if (var) {
        if (nargs < 1 || VKIND(args[0]) != VK_PTR || !args[0].u.p)
            return goro_runtime_error(g, "flag: the first argument must be a pointer to a variable");
        dst = args[0].u.p;
        args++, nargs--;
    } else {
        dst = goro_alloc(sizeof *dst);
    }
    Value def;
    if (nargs < 3 || VKIND(args[0]) != VK_STRING || VKIND(args[2]) != VK_STRING || !default_of(k, args[1], &def))
        return goro_runtime_error(g, "flag: expects a name, a default %s and a usage string",
                                  kind_type(k)->name);
    *dst = def;
    ValueObj *v = goro_flag_value_new(k, dst);
    if (define(g, fs, goro_obj_value(&v->obj), args[0], args[2]))
        return GORO_NATIVE_PANIC;
    if (!var)
        res[0] = goro_ptrval(TT(VK_PTR, goro_type_ptr(kind_type(k))->id), dst);
    return var ? 0 : 1;
}

#define DEFINE(Name, kind)                                                                \
    static int f_##Name(G *g, Value *a, int n, Value *r) { return define_kind(g, a, n, r, kind, false, false); } \
    static int f_##Name##Var(G *g, Value *a, int n, Value *r) { return define_kind(g, a, n, r, kind, true, false); } \
    static int m_##Name(G *g, Value *a, int n, Value *r) { return define_kind(g, a, n, r, kind, false, true); } \
    static int m_##Name##Var(G *g, Value *a, int n, Value *r) { return define_kind(g, a, n, r, kind, true, true); }

DEFINE(Bool, FK_BOOL)
DEFINE(Int, FK_INT)
DEFINE(Int64, FK_INT64)
DEFINE(Uint, FK_UINT)
DEFINE(Uint64, FK_UINT64)
DEFINE(Float64, FK_FLOAT)
DEFINE(String, FK_STRING)
DEFINE(Duration, FK_DURATION)

static SetObj *recv_set(G *g, Value **args, int *nargs, bool recv)
{
    if (!recv)
        return command_line;
    SetObj *fs = *nargs ? as_set((*args)[0]) : NULL;
    if (!fs) {
        goro_nil_deref(g);
        return NULL;
    }
    (*args)++, (*nargs)--;
    return fs;
}

/* Func(name, usage, fn) and Var(value, name, usage). */
static int define_other(G *g, Value *args, int nargs, bool func, bool recv)
{
    SetObj *fs = recv_set(g, &args, &nargs, recv);
    if (!fs)
        return GORO_NATIVE_PANIC;
    if (nargs < 3)
        return goro_runtime_error(g, "flag.%s: not enough arguments", func ? "Func" : "Var");
    if (func) {
        ValueObj *v = goro_flag_value_new(FK_FUNC, goro_alloc(sizeof(Value)));
        v->fn = args[2];
        return define(g, fs, goro_obj_value(&v->obj), args[0], args[1]);
    }
    if (VKIND(args[1]) != VK_STRING || VKIND(args[2]) != VK_STRING)
        return goro_runtime_error(g, "flag.Var: expects a flag.Value, a name and a usage string");
    return define(g, fs, args[0], args[1], args[2]);
}

static int f_Func(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return define_other(g, a, n, true, false); }
static int m_Func(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return define_other(g, a, n, true, true); }
static int f_Var(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return define_other(g, a, n, false, false); }
static int m_Var(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return define_other(g, a, n, false, true); }

/* ------------------------------------------------------------ usage */

/* Go's UnquoteUsage: a `name` in back quotes in the usage, else the
 * value's type name. */
static const char *unquote_usage(G *g, FlagObj *f, const char **usage)
{
    const char *u = cstr(f->usage);
    *usage = u;
    const char *a = strchr(u, '`');
    const char *b = a ? strchr(a + 1, '`') : NULL;
    if (b) {
        *usage = goro_sprintf("%.*s%.*s%s", (int)(a - u), u, (int)(b - a - 1), a + 1, b + 1);
        return goro_sprintf("%.*s", (int)(b - a - 1), a + 1);
    }
    ValueObj *v = goro_flag_as_value(f->value);
    if (v)
        return kind_type_names[v->kind];
    return goro_flag_is_bool(g, f) ? "" : "value";
}

static bool is_zero_default(G *g, FlagObj *f)
{
    ValueObj *v = goro_flag_as_value(f->value);
    if (!v)
        return f->defvalue.aux == 0 || (f->defvalue.aux == 5 && !memcmp(f->defvalue.u.s, "false", 5)) ||
               (f->defvalue.aux == 1 && f->defvalue.u.s[0] == '0');
    Value zero;
    ValueObj tmp = *v;
    Value cell = v->kind == FK_STRING || v->kind == FK_FUNC ? str("") : v->kind == FK_BOOL ? goro_bool(false)
               : v->kind == FK_FLOAT ? goro_float(0) : goro_int(0);
    tmp.dst = &cell;
    zero = goro_flag_format(g, &tmp);
    return zero.aux == f->defvalue.aux && !memcmp(zero.u.s, f->defvalue.u.s, (size_t)zero.aux);
}

static int print_defaults(G *g, SetObj *fs)
{
    for (FlagObj *f = fs->flags; f; f = f->next) {
        Buf b = {0};
        goro_buf_puts(&b, "  -");
        goro_buf_puts(&b, f->name);
        const char *usage;
        const char *name = unquote_usage(g, f, &usage);
        if (*name) {
            goro_buf_putc(&b, ' ');
            goro_buf_puts(&b, name);
        }
        goro_buf_puts(&b, b.n <= 4 ? "\t" : "\n    \t");
        for (const char *p = usage; *p; p++) {
            if (*p == '\n')
                goro_buf_puts(&b, "\n    \t");
            else
                goro_buf_putc(&b, *p);
        }
        if (!is_zero_default(g, f)) {
            ValueObj *v = goro_flag_as_value(f->value);
            if (v && v->kind == FK_STRING) {
                goro_buf_puts(&b, " (default ");
                goro_fmt_quote(&b, f->defvalue.u.s, (size_t)f->defvalue.aux, false);
                goro_buf_putc(&b, ')');
            } else {
                goro_buf_puts(&b, goro_sprintf(" (default %s)", cstr(f->defvalue)));
            }
        }
        goro_buf_putc(&b, '\n');
        goro_buf_putc(&b, 0);
        if (out(g, fs, b.s))
            return GORO_NATIVE_PANIC;
    }
    return 0;
}

static int usage(G *g, SetObj *fs)
{
    Value fn = fs == command_line ? usage_box->v : fs->usage;
    if (VKIND(fn) != VK_NIL && !(fs == command_line && fn.u.p == default_usage.u.p))
        return goro_vm_call(g, fn, NULL, 0, NULL, 0) < 0 ? GORO_NATIVE_PANIC : 0;
    const char *head = set_name(fs).aux ? goro_sprintf("Usage of %s:\n", cstr(fs->name)) : "Usage:\n";
    if (out(g, fs, head))
        return GORO_NATIVE_PANIC;
    return print_defaults(g, fs);
}

static int f_default_usage(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(args), GORO_UNUSED(nargs), GORO_UNUSED(res);
    const char *head = goro_sprintf("Usage of %s:\n", cstr(set_name(command_line)));
    if (out(g, command_line, head))
        return GORO_NATIVE_PANIC;
    return print_defaults(g, command_line);
}

/* ------------------------------------------------------------ parsing */

/* failf: the error, printed with the usage. */
static int fail(G *g, SetObj *fs, Value *err, const char *msg)
{
    *err = goro_error_new(str(msg));
    if (out(g, fs, goro_sprintf("%s\n", msg)))
        return GORO_NATIVE_PANIC;
    return usage(g, fs);
}

/* Go's parseOne: 1 when a flag was parsed, 0 at the end of the flags,
 * BAD with *err set, or GORO_NATIVE_PANIC. */
enum { BAD = 2 };
static int parse_one(G *g, SetObj *fs, Value *items, int64_t *i, int64_t n, Value *err)
{
    if (*i >= n)
        return 0;
    Value a = items[*i];
    const char *s = a.u.s;
    int64_t len = a.aux;
    if (len < 2 || s[0] != '-')
        return 0;
    int minuses = 1;
    if (s[1] == '-') {
        minuses++;
        if (len == 2) {   /* "--" ends the flags */
            (*i)++;
            return 0;
        }
    }
    const char *name = goro_sprintf("%.*s", (int)(len - minuses), s + minuses);
    if (!*name || name[0] == '-' || name[0] == '=')
        return fail(g, fs, err, goro_sprintf("bad flag syntax: %.*s", (int)len, s)) ? GORO_NATIVE_PANIC : BAD;
    (*i)++;
    const char *eq = strchr(name + 1, '=');
    Value value = str("");
    bool has_value = false;
    if (eq) {
        value = str(eq + 1);
        has_value = true;
        name = goro_sprintf("%.*s", (int)(eq - name), name);
    }
    FlagObj *f = lookup(fs, name);
    if (!f) {
        if (!strcmp(name, "help") || !strcmp(name, "h")) {
            if (usage(g, fs))
                return GORO_NATIVE_PANIC;
            *err = err_help;
            return BAD;
        }
        return fail(g, fs, err, goro_sprintf("flag provided but not defined: -%s", name)) ? GORO_NATIVE_PANIC : BAD;
    }
    Value e;
    if (goro_flag_is_bool(g, f)) {
        if (goro_flag_set(g, f, has_value ? value : str("true"), &e))
            return GORO_NATIVE_PANIC;
        if (VKIND(e) != VK_NIL) {
            Buf b = {0};
            goro_fmt_value(g, &b, e);
            goro_buf_putc(&b, 0);
            const char *msg = has_value ? goro_sprintf("invalid boolean value %s for -%s: %s",
                                                       quoted(value), name, b.s)
                                        : goro_sprintf("invalid boolean flag %s: %s", name, b.s);
            return fail(g, fs, err, msg) ? GORO_NATIVE_PANIC : BAD;
        }
    } else {
        if (!has_value && *i < n) {
            has_value = true;
            value = items[(*i)++];
        }
        if (!has_value)
            return fail(g, fs, err, goro_sprintf("flag needs an argument: -%s", name)) ? GORO_NATIVE_PANIC : BAD;
        if (goro_flag_set(g, f, value, &e))
            return GORO_NATIVE_PANIC;
        if (VKIND(e) != VK_NIL) {
            Buf b = {0};
            goro_fmt_value(g, &b, e);
            goro_buf_putc(&b, 0);
            return fail(g, fs, err, goro_sprintf("invalid value %s for flag -%s: %s", quoted(value),
                                                 name, b.s)) ? GORO_NATIVE_PANIC : BAD;
        }
    }
    f->set = true;
    return 1;
}

/* fs.Parse(arguments): the error (nil), exiting or panicking as the
 * set's error handling says. */
static int parse(G *g, SetObj *fs, Value list, Value *res)
{
    fs->parsed = true;
    Value *items = VKIND(list) == VK_SLICE ? goro_slice_data(list) : NULL;
    int64_t n = VKIND(list) == VK_SLICE ? list.aux : 0, i = 0;
    Value err = goro_nil();
    int r;
    while ((r = parse_one(g, fs, items, &i, n, &err)) == 1) {
    }
    if (r == GORO_NATIVE_PANIC)
        return r;
    fs->args = goro_os_string_slice(items ? items + i : NULL, n - i);
    res[0] = goro_nil();
    if (r == 0)
        return 1;
    switch (fs->handling) {
    case EXIT_ON_ERROR:
        goro_os_flush();
        fflush(stderr);
        _exit(err.u.p == err_help.u.p ? 0 : 2);
    case PANIC_ON_ERROR:
        return goro_panic(g, err);
    default:
        res[0] = err;
        return 1;
    }
}

static Value os_args_rest(void)
{
    PkgMember *m = goro_pkg_member(goro_pkg_find("os"), goro_intern_cstr("Args"));
    Value a = m && m->box ? m->box->v : goro_nil();
    if (VKIND(a) != VK_SLICE || a.aux < 1)
        return goro_os_string_slice(NULL, 0);
    return goro_os_string_slice(goro_slice_data(a) + 1, a.aux - 1);
}

static int f_parse(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(args), GORO_UNUSED(nargs);
    GORO_UNUSED(res);
    Value r;
    int k = parse(g, command_line, os_args_rest(), &r);
    return k < 0 ? k : 0;
}

static int m_parse(G *g, Value *args, int nargs, Value *res)
{
    SetObj *fs = recv_set(g, &args, &nargs, true);
    if (!fs)
        return GORO_NATIVE_PANIC;
    return parse(g, fs, nargs ? args[0] : goro_nil(), res);
}

/* ------------------------------------------------------------ queries */

#define QUERY(Name, body)                                                                 \
    static int q_##Name(G *g, SetObj *fs, Value *args, int nargs, Value *res);            \
    __attribute__((unused)) static int f_##Name(G *g, Value *a, int n, Value *r) { return q_##Name(g, command_line, a, n, r); } \
    static int m_##Name(G *g, Value *a, int n, Value *r)                                  \
    {                                                                                     \
        SetObj *fs = recv_set(g, &a, &n, true);                                           \
        return fs ? q_##Name(g, fs, a, n, r) : GORO_NATIVE_PANIC;                         \
    }                                                                                     \
    static int q_##Name(G *g, SetObj *fs, Value *args, int nargs, Value *res)             \
    {                                                                                     \
        GORO_UNUSED(g), GORO_UNUSED(fs), GORO_UNUSED(args), GORO_UNUSED(nargs), GORO_UNUSED(res); \
        body                                                                              \
    }

QUERY(Parsed, res[0] = goro_bool(fs->parsed); return 1;)
QUERY(Args, res[0] = fs->args; return 1;)
QUERY(NArg, res[0] = goro_int(fs->args.aux); return 1;)
QUERY(Arg, {
    int64_t i;
    res[0] = str("");
    if (goro_arg_int(args, nargs, 0, &i) && i >= 0 && i < fs->args.aux)
        res[0] = goro_slice_data(fs->args)[i];
    return 1;
})
QUERY(NFlag, {
    int64_t k = 0;
    for (FlagObj *f = fs->flags; f; f = f->next)
        k += f->set;
    res[0] = goro_int(k);
    return 1;
})
QUERY(Lookup, {
    FlagObj *f = nargs && VKIND(args[0]) == VK_STRING ? lookup(fs, cstr(args[0])) : NULL;
    res[0] = f ? goro_obj_value(&f->obj) : goro_ptrval(TT(VK_OBJ, flag_class.type->id), NULL);
    return 1;
})
QUERY(Set, {
    if (nargs < 2 || VKIND(args[0]) != VK_STRING || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "flag.Set: expects a name and a value");
    FlagObj *f = lookup(fs, cstr(args[0]));
    if (!f) {
        res[0] = goro_error_new(str(goro_sprintf("no such flag -%s", cstr(args[0]))));
        return 1;
    }
    Value e;
    if (goro_flag_set(g, f, args[1], &e))
        return GORO_NATIVE_PANIC;
    if (VKIND(e) == VK_NIL)
        f->set = true;
    res[0] = e;
    return 1;
})
QUERY(PrintDefaults, return print_defaults(g, fs);)
QUERY(Visit, {
    for (FlagObj *f = fs->flags; f && nargs; f = f->next) {
        Value fv = goro_obj_value(&f->obj);
        if (f->set && goro_vm_call(g, args[0], &fv, 1, NULL, 0) < 0)
            return GORO_NATIVE_PANIC;
    }
    return 0;
})
QUERY(VisitAll, {
    for (FlagObj *f = fs->flags; f && nargs; f = f->next) {
        Value fv = goro_obj_value(&f->obj);
        if (goro_vm_call(g, args[0], &fv, 1, NULL, 0) < 0)
            return GORO_NATIVE_PANIC;
    }
    return 0;
})
QUERY(Name, res[0] = set_name(fs); return 1;)
QUERY(ErrorHandling, res[0] = goro_int(fs->handling); return 1;)
QUERY(SetOutput, if (nargs) fs->output = args[0]; return 0;)
QUERY(Output, {
    if (VKIND(fs->output) != VK_NIL) {
        res[0] = fs->output;
        return 1;
    }
    PkgMember *m = goro_pkg_member(goro_pkg_find("os"), goro_intern_cstr("Stderr"));
    res[0] = m && m->box ? m->box->v : goro_nil();
    return 1;
})
QUERY(Init, {
    if (nargs >= 1 && VKIND(args[0]) == VK_STRING)
        fs->name = args[0];
    if (nargs >= 2)
        goro_arg_int(args, nargs, 1, &fs->handling);
    return 0;
})

static int f_newflagset(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "flag.NewFlagSet: expects a name and an ErrorHandling");
    SetObj *fs = (SetObj *)set_zero();
    fs->name = args[0];
    goro_arg_int(args, nargs, 1, &fs->handling);
    res[0] = goro_obj_value(&fs->obj);
    return 1;
}

void goro_pkg_flag_init(void)
{
    Package *p = goro_pkg_new("flag");
    s_name = goro_intern_cstr("Name");
    s_usage = goro_intern_cstr("Usage");
    s_value = goro_intern_cstr("Value");
    s_defvalue = goro_intern_cstr("DefValue");
    err_help = goro_error_new(str("flag: help requested"));
    goro_pkg_var(p, "ErrHelp", err_help);
    goro_pkg_iface(p, "Value", "Set String");
    goro_pkg_iface(p, "Getter", "Get Set String");

    goro_flag_values_init();
    goro_pkg_obj_type(p, "flag", "Flag", &flag_class, NULL);
    Type *st = goro_pkg_obj_type(p, "flag", "FlagSet", &set_class, set_zero);

    static const struct { const char *name; NativeFn fn, method; } fns[] = {
#define BOTH(N) {#N, f_##N, m_##N}, {#N "Var", f_##N##Var, m_##N##Var}
        BOTH(Bool), BOTH(Int), BOTH(Int64), BOTH(Uint), BOTH(Uint64), BOTH(Float64), BOTH(String),
        BOTH(Duration),
#undef BOTH
        {"Func", f_Func, m_Func}, {"Var", f_Var, m_Var}, {"Parse", f_parse, m_parse},
        {"Parsed", f_Parsed, m_Parsed}, {"Args", f_Args, m_Args}, {"NArg", f_NArg, m_NArg},
        {"Arg", f_Arg, m_Arg}, {"NFlag", f_NFlag, m_NFlag}, {"Lookup", f_Lookup, m_Lookup},
        {"Set", f_Set, m_Set}, {"PrintDefaults", f_PrintDefaults, m_PrintDefaults},
        {"Visit", f_Visit, m_Visit}, {"VisitAll", f_VisitAll, m_VisitAll},
        {"Name", NULL, m_Name}, {"ErrorHandling", NULL, m_ErrorHandling},
        {"SetOutput", NULL, m_SetOutput}, {"Output", NULL, m_Output}, {"Init", NULL, m_Init},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        if (fns[i].fn)
            goro_pkg_func(p, fns[i].name, fns[i].fn);
        goro_pkg_method(st, fns[i].name, fns[i].method);
    }
    goro_pkg_func(p, "NewFlagSet", f_newflagset);
    goro_pkg_const(p, "ContinueOnError", goro_int(CONTINUE_ON_ERROR));
    goro_pkg_const(p, "ExitOnError", goro_int(EXIT_ON_ERROR));
    goro_pkg_const(p, "PanicOnError", goro_int(PANIC_ON_ERROR));

    command_line = (SetObj *)set_zero();
    command_line->handling = EXIT_ON_ERROR;
    goro_pkg_var(p, "CommandLine", goro_obj_value(&command_line->obj));
    default_usage = goro_native_value("flag.init.func1", f_default_usage);
    usage_box = goro_pkg_var(p, "Usage", default_usage);
}

