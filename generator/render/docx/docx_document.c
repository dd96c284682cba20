/* docx_document.c - word/document.xml: the title block, then the tree in
 * document order, one switch over an enter/exit iterator as in cmark's
 * renderers; and the running header and footer. */
#include "render/docx/docx.h"

#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lists nested deeper than this are refused (doc.c stops at 64 levels of
 * elements, so a valid tree never gets near it). */
#define LIST_STACK 64

/* Properties of a paragraph about to be opened. */
struct para {
	const char *style;
	int num_id;     /* w:numId, or 0 when not numbered */
	int ilvl;
	long ind_left;  /* > 0: left indent (a list item's text after a nested list) */
	const char *jc; /* alignment other than the style's, or NULL */
	bool keep_next; /* on the page of the next paragraph */
	bool page_break_before; /* starts a page */
};

/* Where the walk over the tree is. */
struct body {
	struct docx *x;
	struct xw *w;

	bool in_para;       /* a w:p is open */
	bool line_start;    /* ... and nothing is on its current line yet */
	struct para next;   /* the paragraph inline content opens when none is */
	bool after_table;   /* the last block written was a table */
	int bold, italic;   /* DOC_STRONG, DOC_EM depth */
	int links;          /* DOC_LINK depth: only the outermost one links */
	bool hyperlink;     /* a w:hyperlink is open */
	const struct docx_heading *heading; /* of the section being written */
	size_t nheading;    /* sections entered so far */
	long bookmark;      /* next w:bookmarkStart w:id */
	long drawing_id;    /* next wp:docPr / shape id */

	int lists;          /* DOC_LIST depth */
	int list_num[LIST_STACK];

	long *grid;         /* the table being written: column widths */
	size_t ngrid, col;  /* columns, and the grid column of the next cell */
	bool header_run;    /* every row so far is a header row */
	bool header_row;    /* the row being written is one */
	int cell_paras;     /* paragraphs written in the current cell */
};

static const char *const heading_styles[DOCX_HEADING_MAX] = {
	"Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
};
static const char *const toc_styles[DOCX_TOC_LEVELS] = {
	"TOC1", "TOC2", "TOC3",
};

/* Shading of header cells and signature labels. */
#define HEADER_FILL "DCE4EE"

/* ---- runs ---- */

static int run_open(struct xw *w, bool bold, bool italic,
		    const char *rstyle)
{
	if (xw_start(w, "w:r"))
		return -1;
	if (!bold && !italic && !rstyle)
		return 0;
	return xw_start(w, "w:rPr") ||
	       (rstyle && xw_val(w, "w:rStyle", rstyle)) ||
	       (bold && xw_empty(w, "w:b")) ||
	       (italic && xw_empty(w, "w:i")) || xw_end(w) ? -1 : 0;
}

/* <w:t>, keeping white space at either end. */
static int text_element(struct xw *w, const char *text)
{
	size_t n = strlen(text);

	if (xw_start(w, "w:t"))
		return -1;
	if (n && (text[0] == ' ' || text[n - 1] == ' ') &&
	    xw_attr(w, "xml:space", "preserve"))
		return -1;
	return xw_text(w, text) || xw_end(w) ? -1 : 0;
}

static int run_text(struct xw *w, const char *text, bool bold)
{
	return run_open(w, bold, false, NULL) || text_element(w, text) ||
	       xw_end(w) ? -1 : 0;
}

static int run_tab(struct xw *w)
{
	return xw_start(w, "w:r") || xw_empty(w, "w:tab") || xw_end(w) ? -1 : 0;
}

/* The parts of a complex field: begin, instruction, separate, end. */
static int field_char(struct xw *w, const char *type)
{
	return xw_start(w, "w:r") || xw_start(w, "w:fldChar") ||
	       xw_attr(w, "w:fldCharType", type) || xw_end(w) || xw_end(w)
		       ? -1 : 0;
}

static int field_instr(struct xw *w, const char *instr)
{
	return xw_start(w, "w:r") || xw_start(w, "w:instrText") ||
	       xw_attr(w, "xml:space", "preserve") || xw_text(w, instr) ||
	       xw_end(w) || xw_end(w) ? -1 : 0;
}

/* A field Word and LibreOffice compute (PAGE, NUMPAGES), with the result
 * shown until they do. */
static int field(struct xw *w, const char *instr, const char *result)
{
	return field_char(w, "begin") || field_instr(w, instr) ||
	       field_char(w, "separate") || run_text(w, result, false) ||
	       field_char(w, "end") ? -1 : 0;
}

/* ---- paragraphs ---- */

