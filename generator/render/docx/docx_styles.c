/* docx_styles.c - the parts that say how the document looks: styles.xml
 * (typography, headings tied to the outline and their numbering),
 * numbering.xml, settings.xml and fontTable.xml. */
#include "render/docx/docx.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Body text: 10.5 pt, the size of Japanese business documents. */
#define BODY_SZ 21

enum border { NO_BORDER, BOX, BOTTOM_RULE, TOP_RULE };
enum tabs { NO_TABS, HEADER_TABS, TOC_TABS };

/* One style of styles.xml. Lengths in twips, sizes in half-points; 0 (or
 * NULL) leaves a property to the style it is based on, -1 sets it to 0. */
struct style {
	const char *type; /* "paragraph", "character", "table", "numbering" */
	const char *id;
	const char *name; /* Word's built-in name where there is one */
	const char *based_on, *next;
	int priority;     /* w:uiPriority, 0 for none */
	bool is_default, q_format, semi_hidden;

	int heading;      /* 1..6: outline level, numbering, heading faces */
	bool keep_next, keep_lines;
	enum border border;
	const char *border_color;
	int border_sz;    /* eighths of a point */
	const char *fill;
	enum tabs tabs;
	long before, after, line; /* w:spacing; line in 240ths of a line */
	long ind_left, ind_right, hanging;
	const char *jc;

	bool heading_font;
	bool bold, underline;
	long sz;
	const char *color;
	bool table_borders;
};

