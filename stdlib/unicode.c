/* unicode.c: the unicode package: Go's character classes (IsLetter,
 * IsDigit, IsSpace, IsUpper, IsLower, IsPunct, ...), its simple case
 * mappings (ToUpper, ToLower, ToTitle, SimpleFold), which strings also
 * uses for ToUpper, ToLower, Title and EqualFold, and its exported range
 * tables (*unicode.RangeTable: Letter, Digit, Han, Latin, ...) with Is,
 * In and IsOneOf.
 *
 * The tables below are Go 1.19's own (Unicode 13.0.0), dumped from the
 * unicode package's exported RangeTables and CaseRanges by a short Go
 * program (for each table: print every R16 then R32 entry as
 * {Lo, Hi, Stride}; CaseRanges as {Lo, Hi, {Delta}} with UpperLower as
 * UL), so the answers are exactly Go's rather than the C library's.
 * The tables only Is/In need (Cc, Z and the scripts) are generated into
 * unicode_tables.c by the program quoted there.
 * orbit_tab lists the runes whose unicode.SimpleFold is not "ToLower if
 * that changes it, else ToUpper" (Go's caseOrbit, reduced to the entries
 * that matter). */
#include "pkg.h"
#include "unicode_special.h"
#include "unicode_tables.h"
#include "vm.h"

#define UL GORO_UPPER_LOWER

