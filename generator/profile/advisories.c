/* advisories.c - the company's security advisories: each file read
 * through the profile reader's machinery (the raw scan, the parser, the
 * schema walk, the located errors) against advisory.rng, then checked
 * against the profile (advisories.h). */
#include "profile/advisories.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/relaxng.h>

#include "base/buf.h"
#include "base/text.h"
#include "model/advisory.h"
#include "model/cvss.h"
#include "profile/profile.h"
#include "profile/profile_loader.h"

/* An attribute's value, white space trimmed (a copy; NULL when absent). */
static char *attr_trimmed(struct loader *ld, xmlNodePtr x, const char *name)
{
	char *raw = profile_attr_dup(ld, x, name), *v;

	if (!raw)
		return NULL;
	v = text_fold_space(raw);
	free(raw);
	if (!v)
		ld->oom = true;
	return v;
}

/* Whether s is prefix, then (year digits, then '-', when year) between
 * min and max digits, the first not 0 unless year. */
static bool id_shaped(const char *s, const char *prefix, size_t year, size_t min, size_t max)
{
	size_t n = strlen(prefix), i;

	if (strncmp(s, prefix, n) != 0)
		return false;
	s += n;
	for (i = 0; i < year; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	if (year && s[year] != '-')
		return false;
	s += year ? year + 1 : 0;
	n = strspn(s, "0123456789");
	return s[n] == '\0' && n >= min && n <= max && (year || max == 8 || s[0] != '0');
}

/* <cvss>: the vector parsed and scored; at most one of each version. */
static void read_scores(struct loader *ld, xmlNodePtr vx, struct adv_vuln *v)
{
	size_t n, i;
	xmlNodePtr *nodes = profile_kids_of(ld, vx, "cvss", &n);

	for (i = 0; nodes && i < n; i++) {
		char *vec = profile_read_text(ld, nodes[i]);
		struct cvss c;
		size_t bad_at = 0;
		const char *why = NULL;
		struct adv_score *slot;

		if (!vec)
			continue;
		if (cvss_parse(vec, strlen(vec), &c, &bad_at, &why) < 0) {
			profile_err_text_at(ld, nodes[i], bad_at, "CVSS vector \"%s\": %s", vec, why);
			free(vec);
			continue;
		}
		slot = c.version == CVSS_V4_0 ? &v->v4 : &v->v3;
		if (slot->vector) {
			profile_err_text(ld, nodes[i],
					 "a second CVSS %s vector; give at most one vector of v3.x and "
					 "one of v4.0", c.version == CVSS_V4_0 ? "v4.0" : "v3.x");
			free(vec);
			continue;
		}
		slot->vector = vec;
		slot->cvss = c;
	}
	free(nodes);
}

/* <affected>: product, from, to; from no higher than to. false when
 * they are more than the advisory may have (reported; none kept). */
static bool read_affected(struct loader *ld, xmlNodePtr vx, struct adv_vuln *v, size_t *ranges)
{
	size_t n, i;
	xmlNodePtr *nodes = profile_kids_of(ld, vx, "affected", &n);

	if (!nodes)
		return true;
	if (*ranges + n > ADVISORY_MAX_RANGES) {
		profile_err_elem(ld, nodes[ADVISORY_MAX_RANGES > *ranges ? ADVISORY_MAX_RANGES - *ranges : 0],
				 MARK_VALUE,
				 "more than %d affected version ranges in one advisory; give each "
				 "run of versions as one range (from=\"1.0.0\" to=\"1.4.2\")",
				 ADVISORY_MAX_RANGES);
		free(nodes);
		return false;
	}
	*ranges += n;
	if (!(v->affected = profile_calloc(ld, n, sizeof(*v->affected)))) {
		free(nodes);
		return true;
	}
	v->naffected = n;
	for (i = 0; i < n; i++) {
		struct adv_range *r = &v->affected[i];
		r->loc = profile_loc_of(ld, nodes[i]);
		r->product = profile_read_shaped(ld, nodes[i], "product", SHAPE_ID);
		profile_check_ref(ld, nodes[i], "product", r->product, &ld->products, NULL, "product",
				  "products of the profile");
		r->from = attr_trimmed(ld, nodes[i], "from");
		r->to = attr_trimmed(ld, nodes[i], "to");
		if (r->from && r->to && advisory_version_cmp(r->from, r->to) > 0)
			profile_err_attr(ld, nodes[i], "to",
					 "to=\"%s\" is below from=\"%s\"; a range runs from its "
					 "lowest version to its highest", r->to, r->from);
	}
	/* Two ranges of one product that share a version. */
	for (i = 0; i < n; i++) {
		const struct adv_range *a = &v->affected[i];
		size_t k;
		for (k = 0; k < i; k++) {
			const struct adv_range *b = &v->affected[k];
			if (!a->product || !b->product || !a->from || !a->to || !b->from || !b->to ||
			    strcmp(a->product, b->product) != 0)
				continue;
			if (advisory_version_cmp(a->from, b->to) <= 0 &&
			    advisory_version_cmp(b->from, a->to) <= 0) {
				profile_err_elem(ld, nodes[i], MARK_VALUE,
						 "versions %s to %s of \"%s\" overlap the range %s to %s "
						 "on line %ld; give each version once",
						 a->from, a->to, a->product, b->from, b->to, b->loc.line);
				break;
			}
		}
	}
	free(nodes);
	return true;
}

/* <fixed>: a product of the profile that the vulnerability affects,
 * fixed once, in a version above every affected range of it. */
static void read_fixed(struct loader *ld, xmlNodePtr vx, struct adv_vuln *v, bool ranges_kept)
{
	size_t n, i, k;
	xmlNodePtr *nodes = profile_kids_of(ld, vx, "fixed", &n);

	if (!nodes)
		return;
	if (!(v->fixed = profile_calloc(ld, n, sizeof(*v->fixed)))) {
		free(nodes);
		return;
	}
	v->nfixed = n;
	for (i = 0; i < n; i++) {
		struct adv_fixed *f = &v->fixed[i];
		bool affects = false;
		f->loc = profile_loc_of(ld, nodes[i]);
		f->product = profile_read_shaped(ld, nodes[i], "product", SHAPE_ID);
		f->version = attr_trimmed(ld, nodes[i], "version");
		f->install = profile_read_word(ld, nodes[i], "install", NULL);
		if (!f->product || !f->version)
			continue;
		for (k = 0; k < i; k++)
			if (v->fixed[k].product && strcmp(v->fixed[k].product, f->product) == 0) {
				profile_err_attr(ld, nodes[i], "product",
						 "\"%s\" is fixed twice; give the first version that "
						 "fixes it (line %ld)", f->product, v->fixed[k].loc.line);
				break;
			}
		for (k = 0; k < v->naffected; k++) {
			const struct adv_range *r = &v->affected[k];
			if (!r->product || strcmp(r->product, f->product) != 0)
				continue;
			affects = true;
			if (r->to && advisory_version_cmp(f->version, r->to) <= 0) {
				profile_err_attr(ld, nodes[i], "version",
						 "version=\"%s\" is not above the affected range %s to "
						 "%s on line %ld; the fixed version is the first one "
						 "after the affected ones",
						 f->version, r->from ? r->from : "?", r->to, r->loc.line);
				break;
			}
		}
		if (!affects && ranges_kept)
			profile_err_attr(ld, nodes[i], "product",
					 "\"%s\" is fixed, but no <affected> of this vulnerability "
					 "names it", f->product);
	}
	free(nodes);
}

static void read_vulns(struct loader *ld, xmlNodePtr root, struct advisory *a)
{
	size_t n, i, ranges = 0;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "vulnerability", &n);
	const char *first = a->nrevisions ? a->revisions[0].date : NULL;

	if (!nodes)
		return;
	if (!(a->vulns = profile_calloc(ld, n, sizeof(*a->vulns)))) {
		free(nodes);
		return;
	}
	a->nvulns = n;
	for (i = 0; i < n; i++) {
		struct adv_vuln *v = &a->vulns[i];
		char *exploited;
		size_t k;

		v->loc = profile_loc_of(ld, nodes[i]);
		v->cve = attr_trimmed(ld, nodes[i], "cve");
		v->jvn = attr_trimmed(ld, nodes[i], "jvn");
		v->cwe = attr_trimmed(ld, nodes[i], "cwe");
		v->cwe_name = attr_trimmed(ld, nodes[i], "cwe-name");
		if (v->cwe_name && !v->cwe)
			profile_err_attr(ld, nodes[i], "cwe-name",
					 "cwe-name= names a weakness, but cwe= does not give its id");
		if (v->cve && !id_shaped(v->cve, "CVE-", 4, 4, 19))
			profile_err_attr(ld, nodes[i], "cve",
					 "cve=\"%s\" is not a CVE id: CVE-, the year in four digits, a "
					 "hyphen and four or more digits (CVE-2026-12345)", v->cve);
		if (v->jvn && !id_shaped(v->jvn, "JVN#", 0, 8, 8) &&
		    !id_shaped(v->jvn, "JVNVU#", 0, 8, 8) && !id_shaped(v->jvn, "JVNTA#", 0, 8, 8))
			profile_err_attr(ld, nodes[i], "jvn",
					 "jvn=\"%s\" is not a JVN id: JVN#, JVNVU# or JVNTA# and eight "
					 "digits (JVN#12345678)", v->jvn);
		if (v->cwe && !id_shaped(v->cwe, "CWE-", 0, 1, 6))
			profile_err_attr(ld, nodes[i], "cwe",
					 "cwe=\"%s\" is not a CWE id: CWE- and its number (CWE-78)",
					 v->cwe);
		v->reported = profile_read_date(ld, nodes[i], "reported");
		if (v->reported && first && strcmp(v->reported, first) > 0)
			profile_err_attr(ld, nodes[i], "reported",
					 "reported=\"%s\" is after the advisory's first revision "
					 "(%s): an advisory announces what was reported before it",
					 v->reported, first);
		exploited = profile_read_word(ld, nodes[i], "exploited", "no");
		v->exploited = exploited && strcmp(exploited, "yes") == 0;
		free(exploited);
		for (k = 0; v->cve && k < i; k++)
			if (a->vulns[k].cve && strcmp(a->vulns[k].cve, v->cve) == 0) {
				profile_err_attr(ld, nodes[i], "cve",
						 "%s is announced twice in this advisory; the first "
						 "is on line %ld", v->cve, a->vulns[k].loc.line);
				break;
			}
		profile_read_ltext(ld, nodes[i], "title", &v->title);
		profile_read_ltext(ld, nodes[i], "description", &v->description);
		profile_read_ltext(ld, nodes[i], "workaround", &v->workaround);
		profile_read_ltext(ld, nodes[i], "credit", &v->credit);
		read_scores(ld, nodes[i], v);
		read_fixed(ld, nodes[i], v, read_affected(ld, nodes[i], v, &ranges));
	}
	free(nodes);
}

