/* render_html.c - document tree -> one self-contained HTML5 file.
 *
 * As cmark's html.c: one loop over the tree's enter/exit events and one
 * switch on the node type. Section numbers and anchors are computed in a
 * first pass, because the table of contents comes before the sections. */
#include "render/html/render_html.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmlutil.h"
#include "doc/page.h"
#include "render/html/render_svg.h"

/* Deepest section numbered; doc_parse refuses deeper XML long before. */
#define HTML_MAX_LEVEL 64


/* The stylesheet, the same for every document: language differences are
 * :lang() rules. Split in pieces shorter than the 4095 characters ISO C
 * promises for one string literal. */
static const char *const html_css[] = {
	":root {\n"
	"  color-scheme: light;\n"
	"  --serif: Georgia, Cambria, \"Noto Serif\", \"Liberation Serif\", \"DejaVu Serif\",\n"
	"    \"Times New Roman\", \"Noto Serif CJK JP\", serif;\n"
	"  --sans: \"Helvetica Neue\", Arial, \"Noto Sans\", \"Liberation Sans\", \"DejaVu Sans\",\n"
	"    \"Noto Sans CJK JP\", sans-serif;\n"
	"  --ink: #1a1a1a;\n"
	"  --muted: #4a4a4a;\n"
	"  --accent: #1f3a5f;\n"
	"  --rule: #9aa3ad;\n"
	"  --link: #0b4fa8;\n"
	"  -webkit-text-size-adjust: 100%;\n"
	"  text-size-adjust: 100%;\n"
	"}\n"
	":root:lang(ja) {\n"
	"  --serif: \"Noto Serif CJK JP\", \"Noto Sans CJK JP\", \"Hiragino Mincho ProN\",\n"
	"    \"Yu Mincho\", serif;\n"
	"  --sans: \"Noto Sans CJK JP\", \"Hiragino Kaku Gothic ProN\", \"Hiragino Sans\",\n"
	"    \"Yu Gothic\", Meiryo, sans-serif;\n"
	"}\n"
	"*, *::before, *::after { box-sizing: border-box; }\n"
	"body {\n"
	"  margin: 0;\n"
	"  background: #fff;\n"
	"  color: var(--ink);\n"
	"  font-family: var(--serif);\n"
	"  font-size: 1rem;\n"
	"  line-height: 1.6;\n"
	"  overflow-wrap: anywhere;\n"
	"}\n"
	"body:lang(ja) {\n"
	"  line-height: 1.85;\n"
	"  line-break: strict;\n"
	"  word-break: normal;\n"
	"}\n"
	"h1, h2, h3, h4, h5, h6, th, .bar, .company, .subtitle, .docinfo, .toc-title {\n"
	"  font-family: var(--sans);\n"
	"}\n"
	"a { color: var(--link); text-underline-offset: 0.15em; }\n"
	".bar {\n"
	"  display: flex;\n"
	"  flex-wrap: wrap;\n"
	"  align-items: center;\n"
	"  gap: 0.25rem 1rem;\n"
	"  padding: 0.45rem 1rem;\n"
	"  background: #f3f4f6;\n"
	"  border-bottom: 1px solid #d0d4da;\n"
	"  font-size: 0.875rem;\n"
	"  line-height: 1.4;\n"
	"}\n"
	".bar .classification {\n"
	"  margin: 0;\n"
	"  padding: 0 0.4em;\n"
	"  border: 1px solid #9b1c1c;\n"
	"  color: #9b1c1c;\n"
	"  font-weight: 700;\n"
	"}\n"
	".bar nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin-left: auto; }\n"
	"main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }\n"
	".cover {\n"
	"  margin-bottom: 1.5rem;\n"
	"  padding-bottom: 1rem;\n"
	"  border-bottom: 2px solid var(--accent);\n"
	"}\n"
	".cover .company { margin: 0 0 0.25rem; color: var(--muted); }\n"
	"h1 { margin: 0.2rem 0 0.4rem; font-size: 1.75rem; line-height: 1.3; color: var(--accent); }\n"
	".cover .subtitle { margin: 0 0 0.75rem; font-size: 1.125rem; }\n"
	".docinfo {\n"
	"  display: grid;\n"
	"  grid-template-columns: max-content 1fr;\n"
	"  gap: 0.1rem 1rem;\n"
	"  margin: 0;\n"
	"  font-size: 0.9rem;\n"
	"}\n"
	".docinfo dt { color: var(--muted); }\n"
	".docinfo dd { margin: 0; }\n"
	"table.approval {\n"
	"  width: auto;\n"
	"  min-width: min(100%, 20rem);\n"
	"  margin: 1rem 0 0;\n"
	"  font-family: var(--sans);\n"
	"  font-size: 0.9rem;\n"
	"  break-inside: avoid;\n"
	"}\n"
	".approval caption { padding-bottom: 0.25em; text-align: start; font-weight: 700; color: var(--accent); }\n"
	".approval .draft-mark { color: #9b1c1c; }\n"
	".approval th { white-space: nowrap; text-align: center; }\n"
	".approval td { min-width: 8em; text-align: center; vertical-align: middle; }\n"
	".approval tr.names td { height: 3.5em; }\n",

	"h2, h3, h4, h5, h6 {\n"
	"  margin: 1.6em 0 0.5em;\n"
	"  line-height: 1.4;\n"
	"  color: var(--accent);\n"
	"  break-after: avoid;\n"
	"  break-inside: avoid;\n"
	"}\n"
	"h2 { font-size: 1.375rem; padding-bottom: 0.2em; border-bottom: 1px solid #c5ced9; }\n"
	"h3 { font-size: 1.15rem; }\n"
	"h4 { font-size: 1.05rem; }\n"
	"h5, h6 { font-size: 1rem; }\n"
	".num { font-variant-numeric: tabular-nums; }\n"
	"section { scroll-margin-top: 1rem; }\n"
	"p { margin: 0.6em 0; }\n"
	"/* Japanese sets emphasis in Gothic rather than in a slanted Mincho. */\n"
	":root:lang(ja) em { font-style: normal; font-family: var(--sans); }\n"
	"ul, ol { margin: 0.5em 0; padding-left: 1.6em; }\n"
	"li { margin: 0.2em 0; }\n"
	"ol ol { list-style-type: lower-alpha; }\n"
	"ol ol ol { list-style-type: lower-roman; }\n"
	".toc {\n"
	"  margin: 1.5rem 0 2rem;\n"
	"  padding: 0.75rem 1rem;\n"
	"  border: 1px solid #d0d4da;\n"
	"  background: #f8f9fb;\n"
	"}\n"
	".toc-title { margin: 0 0 0.4rem; font-size: 1.1rem; font-weight: 700; color: var(--accent); }\n"
	".toc ol { margin: 0; padding-left: 0; list-style: none; }\n"
	".toc ol ol { padding-left: 1.6em; }\n"
	".toc li { margin: 0.15em 0; }\n"
	".toc a { text-decoration: none; }\n"
	".toc a:hover, .toc a:focus { text-decoration: underline; }\n"
	".table-wrap { margin: 1em 0; overflow-x: auto; }\n"
	"table { width: 100%; border-collapse: collapse; font-size: 0.95em; line-height: 1.5; }\n"
	"/* A table keeps about six characters a column and scrolls sideways\n"
	"   on a narrow screen rather than squeezing its columns. */\n"
	".table-wrap > table { min-width: calc(var(--cols, 1) * 6em); }\n"
	"th, td {\n"
	"  padding: 0.4em 0.55em;\n"
	"  border: 1px solid var(--rule);\n"
	"  text-align: start;\n"
	"  vertical-align: top;\n"
	"  overflow-wrap: break-word;\n"
	"}\n"
	"thead th { background: #e6ecf3; }\n"
	"tbody th { background: #eef1f5; }\n"
	"td > :first-child, th > :first-child { margin-top: 0; }\n"
	"td > :last-child, th > :last-child { margin-bottom: 0; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; }\n"
	".note {\n"
	"  margin: 1em 0;\n"
	"  padding: 0.6em 0.9em;\n"
	"  border-left: 0.3rem solid #3d6ea8;\n"
	"  background: #eef3f9;\n"
	"  break-inside: avoid;\n"
	"}\n"
	".note.warning {\n"
	"  border: 1px solid #d9a25f;\n"
	"  border-left: 0.5rem solid #b45309;\n"
	"  background: #fdf3e4;\n"
	"}\n"
	"table.signature { max-width: 36rem; margin: 1.5em 0; break-inside: avoid; }\n"
	".signature th { width: 35%; vertical-align: middle; }\n"
	".signature td { height: 3.5em; }\n",

	"/* The organisation chart: SVG laid out in points (layout.c), scaled to\n"
	"   the column on a screen. Colours as in the Word document. */\n"
	"td.center, th.center { text-align: center; }\n"
	"/* An empty cell is a blank to fill in by hand: a line's height. */\n"
	"td:empty::after { content: \"\\00a0\"; }\n"
	".timeline { margin: 1em 0; break-inside: avoid; }\n"
	".timeline svg { display: block; width: 100%; height: auto; font-family: var(--sans); }\n"
	".timeline .band { fill: #fff; }\n"
	".timeline .band.odd { fill: #f3f4f6; }\n"
	".timeline .rule { stroke: #c5ced9; stroke-width: 0.5; }\n"
	".timeline .mark { fill: #2b4c6f; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	".timeline text { fill: #1a1a1a; }\n"
	".orgchart { margin: 1em 0; break-inside: avoid; }\n"
	".orgchart svg { display: block; width: 100%; height: auto; margin: 0 auto; font-family: var(--sans); }\n"
	".orgchart figcaption { text-align: center; font-family: var(--sans); font-weight: 700; font-size: 0.9rem; }\n"
	".orgchart .box rect { fill: #eef3f8; stroke: #2b4c6f; stroke-width: 1; }\n"
	".orgchart .apart-box rect { fill: #f7f7f7; stroke: #6b6b6b; stroke-width: 0.75; }\n"
	".orgchart .apart { fill: none; stroke: #6b6b6b; stroke-width: 0.75; stroke-dasharray: 4 3; }\n"
	".orgchart .edge { fill: none; stroke: #4a4a4a; stroke-width: 1; }\n"
	".orgchart text { fill: #1a1a1a; }\n"
	".orgchart .box, .orgchart .edge, .orgchart .apart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"thead th, tbody th, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"/* The page margins inherit nothing from :root, so no var() here. */\n"
	"@page {\n"
	"  margin: 20mm 18mm;\n"
	"  @top-left { font: 8pt/1.2 \"Noto Sans CJK JP\", \"Noto Sans\", Arial, sans-serif; color: #4a4a4a; }\n"
	"  @top-right { font: 700 8pt/1.2 \"Noto Sans CJK JP\", \"Noto Sans\", Arial, sans-serif; color: #9b1c1c; }\n"
	"  @bottom-center {\n"
	"    content: counter(page) \" / \" counter(pages);\n"
	"    font: 8pt/1.2 \"Noto Sans CJK JP\", \"Noto Sans\", Arial, sans-serif;\n"
	"    color: #4a4a4a;\n"
	"  }\n"
	"}\n"
	"@page :first {\n"
	"  @top-left { content: none; }\n"
	"}\n"
	"@media print {\n"
	"  :root { font-size: 10.5pt; }\n"
	"  .bar { display: none; }\n"
	"  main { max-width: none; padding: 0; }\n"
	"  .table-wrap { overflow: visible; }\n"
	"  .table-wrap > table { min-width: 0; }\n"
	"  a { color: inherit; text-decoration: none; }\n"
	"  a.url::after { content: \" (\" attr(href) \")\"; font-size: 0.9em; }\n"
	"  .toc { padding: 0; border: 0; background: none; }\n"
	"  p, li { orphans: 2; widows: 2; }\n"
	"  .cover { break-after: page; padding-top: 45mm; border-bottom: 0; }\n"
	"  .cover h1 { font-size: 2rem; }\n"
	"  section.new-page { break-before: page; }\n"
	"}\n",
};

/* Rules only some documents need, added to the stylesheet of a document
 * that uses them, so the others stay as they are. */
static const char html_nowrap_css[] =
	"th.nowrap, td.nowrap { white-space: nowrap; overflow-wrap: normal; }\n";

/* A table of cards="true": on a phone each row is a card, its first cell
 * the card's title, then each value after its column's name (data-label);
 * the header row stays for screen readers. */
static const char html_cards_css[] =
	"table.cards th, table.cards td { vertical-align: baseline; }\n"
	"@media screen and (max-width: 36rem) {\n"
	"  .table-wrap > table.cards { min-width: 0; }\n"
	"  table.cards thead {\n"
	"    position: absolute; width: 1px; height: 1px; overflow: hidden;\n"
	"    clip-path: inset(50%); white-space: nowrap;\n"
	"  }\n"
	"  table.cards colgroup { display: none; }\n"
	"  table.cards, table.cards tbody, table.cards tr, table.cards th { display: block; }\n"
	"  table.cards tr { margin: 0 0 0.75rem; border: 1px solid var(--rule); }\n"
	"  table.cards th, table.cards td { border: 0; }\n"
	"  table.cards tbody th { font-size: 1.05em; }\n"
	"  table.cards td { display: block; padding: 0.15em 0.55em; text-align: start; }\n"
	"  table.cards td:empty { display: none; }\n"
	"  table.cards td::before {\n"
	"    content: attr(data-label);\n"
	"    display: inline-block;\n"
	"    width: 8em;\n"
	"    color: var(--muted);\n"
	"    font-family: var(--sans);\n"
	"  }\n"
	"}\n";

/* A cover with nothing but the company and the title (the index page)
 * does not take a printed page of its own. */
static const char html_plain_cover_css[] =
	"@media print {\n"
	"  .cover.plain { break-after: auto; padding-top: 0; }\n"
	"}\n";

/* Top sections in other languages than the document's (the index page's
 * part for each language) start a new page on paper. */
static const char html_lang_css[] =
	"@media print {\n"
	"  main > section[lang] + section[lang] { break-before: page; }\n"
	"}\n";

struct html_section {
	const struct doc_node *node;
	char *anchor; /* owned: the id, or "s-1-2" */
	char *number; /* owned: "1.2" */
	char *title;  /* owned: the heading's text, for the contents */
};

enum html_rows { ROWS_NONE, ROWS_HEAD, ROWS_BODY };

struct html_render {
	const struct doc *doc;
	const struct html_options *opt;
	const struct doc_labels *labels;
	struct buf *out;
	struct diag *d;
	struct html_section *sec; /* every section, in document order */
	size_t nsec;
	size_t cur;          /* sections entered so far */
	enum html_rows rows; /* the open row group of the current table */
	const struct doc_node *cards; /* the open table when it has cards="true" */
	bool uses_nowrap, uses_cards, uses_lang, plain_cover; /* for the stylesheet */
};

/* Text and attribute values: all five characters that HTML gives a
 * meaning, so a value is safe in either quote style and in text. */
/* open, text escaped, close: the usual "<p class=x>text</p>\n". */
static int put_wrapped(struct buf *b, const char *open, const char *text,
		       const char *close)
{
	if (buf_puts(b, open) < 0 || xmlutil_put_html(b, text) < 0)
		return -1;
	return buf_puts(b, close);
}

/* A quoted CSS string. Anything that could end the string, the rule or
 * the <style> element is a hex escape. */
static int put_css_string(struct buf *b, const char *s)
{
	if (buf_putc(b, '"') < 0)
		return -1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int rc;
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '<' ||
		    c == '>' || c == '&')
			rc = buf_printf(b, "\\%x ", (unsigned)c);
		else
			rc = buf_putc(b, (char)c);
		if (rc < 0)
			return -1;
	}
	return buf_putc(b, '"');
}


