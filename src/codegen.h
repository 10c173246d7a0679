/* codegen.h: the code generator's internal state, shared by compile.c
 * (functions, statements), compile_expr.c (expressions) and
 * compile_type.c (types and constants).
 *
 * Registers: a function's locals occupy registers in declaration order;
 * temporaries live above them.  Every statement starts and ends with
 * freereg == the first register after the live locals, so temporaries
 * never outlive their statement. */
#ifndef GORO_CODEGEN_H
#define GORO_CODEGEN_H

#include "bytecode.h"
#include "compile.h"

typedef struct IntVec {
    int *v;
    int n, cap;
} IntVec;

/* A break/continue target: a loop, switch or select. */
typedef struct Target {
    struct Target *prev;
    const char *label;
    bool is_loop;
    IntVec breaks;          /* jumps to the end */
    IntVec continues;       /* jumps to the continue point */
    int freereg;            /* registers live at the target */
} Target;

typedef struct FuncState {
    struct FuncState *parent;
    FuncInfo *fi;
    Unit *u;
    Proto *p;
    Instr *code;
    int32_t *lines;
    int ncode, capcode;
    Value *k;
    int nk, capk;
    Proto **protos;
    int nprotos, capprotos;
    UpvalDesc upvals[256];
    Sym *upsyms[256];
    int nupvals;
    int freereg, maxregs;
    int line;
    Target *targets;
    const char *label;      /* label of the statement being compiled */
    int result_base;        /* functions with defer or named results */
    bool has_defer;
    struct GotoLabel *gotos;  /* labels that goto statements use (compile_goto.c) */
    /* the declared parameter types of [argcall]'s callee, found while
     * its arguments were checked: constant arguments convert to them */
    Node *argcall;
    Type **argtypes;
} FuncState;