static const struct style styles[] = {
	{ .type = "paragraph", .id = "Normal", .name = "Normal",
	  .is_default = true, .q_format = true },
	{ .type = "character", .id = "DefaultParagraphFont",
	  .name = "Default Paragraph Font", .priority = 1, .is_default = true,
	  .semi_hidden = true },
	{ .type = "table", .id = "TableNormal", .name = "Normal Table",
	  .priority = 99, .is_default = true, .semi_hidden = true },
	{ .type = "numbering", .id = "NoList", .name = "No List",
	  .priority = 99, .is_default = true, .semi_hidden = true },
	{ .type = "paragraph", .id = "Title", .name = "Title",
	  .based_on = "Normal", .next = "Normal", .priority = 10,
	  .q_format = true, .keep_next = true, .before = -1, .after = 120,
	  .jc = "center", .heading_font = true, .bold = true, .sz = 36 },
	{ .type = "paragraph", .id = "Subtitle", .name = "Subtitle",
	  .based_on = "Normal", .next = "Normal", .priority = 11,
	  .q_format = true, .keep_next = true, .after = 120, .jc = "center",
	  .heading_font = true, .sz = 26 },
	{ .type = "paragraph", .id = "Company", .name = "Company",
	  .based_on = "Normal", .next = "BodyText", .before = 120, .after = 360,
	  .jc = "right" },
	{ .type = "paragraph", .id = "Heading1", .name = "heading 1",
	  .based_on = "Normal", .next = "BodyText", .priority = 9,
	  .q_format = true, .heading = 1, .keep_next = true, .keep_lines = true,
	  .border = BOTTOM_RULE, .border_color = "1F3864", .border_sz = 8,
	  .before = 360, .after = 160, .heading_font = true, .bold = true,
	  .sz = 28, .color = "1F3864" },
	{ .type = "paragraph", .id = "Heading2", .name = "heading 2",
	  .based_on = "Normal", .next = "BodyText", .priority = 9,
	  .q_format = true, .heading = 2, .keep_next = true, .keep_lines = true,
	  .before = 280, .after = 100, .heading_font = true, .bold = true,
	  .sz = 24, .color = "1F3864" },
	{ .type = "paragraph", .id = "Heading3", .name = "heading 3",
	  .based_on = "Normal", .next = "BodyText", .priority = 9,
	  .q_format = true, .heading = 3, .keep_next = true, .keep_lines = true,
	  .before = 200, .after = 80, .heading_font = true, .bold = true,
	  .sz = 22 },
	{ .type = "paragraph", .id = "Heading4", .name = "heading 4",
	  .based_on = "Normal", .next = "BodyText", .priority = 9,
	  .q_format = true, .heading = 4, .keep_next = true, .keep_lines = true,
	  .before = 160, .after = 60, .heading_font = true, .bold = true,
	  .sz = BODY_SZ },
	{ .type = "paragraph", .id = "Heading5", .name = "heading 5",
	  .based_on = "Normal", .next = "BodyText", .priority = 9,
	  .q_format = true, .heading = 5, .keep_next = true, .keep_lines = true,
	  .before = 120, .after = 60, .heading_font = true, .sz = BODY_SZ },
	{ .type = "paragraph", .id = "Heading6", .name = "heading 6",
	  .based_on = "Normal", .next = "BodyText", .priority = 9,
	  .q_format = true, .heading = 6, .keep_next = true, .keep_lines = true,
	  .before = 120, .after = 60, .heading_font = true, .sz = BODY_SZ },
	{ .type = "paragraph", .id = "BodyText", .name = "Body Text",
	  .based_on = "Normal", .priority = 1, .q_format = true, .after = 120 },
	{ .type = "paragraph", .id = "ListParagraph", .name = "List Paragraph",
	  .based_on = "BodyText", .priority = 34, .q_format = true, .after = 60 },
	{ .type = "paragraph", .id = "Note", .name = "Note",
	  .based_on = "BodyText", .next = "BodyText", .q_format = true,
	  .border = BOX, .border_color = "8EA9C8", .border_sz = 6,
	  .fill = "EEF3F9", .before = 60, .after = 180, .ind_left = 113,
	  .ind_right = 113 },
	{ .type = "paragraph", .id = "Warning", .name = "Warning",
	  .based_on = "Note", .next = "BodyText", .q_format = true,
	  .border = BOX, .border_color = "C00000", .border_sz = 12,
	  .fill = "FDEDEC" },
	/* The paragraph holding a picture: single line spacing, so that a
	 * line height fixed by the grid does not clip it. */
	{ .type = "paragraph", .id = "Figure", .name = "Figure",
	  .based_on = "Normal", .next = "BodyText", .q_format = true,
	  .before = 120, .after = 120, .line = 240, .jc = "center" },
	{ .type = "paragraph", .id = "Caption", .name = "caption",
	  .based_on = "Normal", .next = "Normal", .priority = 35,
	  .q_format = true, .keep_next = true, .before = 120, .after = 0,
	  .jc = "center", .heading_font = true, .bold = true, .sz = 18 },
	{ .type = "paragraph", .id = "TableText", .name = "Table Text",
	  .based_on = "Normal", .q_format = true, .before = 20, .after = 20,
	  .jc = "left", .sz = 20 },
	{ .type = "paragraph", .id = "TableHeading", .name = "Table Heading",
	  .based_on = "TableText", .q_format = true, .heading_font = true,
	  .bold = true },
	{ .type = "paragraph", .id = "TOCHeading", .name = "TOC Heading",
	  .based_on = "Normal", .next = "Normal", .priority = 39,
	  .q_format = true, .keep_next = true, .before = 240, .after = 120,
	  .heading_font = true, .bold = true, .sz = 24 },
	{ .type = "paragraph", .id = "TOC1", .name = "toc 1",
	  .based_on = "Normal", .next = "Normal", .priority = 39,
	  .tabs = TOC_TABS, .before = 60, .after = 0, .ind_left = 425,
	  .hanging = 425, .jc = "left" },
	{ .type = "paragraph", .id = "TOC2", .name = "toc 2",
	  .based_on = "Normal", .next = "Normal", .priority = 39,
	  .tabs = TOC_TABS, .after = 0, .ind_left = 777, .hanging = 567,
	  .jc = "left" },
	{ .type = "paragraph", .id = "TOC3", .name = "toc 3",
	  .based_on = "Normal", .next = "Normal", .priority = 39,
	  .tabs = TOC_TABS, .after = 0, .ind_left = 1129, .hanging = 709,
	  .jc = "left" },
	{ .type = "paragraph", .id = "Header", .name = "header",
	  .based_on = "Normal", .priority = 99, .tabs = HEADER_TABS,
	  .border = BOTTOM_RULE, .border_color = "808080", .border_sz = 4,
	  .jc = "left", .sz = 17, .color = "404040" },
	{ .type = "paragraph", .id = "Footer", .name = "footer",
	  .based_on = "Normal", .priority = 99, .tabs = HEADER_TABS,
	  .border = TOP_RULE, .border_color = "808080", .border_sz = 4,
	  .jc = "left", .sz = 17, .color = "404040" },
	{ .type = "character", .id = "Hyperlink", .name = "Hyperlink",
	  .based_on = "DefaultParagraphFont", .priority = 99,
	  .underline = true, .color = "0563C1" },
	{ .type = "table", .id = "TableGrid", .name = "Table Grid",
	  .based_on = "TableNormal", .priority = 39, .table_borders = true },
};