const UCase goro_unicode_case_ranges[] = {
    {0x41, 0x5a, {0, 32, 0}}, {0x61, 0x7a, {-32, 0, -32}}, {0xb5, 0xb5, {743, 0, 743}},
    {0xc0, 0xd6, {0, 32, 0}}, {0xd8, 0xde, {0, 32, 0}}, {0xe0, 0xf6, {-32, 0, -32}},
    {0xf8, 0xfe, {-32, 0, -32}}, {0xff, 0xff, {121, 0, 121}}, {0x100, 0x12f, {UL, UL, UL}},
    {0x130, 0x130, {0, -199, 0}}, {0x131, 0x131, {-232, 0, -232}}, {0x132, 0x137, {UL, UL, UL}},
    {0x139, 0x148, {UL, UL, UL}}, {0x14a, 0x177, {UL, UL, UL}}, {0x178, 0x178, {0, -121, 0}},
    {0x179, 0x17e, {UL, UL, UL}}, {0x17f, 0x17f, {-300, 0, -300}}, {0x180, 0x180, {195, 0, 195}},
    {0x181, 0x181, {0, 210, 0}}, {0x182, 0x185, {UL, UL, UL}}, {0x186, 0x186, {0, 206, 0}},
    {0x187, 0x188, {UL, UL, UL}}, {0x189, 0x18a, {0, 205, 0}}, {0x18b, 0x18c, {UL, UL, UL}},
    {0x18e, 0x18e, {0, 79, 0}}, {0x18f, 0x18f, {0, 202, 0}}, {0x190, 0x190, {0, 203, 0}},
    {0x191, 0x192, {UL, UL, UL}}, {0x193, 0x193, {0, 205, 0}}, {0x194, 0x194, {0, 207, 0}},
    {0x195, 0x195, {97, 0, 97}}, {0x196, 0x196, {0, 211, 0}}, {0x197, 0x197, {0, 209, 0}},
    {0x198, 0x199, {UL, UL, UL}}, {0x19a, 0x19a, {163, 0, 163}}, {0x19c, 0x19c, {0, 211, 0}},
    {0x19d, 0x19d, {0, 213, 0}}, {0x19e, 0x19e, {130, 0, 130}}, {0x19f, 0x19f, {0, 214, 0}},
    {0x1a0, 0x1a5, {UL, UL, UL}}, {0x1a6, 0x1a6, {0, 218, 0}}, {0x1a7, 0x1a8, {UL, UL, UL}},
    {0x1a9, 0x1a9, {0, 218, 0}}, {0x1ac, 0x1ad, {UL, UL, UL}}, {0x1ae, 0x1ae, {0, 218, 0}},
    {0x1af, 0x1b0, {UL, UL, UL}}, {0x1b1, 0x1b2, {0, 217, 0}}, {0x1b3, 0x1b6, {UL, UL, UL}},
    {0x1b7, 0x1b7, {0, 219, 0}}, {0x1b8, 0x1b9, {UL, UL, UL}}, {0x1bc, 0x1bd, {UL, UL, UL}},
    {0x1bf, 0x1bf, {56, 0, 56}}, {0x1c4, 0x1c4, {0, 2, 1}}, {0x1c5, 0x1c5, {-1, 1, 0}},
    {0x1c6, 0x1c6, {-2, 0, -1}}, {0x1c7, 0x1c7, {0, 2, 1}}, {0x1c8, 0x1c8, {-1, 1, 0}},
    {0x1c9, 0x1c9, {-2, 0, -1}}, {0x1ca, 0x1ca, {0, 2, 1}}, {0x1cb, 0x1cb, {-1, 1, 0}},
    {0x1cc, 0x1cc, {-2, 0, -1}}, {0x1cd, 0x1dc, {UL, UL, UL}}, {0x1dd, 0x1dd, {-79, 0, -79}},
    {0x1de, 0x1ef, {UL, UL, UL}}, {0x1f1, 0x1f1, {0, 2, 1}}, {0x1f2, 0x1f2, {-1, 1, 0}},
    {0x1f3, 0x1f3, {-2, 0, -1}}, {0x1f4, 0x1f5, {UL, UL, UL}}, {0x1f6, 0x1f6, {0, -97, 0}},
    {0x1f7, 0x1f7, {0, -56, 0}}, {0x1f8, 0x21f, {UL, UL, UL}}, {0x220, 0x220, {0, -130, 0}},
    {0x222, 0x233, {UL, UL, UL}}, {0x23a, 0x23a, {0, 10795, 0}}, {0x23b, 0x23c, {UL, UL, UL}},
    {0x23d, 0x23d, {0, -163, 0}}, {0x23e, 0x23e, {0, 10792, 0}}, {0x23f, 0x240, {10815, 0, 10815}},
    {0x241, 0x242, {UL, UL, UL}}, {0x243, 0x243, {0, -195, 0}}, {0x244, 0x244, {0, 69, 0}},
    {0x245, 0x245, {0, 71, 0}}, {0x246, 0x24f, {UL, UL, UL}}, {0x250, 0x250, {10783, 0, 10783}},
    {0x251, 0x251, {10780, 0, 10780}}, {0x252, 0x252, {10782, 0, 10782}}, {0x253, 0x253, {-210, 0, -210}},
    {0x254, 0x254, {-206, 0, -206}}, {0x256, 0x257, {-205, 0, -205}}, {0x259, 0x259, {-202, 0, -202}},
    {0x25b, 0x25b, {-203, 0, -203}}, {0x25c, 0x25c, {42319, 0, 42319}}, {0x260, 0x260, {-205, 0, -205}},
    {0x261, 0x261, {42315, 0, 42315}}, {0x263, 0x263, {-207, 0, -207}}, {0x265, 0x265, {42280, 0, 42280}},
    {0x266, 0x266, {42308, 0, 42308}}, {0x268, 0x268, {-209, 0, -209}}, {0x269, 0x269, {-211, 0, -211}},
    {0x26a, 0x26a, {42308, 0, 42308}}, {0x26b, 0x26b, {10743, 0, 10743}}, {0x26c, 0x26c, {42305, 0, 42305}},
    {0x26f, 0x26f, {-211, 0, -211}}, {0x271, 0x271, {10749, 0, 10749}}, {0x272, 0x272, {-213, 0, -213}},
    {0x275, 0x275, {-214, 0, -214}}, {0x27d, 0x27d, {10727, 0, 10727}}, {0x280, 0x280, {-218, 0, -218}},
    {0x282, 0x282, {42307, 0, 42307}}, {0x283, 0x283, {-218, 0, -218}}, {0x287, 0x287, {42282, 0, 42282}},
    {0x288, 0x288, {-218, 0, -218}}, {0x289, 0x289, {-69, 0, -69}}, {0x28a, 0x28b, {-217, 0, -217}},
    {0x28c, 0x28c, {-71, 0, -71}}, {0x292, 0x292, {-219, 0, -219}}, {0x29d, 0x29d, {42261, 0, 42261}},
    {0x29e, 0x29e, {42258, 0, 42258}}, {0x345, 0x345, {84, 0, 84}}, {0x370, 0x373, {UL, UL, UL}},
    {0x376, 0x377, {UL, UL, UL}}, {0x37b, 0x37d, {130, 0, 130}}, {0x37f, 0x37f, {0, 116, 0}},
    {0x386, 0x386, {0, 38, 0}}, {0x388, 0x38a, {0, 37, 0}}, {0x38c, 0x38c, {0, 64, 0}},
    {0x38e, 0x38f, {0, 63, 0}}, {0x391, 0x3a1, {0, 32, 0}}, {0x3a3, 0x3ab, {0, 32, 0}},
    {0x3ac, 0x3ac, {-38, 0, -38}}, {0x3ad, 0x3af, {-37, 0, -37}}, {0x3b1, 0x3c1, {-32, 0, -32}},
    {0x3c2, 0x3c2, {-31, 0, -31}}, {0x3c3, 0x3cb, {-32, 0, -32}}, {0x3cc, 0x3cc, {-64, 0, -64}},
    {0x3cd, 0x3ce, {-63, 0, -63}}, {0x3cf, 0x3cf, {0, 8, 0}}, {0x3d0, 0x3d0, {-62, 0, -62}},
    {0x3d1, 0x3d1, {-57, 0, -57}}, {0x3d5, 0x3d5, {-47, 0, -47}}, {0x3d6, 0x3d6, {-54, 0, -54}},
    {0x3d7, 0x3d7, {-8, 0, -8}}, {0x3d8, 0x3ef, {UL, UL, UL}}, {0x3f0, 0x3f0, {-86, 0, -86}},
    {0x3f1, 0x3f1, {-80, 0, -80}}, {0x3f2, 0x3f2, {7, 0, 7}}, {0x3f3, 0x3f3, {-116, 0, -116}},
    {0x3f4, 0x3f4, {0, -60, 0}}, {0x3f5, 0x3f5, {-96, 0, -96}}, {0x3f7, 0x3f8, {UL, UL, UL}},
    {0x3f9, 0x3f9, {0, -7, 0}}, {0x3fa, 0x3fb, {UL, UL, UL}}, {0x3fd, 0x3ff, {0, -130, 0}},
    {0x400, 0x40f, {0, 80, 0}}, {0x410, 0x42f, {0, 32, 0}}, {0x430, 0x44f, {-32, 0, -32}},
    {0x450, 0x45f, {-80, 0, -80}}, {0x460, 0x481, {UL, UL, UL}}, {0x48a, 0x4bf, {UL, UL, UL}},
    {0x4c0, 0x4c0, {0, 15, 0}}, {0x4c1, 0x4ce, {UL, UL, UL}}, {0x4cf, 0x4cf, {-15, 0, -15}},
    {0x4d0, 0x52f, {UL, UL, UL}}, {0x531, 0x556, {0, 48, 0}}, {0x561, 0x586, {-48, 0, -48}},
    {0x10a0, 0x10c5, {0, 7264, 0}}, {0x10c7, 0x10c7, {0, 7264, 0}}, {0x10cd, 0x10cd, {0, 7264, 0}},
    {0x10d0, 0x10fa, {3008, 0, 0}}, {0x10fd, 0x10ff, {3008, 0, 0}}, {0x13a0, 0x13ef, {0, 38864, 0}},
    {0x13f0, 0x13f5, {0, 8, 0}}, {0x13f8, 0x13fd, {-8, 0, -8}}, {0x1c80, 0x1c80, {-6254, 0, -6254}},
    {0x1c81, 0x1c81, {-6253, 0, -6253}}, {0x1c82, 0x1c82, {-6244, 0, -6244}}, {0x1c83, 0x1c84, {-6242, 0, -6242}},
    {0x1c85, 0x1c85, {-6243, 0, -6243}}, {0x1c86, 0x1c86, {-6236, 0, -6236}}, {0x1c87, 0x1c87, {-6181, 0, -6181}},
    {0x1c88, 0x1c88, {35266, 0, 35266}}, {0x1c90, 0x1cba, {0, -3008, 0}}, {0x1cbd, 0x1cbf, {0, -3008, 0}},
    {0x1d79, 0x1d79, {35332, 0, 35332}}, {0x1d7d, 0x1d7d, {3814, 0, 3814}}, {0x1d8e, 0x1d8e, {35384, 0, 35384}},
    {0x1e00, 0x1e95, {UL, UL, UL}}, {0x1e9b, 0x1e9b, {-59, 0, -59}}, {0x1e9e, 0x1e9e, {0, -7615, 0}},
    {0x1ea0, 0x1eff, {UL, UL, UL}}, {0x1f00, 0x1f07, {8, 0, 8}}, {0x1f08, 0x1f0f, {0, -8, 0}},
    {0x1f10, 0x1f15, {8, 0, 8}}, {0x1f18, 0x1f1d, {0, -8, 0}}, {0x1f20, 0x1f27, {8, 0, 8}},
    {0x1f28, 0x1f2f, {0, -8, 0}}, {0x1f30, 0x1f37, {8, 0, 8}}, {0x1f38, 0x1f3f, {0, -8, 0}},
    {0x1f40, 0x1f45, {8, 0, 8}}, {0x1f48, 0x1f4d, {0, -8, 0}}, {0x1f51, 0x1f51, {8, 0, 8}},
    {0x1f53, 0x1f53, {8, 0, 8}}, {0x1f55, 0x1f55, {8, 0, 8}}, {0x1f57, 0x1f57, {8, 0, 8}},
    {0x1f59, 0x1f59, {0, -8, 0}}, {0x1f5b, 0x1f5b, {0, -8, 0}}, {0x1f5d, 0x1f5d, {0, -8, 0}},
    {0x1f5f, 0x1f5f, {0, -8, 0}}, {0x1f60, 0x1f67, {8, 0, 8}}, {0x1f68, 0x1f6f, {0, -8, 0}},
    {0x1f70, 0x1f71, {74, 0, 74}}, {0x1f72, 0x1f75, {86, 0, 86}}, {0x1f76, 0x1f77, {100, 0, 100}},
    {0x1f78, 0x1f79, {128, 0, 128}}, {0x1f7a, 0x1f7b, {112, 0, 112}}, {0x1f7c, 0x1f7d, {126, 0, 126}},
    {0x1f80, 0x1f87, {8, 0, 8}}, {0x1f88, 0x1f8f, {0, -8, 0}}, {0x1f90, 0x1f97, {8, 0, 8}},
    {0x1f98, 0x1f9f, {0, -8, 0}}, {0x1fa0, 0x1fa7, {8, 0, 8}}, {0x1fa8, 0x1faf, {0, -8, 0}},
    {0x1fb0, 0x1fb1, {8, 0, 8}}, {0x1fb3, 0x1fb3, {9, 0, 9}}, {0x1fb8, 0x1fb9, {0, -8, 0}},
    {0x1fba, 0x1fbb, {0, -74, 0}}, {0x1fbc, 0x1fbc, {0, -9, 0}}, {0x1fbe, 0x1fbe, {-7205, 0, -7205}},
    {0x1fc3, 0x1fc3, {9, 0, 9}}, {0x1fc8, 0x1fcb, {0, -86, 0}}, {0x1fcc, 0x1fcc, {0, -9, 0}},
    {0x1fd0, 0x1fd1, {8, 0, 8}}, {0x1fd8, 0x1fd9, {0, -8, 0}}, {0x1fda, 0x1fdb, {0, -100, 0}},
    {0x1fe0, 0x1fe1, {8, 0, 8}}, {0x1fe5, 0x1fe5, {7, 0, 7}}, {0x1fe8, 0x1fe9, {0, -8, 0}},
    {0x1fea, 0x1feb, {0, -112, 0}}, {0x1fec, 0x1fec, {0, -7, 0}}, {0x1ff3, 0x1ff3, {9, 0, 9}},
    {0x1ff8, 0x1ff9, {0, -128, 0}}, {0x1ffa, 0x1ffb, {0, -126, 0}}, {0x1ffc, 0x1ffc, {0, -9, 0}},
    {0x2126, 0x2126, {0, -7517, 0}}, {0x212a, 0x212a, {0, -8383, 0}}, {0x212b, 0x212b, {0, -8262, 0}},
    {0x2132, 0x2132, {0, 28, 0}}, {0x214e, 0x214e, {-28, 0, -28}}, {0x2160, 0x216f, {0, 16, 0}},
    {0x2170, 0x217f, {-16, 0, -16}}, {0x2183, 0x2184, {UL, UL, UL}}, {0x24b6, 0x24cf, {0, 26, 0}},
    {0x24d0, 0x24e9, {-26, 0, -26}}, {0x2c00, 0x2c2e, {0, 48, 0}}, {0x2c30, 0x2c5e, {-48, 0, -48}},
    {0x2c60, 0x2c61, {UL, UL, UL}}, {0x2c62, 0x2c62, {0, -10743, 0}}, {0x2c63, 0x2c63, {0, -3814, 0}},
    {0x2c64, 0x2c64, {0, -10727, 0}}, {0x2c65, 0x2c65, {-10795, 0, -10795}}, {0x2c66, 0x2c66, {-10792, 0, -10792}},
    {0x2c67, 0x2c6c, {UL, UL, UL}}, {0x2c6d, 0x2c6d, {0, -10780, 0}}, {0x2c6e, 0x2c6e, {0, -10749, 0}},
    {0x2c6f, 0x2c6f, {0, -10783, 0}}, {0x2c70, 0x2c70, {0, -10782, 0}}, {0x2c72, 0x2c73, {UL, UL, UL}},
    {0x2c75, 0x2c76, {UL, UL, UL}}, {0x2c7e, 0x2c7f, {0, -10815, 0}}, {0x2c80, 0x2ce3, {UL, UL, UL}},
    {0x2ceb, 0x2cee, {UL, UL, UL}}, {0x2cf2, 0x2cf3, {UL, UL, UL}}, {0x2d00, 0x2d25, {-7264, 0, -7264}},
    {0x2d27, 0x2d27, {-7264, 0, -7264}}, {0x2d2d, 0x2d2d, {-7264, 0, -7264}}, {0xa640, 0xa66d, {UL, UL, UL}},
    {0xa680, 0xa69b, {UL, UL, UL}}, {0xa722, 0xa72f, {UL, UL, UL}}, {0xa732, 0xa76f, {UL, UL, UL}},
    {0xa779, 0xa77c, {UL, UL, UL}}, {0xa77d, 0xa77d, {0, -35332, 0}}, {0xa77e, 0xa787, {UL, UL, UL}},
    {0xa78b, 0xa78c, {UL, UL, UL}}, {0xa78d, 0xa78d, {0, -42280, 0}}, {0xa790, 0xa793, {UL, UL, UL}},
    {0xa794, 0xa794, {48, 0, 48}}, {0xa796, 0xa7a9, {UL, UL, UL}}, {0xa7aa, 0xa7aa, {0, -42308, 0}},
    {0xa7ab, 0xa7ab, {0, -42319, 0}}, {0xa7ac, 0xa7ac, {0, -42315, 0}}, {0xa7ad, 0xa7ad, {0, -42305, 0}},
    {0xa7ae, 0xa7ae, {0, -42308, 0}}, {0xa7b0, 0xa7b0, {0, -42258, 0}}, {0xa7b1, 0xa7b1, {0, -42282, 0}},
    {0xa7b2, 0xa7b2, {0, -42261, 0}}, {0xa7b3, 0xa7b3, {0, 928, 0}}, {0xa7b4, 0xa7bf, {UL, UL, UL}},
    {0xa7c2, 0xa7c3, {UL, UL, UL}}, {0xa7c4, 0xa7c4, {0, -48, 0}}, {0xa7c5, 0xa7c5, {0, -42307, 0}},
    {0xa7c6, 0xa7c6, {0, -35384, 0}}, {0xa7c7, 0xa7ca, {UL, UL, UL}}, {0xa7f5, 0xa7f6, {UL, UL, UL}},
    {0xab53, 0xab53, {-928, 0, -928}}, {0xab70, 0xabbf, {-38864, 0, -38864}}, {0xff21, 0xff3a, {0, 32, 0}},
    {0xff41, 0xff5a, {-32, 0, -32}}, {0x10400, 0x10427, {0, 40, 0}}, {0x10428, 0x1044f, {-40, 0, -40}},
    {0x104b0, 0x104d3, {0, 40, 0}}, {0x104d8, 0x104fb, {-40, 0, -40}}, {0x10c80, 0x10cb2, {0, 64, 0}},
    {0x10cc0, 0x10cf2, {-64, 0, -64}}, {0x118a0, 0x118bf, {0, 32, 0}}, {0x118c0, 0x118df, {-32, 0, -32}},
    {0x16e40, 0x16e5f, {0, 32, 0}}, {0x16e60, 0x16e7f, {-32, 0, -32}}, {0x1e900, 0x1e921, {0, 34, 0}},
    {0x1e922, 0x1e943, {-34, 0, -34}},
};
const int goro_unicode_ncase_ranges = (int)(sizeof goro_unicode_case_ranges / sizeof goro_unicode_case_ranges[0]);

