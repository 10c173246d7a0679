/* list.c: container/list, Go's doubly linked list: a List with a
 * sentinel root element (the zero List is ready to use: it initialises
 * itself on first use, as Go's lazyInit), and Elements whose Value field
 * programs read and assign.  Operations on an element of another list
 * do nothing, as in Go. */
#include "pkg.h"
#include "rw.h"
#include "vm.h"

typedef struct ListObj ListObj;

typedef struct ElemObj {
    Obj obj;
    struct ElemObj *next, *prev;
    ListObj *list;
    Value value;
} ElemObj;

struct ListObj {
    Obj obj;
    ElemObj root;
    int64_t len;
};

static ObjClass list_class = {.name = "*list.List"};
static bool elem_getfield(Obj *o, const char *name, Value *out);
static bool elem_setfield(Obj *o, const char *name, Value v);
static const char *const elem_fields[] = {"Value", NULL};
static ObjClass elem_class = {
    .name = "*list.Element", .getfield = elem_getfield, .setfield = elem_setfield, .fields = elem_fields};
static const char *s_value;

static Obj *list_zero(void)
{
    ListObj *l = goro_alloc(sizeof *l);
    l->obj.cls = &list_class;
    return &l->obj;
}

static Obj *elem_zero(void)
{
    ElemObj *e = goro_alloc(sizeof *e);
    e->obj.cls = &elem_class;
    e->value = goro_nil();
    return &e->obj;
}

static bool elem_getfield(Obj *o, const char *name, Value *out)
{
    if (name != s_value)
        return false;
    *out = ((ElemObj *)o)->value;
    return true;
}

static bool elem_setfield(Obj *o, const char *name, Value v)
{
    if (name != s_value)
        return false;
    ((ElemObj *)o)->value = v;
    return true;
}

static Value nil_elem(void) { return goro_ptrval(TT(VK_OBJ, elem_class.type->id), NULL); }
static Value elem_value(ElemObj *e) { return e ? goro_obj_value(&e->obj) : nil_elem(); }

static void init(ListObj *l)
{
    l->root.next = l->root.prev = &l->root;
    l->len = 0;
}

static void lazy_init(ListObj *l)
{
    if (!l->root.next)
        init(l);
}

static ElemObj *insert(ListObj *l, ElemObj *e, ElemObj *at)
{
    e->prev = at;
    e->next = at->next;
    e->prev->next = e;
    e->next->prev = e;
    e->list = l;
    l->len++;
    return e;
}

static ElemObj *insert_value(ListObj *l, Value v, ElemObj *at)
{
    ElemObj *e = (ElemObj *)elem_zero();
    e->value = v;
    return insert(l, e, at);
}

static void unlink_elem(ListObj *l, ElemObj *e)
{
    e->prev->next = e->next;
    e->next->prev = e->prev;
    e->next = e->prev = NULL;
    e->list = NULL;
    l->len--;
}

static void move(ListObj *l, ElemObj *e, ElemObj *at)
{
    if (e == at)
        return;
    e->prev->next = e->next;
    e->next->prev = e->prev;
    e->prev = at;
    e->next = at->next;
    e->prev->next = e;
    e->next->prev = e;
    GORO_UNUSED(l);
}

/* ------------------------------------------------------------ Element */

#define NEED(T, x, v, cls)                                                                \
    T *x = (T *)goro_rw_obj_of(v, cls);                                                               \
    if (!x)                                                                               \
        return goro_nil_deref(g);

static int e_next(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_nil_deref(g);
    NEED(ElemObj, e, args[0], &elem_class);
    ElemObj *p = e->next;
    res[0] = e->list && p != &e->list->root ? elem_value(p) : nil_elem();
    return 1;
}

static int e_prev(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_nil_deref(g);
    NEED(ElemObj, e, args[0], &elem_class);
    ElemObj *p = e->prev;
    res[0] = e->list && p != &e->list->root ? elem_value(p) : nil_elem();
    return 1;
}

/* ------------------------------------------------------------ List */

/* The receiver, initialised; [need] arguments after it. */
#define RECV(need)                                                                        \
    if (nargs < 1 + (need))                                                               \
        return goro_runtime_error(g, "container/list: not enough arguments");             \
    NEED(ListObj, l, args[0], &list_class);                                               \
    lazy_init(l);

static int l_init(G *g, Value *args, int nargs, Value *res)
{
    RECV(0);
    init(l);
    res[0] = args[0];
    return 1;
}

static int l_len(G *g, Value *args, int nargs, Value *res)
{
    RECV(0);
    res[0] = goro_int(l->len);
    return 1;
}

