/* records.c - a product's records: read through the profile reader's
 * machinery (the raw scan, the parser, the schema walk, the located
 * errors) against records.rng, then checked against the profile and the
 * catalogue (records.h). */
#include "profile/records.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/relaxng.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmlutil.h"
#include "model/requirements.h"
#include "profile/profile.h"
#include "profile/profile_loader.h"

/* What the checks of one file need besides the loader. */
struct rec_reader {
	struct loader *ld;
	const struct profile *p;
	const struct product *pr;
	const struct req_catalog *rc;
	struct req_features f;
	struct records *r;
};

static const char *const level_words[] = { "low", "medium", "high", NULL };

/* The index of w in words, or -1. */
static int word_index(const char *const *words, const char *w)
{
	int i;

	for (i = 0; w && words[i]; i++)
		if (strcmp(words[i], w) == 0)
			return i;
	return -1;
}

/* A person attribute: read, and checked against the profile's people. */
static char *read_person(struct rec_reader *rr, xmlNodePtr x, const char *attr)
{
	char *id = profile_read_shaped(rr->ld, x, attr, SHAPE_ID);

	profile_check_ref(rr->ld, x, attr, id, &rr->ld->people, NULL, "person",
			  "people of the profile");
	return id;
}

/* A date of something done: no later than the records' updated=. */
static char *read_done_date(struct rec_reader *rr, xmlNodePtr x, const char *attr)
{
	char *date = profile_read_date(rr->ld, x, attr);

	if (date && rr->r->updated && strcmp(date, rr->r->updated) > 0)
		profile_err_attr(rr->ld, x, attr,
				 "%s=\"%s\" is after the records' updated=\"%s\"; a record tells what "
				 "was done by the day the records were brought up to date",
				 attr, date, rr->r->updated);
	return date;
}

/* Reports ids of nodes (in keys) recorded twice, at their id=. */
static void report_twice(struct rec_reader *rr, xmlNodePtr *nodes, const char **keys, size_t n,
			 const char *what)
{
	struct index ix = { 0 };
	size_t i, first;

	if (profile_index_build(rr->ld, &ix, keys, n) < 0)
		return;
	for (i = 0; i < n; i++)
		if (ix.keys[i] && (first = profile_index_find(&ix, ix.keys[i])) != i)
			profile_err_attr(rr->ld, nodes[i], "id",
					 "%s \"%s\" is recorded twice; the first is on line %ld", what,
					 ix.keys[i], profile_loc_of(rr->ld, nodes[first]).line);
	profile_index_free(&ix);
}

/* The error for an id that is not the catalogue's, or does not apply. */
static void not_applying(struct rec_reader *rr, xmlNodePtr x, const char *what, const char *id,
			 bool known)
{
	if (!known)
		profile_err_attr(rr->ld, x, "id",
				 "there is no %s \"%s\" in the catalogue (policy-templates/requirements.xml); "
				 "`secpolgen records PROFILE %s` lists the ids that apply to this product",
				 what, id, rr->pr->id);
	else
		profile_err_attr(rr->ld, x, "id",
				 "%s \"%s\" does not apply to product \"%s\" (its product sheet does not "
				 "list it), so there is nothing to record for it; remove the line",
				 what, id, rr->pr->id);
}

static void read_evidence(struct rec_reader *rr, xmlNodePtr x, struct req_record *q)
{
	struct loader *ld = rr->ld;
	xmlNodePtr *nodes = profile_kids_of(ld, x, "evidence", &q->nevidence);
	size_t i;

	if (!nodes)
		return;
	if (!(q->evidence = profile_calloc(ld, q->nevidence, sizeof(*q->evidence)))) {
		q->nevidence = 0;
		free(nodes);
		return;
	}
	for (i = 0; i < q->nevidence; i++) {
		struct evidence *e = &q->evidence[i];
		char *raw = profile_attr_dup(ld, nodes[i], "ref");
		e->loc = profile_loc_of(ld, nodes[i]);
		e->ref = raw ? text_fold_space(raw) : NULL;
		free(raw);
		if (raw && !e->ref)
			ld->oom = true;
		e->date = read_done_date(rr, nodes[i], "date");
		profile_read_ltext(ld, nodes[i], "title", &e->title);
	}
	free(nodes);
}

