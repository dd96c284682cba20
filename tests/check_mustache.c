/* check_mustache.c - the template engine.
 *
 * (a) Every test of the Mustache spec's core modules (tests/mustache-spec/,
 *     136 of them), each its own Check test, rendered in MUSTACHE_SPEC mode
 *     and compared byte for byte.
 * (b) What the spec leaves open and we rely on: strict mode, located syntax
 *     errors, the depth limit, partial sources and caching, odd bytes, and
 *     the lint helper mustache_list_tags. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "template/mustache.h"

/* ---- the value tree and partials, read from the spec's XML form ---- */

static xmlNode *first_element(xmlNode *n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static bool is_named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* <map><entry key=..>V</entry></map>, <list>V...</list>, <str>, <num>,
 * <bool>, <null/>. NULL when n is none of these. */
static struct value *value_from_xml(xmlNode *n)
{
	struct value *v = NULL;
	xmlNode *c;
	xmlChar *text;

	n = first_element(n);
	if (is_named(n, "map") || is_named(n, "list")) {
		bool map = is_named(n, "map");
		v = map ? value_map() : value_list();
		for (c = first_element(n->children); v && c;
		     c = first_element(c->next)) {
			xmlChar *key = NULL;
			int rc;
			if (map)
				key = xmlGetProp(c, BAD_CAST "key");
			if (map && (!is_named(c, "entry") || !key)) {
				xmlFree(key);
				value_free(v);
				return NULL;
			}
			if (map)
				rc = value_map_set(v, (const char *)key,
						   value_from_xml(c->children));
			else
				rc = value_list_push(v, value_from_xml(c));
			xmlFree(key);
			if (rc < 0) {
				value_free(v);
				return NULL;
			}
		}
		return v;
	}
	if (is_named(n, "null"))
		return value_null();
	if (!is_named(n, "str") && !is_named(n, "num") && !is_named(n, "bool"))
		return NULL;
	text = xmlNodeGetContent(n);
	if (!text)
		return NULL;
	if (is_named(n, "str"))
		v = value_string((const char *)text);
	else if (is_named(n, "num"))
		v = value_number(strtod((const char *)text, NULL));
	else
		v = value_bool(xmlStrcmp(text, BAD_CAST "true") == 0);
	xmlFree(text);
	return v;
}

/* The value tree written as the spec's XML, e.g. "<map>...</map>". */
static struct value *data(const char *xml)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "data.xml", "UTF-8",
				    XML_PARSE_NONET);
	struct value *v;

	ck_assert_msg(doc != NULL, "bad test data: %s", xml);
	v = value_from_xml(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	ck_assert_msg(v != NULL, "bad test data: %s", xml);
	return v;
}

#define MAX_PARTIALS 8

struct partials {
	size_t n;
	const char *name[MAX_PARTIALS];
	const char *text[MAX_PARTIALS];
	const char *source[MAX_PARTIALS]; /* NULL: report against the name */
	long line[MAX_PARTIALS];
	int calls;
};

static const char *partial_find(void *ctx, const char *name, size_t *len,
				const char **source, long *line)
{
	struct partials *p = ctx;
	size_t i;

	p->calls++;
	for (i = 0; i < p->n; i++) {
		if (strcmp(p->name[i], name) == 0) {
			*len = strlen(p->text[i]);
			*source = p->source[i];
			*line = p->line[i] ? p->line[i] : 1;
			return p->text[i];
		}
	}
	return NULL;
}

static void partial_add(struct partials *p, const char *name,
			const char *text)
{
	ck_assert_uint_lt(p->n, MAX_PARTIALS);
	p->name[p->n] = name;
	p->text[p->n] = text;
	p->source[p->n] = NULL;
	p->line[p->n] = 0;
	p->n++;
}

/* s with control characters shown, for failure messages; caller frees. */
static char *shown(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_put(&b, "\"", 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			buf_puts(&b, "\\n");
		else if (s[i] == '\r')
			buf_puts(&b, "\\r");
		else if (s[i] == '\t')
			buf_puts(&b, "\\t");
		else
			buf_putc(&b, s[i]);
	}
	buf_putc(&b, '"');
	return buf_detach(&b, NULL);
}

/* ---- (a) the spec ---- */

static const struct {
	const char *file;
	int tests;
} spec_files[] = {
	{ "comments", 12 },  { "delimiters", 14 }, { "interpolation", 42 },
	{ "inverted", 22 },  { "partials", 12 },   { "sections", 34 },
};
#define SPEC_TOTAL 136