/* <revision>: numbered 1, 2, 3 … on days that do not go back. */
static void read_revisions(struct loader *ld, xmlNodePtr root, struct advisory *a)
{
	size_t n, i;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "revision", &n);

	if (!nodes)
		return;
	if (!(a->revisions = profile_calloc(ld, n, sizeof(*a->revisions)))) {
		free(nodes);
		return;
	}
	a->nrevisions = n;
	for (i = 0; i < n; i++) {
		struct adv_revision *r = &a->revisions[i];
		r->number = (int)profile_read_int(ld, nodes[i], "number", 0);
		r->date = profile_read_date(ld, nodes[i], "date");
		profile_read_ltext(ld, nodes[i], "summary", &r->summary);
		if (r->number && r->number != (int)i + 1)
			profile_err_attr(ld, nodes[i], "number",
					 "revision %d comes %s; number the revisions 1, 2, 3 … "
					 "in the order they were published", r->number,
					 i == 0 ? "first" : "after a gap or out of order");
		if (i && r->date && a->revisions[i - 1].date &&
		    strcmp(r->date, a->revisions[i - 1].date) < 0)
			profile_err_attr(ld, nodes[i], "date",
					 "revision %zu is dated %s, before revision %zu (%s)", i + 1,
					 r->date, i, a->revisions[i - 1].date);
	}
	free(nodes);
}