static void read_requirements(struct rec_reader *rr, xmlNodePtr root)
{
	struct loader *ld = rr->ld;
	struct records *r = rr->r;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "requirement", &r->nreqs);
	const char **keys;
	size_t i;

	if (!nodes)
		return;
	r->reqs = profile_calloc(ld, r->nreqs, sizeof(*r->reqs));
	keys = profile_calloc(ld, r->nreqs, sizeof(*keys));
	if (!r->reqs || !keys) {
		r->nreqs = 0;
		free(keys);
		free(nodes);
		return;
	}
	for (i = 0; i < r->nreqs; i++) {
		struct req_record *q = &r->reqs[i];
		xmlNodePtr x = nodes[i];
		const struct req_requirement *def;
		char *status = profile_read_word(ld, x, "status", NULL);
		q->loc = profile_loc_of(ld, x);
		q->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		q->status = (enum rec_status)word_index((const char *const[]){ "met", "partly", "not-yet",
						      "not-applicable", NULL }, status);
		q->owner = read_person(rr, x, "owner");
		q->due = profile_read_date(ld, x, "due");
		read_evidence(rr, x, q);
		profile_read_ltext(ld, x, "reason", &q->reason);
		profile_read_ltext(ld, x, "note", &q->note);
		keys[i] = q->id;
		if (q->id && !((def = requirements_find(rr->rc, q->id)) && requirements_holds(&def->when, &rr->f)))
			not_applying(rr, x, "requirement", q->id, def != NULL);
		if (status && (q->status == REC_MET || q->status == REC_PARTLY) && !q->nevidence)
			profile_err_attr(ld, x, "status",
					 "status=\"%s\" needs the evidence that shows it: add <evidence "
					 "ref=\"…\" date=\"YYYY-MM-DD\"><title xml:lang=\"…\">what it is</title></evidence>",
					 status);
		if (status && q->status == REC_NOT_APPLICABLE && !q->reason.n)
			profile_err_attr(ld, x, "status",
					 "status=\"not-applicable\" needs the reason: add <reason "
					 "xml:lang=\"…\">why it does not apply to this product</reason>");
		if (status && q->status != REC_NOT_APPLICABLE && q->reason.n)
			profile_err_elem(ld, profile_first_kid(x, "reason"), MARK_VALUE,
					 "<reason> is for status=\"not-applicable\"; use <note> for a "
					 "remark on a requirement that applies");
		free(status);
	}
	report_twice(rr, nodes, keys, r->nreqs, "requirement");
	free(nodes);
}

static void read_risks(struct rec_reader *rr, xmlNodePtr root)
{
	struct loader *ld = rr->ld;
	struct records *r = rr->r;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "risk", &r->nrisks);
	const char **keys;
	size_t i;

	if (!nodes)
		return;
	r->risks = profile_calloc(ld, r->nrisks, sizeof(*r->risks));
	keys = profile_calloc(ld, r->nrisks, sizeof(*keys));
	if (!r->risks || !keys) {
		r->nrisks = 0;
		free(keys);
		free(nodes);
		return;
	}
	for (i = 0; i < r->nrisks; i++) {
		struct risk_record *k = &r->risks[i];
		xmlNodePtr x = nodes[i];
		const struct req_risk *def;
		char *l = profile_read_word(ld, x, "likelihood", NULL);
		char *im = profile_read_word(ld, x, "impact", NULL);
		char *dec = profile_read_word(ld, x, "decision", NULL);
		k->loc = profile_loc_of(ld, x);
		k->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		k->likelihood = word_index(level_words, l) + 1;
		k->impact = word_index(level_words, im) + 1;
		k->decision = !dec ? REC_UNDECIDED : strcmp(dec, "accept") == 0 ? REC_ACCEPT : REC_TREAT;
		k->by = read_person(rr, x, "by");
		k->date = read_done_date(rr, x, "date");
		k->until = profile_read_date(ld, x, "until");
		k->owner = read_person(rr, x, "owner");
		k->due = profile_read_date(ld, x, "due");
		profile_read_ltext(ld, x, "note", &k->note);
		keys[i] = k->id;
		if (k->id && !((def = requirements_risk(rr->rc, k->id)) && requirements_holds(&def->when, &rr->f)))
			not_applying(rr, x, "risk", k->id, def != NULL);
		if (!l != !im)
			profile_err_elem(ld, x, MARK_VALUE,
					 "a residual rating needs both likelihood= and impact=");
		if (dec && (!profile_attr_node(x, "by") || !profile_attr_node(x, "date")))
			profile_err_attr(ld, x, "decision",
					 "decision=\"%s\" needs by=\"person\" (who decided) and date=\"YYYY-MM-DD\" (when)",
					 dec);
		if (k->decision == REC_TREAT && (!profile_attr_node(x, "owner") || !profile_attr_node(x, "due")))
			profile_err_attr(ld, x, "decision",
					 "decision=\"treat\" needs owner=\"person\" (who treats the risk further) and due=\"YYYY-MM-DD\" (by when)");
		if (!dec && (profile_attr_node(x, "by") || profile_attr_node(x, "date")))
			profile_err_elem(ld, x, MARK_VALUE,
					 "by= and date= belong to a decision: add decision=\"accept\" or decision=\"treat\"");
		if (k->decision != REC_TREAT && (profile_attr_node(x, "owner") || profile_attr_node(x, "due")))
			profile_err_elem(ld, x, MARK_VALUE,
					 "owner= and due= are for a risk treated further: they need decision=\"treat\"");
		if (k->until && k->decision != REC_ACCEPT)
			profile_err_attr(ld, x, "until", "until= is the last day of an acceptance; it needs decision=\"accept\"");
		if (k->until && k->date && k->decision == REC_ACCEPT && strcmp(k->until, k->date) < 0)
			profile_err_attr(ld, x, "until", "until=\"%s\" is before the acceptance's date=\"%s\"",
					 k->until, k->date);
		free(l);
		free(im);
		free(dec);
	}
	report_twice(rr, nodes, keys, r->nrisks, "risk");
	free(nodes);
}

