/* check_render_docx.c - the DOCX renderer.
 *
 * Fixtures in tests/docx/ go through doc_parse and render_docx; every
 * package is validated against the OOXML schemas in tests/ooxml-schemas
 * by ooxml_validate_docx() (defined here, declared in ooxml_validate.h);
 * word/document.xml and word/styles.xml of the two main fixtures are
 * compared whole with golden files in tests/docx/expected/ (rewritten
 * with UPDATE=1); the bytes do not depend on the run or the time zone;
 * text from the tree comes through as text. A company's look
 * (--reference-docx) comes from tests/docx/reference/company.docx, which
 * LibreOffice wrote from company.fodt beside it:
 *   soffice --headless --convert-to docx:"MS Word 2007 XML" company.fodt */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "base/buf.h"
#include "check_suites.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "render/docx/docx.h"
#include "ooxml_validate.h"
#include "render/docx/render_docx.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"

/* ==== the validator ==== */

static xmlSchemaPtr ooxml_schema;

/* Problems found, the first few kept. */
struct problems {
	struct buf b;
	int n;
	const char *part; /* the part being checked */
};

#define MAX_PROBLEMS 8

static void problem(struct problems *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct problems *p, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (p->n++ >= MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	buf_printf(&p->b, "%s\n", line);
}

static void xml_problem(void *ctx, xmlErrorPtr e)
{
	struct problems *p = ctx;
	size_t n;
	char msg[400];

	if (!e || e->level == XML_ERR_WARNING)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "?");
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	problem(p, "%s:%d: %s", p->part, e->line, msg);
}

static void schema_problem(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	/* "Skipping import ... already imported" warnings are expected
	 * (tests/ooxml-schemas/SOURCES.md). */
	if (e && e->level != XML_ERR_WARNING && e->message)
		fprintf(stderr, "ooxml schemas: %s", e->message);
}

int ooxml_validate_init(void)
{
	xmlExternalEntityLoader loader;
	xmlSchemaParserCtxtPtr pc;

	if (ooxml_schema)
		return 0;
	/* The catalog maps the schemas' dublincore.org and w3.org locations
	 * to the local copies; the loader refuses the network. */
	if (xmlLoadCatalog(test_path("tests/ooxml-schemas/catalog.xml")) < 0) {
		fprintf(stderr, "ooxml schemas: cannot load the catalog\n");
		return -1;
	}
	loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	pc = xmlSchemaNewParserCtxt(test_path("tests/ooxml-schemas/wrappers/docx-all.xsd"));
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, schema_problem, NULL);
		ooxml_schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	xmlSetExternalEntityLoader(loader);
	if (!ooxml_schema)
		fprintf(stderr, "ooxml schemas: docx-all.xsd does not compile\n");
	return ooxml_schema ? 0 : -1;
}

void ooxml_validate_cleanup(void)
{
	xmlSchemaFree(ooxml_schema);
	ooxml_schema = NULL;
	xmlCatalogCleanup();
}

/* The members of a zip, in its order. */
struct package {
	size_t n;
	char **names;
	char **data;
	size_t *lens;
};

static void package_free(struct package *pk)
{
	size_t i;

	for (i = 0; i < pk->n; i++) {
		free(pk->names[i]);
		free(pk->data[i]);
	}
	free(pk->names);
	free(pk->data);
	free(pk->lens);
	memset(pk, 0, sizeof(*pk));
}

static int package_read(const char *bytes, size_t len, struct package *pk)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t n, i;
	int rc = -1;

	memset(pk, 0, sizeof(*pk));
	zip_error_init(&ze);
	src = zip_source_buffer_create(bytes, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return -1;
	}
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	zip_error_fini(&ze);
	if (!za) {
		zip_source_free(src);
		return -1;
	}
	n = zip_get_num_entries(za, 0);
	pk->names = calloc((size_t)n + 1, sizeof(char *));
	pk->data = calloc((size_t)n + 1, sizeof(char *));
	pk->lens = calloc((size_t)n + 1, sizeof(size_t));
	if (!pk->names || !pk->data || !pk->lens)
		goto out;
	for (i = 0; i < n; i++) {
		zip_stat_t st;
		zip_file_t *f;
		zip_int64_t got;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 ||
		    !(f = zip_fopen_index(za, (zip_uint64_t)i, 0)))
			goto out;
		pk->names[i] = strdup(st.name);
		pk->data[i] = malloc(st.size + 1);
		pk->n++;
		if (!pk->names[i] || !pk->data[i]) {
			zip_fclose(f);
			goto out;
		}
		got = zip_fread(f, pk->data[i], st.size);
		zip_fclose(f);
		if (got < 0 || (zip_uint64_t)got != st.size)
			goto out;
		pk->data[i][st.size] = '\0';
		pk->lens[i] = st.size;
	}
	rc = 0;
out:
	zip_close(za);
	if (rc < 0)
		package_free(pk);
	return rc;
}

static long package_find(const struct package *pk, const char *name)
{
	size_t i;

	for (i = 0; i < pk->n; i++)
		if (strcmp(pk->names[i], name) == 0)
			return (long)i;
	return -1;
}

static xmlDocPtr parse_part(const struct package *pk, size_t i,
			    struct problems *p)
{
	xmlDocPtr x;

	p->part = pk->names[i];
	xmlSetStructuredErrorFunc(p, xml_problem);
	x = xmlReadMemory(pk->data[i], (int)pk->lens[i], pk->names[i], NULL,
			  XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!x)
		problem(p, "%s: not well-formed XML", pk->names[i]);
	return x;
}

static bool is_xml_part(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
	       (n > 5 && strcmp(name + n - 5, ".rels") == 0);
}

static bool is_element(xmlNodePtr n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	char *s = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* Every part has a content type; every Override names a part. */
static void check_content_types(const struct package *pk, struct problems *p)
{
	long ct = package_find(pk, "[Content_Types].xml");
	xmlDocPtr x;
	xmlNodePtr c;
	size_t i;

	if (ct < 0) {
		problem(p, "[Content_Types].xml: missing");
		return;
	}
	if (!(x = parse_part(pk, (size_t)ct, p)))
		return;
	for (i = 0; i < pk->n; i++) {
		const char *dot = strrchr(pk->names[i], '.');
		bool typed = false;
		if (i == (size_t)ct)
			continue;
		for (c = xmlDocGetRootElement(x)->children; c && !typed; c = c->next) {
			char *v = NULL;
			if (is_element(c, NS_CT, "Default") && dot) {
				v = attr(c, "Extension");
				typed = v && strcasecmp(v, dot + 1) == 0;
			} else if (is_element(c, NS_CT, "Override")) {
				v = attr(c, "PartName");
				typed = v && v[0] == '/' && strcmp(v + 1, pk->names[i]) == 0;
			}
			free(v);
		}
		if (!typed)
			problem(p, "%s: no content type (neither an Override nor a Default)",
				pk->names[i]);
	}
	for (c = xmlDocGetRootElement(x)->children; c; c = c->next) {
		char *v;
		if (!is_element(c, NS_CT, "Override"))
			continue;
		v = attr(c, "PartName");
		if (!v || v[0] != '/' || package_find(pk, v + 1) < 0)
			problem(p, "[Content_Types].xml: Override for a missing part %s",
				v ? v : "(none)");
		free(v);
	}
	xmlFreeDoc(x);
}

/* base + "/" + target, with "." and ".." resolved, into out. */
static void resolve(const char *base, const char *target, char *out, size_t size)
{
	char path[1024], *seg[128], *s, *save = NULL;
	size_t nseg = 0, i, len = 0;

	if (target[0] == '/')
		snprintf(path, sizeof(path), "%s", target + 1);
	else
		snprintf(path, sizeof(path), "%s%s%s", base, *base ? "/" : "", target);
	for (s = strtok_r(path, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			if (nseg)
				nseg--;
			continue;
		}
		if (nseg < sizeof(seg) / sizeof(seg[0]))
			seg[nseg++] = s;
	}
	out[0] = '\0';
	for (i = 0; i < nseg && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "/" : "", seg[i]);
}

static void collect_rids(xmlNodePtr n, xmlChar ***v, size_t *count)
{
	xmlAttrPtr a;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a; a = a->next) {
			xmlChar **g;
			if (!a->ns || strcmp((const char *)a->ns->href, NS_R) != 0)
				continue;
			g = realloc(*v, (*count + 1) * sizeof(**v));
			if (!g)
				return;
			*v = g;
			(*v)[(*count)++] = xmlNodeListGetString(n->doc, a->children, 1);
		}
		collect_rids(n->children, v, count);
	}
}

/* Every internal target exists; every r:id the source part uses is
 * declared in its relationships. */
