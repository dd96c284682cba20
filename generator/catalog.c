/* catalog.c - built-in roles from policy-templates/roles.xml. */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmlutil.h"

static int read_role(struct catalog_role *r, xmlNodePtr x, const char *path,
		     struct diag *d)
{
	char *measures = xmlutil_attr(x, "measures");
	char *required = xmlutil_attr(x, "required");
	const char *p;
	int rc = -1;

	r->id = xmlutil_attr(x, "id");
	r->reports_to = xmlutil_attr(x, "reports-to");
	if (!r->id || !r->id[0]) {
		diag_error(d, path, xmlGetLineNo(x), 0, "role without an id");
		goto out;
	}
	for (p = measures ? measures : ""; *p; p++) {
		if (*p >= '1' && *p <= '6')
			r->measures |= 1u << (*p - '1');
		else if (*p != ' ') {
			diag_error(d, path, xmlGetLineNo(x), 0,
				   "role \"%s\": measures are numbers 1 to 6", r->id);
			goto out;
		}
	}
	r->required = required && strcmp(required, "true") == 0;
	rc = 0;
out:
	free(measures);
	free(required);
	return rc;
}

static int load_documents(struct catalog *c, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t count = 0;
	int rc = -1;

	if (buf_printf(&path, "%s/documents.xml", dir) < 0)
		goto out;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto out;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "documents")) {
		diag_error(d, buf_str(&path), 1, 1, "expected <documents xmlns=\"%s\">", CATALOG_NS);
		goto out;
	}
	for (n = root->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "document");
	c->documents = calloc(count ? count : 1, sizeof(*c->documents));
	if (!c->documents)
		goto out;
	for (n = root->children; n; n = n->next) {
		struct catalog_document *doc;
		if (!xmlutil_is(n, CATALOG_NS, "document"))
			continue;
		doc = &c->documents[c->ndocuments++];
		doc->id = xmlutil_attr(n, "id");
		doc->number = xmlutil_attr(n, "number");
		if (!doc->id || !doc->number) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
				   "<document> needs an id and a number");
			goto out;
		}
	}
	rc = 0;
out:
	xmlFreeDoc(x);
	buf_free(&path);
	return rc;
}

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static int read_traits(const char *s, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} traits[] = { { "ip", TRAIT_IP }, { "personal", TRAIT_PERSONAL },
		       { "sensing", TRAIT_SENSING } };
	size_t i, n;

	while (*s) {
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (!n)
			break;
		for (i = 0; i < sizeof(traits) / sizeof(traits[0]); i++)
			if (strlen(traits[i].name) == n && strncmp(s, traits[i].name, n) == 0)
				break;
		if (i == sizeof(traits) / sizeof(traits[0]))
			return -1;
		*out |= traits[i].bit;
		s += n;
	}
	return 0;
}

/* <define name="vocab-X" spc:labels="…"><choice><value spc:traits="…">w</value>… */
static int read_vocab(struct catalog_vocab *v, xmlNodePtr def, const char *path,
		      struct diag *d)
{
	xmlNodePtr choice, val;
	char *name = xmlutil_attr(def, "name");
	size_t n = 0;

	v->labels = (char *)xmlGetNsProp(def, (const xmlChar *)"labels",
					 (const xmlChar *)CATALOG_NS);
	v->name = name && strncmp(name, "vocab-", 6) == 0 ? strdup(name + 6) : NULL;
	free(name);
	if (!v->name || !v->labels) {
		diag_error(d, path, xmlGetLineNo(def), 0,
			   "a word list with spc:labels must be named vocab-…");
		return -1;
	}
	for (choice = def->children; choice && !xmlutil_is(choice, RNG_NS, "choice");)
		choice = choice->next;
	for (val = choice ? choice->children : NULL; val; val = val->next)
		n += xmlutil_is(val, RNG_NS, "value");
	v->words = calloc(n ? n : 1, sizeof(*v->words));
	if (!v->words)
		return -1;
	for (val = choice ? choice->children : NULL; val; val = val->next) {
		struct catalog_word *w;
		xmlChar *traits;
		int bad;
		if (!xmlutil_is(val, RNG_NS, "value"))
			continue;
		w = &v->words[v->nwords++];
		w->id = xmlutil_text(val);
		traits = xmlGetNsProp(val, (const xmlChar *)"traits", (const xmlChar *)CATALOG_NS);
		bad = traits && read_traits((const char *)traits, &w->traits) < 0;
		xmlFree(traits);
		if (!w->id)
			return -1;
		if (bad) {
			diag_error(d, path, xmlGetLineNo(val), 0,
				   "unknown trait on \"%s\" (ip, personal, sensing)", w->id);
			return -1;
		}
	}
	return 0;
}

