/* test_compiler.c: unit tests of the resolver and code generator
 * (goro_compile_program in src/compile.h): programs that compile, the
 * compile errors Go reports (wording and line:col), the function list
 * and the disassembler, and constant folding visible in the bytecode. */
#include "unit.h"

#include "bytecode.h"
#include "disasm.h"

static void setup(void) { goro_ut_init(); }

TestSuite(compiler, .init = setup, .timeout = 10.0);

static char *program(const char *body)
{
    return goro_sprintf("package main\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n\n%s\n", body);
}

/* Compile; returns the number of errors, the report in *report. */
static int compile(const char *src, char **report)
{
    return goro_ut_compile(src, false, report, NULL);
}

static void expect_error(const char *body, const char *where_what)
{
    char *report;
    char *src = program(body);
    int n = compile(src, &report);
    cr_expect_geq(n, 1, "%s: compiled, want %s", body, where_what);
    cr_expect(strstr(report, where_what) != NULL, "%s\nwant: %s\ngot:\n%s", body, where_what,
              report);
}

/* Compile [src] and return the proto named [name] ("main.main"). */
static Proto *proto_of(const char *src, const char *name)
{
    FILE *f = tmpfile();
    Diag d;
    int len = (int)strlen(src);
    goro_diag_init(&d, "t.goro", src, len);
    d.out = f;
    ProtoList all = {0};
    Closure *cl = goro_compile_program("t.goro", src, len, false, &d, &all);
    char *report = goro_ut_slurp(f);
    fclose(f);
    cr_assert_not_null(cl, "does not compile:\n%s", report);
    for (int i = 0; i < all.n; i++)
        if (!strcmp(all.v[i]->name, name))
            return all.v[i];
    cr_assert_fail("no function %s among %d", name, all.n);
    return NULL;
}

static int count_op(Proto *p, int op)
{
    int n = 0;
    for (int pc = 0; pc < p->ncode; pc++)
        if (GET_OP(p->code[pc]) == op)
            n++;
    return n;
}

/* Does [p] load the integer [v] into a register (LOADI, or LOADK of an int)? */
static bool loads_int(Proto *p, int64_t v)
{
    for (int pc = 0; pc < p->ncode; pc++) {
        Instr i = p->code[pc];
        if (GET_OP(i) == OP_LOADI && GETARG_sBx(i) == v)
            return true;
        if (GET_OP(i) == OP_LOADK) {
            Value k = p->k[GETARG_Bx(i)];
            if (VKIND(k) == VK_INT && k.u.i == v)
                return true;
        }
    }
    return false;
}

static Value *loaded_const(Proto *p, int kind)
{
    for (int pc = 0; pc < p->ncode; pc++) {
        Instr i = p->code[pc];
        if (GET_OP(i) == OP_LOADK && (int)VKIND(p->k[GETARG_Bx(i)]) == kind)
            return &p->k[GETARG_Bx(i)];
    }
    return NULL;
}

static char *disasm(Proto *p)
{
    FILE *f = tmpfile();
    goro_disasm_proto(f, p);
    char *s = goro_ut_slurp(f);
    fclose(f);
    return s;
}

/* ------------------------------------------------------------ compiles */

Test(compiler, hello_compiles)
{
    char *report;
    Closure *cl;
    int n = goro_ut_compile("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n",
                            false, &report, &cl);
    cr_expect_eq(n, 0, "%s", report);
    cr_expect_not_null(cl);
    cr_expect_str_eq(report, "");
}

Test(compiler, goroutines_channels_select_compile)
{
    char *report;
    int n = compile(program("func worker(id int, jobs <-chan int, out chan<- int) {\n"
                            "\tfor j := range jobs {\n\t\tout <- j * id\n\t}\n}\n"
                            "func main() {\n\tjobs := make(chan int, 3)\n\tout := make(chan int)\n"
                            "\tgo worker(1, jobs, out)\n\tselect {\n\tcase v := <-out:\n"
                            "\t\tfmt.Println(v)\n\tcase jobs <- 1:\n\tdefault:\n\t}\n}\n"),
                    &report);
    cr_expect_eq(n, 0, "%s", report);
}

