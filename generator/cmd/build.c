/* build.c - profile -> every document in every language and format. */
#include "cmd/build.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "model/catalog.h"
#include "derive/derive.h"
#include "doc/doc.h"
#include "render/export.h"
#include "l10n/l10n.h"
#include "l10n/messages.h"
#include "template/mustache.h"
#include "output/output.h"
#include "base/interrupt.h"
#include "base/parallel.h"
#include "profile/profile.h"
#include "profile/advisories.h"
#include "render/csaf.h"
#include "profile/records.h"
#include "derive/raci.h"
#include "render/docx/render_docx.h"
#include "render/html/render_html.h"
#include "render/text/render_text.h"
#include "derive/securitytxt.h"
#include "template/value.h"

#define TEMPLATE_MAX ((size_t)4 * 1024 * 1024)
#define REFERENCE_MAX ((size_t)64 * 1024 * 1024)

/* A template fragment shared by several documents:
 * policy-templates/partials/<name>.mustache, read once a run. */
struct fragment {
	char *name;
	char *path;
	struct buf text;
};

/* What {{> name}} finds: a message of the language, else a fragment. */
struct partials {
	struct run *run;
	struct messages *msgs;
};

/* What out/index.html says of one document in one language: the words
 * of its <meta>, each owned or NULL. */
enum index_word { IX_TITLE, IX_SUBTITLE, IX_NUMBER, IX_REVISION, IX_DATE, IX_COMPANY, IX_N };

struct index_entry {
	size_t lang;  /* index into o->langs */
	char *path;   /* relative to out/, without extension: "ja/staff/sato" */
	char *w[IX_N];
};

/* One language's register: n rows of REGISTER_COLS cells, each cell's
 * text at text.data + off[...] (NUL-terminated; REG_NONE: empty). Kept
 * as bytes, not as a value tree: at 200 products, 6,000 rows a language
 * for the whole run. */
#define REG_NONE SIZE_MAX
/* The most rows the index shows; beyond, a row a product (register_keep). */
#define REGISTER_INDEX_ROWS 2000
struct reg {
	struct buf text;
	size_t *off;
	size_t n, cap;
	size_t total; /* > 0: the rows are a summary of this many (register_keep) */
};

/* What one run holds open; freed in one place. */
struct run {
	const struct build_options *o;
	struct diag *d;
	struct catalog *cat;
	struct profile *profile;
	struct doc_schema *schema;
	struct messages **msgs; /* one per language, in o->langs order */
	struct buf *templates;  /* one per catalogue document */
	struct fragment *fragments;
	size_t nfragments;
	struct buf reference; /* the --reference-docx file's bytes */
	struct index_entry *index; /* every document written, in order */
	size_t nindex, index_cap;
	struct output_set *out;
	struct docx_cache docx_cache; /* parts shared by the run's DOCX files */
	struct reg *registers; /* by language: the register (n == 0: none) */
};

static void index_truncate(struct run *r, size_t n);

static void run_free(struct run *r)
{
	size_t i;

	if (r->msgs)
		for (i = 0; i < r->o->langs.n; i++)
			messages_free(r->msgs[i]);
	if (r->templates && r->cat)
		for (i = 0; i < r->cat->ndocuments; i++)
			buf_free(&r->templates[i]);
	for (i = 0; i < r->nfragments; i++) {
		free(r->fragments[i].name);
		free(r->fragments[i].path);
		buf_free(&r->fragments[i].text);
	}
	free(r->fragments);
	if (r->registers)
		for (i = 0; i < r->o->langs.n; i++) {
			buf_free(&r->registers[i].text);
			free(r->registers[i].off);
		}
	free(r->registers);
	free(r->msgs);
	free(r->templates);
	index_truncate(r, 0);
	free(r->index);
	buf_free(&r->reference);
	doc_schema_free(r->schema);
	profile_free(r->profile);
	catalog_free(r->cat);
	output_free(r->out);
	docx_cache_free(&r->docx_cache);
}

static int path_join(struct buf *b, const char *a, const char *rel)
{
	buf_reset(b);
	return buf_printf(b, "%s/%s", a, rel);
}

static int load_common(struct run *r, const char *profile_path)
{
	struct buf path = BUF_INIT;
	char *records = NULL, *advisories = NULL;
	int rc = -1;

	if (path_join(&path, r->o->datadir, "policy-templates") < 0)
		goto out;
	r->cat = catalog_load(buf_str(&path), r->d);
	if (!r->cat)
		goto out;
	r->profile = profile_load(profile_path, &r->cat->builtins, r->d);
	if (!r->profile)
		goto out;
	records = r->o->records ? strdup(r->o->records) : records_default_dir(profile_path);
	if (!records) {
		diag_error(r->d, profile_path, 0, 0, "out of memory");
		goto out;
	}
	if (records_load(r->profile, r->cat, records, r->o->records && !r->o->records_optional,
			 r->d) < 0)
		goto out;
	advisories = r->o->advisories ? strdup(r->o->advisories)
				      : advisories_default_dir(profile_path);
	if (!advisories) {
		diag_error(r->d, profile_path, 0, 0, "out of memory");
		goto out;
	}
	if (advisories_load(r->profile, r->cat, advisories, r->o->advisories != NULL, r->d) < 0)
		goto out;
	/* The responsibility matrix's rules: a broken matrix (no one
	 * accountable) stops the run, gaps are warnings. */
	{
		struct raci_matrix *m = raci_build(r->profile, r->cat);
		size_t before = r->d->errors;
		if (!m) {
			diag_error(r->d, profile_path, 0, 0, "out of memory");
			goto out;
		}
		raci_report(m, r->profile, r->d);
		raci_free(m);
		if (r->d->errors != before)
			goto out;
	}
	rc = 0;
out:
	free(records);
	free(advisories);
	buf_free(&path);
	return rc;
}

static int load_messages(struct run *r)
{
	struct buf path = BUF_INIT;
	size_t i, j;
	int rc = 0;

	r->msgs = calloc(r->o->langs.n ? r->o->langs.n : 1, sizeof(*r->msgs));
	if (!r->msgs)
		return -1;
	for (i = 0; i < r->o->langs.n; i++) {
		const char *lang = r->o->langs.v[i];
		buf_reset(&path);
		if (buf_printf(&path, "%s/locales/%s.xlf", r->o->datadir, lang) < 0) {
			rc = -1;
			break;
		}
		r->msgs[i] = messages_load(buf_str(&path), lang, r->d);
		if (!r->msgs[i]) {
			rc = -1;
			continue;
		}
		for (j = 0; j < r->profile->noverrides; j++) {
			const struct message_override *ov = &r->profile->overrides[j];
			if (strcmp(ov->lang, lang) != 0)
				continue;
			if (messages_override(r->msgs[i], ov->id, ov->text, r->profile->path,
					      ov->loc.line, ov->loc.col, r->d) < 0)
				rc = -1;
		}
	}
	buf_free(&path);
	return rc;
}

static int wanted(const struct build_options *o, const char *doc)
{
	size_t i;

	if (o->docs.n == 0)
		return 1;
	for (i = 0; i < o->docs.n; i++)
		if (strcmp(o->docs.v[i], doc) == 0)
			return 1;
	return 0;
}

/* policy-templates/<id>.mustache into text, its path into path. 0, or
 * -1 after an error in r->d. */
static int read_template(struct run *r, const char *id, struct buf *text, struct buf *path)
{
	buf_reset(path);
	if (buf_printf(path, "%s/policy-templates/%s.mustache", r->o->datadir, id) < 0 ||
	    buf_read_file(text, buf_str(path), TEMPLATE_MAX) < 0) {
		diag_error(r->d, buf_str(path), 0, 0, "cannot read the template: %s",
			   strerror(errno));
		return -1;
	}
	return 0;
}

static int load_templates(struct run *r)
{
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	r->templates = calloc(r->cat->ndocuments ? r->cat->ndocuments : 1, sizeof(struct buf));
	if (!r->templates)
		return -1;
	for (i = 0; i < r->cat->ndocuments; i++)
		if (wanted(r->o, r->cat->documents[i].id) &&
		    read_template(r, r->cat->documents[i].id, &r->templates[i], &path) < 0)
			rc = -1;
	buf_free(&path);
	return rc;
}

/* The document vocabulary every template's XML is checked against. */
static int load_schema(struct run *r)
{
	struct buf path = BUF_INIT;

	if (path_join(&path, r->o->datadir, "policy-templates/document.rng") < 0)
		diag_error(r->d, NULL, 0, 0, "out of memory");
	else
		r->schema = doc_schema_load(buf_str(&path), r->d);
	buf_free(&path);
	return r->schema ? 0 : -1;
}

static int fragment_name_ok(const char *name)
{
	const char *p;

	if (!*name || strlen(name) > 64)
		return 0;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	return 1;
}

