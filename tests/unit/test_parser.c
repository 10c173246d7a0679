/* test_parser.c: unit tests of the parser (grammar/parser.y through
 * goro_parse_source in src/parse.h): the shapes of the trees it builds,
 * literal decoding, and syntax errors: their count, line:col and
 * wording, recovery, and deep nesting reported instead of crashing. */
#include "unit.h"

#include "ast.h"
#include "parse.h"
#include "parser.h"

static void setup(void) { goro_ut_init(); }

TestSuite(parser, .init = setup, .timeout = 10.0);

typedef struct Parsed {
    Node *root;
    int errors;
    char *report;
} Parsed;

static Parsed parse(const char *src)
{
    Parsed p;
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    Diag d;
    goro_diag_init(&d, "t.goro", src, (int)strlen(src));
    d.out = f;
    p.root = goro_parse_source(src, (int)strlen(src), &d);
    p.errors = d.count;
    p.report = goro_ut_slurp(f);
    fclose(f);
    return p;
}

/* ------------------------------------------------------------ a printer
 * A compact S-expression of a tree, so a test states a whole shape in
 * one string: (binary + (int 1) (binary * (int 2) (int 3))). */

static void put(Buf *b, const char *s) { goro_buf_puts(b, s); }

static const char *opname(int op) { return goro_lex_token_name(op); }

static void sx(Buf *b, Node *n);

static void sx_list(Buf *b, NodeList *l)
{
    for (int i = 0; i < l->n; i++) {
        put(b, " ");
        sx(b, l->v[i]);
    }
}

static void sx_opt(Buf *b, Node *n)
{
    put(b, " ");
    if (n)
        sx(b, n);
    else
        put(b, "_");
}

static void sx(Buf *b, Node *n)
{
    char tmp[64];
    if (!n) {
        put(b, "_");
        return;
    }
    switch (n->kind) {
    case N_IDENT:
        put(b, n->name);
        return;
    case N_INTLIT:
        snprintf(tmp, sizeof tmp, "%lld", (long long)n->lit.i);
        put(b, tmp);
        return;
    case N_FLOATLIT:
        snprintf(tmp, sizeof tmp, "%gf", n->lit.f);
        put(b, tmp);
        return;
    case N_CHARLIT:
        snprintf(tmp, sizeof tmp, "'%lld'", (long long)n->lit.i);
        put(b, tmp);
        return;
    case N_STRLIT:
        put(b, "\"");
        goro_buf_put(b, n->lit.s.s, (size_t)n->lit.s.len);
        put(b, "\"");
        return;
    case N_BINARY:
        put(b, "(");
        put(b, opname(n->op));
        sx_opt(b, n->a);
        sx_opt(b, n->b);
        put(b, ")");
        return;
    case N_UNARY:
        put(b, "(u");
        put(b, opname(n->op));
        sx_opt(b, n->a);
        put(b, ")");
        return;
    default:
        break;
    }
    put(b, "(");
    put(b, goro_ast_kind_name(n->kind));
    if (n->name) {
        put(b, " ");
        put(b, n->name);
    }
    if (n->kind == N_INCDEC || n->kind == N_OPASSIGN) {
        put(b, " ");
        put(b, opname(n->op));
    }
    if (n->a || n->b || n->c || n->d) {
        Node *ch[4] = {n->a, n->b, n->c, n->d};
        int last = 3;
        while (!ch[last])
            last--;
        for (int i = 0; i <= last; i++)
            sx_opt(b, ch[i]);
    }
    if (n->list.n) {
        put(b, " [");
        sx_list(b, &n->list);
        put(b, " ]");
    }
    if (n->list2.n) {
        put(b, " {");
        sx_list(b, &n->list2);
        put(b, " }");
    }
    put(b, ")");
}

static char *sx_str(Node *n)
{
    Buf b = {0};
    sx(&b, n);
    goro_buf_putc(&b, 0);
    return b.s;
}

/* The tree of the expression in `x := EXPR` inside main. */
static char *expr_shape(const char *expr)
{
    char *src = goro_sprintf("package main\nfunc main() {\n\tx := %s\n}\n", expr);
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s: %s", expr, p.report);
    cr_assert_not_null(p.root);
    Node *fn = p.root->list.v[p.root->list.n - 1];
    cr_assert_eq(fn->kind, N_FUNCDECL);
    Node *def = fn->c->list.v[0];
    cr_assert_eq(def->kind, N_DEFINE, "got %s", goro_ast_kind_name(def->kind));
    return sx_str(def->list2.v[0]);
}

