/* test_utf8.c: unit tests of UTF-8 decoding and encoding (src/utf8.h)
 * against Go 1.19's unicode/utf8 (expected values printed by Go's
 * DecodeRuneInString, RuneCountInString, ValidString and EncodeRune). */
#include "unit.h"

#include "utf8.h"

static void setup(void) { goro_ut_init(); }

TestSuite(utf8, .init = setup);

typedef struct DecodeCase {
    const char *s;
    int32_t runes[4];
    int widths[4];
    int count;
    int valid;
} DecodeCase;

static const DecodeCase decode_cases[] = {
    {"a", {0x61}, {1}, 1, 1},
    {"\xc3\xa9", {0xe9}, {2}, 1, 1},
    {"\xe4\xb8\x96", {0x4e16}, {3}, 1, 1},
    {"\xf0\x9f\x98\x80", {0x1f600}, {4}, 1, 1},
    {"\xc2\x80", {0x80}, {2}, 1, 1},
    {"\xdf\xbf", {0x7ff}, {2}, 1, 1},
    {"\xe0\xa0\x80", {0x800}, {3}, 1, 1},
    {"\xf0\x90\x80\x80", {0x10000}, {4}, 1, 1},
    {"\xf4\x8f\xbf\xbf", {0x10ffff}, {4}, 1, 1},
    {"\xef\xbf\xbd", {0xfffd}, {3}, 1, 1},
    /* overlong, surrogate, too large, truncated, stray bytes */
    {"\xc0\x80", {0xfffd, 0xfffd}, {1, 1}, 2, 0},
    {"\xe0\x80\x80", {0xfffd, 0xfffd, 0xfffd}, {1, 1, 1}, 3, 0},
    {"\xed\xa0\x80", {0xfffd, 0xfffd, 0xfffd}, {1, 1, 1}, 3, 0},
    {"\xf4\x90\x80\x80", {0xfffd, 0xfffd, 0xfffd, 0xfffd}, {1, 1, 1, 1}, 4, 0},
    {"\xe4\xb8", {0xfffd, 0xfffd}, {1, 1}, 2, 0},
    {"\xe4" "A", {0xfffd, 0x41}, {1, 1}, 2, 0},
    {"\xff", {0xfffd}, {1}, 1, 0},
    {"\x80", {0xfffd}, {1}, 1, 0},
    {"a\xff" "b", {0x61, 0xfffd, 0x62}, {1, 1, 1}, 3, 0},
    {"\xf0\x9f\x98", {0xfffd, 0xfffd, 0xfffd}, {1, 1, 1}, 3, 0},
};

#define NCASES (int)(sizeof decode_cases / sizeof decode_cases[0])

Test(utf8, decode_matches_go)
{
    for (int c = 0; c < NCASES; c++) {
        const DecodeCase *dc = &decode_cases[c];
        const unsigned char *s = (const unsigned char *)dc->s;
        int64_t n = (int64_t)strlen(dc->s);
        int k = 0;
        for (int64_t i = 0; i < n; k++) {
            cr_assert_lt(k, 4, "case %d: too many runes", c);
            int32_t r;
            int w = goro_utf8_decode(s + i, n - i, &r);
            cr_expect_eq(r, dc->runes[k], "case %d rune %d: %#x, Go %#x", c, k, r, dc->runes[k]);
            cr_expect_eq(w, dc->widths[k], "case %d rune %d: width %d, Go %d", c, k, w,
                         dc->widths[k]);
            if (w <= 0)
                break;
            i += w;
        }
        cr_expect_eq(k, dc->count, "case %d: %d runes", c, k);
    }
}

Test(utf8, count_matches_go)
{
    for (int c = 0; c < NCASES; c++) {
        const DecodeCase *dc = &decode_cases[c];
        cr_expect_eq(goro_utf8_count((const unsigned char *)dc->s, (int64_t)strlen(dc->s)),
                     dc->count, "case %d", c);
    }
    cr_expect_eq(goro_utf8_count((const unsigned char *)"h\xc3\xa9llo, \xe4\xb8\x96\xe7\x95\x8c", 14), 9);
    cr_expect_eq(goro_utf8_count((const unsigned char *)"", 0), 0);
}