static int para_open(struct body *b, const struct para *p)
{
	struct xw *w = b->w;

	assert(!b->in_para);
	if (xw_start(w, "w:p") || xw_start(w, "w:pPr") ||
	    xw_val(w, "w:pStyle", p->style) ||
	    (p->keep_next && xw_empty(w, "w:keepNext")) ||
	    (p->page_break_before && xw_empty(w, "w:pageBreakBefore")))
		return -1;
	if (p->num_id &&
	    (xw_start(w, "w:numPr") || xw_val_int(w, "w:ilvl", p->ilvl) ||
	     xw_val_int(w, "w:numId", p->num_id) || xw_end(w)))
		return -1;
	/* Room between a table and the text under it. */
	if (b->after_table && !b->grid &&
	    (xw_start(w, "w:spacing") || xw_attr(w, "w:before", "160") ||
	     xw_end(w)))
		return -1;
	if (p->ind_left > 0 &&
	    (xw_start(w, "w:ind") || xw_attr_int(w, "w:left", p->ind_left) ||
	     xw_end(w)))
		return -1;
	if ((p->jc && xw_val(w, "w:jc", p->jc)) || xw_end(w))
		return -1;
	b->in_para = true;
	b->line_start = true;
	b->after_table = false;
	b->cell_paras++;
	return 0;
}

static int para_close(struct body *b)
{
	if (!b->in_para)
		return 0;
	b->in_para = false;
	return xw_end(b->w);
}

static int para_ensure(struct body *b)
{
	return b->in_para ? 0 : para_open(b, &b->next);
}

/* A paragraph of one plain text, as in the title block. */
static int para_text(struct body *b, const char *style, const char *jc,
		     const char *text)
{
	struct para p = { .style = style, .jc = jc };

	return para_open(b, &p) || run_text(b->w, text, false) ||
	       para_close(b) ? -1 : 0;
}

/* ---- inline content ---- */

static int inline_text(struct body *b, const char *text)
{
	struct xw *w = b->w;

	if (para_ensure(b))
		return -1;
	/* A line starts with no space: the one a template's line break
	 * left after a <br/>, or before an item's text that follows a
	 * nested list. */
	if (b->line_start)
		text += strspn(text, " ");
	if (!*text)
		return 0;
	b->line_start = false;
	return run_open(w, b->bold > 0, b->italic > 0,
			b->hyperlink ? "Hyperlink" : NULL) ||
	       text_element(w, text) || xw_end(w) ? -1 : 0;
}

static int inline_break(struct body *b)
{
	if (para_ensure(b) || xw_start(b->w, "w:r") || xw_empty(b->w, "w:br") ||
	    xw_end(b->w))
		return -1;
	b->line_start = true;
	return 0;
}

/* A relationship target: the href with what a URI may not hold
 * percent-encoded (non-ASCII bytes, spaces, quotes, braces ...). */
static char *link_target(const char *href)
{
	static const char keep[] = "-._~:/?#[]@!$&'()*+,;=";
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;
	const unsigned char *s;

	for (s = (const unsigned char *)href; *s; s++) {
		bool ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			  (*s >= '0' && *s <= '9') || (*s && strchr(keep, *s));
		/* '%' stays when it starts an escape already. */
		if (*s == '%' && isxdigit(s[1]) && isxdigit(s[2]))
			ok = true;
		if (ok ? buf_putc(&b, (char)*s) < 0
		       : buf_printf(&b, "%%%c%c", hex[*s >> 4], hex[*s & 15]) < 0)
			return NULL;
	}
	return buf_detach(&b, NULL);
}

/* The relationship id of an external link, one per distinct target. */
static int link_rel(struct docx *x, const char *href)
{
	char *target = link_target(href);
	size_t i;

	if (!target)
		return -1;
	for (i = 0; i < x->nlinks; i++) {
		if (strcmp(x->links[i], target) == 0) {
			free(target);
			return DOCX_RID_FIRST_LINK + (int)i;
		}
	}
	if (x->nlinks == x->links_cap) {
		size_t cap = x->links_cap ? 2 * x->links_cap : 8;
		char **v = realloc(x->links, cap * sizeof(*v));
		if (!v) {
			free(target);
			return -1;
		}
		x->links = v;
		x->links_cap = cap;
	}
	x->links[x->nlinks++] = target;
	return DOCX_RID_FIRST_LINK + (int)i;
}

/* The bookmark a "#id" link goes to, or NULL when no section has that id. */
static const char *anchor_bookmark(const struct docx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->nheadings; i++) {
		const struct docx_heading *h = &x->headings[i];
		if (h->section->id && strcmp(h->section->id, id) == 0)
			return h->id_name[0] ? h->id_name : h->toc_name;
	}
	return NULL;
}

static int link_enter(struct body *b, const struct doc_node *n)
{
	struct xw *w = b->w;
	char rid[32];
	int r;

	if (b->links++ > 0)
		return 0; /* a link inside a link: the outer one holds */
	if (para_ensure(b))
		return -1;
	if (n->href[0] == '#') {
		const char *name = anchor_bookmark(b->x, n->href + 1);
		if (!name) {
			diag_warning(b->x->d, b->x->doc->name, n->line, 0,
				     "link to \"%s\": no section has that id; "
				     "the text is kept without a link", n->href);
			return 0;
		}
		if (xw_start(w, "w:hyperlink") || xw_attr(w, "w:anchor", name) ||
		    xw_attr(w, "w:history", "1"))
			return -1;
	} else {
		if ((r = link_rel(b->x, n->href)) < 0)
			return -1;
		snprintf(rid, sizeof(rid), "rId%d", r);
		if (xw_start(w, "w:hyperlink") || xw_attr(w, "r:id", rid) ||
		    xw_attr(w, "w:history", "1"))
			return -1;
	}
	b->hyperlink = true;
	return 0;
}

