/* utf8.h: UTF-8 encoding and decoding with Go's rules: an invalid
 * sequence decodes as U+FFFD consuming one byte; surrogates and values
 * above U+10FFFF are invalid. */
#ifndef GORO_UTF8_H
#define GORO_UTF8_H

#include <stdint.h>

#define GORO_RUNE_ERROR 0xFFFD

/* Decode the rune at s (n bytes available); returns its byte length. */
int goro_utf8_decode(const unsigned char *s, int64_t n, int32_t *r);
/* Encode r into out (4 bytes room); invalid runes encode U+FFFD. */
int goro_utf8_encode(int32_t r, char *out);
int goro_utf8_len(int32_t r);
int64_t goro_utf8_count(const unsigned char *s, int64_t n);
int goro_utf8_valid(const unsigned char *s, int64_t n);

#endif
