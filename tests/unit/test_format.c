/* test_format.c: unit tests of fmt's engine (stdlib/format.h):
 * goro_fmt_sprintf on verbs, flags, widths, precisions, argument
 * indexes and the %!verb error forms, and goro_fmt_float_shortest.
 * Every expected string is what Go 1.19's fmt.Sprintf or
 * strconv.FormatFloat printed for the same arguments. */
#include "unit.h"

#include <math.h>

#include "object.h"

static G *fg;

static void setup(void)
{
    goro_ut_init();
    fg = goro_ut_fake_g();
}

TestSuite(format, .init = setup, .timeout = 10.0);

/* ------------------------------------------------------------ values */

static Value I(int64_t i) { return goro_int(i); }
static Value FL(double f) { return goro_float(f); }
static Value STR(const char *s) { return goro_str_cstr(s); }
static Value B(bool b) { return goro_bool(b); }
static Value NIL(void) { return goro_nil(); }

static Value typed(Type *t, int64_t i)
{
    Value v = goro_int(i);
    v.tt = TT(VK_INT, t->id);
    return v;
}

static Value U8(int64_t i) { return typed(goro_t_uint8, i); }

static Value F32(double f)
{
    Value v = goro_float((float)f);
    v.tt = TT(VK_FLOAT, goro_t_float32->id);
    return v;
}

static Value floats(int n, const double *xs)
{
    Value s = goro_slice_new(TT(VK_SLICE, goro_type_slice(goro_t_float64)->id), n, n);
    for (int i = 0; i < n; i++)
        goro_slice_data(s)[i] = goro_float(xs[i]);
    return s;
}

static Value ints(int n, const int64_t *xs)
{
    Value s = goro_slice_new(TT(VK_SLICE, goro_type_slice(goro_t_int)->id), n, n);
    for (int i = 0; i < n; i++)
        goro_slice_data(s)[i] = goro_int(xs[i]);
    return s;
}

static Value strs(int n, const char *const *xs)
{
    Value s = goro_slice_new(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), n, n);
    for (int i = 0; i < n; i++)
        goro_slice_data(s)[i] = STR(xs[i]);
    return s;
}

static Value bytes(const char *s)
{
    Value out;
    const char *err;
    cr_assert(goro_type_convert(goro_t_bytes, STR(s), &out, &err));
    return out;
}

/* ------------------------------------------------------------ checking */

static char *sprintf_(const char *format, const Value *args, int n)
{
    Buf b = {0};
    int rc = goro_fmt_sprintf(fg, &b, STR(format), args, n);
    cr_assert_eq(rc, 0, "%s: returned %d", format, rc);
    return goro_strndup(b.s ? b.s : "", b.n);
}

#define NARGS(...) ((int)(sizeof((Value[]){__VA_ARGS__}) / sizeof(Value)))
#define F(want, format, ...)                                                       \
    do {                                                                           \
        char *got_ = sprintf_(format, (Value[]){__VA_ARGS__}, NARGS(__VA_ARGS__)); \
        cr_expect_str_eq(got_, want, "Sprintf(%s) = %s, Go: %s", format, got_, want); \
    } while (0)
#define F0(want, format)                                    \
    do {                                                    \
        char *got_ = sprintf_(format, NULL, 0);             \
        cr_expect_str_eq(got_, want, "Sprintf(%s) = %s, Go: %s", format, got_, want); \
    } while (0)

/* ------------------------------------------------------------ integers */

Test(format, integer_verbs)
{
    F("42", "%d", I(42));
    F("ff", "%x", I(255));
    F("FF", "%X", I(255));
    F("10", "%o", I(8));
    F("0o10", "%O", I(8));
    F("101", "%b", I(5));
    F("-ff", "%x", I(-255));
    F("-10", "%o", I(-8));
    F("-101", "%b", I(-5));
    F("-9223372036854775808", "%v", I(INT64_MIN));
}