static int link_exit(struct body *b)
{
	if (--b->links > 0 || !b->hyperlink)
		return 0;
	b->hyperlink = false;
	return xw_end(b->w);
}

/* ---- headings and the table of contents ---- */

static int bookmark_start(struct body *b, long id, const char *name)
{
	return xw_start(b->w, "w:bookmarkStart") || xw_attr_int(b->w, "w:id", id) ||
	       xw_attr(b->w, "w:name", name) || xw_end(b->w) ? -1 : 0;
}

static int bookmark_end(struct body *b, long id)
{
	return xw_start(b->w, "w:bookmarkEnd") || xw_attr_int(b->w, "w:id", id) ||
	       xw_end(b->w) ? -1 : 0;
}

static int heading_enter(struct body *b, const struct doc_node *n)
{
	const struct docx_heading *h = b->heading;
	struct para p = { .page_break_before = n->parent && n->parent->new_page };

	assert(h); /* a heading is always in a section */
	p.style = heading_styles[h->level - 1];
	b->after_table = false; /* its own space before is more */
	if (para_open(b, &p) || bookmark_start(b, b->bookmark, h->toc_name))
		return -1;
	if (h->id_name[0] && bookmark_start(b, b->bookmark + 1, h->id_name))
		return -1;
	return 0;
}

static int heading_exit(struct body *b)
{
	const struct docx_heading *h = b->heading;

	if (bookmark_end(b, b->bookmark))
		return -1;
	if (h->id_name[0] && bookmark_end(b, b->bookmark + 1))
		return -1;
	b->bookmark += 2;
	return para_close(b);
}

static const struct doc_node *section_heading(const struct doc_node *section)
{
	const struct doc_node *c;

	for (c = section->first; c; c = c->next)
		if (c->type == DOC_HEADING)
			return c;
	return NULL;
}

/* One entry: number, tab, heading text, one link to the heading's
 * bookmark. No page number: no one knows it before layout, and
 * LibreOffice shows a PAGEREF inside a TOC as its cached result; Word
 * fills the numbers in when it updates the table (settings.xml asks it
 * to on opening). */
static int toc_entry(struct body *b, const struct docx_heading *h)
{
	struct xw *w = b->w;
	const struct doc_node *hn = section_heading(h->section);
	char *text = hn ? doc_node_text(hn) : strdup("");
	int rc;

	if (!text)
		return -1;
	rc = xw_start(w, "w:hyperlink") || xw_attr(w, "w:anchor", h->toc_name) ||
	     xw_attr(w, "w:history", "1") || run_text(w, h->number, false) ||
	     run_tab(w) || run_text(w, text, false) || xw_end(w) ? -1 : 0;
	free(text);
	return rc;
}

/* A TOC field Word can update, its result filled in with the headings so
 * that it reads right before any update. */
static int write_toc(struct body *b)
{
	static const char instr[] = " TOC \\o \"1-3\" \\h \\z \\u ";
	struct xw *w = b->w;
	const struct docx *x = b->x;
	struct para p = { .style = "TOC1" };
	size_t i, n = 0, k = 0;

	for (i = 0; i < x->nheadings; i++)
		n += x->headings[i].level <= DOCX_TOC_LEVELS;
	if (para_text(b, "TOCHeading", NULL, x->labels->toc))
		return -1;
	if (n == 0)
		return para_open(b, &p) || field_char(w, "begin") ||
		       field_instr(w, instr) || field_char(w, "separate") ||
		       field_char(w, "end") || para_close(b) ? -1 : 0;
	for (i = 0; i < x->nheadings; i++) {
		const struct docx_heading *h = &x->headings[i];
		if (h->level > DOCX_TOC_LEVELS)
			continue;
		p.style = toc_styles[h->level - 1];
		if (para_open(b, &p))
			return -1;
		if (k++ == 0 && (field_char(w, "begin") || field_instr(w, instr) ||
				 field_char(w, "separate")))
			return -1;
		if (toc_entry(b, h) || (k == n && field_char(w, "end")) ||
		    para_close(b))
			return -1;
	}
	return 0;
}

/* ---- lists ---- */

static int ordered_list(struct docx *x, int ilvl)
{
	if (x->nordered == x->ordered_cap) {
		size_t cap = x->ordered_cap ? 2 * x->ordered_cap : 8;
		int *v = realloc(x->ordered, cap * sizeof(*v));
		if (!v)
			return -1;
		x->ordered = v;
		x->ordered_cap = cap;
	}
	x->ordered[x->nordered] = ilvl;
	return DOCX_NUM_FIRST_ORDERED + (int)x->nordered++;
}

static int list_level(const struct body *b)
{
	return b->lists - 1 < DOCX_LIST_LEVELS - 1 ? b->lists - 1
						    : DOCX_LIST_LEVELS - 1;
}

static const char *text_style(const struct body *b)
{
	return b->grid ? (b->header_row ? "TableHeading" : "TableText") : NULL;
}

static int list_enter(struct body *b, const struct doc_node *n)
{
	int num;

	/* An item's text ends where a nested list begins. */
	if (para_close(b))
		return -1;
	if (b->lists == LIST_STACK)
		return -1;
	b->lists++;
	num = n->ordered ? ordered_list(b->x, list_level(b)) : DOCX_NUM_BULLET;
	if (num < 0)
		return -1;
	b->list_num[b->lists - 1] = num;
	return 0;
}

