/* check_render_html.c - the HTML renderer: golden files, escaping, anchors,
 * numbering, tables, page size, determinism.
 *
 * Golden files: tests/html/<name>.xml renders to tests/html/<name>.html;
 * UPDATE=1 rewrites the .html files (review the diff). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"

#include "base/buf.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "render/html/render_html.h"

static char *slurp(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_put(&b, chunk, n) < 0)
			break;
	fclose(fp);
	return buf_detach(&b, len);
}

/* dst = the source-tree path of tests/html/<name>.<ext>. */
static void fixture_path(char *dst, size_t n, const char *name, const char *ext)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/html/%s.%s", name, ext);
	snprintf(dst, n, "%s", test_path(rel));
}

static struct doc *parse(const char *xml, size_t len, struct diag *d)
{
	struct doc_schema *schema;
	struct doc *doc;

	schema = doc_schema_load(test_path("policy-templates/document.rng"), d);
	ck_assert_ptr_nonnull(schema);
	doc = doc_parse(xml, len, "test.xml", schema, d);
	doc_schema_free(schema);
	return doc;
}

/* Parses and renders xml; fails the test on any error. Caller frees. */
static char *render(const char *xml, const struct html_options *opt)
{
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct doc *doc = parse(xml, strlen(xml), &d);

	if (!doc)
		diag_print(&d, stderr);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(render_html(doc, opt, &out, &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	doc_free(doc);
	diag_free(&d);
	return buf_detach(&out, NULL);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

#define ck_assert_has(hay, needle)                                              \
	ck_assert_msg(strstr((hay), (needle)) != NULL, "missing: %s", (needle))

/* Every element closed in order (void elements and SVG's self-closed ones
 * aside), outside <style>. */
static void check_balanced(const char *html)
{
	static const char *const voids[] = { "meta", "br", "col", "link" };
	char stack[64][16];
	size_t depth = 0, i;
	const char *p = html;

	ck_assert(strncmp(p, "<!DOCTYPE html>\n", 16) == 0);
	p += 16;
	while ((p = strchr(p, '<')) != NULL) {
		bool closing = p[1] == '/';
		const char *name = p + 1 + closing;
		bool is_void = false;
		size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
		ck_assert_msg(n > 0 && n < sizeof(stack[0]), "bad tag at: %.40s", p);
		for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++)
			if (strlen(voids[i]) == n && strncmp(name, voids[i], n) == 0)
				is_void = true;
		if (closing) {
			ck_assert_msg(depth > 0, "stray close at: %.40s", p);
			depth--;
			ck_assert_msg(strlen(stack[depth]) == n &&
					      strncmp(stack[depth], name, n) == 0,
				      "</%.*s> closes <%s>", (int)n, name, stack[depth]);
		} else if (!is_void) {
			ck_assert(depth < 64);
			memcpy(stack[depth], name, n);
			stack[depth++][n] = '\0';
		}
		p = strchr(p, '>');
		ck_assert_ptr_nonnull(p);
		/* An SVG element closed by "/>". */
		if (!closing && !is_void && p[-1] == '/')
			depth--;
		if (!closing && n == 5 && strncmp(name, "style", 5) == 0) {
			p = strstr(p, "</style>");
			ck_assert_ptr_nonnull(p);
		}
	}
	ck_assert_uint_eq(depth, 0);
}

/* Every link to "#x" in html finds exactly one id="x". */
static void check_anchors(const char *html)
{
	const char *p = html;

	while ((p = strstr(p, "href=\"#")) != NULL) {
		char id[128];
		size_t n;
		p += 7;
		n = strcspn(p, "\"");
		ck_assert(n > 0 && n + 6 < sizeof(id));
		snprintf(id, sizeof(id), "id=\"%.*s\"", (int)n, p);
		ck_assert_msg(count(html, id) == 1, "%s: %zu targets", id,
			      count(html, id));
	}
}

static const struct {
	const char *name;
	struct html_options opt;
} goldens[] = {
	{ "all-ja", { "../index.html", "../en/policy.html", "English", 0 } },
	{ "all-en", { "../index.html", "../ja/policy.html", "日本語", 1 } },
};

START_TEST(test_golden)
{
	char xml_path[4096], html_path[4096];
	char *xml, *got, *want;
	size_t len;
	const char *update = getenv("UPDATE");

	fixture_path(xml_path, sizeof(xml_path), goldens[_i].name, "xml");
	fixture_path(html_path, sizeof(html_path), goldens[_i].name, "html");

	xml = slurp(xml_path, &len);
	ck_assert_msg(xml != NULL, "cannot read %s", xml_path);
	got = render(xml, &goldens[_i].opt);
	check_balanced(got);
	check_anchors(got);
	if (update && strcmp(update, "1") == 0) {
		FILE *fp = fopen(html_path, "wb");
		ck_assert_ptr_nonnull(fp);
		ck_assert_uint_eq(fwrite(got, 1, strlen(got), fp), strlen(got));
		ck_assert_int_eq(fclose(fp), 0);
	}
	want = slurp(html_path, &len);
	ck_assert_msg(want != NULL, "cannot read %s (run with UPDATE=1)", html_path);
	ck_assert_msg(strcmp(got, want) == 0,
		      "%s differs from the rendering (UPDATE=1 rewrites it)",
		      html_path);
	free(want);
	free(got);
	free(xml);
}
END_TEST

static const char numbered_xml[] =
	"<document id='t' lang='en'><meta><title>T</title><company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta>"
	"<toc/>"
	"<section><heading>A</heading>"
	"  <section><heading>B</heading>"
	"    <section id='deep'><heading>C <em>c</em></heading><p>x</p></section>"
	"  </section>"
	"</section>"
	"<section><heading>D</heading>"
	"  <section><heading>E<br/>e</heading></section>"
	"</section>"
	"</document>";

START_TEST(test_heading_numbers)
{
	char *html = render(numbered_xml, NULL);

	ck_assert_has(html, "<section id=\"s-1\">\n<h2><span class=\"num\">1</span> A</h2>\n");
	ck_assert_has(html, "<section id=\"s-1-1\">\n<h3><span class=\"num\">1.1</span> B</h3>\n");
	ck_assert_has(html, "<section id=\"deep\">\n<h4><span class=\"num\">1.1.1</span> C <em>c</em></h4>\n");
	ck_assert_has(html, "<section id=\"s-2\">\n<h2><span class=\"num\">2</span> D</h2>\n");
	ck_assert_has(html, "<section id=\"s-2-1\">\n<h3><span class=\"num\">2.1</span> E<br>e</h3>\n");
	/* The contents: nested lists, plain heading text, every section. */
	ck_assert_has(html,
		      "<nav class=\"toc\" aria-label=\"Contents\">\n"
		      "<p class=\"toc-title\">Contents</p>\n"
		      "<ol>\n"
		      "<li><a href=\"#s-1\"><span class=\"num\">1</span> A</a><ol>\n"
		      "<li><a href=\"#s-1-1\"><span class=\"num\">1.1</span> B</a><ol>\n"
		      "<li><a href=\"#deep\"><span class=\"num\">1.1.1</span> C c</a></li>\n"
		      "</ol>\n</li>\n</ol>\n</li>\n"
		      "<li><a href=\"#s-2\"><span class=\"num\">2</span> D</a><ol>\n"
		      "<li><a href=\"#s-2-1\"><span class=\"num\">2.1</span> E e</a></li>\n"
		      "</ol>\n</li>\n"
		      "</ol>\n</nav>\n");
	ck_assert_uint_eq(count(html, "<li><a href=\"#"), count(html, "<section id="));
	check_anchors(html);
	check_balanced(html);
	free(html);
}
END_TEST

START_TEST(test_toc_links_resolve)
{
	size_t i, len;

	for (i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++) {
		char path[4096], *xml, *html;
		const char *nav, *end;
		fixture_path(path, sizeof(path), goldens[i].name, "xml");
		xml = slurp(path, &len);
		ck_assert_ptr_nonnull(xml);
		html = render(xml, &goldens[i].opt);
		nav = strstr(html, "<nav class=\"toc\"");
		ck_assert_ptr_nonnull(nav);
		end = strstr(nav, "</nav>");
		ck_assert_ptr_nonnull(end);
		/* One link for each section, and every link lands. */
		ck_assert_uint_eq(count(nav, "href=\"#") - count(end, "href=\"#"),
				  count(html, "<section id="));
		check_anchors(html);
		free(html);
		free(xml);
	}
}
END_TEST

static const char hostile_xml[] =
	"<document id='t' lang='en'><meta>"
	"<title>&lt;script&gt;alert(\"t\")&lt;/script&gt; &amp; 'q'</title>"
	"<company>A&amp;B \"Co\" &lt;/style&gt;</company>"
	"<classification>&lt;/style&gt;&lt;script&gt;x&lt;/script&gt;\"\\</classification>"
	"<labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta>"
	"<p>&lt;script&gt;alert(1)&lt;/script&gt; \"double\" 'single' &amp; &amp;amp;</p>"
	"<p><link href=\"https://example.com/?a=1&amp;b='x'#&amp;lt;\">l&lt;i&gt;nk</link></p>"
	"<table><row header='true'><cell>&lt;th&gt;</cell></row>"
	"<row><cell>&lt;b&gt;\"c\"&amp;'d'</cell></row></table>"
	"<signature><line label='&lt;x&gt;\"&amp;'>v</line></signature>"
	"<section id='a'><heading>&lt;h&gt; &amp; \"h\"</heading><toc/></section>"
	"</document>";

START_TEST(test_escaping)
{
	struct html_options opt = { "i\"><script>.html", "t'&.html", "<b>", 0 };
	char *html = render(hostile_xml, &opt);

	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<b>"));
	ck_assert_ptr_null(strstr(html, "<th>"));
	ck_assert_uint_eq(count(html, "</style"), 1);
	ck_assert_has(html, "<title>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;q&#39;</title>");
	ck_assert_has(html, "<h1>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;q&#39;</h1>");
	ck_assert_has(html, "<p class=\"company\">A&amp;B &quot;Co&quot; &lt;/style&gt;</p>");
	ck_assert_has(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &#39;single&#39; &amp; &amp;amp;</p>");
	ck_assert_has(html, "<a href=\"https://example.com/?a=1&amp;b=&#39;x&#39;#&amp;lt;\" class=\"url\">l&lt;i&gt;nk</a>");
	ck_assert_has(html, "<th scope=\"col\">&lt;th&gt;</th>");
	ck_assert_has(html, "<td>&lt;b&gt;&quot;c&quot;&amp;&#39;d&#39;</td>");
	ck_assert_has(html, "<th scope=\"row\">&lt;x&gt;&quot;&amp;</th>");
	ck_assert_has(html, "<h2><span class=\"num\">1</span> &lt;h&gt; &amp; &quot;h&quot;</h2>");
	ck_assert_has(html, "<span class=\"num\">1</span> &lt;h&gt; &amp; &quot;h&quot;</a>");
	/* In the print stylesheet, as CSS escapes. */
	ck_assert_has(html, "@top-left { content: \"\\3c script\\3e alert(\\22 t\\22 )\\3c /script\\3e  \\26  'q'\"; }");
	/* (The fixture is not approved: the draft mark comes first.) */
	ck_assert_has(html, "@top-right { content: \"");
	ck_assert_has(html, " \"  \" \"\\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \\22 \\5c \"; }");
	ck_assert_has(html, "<p class=\"classification\">&lt;/style&gt;&lt;script&gt;x&lt;/script&gt;&quot;\\</p>");
	ck_assert_has(html, "<a href=\"i&quot;&gt;&lt;script&gt;.html\">");
	ck_assert_has(html, "<a href=\"t&#39;&amp;.html\" rel=\"alternate\">&lt;b&gt;</a>");
	check_balanced(html);
	free(html);
}
END_TEST

/* The renderer relies on the schema for safe link schemes. */
START_TEST(test_unsafe_href_rejected)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "data:text/html,x", "vbscript:x",
		"//evil.example/", "https://a.example/\"onmouseover=x",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct diag d = DIAG_INIT;
		struct buf xml = BUF_INIT;
		struct doc *doc;
		ck_assert_int_eq(buf_puts(&xml, "<document id='t' lang='en'><meta><title>T</title>"
						"<company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta><p><link href='"), 0);
		ck_assert_int_eq(buf_puts(&xml, bad[i]), 0);
		ck_assert_int_eq(buf_puts(&xml, "'>x</link></p></document>"), 0);
		doc = parse(xml.data, xml.len, &d);
		ck_assert_msg(doc == NULL, "accepted href %s", bad[i]);
		ck_assert_uint_gt(d.errors, 0);
		buf_free(&xml);
		diag_free(&d);
	}
}
END_TEST

START_TEST(test_deterministic)
{
	char path[4096], *xml, *a, *b;
	size_t len;

	fixture_path(path, sizeof(path), "all-ja", "xml");
	xml = slurp(path, &len);
	ck_assert_ptr_nonnull(xml);
	a = render(xml, &goldens[0].opt);
	b = render(xml, &goldens[0].opt);
	ck_assert_str_eq(a, b);
	free(b);
	/* The same tree rendered twice, appending to one buffer. */
	{
		struct diag d = DIAG_INIT;
		struct buf out = BUF_INIT;
		struct doc *doc = parse(xml, len, &d);
		size_t n;
		ck_assert_ptr_nonnull(doc);
		ck_assert_int_eq(render_html(doc, &goldens[0].opt, &out, &d), 0);
		n = out.len;
		ck_assert_int_eq(render_html(doc, &goldens[0].opt, &out, &d), 0);
		ck_assert_uint_eq(out.len, 2 * n);
		ck_assert(memcmp(out.data, out.data + n, n) == 0);
		ck_assert(memcmp(out.data, a, n) == 0);
		buf_free(&out);
		doc_free(doc);
		diag_free(&d);
	}
	free(a);
	free(xml);
}
END_TEST

START_TEST(test_duplicate_anchor)
{
	static const char xml[] =
		"<document id='t' lang='en'><meta><title>T</title><company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta>"
		"<section id='s-2'><heading>A</heading></section>"
		"<section><heading>B</heading></section>"
		"</document>";
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct doc *doc = parse(xml, strlen(xml), &d);

	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(buf_puts(&out, "before"), 0);
	ck_assert_int_eq(render_html(doc, NULL, &out, &d), -1);
	/* The clash with a generated anchor is reported, the output dropped
	 * (two equal ids are doc_parse's error already). */
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "\"s-2\""));
	ck_assert_uint_eq(out.len, 0);
	ck_assert_ptr_null(out.data);
	doc_free(doc);
	diag_free(&d);
}
END_TEST

