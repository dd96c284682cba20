/* check_readback.c - builds the example and reads each DOCX back the way
 * Word or LibreOffice does: from _rels/.rels to the main part, through its
 * relationships to the styles, numbering, footer and core properties. What
 * it finds is held against expectations the DOCX writer does not produce:
 * the HTML of the same build (headings, tables, title) and the profile
 * itself (the effective date). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "base/buf.h"
#include "cmd/build.h"
#include "check_suites.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_OFFICE NS_R "/officeDocument"
#define REL_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define REL_STYLES NS_R "/styles"
#define REL_NUMBERING NS_R "/numbering"
#define REL_FOOTER NS_R "/footer"
#define REL_HEADER NS_R "/header"

static const char *const langs[] = { "ja", "en" };
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

static char tmpdir[256];

static void remove_build(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* One build for the whole suite: the tests only read what it wrote. */
static void build_example(void)
{
	struct build_options o = { .profile = test_path("examples/profile.xml"),
				   .out_dir = tmpdir, .datadir = TEST_SRCDIR,
				   .langs = { (char **)langs, NLANGS }, .html = 1, .docx = 1 };
	struct diag d = DIAG_INIT;
	int rc;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/secpolgen-readback-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	rc = build_run(&o, &d);
	if (rc != SP_OK || d.errors) {
		/* The teardown does not run after a failed setup. */
		diag_print(&d, stderr);
		remove_build();
	}
	ck_assert_int_eq(rc, SP_OK);
	ck_assert_uint_eq(d.errors, 0);
	diag_free(&d);
}

/* ---- XPath ------------------------------------------------------------ */

static xmlXPathObjectPtr xpath_at(xmlDocPtr x, xmlNodePtr at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Evaluates the expression at node at (NULL: the document). Never NULL. */
static xmlXPathObjectPtr xpath_at(xmlDocPtr x, xmlNodePtr at, const char *fmt, ...)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(x);
	xmlXPathObjectPtr r;
	char expr[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expr, sizeof(expr), fmt, ap);
	va_end(ap);
	ck_assert_ptr_nonnull(ctx);
	xmlXPathRegisterNs(ctx, BAD_CAST "w", BAD_CAST NS_W);
	xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST NS_R);
	xmlXPathRegisterNs(ctx, BAD_CAST "rel", BAD_CAST NS_PR);
	xmlXPathRegisterNs(ctx, BAD_CAST "cp",
			   BAD_CAST "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(ctx, BAD_CAST "dcterms", BAD_CAST "http://purl.org/dc/terms/");
	xmlXPathRegisterNs(ctx, BAD_CAST "xsi", BAD_CAST "http://www.w3.org/2001/XMLSchema-instance");
	xmlXPathRegisterNs(ctx, BAD_CAST "p", BAD_CAST "urn:secpolgen:profile:1");
	if (at)
		ctx->node = at;
	r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	ck_assert_msg(r != NULL, "bad XPath %s", expr);
	return r;
}

static int nodes_count(xmlXPathObjectPtr r)
{
	return r->nodesetval ? r->nodesetval->nodeNr : 0;
}

static xmlNodePtr nodes_at(xmlXPathObjectPtr r, int i)
{
	return r->nodesetval->nodeTab[i];
}

/* string(expr) at node at; caller frees. */
static char *xstring(xmlDocPtr x, xmlNodePtr at, const char *expr)
{
	xmlXPathObjectPtr r = xpath_at(x, at, "string(%s)", expr);
	char *s = strdup((const char *)r->stringval);

	ck_assert_ptr_nonnull(s);
	xmlXPathFreeObject(r);
	return s;
}

/* An attribute in the WordprocessingML namespace, or NULL; borrowed until
 * the caller frees it (xmlFree). */
static char *wattr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNsProp(n, BAD_CAST name, BAD_CAST NS_W);
}

/* ---- the package, opened as a consumer opens it ----------------------- */

struct reading {
	const char *lang;
	zip_t *zip;
	char main_name[256];      /* e.g. word/document.xml */
	xmlDocPtr document, styles, numbering, footer, core;
	xmlDocPtr main_rels;
	xmlDocPtr html, profile;
};

