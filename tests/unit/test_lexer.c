/* test_lexer.c: unit tests of the scanner (grammar/lexer.re, src/lex.h):
 * literal forms, identifiers, positions, Go's semicolon insertion, the
 * LBODY and FUNCM context decisions, and lexical errors. */
#include "unit.h"

#include "lex.h"
#include "parser.h"

#define MAXTOK 256

typedef struct Lexed {
    Token t[MAXTOK];
    int n;          /* tokens before EOF */
} Lexed;

/* Scan all of [src] (a C string: the NUL at its end is the lexer's
 * sentinel). */
static Lexed *lex_all(const char *src)
{
    Lexed *x = goro_alloc(sizeof *x);
    Lexer *L = goro_alloc(sizeof *L);
    goro_lex_init(L, src, (int)strlen(src));
    for (;;) {
        cr_assert_lt(x->n, MAXTOK, "too many tokens");
        int type = goro_lex_next(L, &x->t[x->n]);
        cr_assert_eq(type, x->t[x->n].type);
        if (type == 0)
            break;
        x->n++;
    }
    return x;
}

static void expect_types(const char *src, const int *want, int n)
{
    Lexed *x = lex_all(src);
    int m = x->n < n ? x->n : n;
    for (int i = 0; i < m; i++)
        cr_expect_eq(x->t[i].type, want[i], "%s: token %d is %s (%d), want %s (%d)", src, i,
                     goro_lex_token_name(x->t[i].type), x->t[i].type,
                     goro_lex_token_name(want[i]), want[i]);
    cr_assert_eq(x->n, n, "%s: %d tokens, want %d", src, x->n, n);
}

#define TYPES(src, ...)                                                     \
    do {                                                                    \
        static const int want_[] = {__VA_ARGS__};                           \
        expect_types(src, want_, (int)(sizeof want_ / sizeof want_[0]));    \
    } while (0)

/* The single token of [src] (followed by the EOF semicolon, if any). */
static Token first(const char *src)
{
    Lexed *x = lex_all(src);
    cr_assert_geq(x->n, 1, "%s: no token", src);
    return x->t[0];
}

static void setup(void) { goro_ut_init(); }

TestSuite(lexer, .init = setup, .timeout = 10.0);

/* ------------------------------------------------------------ literals */

Test(lexer, integer_literal_forms)
{
    static const char *const forms[] = {"0", "42", "1_000_000", "0x1F", "0XaBc", "0x_FF",
                                        "0o17", "0O7", "017", "0b101", "0B1_0", "0_7"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        Token t = first(forms[i]);
        cr_expect_eq(t.type, TK_INT, "%s lexed as %d", forms[i], t.type);
        cr_expect_eq(t.len, (int)strlen(forms[i]), "%s: len %d", forms[i], t.len);
    }
}

Test(lexer, float_literal_forms)
{
    static const char *const forms[] = {"1.5", ".5", "1.", "1e9", "1E-9", "2.5e+10", "1_0.5e3",
                                        "0x1p-2", "0X1.8P1", "0x.8p0", "00.5"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        Token t = first(forms[i]);
        cr_expect_eq(t.type, TK_FLOAT, "%s lexed as %d", forms[i], t.type);
        cr_expect_eq(t.len, (int)strlen(forms[i]), "%s: len %d", forms[i], t.len);
    }
}

Test(lexer, imaginary_literals)
{
    static const char *const forms[] = {"2i", "1.5i", "0123i", "1e3i", "0x10i"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        Token t = first(forms[i]);
        cr_expect_eq(t.type, TK_IMAG, "%s lexed as %d", forms[i], t.type);
        cr_expect_eq(t.len, (int)strlen(forms[i]));
    }
}

Test(lexer, malformed_numbers_are_illegal)
{
    static const char *const forms[] = {"0x", "08", "1abc", "0b12", "0.5e", "1__0", "0x1p"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        Token t = first(forms[i]);
        cr_expect_eq(t.type, TK_ILLEGAL, "%s lexed as %s", forms[i], goro_lex_token_name(t.type));
        if (t.type == TK_ILLEGAL)
            cr_expect_str_eq(t.err, "malformed number literal", "%s", forms[i]);
    }
}

Test(lexer, interpreted_string_literals)
{
    static const char *const forms[] = {"\"\"", "\"abc\"", "\"\\n\\t\\\\\\\"\"",
                                        "\"\\x41\\101\\u00e9\\U0001F600\"", "\"h\xc3\xa9llo\"",
                                        "\"'\""};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        Token t = first(forms[i]);
        cr_expect_eq(t.type, TK_STRING, "%s lexed as %d", forms[i], t.type);
        cr_expect_eq(t.len, (int)strlen(forms[i]), "%s: len %d", forms[i], t.len);
    }
}

