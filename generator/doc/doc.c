/* doc.c - document XML -> validated document tree. */
#include "doc/doc.h"

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmlutil.h"

struct doc_schema {
	xmlRelaxNGPtr rng;
};

struct doc_schema *doc_schema_load(const char *rng_path, struct diag *d)
{
	struct doc_schema *s = calloc(1, sizeof(*s));

	if (!s) {
		diag_error(d, rng_path, 0, 0, "out of memory");
		return NULL;
	}
	s->rng = xmlutil_load_rng(rng_path, d);
	if (!s->rng) {
		free(s);
		return NULL;
	}
	return s;
}

void doc_schema_free(struct doc_schema *s)
{
	if (!s)
		return;
	xmlRelaxNGFree(s->rng);
	free(s);
}

static const struct {
	const char *name;
	enum doc_type type;
} element_types[] = {
	{ "document", DOC_DOCUMENT }, { "toc", DOC_TOC },
	{ "section", DOC_SECTION },   { "heading", DOC_HEADING },
	{ "p", DOC_PARAGRAPH },       { "list", DOC_LIST },
	{ "item", DOC_ITEM },         { "table", DOC_TABLE },
	{ "row", DOC_ROW },           { "cell", DOC_CELL },
	{ "note", DOC_NOTE },         { "signature", DOC_SIGNATURE },
	{ "line", DOC_SIGNATURE_LINE }, { "strong", DOC_STRONG },
	{ "em", DOC_EM },             { "link", DOC_LINK },
	{ "br", DOC_BREAK },           { "orgchart", DOC_ORGCHART },
	{ "timeline", DOC_TIMELINE },
};

static bool is_inline(enum doc_type t)
{
	return t == DOC_TEXT || t == DOC_STRONG || t == DOC_EM ||
	       t == DOC_LINK || t == DOC_BREAK;
}

/* Elements whose own text content is inline (mixed) content. */
static bool holds_inline(enum doc_type t)
{
	return t == DOC_HEADING || t == DOC_PARAGRAPH || t == DOC_ITEM ||
	       t == DOC_CELL || t == DOC_NOTE || t == DOC_SIGNATURE_LINE ||
	       t == DOC_STRONG || t == DOC_EM || t == DOC_LINK;
}

static void chart_free(struct doc_orgchart *c)
{
	size_t i, j;

	if (!c)
		return;
	for (i = 0; i < c->nboxes; i++) {
		free(c->boxes[i].id);
		free(c->boxes[i].parent_id);
		free(c->boxes[i].title);
		for (j = 0; j < c->boxes[i].nlines; j++)
			free(c->boxes[i].lines[j]);
		free(c->boxes[i].lines);
	}
	free(c->boxes);
	for (i = 0; i < c->ngroups; i++)
		free(c->groups[i]);
	free(c->groups);
	free(c->continued);
	free(c->figure);
	free(c->separator);
	free(c);
}

static void timeline_free(struct doc_timeline *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nheads; i++)
		free(t->heads[i]);
	free(t->heads);
	for (i = 0; i < t->nlanes; i++) {
		free(t->lanes[i].label);
		free(t->lanes[i].on);
	}
	free(t->lanes);
	free(t);
}

static void node_free(struct doc_node *n)
{
	while (n) {
		struct doc_node *next = n->next;
		node_free(n->first);
		free(n->text);
		free(n->href);
		free(n->id);
		free(n->lang);
		free(n->label);
		free(n->widths);
		chart_free(n->chart);
		timeline_free(n->timeline);
		free(n);
		n = next;
	}
}