static void list_exit(struct body *b, const struct doc_node *n)
{
	b->lists--;
	/* Text after a nested list continues its item, under the item's text. */
	if (n->parent && n->parent->type == DOC_ITEM) {
		const char *s = text_style(b);
		b->next = (struct para){
			.style = s ? s : "ListParagraph",
			.ind_left = DOCX_LIST_INDENT * (list_level(b) + 1),
		};
	}
}

static int item_enter(struct body *b)
{
	const char *s = text_style(b);
	struct para p = {
		.style = s ? s : "ListParagraph",
		.num_id = b->list_num[b->lists - 1],
		.ilvl = list_level(b),
	};

	return para_open(b, &p);
}

/* ---- tables ---- */

/* Column widths in twips, summing to width: the table's relative widths,
 * as many columns as its widest row spans (a column with no width of its
 * own gets the average), none narrower than a twentieth of the average. */
static long *table_grid(const struct doc_node *t, long width, size_t *ncols)
{
	const struct doc_node *row, *cell;
	double sum = 0, avg, *wt;
	size_t n = t->ncols, i;
	long *grid, used = 0;

	for (row = t->first; row; row = row->next) {
		size_t span = 0;
		for (cell = row->first; cell; cell = cell->next)
			span += cell->span > 0 ? (size_t)cell->span : 1;
		if (span > n)
			n = span;
	}
	if (n == 0)
		n = 1;
	for (i = 0; i < t->ncols; i++)
		sum += t->widths[i] > 0 ? t->widths[i] : 0;
	avg = t->ncols && sum > 0 ? sum / (double)t->ncols : 1;
	wt = calloc(n, sizeof(*wt));
	grid = calloc(n, sizeof(*grid));
	if (!wt || !grid) {
		free(wt);
		free(grid);
		return NULL;
	}
	sum = 0;
	for (i = 0; i < n; i++) {
		wt[i] = i < t->ncols && t->widths[i] > 0 ? t->widths[i] : avg;
		if (wt[i] < avg / 20)
			wt[i] = avg / 20;
		sum += wt[i];
	}
	for (i = 0; i + 1 < n; i++) {
		grid[i] = (long)((double)width * wt[i] / sum);
		used += grid[i];
	}
	grid[n - 1] = width - used;
	free(wt);
	*ncols = n;
	return grid;
}

static int border(struct xw *w, const char *side, const char *sz)
{
	return xw_start(w, side) || xw_attr(w, "w:val", "single") ||
	       xw_attr(w, "w:sz", sz) || xw_attr(w, "w:space", "0") ||
	       xw_attr(w, "w:color", "auto") || xw_end(w) ? -1 : 0;
}

static int cell_margin(struct xw *w, const char *side, long twips)
{
	return xw_start(w, side) || xw_attr_int(w, "w:w", twips) ||
	       xw_attr(w, "w:type", "dxa") || xw_end(w) ? -1 : 0;
}

/* <w:tbl> up to its first row. The grid (owned by b from here on) sets
 * the columns; jc places a table narrower than the text. */
static int table_open(struct body *b, long *grid, size_t n, const char *jc)
{
	struct xw *w = b->w;
	struct para spacer = { .style = "Normal" };
	long width = 0;
	size_t i;

	/* Two tables in a row would run together into one. */
	if (b->after_table && (para_open(b, &spacer) || para_close(b))) {
		free(grid);
		return -1;
	}
	b->grid = grid;
	b->ngrid = n;
	b->header_run = true;
	b->header_row = false;
	for (i = 0; i < n; i++)
		width += grid[i];
	if (xw_start(w, "w:tbl") || xw_start(w, "w:tblPr") ||
	    xw_val(w, "w:tblStyle", "TableGrid") || xw_start(w, "w:tblW") ||
	    xw_attr_int(w, "w:w", width) || xw_attr(w, "w:type", "dxa") ||
	    xw_end(w) || (jc && xw_val(w, "w:jc", jc)) ||
	    xw_start(w, "w:tblBorders") || border(w, "w:top", "4") ||
	    border(w, "w:left", "4") || border(w, "w:bottom", "4") ||
	    border(w, "w:right", "4") || border(w, "w:insideH", "4") ||
	    border(w, "w:insideV", "4") || xw_end(w) ||
	    xw_start(w, "w:tblLayout") || xw_attr(w, "w:type", "fixed") ||
	    xw_end(w) || xw_start(w, "w:tblCellMar") ||
	    cell_margin(w, "w:top", 28) || cell_margin(w, "w:left", 99) ||
	    cell_margin(w, "w:bottom", 28) || cell_margin(w, "w:right", 99) ||
	    xw_end(w) || xw_end(w) || xw_start(w, "w:tblGrid"))
		return -1;
	for (i = 0; i < n; i++)
		if (xw_start(w, "w:gridCol") || xw_attr_int(w, "w:w", grid[i]) ||
		    xw_end(w))
			return -1;
	return xw_end(w);
}

