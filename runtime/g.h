/* g.h: the goroutine (G) and its interpreter state.
 *
 * goroutines are stackless fibers (DESIGN.md): a G is a GC object that
 * owns a growable register stack and an array of call frames.  The
 * interpreter (src/vm.c) never recurses on the C stack for a goro call;
 * switching goroutines is saving the pc into the top frame and returning
 * to the scheduler, and a parked G can resume on any thread.
 *
 * Ownership (Go's runtime2.go rules):
 *   G_RUNNABLE  owned by the run queue it sits on;
 *   G_RUNNING   owned by the M executing it; only that M touches its
 *               stack and frames;
 *   G_WAITING   owned by what it waits on (a channel's wait queue, a
 *               timer, the REPL); the waker writes park_vals, then
 *               makes it runnable (goro_sched_ready);
 *   G_DEAD      finished; kept in the all-G list until unlinked.
 * A G's registers are never touched by another thread while it waits:
 * the waker delivers results into park_vals and the G copies them into
 * its registers when it resumes (goro_vm_run). */
#ifndef GORO_G_H
#define GORO_G_H

#include <stdatomic.h>

#include "object.h"

typedef enum GStatus {
    G_IDLE,
    G_RUNNABLE,
    G_RUNNING,
    G_WAITING,
    G_DEAD,
} GStatus;

enum {
    FRAME_ENTRY = 1,     /* bottom frame of the goroutine: returning ends it */
    FRAME_DEFER = 2,     /* a deferred call run by RUNDEFERS or a panic */
    FRAME_BOUNDARY = 4,  /* entered from C (a native calling back): return to C */
    FRAME_DISCARD = 8,   /* results are not wanted */
};

typedef struct Frame {
    Closure *cl;
    const Instr *pc;     /* next instruction (saved while not on top) */
    uint32_t base;       /* stack index of R[0] */
    int16_t ret;         /* caller's register that receives the results */
    int16_t nres;        /* results wanted; -1 = all (the caller's top is set) */
    uint16_t flags;
    struct Defer *defers;/* this frame's deferred calls, newest first */
} Frame;

typedef struct Defer {
    Value fn;
    Value *args;
    int nargs;
    bool spread;         /* defer f(xs...) of a variadic goro function */
    int line;            /* where the defer statement was */
    struct Defer *next;
} Defer;

/* A panic in flight.  Nested panics (a deferred call panicking while an
 * earlier panic unwinds) form a chain; Go prints them all. */
typedef struct Panic {
    Value value;
    bool recovered;
    bool goexit;         /* runtime.Goexit: runs defers, cannot be recovered */
    bool aborted;        /* superseded by a newer panic */
    char *trace;         /* traceback captured where it was raised */
    struct Panic *link;
} Panic;

struct P;
struct M;
struct Sudog;
struct Timer;

/* A native waiting for the goro call it asked for (goro_native_call):
 * kept while that call runs, since the call may run other natives that
 * park and retry. */
typedef struct NativeCont {
    Value fn;
    Value *args;
    int nargs;
    int16_t dst;
    int8_t want;
    void *nstate;
    void (*cleanup)(struct G *, void *);  /* goro_native_call_cleanup */
    void *cleanup_arg;
    struct NativeCont *next;
} NativeCont;

/* A G's record of natives in progress (vm.c). */
typedef struct GNative {
    /* the native to be called again: when the G resumes
     * (GORO_NATIVE_RETRY) or when the goro call it asked for returns
     * (GORO_NATIVE_CALL) */
    Value retry_fn;
    Value *retry_args;
    int retry_nargs;
    int16_t retry_dst;       /* its results' register and count (resume_dst/want) */
    int8_t retry_want;
    bool retry_ncall_ok;     /* it was called by CALL: it may use goro_native_call */
    /* goro_native_call: the call asked for, and its results */
    bool ncall_done;
    Value ncall_fn;
    Value *ncall_args, *ncall_res;
    int ncall_nargs, ncall_nres;
    NativeCont *ncall_stack; /* natives waiting for their goro calls, innermost first */
    void (*ncall_cleanup)(struct G *, void *); /* for the call being asked for */
    void *ncall_cleanup_arg;
} GNative;