static const char *find_partial(void *ctx, const char *name, size_t *len,
				const char **source, long *line)
{
	struct partials *p = ctx;
	struct run *r = p->run;
	struct fragment *f, *v;
	const char *text = messages_partial(p->msgs, name, len, source, line);
	size_t i;

	if (text || !fragment_name_ok(name))
		return text;
	for (i = 0; i < r->nfragments; i++)
		if (strcmp(r->fragments[i].name, name) == 0)
			goto found;
	v = realloc(r->fragments, (r->nfragments + 1) * sizeof(*v));
	if (!v)
		return NULL;
	r->fragments = v;
	f = &r->fragments[r->nfragments];
	memset(f, 0, sizeof(*f));
	f->name = strdup(name);
	if (!f->name || buf_printf(&f->text, "%s/policy-templates/partials/%s.mustache",
				   r->o->datadir, name) < 0) {
		free(f->name);
		buf_free(&f->text);
		return NULL;
	}
	f->path = buf_detach(&f->text, NULL);
	if (!f->path || buf_read_file(&f->text, f->path, TEMPLATE_MAX) < 0) {
		free(f->name);
		free(f->path);
		return NULL;
	}
	r->nfragments++;
found:
	f = &r->fragments[i];
	*len = f->text.len;
	*source = f->path;
	*line = 1;
	return buf_str(&f->text);
}

/* The other language of a two-language build, for the HTML twin link. */
static int twin_of(const struct build_options *o, size_t lang)
{
	if (o->langs.n < 2)
		return -1;
	return lang == 0 ? 1 : 0;
}

/* A new entry for the document at path (taken, freed on failure) with
 * the words w (copied; each may be NULL). */
static int index_add(struct run *r, size_t lang, char *path, const char *const w[IX_N])
{
	struct index_entry *e;
	size_t i;

	if (!path)
		return -1;
	if (r->nindex == r->index_cap) {
		size_t cap = r->index_cap ? r->index_cap * 2 : 16;
		struct index_entry *v = realloc(r->index, cap * sizeof(*v));
		if (!v) {
			free(path);
			return -1;
		}
		r->index = v;
		r->index_cap = cap;
	}
	e = &r->index[r->nindex++];
	*e = (struct index_entry){ .lang = lang, .path = path };
	for (i = 0; i < IX_N; i++)
		if (w[i] && !(e->w[i] = strdup(w[i])))
			return -1;
	return 0;
}

static int remember(struct run *r, size_t lang, const char *path,
		    const struct doc_meta *m)
{
	const char *const w[IX_N] = {
		[IX_TITLE] = m->title, [IX_SUBTITLE] = m->subtitle,
		[IX_NUMBER] = m->number, [IX_REVISION] = m->revision,
		[IX_DATE] = m->date, [IX_COMPANY] = m->company,
	};

	return index_add(r, lang, strdup(path), w);
}

/* Drops the index entries from the n-th on. */
static void index_truncate(struct run *r, size_t n)
{
	while (r->nindex > n) {
		struct index_entry *e = &r->index[--r->nindex];
		size_t i;
		free(e->path);
		for (i = 0; i < IX_N; i++)
			free(e->w[i]);
	}
}

/* The index lists every document; a build of some documents only leaves
 * the index of the last full build alone. */
static int writes_index(const struct build_options *o)
{
	return o->docs.n == 0;
}

/* Whether an item of a per-item document is written in language lang: a
 * member of staff's sheet only in their own language when it is built. */
static bool item_in_lang(const struct build_options *o, const struct value *item,
			 size_t lang)
{
	const char *own = item ? value_get_string(value_map_get(item, "lang")) : NULL;
	size_t i;

	if (!own)
		return true;
	for (i = 0; i < o->langs.n; i++)
		if (strcmp(o->langs.v[i], own) == 0)
			return i == lang;
	return true;
}

static const char *str(const struct value *map, const char *key)
{
	return value_get_string(value_map_get(map, key));
}

/* A word of the exports or the index page: a plain message of the
 * language; NULL after "no message" in r->d. */
static const char *word(struct run *r, size_t lang, const char *id)
{
	struct l10n kit = l10n_kit(r->msgs[lang], NULL, NULL, r->d);

	return l10n_label(&kit, id);
}

/* Adds an export (out, taken) to the set as <lang>/<file>. 0, or -1
 * after an error in r->d. */
static int export_add(struct run *r, size_t lang, const char *file, struct buf *out)
{
	struct buf path = BUF_INIT;
	int rc = -1;

	if (buf_printf(&path, "%s/%s", r->o->langs.v[lang], file) < 0)
		diag_error(r->d, NULL, 0, 0, "out of memory");
	else
		rc = output_add(r->out, buf_str(&path), out, r->d);
	buf_free(&path);
	return rc;
}

/* <lang>/training.csv: a row for each course each member of staff takes. */
static int write_csv(struct run *r, size_t lang, const struct value *view)
{
	static const char *const cols[] = { "export.col.person", "export.col.email",
		"export.col.roles", "export.col.course", "export.col.months",
		"export.col.hours", "export.col.method", "export.col.deadline" };
	enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
	const struct value *staff = value_map_get(view, "staff");
	const char *header[NCOLS];
	const char **cells = NULL;
	struct buf out = BUF_INIT, *roles = NULL;
	size_t i, j, k, nrows = 0, row = 0;
	int rc = -1;

	for (i = 0; i < NCOLS; i++)
		if (!(header[i] = word(r, lang, cols[i])))
			return -1;
	for (i = 0; i < value_list_len(staff); i++)
		nrows += value_list_len(value_map_get(value_list_at(staff, i), "courses"));
	cells = calloc(nrows * NCOLS + 1, sizeof(*cells));
	roles = calloc(value_list_len(staff) + 1, sizeof(*roles));
	if (!cells || !roles)
		goto oom;
	for (i = 0; i < value_list_len(staff); i++) {
		const struct value *p = value_list_at(staff, i);
		const struct value *rl = value_map_get(p, "roles"), *cs = value_map_get(p, "courses");
		for (j = 0; j < value_list_len(rl); j++)
			if ((j && buf_puts(&roles[i], word(r, lang, "format.list-separator")) < 0) ||
			    buf_puts(&roles[i], str(value_list_at(rl, j), "name")) < 0)
				goto oom;
		for (k = 0; k < value_list_len(cs); k++, row++) {
			const struct value *c = value_list_at(cs, k);
			const char **cell = &cells[row * NCOLS];
			cell[0] = str(p, "name");
			cell[1] = str(p, "email");
			cell[2] = roles[i].len ? buf_str(&roles[i]) : NULL;
			cell[3] = str(c, "name");
			/* Values a spreadsheet sorts and sums: months as
			 * YYYY-MM, hours as a number, the deadline as a date. */
			cell[4] = str(c, "months_iso");
			cell[5] = str(c, "hours_number");
			cell[6] = str(c, "method");
			cell[7] = str(c, "deadline_iso");
		}
	}
	if (export_csv(&out, header, NCOLS, cells, nrows) < 0)
		goto oom;
	rc = export_add(r, lang, "training.csv", &out);
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	for (i = 0; roles && i < value_list_len(staff); i++)
		buf_free(&roles[i]);
	free(roles);
	free(cells);
	buf_free(&out);
	return rc;
}

/* <lang>/training.ics: the sessions, to import into a calendar. */
static int write_ics(struct run *r, size_t lang, const struct value *view)
{
	const struct value *tr = value_map_get(view, "training");
	const struct value *ss = value_map_get(tr, "sessions");
	const char *iso = str(value_map_get(view, "doc"), "iso_date");
	const char *attendees = word(r, lang, "export.attendees");
	const char *calendar = word(r, lang, "export.calendar");
	size_t i, n = value_list_len(ss);
	struct export_event *ev = calloc(n + 1, sizeof(*ev));
	struct buf *desc = calloc(n + 1, sizeof(*desc));
	struct buf out = BUF_INIT, cal = BUF_INIT;
	char stamp[32];
	int rc = -1;

	if (!attendees || !calendar)
		goto out;
	if (!ev || !desc)
		goto oom;
	snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2sT000000Z", iso ? iso : "2000-01-01",
		 iso ? iso + 5 : "01", iso ? iso + 8 : "01");
	for (i = 0; i < n; i++) {
		const struct value *s = value_list_at(ss, i);
		const char *summary = str(s, "summary"), *who = str(s, "attendees");
		if ((summary && buf_puts(&desc[i], summary) < 0) ||
		    (who && buf_printf(&desc[i], "%s%s%s", summary ? "\n" : "", attendees, who) < 0))
			goto oom;
		ev[i] = (struct export_event){
			.uid = str(s, "uid"),
			.summary = str(s, "course"),
			.description = desc[i].len ? buf_str(&desc[i]) : NULL,
			.year = (int)value_get_number(value_map_get(s, "year")),
			.month = (int)value_get_number(value_map_get(s, "month")),
			.day = (int)value_get_number(value_map_get(s, "day")),
			.start_minute = (int)value_get_number(value_map_get(s, "start_minute")),
			.duration_minutes = (int)value_get_number(value_map_get(s, "minutes")),
			.organizer_email = str(s, "instructor_email"),
			.organizer_name = str(s, "instructor"),
		};
	}
	if (buf_printf(&cal, "%s %s %s", str(value_map_get(view, "company"), "name"), calendar,
		       str(tr, "year")) < 0)
		goto oom;
	if (export_ics(&out, "-//secpolgen//training plan//EN", buf_str(&cal), stamp, ev, n) < 0) {
		diag_error(r->d, NULL, 0, 0, "cannot write the training calendar");
		goto out;
	}
	rc = export_add(r, lang, "training.ics", &out);
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	for (i = 0; desc && i < n; i++)
		buf_free(&desc[i]);
	free(desc);
	free(ev);
	buf_free(&out);
	buf_free(&cal);
	return rc;
}

