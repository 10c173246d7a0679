/* flag_impl.h: what flag.c (sets, defining, parsing, usage) and
 * flag_value.c (the builtin flag.Values) share. */
#ifndef GORO_FLAG_IMPL_H
#define GORO_FLAG_IMPL_H

#include "g.h"
#include "pkg.h"

typedef enum FlagKind {
    FK_BOOL, FK_INT, FK_INT64, FK_UINT, FK_UINT64, FK_FLOAT, FK_STRING, FK_DURATION, FK_FUNC, FK_VALUE,
    FK_N
} FlagKind;

typedef struct FlagObj {
    Obj obj;
    struct FlagObj *next;   /* the set's flags, sorted by name */
    const char *name;
    Value usage, defvalue;  /* strings */
    Value value;            /* the flag.Value: a ValueObj, or the program's */
    bool set;               /* given on the command line (Visit, NFlag) */
} FlagObj;

/* A builtin flag.Value (*flag.intValue, ...): String and Set read and
 * write the goro variable *dst. */
typedef struct ValueObj {
    Obj obj;
    FlagKind kind;
    Value *dst;             /* the variable */
    Value fn;               /* FK_FUNC */
} ValueObj;

/* A new builtin flag.Value of kind [k] over the variable [dst]. */
ValueObj *goro_flag_value_new(FlagKind k, Value *dst);
/* The builtin flag.Value [v] is, or NULL (a flag.Value of the program's). */
ValueObj *goro_flag_as_value(Value v);
/* v.String() of a builtin value, as Go formats each kind. */
Value goro_flag_format(G *g, ValueObj *v);
/* f.Value.Set(s) for any flag.Value: *err is nil or Set's error; the
 * result is 0 or GORO_NATIVE_PANIC. */
int goro_flag_set(G *g, FlagObj *f, Value s, Value *err);
/* value.String() for any flag.Value: 0 or GORO_NATIVE_PANIC. */
int goro_flag_value_string(G *g, Value value, Value *out);
/* Does f take no separate argument (a bool flag, or IsBoolFlag true)? */
bool goro_flag_is_bool(G *g, FlagObj *f);
/* Register the builtin values' classes and methods. */
void goro_flag_values_init(void);

#endif
