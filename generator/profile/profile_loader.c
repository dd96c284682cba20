/* profile_loader.c - one load's memory, its errors at their places, and
 * the tree as the reader sees it. libxml2's parse errors are reported as
 * they come; its validity errors wait until the checks have said what they
 * can say better (profile_report_rng_errors). */
#include "profile/profile_loader.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "profile/profile.h"
#include "base/text.h"
#include "base/xmlutil.h"

#define MAX_ERRORS 100 /* then stop: a hostile file may hold millions */

void profile_loader_free(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->nerrs; i++) {
		free(ld->errs[i].str1);
		free(ld->errs[i].str2);
		free(ld->errs[i].msg);
	}
	free(ld->errs);
	profile_index_free(&ld->people);
	profile_index_free(&ld->roles);
	profile_index_free(&ld->products);
	shape_free(&ld->shapes);
	xmlFreeDoc(ld->doc);
	xmlRelaxNGFree(ld->valid);
	profile_src_free(&ld->src);
	profile_free(ld->p);
}

xmlNodePtr profile_read_beside(struct loader *ld, xmlRelaxNGPtr valid, const struct shapes *shapes,
			       const char *ns)
{
	xmlNodePtr root;

	if (profile_src_read(&ld->src, ld->path, ld->d) < 0 ||
	    profile_src_scan(&ld->src, ld->path, ld->d) < 0)
		return NULL;
	xmlSetStructuredErrorFunc(ld, profile_on_xml_error);
	if (profile_parse(ld) < 0)
		return NULL;
	ld->shapes = *shapes; /* compiled once for every file; not ld's to free */
	if (!(root = profile_validate(ld, valid, ns, ld->root)))
		return NULL;
	profile_check_tree(ld, root, 0);
	return root;
}

void profile_loader_free_beside(struct loader *ld)
{
	xmlSetStructuredErrorFunc(NULL, NULL);
	/* The schema, the shapes and the indexes are shared by the files:
	 * their owner frees them. */
	ld->valid = NULL;
	memset(&ld->shapes, 0, sizeof(ld->shapes));
	memset(&ld->people, 0, sizeof(ld->people));
	memset(&ld->products, 0, sizeof(ld->products));
	profile_loader_free(ld);
}

void profile_on_schema_error(void *ctx, xmlErrorPtr e)
{
	struct diag *d = ctx;

	if (e && e->message && e->level >= XML_ERR_ERROR)
		diag_add(d, DIAG_ERROR, e->file, e->line, 0, "%.*s", (int)strcspn(e->message, "\n"),
			 e->message);
}

void *profile_calloc(struct loader *ld, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	p = calloc(n, size);
	if (!p)
		ld->oom = true;
	return p;
}

char *profile_strdup(struct loader *ld, const char *s)
{
	char *c;

	if (!s)
		return NULL;
	c = strdup(s);
	if (!c)
		ld->oom = true;
	return c;
}

struct loc profile_loc_of(const struct loader *ld, xmlNodePtr x)
{
	struct loc l;

	profile_src_place(&ld->src, x, SRC_NO_OFF, &l.line, &l.col);
	return l;
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */
/* ------------------------------------------------------------------ */

void profile_add_error(struct loader *ld, long line, long col, const char *msg)
{
	if (ld->reported == MAX_ERRORS)
		diag_error(ld->d, ld->path, 0, 0,
			   "too many errors; stopped after %d", MAX_ERRORS);
	if (ld->reported++ >= MAX_ERRORS)
		return;
	diag_error(ld->d, ld->path, line, col, "%s", msg);
}

static void verr(struct loader *ld, xmlNodePtr x, size_t off, unsigned mark,
		 const char *fmt, va_list ap)
{
	struct tag *t = profile_src_tag(x);
	long line, col;
	char *msg;

	if (t)
		t->marks |= mark;
	if (ld->oom)
		return;
	msg = text_vformat(fmt, ap);
	if (!msg) {
		ld->oom = true;
		return;
	}
	profile_src_place(&ld->src, x, off, &line, &col);
	profile_add_error(ld, line, col, msg);
	free(msg);
}

/* At the element's '<'. */
void profile_err_elem(struct loader *ld, xmlNodePtr x, unsigned mark, const char *fmt,
	      ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, SRC_NO_OFF, mark, fmt, ap);
	va_end(ap);
}

