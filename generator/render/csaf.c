/* csaf.c - CSAF 2.0 documents of the advisories (csaf.h). */
#include "render/csaf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model/cvss.h"

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* A JSON string: quotes, backslashes and control characters escaped;
 * the rest is UTF-8 as it is (the input was checked to be UTF-8). */
static int jstr(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	if (buf_putc(b, '"') < 0)
		return -1;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		int rc;
		if (c == '"' || c == '\\')
			rc = buf_putc(b, '\\') < 0 ? -1 : buf_putc(b, (char)c);
		else if (c == '\n')
			rc = buf_puts(b, "\\n");
		else if (c == '\t')
			rc = buf_puts(b, "\\t");
		else if (c < 0x20)
			rc = buf_printf(b, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		else
			rc = buf_putc(b, (char)c);
		if (rc < 0)
			return -1;
	}
	return buf_putc(b, '"');
}

/* "key": (the key written as a JSON string), after a comma unless first. */
static int jkey(struct buf *b, bool *first, const char *key)
{
	if (!*first && buf_putc(b, ',') < 0)
		return -1;
	*first = false;
	return jstr(b, key) < 0 || buf_putc(b, ':') < 0 ? -1 : 0;
}

static int jkv(struct buf *b, bool *first, const char *key, const char *value)
{
	return jkey(b, first, key) < 0 || jstr(b, value) < 0 ? -1 : 0;
}

/* English, else what there is. */
static const char *en(const struct ltext *t)
{
	return ltext_get(t, "en");
}

/* A day of the advisory as a CSAF date-time: the start of that day in
 * Japan. */
static int jdate(struct buf *b, const char *iso)
{
	return buf_printf(b, "\"%sT00:00:00+09:00\"", iso);
}

/* ------------------------------------------------------------------ */
/* Products                                                            */
/* ------------------------------------------------------------------ */

/* A leaf of the product tree: a range of a product's versions, or one
 * version (from == to, or a fixed version). */
struct leaf {
	const char *product; /* product id in the profile */
	const char *from, *to;
	bool fixed;
};

struct leaves {
	struct leaf *v;
	size_t n, cap;
};

static bool same_leaf(const struct leaf *a, const struct leaf *b)
{
	return strcmp(a->product, b->product) == 0 && strcmp(a->from, b->from) == 0 &&
	       strcmp(a->to, b->to) == 0;
}

/* The index of the leaf, added when new; (size_t)-1 when out of memory. */
static size_t leaf_of(struct leaves *l, struct leaf x)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (same_leaf(&l->v[i], &x))
			return i;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct leaf *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return (size_t)-1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = x;
	return l->n++;
}

static int collect(const struct advisory *a, struct leaves *l)
{
	size_t i, k;

	for (i = 0; i < a->nvulns; i++) {
		const struct adv_vuln *v = &a->vulns[i];
		for (k = 0; k < v->naffected; k++) {
			const struct adv_range *r = &v->affected[k];
			if (leaf_of(l, (struct leaf){ r->product, r->from, r->to, false }) == (size_t)-1)
				return -1;
		}
		for (k = 0; k < v->nfixed; k++) {
			const struct adv_fixed *f = &v->fixed[k];
			if (leaf_of(l, (struct leaf){ f->product, f->version, f->version, true }) ==
			    (size_t)-1)
				return -1;
		}
	}
	return 0;
}

/* A leaf's product_id: "CSAFPID-<n>", n from 1 in the order of the
 * product tree. */
static int jpid(struct buf *b, size_t i)
{
	return buf_printf(b, "\"CSAFPID-%04zu\"", i + 1);
}

static const char *product_name(const struct profile *p, const char *id)
{
	const struct product *pr = profile_product(p, id);

	return pr ? en(&pr->name) : id;
}

static const char *product_model(const struct profile *p, const char *id)
{
	const struct product *pr = profile_product(p, id);

	return pr && pr->model ? pr->model : id;
}

/* The product tree: the vendor, each product by name, its versions
 * and ranges (vers, CSAF 2.0 3.1.2.3.2: product_version_range). */