static void sections_free(struct html_render *r)
{
	size_t i;

	for (i = 0; i < r->nsec; i++) {
		free(r->sec[i].anchor);
		free(r->sec[i].number);
		free(r->sec[i].title);
	}
	free(r->sec);
	r->sec = NULL;
	r->nsec = 0;
}

/* Numbers one section from the counters of its level and above, and gives
 * it its anchor. */
static int section_add(struct html_render *r, size_t *cap,
		       const struct doc_node *n, const unsigned *counters)
{
	struct buf num = BUF_INIT, anchor = BUF_INIT;
	struct html_section *s;
	int i;

	if (r->nsec == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct html_section *v = realloc(r->sec, ncap * sizeof(*v));
		if (!v)
			return -1;
		r->sec = v;
		*cap = ncap;
	}
	for (i = 1; i <= n->level; i++)
		if (buf_printf(&num, i > 1 ? ".%u" : "%u", counters[i]) < 0)
			return -1;
	if (n->id) {
		if (buf_puts(&anchor, n->id) < 0)
			goto fail;
	} else {
		if (buf_putc(&anchor, 's') < 0)
			goto fail;
		for (i = 1; i <= n->level; i++)
			if (buf_printf(&anchor, "-%u", counters[i]) < 0)
				goto fail;
	}
	s = &r->sec[r->nsec];
	s->node = n;
	s->number = buf_detach(&num, NULL);
	s->anchor = buf_detach(&anchor, NULL);
	/* The schema makes <heading> a section's first child. */
	s->title = n->first && n->first->type == DOC_HEADING ?
			   doc_node_text(n->first) : strdup("");
	r->nsec++;
	return s->number && s->anchor && s->title ? 0 : -1;
fail:
	buf_free(&num);
	return -1;
}

