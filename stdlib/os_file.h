/* os_file.h: *os.File, shared by os, fmt (Fprint*) and bufio. */
#ifndef GORO_OS_FILE_H
#define GORO_OS_FILE_H

#include "object.h"

typedef struct FileObj {
    Obj obj;
    int fd;               /* -1 once closed */
    const char *name;     /* as opened: Name() and the errors' Path */
    bool closed;
    bool append;          /* opened with O_APPEND: WriteAt refuses */
    void *dir;            /* DIR * once ReadDir/Readdirnames started */
} FileObj;

/* If [w] is an *os.File, write to it and return true (*err set on
 * failure); false for any other value. */
bool goro_os_file_write(Value w, const char *s, size_t n, const char **err);
/* os.Args, set by the command line before the program starts. */
void goro_os_set_args(int argc, char **argv);
/* Flush buffered standard output (before exiting, before stderr output). */
void goro_os_flush(void);

#endif