Test(format, integer_flags_and_width)
{
    F("   42|", "%5d|", I(42));
    F("42   |", "%-5d|", I(42));
    F("00042", "%05d", I(42));
    F("+42", "%+d", I(42));
    F("-42", "%+d", I(-42));
    F(" 42", "% d", I(42));
    F("00000101", "%08b", I(5));
    F("5       |", "%-08d|", I(5));
    F("+0000005", "%+08d", I(5));
    F("    5|", "% 5d|", I(5));
}

Test(format, sharp_flag_on_integers)
{
    F("0xff", "%#x", I(255));
    F("010", "%#o", I(8));
    F("0b101", "%#b", I(5));
    F("0x0ff", "%#.3x", I(255));
}

Test(format, unsigned_and_sized_integers)
{
    F("200", "%v", U8(200));
    F("ff", "%x", U8(255));
    F("-5", "%d", typed(goro_t_int8, -5));
    F("18446744073709551615", "%d", typed(goro_t_uint64, -1));
    F("ffffffffffffffff", "%x", typed(goro_t_uint64, -1));
}

Test(format, characters_and_code_points)
{
    F("A", "%c", I(65));
    F("\xe4\xb8\x96", "%c", I(0x4e16));
    F("'x'", "%q", I('x'));
    F("'\\a'", "%q", I(7));
    F("U+1F600", "%U", I(0x1F600));
    F("U+1F600 '\xf0\x9f\x98\x80'", "%#U", I(0x1F600));
    F("a|\xef\xbf\xbd", "%c|%c", I('a'), I(0x110000));
    F("'\xef\xbf\xbd'", "%q", I(0x110000));
    F("    x|", "%5c|", I('x'));
    F("'x' |", "%-4q|", I('x'));
}

/* -------------------------------------------------------------- floats */

Test(format, float_verbs)
{
    F("1.234568e+03", "%e", FL(1234.5678));
    F("1.234568E+03", "%E", FL(1234.5678));
    F("3.141590", "%f", FL(3.14159));
    F("1.2345e-05", "%g", FL(0.000012345));
    F("100000", "%g", FL(100000.0));
    F("1e+21", "%g", FL(1e21));
    F("1E-07", "%G", FL(1e-7));
    F("0.000000e+00", "%e", FL(0.0));
    F("1e-05", "%g", FL(1e-5));
    F("1.23456789e+08", "%g", FL(123456789.0));
}

Test(format, float_precision_and_width)
{
    F("3.14", "%.2f", FL(3.14159));
    F("   3.142|", "%8.3f|", FL(3.14159));
    F("3.14    |", "%-8.2f|", FL(3.14159));
    F("-003.142", "%08.3f", FL(-3.14159));
    F("+1.2e+04", "%+.1e", FL(12345.0));
    F("3.14", "%.3g", FL(3.14159));
    F(" -1.50|", "%6.2f|", FL(-1.5));
    F(" 10.0|", "%5.1f|", FL(9.96));
    F("1.23e+03|", "%8.2e|", FL(1234.5));
    F("-1.500e+00", "%08.3e", FL(-1.5));
    F("  3.14|", "%6.3v|", FL(3.14159));
    F("1.23e+03", "%.3v", FL(1234.5678));
    F(" 12.35%", "%6.2f%%", FL(12.3456));
    F("5e+00", "%.0e", FL(5.0));
}

Test(format, float_rounding_is_exact_decimal)
{
    /* the binary value decides: 0.15 is below .15, 0.25 is exact (even) */
    F("2", "%.0f", FL(2.5));
    F("4", "%.0f", FL(3.5));
    F("0.1", "%.1f", FL(0.05));
    F("0.1", "%.1f", FL(0.15));
    F("0.2", "%.1f", FL(0.25));
    F("1.00", "%.2f", FL(1.005));
    F("1.000e+00", "%.3e", FL(1.0005));
}