static void check_rels(const struct package *pk, size_t i, struct problems *p)
{
	const char *name = pk->names[i];
	char dir[512], base[512], source[1024], target[1024];
	const char *slash;
	xmlDocPtr x, sx = NULL;
	xmlNodePtr c;
	xmlChar **rids = NULL;
	size_t nrids = 0, k;
	long si;

	/* "word/_rels/document.xml.rels": its part is "word/document.xml". */
	slash = strrchr(name, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - name) : 0, name);
	slash = strrchr(dir, '/');
	snprintf(base, sizeof(base), "%.*s", slash ? (int)(slash - dir) : 0, dir);
	snprintf(source, sizeof(source), "%s%s%.*s", base, *base ? "/" : "",
		 (int)(strlen(strrchr(name, '/') ? strrchr(name, '/') + 1 : name) - 5),
		 strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
	if (!(x = parse_part(pk, i, p)))
		return;
	si = package_find(pk, source);
	if (si >= 0 && is_xml_part(source)) {
		struct problems quiet = { BUF_INIT, 0, NULL };
		sx = parse_part(pk, (size_t)si, &quiet);
		buf_free(&quiet.b);
		if (sx)
			collect_rids(xmlDocGetRootElement(sx), &rids, &nrids);
	}
	for (c = xmlDocGetRootElement(x)->children; c; c = c->next) {
		char *id, *t, *mode;
		if (!is_element(c, NS_PR, "Relationship"))
			continue;
		id = attr(c, "Id");
		t = attr(c, "Target");
		mode = attr(c, "TargetMode");
		if (!(mode && strcmp(mode, "External") == 0) && t) {
			resolve(base, t, target, sizeof(target));
			if (package_find(pk, target) < 0)
				problem(p, "%s: relationship %s points to a missing part %s",
					name, id ? id : "?", target);
		}
		for (k = 0; id && k < nrids; k++) {
			if (rids[k] && strcmp((const char *)rids[k], id) == 0) {
				xmlFree(rids[k]);
				rids[k] = NULL;
			}
		}
		free(id);
		free(t);
		free(mode);
	}
	for (k = 0; k < nrids; k++) {
		if (rids[k])
			problem(p, "%s: r:id %s is used but not declared in %s",
				source, (const char *)rids[k], name);
		xmlFree(rids[k]);
	}
	free(rids);
	xmlFreeDoc(sx);
	xmlFreeDoc(x);
}

int ooxml_validate_docx(const char *bytes, size_t len, char *err, size_t errlen)
{
	struct problems p = { BUF_INIT, 0, NULL };
	struct package pk;
	size_t i;

	if (errlen)
		err[0] = '\0';
	if (ooxml_validate_init() < 0) {
		snprintf(err, errlen, "the OOXML schemas do not compile");
		return -1;
	}
	if (package_read(bytes, len, &pk) < 0) {
		snprintf(err, errlen, "not a readable zip");
		return -1;
	}
	for (i = 0; i < pk.n; i++) {
		xmlSchemaValidCtxtPtr vc;
		xmlDocPtr x;

		if (!is_xml_part(pk.names[i]))
			continue;
		if (!(x = parse_part(&pk, i, &p)))
			continue;
		vc = xmlSchemaNewValidCtxt(ooxml_schema);
		if (!vc) {
			problem(&p, "%s: out of memory", pk.names[i]);
			xmlFreeDoc(x);
			continue;
		}
		p.part = pk.names[i];
		xmlSchemaSetValidStructuredErrors(vc, xml_problem, &p);
		if (xmlSchemaValidateDoc(vc, x) != 0 && p.n == 0)
			problem(&p, "%s: not valid", pk.names[i]);
		xmlSchemaFreeValidCtxt(vc);
		xmlFreeDoc(x);
	}
	check_content_types(&pk, &p);
	if (package_find(&pk, "_rels/.rels") < 0)
		problem(&p, "_rels/.rels: missing (the package has no relationships)");
	for (i = 0; i < pk.n; i++) {
		size_t n = strlen(pk.names[i]);
		if (n > 5 && strcmp(pk.names[i] + n - 5, ".rels") == 0)
			check_rels(&pk, i, &p);
	}
	package_free(&pk);
	if (p.n > MAX_PROBLEMS)
		buf_printf(&p.b, "(%d more)\n", p.n - MAX_PROBLEMS);
	snprintf(err, errlen, "%s", buf_str(&p.b));
	buf_free(&p.b);
	return p.n ? -1 : 0;
}

/* ==== helpers ==== */

static struct doc_schema *doc_rng;

static void suite_setup(void)
{
	struct diag d = DIAG_INIT;

	doc_rng = doc_schema_load(test_path("policy-templates/document.rng"), &d);
	if (!doc_rng)
		diag_print(&d, stderr);
	diag_free(&d);
	ooxml_validate_init();
}

static void suite_teardown(void)
{
	doc_schema_free(doc_rng);
	doc_rng = NULL;
	ooxml_validate_cleanup();
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_put(&b, chunk, n) < 0)
			break;
	fclose(f);
	return buf_detach(&b, len);
}

static char *diag_text(struct diag *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	if (f) {
		diag_print(d, f);
		fclose(f);
	}
	return s;
}

static struct doc *parse_string(const char *xml, const char *name)
{
	struct diag d = DIAG_INIT;
	struct doc *doc;
	char *msg;

	ck_assert_ptr_nonnull(doc_rng);
	doc = doc_parse(xml, strlen(xml), name, doc_rng, &d);
	msg = diag_text(&d);
	ck_assert_msg(doc != NULL, "%s does not parse:\n%s", name, msg ? msg : "");
	free(msg);
	diag_free(&d);
	return doc;
}

static struct doc *load_fixture(const char *rel)
{
	size_t len;
	char *xml = read_file(test_path(rel), &len);
	struct doc *doc;

	ck_assert_msg(xml != NULL, "cannot read %s", rel);
	doc = parse_string(xml, rel);
	free(xml);
	return doc;
}

static void render(const struct doc *doc, int letter, struct buf *out)
{
	struct docx_options opt = { letter, NULL, 0, NULL, NULL };
	struct diag d = DIAG_INIT;
	char *msg;
	int rc;

	rc = render_docx(doc, &opt, out, &d);
	msg = diag_text(&d);
	ck_assert_msg(rc == 0 && d.errors == 0 && d.warnings == 0,
		      "render_docx: %d\n%s", rc, msg ? msg : "");
	free(msg);
	diag_free(&d);
}

static void render_fixture(const char *rel, int letter, struct buf *out)
{
	struct doc *doc = load_fixture(rel);

	render(doc, letter, out);
	doc_free(doc);
}

static void assert_valid(const struct buf *docx, const char *what)
{
	char err[4096];

	ck_assert_msg(ooxml_validate_docx(docx->data, docx->len, err, sizeof(err)) == 0,
		      "%s does not validate:\n%s", what, err);
}

/* One part of a package (caller frees), or NULL when it has none. */
static char *part(const struct buf *docx, const char *name, size_t *len)
{
	struct package pk;
	char *data = NULL;
	long i;

	ck_assert_int_eq(package_read(docx->data, docx->len, &pk), 0);
	i = package_find(&pk, name);
	if (i >= 0) {
		data = pk.data[i];
		pk.data[i] = NULL;
		if (len)
			*len = pk.lens[i];
	}
	package_free(&pk);
	return data;
}

static xmlDocPtr part_xml(const struct buf *docx, const char *name)
{
	size_t len;
	char *data = part(docx, name, &len);
	xmlDocPtr x;

	ck_assert_msg(data != NULL, "no part %s", name);
	/* Without the indentation between elements, which means nothing. */
	x = xmlReadMemory(data, (int)len, name, NULL,
			  XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(data);
	ck_assert_msg(x != NULL, "%s is not XML", name);
	return x;
}

static xmlXPathObjectPtr xpath(xmlDocPtr x, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(x);
	xmlXPathObjectPtr r;

	ck_assert_ptr_nonnull(ctx);
	xmlXPathRegisterNs(ctx, BAD_CAST "w", BAD_CAST NS_W);
	xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST NS_R);
	xmlXPathRegisterNs(ctx, BAD_CAST "wp",
			   BAD_CAST "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
	xmlXPathRegisterNs(ctx, BAD_CAST "a",
			   BAD_CAST "http://schemas.openxmlformats.org/drawingml/2006/main");
	xmlXPathRegisterNs(ctx, BAD_CAST "wpg",
			   BAD_CAST "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup");
	xmlXPathRegisterNs(ctx, BAD_CAST "wps",
			   BAD_CAST "http://schemas.microsoft.com/office/word/2010/wordprocessingShape");
	xmlXPathRegisterNs(ctx, BAD_CAST "ct", BAD_CAST NS_CT);
	xmlXPathRegisterNs(ctx, BAD_CAST "rel", BAD_CAST NS_PR);
	xmlXPathRegisterNs(ctx, BAD_CAST "cp",
			   BAD_CAST "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(ctx, BAD_CAST "dcterms", BAD_CAST "http://purl.org/dc/terms/");
	xmlXPathRegisterNs(ctx, BAD_CAST "ep",
			   BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
	r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	ck_assert_msg(r != NULL, "bad XPath %s", expr);
	return r;
}

static double xp_number(xmlDocPtr x, const char *expr)
{
	xmlXPathObjectPtr r = xpath(x, expr);
	double v = xmlXPathCastToNumber(r);

	xmlXPathFreeObject(r);
	return v;
}

/* string(expr), caller frees. */
static char *xp_string(xmlDocPtr x, const char *expr)
{
	xmlXPathObjectPtr r = xpath(x, expr);
	xmlChar *v = xmlXPathCastToString(r);
	char *s = strdup((const char *)v);

	xmlFree(v);
	xmlXPathFreeObject(r);
	return s;
}

#define ck_assert_xp_number(x, expr, want)                                    \
	do {                                                                  \
		double got_ = xp_number((x), (expr));                         \
		ck_assert_msg(got_ == (want), "%s: %g, want %g", (expr), got_, \
			      (double)(want));                                \
	} while (0)

#define ck_assert_xp_string(x, expr, want)                                    \
	do {                                                                  \
		char *got_ = xp_string((x), (expr));                          \
		ck_assert_msg(strcmp(got_, (want)) == 0, "%s: \"%s\", want \"%s\"", \
			      (expr), got_, (want));                          \
		free(got_);                                                   \
	} while (0)

static void make_dirs(const char *path)
{
	char dir[1024];
	char *s;

	snprintf(dir, sizeof(dir), "%s", path);
	for (s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0777) < 0 && errno != EEXIST)
			ck_abort_msg("cannot create %s", dir);
		*s = '/';
	}
}

/* A whole part against tests/docx/expected/<stem>/<name>; UPDATE=1
 * writes the expected file instead, for a reviewed diff. */
static void check_golden(const struct buf *docx, const char *stem, const char *name)
{
	char rel[512], *want, *got, *a, *b;
	size_t want_len, got_len;
	const char *update = getenv("UPDATE");
	long line = 1;

	snprintf(rel, sizeof(rel), "tests/docx/expected/%s/%s", stem, name);
	got = part(docx, name, &got_len);
	ck_assert_msg(got != NULL, "no part %s", name);
	if (update && strcmp(update, "1") == 0) {
		FILE *f;
		make_dirs(test_path(rel));
		f = fopen(test_path(rel), "wb");
		ck_assert_msg(f != NULL, "cannot write %s", rel);
		ck_assert(fwrite(got, 1, got_len, f) == got_len);
		ck_assert(fclose(f) == 0);
		free(got);
		return;
	}
	want = read_file(test_path(rel), &want_len);
	ck_assert_msg(want != NULL, "cannot read %s (make check UPDATE=1 writes it)", rel);
	for (a = want, b = got; *a && *a == *b; a++, b++)
		line += *a == '\n';
	if (want_len != got_len || memcmp(want, got, got_len) != 0) {
		char wl[200], gl[200];
		const char *ws = a, *gs = b;
		while (ws > want && ws[-1] != '\n')
			ws--;
		while (gs > got && gs[-1] != '\n')
			gs--;
		snprintf(wl, sizeof(wl), "%.*s", (int)strcspn(ws, "\n"), ws);
		snprintf(gl, sizeof(gl), "%.*s", (int)strcspn(gs, "\n"), gs);
		free(want);
		free(got);
		ck_abort_msg("%s differs at line %ld:\n want: %s\n got:  %s\n"
			     "(make check UPDATE=1 rewrites it; review the diff)",
			     rel, line, wl, gl);
	}
	free(want);
	free(got);
}

/* ==== tests ==== */

START_TEST(test_fixtures_validate)
{
	static const char *const fixtures[] = {
		"tests/docx/all-ja.xml", "tests/docx/all-en.xml",
		"tests/docx/escape.xml", "tests/docx/minimal.xml",
	};
	struct buf out = BUF_INIT;
	int letter;
	size_t i;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		for (letter = 0; letter <= 1; letter++) {
			render_fixture(fixtures[i], letter, &out);
			assert_valid(&out, fixtures[i]);
			buf_free(&out);
		}
	}
}
END_TEST

