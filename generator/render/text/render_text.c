/* render_text.c - document tree -> text for a terminal.
 *
 * As render_html.c: one loop over the tree's enter/exit events and one
 * switch on the node type. The renderer keeps the column it writes at,
 * in display cells, so that a line broken inside a table cell or a list
 * item goes on under the cell's or the item's start. */
#include "render/text/render_text.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_BOLD_OFF "\033[22m"
#define ANSI_ITALIC "\033[3m"
#define ANSI_ITALIC_OFF "\033[23m"
#define ANSI_GREEN "\033[32m"
#define ANSI_RED "\033[31m"
#define ANSI_COLOUR_OFF "\033[39m"

struct text_render {
	const struct doc *doc;
	bool colour;
	struct buf *out;
	size_t col;   /* display cells since the last newline */
	size_t hang;  /* where a broken line of the current cell or item goes on */
	int bold;     /* open headings, header rows and strong runs */
	int lists;    /* open lists */
};

/* The display cells of code point c: two for the wide scripts of East
 * Asia (kana, kanji, hangul, full-width forms), else one. */
static size_t cells_of(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	       (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
}

/* The code point whose UTF-8 starts at s (doc_parse hands valid UTF-8). */
static uint32_t code_point(const unsigned char *s)
{
	if (s[0] < 0xe0)
		return s[0] < 0x80 ? s[0] : (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (s[0] < 0xf0)
		return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	       (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
}

/* s, written at the end of the output, counted into the column. */
static void count(struct text_render *r, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			r->col = 0;
		else if ((*p & 0xc0) != 0x80)
			r->col += cells_of(code_point(p));
	}
}

/* The renderer's own text (its line breaks included). */
static int put(struct text_render *r, const char *s)
{
	size_t from = r->out->len;

	if (buf_puts(r->out, s) < 0)
		return -1;
	count(r, r->out->data + from);
	return 0;
}

/* A value of the document: on the line it is written on, whatever line
 * break or control character it holds (a terminal may act on U+0085, a
 * log reader split at U+2028). */
static int put_value(struct text_render *r, const char *s)
{
	size_t from = r->out->len;

	if (text_put_one_line(r->out, s, false) < 0)
		return -1;
	count(r, r->out->data + from);
	return 0;
}

/* An escape, which takes no room; nothing without colour. */
static int escape(struct text_render *r, const char *seq)
{
	return r->colour ? buf_puts(r->out, seq) : 0;
}

static int bold_on(struct text_render *r)
{
	return r->bold++ == 0 ? escape(r, ANSI_BOLD) : 0;
}

static int bold_off(struct text_render *r)
{
	return --r->bold == 0 ? escape(r, ANSI_BOLD_OFF) : 0;
}

/* A new line, indented to column to. */
static int new_line(struct text_render *r, size_t to)
{
	if (put(r, "\n") < 0)
		return -1;
	for (; r->col < to;)
		if (put(r, " ") < 0)
			return -1;
	return 0;
}

/* Whether n sits in a cell or an item rather than among the blocks of a
 * section: then it goes on the line, not after a blank one. */
static bool inside(const struct doc_node *n)
{
	return n->parent && (n->parent->type == DOC_CELL || n->parent->type == DOC_ITEM);
}

/* Before a block: a blank line, except right under its heading; in a
 * cell or an item, a new line under its start unless it is the first. */
static int block_start(struct text_render *r, const struct doc_node *n)
{
	if (inside(n))
		return n->prev ? new_line(r, r->hang) : 0;
	if (r->col > 0 && put(r, "\n") < 0)
		return -1;
	return n->prev && n->prev->type == DOC_HEADING ? 0 : put(r, "\n");
}

/* The title line: the title, and whose document it is. */
static int put_title(struct text_render *r)
{
	const struct doc_meta *m = &r->doc->meta;

	if (bold_on(r) < 0 || put_value(r, m->title ? m->title : "") < 0 || bold_off(r) < 0)
		return -1;
	if (m->company && *m->company && (put(r, " — ") < 0 || put_value(r, m->company) < 0))
		return -1;
	return put(r, "\n");
}

/* "  • " or "  3. ", two columns deeper for each list it is in. */
static int put_item_start(struct text_render *r, const struct doc_node *n)
{
	const struct doc_node *p;
	char mark[32];
	unsigned k = 1;
	int i;

	if (r->col > 0 && new_line(r, 0) < 0)
		return -1;
	for (i = 0; i < r->lists; i++)
		if (put(r, "  ") < 0)
			return -1;
	for (p = n->prev; p; p = p->prev)
		k++;
	if (n->parent->ordered)
		snprintf(mark, sizeof(mark), "%u. ", k);
	else
		snprintf(mark, sizeof(mark), "• ");
	if (put(r, mark) < 0)
		return -1;
	r->hang = r->col;
	return 0;
}

/* A cell beside the one before it; an empty one takes no room. */
static int put_cell_start(struct text_render *r, const struct doc_node *n)
{
	if (n->first && n->prev && r->col > 2 && put(r, " ") < 0)
		return -1;
	r->hang = r->col;
	return 0;
}

/* A link's text, then where it goes unless the text says so. */
static int put_link_end(struct text_render *r, const struct doc_node *n)
{
	char *text = doc_node_text(n);
	int rc = 0;

	if (!text)
		return -1;
	if (n->href[0] != '#' && strcmp(text, n->href) != 0)
		rc = put(r, " <") < 0 || put_value(r, n->href) < 0 || put(r, ">") < 0 ? -1 : 0;
	free(text);
	return rc;
}

/* A timeline as a line for each lane: its label, then the periods it
 * is marked in. */
static int put_timeline(struct text_render *r, const struct doc_timeline *t)
{
	size_t i, j;

	for (i = 0; i < t->nlanes; i++) {
		const char *sep = ": ";
		if (put(r, "  ") < 0 || put_value(r, t->lanes[i].label) < 0)
			return -1;
		for (j = 0; j < t->nheads; j++) {
			if (!t->lanes[i].on[j])
				continue;
			if (put(r, sep) < 0 || put_value(r, t->heads[j]) < 0)
				return -1;
			sep = ", ";
		}
		if (put(r, "\n") < 0)
			return -1;
	}
	return 0;
}

/* A box of an organisation chart: its title and its lines, indented by
 * its depth in the reporting tree. */
static int put_box(struct text_render *r, const struct doc_orgchart *c, size_t i)
{
	const struct doc_chart_box *b = &c->boxes[i];
	long p;
	size_t k;

	if (put(r, "  ") < 0)
		return -1;
	for (p = b->parent; p >= 0; p = c->boxes[p].parent)
		if (put(r, "  ") < 0)
			return -1;
	if (put_value(r, b->title) < 0)
		return -1;
	for (k = 0; k < b->nlines; k++)
		if (put(r, k ? ", " : ": ") < 0 || put_value(r, b->lines[k]) < 0)
			return -1;
	return put(r, "\n");
}

/* An organisation chart: the tree's boxes, then each group drawn apart
 * under its caption. */
static int put_orgchart(struct text_render *r, const struct doc_orgchart *c)
{
	size_t i, g;

	for (i = 0; i < c->nboxes; i++)
		if (c->boxes[i].group < 0 && put_box(r, c, i) < 0)
			return -1;
	for (g = 0; g < c->ngroups; g++) {
		if (put_value(r, c->groups[g]) < 0 || put(r, "\n") < 0)
			return -1;
		for (i = 0; i < c->nboxes; i++)
			if (c->boxes[i].group == (long)g && put_box(r, c, i) < 0)
				return -1;
	}
	return 0;
}

static int render_node(struct text_render *r, const struct doc_node *n, enum doc_event ev)
{
	bool entering = ev == DOC_ENTER;

	switch (n->type) {
	case DOC_DOCUMENT:
		return entering ? put_title(r) : 0;
	case DOC_TOC:
	case DOC_SECTION:
		return 0;
	case DOC_HEADING:
		if (entering)
			return put(r, r->col > 0 ? "\n\n" : "\n") < 0 ? -1 : bold_on(r);
		return bold_off(r) < 0 ? -1 : put(r, "\n");
	case DOC_PARAGRAPH:
		if (entering)
			return block_start(r, n);
		return inside(n) ? 0 : put(r, "\n");
	case DOC_LIST:
		if (!entering) {
			r->lists--;
			return 0;
		}
		r->lists++;
		return inside(n) ? 0 : block_start(r, n);
	case DOC_ITEM:
		return entering ? put_item_start(r, n) : put(r, r->col > 0 ? "\n" : "");
	case DOC_TABLE:
	case DOC_SIGNATURE:
		return entering ? block_start(r, n) : 0;
	case DOC_ROW:
		if (entering)
			return put(r, "  ") < 0 || (n->header && bold_on(r) < 0) ? -1 : 0;
		return (n->header && bold_off(r) < 0) ? -1 : put(r, "\n");
	case DOC_CELL:
		return entering ? put_cell_start(r, n) : 0;
	case DOC_NOTE:
		if (entering)
			return block_start(r, n) < 0 ? -1
						     : escape(r, n->warning ? ANSI_RED : ANSI_GREEN);
		return escape(r, ANSI_COLOUR_OFF) < 0 ? -1 : put(r, "\n");
	case DOC_SIGNATURE_LINE:
		if (entering)
			return put(r, "  ") < 0 || put_value(r, n->label) < 0 || put(r, ": ") < 0 ? -1 : 0;
		return put(r, n->first ? "\n" : "________________\n");
	case DOC_STRONG:
		return entering ? bold_on(r) : bold_off(r);
	case DOC_EM:
		return escape(r, entering ? ANSI_ITALIC : ANSI_ITALIC_OFF);
	case DOC_LINK:
		return entering ? 0 : put_link_end(r, n);
	case DOC_BREAK:
		return new_line(r, r->hang);
	case DOC_TEXT:
		return put_value(r, n->text);
	case DOC_TIMELINE:
		return block_start(r, n) < 0 ? -1 : put_timeline(r, n->timeline);
	case DOC_ORGCHART:
		return block_start(r, n) < 0 ? -1 : put_orgchart(r, n->chart);
	default:
		assert(false);
		return -1;
	}
}

int render_text(const struct doc *doc, bool colour, struct buf *out, struct diag *d)
{
	struct text_render r = { .doc = doc, .colour = colour, .out = out };
	struct doc_iter it;

	doc_iter_init(&it, doc->root);
	while (doc_iter_next(&it) != DOC_DONE) {
		if (render_node(&r, it.cur, it.ev) < 0) {
			diag_error(d, doc->kind, 0, 0, "out of memory, or text larger than %zu bytes",
				   (size_t)BUF_MAX);
			buf_free(out);
			return -1;
		}
	}
	return 0;
}