/* compile.c */
void cg_error(FuncState *fs, Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int cg_emit(FuncState *fs, Instr i);
int cg_emit_abc(FuncState *fs, int op, int a, int b, int c);
int cg_emit_abx(FuncState *fs, int op, int a, int bx);
int cg_emit_asbx(FuncState *fs, int op, int a, int sbx);
int cg_emit_jump(FuncState *fs);                 /* JMP to be patched */
int cg_emit_cjump(FuncState *fs, int op, int reg);/* JMPIF/JMPIFNOT to be patched */
void cg_patch(FuncState *fs, int at, int target);/* make jump [at] go to [target] */
void cg_patch_here(FuncState *fs, int at);
int cg_here(FuncState *fs);
int cg_const(FuncState *fs, Value v);
int cg_alloc(FuncState *fs, int n);              /* reserve n registers; first */
void cg_free_to(FuncState *fs, int reg);
void cg_load_const(FuncState *fs, Value v, int reg);
void cg_block(FuncState *fs, NodeList *stmts);
void cg_stmt(FuncState *fs, Node *n);
Proto *cg_function(FuncState *parent, Unit *u, FuncInfo *fi);
void cg_bind_local(FuncState *fs, Sym *s, int reg);
/* f() assigned to [want] variables: Go's result-count check for
 * functions of this package with declared results. */
bool cg_check_result_count(FuncState *fs, Node *rhs, int want, Node *at);

/* compile_expr.c */
/* The value of [e] in some register (a local's own register when [e]
 * names one: read it, never write it). */
int cg_expr(FuncState *fs, Node *e);
/* The value of [e] in register [reg]. */
void cg_expr_to(FuncState *fs, Node *e, int reg);
/* [want] values of [e] (a call, v, ok forms) into [reg ..]; -1 = all of
 * a call's results, leaving the VM's top set. */
void cg_expr_multi(FuncState *fs, Node *e, int reg, int want);
/* Evaluate [e] as a condition: adds to [jumps] the jumps taken when it
 * is [jump_when] (to be patched). */
void cg_cond(FuncState *fs, Node *e, bool jump_when, IntVec *jumps);
/* The same, for a single patch site: returns a jump or -1 */
void cg_patch_list(FuncState *fs, IntVec *jumps, int target);
/* [e] without copying array/struct values: the container of a[i], a.f */
int cg_expr_ref(FuncState *fs, Node *e);
/* [e] into [reg] as a store into type [t] (constants converted now). */
void cg_expr_typed(FuncState *fs, Node *e, int reg, Type *t);
/* Assignment helpers. */
void cg_assign(FuncState *fs, Node *target, int valreg);
void cg_assign_list(FuncState *fs, NodeList *lhs, NodeList *rhs, Node *at);
/* How many values [e] produces when used as a statement's right side
 * (a call of a function with several results): -1 if unknown. */
bool cg_is_multi(Node *e);
void cg_store_sym(FuncState *fs, Sym *s, int valreg);
void cg_load_sym(FuncState *fs, Sym *s, int reg, Node *at);
/* A store into a variable of static type [t]: coerce [reg] if needed
 * (unless [e] is already known to be of that type). */
void cg_coerce(FuncState *fs, Type *t, int reg, Node *e);
int cg_recv_operand(FuncState *fs, Node *sel);
/* compile_goto.c: goto [g] with Go's rules; the label's position. */
void cg_goto(FuncState *fs, Node *g);
void cg_label_here(FuncState *fs, const char *name);
/* compile_check.c: Go's compile errors where static types are known;
 * each returns false after reporting one. */
bool cg_check_selector(FuncState *fs, Node *sel);
bool cg_check_method_args(FuncState *fs, Node *call, Node *sel);
bool cg_check_compare(FuncState *fs, Node *e);
bool cg_check_assign_field(FuncState *fs, Node *lhs);
bool cg_check_implements(FuncState *fs, Type *iface, Node *e, const char *context);
/* cg_static_type, and the declared result type of a call of a declared
 * function or method. */
Type *cg_static_type_ext(FuncState *fs, Node *e);
/* A send, receive, close or range that a directional channel type forbids */
typedef enum { CHAN_OP_SEND, CHAN_OP_RECV, CHAN_OP_CLOSE, CHAN_OP_RANGE } ChanOp;
bool cg_check_chan_op(FuncState *fs, Node *ch, ChanOp op);
/* "ch (variable of type chan int)": an operand of static type [t] as
 * Go's messages describe it */
const char *cg_operand_text(FuncState *fs, Node *e, Type *t);
bool cg_check_single_value(FuncState *fs, Node *call); /* no multi-value call here */
/* compile_assign.c: a value of one basic type where another is wanted */
bool cg_check_assignable(FuncState *fs, Type *t, Node *e, const char *context);
bool cg_check_operands(FuncState *fs, Node *binary);   /* mismatched types */
const char *cg_type_text(Type *t);     /* a type as Go's messages print it */
const char *cg_expr_text(Node *e);     /* an expression as Go's messages quote it */
bool cg_check_func_args(FuncState *fs, Node *call);   /* argument count of a declared func */
int cg_call(FuncState *fs, Node *call, int base, int nresults);
/* The opcode of a binary operator token (OP_ADD .. OP_SHR, OP_EQ .. OP_LE), or -1. */
int cg_binop(int tk);

/* compile_complex.c: static types and Go's compile errors of complex
 * numbers; each check returns false after reporting one error. */
Type *cg_complex_call_type(FuncState *fs, Node *call);  /* complex/real/imag(...) */
bool cg_check_complex_binary(FuncState *fs, Node *e);
bool cg_check_complex_unary(FuncState *fs, Node *e);
bool cg_check_complex_builtin(FuncState *fs, Node *call, int builtin);
bool cg_check_complex_conversion(FuncState *fs, Node *call, Type *to);

/* compile_type.c */
Type *cg_type(FuncState *fs, Node *t);           /* a type expression, or NULL */
Type *cg_type_of_sym(Unit *u, Sym *s);
const char *cg_func_sig(FuncState *fs, Node *sig); /* "func(int) string" */
bool cg_is_type_expr(FuncState *fs, Node *e);    /* does [e] denote a type? */
bool cg_consteval(FuncState *fs, Node *e, Value *out);
Type *cg_static_type(FuncState *fs, Node *e);    /* known type of [e], or NULL */
Type *cg_index_type(Type *t);   /* the type of x[i] for an x of type t */
Type *cg_field_type(Type *t, const char *name); /* a (promoted) field's type */
bool cg_iface_compare(FuncState *fs, Node *a, Node *b); /* == on interface values */
Value cg_sym_const(Unit *u, Sym *s);
bool cg_sym_untyped(Unit *u, Sym *s);   /* an untyped constant (or true/false) */
/* Constants where they meet a type (compile_const.c):
 * [e] an untyped constant expression? */
bool cg_const_is_untyped(FuncState *fs, Node *e);
/* [e] constant as an operand beside one of static type [other] (NULL:
 * unknown): converted to it, with Go's errors, or a plain int/float64
 * that takes the other's type at run time.  False: not constant. */
bool cg_const_operand(FuncState *fs, Node *e, Type *other, Value *out);
/* An untyped constant [e] stored as a [t]: false (reported) when it
 * overflows or is truncated.  True when [e] is not constant. */
bool cg_const_assignable(FuncState *fs, Type *t, Node *e, const char *context);
/* An untyped constant [e] given its default type (x := e): false
 * (reported) when it does not fit. */
bool cg_const_default_fits(FuncState *fs, Node *e, const char *context);
/* An untyped numeric constant [e] converted to numeric type [t]; false
 * when [e] is not one or does not fit (the assignability check reports
 * that). */
bool cg_const_operand_to(FuncState *fs, Node *e, Type *t, Value *out);
/* [e] into [reg] for a store into [t]: an untyped constant converted
 * exactly (var f float64 = 1 << 100), anything else as cg_expr_to. */
void cg_expr_to_type(FuncState *fs, Node *e, int reg, Type *t);
/* [e] constant as a value of type [t] (untyped constants converted). */
bool cg_consteval_to(FuncState *fs, Node *e, Type *t, Value *out);
const char *cg_op_text(int tk);         /* "+", "<<", ... */

/* compile_generic.c */
bool cg_generic_decl(Node *fn);                  /* compiled only as instances */
bool cg_generic_register(Node *fn);              /* the same, noting methods of generic types */
Type *cg_generic_type(FuncState *fs, Node *inst);/* Stack[int] as a type */
bool cg_generic_bare_type(FuncState *fs, Node *e, Sym *s); /* reports Stack without [...] */
bool cg_type_usable(FuncState *fs, Node *e);     /* not a constraint-only interface */
/* A call of a generic function: *fn = the instance to call (nil after an error). */
bool cg_generic_call(FuncState *fs, Node *call, Value *fn);
/* Max[float64] (or a bare generic name) used as a value. */
bool cg_generic_value(FuncState *fs, Node *e, Value *fn);
Type *cg_generic_result_type(FuncState *fs, Node *call);
/* Compile the queued instance bodies. */
void cg_generic_finish(Unit *u, ProtoList *all);

void goro_intvec_push(IntVec *v, int x);

/* initorder.c: package variable specs in initialisation order. */
void goro_init_order(Unit *u, NodeList *specs, NodeList *out);

#endif