/* At the attribute's name (the element, when it has no such attribute). */
void profile_err_attr(struct loader *ld, xmlNodePtr x, const char *attr,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, profile_src_attr_off(&ld->src, x, attr), MARK_VALUE, fmt, ap);
	va_end(ap);
}

/* At the element's text. */
void profile_err_text(struct loader *ld, xmlNodePtr x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, profile_src_text_off(&ld->src, x), MARK_VALUE, fmt, ap);
	va_end(ap);
}

void profile_err_text_at(struct loader *ld, xmlNodePtr x, size_t at, const char *fmt, ...)
{
	size_t off = profile_src_text_off(&ld->src, x);
	const char *end = off != SRC_NO_OFF ? memchr(ld->src.text + off, '<', ld->src.len - off)
					    : NULL;
	va_list ap;

	/* Within the text as written, which ends at the next '<'. */
	if (end && ld->src.text + off + at < end)
		off += at;
	va_start(ap, fmt);
	verr(ld, x, off, MARK_VALUE, fmt, ap);
	va_end(ap);
}

/* At the nth occurrence of word in the element's text. */
void profile_err_word(struct loader *ld, xmlNodePtr x, const char *word, size_t nth,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, profile_src_word_off(&ld->src, x, word, nth), MARK_VALUE, fmt, ap);
	va_end(ap);
}

/* libxml2's message on one line, lower case first, as compilers write
 * them (caller frees; NULL on OOM). */
static char *one_line(const char *m)
{
	struct buf b = BUF_INIT;
	char *s;

	for (; *m; m++)
		if (buf_putc(&b, *m == '\n' ? ' ' : *m) < 0)
			return NULL;
	if (buf_put(&b, "", 0) < 0)
		return NULL;
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	s = buf_detach(&b, NULL);
	if (s && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
	return s;
}

/* What libxml2 calls an empty document: one with nothing but white space,
 * comments and an XML declaration, or one that is not XML at all, which
 * the message then quotes from where the parser stopped (caller frees;
 * NULL on OOM). */
static char *not_xml(const struct loader *ld, long line, long col)
{
	const char *s = ld->src.text;
	size_t i = profile_src_offset(&ld->src, line, col), n = 0;
	char tmp[TEXT_CLIP_SIZE], *found;
	struct buf b = BUF_INIT;
	int rc;

	while (i < ld->src.len && text_is_space(s[i]))
		i++;
	if (i >= ld->src.len)
		return buf_printf(&b, "the %s is empty", ld->src.what ? ld->src.what : "profile") < 0
			       ? NULL : buf_detach(&b, NULL);
	/* The rest of the line, as much as text_clip() shows of it. */
	while (i + n < ld->src.len && n < TEXT_CLIP_SIZE - 1 && s[i + n] != '\n' && s[i + n] != '\r')
		n++;
	if (!(found = strndup(s + i, n)))
		return NULL;
	rc = buf_printf(&b, "the %s is not XML: \"%s\" stands where its <%s> element "
			"should start", ld->src.what ? ld->src.what : "profile", text_clip(found, tmp),
			ld->root ? ld->root : "profile");
	free(found);
	return rc < 0 ? NULL : buf_detach(&b, NULL);
}

static void keep_rng_error(struct loader *ld, xmlErrorPtr e)
{
	struct rng_error *r;

	if (ld->nerrs >= MAX_ERRORS)
		return;
	r = array_grow(ld->errs, &ld->caperrs, ld->nerrs, sizeof(*r));
	if (!r) {
		ld->oom = true;
		return;
	}
	ld->errs = r;
	r = &ld->errs[ld->nerrs++];
	r->code = e->code;
	r->node = e->node;
	r->line = e->line;
	r->str1 = profile_strdup(ld, e->str1);
	r->str2 = profile_strdup(ld, e->str2);
	r->msg = one_line(e->message);
	ld->oom |= !r->msg;
}

/* libxml2's one structured handler: parse errors go straight to d;
 * validity errors wait for the checks (profile_report_rng_errors). */
void profile_on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct loader *ld = ctx;
	struct buf b = BUF_INIT;
	const char *file;
	char *msg;

	if (!e || !e->message)
		return;
	if (e->domain == XML_FROM_RELAXNGV) {
		keep_rng_error(ld, e);
		return;
	}
	if (ld->fatal && e->domain != XML_FROM_RELAXNGP)
		return;
	ld->fatal = e->level == XML_ERR_FATAL;
	if (e->code == XML_ERR_INVALID_CHAR && e->int1 > 0) {
		if (buf_printf(&b, "character U+%04X is not allowed in XML", (unsigned)e->int1) < 0)
			msg = NULL;
		else
			msg = buf_detach(&b, NULL);
	} else if (e->code == XML_ERR_INVALID_CHAR && e->str1 &&
	    strncmp(e->str1, "Bytes: ", 7) == 0) {
		/* libxml2 says "indicate encoding", but only UTF-8 is read. */
		if (buf_printf(&b, "the %s is not valid UTF-8 (bytes ", ld->src.what ? ld->src.what : "profile") < 0 ||
		    buf_put(&b, e->str1 + 7, strcspn(e->str1 + 7, "\n")) < 0 ||
		    buf_puts(&b, "); save it as UTF-8") < 0)
			msg = NULL;
		else
			msg = buf_detach(&b, NULL);
	} else if (e->code == XML_ERR_DOCUMENT_EMPTY) {
		msg = not_xml(ld, e->line, e->int2);
	} else {
		msg = one_line(e->message);
	}
	file = e->domain == XML_FROM_RELAXNGP ? ld->rng->path :
	       e->file ? e->file : ld->path;
	if (!msg)
		ld->oom = true;
	else if (!file || strcmp(file, ld->path) != 0)
		diag_add(ld->d, e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR,
			 file, e->line, e->int2, "%s", msg);
	else if (e->level == XML_ERR_WARNING)
		diag_warning(ld->d, ld->path, e->line, e->int2, "%s", msg);
	else
		profile_add_error(ld, e->line, e->int2, msg);
	free(msg);
}