Test(utf8, valid_matches_go)
{
    for (int c = 0; c < NCASES; c++) {
        const DecodeCase *dc = &decode_cases[c];
        cr_expect_eq(!!goro_utf8_valid((const unsigned char *)dc->s, (int64_t)strlen(dc->s)),
                     dc->valid, "case %d", c);
    }
    cr_expect(goro_utf8_valid((const unsigned char *)"", 0));
}

Test(utf8, decode_empty_input)
{
    int32_t r = 0;
    cr_expect_eq(goro_utf8_decode((const unsigned char *)"", 0, &r), 0);
    cr_expect_eq(r, GORO_RUNE_ERROR);
}

Test(utf8, decode_respects_length_limit)
{
    /* a valid 3-byte rune cut short by n */
    int32_t r;
    cr_expect_eq(goro_utf8_decode((const unsigned char *)"\xe4\xb8\x96", 2, &r), 1);
    cr_expect_eq(r, GORO_RUNE_ERROR);
}

Test(utf8, encode_matches_go)
{
    static const struct {
        int32_t r;
        const char *want;
    } cases[] = {
        {0, "\0"}, {0x7f, "\x7f"}, {0x80, "\xc2\x80"}, {0x7ff, "\xdf\xbf"},
        {0x800, "\xe0\xa0\x80"}, {0xffff, "\xef\xbf\xbf"}, {0x10000, "\xf0\x90\x80\x80"},
        {0x10ffff, "\xf4\x8f\xbf\xbf"}, {0x110000, "\xef\xbf\xbd"}, {-1, "\xef\xbf\xbd"},
        {0xd800, "\xef\xbf\xbd"}, {0xdfff, "\xef\xbf\xbd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[4];
        int n = goro_utf8_encode(cases[i].r, buf);
        int wn = cases[i].r == 0 ? 1 : (int)strlen(cases[i].want);
        cr_expect_eq(n, wn, "rune %#x: %d bytes, Go %d", cases[i].r, n, wn);
        cr_expect_eq(memcmp(buf, cases[i].want, (size_t)wn), 0, "rune %#x", cases[i].r);
        cr_expect_eq(goro_utf8_len(cases[i].r), n, "len of rune %#x agrees with encode",
                     cases[i].r);
    }
}

Test(utf8, round_trip_every_scalar_value)
{
    for (int32_t r = 0; r <= 0x10FFFF; r++) {
        if (r >= 0xD800 && r < 0xE000)
            continue;
        char buf[4];
        int n = goro_utf8_encode(r, buf);
        int32_t back;
        int w = goro_utf8_decode((const unsigned char *)buf, n, &back);
        if (w != n || back != r)
            cr_assert_fail("rune %#x: encoded %d bytes, decoded %#x width %d", r, n, back, w);
        if (!goro_utf8_valid((const unsigned char *)buf, n))
            cr_assert_fail("rune %#x not valid", r);
    }
}

Test(utf8, every_two_byte_string_agrees_count_and_valid)
{
    /* count equals the number of decode steps; valid iff no step gives
     * an error of width 1 (except a literal U+FFFD) */
    for (int a = 0; a < 256; a++) {
        for (int b = 0; b < 256; b++) {
            unsigned char s[2] = {(unsigned char)a, (unsigned char)b};
            int64_t steps = 0;
            bool ok = true;
            for (int64_t i = 0; i < 2; steps++) {
                int32_t r;
                int w = goro_utf8_decode(s + i, 2 - i, &r);
                if (r == GORO_RUNE_ERROR && w == 1)
                    ok = false;
                i += w;
            }
            if (goro_utf8_count(s, 2) != steps)
                cr_assert_fail("%02x %02x: count %lld, steps %lld", a, b,
                               (long long)goro_utf8_count(s, 2), (long long)steps);
            if (!!goro_utf8_valid(s, 2) != ok)
                cr_assert_fail("%02x %02x: valid %d, decode says %d", a, b,
                               goro_utf8_valid(s, 2), ok);
        }
    }
}