static const int32_t orbit_tab[][2] = {
    {0x6b, 0x212a}, {0x73, 0x17f}, {0xdf, 0x1e9e}, {0xe5, 0x212b},
    {0x130, 0x130}, {0x131, 0x131}, {0x1c4, 0x1c5}, {0x1c7, 0x1c8},
    {0x1ca, 0x1cb}, {0x1f1, 0x1f2}, {0x3a3, 0x3c2}, {0x3b2, 0x3d0},
    {0x3b5, 0x3f5}, {0x3b8, 0x3d1}, {0x3b9, 0x1fbe}, {0x3ba, 0x3f0},
    {0x3bc, 0xb5}, {0x3c0, 0x3d6}, {0x3c1, 0x3f1}, {0x3c2, 0x3c3},
    {0x3c6, 0x3d5}, {0x3c9, 0x2126}, {0x3d1, 0x3f4}, {0x3f4, 0x398},
    {0x432, 0x1c80}, {0x434, 0x1c81}, {0x43e, 0x1c82}, {0x441, 0x1c83},
    {0x442, 0x1c84}, {0x44a, 0x1c86}, {0x463, 0x1c87}, {0x1c84, 0x1c85},
    {0x1e61, 0x1e9b}, {0x1fbe, 0x345}, {0x2126, 0x3a9}, {0x212a, 0x4b},
    {0x212b, 0xc5}, {0xa64b, 0x1c88},
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool in_table(const URange *t, int n, int32_t r)
{
    if (r < 0)
        return false;
    uint32_t c = (uint32_t)r;
    int lo = 0, hi = n;
    while (lo < hi) {
        int m = lo + (hi - lo) / 2;
        if (c < t[m].lo)
            hi = m;
        else if (c > t[m].hi)
            lo = m + 1;
        else
            return (c - t[m].lo) % t[m].stride == 0;
    }
    return false;
}

#define IN(tab, r) in_table(goro_ut_##tab->r, goro_ut_##tab->n, r)

bool goro_unicode_is_letter(int32_t r) { return IN(letter, r); }
bool goro_unicode_is_digit(int32_t r) { return IN(digit, r); }
bool goro_unicode_is_space(int32_t r) { return IN(white_space, r); }

/* Go's unexported unicode.to: [r] mapped to [kase] by the case ranges
 * [t] (sorted), *[found] telling whether a range held it. */
int32_t goro_unicode_case_lookup(const UCase *t, int n, int kase, int32_t r, bool *found)
{
    *found = false;
    if (r < 0)
        return r;
    uint32_t c = (uint32_t)r;
    int lo = 0, hi = n;
    while (lo < hi) {
        int m = lo + (hi - lo) / 2;
        const UCase *cr = &t[m];
        if (c < cr->lo) {
            hi = m;
        } else if (c > cr->hi) {
            lo = m + 1;
        } else {
            int32_t d = cr->delta[kase];
            *found = true;
            if (d > 0x10FFFF)  /* UpperLower: even offsets are upper case, odd lower */
                return (int32_t)(cr->lo + (((c - cr->lo) & ~1u) | (uint32_t)(kase & 1)));
            return r + d;
        }
    }
    return r;
}

/* Go's unicode.To: [kase] is GORO_UPPER_CASE, GORO_LOWER_CASE or
 * GORO_TITLE_CASE; runes without a mapping map to themselves. */
int32_t goro_unicode_to(int kase, int32_t r)
{
    if (r < 0 || r > 0x10FFFF)
        return r;
    if (r < 0x80) {
        if (kase == GORO_LOWER_CASE)
            return r >= 'A' && r <= 'Z' ? r + 32 : r;
        return r >= 'a' && r <= 'z' ? r - 32 : r;
    }
    bool found;
    return goro_unicode_case_lookup(goro_unicode_case_ranges, goro_unicode_ncase_ranges, kase, r, &found);
}

int32_t goro_unicode_simple_fold(int32_t r)
{
    if (r < 0 || r > 0x10FFFF)
        return r;
    int lo = 0, hi = NELEM(orbit_tab);
    while (lo < hi) {
        int m = lo + (hi - lo) / 2;
        if (r < orbit_tab[m][0])
            hi = m;
        else if (r > orbit_tab[m][0])
            lo = m + 1;
        else
            return orbit_tab[m][1];
    }
    int32_t l = goro_unicode_to(GORO_LOWER_CASE, r);
    return l != r ? l : goro_unicode_to(GORO_UPPER_CASE, r);
}

/* ------------------------------------------------------------- natives */


#define RUNE_ARG(fn, var)                                                              \
    int32_t var;                                                                       \
    do {                                                                               \
        if (nargs < 1 || VKIND(args[0]) != VK_INT)                                     \
            return goro_runtime_error(g, "unicode.%s: argument must be a rune", fn);   \
        var = (int32_t)args[0].u.i;                                                    \
        if (args[0].u.i != var)                                                        \
            var = -1;                                                                  \
    } while (0)

#define CLASS_FN(cname, goname, expr)                                   \
    static int cname(G *g, Value *args, int nargs, Value *res)          \
    {                                                                   \
        RUNE_ARG(goname, r);                                            \
        res[0] = goro_bool(expr);                                       \
        return 1;                                                       \
    }

static bool is_print(int32_t r)
{
    return IN(letter, r) || IN(mark, r) || IN(number, r) || IN(punct, r) ||
           IN(symbol, r);
}

CLASS_FN(u_isletter, "IsLetter", IN(letter, r))
CLASS_FN(u_isdigit, "IsDigit", IN(digit, r))
CLASS_FN(u_isnumber, "IsNumber", IN(number, r))
CLASS_FN(u_isspace, "IsSpace", IN(white_space, r))
CLASS_FN(u_isupper, "IsUpper", IN(upper, r))
CLASS_FN(u_islower, "IsLower", IN(lower, r))
CLASS_FN(u_istitle, "IsTitle", IN(title, r))
CLASS_FN(u_ispunct, "IsPunct", IN(punct, r))
CLASS_FN(u_issymbol, "IsSymbol", IN(symbol, r))
CLASS_FN(u_ismark, "IsMark", IN(mark, r))
CLASS_FN(u_iscontrol, "IsControl", (r >= 0 && r < 0x20) || (r >= 0x7F && r < 0xA0))
CLASS_FN(u_isprint, "IsPrint", r == ' ' || is_print(r))
CLASS_FN(u_isgraphic, "IsGraphic", IN(zs, r) || is_print(r))

#define CASE_FN(cname, goname, kase)                                    \
    static int cname(G *g, Value *args, int nargs, Value *res)          \
    {                                                                   \
        RUNE_ARG(goname, r);                                            \
        res[0] = goro_rune(r < 0 ? (int32_t)args[0].u.i : goro_unicode_to(kase, r)); \
        return 1;                                                       \
    }

CASE_FN(u_toupper, "ToUpper", GORO_UPPER_CASE)
CASE_FN(u_tolower, "ToLower", GORO_LOWER_CASE)
CASE_FN(u_totitle, "ToTitle", GORO_TITLE_CASE)

static int u_simplefold(G *g, Value *args, int nargs, Value *res)
{
    RUNE_ARG("SimpleFold", r);
    res[0] = goro_rune(r < 0 ? (int32_t)args[0].u.i : goro_unicode_simple_fold(r));
    return 1;
}

/* unicode.To(_case, r): an unknown case gives ReplacementChar, as Go. */
static int u_to(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[0]) != VK_INT || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "unicode.To: arguments must be a case and a rune");
    int64_t kase = args[0].u.i;
    int32_t r = (int32_t)args[1].u.i;
    res[0] = goro_rune(kase < 0 || kase > 2 ? 0xFFFD : goro_unicode_to((int)kase, r));
    return 1;
}

