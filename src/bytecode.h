/* bytecode.h: instruction encoding.
 *
 *   bits  0-7   opcode
 *   bits  8-15  A
 *   bits 16-23  B          bits 16-31  Bx (unsigned) / sBx (Bx - 32767)
 *   bits 24-31  C
 *   bits  8-31  sJ (signed, biased by 2^23)
 *
 * Registers are 8-bit, so a function has at most GORO_MAX_REGS. */
#ifndef GORO_BYTECODE_H
#define GORO_BYTECODE_H

#include <stdint.h>

typedef enum OpCode {
#define OP(name, fmt, effect) OP_##name,
#include "opcodes.h"
#undef OP
    NUM_OPCODES
} OpCode;

typedef enum OpFormat { FMT_ABC, FMT_ABx, FMT_AsBx, FMT_sJ } OpFormat;

#define GORO_MAX_REGS 250
#define MAXARG_Bx 0xffff
#define OFFSET_sBx 32767
#define OFFSET_sJ (1 << 23)

#define GET_OP(i) ((int)((i) & 0xff))
#define GETARG_A(i) ((int)(((i) >> 8) & 0xff))
#define GETARG_B(i) ((int)(((i) >> 16) & 0xff))
#define GETARG_C(i) ((int)((i) >> 24))
#define GETARG_sC(i) ((int)(int8_t)((i) >> 24))
#define GETARG_Bx(i) ((int)((i) >> 16))
#define GETARG_sBx(i) ((int)((i) >> 16) - OFFSET_sBx)
#define GETARG_sJ(i) ((int)((i) >> 8) - OFFSET_sJ)

#define MK_ABC(o, a, b, c) ((uint32_t)(o) | ((uint32_t)(a) << 8) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 24))
#define MK_ABx(o, a, bx) ((uint32_t)(o) | ((uint32_t)(a) << 8) | ((uint32_t)(bx) << 16))
#define MK_AsBx(o, a, sbx) MK_ABx(o, a, (uint32_t)((sbx) + OFFSET_sBx))
#define MK_sJ(o, sj) ((uint32_t)(o) | ((uint32_t)((sj) + OFFSET_sJ) << 8))

extern const char *const goro_op_names[NUM_OPCODES];
extern const uint8_t goro_op_formats[NUM_OPCODES];

#endif