Test(compiler, untyped_goro_code_compiles)
{
    char *report;
    int n = compile(program("func add(a, b) { return a + b }\n"
                            "func main() {\n\txs := []{1, \"a\"}\n\tm := map{\"k\": 1}\n"
                            "\tc := make(chan, 1)\n\tc <- add(1, 2)\n\tfmt.Println(xs, m, <-c)\n}\n"),
                    &report);
    cr_expect_eq(n, 0, "%s", report);
}

Test(compiler, top_level_statements_need_allow_stmts)
{
    char *report;
    const char *src = "x := 2\nprintln(x * 3)\n";
    int n = goro_ut_compile(src, true, &report, NULL);
    cr_expect_eq(n, 0, "-e style code: %s", report);
    n = goro_ut_compile(src, false, &report, NULL);
    cr_expect_geq(n, 1);
    cr_expect(strstr(report, "non-declaration statement outside function body") != NULL, "%s",
              report);
}

Test(compiler, missing_main)
{
    char *report;
    int n = compile("package main\n\nfunc f() {}\n", &report);
    cr_expect_geq(n, 1);
    cr_expect(strstr(report, "function main is undeclared in the main package") != NULL, "%s",
              report);
}

/* -------------------------------------------------------------- errors */

Test(compiler, undefined_name)
{
    expect_error("func main() {\n\ty = 2\n}", "t.goro:8:2: undefined: y");
    expect_error("func main() {\n\tstrings.ToUpper(\"a\")\n}", "t.goro:8:2: undefined: strings");
}

Test(compiler, misplaced_break_and_continue)
{
    expect_error("func main() {\n\tbreak\n}", "t.goro:8:2: break is not in a loop, switch, or select");
    expect_error("func main() {\n\tcontinue\n}", "t.goro:8:2: continue is not in a loop");
    expect_error("func main() {\n\tfor {\n\t\tbreak L\n\t}\n}", "t.goro:9:3: invalid break label L");
    expect_error("func main() {\n\tswitch {\n\tdefault:\n\t\tcontinue\n\t}\n}",
                 "continue is not in a loop");
}

Test(compiler, redeclarations)
{
    expect_error("func f() {}\nfunc f() {}\nfunc main() {}", "t.goro:8:6: f redeclared in this block");
    expect_error("func main() {\n\tx := 1\n\tx := 2\n\t_ = x\n}",
                 "t.goro:9:4: no new variables on left side of :=");
}

Test(compiler, assignment_and_return_counts)
{
    expect_error("func main() {\n\ta, b := 1\n\t_, _ = a, b\n}",
                 "assignment mismatch: 2 variables but 1 value");
    expect_error("func main() {\n\treturn 1\n}", "t.goro:8:2: too many return values");
}

Test(compiler, unknown_package)
{
    char *report;
    int n = compile("package main\n\nimport \"nosuch\"\n\nfunc main() {}\n", &report);
    cr_expect_eq(n, 1, "%s", report);
    cr_expect(strstr(report, "t.goro:3:8: package nosuch is not in std") != NULL, "%s", report);
}

Test(compiler, goto_over_declaration_is_rejected)
{
    expect_error("func main() {\n\tgoto L\n\tx := 1\nL:\n\t_ = x\n}", "goto L jumps over declaration of x");
}

Test(compiler, several_errors_in_one_run)
{
    char *report;
    int n = compile(program("func main() {\n\ta = 1\n\tb = 2\n\tc = 3\n}"), &report);
    cr_expect_eq(n, 3, "%d errors:\n%s", n, report);
    cr_expect(strstr(report, "undefined: a") && strstr(report, "undefined: b") &&
                  strstr(report, "undefined: c"),
              "%s", report);
}