static xmlDocPtr zip_part(zip_t *z, const char *name)
{
	zip_stat_t st;
	zip_file_t *f;
	char *data;
	xmlDocPtr x;

	if (zip_stat(z, name, 0, &st) < 0)
		return NULL;
	f = zip_fopen(z, name, 0);
	ck_assert_msg(f != NULL, "cannot open part %s", name);
	data = malloc(st.size + 1);
	ck_assert_ptr_nonnull(data);
	ck_assert_int_eq(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	x = xmlReadMemory(data, (int)st.size, name, NULL, XML_PARSE_NONET);
	free(data);
	ck_assert_msg(x != NULL, "part %s is not XML", name);
	return x;
}

/* The part a relationship in rels (of source part src) points at, resolved
 * as OPC says: relative to src's folder, "../" allowed, "/" from the root.
 * Matched by Type when type is set, else by Id. "" when there is none. */
static void rel_target(xmlDocPtr rels, const char *src, const char *type, const char *id,
		       char *out, size_t outlen)
{
	xmlXPathObjectPtr r;
	char *target, *slash, path[512];
	const char *t;

	if (type)
		r = xpath_at(rels, NULL, "/rel:Relationships/rel:Relationship[@Type='%s']", type);
	else
		r = xpath_at(rels, NULL, "/rel:Relationships/rel:Relationship[@Id='%s']", id);
	out[0] = '\0';
	if (nodes_count(r) == 0) {
		xmlXPathFreeObject(r);
		return;
	}
	ck_assert_msg(nodes_count(r) == 1, "%d relationships %s", nodes_count(r), type ? type : id);
	target = (char *)xmlGetProp(nodes_at(r, 0), BAD_CAST "Target");
	xmlXPathFreeObject(r);
	ck_assert_ptr_nonnull(target);
	if (target[0] == '/') {
		snprintf(path, sizeof(path), "%s", target + 1);
	} else {
		snprintf(path, sizeof(path), "%s", src);
		slash = strrchr(path, '/');
		*(slash ? slash + 1 : path) = '\0';
		for (t = target; strncmp(t, "../", 3) == 0; t += 3) {
			size_t n = strlen(path);
			if (n > 0)
				path[n - 1] = '\0';
			slash = strrchr(path, '/');
			*(slash ? slash + 1 : path) = '\0';
		}
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s", t);
	}
	xmlFree(target);
	ck_assert_msg(strlen(path) < outlen, "part name too long: %s", path);
	memcpy(out, path, strlen(path) + 1);
}

/* word/document.xml -> word/_rels/document.xml.rels */
static void rels_name(const char *part, char *out, size_t outlen)
{
	const char *slash = strrchr(part, '/');
	int dir = slash ? (int)(slash - part + 1) : 0;

	int n = snprintf(out, outlen, "%.*s_rels/%s.rels", dir, part, part + dir);

	ck_assert_msg(n >= 0 && (size_t)n < outlen, "part name too long: %s", part);
}

static xmlDocPtr related_part(struct reading *rd, const char *type, const char *id,
			      char *name, size_t namelen)
{
	xmlDocPtr x;

	rel_target(rd->main_rels, rd->main_name, type, id, name, namelen);
	ck_assert_msg(name[0] != '\0', "%s: no relationship %s", rd->lang, type ? type : id);
	x = zip_part(rd->zip, name);
	ck_assert_msg(x != NULL, "%s: relationship to missing part %s", rd->lang, name);
	return x;
}

static void reading_open(struct reading *rd, const char *lang)
{
	char path[512], name[256];
	xmlDocPtr root_rels;
	xmlXPathObjectPtr r;
	char *id;
	int err = 0;

	memset(rd, 0, sizeof(*rd));
	rd->lang = lang;
	snprintf(path, sizeof(path), "%s/%s/policy.docx", tmpdir, lang);
	rd->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	ck_assert_msg(rd->zip != NULL, "%s: not a zip (libzip error %d)", path, err);

	root_rels = zip_part(rd->zip, "_rels/.rels");
	ck_assert_msg(root_rels != NULL, "%s: no _rels/.rels", path);
	rel_target(root_rels, "", REL_OFFICE, NULL, rd->main_name, sizeof(rd->main_name));
	rel_target(root_rels, "", REL_CORE, NULL, name, sizeof(name));
	xmlFreeDoc(root_rels);
	ck_assert_msg(rd->main_name[0] != '\0', "%s: no officeDocument relationship", path);
	ck_assert_msg(name[0] != '\0', "%s: no core-properties relationship", path);
	rd->core = zip_part(rd->zip, name);
	ck_assert_msg(rd->core != NULL, "%s: no part %s", path, name);
	rd->document = zip_part(rd->zip, rd->main_name);
	ck_assert_msg(rd->document != NULL, "%s: no part %s", path, rd->main_name);
	rels_name(rd->main_name, name, sizeof(name));
	rd->main_rels = zip_part(rd->zip, name);
	ck_assert_msg(rd->main_rels != NULL, "%s: no part %s", path, name);
	rd->styles = related_part(rd, REL_STYLES, NULL, name, sizeof(name));
	rd->numbering = related_part(rd, REL_NUMBERING, NULL, name, sizeof(name));

	/* The footer Word shows on every page: the body's last section's. */
	r = xpath_at(rd->document, NULL,
		     "/w:document/w:body/w:sectPr/w:footerReference[@w:type='default']");
	ck_assert_msg(nodes_count(r) == 1, "%s: %d default footers in the body's sectPr",
		      lang, nodes_count(r));
	id = (char *)xmlGetNsProp(nodes_at(r, 0), BAD_CAST "id", BAD_CAST NS_R);
	xmlXPathFreeObject(r);
	ck_assert_ptr_nonnull(id);
	rd->footer = related_part(rd, NULL, id, name, sizeof(name));
	xmlFree(id);

	snprintf(path, sizeof(path), "%s/%s/policy.html", tmpdir, lang);
	rd->html = htmlReadFile(path, "UTF-8",
				HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	ck_assert_msg(rd->html != NULL, "cannot parse %s", path);
	rd->profile = xmlReadFile(test_path("examples/profile.xml"), NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(rd->profile);
}

static void reading_close(struct reading *rd)
{
	xmlFreeDoc(rd->document);
	xmlFreeDoc(rd->styles);
	xmlFreeDoc(rd->numbering);
	xmlFreeDoc(rd->footer);
	xmlFreeDoc(rd->core);
	xmlFreeDoc(rd->main_rels);
	xmlFreeDoc(rd->html);
	xmlFreeDoc(rd->profile);
	if (rd->zip)
		zip_discard(rd->zip);
	memset(rd, 0, sizeof(*rd));
}

/* ---- text as a reader sees it ----------------------------------------- */

static int is_w(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, NS_W) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The text of a paragraph (or cell): w:t, w:tab as a tab, w:br as a
 * newline; not field instructions, deleted text or property tab stops. */
static void docx_text_walk(xmlNodePtr n, struct buf *b)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(n, "pPr") || is_w(n, "rPr") || is_w(n, "tcPr") || is_w(n, "instrText") ||
		    is_w(n, "delText"))
			continue;
		if (is_w(n, "t")) {
			xmlChar *s = xmlNodeGetContent(n);
			ck_assert_int_eq(buf_puts(b, (const char *)s), 0);
			xmlFree(s);
		} else if (is_w(n, "tab")) {
			ck_assert_int_eq(buf_putc(b, '\t'), 0);
		} else if (is_w(n, "br") || is_w(n, "cr")) {
			ck_assert_int_eq(buf_putc(b, '\n'), 0);
		} else {
			docx_text_walk(n->children, b);
			if (is_w(n, "p") && n->next)
				ck_assert_int_eq(buf_putc(b, '\n'), 0);
		}
	}
}