/* ------------------------------------------------------------------ */
/* Tree access                                                         */
/* ------------------------------------------------------------------ */

bool profile_is_ours(xmlNodePtr n)
{
	/* A records file's and an advisory's elements are ours too: each
	 * file's root is checked for its own namespace, and RELAX NG
	 * refuses a mix. */
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       (strcmp((const char *)n->ns->href, PROFILE_NS) == 0 ||
		strcmp((const char *)n->ns->href, RECORDS_NS) == 0 ||
		strcmp((const char *)n->ns->href, ADVISORY_NS) == 0);
}

xmlNodePtr profile_next_named(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next)
		if (profile_is_ours(n) && strcmp(NAME(n), name) == 0)
			return n;
	return NULL;
}

xmlNodePtr profile_first_kid(xmlNodePtr x, const char *name)
{
	return x ? profile_next_named(x->children, name) : NULL;
}

xmlNodePtr *profile_kids_of(struct loader *ld, xmlNodePtr x, const char *name,
		    size_t *n)
{
	xmlNodePtr k, *v;
	size_t i = 0;

	*n = 0;
	for (k = profile_first_kid(x, name); k; k = profile_next_named(k->next, name))
		(*n)++;
	v = profile_calloc(ld, *n, sizeof(*v));
	if (!v) {
		*n = 0;
		return NULL;
	}
	for (k = profile_first_kid(x, name); k; k = profile_next_named(k->next, name))
		v[i++] = k;
	return v;
}

xmlAttrPtr profile_attr_node(xmlNodePtr x, const char *name)
{
	if (strncmp(name, "xml:", 4) == 0)
		return xmlHasNsProp(x, (const xmlChar *)name + 4, XML_XML_NAMESPACE);
	return xmlHasNsProp(x, (const xmlChar *)name, NULL);
}