static void read_decisions(struct rec_reader *rr, xmlNodePtr root)
{
	struct loader *ld = rr->ld;
	struct records *r = rr->r;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "decision", &r->ndecisions);
	const char **keys;
	size_t i;

	if (!nodes)
		return;
	r->decisions = profile_calloc(ld, r->ndecisions, sizeof(*r->decisions));
	keys = profile_calloc(ld, r->ndecisions, sizeof(*keys));
	if (!r->decisions || !keys) {
		r->ndecisions = 0;
		free(keys);
		free(nodes);
		return;
	}
	for (i = 0; i < r->ndecisions; i++) {
		struct decision_record *k = &r->decisions[i];
		xmlNodePtr x = nodes[i];
		const struct req_decision *def;
		k->loc = profile_loc_of(ld, x);
		k->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		k->owner = read_person(rr, x, "owner");
		k->due = profile_read_date(ld, x, "due");
		k->by = read_person(rr, x, "by");
		k->date = read_done_date(rr, x, "date");
		profile_read_ltext(ld, x, "answer", &k->answer);
		keys[i] = k->id;
		if (k->id && !((def = requirements_decision(rr->rc, k->id)) && requirements_holds(&def->when, &rr->f)))
			not_applying(rr, x, "decision", k->id, def != NULL);
		if ((k->answer.n || profile_attr_node(x, "by") || profile_attr_node(x, "date")) &&
		    (!k->answer.n || !profile_attr_node(x, "by") || !profile_attr_node(x, "date")))
			profile_err_elem(ld, x, MARK_VALUE,
					 "an answered decision needs all three: by=\"person\", date=\"YYYY-MM-DD\" "
					 "and <answer xml:lang=\"…\">the answer</answer>");
	}
	report_twice(rr, nodes, keys, r->ndecisions, "decision");
	free(nodes);
}

static void read_tests(struct rec_reader *rr, xmlNodePtr root)
{
	struct loader *ld = rr->ld;
	struct records *r = rr->r;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "test", &r->ntests);
	const char **keys;
	size_t i;

	if (!nodes)
		return;
	r->tests = profile_calloc(ld, r->ntests, sizeof(*r->tests));
	keys = profile_calloc(ld, r->ntests, sizeof(*keys));
	if (!r->tests || !keys) {
		r->ntests = 0;
		free(keys);
		free(nodes);
		return;
	}
	for (i = 0; i < r->ntests; i++) {
		struct test_record *k = &r->tests[i];
		xmlNodePtr x = nodes[i];
		const struct req_test *def;
		char *result = profile_read_word(ld, x, "result", NULL), *raw;
		k->loc = profile_loc_of(ld, x);
		k->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		k->result = (enum rec_result)word_index((const char *const[]){ "planned", "passed",
						       "failed", NULL }, result);
		k->date = k->result == REC_PLANNED ? profile_read_date(ld, x, "date")
						   : read_done_date(rr, x, "date");
		raw = profile_attr_dup(ld, x, "report");
		k->report = raw ? text_fold_space(raw) : NULL;
		if (raw && !k->report)
			ld->oom = true;
		free(raw);
		k->tester = read_person(rr, x, "tester");
		raw = profile_attr_dup(ld, x, "version");
		k->version = raw ? text_fold_space(raw) : NULL;
		if (raw && !k->version)
			ld->oom = true;
		free(raw);
		k->fix_due = profile_read_date(ld, x, "fix-due");
		profile_read_ltext(ld, x, "note", &k->note);
		keys[i] = k->id;
		if (k->id && !((def = requirements_test(rr->rc, k->id)) &&
			       requirements_test_applies(rr->rc, def, &rr->f)))
			not_applying(rr, x, "test", k->id, def != NULL);
		if (result && k->result != REC_PLANNED && !profile_attr_node(x, "date"))
			profile_err_attr(ld, x, "result",
					 "result=\"%s\" needs date=\"YYYY-MM-DD\", the day the test was run",
					 result);
		if (k->fix_due && k->result != REC_FAILED)
			profile_err_attr(ld, x, "fix-due", "fix-due= is the day a failed test's fix is due; "
					 "it needs result=\"failed\"");
		free(result);
	}
	report_twice(rr, nodes, keys, r->ntests, "test");
	free(nodes);
}

