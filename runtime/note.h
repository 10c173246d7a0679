/* note.h: one-shot sleep and wake-up between threads (Go's note,
 * runtime/lock_futex.go), on a Linux futex.
 *
 * A note starts clear.  goro_note_sleep blocks until goro_note_wakeup
 * has been called (before or during the sleep); goro_note_clear rearms
 * it.  Exactly one thread sleeps on a note and at most one wakes it per
 * arming.  Independent of the garbage collector (make tsan). */
#ifndef GORO_NOTE_H
#define GORO_NOTE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Note {
    _Atomic uint32_t key;   /* 0 clear, 1 woken */
} Note;

void goro_note_clear(Note *n);
void goro_note_wakeup(Note *n);
void goro_note_sleep(Note *n);
/* Sleep at most [ns] nanoseconds (< 0: no limit); true if woken. */
bool goro_note_tsleep(Note *n, int64_t ns);

#endif