/* Caller frees. */
static char *docx_text(xmlNodePtr n)
{
	struct buf b = BUF_INIT;
	char *s;

	docx_text_walk(n->children, &b);
	s = buf_detach(&b, NULL);
	ck_assert_ptr_nonnull(s);
	return s;
}

static int is_html_num(xmlNodePtr n)
{
	xmlChar *cls;
	int yes;

	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "span") != 0)
		return 0;
	cls = xmlGetProp(n, BAD_CAST "class");
	yes = cls && strcmp((const char *)cls, "num") == 0;
	xmlFree(cls);
	return yes;
}

static void html_text_walk(xmlNodePtr n, struct buf *b, int skip_num)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			ck_assert_int_eq(buf_puts(b, (const char *)n->content), 0);
		else if (n->type == XML_ELEMENT_NODE && !(skip_num && is_html_num(n)))
			html_text_walk(n->children, b, skip_num);
	}
}

/* Collapses runs of white space to one space and trims, in place. */
static char *squeeze(char *s)
{
	char *r = s, *w = s;
	int space = 0;

	for (; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* An HTML element's text, white space squeezed, without the heading
 * number when skip_num; caller frees. */
static char *html_text(xmlNodePtr n, int skip_num)
{
	struct buf b = BUF_INIT;
	char *s;

	html_text_walk(n->children, &b, skip_num);
	s = buf_detach(&b, NULL);
	ck_assert_ptr_nonnull(s);
	return squeeze(s);
}

/* ---- headings --------------------------------------------------------- */

/* The outline level a paragraph style gives, following w:basedOn as Word
 * does: 0-8, or 9 for body text. */
static int style_outline(xmlDocPtr styles, const char *id, int depth)
{
	xmlXPathObjectPtr r;
	char *lvl, *based;
	int level = 9;

	ck_assert_msg(depth < 20, "w:basedOn loop at style %s", id);
	r = xpath_at(styles, NULL, "/w:styles/w:style[@w:styleId='%s']", id);
	ck_assert_msg(nodes_count(r) == 1, "%d styles with id %s", nodes_count(r), id);
	lvl = xstring(styles, nodes_at(r, 0), "w:pPr/w:outlineLvl/@w:val");
	based = xstring(styles, nodes_at(r, 0), "w:basedOn/@w:val");
	if (lvl[0])
		level = atoi(lvl);
	else if (based[0])
		level = style_outline(styles, based, depth + 1);
	free(lvl);
	free(based);
	xmlXPathFreeObject(r);
	return level;
}

/* The outline level of a body paragraph, as the Navigator and the TOC
 * field see it: 1-9 for a heading, 0 for body text. */
static int para_level(const struct reading *rd, xmlNodePtr p)
{
	char *direct = xstring(rd->document, p, "w:pPr/w:outlineLvl/@w:val");
	char *style = xstring(rd->document, p, "w:pPr/w:pStyle/@w:val");
	int lvl;

	if (direct[0])
		lvl = atoi(direct);
	else
		lvl = style_outline(rd->styles, style[0] ? style : "Normal", 0);
	free(direct);
	free(style);
	return lvl < 9 ? lvl + 1 : 0;
}

struct heading {
	xmlNodePtr p;
	int level;
	char *text;
	char *style;
};

/* Every paragraph of the body with an outline level, in order. */
static int docx_headings(const struct reading *rd, struct heading **out)
{
	xmlXPathObjectPtr r = xpath_at(rd->document, NULL, "/w:document/w:body//w:p");
	struct heading *h = calloc((size_t)nodes_count(r) + 1, sizeof(*h));
	int i, n = 0;

	ck_assert_ptr_nonnull(h);
	for (i = 0; i < nodes_count(r); i++) {
		int level = para_level(rd, nodes_at(r, i));
		if (!level)
			continue;
		h[n].p = nodes_at(r, i);
		h[n].level = level;
		h[n].text = docx_text(nodes_at(r, i));
		h[n].style = xstring(rd->document, nodes_at(r, i), "w:pPr/w:pStyle/@w:val");
		n++;
	}
	xmlXPathFreeObject(r);
	*out = h;
	return n;
}

static void headings_free(struct heading *h, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(h[i].text);
		free(h[i].style);
	}
	free(h);
}

/* The section headings of the HTML: h2 is level 1 (h1 is the title). */
static xmlXPathObjectPtr html_headings(const struct reading *rd)
{
	return xpath_at(rd->html, NULL, "//body//h2|//body//h3|//body//h4|//body//h5|//body//h6");
}

/* (a) Every heading paragraph, in order, is the HTML's section heading at
 * the same level, with a HeadingN style; levels only ever go one deeper. */
START_TEST(test_headings_match_html)
{
	struct reading rd;
	struct heading *h;
	xmlXPathObjectPtr hx;
	int i, n, prev = 0;

	reading_open(&rd, langs[_i]);
	n = docx_headings(&rd, &h);
	hx = html_headings(&rd);
	ck_assert_msg(n >= 10, "%s: only %d headings in the DOCX", rd.lang, n);
	ck_assert_msg(n == nodes_count(hx), "%s: %d headings in the DOCX, %d in the HTML",
		      rd.lang, n, nodes_count(hx));
	for (i = 0; i < n; i++) {
		xmlNodePtr e = nodes_at(hx, i);
		char *want = html_text(e, 1), style[16];
		int want_level = e->name[1] - '1';

		ck_assert_msg(strcmp(h[i].text, want) == 0, "%s heading %d: DOCX \"%s\", HTML \"%s\"",
			      rd.lang, i + 1, h[i].text, want);
		ck_assert_msg(h[i].level == want_level, "%s heading %d \"%s\": level %d, HTML h%d",
			      rd.lang, i + 1, want, h[i].level, want_level + 1);
		snprintf(style, sizeof(style), "Heading%d", h[i].level);
		ck_assert_msg(strcmp(h[i].style, style) == 0, "%s heading \"%s\": style %s, want %s",
			      rd.lang, want, h[i].style, style);
		ck_assert_msg(h[i].level <= prev + 1, "%s heading \"%s\": level %d after level %d",
			      rd.lang, want, h[i].level, prev);
		prev = h[i].level;
		free(want);
	}
	xmlXPathFreeObject(hx);
	headings_free(h, n);
	reading_close(&rd);
}
END_TEST

/* ---- fields ----------------------------------------------------------- */

struct fields {
	char *instr[64];
	int n;
};

static void fields_free(struct fields *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		free(f->instr[i]);
	f->n = 0;
}

/* The instructions of every field in a part, as Word nests them:
 * fldChar begin ... instrText ... separate ... end, or w:fldSimple. Fails
 * on a field that never ends, an end without a begin, or two separators. */
static void part_fields(xmlDocPtr x, const char *part, struct fields *f)
{
	xmlXPathObjectPtr r = xpath_at(x, NULL, "//w:fldChar|//w:instrText|//w:fldSimple");
	struct buf stack[8];
	int seps[8], depth = 0, i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < nodes_count(r); i++) {
		xmlNodePtr n = nodes_at(r, i);
		char *type;

		ck_assert_msg(f->n < 64, "%s: too many fields", part);
		if (is_w(n, "fldSimple")) {
			f->instr[f->n] = wattr(n, "instr");
			ck_assert_ptr_nonnull(f->instr[f->n]);
			f->n++;
			continue;
		}
		if (is_w(n, "instrText")) {
			xmlChar *s = xmlNodeGetContent(n);
			ck_assert_msg(depth > 0, "%s: instrText outside a field", part);
			ck_assert_msg(!seps[depth - 1], "%s: instrText in a field's result", part);
			ck_assert_int_eq(buf_puts(&stack[depth - 1], (const char *)s), 0);
			xmlFree(s);
			continue;
		}
		type = wattr(n, "fldCharType");
		ck_assert_ptr_nonnull(type);
		if (strcmp(type, "begin") == 0) {
			ck_assert_msg(depth < 8, "%s: fields nested too deep", part);
			stack[depth] = (struct buf)BUF_INIT;
			seps[depth++] = 0;
		} else if (strcmp(type, "separate") == 0) {
			ck_assert_msg(depth > 0, "%s: separate outside a field", part);
			ck_assert_msg(!seps[depth - 1], "%s: two separators in a field", part);
			seps[depth - 1] = 1;
		} else {
			ck_assert_msg(strcmp(type, "end") == 0, "%s: fldCharType %s", part, type);
			ck_assert_msg(depth > 0, "%s: end without a begin", part);
			depth--;
			f->instr[f->n] = buf_detach(&stack[depth], NULL);
			ck_assert_ptr_nonnull(f->instr[f->n]);
			f->n++;
		}
		xmlFree(type);
	}
	ck_assert_msg(depth == 0, "%s: %d fields never end", part, depth);
	xmlXPathFreeObject(r);
	for (i = 0; i < f->n; i++)
		squeeze(f->instr[i]);
}