static int table_close(struct body *b)
{
	free(b->grid);
	b->grid = NULL;
	b->ngrid = 0;
	b->header_row = false;
	b->after_table = true;
	return xw_end(b->w);
}

/* <w:tr> and its properties; rows never break across pages, and the
 * header rows a table starts with repeat on every page. */
static int row_open(struct body *b, bool header, size_t spans, long height)
{
	struct xw *w = b->w;

	b->header_row = header;
	b->header_run = b->header_run && header;
	b->col = 0;
	return xw_start(w, "w:tr") || xw_start(w, "w:trPr") ||
	       (spans < b->ngrid &&
		xw_val_int(w, "w:gridAfter", (long)(b->ngrid - spans))) ||
	       xw_empty(w, "w:cantSplit") ||
	       (height > 0 &&
		(xw_start(w, "w:trHeight") || xw_attr_int(w, "w:val", height) ||
		 xw_attr(w, "w:hRule", "atLeast") || xw_end(w))) ||
	       (b->header_run && xw_empty(w, "w:tblHeader")) || xw_end(w)
		       ? -1 : 0;
}

/* What a cell's properties say besides its width and span. */
enum cell_flags {
	CELL_SHADED = 1, /* the header's fill: a header row's or a row header */
	CELL_NOWRAP = 2, /* a value kept on one line: a date, a number */
};

/* <w:tc> and its properties, for the next span grid columns. */
static int cell_open(struct body *b, int span, unsigned flags, const char *valign)
{
	struct xw *w = b->w;
	long width = 0;
	size_t i, s = span > 0 ? (size_t)span : 1;

	if (b->col + s > b->ngrid)
		s = b->col < b->ngrid ? b->ngrid - b->col : 1;
	for (i = b->col; i < b->col + s && i < b->ngrid; i++)
		width += b->grid[i];
	b->col += s;
	b->cell_paras = 0;
	return xw_start(w, "w:tc") || xw_start(w, "w:tcPr") ||
	       xw_start(w, "w:tcW") || xw_attr_int(w, "w:w", width) ||
	       xw_attr(w, "w:type", "dxa") || xw_end(w) ||
	       (s > 1 && xw_val_int(w, "w:gridSpan", (long)s)) ||
	       ((flags & CELL_SHADED) &&
		(xw_start(w, "w:shd") || xw_attr(w, "w:val", "clear") ||
		 xw_attr(w, "w:color", "auto") || xw_attr(w, "w:fill", HEADER_FILL) ||
		 xw_end(w))) ||
	       ((flags & CELL_NOWRAP) && xw_empty(w, "w:noWrap")) ||
	       (valign && xw_val(w, "w:vAlign", valign)) || xw_end(w) ? -1 : 0;
}

/* A cell holds at least one paragraph, even an empty one. */
static int cell_close(struct body *b)
{
	if (para_close(b))
		return -1;
	if (b->cell_paras == 0 && (para_open(b, &b->next) || para_close(b)))
		return -1;
	return xw_end(b->w);
}

static int table_enter(struct body *b, const struct doc_node *t)
{
	size_t n;
	long *grid = table_grid(t, b->x->text_w, &n);

	return grid ? table_open(b, grid, n, NULL) : -1;
}

static int row_enter(struct body *b, const struct doc_node *row)
{
	const struct doc_node *c;
	size_t spans = 0;

	for (c = row->first; c; c = c->next)
		spans += c->span > 0 ? (size_t)c->span : 1;
	return row_open(b, row->header, spans, 0);
}

static int cell_enter(struct body *b, const struct doc_node *cell)
{
	b->next = (struct para){ .style = text_style(b),
				 .jc = cell->center ? "center" : NULL };
	return cell_open(b, cell->span,
			 (b->header_row || cell->header ? CELL_SHADED : 0) |
				 (cell->nowrap ? CELL_NOWRAP : 0),
			 NULL);
}

/* A signature block: label | space to sign, rows tall enough for a
 * signature or a seal, in a box at the right of the page. */
static int signature_enter(struct body *b)
{
	long width = b->x->text_w * 13 / 20;
	long *grid = calloc(2, sizeof(*grid));

	if (!grid)
		return -1;
	grid[0] = width * 7 / 20;
	grid[1] = width - grid[0];
	return table_open(b, grid, 2, "right");
}

/* Every row keeps with the next: a signature block is never split. */
static int signature_line_enter(struct body *b, const struct doc_node *n)
{
	struct para label = { .style = "TableHeading", .keep_next = true };

	if (row_open(b, false, 2, 737) || cell_open(b, 1, CELL_SHADED, "center") ||
	    para_open(b, &label) || run_text(b->w, n->label, false) ||
	    para_close(b) || xw_end(b->w))
		return -1;
	b->next = (struct para){ .style = "TableText", .keep_next = true };
	/* A blank line is signed on its bottom; a filled one reads centred. */
	return cell_open(b, 1, 0, n->first ? "center" : "bottom");
}

/* ---- the title block ---- */

/* A row of the cover's box: the label shaded, then the value. Labels are
 * never NULL from doc_parse; a tree built otherwise may lack them. */
