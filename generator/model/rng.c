/* rng.c - profile.rng read once, as data: for each element, the attributes
 * and children it may have (the index), their closed word lists and limits
 * (following <ref>s), and the word lists with labels and traits. */
#include "model/rng.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/xmlutil.h"

#define RNG_DEPTH 16 /* <ref>s and elements followed in the schema */

static bool rng_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (!name || strcmp((const char *)n->name, name) == 0);
}

/* The name attribute of a schema node, borrowed. */
static const char *rng_name(xmlNodePtr n)
{
	xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)"name", NULL);

	return a && a->children && a->children->type == XML_TEXT_NODE ?
		       (const char *)a->children->content :
		       NULL;
}

static const char *rng_text(xmlNodePtr n)
{
	return n->children && n->children->type == XML_TEXT_NODE ?
		       (const char *)n->children->content :
		       "";
}

static xmlNodePtr rng_define(const struct rng *r, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc), n;
	const char *dn;

	for (n = root && name ? root->children : NULL; n; n = n->next)
		if (rng_is(n, "define") && (dn = rng_name(n)) && strcmp(dn, name) == 0)
			return n;
	return NULL;
}

/* Visits the patterns under n depth first, following <ref>s but not
 * entering <element>s or <attribute>s (those describe other things).
 * Stops at, and returns, the first node visit() accepts. */
static xmlNodePtr rng_walk(const struct rng *r, xmlNodePtr n,
			   bool (*visit)(xmlNodePtr, void *), void *arg, int depth)
{
	for (; n; n = n->next) {
		xmlNodePtr hit, def;

		if (!rng_is(n, NULL) || rng_is(n, "element") || rng_is(n, "attribute"))
			continue;
		if (visit(n, arg))
			return n;
		if (depth >= RNG_DEPTH)
			continue;
		if (rng_is(n, "ref"))
			hit = (def = rng_define(r, rng_name(n))) ?
				      rng_walk(r, def->children, visit, arg, depth + 1) :
				      NULL;
		else
			hit = rng_walk(r, n->children, visit, arg, depth + 1);
		if (hit)
			return hit;
	}
	return NULL;
}

static bool visit_kind(xmlNodePtr n, void *kind)
{
	return rng_is(n, kind);
}

static bool visit_param(xmlNodePtr n, void *name)
{
	const char *pn;

	return rng_is(n, "param") && (pn = rng_name(n)) && strcmp(pn, name) == 0;
}

bool rng_has(const struct rng *r, xmlNodePtr def, const char *kind)
{
	return rng_walk(r, def ? def->children : NULL, visit_kind, (void *)kind, 0) != NULL;
}

/* The closed list of words a pattern allows (its <value>s). */
struct values {
	const char *want; /* a word to look for, or NULL */
	bool found;
	size_t count;
	struct buf list; /* "a, b, c" */
	bool oom;
};

static bool visit_value(xmlNodePtr n, void *arg)
{
	struct values *w = arg;
	const char *v;

	if (!rng_is(n, "value"))
		return false;
	v = rng_text(n);
	w->count++;
	w->found |= w->want && strcmp(v, w->want) == 0;
	if (buf_puts(&w->list, w->list.len ? ", " : "") < 0 || buf_puts(&w->list, v) < 0)
		w->oom = true;
	return false;
}

bool rng_refuses(const struct rng *r, xmlNodePtr def, const char *want,
		 struct buf *allowed, bool *oom)
{
	struct values w = { .want = want, .list = BUF_INIT };

	if (def)
		rng_walk(r, def->children, visit_value, &w, 0);
	*oom |= w.oom;
	*allowed = w.list;
	return w.count > 0 && !w.found;
}

const char *rng_param_text(const struct rng *r, xmlNodePtr def, const char *name)
{
	xmlNodePtr p = def ? rng_walk(r, def->children, visit_param, (void *)name, 0) : NULL;

	return p ? rng_text(p) : NULL;
}

long rng_param(const struct rng *r, xmlNodePtr def, const char *name, long dflt)
{
	const char *text = rng_param_text(r, def, name);

	return text ? strtol(text, NULL, 10) : dflt;
}

/* The first <kind name="name"> under n, depth first. */
static xmlNodePtr find_named(xmlNodePtr n, const char *kind, const char *name)
{
	for (; n; n = n->next) {
		xmlNodePtr hit;
		const char *nn;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (rng_is(n, kind) && (nn = rng_name(n)) && strcmp(nn, name) == 0)
			return n;
		if ((hit = find_named(n->children, kind, name)))
			return hit;
	}
	return NULL;
}