/* The index of the first field whose instruction's first word is word. */
static int field_find(const struct fields *f, const char *word)
{
	size_t n = strlen(word);
	int i;

	for (i = 0; i < f->n; i++)
		if (strncmp(f->instr[i], word, n) == 0 && (f->instr[i][n] == ' ' || !f->instr[i][n]))
			return i;
	return -1;
}

/* (d) A TOC field over the headings' outline levels in the body, PAGE
 * then NUMPAGES in the footer, every field well nested. */
START_TEST(test_fields)
{
	struct reading rd;
	struct fields body, foot;
	int toc, page, pages, lo = 0, hi = 0;
	char label[300];
	const char *o;

	reading_open(&rd, langs[_i]);
	snprintf(label, sizeof(label), "%s %s", rd.lang, rd.main_name);
	part_fields(rd.document, label, &body);
	toc = field_find(&body, "TOC");
	ck_assert_msg(toc >= 0, "%s: no TOC field in %s", rd.lang, rd.main_name);
	o = strstr(body.instr[toc], "\\o \"");
	ck_assert_msg(o != NULL, "%s: TOC field \"%s\" has no \\o switch", rd.lang, body.instr[toc]);
	ck_assert_msg(sscanf(o, "\\o \"%d-%d\"", &lo, &hi) == 2 && lo == 1 && hi >= 2 && hi <= 9,
		      "%s: TOC field \"%s\": levels %d-%d", rd.lang, body.instr[toc], lo, hi);
	ck_assert_msg(strstr(body.instr[toc], "\\h") != NULL,
		      "%s: TOC field \"%s\" without \\h: entries are not links", rd.lang, body.instr[toc]);
	ck_assert_msg(field_find(&body, "PAGE") < 0, "%s: PAGE field in the body", rd.lang);

	snprintf(label, sizeof(label), "%s footer", rd.lang);
	part_fields(rd.footer, label, &foot);
	page = field_find(&foot, "PAGE");
	pages = field_find(&foot, "NUMPAGES");
	ck_assert_msg(page >= 0, "%s: no PAGE field in the footer", rd.lang);
	ck_assert_msg(pages >= 0, "%s: no NUMPAGES field in the footer", rd.lang);
	ck_assert_msg(page < pages, "%s: NUMPAGES before PAGE in the footer", rd.lang);
	fields_free(&body);
	fields_free(&foot);
	reading_close(&rd);
}
END_TEST