Test(lexer, raw_string_spans_lines)
{
    Lexed *x = lex_all("`a\nb\\n\"c`\nz");
    cr_assert_eq(x->t[0].type, TK_STRING);
    cr_expect_eq(x->t[0].len, 9);
    cr_expect_eq(x->t[0].line, 1);
    cr_assert_eq(x->t[1].type, TK_SEMI);
    cr_expect_eq(x->t[1].implicit, 1);
    cr_assert_eq(x->t[2].type, TK_IDENT);
    cr_expect_eq(x->t[2].line, 3, "the token after a 2-line raw string is on line %d",
                 x->t[2].line);
    cr_expect_eq(x->t[2].col, 1);
}

Test(lexer, rune_literals)
{
    static const char *const forms[] = {"'a'", "'\\n'", "'\\''", "'\\x7f'", "'\\u00e9'",
                                        "'\\U0001F600'", "'\\000'", "'\xe4\xb8\x96'", "'\"'"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        Token t = first(forms[i]);
        cr_expect_eq(t.type, TK_CHAR, "%s lexed as %d", forms[i], t.type);
        cr_expect_eq(t.len, (int)strlen(forms[i]));
    }
}

/* --------------------------------------------------------- identifiers */

Test(lexer, utf8_identifiers)
{
    /* π (2 bytes) 変数 (6 bytes) αβγ _x1 x١ (Arabic-Indic digit one) */
    Lexed *x = lex_all("\xcf\x80 \xe5\xa4\x89\xe6\x95\xb0 \xce\xb1\xce\xb2\xce\xb3 _x1 x\xd9\xa1");
    cr_assert_eq(x->n, 6);
    int lens[] = {2, 6, 6, 3, 3};
    int cols[] = {1, 4, 11, 18, 22};
    for (int i = 0; i < 5; i++) {
        cr_expect_eq(x->t[i].type, TK_IDENT, "token %d", i);
        cr_expect_eq(x->t[i].len, lens[i], "token %d len %d", i, x->t[i].len);
        cr_expect_eq(x->t[i].col, cols[i], "token %d col %d (bytes)", i, x->t[i].col);
    }
}

Test(lexer, digit_cannot_start_identifier)
{
    /* a Unicode digit cannot start a name: "١x" is not an identifier */
    Token t = first("\xd9\xa1x");
    cr_expect_eq(t.type, TK_ILLEGAL);
}

Test(lexer, keywords)
{
    static const char *const kw[] = {"break", "case", "chan", "const", "continue", "default",
                                     "defer", "else", "fallthrough", "for", "func", "go",
                                     "goto", "if", "import", "interface", "map", "package",
                                     "range", "return", "select", "struct", "switch", "type",
                                     "var"};
    static const int code[] = {TK_BREAK, TK_CASE, TK_CHAN, TK_CONST, TK_CONTINUE,
                               TK_DEFAULT, TK_DEFER, TK_ELSE, TK_FALLTHROUGH, TK_FOR,
                               TK_FUNC, TK_GO, TK_GOTO, TK_IF, TK_IMPORT, TK_INTERFACE,
                               TK_MAP, TK_PACKAGE, TK_RANGE, TK_RETURN, TK_SELECT,
                               TK_STRUCT, TK_SWITCH, TK_TYPE, TK_VAR};
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        cr_expect_eq(first(kw[i]).type, code[i], "%s", kw[i]);
        /* a longer name is an identifier */
        char buf[32];
        snprintf(buf, sizeof buf, "%sx", kw[i]);
        cr_expect_eq(first(buf).type, TK_IDENT, "%s", buf);
    }
}

Test(lexer, operators)
{
    TYPES("+ - * / % & | ^ << >> &^ && || <- ++ -- == < > = ! ~ != <= >= := ... ( ) [ ] , . ; :",
          TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT, TK_AMP, TK_PIPE, TK_CARET, TK_SHL,
          TK_SHR, TK_ANDNOT, TK_ANDAND, TK_OROR, TK_ARROW, TK_INC, TK_DEC, TK_EQ, TK_LT, TK_GT,
          TK_ASSIGN, TK_NOT, TK_TILDE, TK_NE, TK_LE, TK_GE, TK_DEFINE, TK_ELLIPSIS, TK_LPAREN,
          TK_RPAREN, TK_LBRACK, TK_RBRACK, TK_COMMA, TK_DOT, TK_SEMI, TK_COLON);
}

