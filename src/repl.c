/* repl.c: the REPL (placeholder until the full REPL lands). */
#include <stdio.h>

#include "repl.h"

int goro_repl_main(void)
{
    fputs("goro: the REPL is not built yet\n", stderr);
    return 1;
}
