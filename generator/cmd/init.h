/* init.h - `secpolgen init`: the questionnaire a drafting meeting answers
 * in the terminal, in Japanese or English, that writes a first,
 * commented profile.xml which `secpolgen check` accepts.
 *
 * Every question, hint and error is a message init.<...> of the locale
 * files; the word lists and bounds come from policy-templates/profile.rng. */
#ifndef SECPOLGEN_INIT_H
#define SECPOLGEN_INIT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/status.h"

struct init_options {
	const char *datadir;  /* holds policy-templates/ and locales/ */
	const char *lang;     /* "ja" or "en": the questions' language */
	FILE *in;             /* answers, a line each (a terminal or a file) */
	FILE *out;            /* questions and prompts (stdout); may be NULL to be silent */
	bool interactive;     /* in is a terminal: re-ask after a bad answer; else a bad answer is an error (exit 1) naming the question */
	const char *output;   /* the profile to write, e.g. "profile.xml"; refused if it exists */
};

/* Asks the questions, validates each answer as it is typed (re-asking
 * with the reason when interactive), and writes the profile atomically
 * (temporary file + rename) only when every answer is in. SP_OK, or
 * (base/status.h) SP_EINPUT: a bad answer (non-interactive), the input
 * ended early, or the data files are broken; SP_EIO: the output exists
 * or cannot be written; SP_ENOMEM.
 * An existing output is refused before the first question, and again
 * when the file is put in place (so a file made meanwhile is kept).
 * Errors go to d, in the questions' language; nothing is printed to
 * stderr. */
int init_run(const struct init_options *o, struct diag *d);


#endif