START_TEST(test_golden_parts)
{
	static const char *const stems[] = { "all-ja", "all-en" };
	struct buf out = BUF_INIT;
	char rel[128];
	size_t i;

	for (i = 0; i < sizeof(stems) / sizeof(stems[0]); i++) {
		snprintf(rel, sizeof(rel), "tests/docx/%s.xml", stems[i]);
		render_fixture(rel, 0, &out);
		check_golden(&out, stems[i], "word/document.xml");
		check_golden(&out, stems[i], "word/styles.xml");
		buf_free(&out);
	}
}
END_TEST

/* The same tree gives the same bytes, twice and in any time zone. */
/* The kept parts (docx_cache) change no byte: a run that renders a
 * Japanese, an English and a US Letter document twice each through one
 * cache writes what it writes without one. */
START_TEST(test_cache_same_bytes)
{
	static const struct {
		const char *rel;
		int letter;
	} docs[] = { { "tests/docx/all-ja.xml", 0 }, { "tests/docx/all-en.xml", 0 },
		     { "tests/docx/all-en.xml", 1 }, { "tests/docx/all-ja.xml", 0 },
		     { "tests/docx/all-en.xml", 1 }, { "tests/docx/minimal.xml", 0 } };
	struct docx_cache cache;
	size_t i;

	memset(&cache, 0, sizeof(cache));
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct docx_options opt = { docs[i].letter, NULL, 0, NULL, &cache };
		struct buf plain = BUF_INIT, kept = BUF_INIT;
		struct diag d = DIAG_INIT;
		struct doc *doc = load_fixture(docs[i].rel);

		render(doc, docs[i].letter, &plain);
		ck_assert_int_eq(render_docx(doc, &opt, &kept, &d), 0);
		ck_assert_msg(kept.len == plain.len && memcmp(kept.data, plain.data, plain.len) == 0,
			      "%s (letter %d): different bytes through the cache", docs[i].rel,
			      docs[i].letter);
		buf_free(&plain);
		buf_free(&kept);
		diag_free(&d);
		doc_free(doc);
	}
	ck_assert_uint_ge(cache.n, 2); /* ja and en at least were kept */
	/* A part met twice running was kept deflated, and copied from there. */
	ck_assert_uint_ge(cache.npacked, 1);
	docx_cache_free(&cache);
}
END_TEST

START_TEST(test_same_bytes)
{
	static const char *const zones[] = {
		"UTC0", "JST-9", "PST8PDT,M3.2.0,M11.1.0", "NZST-12NZDT,M9.5.0,M4.1.0/3",
	};
	struct buf first = BUF_INIT, again = BUF_INIT;
	struct doc *doc = load_fixture("tests/docx/all-ja.xml");
	const char *tz = getenv("TZ");
	char *saved = tz ? strdup(tz) : NULL;
	size_t i;

	render(doc, 0, &first);
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		render(doc, 0, &again);
		ck_assert_msg(again.len == first.len &&
			      memcmp(again.data, first.data, first.len) == 0,
			      "different bytes with TZ=%s", zones[i]);
		buf_free(&again);
	}
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	buf_free(&first);
	doc_free(doc);
}
END_TEST

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

/* Entries in a fixed order, deflated, dated noon of the effective date,
 * with no extra fields. */
