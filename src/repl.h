/* repl.h: the interactive prompt. */
#ifndef GORO_REPL_H
#define GORO_REPL_H

/* Run the REPL until :quit or end of input; returns the exit status. */
int goro_repl_main(void);

#endif
