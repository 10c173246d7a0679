/* os.c: the os package's registration and its process and environment
 * functions: Args, Exit, Getenv, Setenv, Unsetenv, LookupEnv, Environ,
 * Clearenv, ExpandEnv, Getwd, Hostname, Getpid and friends; plus the
 * argument helpers the other os files share.  Files are os_file.c,
 * names and directories os_dir.c, errors os_error.c. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errors_obj.h"
#include "format.h"
#include "os_file.h"
#include "os_impl.h"
#include "proc.h"
#include "vm.h"

extern char **environ;
static Box *args_box;
/* setenv/getenv are not safe against each other across threads */
static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;

/* ------------------------------------------------------------- helpers */

char *goro_os_str_arg(G *g, const Value *args, int nargs, int i, const char *fn)
{
    if (i >= nargs || VKIND(args[i]) != VK_STRING) {
        goro_runtime_error(g, "os.%s: argument %d must be a string", fn, i + 1);
        return NULL;
    }
    return goro_strndup(args[i].u.s, args[i].aux);
}

bool goro_os_has_nul(Value v)
{
    return VKIND(v) == VK_STRING && memchr(v.u.s, 0, v.aux) != NULL;
}

Value goro_os_string_slice(Value *items, int64_t n)
{
    return goro_slice_from(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), items, n);
}

Value goro_os_basename(const char *path)
{
    size_t i = strlen(path);
    while (i > 0 && path[i - 1] == '/')
        i--;
    size_t j = i;
    while (j > 0 && path[j - 1] != '/')
        j--;
    if (i == 0 && path[0] == '/')
        return goro_str_cstr("/");
    return goro_str(path + j, (int64_t)(i - j));
}

/* ------------------------------------------------------------- process */

void goro_os_set_args(int argc, char **argv)
{
    Value *items = goro_alloc(sizeof(Value) * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++)
        items[i] = goro_str_cstr(argv[i]);
    if (args_box)
        args_box->v = goro_os_string_slice(items, argc);
}

static int os_exit(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    int64_t code = 0;
    if (nargs > 0 && !goro_arg_int(args, nargs, 0, &code))
        return goro_runtime_error(g, "os.Exit: code must be an int");
    fflush(stdout);
    fflush(stderr);
    _exit((int)code & 0xff);
}

static int os_getpid(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(getpid());
    return 1;
}

static int os_getppid(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(getppid());
    return 1;
}

static int os_getuid(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(getuid());
    return 1;
}

static int os_getgid(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(getgid());
    return 1;
}

static int os_getpagesize(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_int(sysconf(_SC_PAGESIZE));
    return 1;
}

static int os_hostname(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    char buf[HOST_NAME_MAX + 1];
    goro_syscall_enter();
    int r = gethostname(buf, sizeof buf);
    int e = errno;
    goro_syscall_exit();
    buf[HOST_NAME_MAX] = 0;
    res[0] = goro_str_cstr(r < 0 ? "" : buf);
    res[1] = r < 0 ? goro_os_syscall_error("gethostname", e) : goro_nil();
    return 2;
}

static int os_getwd(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    char buf[PATH_MAX];
    goro_syscall_enter();
    char *r = getcwd(buf, sizeof buf);
    int e = errno;
    goro_syscall_exit();
    res[0] = goro_str_cstr(r ? buf : "");
    res[1] = r ? goro_nil() : goro_os_syscall_error("getwd", e);
    return 2;
}