Test(lexer, op_assign_carries_operator)
{
    static const char *const ops[] = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=",
                                      ">>=", "&^="};
    static const int code[] = {TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT, TK_AMP,
                               TK_PIPE, TK_CARET, TK_SHL, TK_SHR, TK_ANDNOT};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        Token t = first(ops[i]);
        cr_expect_eq(t.type, TK_OPASSIGN, "%s", ops[i]);
        cr_expect_eq(t.op, code[i], "%s: op %d", ops[i], t.op);
        cr_expect_eq(t.len, (int)strlen(ops[i]));
    }
}

/* ----------------------------------------------------------- positions */

Test(lexer, line_and_column)
{
    Lexed *x = lex_all("a\n  bb\tc\n\n   d");
    /* a ; bb c ; d ; */
    cr_assert_eq(x->n, 7);
    cr_expect_eq(x->t[0].line, 1); cr_expect_eq(x->t[0].col, 1);
    cr_expect_eq(x->t[1].type, TK_SEMI);
    cr_expect_eq(x->t[2].line, 2); cr_expect_eq(x->t[2].col, 3);
    cr_expect_eq(x->t[3].line, 2); cr_expect_eq(x->t[3].col, 6, "a tab is one byte column");
    cr_expect_eq(x->t[5].line, 4); cr_expect_eq(x->t[5].col, 4);
    cr_expect_eq(x->t[5].off, 13);
    cr_expect_eq(x->t[5].len, 1);
}

Test(lexer, columns_count_bytes_after_utf8)
{
    /* "é" is 2 bytes: + is at byte column 11, y at 13 */
    Lexed *x = lex_all("s := \"\xc3\xa9\" + y");
    cr_assert_eq(x->t[4].type, TK_IDENT);
    cr_expect_eq(x->t[4].col, 13, "col %d", x->t[4].col);
    cr_expect_eq(x->t[3].col, 11);
}

/* ------------------------------------------------ semicolon insertion */

Test(lexer, semicolon_after_statement_enders)
{
    static const char *const enders[] = {"x", "42", "1.5", "2i", "\"s\"", "`r`", "'c'",
                                         "break", "continue", "fallthrough", "return",
                                         "x++", "x--", "f()", "a[1]", "{}"};
    for (size_t i = 0; i < sizeof enders / sizeof enders[0]; i++) {
        char src[64];
        snprintf(src, sizeof src, "%s\nz", enders[i]);
        Lexed *x = lex_all(src);
        cr_assert_geq(x->n, 3, "%s", enders[i]);
        Token semi = x->t[x->n - 3];
        cr_expect_eq(semi.type, TK_SEMI, "no ';' inserted after %s", enders[i]);
        cr_expect_eq(semi.implicit, 1, "%s", enders[i]);
        cr_expect_eq(semi.line, 1, "%s: the ';' belongs to line 1", enders[i]);
    }
}

Test(lexer, no_semicolon_after_operators)
{
    static const char *const ops[] = {"+", "-", "*", "/", "&&", "||", "==", "=", ":=", ",",
                                      "(", "[", "{", ".", "<-", "!", "if", "func", "var",
                                      "else", "go", "defer", "chan", "..."};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        char src[64];
        snprintf(src, sizeof src, "%s\nz", ops[i]);
        Lexed *x = lex_all(src);
        for (int k = 0; k < x->n - 1; k++)
            cr_expect_neq(x->t[k].type, TK_SEMI, "';' inserted after %s", ops[i]);
    }
}

Test(lexer, semicolon_at_end_of_input)
{
    TYPES("x", TK_IDENT, TK_SEMI);
    TYPES("return", TK_RETURN, TK_SEMI);
    TYPES("x +", TK_IDENT, TK_PLUS);
    Lexed *x = lex_all("f()");
    cr_expect_eq(x->t[3].type, TK_SEMI);
    cr_expect_eq(x->t[3].implicit, 1);
}

Test(lexer, explicit_semicolon_is_not_implicit)
{
    Lexed *x = lex_all("a; b");
    cr_assert_eq(x->t[1].type, TK_SEMI);
    cr_expect_eq(x->t[1].implicit, 0);
    cr_expect_eq(x->t[1].len, 1);
}

Test(lexer, comments_and_semicolons)
{
    TYPES("x // comment\ny", TK_IDENT, TK_SEMI, TK_IDENT, TK_SEMI);
    TYPES("x /* a\n b */ y", TK_IDENT, TK_SEMI, TK_IDENT, TK_SEMI);
    TYPES("x /* a b */ y", TK_IDENT, TK_IDENT, TK_SEMI);
    TYPES("x + /* a\n */ y", TK_IDENT, TK_PLUS, TK_IDENT, TK_SEMI);
    /* the line count continues past a multi-line comment */
    Lexed *x = lex_all("/*\n\n*/ q");
    cr_expect_eq(x->t[0].line, 3);
    cr_expect_eq(x->t[0].col, 4);
}

