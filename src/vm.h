/* vm.h: the bytecode interpreter's interface, and the helpers natives
 * use to raise panics and call back into goro code. */
#ifndef GORO_VM_H
#define GORO_VM_H

#include <stdio.h>

#include "g.h"

/* Run [g] until it parks, yields, finishes or dies (VM_* in proc.h). */
int goro_vm_run(G *g);
/* Give a new goroutine its first frame: it will call fn(args...). */
void goro_vm_setup(G *g, Value fn, const Value *args, int nargs, bool spread);

/* Call [fn] from C (a native calling back: sort.Slice's less, a String
 * method from fmt).  Runs a nested interpreter that may not park.
 * Returns the number of results (copied to [res], at most [nres]), or
 * -1 when it panicked: g->panic is set and the caller returns
 * GORO_NATIVE_PANIC. */
int goro_vm_call(G *g, Value fn, const Value *args, int nargs, Value *res, int nres);

/* Call goro code [fn](args) from a native in a way that lets it park
 * (a goro io.Reader whose Read waits on a channel or a connection).
 * Returns the number of results (at most [nres] copied to [res]) when
 * the call has completed, or GORO_NATIVE_PANIC, or GORO_NATIVE_CALL:
 * then the native returns GORO_NATIVE_CALL at once; the VM runs the call
 * as an ordinary goro call (it may park) and afterwards calls the native
 * again with the same arguments, and the same goro_native_call then
 * returns the results.  So such a native keeps its progress in objects
 * (as for GORO_NATIVE_RETRY).  Where the VM cannot do that (inside a
 * callback, a deferred call) it runs a nested goro_vm_call instead. */
int goro_native_call(G *g, Value fn, const Value *args, int nargs, Value *res, int nres);
/* Right after a goro_native_call that returned GORO_NATIVE_CALL: when
 * that call ends in a panic instead of returning (so the native is never
 * called again), run fn(g, arg) as the panic passes, as a deferred call
 * would (sync.Once marks itself done and unlocks). */
void goro_native_call_cleanup(G *g, void (*fn)(G *, void *), void *arg);

/* The method [name] of [recv] as a call x.name() finds it: declared on
 * its type, on its pointee's type, or promoted from an embedded field.
 * Sets the function and the receiver to pass as its first argument (a
 * copy for a value method of a struct); false when there is none. */
bool goro_vm_find_method(Value recv, const char *name, Value *fn, Value *self);

/* The method [name] (interned) of [recv] as recv.name() finds it: on its
 * type, through a pointer, or promoted from an embedded field; [self] is
 * the receiver to pass it.  False when there is none. */
bool goro_vm_find_method(Value recv, const char *name, Value *fn, Value *self);

/* Raise a panic from a native: set the value and return
 * GORO_NATIVE_PANIC, so natives write `return goro_panic(g, v);`. */
int goro_panic(G *g, Value v);
/* A runtime error ("runtime error: " + message), a runtime.Error value. */
int goro_runtime_error(G *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Go's nil dereference: "runtime error: invalid memory address or nil
 * pointer dereference". */
int goro_nil_deref(G *g);
/* A runtime.Error whose message has no prefix (Go's plainError: "send on
 * closed channel", "assignment to entry in nil map"). */
int goro_plain_error(G *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A panic with a plain string value (Go's panic("...") from library code). */
int goro_panic_str(G *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A fatal error (Go's throw): not a panic, no deferred call runs; prints
 * [preface] (may be NULL), "fatal error: [msg]" and the goroutine's
 * stack, and exits with status 2.  At the REPL it is a panic that ends
 * the line (returns GORO_NATIVE_PANIC). */
int goro_vm_throw(G *g, const char *preface, const char *msg);

/* The message a panic prints: "runtime error: ...", err.Error(), ... */
char *goro_panic_message(G *g, Value v);

/* A goroutine's traceback in Go's format ("main.f(...)\n\tfile:line\n"). */
char *goro_vm_traceback(G *g, int skip);

/* Should a native refuse to park? (inside goro_vm_call) */
static inline bool goro_vm_cannot_park(G *g) { return g->nested > 0; }

/* GORO_TRACE=1: print each instruction as it runs. */
extern bool goro_vm_trace;

/* Value printing for the REPL and debugging (fmt's %v). */
extern char *(*goro_format_value_hook)(G *g, Value v);

#endif