/* ------------------------------------------------------- range tables
 *
 * A *unicode.RangeTable is a native object pointing at one of the static
 * tables; each exported table is made once at init, so aliases share it
 * (unicode.Letter == unicode.L) as Go's do.  Its R16, R32 and
 * LatinOffset fields are not exposed, and user-built tables
 * (&unicode.RangeTable{...}) are not supported. */

typedef struct RangeTableObj {
    Obj obj;
    const URange *r;
    int n;
} RangeTableObj;

static ObjClass rangetable_class = {.name = "*unicode.RangeTable"};

static Value new_range_table(const URange *r, int n)
{
    RangeTableObj *t = goro_alloc(sizeof *t);
    t->obj.cls = &rangetable_class;
    t->r = r;
    t->n = n;
    return goro_obj_value(&t->obj);
}

/* Is [v] in table [t]?  0 with *[out] set, else the panic: a nil table
 * is Go's nil dereference (Is reads rangeTab.R16). */
static int table_has(G *g, const char *fn, Value t, int32_t r, bool *out)
{
    if (VKIND(t) == VK_NIL || (VKIND(t) == VK_OBJ && !t.u.p))
        return goro_nil_deref(g);
    if (VKIND(t) != VK_OBJ || ((Obj *)t.u.p)->cls != &rangetable_class)
        return goro_runtime_error(g, "unicode.%s: argument must be a *unicode.RangeTable", fn);
    const RangeTableObj *rt = t.u.p;
    *out = in_table(rt->r, rt->n, r);
    return 0;
}