/* ------------------------------------------------------------- LBODY */

Test(lexer, lbody_in_if_for_switch_select_headers)
{
    TYPES("if x == y {", TK_IF, TK_IDENT, TK_EQ, TK_IDENT, TK_LBODY);
    TYPES("for i := 0; i < n; i++ {", TK_FOR, TK_IDENT, TK_DEFINE, TK_INT, TK_SEMI, TK_IDENT,
          TK_LT, TK_IDENT, TK_SEMI, TK_IDENT, TK_INC, TK_LBODY);
    TYPES("switch x {", TK_SWITCH, TK_IDENT, TK_LBODY);
    TYPES("select {", TK_SELECT, TK_LBODY);
    TYPES("for {", TK_FOR, TK_LBODY);
}

Test(lexer, lbrace_outside_headers)
{
    TYPES("x := T{1}", TK_IDENT, TK_DEFINE, TK_IDENT, TK_LBRACE, TK_INT, TK_RBRACE, TK_SEMI);
    TYPES("func f() {", TK_FUNC, TK_IDENT, TK_LPAREN, TK_RPAREN, TK_LBRACE);
    /* after the header's body opened, a composite literal is LBRACE */
    TYPES("if x { y := T{} }", TK_IF, TK_IDENT, TK_LBODY, TK_IDENT, TK_DEFINE, TK_IDENT,
          TK_LBRACE, TK_RBRACE, TK_RBRACE, TK_SEMI);
}

Test(lexer, composite_literal_in_parens_inside_header)
{
    TYPES("if x == (T{}) {", TK_IF, TK_IDENT, TK_EQ, TK_LPAREN, TK_IDENT, TK_LBRACE, TK_RBRACE,
          TK_RPAREN, TK_LBODY);
}

Test(lexer, range_over_composite_rearms_header)
{
    /* the literal's `{` is taken as LBODY; when it closes, header mode
     * comes back so the real body's `{` is LBODY too */
    TYPES("for _, v := range []int{1} {", TK_FOR, TK_IDENT, TK_COMMA, TK_IDENT, TK_DEFINE,
          TK_RANGE, TK_LBRACK, TK_RBRACK, TK_IDENT, TK_LBODY, TK_INT, TK_RBRACE, TK_LBODY);
}

Test(lexer, func_literal_in_header)
{
    TYPES("if f := func() bool { return true }; f() {", TK_IF, TK_IDENT, TK_DEFINE, TK_FUNC,
          TK_LPAREN, TK_RPAREN, TK_IDENT, TK_LBODY, TK_RETURN, TK_IDENT, TK_RBRACE, TK_SEMI,
          TK_IDENT, TK_LPAREN, TK_RPAREN, TK_LBODY);
}

Test(lexer, newline_ends_header_mode)
{
    /* `if` on one line, a newline semicolon: the next `{` is an ordinary LBRACE */
    Lexed *x = lex_all("if x\ny := T{}");
    int last_brace = 0;
    for (int i = 0; i < x->n; i++)
        if (x->t[i].type == TK_LBRACE || x->t[i].type == TK_LBODY)
            last_brace = x->t[i].type;
    cr_expect_eq(last_brace, TK_LBRACE);
}

/* ------------------------------------------------------------- FUNCM */

Test(lexer, funcm_for_method_declarations_at_top_level)
{
    TYPES("func (p P) M() {}", TK_FUNCM, TK_LPAREN, TK_IDENT, TK_IDENT, TK_RPAREN, TK_IDENT,
          TK_LPAREN, TK_RPAREN, TK_LBRACE, TK_RBRACE, TK_SEMI);
    /* after a previous declaration's newline semicolon, too */
    Lexed *x = lex_all("x := 1\nfunc (p P) M() {}");
    cr_expect_eq(x->t[4].type, TK_FUNCM);
    /* and with blanks between func and ( */
    cr_expect_eq(first("func \t(p P) M() {}").type, TK_FUNCM);
}

Test(lexer, func_literals_are_not_funcm)
{
    TYPES("go func() {}()", TK_GO, TK_FUNC, TK_LPAREN, TK_RPAREN, TK_LBRACE, TK_RBRACE,
          TK_LPAREN, TK_RPAREN, TK_SEMI);
    TYPES("f := func(a int) {}", TK_IDENT, TK_DEFINE, TK_FUNC, TK_LPAREN, TK_IDENT, TK_IDENT,
          TK_RPAREN, TK_LBRACE, TK_RBRACE, TK_SEMI);
    /* inside a block (depth > 0) a statement `func(...)` is a literal */
    Lexed *x = lex_all("{\nfunc() {}()\n}");
    cr_expect_eq(x->t[1].type, TK_FUNC);
    cr_expect_eq(first("func f() {}").type, TK_FUNC);
}

