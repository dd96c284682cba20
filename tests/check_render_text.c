/* check_render_text.c - document tree -> text for a terminal: the whole
 * output of small documents compared with literals, with and without
 * colour. */
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "doc/doc.h"
#include "render/text/render_text.h"

static struct doc_schema *schema;

static void setup(void)
{
	struct diag d = DIAG_INIT;

	schema = doc_schema_load(test_path("policy-templates/document.rng"), &d);
	ck_assert_ptr_nonnull(schema);
	diag_free(&d);
}

static void teardown(void)
{
	doc_schema_free(schema);
}

/* The text of document XML (caller frees). */
static char *render(const char *xml, bool colour)
{
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	struct doc *doc = doc_parse(xml, strlen(xml), "t.xml", schema, &d);

	ck_assert_msg(doc != NULL, "%s", d.n ? d.v[0].msg : "?");
	ck_assert_int_eq(render_text(doc, colour, &out, &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	doc_free(doc);
	diag_free(&d);
	return buf_detach(&out, NULL);
}

#define HEAD(lang) "<document id=\"t\" lang=\"" lang "\"><meta><title>Report</title>" \
	"<company>A&amp;B</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta>"

/* A heading is its section's first line after a blank one, the block
 * under it follows at once; a table's rows are lines, a break in a cell
 * goes on under the cell; a closing note comes after the sections. */
START_TEST(test_report_shape)
{
	char *got = render(HEAD("en")
		"<p>Intro.</p>"
		"<section><heading>(1) One <strong>✗</strong></heading>"
		"<table><row><cell>✓</cell><cell>Done.</cell></row>"
		"<row><cell><strong>✗</strong></cell><cell>Missing.<br/><em>→ add it</em></cell></row>"
		"</table></section>"
		"<section><heading>(2) Two</heading><p>Nothing.</p></section>"
		"<note kind=\"warning\">1 point remains.</note></document>", false);

	ck_assert_str_eq(got, "Report — A&B\n"
			      "\n"
			      "Intro.\n"
			      "\n"
			      "(1) One ✗\n"
			      "  ✓ Done.\n"
			      "  ✗ Missing.\n"
			      "    → add it\n"
			      "\n"
			      "(2) Two\n"
			      "Nothing.\n"
			      "\n"
			      "1 point remains.\n");
	free(got);
}
END_TEST

/* Colour: bold that nests (a strong run inside a heading ends only its
 * own), italic emphasis, a warning red and a note green. */
START_TEST(test_colour)
{
	char *got = render(HEAD("en")
		"<section><heading>H <strong>x</strong> y</heading><p><em>e</em></p></section>"
		"<note>ok</note><note kind=\"warning\">bad</note></document>", true);

	ck_assert_str_eq(got, "\033[1mReport\033[22m — A&B\n"
			      "\n"
			      "\033[1mH x y\033[22m\n"
			      "\033[3me\033[23m\n"
			      "\n"
			      "\033[32mok\033[39m\n"
			      "\n"
			      "\033[31mbad\033[39m\n");
	free(got);
}
END_TEST

/* Lists: indented as a table's rows, bullets and numbers, two columns
 * deeper for a nested list, a
 * break under the item's text; a link shows where it goes unless its
 * text says so, or it is within the document. */
START_TEST(test_lists_and_links)
{
	char *got = render(HEAD("en")
		"<list style=\"number\"><item>One<br/>more</item>"
		"<item>Two<list><item>a</item><item><link href=\"https://x.example/\">site</link></item></list></item>"
		"</list>"
		"<p><link href=\"mailto:a@b.example\">mailto:a@b.example</link> and <link href=\"ja/p.html\">p</link></p>"
		"</document>", false);

	ck_assert_str_eq(got, "Report — A&B\n"
			      "\n"
			      "  1. One\n"
			      "     more\n"
			      "  2. Two\n"
			      "    • a\n"
			      "    • site <https://x.example/>\n"
			      "\n"
			      "mailto:a@b.example and p <ja/p.html>\n");
	free(got);
}
END_TEST

/* Japanese text takes two columns a character: a break in a cell after
 * a wide first cell still lines up under the second. */
START_TEST(test_wide_columns)
{
	char *got = render(HEAD("ja")
		"<table><row header=\"true\"><cell>状況</cell><cell>内容</cell></row>"
		"<row><cell>未了</cell><cell>一<br/>二</cell></row></table>"
		"<signature><line label=\"氏名\"/></signature></document>", false);

	ck_assert_str_eq(got, "Report — A&B\n"
			      "\n"
			      "  状況 内容\n"
			      "  未了 一\n"
			      "       二\n"
			      "\n"
			      "  氏名: ________________\n");
	free(got);
}
END_TEST

Suite *render_text_suite(void)
{
	Suite *s = suite_create("render_text");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_report_shape);
	tcase_add_test(tc, test_colour);
	tcase_add_test(tc, test_lists_and_links);
	tcase_add_test(tc, test_wide_columns);
	suite_add_tcase(s, tc);
	return s;
}
