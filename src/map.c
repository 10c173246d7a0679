/* map.c: goro's hash map (design in object.h). */
#include "object.h"

static void build_index(Map *m, int64_t nindex)
{
    m->index = goro_alloc_atomic(sizeof(int32_t) * (size_t)nindex);
    memset(m->index, 0xff, sizeof(int32_t) * (size_t)nindex);
    m->nindex = nindex;
    for (int64_t e = 0; e < m->nentries; e++) {
        MapEntry *me = &m->entries[e];
        if (!me->hash)
            continue;
        int64_t j = (int64_t)(me->hash & (uint64_t)(nindex - 1));
        while (m->index[j] >= 0)
            j = (j + 1) & (nindex - 1);
        m->index[j] = (int32_t)e;
    }
}

Map *goro_map_new(Type *t, int64_t hint)
{
    Map *m = goro_alloc(sizeof *m);
    m->type = t;
    int64_t cap = hint > 8 ? hint : 8;
    m->entries = goro_alloc(sizeof(MapEntry) * (size_t)cap);
    m->capentries = cap;
    int64_t ni = 16;
    while (ni < cap * 2)
        ni *= 2;
    build_index(m, ni);
    return m;
}

const char *goro_map_key_error(Value key)
{
    switch (VKIND(key)) {
    case VK_SLICE: return "slice";
    case VK_MAP: return "map";
    case VK_FUNC: case VK_NATIVE: case VK_BOUND: return "func";
    case VK_ARRAY: {
        Array *a = key.u.p;
        for (int64_t i = 0; i < a->len; i++) {
            const char *e = goro_map_key_error(a->v[i]);
            if (e)
                return e;
        }
        return NULL;
    }
    case VK_STRUCT: {
        Struct *s = key.u.p;
        for (int64_t i = 0; i < s->n; i++) {
            const char *e = goro_map_key_error(s->f[i]);
            if (e)
                return e;
        }
        return NULL;
    }
    default:
        return NULL;
    }
}

/* The index slot holding [key], or the empty slot where it would go. */
static int64_t find_slot(Map *m, Value key, uint64_t h)
{
    int64_t mask = m->nindex - 1;
    int64_t j = (int64_t)(h & (uint64_t)mask);
    for (;;) {
        int32_t e = m->index[j];
        if (e < 0)
            return j;
        MapEntry *me = &m->entries[e];
        if (me->hash == h && goro_value_same(me->key, key, NULL))
            return j;
        j = (j + 1) & mask;
    }
}

/* [key] as the map's key type holds it: a map[float64]V looked up with
 * an int finds the float key, as Go's constant conversion would. */
static inline Value as_key(Map *m, Value key)
{
    if (m->type && m->type != goro_t_anymap) {
        Type *kt = m->type->under->key;
        if (kt && kt->coerce)
            key = goro_type_coerce(kt, key);
    }
    return key;
}

Value *goro_map_get(Map *m, Value key)
{
    if (!m || m->count == 0)
        return NULL;
    key = as_key(m, key);
    uint64_t h = goro_value_hash(key);
    int32_t e = m->index[find_slot(m, key, h)];
    return e >= 0 ? &m->entries[e].val : NULL;
}

/* Make room for one more entry: compact tombstones or grow. */
static void grow(Map *m)
{
    int64_t live = m->count;
    int64_t ncap = live * 2 > 8 ? live * 2 : 8;
    if (ncap < m->capentries && m->nentries - live < m->capentries / 4)
        ncap = m->capentries * 2;
    MapEntry *ne = goro_alloc(sizeof(MapEntry) * (size_t)ncap);
    int64_t k = 0;
    for (int64_t e = 0; e < m->nentries; e++)
        if (m->entries[e].hash)
            ne[k++] = m->entries[e];
    m->entries = ne;
    m->nentries = k;
    m->capentries = ncap;
    int64_t ni = 16;
    while (ni < ncap * 2)
        ni *= 2;
    build_index(m, ni);
}

bool goro_map_set(Map *m, Value key, Value val, const char **err)
{
    const char *kerr = goro_map_key_error(key);
    if (kerr) {
        *err = goro_sprintf("hash of unhashable type %s", goro_type_of(key)->name);
        return false;
    }
    if (m->type && m->type != goro_t_anymap) {
        Type *mt = m->type->under;
        key = as_key(m, key);
        if (mt->elem && mt->elem->coerce)
            val = goro_type_coerce(mt->elem, val);
    }
    uint64_t h = goro_value_hash(key);
    int64_t j = find_slot(m, key, h);
    int32_t e = m->index[j];
    if (e >= 0) {
        m->entries[e].val = val;
        return true;
    }
    if (m->nentries == m->capentries) {
        grow(m);
        j = find_slot(m, key, h);
    }
    e = (int32_t)m->nentries++;
    m->entries[e].key = key;
    m->entries[e].val = val;
    m->entries[e].hash = h;
    m->index[j] = e;
    m->count++;
    return true;
}

void goro_map_delete(Map *m, Value key)
{
    if (!m || m->count == 0)
        return;
    key = as_key(m, key);
    uint64_t h = goro_value_hash(key);
    int64_t j = find_slot(m, key, h);
    int32_t e = m->index[j];
    if (e < 0)
        return;
    m->entries[e].hash = 0;
    m->entries[e].key = goro_nil();
    m->entries[e].val = goro_nil();
    m->count--;
    /* Backward-shift deletion keeps probe chains unbroken. */
    int64_t mask = m->nindex - 1;
    int64_t i = j;
    m->index[i] = -1;
    for (int64_t k = (i + 1) & mask; m->index[k] >= 0; k = (k + 1) & mask) {
        int64_t home = (int64_t)(m->entries[m->index[k]].hash & (uint64_t)mask);
        /* move entry k back to i if its home is not in (i, k] */
        bool between = i <= k ? (home > i && home <= k) : (home > i || home <= k);
        if (!between) {
            m->index[i] = m->index[k];
            m->index[k] = -1;
            i = k;
        }
    }
    if (m->count == 0) {
        /* an emptied map starts its entries afresh */
        m->nentries = 0;
    }
}

void goro_map_clear(Map *m)
{
    if (!m)
        return;
    memset(m->entries, 0, sizeof(MapEntry) * (size_t)m->capentries);
    memset(m->index, 0xff, sizeof(int32_t) * (size_t)m->nindex);
    m->nentries = 0;
    m->count = 0;
}

void goro_map_iter_init(MapIter *it, Map *m)
{
    it->m = m;
    it->entries = m ? m->entries : NULL;
    it->n = m ? m->nentries : 0;
    it->i = 0;
}

bool goro_map_iter_next(MapIter *it, Value *key, Value *val)
{
    Map *m = it->m;
    if (!m)
        return false;
    if (it->entries == m->entries) {
        /* new entries appended during the loop are visited too */
        it->n = m->nentries;
        while (it->i < it->n) {
            MapEntry *me = &it->entries[it->i++];
            if (me->hash) {
                *key = me->key;
                *val = me->val;
                return true;
            }
        }
        return false;
    }
    /* The map was compacted under us: walk the old array, yielding keys
     * that are still present, with their current values. */
    while (it->i < it->n) {
        MapEntry *me = &it->entries[it->i++];
        if (!me->hash)
            continue;
        Value *cur = goro_map_get(m, me->key);
        if (cur) {
            *key = me->key;
            *val = *cur;
            return true;
        }
    }
    return false;
}