/* (a, d) The TOC's cached entries, which LibreOffice shows as they are:
 * one per heading within the \o levels, in order, at the heading's level,
 * each a link to a bookmark in that very heading, with the HTML's number
 * and text. */
START_TEST(test_toc_entries)
{
	struct reading rd;
	struct heading *h;
	xmlXPathObjectPtr toc, hx, bm;
	int i, k, n, nh;

	reading_open(&rd, langs[_i]);
	nh = docx_headings(&rd, &h);
	hx = html_headings(&rd);
	ck_assert_int_eq(nh, nodes_count(hx));
	toc = xpath_at(rd.document, NULL,
		       "/w:document/w:body//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC')"
		       " and w:pPr/w:pStyle/@w:val != 'TOCHeading']");
	n = nodes_count(toc);
	for (i = 0, k = 0; i < nh; i++) {
		xmlNodePtr e;
		char *style, *anchor, *got, *num, *title, want[1024];
		xmlXPathObjectPtr link;
		size_t wl;

		if (h[i].level > 3)
			continue;
		ck_assert_msg(k < n, "%s: heading \"%s\" is not in the TOC (%d entries)",
			      rd.lang, h[i].text, n);
		e = nodes_at(toc, k++);
		style = xstring(rd.document, e, "w:pPr/w:pStyle/@w:val");
		ck_assert_msg(atoi(style + 3) == h[i].level, "%s: TOC entry for \"%s\" is %s, heading level %d",
			      rd.lang, h[i].text, style, h[i].level);
		link = xpath_at(rd.document, e, "w:hyperlink[@w:anchor]");
		ck_assert_msg(nodes_count(link) == 1, "%s: TOC entry for \"%s\" has %d links",
			      rd.lang, h[i].text, nodes_count(link));
		anchor = wattr(nodes_at(link, 0), "anchor");
		bm = xpath_at(rd.document, h[i].p, "w:bookmarkStart[@w:name='%s']", anchor);
		ck_assert_msg(nodes_count(bm) == 1, "%s: TOC link %s does not go to heading \"%s\"",
			      rd.lang, anchor, h[i].text);
		got = docx_text(nodes_at(link, 0));
		num = xstring(rd.html, nodes_at(hx, i), "span[@class='num']");
		title = html_text(nodes_at(hx, i), 1);
		snprintf(want, sizeof(want), "%s\t%s", num, title);
		wl = strlen(want);
		/* A page number may follow after a tab, once Word updates it. */
		ck_assert_msg(strncmp(got, want, wl) == 0 && (got[wl] == '\0' || got[wl] == '\t'),
			      "%s: TOC entry \"%s\", want \"%s\"", rd.lang, got, want);
		xmlXPathFreeObject(bm);
		xmlXPathFreeObject(link);
		xmlFree(anchor);
		free(style);
		free(got);
		free(num);
		free(title);
	}
	ck_assert_msg(k == n, "%s: %d TOC entries for %d headings of levels 1-3", rd.lang, n, k);

	/* Bookmarks: unique names, each start ended, as Word requires. */
	bm = xpath_at(rd.document, NULL, "//w:bookmarkStart");
	for (i = 0; i < nodes_count(bm); i++) {
		char *name = wattr(nodes_at(bm, i), "name"), *id = wattr(nodes_at(bm, i), "id");
		xmlXPathObjectPtr same = xpath_at(rd.document, NULL,
						  "count(//w:bookmarkStart[@w:name='%s'])", name);
		xmlXPathObjectPtr ends = xpath_at(rd.document, NULL,
						  "count(//w:bookmarkEnd[@w:id='%s'])", id);
		ck_assert_msg(same->floatval == 1, "%s: bookmark %s %g times", rd.lang, name, same->floatval);
		ck_assert_msg(ends->floatval == 1, "%s: bookmark %s (id %s) ends %g times",
			      rd.lang, name, id, ends->floatval);
		xmlXPathFreeObject(same);
		xmlXPathFreeObject(ends);
		xmlFree(name);
		xmlFree(id);
	}
	xmlXPathFreeObject(bm);
	xmlXPathFreeObject(toc);
	xmlXPathFreeObject(hx);
	headings_free(h, nh);
	reading_close(&rd);
}
END_TEST

/* ---- styles and numbering ---------------------------------------------- */

/* Every style reference of one kind in x names a style of that type. */
static void styles_referenced(const struct reading *rd, xmlDocPtr x, const char *part,
			      const char *elem, const char *type)
{
	xmlXPathObjectPtr r = xpath_at(x, NULL, "//w:%s/@w:val", elem);
	int i;

	for (i = 0; i < nodes_count(r); i++) {
		xmlChar *id = xmlNodeGetContent(nodes_at(r, i));
		xmlXPathObjectPtr s = xpath_at(rd->styles, NULL,
					       "count(/w:styles/w:style[@w:styleId='%s' and @w:type='%s'])",
					       (const char *)id, type);
		ck_assert_msg(s->floatval == 1, "%s: %s w:%s %s: %g %s styles with that id in styles.xml",
			      rd->lang, part, elem, (const char *)id, s->floatval, type);
		xmlXPathFreeObject(s);
		xmlFree(id);
	}
	xmlXPathFreeObject(r);
}

