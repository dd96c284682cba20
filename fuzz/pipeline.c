/* pipeline.c - the shared half of the fuzz targets (see pipeline.h). */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "derive/derive.h"
#include "base/diag.h"
#include "template/mustache.h"
#include "profile/profile.h"
#include "render/docx/render_docx.h"
#include "render/html/render_html.h"
#include "derive/securitytxt.h"
#include "template/value.h"

#define SRC(rel) FUZZ_SRCDIR "/" rel

static struct catalog *cat;
static struct doc_schema *schema;
static struct profile *example;
static struct buf *templates; /* one per catalogue document */

/* policy-templates/partials/<name>.mustache, read on first use. */
struct fragment {
	char *name;
	struct buf text;
};
static struct fragment *fragments;
static size_t nfragments;

static void setup_failed(const char *what, struct diag *d)
{
	fprintf(stderr, "fuzz: cannot load %s from %s\n", what, FUZZ_SRCDIR);
	diag_print(d, stderr);
	abort();
}

const struct catalog *fuzz_catalog(void)
{
	struct diag d = DIAG_INIT;

	if (!cat && !(cat = catalog_load(SRC("policy-templates"), &d)))
		setup_failed("the catalogue", &d);
	diag_free(&d);
	return cat;
}

const struct doc_schema *fuzz_doc_schema(void)
{
	struct diag d = DIAG_INIT;

	if (!schema && !(schema = doc_schema_load(SRC("policy-templates/document.rng"), &d)))
		setup_failed("document.rng", &d);
	diag_free(&d);
	return schema;
}

const struct profile *fuzz_example_profile(void)
{
	struct diag d = DIAG_INIT;

	if (!example &&
	    !(example = profile_load(SRC("examples/profile.xml"), &fuzz_catalog()->builtins, &d)))
		setup_failed("examples/profile.xml", &d);
	diag_free(&d);
	return example;
}

struct messages *fuzz_locale(const char *lang)
{
	struct diag d = DIAG_INIT;
	struct buf path = BUF_INIT;
	struct messages *m;

	if (buf_printf(&path, "%s/locales/%s.xlf", FUZZ_SRCDIR, lang) < 0)
		abort();
	if (!(m = messages_load(buf_str(&path), lang, &d)))
		setup_failed(buf_str(&path), &d);
	buf_free(&path);
	diag_free(&d);
	return m;
}

static const struct buf *template_of(size_t i)
{
	const struct catalog *c = fuzz_catalog();
	struct buf path = BUF_INIT;
	size_t j;

	if (!templates) {
		if (!(templates = calloc(c->ndocuments + 1, sizeof(*templates))))
			abort();
		for (j = 0; j < c->ndocuments; j++) {
			buf_reset(&path);
			if (buf_printf(&path, "%s/policy-templates/%s.mustache", FUZZ_SRCDIR,
				       c->documents[j].id) < 0 ||
			    buf_read_file(&templates[j], buf_str(&path), 4u << 20) < 0) {
				fprintf(stderr, "fuzz: cannot read %s\n", buf_str(&path));
				abort();
			}
		}
		buf_free(&path);
	}
	return &templates[i];
}

/* The catalogues a document's partials come from, the first first. */
struct layers {
	const struct messages *const *msgs;
	size_t n;
};

/* As build.c's find_partial: a message of the language (of the first
 * catalogue that has it: an override's before the language's), else a
 * fragment. */
static const char *find_partial(void *ctx, const char *name, size_t *len,
				const char **source, long *line)
{
	const struct layers *layers = ctx;
	const char *text = NULL;
	struct buf path = BUF_INIT;
	struct fragment *v;
	const char *p;
	size_t i;

	for (i = 0; !text && i < layers->n; i++)
		text = messages_get(layers->msgs[i], name, len, source, line);
	if (text || !*name || strlen(name) > 64)
		return text;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return NULL;
	for (i = 0; i < nfragments; i++)
		if (strcmp(fragments[i].name, name) == 0)
			goto found;
	if (buf_printf(&path, "%s/policy-templates/partials/%s.mustache", FUZZ_SRCDIR,
		       name) < 0)
		abort();
	if (!(v = realloc(fragments, (nfragments + 1) * sizeof(*v))))
		abort();
	fragments = v;
	memset(&fragments[i], 0, sizeof(*v));
	if (buf_read_file(&fragments[i].text, buf_str(&path), 4u << 20) < 0) {
		buf_free(&path);
		return NULL; /* not remembered: the template names a missing file */
	}
	buf_free(&path);
	if (!(fragments[i].name = strdup(name)))
		abort();
	nfragments++;
found:
	*len = fragments[i].text.len;
	*source = fragments[i].name;
	*line = 1;
	return buf_str(&fragments[i].text);
}

