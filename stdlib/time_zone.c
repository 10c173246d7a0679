/* time_zone.c: *time.Location as Go's: UTC, Local (from $TZ or
 * /etc/localtime), FixedZone, LoadLocation reading the TZif files of
 * /usr/share/zoneinfo, and the zone lookup every Time field goes
 * through, with the POSIX TZ rule of a file's footer for instants past
 * its last transition (Go's tzset). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "errors_obj.h"
#include "time_impl.h"

#define ALPHA INT64_MIN
#define OMEGA INT64_MAX

ObjClass goro_location_class = {.name = "*time.Location"};
Location goro_time_utc = {.obj = {&goro_location_class}, .name = "UTC"};
Location goro_time_local = {.obj = {&goro_location_class}, .name = "Local"};

Location *goro_time_loc_arg(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &goro_location_class)
        return NULL;
    return v.u.p;
}

Location *goro_time_fixed_zone(const char *name, int32_t offset)
{
    Location *l = goro_alloc(sizeof *l);
    l->obj.cls = &goro_location_class;
    l->name = name;
    l->zones = goro_alloc(sizeof *l->zones);
    l->zones[0] = (TimeZone){name, offset, false};
    l->nzones = 1;
    l->tx = goro_alloc(sizeof *l->tx);
    l->tx[0] = (TimeTrans){ALPHA, 0};
    l->ntx = 1;
    return l;
}

/* ------------------------------------------------------- POSIX TZ rules */

typedef struct Rule {
    char kind;              /* 'J' Julian day, 'D' day of year, 'M' month.week.day */
    int day, week, mon;
    int time;               /* seconds after midnight local */
} Rule;

static bool tz_name(const char **s, const char **name)
{
    const char *p = *s;
    if (*p == '<') {
        const char *e = strchr(p, '>');
        if (!e)
            return false;
        *name = goro_strndup(p + 1, (size_t)(e - p - 1));
        *s = e + 1;
        return true;
    }
    const char *q = p;
    while (*q && !strchr("0123456789,-+", *q))
        q++;
    if (q - p < 3)
        return false;
    *name = goro_strndup(p, (size_t)(q - p));
    *s = q;
    return true;
}

static bool tz_num(const char **s, int min, int max, int *out)
{
    const char *p = *s;
    int n = 0;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        if (n > max)
            return false;
    }
    if (n < min)
        return false;
    *s = p;
    *out = n;
    return true;
}

/* [+-]hh[:mm[:ss]] in seconds */
static bool tz_offset(const char **s, int *out)
{
    int neg = 0, h, m = 0, sec = 0;
    if (**s == '+' || **s == '-')
        neg = *(*s)++ == '-';
    if (!tz_num(s, 0, 24 * 7, &h))
        return false;
    if (**s == ':') {
        (*s)++;
        if (!tz_num(s, 0, 59, &m))
            return false;
        if (**s == ':') {
            (*s)++;
            if (!tz_num(s, 0, 59, &sec))
                return false;
        }
    }
    *out = (h * 3600 + m * 60 + sec) * (neg ? -1 : 1);
    return true;
}

static bool tz_rule(const char **s, Rule *r)
{
    if (**s == 'J') {
        (*s)++;
        r->kind = 'J';
        if (!tz_num(s, 1, 365, &r->day))
            return false;
    } else if (**s == 'M') {
        (*s)++;
        r->kind = 'M';
        if (!tz_num(s, 1, 12, &r->mon) || *(*s)++ != '.' || !tz_num(s, 1, 5, &r->week) ||
            *(*s)++ != '.' || !tz_num(s, 0, 6, &r->day))
            return false;
    } else if (**s >= '0' && **s <= '9') {
        r->kind = 'D';
        if (!tz_num(s, 0, 365, &r->day))
            return false;
    } else {
        return false;
    }
    r->time = 2 * 3600;
    if (**s == '/') {
        (*s)++;
        return tz_offset(s, &r->time);
    }
    return true;
}

/* Seconds into [year] (UTC) that rule [r] fires, for a zone at [off]. */
static int64_t rule_time(int64_t year, const Rule *r, int off)
{
    int64_t s = 0;
    if (r->kind == 'J') {
        s = (int64_t)(r->day - 1) * 86400;
        if (goro_time_is_leap(year) && r->day >= 60)
            s += 86400;
    } else if (r->kind == 'D') {
        s = (int64_t)r->day * 86400;
    } else {
        int64_t first = goro_time_days_from_civil(year, r->mon, 1);
        int dow = (int)(((first + 4) % 7 + 7) % 7);
        int d = r->day - dow;
        if (d < 0)
            d += 7;
        for (int i = 1; i < r->week; i++) {
            if (d + 7 >= goro_time_days_in(r->mon, year))
                break;
            d += 7;
        }
        s = (first - goro_time_days_from_civil(year, 1, 1) + d) * 86400;
    }
    return s + r->time - off;
}

