/* profile_schema.c - profile.rng read as data: for each element, the
 * attributes and children it may have, their closed word lists and limits
 * (rng_*); and the tree checked against them with precise messages
 * (check_tree), where libxml2's validator would say less. */
#include "profile/profile_schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "profile/profile.h"
#include "profile/profile_loader.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define RNG_DEPTH 16 /* <ref>s and elements followed in the schema */

static bool rng_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (!name || strcmp(NAME(n), name) == 0);
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

static xmlNodePtr rng_define(const struct loader *ld, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(ld->rng.doc), n;
	const char *dn;

	for (n = root && name ? root->children : NULL; n; n = n->next)
		if (rng_is(n, "define") && (dn = rng_name(n)) && strcmp(dn, name) == 0)
			return n;
	return NULL;
}

/* Visits the patterns under n depth first, following <ref>s but not
 * entering <element>s or <attribute>s (those describe other things).
 * Stops at, and returns, the first node visit() accepts. */
static xmlNodePtr rng_walk(const struct loader *ld, xmlNodePtr n,
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
			hit = (def = rng_define(ld, rng_name(n))) ?
				      rng_walk(ld, def->children, visit, arg, depth + 1) :
				      NULL;
		else
			hit = rng_walk(ld, n->children, visit, arg, depth + 1);
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

bool rng_has(const struct loader *ld, xmlNodePtr def, const char *kind)
{
	return rng_walk(ld, def ? def->children : NULL, visit_kind, (void *)kind, 0) != NULL;
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

/* Whether def (an element or attribute pattern) has a closed list of words
 * and want is not in it; then *allowed lists them (caller frees). */
bool rng_refuses(struct loader *ld, xmlNodePtr def, const char *want,
		 struct buf *allowed)
{
	struct values w = { want, false, 0, BUF_INIT, false };

	if (def)
		rng_walk(ld, def->children, visit_value, &w, 0);
	ld->oom |= w.oom;
	*allowed = w.list;
	return w.count > 0 && !w.found;
}

/* <param name="name"> under def as a number, or dflt. */
long rng_param(const struct loader *ld, xmlNodePtr def, const char *name,
	       long dflt)
{
	xmlNodePtr p = def ? rng_walk(ld, def->children, visit_param, (void *)name, 0) : NULL;

	return p ? strtol(rng_text(p), NULL, 10) : dflt;
}

static struct rng_item *item_find(struct rng_item *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static int item_add(struct rng_item **v, size_t *n, size_t *cap, xmlNodePtr def,
		    bool required, bool repeats)
{
	const char *name = rng_name(def);
	struct rng_item *it, *nv;

	if (!name)
		return 0;
	if ((it = item_find(*v, *n, name))) {
		it->required &= required;
		it->repeats |= repeats;
		return 0;
	}
	nv = array_grow(*v, cap, *n, sizeof(*nv));
	if (!nv)
		return -1;
	*v = nv;
	nv[(*n)++] = (struct rng_item){ name, def, required, repeats, -1 };
	return 0;
}

/* Collects the attributes and child elements pattern n allows. */
static int rng_scan(const struct loader *ld, struct rng_entry *e, xmlNodePtr n,
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
			rc = (def = rng_define(ld, rng_name(n))) ?
				     rng_scan(ld, e, def->children, optional, repeats, depth + 1) :
				     0;
		else if (rng_is(n, "optional") || rng_is(n, "choice"))
			rc = rng_scan(ld, e, n->children, true, repeats, depth + 1);
		else if (rng_is(n, "zeroOrMore"))
			rc = rng_scan(ld, e, n->children, true, true, depth + 1);
		else if (rng_is(n, "oneOrMore"))
			rc = rng_scan(ld, e, n->children, optional, true, depth + 1);
		else if (rng_is(n, "group") || rng_is(n, "interleave"))
			rc = rng_scan(ld, e, n->children, optional, repeats, depth + 1);
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
 * entry, or -1 (and ld->oom) when memory ran out. */
static int rng_index(struct loader *ld, const char *parent, xmlNodePtr def, int depth)
{
	struct rng *r = &ld->rng;
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
	if (rng_scan(ld, &e, def->children, false, false, 0) < 0)
		goto oom;
	idx = (int)r->n++;
	r->v[idx] = e;
	for (i = 0; i < r->v[idx].nkids; i++) {
		int k = rng_index(ld, e.name, r->v[idx].kids[i].def, depth + 1);
		if (ld->oom)
			return -1;
		r->v[idx].kids[i].entry = k;
	}
	return idx;
oom:
	free(e.attrs);
	free(e.kids);
	ld->oom = true;
	return -1;
}

int rng_load(struct loader *ld, const char *path)
{
	struct rng *r = &ld->rng;
	struct rng_entry top = { .parent = "", .name = "" };
	xmlRelaxNGParserCtxtPtr pc = NULL;
	xmlNodePtr root, start = NULL;
	int rc = -1;

	r->path = path;
	ld->parsing = path;
	r->doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ld->parsing = ld->path;
	if (!r->doc)
		goto out;
	pc = xmlRelaxNGNewDocParserCtxt(r->doc);
	if (!pc)
		goto out;
	xmlRelaxNGSetParserStructuredErrors(pc, on_xml_error, ld);
	r->valid = xmlRelaxNGParse(pc);
	if (!r->valid)
		goto out;
	root = xmlDocGetRootElement(r->doc);
	for (start = root->children; start && !rng_is(start, "start"); start = start->next)
		;
	if (!start || rng_scan(ld, &top, start->children, false, false, 0) < 0 ||
	    top.nkids != 1 || rng_index(ld, "", top.kids[0].def, 0) != 0)
		goto out;
	rc = 0;
out:
	free(top.attrs);
	free(top.kids);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rc < 0)
		diag_error(ld->d, path, 0, 0, "cannot load the profile schema");
	return rc;
}

void rng_free(struct rng *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].attrs);
		free(r->v[i].kids);
	}
	free(r->v);
	xmlRelaxNGFree(r->valid);
	xmlFreeDoc(r->doc);
}

