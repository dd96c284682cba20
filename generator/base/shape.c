/* shape.c - the shapes of values, as PCRE2 patterns compiled once. */
#include "base/shape.h"

#include <string.h>

/* The patterns, and how to say what is wanted.
 * Ids match model.h's promise; e-mail and URL are stricter than the
 * schema, which only gives editors a first check. */
static const struct {
	const char *re;
	const char *what;
	const char *expected;
} shapes[NSHAPES] = {
	[SHAPE_ID] = { "^[a-z0-9][a-z0-9-]{0,63}$", "id",
		       "1-64 lowercase letters, digits and hyphens, starting with a letter or a digit" },
	[SHAPE_CODE] = { "^[a-z0-9][a-z0-9-]{0,15}$", "code",
			 "1-16 lowercase letters, digits and hyphens, starting with a letter or a digit" },
	[SHAPE_LANG] = { "^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$", "language",
			 "a language tag such as ja, en or en-GB" },
	[SHAPE_DATE] = { "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "date",
			 "YYYY-MM-DD, e.g. 2025-04-01" },
	[SHAPE_EMAIL] = { "^(?=.{1,254}$)(?=[^@]{1,64}@)"
			  "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
			  "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$",
			  "e-mail address", "name@domain, e.g. sato@example.co.jp" },
	[SHAPE_URL] = { "^(?=.{1,2000}$)https://"
			"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"
			"(?::[0-9]{1,5})?"
			"(?:[/?#](?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)?$",
			"URL", "https://host/path, e.g. https://www.example.co.jp/security/" },
	[SHAPE_COUNTRY] = { "^[A-Z]{2}$", "country",
			    "an ISO 3166 two-letter code in capitals, e.g. JP or TW" },
	[SHAPE_REVISION] = { "^[0-9]{1,3}(?:\\.[0-9]{1,3}){0,2}$", "revision number",
			     "numbers separated by dots, e.g. 1.0 or 2.1" },
	[SHAPE_MESSAGE_ID] = { "^(?=.{1,128}$)[a-z0-9][a-z0-9_-]*(?:\\.[a-z0-9][a-z0-9_-]*)*$",
			       "message id", "words separated by dots, e.g. policy.purpose.body" },
};

int shape_compile(struct shapes *sh, struct diag *d)
{
	size_t i;

	for (i = 0; i < NSHAPES; i++) {
		int err;
		PCRE2_SIZE at;

		sh->re[i] = pcre2_compile((PCRE2_SPTR)shapes[i].re, PCRE2_ZERO_TERMINATED,
					  PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &err, &at, NULL);
		if (!sh->re[i]) {
			diag_error(d, NULL, 0, 0,
				   "internal error: pattern %zu does not compile (%d at %zu)",
				   i, err, (size_t)at);
			return -1;
		}
	}
	sh->md = pcre2_match_data_create(4, NULL);
	return sh->md ? 0 : SP_ENOMEM;
}

void shape_free(struct shapes *sh)
{
	size_t i;

	for (i = 0; i < NSHAPES; i++)
		pcre2_code_free(sh->re[i]);
	pcre2_match_data_free(sh->md);
	memset(sh, 0, sizeof(*sh));
}

bool shape_ok(const struct shapes *sh, enum shape s, const char *v)
{
	return pcre2_match(sh->re[s], (PCRE2_SPTR)v, strlen(v), 0, 0, sh->md, NULL) >= 0;
}

const char *shape_what(enum shape s)
{
	return shapes[s].what;
}

const char *shape_expected(enum shape s)
{
	return shapes[s].expected;
}
