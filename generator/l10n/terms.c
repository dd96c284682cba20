/* terms.c - the termbase and the check of texts against it (terms.h). */
#include "l10n/terms.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/xmlutil.h"

/* The xml:lang of x, or NULL (a copy). */
static char *lang_of(xmlNodePtr x)
{
	xmlChar *v = xmlNodeGetLang(x);
	char *s = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static bool named(xmlNodePtr x, const char *name)
{
	return x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

/* The tig's term and whether it is preferred (1), deprecated (0) or
 * neither (-1). */
static int tig_status(xmlNodePtr tig, xmlNodePtr *term)
{
	xmlNodePtr k;
	int status = -1;

	*term = NULL;
	for (k = tig->children; k; k = k->next) {
		if (named(k, "term"))
			*term = k;
		else if (named(k, "termNote")) {
			char *type = xmlutil_attr(k, "type"), *text = xmlutil_text(k);
			if (type && strcmp(type, "administrativeStatus") == 0 && text)
				status = strcmp(text, "preferredTerm-admn-sts") == 0 ? 1
					 : strcmp(text, "deprecatedTerm-admn-sts") == 0 ? 0 : -1;
			free(type);
			free(text);
		}
	}
	return status;
}

/* The rules of one langSet of the entry id; -1 after an error. */
static int read_langset(struct termbase *t, const char *id, xmlNodePtr set, struct diag *d)
{
	char *lang = lang_of(set), *preferred = NULL;
	long preferred_line = 0;
	xmlNodePtr tig, term;
	size_t first = t->n, i;
	int rc = 0;

	for (tig = set->children; tig && rc == 0; tig = tig->next) {
		int status;
		char *text;
		struct term_rule *v;
		if (!named(tig, "tig"))
			continue;
		status = tig_status(tig, &term);
		text = term ? xmlutil_text(term) : NULL;
		if (!text || !*text) {
			diag_error(d, t->path, xmlGetLineNo(tig), 0, "a <tig> without a <term> (%s)", id);
			rc = -1;
		} else if (status == 1) {
			free(preferred);
			preferred = text;
			preferred_line = xmlGetLineNo(term);
			text = NULL;
		} else if (status == 0) {
			if (!(v = realloc(t->v, (t->n + 1) * sizeof(*v)))) {
				diag_error(d, t->path, 0, 0, "out of memory");
				rc = -1;
			} else {
				t->v = v;
				t->v[t->n++] = (struct term_rule){ .concept = strdup(id),
								   .lang = strdup(lang ? lang : ""),
								   .forbidden = text,
								   .line = xmlGetLineNo(term) };
				text = NULL;
			}
		}
		free(text);
	}
	if (rc == 0 && !preferred) {
		diag_error(d, t->path, xmlGetLineNo(set), 0,
			   "the entry \"%s\" has no preferred term in \"%s\"", id, lang ? lang : "?");
		rc = -1;
	}
	for (i = first; rc == 0 && i < t->n; i++)
		if (!(t->v[i].preferred = strdup(preferred)) || !t->v[i].concept || !t->v[i].lang) {
			diag_error(d, t->path, 0, 0, "out of memory");
			rc = -1;
		}
	if (rc == 0) {
		struct term_pref *p = realloc(t->pref, (t->npref + 1) * sizeof(*p));
		if (!p) {
			diag_error(d, t->path, 0, 0, "out of memory");
			rc = -1;
		} else {
			t->pref = p;
			p[t->npref] = (struct term_pref){ .concept = strdup(id),
							  .lang = strdup(lang ? lang : ""),
							  .term = preferred, .line = preferred_line };
			preferred = NULL;
			if (!p[t->npref++].concept || !p[t->npref - 1].lang) {
				diag_error(d, t->path, 0, 0, "out of memory");
				rc = -1;
			}
		}
	}
	free(preferred);
	free(lang);
	return rc;
}

struct termbase *terms_load(const char *path, struct diag *d)
{
	struct termbase *t = calloc(1, sizeof(*t));
	xmlDocPtr doc = NULL;
	xmlNodePtr root, text, body, entry, set;
	size_t before = d->errors;

	if (!t || !(t->path = strdup(path))) {
		diag_error(d, path, 0, 0, "out of memory");
		goto fail;
	}
	if (!(doc = xmlutil_read_file(path, d)))
		goto fail;
	root = xmlDocGetRootElement(doc);
	if (!root || !named(root, "martif")) {
		diag_error(d, path, root ? xmlGetLineNo(root) : 1, 0,
			   "not a termbase: the root element must be <martif> (TBX)");
		goto fail;
	}
	for (text = root->children; text; text = text->next)
		for (body = named(text, "text") ? text->children : NULL; body; body = body->next)
			for (entry = named(body, "body") ? body->children : NULL; entry; entry = entry->next) {
				char *id;
				if (!named(entry, "termEntry"))
					continue;
				if (!(id = xmlutil_attr(entry, "id"))) {
					diag_error(d, path, xmlGetLineNo(entry), 0, "a <termEntry> without an id");
					continue;
				}
				for (set = entry->children; set; set = set->next)
					if (named(set, "langSet"))
						read_langset(t, id, set, d);
				free(id);
			}
	if (d->errors != before)
		goto fail;
	xmlFreeDoc(doc);
	return t;
fail:
	xmlFreeDoc(doc);
	terms_free(t);
	return NULL;
}

void terms_free(struct termbase *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].concept);
		free(t->v[i].lang);
		free(t->v[i].forbidden);
		free(t->v[i].preferred);
	}
	for (i = 0; i < t->npref; i++) {
		free(t->pref[i].concept);
		free(t->pref[i].lang);
		free(t->pref[i].term);
	}
	free(t->v);
	free(t->pref);
	free(t->path);
	free(t);
}

size_t terms_check(const struct termbase *t, const char *lang, const char *text,
		   const char *file, long line, struct diag *d)
{
	size_t i, found = 0;

	for (i = 0; text && i < t->n; i++) {
		const struct term_rule *r = &t->v[i];
		if (lang && strcmp(r->lang, lang) != 0)
			continue;
		if (!strstr(text, r->forbidden))
			continue;
		diag_error(d, file, line, 0, "\"%s\" is not used for %s: write \"%s\" (%s:%ld)",
			   r->forbidden, r->concept, r->preferred, t->path, r->line);
		found++;
	}
	return found;
}