Test(format, float_v_is_shortest)
{
    F("1e+06", "%v", FL(1e6));
    F("3", "%v", FL(3.0));
    F("0.30000000000000004", "%v", FL(0.1 + 0.2));
    F("9.007199254740992e+15", "%v", FL(9007199254740992.0));
    F("1e+20", "%v", FL(1e20));
    F("1e-07|1.23456789e+08|1e+21", "%v|%v|%v", FL(1e-7), FL(123456789.0), FL(1e21));
    F("-0", "%v", FL(-0.0));
    F("+Inf -Inf NaN", "%v %v %v", FL(INFINITY), FL(-INFINITY), FL(NAN));
}

/* Regression test for bug unittest-4 (goro-bugs/unittest.md), which was: %#g drops the
 * trailing zeros Go keeps ("1." instead of "1.00000"). */
Test(format, sharp_g_keeps_zeros)
{
    F("1.00000", "%#g", FL(1.0));
}

/* Regression test for bug unittest-5 (goro-bugs/unittest.md), which was: %x on a float
 * prints a one-digit exponent ("0x1.cp+1"); Go prints at least two ("0x1.cp+01"). */
Test(format, float_hex_verb)
{
    F("0x1.cp+01", "%x", FL(3.5));
}

/* ------------------------------------------------------------- strings */

Test(format, string_verbs)
{
    F("hi", "%s", STR("hi"));
    F("        hi|", "%10s|", STR("hi"));
    F("hi        |", "%-10s|", STR("hi"));
    F("he", "%.2s", STR("hello"));
    F("      abcd|", "%10.4v|", STR("abcdefgh"));
    F("000ab", "%05s", STR("ab"));
    F("6869", "%x", STR("hi"));
    F("68 69", "% x", STR("hi"));
    F("6869", "%X", STR("hi"));
    F("", "%x", STR(""));
}

Test(format, quoting)
{
    F("\"a\\\"b\\n\"", "%q", STR("a\"b\n"));
    F("`abc`", "%#q", STR("abc"));
    F("\"\\u00e9\"", "%+q", STR("\xc3\xa9"));
    F("\"\xc3\xa9\"", "%q", STR("\xc3\xa9"));
    F("\"s\"", "%#v", STR("s"));
}

Test(format, precision_counts_runes_not_bytes)
{
    F("h\xc3\xa9", "%.2s", STR("h\xc3\xa9llo"));
    F("   h\xc3\xa9|", "%5s|", STR("h\xc3\xa9"));
}

/* -------------------------------------------------------- other kinds */

Test(format, bools_and_nil)
{
    F("true", "%v", B(true));
    F("false", "%t", B(false));
    F(" true|", "%5t|", B(true));
    F("<nil>", "%v", NIL());
    F("%!d(<nil>)", "%d", NIL());
    F("%!s(<nil>)", "%s", NIL());
    F("%!t(int=1)", "%t", I(1));
}

Test(format, slices)
{
    static const int64_t xs[] = {1, 2, 3};
    static const int64_t hx[] = {10, 11};
    static const char *const ab[] = {"a", "b"};
    F("[1 2 3]", "%v", ints(3, xs));
    F("[1 2 3]", "%d", ints(3, xs));
    F("[a b]", "%x", ints(2, hx));
    F("[\"a\" \"b\"]", "%q", strs(2, ab));
    F("[a b]", "%v", strs(2, ab));
    F("[]int{1}", "%#v", ints(1, xs));
    F("[]", "%v", goro_ptrval(TT(VK_SLICE, goro_type_slice(goro_t_int)->id), NULL));
    Value mixed[] = {I(1), STR("a"), NIL(), FL(2.5)};
    F("[1 a <nil> 2.5]", "%v", goro_slice_from(TT(VK_SLICE, goro_t_anyslice->id), mixed, 4));
}

Test(format, byte_slices)
{
    F("hi", "%s", bytes("hi"));
    F("[104 105]", "%v", bytes("hi"));
    F("6869", "%x", bytes("hi"));
    Value b = bytes("\x01\xab");
    F("01 AB", "% X", b);
}