void records_free(struct records *r)
{
	size_t i, j;

	if (!r)
		return;
	free(r->path);
	free(r->updated);
	for (i = 0; i < r->nreqs; i++) {
		struct req_record *q = &r->reqs[i];
		free(q->id);
		free(q->owner);
		free(q->due);
		for (j = 0; j < q->nevidence; j++) {
			free(q->evidence[j].ref);
			free(q->evidence[j].date);
			ltext_free(&q->evidence[j].title);
		}
		free(q->evidence);
		ltext_free(&q->reason);
		ltext_free(&q->note);
	}
	free(r->reqs);
	for (i = 0; i < r->nrisks; i++) {
		free(r->risks[i].id);
		free(r->risks[i].by);
		free(r->risks[i].date);
		free(r->risks[i].until);
		free(r->risks[i].owner);
		free(r->risks[i].due);
		ltext_free(&r->risks[i].note);
	}
	free(r->risks);
	for (i = 0; i < r->ndecisions; i++) {
		free(r->decisions[i].id);
		free(r->decisions[i].owner);
		free(r->decisions[i].due);
		free(r->decisions[i].by);
		free(r->decisions[i].date);
		ltext_free(&r->decisions[i].answer);
	}
	free(r->decisions);
	for (i = 0; i < r->ntests; i++) {
		free(r->tests[i].id);
		free(r->tests[i].date);
		free(r->tests[i].report);
		free(r->tests[i].tester);
		free(r->tests[i].fix_due);
		free(r->tests[i].version);
		ltext_free(&r->tests[i].note);
	}
	free(r->tests);
	free(r);
}

/* The records of pr at path, validated with valid (records.rng compiled
 * once for every file). NULL, after errors in d when there were any. */
static struct records *load_one(const struct profile *p, const struct catalog *cat,
				const struct product *pr, const char *path, xmlRelaxNGPtr valid,
				const struct shapes *shapes, const struct index *people, struct diag *d)
{
	struct loader ld;
	struct rec_reader rr = { .ld = &ld, .p = p, .pr = pr, .rc = cat->requirements };
	struct records *out = NULL;
	size_t before = d->errors;
	xmlNodePtr root;
	char *product = NULL, *version = NULL;

	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.d = d;
	ld.root = "records";
	ld.rng = cat->records_rng;
	ld.src.what = "records file";
	ld.src.max = RECORDS_MAX_BYTES;
	if (!(rr.r = calloc(1, sizeof(*rr.r))) || !(rr.r->path = strdup(path))) {
		ld.oom = true;
		goto out;
	}
	if (!(root = profile_read_beside(&ld, valid, shapes, RECORDS_NS)))
		goto out;
	/* The people of the profile, for owner=, by= and tester=. */
	ld.people = *people;
	version = profile_read_word(&ld, root, "version", NULL);
	product = profile_read_shaped(&ld, root, "product", SHAPE_ID);
	if (product && strcmp(product, pr->id) != 0)
		profile_err_attr(&ld, root, "product",
				 "this is the records file of product \"%s\", but it says product=\"%s\"",
				 pr->id, product);
	rr.r->updated = profile_read_date(&ld, root, "updated");
	requirements_features(cat, p, pr, &rr.f);
	read_requirements(&rr, root);
	read_risks(&rr, root);
	read_decisions(&rr, root);
	read_tests(&rr, root);
	profile_report_rng_errors(&ld, before);
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ld.oom)
		diag_error(d, path, 0, 0, "out of memory while reading the records file");
	if (d->errors == before && !ld.oom) {
		out = rr.r;
		rr.r = NULL;
	}
	records_free(rr.r);
	free(product);
	free(version);
	profile_loader_free_beside(&ld);
	return out;
}