/* Regression test for bug unittest-1 (goro-bugs/unittest.md), which was: a constant division
 * by zero is reported twice, the second time as "value is not constant". */
Test(compiler, constant_division_by_zero_reported_once)
{
    char *report;
    int n = compile(program("const c = 1 / 0\n\nfunc main() {}"), &report);
    cr_expect_eq(n, 1, "%s", report);
    cr_expect(strstr(report, "invalid operation: division by zero") != NULL, "%s", report);
}

Test(compiler, constant_division_by_zero_is_an_error)
{
    char *report;
    int n = compile(program("const c = 1 / 0\n\nfunc main() {}"), &report);
    cr_expect_geq(n, 1);
    cr_expect(strstr(report, "t.goro:7:15: invalid operation: division by zero") != NULL, "%s",
              report);
}

Test(compiler, integer_constant_beyond_int_is_an_error_where_used)
{
    char *report;
    int n = compile(program("func main() {\n\tx := 18446744073709551616\n\t_ = x\n}"), &report);
    cr_expect_geq(n, 1);
    cr_expect(strstr(report, "cannot use 18446744073709551616 (untyped int constant) as int value in "
                             "assignment (overflows)") != NULL, "%s", report);
    n = compile(program("const big = 18446744073709551616\nconst small = big >> 60\n\nfunc main() {}"),
                &report);
    cr_expect_eq(n, 0, "%s", report);
}

Test(compiler, very_long_expression_is_an_error_not_a_crash, .timeout = 30.0)
{
    /* 1+1+...+1: a left-leaning tree 300000 deep */
    Buf b = {0};
    goro_buf_puts(&b, "package main\n\nfunc main() {\n\tx := 1");
    for (int i = 0; i < 300000; i++)
        goro_buf_puts(&b, "+x");
    goro_buf_puts(&b, "\n\t_ = x\n}\n");
    goro_buf_putc(&b, 0);
    char *report;
    int n = compile(b.s, &report);
    cr_expect_geq(n, 1);
    cr_expect(strstr(report, "expression too deeply nested") != NULL, "%.300s", report);
}

Test(compiler, long_flat_programs_compile)
{
    /* many statements and a long composite literal are not nesting */
    Buf b = {0};
    goro_buf_puts(&b, "package main\n\nfunc main() {\n\tx := 0\n");
    for (int i = 0; i < 20000; i++)
        goro_buf_puts(&b, "\tx++\n");
    goro_buf_puts(&b, "\txs := []int{");
    for (int i = 0; i < 20000; i++)
        goro_buf_puts(&b, "1, ");
    goro_buf_puts(&b, "}\n\t_, _ = x, xs\n}\n");
    goro_buf_putc(&b, 0);
    char *report;
    cr_expect_eq(compile(b.s, &report), 0, "%.300s", report);
}

/* -------------------------------------------------------- the protos */

Test(compiler, function_list_and_names)
{
    const char *src = "package main\n\nfunc helper() int { return 1 }\n\n"
                      "func main() {\n\tf := func() int { return helper() }\n\t_ = f\n}\n";
    Proto *m = proto_of(src, "main.main");
    cr_expect_eq(m->line, 5);
    cr_expect_eq(m->nparams, 0);
    cr_assert_eq(m->nprotos, 1, "main has one function literal");
    cr_expect_str_eq(m->protos[0]->name, "main.main.func1");
    Proto *h = proto_of(src, "main.helper");
    cr_expect_eq(h->line, 3);
    cr_expect_eq(GET_OP(h->code[h->ncode - 1]), OP_RETURN);
}

Test(compiler, params_and_variadic)
{
    Proto *p = proto_of("package main\n\nfunc f(a, b int, rest ...string) {}\n\nfunc main() {}\n",
                        "main.f");
    cr_expect_eq(p->nparams, 2);
    cr_expect_eq(p->variadic, 1);
    cr_expect_geq(p->maxregs, 3);
}

