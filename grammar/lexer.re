/* lexer.re: goro's scanner (re2c, UTF-8 mode).
 *
 * Turns source bytes into lemon's TK_* tokens with Go's automatic
 * semicolon insertion, line:col on every token, and two context
 * decisions the LALR grammar cannot make by itself:
 *
 *  - LBODY.  In `if x == T{} {` the first `{` could open a composite
 *    literal or the block.  Like Go's old yacc lexer ("loophack"), we
 *    are in header mode after `if`, `for`, `switch` and `select`; the
 *    first `{` outside parentheses in header mode is LBODY.  A `{`
 *    turned into LBODY that turns out to open a composite literal
 *    (`range []int{1, 2} {`) or a func literal body re-arms header mode
 *    when it closes, so the real body still gets LBODY.  A newline
 *    semicolon ends header mode.  The grammar takes LBODY or LBRACE
 *    wherever a block or non-name composite literal may start, and only
 *    LBRACE after a bare type name, as the Go spec requires.
 *  - FUNCM.  At the top level, a statement starting with `func (` is a
 *    method declaration (so `go func() {...}()` and `f := func(...)` stay
 *    function literals).
 *
 * The source buffer ends with a NUL at lim (sentinel with bounds check);
 * a NUL before lim is an ordinary (illegal) character. */
#include <string.h>
#include "common.h"
#include "lex.h"
#include "parser.h"
#include "utf8.h"

void goro_lex_init(Lexer *L, const char *src, int len)
{
    memset(L, 0, sizeof *L);
    L->src = L->cur = L->line_start = (const unsigned char *)src;
    L->lim = L->src + len;
    L->line = 1;
    L->at_stmt_start = 1;
}

static int semi_after(int type)
{
    switch (type) {
    case TK_IDENT: case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_STRING:
    case TK_CHAR: case TK_BREAK: case TK_CONTINUE: case TK_FALLTHROUGH:
    case TK_RETURN: case TK_INC: case TK_DEC: case TK_RPAREN: case TK_RBRACK:
    case TK_RBRACE:
        return 1;
    }
    return 0;
}

static void newline(Lexer *L, const unsigned char *after)
{
    L->line++;
    L->line_start = after;
}

static int illegal(Lexer *L, Token *t, const char *msg)
{
    t->type = TK_ILLEGAL;
    t->err = msg;
    t->len = (int)(L->cur - L->tok);
    return TK_ILLEGAL;
}

/* Why an unterminated string or rune literal stopped where it did. */
static const char *literal_error(Lexer *L, const char *what)
{
    unsigned char c = L->cur < L->lim ? *L->cur : 0;
    if (L->cur >= L->lim || c == '\n')
        return what;
    if (c == '\\')
        return "unknown escape sequence";
    if (c >= 0x80)
        return "invalid UTF-8 encoding";
    return "invalid character in literal";
}

static int open_bracket(Lexer *L, Token *t, int type)
{
    if (L->depth >= GORO_MAX_NESTING) {
        L->too_deep = 1;
        return illegal(L, t, "nesting too deep (more than 2000 open brackets)");
    }
    if (type == TK_LBRACE && L->hdr) {
        type = TK_LBODY;
        L->stack[L->depth++] = 1;
    } else {
        L->stack[L->depth++] = (uint8_t)L->hdr;
    }
    L->hdr = 0;
    return type;
}

static int close_bracket(Lexer *L, int type)
{
    L->hdr = L->depth > 0 ? L->stack[--L->depth] : 0;
    return type;
}

/* Go's words for a character that cannot start a token. */
static const char *bad_char(Lexer *L)
{
    int32_t r;
    int n = goro_utf8_decode(L->tok, L->lim - L->tok, &r);
    if (r == GORO_RUNE_ERROR && n <= 1)
        return "invalid UTF-8 encoding";
    L->cur = L->tok + n;
    char buf[8];
    int k = goro_utf8_encode(r, buf);
    return goro_sprintf("invalid character U+%04X '%.*s'", (unsigned)r, k, buf);
}