/* The tree of the first statement of main's body. */
static char *stmt_shape(const char *stmt)
{
    char *src = goro_sprintf("package main\nfunc main() {\n%s\n}\n", stmt);
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s: %s", stmt, p.report);
    Node *fn = p.root->list.v[p.root->list.n - 1];
    cr_assert_eq(fn->kind, N_FUNCDECL);
    cr_assert_geq(fn->c->list.n, 1);
    return sx_str(fn->c->list.v[0]);
}

#define SHAPE_EQ(got, want) cr_expect_str_eq(got, want)

/* ----------------------------------------------------------- top level */

Test(parser, top_level_items)
{
    Parsed p = parse("package main\n\nimport \"fmt\"\n\nvar x = 1\n\nfunc main() {}\n");
    cr_assert_eq(p.errors, 0, "%s", p.report);
    cr_assert_not_null(p.root);
    cr_assert_eq(p.root->kind, N_LIST);
    cr_assert_eq(p.root->list.n, 4);
    cr_expect_eq(p.root->list.v[0]->kind, N_PACKAGE);
    cr_expect_str_eq(p.root->list.v[0]->name, "main");
    cr_expect_eq(p.root->list.v[1]->kind, N_IMPORT);
    cr_expect_eq(p.root->list.v[1]->lit.s.len, 3);
    cr_expect_eq(memcmp(p.root->list.v[1]->lit.s.s, "fmt", 3), 0);
    cr_expect_eq(p.root->list.v[3]->kind, N_FUNCDECL);
    cr_expect_str_eq(p.root->list.v[3]->name, "main");
    cr_expect_eq(p.root->list.v[3]->line, 7);
}

Test(parser, grouped_imports_and_aliases)
{
    Parsed p = parse("package main\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n)\n");
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *g = p.root->list.v[1];
    cr_assert_eq(g->kind, N_DECLGROUP, "got %s", goro_ast_kind_name(g->kind));
    cr_assert_eq(g->list.n, 2);
    cr_expect_null(g->list.v[0]->name);
    cr_expect_str_eq(g->list.v[1]->name, "str");
    cr_expect_eq(g->list.v[1]->line, 4);
}

Test(parser, method_declaration)
{
    Parsed p = parse("package main\ntype P struct{ X int }\nfunc (p *P) Get() int { return p.X }\n");
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *m = p.root->list.v[2];
    cr_assert_eq(m->kind, N_FUNCDECL);
    cr_expect_str_eq(m->name, "Get");
    cr_assert_not_null(m->a, "no receiver");
    cr_expect_eq(m->a->kind, N_PARAM);
    cr_expect_str_eq(m->a->name, "p");
    cr_expect_eq(m->a->a->kind, N_TPTR);
    cr_expect_eq(m->b->kind, N_TFUNC);
    cr_expect_eq(m->b->list2.n, 1, "one result");
}

/* ---------------------------------------------------------- expressions */

Test(parser, operator_precedence)
{
    SHAPE_EQ(expr_shape("1 + 2*3"), "(+ 1 (* 2 3))");
    SHAPE_EQ(expr_shape("1*2 + 3"), "(+ (* 1 2) 3)");
    SHAPE_EQ(expr_shape("a || b && c"), "(|| a (&& b c))");
    SHAPE_EQ(expr_shape("a == b || c < d"), "(|| (== a b) (< c d))");
    SHAPE_EQ(expr_shape("1 << 2 + 3"), "(+ (<< 1 2) 3)");
    SHAPE_EQ(expr_shape("a &^ b | c"), "(| (&^ a b) c)");
}

Test(parser, left_associativity)
{
    SHAPE_EQ(expr_shape("1 - 2 - 3"), "(- (- 1 2) 3)");
    SHAPE_EQ(expr_shape("8 / 4 / 2"), "(/ (/ 8 4) 2)");
}

