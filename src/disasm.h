/* disasm.h: bytecode listings (`goro disasm FILE`, GORO_TRACE). */
#ifndef GORO_DISASM_H
#define GORO_DISASM_H

#include <stdio.h>

#include "object.h"

/* List [p] and, recursively, its nested functions. */
void goro_disasm_proto(FILE *out, Proto *p);
/* One instruction: "OPNAME A B C" with operands by format. */
void goro_disasm_instr(FILE *out, Proto *p, int pc);

#endif