/* A rune argument; out-of-range values (impossible for a typed rune)
 * become -1, which no table holds. */
static bool rune_arg(Value v, int32_t *r)
{
    if (VKIND(v) != VK_INT)
        return false;
    *r = v.u.i == (int32_t)v.u.i ? (int32_t)v.u.i : -1;
    return true;
}

/* unicode.Is(rangeTab, r) */
static int u_is(G *g, Value *args, int nargs, Value *res)
{
    int32_t r;
    if (nargs != 2 || !rune_arg(args[1], &r))
        return goro_runtime_error(g, "unicode.Is: arguments must be a *unicode.RangeTable and a rune");
    bool in = false;
    int e = table_has(g, "Is", args[0], r, &in);
    if (e)
        return e;
    res[0] = goro_bool(in);
    return 1;
}

/* Does any of [tabs] hold [r]?  Go's loop: stops at the first that does,
 * so a nil table after it is never touched. */
static int any_has(G *g, const char *fn, const Value *tabs, int64_t n, int32_t r, Value *res)
{
    bool in = false;
    for (int64_t i = 0; i < n && !in; i++) {
        int e = table_has(g, fn, tabs[i], r, &in);
        if (e)
            return e;
    }
    res[0] = goro_bool(in);
    return 1;
}

/* unicode.In(r, ranges ...*RangeTable) */
static int u_in(G *g, Value *args, int nargs, Value *res)
{
    int32_t r;
    if (nargs < 1 || !rune_arg(args[0], &r))
        return goro_runtime_error(g, "unicode.In: argument must be a rune");
    return any_has(g, "In", args + 1, nargs - 1, r, res);
}