/* The training exports of one language, when the plan is built. */
/* The register's columns: the key of a row and its heading's message. */
static const char *const register_cols[][3] = {
	/* key, the heading's message, "" for a cell of the index only */
	{ "product", "register.col.product", "csv" }, { "model", "register.col.model", "csv" },
	{ "n", "register.col.n", "csv" },             { "id", "register.col.id", "csv" },
	{ "title", "register.col.requirement", "csv" }, { "level", "register.col.level", "csv" },
	{ "status", "register.col.status", "csv" },   { "evidence", "register.col.evidence", "csv" },
	{ "owner_due", "register.col.owner-due", "" }, { "owner", "register.col.owner", "csv" },
	{ "due", "register.col.due", "csv" },         { "note", "register.col.note", "csv" },
	{ "updated", "register.col.updated", "csv" }, { "sheet", "register.col.sheet", "csv" },
	{ "tests", "register.col.tests", "csv" },
};
enum { REGISTER_COLS = sizeof(register_cols) / sizeof(register_cols[0]) };

/* The cell k of row i of g, or NULL. */
static const char *reg_cell(const struct reg *g, size_t i, size_t k)
{
	size_t o = g->off[i * REGISTER_COLS + k];

	return o == REG_NONE ? NULL : g->text.data + o;
}

/* Appends a row of cells to g. 0, or -1 when out of memory. */
static int reg_add(struct reg *g, const char *const *cell)
{
	size_t k;

	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 256;
		size_t *v = realloc(g->off, cap * REGISTER_COLS * sizeof(*v));
		if (!v)
			return -1;
		g->off = v;
		g->cap = cap;
	}
	for (k = 0; k < REGISTER_COLS; k++) {
		g->off[g->n * REGISTER_COLS + k] = cell[k] ? g->text.len : REG_NONE;
		if (cell[k] && buf_put(&g->text, cell[k], strlen(cell[k]) + 1) < 0)
			return -1;
	}
	g->n++;
	return 0;
}

/* The register of language lang into g: a row for every requirement of
 * every product, with the cells its product sheet shows
 * (derive_records.c); a product without records says "not recorded" in
 * every row. Copies, for the index after the view is gone. -1 after an
 * error in d. */
static int register_rows(struct run *r, size_t lang, const struct value *view, struct reg *g)
{
	const struct value *products = value_map_get(view, "products");
	const char *none = word(r, lang, "label.record.status.none");
	const char *no_evidence = word(r, lang, "label.record.none");
	const char *unassigned = word(r, lang, "label.record.unassigned");
	const char *prefix = str(value_map_get(view, "numbers"), "product");
	struct buf sheet = BUF_INIT;
	size_t i, j;

	if (!none || !no_evidence || !unassigned)
		return -1;
	for (i = 0; i < value_list_len(products); i++) {
		const struct value *pv = value_list_at(products, i);
		const struct value *reqs = value_map_get(pv, "requirements");
		const struct value *rec = value_map_get(pv, "records");
		const struct product *pr = &r->profile->products[i];
		/* With records, the words of the sheet's cells (a blank would
		 * look like a gap in the file); without, only that nothing is
		 * recorded. */
		bool kept = value_type(rec) == VALUE_MAP;
		buf_reset(&sheet);
		if (buf_printf(&sheet, "%s-%s", prefix, pr->id) < 0)
			goto fail;
		for (j = 0; j < value_list_len(reqs); j++) {
			const struct value *q = value_list_at(reqs, j);
			const struct req_record *x = records_requirement(pr, str(q, "id"));
			const char *cell[REGISTER_COLS] = {
				str(pv, "name"), str(pv, "model"), str(q, "n"), str(q, "id"),
				str(q, "title"), str(q, "level"), str(q, "status") ? str(q, "status") : none,
				str(q, "evidence") ? str(q, "evidence") : kept ? no_evidence : NULL,
				str(q, "owner_due") ? str(q, "owner_due") : kept ? unassigned : NULL,
				str(q, "owner") ? str(q, "owner") : kept ? unassigned : NULL,
				x && (x->status == REC_PARTLY || x->status == REC_NOT_YET) ? x->due : NULL,
				str(q, "reason") ? str(q, "reason") : str(q, "note"),
				str(rec, "updated_iso"), buf_str(&sheet), str(q, "tests"),
			};
			if (reg_add(g, cell) < 0)
				goto fail;
		}
	}
	buf_free(&sheet);
	return 0;
fail:
	diag_error(r->d, NULL, 0, 0, "out of memory");
	buf_free(&sheet);
	return -1;
}

/* <lang>/register.csv: the register, for an auditor's spreadsheet, made
 * from the view where it is written (a worker, or the parent with -j 1),
 * so that the parent keeps no more of it than the index needs. */
