/* lex.h: the token and the lexer state shared by grammar/lexer.re, the
 * parser driver (src/parse.c) and the REPL (which asks the lexer whether
 * brackets are still open).
 *
 * One token vocabulary: token types are lemon's TK_* codes from the
 * generated parser header, so lexer and parser never translate. */
#ifndef GORO_LEX_H
#define GORO_LEX_H

#include <stdint.h>

typedef struct Token {
    int type;       /* TK_* from parser.h */
    int op;         /* TK_OPASSIGN: the binary operator (TK_PLUS...) */
    int line, col;  /* 1-based; col counts bytes, as Go's compiler does */
    int off, len;   /* lexeme = src[off .. off+len) */
    int implicit;   /* TK_SEMI inserted at a newline or end of file */
    const char *err;/* TK_ILLEGAL: what is wrong */
} Token;

/* Nesting deeper than this is reported as an error by the lexer, which
 * keeps the parser stack and the recursive compiler passes bounded. */
#define GORO_MAX_NESTING 2000

typedef struct Lexer {
    const unsigned char *src, *cur, *mark, *lim, *tok;
    const unsigned char *line_start;
    int line;
    int insert_semi;      /* Go's rule: emit ';' at the next newline */
    int hdr;              /* inside an if/for/switch/select header */
    int depth;            /* open ( [ { */
    uint8_t stack[GORO_MAX_NESTING + 1]; /* hdr value to restore on close */
    int too_deep;         /* the nesting limit was hit */
    int pending_eof;      /* implicit ';' sent at EOF, EOF next */
    int at_stmt_start;    /* the last token was ';' (or none): FUNCM is possible */
} Lexer;

void goro_lex_init(Lexer *L, const char *src, int len);
/* Fill [t] with the next token; returns its type, 0 at end of input. */
int goro_lex_next(Lexer *L, Token *t);

/* A printable spelling of a token type for error messages. */
const char *goro_lex_token_name(int type);

#endif