/* ------------------------------------------------------------- errors */

static void expect_error(const char *src, const char *msg)
{
    Lexed *x = lex_all(src);
    for (int i = 0; i < x->n; i++) {
        if (x->t[i].type == TK_ILLEGAL) {
            cr_assert_not_null(x->t[i].err);
            cr_expect_str_eq(x->t[i].err, msg, "%s", src);
            return;
        }
    }
    cr_expect_fail("%s: no error (want %s)", src, msg);
}

Test(lexer, unterminated_strings)
{
    expect_error("\"abc", "string literal not terminated");
    expect_error("\"abc\nx\"", "string literal not terminated");
    expect_error("`abc", "raw string literal not terminated");
    expect_error("'a", "rune literal not terminated");
    expect_error("/* abc", "comment not terminated");
}

Test(lexer, unterminated_string_position)
{
    Lexed *x = lex_all("x := \"abc\ny");
    cr_assert_eq(x->t[2].type, TK_ILLEGAL);
    cr_expect_eq(x->t[2].line, 1);
    cr_expect_eq(x->t[2].col, 6);
    /* scanning goes on after the error, on the next line */
    int found = 0;
    for (int i = 3; i < x->n; i++)
        if (x->t[i].type == TK_IDENT && x->t[i].line == 2)
            found = 1;
    cr_expect(found, "no token after the bad literal");
}

Test(lexer, bad_escapes)
{
    expect_error("\"\\q\"", "unknown escape sequence");
    expect_error("\"\\x4\"", "unknown escape sequence");
    expect_error("\"\\u12\"", "unknown escape sequence");
    expect_error("'\\q'", "unknown escape sequence");
    expect_error("\"\\8\"", "unknown escape sequence");
}

Test(lexer, bad_rune_literals)
{
    expect_error("''", "empty rune literal or unescaped ' in rune literal");
    expect_error("'ab'", "more than one character in rune literal");
}

Test(lexer, invalid_characters)
{
    Lexed *x = lex_all("a @ b");
    cr_expect_eq(x->t[1].type, TK_ILLEGAL);
    cr_expect_eq(x->t[1].col, 3);
    /* a NUL byte inside the buffer */
    static const char nul[] = "a\0b";
    Lexer L;
    goro_lex_init(&L, nul, 3);
    Token t;
    cr_expect_eq(goro_lex_next(&L, &t), TK_IDENT);
    cr_expect_eq(goro_lex_next(&L, &t), TK_ILLEGAL);
    cr_expect_str_eq(t.err, "invalid NUL character");
    /* a lone continuation byte is not UTF-8 */
    x = lex_all("a \x80 b");
    cr_expect_eq(x->t[1].type, TK_ILLEGAL);
    x = lex_all("// bad \xff\n");
    cr_expect_eq(x->t[0].type, TK_ILLEGAL);
    cr_expect(strstr(x->t[0].err, "invalid UTF-8 encoding") != NULL, "%s", x->t[0].err);
}

Test(lexer, nesting_limit)
{
    int n = GORO_MAX_NESTING + 5;
    char *src = goro_alloc_atomic((size_t)n + 1);
    memset(src, '(', (size_t)n);
    src[n] = 0;
    Lexer *L = goro_alloc(sizeof *L);
    goro_lex_init(L, src, n);
    Token t;
    int count = 0, type;
    while ((type = goro_lex_next(L, &t)) == TK_LPAREN)
        count++;
    cr_expect_eq(count, GORO_MAX_NESTING);
    cr_expect_eq(type, TK_ILLEGAL);
    cr_expect(L->too_deep);
}

Test(lexer, token_names)
{
    cr_expect_str_eq(goro_lex_token_name(0), "EOF");
    cr_expect_str_eq(goro_lex_token_name(TK_IDENT), "name");
    cr_expect_str_eq(goro_lex_token_name(TK_STRING), "literal");
    cr_expect_str_eq(goro_lex_token_name(TK_LBODY), "{");
    cr_expect_str_eq(goro_lex_token_name(TK_FUNCM), "func");
    cr_expect_str_eq(goro_lex_token_name(TK_SEMI), "semicolon or newline");
    cr_expect_str_eq(goro_lex_token_name(TK_ANDNOT), "&^");
}