const struct rng_entry *rng_entry_of(const struct loader *ld, xmlNodePtr x)
{
	const struct tag *t = src_tag(x);

	return t && t->entry >= 0 ? &ld->rng.v[t->entry] : NULL;
}

xmlNodePtr rng_attr_def(const struct loader *ld, xmlNodePtr x, const char *attr)
{
	const struct rng_entry *e = rng_entry_of(ld, x);
	const struct rng_item *it = e ? item_find(e->attrs, e->nattrs, attr) : NULL;

	return it ? it->def : NULL;
}

/* "a, b, c" of the items' names. */
int item_names(const struct rng_item *v, size_t n, struct buf *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf_puts(b, i ? ", " : "") < 0 || buf_puts(b, v[i].name) < 0)
			return -1;
	return buf_put(b, "", 0);
}

/* ------------------------------------------------------------------ */
/* Structure: what the schema allows, said precisely                   */
/* ------------------------------------------------------------------ */

/* Edit distance of two short names, 3 meaning "3 or more". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[33], prev, here;

	if (la > 32 || lb > 32)
		return 3;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			here = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (here + 1 < row[j])
				row[j] = here + 1;
			prev = here;
		}
	}
	return row[lb] < 3 ? row[lb] : 3;
}

/* The item a misspelt name most likely meant: one x lacks, at most two
 * edits away. Its bit is set in *meant, so it is not also "missing". */