static struct doc_node *node_new(enum doc_type type, struct doc_node *parent,
				 long line)
{
	struct doc_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->type = type;
	n->line = line;
	n->span = 1;
	if (parent) {
		n->parent = parent;
		n->prev = parent->last;
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

/* Appends text with white space folded (text_fold, untrimmed: the block
 * trims its own ends). */
static struct doc_node *add_text(struct doc_node *parent, const char *s,
				 long line)
{
	struct doc_node *n = node_new(DOC_TEXT, parent, line);

	if (!n)
		return NULL;
	n->text = text_fold(s, false);
	return n->text ? n : NULL;
}

static int parse_widths(struct doc_node *n, const char *s)
{
	size_t count = 1, i = 0;
	const char *p;

	for (p = s; *p; p++)
		count += *p == ' ';
	n->widths = calloc(count, sizeof(double));
	if (!n->widths)
		return -1;
	for (p = s; *p && i < count; i++) {
		char *end;
		n->widths[i] = strtod(p, &end);
		p = *end ? end + 1 : end;
	}
	n->ncols = count;
	return 0;
}

static int build(struct doc *doc, struct doc_node *parent, xmlNodePtr x,
		 int depth);

static char *folded_content(xmlNodePtr x)
{
	xmlChar *c = xmlNodeGetContent(x);
	char *s = text_fold_space(c ? (const char *)c : "");

	xmlFree(c);
	return s;
}

/* Room for one more element in *v (n used); charts are small, so one
 * realloc a box is cheap. */
static int grow_by_one(void **v, size_t n, size_t elem)
{
	void *nv = realloc(*v, (n + 1) * elem);

	if (!nv)
		return -1;
	*v = nv;
	return 0;
}

/* One <box>: its id, title and lines; parent is resolved by chart_link. */
static int chart_add_box(struct doc_orgchart *c, xmlNodePtr x, long group)
{
	struct doc_chart_box *b;
	xmlNodePtr k;

	if (grow_by_one((void **)&c->boxes, c->nboxes, sizeof(*c->boxes)) < 0)
		return -1;
	b = &c->boxes[c->nboxes++];
	memset(b, 0, sizeof(*b));
	b->parent = -1;
	b->group = group;
	b->line = (long)xmlGetLineNo(x);
	b->id = xmlutil_attr(x, "id");
	if (!b->id)
		return -1;
	if (group < 0)
		b->parent_id = xmlutil_attr(x, "parent");
	for (k = x->children; k; k = k->next) {
		char *t;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!(t = folded_content(k)))
			return -1;
		if (strcmp((const char *)k->name, "title") == 0) {
			free(b->title);
			b->title = t;
			continue;
		}
		if (grow_by_one((void **)&b->lines, b->nlines, sizeof(*b->lines)) < 0) {
			free(t);
			return -1;
		}
		b->lines[b->nlines++] = t;
	}
	return b->title ? 0 : -1;
}

static int timeline_parse(struct doc_node *n, xmlNodePtr x)
{
	struct doc_timeline *t = calloc(1, sizeof(*t));
	xmlNodePtr k, s;

	if (!t)
		return -1;
	n->timeline = t;
	for (k = x->children; k; k = k->next) {
		struct doc_timeline_lane *l;
		size_t i = 0;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)k->name, "head") == 0) {
			if (grow_by_one((void **)&t->heads, t->nheads, sizeof(*t->heads)) < 0 ||
			    !(t->heads[t->nheads] = folded_content(k)))
				return -1;
			t->nheads++;
			continue;
		}
		if (grow_by_one((void **)&t->lanes, t->nlanes, sizeof(*t->lanes)) < 0)
			return -1;
		l = &t->lanes[t->nlanes++];
		l->label = xmlutil_attr(k, "label");
		l->on = calloc(t->nheads + 1, 1);
		if (!l->label || !l->on)
			return -1;
		for (s = k->children; s; s = s->next) {
			char *on;
			if (s->type != XML_ELEMENT_NODE)
				continue;
			on = xmlutil_attr(s, "on");
			if (i < t->nheads)
				l->on[i] = on && strcmp(on, "true") == 0;
			free(on);
			i++;
		}
		/* check_tree reports a lane of the wrong length by its line. */
		if (i != t->nheads)
			l->on[t->nheads] = 2;
	}
	return 0;
}

static int chart_parse(struct doc_node *n, xmlNodePtr x)
{
	struct doc_orgchart *c = calloc(1, sizeof(*c));
	xmlNodePtr k, b;

	if (!c)
		return -1;
	n->chart = c;
	c->continued = xmlutil_attr(x, "continued");
	if (!c->continued && !(c->continued = strdup("→ {n}")))
		return -1;
	c->figure = xmlutil_attr(x, "figure");
	if (!c->figure && !(c->figure = strdup("{n}")))
		return -1;
	/* The schema requires it: the language's own. */
	if (!(c->separator = xmlutil_attr(x, "separator")))
		return -1;
	for (k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)k->name, "box") == 0) {
			if (chart_add_box(c, k, -1) < 0)
				return -1;
			continue;
		}
		if (grow_by_one((void **)&c->groups, c->ngroups, sizeof(*c->groups)) < 0 ||
		    !(c->groups[c->ngroups] = xmlutil_attr(k, "caption")))
			return -1;
		c->ngroups++;
		for (b = k->children; b; b = b->next)
			if (b->type == XML_ELEMENT_NODE &&
			    chart_add_box(c, b, (long)c->ngroups - 1) < 0)
				return -1;
	}
	return 0;
}

