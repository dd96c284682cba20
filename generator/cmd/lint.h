/* lint.h - checks of the data files that ship with secpolgen: the locale
 * catalogues against the templates and against each other. */
#ifndef SECPOLGEN_LINT_H
#define SECPOLGEN_LINT_H

#include "base/diag.h"
#include "base/status.h"

/* Checks the .xlf files in datadir/locales against the templates in
 * datadir/policy-templates
 * and the ids derive.c looks up: every referenced id exists in every
 * language; every English id is used; every translation has the same ids
 * as English, the same {{…}} tags, and was translated from the current
 * English text (not stale); no message, template or catalogue text holds
 * a term the termbase (locales/terms.tbx) forbids in its language. SP_OK clean, or SP_EINPUT after adding errors
 * to d (base/status.h; memory running out is one of them). */
int lint_locales(const char *datadir, struct diag *d);

#endif