Test(parser, unary_and_parens)
{
    SHAPE_EQ(expr_shape("-a * b"), "(* (u- a) b)");
    SHAPE_EQ(expr_shape("-(a * b)"), "(u- (paren (* a b)))");
    SHAPE_EQ(expr_shape("!ok"), "(u! ok)");
    SHAPE_EQ(expr_shape("<-ch"), "(u<- ch)");
    SHAPE_EQ(expr_shape("*p + 1"), "(+ (u* p) 1)");
    SHAPE_EQ(expr_shape("&x"), "(u& x)");
    SHAPE_EQ(expr_shape("^x"), "(u^ x)");
}

Test(parser, postfix_expressions)
{
    SHAPE_EQ(expr_shape("f(1, 2)"), "(call f [ 1 2 ])");
    SHAPE_EQ(expr_shape("a.b.c"), "(selector c (selector b a))");
    SHAPE_EQ(expr_shape("a[i]"), "(index a i)");
    SHAPE_EQ(expr_shape("s[1:]"), "(slice s 1)");
    SHAPE_EQ(expr_shape("s[:2]"), "(slice s _ 2)");
    SHAPE_EQ(expr_shape("x.(int)"), "(type assertion x int)");
    SHAPE_EQ(expr_shape("fmt.Println(a...)"), "(call (selector Println fmt) [ a ])");
}

Test(parser, spread_and_three_index_slice_flags)
{
    char *src = "package main\nfunc main() {\n\tf(xs...)\n\t_ = s[1:2:3]\n}\n";
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *body = p.root->list.v[1]->c;
    Node *call = body->list.v[0]->a;
    cr_assert_eq(call->kind, N_CALL);
    cr_expect(call->flags & NF_SPREAD);
    Node *sl = body->list.v[1]->list2.v[0];
    cr_assert_eq(sl->kind, N_SLICEX);
    cr_expect(sl->flags & NF_SLICE3);
    cr_expect_eq(sl->d->lit.i, 3);
}

Test(parser, composite_literals)
{
    SHAPE_EQ(expr_shape("[]int{1, 2}"), "(composite literal (slice type int) [ 1 2 ])");
    SHAPE_EQ(expr_shape("map[string]int{\"a\": 1}"),
             "(composite literal (map type string int) [ (key:value \"a\" 1) ])");
    SHAPE_EQ(expr_shape("P{X: 1}"), "(composite literal P [ (key:value X 1) ])");
    SHAPE_EQ(expr_shape("[...]int{3}"), "(composite literal (array type int) [ 3 ])");
    SHAPE_EQ(expr_shape("[][]int{{1}}"),
             "(composite literal (slice type (slice type int)) [ (composite literal [ 1 ]) ])");
}

Test(parser, goro_untyped_composites)
{
    SHAPE_EQ(expr_shape("[]{1, \"a\"}"), "(composite literal (slice type) [ 1 \"a\" ])");
    SHAPE_EQ(expr_shape("map{\"a\": 1}"), "(composite literal (map type) [ (key:value \"a\" 1) ])");
}

Test(parser, func_literal)
{
    char *s = expr_shape("func(a, b int) int { return a + b }");
    SHAPE_EQ(s, "(func literal (func type [ (param a int) (param b int) ] { (param int) }) "
                "(block [ (return [ (+ a b) ]) ]))");
}

Test(parser, literal_values)
{
    SHAPE_EQ(expr_shape("0x1F + 0o17 + 0b11 + 017 + 1_000"), "(+ (+ (+ (+ 31 15) 3) 15) 1000)");
    SHAPE_EQ(expr_shape("1.5e3"), "1500f");
    SHAPE_EQ(expr_shape("0x1p-2"), "0.25f");
    SHAPE_EQ(expr_shape("'a'"), "'97'");
    SHAPE_EQ(expr_shape("'\\u00e9'"), "'233'");
    SHAPE_EQ(expr_shape("'\\x80'"), "'128'");
    SHAPE_EQ(expr_shape("\"a\\tb\""), "\"a\tb\"");
    SHAPE_EQ(expr_shape("\"\\u00e9\\101\\x41\""), "\"\xc3\xa9" "AA\"");
    SHAPE_EQ(expr_shape("`a\\n`"), "\"a\\n\"");
}

