/* status.h - how a long task keeps its first failure.
 *
 * A function that can fail returns 0 (or a count, a size: never negative)
 * when it succeeds, and a negative number when it fails, after adding
 * what went wrong to its struct diag (diag.h). A task that goes on after a
 * failure, to report every mistake at once (the derivation, the
 * localisation kit, diff), keeps the first code in an int status with
 * sp_fail: sticky, looked at once at the end. */
#ifndef SECPOLGEN_STATUS_H
#define SECPOLGEN_STATUS_H

enum sp_status {
	SP_OK = 0,
	SP_EINPUT = -1, /* the input is wrong (a profile, a data file, a message) */
	SP_ENOMEM = -2  /* out of memory */
};

/* Keeps the first failure in *status; returns code, for `return sp_fail(…)`. */
static inline int sp_fail(int *status, int code)
{
	if (*status == SP_OK)
		*status = code;
	return code;
}

#endif
