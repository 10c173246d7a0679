/* unicode_special.h: unicode.SpecialCase for the packages that map case
 * with one (strings and bytes' ToUpperSpecial, ...); unicode_special.c. */
#ifndef GORO_UNICODE_SPECIAL_H
#define GORO_UNICODE_SPECIAL_H

#include "pkg.h"
#include "unicode_tables.h"

/* The ranges of SpecialCase [v] (nil gives none): false when [v] is not
 * a []unicode.CaseRange. */
bool goro_unicode_special_read(Value v, UCase **out, int *n);
/* Go's SpecialCase.To{Upper,Lower,Title}: [r] by the ranges [t], else
 * by unicode's own mapping. */
int32_t goro_unicode_special_to(const UCase *t, int n, int kase, int32_t r);
/* Registers CaseRange, SpecialCase, TurkishCase, AzeriCase, CaseRanges. */
void goro_unicode_special_init(Package *p);

#endif