static int write_tree(struct buf *b, const struct profile *p, const struct leaves *l)
{
	const char *vendor = en(&p->company.name);
	size_t i, k;
	bool firstp = true;

	if (buf_puts(b, "{\"branches\":[{\"branches\":[") < 0)
		return -1;
	for (i = 0; i < l->n; i++) {
		bool seen = false, firstv = true;
		for (k = 0; k < i && !seen; k++)
			seen = strcmp(l->v[k].product, l->v[i].product) == 0;
		if (seen)
			continue;
		if ((!firstp && buf_putc(b, ',') < 0) || buf_puts(b, "{\"branches\":[") < 0)
			return -1;
		firstp = false;
		for (k = i; k < l->n; k++) {
			const struct leaf *x = &l->v[k];
			bool range = strcmp(x->from, x->to) != 0;
			if (strcmp(x->product, l->v[i].product) != 0)
				continue;
			if ((!firstv && buf_putc(b, ',') < 0) ||
			    buf_printf(b, "{\"category\":\"%s\",\"name\":",
				       range ? "product_version_range" : "product_version") < 0)
				return -1;
			firstv = false;
			if (range ? buf_printf(b, "\"vers:generic/>=%s|<=%s\"", x->from, x->to) < 0
				  : jstr(b, x->from) < 0)
				return -1;
			if (buf_puts(b, ",\"product\":{\"name\":") < 0)
				return -1;
			/* The full name, as a person reads it. */
			{
				struct buf name = BUF_INIT;
				int rc = buf_printf(&name, "%s %s %s%s%s", vendor,
						    product_model(p, x->product), x->from,
						    range ? " to " : "", range ? x->to : "");
				rc = rc < 0 ? -1 : jstr(b, buf_str(&name));
				buf_free(&name);
				if (rc < 0)
					return -1;
			}
			if (buf_puts(b, ",\"product_id\":") < 0 || jpid(b, k) < 0 ||
			    buf_puts(b, ",\"product_identification_helper\":{\"model_numbers\":[") < 0 ||
			    jstr(b, product_model(p, x->product)) < 0 || buf_puts(b, "]}}}") < 0)
				return -1;
		}
		if (buf_puts(b, "],\"category\":\"product_name\",\"name\":") < 0 ||
		    jstr(b, product_name(p, l->v[i].product)) < 0 || buf_putc(b, '}') < 0)
			return -1;
	}
	return buf_puts(b, "],\"category\":\"vendor\",\"name\":") < 0 || jstr(b, vendor) < 0 ||
	       buf_puts(b, "}]}") < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Vulnerabilities                                                     */
/* ------------------------------------------------------------------ */

static const char *metric_word(char metric, char v)
{
	switch (metric) {
	case 'V': /* attack vector */
		return v == 'N' ? "NETWORK" : v == 'A' ? "ADJACENT_NETWORK" : v == 'L' ? "LOCAL"
									   : "PHYSICAL";
	case 'S':
		return v == 'C' ? "CHANGED" : "UNCHANGED";
	case 'U':
		return v == 'R' ? "REQUIRED" : "NONE";
	default: /* AC, PR, C, I, A */
		return v == 'N' ? "NONE" : v == 'L' ? "LOW" : "HIGH";
	}
}

static const char *severity_word(enum cvss_severity s)
{
	static const char *const w[] = { "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL" };

	return w[s];
}

/* A list of the product ids of the leaves of one kind (fixed or not)
 * that the vulnerability names. */
static int jids(struct buf *b, const struct adv_vuln *v, const struct leaves *l, bool fixed)
{
	bool first = true;
	size_t i, k;

	if (buf_putc(b, '[') < 0)
		return -1;
	for (i = 0; i < l->n; i++) {
		bool named = false;
		if (l->v[i].fixed != fixed)
			continue;
		for (k = 0; k < v->naffected && !fixed && !named; k++)
			named = same_leaf(&l->v[i], &(struct leaf){ v->affected[k].product,
					 v->affected[k].from, v->affected[k].to, false });
		for (k = 0; k < v->nfixed && fixed && !named; k++)
			named = same_leaf(&l->v[i], &(struct leaf){ v->fixed[k].product,
					 v->fixed[k].version, v->fixed[k].version, true });
		if (!named)
			continue;
		if ((!first && buf_putc(b, ',') < 0) || jpid(b, i) < 0)
			return -1;
		first = false;
	}
	return buf_putc(b, ']');
}

static int write_cvss3(struct buf *b, const struct adv_score *s)
{
	const struct cvss *c = &s->cvss;
	char score[8];

	cvss_format_score(c->base_score, score);
	return buf_printf(b,
			  "{\"attackComplexity\":\"%s\",\"attackVector\":\"%s\","
			  "\"availabilityImpact\":\"%s\",\"baseScore\":%s,\"baseSeverity\":\"%s\","
			  "\"confidentialityImpact\":\"%s\",\"integrityImpact\":\"%s\","
			  "\"privilegesRequired\":\"%s\",\"scope\":\"%s\",\"userInteraction\":\"%s\","
			  "\"vectorString\":",
			  metric_word('C', c->ac), metric_word('V', c->av), metric_word('C', c->a),
			  score, severity_word(cvss_severity_of(c->base_score)),
			  metric_word('C', c->c), metric_word('C', c->i), metric_word('C', c->pr),
			  metric_word('S', c->s), metric_word('U', c->ui)) < 0 ||
			       jstr(b, s->vector) < 0 ||
			       buf_printf(b, ",\"version\":\"%s\"}",
					  c->version == CVSS_V3_0 ? "3.0" : "3.1") < 0
		       ? -1 : 0;
}

static int write_vuln(struct buf *b, const struct profile *p, const struct adv_vuln *v,
		      const struct leaves *l)
{
	bool first = true, has_fix = v->nfixed > 0;
	const char *credit = en(&v->credit), *workaround = en(&v->workaround);

	if (buf_putc(b, '{') < 0)
		return -1;
	if (credit && (jkey(b, &first, "acknowledgments") < 0 || buf_puts(b, "[{\"names\":[") < 0 ||
		       jstr(b, credit) < 0 || buf_puts(b, "]}]") < 0))
		return -1;
	if (v->cve && jkv(b, &first, "cve", v->cve) < 0)
		return -1;
	if (v->cwe && v->cwe_name &&
	    (jkey(b, &first, "cwe") < 0 || buf_puts(b, "{\"id\":") < 0 || jstr(b, v->cwe) < 0 ||
	     buf_puts(b, ",\"name\":") < 0 || jstr(b, v->cwe_name) < 0 || buf_putc(b, '}') < 0))
		return -1;
	if (jkey(b, &first, "discovery_date") < 0 || jdate(b, v->reported) < 0)
		return -1;
	if (v->jvn && (jkey(b, &first, "ids") < 0 ||
		       buf_puts(b, "[{\"system_name\":\"JVN\",\"text\":") < 0 ||
		       jstr(b, v->jvn) < 0 || buf_puts(b, "}]") < 0))
		return -1;
	if (jkey(b, &first, "notes") < 0 || buf_puts(b, "[{\"category\":\"description\",\"text\":") < 0 ||
	    jstr(b, en(&v->description)) < 0 ||
	    buf_puts(b, ",\"title\":\"Vulnerability description\"}") < 0)
		return -1;
	/* A CWE without its name: a note (the structured cwe needs the
	 * name exactly as MITRE gives it). */
	if (v->cwe && !v->cwe_name && buf_puts(b, ",{\"category\":\"other\",\"text\":") < 0)
		return -1;
	if (v->cwe && !v->cwe_name && (jstr(b, v->cwe) < 0 || buf_puts(b, ",\"title\":\"CWE\"}") < 0))
		return -1;
	if (v->v4.vector) {
		char score[8];
		cvss_format_score(v->v4.cvss.score, score);
		if (buf_puts(b, ",{\"category\":\"other\",\"text\":") < 0)
			return -1;
		{
			struct buf t = BUF_INIT;
			int rc = buf_printf(&t, "%s (score %s, %s)", v->v4.vector, score,
					    cvss_severity_name(v->v4.cvss.severity));
			rc = rc < 0 ? -1 : jstr(b, buf_str(&t));
			buf_free(&t);
			if (rc < 0 || buf_puts(b, ",\"title\":\"CVSS v4.0\"}") < 0)
				return -1;
		}
	}
	if (buf_putc(b, ']') < 0)
		return -1;
	if (jkey(b, &first, "product_status") < 0 || buf_putc(b, '{') < 0)
		return -1;
	if (has_fix && (buf_puts(b, "\"fixed\":") < 0 || jids(b, v, l, true) < 0 ||
			buf_putc(b, ',') < 0))
		return -1;
	if (buf_puts(b, "\"known_affected\":") < 0 || jids(b, v, l, false) < 0 ||
	    buf_putc(b, '}') < 0)
		return -1;
	if (jkey(b, &first, "remediations") < 0 || buf_putc(b, '[') < 0)
		return -1;
	{
		bool firstr = true;
		size_t k;
		if (has_fix) {
			struct buf d = BUF_INIT;
			int rc = 0;
			for (k = 0; k < v->nfixed && rc == 0; k++)
				rc = buf_printf(&d, "%sUpdate %s to version %s or later.", k ? " " : "",
						product_model(p, v->fixed[k].product),
						v->fixed[k].version);
			rc = rc < 0 ? -1 : buf_puts(b, "{\"category\":\"vendor_fix\",\"details\":");
			rc = rc < 0 ? -1 : jstr(b, buf_str(&d));
			buf_free(&d);
			if (rc < 0 || buf_puts(b, ",\"product_ids\":") < 0 || jids(b, v, l, false) < 0 ||
			    buf_putc(b, '}') < 0)
				return -1;
			firstr = false;
		}
		if (workaround && ((!firstr && buf_putc(b, ',') < 0) ||
				   buf_puts(b, "{\"category\":\"workaround\",\"details\":") < 0 ||
				   jstr(b, workaround) < 0 || buf_puts(b, ",\"product_ids\":") < 0 ||
				   jids(b, v, l, false) < 0 || buf_putc(b, '}') < 0))
			return -1;
		if (!has_fix && !workaround &&
		    (buf_puts(b, "{\"category\":\"none_available\",\"details\":"
				 "\"No fix or workaround is available yet.\",\"product_ids\":") < 0 ||
		     jids(b, v, l, false) < 0 || buf_putc(b, '}') < 0))
			return -1;
	}
	if (buf_putc(b, ']') < 0)
		return -1;
	if (v->v3.vector && (jkey(b, &first, "scores") < 0 || buf_puts(b, "[{\"cvss_v3\":") < 0 ||
			     write_cvss3(b, &v->v3) < 0 || buf_puts(b, ",\"products\":") < 0 ||
			     jids(b, v, l, false) < 0 || buf_puts(b, "}]") < 0))
		return -1;
	if (jkey(b, &first, "threats") < 0 ||
	    buf_puts(b, "[{\"category\":\"exploit_status\",\"details\":") < 0 ||
	    jstr(b, v->exploited ? "The vendor knows of attacks that exploit this vulnerability."
				 : "The vendor knows of no attack that exploits this vulnerability.") < 0 ||
	    buf_puts(b, ",\"product_ids\":") < 0 || jids(b, v, l, false) < 0 ||
	    buf_puts(b, "}]") < 0)
		return -1;
	if (jkv(b, &first, "title", en(&v->title)) < 0)
		return -1;
	return buf_putc(b, '}');
}

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

static const char *first_day(const struct advisory *a)
{
	return a->revisions[0].date;
}

static const char *last_day(const struct advisory *a)
{
	return a->revisions[a->nrevisions - 1].date;
}

/* The company's website as the publisher's namespace: its scheme and
 * host, with a slash. */
static int namespace_of(struct buf *b, const struct profile *p)
{
	const char *w = p->company.website ? p->company.website : "https://www.example.com/";
	const char *host = strstr(w, "://");
	size_t n = host ? (size_t)(host - w) + 3 + strcspn(host + 3, "/?#") : strlen(w);

	return buf_put(b, w, n) < 0 || buf_putc(b, '/') < 0 ? -1 : 0;
}

static int write_publisher(struct buf *b, const struct profile *p)
{
	struct buf ns = BUF_INIT;
	int rc = namespace_of(&ns, p);

	rc = rc < 0 ? -1 : buf_puts(b, "{\"category\":\"vendor\"");
	if (rc == 0 && p->vuln.email)
		rc = buf_puts(b, ",\"contact_details\":") < 0 ? -1 : 0;
	if (rc == 0 && p->vuln.email) {
		struct buf c = BUF_INIT;
		rc = buf_printf(&c, "mailto:%s", p->vuln.email) < 0 ? -1 : jstr(b, buf_str(&c));
		buf_free(&c);
	}
	rc = rc < 0 ? -1 : buf_puts(b, ",\"name\":");
	rc = rc < 0 ? -1 : jstr(b, en(&p->company.name));
	rc = rc < 0 ? -1 : buf_puts(b, ",\"namespace\":");
	rc = rc < 0 ? -1 : jstr(b, buf_str(&ns));
	rc = rc < 0 ? -1 : buf_putc(b, '}');
	buf_free(&ns);
	return rc < 0 ? -1 : 0;
}

int csaf_write_advisory(struct buf *out, const struct profile *p, const struct advisory *a,
			const char *base, const char *engine)
{
	struct leaves l = { 0 };
	struct buf self = BUF_INIT;
	size_t i;
	int rc = -1;

	if (!a->nrevisions || collect(a, &l) < 0 || buf_puts(&self, base) < 0 ||
	    advisory_csaf_path(&self, a) < 0)
		goto out;
	if (buf_puts(out, "{\"document\":{\"category\":\"csaf_security_advisory\","
			  "\"csaf_version\":\"2.0\",\"distribution\":{\"tlp\":{\"label\":\"WHITE\","
			  "\"url\":\"https://www.first.org/tlp/\"}},\"lang\":\"en\",\"notes\":[") < 0 ||
	    buf_puts(out, "{\"category\":\"summary\",\"text\":") < 0 || jstr(out, en(&a->summary)) < 0 ||
	    buf_puts(out, ",\"title\":\"Summary\"},{\"category\":\"legal_disclaimer\",\"text\":") < 0 ||
	    jstr(out, "The information in this advisory is provided as it stands on the date of "
		      "its latest revision; the vendor updates the advisory when it learns more.") < 0 ||
	    buf_puts(out, ",\"title\":\"Terms of use\"}],\"publisher\":") < 0 ||
	    write_publisher(out, p) < 0 || buf_puts(out, ",\"references\":[") < 0)
		goto out;
	if (buf_puts(out, "{\"category\":\"self\",\"summary\":\"This CSAF document\",\"url\":") < 0 ||
	    jstr(out, buf_str(&self)) < 0 || buf_putc(out, '}') < 0)
		goto out;
	if (p->vuln.advisories &&
	    (buf_puts(out, ",{\"category\":\"external\",\"summary\":"
			   "\"The vendor's security advisories (HTML, Japanese and English)\",\"url\":") < 0 ||
	     jstr(out, p->vuln.advisories) < 0 || buf_putc(out, '}') < 0))
		goto out;
	if (p->vuln.policy_url &&
	    (buf_puts(out, ",{\"category\":\"external\",\"summary\":"
			   "\"The vendor's vulnerability disclosure policy\",\"url\":") < 0 ||
	     jstr(out, p->vuln.policy_url) < 0 || buf_putc(out, '}') < 0))
		goto out;
	if (buf_puts(out, "],\"title\":") < 0 || jstr(out, en(&a->title)) < 0 ||
	    buf_puts(out, ",\"tracking\":{\"current_release_date\":") < 0 ||
	    jdate(out, last_day(a)) < 0 ||
	    buf_puts(out, ",\"generator\":{\"engine\":{\"name\":\"secpolgen\",\"version\":") < 0 ||
	    jstr(out, engine) < 0 || buf_puts(out, "}},\"id\":") < 0 || jstr(out, a->id) < 0 ||
	    buf_puts(out, ",\"initial_release_date\":") < 0 || jdate(out, first_day(a)) < 0 ||
	    buf_puts(out, ",\"revision_history\":[") < 0)
		goto out;
	for (i = 0; i < a->nrevisions; i++) {
		const struct adv_revision *r = &a->revisions[i];
		if (buf_puts(out, i ? ",{\"date\":" : "{\"date\":") < 0 || jdate(out, r->date) < 0 ||
		    buf_printf(out, ",\"number\":\"%d\",\"summary\":", r->number) < 0 ||
		    jstr(out, en(&r->summary)) < 0 || buf_putc(out, '}') < 0)
			goto out;
	}
	if (buf_printf(out, "],\"status\":\"%s\",\"version\":\"%d\"}},\"product_tree\":",
		       a->interim ? "interim" : "final", a->revisions[a->nrevisions - 1].number) < 0 ||
	    write_tree(out, p, &l) < 0 || buf_puts(out, ",\"vulnerabilities\":[") < 0)
		goto out;
	for (i = 0; i < a->nvulns; i++)
		if ((i && buf_putc(out, ',') < 0) || write_vuln(out, p, &a->vulns[i], &l) < 0)
			goto out;
	rc = buf_puts(out, "]}\n") < 0 ? -1 : 0;
out:
	free(l.v);
	buf_free(&self);
	return rc;
}

/* The advisories' indexes in the order of their paths. */
static size_t *by_path(const struct profile *p)
{
	size_t *order = malloc((p->nadvisories + 1) * sizeof(*order)), i, j;

	if (!order)
		return NULL;
	for (i = 0; i < p->nadvisories; i++)
		order[i] = i;
	/* Paths start with the year, then the id: year, then id. */
	for (i = 1; i < p->nadvisories; i++)
		for (j = i; j > 0; j--) {
			const struct advisory *a = p->advisories[order[j - 1]], *b = p->advisories[order[j]];
			int c = strncmp(first_day(a), first_day(b), 4);
			size_t t;
			if (c < 0 || (c == 0 && strcmp(a->slug, b->slug) <= 0))
				break;
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	return order;
}

int csaf_write_index(struct buf *out, const struct profile *p)
{
	size_t *order = by_path(p), i;
	int rc = order ? 0 : -1;

	for (i = 0; rc == 0 && i < p->nadvisories; i++) {
		struct buf path = BUF_INIT;
		rc = advisory_csaf_path(&path, p->advisories[order[i]]) < 0 ||
		     buf_printf(out, "%s\n", buf_str(&path) + strlen("white/")) < 0 ? -1 : 0;
		buf_free(&path);
	}
	free(order);
	return rc;
}

int csaf_write_changes(struct buf *out, const struct profile *p)
{
	size_t *order = by_path(p), i, j;
	int rc = order ? 0 : -1;

	/* Newest change first; on the same day, in path order. */
	for (i = 1; order && i < p->nadvisories; i++)
		for (j = i; j > 0 && strcmp(last_day(p->advisories[order[j - 1]]),
					    last_day(p->advisories[order[j]])) < 0; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; rc == 0 && i < p->nadvisories; i++) {
		const struct advisory *a = p->advisories[order[i]];
		struct buf path = BUF_INIT;
		rc = advisory_csaf_path(&path, a) < 0 ||
		     buf_printf(out, "\"%s\",\"%sT00:00:00+09:00\"\n",
				buf_str(&path) + strlen("white/"), last_day(a)) < 0 ? -1 : 0;
		buf_free(&path);
	}
	free(order);
	return rc;
}

int csaf_write_provider_metadata(struct buf *out, const struct profile *p, const char *base,
				 const char *metadata_url)
{
	const char *newest = NULL;
	size_t i;

	for (i = 0; i < p->nadvisories; i++)
		if (!newest || strcmp(last_day(p->advisories[i]), newest) > 0)
			newest = last_day(p->advisories[i]);
	if (buf_puts(out, "{\"canonical_url\":") < 0 || jstr(out, metadata_url) < 0 ||
	    buf_puts(out, ",\"distributions\":[{\"directory_url\":") < 0)
		return -1;
	{
		struct buf dir = BUF_INIT;
		int rc = buf_printf(&dir, "%swhite/", base) < 0 ? -1 : jstr(out, buf_str(&dir));
		buf_free(&dir);
		if (rc < 0)
			return -1;
	}
	if (buf_puts(out, "}],\"last_updated\":") < 0 ||
	    (newest ? jdate(out, newest) : buf_puts(out, "\"1970-01-01T00:00:00Z\"")) < 0 ||
	    buf_puts(out, ",\"list_on_CSAF_aggregators\":true,\"metadata_version\":\"2.0\","
			  "\"mirror_on_CSAF_aggregators\":true,\"publisher\":") < 0 ||
	    write_publisher(out, p) < 0 || buf_puts(out, ",\"role\":\"csaf_provider\"}\n") < 0)
		return -1;
	return 0;
}