static int border_side(struct xw *w, const char *side,
		       const struct style *s)
{
	return xw_start(w, side) || xw_attr(w, "w:val", "single") ||
	       xw_attr_int(w, "w:sz", s->border_sz) ||
	       xw_attr(w, "w:space", s->border == BOX ? "4" : "1") ||
	       xw_attr(w, "w:color", s->border_color) || xw_end(w) ? -1 : 0;
}

static int tab_stop(struct xw *w, const char *val, const char *leader,
		    long pos)
{
	return xw_start(w, "w:tab") || xw_attr(w, "w:val", val) ||
	       (leader && xw_attr(w, "w:leader", leader)) ||
	       xw_attr_int(w, "w:pos", pos) || xw_end(w) ? -1 : 0;
}

static long twips(long v)
{
	return v < 0 ? 0 : v;
}

static int style_ppr(const struct docx *x, struct xw *w,
		     const struct style *s)
{
	const char *jc;

	if (xw_start(w, "w:pPr") ||
	    (s->keep_next && xw_empty(w, "w:keepNext")) ||
	    (s->keep_lines && xw_empty(w, "w:keepLines")))
		return -1;
	/* Headings are numbered 1, 1.1, 1.1.1 by the list tied to them. */
	if (s->heading &&
	    (xw_start(w, "w:numPr") || xw_val_int(w, "w:ilvl", s->heading - 1) ||
	     xw_val_int(w, "w:numId", DOCX_NUM_HEADINGS) || xw_end(w)))
		return -1;
	if (s->border && (xw_start(w, "w:pBdr") ||
			  ((s->border == BOX || s->border == TOP_RULE) &&
			   border_side(w, "w:top", s)) ||
			  (s->border == BOX && border_side(w, "w:left", s)) ||
			  ((s->border == BOX || s->border == BOTTOM_RULE) &&
			   border_side(w, "w:bottom", s)) ||
			  (s->border == BOX && border_side(w, "w:right", s)) ||
			  xw_end(w)))
		return -1;
	if (s->fill && (xw_start(w, "w:shd") || xw_attr(w, "w:val", "clear") ||
			xw_attr(w, "w:color", "auto") ||
			xw_attr(w, "w:fill", s->fill) || xw_end(w)))
		return -1;
	if (s->tabs == HEADER_TABS &&
	    (xw_start(w, "w:tabs") || tab_stop(w, "center", NULL, x->text_w / 2) ||
	     tab_stop(w, "right", NULL, x->text_w) || xw_end(w)))
		return -1;
	if (s->tabs == TOC_TABS &&
	    (xw_start(w, "w:tabs") || tab_stop(w, "right", "dot", x->text_w) ||
	     xw_end(w)))
		return -1;
	if ((s->before || s->after || s->line) &&
	    (xw_start(w, "w:spacing") ||
	     (s->before && xw_attr_int(w, "w:before", twips(s->before))) ||
	     (s->after && xw_attr_int(w, "w:after", twips(s->after))) ||
	     (s->line && (xw_attr_int(w, "w:line", s->line) ||
			  xw_attr(w, "w:lineRule", "auto"))) ||
	     xw_end(w)))
		return -1;
	if ((s->ind_left || s->ind_right || s->hanging) &&
	    (xw_start(w, "w:ind") ||
	     (s->ind_left && xw_attr_int(w, "w:left", twips(s->ind_left))) ||
	     (s->ind_right && xw_attr_int(w, "w:right", twips(s->ind_right))) ||
	     (s->hanging && xw_attr_int(w, "w:hanging", s->hanging)) ||
	     xw_end(w)))
		return -1;
	/* Japanese text is set justified, as Word does by default there. */
	jc = s->jc;
	if (!jc && strcmp(s->id, "Normal") == 0)
		jc = x->ja ? "both" : "left";
	if (jc && xw_val(w, "w:jc", jc))
		return -1;
	if (s->heading && xw_val_int(w, "w:outlineLvl", s->heading - 1))
		return -1;
	return xw_end(w);
}

