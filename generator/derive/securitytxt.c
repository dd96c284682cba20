/* securitytxt.c - security.txt (securitytxt.h). */
#include "derive/securitytxt.h"

#include <string.h>

#include "base/text.h"
#include "derive/derive.h"

/* Months from the effective date the file holds: to the next review,
 * never a year. */
static int months_held(const struct profile *p)
{
	return p->review_months > 0 && p->review_months < 12 ? p->review_months : 12;
}

int securitytxt_expires(const struct profile *p, struct date *out)
{
	const char *iso = profile_effective_date(p);
	struct date eff;
	int months = months_held(p);

	if (!iso || date_parse(iso, &eff) < 0)
		return -1;
	*out = date_add_days(date_add_months(eff, months), -1);
	return 0;
}

int securitytxt_check_current(const struct profile *p, struct date today, struct diag *d)
{
	const struct loc *at = p->nrevisions ? &p->revisions[p->nrevisions - 1].loc : &p->approval.loc;
	struct date ex;

	if (securitytxt_expires(p, &ex) < 0 || date_cmp(ex, today) >= 0)
		return 0;
	diag_error(d, p->path, at->line, at->col,
		   "security.txt would expire on %04d-%02d-%02d, which is already past (today is "
		   "%04d-%02d-%02d): it holds %d months from the date of this %s; review the "
		   "documents and add a <revision> with today's date to <revisions>",
		   ex.y, ex.m, ex.d, today.y, today.m, today.d, months_held(p),
		   p->nrevisions ? "revision" : "approval");
	return -1;
}

int securitytxt_well_known(struct buf *out, const char *website, const char *name)
{
	const char *host;
	size_t len;

	if (!website)
		return -1;
	if (strncmp(website, "https://", 8) == 0)
		host = website + 8;
	else if (strncmp(website, "http://", 7) == 0)
		host = website + 7;
	else
		return -1;
	len = strcspn(host, "/?#");
	if (!len)
		return -1;
	/* Served over HTTPS whatever the company's address says (RFC 9116 3). */
	if (buf_puts(out, "https://") < 0 || buf_put(out, host, len) < 0 ||
	    buf_puts(out, "/.well-known/") < 0 || buf_puts(out, name) < 0)
		return -1;
	return 0;
}

int securitytxt_canonical(struct buf *out, const char *website)
{
	return securitytxt_well_known(out, website, "security.txt");
}

/* The company's name in English when it has one: the file is read by
 * researchers anywhere. */
static const char *company_name(const struct profile *p)
{
	const char *en = ltext_get(&p->company.name, "en");

	return en ? en : ltext_get(&p->company.name, "ja");
}

int securitytxt_write(struct buf *out, const struct profile *p)
{
	const struct vuln_handling *v = &p->vuln;
	struct buf canonical = BUF_INIT;
	const char *name = company_name(p);
	struct date ex;
	size_t i;

	if (securitytxt_expires(p, &ex) < 0) {
		buf_free(out);
		return -1;
	}
	/* A comment is one line: every line break becomes a space. */
	if (buf_puts(out, "# ") < 0 || text_put_one_line(out, name ? name : "", false) < 0)
		return -1;
	/* 23:59:59 in Japan is 14:59:59 UTC the same day. */
	if (buf_puts(out, ": how to report a security vulnerability in our products.\n") < 0 ||
	    (v->email && buf_printf(out, "Contact: mailto:%s\n", v->email) < 0) ||
	    (v->url && buf_printf(out, "Contact: %s\n", v->url) < 0) ||
	    buf_printf(out, "Expires: %04d-%02d-%02dT14:59:59Z\n", ex.y, ex.m, ex.d) < 0)
		return -1;
	if ((v->encryption && buf_printf(out, "Encryption: %s\n", v->encryption) < 0) ||
	    (v->acknowledgments && v->credit &&
	     buf_printf(out, "Acknowledgments: %s\n", v->acknowledgments) < 0))
		return -1;
	if (v->languages.n) {
		if (buf_puts(out, "Preferred-Languages: ") < 0)
			return -1;
		for (i = 0; i < v->languages.n; i++)
			if (buf_printf(out, "%s%s", i ? ", " : "", v->languages.v[i]) < 0)
				return -1;
		if (buf_putc(out, '\n') < 0)
			return -1;
	}
	if (v->policy_url && buf_printf(out, "Policy: %s\n", v->policy_url) < 0)
		return -1;
	if (p->company.website && securitytxt_canonical(&canonical, p->company.website) == 0 &&
	    buf_printf(out, "Canonical: %s\n", buf_str(&canonical)) < 0) {
		buf_free(&canonical);
		return -1;
	}
	buf_reset(&canonical);
	/* CSAF 2.0, 7.1.8: where the provider metadata is. */
	if (derive_csaf_metadata_url(p, &canonical) == 0 &&
	    buf_printf(out, "CSAF: %s\n", buf_str(&canonical)) < 0) {
		buf_free(&canonical);
		return -1;
	}
	buf_free(&canonical);
	return 0;
}