Test(compiler, line_table)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\tx := 1\n\n\ty := x + 41\n\t_ = y\n}\n",
                        "main.main");
    cr_assert_not_null(p->lines);
    bool saw4 = false, saw6 = false;
    for (int pc = 0; pc < p->ncode; pc++) {
        cr_expect(p->lines[pc] >= 3 && p->lines[pc] <= 8, "pc %d line %d", pc, p->lines[pc]);
        saw4 |= p->lines[pc] == 4;
        saw6 |= p->lines[pc] == 6;
    }
    cr_expect(saw4 && saw6);
}

Test(compiler, disassembler_lists_functions)
{
    Proto *p = proto_of("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n"
                        "\tgo func() {}()\n}\n",
                        "main.main");
    char *s = disasm(p);
    cr_expect(strstr(s, "func main.main  (t.goro:5)") != NULL, "%s", s);
    cr_expect(strstr(s, "LOADK") != NULL, "%s", s);
    cr_expect(strstr(s, "; \"hi\"") != NULL, "%s", s);
    cr_expect(strstr(s, "; fmt.Println") != NULL, "%s", s);
    cr_expect(strstr(s, "CALL") != NULL, "%s", s);
    cr_expect(strstr(s, "RETURN") != NULL, "%s", s);
    cr_expect(strstr(s, "func main.main.func1") != NULL, "nested literal listed:\n%s", s);
}

Test(compiler, disasm_instruction_formats)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\tx := 7\n\t_ = x\n}\n", "main.main");
    int pc = -1;
    for (int i = 0; i < p->ncode; i++)
        if (GET_OP(p->code[i]) == OP_LOADI)
            pc = i;
    cr_assert_geq(pc, 0);
    FILE *f = tmpfile();
    goro_disasm_instr(f, p, pc);
    char *s = goro_ut_slurp(f);
    fclose(f);
    cr_expect(strstr(s, "LOADI") != NULL && strstr(s, " 7") != NULL, "%s", s);
}

Test(compiler, opcode_tables)
{
    cr_expect_str_eq(goro_op_names[OP_MOVE], "MOVE");
    cr_expect_str_eq(goro_op_names[OP_LOADI], "LOADI");
    cr_expect_eq(goro_op_formats[OP_LOADI], FMT_AsBx);
    cr_expect_eq(goro_op_formats[OP_JMP], FMT_sJ);
    Instr i = MK_AsBx(OP_LOADI, 3, -5);
    cr_expect_eq(GET_OP(i), OP_LOADI);
    cr_expect_eq(GETARG_A(i), 3);
    cr_expect_eq(GETARG_sBx(i), -5);
    i = MK_sJ(OP_JMP, -1000);
    cr_expect_eq(GETARG_sJ(i), -1000);
    i = MK_ABC(OP_ADD, 1, 2, 250);
    cr_expect_eq(GETARG_B(i), 2);
    cr_expect_eq(GETARG_C(i), 250);
}

/* ------------------------------------------------------ constant folding */

Test(compiler, integer_folding)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\tx := 2 + 3*4\n\t_ = x\n}\n", "main.main");
    cr_expect(loads_int(p, 14), "2 + 3*4 not folded to 14:\n%s", disasm(p));
    cr_expect_eq(count_op(p, OP_ADD) + count_op(p, OP_MUL) + count_op(p, OP_MULK) +
                     count_op(p, OP_ADDK) + count_op(p, OP_ADDI),
                 0, "arithmetic left in:\n%s", disasm(p));
}

Test(compiler, folding_follows_go_integer_rules)
{
    const char *src = "package main\n\nfunc main() {\n\ta := -7 / 2\n\tb := -7 % 2\n"
                      "\tc := 1<<3 | 1\n\td := 7 &^ 5\n\te := ^0\n\t_, _, _, _, _ = a, b, c, d, e\n}\n";
    Proto *p = proto_of(src, "main.main");
    cr_expect(loads_int(p, -3), "-7/2 truncates to -3:\n%s", disasm(p));
    cr_expect(loads_int(p, -1), "-7%%2 is -1");
    cr_expect(loads_int(p, 9));
    cr_expect(loads_int(p, 2));
    cr_expect_eq(count_op(p, OP_DIV) + count_op(p, OP_MOD) + count_op(p, OP_SHL) +
                     count_op(p, OP_BOR) + count_op(p, OP_BNOT),
                 0, "%s", disasm(p));
}