static int l_front(G *g, Value *args, int nargs, Value *res)
{
    RECV(0);
    res[0] = l->len ? elem_value(l->root.next) : nil_elem();
    return 1;
}

static int l_back(G *g, Value *args, int nargs, Value *res)
{
    RECV(0);
    res[0] = l->len ? elem_value(l->root.prev) : nil_elem();
    return 1;
}

static int l_pushfront(G *g, Value *args, int nargs, Value *res)
{
    RECV(1);
    res[0] = elem_value(insert_value(l, args[1], &l->root));
    return 1;
}

static int l_pushback(G *g, Value *args, int nargs, Value *res)
{
    RECV(1);
    res[0] = elem_value(insert_value(l, args[1], l->root.prev));
    return 1;
}

static int l_remove(G *g, Value *args, int nargs, Value *res)
{
    RECV(1);
    NEED(ElemObj, e, args[1], &elem_class);
    if (e->list == l)
        unlink_elem(l, e);
    res[0] = e->value;
    return 1;
}

static int insert_near(G *g, Value *args, int nargs, Value *res, bool before)
{
    RECV(2);
    NEED(ElemObj, mark, args[2], &elem_class);
    res[0] = mark->list != l ? nil_elem() : elem_value(insert_value(l, args[1], before ? mark->prev : mark));
    return 1;
}

static int l_insertbefore(G *g, Value *args, int nargs, Value *res) { return insert_near(g, args, nargs, res, true); }
static int l_insertafter(G *g, Value *args, int nargs, Value *res) { return insert_near(g, args, nargs, res, false); }

static int move_end(G *g, Value *args, int nargs, bool front)
{
    RECV(1);
    NEED(ElemObj, e, args[1], &elem_class);
    if (e->list != l || (front ? l->root.next : l->root.prev) == e)
        return 0;
    move(l, e, front ? &l->root : l->root.prev);
    return 0;
}

static int l_movetofront(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return move_end(g, args, nargs, true);
}

static int l_movetoback(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return move_end(g, args, nargs, false);
}

static int move_near(G *g, Value *args, int nargs, bool before)
{
    RECV(2);
    NEED(ElemObj, e, args[1], &elem_class);
    NEED(ElemObj, mark, args[2], &elem_class);
    if (e->list != l || e == mark || mark->list != l)
        return 0;
    move(l, e, before ? mark->prev : mark);
    return 0;
}

static int l_movebefore(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return move_near(g, args, nargs, true);
}

static int l_moveafter(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return move_near(g, args, nargs, false);
}

/* PushBackList / PushFrontList: copies of other's values (other may be l). */
static int push_list(G *g, Value *args, int nargs, bool front)
{
    RECV(1);
    NEED(ListObj, o, args[1], &list_class);
    lazy_init(o);
    int64_t n = o->len;
    if (front) {
        ElemObj *e = o->root.prev;
        for (int64_t i = 0; i < n; i++, e = e->prev)
            insert_value(l, e->value, &l->root);
    } else {
        ElemObj *e = o->root.next;
        for (int64_t i = 0; i < n; i++, e = e->next)
            insert_value(l, e->value, l->root.prev);
    }
    return 0;
}

static int l_pushbacklist(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return push_list(g, args, nargs, false);
}

static int l_pushfrontlist(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return push_list(g, args, nargs, true);
}

static int f_new(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    ListObj *l = (ListObj *)list_zero();
    init(l);
    res[0] = goro_obj_value(&l->obj);
    return 1;
}

void goro_pkg_list_init(void)
{
    Package *p = goro_pkg_new("container/list");
    s_value = goro_intern_cstr("Value");
    Type *et = goro_pkg_obj_type(p, "list", "Element", &elem_class, elem_zero);
    goro_pkg_method(et, "Next", e_next);
    goro_pkg_method(et, "Prev", e_prev);
    Type *lt = goro_pkg_obj_type(p, "list", "List", &list_class, list_zero);
    static const struct { const char *name; NativeFn fn; } ms[] = {
        {"Init", l_init}, {"Len", l_len}, {"Front", l_front}, {"Back", l_back},
        {"PushFront", l_pushfront}, {"PushBack", l_pushback}, {"Remove", l_remove},
        {"InsertBefore", l_insertbefore}, {"InsertAfter", l_insertafter},
        {"MoveToFront", l_movetofront}, {"MoveToBack", l_movetoback},
        {"MoveBefore", l_movebefore}, {"MoveAfter", l_moveafter},
        {"PushBackList", l_pushbacklist}, {"PushFrontList", l_pushfrontlist},
    };
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        goro_pkg_method(lt, ms[i].name, ms[i].fn);
    goro_pkg_func(p, "New", f_new);
}