/* The advisory at path (named name in its folder), validated with valid
 * (advisory.rng compiled once for every file). NULL, after errors in d
 * when there were any. */
static struct advisory *load_one(const struct catalog *cat, const char *path, const char *name,
				 xmlRelaxNGPtr valid, const struct shapes *shapes,
				 const struct index *products, struct diag *d)
{
	struct loader ld;
	struct advisory *a = NULL, *out = NULL;
	size_t before = d->errors, i;
	xmlNodePtr root;

	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.d = d;
	ld.root = "advisory";
	ld.rng = cat->advisory_rng;
	ld.src.what = "security advisory";
	ld.src.max = ADVISORY_MAX_BYTES;
	if (!(a = calloc(1, sizeof(*a))) || !(a->path = strdup(path))) {
		ld.oom = true;
		goto out;
	}
	if (!(root = profile_read_beside(&ld, valid, shapes, ADVISORY_NS)))
		goto out;
	ld.products = *products;
	free(profile_read_word(&ld, root, "version", NULL));
	a->id = attr_trimmed(&ld, root, "id");
	if (a->id && !(a->slug = strdup(a->id)))
		ld.oom = true;
	for (i = 0; a->slug && a->slug[i]; i++)
		if (a->slug[i] >= 'A' && a->slug[i] <= 'Z')
			a->slug[i] = (char)(a->slug[i] - 'A' + 'a');
	if (a->slug && (strncmp(name, a->slug, strlen(a->slug)) != 0 ||
			strcmp(name + strlen(a->slug), ".xml") != 0))
		profile_err_attr(&ld, root, "id",
				 "this advisory's file must be called %s.xml, after its id=\"%s\" in "
				 "lower case (the documents and the CSAF file take that name)",
				 a->slug, a->id);
	{
		char *status = profile_read_word(&ld, root, "status", "final");
		a->interim = status && strcmp(status, "interim") == 0;
		free(status);
	}
	profile_read_ltext(&ld, root, "title", &a->title);
	profile_read_ltext(&ld, root, "summary", &a->summary);
	read_revisions(&ld, root, a);
	read_vulns(&ld, root, a);
	profile_report_rng_errors(&ld, before);
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ld.oom)
		diag_error(d, path, 0, 0, "out of memory while reading the advisory");
	if (d->errors == before && !ld.oom) {
		out = a;
		a = NULL;
	}
	advisory_free(a);
	profile_loader_free_beside(&ld);
	return out;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the .xml files in dir, sorted (caller frees each and the
 * array); -1 after an error in d. */
