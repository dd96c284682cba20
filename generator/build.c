/* build.c - profile -> every document in every language and format. */
#include "build.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "derive.h"
#include "doc.h"
#include "messages.h"
#include "mustache.h"
#include "output.h"
#include "profile.h"
#include "raci.h"
#include "render_docx.h"
#include "render_html.h"
#include "value.h"

/* The words of out/index.html, from each language's messages. */
static const char *const index_ids[] = { "index.heading", "index.col.document",
	"index.col.number", "index.col.revision", "index.col.date",
	"index.col.formats", NULL };

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

/* What out/index.html says of one document in one language. */
struct index_entry {
	char *title, *number, *revision, *date, *company;
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
	struct index_entry *index; /* langs x documents, for out/index.html */
	struct output_set out;
};

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
	free(r->msgs);
	free(r->templates);
	if (r->index && r->cat)
		for (i = 0; i < r->o->langs.n * r->cat->ndocuments; i++) {
			free(r->index[i].title);
			free(r->index[i].number);
			free(r->index[i].revision);
			free(r->index[i].date);
			free(r->index[i].company);
		}
	free(r->index);
	buf_free(&r->reference);
	doc_schema_free(r->schema);
	profile_free(r->profile);
	catalog_free(r->cat);
	output_free(&r->out);
}

static int path_join(struct buf *b, const char *a, const char *rel)
{
	buf_reset(b);
	return buf_printf(b, "%s/%s", a, rel);
}

