/* utf8.c: UTF-8 as Go's unicode/utf8 package decodes it. */
#include "utf8.h"

int goro_utf8_decode(const unsigned char *s, int64_t n, int32_t *r)
{
    if (n <= 0) {
        *r = GORO_RUNE_ERROR;
        return 0;
    }
    unsigned c = s[0];
    if (c < 0x80) {
        *r = (int32_t)c;
        return 1;
    }
    int len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
    else { *r = GORO_RUNE_ERROR; return 1; }
    if (n < len) { *r = GORO_RUNE_ERROR; return 1; }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *r = GORO_RUNE_ERROR; return 1; }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
        *r = GORO_RUNE_ERROR;
        return 1;
    }
    *r = (int32_t)cp;
    return len;
}

int goro_utf8_len(int32_t r)
{
    if (r < 0) return 3;
    if (r < 0x80) return 1;
    if (r < 0x800) return 2;
    if (r >= 0xD800 && r < 0xE000) return 3;
    if (r < 0x10000) return 3;
    if (r <= 0x10FFFF) return 4;
    return 3;
}

int goro_utf8_encode(int32_t r, char *out)
{
    uint32_t c = (uint32_t)r;
    if (r < 0 || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
        c = GORO_RUNE_ERROR;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

int64_t goro_utf8_count(const unsigned char *s, int64_t n)
{
    int64_t count = 0;
    for (int64_t i = 0; i < n;) {
        if (s[i] < 0x80) { i++; count++; continue; }
        int32_t r;
        i += goro_utf8_decode(s + i, n - i, &r);
        count++;
    }
    return count;
}

int goro_utf8_valid(const unsigned char *s, int64_t n)
{
    for (int64_t i = 0; i < n;) {
        if (s[i] < 0x80) { i++; continue; }
        int32_t r;
        int k = goro_utf8_decode(s + i, n - i, &r);
        if (r == GORO_RUNE_ERROR && k == 1)
            return 0;
        i += k;
    }
    return 1;
}