static int list_files(const char *dir, char ***names, size_t *n, struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	*names = NULL;
	*n = 0;
	if (!dp) {
		diag_error(d, dir, 0, 0, "cannot read the advisories folder: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		char **grown;
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if (!(grown = realloc(*names, (*n + 1) * sizeof(**names))) ||
		    !(grown[*n] = strdup(e->d_name))) {
			*names = grown ? grown : *names;
			closedir(dp);
			diag_error(d, dir, 0, 0, "out of memory");
			return -1;
		}
		*names = grown;
		(*n)++;
	}
	closedir(dp);
	if (*n)
		qsort(*names, *n, sizeof(**names), by_name);
	return 0;
}

int advisories_load(struct profile *p, const struct catalog *cat, const char *dir, bool required,
		    struct diag *d)
{
	struct stat st;
	xmlRelaxNGPtr valid = NULL;
	struct shapes shapes;
	struct index products = { 0 };
	struct loader ix = { .d = d }; /* for the index's memory */
	const char **keys = NULL;
	char **names = NULL;
	size_t n = 0, before = d->errors, i;
	bool compiled = false;
	struct buf path = BUF_INIT;

	if (stat(dir, &st) < 0) {
		if (!required && errno == ENOENT)
			return 0;
		diag_error(d, dir, 0, 0, "cannot read the advisories folder: %s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(d, dir, 0, 0, "cannot read the advisories folder: it is not a folder");
		return -1;
	}
	if (list_files(dir, &names, &n, d) < 0)
		goto out;
	if (!n)
		goto out;
	if (!(p->advisories = calloc(n, sizeof(*p->advisories)))) {
		diag_error(d, dir, 0, 0, "out of memory");
		goto out;
	}
	xmlSetStructuredErrorFunc(d, profile_on_schema_error);
	valid = rng_compile(cat->advisory_rng, profile_on_schema_error, d);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!valid) {
		diag_error(d, cat->advisory_rng->path, 0, 0, "cannot load the advisory schema");
		goto out;
	}
	memset(&shapes, 0, sizeof(shapes));
	if (shape_compile(&shapes, d) < 0)
		goto out;
	compiled = true;
	/* The products of the profile, for every file's product=. */
	if (!(keys = calloc(p->nproducts + 1, sizeof(*keys)))) {
		diag_error(d, dir, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < p->nproducts; i++)
		keys[i] = p->products[i].id;
	i = (size_t)profile_index_build(&ix, &products, keys, p->nproducts);
	keys = NULL; /* the index's now */
	if (i) {
		diag_error(d, dir, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct advisory *a;
		buf_reset(&path);
		if (buf_printf(&path, "%s/%s", dir, names[i]) < 0) {
			diag_error(d, dir, 0, 0, "out of memory");
			break;
		}
		if ((a = load_one(cat, buf_str(&path), names[i], valid, &shapes, &products, d)))
			p->advisories[p->nadvisories++] = a;
	}
out:
	xmlRelaxNGFree(valid);
	if (compiled)
		shape_free(&shapes);
	profile_index_free(&products);
	free(keys);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&path);
	if (d->errors != before) {
		for (i = 0; i < p->nadvisories; i++)
			advisory_free(p->advisories[i]);
		free(p->advisories);
		p->advisories = NULL;
		p->nadvisories = 0;
		return -1;
	}
	return 0;
}

char *advisories_default_dir(const char *profile_path)
{
	const char *slash = strrchr(profile_path, '/');
	struct buf b = BUF_INIT;

	if (buf_printf(&b, "%.*sadvisories", slash ? (int)(slash - profile_path + 1) : 0,
		       profile_path) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}
