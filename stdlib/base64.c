/* base64.c: encoding/base64 (Go 1.19): *Encoding values (StdEncoding,
 * URLEncoding, RawStdEncoding, RawURLEncoding, NewEncoding) with
 * Encode, EncodeToString, Decode, DecodeString, EncodedLen, DecodedLen,
 * WithPadding and Strict; StdPadding, NoPadding and CorruptInputError.
 *
 * Decoding is Go's decodeQuantum, one quantum of four characters at a
 * time: '\r' and '\n' are skipped anywhere, padding ends the input, and
 * an error carries the offset Go reports. */
#include "pkg.h"
#include "rw.h"
#include "vm.h"

typedef struct Encoding {
    Obj obj;
    unsigned char encode[64];
    unsigned char decode_map[256];
    int32_t pad;        /* the padding rune, or NO_PADDING */
    bool strict;
} Encoding;

enum { STD_PADDING = '=', NO_PADDING = -1 };

static ObjClass enc_class = {.name = "*base64.Encoding"};
static Type *corrupt_t;

static Encoding *as_enc(Value v) { return (Encoding *)goro_rw_obj_of(v, &enc_class); }

static Value corrupt(size_t at) { return goro_typed(goro_int((int64_t)at), corrupt_t); }

static int corrupt_error(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    res[0] = goro_str_cstr(goro_sprintf("illegal base64 data at input byte %lld",
                                        (long long)(nargs ? args[0].u.i : 0)));
    return 1;
}

static Encoding *enc_new(const char *alphabet)
{
    Encoding *e = goro_alloc(sizeof *e);
    e->obj.cls = &enc_class;
    e->pad = STD_PADDING;
    memcpy(e->encode, alphabet, 64);
    memset(e->decode_map, 0xff, sizeof e->decode_map);
    for (int i = 0; i < 64; i++)
        e->decode_map[(unsigned char)alphabet[i]] = (unsigned char)i;
    return e;
}

static Encoding *enc_copy(const Encoding *e)
{
    Encoding *c = goro_alloc(sizeof *c);
    *c = *e;
    return c;
}

static Value enc_value(Encoding *e) { return goro_obj_value(&e->obj); }

/* The bytes of a []byte (or string) argument; "" when missing. */
static size_t slice_len(Value v) { return VKIND(v) == VK_SLICE ? v.aux : 0; }

/* Go's int arithmetic, wrapping as Go's does (without C's overflow). */
static int64_t wrap(uint64_t v) { return (int64_t)v; }

static int64_t encoded_len(const Encoding *e, int64_t n)
{
    uint64_t u = (uint64_t)n;
    return e->pad == NO_PADDING ? wrap(u * 8 + 5) / 6 : wrap((uint64_t)(wrap(u + 2) / 3) * 4);
}

static int64_t decoded_len(const Encoding *e, int64_t n)
{
    return e->pad == NO_PADDING ? wrap((uint64_t)n * 6) / 8 : wrap((uint64_t)(n / 4) * 3);
}

static void encode(const Encoding *e, char *dst, const unsigned char *src, size_t n)
{
    size_t di = 0, si = 0, full = n / 3 * 3;
    for (; si < full; si += 3, di += 4) {
        uint32_t v = (uint32_t)src[si] << 16 | (uint32_t)src[si + 1] << 8 | src[si + 2];
        dst[di] = (char)e->encode[v >> 18 & 0x3f];
        dst[di + 1] = (char)e->encode[v >> 12 & 0x3f];
        dst[di + 2] = (char)e->encode[v >> 6 & 0x3f];
        dst[di + 3] = (char)e->encode[v & 0x3f];
    }
    size_t remain = n - si;
    if (remain == 0)
        return;
    uint32_t v = (uint32_t)src[si] << 16;
    if (remain == 2)
        v |= (uint32_t)src[si + 1] << 8;
    dst[di] = (char)e->encode[v >> 18 & 0x3f];
    dst[di + 1] = (char)e->encode[v >> 12 & 0x3f];
    if (remain == 2) {
        dst[di + 2] = (char)e->encode[v >> 6 & 0x3f];
        if (e->pad != NO_PADDING)
            dst[di + 3] = (char)e->pad;
    } else if (e->pad != NO_PADDING) {
        dst[di + 2] = (char)e->pad;
        dst[di + 3] = (char)e->pad;
    }
}

static bool is_nl(unsigned char c) { return c == '\n' || c == '\r'; }

/* Go's decodeQuantum: one quantum of src from *si into dst (room for
 * [room] bytes); the bytes written, *err, and *need (the index Go would
 * write past the room at, else -1). */