static int style_rpr(const struct docx *x, struct xw *w,
		     const struct style *s)
{
	if (xw_start(w, "w:rPr"))
		return -1;
	if (s->heading_font &&
	    (xw_start(w, "w:rFonts") || xw_attr(w, "w:ascii", x->fonts->heading) ||
	     xw_attr(w, "w:hAnsi", x->fonts->heading) ||
	     xw_attr(w, "w:eastAsia", x->fonts->heading_ea) ||
	     xw_attr(w, "w:cs", x->fonts->heading) || xw_end(w)))
		return -1;
	if (s->bold && (xw_empty(w, "w:b") || xw_empty(w, "w:bCs")))
		return -1;
	if (s->color && xw_val(w, "w:color", s->color))
		return -1;
	if (s->sz && (xw_val_int(w, "w:sz", s->sz) || xw_val_int(w, "w:szCs", s->sz)))
		return -1;
	if (s->underline && xw_val(w, "w:u", "single"))
		return -1;
	return xw_end(w);
}

static int table_style(struct xw *w, const struct style *s)
{
	static const char *const sides[] = {
		"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV",
	};
	size_t i;

	if (xw_start(w, "w:tblPr"))
		return -1;
	if (s->table_borders) {
		if (xw_start(w, "w:tblBorders"))
			return -1;
		for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++)
			if (xw_start(w, sides[i]) || xw_attr(w, "w:val", "single") ||
			    xw_attr(w, "w:sz", "4") || xw_attr(w, "w:space", "0") ||
			    xw_attr(w, "w:color", "auto") || xw_end(w))
				return -1;
		if (xw_end(w))
			return -1;
	}
	return xw_start(w, "w:tblCellMar") ||
	       xw_start(w, "w:left") || xw_attr(w, "w:w", "99") ||
	       xw_attr(w, "w:type", "dxa") || xw_end(w) ||
	       xw_start(w, "w:right") || xw_attr(w, "w:w", "99") ||
	       xw_attr(w, "w:type", "dxa") || xw_end(w) || xw_end(w) || xw_end(w)
		       ? -1 : 0;
}

static int write_style(const struct docx *x, struct xw *w,
		       const struct style *s)
{
	bool para = strcmp(s->type, "paragraph") == 0;
	bool chr = strcmp(s->type, "character") == 0;
	bool has_rpr = s->heading_font || s->bold || s->color || s->sz ||
		       s->underline;

	if (xw_start(w, "w:style") || xw_attr(w, "w:type", s->type) ||
	    (s->is_default && xw_attr(w, "w:default", "1")) ||
	    xw_attr(w, "w:styleId", s->id) || xw_val(w, "w:name", s->name) ||
	    (s->based_on && xw_val(w, "w:basedOn", s->based_on)) ||
	    (s->next && xw_val(w, "w:next", s->next)) ||
	    (s->priority && xw_val_int(w, "w:uiPriority", s->priority)) ||
	    (s->semi_hidden &&
	     (xw_empty(w, "w:semiHidden") || xw_empty(w, "w:unhideWhenUsed"))) ||
	    (s->q_format && xw_empty(w, "w:qFormat")))
		return -1;
	if (para && style_ppr(x, w, s))
		return -1;
	if ((para || chr) && has_rpr && style_rpr(x, w, s))
		return -1;
	if (strcmp(s->type, "table") == 0 && table_style(w, s))
		return -1;
	return xw_end(w);
}

/* The language of Latin-script runs. In a Japanese document that is
 * English, as Japanese Word writes it (w:val="en-US" w:eastAsia="ja-JP"):
 * tagging Latin runs ja-JP makes LibreOffice break model names and
 * addresses ("NC-200") between any two letters. */
static const char *latin_lang(const struct docx *x)
{
	return x->ja ? "en-US" : x->lang;
}

/* Defaults every style builds on: faces, size and language; Japanese
 * line breaking (kinsoku) and the automatic space between Japanese and
 * Latin letters or digits. */
static int doc_defaults(const struct docx *x, struct xw *w)
{
	return xw_start(w, "w:docDefaults") || xw_start(w, "w:rPrDefault") ||
	       xw_start(w, "w:rPr") || xw_start(w, "w:rFonts") ||
	       xw_attr(w, "w:ascii", x->fonts->body) ||
	       xw_attr(w, "w:hAnsi", x->fonts->body) ||
	       xw_attr(w, "w:eastAsia", x->fonts->body_ea) ||
	       xw_attr(w, "w:cs", x->fonts->body) || xw_end(w) ||
	       xw_val(w, "w:kern", "2") ||
	       xw_val_int(w, "w:sz", BODY_SZ) || xw_val_int(w, "w:szCs", BODY_SZ) ||
	       xw_start(w, "w:lang") || xw_attr(w, "w:val", latin_lang(x)) ||
	       xw_attr(w, "w:eastAsia", "ja-JP") || xw_end(w) || xw_end(w) ||
	       xw_end(w) ||
	       xw_start(w, "w:pPrDefault") || xw_start(w, "w:pPr") ||
	       xw_empty(w, "w:widowControl") || xw_empty(w, "w:kinsoku") ||
	       xw_empty(w, "w:overflowPunct") || xw_empty(w, "w:autoSpaceDE") ||
	       xw_empty(w, "w:autoSpaceDN") || xw_start(w, "w:spacing") ||
	       xw_attr(w, "w:after", "0") || xw_attr(w, "w:line", "264") ||
	       xw_attr(w, "w:lineRule", "auto") || xw_end(w) || xw_end(w) ||
	       xw_end(w) || xw_end(w) ? -1 : 0;
}