Test(parser, raw_string_drops_carriage_returns)
{
    char *src = "package main\nfunc main() {\n\tx := `a\r\nb`\n}\n";
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *lit = p.root->list.v[1]->c->list.v[0]->list2.v[0];
    cr_assert_eq(lit->kind, N_STRLIT);
    cr_expect_eq(lit->lit.s.len, 3);
    cr_expect_eq(memcmp(lit->lit.s.s, "a\nb", 3), 0);
}

Test(parser, big_integer_literal_flag)
{
    char *src = "package main\nfunc main() {\n\tx := 18446744073709551615\n}\n";
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *lit = p.root->list.v[1]->c->list.v[0]->list2.v[0];
    cr_expect(lit->flags & NF_BIGUINT);
    cr_expect_eq((uint64_t)lit->lit.i, UINT64_MAX);
}

/* ----------------------------------------------------------- statements */

Test(parser, if_else_chain)
{
    SHAPE_EQ(stmt_shape("if x := f(); x > 1 {\n} else if y {\n} else {\n}"),
             "(if (:= [ x ] { (call f) }) (> x 1) (block) (if _ y (block) (block)))");
}

Test(parser, for_forms)
{
    SHAPE_EQ(stmt_shape("for {\n}"), "(for _ _ _ (block))");
    SHAPE_EQ(stmt_shape("for x < 3 {\n}"), "(for _ (< x 3) _ (block))");
    SHAPE_EQ(stmt_shape("for i := 0; i < 3; i++ {\n}"),
             "(for (:= [ i ] { 0 }) (< i 3) (inc/dec ++ i) (block))");
    SHAPE_EQ(stmt_shape("for k, v := range m {\n}"), "(range m _ _ (block) [ k v ])");
    SHAPE_EQ(stmt_shape("for range ch {\n}"), "(range ch _ _ (block))");
}

Test(parser, range_define_flag)
{
    char *src = "package main\nfunc main() {\n\tfor i := range xs {\n\t}\n\tfor i = range xs {\n\t}\n}\n";
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *body = p.root->list.v[1]->c;
    cr_expect(body->list.v[0]->flags & NF_DEFINE);
    cr_expect_not(body->list.v[1]->flags & NF_DEFINE);
}

Test(parser, switch_statements)
{
    SHAPE_EQ(stmt_shape("switch x {\ncase 1, 2:\n\tf()\ndefault:\n}"),
             "(switch _ (expression statement x) [ (case [ 1 2 ] { (expression statement (call f)) }) (case) ])");
    SHAPE_EQ(stmt_shape("switch {\ncase x > 1:\n\tfallthrough\ncase true:\n}"),
             "(switch [ (case [ (> x 1) ] { (fallthrough) }) (case [ true ]) ])");
}

Test(parser, type_switch)
{
    char *s = stmt_shape("switch v := x.(type) {\ncase int:\ncase nil:\n}");
    SHAPE_EQ(s, "(switch _ (:= [ v ] { (type assertion x) }) [ (case [ int ]) (case [ nil ]) ])");
}

Test(parser, select_statement)
{
    SHAPE_EQ(stmt_shape("select {\ncase v := <-a:\n\t_ = v\ncase b <- 1:\ndefault:\n}"),
             "(select [ (select case (:= [ v ] { (u<- a) }) { (assignment [ _ ] { v }) }) "
             "(select case (send b 1)) (select case) ])");
}

Test(parser, simple_statements)
{
    SHAPE_EQ(stmt_shape("a, b = b, a"), "(assignment [ a b ] { b a })");
    SHAPE_EQ(stmt_shape("x += 2"), "(op-assignment + x 2)");
    SHAPE_EQ(stmt_shape("x <<= 1"), "(op-assignment << x 1)");
    SHAPE_EQ(stmt_shape("ch <- v"), "(send ch v)");
    SHAPE_EQ(stmt_shape("x--"), "(inc/dec -- x)");
    SHAPE_EQ(stmt_shape("go f(1)"), "(go (call f [ 1 ]))");
    SHAPE_EQ(stmt_shape("defer f()"), "(defer (call f))");
    SHAPE_EQ(stmt_shape("return"), "(return)");
}

Test(parser, declarations_in_functions)
{
    SHAPE_EQ(stmt_shape("var a, b int = 1, 2"), "(var int [ a b ] { 1 2 })");
    SHAPE_EQ(stmt_shape("const c = 3"), "(const [ c ] { 3 })");
    SHAPE_EQ(stmt_shape("type T []int"), "(type T (slice type int))");
}