Test(format, maps_print_sorted)
{
    Type *mt = goro_type_map(goro_t_string, goro_t_int);
    Map *m = goro_map_new(mt, 0);
    const char *err;
    goro_map_set(m, STR("b"), I(2), &err);
    goro_map_set(m, STR("a"), I(1), &err);
    F("map[a:1 b:2]", "%v", goro_ptrval(TT(VK_MAP, mt->id), m));
    Type *mi = goro_type_map(goro_t_int, goro_t_string);
    Map *n = goro_map_new(mi, 0);
    goro_map_set(n, I(3), STR("c"), &err);
    goro_map_set(n, I(-1), STR("a"), &err);
    goro_map_set(n, I(2), STR("b"), &err);
    F("map[-1:a 2:b 3:c]", "%v", goro_ptrval(TT(VK_MAP, mi->id), n));
    F("map[]", "%v", goro_ptrval(TT(VK_MAP, mt->id), NULL));
}

Test(format, structs)
{
    const char *names[] = {goro_intern_cstr("X"), goro_intern_cstr("Y")};
    Type *types[] = {goro_t_int, goro_t_string};
    bool emb[] = {false, false};
    Type *p = goro_type_named("main", "P", goro_type_struct(2, names, types, emb));
    Value v = goro_type_zero(p);
    cr_assert_eq(VKIND(v), VK_STRUCT);
    ((Struct *)v.u.p)->f[0] = I(1);
    ((Struct *)v.u.p)->f[1] = STR("a");
    F("{1 a}", "%v", v);
    F("{X:1 Y:a}", "%+v", v);
    F("main.P{X:1, Y:\"a\"}", "%#v", v);
    F("main.P", "%T", v);
}

Test(format, type_verb)
{
    F("int", "%T", I(1));
    F("string", "%T", STR("s"));
    F("float64", "%T", FL(1.5));
    F("[]int", "%T", ints(0, NULL));
    F("<nil>", "%T", NIL());
    F("bool", "%T", B(true));
    F("uint8", "%T", U8(1));
}

/* --------------------------------------------- arguments and bad verbs */

Test(format, percent_and_errors)
{
    F0("%", "%%");
    F0("%!d(MISSING)", "%d");
    F("1%!(EXTRA int=2)", "%d", I(1), I(2));
    F("%!z(int=5)", "%z", I(5));
    F("%!d(string=hi)", "%d", STR("hi"));
    F("%!s(int=5)", "%s", I(5));
    F("a %!v(MISSING)", "%v %v", STR("a"));
    F("%!!(int=1)", "%!", I(1));
    F0("%!(NOVERB)", "%");
}

Test(format, star_width_and_precision)
{
    F("   42|", "%*d|", I(5), I(42));
    F("42   |", "%-*d|", I(5), I(42));
    F("3.14", "%.*f", I(2), FL(3.14159));
}

Test(format, argument_indexes)
{
    F("2 1", "%[2]d %[1]d", I(1), I(2));
    F("%!d(BADINDEX)", "%[3]d", I(1));
    F("1 a", "%d %s", I(1), STR("a"));
}

Test(format, sprint_and_sprintln_spacing)
{
    /* Sprint adds spaces between operands when neither is a string */
    Value a[] = {I(1), I(2), STR("x"), I(3), STR("y"), STR("z")};
    Buf b = {0};
    goro_fmt_sprint(fg, &b, a, 6);
    cr_expect_str_eq(goro_strndup(b.s, b.n), "1 2x3yz");
    Buf c = {0};
    goro_fmt_sprintln(fg, &c, a, 6);
    cr_expect_str_eq(goro_strndup(c.s, c.n), "1 2 x 3 y z\n");
}