Test(compiler, large_constant_goes_to_the_constant_table)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\tx := 100000 * 100000\n\t_ = x\n}\n",
                        "main.main");
    Value *k = loaded_const(p, VK_INT);
    cr_assert_not_null(k, "%s", disasm(p));
    cr_expect_eq(k->u.i, 10000000000LL);
}

Test(compiler, float_and_string_folding)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\ty := 1.5 * 2\n\ts := \"a\" + \"b\" + \"c\"\n"
                        "\t_, _ = y, s\n}\n",
                        "main.main");
    Value *f = loaded_const(p, VK_FLOAT);
    cr_assert_not_null(f, "%s", disasm(p));
    cr_expect_float_eq(f->u.f, 3.0, 1e-12);
    Value *s = loaded_const(p, VK_STRING);
    cr_assert_not_null(s, "%s", disasm(p));
    cr_expect_eq(s->aux, 3);
    cr_expect_eq(memcmp(s->u.s, "abc", 3), 0);
    char *d = disasm(p);
    cr_expect(strstr(d, "; \"abc\"") != NULL, "%s", d);
}

Test(compiler, iota_constants_fold)
{
    Proto *p = proto_of("package main\n\nconst (\n\tA = iota\n\tB\n\tC\n)\n\n"
                        "func main() {\n\tx := C * 10\n\t_ = x\n}\n",
                        "main.main");
    cr_expect(loads_int(p, 20), "%s", disasm(p));
}

Test(compiler, typed_constant_conversion_folds)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\tx := float64(3) / 2\n\t_ = x\n}\n",
                        "main.main");
    Value *f = loaded_const(p, VK_FLOAT);
    cr_assert_not_null(f, "%s", disasm(p));
    cr_expect_float_eq(f->u.f, 1.5, 1e-12);
}

Test(compiler, comparison_and_len_fold)
{
    Proto *p = proto_of("package main\n\nfunc main() {\n\tb := \"a\" < \"b\"\n\tn := len(\"h\xc3\xa9llo\")\n"
                        "\t_, _ = b, n\n}\n",
                        "main.main");
    cr_expect_eq(count_op(p, OP_LOADBOOL), 1, "%s", disasm(p));
    cr_expect(loads_int(p, 6), "len counts bytes:\n%s", disasm(p));
    cr_expect_eq(count_op(p, OP_LT), 0);
}

Test(compiler, variables_are_not_folded)
{
    Proto *p = proto_of("package main\n\nfunc f(a int) int { return a * 2 }\n\nfunc main() {}\n",
                        "main.f");
    cr_expect_eq(count_op(p, OP_MUL) + count_op(p, OP_MULK), 1, "%s", disasm(p));
}

/* ------------------------------------------- whole programs, one per test */

static void expect_output(const char *src, const char *want)
{
    char *out, *err;
    int rc = goro_ut_run2(src, &out, &err);
    cr_expect_eq(rc, 0, "exit %d:\n%s", rc, err);
    cr_expect_str_eq(out, want);
}

Test(compiler, labeled_range_and_infinite_loops, .timeout = 10.0)
{
    expect_output("package main\n\nimport \"fmt\"\n\nfunc main() {\nouter:\n"
                  "\tfor _, i := range []int{0, 1, 2} {\n\t\tfor j := 0; j < 3; j++ {\n"
                  "\t\t\tif j == 1 {\n\t\t\t\tcontinue outer\n\t\t\t}\n"
                  "\t\t\tif i == 2 {\n\t\t\t\tbreak outer\n\t\t\t}\n"
                  "\t\t\tfmt.Print(i, j, \" \")\n\t\t}\n\t}\n\tn := 0\nloop:\n\tfor {\n"
                  "\t\tswitch {\n\t\tcase n == 3:\n\t\t\tbreak loop\n\t\t}\n\t\tn++\n\t}\n"
                  "\tfmt.Println(n)\n}\n",
                  "0 0 1 0 3\n");
}