Test(parser, labels_and_branches)
{
    SHAPE_EQ(stmt_shape("outer:\n\tfor {\n\t\tbreak outer\n\t}"),
             "(label outer (for _ _ _ (block [ (break outer) ])))");
}

Test(parser, node_positions)
{
    char *src = "package main\nfunc main() {\n\tx := 1 +\n\t\t2\n}\n";
    Parsed p = parse(src);
    cr_assert_eq(p.errors, 0, "%s", p.report);
    Node *def = p.root->list.v[1]->c->list.v[0];
    cr_expect_eq(def->line, 3);
    Node *bin = def->list2.v[0];
    cr_expect_eq(bin->line, 3);
    cr_expect_eq(bin->col, 9, "a binary node is at its operator (col %d)", bin->col);
    cr_expect_eq(bin->b->line, 4);
    cr_expect_eq(bin->b->col, 3);
}

/* --------------------------------------------------------------- errors */

Test(parser, syntax_error_reports_line_col)
{
    Parsed p = parse("package main\nfunc main() {\n\tx := (1 + \n}\n");
    cr_expect_null(p.root);
    cr_expect_geq(p.errors, 1);
    cr_expect(strstr(p.report, "t.goro:4:1: syntax error: unexpected }") != NULL, "%s", p.report);
}

Test(parser, error_shows_source_line_and_caret)
{
    Parsed p = parse("package main\nfunc main() {\n\tx := 1 +/ 2\n}\n");
    cr_expect_eq(p.errors, 1, "%s", p.report);
    cr_expect_str_eq(p.report, "t.goro:3:10: syntax error: unexpected /\n"
                               "    \tx := 1 +/ 2\n"
                               "    \t        ^\n");
}

Test(parser, unexpected_newline_wording)
{
    Parsed p = parse("package main\nfunc main() {\n\tf(1,\n\t2\n}\n");
    cr_expect_geq(p.errors, 1);
    cr_expect(strstr(p.report, "t.goro:4:3: syntax error: unexpected newline") != NULL, "%s",
              p.report);
}

Test(parser, missing_brace_at_eof)
{
    Parsed p = parse("package main\nfunc main() {\n\tx := 1\n");
    cr_expect_null(p.root);
    cr_expect_geq(p.errors, 1);
    cr_expect(strstr(p.report, "unexpected EOF") != NULL, "%s", p.report);
}

Test(parser, else_on_new_line_is_an_error)
{
    Parsed p = parse("package main\nfunc main() {\n\tif x {\n\t}\n\telse {\n\t}\n}\n");
    cr_expect_geq(p.errors, 1);
    cr_expect(strstr(p.report, "t.goro:5:2: syntax error: unexpected keyword else") != NULL,
              "%s", p.report);
}

Test(parser, recovery_reports_several_errors)
{
    Parsed p = parse("package main\n"
                     "func a() {\n\tx := )\n}\n"
                     "func b() {\n\ty := ]\n}\n"
                     "func c() {\n\tz := +\n}\n");
    cr_expect_null(p.root);
    cr_expect_geq(p.errors, 2, "only %d error(s): %s", p.errors, p.report);
    cr_expect(strstr(p.report, "t.goro:3:") != NULL, "%s", p.report);
    cr_expect(strstr(p.report, "t.goro:6:") != NULL, "%s", p.report);
}

Test(parser, lexical_errors_are_reported_with_position)
{
    Parsed p = parse("package main\nfunc main() {\n\ts := \"abc\n}\n");
    cr_expect_null(p.root);
    cr_expect(strstr(p.report, "t.goro:3:7: string literal not terminated") != NULL, "%s",
              p.report);
    /* the broken literal stands for a literal: no second error on it */
    cr_expect_eq(p.errors, 1, "%s", p.report);
}

Test(parser, bad_escape_values)
{
    Parsed p = parse("package main\nfunc main() {\n\ts := \"\\400\"\n}\n");
    cr_expect_eq(p.errors, 1, "%s", p.report);
    cr_expect(strstr(p.report, "octal escape value > 255") != NULL, "%s", p.report);
    p = parse("package main\nfunc main() {\n\ts := \"\\uD800\"\n}\n");
    cr_expect_eq(p.errors, 1, "%s", p.report);
    cr_expect(strstr(p.report, "escape sequence is invalid Unicode code point") != NULL, "%s",
              p.report);
    p = parse("package main\nfunc main() {\n\tr := '\\U00110000'\n}\n");
    cr_expect_eq(p.errors, 1, "%s", p.report);
}