/* First pass: every section's number, anchor and title, in document order,
 * and one error for each anchor already taken; and which of the rules
 * only some documents need this one uses. */
static int sections_collect(struct html_render *r)
{
	unsigned counters[HTML_MAX_LEVEL + 1] = { 0 };
	struct doc_iter it;
	size_t cap = 0, i;
	int rc = 0;

	doc_iter_init(&it, r->doc->root);
	while (doc_iter_next(&it) != DOC_DONE) {
		const struct doc_node *n = it.cur;
		const struct html_section *s;
		if (it.ev != DOC_ENTER)
			continue;
		r->uses_nowrap |= n->type == DOC_CELL && n->nowrap;
		r->uses_cards |= n->type == DOC_TABLE && n->cards;
		r->uses_lang |= n->type == DOC_SECTION && n->lang;
		if (n->type != DOC_SECTION)
			continue;
		if (n->level < 1 || n->level > HTML_MAX_LEVEL) {
			diag_error(r->d, r->doc->kind, n->line, 0,
				   "sections nested deeper than %d levels",
				   HTML_MAX_LEVEL);
			return -1;
		}
		counters[n->level]++;
		memset(counters + n->level + 1, 0,
		       (HTML_MAX_LEVEL - (size_t)n->level) * sizeof(counters[0]));
		if (section_add(r, &cap, n, counters) < 0) {
			diag_error(r->d, r->doc->kind, 0, 0,
				   "out of memory while numbering sections");
			return -1;
		}
		s = &r->sec[r->nsec - 1];
		for (i = 0; i + 1 < r->nsec; i++) {
			if (strcmp(r->sec[i].anchor, s->anchor) != 0)
				continue;
			diag_error(r->d, r->doc->kind, n->line, 0,
				   "section %s: anchor \"%s\" is already used by section %s (line %ld)",
				   s->number, s->anchor, r->sec[i].number,
				   r->sec[i].node->line);
			rc = -1;
			break;
		}
	}
	return rc;
}