START_TEST(test_zip_entries)
{
	static const char *const order[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml",
		"word/numbering.xml", "word/settings.xml", "word/fontTable.xml",
		"word/header1.xml", "word/footer1.xml", "docProps/core.xml",
		"docProps/app.xml",
	};
	struct buf out = BUF_INIT;
	const unsigned char *p;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t i;
	int headers = 0;

	render_fixture("tests/docx/all-ja.xml", 0, &out);
	zip_error_init(&ze);
	src = zip_source_buffer_create(out.data, out.len, 0, &ze);
	ck_assert_ptr_nonnull(src);
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	ck_assert_ptr_nonnull(za);
	zip_error_fini(&ze);
	ck_assert_int_eq(zip_get_num_entries(za, 0), sizeof(order) / sizeof(order[0]));
	for (i = 0; i < zip_get_num_entries(za, 0); i++) {
		zip_stat_t st;
		ck_assert_int_eq(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
		ck_assert_str_eq(st.name, order[i]);
		/* Deflated, but for parts under 2 KiB, which are stored. */
		ck_assert_int_eq(st.comp_method, st.size < 2048 ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
		ck_assert_int_eq(zip_file_extra_fields_count(za, (zip_uint64_t)i, ZIP_FL_LOCAL), 0);
		ck_assert_int_eq(zip_file_extra_fields_count(za, (zip_uint64_t)i, ZIP_FL_CENTRAL), 0);
	}
	zip_close(za);
	/* Every local header: DOS time 12:00:00, date 2024-04-01. */
	for (p = (const unsigned char *)out.data;
	     p + 30 <= (const unsigned char *)out.data + out.len &&
	     memcmp(p, "PK\3\4", 4) == 0;
	     p += 30 + le16(p + 26) + le16(p + 28) + (le16(p + 18) | (size_t)le16(p + 20) << 16)) {
		ck_assert_uint_eq(le16(p + 10), 12u << 11);
		ck_assert_uint_eq(le16(p + 12), (2024u - 1980) << 9 | 4u << 5 | 1u);
		ck_assert_uint_eq(le16(p + 6) & 8u, 0); /* no data descriptor */
		headers++;
	}
	ck_assert_int_eq(headers, sizeof(order) / sizeof(order[0]));
	buf_free(&out);
}
END_TEST

START_TEST(test_document_structure)
{
	struct buf out = BUF_INIT;
	xmlDocPtr x;

	render_fixture("tests/docx/all-ja.xml", 0, &out);
	x = part_xml(&out, "word/document.xml");

	/* Title block: title, subtitle, the info table, the company. */
	ck_assert_xp_string(x, "string(/w:document/w:body/w:p[1][w:pPr/w:pStyle/@w:val='Title'])",
			    "製品セキュリティ基本方針");
	ck_assert_xp_number(x, "count(/w:document/w:body/w:p[2][w:pPr/w:pStyle/@w:val='Subtitle'])", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[1]/w:tr)", 5);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[1]/w:tr[2]/w:tc[2])", "第1.2版");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[1]/w:tr[5])", "次回見直し2025年3月31日");
	/* The sign-off: its title across the block, a column a step with
	 * its label, the title above the name, then the date. */
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[2]/w:tr)", 4);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[1])", "承認欄");
	ck_assert_xp_number(x, "/w:document/w:body/w:tbl[2]/w:tr[1]/w:tc/w:tcPr/w:gridSpan/@w:val", 2);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[2])", "承認作成");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[3])", "代表取締役社長山田 太郎佐藤 花子");
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[2]/w:tr[3]/w:tc[1]//w:br)", 1);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[4])", "2024年3月15日");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tblPr/w:jc/@w:val)", "right");
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Company'])", 1);

	/* The organisation chart: one inline group of editable shapes in a
	 * Figure paragraph; each box a text box with its lines, one frame,
	 * a line shape per connector, drawing ids unique. */
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Figure']/w:r/w:drawing/wp:inline//wpg:wgp)", 1);
	ck_assert_xp_number(x, "count(//wpg:wgp/wps:wsp[wps:txbx][wps:spPr/a:solidFill])", 5);
	ck_assert_xp_number(x, "count(//wpg:wgp/wps:wsp[wps:cNvCnPr])", 5);
	ck_assert_xp_number(x, "count(//wpg:wgp/wps:wsp[wps:spPr/a:ln/a:prstDash])", 1);
	ck_assert_xp_string(x, "string(//wpg:wgp/wps:wsp[wps:txbx][.//w:t='PSIRT（脆弱性対応）']//w:p[3])",
			    "高橋 & 伊藤");
	ck_assert_xp_number(x, "count(//wp:docPr/@id | //wps:cNvPr/@id)", 12);
	ck_assert_xp_string(x, "string(//wp:docPr/@descr)",
			    "経営者、製品セキュリティ責任者、PSIRT（脆弱性対応）、開発責任者、顧客・利用者");

	/* The timeline: a table with a label column and one a period, the
	 * marked slots shaded, the long label in its cell. */
	ck_assert_xp_number(x, "count(//w:tbl[w:tblGrid/w:gridCol[5]][not(w:tblGrid/w:gridCol[6])]"
			       "//w:tc[w:tcPr/w:shd/@w:fill='2B4C6F'])", 3);
	ck_assert_xp_string(x, "string(//w:tbl[w:tblGrid/w:gridCol[5]]/w:tr[3]/w:tc[1])",
			    "組込みC言語のセキュアコーディング & 演習（長い名前の研修は二行に折り返して表示する）");

	/* The TOC: one field, entries pre-filled, linked to the headings. */
	ck_assert_xp_number(x, "count(//w:instrText[.=' TOC \\o \"1-3\" \\h \\z \\u '])", 1);
	ck_assert_xp_number(x, "count(//w:fldChar[@w:fldCharType='begin'])",
			    xp_number(x, "count(//w:fldChar[@w:fldCharType='end'])"));
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='TOC1'])", 4);
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='TOC2'])", 1);
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='TOC3'])", 1);
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='TOC3']/w:hyperlink/w:r[1]/w:t)",
			    "1.1.1");
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='TOC3']/w:hyperlink/w:r[3]/w:t)",
			    "対象製品一覧");
	ck_assert_xp_number(x, "count(//w:hyperlink[@w:anchor][not(@w:anchor = //w:bookmarkStart/@w:name)])", 0);
	ck_assert_xp_number(x, "count(//w:bookmarkStart)", xp_number(x, "count(//w:bookmarkEnd)"));

	/* Headings: real styles, one bookmark each, ids as bookmarks. */
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Heading1'])", 4);
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Heading3'])", 1);
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Heading6'])", 1);
	ck_assert_xp_number(x, "count(//w:bookmarkStart[starts-with(@w:name, '_Toc')])", 9);
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Heading2']/w:bookmarkStart[@w:name='scope'])", 1);
	ck_assert_xp_number(x, "count(//w:bookmarkStart[@w:name='scope_products'])", 1);
	ck_assert_xp_number(x, "count(//w:bookmarkStart[@w:name='level_4'])", 1);
	ck_assert_xp_number(x, "count(//w:hyperlink[@w:anchor='scope'])", 1);
	ck_assert_xp_number(x, "count(//w:hyperlink[@w:anchor='purpose']//w:b)", 1);

	/* Inline: strong, em, br; external links through relationships. */
	ck_assert_xp_number(x, "count(//w:r[w:rPr/w:b][w:t='IoT機器'])", 1);
	ck_assert_xp_number(x, "count(//w:r[w:rPr/w:i][w:t='経営者が自ら'])", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[position() > 2]//w:tc//w:br)", 1);
	ck_assert_xp_number(x, "count(//w:hyperlink[@r:id])", 2);
	ck_assert_xp_number(x, "count(//w:hyperlink[@r:id]/w:r[not(w:rPr/w:rStyle/@w:val='Hyperlink')])", 0);

	/* Tables: grid from the widths, header rows repeated and shaded,
	 * spans, rows kept whole, an empty cell still holds a paragraph. */
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl)", 6); /* the timeline is the sixth */
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[3]/w:tblGrid/w:gridCol)", 3);
	ck_assert_xp_number(x, "sum(/w:document/w:body/w:tbl[3]/w:tblGrid/w:gridCol/@w:w)", 9298);
	ck_assert_xp_number(x, "/w:document/w:body/w:tbl[3]/w:tblGrid/w:gridCol[2]/@w:w", 4649);
	ck_assert_xp_number(x, "/w:document/w:body/w:tbl[3]/w:tr[1]/w:tc[2]/w:tcPr/w:tcW/@w:w", 4649);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[3]/w:tr[1]/w:trPr/w:tblHeader)", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[3]/w:tr[1]/w:tc/w:tcPr/w:shd[@w:fill])", 3);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[3]/w:tr[2]/w:trPr/w:tblHeader)", 0);
	ck_assert_xp_number(x, "/w:document/w:body/w:tbl[3]/w:tr[3]/w:tc[2]/w:tcPr/w:gridSpan/@w:val", 2);
	ck_assert_xp_number(x, "count(//w:tr[not(w:trPr/w:cantSplit)])", 0);
	ck_assert_xp_number(x, "count(//w:tc[not(w:p)])", 0);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[4]/w:tr[w:trPr/w:tblHeader])", 2);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[4]/w:tr[4]/w:tc/w:tcPr/w:shd)", 1);
	/* Two tables in a row are kept apart by a paragraph. */
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[3]/following-sibling::*[1][self::w:p])", 1);

	/* Notes, warnings, the signature block. */
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Note'])", 1);
	ck_assert_xp_number(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Warning'])", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[5]/w:tr)", 3);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[5]/w:tr[2]/w:tc[1])", "署名・印");
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[5]/w:tr/w:trPr/w:trHeight[@w:hRule='atLeast'])", 3);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[5]/w:tblPr/w:tblBorders)", 1);

	/* The page: A4 portrait, header and footer referenced. */
	ck_assert_xp_number(x, "/w:document/w:body/w:sectPr/w:pgSz/@w:w", 11906);
	ck_assert_xp_number(x, "/w:document/w:body/w:sectPr/w:pgSz/@w:h", 16838);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:sectPr/w:headerReference)", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:sectPr/w:footerReference)", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/*[last()][self::w:sectPr])", 1);
	xmlFreeDoc(x);
	buf_free(&out);
}
END_TEST

START_TEST(test_lists)
{
	struct buf out = BUF_INIT;
	xmlDocPtr x, num;
	xmlXPathObjectPtr ids;
	int i;

	render_fixture("tests/docx/all-ja.xml", 0, &out);
	x = part_xml(&out, "word/document.xml");
	num = part_xml(&out, "word/numbering.xml");

	/* Nesting: the level follows the depth. */
	ck_assert_xp_number(x, "//w:p[w:r/w:t='国内向けサービス']/w:pPr/w:numPr/w:ilvl/@w:val", 1);
	ck_assert_xp_number(x, "//w:p[w:r/w:t='入れ子だけの項目']/w:pPr/w:numPr/w:ilvl/@w:val", 1);
	/* Text after a nested list continues the item, unnumbered, indented. */
	ck_assert_xp_number(x, "count(//w:p[w:r/w:t='これらの保守・運用を委託する場合を含む。']/w:pPr/w:numPr)", 0);
	ck_assert_xp_number(x, "//w:p[w:r/w:t='これらの保守・運用を委託する場合を含む。']/w:pPr/w:ind/@w:left", 420);
	/* Bullets share one instance; each numbered list has its own,
	 * restarting at 1. */
	ck_assert_xp_number(x, "//w:p[w:r/w:t='当社が販売するすべてのIoT機器とそのファームウェア']/w:pPr/w:numPr/w:numId/@w:val", 2);
	ck_assert_msg(xp_number(x, "//w:p[w:r/w:t='第一']/w:pPr/w:numPr/w:numId/@w:val") !=
		      xp_number(x, "//w:p[w:r/w:t='リスクを洗い出す']/w:pPr/w:numPr/w:numId/@w:val"),
		      "two numbered lists share a numbering instance");
	ck_assert_xp_number(x, "//w:p[w:r/w:t='第二']/w:pPr/w:numPr/w:numId/@w:val",
			    xp_number(x, "//w:p[w:r/w:t='第一']/w:pPr/w:numPr/w:numId/@w:val"));
	ck_assert_xp_number(num, "count(/w:numbering/w:num[w:lvlOverride/w:startOverride/@w:val='1'])", 4);
	ck_assert_xp_number(num, "count(/w:numbering/w:abstractNum)", 3);
	ck_assert_xp_string(num, "string(/w:numbering/w:abstractNum[1]/w:lvl[@w:ilvl='2']/w:lvlText/@w:val)",
			    "%1.%2.%3");
	ck_assert_xp_string(num, "string(/w:numbering/w:abstractNum[1]/w:lvl[@w:ilvl='0']/w:pStyle/@w:val)",
			    "Heading1");
	/* Every numId used is defined. */
	ids = xpath(x, "//w:numId/@w:val");
	ck_assert_ptr_nonnull(ids->nodesetval);
	for (i = 0; i < ids->nodesetval->nodeNr; i++) {
		xmlChar *v = xmlNodeGetContent(ids->nodesetval->nodeTab[i]);
		char expr[128];
		snprintf(expr, sizeof(expr), "count(/w:numbering/w:num[@w:numId='%s'])", (char *)v);
		ck_assert_xp_number(num, expr, 1);
		xmlFree(v);
	}
	xmlXPathFreeObject(ids);
	xmlFreeDoc(num);
	xmlFreeDoc(x);
	buf_free(&out);
}
END_TEST