static bool posix_tz(const char *s, int64_t last, int64_t sec, const char **name, int32_t *offset,
                  int64_t *start, int64_t *end, bool *isdst)
{
    const char *stdname, *dstname;
    int stdoff, dstoff;
    if (!tz_name(&s, &stdname) || !tz_offset(&s, &stdoff))
        return false;
    stdoff = -stdoff;
    if (*s == 0 || *s == ',') {
        *name = stdname, *offset = stdoff, *start = last, *end = OMEGA, *isdst = false;
        return true;
    }
    if (!tz_name(&s, &dstname))
        return false;
    if (*s == 0 || *s == ',') {
        dstoff = stdoff + 3600;
    } else {
        if (!tz_offset(&s, &dstoff))
            return false;
        dstoff = -dstoff;
    }
    if (*s == 0)
        s = ",M3.2.0,M11.1.0";
    if (*s != ',' && *s != ';')
        return false;
    s++;
    Rule r1, r2;
    if (!tz_rule(&s, &r1) || *s++ != ',' || !tz_rule(&s, &r2) || *s != 0)
        return false;
    int64_t days = sec / 86400 - (sec % 86400 < 0), y;
    int m, d;
    goro_time_civil_from_days(days, &y, &m, &d);
    int64_t ystart = goro_time_days_from_civil(y, 1, 1) * 86400;
    int64_t ysec = sec - ystart;
    int64_t s1 = rule_time(y, &r1, stdoff), s2 = rule_time(y, &r2, dstoff);
    bool dst1 = true, std1 = false;
    if (s2 < s1) {
        int64_t t = s1; s1 = s2; s2 = t;
        const char *n = stdname; stdname = dstname; dstname = n;
        int o = stdoff; stdoff = dstoff; dstoff = o;
        std1 = true, dst1 = false;
    }
    if (ysec < s1) {
        *name = stdname, *offset = stdoff, *start = ystart, *end = s1 + ystart, *isdst = std1;
    } else if (ysec >= s2) {
        *name = stdname, *offset = stdoff, *start = s2 + ystart, *end = ystart + 365 * 86400,
        *isdst = std1;
    } else {
        *name = dstname, *offset = dstoff, *start = s1 + ystart, *end = s2 + ystart, *isdst = dst1;
    }
    return true;
}

/* --------------------------------------------------------------- lookup */

static int first_zone(Location *l)
{
    bool used = false;
    for (int i = 0; i < l->ntx; i++)
        if (l->tx[i].idx == 0)
            used = true;
    if (!used)
        return 0;
    if (l->ntx > 0 && l->zones[l->tx[0].idx].isdst) {
        for (int z = l->tx[0].idx - 1; z >= 0; z--)
            if (!l->zones[z].isdst)
                return z;
    }
    for (int z = 0; z < l->nzones; z++)
        if (!l->zones[z].isdst)
            return z;
    return 0;
}

void goro_time_lookup(Location *l, int64_t sec, const char **name, int32_t *offset,
                      int64_t *start, int64_t *end, bool *isdst)
{
    if (!l)
        l = &goro_time_utc;
    if (l->nzones == 0) {
        *name = "UTC", *offset = 0, *start = ALPHA, *end = OMEGA, *isdst = false;
        return;
    }
    if (l->ntx == 0 || sec < l->tx[0].when) {
        TimeZone *z = &l->zones[first_zone(l)];
        *name = z->name, *offset = z->offset, *start = ALPHA, *isdst = z->isdst;
        *end = l->ntx ? l->tx[0].when : OMEGA;
        return;
    }
    int lo = 0, hi = l->ntx;
    *end = OMEGA;
    while (hi - lo > 1) {
        int m = lo + (hi - lo) / 2;
        if (sec < l->tx[m].when) {
            *end = l->tx[m].when;
            hi = m;
        } else {
            lo = m;
        }
    }
    TimeZone *z = &l->zones[l->tx[lo].idx];
    *name = z->name, *offset = z->offset, *start = l->tx[lo].when, *isdst = z->isdst;
    if (lo == l->ntx - 1 && l->extend) {
        const char *n;
        int32_t o;
        int64_t s, e;
        bool d;
        if (posix_tz(l->extend, *start, sec, &n, &o, &s, &e, &d))
            *name = n, *offset = o, *start = s, *end = e, *isdst = d;
    }
}