/* Regression test for bug unittest-9 (goro-bugs/unittest.md), which was: the init statement
 * of a three-clause for clears the loop's label: "invalid continue". */
Test(compiler, labeled_for_with_init_statement, .timeout = 10.0)
{
    expect_output("package main\n\nimport \"fmt\"\n\nfunc main() {\nouter:\n"
                  "\tfor i := 0; i < 3; i++ {\n\t\tfor j := 0; j < 3; j++ {\n"
                  "\t\t\tif j == 1 {\n\t\t\t\tcontinue outer\n\t\t\t}\n"
                  "\t\t\tfmt.Print(i, j, \" \")\n\t\t}\n\t}\n\tfmt.Println()\n}\n",
                  "0 0 1 0 2 0 \n");
}

Test(compiler, ellipsis_array_literal_as_argument, .timeout = 10.0)
{
    expect_output("package main\n\nimport \"fmt\"\n\nfunc main() {\n"
                  "\tfmt.Println([...]int{1, 2}, len([...]string{2: \"c\"}))\n}\n",
                  "[1 2] 3\n");
}

/* Regression test for bug unittest-10 (goro-bugs/unittest.md), which was: cg_static_type
 * rejects [...]T in := and var initialisers. */
Test(compiler, ellipsis_array_literal_in_define, .timeout = 10.0)
{
    expect_output("package main\n\nimport \"fmt\"\n\nfunc main() {\n"
                  "\ta := [...]string{2: \"c\", 0: \"a\"}\n\tvar b = [...]int{1, 2, 3}\n"
                  "\tfmt.Println(len(a), a, b)\n}\n",
                  "3 [a  c] [1 2 3]\n");
}

/* BUG unittest-11 (/tmp/goro-bugs/unittest.md): method expressions. */
Test(compiler, method_expression, .timeout = 10.0, .disabled = 1)
{
    expect_output("package main\n\nimport \"fmt\"\n\ntype T struct{ A int }\n\n"
                  "func (t T) Get() int { return t.A }\n\n"
                  "func main() {\n\tget := T.Get\n\tfmt.Println(get(T{A: 5}))\n}\n",
                  "5\n");
}

/* Regression test for bug unittest-8 (goro-bugs/unittest.md), which was: untyped constant
 * arithmetic wraps at 64 bits instead of being exact. */
Test(compiler, untyped_constants_are_exact, .timeout = 10.0)
{
    expect_output("package main\n\nimport \"fmt\"\n\ntype ByteSize float64\n\n"
                  "const (\n\t_ = iota\n\tKB ByteSize = 1 << (10 * iota)\n\tMB\n\tGB\n\tTB\n"
                  "\tPB\n\tEB\n\tZB\n\tYB\n)\n\n"
                  "func main() {\n\tfmt.Println(KB, YB)\n\tfmt.Println(float64(1 << 70))\n"
                  "\tconst big = 1 << 70\n\tfmt.Println(big >> 68)\n}\n",
                  "1024 1.2089258196146292e+24\n1.1805916207174113e+21\n4\n");
}

Test(compiler, constants_within_int64_are_exact, .timeout = 10.0)
{
    expect_output("package main\n\nimport \"fmt\"\n\nconst (\n\tKB = 1 << (10 * (iota + 1))\n"
                  "\tMB\n\tGB\n\tTB\n\tPB\n\tEB\n)\n\n"
                  "func main() {\n\tfmt.Println(KB, EB, EB/PB, uint64(1<<64-1))\n}\n",
                  "1024 1152921504606846976 1024 18446744073709551615\n");
}