START_TEST(test_styles_and_settings)
{
	struct buf out = BUF_INIT;
	xmlDocPtr st, set, hdr, ftr, core, app, ct;

	render_fixture("tests/docx/all-ja.xml", 0, &out);
	st = part_xml(&out, "word/styles.xml");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:rFonts/@w:eastAsia)", "Noto Serif CJK JP");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:lang/@w:eastAsia)", "ja-JP");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:lang/@w:val)", "en-US");
	ck_assert_xp_number(st, "//w:docDefaults//w:sz/@w:val", 21);
	ck_assert_xp_number(st, "count(//w:docDefaults//w:kinsoku)", 1);
	ck_assert_xp_number(st, "count(//w:docDefaults//w:autoSpaceDE)", 1);
	ck_assert_xp_number(st, "count(//w:docDefaults//w:autoSpaceDN)", 1);
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Heading1']//w:rFonts/@w:eastAsia)",
			    "Noto Sans CJK JP");
	ck_assert_xp_number(st, "//w:style[@w:styleId='Heading3']/w:pPr/w:outlineLvl/@w:val", 2);
	ck_assert_xp_number(st, "//w:style[@w:styleId='Heading3']/w:pPr/w:numPr/w:numId/@w:val", 1);
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Normal']/w:pPr/w:jc/@w:val)", "both");
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='TOC2'])", 1);
	xmlFreeDoc(st);

	set = part_xml(&out, "word/settings.xml");
	ck_assert_xp_string(set, "string(/w:settings/w:updateFields/@w:val)", "true");
	xmlFreeDoc(set);

	hdr = part_xml(&out, "word/header1.xml");
	ck_assert_xp_string(hdr, "string(/w:hdr)", "株式会社あけぼのデバイス製品セキュリティ基本方針社外秘");
	xmlFreeDoc(hdr);
	ftr = part_xml(&out, "word/footer1.xml");
	ck_assert_xp_number(ftr, "count(//w:instrText[.=' PAGE '])", 1);
	ck_assert_xp_number(ftr, "count(//w:instrText[.=' NUMPAGES '])", 1);
	ck_assert_xp_number(ftr, "count(//w:t[.='AKB-PS-001'])", 1);
	ck_assert_xp_number(ftr, "count(//w:t[.='第1.2版'])", 1);
	xmlFreeDoc(ftr);

	/* Dates from the document, never the clock. */
	core = part_xml(&out, "docProps/core.xml");
	ck_assert_xp_string(core, "string(//dcterms:created)", "2024-04-01T00:00:00Z");
	ck_assert_xp_string(core, "string(//dcterms:modified)", "2024-04-01T00:00:00Z");
	ck_assert_xp_string(core, "string(//dc:title)", "製品セキュリティ基本方針");
	ck_assert_xp_string(core, "string(//dc:creator)", "山田 太郎");
	ck_assert_xp_string(core, "string(//cp:keywords)", "IoT, 製品セキュリティ, PSIRT");
	ck_assert_xp_string(core, "string(//cp:version)", "1.2");
	ck_assert_xp_number(core, "count(//cp:revision)", 0); /* "1.2" is no count */
	xmlFreeDoc(core);
	app = part_xml(&out, "docProps/app.xml");
	ck_assert_xp_string(app, "string(//ep:Company)", "株式会社あけぼのデバイス");
	xmlFreeDoc(app);
	ct = part_xml(&out, "[Content_Types].xml");
	ck_assert_xp_number(ct, "count(//ct:Override)", 9);
	xmlFreeDoc(ct);
	buf_free(&out);
}
END_TEST

START_TEST(test_english_and_letter)
{
	struct buf out = BUF_INIT;
	xmlDocPtr st, x, core;

	render_fixture("tests/docx/all-en.xml", 1, &out);
	st = part_xml(&out, "word/styles.xml");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:lang/@w:val)", "en-GB");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:lang/@w:eastAsia)", "ja-JP");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:rFonts/@w:ascii)", "Liberation Serif");
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Normal']/w:pPr/w:jc/@w:val)", "left");
	xmlFreeDoc(st);
	x = part_xml(&out, "word/document.xml");
	ck_assert_xp_number(x, "/w:document/w:body/w:sectPr/w:pgSz/@w:w", 12240);
	ck_assert_xp_number(x, "/w:document/w:body/w:sectPr/w:pgSz/@w:h", 15840);
	ck_assert_xp_number(x, "sum(/w:document/w:body/w:tbl[3]/w:tblGrid/w:gridCol/@w:w)", 9360);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[1]/w:tr[1]/w:tc[1])", "Document No.");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[1]/w:tr[5])", "Next review31 March 2025");
	/* A draft: the sign-off block says so, its cells empty, the names'
	 * row tall enough for a seal. */
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[2]/w:tr)", 4);
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[1])", "ApprovalDraft: not approved yet");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[2])", "ApprovedReviewedPrepared");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:tbl[2]/w:tr[3])", "");
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[2]/w:tr[w:trPr/w:trHeight/@w:val >= 567])", 1);
	/* The last table's values kept on one line (wrap="false"), its row
	 * header shaded as the header row is. */
	ck_assert_xp_number(x, "count(//w:tc[w:tcPr/w:noWrap])", 4);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[last()]/w:tr[2]/w:tc[2]/w:tcPr/w:noWrap)", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[last()]/w:tr[2]/w:tc[1]/w:tcPr/w:shd[@w:fill])", 1);
	ck_assert_xp_number(x, "count(/w:document/w:body/w:tbl[last()]/w:tr[2]/w:tc[2]/w:tcPr/w:shd)", 0);
	xmlFreeDoc(x);
	core = part_xml(&out, "docProps/core.xml");
	ck_assert_xp_string(core, "string(//dc:creator)", "Akebono Devices Co., Ltd.");
	ck_assert_xp_string(core, "string(//dc:language)", "en-GB");
	xmlFreeDoc(core);
	buf_free(&out);
}
END_TEST

/* Markup, CDATA ends, quotes and ampersands come through as text. */
/* The part writer's bytes: one element a line, "/>" for an empty one, an
 * end tag after text on the text's line; attributes escaped (LF and TAB
 * as references, as a parser would otherwise turn them into spaces),
 * what XML 1.0 cannot hold left out, whether the value takes the plain
 * path or the escaping one. */
START_TEST(test_xml_writer_bytes)
{
	struct buf out = BUF_INIT;
	struct xw *w = docx_xml_open(&out);
	int rc;

	ck_assert_ptr_nonnull(w);
	rc = xw_start(w, "w:p") || xw_attr(w, "a", "plain text") ||
	     xw_attr(w, "b", "x&y\"z\n\t<>") || xw_attr(w, "c", "日本") ||
	     xw_attr(w, "e", "\x01ok\xff") || xw_attr_int(w, "d", -42) ||
	     xw_start(w, "w:pPr") || xw_val(w, "w:pStyle", "Body") || xw_end(w) ||
	     xw_start(w, "w:r") || xw_element_text(w, "w:t", "a < b & \"c\"") || xw_end(w) ||
	     xw_empty(w, "w:br") || xw_element_text(w, "w:t", "") || xw_end(w);
	ck_assert_int_eq(docx_xml_close(w, rc), 0);
	ck_assert_str_eq(buf_str(&out),
			 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			 "<w:p a=\"plain text\" b=\"x&amp;y&quot;z&#10;&#9;&lt;&gt;\" c=\"日本\" "
			 "e=\"ok\" d=\"-42\">\n"
			 "<w:pPr>\n<w:pStyle w:val=\"Body\"/>\n</w:pPr>\n"
			 "<w:r>\n<w:t>a &lt; b &amp; &quot;c&quot;</w:t>\n</w:r>\n"
			 "<w:br/>\n<w:t></w:t>\n</w:p>\n");
	/* An attribute after the start tag is closed is a mistake: -1. */
	buf_reset(&out);
	w = docx_xml_open(&out);
	ck_assert_int_eq(xw_start(w, "w:p") || xw_text(w, "x"), 0);
	ck_assert_int_eq(xw_attr(w, "late", "1"), -1);
	ck_assert_int_eq(docx_xml_close(w, 0), 0);
	buf_free(&out);
}
END_TEST

