/* shape.h - what values must look like (ids, e-mail addresses, https
 * URLs, dates, …): one PCRE2 pattern each (an e-mail address: a function
 * that can say what is wrong), with a name and an example for messages. The profile reader holds every value to these, and `init`
 * holds answers to the same, so the two never disagree. */
#ifndef SECPOLGEN_SHAPE_H
#define SECPOLGEN_SHAPE_H

#include <stdbool.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/diag.h"
#include "base/status.h"

enum shape {
	SHAPE_ID,
	SHAPE_CODE,
	SHAPE_LANG,
	SHAPE_DATE,
	SHAPE_EMAIL,
	SHAPE_URL,
	SHAPE_COUNTRY,
	SHAPE_REVISION,
	SHAPE_MESSAGE_ID,
	NSHAPES
};

/* The patterns compiled. Start zeroed; shape_free() returns it to that. */
struct shapes {
	pcre2_code *re[NSHAPES];
	pcre2_match_data *md;
};

/* Compiles every pattern into sh. 0; -1 after adding an internal error to
 * d (a pattern that does not compile); SP_ENOMEM (base/status.h) when
 * memory ran out. */
int shape_compile(struct shapes *sh, struct diag *d);

void shape_free(struct shapes *sh);

/* Whether v (UTF-8, NUL-terminated) has shape s. */
bool shape_ok(const struct shapes *sh, enum shape s, const char *v);

/* The size of the buffer shape_email_ok() explains into. */
#define SHAPE_WHY_SIZE 200

/* Whether v is an address secpolgen writes into a mailto: link: RFC
 * 5322's dot-atom form (dot-separated runs of letters, digits and
 * !$&'*+-/=^_`{|}~ before the @; a domain of at least two dot-separated
 * labels of letters, digits and inner hyphens, the last letters only),
 * without ?, # or %, which a mailto: link would read as its own syntax;
 * at most 254 characters, 64 before the @. When not, why says what is
 * wrong ("it has more than one @"). */
bool shape_email_ok(const char *v, char why[SHAPE_WHY_SIZE]);

/* What a value of shape s is called ("e-mail address"), and what it
 * should look like ("name@domain, e.g. …"); static strings. */
const char *shape_what(enum shape s);
const char *shape_expected(enum shape s);

#endif