/* 1 when x's attribute name says value; the schema has checked it is one
 * of the values it may say. */
static int attr_is(xmlNodePtr x, const char *name, const char *value)
{
	char *v = xmlutil_attr(x, name);
	int is = v && strcmp(v, value) == 0;

	free(v);
	return is;
}

static int build_element(struct doc *doc, struct doc_node *parent,
			 xmlNodePtr x, int depth)
{
	const char *name = (const char *)x->name;
	struct doc_node *n;
	size_t i;
	char *v;

	for (i = 0; i < sizeof(element_types) / sizeof(element_types[0]); i++)
		if (strcmp(name, element_types[i].name) == 0)
			break;
	/* The schema admits nothing else. */
	assert(i < sizeof(element_types) / sizeof(element_types[0]));
	if (i == sizeof(element_types) / sizeof(element_types[0]))
		return -1;

	n = node_new(element_types[i].type, parent, (long)xmlGetLineNo(x));
	if (!n)
		return -1;
	switch (n->type) {
	case DOC_SECTION:
		n->id = xmlutil_attr(x, "id");
		n->lang = xmlutil_attr(x, "lang");
		n->new_page = attr_is(x, "page", "new");
		n->level = parent->type == DOC_SECTION ? parent->level + 1 : 1;
		break;
	case DOC_HEADING:
		n->level = parent->level;
		break;
	case DOC_LIST:
		n->ordered = attr_is(x, "style", "number");
		break;
	case DOC_ROW:
		n->header = attr_is(x, "header", "true");
		break;
	case DOC_CELL:
		v = xmlutil_attr(x, "span");
		if (v)
			n->span = atoi(v);
		free(v);
		n->center = attr_is(x, "align", "center");
		n->header = attr_is(x, "header", "true");
		n->nowrap = attr_is(x, "wrap", "false");
		break;
	case DOC_TABLE:
		n->cards = attr_is(x, "cards", "true");
		v = xmlutil_attr(x, "widths");
		if (v && parse_widths(n, v) < 0) {
			free(v);
			return -1;
		}
		free(v);
		break;
	case DOC_NOTE:
		n->warning = attr_is(x, "kind", "warning");
		break;
	case DOC_SIGNATURE_LINE:
		n->label = xmlutil_attr(x, "label");
		if (!n->label)
			return -1;
		break;
	case DOC_LINK:
		n->href = xmlutil_attr(x, "href");
		if (!n->href)
			return -1;
		break;
	case DOC_ORGCHART:
		/* Its content is data for the layout, not nodes. */
		return chart_parse(n, x);
	case DOC_TIMELINE:
		return timeline_parse(n, x);
	default:
		break;
	}
	return build(doc, n, x->children, depth + 1);
}

static void trim_block(struct doc_node *block)
{
	struct doc_node *t;
	size_t len;

	t = block->first;
	if (t && t->type == DOC_TEXT && t->text[0] == ' ')
		memmove(t->text, t->text + 1, strlen(t->text));
	t = block->last;
	if (t && t->type == DOC_TEXT && (len = strlen(t->text)) > 0 &&
	    t->text[len - 1] == ' ')
		t->text[len - 1] = '\0';
	/* A block child (a nested list) ends the inline run before it. */
	for (t = block->first; t; t = t->next) {
		if (t->type == DOC_TEXT && t->next && !is_inline(t->next->type) &&
		    (len = strlen(t->text)) > 0 && t->text[len - 1] == ' ')
			t->text[len - 1] = '\0';
	}
}