START_TEST(test_escaping)
{
	static const char href[] = "https://example.com/search?q=a&b='c'&d=%41";
	struct buf out = BUF_INIT;
	xmlDocPtr x, rels, core, hdr;
	char *raw, *rid, expr[128];

	render_fixture("tests/docx/escape.xml", 0, &out);
	assert_valid(&out, "escape.xml");
	raw = part(&out, "word/document.xml", NULL);
	ck_assert_ptr_null(strstr(raw, "<script>"));
	ck_assert_ptr_null(strstr(raw, "]]>"));
	ck_assert_ptr_nonnull(strstr(raw, "&lt;script&gt;alert(1)&lt;/script&gt; and ]]&gt;"));
	free(raw);
	x = part_xml(&out, "word/document.xml");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:p[1])",
			    "<script>alert(\"title\")</script> & ]]>");
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Heading1']//w:t)",
			    "<b>not bold</b>");
	ck_assert_xp_number(x, "count(//w:b)", 0);
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='BodyText'][1])",
			    "<script>alert(1)</script> and ]]> and <![CDATA[x]]> stay text.");
	ck_assert_xp_string(x, "string(//w:tbl[last()]/w:tr/w:tc[1])", "<label> & \"quoted\"");
	rid = xp_string(x, "string(//w:hyperlink/@r:id)");
	xmlFreeDoc(x);

	raw = part(&out, "word/_rels/document.xml.rels", NULL);
	ck_assert_ptr_nonnull(strstr(raw, "Target=\"https://example.com/search?q=a&amp;b='c'&amp;d=%41\""));
	free(raw);
	rels = part_xml(&out, "word/_rels/document.xml.rels");
	snprintf(expr, sizeof(expr), "string(//rel:Relationship[@Id='%s']/@Target)", rid);
	ck_assert_xp_string(rels, expr, href);
	snprintf(expr, sizeof(expr), "string(//rel:Relationship[@Id='%s']/@TargetMode)", rid);
	ck_assert_xp_string(rels, expr, "External");
	xmlFreeDoc(rels);
	free(rid);

	core = part_xml(&out, "docProps/core.xml");
	ck_assert_xp_string(core, "string(//dc:title)", "<script>alert(\"title\")</script> & ]]>");
	ck_assert_xp_string(core, "string(//cp:keywords)", "a & b, <c>");
	xmlFreeDoc(core);
	hdr = part_xml(&out, "word/header1.xml");
	ck_assert_xp_string(hdr, "string(//w:r[last()]/w:t)", "</w:t>");
	xmlFreeDoc(hdr);
	buf_free(&out);
}
END_TEST

static struct doc_node *add_node(struct doc_node *parent, enum doc_type type,
				 const char *text)
{
	struct doc_node *n = calloc(1, sizeof(*n));

	ck_assert_ptr_nonnull(n);
	n->type = type;
	n->span = 1;
	n->text = text ? strdup(text) : NULL;
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

/* A tree doc_parse would never build: what XML cannot hold is left out,
 * and an href with quotes and spaces is percent-encoded. */
START_TEST(test_tree_with_illegal_characters)
{
	struct doc *doc = calloc(1, sizeof(*doc));
	struct doc_node *s, *p, *l;
	struct buf out = BUF_INIT;
	xmlDocPtr x, rels;

	ck_assert_ptr_nonnull(doc);
	doc->kind = strdup("hand");
	doc->lang = strdup("en");
	doc->meta.title = strdup("A\x01" "B\xff" "C\xef\xbf\xbe D\xed\xa0\x80");
	doc->meta.company = strdup("\x0b" "Co\xc3\x28");
	doc->root = add_node(NULL, DOC_DOCUMENT, NULL);
	s = add_node(doc->root, DOC_SECTION, NULL);
	s->level = 1;
	s->id = strdup("9-lives");
	add_node(s, DOC_HEADING, NULL)->level = 1;
	add_node(s->first, DOC_TEXT, "tab\there\x7f ok\xf4\x90\x80\x80");
	p = add_node(s, DOC_PARAGRAPH, NULL);
	l = add_node(p, DOC_LINK, NULL);
	l->href = strdup("https://example.com/a\"b<c> d\xc3\xa9");
	add_node(l, DOC_TEXT, "link");
	l = add_node(p, DOC_LINK, NULL);
	l->href = strdup("#9-lives");
	add_node(l, DOC_TEXT, "self");
	render(doc, 0, &out);
	assert_valid(&out, "the hand-built tree");
	x = part_xml(&out, "word/document.xml");
	ck_assert_xp_string(x, "string(/w:document/w:body/w:p[1])", "ABC D");
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Company'])", "Co(");
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Heading1'])", "tab\there\x7f ok");
	ck_assert_xp_number(x, "count(//w:bookmarkStart[@w:name='s9_lives'])", 1);
	ck_assert_xp_number(x, "count(//w:hyperlink[@w:anchor='s9_lives'])", 1);
	xmlFreeDoc(x);
	rels = part_xml(&out, "word/_rels/document.xml.rels");
	ck_assert_xp_string(rels, "string(//rel:Relationship[@TargetMode='External']/@Target)",
			    "https://example.com/a%22b%3Cc%3E%20d%C3%A9");
	xmlFreeDoc(rels);
	buf_free(&out);
	doc_free(doc);
}
END_TEST

/* doc_parse refuses these; a tree built otherwise gets them from the
 * renderer: a dead "#id" link is a warning, its text kept. */
START_TEST(test_dead_anchor_is_a_warning)
{
	struct doc *doc = calloc(1, sizeof(*doc));
	struct doc_node *s, *p, *l;
	struct docx_options opt = { 0, NULL, 0, NULL, NULL };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	xmlDocPtr x;

	ck_assert_ptr_nonnull(doc);
	doc->name = strdup("dead.xml");
	doc->lang = strdup("en");
	doc->root = add_node(NULL, DOC_DOCUMENT, NULL);
	s = add_node(doc->root, DOC_SECTION, NULL);
	s->level = 1;
	s->id = strdup("a");
	add_node(add_node(s, DOC_HEADING, NULL), DOC_TEXT, "A");
	p = add_node(s, DOC_PARAGRAPH, NULL);
	l = add_node(p, DOC_LINK, NULL);
	l->href = strdup("#nowhere");
	l->line = 2;
	add_node(l, DOC_TEXT, "gone");
	add_node(p, DOC_TEXT, " ");
	l = add_node(p, DOC_LINK, NULL);
	l->href = strdup("#a");
	add_node(l, DOC_TEXT, "here");
	ck_assert_int_eq(render_docx(doc, &opt, &out, &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_eq(d.warnings, 1);
	ck_assert_str_eq(d.v[0].file, "dead.xml");
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "#nowhere"));
	assert_valid(&out, "dead.xml");
	x = part_xml(&out, "word/document.xml");
	ck_assert_xp_number(x, "count(//w:hyperlink)", 1);
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='BodyText'])", "gone here");
	xmlFreeDoc(x);
	buf_free(&out);
	diag_free(&d);
	doc_free(doc);
}
END_TEST

/* Two sections with one id: an error, and out is freed. */
START_TEST(test_duplicate_ids_are_an_error)
{
	struct doc *doc = calloc(1, sizeof(*doc));
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	int i;

	ck_assert_ptr_nonnull(doc);
	doc->name = strdup("dup.xml");
	doc->lang = strdup("ja");
	doc->root = add_node(NULL, DOC_DOCUMENT, NULL);
	for (i = 1; i <= 2; i++) {
		struct doc_node *s = add_node(doc->root, DOC_SECTION, NULL);
		s->level = 1;
		s->line = i;
		s->id = strdup("a");
		add_node(s, DOC_HEADING, NULL);
	}
	ck_assert_int_eq(buf_puts(&out, "old"), 0);
	ck_assert_int_eq(render_docx(doc, NULL, &out, &d), -1);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_ptr_null(out.data);
	diag_free(&d);
	doc_free(doc);
}
END_TEST

/* A package with one part replaced (content NULL: removed), or added
 * when it has none. */
static void mutate(const struct buf *in, const char *name, const char *content,
		   struct buf *out)
{
	struct package pk;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	size_t i;
	char chunk[4096];
	zip_int64_t n;
	bool found = false;