typedef struct G {
    int64_t id;
    _Atomic int status;
    /* interpreter state */
    Value *stack;
    uint32_t stacksize;
    uint32_t top;            /* after a multi-result call: one past its last result */
    Frame *frames;
    uint32_t nframes, framescap;
    int32_t budget;          /* preemption budget, spent at calls and back jumps */
    /* panics */
    Panic *panic;
    Value pending_panic;     /* set by natives via goro_panic*, raised by the VM */
    bool has_pending_panic;
    bool goexit_pending;     /* the pending panic is runtime.Goexit */
    /* parking */
    const char *waitreason;  /* "chan receive", "sleep", ... (static strings) */
    Value park_vals[3];      /* delivered by the waker */
    int16_t resume_dst;      /* register of the top frame receiving park_vals, -1 none */
    int8_t resume_n;         /* how many park_vals the waker delivers; -2: range over a
                                channel (value to dst, ok to dst-1) */
    int8_t resume_want;      /* how many results the caller wants (-1 all) */
    bool resume_pending;
    /* natives that park to be called again (GORO_NATIVE_RETRY) or that
     * call goro code (goro_native_call): made when first needed */
    struct GNative *nat;
    bool retry_on_resume;    /* call nat->retry_fn again when the G resumes */
    bool ncall_ok;           /* the running native may return GORO_NATIVE_CALL */
    void *nstate;            /* the retried native's own state (cleared with the retry) */
    /* parking: the commit that publishes the G once its M has left it */
    bool (*parkfn)(struct G *, void *);
    void *parkarg;
    _Atomic bool parking;    /* between goro_sched_park* and its commit */
    bool (*cancelfn)(struct G *); /* leave a wait that is not on channels (IO wait) */
    struct SemaWaiter *semawait; /* its place in a semaphore's queue (sema.c) */
    _Atomic bool preempt;    /* sysmon or a stop-the-world asks it to yield */
    struct Sudog *waiting;   /* this G's sudogs while parked on channels */
    struct Sudog *sudogcache;/* sudogs of finished waits, for the next (Go's sudogcache) */
    int nsudogcache;
    _Atomic uint32_t selectdone; /* a wake-up was claimed (Go's g.selectDone) */
    struct Timer *timer;     /* time.Sleep's timer, reused */
    _Atomic bool interrupted;/* Ctrl-C in the REPL: panic when resumed */
    int nested;              /* native callback depth: parking is forbidden > 0 */
    Value *callres;          /* goro_vm_call: where a boundary frame's results go */
    int wantres, ncallres;
    /* identity, for dumps */
    int64_t parent_id;
    const char *created_fn;  /* "main.main" */
    const char *created_file;
    int created_line;
    bool is_main;            /* the program's main goroutine */
    bool is_repl;            /* runs a REPL input line */
    bool system;             /* not counted by NumGoroutine, not in dumps */
    /* scheduling */
    struct G *schedlink;     /* global run queue link */
    struct G *allnext, *allprev;
    struct M *m;
    int exit_code;           /* REPL: how the line ended */
} G;

/* Create a goroutine that will call [fn] with [args] ([spread]: the
 * last argument is a slice passed as f(xs...)).  The new G is not yet
 * runnable; pass it to goro_sched_spawn. */
G *goro_g_new(Value fn, const Value *args, int nargs, bool spread);

/* Where a goroutine is: function name, file and line of frame [i]
 * (0 = innermost); false past the end. */
bool goro_g_frame_info(G *g, int i, const char **fn, const char **file, int *line,
                       bool *has_args);

#endif
