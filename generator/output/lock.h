/* lock.h - one build at a time in an output folder.
 *
 * A build holds an advisory lock (flock(2)) on the output folder itself
 * from before it looks into it until its set is committed or given up.
 * The kernel releases it when the process ends, however it ends: a
 * killed build never leaves a lock behind, and none is a file that
 * could be left, lost or planted. Forked workers (parallel.h) share the
 * parent's. Locking creates and changes nothing, so a rebuild that has
 * nothing to write touches nothing, even in a folder it may not write.
 * While a build holds the lock no other build is writing into the
 * folder: a staging folder found there belongs to a build that has
 * ended, and is removed. */
#ifndef SECPOLGEN_LOCK_H
#define SECPOLGEN_LOCK_H

#include "base/diag.h"

struct output_lock {
	int fd; /* the folder, open; -1 when not held */
};

#define OUTPUT_LOCK_INIT { -1 }

/* Takes the lock on the existing folder dir, waiting at most wait
 * seconds for another build to finish (saying once on stderr that it
 * waits). 0; -1 after an error in d: another build holds it ("another
 * secpolgen build is writing into DIR/ (pid N)", its process id read
 * from /proc/locks), dir is not a folder, or a signal came
 * (interrupt.h). */
int lock_take(struct output_lock *l, const char *dir, unsigned wait, struct diag *d);

/* Releases the lock, when held. */
void lock_release(struct output_lock *l);

#endif