START_TEST(test_tables)
{
	static const char xml[] =
		"<document id='t' lang='en'><meta><title>T</title><company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta>"
		"<table widths='1 3'>"
		"<row header='true'><cell>H1</cell><cell>H2</cell></row>"
		"<row header='true'><cell span='2'>H3</cell></row>"
		"<row><cell>a</cell><cell>b</cell></row>"
		"<row header='true'><cell span='2'>group</cell></row>"
		"<row><cell><p>p1</p><list><item>i</item></list></cell><cell/></row>"
		"</table>"
		"<table widths='1 1 1'><row header='true'><cell>x</cell><cell>y</cell><cell>z</cell></row></table>"
		"<table><row><cell>1</cell><cell span='3'>2</cell></row><row><cell>3</cell><cell>4</cell><cell>5</cell><cell>6</cell></row></table>"
		"<table widths='0 0'><row><cell>a</cell><cell>b</cell></row></table>"
		"</document>";
	char *html = render(xml, NULL);

	ck_assert_has(html,
		      "<div class=\"table-wrap\"><table style=\"--cols: 2\">\n"
		      "<colgroup><col style=\"width: 25.0%\"><col style=\"width: 75.0%\"></colgroup>\n"
		      "<thead>\n"
		      "<tr><th scope=\"col\">H1</th><th scope=\"col\">H2</th></tr>\n"
		      "<tr><th scope=\"col\" colspan=\"2\">H3</th></tr>\n"
		      "</thead>\n"
		      "<tbody>\n"
		      "<tr><td>a</td><td>b</td></tr>\n"
		      "<tr><th scope=\"col\" colspan=\"2\">group</th></tr>\n"
		      "<tr><td><p>p1</p>\n<ul>\n<li>i</li>\n</ul>\n</td><td></td></tr>\n"
		      "</tbody>\n"
		      "</table></div>\n");
	ck_assert_has(html,
		      "<table style=\"--cols: 3\">\n"
		      "<colgroup><col style=\"width: 33.3%\"><col style=\"width: 33.3%\"><col style=\"width: 33.3%\"></colgroup>\n"
		      "<thead>\n<tr><th scope=\"col\">x</th><th scope=\"col\">y</th><th scope=\"col\">z</th></tr>\n"
		      "</thead>\n</table></div>\n");
	ck_assert_has(html,
		      "<table style=\"--cols: 4\">\n<tbody>\n"
		      "<tr><td>1</td><td colspan=\"3\">2</td></tr>\n");
	/* Widths that add up to nothing give no column sizes. */
	ck_assert_has(html, "<table style=\"--cols: 2\">\n<tbody>\n<tr><td>a</td>");
	check_balanced(html);
	free(html);
}
END_TEST

