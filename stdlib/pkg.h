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
    const char *exact;      /* an untyped number's exact literal text (math.Pi) */
    bool isfloat;           /*   an untyped float rather than an integer */
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
void goro_pkg_const_uint(Package *p, const char *name, uint64_t v);

/* Natives' numeric arguments, as goro mixes int and float: args[i] as an
 * int64 (an integral float too), or as a float64 (an int converts);
 * false when missing or of another kind. */
bool goro_arg_int(const Value *args, int nargs, int i, int64_t *out);
bool goro_arg_float(const Value *args, int nargs, int i, double *out);
Box *goro_pkg_var(Package *p, const char *name, Value v);
void goro_pkg_type(Package *p, const char *name, Type *t);
/* The native object type [pkg].[name] of the objects of class [cls]: its
 * %T name is the class's, cls->type points back at it, [zero] (if not NULL)
 * makes its zero value, and [p] (if not NULL: NULL for an unexported type)
 * gets it as its type [name]. */
Type *goro_pkg_obj_type(Package *p, const char *pkg, const char *name, ObjClass *cls,
                        Obj *(*zero)(void));
/* The interface type [name] with the space-separated [methods] (kept
 * sorted, as Go reports a missing method in order). */
void goro_pkg_iface(Package *p, const char *name, const char *methods);
/* A native method on a package type (receiver is args[0]). */
void goro_pkg_method(Type *t, const char *name, NativeFn fn);

/* Register every standard package (idempotent). */
void goro_stdlib_init(void);

/* One per stdlib file. */
void goro_pkg_io_init(void);
void goro_pkg_log_init(void);
void goro_pkg_heap_init(void);
void goro_pkg_list_init(void);
void goro_pkg_bits_init(void);
void goro_pkg_syscall_init(void);
void goro_pkg_signal_init(void);
void goro_pkg_flag_init(void);
void goro_pkg_ioutil_init(void);
void goro_pkg_fnv_init(void);
void goro_pkg_hex_init(void);
void goro_pkg_base64_init(void);
void goro_pkg_bufio_init(void);
void goro_pkg_bytes_init(void);
void goro_pkg_fmt_init(void);
void goro_pkg_strings_init(void);
void goro_pkg_strconv_init(void);
void goro_pkg_math_init(void);
void goro_pkg_cmplx_init(void);
void goro_pkg_rand_init(void);
void goro_pkg_os_init(void);
void goro_pkg_fs_init(void);
void goro_pkg_path_init(void);
void goro_pkg_filepath_init(void);
void goro_pkg_time_init(void);
void goro_pkg_context_init(void);
void goro_pkg_runtime_init(void);
void goro_pkg_errors_init(void);
void goro_pkg_utf8_init(void);
void goro_pkg_unicode_init(void);
void goro_pkg_net_init(void);
void goro_pkg_sync_init(void);
void goro_pkg_atomic_init(void);
void goro_pkg_cmp_init(void);
void goro_pkg_sort_init(void);
void goro_pkg_slices_init(void);
void goro_pkg_maps_init(void);
void goro_pkg_iter_init(void);

/* Go's Unicode tables (unicode.c), shared with strings. */
enum { GORO_UPPER_CASE, GORO_LOWER_CASE, GORO_TITLE_CASE };
int32_t goro_unicode_to(int kase, int32_t r);
int32_t goro_unicode_simple_fold(int32_t r);
bool goro_unicode_is_letter(int32_t r);
bool goro_unicode_is_digit(int32_t r);
bool goro_unicode_is_space(int32_t r);
/* strings.Repeat's panics for [pkg] (strings or bytes): 0 when [count]
 * copies of [len] bytes may be made, else the panic's code. */
int goro_strings_repeat_check(struct G *g, const char *pkg, int64_t len, int64_t count);
/* utf8.DecodeLastRune on [s, s+n): the rune and its width (utf8.c). */
int goro_utf8_decode_last(const unsigned char *s, int64_t n, int32_t *r);

#endif