static int put_meta_tag(struct buf *b, const char *name, const char *content)
{
	if (!content)
		return 0;
	if (buf_printf(b, "<meta name=\"%s\" content=\"", name) < 0 ||
	    xmlutil_put_html(b, content) < 0)
		return -1;
	return buf_puts(b, "\">\n");
}

/* The print page's size, and in its margins the title (not on the cover
 * page) and the classification; the rest is in html_css. */
static int put_page_css(struct html_render *r)
{
	const struct doc_meta *m = &r->doc->meta;
	struct buf *b = r->out;

	if (buf_printf(b, "@page {\n  size: %s%s;\n  @top-left { content: ",
		       r->opt->letter ? "letter" : "A4",
		       r->doc->landscape ? " landscape" : "") < 0 ||
	    put_css_string(b, m->title ? m->title : "") < 0 ||
	    buf_puts(b, "; }\n") < 0)
		return -1;
	/* A draft says so at the top of every printed page. */
	if ((m->classification || (!m->approver && m->labels.draft)) &&
	    (buf_puts(b, "  @top-right { content: ") < 0 ||
	     (!m->approver && m->labels.draft && put_css_string(b, m->labels.draft) < 0) ||
	     (!m->approver && m->labels.draft && m->classification && buf_puts(b, " \"  \" ") < 0) ||
	     (m->classification && put_css_string(b, m->classification) < 0) ||
	     buf_puts(b, "; }\n") < 0))
		return -1;
	return buf_puts(b, "}\n");
}