static int quantum(const Encoding *e, unsigned char *dst, size_t room, const unsigned char *src,
                   size_t n, size_t *psi, Value *err, int *need)
{
    unsigned char d[4] = {0};
    size_t si = *psi;
    int dlen = 4;
    *need = -1;
    for (int j = 0; j < 4; j++) {
        if (si == n) {
            if (j == 0)
                return *psi = si, 0;
            if (j == 1 || e->pad != NO_PADDING)
                return *err = corrupt(si - (size_t)j), *psi = si, 0;
            dlen = j;
            break;
        }
        unsigned char in = src[si++];
        unsigned char out = e->decode_map[in];
        if (out != 0xff) {
            d[j] = out;
            continue;
        }
        if (is_nl(in)) {
            j--;
            continue;
        }
        if ((int32_t)in != e->pad || j < 2)
            return *err = corrupt(si - 1), *psi = si, 0;
        if (j == 2) {
            while (si < n && is_nl(src[si]))
                si++;
            if (si == n)
                return *err = corrupt(n), *psi = si, 0;
            if ((int32_t)src[si] != e->pad)
                return *err = corrupt(si - 1), *psi = si, 0;
            si++;
        }
        while (si < n && is_nl(src[si]))
            si++;
        if (si < n)
            *err = corrupt(si);
        dlen = j;
        break;
    }
    uint32_t v = (uint32_t)d[0] << 18 | (uint32_t)d[1] << 12 | (uint32_t)d[2] << 6 | d[3];
    unsigned char b0 = (unsigned char)(v >> 16), b1 = (unsigned char)(v >> 8), b2 = (unsigned char)v;
    *psi = si;
    /* Go writes dst[dlen-2] first: out of range when room is short. */
    if (room < (size_t)(dlen - 1)) {
        *need = dlen - 2;
        return 0;
    }
    switch (dlen) {
    case 4:
        dst[2] = b2;
        b2 = 0;
        /* fallthrough */
    case 3:
        dst[1] = b1;
        if (e->strict && b2 != 0)
            return *err = corrupt(si - 1), 0;
        b1 = 0;
        /* fallthrough */
    case 2:
        dst[0] = b0;
        if (e->strict && (b1 != 0 || b2 != 0))
            return *err = corrupt(si - 2), 0;
    }
    return dlen - 1;
}

/* The 6 bits of each of src[0..n) into *bits, false if one is not in
 * the alphabet (Go's assemble32/assemble64). */
static bool assemble(const Encoding *e, const unsigned char *src, int n, uint64_t *bits)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) {
        unsigned char d = e->decode_map[src[i]];
        if (d == 0xff)
            return false;
        v = v << 6 | d;
    }
    *bits = v;
    return true;
}

/* Go's Decode of src into dst (room for [cap] bytes): the count, *err;
 * *need >= 0 (with *at, the quantum's offset in dst) when Go would panic
 * with an index out of range.  Go's fast paths decode 8 (then 4)
 * characters at once while dst has room for 8 (4) bytes, writing 2 (1)
 * zero bytes past the 6 (3) they decode; so does this. */
static size_t decode(const Encoding *e, unsigned char *dst, size_t cap, const unsigned char *src,
                     size_t n, Value *err, int *need, size_t *at)
{
    size_t si = 0, k = 0;
    *err = goro_nil();
    *need = -1;
    for (int group = 8; group >= 4; group -= 4) {
        while (n - si >= (size_t)group && cap - k >= (size_t)group) {
            uint64_t v;
            if (assemble(e, src + si, group, &v)) {
                int out = group / 4 * 3;
                for (int i = 0; i < group; i++)
                    dst[k + (size_t)i] = i < out ? (unsigned char)(v >> (6 * group - 8 * (i + 1))) : 0;
                k += (size_t)out;
                si += (size_t)group;
                continue;
            }
            *at = k;
            k += (size_t)quantum(e, dst + k, cap - k, src, n, &si, err, need);
            if (VKIND(*err) != VK_NIL)
                return k;
        }
    }
    while (si < n) {
        *at = k;
        k += (size_t)quantum(e, dst + k, cap - k, src, n, &si, err, need);
        if (*need >= 0 || VKIND(*err) != VK_NIL)
            return k;
    }
    return k;
}

/* ------------------------------------------------------------- methods */

static int m_encoded_len(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    int64_t n = 0;
    goro_arg_int(args, nargs, 1, &n);
    res[0] = goro_int(encoded_len(e, n));
    return 1;
}

static int m_decoded_len(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    int64_t n = 0;
    goro_arg_int(args, nargs, 1, &n);
    res[0] = goro_int(decoded_len(e, n));
    return 1;
}

static int m_encode_to_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    size_t n;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 1, &n);
    size_t len = (size_t)encoded_len(e, (int64_t)n);
    char *dst = goro_alloc_atomic(len + 1);
    encode(e, dst, src, n);
    res[0] = goro_str(dst, (int64_t)len);
    return 1;
}

