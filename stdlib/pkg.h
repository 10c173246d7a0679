/* pkg.h: the standard package registry.  Each stdlib/ file registers
 * one package with its functions (natives), constants, variables and
 * types; `import "fmt"` binds the package and the compiler resolves
 * fmt.Println to the native at compile time. */
#ifndef GORO_PKG_H
#define GORO_PKG_H

#include "object.h"

typedef enum MemberKind { MEM_FUNC, MEM_CONST, MEM_VAR, MEM_TYPE } MemberKind;

typedef struct PkgMember {
    const char *name;       /* interned */
    MemberKind kind;
    Value value;            /* MEM_FUNC: the native; MEM_CONST: the value */
    Box *box;               /* MEM_VAR */
    Type *type;             /* MEM_TYPE */
    long double lf;         /* a float constant in extended precision */
    bool has_lf;
    void *sym;              /* the compiler's Sym for it, made once */
} PkgMember;

typedef struct Package {
    const char *path;       /* "math/rand" */
    const char *name;       /* "rand" */
    PkgMember *members;
    int n, cap;
} Package;

Package *goro_pkg_new(const char *path);
Package *goro_pkg_find(const char *path);
PkgMember *goro_pkg_member(Package *p, const char *name);
int goro_pkg_count(void);
Package *goro_pkg_at(int i);

void goro_pkg_func(Package *p, const char *name, NativeFn fn);
void goro_pkg_const(Package *p, const char *name, Value v);
/* A float constant given by its digits (kept in extended precision for
 * constant folding, as Go's constants are exact). */
void goro_pkg_const_float(Package *p, const char *name, const char *digits);
Box *goro_pkg_var(Package *p, const char *name, Value v);
void goro_pkg_type(Package *p, const char *name, Type *t);
/* A native method on a package type (receiver is args[0]). */
void goro_pkg_method(Type *t, const char *name, NativeFn fn);

/* Register every standard package (idempotent). */
void goro_stdlib_init(void);

/* One per stdlib file. */
void goro_pkg_fmt_init(void);
void goro_pkg_strings_init(void);
void goro_pkg_strconv_init(void);
void goro_pkg_math_init(void);
void goro_pkg_rand_init(void);
void goro_pkg_os_init(void);
void goro_pkg_time_init(void);
void goro_pkg_runtime_init(void);
void goro_pkg_errors_init(void);
void goro_pkg_utf8_init(void);

#endif
