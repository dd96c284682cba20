/* check_doc.c - document XML -> tree: validation, whitespace, iteration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "doc/doc.h"

static struct doc_schema *schema;
static struct diag d;

static void setup(void)
{
	memset(&d, 0, sizeof(d));
	schema = doc_schema_load(test_path("policy-templates/document.rng"), &d);
	ck_assert_ptr_nonnull(schema);
}

static void teardown(void)
{
	doc_schema_free(schema);
	diag_free(&d);
}

static struct doc *parse(const char *xml)
{
	return doc_parse(xml, strlen(xml), "t.xml", schema, &d);
}

#define HEAD "<document id=\"policy\" lang=\"ja\"><meta><title>方針</title><company>A&amp;B</company><iso-date>2026-04-01</iso-date><labels toc=\"Contents\" classification=\"Classification\" index=\"All documents\" links=\"Documents\" approval=\"Approval\" draft=\"Draft: not approved yet\"/></meta>"

START_TEST(test_tree_shape)
{
	struct doc *doc = parse(HEAD
		"<toc/>\n"
		"<section id=\"a\">\n  <heading>目的</heading>\n  <p>  本方針は\n  <strong>全社</strong>に適用する。 </p>\n"
		"  <section><heading>細目</heading><list style=\"number\"><item>一 <em>二</em></item></list></section>\n"
		"</section></document>");
	struct doc_node *sec, *p, *sub;

	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(doc->kind, "policy");
	ck_assert_str_eq(doc->lang, "ja");
	ck_assert_str_eq(doc->meta.title, "方針");
	ck_assert_str_eq(doc->meta.company, "A&B");
	ck_assert_str_eq(doc->meta.iso_date, "2026-04-01");
	ck_assert_ptr_null(doc->meta.number);
	ck_assert_int_eq(doc->root->first->type, DOC_TOC);
	sec = doc->root->first->next;
	ck_assert_int_eq(sec->type, DOC_SECTION);
	ck_assert_str_eq(sec->id, "a");
	ck_assert_int_eq(sec->level, 1);
	ck_assert_int_eq(sec->first->type, DOC_HEADING);
	ck_assert_int_eq(sec->first->level, 1);
	p = sec->first->next;
	ck_assert_int_eq(p->type, DOC_PARAGRAPH);
	/* leading/trailing space trimmed, inner runs folded to one space */
	ck_assert_str_eq(p->first->text, "本方針は ");
	ck_assert_int_eq(p->first->next->type, DOC_STRONG);
	ck_assert_str_eq(p->last->text, "に適用する。");
	sub = p->next;
	ck_assert_int_eq(sub->type, DOC_SECTION);
	ck_assert_int_eq(sub->level, 2);
	ck_assert_int_eq(sub->first->next->type, DOC_LIST);
	ck_assert_int_eq(sub->first->next->ordered, 1);
	doc_free(doc);
}
END_TEST

START_TEST(test_table_attributes)
{
	struct doc *doc = parse(HEAD "<table widths=\"2 5 3\"><row header=\"true\"><cell>a</cell><cell span=\"2\">b</cell></row>"
				"<row><cell><p>x</p><p>y</p></cell><cell>c</cell><cell>d</cell></row></table>"
				"<note kind=\"warning\">w</note><signature><line label=\"氏名\"></line></signature></document>");
	struct doc_node *t, *r;

	ck_assert_ptr_nonnull(doc);
	t = doc->root->first;
	ck_assert_int_eq(t->type, DOC_TABLE);
	ck_assert_uint_eq(t->ncols, 3);
	ck_assert(t->widths[0] == 2 && t->widths[1] == 5 && t->widths[2] == 3);
	r = t->first;
	ck_assert_int_eq(r->header, 1);
	ck_assert_int_eq(r->first->span, 1);
	ck_assert_int_eq(r->last->span, 2);
	ck_assert_int_eq(r->next->header, 0);
	ck_assert_int_eq(r->next->first->first->type, DOC_PARAGRAPH);
	ck_assert_int_eq(t->next->type, DOC_NOTE);
	ck_assert_int_eq(t->next->warning, 1);
	ck_assert_int_eq(t->next->next->first->type, DOC_SIGNATURE_LINE);
	ck_assert_str_eq(t->next->next->first->label, "氏名");
	ck_assert_ptr_null(t->next->next->first->first);
	doc_free(doc);
}
END_TEST

START_TEST(test_invalid_is_located)
{
	struct doc *doc = parse(HEAD "\n<section><heading>h</heading>\n<bogus/></section></document>");

	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_str_eq(d.v[0].file, "t.xml");
	ck_assert_int_eq(d.v[0].line, 3);
}
END_TEST

/* The words a renderer adds come from the template: a label left out
 * is an error naming it, not an English default. */
START_TEST(test_labels_required)
{
	struct doc *doc = parse("<document id=\"policy\" lang=\"ja\">\n<meta><title>方針</title>"
				"<company>A</company><labels toc=\"目次\" index=\"文書一覧\" approval=\"承認欄\"/>"
				"</meta><p>x</p></document>");

	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_str_eq(d.v[0].msg,
			 "<meta> gives no <labels> for classification, links, draft: the words a "
			 "renderer adds around the content come from the template, in the document's language");
}
END_TEST