static void drop_empty_text(struct doc_node *parent)
{
	struct doc_node *t = parent->first, *next;

	for (; t; t = next) {
		next = t->next;
		if (t->type != DOC_TEXT || t->text[0])
			continue;
		if (t->prev)
			t->prev->next = t->next;
		else
			parent->first = t->next;
		if (t->next)
			t->next->prev = t->prev;
		else
			parent->last = t->prev;
		t->next = NULL;
		node_free(t);
	}
}

static int build(struct doc *doc, struct doc_node *parent, xmlNodePtr x,
		 int depth)
{
	bool inl = holds_inline(parent->type);

	if (depth > 64)
		return -1;
	for (; x; x = x->next) {
		if (x->type == XML_ELEMENT_NODE) {
			if (build_element(doc, parent, x, depth) < 0)
				return -1;
		} else if (x->type == XML_TEXT_NODE ||
			   x->type == XML_CDATA_SECTION_NODE) {
			/* Text between blocks is layout of the template. */
			if (!inl)
				continue;
			if (!add_text(parent, (const char *)x->content,
				      (long)xmlGetLineNo(x)))
				return -1;
		}
	}
	if (inl && parent->type != DOC_STRONG && parent->type != DOC_EM &&
	    parent->type != DOC_LINK)
		trim_block(parent);
	drop_empty_text(parent);
	return 0;
}

/* Resolves each box's parent; unique ids, no loops. */
static void check_chart(struct doc *doc, struct doc_orgchart *c, struct diag *d)
{
	size_t i, j, steps;

	for (i = 0; i < c->nboxes; i++) {
		struct doc_chart_box *b = &c->boxes[i];
		for (j = 0; j < i; j++)
			if (strcmp(c->boxes[j].id, b->id) == 0) {
				diag_error(d, doc->name, b->line, 0,
					   "box id \"%s\" is used twice in the chart (first at line %ld)",
					   b->id, c->boxes[j].line);
				break;
			}
		if (!b->parent_id)
			continue;
		for (j = 0; j < c->nboxes; j++)
			if (c->boxes[j].group < 0 && strcmp(c->boxes[j].id, b->parent_id) == 0)
				break;
		if (j == c->nboxes)
			diag_error(d, doc->name, b->line, 0,
				   "box \"%s\": parent \"%s\" is not a box of the chart's tree",
				   b->id, b->parent_id);
		else
			b->parent = (long)j;
	}
	for (i = 0; i < c->nboxes; i++) {
		long k = c->boxes[i].parent;
		for (steps = 0; k >= 0 && steps <= c->nboxes; steps++)
			k = c->boxes[k].parent;
		if (k >= 0) {
			diag_error(d, doc->name, c->boxes[i].line, 0,
				   "box \"%s\" is its own ancestor in the chart",
				   c->boxes[i].id);
			break;
		}
	}
}

/* What the schema cannot say (see doc.h). Errors are added to d. */
static void check_tree(struct doc *doc, struct diag *d)
{
	struct doc_iter it;
	struct doc_node **ids = NULL;
	size_t nids = 0, cap = 0, i;
	enum doc_event ev;

	doc_iter_init(&it, doc->root);
	while ((ev = doc_iter_next(&it)) != DOC_DONE) {
		struct doc_node *n = it.cur;
		if (ev != DOC_ENTER)
			continue;
		if (n->type == DOC_ORGCHART)
			check_chart(doc, n->chart, d);
		if (n->type == DOC_TIMELINE)
			for (i = 0; i < n->timeline->nlanes; i++)
				if (n->timeline->lanes[i].on[n->timeline->nheads] == 2)
					diag_error(d, doc->name, n->line, 0,
						   "timeline lane \"%s\" needs one slot for each of the %zu heads",
						   n->timeline->lanes[i].label, n->timeline->nheads);
		if (n->type == DOC_SECTION && n->level > 6)
			diag_error(d, doc->name, n->line, 0,
				   "sections nest at most 6 deep");
		if (n->type == DOC_SECTION && n->id) {
			for (i = 0; i < nids; i++)
				if (strcmp(ids[i]->id, n->id) == 0)
					diag_error(d, doc->name, n->line, 0,
						   "section id \"%s\" is used twice (first at line %ld)",
						   n->id, ids[i]->line);
			if (nids == cap) {
				struct doc_node **v;
				cap = cap ? cap * 2 : 32;
				v = realloc(ids, cap * sizeof(*v));
				if (!v) {
					diag_error(d, doc->name, 0, 0, "out of memory");
					break;
				}
				ids = v;
			}
			ids[nids++] = n;
		}
		if (n->type == DOC_TABLE) {
			struct doc_node *row;
			size_t want = n->ncols;
			for (row = n->first; row; row = row->next) {
				struct doc_node *cell;
				size_t cols = 0;
				for (cell = row->first; cell; cell = cell->next)
					cols += (size_t)cell->span;
				if (!want)
					want = cols;
				if (cols != want)
					diag_error(d, doc->name, row->line, 0,
						   "this row has cells for %zu columns; the table has %zu",
						   cols, want);
			}
		}
	}
	/* Internal links, once every id is known. */
	doc_iter_init(&it, doc->root);
	while ((ev = doc_iter_next(&it)) != DOC_DONE) {
		struct doc_node *n = it.cur;
		if (ev != DOC_ENTER || n->type != DOC_LINK || n->href[0] != '#')
			continue;
		for (i = 0; i < nids; i++)
			if (strcmp(ids[i]->id, n->href + 1) == 0)
				break;
		if (i == nids)
			diag_error(d, doc->name, n->line, 0,
				   "link to \"%s\": no section has that id", n->href);
	}
	free(ids);
}

