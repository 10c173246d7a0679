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

/* One of Go's tables: [n] ranges in ascending order and Go's
 * LatinOffset (how many of them lie wholly in Latin-1). */
typedef struct GoroUTable {
    const URange *r;
    int n;
    int latin;
} GoroUTable;

/* An exported variable (unicode.[name]) and its table's index. */
typedef struct GoroUName {
    const char *name;
    int table;
} GoroUName;

/* An entry of one of the maps (Categories, Scripts, Properties,
 * FoldCategory, FoldScript): map[key] is table [table]. */
typedef struct GoroUMapEntry {
    const char *map, *key;
    int table;
} GoroUMapEntry;

/* All generated into unicode_tables.c from Go 1.19's package. */
extern const GoroUTable goro_unicode_gen_tables[];
extern const int goro_unicode_gen_ntables;
extern const GoroUName goro_unicode_gen_vars[];
extern const int goro_unicode_gen_nvars;
extern const GoroUMapEntry goro_unicode_gen_maps[];
extern const int goro_unicode_gen_nmaps;
extern const GoroUTable *const goro_ut_letter, *const goro_ut_upper, *const goro_ut_lower,
    *const goro_ut_title, *const goro_ut_digit, *const goro_ut_number, *const goro_ut_mark,
    *const goro_ut_punct, *const goro_ut_symbol, *const goro_ut_zs, *const goro_ut_white_space;

#endif