static int load_common(struct run *r, const char *profile_path)
{
	struct buf path = BUF_INIT;
	int rc = -1;

	if (path_join(&path, r->o->datadir, "policy-templates") < 0)
		goto out;
	r->cat = catalog_load(buf_str(&path), r->d);
	if (!r->cat)
		goto out;
	if (path_join(&path, r->o->datadir, "policy-templates/profile.rng") < 0)
		goto out;
	r->profile = profile_load(profile_path, &r->cat->builtins, buf_str(&path), r->d);
	if (!r->profile)
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

static int load_templates(struct run *r)
{
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	r->templates = calloc(r->cat->ndocuments ? r->cat->ndocuments : 1, sizeof(struct buf));
	if (!r->templates)
		return -1;
	for (i = 0; i < r->cat->ndocuments; i++) {
		if (!wanted(r->o, r->cat->documents[i].id))
			continue;
		buf_reset(&path);
		if (buf_printf(&path, "%s/policy-templates/%s.mustache", r->o->datadir,
			       r->cat->documents[i].id) < 0 ||
		    buf_read_file(&r->templates[i], buf_str(&path), TEMPLATE_MAX) < 0) {
			diag_error(r->d, buf_str(&path), 0, 0, "cannot read the template: %s",
				   strerror(errno));
			rc = -1;
		}
	}
	buf_free(&path);
	return rc;
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

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int remember(struct index_entry *e, const struct doc_meta *m)
{
	e->title = dup_or_null(m->title);
	e->number = dup_or_null(m->number);
	e->revision = dup_or_null(m->revision);
	e->date = dup_or_null(m->date);
	e->company = dup_or_null(m->company);
	return (m->title && !e->title) || (m->number && !e->number) ||
	       (m->revision && !e->revision) || (m->date && !e->date) ||
	       (m->company && !e->company) ? -1 : 0;
}

/* The index lists every document; a build of some documents only leaves
 * the index of the last full build alone. */
static int writes_index(const struct build_options *o)
{
	return o->docs.n == 0;
}

/* out/index.html: every document in every language, both formats. */
static int write_index(struct run *r)
{
	const size_t nd = r->cat->ndocuments, nl = r->o->langs.n;
	const size_t n = nl * nd + 1; /* + 1: never a zero-sized calloc */
	struct html_index_section *sec = calloc(nl + 1, sizeof(*sec));
	struct html_index_doc *docs = calloc(n, sizeof(*docs));
	char **hrefs = calloc(2 * n, sizeof(char *));
	struct buf out = BUF_INIT;
	size_t l, i;
	int rc = -1;

	if (!sec || !docs || !hrefs)
		goto oom;
	for (l = 0; l < nl; l++) {
		const struct messages *m = r->msgs[l];
		const char *lang = r->o->langs.v[l];
		char lid[64];
		snprintf(lid, sizeof(lid), "label.language.%s", lang);
		sec[l].lang = lang;
		sec[l].language = messages_raw(m, lid);
		sec[l].heading = messages_raw(m, "index.heading");
		sec[l].col_document = messages_raw(m, "index.col.document");
		sec[l].col_number = messages_raw(m, "index.col.number");
		sec[l].col_revision = messages_raw(m, "index.col.revision");
		sec[l].col_date = messages_raw(m, "index.col.date");
		sec[l].col_formats = messages_raw(m, "index.col.formats");
		sec[l].company = r->index[l * nd].company;
		sec[l].docs = docs + l * nd;
		sec[l].ndocs = nd;
		if (!sec[l].language || !sec[l].heading || !sec[l].col_document ||
		    !sec[l].col_number || !sec[l].col_revision || !sec[l].col_date ||
		    !sec[l].col_formats) {
			diag_error(r->d, messages_path(m), 0, 0,
				   "the index page needs the messages index.* and %s", lid);
			goto out;
		}
		for (i = 0; i < nd; i++) {
			const struct index_entry *e = &r->index[l * nd + i];
			struct html_index_doc *x = &docs[l * nd + i];
			struct buf h = BUF_INIT;
			if (r->o->html) {
				if (buf_printf(&h, "%s/%s.html", lang, r->cat->documents[i].id) < 0 ||
				    !(hrefs[2 * (l * nd + i)] = buf_detach(&h, NULL)))
					goto oom;
				x->href_html = hrefs[2 * (l * nd + i)];
			}
			if (r->o->docx) {
				if (buf_printf(&h, "%s/%s.docx", lang, r->cat->documents[i].id) < 0 ||
				    !(hrefs[2 * (l * nd + i) + 1] = buf_detach(&h, NULL)))
					goto oom;
				x->href_docx = hrefs[2 * (l * nd + i) + 1];
			}
			x->title = e->title;
			x->number = e->number;
			x->revision = e->revision;
			x->date = e->date;
		}
	}
	if (render_html_index(sec, nl, &out, r->d) < 0 ||
	    output_add(&r->out, "index.html", &out, r->d) < 0)
		goto out;
	rc = 0;
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	if (hrefs)
		for (i = 0; i < 2 * n; i++)
			free(hrefs[i]);
	free(hrefs);
	free(docs);
	free(sec);
	buf_free(&out);
	return rc;
}

static int render_one(struct run *r, size_t lang, size_t di,
		      const struct value *view)
{
	const char *lname = r->o->langs.v[lang];
	const char *id = r->cat->documents[di].id;
	struct partials parts = { r, r->msgs[lang] };
	struct mustache_options mo = { MUSTACHE_STRICT, find_partial, &parts, 0 };
	struct buf xml = BUF_INIT, out = BUF_INIT, name = BUF_INIT, tname = BUF_INIT;
	struct doc *doc = NULL;
	int twin = twin_of(r->o, lang), rc = -1;

	if (buf_printf(&tname, "%s/policy-templates/%s.mustache", r->o->datadir, id) < 0 ||
	    buf_printf(&name, "%s/%s.xml (rendered from %s.mustache)", lname, id, id) < 0)
		goto oom;
	if (mustache_render(r->templates[di].data, r->templates[di].len, buf_str(&tname),
			    view, &mo, &xml, r->d) < 0)
		goto out;
	doc = doc_parse(buf_str(&xml), xml.len, buf_str(&name), r->schema, r->d);
	if (!doc)
		goto out;
	if (remember(&r->index[lang * r->cat->ndocuments + di], &doc->meta) < 0)
		goto oom;
	if (r->o->html) {
		struct html_options ho = { writes_index(r->o) ? "../index.html" : NULL, NULL, NULL,
					   r->profile->company.paper &&
					   strcmp(r->profile->company.paper, "letter") == 0 };
		struct buf href = BUF_INIT;
		if (twin >= 0) {
			const char *other = r->o->langs.v[twin];
			char lid[64];
			snprintf(lid, sizeof(lid), "label.language.%s", other);
			if (buf_printf(&href, "../%s/%s.html", other, id) < 0)
				goto oom;
			ho.twin_href = buf_str(&href);
			ho.twin_label = messages_raw(r->msgs[twin], lid);
		}
		if (render_html(doc, &ho, &out, r->d) < 0) {
			buf_free(&href);
			goto out;
		}
		buf_free(&href);
		buf_reset(&name);
		if (buf_printf(&name, "%s/%s.html", lname, id) < 0 ||
		    output_add(&r->out, buf_str(&name), &out, r->d) < 0)
			goto out;
	}
	if (r->o->docx) {
		struct docx_options dx = { r->profile->company.paper &&
					   strcmp(r->profile->company.paper, "letter") == 0,
					   r->reference.data, r->reference.len,
					   r->o->reference_docx };
		buf_free(&out);
		if (render_docx(doc, &dx, &out, r->d) < 0)
			goto out;
		buf_reset(&name);
		if (buf_printf(&name, "%s/%s.docx", lname, id) < 0 ||
		    output_add(&r->out, buf_str(&name), &out, r->d) < 0)
			goto out;
	}
	rc = 0;
	goto out;
oom:
	diag_error(r->d, NULL, 0, 0, "out of memory");
out:
	doc_free(doc);
	buf_free(&xml);
	buf_free(&out);
	buf_free(&name);
	buf_free(&tname);
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
	for (i = 0; i < r->o->langs.n; i++)
		if (!messages_lang_ok(r->o->langs.v[i])) {
			diag_error(r->d, NULL, 0, 0, "\"%s\" is not a language tag",
				   r->o->langs.v[i]);
			rc = -1;
		}
	return rc;
}

/* The whole pipeline; the files are written only when commit is set. */
static int run_pipeline(const struct build_options *o, int commit, struct diag *d)
{
	struct run r = { o, d, NULL, NULL, NULL, NULL, NULL, NULL, 0, BUF_INIT,
			 NULL, OUTPUT_SET_INIT };
	struct buf path = BUF_INIT;
	size_t lang, di;
	int status = BUILD_BAD_INPUT;

	if (load_common(&r, o->profile) < 0 || check_requests(&r) < 0 ||
	    load_messages(&r) < 0 || load_templates(&r) < 0)
		goto out;
	if (o->reference_docx &&
	    buf_read_file(&r.reference, o->reference_docx, REFERENCE_MAX) < 0) {
		diag_error(d, o->reference_docx, 0, 0, "cannot read the reference document: %s",
			   errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
		goto out;
	}
	if (path_join(&path, o->datadir, "policy-templates/document.rng") < 0)
		goto out;
	r.schema = doc_schema_load(buf_str(&path), d);
	if (!r.schema)
		goto out;
	r.index = calloc(o->langs.n * r.cat->ndocuments + 1, sizeof(*r.index));
	if (!r.index) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (lang = 0; lang < o->langs.n; lang++) {
		struct value *view = derive_view(r.profile, r.cat, r.msgs[lang],
						 o->langs.v[lang], d);
		if (!view)
			goto out;
		for (di = 0; di < r.cat->ndocuments; di++) {
			if (!wanted(o, r.cat->documents[di].id))
				continue;
			if (render_one(&r, lang, di, view) < 0) {
				value_free(view);
				goto out;
			}
		}
		value_free(view);
	}
	if (writes_index(o) && write_index(&r) < 0)
		goto out;
	status = commit && output_commit(&r.out, o->out_dir, d) < 0 ? BUILD_IO : BUILD_OK;
	if (status == BUILD_OK && commit && o->written)
		for (di = 0; di < r.out.n; di++)
			o->written(o->written_ctx, r.out.v[di].path);
out:
	buf_free(&path);
	run_free(&r);
	return status;
}

int build_run(const struct build_options *o, struct diag *d)
{
	return run_pipeline(o, 1, d);
}

/* Everything build does, in both languages and formats, but nothing is
 * written: so check finds every mistake build would (a message override
 * that does not render, say), not only the profile's own. */
int build_check(const char *profile, const char *datadir, struct diag *d)
{
	static const char *const langs[] = { "ja", "en" };
	struct build_options o = { profile, NULL, datadir, { (char **)langs, 2 }, 1, 1,
				   { NULL, 0 }, NULL, NULL, NULL };

	return run_pipeline(&o, 0, d);
}

void build_message_ids(void (*fn)(void *ctx, const char *id), void *ctx)
{
	size_t i;

	for (i = 0; index_ids[i]; i++)
		fn(ctx, index_ids[i]);
}