static int put_head(struct html_render *r)
{
	const struct doc_meta *m = &r->doc->meta;
	struct buf *b = r->out;
	size_t i;

	if (put_wrapped(b, "<!DOCTYPE html>\n<html lang=\"", r->doc->lang,
			"\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n") < 0 ||
	    put_wrapped(b, "<title>", m->title ? m->title : "", "") < 0 ||
	    (m->subtitle && put_wrapped(b, " — ", m->subtitle, "") < 0) ||
	    buf_puts(b, "</title>\n") < 0 ||
	    put_meta_tag(b, "author", m->author) < 0 ||
	    put_meta_tag(b, "description", m->subject) < 0 ||
	    put_meta_tag(b, "keywords", m->keywords) < 0 ||
	    buf_puts(b, "<meta name=\"generator\" content=\"secpolgen\">\n<style>\n") < 0)
		return -1;
	for (i = 0; i < sizeof(html_css) / sizeof(html_css[0]); i++)
		if (buf_puts(b, html_css[i]) < 0)
			return -1;
	if ((r->uses_nowrap && buf_puts(b, html_nowrap_css) < 0) ||
	    (r->uses_cards && buf_puts(b, html_cards_css) < 0) ||
	    (r->uses_lang && buf_puts(b, html_lang_css) < 0) ||
	    (r->plain_cover && buf_puts(b, html_plain_cover_css) < 0) ||
	    put_page_css(r) < 0)
		return -1;
	return buf_puts(b, "</style>\n</head>\n");
}

static int put_anchor(struct buf *b, const char *href, const char *attrs,
		      const char *text)
{
	if (put_wrapped(b, "<a href=\"", href, "\"") < 0 ||
	    buf_puts(b, attrs) < 0)
		return -1;
	return put_wrapped(b, ">", text, "</a>");
}

/* The screen's header line: classification, back to the index, the other
 * language. The printed page carries the classification in its margin. */
static int put_bar(struct html_render *r)
{
	const struct html_options *o = r->opt;
	const char *cls = r->doc->meta.classification;
	struct buf *b = r->out;

	if (!cls && !o->index_href && !o->twin_href)
		return 0;
	if (buf_puts(b, "<div class=\"bar\">\n") < 0)
		return -1;
	if (cls && put_wrapped(b, "<p class=\"classification\">", cls, "</p>\n") < 0)
		return -1;
	if (o->index_href || o->twin_href) {
		if (put_wrapped(b, "<nav aria-label=\"", r->labels->links, "\">") < 0)
			return -1;
		if (o->index_href &&
		    put_anchor(b, o->index_href, "", r->labels->index) < 0)
			return -1;
		if (o->index_href && o->twin_href && buf_putc(b, ' ') < 0)
			return -1;
		if (o->twin_href &&
		    put_anchor(b, o->twin_href, " rel=\"alternate\"",
			       o->twin_label ? o->twin_label : o->twin_href) < 0)
			return -1;
		if (buf_puts(b, "</nav>\n") < 0)
			return -1;
	}
	return buf_puts(b, "</div>\n");
}

/* "YYYY-MM-DD" alone: the form <time datetime> accepts (xsd:date also
 * admits a zone and longer years). */
static bool is_plain_date(const char *s)
{
	static const char shape[] = "0000-00-00";
	size_t i;

	for (i = 0; i < sizeof(shape) - 1; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';
		if (shape[i] == '0' ? !digit : s[i] != '-')
			return false;
	}
	return s[i] == '\0';
}

static int put_docinfo(struct buf *b, const char *label, const char *value)
{
	if (!value)
		return 0;
	if (put_wrapped(b, "<dt>", label, "</dt>") < 0)
		return -1;
	return put_wrapped(b, "<dd>", value, "</dd>\n");
}

/* The sign-off block, as the DOCX cover shows it: a column a step
 * (approved, reviewed, prepared), its label above the title and name,
 * then the date. Cells the document leaves open stay empty and tall, to
 * be signed and dated by hand; a draft says so in the caption. */
