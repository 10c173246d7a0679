/* opcodes.h: THE opcode table.  One line per opcode feeds the enum
 * (bytecode.h), the name table and operand printer (disasm.c) and the
 * computed-goto dispatch table (vm.c).
 *
 *   OP(name, format, effect)
 *
 * Formats: ABC (A, B, C: 8 bits each), ABx (Bx: 16 bits unsigned),
 * AsBx (sBx: 16 bits signed), sJ (24-bit signed jump).  R[x] is register
 * x of the current frame, K[x] constant x, Up[x] upvalue x (a Box).
 * Jumps are relative to the next instruction.
 *
 * Preemption points (STYLE.md 11): JMP with a negative offset, CALL,
 * CALLS and RANGENEXT spend the goroutine's budget; nothing else does.
 * Value semantics: reading an array or struct value out of a variable,
 * element or field copies it, and so does storing one; the "not copied"
 * forms serve chains like a.b[i].c = v, where the inner values are only
 * containers on the way to the location.
 *
 * (**) A conditional jump is two words, as in Lua: the test and a JMP
 * holding the offset; the test either skips the JMP or performs it
 * without dispatching it.
 *
 * Opcodes marked (*) may park the goroutine: they save pc first and,
 * when parked, are resumed with their results written by the waker. */

OP(MOVE,       ABC,  "R[A] = R[B]  (array and struct values are copied; C=1: not copied)")
OP(LOADK,      ABx,  "R[A] = K[Bx]")
OP(LOADI,      AsBx, "R[A] = int(sBx)")
OP(LOADNIL,    ABC,  "R[A .. A+B] = nil")
OP(LOADBOOL,   ABC,  "R[A] = bool(B)")
OP(ZERO,       ABx,  "R[A] = zero value of type K[Bx]")
OP(GETUPVAL,   ABC,  "R[A] = Up[B].v  (C=1: no copy, for a container being indexed)")
OP(SETUPVAL,   ABC,  "Up[B].v = R[A]")
OP(NEWBOX,     ABC,  "R[A] = new box holding R[B]")
OP(GETBOX,     ABC,  "R[A] = R[B].box.v  (C=1: no copy)")
OP(SETBOX,     ABC,  "R[A].box.v = R[B]")
OP(GETGLOBAL,  ABx,  "R[A] = K[Bx].box.v")
OP(GETGLOBALR, ABx,  "R[A] = K[Bx].box.v, not copied (a container being indexed)")
OP(SETGLOBAL,  ABx,  "K[Bx].box.v = R[A]")
OP(ADD,        ABC,  "R[A] = R[B] + R[C]")
OP(SUB,        ABC,  "R[A] = R[B] - R[C]")
OP(MUL,        ABC,  "R[A] = R[B] * R[C]")
OP(DIV,        ABC,  "R[A] = R[B] / R[C]")
OP(MOD,        ABC,  "R[A] = R[B] % R[C]")
OP(BAND,       ABC,  "R[A] = R[B] & R[C]")
OP(BOR,        ABC,  "R[A] = R[B] | R[C]")
OP(BXOR,       ABC,  "R[A] = R[B] ^ R[C]")
OP(BANDNOT,    ABC,  "R[A] = R[B] &^ R[C]")
OP(SHL,        ABC,  "R[A] = R[B] << R[C]")
OP(SHR,        ABC,  "R[A] = R[B] >> R[C]")
OP(ADDI,       ABC,  "R[A] = R[B] + sC  (sC: C as a signed byte)")
OP(ADDK,       ABC,  "R[A] = R[B] + K[C]  (ADDK..SHRK parallel ADD..SHR: op - OP_ADD + OP_ADDK)")
OP(SUBK,       ABC,  "R[A] = R[B] - K[C]")
OP(MULK,       ABC,  "R[A] = R[B] * K[C]")
OP(DIVK,       ABC,  "R[A] = R[B] / K[C]")
OP(MODK,       ABC,  "R[A] = R[B] % K[C]")
OP(BANDK,      ABC,  "R[A] = R[B] & K[C]")
OP(BORK,       ABC,  "R[A] = R[B] | K[C]")
OP(BXORK,      ABC,  "R[A] = R[B] ^ K[C]")
OP(BANDNOTK,   ABC,  "R[A] = R[B] &^ K[C]")
OP(SHLK,       ABC,  "R[A] = R[B] << K[C]")
OP(SHRK,       ABC,  "R[A] = R[B] >> K[C]")
OP(NEG,        ABC,  "R[A] = -R[B]")
OP(NOT,        ABC,  "R[A] = !R[B]")
OP(BNOT,       ABC,  "R[A] = ^R[B]")
OP(EQ,         ABC,  "R[A] = R[B] == R[C]")
OP(NE,         ABC,  "R[A] = R[B] != R[C]")
OP(LT,         ABC,  "R[A] = R[B] < R[C]")
OP(LE,         ABC,  "R[A] = R[B] <= R[C]")
OP(EQI,        ABC,  "R[A] = R[B] == R[C] as interface values (identical dynamic types)")
OP(NEI,        ABC,  "R[A] = R[B] != R[C] as interface values")
OP(JMP,        sJ,   "pc += sJ")
OP(JMPIF,      AsBx, "if R[A] then pc += sBx")
OP(JMPIFNOT,   AsBx, "if not R[A] then pc += sBx")
OP(EQJ,        ABC,  "if (R[A] == R[B]) == C then take the next instruction's jump, else skip it  (**)")
OP(LTJ,        ABC,  "if (R[A] < R[B]) == C then take the next jump, else skip it  (**)")
OP(LEJ,        ABC,  "if (R[A] <= R[B]) == C then take the next jump, else skip it  (**)")
OP(EQJK,       ABC,  "if (R[A] == K[B]) == C then take the next jump, else skip it  (**)")
OP(LTJK,       ABC,  "if (R[A] < K[B]) == C then take the next jump, else skip it  (**)")
OP(LEJK,       ABC,  "if (R[A] <= K[B]) == C then take the next jump, else skip it  (**)")
OP(GTJK,       ABC,  "if (R[A] > K[B]) == C then take the next jump, else skip it  (**)")
OP(GEJK,       ABC,  "if (R[A] >= K[B]) == C then take the next jump, else skip it  (**)")
OP(CALL,       ABC,  "R[A .. A+C-2] = R[A](R[A+1 .. A+B-1])  (B=0: args to top; C=0: all results, top set)  (*)")
OP(CALLS,      ABC,  "as CALL, the last argument spread: f(xs...)  (*)")
OP(RETURN,     ABC,  "return R[A .. A+B-2]  (B=0: up to top)")
OP(CLOSURE,    ABx,  "R[A] = new closure of nested prototype Bx")
OP(SELF,       ABC,  "R[A+1] = R[B]; R[A] = method K[C] of R[B]")
OP(DEREFRECV,  ABC,  "R[A] = R[B] if method K[C] of *R[B] has a pointer receiver, else *R[B], not copied  (R[B] = &x of x.M)")
OP(GETFIELD,   ABC,  "R[A] = R[B].K[C]  (field, method value, or native object field)")
OP(GETFIELDR,  ABC,  "R[A] = R[B].K[C], not copied (a container being indexed)")
OP(SETFIELD,   ABC,  "R[A].K[B] = R[C]")
OP(GETINDEX,   ABC,  "R[A] = R[B][R[C]]")
OP(GETINDEXR,  ABC,  "R[A] = R[B][R[C]], not copied (a container being indexed)")
OP(GETINDEXOK, ABC,  "R[A], R[A+1] = R[B][R[C]], present  (maps: v, ok := m[k])")
OP(SETINDEX,   ABC,  "R[A][R[B]] = R[C]")
OP(SLICE,      ABC,  "R[A] = R[B][R[B+1] : R[B+2] : R[B+3]]  (C bits: 1 low, 2 high, 4 max given)")
OP(LEN,        ABC,  "R[A] = len(R[B])")
OP(APPEND,     ABC,  "R[A] = append(R[A], R[A+1 .. A+B])  (C=1: append(R[A], R[A+1]...))")
OP(NEWSLICE,   ABC,  "R[A] = slice of type R[A] holding R[A+1 .. A+B]")
OP(NEWMAP,     ABC,  "R[A] = map of type R[A] with B pairs R[A+1 .. A+2B]")
OP(NEWARRAY,   ABC,  "R[A] = array of type R[A] holding R[A+1 .. A+B] (rest zero)")
OP(NEWSTRUCT,  ABC,  "R[A] = struct of type R[A]; R[A+1 .. A+B] are field values, or with C=1, B (field index, value) pairs")
OP(CONV,       ABx,  "R[A] = K[Bx](R[A])  (conversion)")
OP(COERCE,     ABx,  "R[A] = R[A] stored as type K[Bx] (int to float, width wrap, typed nil)")
OP(ADDR,       ABC,  "R[A] = &R[B].box.v, a pointer to a boxed variable  (C=1: &Up[B].v)")
OP(ADDRINDEX,  ABC,  "R[A] = &R[B][R[C]]")
OP(ADDRFIELD,  ABC,  "R[A] = &R[B].K[C]")
OP(LOAD,       ABC,  "R[A] = *R[B]  (C=1: no copy)")
OP(STORE,      ABC,  "*R[A] = R[B]")
OP(ASSERT,     ABC,  "R[A] = R[B].(type R[C]); panics when it does not hold (R[C+1]: R[B]'s interface type)")
OP(ASSERTOK,   ABC,  "R[A], R[A+1] = R[B].(type R[C]), ok")
OP(TYPEIS,     ABC,  "R[A] = R[B] has type R[C] (type switch case)")
OP(SEND,       ABC,  "R[A] <- R[B]  (*)")
OP(RECV,       ABC,  "R[A] = <-R[B]; C=1: R[A+1] = ok  (*)")
OP(SELECT,     ABC,  "select over B cases R[A .. A+3B-1] (dir, chan, value); C=1: has default; R[A] = case or -1, R[A+1] = value, R[A+2] = ok  (*)")
OP(GO,         ABC,  "go R[A](R[A+1 .. A+B-1]); C=1: last argument spread")
OP(DEFER,      ABC,  "defer R[A](R[A+1 .. A+B-1]); C=1: last argument spread")
OP(RUNDEFERS,  ABC,  "run the frame's deferred calls, one per execution, then fall through")
OP(PANIC,      ABC,  "panic(R[A])")
OP(RECOVER,    ABC,  "R[A] = recover()")
OP(RANGEPREP,  ABC,  "R[A+1] = iteration state for R[A]")
OP(RANGENEXT,  AsBx, "R[A+2], R[A+3] = next key, value of R[A]; when done pc += sBx  (*)")
OP(NOP,        ABC,  "nothing")
