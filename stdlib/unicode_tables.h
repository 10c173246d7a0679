/* unicode_tables.h: the range-table representation shared by unicode.c
 * and the generated unicode_tables.c. */
#ifndef GORO_UNICODE_TABLES_H
#define GORO_UNICODE_TABLES_H

#include <stdbool.h>
#include <stdint.h>

/* A run of code points lo..hi taking every stride-th one (Go's Range16
 * and Range32 alike: a table lists its R16 entries, then its R32). */
typedef struct URange {
    uint32_t lo, hi, stride;
} URange;

/* A named table: Go's unicode.[name] as [n] ranges in ascending order. */
typedef struct GoroUTable {
    const char *name;
    const URange *r;
    int n;
} GoroUTable;

/* Go's CaseRange: runes lo..hi and their deltas to upper, lower and
 * title case; a delta of GORO_UPPER_LOWER (Go's UpperLower, MaxRune+1)
 * marks an alternating Upper/Lower run (U+0100 Ā, U+0101 ā, ...). */
#define GORO_UPPER_LOWER 0x110000
typedef struct UCase {
    uint32_t lo, hi;
    int32_t delta[3];
} UCase;

/* [r] mapped to case [kase] by the sorted ranges [t], *[found] telling
 * whether one held it (Go's unexported unicode.to), in unicode.c. */
int32_t goro_unicode_case_lookup(const UCase *t, int n, int kase, int32_t r, bool *found);
/* Go's unicode.CaseRanges, in unicode.c. */
extern const UCase goro_unicode_case_ranges[];
extern const int goro_unicode_ncase_ranges;

/* The tables only unicode.Is/In/IsOneOf need (categories Cc and Z, and
 * the scripts), from unicode_tables.c. */
extern const GoroUTable goro_unicode_gen_tables[];
extern const int goro_unicode_gen_ntables;

#endif