static int cover_row(struct body *b, const char *label, const char *value)
{
	struct para lp = { .style = "TableHeading" };
	struct para vp = { .style = "TableText" };

	return row_open(b, false, 2, 0) || cell_open(b, 1, CELL_SHADED, "center") ||
	       para_open(b, &lp) || run_text(b->w, label ? label : "", false) ||
	       cell_close(b) || cell_open(b, 1, 0, "center") || para_open(b, &vp) ||
	       run_text(b->w, value ? value : "", false) || cell_close(b) || xw_end(b->w)
		       ? -1 : 0;
}

/* A two-column box at the right of the page, label | value. */
static int cover_box(struct body *b)
{
	long width = b->x->text_w * 9 / 20, *grid = calloc(2, sizeof(*grid));

	if (!grid)
		return -1;
	grid[0] = width * 2 / 5;
	grid[1] = width - grid[0];
	return table_open(b, grid, 2, "right");
}

/* One cell of the sign-off block, centred: lines, each NULL to skip. */
static int signoff_cell(struct body *b, bool shaded, const char *style, const char *first,
			const char *second)
{
	struct para p = { .style = style, .jc = "center" };

	return cell_open(b, 1, shaded ? CELL_SHADED : 0, "center") || para_open(b, &p) ||
	       (first && run_text(b->w, first, false)) ||
	       (first && second && inline_break(b)) ||
	       (second && run_text(b->w, second, false)) || cell_close(b) ? -1 : 0;
}

/* The sign-off block at the right, under its own title: a column a step
 * (approved, reviewed, prepared), the label, then title and name, then
 * the date; what the document leaves open stays empty and tall, to be
 * signed and dated by hand. A draft says so. */
static int signoff_block(struct body *b)
{
	const struct doc_meta *m = &b->x->doc->meta;
	const struct doc_labels *l = b->x->labels;
	long col = b->x->text_w * 9 / 40, *grid;
	size_t i, n = m->nsteps;

	if (!n)
		return 0;
	if (!(grid = calloc(n, sizeof(*grid))))
		return -1;
	for (i = 0; i < n; i++)
		grid[i] = n > 2 ? col * 2 / 3 : col;
	if (table_open(b, grid, n, "right") || row_open(b, false, n, 0) ||
	    cell_open(b, (int)n, CELL_SHADED, "center"))
		return -1;
	{
		struct para p = { .style = "TableHeading", .jc = "center" };
		if (para_open(b, &p) || run_text(b->w, l->approval, false) ||
		    (!m->approver && (inline_break(b) || run_text(b->w, l->draft, false))) ||
		    cell_close(b) || xw_end(b->w))
			return -1;
	}
	if (row_open(b, false, n, 0))
		return -1;
	for (i = 0; i < n; i++)
		if (signoff_cell(b, true, "TableHeading", m->steps[i].label, NULL))
			return -1;
	if (xw_end(b->w) || row_open(b, false, n, 851)) /* 15 mm: a seal */
		return -1;
	for (i = 0; i < n; i++)
		if (signoff_cell(b, false, "TableText", m->steps[i].title, m->steps[i].name))
			return -1;
	if (xw_end(b->w) || row_open(b, false, n, 454))
		return -1;
	for (i = 0; i < n; i++)
		if (signoff_cell(b, false, "TableText", m->steps[i].date, NULL))
			return -1;
	return xw_end(b->w) || table_close(b) ? -1 : 0;
}

/* Title and subtitle; the document's cover fields (number, version,
 * dates, classification, as its kind calls for) in a small table at the
 * right, as Japanese documents show them, and the sign-off block under
 * it; then the company. */
static int title_block(struct body *b)
{
	const struct doc_meta *m = &b->x->doc->meta;
	size_t i;

	if (para_text(b, "Title", NULL, m->title ? m->title : ""))
		return -1;
	if (m->subtitle && para_text(b, "Subtitle", NULL, m->subtitle))
		return -1;
	if (m->ncover) {
		if (cover_box(b))
			return -1;
		for (i = 0; i < m->ncover; i++)
			if (cover_row(b, m->cover[i].label, m->cover[i].value))
				return -1;
		if (table_close(b))
			return -1;
	}
	if (signoff_block(b))
		return -1;
	if (m->company && para_text(b, "Company", NULL, m->company))
		return -1;
	return 0;
}

/* ---- the walk ---- */

static int section_properties(const struct docx *x, struct xw *w)
{
	char rid[2][16];

	snprintf(rid[0], sizeof(rid[0]), "rId%d", DOCX_RID_HEADER);
	snprintf(rid[1], sizeof(rid[1]), "rId%d", DOCX_RID_FOOTER);
	return xw_start(w, "w:sectPr") ||
	       xw_start(w, "w:headerReference") || xw_attr(w, "w:type", "default") ||
	       xw_attr(w, "r:id", rid[0]) || xw_end(w) ||
	       xw_start(w, "w:footerReference") || xw_attr(w, "w:type", "default") ||
	       xw_attr(w, "r:id", rid[1]) || xw_end(w) ||
	       xw_start(w, "w:pgSz") || xw_attr_int(w, "w:w", x->page_w) ||
	       xw_attr_int(w, "w:h", x->page_h) ||
	       (x->doc->landscape && xw_attr(w, "w:orient", "landscape")) || xw_end(w) ||
	       xw_start(w, "w:pgMar") || xw_attr_int(w, "w:top", x->mar_top) ||
	       xw_attr_int(w, "w:right", x->mar_right) ||
	       xw_attr_int(w, "w:bottom", x->mar_bottom) ||
	       xw_attr_int(w, "w:left", x->mar_left) ||
	       xw_attr_int(w, "w:header", x->mar_header) ||
	       xw_attr_int(w, "w:footer", x->mar_footer) ||
	       xw_attr(w, "w:gutter", "0") || xw_end(w) ||
	       xw_start(w, "w:cols") || xw_attr(w, "w:space", "425") || xw_end(w) ||
	       xw_start(w, "w:docGrid") || xw_attr(w, "w:linePitch", "360") ||
	       xw_end(w) || xw_end(w) ? -1 : 0;
}