/* unicode.IsOneOf(ranges []*RangeTable, r) */
static int u_isoneof(G *g, Value *args, int nargs, Value *res)
{
    int32_t r;
    if (nargs != 2 || (VKIND(args[0]) != VK_SLICE && VKIND(args[0]) != VK_NIL) ||
        !rune_arg(args[1], &r))
        return goro_runtime_error(g, "unicode.IsOneOf: arguments must be a []*unicode.RangeTable and a rune");
    int64_t n = VKIND(args[0]) == VK_SLICE ? args[0].aux : 0;
    return any_has(g, "IsOneOf", goro_slice_data(args[0]), n, r, res);
}

/* Registers RangeTable, every table under each of its names, the maps
 * Categories, Scripts, Properties, FoldCategory and FoldScript (their
 * values the same *RangeTable as the variables), GraphicRanges and
 * PrintRanges. */
static void register_tables(Package *p)
{
    Type *t = goro_pkg_obj_type(p, "unicode", "RangeTable", &rangetable_class, NULL);

    int nt = goro_unicode_gen_ntables;
    Value *tabs = goro_alloc(sizeof(Value) * (size_t)nt);
    for (int i = 0; i < nt; i++)
        tabs[i] = new_range_table(goro_unicode_gen_tables[i].r, goro_unicode_gen_tables[i].n);
    for (int i = 0; i < goro_unicode_gen_nvars; i++)
        goro_pkg_var(p, goro_unicode_gen_vars[i].name, tabs[goro_unicode_gen_vars[i].table]);

    Type *mt = goro_type_map(goro_t_string, t);
    Map *m = NULL;
    const char *cur = NULL;
    for (int i = 0; i < goro_unicode_gen_nmaps; i++) {
        const GoroUMapEntry *e = &goro_unicode_gen_maps[i];
        if (!cur || strcmp(cur, e->map)) {
            cur = e->map;
            m = goro_map_new(mt, 0);
            goro_pkg_var(p, cur, goro_ptrval(TT(VK_MAP, mt->id), m));
        }
        goro_map_set(m, goro_str_cstr(e->key), tabs[e->table], NULL);
    }

    /* Go's GraphicRanges {L, M, N, P, S, Zs}; PrintRanges the first five */
    const GoroUTable *graphic[] = {goro_ut_letter, goro_ut_mark, goro_ut_number,
                                   goro_ut_punct, goro_ut_symbol, goro_ut_zs};
    Value gv[NELEM(graphic)];
    for (int i = 0; i < NELEM(graphic); i++)
        gv[i] = tabs[graphic[i] - goro_unicode_gen_tables];
    uint32_t tt = TT(VK_SLICE, goro_type_slice(t)->id);
    goro_pkg_var(p, "GraphicRanges", goro_slice_from(tt, gv, NELEM(graphic)));
    goro_pkg_var(p, "PrintRanges", goro_slice_from(tt, gv, NELEM(graphic) - 1));
}