char *profile_attr_dup(struct loader *ld, xmlNodePtr x, const char *name)
{
	xmlAttrPtr a = profile_attr_node(x, name);
	xmlChar *v;
	char *s;

	if (!a)
		return NULL;
	v = xmlNodeListGetString(x->doc, a->children, 1);
	s = profile_strdup(ld, v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

const char *profile_attr_qname(xmlAttrPtr a, struct buf *tmp)
{
	buf_reset(tmp);
	if (!a->ns || !a->ns->prefix)
		return NAME(a);
	if (buf_printf(tmp, "%s:%s", (const char *)a->ns->prefix, NAME(a)) < 0)
		return NAME(a);
	return buf_str(tmp);
}

/* ------------------------------------------------------------------ */
/* libxml2's validity errors                                           */
/* ------------------------------------------------------------------ */

static xmlNodePtr ancestor_named(xmlNodePtr x, const char *name)
{
	for (; x && x->type == XML_ELEMENT_NODE; x = x->parent)
		if (name && strcmp(NAME(x), name) == 0)
			return x;
	return NULL;
}

/* "<x> is out of order in <parent>; expected order: …" */
static void report_order(struct loader *ld, xmlNodePtr x)
{
	xmlNodePtr parent = x->parent;
	const struct rng_entry *pe = parent && parent->type == XML_ELEMENT_NODE ?
					     profile_entry_of(ld, parent) :
					     NULL;
	struct buf names = BUF_INIT;

	if (!pe || rng_item_names(pe->kids, pe->nkids, &names) < 0) {
		profile_err_elem(ld, x, MARK_SCHEMA, "<%s> is not allowed here", NAME(x));
	} else {
		profile_err_elem(ld, x, MARK_SCHEMA,
			 "<%s> is out of order in <%s>; expected order: %s", NAME(x),
			 pe->name, buf_str(&names));
	}
	buf_free(&names);
}

/* The element a validity error is about. */
static xmlNodePtr rng_error_node(const struct rng_error *r)
{
	xmlNodePtr x = r->node;

	if (x && x->type != XML_ELEMENT_NODE)
		x = x->parent;
	if (r->code == XML_RELAXNG_ERR_ATTRVALID)
		x = ancestor_named(x, r->str1);
	else if (r->code == XML_RELAXNG_ERR_INVALIDATTR)
		x = ancestor_named(x, r->str2);
	return profile_src_tag(x) ? x : NULL;
}

/* Reports what libxml2's validator found and the checks did not already
 * say better about the same element. */
void profile_report_rng_errors(struct loader *ld, size_t before)
{
	const char *msg;
	size_t i;

	for (i = 0; i < ld->nerrs; i++) {
		const struct rng_error *r = &ld->errs[i];
		xmlNodePtr x = rng_error_node(r);
		const struct tag *t = profile_src_tag(x), *pt;

		if (!x)
			continue; /* below, if nothing better was said */
		pt = x->parent->type == XML_ELEMENT_NODE ? profile_src_tag(x->parent) : NULL;
		msg = r->msg ? r->msg : "";
		switch (r->code) {
		case XML_RELAXNG_ERR_ELEMWRONG:
		case XML_RELAXNG_ERR_EXTRACONTENT:
			/* A misplaced element: unless the checks refused it, or its
			 * parent lacks a required element (which libxml2 then
			 * blames on the next one). */
			if (t->marks & (MARK_UNKNOWN | MARK_SCHEMA) ||
			    (pt && pt->marks & MARK_MISSING))
				continue;
			report_order(ld, x);
			break;
		case XML_RELAXNG_ERR_NOELEM:
			if (t->marks & (MARK_MISSING | MARK_SCHEMA))
				continue;
			profile_err_elem(ld, x, MARK_SCHEMA, "<%s> is incomplete: %s", NAME(x), msg);
			break;
		case XML_RELAXNG_ERR_TEXTWRONG:
			if (!(t->marks & MARK_SCHEMA))
				profile_err_elem(ld, x, MARK_SCHEMA,
					 "text is not allowed directly in <%s>", NAME(x));
			break;
		default:
			if (t->marks & (MARK_VALUE | MARK_UNKNOWN | MARK_SCHEMA))
				continue;
			if (r->code == XML_RELAXNG_ERR_INVALIDATTR && r->str1)
				profile_err_attr(ld, x, r->str1, "%s", msg);
			else
				profile_err_elem(ld, x, MARK_SCHEMA, "%s", msg);
			profile_src_tag(x)->marks |= MARK_SCHEMA;
			break;
		}
	}
	for (i = 0; i < ld->nerrs && ld->d->errors == before; i++)
		if (!rng_error_node(&ld->errs[i]) && ld->errs[i].msg)
			profile_add_error(ld, ld->errs[i].line, 0, ld->errs[i].msg);
}
