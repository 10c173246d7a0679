/* compile.h: names and scopes shared by the resolver (resolve.c) and the
 * code generator (compile*.c), and the compiler's entry points.
 *
 * The resolver runs first over a whole unit: it builds scopes, gives
 * every declaration a Sym, points every identifier at its Sym, marks
 * variables captured by closures (they live in boxes), and reports
 * undefined names and misplaced break/continue.  The code generator then
 * walks the annotated tree and emits register bytecode. */
#ifndef GORO_COMPILE_H
#define GORO_COMPILE_H

#include "ast.h"
#include "diag.h"
#include "object.h"

struct Package;
struct PkgMember;

typedef enum SymKind {
    SYM_VAR,       /* a local variable or parameter */
    SYM_GLOBAL,    /* a package-level variable: lives in [box] */
    SYM_FUNC,      /* a package-level function: [value] is its closure */
    SYM_CONST,     /* a constant: [value] once evaluated */
    SYM_TYPE,      /* a type name: [type] once evaluated */
    SYM_PKG,       /* an imported package */
    SYM_BUILTIN,   /* len, append, make, ... ([builtin] says which) */
    SYM_NIL,
    SYM_IOTA,
    SYM_MEMBER,    /* a package member (fmt.Println): [member] */
} SymKind;

typedef enum Builtin {
    B_APPEND = 1, B_CAP, B_CLEAR, B_CLOSE, B_COMPLEX, B_COPY, B_DELETE, B_IMAG, B_LEN,
    B_MAKE, B_MAX, B_MIN, B_NEW, B_PANIC, B_PRINT, B_PRINTLN, B_REAL, B_RECOVER,
} Builtin;

typedef struct FuncInfo FuncInfo;

typedef struct Sym {
    const char *name;
    uint8_t kind;
    uint8_t captured;       /* referenced from a nested function: boxed */
    uint8_t evaluating;     /* constant/type evaluation in progress (cycles) */
    uint8_t builtin;
    uint8_t used;
    uint8_t tparam;         /* SYM_TYPE: a type parameter ([type] is bound per instance) */
    uint8_t iterfunc;       /* SYM_VAR: initialized with an iterator function (range over it) */
    int reg;                /* SYM_VAR: its register */
    FuncInfo *fn;           /* SYM_VAR: the declaring function */
    Node *decl;             /* declaring node (spec, param, func) */
    Node *typenode;         /* declared type, if written */
    Type *type;             /* static type: declared, or known from the initializer */
    Value value;            /* SYM_CONST, SYM_FUNC */
    struct ConstVal *cval;  /* SYM_CONST: its exact value, once folded (constval.h) */
    Box *box;               /* SYM_GLOBAL */
    int iota;               /* SYM_CONST: iota of its spec */
    int index;              /* SYM_CONST: position in its spec */
    struct Package *pkg;    /* SYM_PKG */
    struct PkgMember *member; /* SYM_MEMBER */
    int line, col;
} Sym;

typedef struct Scope {
    struct Scope *parent;
    const char **names;
    Sym **syms;
    int n, cap;
    bool is_func;           /* the outermost scope of a function */
} Scope;

/* One function being compiled (a declaration or a literal). */
struct FuncInfo {
    FuncInfo *parent;
    Node *node;             /* N_FUNCDECL or N_FUNCLIT */
    Node *sig;              /* N_TFUNC */
    Node *body;
    const char *name;       /* "main.main", "main.main.func1" */
    int nlits;              /* literals numbered inside it, for names */
    bool has_defer;
    bool has_recover;
    Proto *proto;           /* filled by the code generator */
    Sym **params;           /* receiver first, then parameters */
    int nparams;
    Sym **results;          /* named results, or NULL */
    int nresults;
    Type **result_types;    /* declared result types (NULL entries unknown) */
};

/* A compilation unit: a source file, a -e string or a REPL line. */
typedef struct Unit {
    const char *file;
    Diag *diag;
    Scope *universe;        /* builtins, builtin types, packages (REPL: all) */
    Scope *package;         /* package-level names; the REPL keeps it */
    bool repl;              /* top-level statements allowed; value echo */
    bool allow_stmts;       /* -e: top-level statements allowed */
    FuncInfo *top;          /* the synthetic function holding top-level code */
    Node *root;
    Sym *main_sym;
    NodeList inits;         /* func init() declarations */
    NodeList funcs;         /* every FuncInfo's node, in resolution order */
    int depth;              /* recursion guard */
    int iota;               /* iota of the constant spec being evaluated */
    bool echo;              /* REPL: the line is one expression whose value prints */
} Unit;

Scope *goro_scope_new(Scope *parent);
Sym *goro_scope_lookup(Scope *s, const char *name);
Sym *goro_scope_lookup_local(Scope *s, const char *name);
void goro_scope_add(Scope *s, const char *name, Sym *sym);
Sym *goro_sym_new(int kind, const char *name, Node *decl);

/* The universe: builtins and builtin types, plus, when [all_packages],
 * every standard package by its name (REPL and -e). */
Scope *goro_universe(bool all_packages);

/* Resolve names in [u->root]; false after reporting errors. */
bool goro_resolve(Unit *u);

typedef struct ProtoList {
    Proto **v;
    int n, cap;
} ProtoList;

/* Compile a program: returns the entry closure (package init, init
 * functions, then main), or NULL after reporting errors.  [all], if not
 * NULL, receives every top-level function (for the disassembler). */
Closure *goro_compile_program(const char *file, const char *src, int len, bool allow_stmts,
                              Diag *d, ProtoList *all);

/* The REPL's persistent state and one line of it. */
typedef struct ReplState {
    Scope *universe, *package;
    int nlines;
    Value echo_fn;          /* prints the values of an expression line */
} ReplState;
ReplState *goro_repl_state_new(void);
/* Compile one REPL input; when its last statement is an expression its
 * values are passed to rs->echo_fn (and *echo is set). */
Closure *goro_compile_repl(ReplState *rs, const char *src, int len, Diag *d, bool *echo);

/* compile_generic.c: the predeclared constraint `comparable`. */
Type *goro_generic_comparable(void);

/* Constant evaluation, used by the code generator and the resolver. */
bool goro_const_eval(Unit *u, Node *e, Value *out);

#endif