/* Every w:numId in x (but 0, "no numbering") names a w:num whose abstract
 * numbering exists. */
static void numbering_referenced(const struct reading *rd, xmlDocPtr x, const char *part)
{
	xmlXPathObjectPtr r = xpath_at(x, NULL, "//w:numPr/w:numId/@w:val");
	int i;

	for (i = 0; i < nodes_count(r); i++) {
		xmlChar *id = xmlNodeGetContent(nodes_at(r, i));
		xmlXPathObjectPtr s;

		if (strcmp((const char *)id, "0") != 0) {
			s = xpath_at(rd->numbering, NULL,
				     "count(/w:numbering/w:num[@w:numId='%s']/w:abstractNumId[@w:val ="
				     " /w:numbering/w:abstractNum/@w:abstractNumId])",
				     (const char *)id);
			ck_assert_msg(s->floatval == 1, "%s: %s numId %s has no numbering definition",
				      rd->lang, part, (const char *)id);
			xmlXPathFreeObject(s);
		}
		xmlFree(id);
	}
	xmlXPathFreeObject(r);
}

/* (b) Every style the parts use is defined with its type; the styles'
 * own links resolve; a heading's style is Word's built-in "heading N" with
 * outline level N-1 (what LibreOffice maps to its Heading N and shows in
 * the Navigator), and a TOC entry's is "toc N". */
START_TEST(test_styles_resolve)
{
	static const char *const refs[][2] = { { "pStyle", "paragraph" },
		{ "rStyle", "character" }, { "tblStyle", "table" } };
	static const char *const links[] = { "basedOn", "next", "link" };
	struct reading rd;
	struct heading *h;
	xmlXPathObjectPtr r;
	xmlDocPtr parts[2];
	size_t i, j;
	int k, n;

	reading_open(&rd, langs[_i]);
	parts[0] = rd.document;
	parts[1] = rd.footer;
	for (i = 0; i < 2; i++)
		for (j = 0; j < sizeof(refs) / sizeof(refs[0]); j++)
			styles_referenced(&rd, parts[i], i ? "footer" : rd.main_name,
					  refs[j][0], refs[j][1]);
	for (j = 0; j < sizeof(links) / sizeof(links[0]); j++) {
		r = xpath_at(rd.styles, NULL,
			     "/w:styles/w:style/w:%s[not(@w:val = /w:styles/w:style/@w:styleId)]",
			     links[j]);
		ck_assert_msg(nodes_count(r) == 0, "%s: styles.xml: a w:%s names no style",
			      rd.lang, links[j]);
		xmlXPathFreeObject(r);
	}
	r = xpath_at(rd.styles, NULL, "count(/w:styles/w:style[@w:type='paragraph' and @w:default='1'])");
	ck_assert_msg(r->floatval == 1, "%s: %g default paragraph styles", rd.lang, r->floatval);
	xmlXPathFreeObject(r);
	r = xpath_at(rd.styles, NULL, "/w:styles/w:style/@w:styleId");
	for (k = 0; k < nodes_count(r); k++) {
		xmlChar *id = xmlNodeGetContent(nodes_at(r, k));
		xmlXPathObjectPtr same = xpath_at(rd.styles, NULL,
						  "count(/w:styles/w:style[@w:styleId='%s'])",
						  (const char *)id);
		ck_assert_msg(same->floatval == 1, "%s: style %s defined %g times",
			      rd.lang, (const char *)id, same->floatval);
		xmlXPathFreeObject(same);
		xmlFree(id);
	}
	xmlXPathFreeObject(r);

	numbering_referenced(&rd, rd.document, rd.main_name);
	numbering_referenced(&rd, rd.styles, "styles.xml");

	n = docx_headings(&rd, &h);
	ck_assert_int_gt(n, 0);
	for (k = 0; k < n; k++) {
		char *name, *lvl, want[32];
		xmlXPathObjectPtr s = xpath_at(rd.styles, NULL, "/w:styles/w:style[@w:styleId='%s']",
					       h[k].style);

		ck_assert_msg(nodes_count(s) == 1, "%s: no style %s", rd.lang, h[k].style);
		name = xstring(rd.styles, nodes_at(s, 0), "w:name/@w:val");
		lvl = xstring(rd.styles, nodes_at(s, 0), "w:pPr/w:outlineLvl/@w:val");
		snprintf(want, sizeof(want), "heading %d", h[k].level);
		ck_assert_msg(strcmp(name, want) == 0, "%s: style %s is named \"%s\", want \"%s\"",
			      rd.lang, h[k].style, name, want);
		ck_assert_msg(lvl[0] && atoi(lvl) == h[k].level - 1,
			      "%s: style %s: outlineLvl \"%s\", want %d", rd.lang, h[k].style, lvl,
			      h[k].level - 1);
		free(name);
		free(lvl);
		xmlXPathFreeObject(s);
	}
	headings_free(h, n);

	r = xpath_at(rd.document, NULL, "/w:document/w:body//w:pPr/w:pStyle[starts-with(@w:val, 'TOC')"
			" and @w:val != 'TOCHeading']/@w:val");
	ck_assert_msg(nodes_count(r) > 0, "%s: no TOC entry paragraphs", rd.lang);
	for (k = 0; k < nodes_count(r); k++) {
		xmlChar *id = xmlNodeGetContent(nodes_at(r, k));
		char *name, expr[128], want[32];

		snprintf(expr, sizeof(expr), "/w:styles/w:style[@w:styleId='%s']/w:name/@w:val",
			 (const char *)id);
		name = xstring(rd.styles, NULL, expr);
		snprintf(want, sizeof(want), "toc %s", (const char *)id + 3);
		ck_assert_msg(strcmp(name, want) == 0, "%s: style %s is named \"%s\", want \"%s\"",
			      rd.lang, (const char *)id, name, want);
		free(name);
		xmlFree(id);
	}
	xmlXPathFreeObject(r);
	reading_close(&rd);
}
END_TEST