Test(format, quote_function)
{
    Buf b = {0};
    goro_fmt_quote(&b, "a\tb\x01\xff\xc3\xa9", 7, false);
    cr_expect_str_eq(goro_strndup(b.s, b.n), "\"a\\tb\\x01\\xff\xc3\xa9\"");
    Buf c = {0};
    goro_fmt_quote(&c, "\xc3\xa9\xe4\xb8\x96\xf0\x9f\x98\x80", 9, true);
    cr_expect_str_eq(goro_strndup(c.s, c.n), "\"\\u00e9\\u4e16\\U0001f600\"");
}

Test(format, width_applies_to_each_element)
{
    static const int64_t xs[] = {1, 2};
    static const char *const ab[] = {"a", "b"};
    static const double fs[] = {0.5, 1e21};
    static const double gs[] = {0.5, 1.255};
    F("[  1   2]", "%3v", ints(2, xs));
    F("[001 002]", "%03d", ints(2, xs));
    F("[61 62]", "%x", strs(2, ab));
    F("[0.5 1e+21]", "%v", floats(2, fs));
    F("[0.50 1.25]", "%.2f", floats(2, gs));
    Value mixed[] = {STR("a"), I(1)};
    F("[a %!s(int=1)]", "%s", goro_slice_from(TT(VK_SLICE, goro_t_anyslice->id), mixed, 2));
}

/* Regression test for bug unittest-7 (goro-bugs/unittest.md), which was: a nil element
 * inside a slice or map prints as %!s(<nil>) under %s and %d; Go prints <nil>. */
Test(format, nil_elements_print_as_nil_under_any_verb)
{
    Value mixed[] = {STR("a"), I(1), NIL()};
    Value sl = goro_slice_from(TT(VK_SLICE, goro_t_anyslice->id), mixed, 3);
    F("[a %!s(int=1) <nil>]", "%s", sl);
    Value one[] = {NIL()};
    F("[<nil>]", "%d", goro_slice_from(TT(VK_SLICE, goro_t_anyslice->id), one, 1));
}

Test(format, float32_values_print_as_float32)
{
    F("0.1 0.1 1.000000e-01", "%v %g %e", F32(0.1), F32(0.1), F32(0.1));
    F("1e+10", "%v", F32(1e10));
    F("  3.14|", "%6.2f|", F32(3.14159));
    F("float32", "%T", F32(1));
}

Test(format, more_integer_forms)
{
    F("  007|", "%5.3d|", I(7));
    F("|", "%.0d|", I(0));
    F("-00000ff", "%08x", I(-255));
    F("0", "%#o", I(0));
    F("0XBEE", "%#X", I(3054));
    F("Hi", "%c%c", I(72), I(105));
    F("50%", "%d%%", I(50));
    F("U+0041", "%U", I(0x41));
    F("U+0007", "%#U", I(7));
    F("'\\u00e9'", "%+q", I(0xe9));
}

Test(format, more_string_and_float_forms)
{
    F("0x6869", "%#x", STR("hi"));
    F("0x68 0x69", "%# x", STR("hi"));
    F("h\xc3\xa9", "%.2v", STR("h\xc3\xa9llo"));
    F("\"\\x01\\x7f\\u00ad\"", "%q", STR("\x01\x7f\xc2\xad"));
    F("ab|ab", "%.3s|%.10s", STR("ab"), STR("ab"));
    F("-2.2  |", "%-6.1f|", FL(-2.25));
    F("+0.00e+00", "%+.2e", FL(0.0));
    F("true false", "%t %v", B(true), B(false));
}

/* Regression test for bug unittest-6 (goro-bugs/unittest.md), which was: %q and
 * strconv.Quote leave characters that Go's strconv.IsPrint rejects unescaped: U+200B,
 * U+00A0, U+0378 (unassigned), U+FEFF, U+E0001. */
Test(format, quote_escapes_what_go_deems_unprintable)
{
    F("\"\\u200b\\u00a0\\u0378\\ufeff\\U000e0001\"", "%q",
      STR("\xe2\x80\x8b\xc2\xa0\xcd\xb8\xef\xbb\xbf\xf3\xa0\x80\x81"));
}

