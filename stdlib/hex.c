/* hex.c: encoding/hex (Go 1.19): EncodeToString, DecodeString, Encode,
 * Decode, EncodedLen, DecodedLen, Dump, ErrLength and InvalidByteError.
 *
 * Decoding follows Go's loop exactly: pairs are decoded until the first
 * bad byte, the bytes decoded before it are kept (DecodeString returns
 * them with the error), and an odd final byte is reported as invalid
 * before the odd length is.  Encode and Decode write into a dst too
 * short as Go's indexing does: the bytes that fit, then the panic. */
#include "errors_obj.h"
#include "pkg.h"
#include "rw.h"
#include "vm.h"

static const char hextable[] = "0123456789abcdef";
static Type *invalid_byte_t;
static Value err_length;

static Value invalid_byte(unsigned char c) { return goro_typed(goro_int(c), invalid_byte_t); }

/* Is the Latin-1 rune [r] printable (strconv.IsPrint)? */
static bool latin1_print(int r) { return (r >= 0x20 && r <= 0x7e) || (r >= 0xa1 && r != 0xad); }

/* InvalidByteError.Error: fmt's %#U of the byte as a rune. */
static int ibe_error(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    int r = nargs ? (int)(args[0].u.i & 0xff) : 0;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "encoding/hex: invalid byte: U+%04X", r);
    if (latin1_print(r)) {
        if (r < 0x80)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " '%c'", r);
        else
            n += snprintf(buf + n, sizeof buf - (size_t)n, " '%c%c'", 0xc0 | (r >> 6), 0x80 | (r & 0x3f));
    }
    res[0] = goro_str(buf, n);
    return 1;
}

/* The bytes of a []byte argument (a string too), or NULL. */
static size_t slice_len(Value v) { return VKIND(v) == VK_SLICE ? v.aux : 0; }

static void encode(char *dst, const unsigned char *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = hextable[src[i] >> 4];
        dst[2 * i + 1] = hextable[src[i] & 0x0f];
    }
}

/* Go's Decode into [dst] of [cap] bytes: the count decoded and *err;
 * *oob set when Go would index dst[cap] (the count is then cap). */
static size_t decode(char *dst, size_t cap, const unsigned char *src, size_t n, Value *err, bool *oob)
{
    size_t i = 0, j = 1;
    *err = goro_nil();
    *oob = false;
    for (; j < n; j += 2) {
        int a = goro_hex_digit(src[j - 1]), b = goro_hex_digit(src[j]);
        if (a < 0) {
            *err = invalid_byte(src[j - 1]);
            return i;
        }
        if (b < 0) {
            *err = invalid_byte(src[j]);
            return i;
        }
        if (i >= cap) {
            *oob = true;
            return i;
        }
        dst[i++] = (char)(a << 4 | b);
    }
    if (n % 2 == 1)
        *err = goro_hex_digit(src[j - 1]) < 0 ? invalid_byte(src[j - 1]) : err_length;
    return i;
}

static int f_encoded_len(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    int64_t n = 0;
    goro_arg_int(args, nargs, 0, &n);
    res[0] = goro_int((int64_t)((uint64_t)n * 2)); /* wrapping as Go's int */
    return 1;
}

static int f_decoded_len(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    int64_t n = 0;
    goro_arg_int(args, nargs, 0, &n);
    res[0] = goro_int(n / 2);
    return 1;
}

static int f_encode_to_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    size_t n;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 0, &n);
    char *dst = goro_alloc_atomic(2 * n + 1);
    encode(dst, src ? src : (const unsigned char *)"", src ? n : 0);
    res[0] = goro_str(dst, src ? (int64_t)(2 * n) : 0);
    return 1;
}

static int f_encode(G *g, Value *args, int nargs, Value *res)
{
    size_t n, cap = nargs ? slice_len(args[0]) : 0;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 1, &n);
    char *dst = goro_alloc_atomic(2 * n + 1);
    encode(dst, src, n);
    if (2 * n > cap) {
        if (cap)
            goro_rw_fill(args[0], dst, cap);
        return goro_runtime_error(g, "index out of range [%zu] with length %zu", cap, cap);
    }
    if (n)
        goro_rw_fill(args[0], dst, 2 * n);
    res[0] = goro_int((int64_t)(2 * n));
    return 1;
}

static int f_decode(G *g, Value *args, int nargs, Value *res)
{
    size_t n, cap = nargs ? slice_len(args[0]) : 0;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 1, &n);
    char *dst = goro_alloc_atomic(n / 2 + 1);
    bool oob;
    size_t i = decode(dst, cap, src, n, &res[1], &oob);
    if (i)
        goro_rw_fill(args[0], dst, i);
    if (oob)
        return goro_runtime_error(g, "index out of range [%zu] with length %zu", cap, cap);
    res[0] = goro_int((int64_t)i);
    return 2;
}

static int f_decode_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    size_t n;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 0, &n);
    char *dst = goro_alloc_atomic(n / 2 + 1);
    bool oob;
    size_t i = decode(dst, n / 2, src, n, &res[1], &oob);
    res[0] = goro_rw_slice(dst, i);
    return 2;
}

/* Dump: Go's hex.Dumper output for [data], closed (hexdump -C's layout). */
static int f_dump(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    size_t n;
    const unsigned char *p = goro_rw_arg_bytes(args, nargs, 0, &n);
    size_t lines = (n + 15) / 16;
    char *out = goro_alloc_atomic(lines * 79 + 1), *o = out;
    for (size_t line = 0; line < lines; line++) {
        size_t at = line * 16, k = n - at < 16 ? n - at : 16;
        o += sprintf(o, "%08x  ", (unsigned)at);
        for (size_t c = 0; c < 16; c++) {
            if (c < k) {
                *o++ = hextable[p[at + c] >> 4];
                *o++ = hextable[p[at + c] & 0x0f];
            } else {
                *o++ = ' ';
                *o++ = ' ';
            }
            *o++ = ' ';
            if (c == 7)
                *o++ = ' ';
        }
        *o++ = ' ';
        *o++ = '|';
        for (size_t c = 0; c < k; c++)
            *o++ = p[at + c] < 32 || p[at + c] > 126 ? '.' : (char)p[at + c];
        *o++ = '|';
        *o++ = '\n';
    }
    res[0] = goro_str(out, o - out);
    return 1;
}

void goro_pkg_hex_init(void)
{
    Package *p = goro_pkg_new("encoding/hex");
    invalid_byte_t = goro_type_named("hex", "InvalidByteError", goro_t_uint8);
    goro_pkg_type(p, "InvalidByteError", invalid_byte_t);
    goro_pkg_method(invalid_byte_t, "Error", ibe_error);
    err_length = goro_error_new(goro_str_cstr("encoding/hex: odd length hex string"));
    goro_pkg_var(p, "ErrLength", err_length);
    goro_pkg_func(p, "EncodedLen", f_encoded_len);
    goro_pkg_func(p, "DecodedLen", f_decoded_len);
    goro_pkg_func(p, "EncodeToString", f_encode_to_string);
    goro_pkg_func(p, "Encode", f_encode);
    goro_pkg_func(p, "Decode", f_decode);
    goro_pkg_func(p, "DecodeString", f_decode_string);
    goro_pkg_func(p, "Dump", f_dump);
}