void goro_pkg_unicode_init(void)
{
    Package *p = goro_pkg_new("unicode");
    goro_pkg_const(p, "MaxRune", goro_int(0x10FFFF));
    goro_pkg_const(p, "ReplacementChar", goro_int(0xFFFD));
    goro_pkg_const(p, "MaxASCII", goro_int(0x7F));
    goro_pkg_const(p, "MaxLatin1", goro_int(0xFF));
    goro_pkg_const(p, "UpperCase", goro_int(GORO_UPPER_CASE));
    goro_pkg_const(p, "LowerCase", goro_int(GORO_LOWER_CASE));
    goro_pkg_const(p, "TitleCase", goro_int(GORO_TITLE_CASE));
    goro_pkg_const(p, "MaxCase", goro_int(3));
    goro_pkg_const(p, "UpperLower", goro_int(GORO_UPPER_LOWER));
    goro_pkg_const(p, "Version", goro_str_cstr("13.0.0"));   /* the tables' (Go 1.19's) */
    static const struct { const char *name; NativeFn fn; } fns[] = {
        {"IsLetter", u_isletter}, {"IsDigit", u_isdigit}, {"IsNumber", u_isnumber},
        {"IsSpace", u_isspace}, {"IsUpper", u_isupper}, {"IsLower", u_islower},
        {"IsTitle", u_istitle}, {"IsPunct", u_ispunct}, {"IsSymbol", u_issymbol},
        {"IsMark", u_ismark}, {"IsControl", u_iscontrol}, {"IsPrint", u_isprint},
        {"IsGraphic", u_isgraphic}, {"ToUpper", u_toupper}, {"ToLower", u_tolower},
        {"ToTitle", u_totitle}, {"SimpleFold", u_simplefold}, {"To", u_to},
        {"Is", u_is}, {"In", u_in}, {"IsOneOf", u_isoneof},
    };
    for (int i = 0; i < NELEM(fns); i++)
        goro_pkg_func(p, fns[i].name, fns[i].fn);
    register_tables(p);
    goro_unicode_special_init(p);
}
