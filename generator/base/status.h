/* status.h - one convention for failure, in the whole program.
 *
 * A function that can fail returns 0 (or a count, a size: never negative)
 * when it succeeds, and one of these negative codes when it fails, after
 * adding what went wrong to its struct diag (diag.h). Only main.c turns a
 * code into an exit status (sp_exit_status there). A long task that goes
 * on after a failure, to report every mistake at once, keeps the first
 * code in an int status with sp_fail: sticky, checked once at the end. */
#ifndef SECPOLGEN_STATUS_H
#define SECPOLGEN_STATUS_H

enum sp_status {
	SP_OK = 0,
	SP_EINPUT = -1,   /* the input is wrong (a profile, a data file, an answer) */
	SP_ENOMEM = -2,   /* out of memory */
	SP_EIO = -3,      /* a file could not be read or written */
	SP_EREFUSED = -4, /* a file is the user's to resolve (edited by hand) */
	SP_EUSAGE = -5    /* the command line is wrong */
};

/* Keeps the first failure in *status; returns code, for `return sp_fail(…)`. */
static inline int sp_fail(int *status, int code)
{
	if (*status == SP_OK)
		*status = code;
	return code;
}

#endif
