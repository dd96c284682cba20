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
	if (load_documents(c, dir, d) < 0)
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
