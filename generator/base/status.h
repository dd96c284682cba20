/* status.h - the program's error codes, and how a long task keeps its
 * first failure (generator/README.md, "Errors").
 *
 * Two conventions, by the size of the function:
 *   - A small function that can fail returns 0 (or a count, a size: never
 *     negative) when it succeeds and -1 when it fails, after adding what
 *     went wrong to its struct diag (diag.h). -1 says only "failed, the
 *     diagnostic says why"; it is not one of the codes below.
 *   - A command (build_run, build_check, build_report, init_run,
 *     diff_run, lint_locales), and a reader whose caller must tell one
 *     failure from another, returns SP_OK or one of the negative codes
 *     of enum sp_status. cmd/main.c alone turns them into exit statuses.
 * A task that goes on after a failure, to report every mistake at once
 * (the derivation, the localisation kit, diff, init), keeps the first
 * code in an int status with sp_fail: sticky, looked at once at the end. */
#ifndef SECPOLGEN_STATUS_H
#define SECPOLGEN_STATUS_H

enum sp_status {
	SP_OK = 0,
	/* The input is wrong: the profile, an answer to init, a data file
	 * (template, catalogue, message, schema), a document or language
	 * asked for; or an output edited by hand, which only the user can
	 * resolve. Nothing was written. */
	SP_EINPUT = -1,
	SP_ENOMEM = -2, /* memory ran out */
	/* An output could not be written: a folder, the disk, a file init
	 * would have to overwrite (output.h says what a build leaves). */
	SP_EIO = -3,
	SP_EUSAGE = -4  /* the command line is wrong (cmd/main.c only) */
};

/* Keeps the first failure in *status; returns code, for `return sp_fail(…)`. */
static inline int sp_fail(int *status, int code)
{
	if (*status == SP_OK)
		*status = code;
	return code;
}

#endif