	ck_assert_int_eq(package_read(in->data, in->len, &pk), 0);
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	ck_assert_ptr_nonnull(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	ck_assert_ptr_nonnull(za);
	zip_error_fini(&ze);
	zip_source_keep(src);
	for (i = 0; i <= pk.n; i++) {
		const char *data = i < pk.n ? pk.data[i] : content;
		size_t len = i < pk.n ? pk.lens[i] : (content ? strlen(content) : 0);
		zip_source_t *ps;
		if (i == pk.n && (found || !content))
			break;
		if (i < pk.n && strcmp(pk.names[i], name) == 0) {
			found = true;
			if (!content)
				continue;
			data = content;
			len = strlen(content);
		}
		ps = zip_source_buffer(za, data, len, 0);
		ck_assert_ptr_nonnull(ps);
		ck_assert_int_ge(zip_file_add(za, i < pk.n ? pk.names[i] : name, ps, 0), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	package_free(&pk);
	ck_assert_int_eq(zip_source_open(src), 0);
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		ck_assert_int_eq(buf_put(out, chunk, (size_t)n), 0);
	zip_source_close(src);
	zip_source_free(src);
}

/* The validator itself: each kind of broken package is caught. */
START_TEST(test_validator_catches)
{
	static const struct {
		const char *part, *content, *expect;
	} cases[] = {
		{ "word/document.xml",
		  "<w:document xmlns:w='" NS_W "'><w:body><w:para/></w:body></w:document>",
		  "word/document.xml:1:" },
		{ "word/settings.xml",
		  "<w:settings xmlns:w='" NS_W "'><w:updateFields w:val='maybe'/></w:settings>",
		  "word/settings.xml:1:" },
		{ "word/styles.xml", "<w:styles xmlns:w='" NS_W "'>", "not well-formed" },
		{ "docProps/app.xml", NULL, "Override for a missing part /docProps/app.xml" },
		{ "word/footer1.xml", NULL, "points to a missing part word/footer1.xml" },
		{ "word/_rels/document.xml.rels",
		  "<Relationships xmlns='" NS_PR "'/>",
		  "r:id rId5 is used but not declared" },
		{ "[Content_Types].xml",
		  "<Types xmlns='" NS_CT "'><Default Extension='xml' ContentType='application/xml'/></Types>",
		  "_rels/.rels: no content type" },
		{ "_rels/.rels", NULL, "_rels/.rels: missing" },
		{ "docProps/core.xml",
		  "<cp:coreProperties xmlns:cp='http://schemas.openxmlformats.org/package/2006/metadata/core-properties'"
		  " xmlns:dcterms='http://purl.org/dc/terms/' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>"
		  "<dcterms:created xsi:type='dcterms:W3CDTF'>yesterday</dcterms:created></cp:coreProperties>",
		  "docProps/core.xml:1:" },
		{ "docProps/app.xml", "<Properties/>", "No matching global declaration" },
	};
	struct buf good = BUF_INIT, bad = BUF_INIT;
	char err[4096];
	size_t i;

	render_fixture("tests/docx/minimal.xml", 0, &good);
	assert_valid(&good, "minimal.xml");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mutate(&good, cases[i].part, cases[i].content, &bad);
		ck_assert_int_eq(ooxml_validate_docx(bad.data, bad.len, err, sizeof(err)), -1);
		ck_assert_msg(strstr(err, cases[i].expect) != NULL,
			      "case %zu: want \"%s\" in:\n%s", i, cases[i].expect, err);
		buf_free(&bad);
	}
	ck_assert_int_eq(ooxml_validate_docx("PK not a zip", 12, err, sizeof(err)), -1);
	buf_free(&good);
}
END_TEST

START_TEST(test_minimal_document)
{
	struct buf out = BUF_INIT;
	xmlDocPtr x;

	render_fixture("tests/docx/minimal.xml", 0, &out);
	x = part_xml(&out, "word/document.xml");
	/* No cover fields and no sign-off: no table; an empty TOC is still
	 * a whole field. */
	ck_assert_xp_number(x, "count(//w:tbl)", 0);
	ck_assert_xp_number(x, "count(//w:fldChar)", 3);
	ck_assert_xp_string(x, "string(//w:p[w:pPr/w:pStyle/@w:val='TOCHeading'])", "目次");
	xmlFreeDoc(x);
	buf_free(&out);
}
END_TEST

/* ==== --reference-docx ==== */

#define REFERENCE "tests/docx/reference/company.docx"

/* Renders a fixture with a reference document; 0 or -1, and what the
 * renderer said (caller frees). */
static int render_with(const char *fixture, const struct buf *ref, struct buf *out,
		       char **said)
{
	struct docx_options opt = { 0, ref->data, ref->len, "company.docx", NULL };
	struct doc *doc = load_fixture(fixture);
	struct diag d = DIAG_INIT;
	int rc = render_docx(doc, &opt, out, &d);

	*said = diag_text(&d);
	if (rc == 0 && d.errors)
		rc = -2;
	diag_free(&d);
	doc_free(doc);
	return rc;
}

static void load_reference(struct buf *ref)
{
	size_t len;
	char *data = read_file(test_path(REFERENCE), &len);

	ck_assert_msg(data != NULL, "cannot read %s", REFERENCE);
	buf_free(ref);
	ck_assert_int_eq(buf_put(ref, data, len), 0);
	free(data);
}

/* The company's look from a file LibreOffice saved (company.fodt
 * converted by soffice --convert-to docx): its heading look, body font
 * and header logo; our structure; a valid package. */
START_TEST(test_reference_look)
{
	struct buf ref = BUF_INIT, out = BUF_INIT;
	xmlDocPtr st, x, hdr, rels, ct;
	xmlXPathObjectPtr used;
	char *said, *logo;
	size_t len;
	int i;

	load_reference(&ref);
	ck_assert_msg(render_with("tests/docx/all-ja.xml", &ref, &out, &said) == 0,
		      "%s", said);
	ck_assert_msg(!said || !*said, "unexpected diagnostics: %s", said);
	free(said);
	assert_valid(&out, "all-ja with the reference");

	st = part_xml(&out, "word/styles.xml");
	/* Theirs: Heading1's face, colour, italic, shading; the body font. */
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Heading1']/w:rPr/w:color/@w:val)", "8B1A1A");
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Heading1']/w:rPr/w:rFonts/@w:ascii)", "DejaVu Sans");
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='Heading1']/w:rPr/w:i)", 1);
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Heading1']/w:pPr/w:shd/@w:fill)", "F2E6E6");
	ck_assert_xp_string(st, "string(//w:docDefaults//w:rFonts/@w:ascii)", "DejaVu Serif");
	/* Ours: the heading numbering and outline, the document's language,
	 * and the styles theirs lacks. */
	ck_assert_xp_number(st, "//w:style[@w:styleId='Heading1']/w:pPr/w:numPr/w:numId/@w:val", 1);
	ck_assert_xp_number(st, "//w:style[@w:styleId='Heading2']/w:pPr/w:outlineLvl/@w:val", 1);
	ck_assert_xp_string(st, "string(//w:docDefaults//w:lang/@w:eastAsia)", "ja-JP");
	ck_assert_xp_number(st, "count(//w:style/w:rPr/w:lang)", 0);
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='Note'])", 1);
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='Heading6'])", 1);
	/* Their "Text Body" (id TextBody) is our BodyText, and what named
	 * it follows. */
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='TextBody'])", 0);
	ck_assert_xp_number(st, "//w:style[@w:styleId='BodyText']/w:pPr/w:spacing/@w:after", 113);
	ck_assert_xp_number(st, "count(//w:style[w:basedOn/@w:val='TextBody' or w:next/@w:val='TextBody'])", 0);
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='Header']/w:pPr/w:tabs/w:tab)", 2);
	ck_assert_xp_number(st, "count(//w:style[@w:styleId=preceding-sibling::w:style/@w:styleId])", 0);

	/* Every style document.xml names is defined. */
	x = part_xml(&out, "word/document.xml");
	used = xpath(x, "//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val");
	ck_assert_ptr_nonnull(used->nodesetval);
	ck_assert_int_gt(used->nodesetval->nodeNr, 10);
	for (i = 0; i < used->nodesetval->nodeNr; i++) {
		xmlChar *id = xmlNodeGetContent(used->nodesetval->nodeTab[i]);
		char expr[200];
		snprintf(expr, sizeof(expr), "count(//w:style[@w:styleId='%s'])", (const char *)id);
		ck_assert_msg(xp_number(st, expr) == 1, "style %s is used but not defined", id);
		xmlFree(id);
	}
	xmlXPathFreeObject(used);
	xmlFreeDoc(x);
	xmlFreeDoc(st);

	/* The logo: an inline picture in the header, its part, its
	 * relationship, its content type; the reference's size kept. */
	hdr = part_xml(&out, "word/header1.xml");
	ck_assert_xp_number(hdr, "count(//w:drawing/*[local-name()='inline']//*[local-name()='blip'][@r:embed='rIdLogo'])", 1);
	ck_assert_xp_number(hdr, "//*[local-name()='inline']/*[local-name()='extent']/@cx", 863600);
	ck_assert_xp_string(hdr, "string(//w:p)", " 株式会社あけぼのデバイス製品セキュリティ基本方針  社外秘");
	xmlFreeDoc(hdr);
	rels = part_xml(&out, "word/_rels/header1.xml.rels");
	ck_assert_xp_string(rels, "string(//rel:Relationship[@Id='rIdLogo']/@Target)", "media/logo.png");
	xmlFreeDoc(rels);
	ct = part_xml(&out, "[Content_Types].xml");
	ck_assert_xp_string(ct, "string(//ct:Default[@Extension='png']/@ContentType)", "image/png");
	xmlFreeDoc(ct);
	logo = part(&out, "word/media/logo.png", &len);
	ck_assert_msg(logo && len > 8 && memcmp(logo, "\x89PNG", 4) == 0, "no PNG logo");
	free(logo);
	buf_free(&out);
	buf_free(&ref);
}
END_TEST

