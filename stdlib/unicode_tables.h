/* unicode_tables.h: the range-table representation shared by unicode.c
 * and the generated unicode_tables.c. */
#ifndef GORO_UNICODE_TABLES_H
#define GORO_UNICODE_TABLES_H

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

/* The tables only unicode.Is/In/IsOneOf need (categories Cc and Z, and
 * the scripts), from unicode_tables.c. */
extern const GoroUTable goro_unicode_gen_tables[];
extern const int goro_unicode_gen_ntables;

#endif