static int write_node(struct body *b, const struct doc_node *n, bool enter)
{
	switch (n->type) {
	case DOC_DOCUMENT:
		/* Word wants a paragraph between a table and the section end. */
		if (!enter && b->after_table) {
			struct para p = { .style = "Normal" };
			return para_open(b, &p) || para_close(b) ? -1 : 0;
		}
		return 0;
	case DOC_TOC:
		return write_toc(b);
	case DOC_SECTION:
		if (enter)
			b->heading = &b->x->headings[b->nheading++];
		return 0;
	case DOC_HEADING:
		return enter ? heading_enter(b, n) : heading_exit(b);
	case DOC_PARAGRAPH:
		if (enter) {
			const char *s = text_style(b);
			struct para p = { .style = s ? s : "BodyText" };
			return para_open(b, &p);
		}
		return para_close(b);
	case DOC_LIST:
		if (enter)
			return list_enter(b, n);
		list_exit(b, n);
		return 0;
	case DOC_ITEM:
		return enter ? item_enter(b) : para_close(b);
	case DOC_TABLE:
		return enter ? table_enter(b, n) : table_close(b);
	case DOC_ROW:
		return enter ? row_enter(b, n) : xw_end(b->w);
	case DOC_CELL:
		return enter ? cell_enter(b, n) : cell_close(b);
	case DOC_NOTE:
		if (enter) {
			struct para p = { .style = n->warning ? "Warning" : "Note" };
			return para_open(b, &p);
		}
		return para_close(b);
	case DOC_SIGNATURE:
		return enter ? signature_enter(b) : table_close(b);
	case DOC_SIGNATURE_LINE:
		if (enter)
			return signature_line_enter(b, n);
		return cell_close(b) || xw_end(b->w) ? -1 : 0;
	case DOC_STRONG:
		b->bold += enter ? 1 : -1;
		return 0;
	case DOC_EM:
		b->italic += enter ? 1 : -1;
		return 0;
	case DOC_LINK:
		return enter ? link_enter(b, n) : link_exit(b);
	case DOC_BREAK:
		return inline_break(b);
	case DOC_TEXT:
		return inline_text(b, n->text);
	case DOC_TIMELINE:
		if (para_close(b) || docx_write_timeline(b->x, b->w, n->timeline))
			return -1;
		b->after_table = true;
		return 0;
	case DOC_ORGCHART:
		if (para_close(b))
			return -1;
		b->after_table = false;
		return docx_write_orgchart(b->x, b->w, n->chart, &b->drawing_id);
	default:
		assert(false);
		return -1;
	}
}

int docx_write_document(struct docx *x, struct xw *w)
{
	struct body b;
	struct doc_iter it;
	enum doc_event ev;
	int rc = -1;

	memset(&b, 0, sizeof(b));
	b.x = x;
	/* Clear of the header logo's id (1). */
	b.drawing_id = 100;
	b.w = w;
	if (xw_start(b.w, "w:document") || xw_attr(b.w, "xmlns:w", DOCX_NS_W) ||
	    xw_attr(b.w, "xmlns:r", DOCX_NS_R) || xw_start(b.w, "w:body") ||
	    title_block(&b))
		goto out;
	doc_iter_init(&it, x->doc->root);
	while ((ev = doc_iter_next(&it)) != DOC_DONE)
		if (write_node(&b, it.cur, ev == DOC_ENTER))
			goto out;
	if (section_properties(x, b.w) || xw_end(b.w) || xw_end(b.w))
		goto out;
	rc = 0;
out:
	free(b.grid);
	return rc;
}

/* ---- header and footer ---- */

#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"

/* The reference's logo as an inline picture (DrawingML), in a run of its
 * own; the space after it is the run that follows. */
