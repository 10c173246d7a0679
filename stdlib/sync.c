/* sync.c: the sync package: Mutex and RWMutex (sync_mutex.c),
 * WaitGroup, Once and the Once functions (sync_wait.c), Cond
 * (sync_cond.c), Map and Pool (sync_map.c), and the Locker interface.
 * Every wait parks the goroutine on the runtime's semaphores or wait
 * lists; none blocks a thread. */
#include "sync_pkg.h"

void goro_pkg_sync_init(void)
{
    Package *p = goro_pkg_new("sync");
    goro_pkg_iface(p, "Locker", "Lock Unlock");
    goro_sync_mutex_init(p);
    goro_sync_wait_init(p);
    goro_sync_cond_init(p);
    goro_sync_map_init(p);
}