xmlNodePtr rng_named(const struct rng *r, const char *kind, const char *name)
{
	return find_named(xmlDocGetRootElement(r->doc), kind, name);
}

const struct rng_item *rng_item(const struct rng_item *v, size_t n, const char *name)
{
	return array_find_key(v, n, sizeof(*v), offsetof(struct rng_item, name), name);
}

int rng_item_names(const struct rng_item *v, size_t n, struct buf *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf_puts(b, i ? ", " : "") < 0 || buf_puts(b, v[i].name) < 0)
			return -1;
	return buf_put(b, "", 0);
}

/* ------------------------------------------------------------------ */
/* The index: what each element may hold                               */
/* ------------------------------------------------------------------ */

static int item_add(struct rng_item **v, size_t *n, size_t *cap, xmlNodePtr def,
		    bool required, bool repeats)
{
	const char *name = rng_name(def);
	struct rng_item *it, *nv;

	if (!name)
		return 0;
	if ((it = (struct rng_item *)rng_item(*v, *n, name))) {
		it->required &= required;
		it->repeats |= repeats;
		return 0;
	}
	nv = array_grow(*v, cap, *n, sizeof(*nv));
	if (!nv)
		return -1;
	*v = nv;
	nv[(*n)++] = (struct rng_item){ .name = name, .def = def, .required = required,
					.repeats = repeats, .entry = -1 };
	return 0;
}