Test(parser, integer_beyond_uint64_parses_and_bad_octal_does_not)
{
    /* a constant of any size parses; whether it fits is the compiler's
     * question (compile_const.c) */
    Parsed p = parse("package main\nfunc main() {\n\tx := 18446744073709551616 >> 60\n}\n");
    cr_expect_eq(p.errors, 0, "%s", p.report);
    p = parse("package main\nfunc main() {\n\tx := 0129\n}\n");
    cr_expect_eq(p.errors, 1, "%s", p.report);
    cr_expect(strstr(p.report, "literal") != NULL, "%s", p.report);
}

Test(parser, error_limit)
{
    Buf b = {0};
    goro_buf_puts(&b, "package main\nfunc main() {\n");
    for (int i = 0; i < 30; i++)
        goro_buf_puts(&b, "\tx := \"\\q\"\n");
    goro_buf_puts(&b, "}\n");
    goro_buf_putc(&b, 0);
    Parsed p = parse(b.s);
    cr_expect_eq(p.errors, GORO_MAX_ERRORS);
    cr_expect(strstr(p.report, "t.goro: too many errors") != NULL, "%s", p.report);
}

Test(parser, deep_nesting_is_an_error_not_a_crash, .timeout = 20.0)
{
    int depth = 100000;
    Buf b = {0};
    goro_buf_puts(&b, "package main\nfunc main() {\n\tx := ");
    for (int i = 0; i < depth; i++)
        goro_buf_putc(&b, '(');
    goro_buf_putc(&b, '1');
    for (int i = 0; i < depth; i++)
        goro_buf_putc(&b, ')');
    goro_buf_puts(&b, "\n}\n");
    goro_buf_putc(&b, 0);
    Parsed p = parse(b.s);
    cr_expect_null(p.root);
    cr_expect_geq(p.errors, 1);
    cr_expect(strstr(p.report, "nest") != NULL, "%s", p.report);
}

Test(parser, deep_unary_chain_is_an_error_not_a_crash, .timeout = 20.0)
{
    /* no brackets: a long prefix chain must not exhaust the parser's or
     * the C stack */
    int depth = 200000;
    Buf b = {0};
    goro_buf_puts(&b, "package main\nfunc main() {\n\tx := ");
    for (int i = 0; i < depth; i++)
        goro_buf_putc(&b, '!');
    goro_buf_puts(&b, "true\n}\n");
    goro_buf_putc(&b, 0);
    Parsed p = parse(b.s);
    cr_expect_null(p.root);
    cr_expect_eq(p.errors, 1, "%.300s", p.report);
    cr_expect(strstr(p.report, "syntax error: program too deeply nested") != NULL, "%.300s",
              p.report);
}

Test(parser, moderate_nesting_parses)
{
    int depth = 500;
    Buf b = {0};
    goro_buf_puts(&b, "package main\nfunc main() {\n\tx := ");
    for (int i = 0; i < depth; i++)
        goro_buf_putc(&b, '(');
    goro_buf_putc(&b, '1');
    for (int i = 0; i < depth; i++)
        goro_buf_putc(&b, ')');
    goro_buf_puts(&b, "\n}\n");
    goro_buf_putc(&b, 0);
    Parsed p = parse(b.s);
    cr_expect_eq(p.errors, 0, "%.300s", p.report);
    cr_expect_not_null(p.root);
}

Test(parser, needs_more_for_the_repl)
{
    cr_expect(goro_parse_needs_more("func f() {", 10));
    cr_expect(goro_parse_needs_more("x := (1 +", 9));
    cr_expect(goro_parse_needs_more("s := `abc", 9));
    cr_expect(goro_parse_needs_more("/* c", 4));
    cr_expect(goro_parse_needs_more("x := 1 +", 8));
    cr_expect_not(goro_parse_needs_more("x := 1", 6));
    cr_expect_not(goro_parse_needs_more("f()", 3));
    cr_expect_not(goro_parse_needs_more("}", 1), "an extra closer is an error, not more input");
}