static int write_register(struct run *r, size_t lang, const struct value *view)
{
	struct reg rows = { .text = BUF_INIT }, *g = &rows;
	const char *header[REGISTER_COLS];
	const char **cells;
	struct buf out = BUF_INIT;
	size_t i, k, nc = 0;
	int rc = -1;

	if (!wanted(r->o, "product"))
		return 0;
	if (register_rows(r, lang, view, g) < 0)
		goto out;
	for (k = 0; k < REGISTER_COLS; k++)
		if (*register_cols[k][2] && !(header[nc++] = word(r, lang, register_cols[k][1])))
			goto out;
	if (!(cells = calloc(g->n * nc + 1, sizeof(*cells)))) {
		diag_error(r->d, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < g->n; i++) {
		size_t c = 0;
		for (k = 0; k < REGISTER_COLS; k++)
			if (*register_cols[k][2])
				cells[i * nc + c++] = reg_cell(g, i, k);
	}
	if (export_csv(&out, header, nc, cells, g->n) < 0)
		diag_error(r->d, NULL, 0, 0, "out of memory");
	else
		rc = export_add(r, lang, "register.csv", &out);
	free(cells);
out:
	buf_free(&out);
	buf_free(&rows.text);
	free(rows.off);
	return rc;
}

/* What the index keeps of the register of language lang from its view:
 * every row while there are at most REGISTER_INDEX_ROWS, else a row a
 * product with how many of its requirements have each status (the
 * summary, kept as those rows: product, model, n-status counts …). */
static int register_keep(struct run *r, size_t lang, const struct value *view, struct reg *g)
{
	static const char *const words[] = { "label.record.status.met", "label.record.status.partly",
		"label.record.status.not-yet", "label.record.status.not-applicable",
		"label.record.status.none" };
	struct reg all = { .text = BUF_INIT };
	size_t i, k, count[5] = { 0 };
	int rc = -1;

	if (register_rows(r, lang, view, &all) < 0)
		goto out;
	if (all.n <= REGISTER_INDEX_ROWS) {
		*g = all;
		return 0;
	}
	g->total = all.n;
	for (i = 0; i < all.n; i++) {
		const char *cell[REGISTER_COLS] = { 0 };
		char n[5][24];
		for (k = 0; k < 5; k++)
			count[k] += strcmp(reg_cell(&all, i, 6), word(r, lang, words[k])) == 0;
		if (i + 1 < all.n && strcmp(reg_cell(&all, i, 13), reg_cell(&all, i + 1, 13)) == 0)
			continue;
		/* The product's last row: its summary, the counts where the
		 * row's cells 2 to 6 are. */
		cell[0] = reg_cell(&all, i, 0);
		cell[1] = reg_cell(&all, i, 1);
		cell[12] = reg_cell(&all, i, 12);
		cell[13] = reg_cell(&all, i, 13);
		for (k = 0; k < 5; k++) {
			snprintf(n[k], sizeof(n[k]), "%zu", count[k]);
			cell[2 + k] = n[k];
			count[k] = 0;
		}
		if (reg_add(g, cell) < 0) {
			diag_error(r->d, NULL, 0, 0, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	buf_free(&all.text);
	free(all.off);
	return rc;
}

/* The register's rows for the index, over g's bytes (register_keep):
 * every row, or a row a product. NULL when out of memory. */
static struct value *register_view(const struct reg *g)
{
	static const char *const counts[] = { "met", "partly", "not_yet", "na", "none" };
	struct value *rows = value_list(), *row;
	size_t i, k;

	for (i = 0; rows && i < g->n; i++) {
		row = value_map();
		if (value_list_push(rows, row) < 0)
			goto fail;
		if (!g->total) {
			for (k = 0; k < REGISTER_COLS; k++)
				if (value_map_set_borrowed(row, register_cols[k][0], reg_cell(g, i, k)) < 0)
					goto fail;
			continue;
		}
		if (value_map_set_borrowed(row, "product", reg_cell(g, i, 0)) < 0 ||
		    value_map_set_borrowed(row, "model", reg_cell(g, i, 1)) < 0 ||
		    value_map_set_borrowed(row, "updated", reg_cell(g, i, 12)) < 0 ||
		    value_map_set_borrowed(row, "sheet", reg_cell(g, i, 13)) < 0)
			goto fail;
		for (k = 0; k < 5; k++)
			if (value_map_set_borrowed(row, counts[k], reg_cell(g, i, 2 + k)) < 0)
				goto fail;
	}
	return rows;
fail:
	value_free(rows);
	return NULL;
}

/* <lang>/vulnerability-register.csv: the PSIRT's register (its columns
 * are explained in the PSIRT procedure), with a row for each
 * vulnerability of a published advisory, what the advisory says filled
 * in; the rest is the team's to keep. */
static int write_vuln_register(struct run *r, size_t lang, const struct value *view)
{
	const struct value *rows = value_map_get(value_map_get(view, "vh"), "register_rows");
	size_t ncols = derive_register_ncols(), nrows = value_list_len(rows), i, c;
	const char **header = calloc(ncols, sizeof(*header));
	const char **cells = calloc(nrows * ncols + 1, sizeof(*cells));
	struct buf out = BUF_INIT;
	int rc = -1;

	if (!header || !cells)
		goto oom;
	for (c = 0; c < ncols; c++) {
		struct buf id = BUF_INIT;
		if (buf_printf(&id, "psirt.register.col.%s", derive_register_col(c)) < 0)
			goto oom;
		header[c] = word(r, lang, buf_str(&id));
		buf_free(&id);
		if (!header[c])
			goto out;
	}
	for (i = 0; i < nrows; i++)
		for (c = 0; c < ncols; c++)
			cells[i * ncols + c] = value_get_string(value_list_at(value_list_at(rows, i), c));
	if (export_csv(&out, header, ncols, cells, nrows) < 0)
		goto oom;
	rc = export_add(r, lang, "vulnerability-register.csv", &out);
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	free(header);
	free(cells);
	buf_free(&out);
	return rc;
}

static int write_exports(struct run *r, size_t lang, const struct value *view)
{
	if (write_register(r, lang, view) < 0)
		return -1;
	if (wanted(r->o, "psirt") && write_vuln_register(r, lang, view) < 0)
		return -1;
	if (!wanted(r->o, "training"))
		return 0;
	return write_csv(r, lang, view) < 0 || write_ics(r, lang, view) < 0 ? -1 : 0;
}

/* The advisories as CSAF 2.0, under .well-known/csaf/ (render/csaf.h):
 * each document in white/<year>/, the folder's index.txt and
 * changes.csv, and provider-metadata.json; only when the profile says
 * where advisories are published and there is one. */
static int write_csaf(struct run *r)
{
	const struct profile *p = r->profile;
	struct buf meta = BUF_INIT, base = BUF_INIT, out = BUF_INIT, path = BUF_INIT;
	size_t i;
	int rc = -1;

	if (derive_csaf_metadata_url(p, &meta) < 0)
		return 0;
	if (buf_put(&base, meta.data, meta.len - strlen("provider-metadata.json")) < 0)
		goto oom;
	for (i = 0; i < p->nadvisories; i++) {
		buf_reset(&path);
		if (buf_puts(&path, ".well-known/csaf/") < 0 ||
		    advisory_csaf_path(&path, p->advisories[i]) < 0 ||
		    csaf_write_advisory(&out, p, p->advisories[i], buf_str(&base),
					r->o->version ? r->o->version : "unknown") < 0)
			goto oom;
		if (output_add(r->out, buf_str(&path), &out, r->d) < 0)
			goto out;
	}
	if (csaf_write_index(&out, p) < 0)
		goto oom;
	if (output_add(r->out, ".well-known/csaf/white/index.txt", &out, r->d) < 0)
		goto out;
	if (csaf_write_changes(&out, p) < 0)
		goto oom;
	if (output_add(r->out, ".well-known/csaf/white/changes.csv", &out, r->d) < 0)
		goto out;
	if (csaf_write_provider_metadata(&out, p, buf_str(&base), buf_str(&meta)) < 0)
		goto oom;
	rc = output_add(r->out, ".well-known/csaf/provider-metadata.json", &out, r->d);
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	buf_free(&meta);
	buf_free(&base);
	buf_free(&out);
	buf_free(&path);
	return rc;
}

/* .well-known/security.txt, beside the disclosure policy it points to;
 * never one already out of date (check says so as build does). */
static int write_security_txt(struct run *r)
{
	struct buf out = BUF_INIT;
	struct date today;

	if (date_today(&today) == 0 && securitytxt_check_current(r->profile, today, r->d) < 0)
		return -1;
	if (securitytxt_write(&out, r->profile) < 0) {
		diag_error(r->d, r->profile->path, 0, 0,
			   "cannot write security.txt: the profile needs a <revision> with a date");
		return -1;
	}
	return output_add(r->out, ".well-known/security.txt", &out, r->d);
}

/* A template rendered with view in the messages of language lang, as a
 * document tree (caller frees with doc_free), or NULL after errors in
 * r->d. tpath names the template in diagnostics, name the document XML. */
/* The document template tmpl makes of view. drop (NULL, or view when it
 * was made for this one document: index.html's, thousands of rows) is
 * freed as soon as the view is rendered, before the document XML is
 * parsed. */
static struct doc *template_doc_from(struct run *r, size_t lang, const struct buf *tmpl,
				     const char *tpath, const char *name,
				     const struct value *view, struct value *drop)
{
	struct partials parts = { .run = r, .msgs = r->msgs[lang] };
	struct mustache_options mo = { .mode = MUSTACHE_STRICT, .partial = find_partial,
				       .partial_ctx = &parts };
	struct buf xml = BUF_INIT;
	struct doc *doc = NULL;
	int rc = mustache_render(tmpl->data, tmpl->len, tpath, view, &mo, &xml, r->d);

	value_free(drop);
	if (rc == 0)
		doc = doc_parse_buf(&xml, name, r->schema, r->d);
	buf_free(&xml);
	return doc;
}

static struct doc *template_doc(struct run *r, size_t lang, const struct buf *tmpl,
				const char *tpath, const char *name, const struct value *view)
{
	return template_doc_from(r, lang, tmpl, tpath, name, view, NULL);
}

static bool letter_paper(const struct run *r)
{
	return r->profile->company.paper && strcmp(r->profile->company.paper, "letter") == 0;
}

/* One row of the index page: a document's words and its files, as
 * links relative to out/ (null for a format not built). */
static struct value *index_doc(const struct run *r, const struct index_entry *e)
{
	struct value *m = value_map();
	struct buf html = BUF_INIT, docx = BUF_INIT;
	bool ok = m && (!r->o->html || buf_printf(&html, "%s.html", e->path) >= 0) &&
		  (!r->o->docx || buf_printf(&docx, "%s.docx", e->path) >= 0) &&
		  value_map_set_borrowed(m, "title", e->w[IX_TITLE]) == 0 &&
		  value_map_set_borrowed(m, "subtitle", e->w[IX_SUBTITLE]) == 0 &&
		  value_map_set_borrowed(m, "number", e->w[IX_NUMBER]) == 0 &&
		  value_map_set_borrowed(m, "revision", e->w[IX_REVISION]) == 0 &&
		  value_map_set_borrowed(m, "date", e->w[IX_DATE]) == 0 &&
		  value_map_set_string(m, "html", r->o->html ? buf_str(&html) : NULL) == 0 &&
		  value_map_set_string(m, "docx", r->o->docx ? buf_str(&docx) : NULL) == 0;

	buf_free(&html);
	buf_free(&docx);
	if (ok)
		return m;
	value_free(m);
	return NULL;
}

/* The name of language lang in the messages of language in (the message
 * label.language.<lang>); NULL after "no message" in r->d. Borrowed. */
static const char *language_name(struct run *r, size_t in, const char *lang)
{
	struct l10n kit = l10n_kit(r->msgs[in], NULL, NULL, r->d);

	return l10n_labelf(&kit, "label.language.%s", lang);
}

/* The words of the index's part in one language, in that language. */
static int index_words(struct run *r, size_t l, struct value *lv)
{
	static const struct {
		const char *key, *id;
	} words[] = {
		{ "heading", "index.heading" },
		{ "col_document", "index.col.document" },
		{ "col_number", "index.col.number" },
		{ "col_revision", "index.col.revision" },
		{ "col_date", "index.col.date" },
		{ "col_formats", "index.col.formats" },
		{ "register_heading", "index.register.heading" },
		{ "register_intro", "index.register.intro" },
		{ "col_sheet", "register.col.sheet" },
		{ "col_as_at", "register.col.updated" },
		{ "word_met", "label.record.status.met" },
		{ "word_partly", "label.record.status.partly" },
		{ "word_not_yet", "label.record.status.not-yet" },
		{ "word_na", "label.record.status.not-applicable" },
		{ "word_none", "label.record.status.none" },
	};
	const char *w;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!(w = word(r, l, words[i].id)) || value_map_set_borrowed(lv, words[i].key, w) < 0)
			return -1;
	/* Whether this language's documents are the originals (the
	 * profile's authoritative-language) or translations. */
	{
		const char *original = r->profile->company.authoritative
					       ? r->profile->company.authoritative : "ja";
		bool is = strcmp(r->o->langs.v[l], original) == 0;
		if (!(w = word(r, l, is ? "index.language.original" : "index.language.translation")) ||
		    value_map_set_borrowed(lv, "language_version", w) < 0)
			return -1;
	}
	/* The language's own name: what its reader looks for. */
	w = language_name(r, l, r->o->langs.v[l]);
	return !w || value_map_set_borrowed(lv, "name", w) < 0 ? -1 : 0;
}

/* The index's part for language l: its words and every document written
 * in it, in the order written. */
static int index_lang(struct run *r, size_t l, struct value *langs)
{
	struct value *lv = value_map(), *docs = value_list();
	const char *company = NULL;
	size_t i;
	bool has;

	if (value_list_push(langs, lv) < 0) {
		value_free(docs);
		return -1;
	}
	if (value_map_set(lv, "docs", docs) < 0 || index_words(r, l, lv) < 0 ||
	    value_map_set_borrowed(lv, "lang", r->o->langs.v[l]) < 0 ||
	    value_map_set_bool(lv, "other", l > 0) < 0)
		return -1;
	has = r->registers && r->registers[l].n;
	if (value_map_set_bool(lv, "has_register", has) < 0)
		return -1;
	if (has) {
		struct value *cols = value_map();
		struct buf csv = BUF_INIT;
		for (i = 0; cols && i < REGISTER_COLS; i++)
			if (value_map_set_borrowed(cols, register_cols[i][0], word(r, l, register_cols[i][1])) < 0)
				return -1;
		if (value_map_set(lv, "register_cols", cols) < 0 ||
		    value_map_set_bool(lv, "register_summary", r->registers[l].total > 0) < 0 ||
		    value_map_set_number(lv, "register_rows", (double)r->registers[l].total) < 0 ||
		    value_map_set(lv, "register", register_view(&r->registers[l])) < 0 ||
		    buf_printf(&csv, "%s/register.csv", r->o->langs.v[l]) < 0 ||
		    value_map_set_string(lv, "register_csv", buf_str(&csv)) < 0) {
			buf_free(&csv);
			return -1;
		}
		buf_free(&csv);
	}
	for (i = 0; i < r->nindex; i++) {
		const struct index_entry *e = &r->index[i];
		if (e->lang != l)
			continue;
		if (!company)
			company = e->w[IX_COMPANY];
		if (value_list_push(docs, index_doc(r, e)) < 0)
			return -1;
	}
	return value_map_set_borrowed(lv, "company", company);
}

/* The view of index.mustache: a part for each language; the page is in
 * the first language ("first": that part's heading and company), and a
 * draft while the set is (approval, the first language's view's). */
static struct value *index_view(struct run *r, const struct value *approval)
{
	struct value *view = value_map(), *langs = value_list(), *first;
	size_t l;
	int rc = value_map_set(view, "languages", langs) < 0 ||
		 value_map_set(view, "approval", value_copy(approval)) < 0 ? -1 : 0;

	for (l = 0; rc == 0 && l < r->o->langs.n; l++)
		rc = index_lang(r, l, langs);
	/* The page's title and company: its first language's. */
	if (rc == 0 && value_map_set_borrowed(view, "lang", r->o->langs.v[0]) == 0 &&
	    value_map_set(view, "first", first = value_map()) == 0 &&
	    value_map_set_borrowed(first, "heading", str(value_list_at(langs, 0), "heading")) == 0 &&
	    value_map_set_borrowed(first, "company", str(value_list_at(langs, 0), "company")) == 0)
		return view;
	if (r->d->errors == 0)
		diag_error(r->d, NULL, 0, 0, "out of memory");
	value_free(view);
	return NULL;
}

/* out/index.html: every document in every language, both formats, in
 * the frame of every other page. */
static int write_index(struct run *r, const struct value *approval)
{
	struct html_options ho = { .letter = letter_paper(r) };
	struct value *view = index_view(r, approval);
	struct buf tmpl = BUF_INIT, path = BUF_INIT, out = BUF_INIT;
	struct doc *doc = NULL;
	int rc = -1;

	if (!view || read_template(r, "index", &tmpl, &path) < 0)
		goto out;
	doc = template_doc_from(r, 0, &tmpl, buf_str(&path),
				"index.xml (rendered from index.mustache)", view, view);
	view = NULL;
	if (!doc || render_html(doc, &ho, &out, r->d) < 0 ||
	    output_add(r->out, "index.html", &out, r->d) < 0)
		goto out;
	rc = 0;
out:
	doc_free(doc);
	value_free(view);
	buf_free(&tmpl);
	buf_free(&path);
	buf_free(&out);
	return rc;
}

/* The file name of an item's document: its id, with "_" after the names
 * Windows keeps for devices (nul, con, com1 …), which no id can end in,
 * so that the folder copies to any system. */
static void item_file(char *out, size_t size, const char *id)
{
	static const char *const devices[] = { "con", "prn", "aux", "nul" };
	size_t i;
	bool reserved = (strncmp(id, "com", 3) == 0 || strncmp(id, "lpt", 3) == 0) &&
			id[3] >= '0' && id[3] <= '9' && !id[4];

	for (i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		reserved |= strcmp(id, devices[i]) == 0;
	snprintf(out, size, "%s%s", id, reserved ? "_" : "");
}

/* One document in one language: of the catalogue's document di, for item
 * (set as the view's "item") when the document is one per item. */
static int render_one(struct run *r, size_t lang, size_t di, struct value *view,
		      struct value *item)
{
	const char *lname = r->o->langs.v[lang];
	const struct catalog_document *cd = &r->cat->documents[di];
	const char *id = cd->id;
	const char *item_id = item ? value_get_string(value_map_get(item, "id")) : NULL;
	const char *up = item ? "../../" : "../";
	struct buf base = BUF_INIT;
	char file[80];
	struct buf out = BUF_INIT, name = BUF_INIT, tname = BUF_INIT;
	struct doc *doc = NULL;
	struct value *held = NULL; /* the view's own "item", while item is lent */
	struct value *history, *held_doc = NULL, *held_revisions = NULL;
	int twin = twin_of(r->o, lang), rc = -1;

	if (item && !item_id) {
		diag_error(r->d, NULL, 0, 0, "an item of \"%s\" has no id", cd->each);
		goto out;
	}
	if (item_id)
		item_file(file, sizeof(file), item_id);
	if ((item ? buf_printf(&base, "%s/%s/%s", lname, cd->dir, file)
		  : buf_printf(&base, "%s/%s", lname, id)) < 0 ||
	    buf_printf(&tname, "%s/policy-templates/%s.mustache", r->o->datadir, id) < 0 ||
	    buf_printf(&name, "%s.xml (rendered from %s.mustache)", buf_str(&base), id) < 0)
		goto oom;
	/* The item is lent to the view, not copied (a product's is large):
	 * render_lang put a null there, which goes back at the end. */
	if (item && !(held = value_map_swap(view, "item", item))) {
		diag_error(r->d, NULL, 0, 0, "the view has no \"item\" to set");
		goto out;
	}
	/* The document's own header and history (derive.h "histories"),
	 * lent to the view's "doc" and "revisions" the same way. */
	history = value_map_get(value_map_get(item ? item : view, "histories"), id);
	if (!history || !(held_doc = value_map_swap(view, "doc", value_map_get(history, "doc"))) ||
	    !(held_revisions = value_map_swap(view, "revisions",
					      value_map_get(history, "revisions")))) {
		diag_error(r->d, NULL, 0, 0, "the view has no history of \"%s\"", id);
		goto out;
	}
	doc = template_doc(r, lang, &r->templates[di], buf_str(&tname), buf_str(&name), view);
	if (!doc)
		goto out;
	if (remember(r, lang, buf_str(&base), &doc->meta) < 0)
		goto oom;
	if (r->o->html) {
		char index_href[32];
		struct html_options ho = { .letter = letter_paper(r) };
		struct buf href = BUF_INIT;
		snprintf(index_href, sizeof(index_href), "%sindex.html", up);
		/* A published page does not lead its readers to the index of
		 * the company's internal documents. */
		ho.index_href = writes_index(r->o) && strcmp(cd->audience, "public") != 0 ? index_href
											   : NULL;
		if (twin >= 0 && item_in_lang(r->o, item, (size_t)twin)) {
			const char *other = r->o->langs.v[twin];
			if ((item ? buf_printf(&href, "%s%s/%s/%s.html", up, other, cd->dir, file)
				  : buf_printf(&href, "%s%s/%s.html", up, other, id)) < 0)
				goto oom;
			ho.twin_href = buf_str(&href);
			if (!(ho.twin_label = language_name(r, twin, other))) {
				buf_free(&href);
				goto out;
			}
		}
		if (render_html(doc, &ho, &out, r->d) < 0) {
			buf_free(&href);
			goto out;
		}
		buf_free(&href);
		buf_reset(&name);
		if (buf_printf(&name, "%s.html", buf_str(&base)) < 0 ||
		    output_add(r->out, buf_str(&name), &out, r->d) < 0)
			goto out;
	}
	if (r->o->docx) {
		struct docx_options dx = { .letter = letter_paper(r),
					   .reference = r->reference.data,
					   .reference_len = r->reference.len,
					   .reference_name = r->o->reference_docx,
					   .cache = &r->docx_cache };
		buf_free(&out);
		if (render_docx(doc, &dx, &out, r->d) < 0)
			goto out;
		buf_reset(&name);
		if (buf_printf(&name, "%s.docx", buf_str(&base)) < 0 ||
		    output_add(r->out, buf_str(&name), &out, r->d) < 0)
			goto out;
	}
	rc = 0;
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	if (held_revisions)
		value_map_swap(view, "revisions", held_revisions);
	if (held_doc)
		value_map_swap(view, "doc", held_doc);
	if (held)
		value_map_swap(view, "item", held); /* item back to its list alone */
	doc_free(doc);
	buf_free(&out);
	buf_free(&name);
	buf_free(&tname);
	buf_free(&base);
	return rc;
}

/* One document to render in one language: the catalogue's document di,
 * for item k of its list (k is 0 for a document that is not one per
 * item); or the language's exports, which a worker writes as well. */
/* The unit that writes the training plan's CSV and iCalendar files. */
#define UNIT_EXPORTS SIZE_MAX

struct unit {
	size_t di, k; /* di: UNIT_EXPORTS for the exports */
	size_t many; /* the number of its document's items; 0: one of its kind */
};

/* The documents of one language, as jobs for parallel.h. */
struct lang_jobs {
	struct run *r;
	size_t lang;
	struct value *view;
	struct unit *units;
	size_t n;
	size_t *order; /* the order the workers take them in */
};

/* A unit's place among the workers' jobs: its index, and beside it the
 * key it is sorted by. */
struct unit_rank {
	size_t many, i;
};

/* For the workers, the long documents first: a document of its own kind
 * (the policy, the verification plan) before the sheets of a list, and a
 * short list's (products) before a long one's (staff), so that no worker
 * starts a long one when the others are nearly done. */
static int longest_first(const void *a, const void *b)
{
	const struct unit_rank *x = a, *y = b;

	if (x->many != y->many)
		return x->many < y->many ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The order the workers take the n units in, as indices into units
 * (caller frees), or NULL when out of memory. */
static size_t *work_order(const struct unit *units, size_t n)
{
	struct unit_rank *rank = malloc(n * sizeof(*rank));
	size_t *order = malloc(n * sizeof(*order));
	size_t i;

	if (!rank || !order) {
		free(rank);
		free(order);
		return NULL;
	}
	for (i = 0; i < n; i++)
		rank[i] = (struct unit_rank){ .many = units[i].many, .i = i };
	qsort(rank, n, sizeof(*rank), longest_first);
	for (i = 0; i < n; i++)
		order[i] = rank[i].i;
	free(rank);
	return order;
}

static int render_unit(struct run *r, size_t lang, struct value *view, const struct unit *u)
{
	const struct catalog_document *cd;
	const struct value *items;

	if (u->di == UNIT_EXPORTS)
		return write_exports(r, lang, view);
	cd = &r->cat->documents[u->di];
	items = cd->each ? value_map_get(view, cd->each) : NULL;
	return render_one(r, lang, u->di, view, items ? value_list_at(items, u->k) : NULL);
}

/* The documents of language lang that the run writes, in the order they
 * are written; *units NULL when there are none. -1 after an error in d. */
static int list_units(struct run *r, size_t lang, const struct value *view,
		      struct unit **units, size_t *n)
{
	size_t di, k, cap = 0;

	*units = NULL;
	*n = 0;
	for (di = 0; di < r->cat->ndocuments; di++) {
		const struct catalog_document *cd = &r->cat->documents[di];
		const struct value *items = cd->each ? value_map_get(view, cd->each) : NULL;
		size_t count = cd->each ? value_list_len(items) : 1;

		if (!wanted(r->o, cd->id))
			continue;
		if (cd->each && !items) {
			diag_error(r->d, NULL, 0, 0, "document \"%s\": the view has no list \"%s\"",
				   cd->id, cd->each);
			return -1;
		}
		for (k = 0; k < count; k++) {
			if (items && !item_in_lang(r->o, value_list_at(items, k), lang))
				continue;
			if (*n == cap) {
				struct unit *v = realloc(*units, (cap ? 2 * cap : 64) * sizeof(*v));
				if (!v) {
					diag_error(r->d, NULL, 0, 0, "out of memory");
					return -1;
				}
				*units = v;
				cap = cap ? 2 * cap : 64;
			}
			(*units)[(*n)++] = (struct unit){ .di = di, .k = k, .many = count };
		}
	}
	/* Last, as before the documents were shared among workers. */
	if (*n == cap) {
		struct unit *v = realloc(*units, (cap + 1) * sizeof(*v));
		if (!v) {
			diag_error(r->d, NULL, 0, 0, "out of memory");
			return -1;
		}
		*units = v;
	}
	(*units)[(*n)++] = (struct unit){ .di = UNIT_EXPORTS, .k = 0, .many = 0 };
	return 0;
}

/* The index entries from the n-th on, for the parent; then dropped. */
static int index_export(struct run *r, size_t n, struct buf *b)
{
	size_t i;
	int rc = parallel_put_u64(b, r->nindex - n);

	for (i = n; rc == 0 && i < r->nindex; i++) {
		const struct index_entry *e = &r->index[i];
		size_t k;
		rc = parallel_put_str(b, e->path);
		for (k = 0; rc == 0 && k < IX_N; k++)
			rc = parallel_put_str(b, e->w[k]);
	}
	index_truncate(r, n);
	return rc ? -1 : 0;
}

/* What index_export wrote, as entries of language lang. */
static int index_import(struct run *r, size_t lang, struct parallel_reader *rd,
			struct diag *d)
{
	uint64_t n = parallel_get_u64(rd), i;
	int rc = 0;

	for (i = 0; i < n && !rd->bad; i++) {
		const char *path = parallel_get_str(rd), *w[IX_N];
		size_t k;
		for (k = 0; k < IX_N; k++)
			w[k] = parallel_get_str(rd);
		if (!rd->bad && path && index_add(r, lang, strdup(path), w) < 0) {
			diag_error(d, NULL, 0, 0, "out of memory");
			rc = -1;
		}
	}
	return rc;
}

/* In a worker: renders one document, then sends what the parent must
 * know of it (the files and folders spooled, the index entry, the
 * diagnostics) and forgets them, the files now the parent's. */
static int job_run(void *ctx, size_t j, struct buf *res)
{
	struct lang_jobs *lj = ctx;
	struct run *r = lj->r;
	struct output_mark mark = output_mark(r->out);
	size_t ni = r->nindex, nd = r->d->n;
	int rc = render_unit(r, lj->lang, lj->view, &lj->units[j]);
	/* Each drops what it sent, even after a failure to send. */
	int wire = output_export(r->out, mark, res);

	wire = index_export(r, ni, res) < 0 || wire < 0;
	wire = diag_export(r->d, nd, res) < 0 || wire;
	if (wire)
		buf_free(res); /* sent empty: the parent says out of memory */
	diag_truncate(r->d, nd);
	return rc < 0 || wire ? -1 : 0;
}

/* In the parent, in document order: takes what a worker sent of one
 * document as if it had been rendered here. */
static int job_take(void *ctx, size_t j, bool failed, const char *res, size_t len,
		    struct diag *d)
{
	struct lang_jobs *lj = ctx;
	struct run *r = lj->r;
	struct parallel_reader rd = { .p = res, .end = res + len, .bad = false };
	size_t errors = d->errors;
	int rc = output_import(r->out, &rd, d);

	if (index_import(r, lj->lang, &rd, d) < 0)
		rc = -1;
	diag_import(d, &rd);
	if (len > 0 && !parallel_done(&rd)) {
		diag_error(d, NULL, 0, 0, "a worker process sent a result that cannot be read");
		return -1;
	}
	if (failed && d->errors == errors && !interrupt_pending()) {
		size_t di = lj->units[j].di;
		diag_error(d, NULL, 0, 0, "cannot write \"%s\" (%s): out of memory in a worker process",
			   di == UNIT_EXPORTS ? "training.csv" : r->cat->documents[di].id,
			   r->o->langs.v[lj->lang]);
	}
	return rc;
}

/* Fewer documents than this are not worth a process. */
#define PARALLEL_MIN 4

/* Every document of language lang: in worker processes (o->jobs) when
 * the files are spooled and there are enough of them to share, else
 * here, one after another. Either way the files, the index and the
 * messages come out in the same order, so the output is the same. */
static int render_lang(struct run *r, size_t lang, struct value *view)
{
	static const struct parallel_ops ops = { .run = job_run, .take = job_take };
	struct lang_jobs lj = { .r = r, .lang = lang, .view = view };
	const char *lname = r->o->langs.v[lang];
	size_t i;
	int rc = -1;

	if (value_map_set(view, "item", value_null()) < 0) {
		diag_error(r->d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (list_units(r, lang, view, &lj.units, &lj.n) < 0)
		goto out;
	if (r->o->jobs > 1 && (output_spooling(r->out) || output_discarding(r->out)) &&
	    lj.n >= PARALLEL_MIN) {
		struct buf dir = BUF_INIT;
		/* The folders first, so that no two workers race to make one. */
		int bad = output_mkdir(r->out, lname, r->d) < 0;
		for (i = 0; !bad && i < r->cat->ndocuments; i++) {
			const struct catalog_document *cd = &r->cat->documents[i];
			size_t k;
			if (!cd->each || !cd->dir || !wanted(r->o, cd->id))
				continue;
			/* Only a folder this language has a document in (the
			 * CRA forms are English only). */
			for (k = 0; k < lj.n && lj.units[k].di != i; k++)
				;
			if (k == lj.n)
				continue;
			buf_reset(&dir);
			bad = buf_printf(&dir, "%s/%s", lname, cd->dir) < 0 ||
			      output_mkdir(r->out, buf_str(&dir), r->d) < 0;
		}
		buf_free(&dir);
		if (bad)
			goto out;
		lj.order = work_order(lj.units, lj.n);
		if (!lj.order) {
			diag_error(r->d, NULL, 0, 0, "out of memory");
			goto out;
		}
		fflush(NULL);
		rc = parallel_run(lj.n, lj.order, r->o->jobs, &ops, &lj, r->d);
		goto out;
	}
	for (i = 0; i < lj.n; i++)
		if (interrupt_error(r->d) < 0 || render_unit(r, lang, view, &lj.units[i]) < 0)
			goto out;
	rc = 0;
out:
	free(lj.order);
	free(lj.units);
	return rc;
}

static int check_requests(struct run *r)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < r->o->docs.n; i++) {
		for (j = 0; j < r->cat->ndocuments; j++)
			if (strcmp(r->o->docs.v[i], r->cat->documents[j].id) == 0)
				break;
		if (j == r->cat->ndocuments) {
			diag_error(r->d, NULL, 0, 0, "there is no document called \"%s\"",
				   r->o->docs.v[i]);
			rc = -1;
		}
	}
	for (i = 0; i < r->o->langs.n; i++) {
		if (!messages_lang_ok(r->o->langs.v[i])) {
			diag_error(r->d, NULL, 0, 0, "\"%s\" is not a language tag",
				   r->o->langs.v[i]);
			rc = -1;
		}
		/* Each language is a folder and a part of the index, once. */
		for (j = 0; j < i; j++)
			if (strcmp(r->o->langs.v[i], r->o->langs.v[j]) == 0)
				break;
		if (j < i) {
			diag_error(r->d, NULL, 0, 0, "language \"%s\" listed twice",
				   r->o->langs.v[i]);
			rc = -1;
		}
	}
	return rc;
}

/* The whole pipeline; the files are written only when commit is set. */
static int run_pipeline(const struct build_options *o, int commit, struct diag *d)
{
	struct run r = { .o = o, .d = d, .reference = BUF_INIT, .out = output_set_new() };
	struct value *approval = NULL; /* the set's, for the index */
	size_t lang, di;
	int status = SP_EINPUT; /* until the end: what fails here is the input's */

	if (!r.out) {
		diag_error(d, NULL, 0, 0, "out of memory");
		status = SP_ENOMEM;
		goto out;
	}
	if (load_common(&r, o->profile) < 0 || check_requests(&r) < 0 ||
	    load_messages(&r) < 0 || load_templates(&r) < 0)
		goto out;
	if (o->reference_docx &&
	    buf_read_file(&r.reference, o->reference_docx, REFERENCE_MAX) < 0) {
		/* (cmd/main.c names what stands there first; this is for one
		 * swapped since.) */
		diag_error(d, o->reference_docx, 0, 0, "cannot read the reference document: %s",
			   errno == EFBIG    ? "larger than 64 MiB"
			   : errno == EISDIR ? "it is a folder, not a regular file"
			   : errno == EINVAL ? "it is not a regular file"
					     : strerror(errno));
		goto out;
	}
	if (load_schema(&r) < 0)
		goto out;
	if (!(r.registers = calloc(o->langs.n + 1, sizeof(*r.registers)))) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	/* Each file goes to its temporary name as soon as it is made, so
	 * memory does not grow with the documents (output.h). */
	if (commit) {
		output_wait(r.out, o->wait);
		if (output_spool(r.out, o->out_dir, d) < 0)
			goto out;
	} else {
		output_discard(r.out); /* rendered to be checked, not kept */
	}
	if (commit)
		output_keep_unchanged(r.out, r.profile->revisions[r.profile->nrevisions - 1].number);
	for (lang = 0; lang < o->langs.n; lang++) {
		struct value *view = derive_view(r.profile, r.cat, r.msgs[lang],
						 o->langs.v[lang], d);
		if (!view)
			goto out;
		if (wanted(o, "product") && writes_index(o) &&
		    register_keep(&r, lang, view, &r.registers[lang]) < 0) {
			value_free(view);
			goto out;
		}
		if (lang == 0 && !(approval = value_copy(value_map_get(view, "approval")))) {
			diag_error(d, NULL, 0, 0, "out of memory");
			value_free(view);
			goto out;
		}
		if (render_lang(&r, lang, view) < 0) {
			value_free(view);
			goto out;
		}
		value_free(view);
	}
	if (writes_index(o) && write_index(&r, approval) < 0)
		goto out;
	if (wanted(o, "vulnerability-policy") && write_security_txt(&r) < 0)
		goto out;
	if (wanted(o, "advisory") && write_csaf(&r) < 0)
		goto out;
	if (commit) {
		const struct revision *rv = &r.profile->revisions[r.profile->nrevisions - 1];
		struct output_options oo = { .revision = rv->number, .force = o->force };
		int rc = output_commit_revision(r.out, o->out_dir, &oo, d);
		if (rc < 0) {
			status = rc; /* SP_EINPUT: edited by hand; SP_EIO */
			goto out;
		}
	}
	status = SP_OK;
	if (commit && o->written)
		for (di = 0; di < output_count(r.out); di++)
			o->written(o->written_ctx, output_path(r.out, di), !output_same(r.out, di));
out:
	/* A document failed because its file could not be spooled. */
	if (status != SP_OK && r.out && output_write_failed(r.out))
		status = SP_EIO;
	value_free(approval);
	run_free(&r);
	return status;
}

int build_run(const struct build_options *o, struct diag *d)
{
	return run_pipeline(o, 1, d);
}

/* Nothing is written: each file is dropped once made (output_discard),
 * in worker processes when o->jobs asks for them. */
int build_try(const struct build_options *o, struct diag *d)
{
	return run_pipeline(o, 0, d);
}

/* Everything build does, in both languages and formats, but nothing is
 * written: so check finds every mistake build would (a message override
 * that does not render, say), not only the profile's own. */
int build_check(const char *profile, const char *records, const char *advisories,
		const char *datadir, struct diag *d)
{
	char ja[] = "ja", en[] = "en";
	char *langs[] = { ja, en };
	unsigned cpus = parallel_cpus();
	/* As many workers as build takes: check is as fast as a build. */
	struct build_options o = { .profile = profile, .records = records,
				   .advisories = advisories, .datadir = datadir,
				   .langs = { .v = langs, .n = 2 }, .html = 1, .docx = 1,
				   .jobs = cpus > 8 ? 8 : cpus };

	return build_try(&o, d);
}

/* Adds quiet's errors to d, not its warnings (which check, or the build,
 * says), and frees quiet. */
static void pass_errors(struct diag *quiet, struct diag *d)
{
	size_t i;

	for (i = 0; i < quiet->n; i++)
		if (quiet->v[i].level == DIAG_ERROR)
			diag_add(d, DIAG_ERROR, quiet->v[i].file, quiet->v[i].line, quiet->v[i].col,
				 "%s", quiet->v[i].msg);
	diag_free(quiet);
}

/* check's report (check.mustache) as a document tree: for a terminal
 * (terminal set) or for a page. NULL after errors in r->d. */
static struct doc *report_doc(struct run *r, struct value *rep, bool terminal)
{
	struct buf tmpl = BUF_INIT, path = BUF_INIT;
	struct doc *doc = NULL;

	if (value_map_set_bool(rep, "terminal", terminal) < 0)
		diag_error(r->d, NULL, 0, 0, "out of memory");
	else if (read_template(r, "check", &tmpl, &path) == 0)
		doc = template_doc(r, 0, &tmpl, buf_str(&path), "check.xml", rep);
	buf_free(&tmpl);
	buf_free(&path);
	return doc;
}

int build_report(const char *profile, const char *records, const char *advisories,
		 const char *datadir, const char *lang, int html, int colour, struct buf *out,
		 struct diag *d)
{
	char *own = strdup(lang); /* the options' list holds words it may not change */
	char *langs[] = { own };
	struct build_options o = { .profile = profile, .records = records,
				   .advisories = advisories, .datadir = datadir,
				   .langs = { .v = langs, .n = 1 }, .html = 1 };
	/* check has reported the profile's warnings already: this second
	 * load keeps its own, and passes on only its errors. */
	struct diag quiet = DIAG_INIT;
	struct run r = { .o = &o, .d = &quiet, .reference = BUF_INIT };
	struct value *rep = NULL;
	struct doc *doc = NULL;
	int gaps = SP_EINPUT;

	if (!own) {
		diag_error(&quiet, NULL, 0, 0, "out of memory");
		gaps = SP_ENOMEM;
		goto out;
	}
	if (load_common(&r, profile) < 0 || load_messages(&r) < 0 || load_schema(&r) < 0)
		goto out;
	rep = derive_report(r.profile, r.cat, r.msgs[0], lang, &quiet);
	if (!rep || !(doc = report_doc(&r, rep, !html)))
		goto out;
	if ((html ? render_html(doc, NULL, out, &quiet)
		  : render_text(doc, colour, out, &quiet)) < 0)
		goto out;
	gaps = (int)value_get_number(value_map_get(rep, "gaps"));
out:
	pass_errors(&quiet, d);
	doc_free(doc);
	value_free(rep);
	run_free(&r);
	free(own);
	return gaps;
}

/* Text for an XML comment: no "--", no '-' at the end. */
static int put_comment(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		if (buf_putc(b, *s) < 0 || (*s == '-' && (s[1] == '-' || !s[1]) && buf_putc(b, ' ') < 0))
			return -1;
	return 0;
}

/* One line a record: the comment that names it, then its element. */
static int starter_items(struct buf *b, const struct value *list, const char *what,
			 const char *label, const char *attrs)
{
	size_t i;

	for (i = 0; i < value_list_len(list); i++) {
		const struct value *it = value_list_at(list, i);
		const char *n = str(it, "n"), *must = NULL;
		if (strcmp(what, "requirement") == 0)
			must = value_get_bool(value_map_get(it, "must")) ? " (must)" : " (should)";
		if (buf_printf(b, "  <!-- %s%s ", n ? n : "", must ? must : "") < 0 ||
		    put_comment(b, str(it, label)) < 0 ||
		    buf_printf(b, " -->\n  <%s id=\"%s\"%s/>\n", what, str(it, "id"), attrs) < 0)
			return -1;
	}
	return 0;
}

int build_records_starter(const char *profile, const char *records, const char *datadir,
			  const char *lang, const char *product, struct buf *path, struct diag *d)
{
	char *own = strdup(lang);
	char *langs[] = { own };
	struct build_options o = { .profile = profile, .records = records, .records_optional = 1,
				   .datadir = datadir, .langs = { .v = langs, .n = 1 }, .html = 1 };
	/* The profile's warnings are check's to say. */
	struct diag quiet = DIAG_INIT;
	struct run r = { .o = &o, .d = &quiet, .reference = BUF_INIT };
	struct value *view = NULL;
	const struct value *pv = NULL;
	struct buf b = BUF_INIT;
	struct date today;
	size_t i;
	int status = SP_EINPUT;
	char *dir = records ? strdup(records) : records_default_dir(profile);

	if (!own || !dir) {
		status = SP_ENOMEM;
		goto out;
	}
	if (buf_printf(path, "%s/%s.xml", dir, product) < 0) {
		status = SP_ENOMEM;
		goto out;
	}
	if (access(buf_str(path), F_OK) == 0) {
		diag_error(d, buf_str(path), 0, 0,
			   "the records of \"%s\" are there already; secpolgen never writes over the "
			   "team's records: edit the file", product);
		goto out;
	}
	if (load_common(&r, profile) < 0 || load_messages(&r) < 0)
		goto out;
	if (!profile_product(r.profile, product)) {
		diag_error(d, profile, 0, 0, "there is no product \"%s\" in the profile; its products are:",
			   product);
		for (i = 0; i < r.profile->nproducts; i++)
			diag_add(d, DIAG_NOTE, NULL, 0, 0, "%s", r.profile->products[i].id);
		goto out;
	}
	if (!(view = derive_view(r.profile, r.cat, r.msgs[0], lang, &quiet)))
		goto out;
	for (i = 0; i < value_list_len(value_map_get(view, "products")); i++)
		if (strcmp(str(value_list_at(value_map_get(view, "products"), i), "id"), product) == 0)
			pv = value_list_at(value_map_get(view, "products"), i);
	if (date_today(&today) < 0) {
		diag_error(d, NULL, 0, 0, "cannot read today's date");
		goto out;
	}
	status = SP_ENOMEM;
	if (buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- The records of ") < 0 ||
	    put_comment(&b, str(pv, "name")) < 0 ||
	    buf_printf(&b, ".\n"
			   "     What the team has done about each requirement, risk, open decision\n"
			   "     and test of its product sheet, and on what evidence. Set updated= to\n"
			   "     the day you last brought them up to date. The format is\n"
			   "     policy-templates/records.rng.\n"
			   "     requirement: status=\"met|partly|not-yet|not-applicable\" owner=\"person\"\n"
			   "       due=\"YYYY-MM-DD\"; <evidence ref=\"…\" date=\"…\"> (met and partly),\n"
			   "       each with <title xml:lang=\"…\">what it is</title></evidence>;\n"
			   "       <reason xml:lang=\"…\">…</reason> (not-applicable)\n"
			   "     risk: after countermeasures, likelihood= impact= (low|medium|high);\n"
			   "       decision=\"accept\" by= date= until=, or decision=\"treat\" by= date=\n"
			   "     decision: owner= due=, or by= date= <answer xml:lang=\"…\">…</answer>\n"
			   "     test: result=\"planned|passed|failed\" date= report= tester= fix-due= -->\n"
			   "<records xmlns=\"urn:secpolgen:records:1\" version=\"1\" product=\"%s\"\n"
			   "         updated=\"%04d-%02d-%02d\" xml:lang=\"%s\">\n",
		       product, today.y, today.m, today.d, lang) < 0 ||
	    starter_items(&b, value_map_get(pv, "requirements"), "requirement", "title",
			  " status=\"not-yet\"") < 0 ||
	    starter_items(&b, value_map_get(pv, "risks"), "risk", "threat", "") < 0 ||
	    starter_items(&b, value_map_get(pv, "decisions"), "decision", "text", "") < 0 ||
	    starter_items(&b, value_map_get(pv, "tests"), "test", "name", " result=\"planned\"") < 0 ||
	    buf_puts(&b, "</records>\n") < 0)
		goto out;
	status = SP_EIO;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		diag_error(d, dir, 0, 0, "cannot make the records folder: %s", strerror(errno));
		goto out;
	}
	if (file_publish_new(buf_str(path), b.data, b.len) < 0) {
		diag_error(d, buf_str(path), 0, 0, errno == EEXIST
			   ? "the records of \"%s\" appeared while they were made; nothing was written over them"
			   : "cannot write the records: %s", errno == EEXIST ? product : strerror(errno));
		goto out;
	}
	status = SP_OK;
out:
	pass_errors(&quiet, d);
	value_free(view);
	buf_free(&b);
	run_free(&r);
	free(dir);
	free(own);
	return status;
}