static const struct rng_item *did_you_mean(const struct rng_item *v, size_t n,
					   const char *name, xmlNodePtr x,
					   bool attrs, uint64_t *meant)
{
	size_t i, best = NONE;
	int d, bestd = 3;

	for (i = 0; i < n; i++) {
		if (attrs ? attr_node(x, v[i].name) != NULL : first_kid(x, v[i].name) != NULL)
			continue;
		if ((d = distance(name, v[i].name)) < bestd) {
			bestd = d;
			best = i;
		}
	}
	if (best == NONE)
		return NULL;
	if (best < 64)
		*meant |= (uint64_t)1 << best;
	return &v[best];
}

/* Checks x's attributes and children against its schema entry, and goes
 * down into the children the schema knows. */
void check_tree(struct loader *ld, xmlNodePtr x, int entry)
{
	const struct rng_entry *e = &ld->rng.v[entry];
	const struct rng_item *meant;
	struct buf names = BUF_INIT, tmp = BUF_INIT;
	uint64_t attrs_meant = 0, kids_meant = 0;
	xmlAttrPtr a;
	xmlNodePtr k;
	size_t i;

	src_tag(x)->entry = entry;
	for (a = x->properties; a; a = a->next) {
		const char *q = attr_qname(a, &tmp);
		if (item_find(e->attrs, e->nattrs, q))
			continue;
		buf_reset(&names);
		if (item_names(e->attrs, e->nattrs, &names) < 0)
			goto oom;
		if ((meant = did_you_mean(e->attrs, e->nattrs, q, x, true, &attrs_meant)))
			err_attr(ld, x, q, "unknown attribute %s on <%s>; did you mean %s?",
				 q, e->name, meant->name);
		else if (e->nattrs)
			err_attr(ld, x, q, "unknown attribute %s on <%s>; allowed: %s",
				 q, e->name, buf_str(&names));
		else
			err_attr(ld, x, q, "unknown attribute %s on <%s>, which takes none",
				 q, e->name);
	}
	for (i = 0; i < e->nattrs; i++)
		if (e->attrs[i].required && !attr_node(x, e->attrs[i].name) &&
		    !(i < 64 && attrs_meant >> i & 1))
			err_elem(ld, x, MARK_VALUE, "missing attribute %s on <%s>",
				 e->attrs[i].name, e->name);

	for (k = x->children; k; k = k->next) {
		struct rng_item *it;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		it = is_ours(k) ? item_find(e->kids, e->nkids, NAME(k)) : NULL;
		if (it && it->entry >= 0) {
			if (!it->repeats && next_named(x->children, NAME(k)) != k)
				err_elem(ld, k, MARK_UNKNOWN,
					 "only one <%s> is allowed in <%s>", NAME(k), e->name);
			else
				check_tree(ld, k, it->entry);
			continue;
		}
		buf_reset(&names);
		if (item_names(e->kids, e->nkids, &names) < 0)
			goto oom;
		src_tag(x)->marks |= MARK_VALUE; /* libxml2 blames x's content too */
		if (!is_ours(k) && item_find(e->kids, e->nkids, NAME(k)))
			err_elem(ld, k, MARK_UNKNOWN,
				 "element <%s> in <%s> is not in the namespace %s",
				 NAME(k), e->name, PROFILE_NS);
		else if ((meant = did_you_mean(e->kids, e->nkids, NAME(k), x, false, &kids_meant)))
			err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>; did you mean <%s>?",
				 NAME(k), e->name, meant->name);
		else if (e->nkids)
			err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>; allowed: %s",
				 NAME(k), e->name, buf_str(&names));
		else
			err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>, which holds only text",
				 NAME(k), e->name);
	}
	for (i = 0; i < e->nkids; i++) {
		if (!e->kids[i].required || first_kid(x, e->kids[i].name))
			continue;
		if (i < 64 && kids_meant >> i & 1)
			src_tag(x)->marks |= MARK_MISSING; /* said as "did you mean" */
		else
			err_elem(ld, x, MARK_MISSING, "missing element <%s> in <%s>",
				 e->kids[i].name, e->name);
	}
	goto out;
oom:
	ld->oom = true;
out:
	buf_free(&names);
	buf_free(&tmp);
}