static xmlDoc *spec_read(const char *file)
{
	char rel[64];
	xmlDoc *doc;

	snprintf(rel, sizeof(rel), "tests/mustache-spec/%s.xml", file);
	/* No network, no entities but the predefined ones and characters. */
	doc = xmlReadFile(test_path(rel), NULL, XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "cannot read %s", rel);
	return doc;
}

/* The i-th <test> of the spec file's root. */
static xmlNode *spec_test_at(xmlDoc *doc, int i)
{
	xmlNode *t;

	for (t = first_element(xmlDocGetRootElement(doc)->children); t;
	     t = first_element(t->next))
		if (is_named(t, "test") && i-- == 0)
			return t;
	return NULL;
}

static xmlNode *child(xmlNode *n, const char *name)
{
	for (n = first_element(n->children); n; n = first_element(n->next))
		if (is_named(n, name))
			return n;
	return NULL;
}

START_TEST(spec_counts)
{
	size_t f;
	int total = 0;

	for (f = 0; f < sizeof(spec_files) / sizeof(spec_files[0]); f++) {
		xmlDoc *doc = spec_read(spec_files[f].file);
		int n = 0;
		while (spec_test_at(doc, n))
			n++;
		xmlFreeDoc(doc);
		ck_assert_msg(n == spec_files[f].tests, "%s.xml: %d tests, "
			      "want %d", spec_files[f].file, n,
			      spec_files[f].tests);
		total += n;
	}
	/* The loop test below runs indices 0..SPEC_TOTAL-1: one per test. */
	ck_assert_int_eq(total, SPEC_TOTAL);
}
END_TEST

START_TEST(spec_case)
{
	struct mustache_options opt = { MUSTACHE_SPEC, partial_find, NULL, 0 };
	struct partials parts = { 0 };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	xmlChar *name, *tmpl, *want;
	xmlChar *pnames[MAX_PARTIALS], *ptexts[MAX_PARTIALS];
	struct value *v;
	xmlNode *t, *p;
	xmlDoc *doc;
	const char *file = NULL;
	char *got_s, *want_s;
	size_t f, i;
	int j = _i, rc, same;

	for (f = 0; f < sizeof(spec_files) / sizeof(spec_files[0]); f++) {
		if (j < spec_files[f].tests) {
			file = spec_files[f].file;
			break;
		}
		j -= spec_files[f].tests;
	}
	ck_assert_ptr_nonnull(file);
	doc = spec_read(file);
	t = spec_test_at(doc, j);
	ck_assert_msg(t != NULL, "%s.xml: no test #%d", file, j);
	name = xmlGetProp(t, BAD_CAST "name");
	ck_assert_ptr_nonnull(child(t, "data"));
	v = value_from_xml(child(t, "data")->children);
	ck_assert_msg(v != NULL, "%s.xml: %s: bad <data>", file, name);
	tmpl = xmlNodeGetContent(child(t, "template"));
	want = xmlNodeGetContent(child(t, "expected"));
	ck_assert(tmpl && want);
	if (child(t, "partials")) {
		for (p = first_element(child(t, "partials")->children); p;
		     p = first_element(p->next)) {
			ck_assert_uint_lt(parts.n, MAX_PARTIALS);
			pnames[parts.n] = xmlGetProp(p, BAD_CAST "name");
			ptexts[parts.n] = xmlNodeGetContent(p);
			ck_assert(pnames[parts.n] && ptexts[parts.n]);
			partial_add(&parts, (const char *)pnames[parts.n],
				    (const char *)ptexts[parts.n]);
		}
	}
	opt.partial_ctx = &parts;

	rc = mustache_render((const char *)tmpl, strlen((const char *)tmpl),
			     (const char *)name, v, &opt, &out, &d);
	same = rc == 0 && out.len == strlen((const char *)want) &&
	       memcmp(buf_str(&out), want, out.len) == 0;
	got_s = shown(buf_str(&out), out.len);
	want_s = shown((const char *)want, strlen((const char *)want));
	if (rc != 0)
		diag_print(&d, stderr);
	ck_assert_msg(same, "%s.xml: \"%s\": rc %d, got %s, want %s", file,
		      name, rc, got_s, want_s);

	free(got_s);
	free(want_s);
	for (i = 0; i < parts.n; i++) {
		xmlFree(pnames[i]);
		xmlFree(ptexts[i]);
	}
	xmlFree(name);
	xmlFree(tmpl);
	xmlFree(want);
	value_free(v);
	buf_free(&out);
	diag_free(&d);
	xmlFreeDoc(doc);
}
END_TEST

/* ---- (b) our own rules ---- */

