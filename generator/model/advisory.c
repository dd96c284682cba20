/* advisory.c - versions, severity and freeing of an advisory (advisory.h). */
#include "model/advisory.h"

#include <stdlib.h>
#include <string.h>

int advisory_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		bool na = la && strspn(a, "0123456789") >= la, nb = lb && strspn(b, "0123456789") >= lb;
		int c;

		if (!la || !lb)
			return la ? 1 : lb ? -1 : 0;
		if (na && nb) {
			/* Numbers of any length: drop leading zeros, then
			 * the longer is the larger. */
			while (la > 1 && *a == '0')
				a++, la--;
			while (lb > 1 && *b == '0')
				b++, lb--;
			c = la != lb ? (la < lb ? -1 : 1) : memcmp(a, b, la);
		} else if (na != nb) {
			c = na ? -1 : 1; /* digits alone sort first: 1.4 before 1.4a */
		} else {
			c = strncmp(a, b, la < lb ? la : lb);
			if (!c && la != lb)
				c = la < lb ? -1 : 1;
		}
		if (c)
			return c < 0 ? -1 : 1;
		a += la;
		b += lb;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}

enum cvss_severity advisory_severity(const struct adv_vuln *v, int *score)
{
	const struct adv_score *s = v->v4.vector ? &v->v4 : &v->v3;

	*score = s->vector ? s->cvss.score : 0;
	return s->vector ? s->cvss.severity : CVSS_SEV_NONE;
}

int advisory_csaf_path(struct buf *out, const struct advisory *a)
{
	size_t i;

	if (buf_printf(out, "white/%.4s/", a->revisions[0].date) < 0)
		return -1;
	for (i = 0; a->id[i]; i++) {
		char c = a->id[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-'))
			c = '_';
		if (buf_putc(out, c) < 0)
			return -1;
	}
	return buf_puts(out, ".json");
}

void advisory_free(struct advisory *a)
{
	size_t i;

	if (!a)
		return;
	free(a->path);
	free(a->id);
	free(a->slug);
	ltext_free(&a->title);
	ltext_free(&a->summary);
	for (i = 0; i < a->nrevisions; i++) {
		free(a->revisions[i].date);
		ltext_free(&a->revisions[i].summary);
	}
	free(a->revisions);
	for (i = 0; i < a->nvulns; i++) {
		struct adv_vuln *v = &a->vulns[i];
		size_t k;
		free(v->cve);
		free(v->jvn);
		free(v->cwe);
		free(v->cwe_name);
		free(v->reported);
		ltext_free(&v->title);
		ltext_free(&v->description);
		ltext_free(&v->workaround);
		ltext_free(&v->credit);
		free(v->v3.vector);
		free(v->v4.vector);
		for (k = 0; k < v->naffected; k++) {
			free(v->affected[k].product);
			free(v->affected[k].from);
			free(v->affected[k].to);
		}
		free(v->affected);
		for (k = 0; k < v->nfixed; k++) {
			free(v->fixed[k].product);
			free(v->fixed[k].version);
			free(v->fixed[k].install);
		}
		free(v->fixed);
	}
	free(a->vulns);
	free(a);
}
