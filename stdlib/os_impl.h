/* os_impl.h: what the os package's files (os.c, os_error.c, os_file.c,
 * os_dir.c) share, and the part of os that path/filepath uses (Lstat,
 * ReadDir, FileInfo and DirEntry values for Walk and Glob). */
#ifndef GORO_OS_IMPL_H
#define GORO_OS_IMPL_H

#include <sys/stat.h>

#include "g.h"
#include "pkg.h"

/* os_proc.c: Signal, Interrupt, Kill, FindProcess, *Process. */
void goro_os_proc_init(Package *p);

/* ------------------------------------------------------------ os_error.c */

/* os's sentinel errors (os.ErrInvalid, ...), made once. */
typedef enum OsErr {
    OS_ERR_INVALID,      /* "invalid argument" */
    OS_ERR_PERMISSION,   /* "permission denied" */
    OS_ERR_EXIST,        /* "file already exists" */
    OS_ERR_NOT_EXIST,    /* "file does not exist" */
    OS_ERR_CLOSED,       /* "file already closed" */
    OS_ERR_NO_DEADLINE,  /* "file type does not support deadline" */
    OS_NERR
} OsErr;
Value goro_os_err(OsErr which);
/* io/fs's SkipDir and SkipAll (filepath's too). */
Value goro_os_skip_dir(void);
Value goro_os_skip_all(void);

/* A syscall.Errno value (a named uintptr whose Error is strerror's text
 * as Go words it, and whose Is matches ErrNotExist, ErrExist, ...). */
Value goro_os_errno(int e);
/* &PathError{Op: op, Path: path, Err: err} */
Value goro_os_path_error(const char *op, const char *path, Value err);
/* &PathError{Op: op, Path: path, Err: syscall.Errno(e)} */
Value goro_os_path_errno(const char *op, const char *path, int e);
/* The PathError of a name holding a NUL byte: EINVAL, the name as given. */
Value goro_os_nul_path_error(const char *op, Value path);
/* &LinkError{Op, Old, New, syscall.Errno(e)} ("rename a b: ...") */
Value goro_os_link_error(const char *op, const char *oldp, const char *newp, Value err);
/* &SyscallError{Syscall, syscall.Errno(e)} ("setenv: invalid argument") */
Value goro_os_syscall_error(const char *name, int e);
/* os.IsNotExist and friends' unwrapping of one *PathError, *LinkError
 * or *SyscallError; the error itself otherwise. */
Value goro_os_underlying(Value err);
/* err == target, as interface values compare (sentinels, Errno's). */
bool goro_os_same_error(Value a, Value b);
void goro_os_errors_init(Package *p);

/* --------------------------------------------------------------- helpers */

/* args[i] as a C string; NULL (the panic set) when it is no string. */
char *goro_os_str_arg(G *g, const Value *args, int nargs, int i, const char *fn);
/* Does the Go string [v] hold a NUL byte (the kernel would cut it)? */
bool goro_os_has_nul(Value v);
/* A []string of [n] strings. */
Value goro_os_string_slice(Value *items, int64_t n);
/* Go's basename for FileInfo.Name: trailing slashes removed, then what
 * follows the last slash. */
Value goro_os_basename(const char *path);

/* ------------------------------------------------------------- os_file.c */

/* os.OpenFile: an *os.File, or nil with *err set (*PathError "open"). */
Value goro_os_open(const char *path, int flags, unsigned perm, Value *err);
/* A nil *os.File. */
Value goro_os_nil_file(void);
/* os.File.Close on a value known to be a file (errors ignored). */
void goro_os_close(Value f);
void goro_os_file_init(Package *p);

/* -------------------------------------------------------------- os_dir.c */

/* A FileInfo (*os.fileStat) for [path] from [st]. */
Value goro_os_file_info(const char *path, const struct stat *st);
/* os.Stat / os.Lstat: true with *info, or false with *err ("stat x: ..."). */
bool goro_os_stat(const char *path, bool lstat, Value *info, Value *err);
/* FileInfo.IsDir of a value made by goro_os_file_info. */
bool goro_os_info_is_dir(Value info);
/* A DirEntry standing for the FileInfo [info] (WalkDir's root). */
Value goro_os_info_dirent(Value info);
/* os.ReadDir: the entries sorted by name; false with *err and the
 * entries read before the error (possibly none). */
bool goro_os_read_dir(const char *path, Value *entries, Value *err);
/* DirEntry.Name / IsDir of a value made by os_dir.c. */
Value goro_os_dirent_name(Value d);
bool goro_os_dirent_is_dir(Value d);
/* A DirEntry for [name] in directory [parent], of readdir's [dtype]. */
Value goro_os_new_dirent(const char *parent, Value name, unsigned char dtype);
/* A []fs.DirEntry of [n] entries. */
Value goro_os_dirent_slice(Value *items, int64_t n);
/* FileMode's type bits from a stat mode (S_IFDIR -> ModeDir, ...). */
uint32_t goro_os_mode_bits(mode_t m);
/* The names in directory [dirp] (a DIR *) (not "." and ".."), in directory order,
 * at most [max] when max > 0; *e the errno on failure. */
int goro_os_dir_names(void *dirp, int max, Value **names, unsigned char **types, int *e);
void goro_os_dir_init(Package *p);

/* fs.FileMode bits (Go's io/fs). */
#define GORO_MODE_DIR (1u << 31)
#define GORO_MODE_APPEND (1u << 30)
#define GORO_MODE_EXCLUSIVE (1u << 29)
#define GORO_MODE_TEMPORARY (1u << 28)
#define GORO_MODE_SYMLINK (1u << 27)
#define GORO_MODE_DEVICE (1u << 26)
#define GORO_MODE_NAMED_PIPE (1u << 25)
#define GORO_MODE_SOCKET (1u << 24)
#define GORO_MODE_SETUID (1u << 23)
#define GORO_MODE_SETGID (1u << 22)
#define GORO_MODE_CHAR_DEVICE (1u << 21)
#define GORO_MODE_STICKY (1u << 20)
#define GORO_MODE_IRREGULAR (1u << 19)
#define GORO_MODE_TYPE (GORO_MODE_DIR | GORO_MODE_SYMLINK | GORO_MODE_NAMED_PIPE | \
                        GORO_MODE_SOCKET | GORO_MODE_DEVICE | GORO_MODE_CHAR_DEVICE | \
                        GORO_MODE_IRREGULAR)
#define GORO_MODE_PERM 0777u

#endif