/* Renders tmpl (NUL-ended) named "t" into a static string; returns rc. */
static int render(const char *tmpl, const char *xml, enum mustache_mode mode,
		  struct partials *parts, struct diag *d, const char **text)
{
	static char *last;
	struct mustache_options opt = { mode, partial_find, parts, 0 };
	struct value *v = xml ? data(xml) : NULL;
	struct buf out = BUF_INIT;
	int rc;

	if (!parts)
		opt.partial = NULL;
	rc = mustache_render(tmpl, strlen(tmpl), "t", v, &opt, &out, d);
	value_free(v);
	free(last);
	last = buf_detach(&out, NULL);
	if (text)
		*text = last;
	return rc;
}

static void assert_diag(const struct diag *d, size_t i, const char *file,
			long line, long col, const char *part)
{
	ck_assert_uint_gt(d->n, i);
	ck_assert_int_eq(d->v[i].level, DIAG_ERROR);
	ck_assert_str_eq(d->v[i].file, file);
	ck_assert_int_eq(d->v[i].line, line);
	ck_assert_int_eq(d->v[i].col, col);
	ck_assert_msg(strstr(d->v[i].msg, part) != NULL,
		      "message \"%s\" lacks \"%s\"", d->v[i].msg, part);
}

START_TEST(strict_missing_name)
{
	struct diag d = DIAG_INIT;
	const char *out;
	char *printed = NULL;
	size_t size = 0;
	FILE *fp;

	ck_assert_int_eq(render("a\n  {{b}}\n", "<map/>", MUSTACHE_STRICT, NULL,
				&d, &out), -1);
	ck_assert_uint_eq(d.errors, 1);
	assert_diag(&d, 0, "t", 2, 3, "'b'");
	fp = open_memstream(&printed, &size);
	ck_assert_ptr_nonnull(fp);
	diag_print(&d, fp);
	fclose(fp);
	ck_assert_str_eq(printed, "t:2:3: error: no value named 'b'\n");
	free(printed);
	diag_free(&d);

	/* The same template in spec mode: empty, no error. */
	ck_assert_int_eq(render("a\n  {{b}}\n", "<map/>", MUSTACHE_SPEC, NULL,
				&d, &out), 0);
	ck_assert_str_eq(out, "a\n  \n");
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(strict_null_is_present)
{
	struct diag d = DIAG_INIT;
	const char *out;

	ck_assert_int_eq(render("[{{a}}{{{a}}}{{#a}}x{{/a}}{{^a}}y{{/a}}]",
				"<map><entry key='a'><null/></entry></map>",
				MUSTACHE_STRICT, NULL, &d, &out), 0);
	ck_assert_str_eq(out, "[y]");
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

/* Every missing name is reported once, at its tag; rendering goes on. */
START_TEST(strict_errors_collected)
{
	struct diag d = DIAG_INIT;
	const char *out;

	ck_assert_int_eq(render("{{a}}.\n{{#l}}<{{b}}{{c}}>{{/l}}\n"
				"{{^z}}{{/z}}|",
				"<map><entry key='l'><list><map><entry key='c'>"
				"<str>1</str></entry></map><map/><map/></list>"
				"</entry></map>",
				MUSTACHE_STRICT, NULL, &d, &out), -1);
	ck_assert_str_eq(out, ".\n<1><><>\n|");
	ck_assert_uint_eq(d.errors, 4);
	assert_diag(&d, 0, "t", 1, 1, "'a'");
	assert_diag(&d, 1, "t", 2, 8, "'b'");
	assert_diag(&d, 2, "t", 2, 13, "'c'");
	assert_diag(&d, 3, "t", 3, 1, "'z'");
	diag_free(&d);
}
END_TEST

START_TEST(strict_missing_partial)
{
	struct partials parts = { 0 };
	struct diag d = DIAG_INIT;
	const char *out;

	partial_add(&parts, "there", "yes");
	ck_assert_int_eq(render("{{>there}}\n {{> gone }}|", "<map/>",
				MUSTACHE_STRICT, &parts, &d, &out), -1);
	ck_assert_uint_eq(d.errors, 1);
	assert_diag(&d, 0, "t", 2, 2, "no partial named 'gone'");
	diag_free(&d);

	/* Without a partial callback too. */
	ck_assert_int_eq(render("{{>p}}", "<map/>", MUSTACHE_STRICT, NULL, &d,
				&out), -1);
	assert_diag(&d, 0, "t", 1, 1, "'p'");
	diag_free(&d);

	/* The spec: a missing partial is empty. */
	ck_assert_int_eq(render("[{{>gone}}]", "<map/>", MUSTACHE_SPEC, &parts,
				&d, &out), 0);
	ck_assert_str_eq(out, "[]");
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

/* An error inside a partial names the partial's source and its line there,
 * and the column the author sees (before indentation). */
START_TEST(strict_partial_location)
{
	struct partials parts = { 0 };
	struct diag d = DIAG_INIT;
	const char *out;

	partial_add(&parts, "p", "a\n{{missing}}\n");
	parts.source[0] = "locales/ja.xlf#p";
	parts.line[0] = 10;
	ck_assert_int_eq(render("x\n  {{>p}}\ny", "<map/>", MUSTACHE_STRICT,
				&parts, &d, &out), -1);
	ck_assert_str_eq(out, "x\n  a\n  \ny");
	ck_assert_uint_eq(d.errors, 1);
	assert_diag(&d, 0, "locales/ja.xlf#p", 11, 1, "'missing'");
	diag_free(&d);

	/* Without a source the partial's name is the file. */
	parts.source[0] = NULL;
	parts.line[0] = 0;
	parts.text[0] = "ok\n {{#s}}";
	ck_assert_int_eq(render("{{>p}}", "<map/>", MUSTACHE_SPEC, &parts, &d,
				&out), -1);
	assert_diag(&d, 0, "p", 2, 2, "unclosed section 's'");
	diag_free(&d);
}
END_TEST

static const struct {
	const char *tmpl;
	long line, col;
	const char *msg;
} syntax_errors[] = {
	{ "{{#a}}x", 1, 1, "unclosed section 'a'" },
	{ "{{#a}}{{#b}}{{/b}}", 1, 1, "unclosed section 'a'" },
	{ "x\n{{#a}}{{/b}}", 2, 7, "'{{/b}}' closes section 'a'" },
	{ "{{/a}}", 1, 1, "closes no open section" },
	{ "ab {{a", 1, 4, "unclosed tag" },
	{ "{{{a}}", 1, 1, "unclosed tag" },
	{ "{{#a}}\n\n  {{! never closed }\n", 3, 3, "unclosed tag" },
	{ "{{#a}}\n{{! eats the close }\n{{/a}}", 1, 1, "unclosed section" },
	{ "{{=<% =}}", 1, 1, "bad delimiter tag" },
	{ "{{=<% %> x=}}", 1, 1, "bad delimiter tag" },
	{ "{{=a= b=}}", 1, 1, "bad delimiter tag" },
	{ "{{=<% %>}}", 1, 1, "unclosed tag" },
	{ "{{}}", 1, 1, "empty tag" },
	{ "{{# }}", 1, 1, "empty tag" },
	{ "{{a b}}", 1, 1, "bad tag name 'a b'" },
	{ "{{a..b}}", 1, 1, "bad tag name" },
	{ "{{.a}}", 1, 1, "bad tag name" },
	{ "{{a.}}", 1, 1, "bad tag name" },
	{ "é{{#a}}", 1, 2, "unclosed section" }, /* columns count characters */
	{ "{{=<% %>=}}\n <%#a%>", 2, 2, "unclosed section" },
	{ "{{=<% %>=}}{{x}}<%/a%>", 1, 17, "closes no open section" },
};

START_TEST(syntax_error_located)
{
	size_t i = (size_t)_i / 2;
	enum mustache_mode mode = _i % 2 ? MUSTACHE_STRICT : MUSTACHE_SPEC;
	struct diag d = DIAG_INIT;

	ck_assert_msg(render(syntax_errors[i].tmpl, "<map/>", mode, NULL, &d,
			     NULL) == -1,
		      "%s: no error", syntax_errors[i].tmpl);
	ck_assert_uint_eq(d.errors, 1);
	assert_diag(&d, 0, "t", syntax_errors[i].line, syntax_errors[i].col,
		    syntax_errors[i].msg);
	diag_free(&d);
}
END_TEST

START_TEST(depth_recursive_partial)
{
	struct partials parts = { 0 };
	struct mustache_options opt = { MUSTACHE_SPEC, partial_find, &parts,
					0 };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct value *v = data("<map/>");
	int rc;

	partial_add(&parts, "p", "x{{>p}}");
	rc = mustache_render("{{>p}}", 6, "t", v, &opt, &out, &d);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(d.errors, 1);
	assert_diag(&d, 0, "p", 1, 2, "nested deeper than 64");
	ck_assert_int_eq(parts.calls, 1); /* parsed once, then reused */
	diag_free(&d);
	buf_free(&out);

	/* A limit past what the C stack should carry is capped, not obeyed. */
	opt.max_depth = 1 << 30;
	opt.mode = MUSTACHE_STRICT;
	rc = mustache_render("{{>p}}", 6, "t", v, &opt, &out, &d);
	ck_assert_int_eq(rc, -1);
	assert_diag(&d, 0, "p", 1, 2, "nested deeper than 1000");
	diag_free(&d);
	buf_free(&out);
	value_free(v);
}
END_TEST

START_TEST(depth_nested_sections)
{
	static const char tmpl[] = "{{#t}}{{#t}}{{#t}}{{#l}}{{#t}}x{{/t}}{{/l}}"
				   "{{/t}}{{/t}}{{/t}}";
	struct mustache_options opt = { MUSTACHE_STRICT, NULL, NULL, 5 };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct value *v = data("<map><entry key='t'><bool>true</bool></entry>"
			       "<entry key='l'><list><num>1</num><num>2</num>"
			       "<num>3</num></list></entry></map>");

	/* Five levels; the list's items do not add levels. */
	ck_assert_int_eq(mustache_render(tmpl, strlen(tmpl), "t", v, &opt, &out,
					 &d), 0);
	ck_assert_str_eq(buf_str(&out), "xxx");
	buf_free(&out);
	opt.max_depth = 4;
	ck_assert_int_eq(mustache_render(tmpl, strlen(tmpl), "t", v, &opt, &out,
					 &d), -1);
	assert_diag(&d, 0, "t", 1, 25, "nested deeper than 4");
	diag_free(&d);
	buf_free(&out);
	value_free(v);
}
END_TEST

/* Values are data: "{{x}}" inside one is written, escaped, never rendered. */
START_TEST(values_never_rendered)
{
	struct partials parts = { 0 };
	struct diag d = DIAG_INIT;
	const char *out;

	partial_add(&parts, "p", "[{{v}}]");
	ck_assert_int_eq(render("{{v}}|{{{v}}}|{{&v}}|{{>p}}",
				"<map><entry key='v'><str>{{x}}&lt;{{>p}}</str>"
				"</entry><entry key='x'><str>NO</str></entry>"
				"</map>",
				MUSTACHE_STRICT, &parts, &d, &out), 0);
	ck_assert_str_eq(out, "{{x}}&lt;{{&gt;p}}|{{x}}<{{>p}}|{{x}}<{{>p}}|"
			      "[{{x}}&lt;{{&gt;p}}]");
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(escaping)
{
	struct diag d = DIAG_INIT;
	const char *out;

	/* xmlutil_put_html, tested on its own in check_buf.c. */
	ck_assert_int_eq(render("{{s}}|{{{s}}}|{{n}}|{{b}}",
				"<map><entry key='s'><str>'&amp;&quot;&lt;"
				"&gt;日本</str></entry><entry key='n'>"
				"<num>-1.5</num></entry><entry key='b'>"
				"<bool>false</bool></entry></map>",
				MUSTACHE_STRICT, NULL, &d, &out), 0);
	ck_assert_str_eq(out, "&#39;&amp;&quot;&lt;&gt;日本|'&\"<>日本|"
			      "-1.5|false");
}
END_TEST

START_TEST(dotted_names)
{
	static const char xml[] =
		"<map><entry key='a'><map><entry key='b'><map><entry key='c'>"
		"<str>deep</str></entry></map></entry></map></entry>"
		"<entry key='c'><str>outer</str></entry>"
		"<entry key='x.y'><str>never</str></entry></map>";
	struct diag d = DIAG_INIT;
	const char *out;

	ck_assert_int_eq(render("{{a.b.c}} {{#a}}{{b.c}}{{/a}} "
				"{{#a.b}}{{c}}{{/a.b}} "
				"{{#a}}{{#b}}{{c}}{{/b}}{{/a}}",
				xml, MUSTACHE_STRICT, NULL, &d, &out), 0);
	ck_assert_str_eq(out, "deep deep deep deep");
	/* Only the first part looks up the context stack. */
	ck_assert_int_eq(render("{{#a}}{{#b}}[{{b.c}}]{{/b}}{{/a}}", xml,
				MUSTACHE_SPEC, NULL, &d, &out), 0);
	ck_assert_str_eq(out, "[deep]");
	ck_assert_int_eq(render("[{{a.c}}][{{x.y}}]", xml, MUSTACHE_SPEC, NULL,
				&d, &out), 0);
	ck_assert_str_eq(out, "[][]");
	ck_assert_uint_eq(d.n, 0);
	/* A broken chain is missing in strict mode, and named in full. */
	ck_assert_int_eq(render("{{a.c}}\n{{x.y}}", xml, MUSTACHE_STRICT, NULL,
				&d, &out), -1);
	ck_assert_uint_eq(d.errors, 2);
	assert_diag(&d, 0, "t", 1, 1, "'a.c'");
	assert_diag(&d, 1, "t", 2, 1, "'x.y'");
	diag_free(&d);
}
END_TEST

START_TEST(implicit_iterator)
{
	struct diag d = DIAG_INIT;
	const char *out;

	ck_assert_int_eq(render("{{#l}}[{{.}}]{{/l}} {{#l}}{{{.}}}{{/l}}",
				"<map><entry key='l'><list><str>a</str>"
				"<str>&lt;b&gt;</str><num>3</num>"
				"<bool>true</bool><null/></list></entry></map>",
				MUSTACHE_STRICT, NULL, &d, &out), 0);
	ck_assert_str_eq(out, "[a][&lt;b&gt;][3][true][] a<b>3true");
	ck_assert_int_eq(render("{{#.}}<{{.}}>{{/.}}",
				"<list><str>x</str><str>y</str></list>",
				MUSTACHE_STRICT, NULL, &d, &out), 0);
	ck_assert_str_eq(out, "<x><y>");
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(standalone_lines)
{
	struct partials parts = { 0 };
	struct diag d = DIAG_INIT;
	const char *out;

	partial_add(&parts, "row", "<td>{{.}}</td>\n{{! note }}\n<td/>\n");
	ck_assert_int_eq(render("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n"
				"</ul>\r\n\t{{! comment }}  \r\n"
				"  {{=<% %>=}}\n"
				"<tr>\n    <%>row%>\n</tr>\n"
				"<%#l%>x<%/l%>\n"
				"  <%^l%>  \nend<%/l%>",
				"<map><entry key='l'><list><str>a</str>"
				"<str>b</str></list></entry></map>",
				MUSTACHE_STRICT, &parts, &d, &out), 0);
	ck_assert_str_eq(out, "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\r\n"
			      "<tr>\n    <td></td>\n    <td/>\n</tr>\n"
			      "xx\n");
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(partials_cached)
{
	struct partials parts = { 0 };
	struct diag d = DIAG_INIT;
	const char *out;

	partial_add(&parts, "p", "<{{.}}>");
	ck_assert_int_eq(render("{{#l}}{{>p}}{{/l}}{{#l}}{{> p}}{{/l}}",
				"<map><entry key='l'><list><num>1</num>"
				"<num>2</num><num>3</num></list></entry></map>",
				MUSTACHE_STRICT, &parts, &d, &out), 0);
	ck_assert_str_eq(out, "<1><2><3><1><2><3>");
	ck_assert_int_eq(parts.calls, 1);

	/* Indentation is part of what is cached: a differently indented use
	 * is a second parse. */
	parts.calls = 0;
	parts.text[0] = "a\nb\n";
	ck_assert_int_eq(render("{{>p}}\n {{>p}}\n  {{>p}}\n {{>p}}\n",
				"<map/>", MUSTACHE_STRICT, &parts, &d, &out),
			 0);
	ck_assert_str_eq(out, "a\nb\n a\n b\n  a\n  b\n a\n b\n");
	ck_assert_int_eq(parts.calls, 3);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

/* Any bytes: invalid UTF-8 and NULs pass through; nothing is read outside
 * the template (ASan/valgrind check that). */
START_TEST(odd_bytes)
{
	static const char tmpl[] = "\xff\xfe{{a}}\0\x80{{ b }}\xc3";
	struct mustache_options opt = { MUSTACHE_STRICT, NULL, NULL, 0 };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct value *v = value_map();

	ck_assert_int_eq(value_map_set(v, "a", value_string_n("\xc3\0<", 3)),
			 0);
	ck_assert_int_eq(value_map_set_string(v, "b", "\xe6\x97"), 0);
	ck_assert_int_eq(mustache_render(tmpl, sizeof(tmpl) - 1, "t", v, &opt,
					 &out, &d), 0);
	ck_assert_uint_eq(out.len, 2 + 6 + 2 + 2 + 1);
	ck_assert_int_eq(memcmp(out.data,
				"\xff\xfe\xc3\0&lt;\0\x80\xe6\x97\xc3",
				out.len), 0);
	buf_free(&out);

	/* A NUL inside a tag is a bad name, not the end of the string. */
	ck_assert_int_eq(mustache_render("{{a\0b}}", 7, "t", v, &opt, &out, &d),
			 -1);
	assert_diag(&d, 0, "t", 1, 1, "bad tag name");
	diag_free(&d);
	buf_free(&out);
	value_free(v);
}
END_TEST

/* Every prefix of a template using every kind of tag, and every one-byte
 * change to it, renders or fails cleanly, with an error when it fails. */
START_TEST(no_crash_on_mangled)
{
	static const char base[] =
		"{{#l}}{{a.b}}{{{c}}}{{& d}}\n  {{^e}}{{>p}}{{/e}}\n{{! x }}"
		"{{/l}}\n{{=<% %>=}}<%.%><%#l%>|<%/l%><%={{ }}=%>{{x}}";
	static const char bytes[] = "{}#^/>&!=. \n\r\t<%";
	struct partials parts = { 0 };
	struct mustache_options opt = { MUSTACHE_SPEC, partial_find, &parts,
					8 };
	struct value *v = data("<map><entry key='l'><list><map/><num>1</num>"
			       "</list></entry><entry key='e'><null/></entry>"
			       "</map>");
	char t[sizeof(base)];
	size_t len = sizeof(base) - 1, i, j;
	int m, rc;

	partial_add(&parts, "p", "{{>p}}{{#l}}");
	for (m = 0; m < 2; m++) {
		opt.mode = m ? MUSTACHE_STRICT : MUSTACHE_SPEC;
		for (i = 0; i <= len; i++) {
			for (j = 0; j <= sizeof(bytes) - 1; j++) {
				struct diag d = DIAG_INIT;
				struct buf out = BUF_INIT;
				size_t n = j == sizeof(bytes) - 1 ? i : len;
				memcpy(t, base, len);
				if (n == len && i < len)
					t[i] = bytes[j];
				rc = mustache_render(t, n, "t", v, &opt, &out,
						     &d);
				ck_assert(rc == 0 || rc == -1);
				ck_assert((rc == 0) == (d.errors == 0));
				buf_free(&out);
				diag_free(&d);
			}
		}
	}
	value_free(v);
}
END_TEST

START_TEST(render_appends_and_defaults)
{
	struct mustache_options opt = { MUSTACHE_SPEC, NULL, NULL, 0 };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct value *v = data("<map><entry key='a'><str>x</str></entry>"
			       "</map>");

	ck_assert_int_eq(buf_puts(&out, "pre:"), 0);
	/* NULL options: spec mode, no partials. */
	ck_assert_int_eq(mustache_render("{{a}}{{>p}}{{b}}", 16, "t", v, NULL,
					 &out, &d), 0);
	ck_assert_str_eq(buf_str(&out), "pre:x");
	ck_assert_int_eq(mustache_render("", 0, "t", v, NULL, &out, &d), 0);
	ck_assert_str_eq(buf_str(&out), "pre:x");
	/* No data: every name is missing, "." too. */
	ck_assert_int_eq(mustache_render("{{.}}{{a}}", 10, "t", NULL, NULL,
					 &out, &d), 0);
	ck_assert_str_eq(buf_str(&out), "pre:x");
	ck_assert_uint_eq(d.n, 0);
	opt.mode = MUSTACHE_STRICT;
	ck_assert_int_eq(mustache_render("{{.}}", 5, "t", NULL, &opt, &out, &d),
			 -1);
	assert_diag(&d, 0, "t", 1, 1, "no value named '.'");
	diag_free(&d);
	buf_free(&out);
	value_free(v);
}
END_TEST

struct strings {
	size_t n;
	char s[16][32];
};

static void collect(void *ctx, const char *s)
{
	struct strings *l = ctx;

	ck_assert_uint_lt(l->n, 16);
	ck_assert_uint_lt(strlen(s), sizeof(l->s[0]));
	strcpy(l->s[l->n++], s);
}

/* The lint finds a template's partials among its tags: in order, with
 * duplicates, names trimmed, also under other delimiters. */
START_TEST(list_tags_partials)
{
	static const char tmpl[] = "{{>a}} {{#s}}\n  {{> b.c }}\n{{/s}}{{>a}}"
				   "{{=<% %>=}}<%>d%>{{>no}}";
	static const char *const want[] = {
		"{{>a}}", "{{#s}}", "{{>b.c}}", "{{/s}}", "{{>a}}", "{{>d}}",
	};
	struct strings l = { 0 };
	struct diag d = DIAG_INIT;
	size_t i;

	ck_assert_int_eq(mustache_list_tags(tmpl, strlen(tmpl), "t", collect, &l, &d), 0);
	ck_assert_uint_eq(l.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < l.n; i++)
		ck_assert_str_eq(l.s[i], want[i]);
	ck_assert_uint_eq(d.n, 0);

	ck_assert_int_eq(mustache_list_tags("x\n{{>a}}{{#b}}", 14, "m.xlf", collect, &l, &d), -1);
	assert_diag(&d, 0, "m.xlf", 2, 7, "unclosed section 'b'");
	diag_free(&d);
}
END_TEST

/* Text from a profile (a message override) may insert values only
 * escaped: no triple mustache, no {{&…}}, no delimiter change, no
 * partial (which may name a template fragment). */
START_TEST(check_escaped)
{
	static const char *const bad[][2] = {
		{ "x {{{a}}}", "{{{a}}} or {{&a}} is not allowed here" },
		{ "x\n {{& b.c }}", "{{{b.c}}} or {{&b.c}} is not allowed here" },
		{ "x {{=| |=}}|a|", "a delimiter change ({{=…=}}) is not allowed here" },
		{ "x {{ =<% %>=}}<%a%>", "a delimiter change ({{=…=}}) is not allowed here" },
		{ "x {{a", "unclosed tag" },
		{ "x {{> revisions}}", "{{>revisions}} is not allowed here" },
	};
	struct diag d = DIAG_INIT;
	size_t i;

	ck_assert_int_eq(mustache_check_escaped("{{a}} {{#b}}{{.}}{{/b}}{{^c}}-{{/c}}{{! x }}",
						 44, "m", &d), 0);
	ck_assert_uint_eq(d.n, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(mustache_check_escaped(bad[i][0], strlen(bad[i][0]), "m", &d), -1);
		ck_assert_uint_eq(d.n, 1);
		ck_assert_msg(strstr(d.v[0].msg, bad[i][1]) != NULL, "%s: %s", bad[i][0], d.v[0].msg);
		diag_free(&d);
	}
	/* Where: the tag's line and column in the text. */
	ck_assert_int_eq(mustache_check_escaped("x\n {{& b.c }}", 13, "m", &d), -1);
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_int_eq(d.v[0].col, 2);
	diag_free(&d);
}
END_TEST

START_TEST(list_tags)
{
	static const char tmpl[] = "{{a}}{{{b}}}{{& c }}{{#d}}{{^e.f}}{{/e.f}}"
				   "{{/d}}{{! x}}\n  {{>g}}\n"
				   "{{=<% %>=}}<%.%><%{h}%>";
	static const char *const want[] = {
		"{{a}}",  "{{&b}}",   "{{&c}}", "{{#d}}", "{{^e.f}}",
		"{{/e.f}}", "{{/d}}", "{{>g}}", "{{.}}",  "{{&h}}",
	};
	struct strings l = { 0 };
	struct diag d = DIAG_INIT;
	size_t i;

	ck_assert_int_eq(mustache_list_tags(tmpl, strlen(tmpl), "t", collect,
					    &l, &d), 0);
	ck_assert_uint_eq(l.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < l.n; i++)
		ck_assert_str_eq(l.s[i], want[i]);
	ck_assert_uint_eq(d.n, 0);

	ck_assert_int_eq(mustache_list_tags("{{a}", 4, "t", collect, &l, &d),
			 -1);
	assert_diag(&d, 0, "t", 1, 1, "unclosed tag");
	diag_free(&d);
}
END_TEST

Suite *mustache_suite(void)
{
	Suite *s = suite_create("mustache");
	TCase *spec = tcase_create("spec");
	TCase *own = tcase_create("own");

	tcase_add_test(spec, spec_counts);
	tcase_add_loop_test(spec, spec_case, 0, SPEC_TOTAL);
	suite_add_tcase(s, spec);

	tcase_add_test(own, strict_missing_name);
	tcase_add_test(own, strict_null_is_present);
	tcase_add_test(own, strict_errors_collected);
	tcase_add_test(own, strict_missing_partial);
	tcase_add_test(own, strict_partial_location);
	tcase_add_loop_test(own, syntax_error_located, 0,
			    (int)(2 * sizeof(syntax_errors) /
				  sizeof(syntax_errors[0])));
	tcase_add_test(own, depth_recursive_partial);
	tcase_add_test(own, depth_nested_sections);
	tcase_add_test(own, values_never_rendered);
	tcase_add_test(own, escaping);
	tcase_add_test(own, dotted_names);
	tcase_add_test(own, implicit_iterator);
	tcase_add_test(own, standalone_lines);
	tcase_add_test(own, partials_cached);
	tcase_add_test(own, odd_bytes);
	tcase_add_test(own, no_crash_on_mangled);
	tcase_add_test(own, render_appends_and_defaults);
	tcase_add_test(own, list_tags_partials);
	tcase_add_test(own, list_tags);
	tcase_add_test(own, check_escaped);
	tcase_set_timeout(own, 60);
	suite_add_tcase(s, own);
	return s;
}