/* What the index page asks of the vocabulary: a part in another
 * language, a row named by its first cell, values kept on one line, a
 * table shown as cards on a phone, Word files typed for download. The
 * rules for them are in the stylesheet only of a page that uses them. */
START_TEST(test_lang_cards_nowrap)
{
	static const char xml[] =
		"<document id='t' lang='ja'><meta><title>T</title><company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta><toc/>"
		"<section id='lang-en' lang='en'><heading>English</heading>"
		"<table cards='true'>"
		"<row header='true'><cell>Document</cell><cell span='2'>Date</cell><cell>Files</cell></row>"
		"<row><cell header='true'>Policy</cell><cell align='center' wrap='false'>1 April</cell>"
		"<cell wrap='false'>2026</cell><cell><link href='en/policy.docx'>DOCX</link></cell></row>"
		"</table></section></document>";
	static const char plain[] =
		"<document id='t' lang='en'><meta><title>T</title><company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta>"
		"<section><heading>H</heading><table><row><cell header='true'>a</cell><cell>b</cell></row></table>"
		"<p><link href='https://example.com/a.docx'>x</link></p></section></document>";
	char *html = render(xml, NULL), *other = render(plain, NULL);

	ck_assert_has(html, "<section id=\"lang-en\" lang=\"en\">\n<h2>");
	ck_assert_has(html, "<li><a href=\"#lang-en\" lang=\"en\"><span class=\"num\">1</span> English</a>");
	ck_assert_has(html, "<table class=\"cards\" style=\"--cols: 4\">");
	ck_assert_has(html,
		      "<tr><th scope=\"row\">Policy</th>"
		      "<td class=\"center nowrap\" data-label=\"Date\">1 April</td>"
		      "<td class=\"nowrap\" data-label=\"Date\">2026</td>"
		      "<td data-label=\"Files\"><a href=\"en/policy.docx\" type=\"application/"
		      "vnd.openxmlformats-officedocument.wordprocessingml.document\">DOCX</a></td></tr>");
	ck_assert_has(html, "td.nowrap { white-space: nowrap;");
	ck_assert_has(html, "table.cards td::before {");
	ck_assert_has(html, "section[lang] + section[lang] { break-before: page; }");
	/* No cover fields, no sign-off: no printed page for the cover. */
	ck_assert_has(html, "<header class=\"cover plain\">");
	ck_assert_has(html, ".cover.plain { break-after: auto;");
	check_balanced(html);
	/* A page without them has none of their rules; a row header is one
	 * anywhere; a web address ending in .docx is not a file beside it. */
	ck_assert_has(other, "<tr><th scope=\"row\">a</th><td>b</td></tr>");
	ck_assert_has(other, "<a href=\"https://example.com/a.docx\" class=\"url\">x</a>");
	ck_assert_ptr_null(strstr(other, "nowrap {"));
	ck_assert_ptr_null(strstr(other, "table.cards"));
	ck_assert_ptr_null(strstr(other, "section[lang]"));
	check_balanced(other);
	free(html);
	free(other);
}
END_TEST