static int os_executable(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    char buf[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", buf, sizeof buf - 1);
    res[0] = goro_str(buf, k < 0 ? 0 : k);
    res[1] = k < 0 ? goro_os_path_errno("readlink", "/proc/self/exe", errno) : goro_nil();
    return 2;
}

/* ----------------------------------------------------------- environment */

static Value lookup(Value key, bool *found)
{
    char *k = goro_strndup(key.u.s, key.aux);
    pthread_mutex_lock(&env_lock);
    const char *v = memchr(key.u.s, 0, key.aux) ? NULL : getenv(k);
    Value r = goro_str_cstr(v ? v : "");
    pthread_mutex_unlock(&env_lock);
    *found = v != NULL;
    return r;
}

static int os_getenv(G *g, Value *args, int nargs, Value *res)
{
    if (!goro_os_str_arg(g, args, nargs, 0, "Getenv"))
        return GORO_NATIVE_PANIC;
    bool found;
    res[0] = lookup(args[0], &found);
    return 1;
}

static int os_lookupenv(G *g, Value *args, int nargs, Value *res)
{
    if (!goro_os_str_arg(g, args, nargs, 0, "LookupEnv"))
        return GORO_NATIVE_PANIC;
    bool found;
    res[0] = lookup(args[0], &found);
    res[1] = goro_bool(found);
    return 2;
}

static int os_setenv(G *g, Value *args, int nargs, Value *res)
{
    char *k = goro_os_str_arg(g, args, nargs, 0, "Setenv");
    char *v = k ? goro_os_str_arg(g, args, nargs, 1, "Setenv") : NULL;
    if (!v)
        return GORO_NATIVE_PANIC;
    /* syscall.Setenv: EINVAL for an empty key, '=' or NUL in the key,
     * NUL in the value */
    if (!*k || strchr(k, '=') || strlen(k) != args[0].aux || strlen(v) != args[1].aux) {
        res[0] = goro_os_syscall_error("setenv", EINVAL);
        return 1;
    }
    pthread_mutex_lock(&env_lock);
    int r = setenv(k, v, 1);
    int e = errno;
    pthread_mutex_unlock(&env_lock);
    res[0] = r < 0 ? goro_os_syscall_error("setenv", e) : goro_nil();
    return 1;
}

static int os_unsetenv(G *g, Value *args, int nargs, Value *res)
{
    char *k = goro_os_str_arg(g, args, nargs, 0, "Unsetenv");
    if (!k)
        return GORO_NATIVE_PANIC;
    res[0] = goro_nil();
    if (!*k || strchr(k, '=') || strlen(k) != args[0].aux)
        return 1;
    pthread_mutex_lock(&env_lock);
    unsetenv(k);
    pthread_mutex_unlock(&env_lock);
    return 1;
}

static int os_clearenv(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    pthread_mutex_lock(&env_lock);
    clearenv();
    pthread_mutex_unlock(&env_lock);
    return 0;
}

static int os_environ(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    pthread_mutex_lock(&env_lock);
    int n = 0;
    while (environ && environ[n])
        n++;
    Value *items = goro_alloc(sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        items[i] = goro_str_cstr(environ[i]);
    pthread_mutex_unlock(&env_lock);
    res[0] = goro_os_string_slice(items, n);
    return 1;
}

/* os.ExpandEnv: $VAR and ${VAR} replaced by their values (Go's Expand
 * with its shell-special names and its handling of a bad ${...}). */
static bool is_shell_special(char c)
{
    return strchr("*#$@!?-", c) != NULL || (c >= '0' && c <= '9');
}

static bool is_alnum(char c)
{
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Go's getShellName: the name at s (after '$') and how many bytes it takes. */
static size_t shell_name(const char *s, size_t n, const char **name, size_t *namelen)
{
    if (n > 0 && s[0] == '{') {
        if (n > 2 && is_shell_special(s[1]) && s[2] == '}') {
            *name = s + 1;
            *namelen = 1;
            return 3;
        }
        for (size_t i = 1; i < n; i++) {
            if (s[i] == '}') {
                if (i == 1) {   /* bad syntax: ${} */
                    *name = s;
                    *namelen = 0;
                    return 2;
                }
                *name = s + 1;
                *namelen = i - 1;
                return i + 1;
            }
        }
        *name = s;   /* bad syntax: no closing brace */
        *namelen = 0;
        return 1;
    }
    if (n > 0 && is_shell_special(s[0])) {
        *name = s;
        *namelen = 1;
        return 1;
    }
    size_t i = 0;
    while (i < n && is_alnum(s[i]))
        i++;
    *name = s;
    *namelen = i;
    return i;
}

static int os_expandenv(G *g, Value *args, int nargs, Value *res)
{
    if (!goro_os_str_arg(g, args, nargs, 0, "ExpandEnv"))
        return GORO_NATIVE_PANIC;
    const char *s = args[0].u.s;
    size_t n = args[0].aux, i = 0;
    Buf b = {0};
    for (size_t j = 0; j < n; j++) {
        if (s[j] == '$' && j + 1 < n) {
            goro_buf_put(&b, s + i, j - i);
            const char *name;
            size_t nl, w = shell_name(s + j + 1, n - j - 1, &name, &nl);
            if (nl == 0 && w > 0) {
                /* invalid syntax: eat the characters */
            } else if (nl == 0) {
                goro_buf_putc(&b, s[j]);   /* a lone '$' */
            } else {
                bool found;
                Value v = lookup(goro_str(name, (int64_t)nl), &found);
                goro_buf_put(&b, v.u.s, v.aux);
            }
            j += w;
            i = j + 1;
        }
    }
    goro_buf_put(&b, s + i, n - i);
    res[0] = goro_buf_string(&b);
    return 1;
}

static int os_ispathsep(G *g, Value *args, int nargs, Value *res)
{
    int64_t c;
    if (!goro_arg_int(args, nargs, 0, &c))
        return goro_runtime_error(g, "os.IsPathSeparator: argument must be a uint8");
    res[0] = goro_bool(c == '/');
    return 1;
}

void goro_pkg_os_init(void)
{
    Package *p = goro_pkg_new("os");
    goro_os_errors_init(p);
    goro_os_file_init(p);
    goro_os_dir_init(p);
    goro_os_proc_init(p);
    args_box = goro_pkg_var(p, "Args", goro_ptrval(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), NULL));
    goro_pkg_const(p, "PathSeparator", goro_rune('/'));
    goro_pkg_const(p, "PathListSeparator", goro_rune(':'));
    goro_pkg_const(p, "DevNull", goro_str_cstr("/dev/null"));
    goro_pkg_func(p, "Exit", os_exit);
    goro_pkg_func(p, "Getpid", os_getpid);
    goro_pkg_func(p, "Getppid", os_getppid);
    goro_pkg_func(p, "Getuid", os_getuid);
    goro_pkg_func(p, "Geteuid", os_getuid);
    goro_pkg_func(p, "Getgid", os_getgid);
    goro_pkg_func(p, "Getegid", os_getgid);
    goro_pkg_func(p, "Getpagesize", os_getpagesize);
    goro_pkg_func(p, "Hostname", os_hostname);
    goro_pkg_func(p, "Getwd", os_getwd);
    goro_pkg_func(p, "Executable", os_executable);
    goro_pkg_func(p, "Getenv", os_getenv);
    goro_pkg_func(p, "LookupEnv", os_lookupenv);
    goro_pkg_func(p, "Setenv", os_setenv);
    goro_pkg_func(p, "Unsetenv", os_unsetenv);
    goro_pkg_func(p, "Clearenv", os_clearenv);
    goro_pkg_func(p, "Environ", os_environ);
    goro_pkg_func(p, "ExpandEnv", os_expandenv);
    goro_pkg_func(p, "IsPathSeparator", os_ispathsep);
}
