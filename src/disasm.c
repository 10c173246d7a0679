/* disasm.c: the bytecode disassembler.  Operand printing follows each
 * opcode's format from the one opcode table (opcodes.h). */
#include "disasm.h"

#include "bytecode.h"
#include "format.h"

const char *const goro_op_names[NUM_OPCODES] = {
#define OP(name, fmt, effect) #name,
#include "opcodes.h"
#undef OP
};

const uint8_t goro_op_formats[NUM_OPCODES] = {
#define OP(name, fmt, effect) FMT_##fmt,
#include "opcodes.h"
#undef OP
};

static const char *const op_effects[NUM_OPCODES] = {
#define OP(name, fmt, effect) effect,
#include "opcodes.h"
#undef OP
};

static void const_text(FILE *out, Proto *p, int k)
{
    if (k < 0 || k >= p->nk) {
        fprintf(out, "K?%d", k);
        return;
    }
    Value v = p->k[k];
    switch (VKIND(v)) {
    case VK_FUNC:
        fprintf(out, "%s", v.u.p ? ((Closure *)v.u.p)->proto->name : "nil");
        return;
    case VK_NATIVE:
        fprintf(out, "%s", ((Native *)v.u.p)->name);
        return;
    case VK_BOX:
        fprintf(out, "global@%p", v.u.p);
        return;
    case VK_TYPE:
        fprintf(out, "type %s", ((Type *)v.u.p)->name);
        return;
    default: {
        Buf b = {0};
        if (VKIND(v) == VK_STRING)
            goro_fmt_quote(&b, v.u.s, v.aux, false);
        else
            goro_fmt_value(NULL, &b, v);
        fprintf(out, "%.60s", b.s ? b.s : "");
        return;
    }
    }
}

void goro_disasm_instr(FILE *out, Proto *p, int pc)
{
    Instr i = p->code[pc];
    int op = GET_OP(i);
    if (op >= NUM_OPCODES) {
        fprintf(out, "  %4d  %4d  ???\n", pc, p->lines[pc]);
        return;
    }
    fprintf(out, "  %4d  %4d  %-11s", pc, p->lines[pc], goro_op_names[op]);
    switch (goro_op_formats[op]) {
    case FMT_ABC:
        fprintf(out, "%d %d %d", GETARG_A(i), GETARG_B(i), GETARG_C(i));
        break;
    case FMT_ABx:
        fprintf(out, "%d %d", GETARG_A(i), GETARG_Bx(i));
        break;
    case FMT_AsBx:
        fprintf(out, "%d %d", GETARG_A(i), GETARG_sBx(i));
        break;
    case FMT_sJ:
        fprintf(out, "%d", GETARG_sJ(i));
        break;
    }
    /* a comment naming what the operands refer to */
    switch (op) {
    case OP_LOADK: case OP_GETGLOBAL: case OP_GETGLOBALR: case OP_SETGLOBAL: case OP_ZERO:
    case OP_CONV: case OP_COERCE:
        fputs("\t; ", out);
        const_text(out, p, GETARG_Bx(i));
        break;
    case OP_GETFIELD: case OP_GETFIELDR: case OP_SELF: case OP_DEREFRECV: case OP_ADDRFIELD:
        fputs("\t; ", out);
        const_text(out, p, GETARG_C(i));
        break;
    case OP_SETFIELD:
        fputs("\t; ", out);
        const_text(out, p, GETARG_B(i));
        break;
    case OP_JMP:
        fprintf(out, "\t; to %d", pc + 1 + GETARG_sJ(i));
        break;
    case OP_JMPIF: case OP_JMPIFNOT: case OP_RANGENEXT:
        fprintf(out, "\t; to %d", pc + 1 + GETARG_sBx(i));
        break;
    case OP_CLOSURE:
        if (GETARG_Bx(i) < p->nprotos)
            fprintf(out, "\t; %s", p->protos[GETARG_Bx(i)]->name);
        break;
    case OP_ADDI:
        fprintf(out, "\t; %+d", GETARG_sC(i));
        break;
    default:
        break;
    }
    fputc('\n', out);
}

void goro_disasm_proto(FILE *out, Proto *p)
{
    fprintf(out, "\nfunc %s  (%s:%d)  params %d%s, registers %d, constants %d, upvalues %d\n",
            p->name, p->file, p->line, p->nparams, p->variadic ? "+..." : "", p->maxregs, p->nk,
            p->nupvals);
    for (int pc = 0; pc < p->ncode; pc++)
        goro_disasm_instr(out, p, pc);
    for (int i = 0; i < p->nprotos; i++)
        goro_disasm_proto(out, p->protos[i]);
}

const char *goro_op_effect(int op);
const char *goro_op_effect(int op) { return op >= 0 && op < NUM_OPCODES ? op_effects[op] : "?"; }