/* After `func` at the top level: is the next non-blank character '('? */
static int method_follows(Lexer *L)
{
    const unsigned char *p = L->cur;
    while (p < L->lim && (*p == ' ' || *p == '\t'))
        p++;
    return p < L->lim && *p == '(';
}

/*!include:re2c "unicode_categories.re" */

static int scan(Lexer *L, Token *t)
{
    const unsigned char *p;
loop:
    L->tok = L->cur;
    t->off = (int)(L->tok - L->src);
    t->line = L->line;
    t->col = (int)(L->tok - L->line_start) + 1;
    t->op = 0;
    t->err = 0;
    t->implicit = 0;
/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = "L->cur";
    re2c:define:YYMARKER = "L->mark";
    re2c:define:YYLIMIT = "L->lim";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    letter   = L | "_";
    udigit   = Nd;
    ident    = letter (letter | udigit)*;
    dec      = [0-9];
    decs     = dec ("_"? dec)*;
    hex      = [0-9a-fA-F];
    hexs     = "_"? hex ("_"? hex)*;
    intlit   = "0" | [1-9] ("_"? dec)* | "0" [xX] hexs | "0" [bB] ("_"? [01])+
             | "0" [oO] ("_"? [0-7])+ | "0" ("_"? [0-7])+;
    exp      = [eE] [+-]? decs;
    floatlit = decs "." decs? exp? | decs exp | "." decs exp?
             | "0" [xX] (hexs ("." hexs?)? | "." hexs) [pP] [+-]? decs;
    esc      = "\\" ([abfnrtv\\'"] | [0-7]{3} | "x" hex{2} | "u" hex{4} | "U" hex{8});
    strchar  = [^"\\\n\x00] | esc;
    runechar = [^'\\\n\x00] | esc;

    $ { return 0; }

    [ \t\r]+ { goto loop; }
    "\n" {
        newline(L, L->cur);
        if (L->insert_semi) {
            t->type = TK_SEMI; t->implicit = 1; t->len = 0;
            return TK_SEMI;
        }
        goto loop;
    }
    "//" [^\n\x00]* {
        if (!goro_utf8_valid(L->tok, L->cur - L->tok))
            return illegal(L, t, "invalid UTF-8 encoding");
        goto loop;
    }
    "/*" {
        for (p = L->cur; p + 1 < L->lim; p++) {
            if (p[0] == '*' && p[1] == '/')
                break;
        }
        if (p + 1 >= L->lim) {
            L->cur = L->lim;
            return illegal(L, t, "comment not terminated");
        }
        int had_newline = 0;
        for (const unsigned char *q = L->cur; q < p; q++) {
            if (*q == '\n') { newline(L, q + 1); had_newline = 1; }
        }
        L->cur = p + 2;
        if (had_newline && L->insert_semi) {
            t->type = TK_SEMI; t->implicit = 1; t->len = 0;
            return TK_SEMI;
        }
        goto loop;
    }

    "break"       { return TK_BREAK; }
    "case"        { return TK_CASE; }
    "chan"        { return TK_CHAN; }
    "const"       { return TK_CONST; }
    "continue"    { return TK_CONTINUE; }
    "default"     { return TK_DEFAULT; }
    "defer"       { return TK_DEFER; }
    "else"        { return TK_ELSE; }
    "fallthrough" { return TK_FALLTHROUGH; }
    "for"         { L->hdr = 1; return TK_FOR; }
    "func"        { return (L->depth == 0 && L->at_stmt_start && method_follows(L)) ? TK_FUNCM : TK_FUNC; }
    "go"          { return TK_GO; }
    "goto"        { return TK_GOTO; }
    "if"          { L->hdr = 1; return TK_IF; }
    "import"      { return TK_IMPORT; }
    "interface"   { return TK_INTERFACE; }
    "map"         { return TK_MAP; }
    "package"     { return TK_PACKAGE; }
    "range"       { return TK_RANGE; }
    "return"      { return TK_RETURN; }
    "select"      { L->hdr = 1; return TK_SELECT; }
    "struct"      { return TK_STRUCT; }
    "switch"      { L->hdr = 1; return TK_SWITCH; }
    "type"        { return TK_TYPE; }
    "var"         { return TK_VAR; }

    ident         { return TK_IDENT; }
    intlit        { return TK_INT; }
    floatlit      { return TK_FLOAT; }
    (intlit | floatlit | decs) "i" { return TK_IMAG; }
    [0-9] [0-9a-zA-Z_.]* { return illegal(L, t, "malformed number literal"); }

    ["] strchar* ["] { return TK_STRING; }
    ["] strchar*     { return illegal(L, t, literal_error(L, "string literal not terminated")); }
    "`" [^`\x00]* "`" {
        for (p = L->tok + 1; p < L->cur - 1; p++)
            if (*p == '\n') newline(L, p + 1);
        return TK_STRING;
    }
    "`" [^`\x00]* {
        for (p = L->tok + 1; p < L->cur; p++)
            if (*p == '\n') newline(L, p + 1);
        return illegal(L, t, L->cur >= L->lim ? "raw string literal not terminated"
                                              : "invalid character in raw string literal");
    }
    ['] runechar ['] { return TK_CHAR; }
    ['] ['] { return illegal(L, t, "empty rune literal or unescaped ' in rune literal"); }
    ['] runechar+ ['] { return illegal(L, t, "more than one character in rune literal"); }
    ['] runechar* { return illegal(L, t, literal_error(L, "rune literal not terminated")); }

    "+"   { return TK_PLUS; }
    "-"   { return TK_MINUS; }
    "*"   { return TK_STAR; }
    "/"   { return TK_SLASH; }
    "%"   { return TK_PERCENT; }
    "&"   { return TK_AMP; }
    "|"   { return TK_PIPE; }
    "^"   { return TK_CARET; }
    "<<"  { return TK_SHL; }
    ">>"  { return TK_SHR; }
    "&^"  { return TK_ANDNOT; }
    "+="  { t->op = TK_PLUS; return TK_OPASSIGN; }
    "-="  { t->op = TK_MINUS; return TK_OPASSIGN; }
    "*="  { t->op = TK_STAR; return TK_OPASSIGN; }
    "/="  { t->op = TK_SLASH; return TK_OPASSIGN; }
    "%="  { t->op = TK_PERCENT; return TK_OPASSIGN; }
    "&="  { t->op = TK_AMP; return TK_OPASSIGN; }
    "|="  { t->op = TK_PIPE; return TK_OPASSIGN; }
    "^="  { t->op = TK_CARET; return TK_OPASSIGN; }
    "<<=" { t->op = TK_SHL; return TK_OPASSIGN; }
    ">>=" { t->op = TK_SHR; return TK_OPASSIGN; }
    "&^=" { t->op = TK_ANDNOT; return TK_OPASSIGN; }
    "&&"  { return TK_ANDAND; }
    "||"  { return TK_OROR; }
    "<-"  { return TK_ARROW; }
    "++"  { return TK_INC; }
    "--"  { return TK_DEC; }
    "=="  { return TK_EQ; }
    "<"   { return TK_LT; }
    ">"   { return TK_GT; }
    "="   { return TK_ASSIGN; }
    "!"   { return TK_NOT; }
    "~"   { return TK_TILDE; }
    "!="  { return TK_NE; }
    "<="  { return TK_LE; }
    ">="  { return TK_GE; }
    ":="  { return TK_DEFINE; }
    "..." { return TK_ELLIPSIS; }
    "("   { return open_bracket(L, t, TK_LPAREN); }
    "["   { return open_bracket(L, t, TK_LBRACK); }
    "{"   { return open_bracket(L, t, TK_LBRACE); }
    ")"   { return close_bracket(L, TK_RPAREN); }
    "]"   { return close_bracket(L, TK_RBRACK); }
    "}"   { return close_bracket(L, TK_RBRACE); }
    ","   { return TK_COMMA; }
    "."   { return TK_DOT; }
    ";"   { return TK_SEMI; }
    ":"   { return TK_COLON; }

    [\x00] { return illegal(L, t, "invalid NUL character"); }
    [\x80-\U0010FFFF] { return illegal(L, t, bad_char(L)); }
    * { return illegal(L, t, bad_char(L)); }
*/
}

int goro_lex_next(Lexer *L, Token *t)
{
    if (L->pending_eof) {
        t->type = 0;
        t->off = (int)(L->lim - L->src);
        t->len = 0;
        t->line = L->line;
        t->col = (int)(L->lim - L->line_start) + 1;
        t->implicit = 0;
        return 0;
    }
    int type = scan(L, t);
    if (type == 0) {
        /* end of input: a final implicit ';' if the rule asks for one */
        t->len = 0;
        if (L->insert_semi) {
            L->insert_semi = 0;
            L->pending_eof = 1;
            t->type = TK_SEMI;
            t->implicit = 1;
            return TK_SEMI;
        }
        t->type = 0;
        L->pending_eof = 1;
        return 0;
    }
    t->type = type;
    if (type != TK_ILLEGAL)
        t->len = (int)(L->cur - L->tok);
    if (type == TK_SEMI && t->implicit && L->hdr)
        L->hdr = 0;
    if (type != TK_ILLEGAL) {
        L->insert_semi = semi_after(type);
        L->at_stmt_start = type == TK_SEMI;
    }
    return type;
}

const char *goro_lex_token_name(int type)
{
    switch (type) {
    case 0: return "EOF";
    case TK_IDENT: return "name";
    case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_STRING: case TK_CHAR:
        return "literal";
    case TK_BREAK: return "break";
    case TK_CASE: return "case";
    case TK_CHAN: return "chan";
    case TK_CONST: return "const";
    case TK_CONTINUE: return "continue";
    case TK_DEFAULT: return "default";
    case TK_DEFER: return "defer";
    case TK_ELSE: return "else";
    case TK_FALLTHROUGH: return "fallthrough";
    case TK_FOR: return "for";
    case TK_FUNC: case TK_FUNCM: return "func";
    case TK_GO: return "go";
    case TK_GOTO: return "goto";
    case TK_IF: return "if";
    case TK_IMPORT: return "import";
    case TK_INTERFACE: return "interface";
    case TK_MAP: return "map";
    case TK_PACKAGE: return "package";
    case TK_RANGE: return "range";
    case TK_RETURN: return "return";
    case TK_SELECT: return "select";
    case TK_STRUCT: return "struct";
    case TK_SWITCH: return "switch";
    case TK_TYPE: return "type";
    case TK_VAR: return "var";
    case TK_PLUS: return "+";
    case TK_MINUS: return "-";
    case TK_STAR: return "*";
    case TK_SLASH: return "/";
    case TK_PERCENT: return "%";
    case TK_AMP: return "&";
    case TK_PIPE: return "|";
    case TK_CARET: return "^";
    case TK_SHL: return "<<";
    case TK_SHR: return ">>";
    case TK_ANDNOT: return "&^";
    case TK_OPASSIGN: return "op=";
    case TK_ANDAND: return "&&";
    case TK_OROR: return "||";
    case TK_ARROW: return "<-";
    case TK_INC: return "++";
    case TK_DEC: return "--";
    case TK_EQ: return "==";
    case TK_LT: return "<";
    case TK_GT: return ">";
    case TK_ASSIGN: return "=";
    case TK_NOT: return "!";
    case TK_TILDE: return "~";
    case TK_NE: return "!=";
    case TK_LE: return "<=";
    case TK_GE: return ">=";
    case TK_DEFINE: return ":=";
    case TK_ELLIPSIS: return "...";
    case TK_LPAREN: return "(";
    case TK_LBRACK: return "[";
    case TK_LBRACE: case TK_LBODY: return "{";
    case TK_RPAREN: return ")";
    case TK_RBRACK: return "]";
    case TK_RBRACE: return "}";
    case TK_COMMA: return "comma";
    case TK_DOT: return ".";
    case TK_SEMI: return "semicolon or newline";
    case TK_COLON: return ":";
    }
    return "token";
}
