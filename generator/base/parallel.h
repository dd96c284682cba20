/* parallel.h - a list of jobs shared among forked worker processes, each
 * job's result taken back by the parent in the jobs' order.
 *
 * A worker is a fork of the caller: it sees everything the caller had
 * built (the profile, the derived view) without copying it, takes the
 * next job not yet taken (from a counter the workers share) until none
 * is left, and sends each job's result (bytes the job appended to a
 * buffer) through a pipe. The parent keeps the results and hands them to
 * take() in job order once every worker has ended, so what the caller
 * makes of them does not depend on how many workers there were or which
 * finished first. Workers die with the parent (PR_SET_PDEATHSIG), and
 * once a job has failed no more are handed out.
 *
 * The wire helpers below write and read a result: numbers and strings,
 * each string with its length and a '\0', so that a reader hands out
 * pointers into the result itself. */
#ifndef SECPOLGEN_PARALLEL_H
#define SECPOLGEN_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"

struct parallel_ops {
	/* In a worker: does job j, appending what the parent must know of
	 * it to result. 0, or -1 when the job failed; its result is sent
	 * either way (it tells why), and no more jobs are handed out. */
	int (*run)(void *ctx, size_t job, struct buf *result);
	/* In the parent, in job order, for every job that sent a result
	 * (failed set when run gave -1): 0, or -1 after adding an error to
	 * d. The results of later jobs are still taken after a -1 (so that
	 * what they made can be cleaned up), but the run fails. */
	int (*take)(void *ctx, size_t job, bool failed, const char *result, size_t len,
		    struct diag *d);
};

/* How many processors this process may run on (at least 1). */
unsigned parallel_cpus(void);

/* Runs jobs 0 .. njobs-1 in `workers` forked processes (at most njobs of
 * them), handed out in the order order[0 .. njobs-1] (a permutation:
 * the longest first makes the workers end together), or 0, 1, 2 ... when
 * order is NULL; the results are taken in job order all the same. 0 when
 * every job ran, succeeded and was taken; -1 after adding an error to d
 * (a job failed and its result said why, a worker died, or the processes
 * could not be made). Flush stdio before calling: a worker leaves with
 * _exit. */
int parallel_run(size_t njobs, const size_t *order, unsigned workers,
		 const struct parallel_ops *ops, void *ctx, struct diag *d);

/* Writing a result. Each gives 0, or -1 when out of memory (b freed). */
int parallel_put_u64(struct buf *b, uint64_t v);
/* s may be NULL, and reads back as NULL. */
int parallel_put_str(struct buf *b, const char *s);

/* Reading one back: each call moves on; a short or malformed result
 * sets bad, and every later call gives 0 or NULL. */
struct parallel_reader {
	const char *p, *end;
	bool bad;
};
uint64_t parallel_get_u64(struct parallel_reader *r);
/* Borrowed from the result; NULL when it was NULL, or bad. */
const char *parallel_get_str(struct parallel_reader *r);
bool parallel_done(const struct parallel_reader *r); /* nothing left to read */

#endif