static int put_signoff(struct html_render *r)
{
	const struct doc_meta *m = &r->doc->meta;
	const struct doc_labels *l = r->labels;
	struct buf *b = r->out;
	bool draft = !m->approver;
	size_t i;

	if (!m->nsteps)
		return 0;
	if (put_wrapped(b, "<table class=\"approval\">\n<caption>", l->approval, "") < 0 ||
	    (draft && put_wrapped(b, "<br><strong class=\"draft-mark\">", l->draft,
				  "</strong>") < 0) ||
	    buf_puts(b, "</caption>\n<thead>\n<tr>") < 0)
		return -1;
	for (i = 0; i < m->nsteps; i++)
		if (put_wrapped(b, "<th scope=\"col\">", m->steps[i].label, "</th>") < 0)
			return -1;
	if (buf_puts(b, "</tr>\n</thead>\n<tbody>\n<tr class=\"names\">") < 0)
		return -1;
	for (i = 0; i < m->nsteps; i++) {
		const struct doc_step *st = &m->steps[i];
		if (buf_puts(b, "<td>") < 0 ||
		    (st->title && put_wrapped(b, "<span class=\"approver-title\">", st->title,
					      st->name ? "</span><br>" : "</span>") < 0) ||
		    (st->name && xmlutil_put_html(b, st->name) < 0) || buf_puts(b, "</td>") < 0)
			return -1;
	}
	if (buf_puts(b, "</tr>\n<tr>") < 0)
		return -1;
	for (i = 0; i < m->nsteps; i++)
		if (buf_puts(b, "<td>") < 0 ||
		    (m->steps[i].date && xmlutil_put_html(b, m->steps[i].date) < 0) ||
		    buf_puts(b, "</td>") < 0)
			return -1;
	return buf_puts(b, "</tr>\n</tbody>\n</table>\n");
}

/* Everything before the first block: head, header line, cover block. */
static int put_front(struct html_render *r)
{
	const struct doc_meta *m = &r->doc->meta;
	struct buf *b = r->out;
	size_t i;

	if (put_head(r) < 0 || buf_puts(b, "<body>\n") < 0 || put_bar(r) < 0 ||
	    buf_puts(b, r->plain_cover ? "<main>\n<header class=\"cover plain\">\n"
				       : "<main>\n<header class=\"cover\">\n") < 0 ||
	    (m->company && put_wrapped(b, "<p class=\"company\">", m->company, "</p>\n") < 0) ||
	    put_wrapped(b, "<h1>", m->title ? m->title : "", "</h1>\n") < 0 ||
	    (m->subtitle && put_wrapped(b, "<p class=\"subtitle\">", m->subtitle, "</p>\n") < 0))
		return -1;
	if (m->ncover && buf_puts(b, "<dl class=\"docinfo\">\n") < 0)
		return -1;
	for (i = 0; i < m->ncover; i++) {
		const struct doc_field *f = &m->cover[i];
		if (f->iso && is_plain_date(f->iso)) {
			if (put_wrapped(b, "<dt>", f->label, "</dt>") < 0 ||
			    put_wrapped(b, "<dd><time datetime=\"", f->iso, "\">") < 0 ||
			    put_wrapped(b, "", f->value, "</time></dd>\n") < 0)
				return -1;
		} else if (put_docinfo(b, f->label, f->value) < 0) {
			return -1;
		}
	}
	if ((m->ncover && buf_puts(b, "</dl>\n") < 0) || put_signoff(r) < 0)
		return -1;
	return buf_puts(b, "</header>\n");
}

/* The contents: one nested list of links to every section heading. */
static int put_toc(struct html_render *r)
{
	struct buf *b = r->out;
	int depth = 0;
	size_t i;

	if (r->nsec == 0)
		return 0;
	if (put_wrapped(b, "<nav class=\"toc\" aria-label=\"", r->labels->toc, "\">\n") < 0 ||
	    put_wrapped(b, "<p class=\"toc-title\">", r->labels->toc, "</p>\n") < 0)
		return -1;
	for (i = 0; i < r->nsec; i++) {
		const struct html_section *s = &r->sec[i];
		int level = s->node->level;
		if (level > depth) {
			/* A section is one level below its parent. */
			assert(level == depth + 1);
			if (buf_puts(b, "<ol>\n") < 0)
				return -1;
		} else {
			if (buf_puts(b, "</li>\n") < 0)
				return -1;
			for (; depth > level; depth--)
				if (buf_puts(b, "</ol>\n</li>\n") < 0)
					return -1;
		}
		depth = level;
		if (put_wrapped(b, "<li><a href=\"#", s->anchor, "\"") < 0 ||
		    (s->node->lang && put_wrapped(b, " lang=\"", s->node->lang, "\"") < 0) ||
		    buf_putc(b, '>') < 0 ||
		    put_wrapped(b, "<span class=\"num\">", s->number, "</span> ") < 0 ||
		    put_wrapped(b, "", s->title, "</a>") < 0)
			return -1;
	}
	if (buf_puts(b, "</li>\n") < 0)
		return -1;
	for (; depth > 1; depth--)
		if (buf_puts(b, "</ol>\n</li>\n") < 0)
			return -1;
	return buf_puts(b, "</ol>\n</nav>\n");
}

/* Columns of a table: its widths, else its widest row. */
static size_t table_columns(const struct doc_node *table)
{
	const struct doc_node *row, *cell;
	size_t cols = 0;

	if (table->widths && table->ncols)
		return table->ncols;
	for (row = table->first; row; row = row->next) {
		size_t n = 0;
		for (cell = row->first; cell; cell = cell->next)
			n += (size_t)cell->span;
		if (n > cols)
			cols = n;
	}
	return cols;
}