static int load_vocabs(struct catalog *c, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t count = 0;
	int rc = -1;

	if (buf_printf(&path, "%s/profile.rng", dir) < 0)
		goto out;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto out;
	root = xmlDocGetRootElement(x);
	for (n = root ? root->children : NULL; n; n = n->next)
		count += xmlutil_is(n, RNG_NS, "define") &&
			 xmlHasNsProp(n, (const xmlChar *)"labels", (const xmlChar *)CATALOG_NS);
	c->vocabs = calloc(count ? count : 1, sizeof(*c->vocabs));
	if (!c->vocabs)
		goto out;
	for (n = root ? root->children : NULL; n; n = n->next) {
		if (!xmlutil_is(n, RNG_NS, "define") ||
		    !xmlHasNsProp(n, (const xmlChar *)"labels", (const xmlChar *)CATALOG_NS))
			continue;
		if (read_vocab(&c->vocabs[c->nvocabs++], n, buf_str(&path), d) < 0)
			goto out;
	}
	rc = 0;
out:
	if (rc < 0 && d->errors == 0)
		diag_error(d, buf_str(&path), 0, 0, "cannot read the word lists");
	xmlFreeDoc(x);
	buf_free(&path);
	return rc;
}

const struct catalog_vocab *catalog_vocab(const struct catalog *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nvocabs; i++)
		if (strcmp(c->vocabs[i].name, name) == 0)
			return &c->vocabs[i];
	return NULL;
}

unsigned catalog_traits(const struct catalog *c, const char *name, const char *word)
{
	const struct catalog_vocab *v = catalog_vocab(c, name);
	size_t i;

	for (i = 0; v && i < v->nwords; i++)
		if (strcmp(v->words[i].id, word) == 0)
			return v->words[i].traits;
	return 0;
}

struct catalog *catalog_load(const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	struct catalog *c = NULL;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t count = 0, i;

	if (buf_printf(&path, "%s/roles.xml", dir) < 0)
		goto oom;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto fail;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "roles")) {
		diag_error(d, buf_str(&path), 1, 1, "expected <roles xmlns=\"%s\">", CATALOG_NS);
		goto fail;
	}
	for (n = root->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "role");
	c = calloc(1, sizeof(*c));
	if (!c)
		goto oom;
	c->roles = calloc(count ? count : 1, sizeof(*c->roles));
	c->role_ids.v = calloc(count ? count : 1, sizeof(char *));
	if (!c->roles || !c->role_ids.v)
		goto oom;
	for (n = root->children; n; n = n->next) {
		if (!xmlutil_is(n, CATALOG_NS, "role"))
			continue;
		if (read_role(&c->roles[c->nroles], n, buf_str(&path), d) < 0) {
			c->nroles++;
			goto fail;
		}
		c->nroles++;
	}
	if (load_documents(c, dir, d) < 0 || load_vocabs(c, dir, d) < 0)
		goto fail;
	for (i = 0; i < c->nroles; i++) {
		c->role_ids.v[i] = strdup(c->roles[i].id);
		if (!c->role_ids.v[i])
			goto oom;
		c->role_ids.n++;
	}
	goto out;
oom:
	diag_error(d, dir, 0, 0, "out of memory while reading the catalogues");
fail:
	catalog_free(c);
	c = NULL;
out:
	xmlFreeDoc(x);
	buf_free(&path);
	return c;
}

void catalog_free(struct catalog *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nroles; i++) {
		free(c->roles[i].id);
		free(c->roles[i].reports_to);
	}
	for (i = 0; i < c->role_ids.n; i++)
		free(c->role_ids.v[i]);
	for (i = 0; i < c->ndocuments; i++) {
		free(c->documents[i].id);
		free(c->documents[i].number);
	}
	free(c->documents);
	for (i = 0; i < c->nvocabs; i++) {
		size_t j;
		for (j = 0; j < c->vocabs[i].nwords; j++)
			free(c->vocabs[i].words[j].id);
		free(c->vocabs[i].words);
		free(c->vocabs[i].name);
		xmlFree(c->vocabs[i].labels);
	}
	free(c->vocabs);
	free(c->role_ids.v);
	free(c->roles);
	free(c);
}

const struct catalog_role *catalog_role(const struct catalog *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nroles; i++)
		if (strcmp(c->roles[i].id, id) == 0)
			return &c->roles[i];
	return NULL;
}