Test(format, reordered_arguments)
{
    F("64 40 100", "%[1]d %[1]x %[1]o", I(64));
    F("   12|", "%[2]*[1]d|", I(12), I(5));
    F("1 2 1 2", "%d %d %[1]d %d", I(1), I(2));
}

/* ------------------------------------------------- shortest floats */

static char *shortest(double x, int bits, char fmt)
{
    Buf b = {0};
    goro_fmt_float_shortest(&b, x, bits, fmt);
    return goro_strndup(b.s ? b.s : "", b.n);
}

Test(format, float_shortest_matches_strconv)
{
    static const struct {
        double x;
        const char *want;
    } cases[] = {
        {0, "0"}, {1, "1"}, {-1, "-1"}, {0.1, "0.1"}, {0.5, "0.5"},
        {1.0 / 3, "0.3333333333333333"}, {2.0 / 3, "0.6666666666666666"}, {1e21, "1e+21"},
        {1e20, "1e+20"}, {123456, "123456"}, {1234567, "1.234567e+06"}, {1e-4, "0.0001"},
        {1e-5, "1e-05"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
        {3.14159, "3.14159"}, {100, "100"}, {1e6, "1e+06"}, {0.000123, "0.000123"},
        {9007199254740993.0, "9.007199254740992e+15"}, {2.5e-7, "2.5e-07"},
        {123.456, "123.456"}, {1e23, "1e+23"}, {8.41e21, "8.41e+21"}, {4.35e-7, "4.35e-07"},
        {5e-5, "5e-05"}, {-0.0, "-0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_str_eq(shortest(cases[i].x, 64, 'g'), cases[i].want, "FormatFloat(%.17g)",
                         cases[i].x);
}

Test(format, float32_shortest_matches_strconv)
{
    static const struct {
        double x;
        const char *want;
    } cases[] = {
        {0.1, "0.1"}, {1.0 / 3, "0.33333334"}, {3.4028234663852886e38, "3.4028235e+38"},
        {1e-45, "1e-45"}, {16777216, "1.6777216e+07"}, {0.3, "0.3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_str_eq(shortest((float)cases[i].x, 32, 'g'), cases[i].want,
                         "FormatFloat(%.17g, 32)", cases[i].x);
}

Test(format, float_shortest_e_and_f_forms)
{
    cr_expect_str_eq(shortest(1.5, 64, 'e'), "1.5e+00");
    cr_expect_str_eq(shortest(1.5, 64, 'f'), "1.5");
    cr_expect_str_eq(shortest(1e21, 64, 'e'), "1e+21");
    cr_expect_str_eq(shortest(1e21, 64, 'f'), "1000000000000000000000");
    cr_expect_str_eq(shortest(0.000001, 64, 'e'), "1e-06");
    cr_expect_str_eq(shortest(0.000001, 64, 'f'), "0.000001");
    cr_expect_str_eq(shortest(123456789, 64, 'e'), "1.23456789e+08");
    cr_expect_str_eq(shortest(123456789, 64, 'f'), "123456789");
}

Test(format, float_shortest_special_values)
{
    cr_expect_str_eq(shortest(NAN, 64, 'g'), "NaN");
    cr_expect_str_eq(shortest(INFINITY, 64, 'g'), "+Inf");
    cr_expect_str_eq(shortest(-INFINITY, 64, 'g'), "-Inf");
}

Test(format, float_shortest_round_trips)
{
    /* the shortest form parses back to the same double */
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        double x;
        memcpy(&x, &seed, sizeof x);
        if (isnan(x) || isinf(x))
            continue;
        char *s = shortest(x, 64, 'g');
        double back = strtod(s, NULL);
        if (back != x)
            cr_assert_fail("%.17g printed as %s", x, s);
    }
}