START_TEST(test_reference_same_bytes)
{
	struct buf ref = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	char *said;

	load_reference(&ref);
	ck_assert_int_eq(render_with("tests/docx/all-en.xml", &ref, &a, &said), 0);
	free(said);
	ck_assert_int_eq(render_with("tests/docx/all-en.xml", &ref, &b, &said), 0);
	free(said);
	ck_assert(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	assert_valid(&a, "all-en with the reference");
	buf_free(&a);
	buf_free(&b);
	buf_free(&ref);
}
END_TEST

/* Markup Compatibility, Word 2010 namespaces and a theme: what our
 * schemas do not describe is dropped, the theme comes with its
 * relationship and content type. */
START_TEST(test_reference_cleaned)
{
	static const char styles[] =
		"<w:styles xmlns:w='" NS_W "' xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'"
		" xmlns:w14='http://schemas.microsoft.com/office/word/2010/wordml' mc:Ignorable='w14'>"
		"<!-- a comment --><w:style w:type='paragraph' w:styleId='Heading1' w14:foo='1'>"
		"<w:name w:val='heading 1'/><w:rPr><mc:AlternateContent>"
		"<mc:Choice Requires='w14'><w14:glow w14:rad='1'/></mc:Choice>"
		"<mc:Fallback><w:color w:val='00FF00'/></mc:Fallback></mc:AlternateContent>"
		"<w14:ligatures w14:val='standard'/></w:rPr></w:style>"
		"<w:style w:type='paragraph' w:styleId='a'><w:name w:val='Title'/>"
		"<w:rPr><w:sz w:val='60'/></w:rPr></w:style></w:styles>";
	static const char theme[] =
		"<a:theme xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main' name='Company'>"
		"<a:themeElements><a:clrScheme name='c'>"
		"<a:dk1><a:sysClr val='windowText' lastClr='000000'/></a:dk1><a:lt1><a:sysClr val='window' lastClr='FFFFFF'/></a:lt1>"
		"<a:dk2><a:srgbClr val='1F3864'/></a:dk2><a:lt2><a:srgbClr val='E7E6E6'/></a:lt2>"
		"<a:accent1><a:srgbClr val='8B1A1A'/></a:accent1><a:accent2><a:srgbClr val='ED7D31'/></a:accent2>"
		"<a:accent3><a:srgbClr val='A5A5A5'/></a:accent3><a:accent4><a:srgbClr val='FFC000'/></a:accent4>"
		"<a:accent5><a:srgbClr val='5B9BD5'/></a:accent5><a:accent6><a:srgbClr val='70AD47'/></a:accent6>"
		"<a:hlink><a:srgbClr val='0563C1'/></a:hlink><a:folHlink><a:srgbClr val='954F72'/></a:folHlink></a:clrScheme>"
		"<a:fontScheme name='f'><a:majorFont><a:latin typeface='DejaVu Sans'/><a:ea typeface=''/><a:cs typeface=''/></a:majorFont>"
		"<a:minorFont><a:latin typeface='DejaVu Serif'/><a:ea typeface=''/><a:cs typeface=''/></a:minorFont></a:fontScheme>"
		"<a:fmtScheme name='m'><a:fillStyleLst><a:solidFill><a:schemeClr val='phClr'/></a:solidFill>"
		"<a:solidFill><a:schemeClr val='phClr'/></a:solidFill><a:solidFill><a:schemeClr val='phClr'/></a:solidFill></a:fillStyleLst>"
		"<a:lnStyleLst><a:ln w='6350'><a:solidFill><a:schemeClr val='phClr'/></a:solidFill></a:ln>"
		"<a:ln w='12700'><a:solidFill><a:schemeClr val='phClr'/></a:solidFill></a:ln>"
		"<a:ln w='19050'><a:solidFill><a:schemeClr val='phClr'/></a:solidFill></a:ln></a:lnStyleLst>"
		"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"
		"<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
		"<a:bgFillStyleLst><a:solidFill><a:schemeClr val='phClr'/></a:solidFill><a:solidFill><a:schemeClr val='phClr'/></a:solidFill>"
		"<a:solidFill><a:schemeClr val='phClr'/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
		"<a:extLst><a:ext uri='{05A4C25C-085E-4340-85A3-A5531E510DB2}'>"
		"<thm15:themeFamily xmlns:thm15='http://schemas.microsoft.com/office/thememl/2012/main' name='x' id='{1}' vid='{2}'/>"
		"</a:ext></a:extLst></a:theme>";
	struct buf ref = BUF_INIT, r1 = BUF_INIT, r2 = BUF_INIT, out = BUF_INIT;
	xmlDocPtr st, rels, ct;
	char *said, *styles_xml;

	load_reference(&ref);
	mutate(&ref, "word/styles.xml", styles, &r1);
	mutate(&r1, "word/theme/theme1.xml", theme, &r2);
	ck_assert_msg(render_with("tests/docx/all-ja.xml", &r2, &out, &said) == 0, "%s", said);
	free(said);
	assert_valid(&out, "a reference with MCE, w14 and a theme");
	styles_xml = part(&out, "word/styles.xml", NULL);
	ck_assert_ptr_nonnull(styles_xml);
	ck_assert_ptr_null(strstr(styles_xml, "w14"));
	ck_assert_ptr_null(strstr(styles_xml, "markup-compatibility"));
	ck_assert_ptr_null(strstr(styles_xml, "<!--"));
	free(styles_xml);
	st = part_xml(&out, "word/styles.xml");
	/* The Fallback, not the Choice it does not understand. */
	ck_assert_xp_string(st, "string(//w:style[@w:styleId='Heading1']/w:rPr/w:color/@w:val)", "00FF00");
	/* Matched by name: their "Title" (id a) is our Title. */
	ck_assert_xp_number(st, "//w:style[@w:styleId='Title']/w:rPr/w:sz/@w:val", 60);
	ck_assert_xp_number(st, "count(//w:style[@w:styleId='a'])", 0);
	xmlFreeDoc(st);
	styles_xml = part(&out, "word/theme/theme1.xml", NULL);
	ck_assert_msg(styles_xml && strstr(styles_xml, "DejaVu Sans") && !strstr(styles_xml, "thm15"),
		      "the theme: %s", styles_xml ? styles_xml : "none");
	free(styles_xml);
	rels = part_xml(&out, "word/_rels/document.xml.rels");
	ck_assert_xp_string(rels, "string(//rel:Relationship[@Id='rIdTheme']/@Target)", "theme/theme1.xml");
	xmlFreeDoc(rels);
	ct = part_xml(&out, "[Content_Types].xml");
	ck_assert_xp_number(ct, "count(//ct:Override[@PartName='/word/theme/theme1.xml'])", 1);
	xmlFreeDoc(ct);
	buf_free(&out);
	buf_free(&r1);
	buf_free(&r2);
	buf_free(&ref);
}
END_TEST

/* A reference that cannot serve is an error that names it, and no
 * package. */
START_TEST(test_reference_errors)
{
	struct buf ref = BUF_INIT, bad = BUF_INIT, out = BUF_INIT;
	char *said;
	int k;

	load_reference(&ref);
	for (k = 0; k < 6; k++) {
		const char *want;
		char *huge;
		buf_free(&bad);
		switch (k) {
		case 0:
			ck_assert_int_eq(buf_puts(&bad, "PK\x03\x04 this is not a zip"), 0);
			want = "company.docx: error: not a Word file (.docx): not a zip";
			break;
		case 1:
			mutate(&ref, "word/styles.xml", NULL, &bad);
			want = "company.docx: error: not a usable Word file (.docx): it has no word/styles.xml";
			break;
		case 2:
			mutate(&ref, "word/styles.xml", "<w:styles xmlns:w='" NS_W "'><w:style>", &bad);
			want = "company.docx:word/styles.xml:1:";
			break;
		case 3:
			mutate(&ref, "word/styles.xml", "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", &bad);
			want = "DOCTYPE is not allowed";
			break;
		case 4:
			mutate(&ref, "word/styles.xml", "<styles/>", &bad);
			want = "company.docx: error: its word/styles.xml is not a WordprocessingML";
			break;
		default:
			/* Small in the zip, 9 MB once inflated. */
			huge = malloc(9u << 20);
			ck_assert_ptr_nonnull(huge);
			memset(huge, ' ', (9u << 20) - 1);
			huge[(9u << 20) - 1] = '\0';
			mutate(&ref, "word/styles.xml", huge, &bad);
			free(huge);
			want = "company.docx: error: word/styles.xml in the reference document is too large";
			break;
		}
		ck_assert_int_eq(render_with("tests/docx/minimal.xml", &bad, &out, &said), -1);
		ck_assert_msg(said && strstr(said, want), "case %d: want \"%s\" in:\n%s", k, want, said);
		ck_assert_ptr_null(out.data);
		free(said);
	}
	/* Entities that refer to each other: one error, at the DOCTYPE, not
	 * libxml2's dozens about the loop at line 1. */
	buf_free(&bad);
	mutate(&ref, "word/styles.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE w:styles [\n"
	       "<!ENTITY a \"&b;&b;\">\n<!ENTITY b \"&a;&a;\">\n]>\n"
	       "<w:styles xmlns:w='" NS_W "'>&a;</w:styles>", &bad);
	ck_assert_int_eq(render_with("tests/docx/minimal.xml", &bad, &out, &said), -1);
	ck_assert_str_eq(said, "company.docx:word/styles.xml:2:1: error: a DOCTYPE is not allowed "
			       "here (no DTDs or entities are read)\n");
	free(said);
	buf_free(&bad);
	buf_free(&ref);
}
END_TEST

Suite *render_docx_suite(void)
{
	Suite *s = suite_create("render_docx");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fixtures_validate);
	tcase_add_test(tc, test_golden_parts);
	tcase_add_test(tc, test_same_bytes);
	tcase_add_test(tc, test_cache_same_bytes);
	tcase_add_test(tc, test_zip_entries);
	tcase_add_test(tc, test_document_structure);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_styles_and_settings);
	tcase_add_test(tc, test_english_and_letter);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_xml_writer_bytes);
	tcase_add_test(tc, test_tree_with_illegal_characters);
	tcase_add_test(tc, test_dead_anchor_is_a_warning);
	tcase_add_test(tc, test_duplicate_ids_are_an_error);
	tcase_add_test(tc, test_validator_catches);
	tcase_add_test(tc, test_minimal_document);
	tcase_add_test(tc, test_reference_look);
	tcase_add_test(tc, test_reference_same_bytes);
	tcase_add_test(tc, test_reference_cleaned);
	tcase_add_test(tc, test_reference_errors);
	suite_add_tcase(s, tc);
	return s;
}