int docx_write_styles(const struct docx *x, struct xw *w)
{
	size_t i;

	if (xw_start(w, "w:styles") || xw_attr(w, "xmlns:w", DOCX_NS_W) ||
	    doc_defaults(x, w))
		return -1;
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (write_style(x, w, &styles[i]))
			return -1;
	return xw_end(w);
}

/* ---- numbering.xml ---- */

static int level(struct xw *w, int ilvl, const char *fmt,
		 const char *text, const char *pstyle, long left, long hanging)
{
	return xw_start(w, "w:lvl") || xw_attr_int(w, "w:ilvl", ilvl) ||
	       xw_val(w, "w:start", "1") || xw_val(w, "w:numFmt", fmt) ||
	       (pstyle && xw_val(w, "w:pStyle", pstyle)) ||
	       xw_val(w, "w:lvlText", text) || xw_val(w, "w:lvlJc", "left") ||
	       xw_start(w, "w:pPr") || xw_start(w, "w:ind") ||
	       xw_attr_int(w, "w:left", left) ||
	       xw_attr_int(w, "w:hanging", hanging) || xw_end(w) || xw_end(w) ||
	       xw_end(w) ? -1 : 0;
}

/* 1, 1.1, 1.1.1 ... each level tied to its heading style, the number
 * hanging in front of the heading's text. */
static int headings_abstract(struct xw *w)
{
	static const char *const pstyles[DOCX_HEADING_MAX] = {
		"Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
	};
	char text[64];
	size_t len = 0;
	int i;

	if (xw_start(w, "w:abstractNum") ||
	    xw_attr_int(w, "w:abstractNumId", DOCX_ABSTRACT_HEADINGS) ||
	    xw_val(w, "w:multiLevelType", "multilevel"))
		return -1;
	for (i = 0; i < DOCX_LIST_LEVELS; i++) {
		long hang = 425 + 142L * i;
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%%%d",
					i ? "." : "", i + 1);
		if (level(w, i, "decimal", text,
			  i < DOCX_HEADING_MAX ? pstyles[i] : NULL, hang, hang))
			return -1;
	}
	return xw_end(w);
}

/* Bullets • ◦ ▪ and numbers 1. (1) a) for lists, two characters a level. */
static int list_abstract(struct xw *w, int id, bool ordered)
{
	static const char *const bullets[] = { "\u2022", "\u25e6", "\u25aa" };
	static const char *const fmts[] = { "decimal", "decimal", "lowerLetter" };
	char text[16];
	int i;

	if (xw_start(w, "w:abstractNum") || xw_attr_int(w, "w:abstractNumId", id) ||
	    xw_val(w, "w:multiLevelType", "hybridMultilevel"))
		return -1;
	for (i = 0; i < DOCX_LIST_LEVELS; i++) {
		long left = DOCX_LIST_INDENT * (i + 1L);
		/* lvlText writes the level as %1..%9. */
		snprintf(text, sizeof(text), i % 3 == 0 ? "%%%d." :
			 i % 3 == 1 ? "(%%%d)" : "%%%d)", i + 1);
		if (level(w, i, ordered ? fmts[i % 3] : "bullet",
			  ordered ? text : bullets[i % 3], NULL, left,
			  DOCX_LIST_INDENT))
			return -1;
	}
	return xw_end(w);
}

static int num(struct xw *w, int id, int abstract, int restart_ilvl)
{
	return xw_start(w, "w:num") || xw_attr_int(w, "w:numId", id) ||
	       xw_val_int(w, "w:abstractNumId", abstract) ||
	       (restart_ilvl >= 0 &&
		(xw_start(w, "w:lvlOverride") ||
		 xw_attr_int(w, "w:ilvl", restart_ilvl) ||
		 xw_val(w, "w:startOverride", "1") || xw_end(w))) ||
	       xw_end(w) ? -1 : 0;
}

