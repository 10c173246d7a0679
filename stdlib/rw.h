/* rw.h: reading from and writing to any goro value, the one place that
 * does it (io, bufio, bytes, fmt's scanning use it).
 *
 * A native object with ObjClass.read / .write (files, connections,
 * strings and bytes readers, buffers, bufio, pipes) is called directly;
 * anything else through its Read / Write method, with goro_native_call,
 * so a goro Reader that parks (waits on a channel) parks its caller.
 *
 * Re-entry.  Every call here may return GORO_NATIVE_RETRY or
 * GORO_NATIVE_CALL: the calling native returns the code as it is and is
 * called again from the top.  It then makes the same call again, with
 * the same buffer (the same memory: keep it in an object or g->nstate)
 * and the same RwCall, and gets the results.  The RwCall holds the
 * []byte a goro Read or Write was given while its call was out.
 * ObjClass.read/.write implementations keep their own progress in their
 * object, never in g->nstate (their caller may be using it); a read
 * fills [buf] only in the call that completes (a caller may pass other
 * memory when it calls again: goro_rw_read_into's copy), and a write is
 * passed the same bytes again. */
#ifndef GORO_RW_H
#define GORO_RW_H

#include "g.h"

typedef struct RwCall {
    Value buf;   /* the []byte handed to the goro Read/Write being called */
    bool out;    /* that call is in flight */
} RwCall;

/* Read up to [n] bytes of [r] into [buf]: 0 with *done and *err set,
 * or a GORO_NATIVE_* code to return as it is. */
int goro_rw_read(G *g, Value r, RwCall *c, char *buf, size_t n, size_t *done, Value *err);
/* Write [n] bytes of [buf] to [w] (one Write call: *done may be short). */
int goro_rw_write(G *g, Value w, RwCall *c, const char *buf, size_t n, size_t *done, Value *err);

/* The native object [v] denotes (the object, or a pointer to a variable
 * holding one), or NULL. */
Obj *goro_rw_obj(Value v);
/* The same when the object is of class [cls], else NULL. */
Obj *goro_rw_obj_of(Value v, const ObjClass *cls);
/* In a native method: T *x = as(args[0]), the receiver, or return Go's
 * nil-dereference panic when there is none. */
#define GORO_RECV(T, x, as)                      \
    T *x = nargs ? as(args[0]) : NULL;           \
    if (!x)                                      \
        return goro_nil_deref(g)
/* Is [v] nil (an untyped nil or a nil pointer/interface)? */
bool goro_rw_is_nil(Value v);
/* r.Read(p) / w.Write(p) for a goro []byte [p] a native was given (a
 * wrapper's Read passing its slice on): a goro Read gets [p] itself, so
 * nothing needs keeping when the call parks and the native is called
 * again; a native object reads into a copy.  Same codes as above. */
int goro_rw_read_into(G *g, Value r, Value p, size_t *done, Value *err);
int goro_rw_write_from(G *g, Value w, Value p, size_t *done, Value *err);
/* A sub-slice p[i:j] of a slice. */
Value goro_rw_subslice(Value p, size_t i, size_t j);

/* Does [v] have method [name] (interned or not)? */
bool goro_rw_has_method(Value v, const char *name);
/* recv.name(args...): a native method directly (it may itself return
 * RETRY or CALL), a goro one with goro_native_call.  Returns the result
 * count, GORO_NATIVE_PANIC/RETRY/CALL, or -100 when there is no such
 * method. */
enum { GORO_RW_NO_METHOD = -100 };
int goro_rw_call_method(G *g, Value recv, const char *name, Value *args, int nargs, Value *res,
                        int nres);

/* Read/Write methods for a native class with ObjClass.read/.write: the
 * receiver's bytes moved through the class function (its C buffer kept
 * in g->nstate across re-entry). */
int goro_rw_method_read(G *g, Value *args, int nargs, Value *res);
int goro_rw_method_write(G *g, Value *args, int nargs, Value *res);
int goro_rw_method_write_string(G *g, Value *args, int nargs, Value *res);

/* []byte <-> C bytes.  goro_rw_bytes: the bytes of a []byte or string
 * (a fresh copy for a slice; "" for nil); NULL if [v] is neither. */
const char *goro_rw_bytes(Value v, size_t *n);
/* The bytes of args[i] as goro_rw_bytes gives them; "" (and *n = 0) when
 * args[i] is missing or neither a []byte nor a string. */
const unsigned char *goro_rw_arg_bytes(const Value *args, int nargs, int i, size_t *n);
Value goro_rw_slice(const char *s, size_t n);         /* a new []byte */
/* append(dst, s[:n]...) for a []byte dst (nil too): in place when dst's
 * capacity allows, as Go's append. */
Value goro_rw_append(Value dst, const char *s, size_t n);
Value goro_rw_nil_slice(void);                        /* []byte(nil) */
void goro_rw_fill(Value slice, const char *s, size_t n); /* s into slice[0:n] */
/* An int64 result (io.Copy's written, Seek's offset). */
Value goro_rw_int64(int64_t n);
/* Is [err] io.EOF (by identity)? */
bool goro_rw_is_eof(Value err);

#endif