static int put_table_start(struct html_render *r, const struct doc_node *n)
{
	struct buf *b = r->out;
	double sum = 0;
	size_t i;

	r->rows = ROWS_NONE;
	r->cards = n->cards ? n : NULL;
	if (buf_printf(b, "<div class=\"table-wrap\"><table%s style=\"--cols: %zu\">\n",
		       n->cards ? " class=\"cards\"" : "", table_columns(n)) < 0)
		return -1;
	for (i = 0; i < n->ncols; i++)
		sum += n->widths[i];
	if (!n->widths || sum <= 0)
		return 0;
	if (buf_puts(b, "<colgroup>") < 0)
		return -1;
	for (i = 0; i < n->ncols; i++) {
		/* Tenths of a percent, in integers: no locale, no %f. */
		long tenths = (long)(n->widths[i] * 1000.0 / sum + 0.5);
		if (buf_printf(b, "<col style=\"width: %ld.%ld%%\">", tenths / 10,
			       tenths % 10) < 0)
			return -1;
	}
	return buf_puts(b, "</colgroup>\n");
}

/* Header rows before the first body row form the <thead>, which print
 * repeats on every page; a header row further down stays in the body. */
static int put_row_group(struct html_render *r, const struct doc_node *row)
{
	enum html_rows want =
		row->header && r->rows != ROWS_BODY ? ROWS_HEAD : ROWS_BODY;
	struct buf *b = r->out;

	if (want == r->rows)
		return 0;
	if (r->rows == ROWS_HEAD && buf_puts(b, "</thead>\n") < 0)
		return -1;
	r->rows = want;
	return buf_puts(b, want == ROWS_HEAD ? "<thead>\n" : "<tbody>\n");
}

static int put_table_end(struct html_render *r)
{
	struct buf *b = r->out;
	enum html_rows open = r->rows;

	r->rows = ROWS_NONE;
	r->cards = NULL;
	if (open == ROWS_HEAD && buf_puts(b, "</thead>\n") < 0)
		return -1;
	if (open == ROWS_BODY && buf_puts(b, "</tbody>\n") < 0)
		return -1;
	return buf_puts(b, "</table></div>\n");
}

/* The text of the table's first header row over column col (from 0), or
 * NULL when there is none; owned by the caller. */
static char *column_header(const struct doc_node *table, size_t col)
{
	const struct doc_node *row = table->first, *cell;
	size_t at = 0;

	if (!row || !row->header)
		return NULL;
	for (cell = row->first; cell; cell = cell->next) {
		at += (size_t)cell->span;
		if (col < at)
			return doc_node_text(cell);
	}
	return NULL;
}

/* A body cell of a cards table says which column it is in (data-label). */
static int put_card_label(struct html_render *r, const struct doc_node *n)
{
	const struct doc_node *c;
	size_t col = 0;
	char *label;
	int rc;

	for (c = n->parent->first; c != n; c = c->next)
		col += (size_t)c->span;
	label = column_header(r->cards, col);
	if (!label)
		return 0;
	rc = put_wrapped(r->out, " data-label=\"", label, "\"");
	free(label);
	return rc;
}

/* A header row's cell heads its column; a body row's header cell, its row. */
static bool cell_is_th(const struct doc_node *n)
{
	return n->parent->header || n->header;
}

static int put_cell_start(struct html_render *r, const struct doc_node *n)
{
	struct buf *b = r->out;
	bool body = !n->parent->header;

	if (buf_puts(b, !body ? "<th scope=\"col\"" : n->header ? "<th scope=\"row\"" : "<td") < 0)
		return -1;
	if (n->span > 1 && buf_printf(b, " colspan=\"%d\"", n->span) < 0)
		return -1;
	if ((n->center || n->nowrap) &&
	    buf_printf(b, " class=\"%s%s%s\"", n->center ? "center" : "",
		       n->center && n->nowrap ? " " : "", n->nowrap ? "nowrap" : "") < 0)
		return -1;
	if (body && !n->header && r->cards && put_card_label(r, n) < 0)
		return -1;
	return buf_putc(b, '>');
}

static const char mime_docx[] =
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/* A link to a Word file beside the page (the index's): its type tells the
 * browser to offer it for download rather than try to show it. */
static bool is_word_file(const char *href)
{
	size_t n = strlen(href);

	return !strchr(href, ':') && href[0] != '#' && n > 5 &&
	       strcmp(href + n - 5, ".docx") == 0;
}

/* A web link whose text is not its address shows the address on paper. */
static int put_link_start(struct buf *b, const struct doc_node *n)
{
	bool web = strncmp(n->href, "http", 4) == 0;
	char *text = web ? doc_node_text(n) : NULL;
	bool show = web && text && strcmp(text, n->href) != 0;

	free(text);
	if (web && !text)
		return -1;
	if (put_wrapped(b, "<a href=\"", n->href, "\"") < 0 ||
	    (is_word_file(n->href) && buf_printf(b, " type=\"%s\"", mime_docx) < 0))
		return -1;
	return buf_puts(b, show ? " class=\"url\">" : ">");
}