void fuzz_render_doc(const struct doc *doc, struct buf *html)
{
	struct html_options ho = { "../index.html", "../en/policy.html", "English", 0 };
	struct docx_options dx = { 0, NULL, 0, NULL, NULL };
	struct buf out = BUF_INIT;
	struct diag d = DIAG_INIT;

	ho.letter = dx.letter = doc->lang && doc->lang[0] == 'e';
	render_html(doc, &ho, html ? html : &out, &d);
	buf_free(&out);
	render_html(doc, NULL, &out, &d);
	buf_free(&out);
	render_docx(doc, &dx, &out, &d);
	buf_free(&out);
	diag_free(&d);
}

struct doc *fuzz_make_doc(struct value *view, const struct messages *const *msgs, size_t nmsgs,
			  size_t i)
{
	const struct catalog_document *cd = &fuzz_catalog()->documents[i];
	struct layers layers = { msgs, nmsgs };
	struct mustache_options mo = { MUSTACHE_STRICT, find_partial, &layers, 0 };
	const struct buf *t = template_of(i);
	struct value *item = cd->each ? value_list_at(value_map_get(view, cd->each), 0) : NULL;
	struct value *history, *own_doc, *own_revisions;
	struct value *held_item = NULL, *held_doc = NULL, *held_revisions = NULL;
	struct diag d = DIAG_INIT;
	struct buf xml = BUF_INIT;
	struct doc *doc = NULL;

	/* As build.c: one per item is made of the first item alone, lent as
	 * "item"; the document's own header and history are lent as "doc"
	 * and "revisions". Without an item there is no such document. */
	if ((cd->each && !item) ||
	    (!value_map_get(view, "item") && value_map_set(view, "item", value_null()) < 0) ||
	    (item && !(held_item = value_map_swap(view, "item", item))))
		goto out;
	history = value_map_get(value_map_get(item ? item : view, "histories"), cd->id);
	own_doc = value_map_get(history, "doc");
	own_revisions = value_map_get(history, "revisions");
	if (!own_doc || !own_revisions || !(held_doc = value_map_swap(view, "doc", own_doc)) ||
	    !(held_revisions = value_map_swap(view, "revisions", own_revisions)))
		goto out;
	if (mustache_render(t->data, t->len, cd->id, view, &mo, &xml, &d) == 0)
		doc = doc_parse(buf_str(&xml), xml.len, cd->id, fuzz_doc_schema(), &d);
out:
	if (held_revisions)
		value_map_swap(view, "revisions", held_revisions);
	if (held_doc)
		value_map_swap(view, "doc", held_doc);
	if (held_item)
		value_map_swap(view, "item", held_item);
	buf_free(&xml);
	diag_free(&d);
	return doc;
}

void fuzz_render_profile(const struct profile *p, const struct messages *msgs,
			 const char *lang)
{
	const struct catalog *c = fuzz_catalog();
	struct diag d = DIAG_INIT;
	struct value *view = derive_view(p, c, msgs, lang, &d);
	struct buf txt = BUF_INIT;
	size_t i;

	if (securitytxt_write(&txt, p) == 0)
		buf_free(&txt);

	for (i = 0; view && i < c->ndocuments; i++) {
		struct doc *doc = fuzz_make_doc(view, &msgs, 1, i);

		if (doc)
			fuzz_render_doc(doc, NULL);
		doc_free(doc);
	}
	value_free(view);
	diag_free(&d);
}

static char scratch[2][64]; /* .xml, .xlf */

static void remove_scratch(void)
{
	size_t i;

	for (i = 0; i < 2; i++)
		if (scratch[i][0])
			unlink(scratch[i]);
}

const char *fuzz_scratch(const char *suffix, const unsigned char *data, size_t size)
{
	size_t slot = strcmp(suffix, ".xlf") == 0;
	FILE *fp;

	if (!scratch[0][0] && !scratch[1][0])
		atexit(remove_scratch);
	if (!scratch[slot][0])
		snprintf(scratch[slot], sizeof(scratch[slot]), "/tmp/secpolgen-fuzz-%ld%s",
			 (long)getpid(), suffix);
	if (!(fp = fopen(scratch[slot], "wb")) ||
	    (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0) {
		perror(scratch[slot]);
		abort();
	}
	return scratch[slot];
}