bool goro_time_lookup_name(Location *l, const char *name, int64_t usec, int32_t *offset)
{
    if (!l)
        l = &goro_time_utc;
    for (int i = 0; i < l->nzones; i++) {
        TimeZone *z = &l->zones[i];
        if (strcmp(z->name, name) == 0) {
            const char *n;
            int64_t s, e;
            bool d;
            goro_time_lookup(l, usec - z->offset, &n, offset, &s, &e, &d);
            if (strcmp(n, z->name) == 0)
                return true;
        }
    }
    for (int i = 0; i < l->nzones; i++) {
        if (strcmp(l->zones[i].name, name) == 0) {
            *offset = l->zones[i].offset;
            return true;
        }
    }
    return false;
}

/* ----------------------------------------------------------------- TZif */

typedef struct Rd {
    const unsigned char *p;
    size_t n;
    bool bad;
} Rd;

static const unsigned char *rd_take(Rd *r, size_t n)
{
    if (r->bad || r->n < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    r->n -= n;
    return p;
}

static int64_t rd_be(Rd *r, int size)
{
    const unsigned char *p = rd_take(r, (size_t)size);
    if (!p)
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < size; i++)
        v = v << 8 | p[i];
    return size == 4 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

/* counts: isutcnt isstdcnt leapcnt timecnt typecnt charcnt */
static bool tzif_header(Rd *r, int *version, int64_t c[6])
{
    const unsigned char *magic = rd_take(r, 4);
    if (!magic || memcmp(magic, "TZif", 4) != 0)
        return false;
    const unsigned char *v = rd_take(r, 16);
    if (!v)
        return false;
    *version = v[0] == 0 ? 1 : v[0] - '0';
    for (int i = 0; i < 6; i++) {
        c[i] = rd_be(r, 4);
        if (c[i] < 0 || c[i] > 1 << 20)
            return false;
    }
    return !r->bad;
}

static Location *tzif_parse(const char *name, const unsigned char *data, size_t n)
{
    Rd r = {data, n, false};
    int version;
    int64_t c[6];
    if (!tzif_header(&r, &version, c))
        return NULL;
    int size = 4;
    if (version > 1) {
        size_t skip = (size_t)(c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
        if (!rd_take(&r, skip) || !tzif_header(&r, &version, c))
            return NULL;
        size = 8;
    }
    int64_t isut = c[0], isstd = c[1], leap = c[2], ntx = c[3], ntype = c[4], nchar = c[5];
    if (ntype == 0 || ntype > 256)
        return NULL;
    Location *l = goro_alloc(sizeof *l);
    l->obj.cls = &goro_location_class;
    l->name = name;
    l->tx = goro_alloc(sizeof *l->tx * (size_t)(ntx ? ntx : 1));
    for (int64_t i = 0; i < ntx; i++)
        l->tx[i].when = rd_be(&r, size);
    const unsigned char *idx = rd_take(&r, (size_t)ntx);
    const unsigned char *types = rd_take(&r, (size_t)ntype * 6);
    const unsigned char *chars = rd_take(&r, (size_t)nchar);
    rd_take(&r, (size_t)(leap * (size + 4) + isstd + isut));
    if (r.bad)
        return NULL;
    l->zones = goro_alloc(sizeof *l->zones * (size_t)ntype);
    l->nzones = (int)ntype;
    for (int64_t i = 0; i < ntype; i++) {
        const unsigned char *t = types + i * 6;
        uint32_t off = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
        if (t[5] >= nchar)
            return NULL;
        const char *ab = (const char *)chars + t[5];
        l->zones[i].name = goro_strndup(ab, strnlen(ab, (size_t)(nchar - t[5])));
        l->zones[i].offset = (int32_t)off;
        l->zones[i].isdst = t[4] != 0;
    }
    for (int64_t i = 0; i < ntx; i++) {
        if (idx[i] >= ntype)
            return NULL;
        l->tx[i].idx = idx[i];
    }
    l->ntx = (int)ntx;
    if (ntx == 0) {
        l->tx[0] = (TimeTrans){ALPHA, 0};
        l->ntx = 1;
    }
    if (version > 1 && r.n > 2 && r.p[0] == '\n' && r.p[r.n - 1] == '\n')
        l->extend = goro_strndup((const char *)r.p + 1, r.n - 2);
    return l;
}

/* The zone file at [path]: NULL with *err set ("" when it does not exist). */
static Location *load_file(const char *name, const char *path, const char **err)
{
    *err = "";
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        *err = "is a directory";
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = goro_alloc_atomic(cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            if (cap >= (1 << 24))
                break;
            unsigned char *nb = goro_alloc_atomic(cap * 2);
            memcpy(nb, buf, n);
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    Location *l = tzif_parse(name, buf, n);
    if (!l)
        *err = "malformed time zone information";
    return l;
}

static const char *const zone_dirs[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
                                        "/usr/lib/locale/TZ/"};

static Location *load_named(const char *name, const char **err)
{
    const char *first = "";
    for (size_t i = 0; i < sizeof zone_dirs / sizeof *zone_dirs; i++) {
        Location *l = load_file(name, goro_sprintf("%s%s", zone_dirs[i], name), err);
        if (l)
            return l;
        if (!*first)
            first = *err;
    }
    *err = *first ? first : goro_sprintf("unknown time zone %s", name);
    return NULL;
}

static void set_local(Location *z, const char *name)
{
    Obj o = goro_time_local.obj;
    goro_time_local = *z;
    goro_time_local.obj = o;
    goro_time_local.name = name;
}

static void init_local(void)
{
    const char *tz = getenv("TZ"), *err;
    Location *z;
    if (!tz) {
        if ((z = load_file("Local", "/etc/localtime", &err))) {
            set_local(z, "Local");
            return;
        }
    } else if (*tz) {
        if (*tz == ':')
            tz++;
        if (*tz == '/') {
            if ((z = load_file(tz, tz, &err))) {
                set_local(z, strcmp(tz, "/etc/localtime") == 0 ? "Local" : tz);
                return;
            }
        } else if (*tz && strcmp(tz, "UTC") != 0) {
            if ((z = load_named(tz, &err))) {
                set_local(z, tz);
                return;
            }
        }
    }
    goro_time_local.name = "UTC";
}

/* ------------------------------------------------------------- natives */

static int loc_string(G *g, Value *a, int n, Value *r)
{
    Location *l = n ? goro_time_loc_arg(a[0]) : NULL;
    if (!l)
        return goro_nil_deref(g);
    r[0] = goro_str_cstr(l->name);
    return 1;
}

static int time_fixedzone(G *g, Value *a, int n, Value *r)
{
    int64_t off;
    if (n < 2 || VKIND(a[0]) != VK_STRING || !goro_arg_int(a, n, 1, &off))
        return goro_runtime_error(g, "time.FixedZone: arguments must be a name and an offset");
    r[0] = goro_obj_value(&goro_time_fixed_zone(goro_strndup(a[0].u.s, a[0].aux), (int32_t)off)->obj);
    return 1;
}

static bool has_dotdot(const char *s)
{
    for (const char *p = s; (p = strstr(p, "..")); p++) {
        bool start = p == s || p[-1] == '/';
        bool end = p[2] == 0 || p[2] == '/';
        if (start && end)
            return true;
    }
    return false;
}

static int time_loadlocation(G *g, Value *a, int n, Value *r)
{
    if (n < 1 || VKIND(a[0]) != VK_STRING)
        return goro_runtime_error(g, "time.LoadLocation: argument must be a string");
    const char *name = goro_strndup(a[0].u.s, a[0].aux), *err;
    r[1] = goro_nil();
    r[0] = goro_ptrval(TT(VK_OBJ, goro_location_class.type->id), NULL);
    if (!*name || strcmp(name, "UTC") == 0) {
        r[0] = goro_obj_value(&goro_time_utc.obj);
    } else if (strcmp(name, "Local") == 0) {
        r[0] = goro_obj_value(&goro_time_local.obj);
    } else if (strlen(name) != a[0].aux || has_dotdot(name) || name[0] == '/' || name[0] == '\\') {
        r[1] = goro_error_new(goro_str_cstr("time: invalid location name"));
    } else {
        Location *l = load_named(name, &err);
        if (l)
            r[0] = goro_obj_value(&l->obj);
        else
            r[1] = goro_error_new(goro_str_cstr(err));
    }
    return 2;
}

void goro_time_zone_init(Package *p)
{
    init_local();
    Type *lt = goro_pkg_obj_type(p, "time", "Location", &goro_location_class, NULL);
    goro_pkg_method(lt, "String", loc_string);
    goro_pkg_var(p, "UTC", goro_obj_value(&goro_time_utc.obj));
    goro_pkg_var(p, "Local", goro_obj_value(&goro_time_local.obj));
    goro_pkg_func(p, "FixedZone", time_fixedzone);
    goro_pkg_func(p, "LoadLocation", time_loadlocation);
}