/* doc_parse_buf takes the text: freed once parsed, whatever the outcome. */
START_TEST(test_parse_buf)
{
	struct buf b = BUF_INIT;
	struct doc *doc;

	ck_assert_int_eq(buf_puts(&b, HEAD "<p>x</p></document>"), 0);
	doc = doc_parse_buf(&b, "t.xml", schema, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_null(b.data);
	ck_assert_str_eq(doc->meta.title, "方針");
	doc_free(doc);
	ck_assert_int_eq(buf_puts(&b, "<document"), 0);
	ck_assert_ptr_null(doc_parse_buf(&b, "t.xml", schema, &d));
	ck_assert_ptr_null(b.data);
	ck_assert_uint_ge(d.errors, 1);
}
END_TEST

START_TEST(test_not_well_formed)
{
	struct doc *doc = parse(HEAD "<p>a</document>");

	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_int_eq(d.v[0].line, 1);
}
END_TEST

START_TEST(test_doctype_refused)
{
	struct doc *doc = parse("<!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				HEAD "<p>&x;</p></document>");

	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.errors, 1);
}
END_TEST

START_TEST(test_bad_link_refused)
{
	struct doc *doc = parse(HEAD "<p><link href=\"javascript:alert(1)\">x</link></p></document>");

	ck_assert_ptr_null(doc);
}
END_TEST

START_TEST(test_iterator_order)
{
	struct doc *doc = parse(HEAD "<section><heading>h</heading><p>a<br/>b</p></section></document>");
	static const char expect[] = "E0 E2 E3 E19 X3 E4 E19 E16 E19 X4 X2 X0";
	char got[256] = "";
	size_t len = 0;
	struct doc_iter it;
	enum doc_event ev;

	ck_assert_ptr_nonnull(doc);
	doc_iter_init(&it, doc->root);
	while ((ev = doc_iter_next(&it)) != DOC_DONE) {
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%c%d",
					len ? " " : "", ev == DOC_ENTER ? 'E' : 'X',
					(int)it.cur->type);
		ck_assert_uint_lt(len, sizeof(got));
	}
	ck_assert_str_eq(got, expect);
	{
		char *t = doc_node_text(doc->root);
		ck_assert_str_eq(t, "ha b");
		free(t);
	}
	doc_free(doc);
}
END_TEST

START_TEST(test_semantic_checks)
{
	struct doc *doc = parse(HEAD "\n<section id=\"a\"><heading>h</heading>\n"
				"<p><link href=\"#nowhere\">x</link></p>\n"
				"<table widths=\"1 1\"><row><cell>a</cell></row></table></section>\n"
				"<section id=\"a\"><heading>again</heading></section></document>");

	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(d.errors, 3);
	/* One error each, at its own line. */
	ck_assert(strstr(d.v[0].msg, "columns") && d.v[0].line == 4);
	ck_assert(strstr(d.v[1].msg, "used twice") && d.v[1].line == 5);
	ck_assert(strstr(d.v[2].msg, "#nowhere") && d.v[2].line == 3);
}
END_TEST

START_TEST(test_meta_folded)
{
	struct doc *doc = parse("<document id=\"policy\" lang=\"en\"><meta><title>\n  Product\n  Policy </title>"
				"<company>C</company><labels toc='Contents' classification='Classification' index='All documents' links='Documents' approval='Approval' draft='Draft: not approved yet'/></meta><table><row><cell>a</cell><cell>b</cell></row></table></document>");

	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(doc->meta.title, "Product Policy");
	ck_assert_str_eq(doc->name, "t.xml");
	/* A table without widths leaves them to the renderer. */
	ck_assert_uint_eq(doc->root->first->ncols, 0);
	ck_assert_ptr_null(doc->root->first->widths);
	doc_free(doc);
}
END_TEST

START_TEST(test_cjk_line_break)
{
	struct doc *doc = parse(HEAD "<p>利用者と社会を\n  サイバー攻撃から守る。A\nB 守る。 X\n守る</p></document>");

	ck_assert_ptr_nonnull(doc);
	/* A break between Japanese characters is no space; between Latin
	 * letters, or a plain space, it is one. */
	ck_assert_str_eq(doc->root->first->first->text, "利用者と社会をサイバー攻撃から守る。A B 守る。 X 守る");
	doc_free(doc);
}
END_TEST

Suite *doc_suite(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tree_shape);
	tcase_add_test(tc, test_table_attributes);
	tcase_add_test(tc, test_invalid_is_located);
	tcase_add_test(tc, test_labels_required);
	tcase_add_test(tc, test_parse_buf);
	tcase_add_test(tc, test_not_well_formed);
	tcase_add_test(tc, test_doctype_refused);
	tcase_add_test(tc, test_bad_link_refused);
	tcase_add_test(tc, test_iterator_order);
	tcase_add_test(tc, test_semantic_checks);
	tcase_add_test(tc, test_meta_folded);
	tcase_add_test(tc, test_cjk_line_break);
	suite_add_tcase(s, tc);
	return s;
}