int docx_write_numbering(const struct docx *x, struct xw *w)
{
	size_t i;

	if (xw_start(w, "w:numbering") || xw_attr(w, "xmlns:w", DOCX_NS_W) ||
	    headings_abstract(w) ||
	    list_abstract(w, DOCX_ABSTRACT_BULLET, false) ||
	    list_abstract(w, DOCX_ABSTRACT_ORDERED, true) ||
	    num(w, DOCX_NUM_HEADINGS, DOCX_ABSTRACT_HEADINGS, -1) ||
	    num(w, DOCX_NUM_BULLET, DOCX_ABSTRACT_BULLET, -1))
		return -1;
	/* Each numbered list its own instance, starting again at 1. */
	for (i = 0; i < x->nordered; i++)
		if (num(w, DOCX_NUM_FIRST_ORDERED + (int)i, DOCX_ABSTRACT_ORDERED,
			x->ordered[i]))
			return -1;
	return xw_end(w);
}

/* ---- settings.xml ---- */

/* updateFields: Word offers to update the table of contents on opening
 * (its entries are pre-filled but carry no page numbers). The Word 2013
 * compatibility mode keeps Word out of its "compatibility mode". */
int docx_write_settings(const struct docx *x, struct xw *w)
{
	if (xw_start(w, "w:settings") || xw_attr(w, "xmlns:w", DOCX_NS_W) ||
	    xw_start(w, "w:zoom") || xw_attr(w, "w:percent", "100") || xw_end(w) ||
	    xw_val_int(w, "w:defaultTabStop", DOCX_LIST_INDENT) ||
	    xw_val(w, "w:characterSpacingControl", "doNotCompress") ||
	    xw_val(w, "w:updateFields", "true") || xw_start(w, "w:compat") ||
	    xw_start(w, "w:compatSetting") ||
	    xw_attr(w, "w:name", "compatibilityMode") ||
	    xw_attr(w, "w:uri", "http://schemas.microsoft.com/office/word") ||
	    xw_attr(w, "w:val", "15") || xw_end(w) || xw_end(w) ||
	    xw_start(w, "w:themeFontLang") || xw_attr(w, "w:val", latin_lang(x)) ||
	    xw_attr(w, "w:eastAsia", "ja-JP") || xw_end(w) ||
	    xw_val(w, "w:decimalSymbol", ".") || xw_val(w, "w:listSeparator", ",") ||
	    xw_end(w))
		return -1;
	return 0;
}

/* ---- fontTable.xml ---- */

/* What Word needs to stand in a face of its own when ours is missing:
 * the alternative name, PANOSE class, character set and family. */
static const struct face {
	const char *name, *alt, *panose, *charset, *family;
} faces[] = {
	{ "Noto Serif CJK JP", "Yu Mincho", "02020400000000000000", "80", "roman" },
	{ "Noto Sans CJK JP", "Yu Gothic", "020B0500000000000000", "80", "swiss" },
	{ "Liberation Serif", "Times New Roman", "02020603050405020304", "00", "roman" },
	{ "Liberation Sans", "Arial", "020B0604020202020204", "00", "swiss" },
};

static bool face_used(const struct docx *x, const char *name)
{
	const struct docx_fonts *f = x->fonts;

	return strcmp(f->body, name) == 0 || strcmp(f->body_ea, name) == 0 ||
	       strcmp(f->heading, name) == 0 || strcmp(f->heading_ea, name) == 0;
}

int docx_write_font_table(const struct docx *x, struct xw *w)
{
	size_t i;

	if (xw_start(w, "w:fonts") || xw_attr(w, "xmlns:w", DOCX_NS_W))
		return -1;
	for (i = 0; i < sizeof(faces) / sizeof(faces[0]); i++) {
		const struct face *f = &faces[i];
		if (!face_used(x, f->name))
			continue;
		if (xw_start(w, "w:font") || xw_attr(w, "w:name", f->name) ||
		    xw_val(w, "w:altName", f->alt) || xw_val(w, "w:panose1", f->panose) ||
		    xw_val(w, "w:charset", f->charset) || xw_val(w, "w:family", f->family) ||
		    xw_val(w, "w:pitch", "variable") || xw_end(w))
			return -1;
	}
	return xw_end(w);
}