static int logo_run(const struct docx *x, struct xw *w)
{
	const struct docx_reference *r = x->ref;
	char name[32];

	snprintf(name, sizeof(name), "logo.%s", r->logo_ext);
	return xw_start(w, "w:r") || xw_start(w, "w:drawing") ||
	       xw_start(w, "wp:inline") || xw_attr(w, "distT", "0") ||
	       xw_attr(w, "distB", "0") || xw_attr(w, "distL", "0") ||
	       xw_attr(w, "distR", "0") || xw_start(w, "wp:extent") ||
	       xw_attr_int(w, "cx", r->logo_cx) || xw_attr_int(w, "cy", r->logo_cy) ||
	       xw_end(w) || xw_start(w, "wp:docPr") || xw_attr(w, "id", "1") ||
	       xw_attr(w, "name", "Logo") || xw_end(w) ||
	       xw_start(w, "wp:cNvGraphicFramePr") ||
	       xw_start(w, "a:graphicFrameLocks") || xw_attr(w, "xmlns:a", NS_A) ||
	       xw_attr(w, "noChangeAspect", "1") || xw_end(w) || xw_end(w) ||
	       xw_start(w, "a:graphic") || xw_attr(w, "xmlns:a", NS_A) ||
	       xw_start(w, "a:graphicData") || xw_attr(w, "uri", NS_PIC) ||
	       xw_start(w, "pic:pic") || xw_attr(w, "xmlns:pic", NS_PIC) ||
	       xw_start(w, "pic:nvPicPr") || xw_start(w, "pic:cNvPr") ||
	       xw_attr(w, "id", "0") || xw_attr(w, "name", name) || xw_end(w) ||
	       xw_empty(w, "pic:cNvPicPr") || xw_end(w) ||
	       xw_start(w, "pic:blipFill") || xw_start(w, "a:blip") ||
	       xw_attr(w, "r:embed", DOCX_RID_LOGO) || xw_end(w) ||
	       xw_start(w, "a:stretch") || xw_empty(w, "a:fillRect") || xw_end(w) ||
	       xw_end(w) || xw_start(w, "pic:spPr") || xw_start(w, "a:xfrm") ||
	       xw_start(w, "a:off") || xw_attr(w, "x", "0") || xw_attr(w, "y", "0") ||
	       xw_end(w) || xw_start(w, "a:ext") || xw_attr_int(w, "cx", r->logo_cx) ||
	       xw_attr_int(w, "cy", r->logo_cy) || xw_end(w) || xw_end(w) ||
	       xw_start(w, "a:prstGeom") || xw_attr(w, "prst", "rect") ||
	       xw_empty(w, "a:avLst") || xw_end(w) || xw_end(w) ||
	       xw_end(w) || xw_end(w) || xw_end(w) || xw_end(w) || xw_end(w) ||
	       xw_end(w) ? -1 : 0;
}

/* Company, title and classification: left, centre and right; the
 * company's logo in front of its name when a reference document has one. */
/* The header's draft mark: bold red, then a space before what follows. */
static int draft_mark(struct xw *w, const struct doc_meta *m)
{
	return xw_start(w, "w:r") || xw_start(w, "w:rPr") || xw_empty(w, "w:b") ||
	       xw_val(w, "w:color", "C00000") || xw_end(w) ||
	       text_element(w, m->labels.draft) || xw_end(w) ||
	       (m->classification && run_text(w, "  ", false)) ? -1 : 0;
}

int docx_write_header(const struct docx *x, struct xw *w)
{
	const struct doc_meta *m = &x->doc->meta;
	bool logo = x->ref && x->ref->logo.len;

	if (xw_start(w, "w:hdr") || xw_attr(w, "xmlns:w", DOCX_NS_W) ||
	    xw_attr(w, "xmlns:r", DOCX_NS_R) ||
	    (logo && xw_attr(w, "xmlns:wp", NS_WP)) || xw_start(w, "w:p") ||
	    xw_start(w, "w:pPr") || xw_val(w, "w:pStyle", "Header"))
		return -1;
	/* A logo leaves no room for a centred title: the title goes right,
	 * before the classification, the centre stop cleared. */
	if (logo && (xw_start(w, "w:tabs") || xw_start(w, "w:tab") ||
		     xw_attr(w, "w:val", "clear") ||
		     xw_attr_int(w, "w:pos", x->text_w / 2) || xw_end(w) || xw_end(w)))
		return -1;
	if (xw_end(w) ||
	    (logo && (logo_run(x, w) || run_text(w, " ", false))) ||
	    (m->company && run_text(w, m->company, false)) || run_tab(w) ||
	    (m->title && run_text(w, m->title, false)) ||
	    (logo ? run_text(w, "  ", false) : run_tab(w)) ||
	    /* A draft says so on every page, before the classification. */
	    (!m->approver && m->labels.draft && draft_mark(w, m)) ||
	    (m->classification && run_text(w, m->classification, true)) ||
	    xw_end(w) || xw_end(w))
		return -1;
	return 0;
}

/* Number, version, and "page / pages" from the PAGE and NUMPAGES fields:
 * left, centre and right. */
int docx_write_footer(const struct docx *x, struct xw *w)
{
	const struct doc_meta *m = &x->doc->meta;

	if (xw_start(w, "w:ftr") || xw_attr(w, "xmlns:w", DOCX_NS_W) ||
	    xw_attr(w, "xmlns:r", DOCX_NS_R) || xw_start(w, "w:p") ||
	    xw_start(w, "w:pPr") || xw_val(w, "w:pStyle", "Footer") || xw_end(w) ||
	    (m->number && run_text(w, m->number, false)) || run_tab(w) ||
	    (m->version && run_text(w, m->version, false)) ||
	    run_tab(w) || field(w, " PAGE ", "1") || run_text(w, " / ", false) ||
	    field(w, " NUMPAGES ", "1") || xw_end(w) || xw_end(w))
		return -1;
	return 0;
}