/* The words renderers add around the content: each <labels> attribute,
 * in the document's language. There is no default: a template that
 * forgets one fails (check_labels) rather than showing English. */
static const struct {
	const char *name;
	size_t off;
} label_fields[] = {
	{ "toc", offsetof(struct doc_labels, toc) },
	{ "classification", offsetof(struct doc_labels, classification) },
	{ "index", offsetof(struct doc_labels, index) },
	{ "links", offsetof(struct doc_labels, links) },
	{ "approval", offsetof(struct doc_labels, approval) },
	{ "draft", offsetof(struct doc_labels, draft) },
};

static char **label_slot(struct doc_labels *l, size_t i)
{
	return (char **)((char *)l + label_fields[i].off);
}

static int read_labels(struct doc_labels *l, xmlNodePtr x)
{
	size_t i;

	for (i = 0; i < sizeof(label_fields) / sizeof(label_fields[0]); i++) {
		char **slot = label_slot(l, i);
		char *v = xmlutil_attr(x, label_fields[i].name);
		if (!v)
			continue;
		free(*slot);
		*slot = text_fold_space(v);
		free(v);
		if (!*slot)
			return -1;
	}
	return 0;
}

/* An error naming the labels the document XML does not give. */
static void check_labels(struct doc *doc, long line, struct diag *d)
{
	char missing[128] = "";
	size_t i, n = 0;

	for (i = 0; i < sizeof(label_fields) / sizeof(label_fields[0]); i++)
		if (!*label_slot(&doc->meta.labels, i))
			n += (size_t)snprintf(missing + n, sizeof(missing) - n, "%s%s",
					      n ? ", " : "", label_fields[i].name);
	if (n)
		diag_error(d, doc->name, line, 0,
			   "<meta> gives no <labels> for %s: the words a renderer adds around the content come from the template, in the document's language",
			   missing);
}

static int read_approval(struct doc_meta *m, xmlNodePtr x)
{
	char *name = xmlutil_attr(x, "name");

	m->approver = name ? text_fold_space(name) : NULL;
	free(name);
	return m->approver ? 0 : -1;
}

/* An attribute, white space folded; NULL when absent. *bad when out of
 * memory. */
static char *folded_attr(xmlNodePtr x, const char *name, bool *bad)
{
	char *v = xmlutil_attr(x, name), *f = v ? text_fold_space(v) : NULL;

	*bad |= v && !f;
	free(v);
	return f;
}

/* <cover>'s fields. */
static int read_cover(struct doc_meta *m, xmlNodePtr cover)
{
	xmlNodePtr x;
	size_t n = 0;
	bool bad = false;

	for (x = cover->children; x; x = x->next)
		n += x->type == XML_ELEMENT_NODE;
	m->cover = calloc(n + 1, sizeof(*m->cover));
	if (!m->cover)
		return -1;
	for (x = cover->children; x; x = x->next) {
		struct doc_field *f;
		xmlChar *c;
		if (x->type != XML_ELEMENT_NODE)
			continue;
		f = &m->cover[m->ncover++];
		f->label = folded_attr(x, "label", &bad);
		f->iso = folded_attr(x, "iso", &bad);
		c = xmlNodeGetContent(x);
		f->value = text_fold_space(c ? (const char *)c : "");
		xmlFree(c);
		bad |= !f->label || !f->value;
	}
	return bad ? -1 : 0;
}