/* ---- tables ------------------------------------------------------------ */

static int wint(xmlNodePtr n, const char *expr, int dflt)
{
	char *s = xstring(n->doc, n, expr);
	int v = s[0] ? atoi(s) : dflt;

	free(s);
	return v;
}

/* One table's shape as Word lays it out: every row spans exactly the grid
 * (gridBefore + the cells' gridSpan + gridAfter); the rows that repeat on
 * each page come first. Returns the number of header rows. */
static int docx_table_shape(const struct reading *rd, xmlNodePtr tbl, int t, int *rows, int *cols)
{
	xmlXPathObjectPtr tr = xpath_at(rd->document, tbl, "w:tr");
	xmlXPathObjectPtr grid = xpath_at(rd->document, tbl, "w:tblGrid/w:gridCol");
	int i, j, header = 0;

	*cols = nodes_count(grid);
	*rows = nodes_count(tr);
	ck_assert_msg(*cols > 0, "%s table %d: no w:tblGrid", rd->lang, t);
	for (i = 0; i < *cols; i++)
		ck_assert_msg(wint(nodes_at(grid, i), "@w:w", 1) > 0, "%s table %d: column %d has no width",
			      rd->lang, t, i + 1);
	for (i = 0; i < *rows; i++) {
		xmlNodePtr row = nodes_at(tr, i);
		xmlXPathObjectPtr tc = xpath_at(rd->document, row, "w:tc");
		int span = wint(row, "w:trPr/w:gridBefore/@w:val", 0) +
			   wint(row, "w:trPr/w:gridAfter/@w:val", 0);
		int is_header = wint(row, "count(w:trPr/w:tblHeader[not(@w:val) or @w:val='1'"
					  " or @w:val='true' or @w:val='on'])", 0) > 0;

		for (j = 0; j < nodes_count(tc); j++)
			span += wint(nodes_at(tc, j), "w:tcPr/w:gridSpan/@w:val", 1);
		ck_assert_msg(span == *cols, "%s table %d row %d spans %d of %d grid columns",
			      rd->lang, t, i + 1, span, *cols);
		ck_assert_msg(!is_header || header == i,
			      "%s table %d row %d repeats as a header after a body row", rd->lang, t, i + 1);
		header += is_header;
		xmlXPathFreeObject(tc);
	}
	xmlXPathFreeObject(grid);
	xmlXPathFreeObject(tr);
	return header;
}

static int html_cols(const struct reading *rd, xmlNodePtr table)
{
	xmlXPathObjectPtr tr = xpath_at(rd->html, table, "thead/tr|tbody/tr|tr|tfoot/tr");
	int i, j, most = 0;

	for (i = 0; i < nodes_count(tr); i++) {
		xmlXPathObjectPtr cells = xpath_at(rd->html, nodes_at(tr, i), "th|td");
		int n = 0;
		for (j = 0; j < nodes_count(cells); j++)
			n += wint(nodes_at(cells, j), "@colspan", 1);
		most = n > most ? n : most;
		xmlXPathFreeObject(cells);
	}
	xmlXPathFreeObject(tr);
	return most;
}

/* (c) Each table in the policy's sections has the HTML table's shape (rows,
 * columns, header rows that repeat on every page) and the same text in
 * every cell; every table, the cover's too, fills its grid in every row. */
START_TEST(test_tables_match_html)
{
	struct reading rd;
	xmlXPathObjectPtr all, dt, ht;
	int i, rows, cols, header;

	reading_open(&rd, langs[_i]);
	all = xpath_at(rd.document, NULL, "/w:document/w:body//w:tbl");
	for (i = 0; i < nodes_count(all); i++)
		docx_table_shape(&rd, nodes_at(all, i), i + 1, &rows, &cols);
	xmlXPathFreeObject(all);

	/* The sections' tables: after the first heading, not nested. */
	dt = xpath_at(rd.document, NULL,
		      "/w:document/w:body/w:tbl[preceding-sibling::w:p[w:pPr/w:pStyle/@w:val='Heading1']]");
	ht = xpath_at(rd.html, NULL, "//body//table[preceding::h2][not(ancestor::table)]");
	ck_assert_msg(nodes_count(dt) >= 5, "%s: only %d tables", rd.lang, nodes_count(dt));
	ck_assert_msg(nodes_count(dt) == nodes_count(ht), "%s: %d tables in the DOCX, %d in the HTML",
		      rd.lang, nodes_count(dt), nodes_count(ht));
	for (i = 0; i < nodes_count(dt); i++) {
		xmlNodePtr h = nodes_at(ht, i);
		xmlXPathObjectPtr hrows = xpath_at(rd.html, h, "thead/tr|tbody/tr|tr|tfoot/tr");
		xmlXPathObjectPtr hhead = xpath_at(rd.html, h, "thead/tr");
		xmlXPathObjectPtr dcells = xpath_at(rd.document, nodes_at(dt, i), "w:tr/w:tc");
		xmlXPathObjectPtr hcells = xpath_at(rd.html, h, "*/tr/*[self::th or self::td]|tr/*[self::th or self::td]");
		int j;

		header = docx_table_shape(&rd, nodes_at(dt, i), i + 1, &rows, &cols);
		ck_assert_msg(rows == nodes_count(hrows), "%s table %d: %d rows, HTML %d",
			      rd.lang, i + 1, rows, nodes_count(hrows));
		ck_assert_msg(cols == html_cols(&rd, h), "%s table %d: %d columns, HTML %d",
			      rd.lang, i + 1, cols, html_cols(&rd, h));
		ck_assert_msg(header == nodes_count(hhead), "%s table %d: %d header rows, HTML thead %d",
			      rd.lang, i + 1, header, nodes_count(hhead));
		ck_assert_msg(nodes_count(dcells) == nodes_count(hcells), "%s table %d: %d cells, HTML %d",
			      rd.lang, i + 1, nodes_count(dcells), nodes_count(hcells));
		for (j = 0; j < nodes_count(dcells); j++) {
			char *got = squeeze(docx_text(nodes_at(dcells, j)));
			char *want = html_text(nodes_at(hcells, j), 0);
			ck_assert_msg(strcmp(got, want) == 0, "%s table %d cell %d: DOCX \"%s\", HTML \"%s\"",
				      rd.lang, i + 1, j + 1, got, want);
			free(got);
			free(want);
		}
		xmlXPathFreeObject(hcells);
		xmlXPathFreeObject(dcells);
		xmlXPathFreeObject(hhead);
		xmlXPathFreeObject(hrows);
	}
	xmlXPathFreeObject(dt);
	xmlXPathFreeObject(ht);
	reading_close(&rd);
}
END_TEST