static int m_encode(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    GORO_RECV(Encoding, e, as_enc);
    size_t n, cap = nargs > 1 ? slice_len(args[1]) : 0;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 2, &n);
    size_t len = (size_t)encoded_len(e, (int64_t)n);
    char *dst = goro_alloc_atomic(len + 4);
    encode(e, dst, src, n);
    if (len > cap) {
        if (cap)
            goro_rw_fill(args[1], dst, cap);
        return goro_runtime_error(g, "index out of range [%zu] with length %zu", cap, cap);
    }
    if (len)
        goro_rw_fill(args[1], dst, len);
    return 0;
}

/* Decode(dst, src): dst keeps what Go leaves in it (its bytes are
 * copied out, decoded over, and all put back). */
static int m_decode(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    size_t n, cap;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 2, &n);
    unsigned char *dst = (unsigned char *)goro_rw_arg_bytes(args, nargs, 1, &cap);
    if (nargs < 2 || VKIND(args[1]) != VK_SLICE)
        cap = 0;
    int need;
    size_t at;
    size_t k = decode(e, dst, cap, src, n, &res[1], &need, &at);
    if (cap)
        goro_rw_fill(args[1], (const char *)dst, cap);
    if (need >= 0)
        return goro_runtime_error(g, "index out of range [%d] with length %zu", need, cap - at);
    res[0] = goro_int((int64_t)k);
    return 2;
}

static int m_decode_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    size_t n;
    const unsigned char *src = goro_rw_arg_bytes(args, nargs, 1, &n);
    size_t cap = (size_t)decoded_len(e, (int64_t)n);
    unsigned char *dst = goro_alloc_atomic(cap + 1);
    int need;
    size_t at;
    size_t k = decode(e, dst, cap, src, n, &res[1], &need, &at);
    if (need >= 0)
        return goro_runtime_error(g, "index out of range [%d] with length %zu", need, cap - at);
    res[0] = goro_rw_slice((const char *)dst, k);
    return 2;
}

static int m_with_padding(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    int64_t pad = 0;
    goro_arg_int(args, nargs, 1, &pad);
    if (pad == '\r' || pad == '\n' || pad > 0xff)
        return goro_panic_str(g, "invalid padding");
    for (int i = 0; i < 64; i++)
        if (e->encode[i] == pad)
            return goro_panic_str(g, "padding contained in alphabet");
    Encoding *c = enc_copy(e);
    c->pad = (int32_t)pad;
    res[0] = enc_value(c);
    return 1;
}

static int m_strict(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(Encoding, e, as_enc);
    Encoding *c = enc_copy(e);
    c->strict = true;
    res[0] = enc_value(c);
    return 1;
}

static int f_new_encoding(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING || args[0].aux != 64)
        return goro_panic_str(g, "encoding alphabet is not 64-bytes long");
    for (int i = 0; i < 64; i++)
        if (is_nl((unsigned char)args[0].u.s[i]))
            return goro_panic_str(g, "encoding alphabet contains newline character");
    res[0] = enc_value(enc_new(args[0].u.s));
    return 1;
}

void goro_pkg_base64_init(void)
{
    static const char std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    Package *p = goro_pkg_new("encoding/base64");
    Type *t = goro_pkg_obj_type(p, "base64", "Encoding", &enc_class, NULL);
    goro_pkg_method(t, "EncodedLen", m_encoded_len);
    goro_pkg_method(t, "DecodedLen", m_decoded_len);
    goro_pkg_method(t, "EncodeToString", m_encode_to_string);
    goro_pkg_method(t, "Encode", m_encode);
    goro_pkg_method(t, "Decode", m_decode);
    goro_pkg_method(t, "DecodeString", m_decode_string);
    goro_pkg_method(t, "WithPadding", m_with_padding);
    goro_pkg_method(t, "Strict", m_strict);
    corrupt_t = goro_type_named("base64", "CorruptInputError", goro_t_int64);
    goro_pkg_type(p, "CorruptInputError", corrupt_t);
    goro_pkg_method(corrupt_t, "Error", corrupt_error);
    goro_pkg_const(p, "StdPadding", goro_rune(STD_PADDING));
    goro_pkg_const(p, "NoPadding", goro_rune(NO_PADDING));
    goro_pkg_func(p, "NewEncoding", f_new_encoding);
    Encoding *s = enc_new(std), *u = enc_new(url), *rs = enc_copy(s), *ru = enc_copy(u);
    rs->pad = ru->pad = NO_PADDING;
    goro_pkg_var(p, "StdEncoding", enc_value(s));
    goro_pkg_var(p, "URLEncoding", enc_value(u));
    goro_pkg_var(p, "RawStdEncoding", enc_value(rs));
    goro_pkg_var(p, "RawURLEncoding", enc_value(ru));
}