/* Whether name is <id>.xml of a product of p. */
static bool names_product(const struct profile *p, const char *name)
{
	size_t n = strlen(name), i;

	if (n < 5 || strcmp(name + n - 4, ".xml") != 0)
		return false;
	for (i = 0; i < p->nproducts; i++)
		if (p->products[i].id && strlen(p->products[i].id) == n - 4 &&
		    strncmp(p->products[i].id, name, n - 4) == 0)
			return true;
	return false;
}

/* A warning for each .xml file in dir that is no product's. */
static void stray_files(const struct profile *p, const char *dir, struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i, j;

	if (!dp)
		return;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		char **grown;
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0 || names_product(p, e->d_name))
			continue;
		if (!(grown = realloc(names, (n + 1) * sizeof(*names))) ||
		    !(grown[n] = strdup(e->d_name))) {
			names = grown ? grown : names;
			break;
		}
		names = grown;
		n++;
	}
	closedir(dp);
	/* In name order, whatever order the folder lists them in. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		diag_add(d, DIAG_WARNING, NULL, 0, 0,
			 "%s/%s: no product of the profile has this id, so these records are not shown; "
			 "rename the file to <product-id>.xml, or remove it", dir, names[i]);
		free(names[i]);
	}
	free(names);
}

int records_load(struct profile *p, const struct catalog *cat, const char *dir, bool required,
		 struct diag *d)
{
	struct stat st;
	xmlRelaxNGPtr valid = NULL;
	struct shapes shapes;
	struct index people = { 0 };
	struct loader ix = { .d = d }; /* for the index's memory */
	const char **keys;
	size_t k;
	bool compiled = false;
	struct buf path = BUF_INIT;
	size_t before = d->errors, i;

	if (stat(dir, &st) < 0) {
		if (!required && errno == ENOENT)
			return 0;
		diag_error(d, dir, 0, 0, "cannot read the records folder: %s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* Named or not: something other than a folder stands where the
		 * records would be, which is never what the user meant. */
		diag_error(d, dir, 0, 0, "cannot read the records folder: it is not a folder");
		return -1;
	}
	for (i = 0; i < p->nproducts; i++) {
		struct product *pr = &p->products[i];
		buf_reset(&path);
		if (buf_printf(&path, "%s/%s.xml", dir, pr->id) < 0) {
			diag_error(d, dir, 0, 0, "out of memory");
			break;
		}
		if (lstat(buf_str(&path), &st) < 0 && errno == ENOENT)
			continue;
		if (!valid) {
			xmlSetStructuredErrorFunc(d, profile_on_schema_error);
			valid = rng_compile(cat->records_rng, profile_on_schema_error, d);
			xmlSetStructuredErrorFunc(NULL, NULL);
			if (!valid) {
				diag_error(d, cat->records_rng->path, 0, 0, "cannot load the records schema");
				break;
			}
			memset(&shapes, 0, sizeof(shapes));
			if (shape_compile(&shapes, d) < 0)
				break;
			compiled = true;
			/* The people of the profile, for every file's owner=,
			 * by= and tester=: sorted once. */
			if (!(keys = calloc(p->npeople + 1, sizeof(*keys)))) {
				diag_error(d, dir, 0, 0, "out of memory");
				break;
			}
			for (k = 0; k < p->npeople; k++)
				keys[k] = p->people[k].id;
			if (profile_index_build(&ix, &people, keys, p->npeople) < 0) {
				diag_error(d, dir, 0, 0, "out of memory");
				break;
			}
		}
		pr->records = load_one(p, cat, pr, buf_str(&path), valid, &shapes, &people, d);
	}
	xmlRelaxNGFree(valid);
	if (compiled)
		shape_free(&shapes);
	profile_index_free(&people);
	buf_free(&path);
	if (d->errors != before) {
		for (i = 0; i < p->nproducts; i++) {
			records_free(p->products[i].records);
			p->products[i].records = NULL;
		}
		return -1;
	}
	stray_files(p, dir, d);
	return 0;
}

char *records_default_dir(const char *profile_path)
{
	const char *slash = strrchr(profile_path, '/');
	struct buf b = BUF_INIT;

	if (buf_printf(&b, "%.*srecords", slash ? (int)(slash - profile_path + 1) : 0, profile_path) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}