/* ---- core properties --------------------------------------------------- */

/* (e) The title Word shows in File > Info is the document's title (the
 * HTML's <title> and <h1>, the DOCX's Title paragraph); its creation date is
 * the effective date, the newest revision's date in the profile. */
START_TEST(test_core_properties)
{
	struct reading rd;
	xmlXPathObjectPtr r;
	char *title, *h1, *html_title, *first, *created, *type, *lang, *newest = NULL, want[64];
	int i;

	reading_open(&rd, langs[_i]);
	title = xstring(rd.core, NULL, "/cp:coreProperties/dc:title");
	r = xpath_at(rd.html, NULL, "//head/title");
	ck_assert_int_eq(nodes_count(r), 1);
	html_title = html_text(nodes_at(r, 0), 0);
	xmlXPathFreeObject(r);
	r = xpath_at(rd.html, NULL, "//body//h1");
	ck_assert_int_eq(nodes_count(r), 1);
	h1 = html_text(nodes_at(r, 0), 0);
	xmlXPathFreeObject(r);
	r = xpath_at(rd.document, NULL, "/w:document/w:body/w:p[w:pPr/w:pStyle/@w:val='Title']");
	ck_assert_msg(nodes_count(r) == 1, "%s: %d Title paragraphs", rd.lang, nodes_count(r));
	first = docx_text(nodes_at(r, 0));
	xmlXPathFreeObject(r);
	ck_assert_msg(title[0] != '\0', "%s: no dc:title", rd.lang);
	ck_assert_msg(strcmp(title, html_title) == 0, "%s: dc:title \"%s\", HTML <title> \"%s\"",
		      rd.lang, title, html_title);
	ck_assert_msg(strcmp(title, h1) == 0, "%s: dc:title \"%s\", HTML <h1> \"%s\"", rd.lang, title, h1);
	ck_assert_msg(strcmp(title, first) == 0, "%s: dc:title \"%s\", Title paragraph \"%s\"",
		      rd.lang, title, first);

	r = xpath_at(rd.profile, NULL, "/p:profile/p:revisions/p:revision/@date");
	ck_assert_int_gt(nodes_count(r), 0);
	for (i = 0; i < nodes_count(r); i++) {
		char *d = (char *)xmlNodeGetContent(nodes_at(r, i));
		if (!newest || strcmp(d, newest) > 0) {
			xmlFree(newest);
			newest = d;
		} else {
			xmlFree(d);
		}
	}
	xmlXPathFreeObject(r);
	snprintf(want, sizeof(want), "%sT00:00:00Z", newest);
	created = xstring(rd.core, NULL, "/cp:coreProperties/dcterms:created");
	type = xstring(rd.core, NULL, "/cp:coreProperties/dcterms:created/@xsi:type");
	ck_assert_msg(strcmp(created, want) == 0, "%s: dcterms:created \"%s\", want \"%s\"",
		      rd.lang, created, want);
	ck_assert_msg(strcmp(type, "dcterms:W3CDTF") == 0, "%s: dcterms:created xsi:type \"%s\"",
		      rd.lang, type);
	lang = xstring(rd.core, NULL, "/cp:coreProperties/dc:language");
	ck_assert_msg(strncmp(lang, rd.lang, strlen(rd.lang)) == 0 &&
			      (lang[strlen(rd.lang)] == '\0' || lang[strlen(rd.lang)] == '-'),
		      "%s: dc:language \"%s\"", rd.lang, lang);
	free(title);
	free(html_title);
	free(h1);
	free(first);
	free(created);
	free(type);
	free(lang);
	xmlFree(newest);
	reading_close(&rd);
}
END_TEST

Suite *readback_suite(void)
{
	Suite *s = suite_create("readback");
	TCase *tc = tcase_create("example");

	tcase_add_unchecked_fixture(tc, build_example, remove_build);
	tcase_add_loop_test(tc, test_headings_match_html, 0, NLANGS);
	tcase_add_loop_test(tc, test_toc_entries, 0, NLANGS);
	tcase_add_loop_test(tc, test_fields, 0, NLANGS);
	tcase_add_loop_test(tc, test_styles_resolve, 0, NLANGS);
	tcase_add_loop_test(tc, test_tables_match_html, 0, NLANGS);
	tcase_add_loop_test(tc, test_core_properties, 0, NLANGS);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
