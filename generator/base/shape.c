/* shape.c - the shapes of values, as PCRE2 patterns compiled once. */
#include "base/shape.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The patterns, and how to say what is wanted.
 * Ids match model.h's promise; e-mail and URL are stricter than the
 * schema, which only gives editors a first check. An e-mail address is
 * checked by shape_email_ok(), which can say what is wrong with it. */
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
	/* No pattern: shape_email_ok() says what is wrong with one. */
	[SHAPE_EMAIL] = { NULL, "e-mail address", "name@domain, e.g. sato@example.co.jp" },
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

		if (!shapes[i].re)
			continue;
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
	char why[SHAPE_WHY_SIZE];

	if (s == SHAPE_EMAIL)
		return shape_email_ok(v, why);
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

/* ---- e-mail addresses --------------------------------------------------- */

#define EMAIL_MAX 254      /* RFC 5321 4.5.3.1.3, less the <> */
#define EMAIL_LOCAL_MAX 64 /* RFC 5321 4.5.3.1.1 */
#define EMAIL_LABEL_MAX 63 /* RFC 1035 2.3.4 */

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* RFC 5322 3.2.3 atext, but for ?, # and %: in the mailto: link a page
 * makes of the address they are not part of it (RFC 6068): ? starts the
 * headers (psirt?cc=evil@evil.example adds a Cc), # a fragment, % an
 * escape. */
static bool is_atext(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!$&'*+-/=^_`{|}~", c));
}

/* Says why in why; false, for a return. */
static bool email_bad(char why[SHAPE_WHY_SIZE], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool email_bad(char why[SHAPE_WHY_SIZE], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, SHAPE_WHY_SIZE, fmt, ap);
	va_end(ap);
	return false;
}

/* Why the character at v + i may not stand where it is. */
static bool email_bad_char(char why[SHAPE_WHY_SIZE], const char *v, size_t i, const char *where)
{
	size_t n = 1;

	switch (v[i]) {
	case '?':
		return email_bad(why, "\"?\" is not allowed: a mailto: link would read what "
				 "follows as headers (?cc=… adds a Cc)");
	case '#':
		return email_bad(why, "\"#\" is not allowed: a mailto: link would end the "
				 "address there");
	case '%':
		return email_bad(why, "\"%%\" is not allowed: a mailto: link would read it as "
				 "an escape (%%40 is an @)");
	case '"':
		return email_bad(why, "a double quote is not allowed %s", where);
	case ' ':
	case '\t':
		return email_bad(why, "a space is not allowed %s", where);
	}
	if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
		return email_bad(why, "a control character (0x%02X) is not allowed %s",
				 (unsigned char)v[i], where);
	while (n < 4 && (v[i + n] & 0xC0) == 0x80)
		n++;
	if ((unsigned char)v[i] >= 0x80)
		return email_bad(why, "\"%.*s\" is not allowed %s: only ASCII letters, digits "
				 "and !$&'*+-/=^_`{|}~ are", (int)n, v + i, where);
	return email_bad(why, "\"%c\" is not allowed %s", v[i], where);
}

/* The domain from v + i: labels of letters, digits and inner hyphens,
 * separated by dots, at least two, the last of letters only. */
static bool email_domain_ok(const char *v, size_t i, char why[SHAPE_WHY_SIZE])
{
	size_t start = i, labels = 0;
	bool letters = true;

	if (!v[i])
		return email_bad(why, "nothing follows the @");
	for (;;) {
		start = i;
		letters = true;
		for (; v[i] && v[i] != '.'; i++) {
			if (v[i] == '@')
				return email_bad(why, "it has more than one @");
			if (!is_alnum(v[i]) && v[i] != '-')
				return email_bad_char(why, v, i, "in the domain");
			letters &= !(v[i] >= '0' && v[i] <= '9') && v[i] != '-';
		}
		if (i == start)
			return email_bad(why, "the domain has an empty part (a dot at its start or "
					 "end, or two in a row)");
		if (v[start] == '-' || v[i - 1] == '-')
			return email_bad(why, "a part of the domain starts or ends with a hyphen");
		if (i - start > EMAIL_LABEL_MAX)
			return email_bad(why, "a part of the domain is longer than %d characters",
					 EMAIL_LABEL_MAX);
		labels++;
		if (!v[i])
			break;
		i++;
	}
	if (labels < 2)
		return email_bad(why, "the domain has no dot (name@example.co.jp, not name@host)");
	if (!letters || i - start < 2)
		return email_bad(why, "the domain does not end in a top-level domain of letters "
				 "(.jp, .com)");
	return true;
}

bool shape_email_ok(const char *v, char why[SHAPE_WHY_SIZE])
{
	size_t i;

	why[0] = '\0';
	if (strlen(v) > EMAIL_MAX)
		return email_bad(why, "it is longer than %d characters", EMAIL_MAX);
	if (!strchr(v, '@'))
		return email_bad(why, "it has no @");
	if (v[0] == '@')
		return email_bad(why, "nothing comes before the @");
	for (i = 0; v[i] != '@'; i++) {
		if (v[i] == '.' && (i == 0 || v[i - 1] == '.' || v[i + 1] == '@'))
			return email_bad(why, "the name before the @ %s",
					 i == 0 ? "starts with a dot"
					 : v[i + 1] == '@' ? "ends with a dot" : "has two dots in a row");
		if (v[i] != '.' && !is_atext(v[i]))
			return email_bad_char(why, v, i, "before the @");
	}
	if (i > EMAIL_LOCAL_MAX)
		return email_bad(why, "the name before the @ is longer than %d characters",
				 EMAIL_LOCAL_MAX);
	return email_domain_ok(v, i + 1, why);
}