START_TEST(test_page_and_front)
{
	static const char xml[] =
		"<document id='t' lang='fr'><meta><title>T</title><company>C</company>"
		"<cover><field label='Date'>1 avril</field></cover><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta><p>x</p></document>";
	struct html_options letter = { NULL, NULL, NULL, 1 };
	char *a4 = render(xml, NULL);
	char *us = render(xml, &letter);

	ck_assert_has(a4, "<html lang=\"fr\">");
	ck_assert_has(a4, "<meta charset=\"utf-8\">");
	ck_assert_has(a4, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
	ck_assert_has(a4, "  size: A4;\n  @top-left { content: \"T\"; }\n");
	ck_assert_has(us, "  size: letter;\n");
	/* No classification, no links: no header line. */
	ck_assert_ptr_null(strstr(a4, "<div class=\"bar\">"));
	/* A cover field without an ISO date is plain text. */
	ck_assert_has(a4, "<dt>Date</dt><dd>1 avril</dd>\n");
	/* Self-contained: nothing fetched, nothing run. */
	ck_assert_ptr_null(strstr(a4, "<script"));
	ck_assert_ptr_null(strstr(a4, "<link"));
	ck_assert_ptr_null(strstr(a4, "url("));
	ck_assert_ptr_null(strstr(a4, "@import"));
	ck_assert_ptr_null(strstr(a4, "src="));
	check_balanced(a4);
	free(a4);
	free(us);
}
END_TEST

START_TEST(test_japanese_front)
{
	static const char xml[] =
		"<document id='t' lang='ja'><meta><title>方針</title><company>株式会社</company>"
		"<number>N-1</number><revision>2</revision><date>2025年4月1日</date>"
		"<iso-date>2025-04-01</iso-date><classification>社外秘</classification>"
		"<cover><field label='文書番号'>N-1</field><field label='版数'>第2版</field>"
		"<field label='施行日' iso='2025-04-01'>2025年4月1日</field><field label='機密区分'>社外秘</field></cover>"
		"<labels toc='目次' classification='機密区分' index='文書一覧' links='文書' approval='承認欄' draft='案（未承認）'/></meta>"
		"<toc/><section><heading>目的</heading></section></document>";
	struct html_options opt = { "../index.html", NULL, NULL, 0 };
	char *html = render(xml, &opt);

	ck_assert_has(html, "<html lang=\"ja\">");
	ck_assert_has(html, "\"Noto Serif CJK JP\", \"Noto Sans CJK JP\", \"Hiragino Mincho ProN\",\n    \"Yu Mincho\", serif;");
	ck_assert_has(html, "line-break: strict;");
	ck_assert_has(html, "<div class=\"bar\">\n<p class=\"classification\">社外秘</p>\n"
			    "<nav aria-label=\"文書\"><a href=\"../index.html\">文書一覧</a></nav>\n</div>\n");
	ck_assert_has(html, "<dl class=\"docinfo\">\n"
			    "<dt>文書番号</dt><dd>N-1</dd>\n"
			    "<dt>版数</dt><dd>第2版</dd>\n"
			    "<dt>施行日</dt><dd><time datetime=\"2025-04-01\">2025年4月1日</time></dd>\n"
			    "<dt>機密区分</dt><dd>社外秘</dd>\n"
			    "</dl>\n");
	ck_assert_has(html, "<p class=\"toc-title\">目次</p>");
	ck_assert_has(html, " \"社外秘\"; }");
	free(html);
}
END_TEST

static const char approved_xml[] =
	"<document id='t' lang='ja'><meta><title>T</title><company>C</company>"
	"<cover><field label='次回見直し'>2026年3月31日</field></cover>"
	"<signoff><step label='承認' title='代表取締役 &amp; 社長' name='山田 &lt;太郎&gt;' date='2025年3月25日'/>"
	"<step label='作成' name='佐藤'/></signoff>"
	"<approval name='山田 &lt;太郎&gt;'/>"
	"<labels toc='目次' classification='機密区分' index='文書一覧' links='文書' approval='承認欄' draft='案'/>"
	"</meta><p>x</p></document>";

START_TEST(test_approval_approved)
{
	char *html = render(approved_xml, NULL);

	/* A column a step: label, then title and name, then the date; a
	 * step the document leaves undated has an empty date cell. */
	ck_assert_has(html, "<dl class=\"docinfo\">\n"
			    "<dt>次回見直し</dt><dd>2026年3月31日</dd>\n"
			    "</dl>\n"
			    "<table class=\"approval\">\n"
			    "<caption>承認欄</caption>\n"
			    "<thead>\n<tr><th scope=\"col\">承認</th><th scope=\"col\">作成</th></tr>\n</thead>\n"
			    "<tbody>\n"
			    "<tr class=\"names\"><td><span class=\"approver-title\">"
			    "代表取締役 &amp; 社長</span><br>山田 &lt;太郎&gt;</td><td>佐藤</td></tr>\n"
			    "<tr><td>2025年3月25日</td><td></td></tr>\n"
			    "</tbody>\n"
			    "</table>\n"
			    "</header>\n");
	ck_assert_ptr_null(strstr(html, "draft-mark\">"));
	check_balanced(html);
	free(html);
	/* No sign-off steps: no block. */
	html = render("<document id='t' lang='en'><meta><title>T</title><company>C</company>"
		      "<approval name='Ann'/><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta></document>", NULL);
	ck_assert_ptr_null(strstr(html, "<table class=\"approval\""));
	ck_assert_ptr_null(strstr(html, "<dl"));
	check_balanced(html);
	free(html);
}
END_TEST

START_TEST(test_approval_draft)
{
	char *html = render("<document id='t' lang='en'><meta><title>T</title><company>C</company>"
			    "<cover><field label='Document No.'>N</field></cover>"
			    "<signoff><step label='Approved'/><step label='Prepared' name='Sue'/></signoff>"
			    "<labels toc='Contents' classification='Classification' index='All documents' links='Documents' "
			    "approval='Sign-off' draft='&lt;Draft&gt;'/></meta></document>",
			    NULL);

	/* The notice under the block's title; the approval left to be
	 * filled in by hand. */
	ck_assert_has(html, "<dt>Document No.</dt><dd>N</dd>\n</dl>\n"
			    "<table class=\"approval\">\n"
			    "<caption>Sign-off<br><strong class=\"draft-mark\">&lt;Draft&gt;</strong></caption>\n"
			    "<thead>\n<tr><th scope=\"col\">Approved</th><th scope=\"col\">Prepared</th></tr>\n</thead>\n"
			    "<tbody>\n"
			    "<tr class=\"names\"><td></td><td>Sue</td></tr>\n"
			    "<tr><td></td><td></td></tr>\n"
			    "</tbody>\n"
			    "</table>\n"
			    "</header>\n");
	ck_assert_has(html, ".approval tr.names td { height: 3.5em; }");
	check_balanced(html);
	free(html);
}
END_TEST

/* WCAG 2 relative luminance of "#rrggbb" or "#rgb". */
static double luminance(const char *hex)
{
	unsigned v[3];
	double l[3];
	size_t i;

	if (strlen(hex) == 4) {
		ck_assert_int_eq(sscanf(hex, "#%1x%1x%1x", &v[0], &v[1], &v[2]), 3);
		for (i = 0; i < 3; i++)
			v[i] *= 17;
	} else {
		ck_assert_int_eq(sscanf(hex, "#%2x%2x%2x", &v[0], &v[1], &v[2]), 3);
	}
	for (i = 0; i < 3; i++) {
		double c = v[i] / 255.0;
		l[i] = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double contrast(const char *a, const char *b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every colour of the stylesheets by what it paints. Any text colour on
 * any background passes WCAG AA for normal text (4.5:1), so no pairing
 * of them can fail; borders carry no meaning on their own. A colour the
 * CSS gains must be added here, or test_contrast fails. */
static const char *const css_text[] = {
	"#1a1a1a", /* --ink: body text */
	"#4a4a4a", /* --muted: company, field names, page margins */
	"#1f3a5f", /* --accent: headings, captions */
	"#0b4fa8", /* --link */
	"#9b1c1c", /* classification, draft notice */
};
static const char *const css_background[] = {
	"#fff", "#f3f4f6", "#f8f9fb", "#e6ecf3", "#eef1f5", "#eef3f9", "#fdf3e4",
	"#eef3f8", "#f7f7f7", /* organisation chart boxes (text: --ink) */
};
static const char *const css_border[] = {
	"#9aa3ad", "#d0d4da", "#c5ced9", "#3d6ea8", "#d9a25f", "#b45309",
	"#2b4c6f", "#6b6b6b", /* organisation chart outlines */
};

static bool in_list(const char *c, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(c, v[i]) == 0)
			return true;
	return false;
}

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Every "#hex" colour in the <style> of html is one listed above. */
static void check_css_colours(const char *html)
{
	const char *p = strstr(html, "<style>"), *end = strstr(html, "</style>");
	size_t seen = 0;

	ck_assert(p && end && p < end);
	while ((p = strchr(p, '#')) != NULL && p < end) {
		char c[8];
		size_t n = strspn(p + 1, "0123456789abcdefABCDEF");
		ck_assert_msg(n == 3 || n == 6, "odd colour at: %.20s", p);
		snprintf(c, sizeof(c), "#%.*s", (int)n, p + 1);
		ck_assert_msg(in_list(c, css_text, LEN(css_text)) ||
				      in_list(c, css_background, LEN(css_background)) ||
				      in_list(c, css_border, LEN(css_border)),
			      "colour %s is not classified in check_render_html.c", c);
		seen++;
		p += n + 1;
	}
	ck_assert_uint_gt(seen, 10);
}

START_TEST(test_contrast)
{
	char path[4096], *xml, *html;
	size_t i, j, len;

	for (i = 0; i < LEN(css_text); i++)
		for (j = 0; j < LEN(css_background); j++)
			ck_assert_msg(contrast(css_text[i], css_background[j]) >= 4.5,
				      "%s on %s: %.2f:1", css_text[i], css_background[j],
				      contrast(css_text[i], css_background[j]));
	/* The reference points of the formula. */
	ck_assert(fabs(contrast("#000", "#fff") - 21.0) < 1e-9);
	ck_assert(fabs(contrast("#777777", "#fff") - 4.48) < 0.01);

	fixture_path(path, sizeof(path), "all-ja", "xml");
	xml = slurp(path, &len);
	ck_assert_ptr_nonnull(xml);
	html = render(xml, &goldens[0].opt);
	check_css_colours(html);
	free(html);
	free(xml);
}
END_TEST

Suite *render_html_suite(void)
{
	Suite *s = suite_create("render_html");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_golden, 0,
			    (int)(sizeof(goldens) / sizeof(goldens[0])));
	tcase_add_test(tc, test_heading_numbers);
	tcase_add_test(tc, test_toc_links_resolve);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_unsafe_href_rejected);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_duplicate_anchor);
	tcase_add_test(tc, test_tables);
	tcase_add_test(tc, test_lang_cards_nowrap);
	tcase_add_test(tc, test_page_and_front);
	tcase_add_test(tc, test_japanese_front);
	tcase_add_test(tc, test_approval_approved);
	tcase_add_test(tc, test_approval_draft);
	tcase_add_test(tc, test_contrast);
	suite_add_tcase(s, tc);
	return s;
}