static int heading_level(int level)
{
	/* <h1> is the document title. */
	return level + 1 > 6 ? 6 : level + 1;
}

static int render_node(struct html_render *r, const struct doc_node *n,
		       enum doc_event ev)
{
	bool entering = ev == DOC_ENTER;
	struct buf *b = r->out;
	const struct html_section *s;

	switch (n->type) {
	case DOC_DOCUMENT:
		if (entering)
			return put_front(r);
		return buf_puts(b, "</main>\n</body>\n</html>\n");
	case DOC_TOC:
		return put_toc(r);
	case DOC_SECTION:
		if (!entering)
			return buf_puts(b, "</section>\n");
		assert(r->cur < r->nsec && r->sec[r->cur].node == n);
		s = &r->sec[r->cur++];
		if (put_wrapped(b, "<section id=\"", s->anchor, "\"") < 0 ||
		    (n->new_page && buf_puts(b, " class=\"new-page\"") < 0) ||
		    (n->lang && put_wrapped(b, " lang=\"", n->lang, "\"") < 0))
			return -1;
		return buf_puts(b, ">\n");
	case DOC_HEADING:
		if (!entering)
			return buf_printf(b, "</h%d>\n", heading_level(n->level));
		assert(r->cur > 0 && r->sec[r->cur - 1].node == n->parent);
		s = &r->sec[r->cur - 1];
		if (buf_printf(b, "<h%d>", heading_level(n->level)) < 0)
			return -1;
		return put_wrapped(b, "<span class=\"num\">", s->number, "</span> ");
	case DOC_PARAGRAPH:
		return buf_puts(b, entering ? "<p>" : "</p>\n");
	case DOC_LIST:
		if (n->ordered)
			return buf_puts(b, entering ? "<ol>\n" : "</ol>\n");
		return buf_puts(b, entering ? "<ul>\n" : "</ul>\n");
	case DOC_ITEM:
		return buf_puts(b, entering ? "<li>" : "</li>\n");
	case DOC_TABLE:
		return entering ? put_table_start(r, n) : put_table_end(r);
	case DOC_ROW:
		if (!entering)
			return buf_puts(b, "</tr>\n");
		if (put_row_group(r, n) < 0)
			return -1;
		return buf_puts(b, "<tr>");
	case DOC_CELL:
		if (entering)
			return put_cell_start(r, n);
		return buf_puts(b, cell_is_th(n) ? "</th>" : "</td>");
	case DOC_NOTE:
		if (!entering)
			return buf_puts(b, "</aside>\n");
		return buf_puts(b, n->warning ? "<aside class=\"note warning\" role=\"note\">"
					      : "<aside class=\"note\" role=\"note\">");
	case DOC_SIGNATURE:
		return buf_puts(b, entering ? "<table class=\"signature\">\n<tbody>\n"
					    : "</tbody>\n</table>\n");
	case DOC_SIGNATURE_LINE:
		if (!entering)
			return buf_puts(b, "</td></tr>\n");
		return put_wrapped(b, "<tr><th scope=\"row\">", n->label, "</th><td>");
	case DOC_STRONG:
		return buf_puts(b, entering ? "<strong>" : "</strong>");
	case DOC_EM:
		return buf_puts(b, entering ? "<em>" : "</em>");
	case DOC_LINK:
		return entering ? put_link_start(b, n) : buf_puts(b, "</a>");
	case DOC_BREAK:
		return buf_puts(b, "<br>");
	case DOC_TEXT:
		return xmlutil_put_html(b, n->text);
	case DOC_TIMELINE: {
		struct page pg;
		page_setup(&pg, r->opt->letter, r->doc->landscape);
		return svg_write_timeline(b, n->timeline, page_text_width(&pg));
	}
	case DOC_ORGCHART: {
		struct page pg;
		page_setup(&pg, r->opt->letter, r->doc->landscape);
		return svg_write_orgchart(b, n->chart, page_text_width(&pg),
					  page_figure_height(&pg));
	}
	default:
		assert(false);
		return -1;
	}
}

int render_html(const struct doc *doc, const struct html_options *opt,
		struct buf *out, struct diag *d)
{
	static const struct html_options no_options = { 0 };
	struct html_render r = {
		.doc = doc,
		.opt = opt ? opt : &no_options,
		.labels = &doc->meta.labels,
		.out = out,
		.d = d,
		.rows = ROWS_NONE,
	};
	struct doc_iter it;
	int rc = -1;

	r.plain_cover = !doc->meta.ncover && !doc->meta.nsteps && !doc->meta.subtitle;
	if (sections_collect(&r) < 0)
		goto out;
	doc_iter_init(&it, doc->root);
	while (doc_iter_next(&it) != DOC_DONE) {
		if (render_node(&r, it.cur, it.ev) < 0) {
			diag_error(d, doc->kind, 0, 0,
				   "out of memory, or HTML larger than %zu bytes",
				   (size_t)BUF_MAX);
			goto out;
		}
	}
	rc = 0;
out:
	sections_free(&r);
	if (rc < 0)
		buf_free(out);
	return rc;
}