/* Collects the attributes and child elements pattern n allows. */
static int rng_scan(const struct rng *r, struct rng_entry *e, xmlNodePtr n,
		    bool optional, bool repeats, int depth)
{
	for (; n; n = n->next) {
		xmlNodePtr def;
		int rc = 0;

		if (!rng_is(n, NULL) || depth > RNG_DEPTH)
			continue;
		if (rng_is(n, "element"))
			rc = item_add(&e->kids, &e->nkids, &e->capkids, n, !optional, repeats);
		else if (rng_is(n, "attribute"))
			rc = item_add(&e->attrs, &e->nattrs, &e->capattrs, n, !optional, false);
		else if (rng_is(n, "ref"))
			rc = (def = rng_define(r, rng_name(n))) ?
				     rng_scan(r, e, def->children, optional, repeats, depth + 1) :
				     0;
		else if (rng_is(n, "optional") || rng_is(n, "choice"))
			rc = rng_scan(r, e, n->children, true, repeats, depth + 1);
		else if (rng_is(n, "zeroOrMore"))
			rc = rng_scan(r, e, n->children, true, true, depth + 1);
		else if (rng_is(n, "oneOrMore"))
			rc = rng_scan(r, e, n->children, optional, true, depth + 1);
		else if (rng_is(n, "group") || rng_is(n, "interleave"))
			rc = rng_scan(r, e, n->children, optional, repeats, depth + 1);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int rng_find_entry(const struct rng *r, const char *parent, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].parent, parent) == 0 && strcmp(r->v[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Adds the element def (reached from parent) and all below it. Returns its
 * entry, or -1 (and *oom when memory ran out). */
static int rng_index(struct rng *r, const char *parent, xmlNodePtr def, int depth,
		     bool *oom)
{
	struct rng_entry *v, e = { .parent = parent, .name = rng_name(def), .def = def };
	size_t i;
	int idx;

	if (!e.name || depth > RNG_DEPTH)
		return -1;
	if ((idx = rng_find_entry(r, parent, e.name)) >= 0)
		return idx;
	if (!(v = array_grow(r->v, &r->cap, r->n, sizeof(*v))))
		goto oom;
	r->v = v;
	if (rng_scan(r, &e, def->children, false, false, 0) < 0)
		goto oom;
	idx = (int)r->n++;
	r->v[idx] = e;
	for (i = 0; i < r->v[idx].nkids; i++) {
		int k = rng_index(r, e.name, r->v[idx].kids[i].def, depth + 1, oom);
		if (*oom)
			return -1;
		r->v[idx].kids[i].entry = k;
	}
	return idx;
oom:
	free(e.attrs);
	free(e.kids);
	*oom = true;
	return -1;
}

static void free_entries(struct rng *r)
{
	while (r->n > 0) {
		struct rng_entry *e = &r->v[--r->n];
		free(e->attrs);
		free(e->kids);
	}
	free(r->v);
	r->v = NULL;
	r->cap = 0;
}

/* Indexes the elements from the root that <start> names. 0 (r->n == 0 when
 * there is no such root), or -1 on OOM. */
static int index_all(struct rng *r)
{
	struct rng_entry top = { .parent = "", .name = "" };
	xmlNodePtr root = xmlDocGetRootElement(r->doc), start;
	bool oom = false;

	for (start = root ? root->children : NULL; start && !rng_is(start, "start");)
		start = start->next;
	if (start && rng_scan(r, &top, start->children, false, false, 0) < 0)
		oom = true;
	else if (start && top.nkids == 1 && rng_index(r, "", top.kids[0].def, 0, &oom) != 0)
		free_entries(r);
	free(top.attrs);
	free(top.kids);
	return oom ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Word lists with labels                                              */
/* ------------------------------------------------------------------ */

static char *ns_prop(xmlNodePtr n, const char *name, bool *oom)
{
	xmlChar *x = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)CATALOG_NS);
	char *s = x ? strdup((const char *)x) : NULL;

	*oom |= x && !s;
	xmlFree(x);
	return s;
}

/* <define name="vocab-X" spc:labels="…"><choice><value spc:traits="…">w</value>… */
static int read_vocab(struct rng_vocab *v, xmlNodePtr def, const char *path,
		      struct diag *d)
{
	xmlNodePtr choice, val;
	const char *name = rng_name(def);
	bool oom = false;
	size_t n = 0;

	v->labels = ns_prop(def, "labels", &oom);
	v->name = name && strncmp(name, "vocab-", 6) == 0 ? strdup(name + 6) : NULL;
	if (!v->name || !v->labels) {
		diag_error(d, path, xmlGetLineNo(def), 0,
			   "a word list with spc:labels must be named vocab-…");
		return -1;
	}
	for (choice = def->children; choice && !rng_is(choice, "choice");)
		choice = choice->next;
	for (val = choice ? choice->children : NULL; val; val = val->next)
		n += rng_is(val, "value");
	v->words = calloc(n ? n : 1, sizeof(*v->words));
	if (!v->words)
		return -1;
	for (val = choice ? choice->children : NULL; val; val = val->next) {
		struct rng_word *w;
		if (!rng_is(val, "value"))
			continue;
		w = &v->words[v->nwords++];
		w->id = xmlutil_text(val);
		w->traits = ns_prop(val, "traits", &oom);
		if (!w->id || oom)
			return -1;
	}
	return 0;
}

static bool is_vocab(xmlNodePtr n)
{
	return rng_is(n, "define") &&
	       xmlHasNsProp(n, (const xmlChar *)"labels", (const xmlChar *)CATALOG_NS);
}

static int read_vocabs(struct rng *r, struct diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc), n;
	size_t count = 0;

	for (n = root ? root->children : NULL; n; n = n->next)
		count += is_vocab(n);
	r->vocabs = calloc(count ? count : 1, sizeof(*r->vocabs));
	if (!r->vocabs)
		return -1;
	for (n = root ? root->children : NULL; n; n = n->next)
		if (is_vocab(n) && read_vocab(&r->vocabs[r->nvocabs++], n, r->path, d) < 0)
			return -1;
	return 0;
}

ARRAY_LOOKUP(rng_vocab, struct rng, struct rng_vocab, vocabs, nvocabs, name)

/* ------------------------------------------------------------------ */
/* The whole                                                           */
/* ------------------------------------------------------------------ */

struct rng *rng_read(const char *path, struct diag *d)
{
	struct rng *r = calloc(1, sizeof(*r));
	size_t before = d->errors;

	if (!r || !(r->path = strdup(path)))
		goto fail;
	if (!(r->doc = xmlutil_read_file(path, d)))
		goto fail;
	if (read_vocabs(r, d) < 0 || index_all(r) < 0)
		goto fail;
	return r;
fail:
	if (d->errors == before)
		diag_error(d, path, 0, 0, "cannot read the word lists");
	rng_free(r);
	return NULL;
}

void rng_free(struct rng *r)
{
	size_t i, j;

	if (!r)
		return;
	free_entries(r);
	for (i = 0; i < r->nvocabs; i++) {
		for (j = 0; j < r->vocabs[i].nwords; j++) {
			free(r->vocabs[i].words[j].id);
			free(r->vocabs[i].words[j].traits);
		}
		free(r->vocabs[i].words);
		free(r->vocabs[i].name);
		free(r->vocabs[i].labels);
	}
	free(r->vocabs);
	xmlFreeDoc(r->doc);
	free(r->path);
	free(r);
}

xmlRelaxNGPtr rng_compile(const struct rng *r, xmlStructuredErrorFunc on_error, void *ctx)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewDocParserCtxt(r->doc);
	xmlRelaxNGPtr valid;

	if (!pc)
		return NULL;
	xmlRelaxNGSetParserStructuredErrors(pc, on_error, ctx);
	valid = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	return valid;
}