/* <signoff>'s steps. */
static int read_signoff(struct doc_meta *m, xmlNodePtr signoff)
{
	xmlNodePtr x;
	size_t n = 0;
	bool bad = false;

	for (x = signoff->children; x; x = x->next)
		n += x->type == XML_ELEMENT_NODE;
	m->steps = calloc(n + 1, sizeof(*m->steps));
	if (!m->steps)
		return -1;
	for (x = signoff->children; x; x = x->next) {
		struct doc_step *st;
		if (x->type != XML_ELEMENT_NODE)
			continue;
		st = &m->steps[m->nsteps++];
		st->label = folded_attr(x, "label", &bad);
		st->title = folded_attr(x, "title", &bad);
		st->name = folded_attr(x, "name", &bad);
		st->date = folded_attr(x, "date", &bad);
		bad |= !st->label;
	}
	return bad ? -1 : 0;
}

static int read_meta(struct doc_meta *m, xmlNodePtr meta)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{ "title", offsetof(struct doc_meta, title) },
		{ "subtitle", offsetof(struct doc_meta, subtitle) },
		{ "company", offsetof(struct doc_meta, company) },
		{ "number", offsetof(struct doc_meta, number) },
		{ "revision", offsetof(struct doc_meta, revision) },
		{ "date", offsetof(struct doc_meta, date) },
		{ "iso-date", offsetof(struct doc_meta, iso_date) },
		{ "classification", offsetof(struct doc_meta, classification) },
		{ "author", offsetof(struct doc_meta, author) },
		{ "subject", offsetof(struct doc_meta, subject) },
		{ "keywords", offsetof(struct doc_meta, keywords) },
		{ "version", offsetof(struct doc_meta, version) },
	};
	xmlNodePtr x;
	size_t i;

	for (x = meta->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)x->name, "labels") == 0) {
			if (read_labels(&m->labels, x) < 0)
				return -1;
			continue;
		}
		if (strcmp((const char *)x->name, "approval") == 0) {
			if (read_approval(m, x) < 0)
				return -1;
			continue;
		}
		if (strcmp((const char *)x->name, "cover") == 0) {
			if (read_cover(m, x) < 0)
				return -1;
			continue;
		}
		if (strcmp((const char *)x->name, "signoff") == 0) {
			if (read_signoff(m, x) < 0)
				return -1;
			continue;
		}
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			char **slot = (char **)((char *)m + fields[i].off);
			xmlChar *c;
			if (strcmp((const char *)x->name, fields[i].name) != 0)
				continue;
			c = xmlNodeGetContent(x);
			free(*slot);
			*slot = text_fold_space(c ? (const char *)c : "");
			xmlFree(c);
			if (!*slot)
				return -1;
		}
	}
	return 0;
}

/* doc_parse; owned, when not NULL, is the buffer xml lives in, freed
 * as soon as libxml2 has the tree. */
static struct doc *parse(const char *xml, size_t len, struct buf *owned, const char *name,
			 const struct doc_schema *schema, struct diag *d)
{
	xmlDocPtr x = NULL;
	xmlNodePtr root, c;
	struct doc *doc = NULL;
	size_t before;
	long meta_line = 0;

	x = xmlutil_read_memory_readonly(xml, len, name, d);
	if (owned)
		buf_free(owned);
	if (!x)
		return NULL;
	if (xmlutil_validate_rng(x, schema->rng, name, d) < 0)
		goto fail;

	doc = calloc(1, sizeof(*doc));
	if (!doc)
		goto oom;
	root = xmlDocGetRootElement(x);
	doc->name = strdup(name);
	doc->kind = xmlutil_attr(root, "id");
	doc->lang = xmlutil_attr(root, "lang");
	{
		char *o = xmlutil_attr(root, "orientation");
		doc->landscape = o && strcmp(o, "landscape") == 0;
		free(o);
	}
	doc->root = node_new(DOC_DOCUMENT, NULL, (long)xmlGetLineNo(root));
	if (!doc->name || !doc->kind || !doc->lang || !doc->root)
		goto oom;
	doc->root->id = strdup(doc->kind);
	if (!doc->root->id)
		goto oom;
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "meta") == 0) {
			if (read_meta(&doc->meta, c) < 0)
				goto oom;
			meta_line = (long)xmlGetLineNo(c);
		} else if (build_element(doc, doc->root, c, 1) < 0) {
			goto oom;
		}
	}
	before = d->errors;
	check_labels(doc, meta_line, d);
	check_tree(doc, d);
	if (d->errors != before)
		goto fail;
	goto out;
