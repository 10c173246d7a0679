/* pkgdump.c: print every standard package's registered members (built
 * and run by scripts/pkgdoc.sh).  It links goro's own objects and walks
 * the registry that stdlib/*.c fill with goro_pkg_func, goro_pkg_const,
 * goro_pkg_var, goro_pkg_type, goro_pkg_iface and goro_pkg_method, so
 * the lists are exactly what `import` sees. */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pkg.h"
#include "type.h"

static int cmp_pkg(const void *a, const void *b)
{
    return strcmp((*(Package *const *)a)->path, (*(Package *const *)b)->path);
}
static int cmp_mem(const void *a, const void *b)
{
    return strcmp(((const PkgMember *)a)->name, ((const PkgMember *)b)->name);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void methods(const Type *t)
{
    if (!t)
        return;
    const char *names[512];
    int n = 0;
    for (int i = 0; i < t->nmethods && n < 512; i++)
        names[n++] = t->methods[i].name;
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++)
        printf("  method %s.%s\n", t->name, names[i]);
}

int main(void)
{
    GC_INIT();
    GC_allow_register_threads();
    goro_types_init();
    goro_stdlib_init();
    int np = goro_pkg_count();
    Package **ps = malloc(sizeof *ps * (size_t)np);
    for (int i = 0; i < np; i++)
        ps[i] = goro_pkg_at(i);
    qsort(ps, (size_t)np, sizeof *ps, cmp_pkg);
    for (int i = 0; i < np; i++) {
        Package *p = ps[i];
        printf("package %s\n", p->path);
        PkgMember *m = malloc(sizeof *m * (size_t)(p->n + 1));
        memcpy(m, p->members, sizeof *m * (size_t)p->n);
        qsort(m, (size_t)p->n, sizeof *m, cmp_mem);
        for (int j = 0; j < p->n; j++) {
            switch (m[j].kind) {
            case MEM_FUNC: printf("  func %s\n", m[j].name); break;
            case MEM_CONST: printf("  const %s\n", m[j].name); break;
            case MEM_VAR: printf("  var %s\n", m[j].name); break;
            case MEM_TYPE: {
                Type *t = m[j].type;
                if (t && t->under && t->under->kind == TY_IFACE && t->under->niface) {
                    printf("  type %s interface {", m[j].name);
                    for (int k = 0; k < t->under->niface; k++)
                        printf(" %s", t->under->iface[k]);
                    printf(" }\n");
                } else {
                    printf("  type %s\n", m[j].name);
                }
                methods(t);
                /* methods on the pointer type, if registered apart */
                if (t && t->ptrto && t->ptrto->nmethods)
                    methods(t->ptrto);
                break;
            }
            }
        }
        free(m);
    }
    return 0;
}