oom:
	diag_error(d, name, 0, 0, "out of memory while reading the document");
fail:
	doc_free(doc);
	doc = NULL;
out:
	xmlFreeDoc(x);
	return doc;
}

struct doc *doc_parse(const char *xml, size_t len, const char *name,
		      const struct doc_schema *schema, struct diag *d)
{
	return parse(xml, len, NULL, name, schema, d);
}

struct doc *doc_parse_buf(struct buf *xml, const char *name,
			  const struct doc_schema *schema, struct diag *d)
{
	return parse(xml->data ? xml->data : "", xml->len, xml, name, schema, d);
}

void doc_free(struct doc *doc)
{
	struct doc_meta *m;
	size_t i;

	if (!doc)
		return;
	m = &doc->meta;
	free(m->title);
	free(m->subtitle);
	free(m->company);
	free(m->number);
	free(m->revision);
	free(m->date);
	free(m->iso_date);
	free(m->classification);
	free(m->author);
	free(m->subject);
	free(m->keywords);
	free(m->approver);
	free(m->version);
	for (i = 0; i < m->ncover; i++) {
		free(m->cover[i].label);
		free(m->cover[i].value);
		free(m->cover[i].iso);
	}
	free(m->cover);
	for (i = 0; i < m->nsteps; i++) {
		free(m->steps[i].label);
		free(m->steps[i].title);
		free(m->steps[i].name);
		free(m->steps[i].date);
	}
	free(m->steps);
	free(m->labels.approval);
	free(m->labels.draft);
	free(m->labels.toc);
	free(m->labels.classification);
	free(m->labels.index);
	free(m->labels.links);
	node_free(doc->root);
	free(doc->name);
	free(doc->kind);
	free(doc->lang);
	free(doc);
}

static bool is_leaf(enum doc_type t)
{
	return t == DOC_TEXT || t == DOC_BREAK || t == DOC_TOC ||
	       t == DOC_ORGCHART || t == DOC_TIMELINE;
}

void doc_iter_init(struct doc_iter *it, struct doc_node *root)
{
	it->root = root;
	it->cur = NULL;
	it->ev = DOC_DONE;
}

enum doc_event doc_iter_next(struct doc_iter *it)
{
	struct doc_node *n = it->cur;

	if (!n) {
		it->cur = it->root;
		it->ev = it->root ? DOC_ENTER : DOC_DONE;
		return it->ev;
	}
	if (it->ev == DOC_ENTER && !is_leaf(n->type)) {
		if (n->first) {
			it->cur = n->first;
			it->ev = DOC_ENTER;
		} else {
			it->ev = DOC_EXIT;
		}
		return it->ev;
	}
	/* Leaving n (a leaf just entered, or a container just exited). */
	if (n == it->root) {
		it->ev = DOC_DONE;
		return DOC_DONE;
	}
	if (n->next) {
		it->cur = n->next;
		it->ev = DOC_ENTER;
	} else {
		it->cur = n->parent;
		it->ev = DOC_EXIT;
	}
	return it->ev;
}

static int collect_text(const struct doc_node *n, struct buf *b)
{
	for (; n; n = n->next) {
		if (n->type == DOC_TEXT && buf_puts(b, n->text) < 0)
			return -1;
		if (n->type == DOC_BREAK && buf_putc(b, ' ') < 0)
			return -1;
		if (collect_text(n->first, b) < 0)
			return -1;
	}
	return 0;
}

char *doc_node_text(const struct doc_node *n)
{
	struct buf b = BUF_INIT;

	if (collect_text(n->first, &b) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}
