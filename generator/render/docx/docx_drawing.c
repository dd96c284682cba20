/* docx_drawing.c - the organisation chart as DrawingML shapes: each
 * figure of the layout (layout.h) one inline group (wpg:wgp) of shapes
 * (wps:wsp) a reader can select, move and edit in Word or LibreOffice:
 * dashed frames behind, then the lines, then the boxes with their text. */
#include <stdio.h>
#include <string.h>

#include "render/docx/docx.h"
#include "doc/layout.h"
#include "doc/page.h"

#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_WPG "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
#define NS_WPS "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

/* Colours, as the HTML renderer's SVG has them. */
#define BOX_FILL "EEF3F8"
#define BOX_LINE "2B4C6F"
#define APART_FILL "F7F7F7"
#define APART_LINE "6B6B6B"
#define EDGE_LINE "4A4A4A"

#define EMU_PER_PT 12700L

static long emu(double pt)
{
	return (long)(pt * EMU_PER_PT + 0.5);
}

static int xfrm(struct xw *w, double x, double y, double cx, double cy)
{
	return xw_start(w, "a:xfrm") || xw_start(w, "a:off") ||
	       xw_attr_int(w, "x", emu(x)) || xw_attr_int(w, "y", emu(y)) || xw_end(w) ||
	       xw_start(w, "a:ext") || xw_attr_int(w, "cx", emu(cx)) ||
	       xw_attr_int(w, "cy", emu(cy)) || xw_end(w) || xw_end(w) ? -1 : 0;
}

static int solid_fill(struct xw *w, const char *rgb)
{
	return xw_start(w, "a:solidFill") || xw_start(w, "a:srgbClr") ||
	       xw_attr(w, "val", rgb) || xw_end(w) || xw_end(w) ? -1 : 0;
}

static int outline(struct xw *w, double width_pt, const char *rgb, bool dashed)
{
	return xw_start(w, "a:ln") || xw_attr_int(w, "w", emu(width_pt)) ||
	       solid_fill(w, rgb) ||
	       (dashed && (xw_start(w, "a:prstDash") || xw_attr(w, "val", "dash") || xw_end(w))) ||
	       xw_end(w) ? -1 : 0;
}

static int geometry(struct xw *w, const char *prst)
{
	return xw_start(w, "a:prstGeom") || xw_attr(w, "prst", prst) ||
	       xw_empty(w, "a:avLst") || xw_end(w) ? -1 : 0;
}

/* <wps:cNvPr id name/>: ids are unique in the document. */
static int shape_name(struct xw *w, long *id, const char *kind, size_t n)
{
	char name[64];

	snprintf(name, sizeof(name), "%s %zu", kind, n);
	return xw_start(w, "wps:cNvPr") || xw_attr_int(w, "id", (*id)++) ||
	       xw_attr(w, "name", name) || xw_end(w) ? -1 : 0;
}

/* One line of a text box: a paragraph with no spacing, in the chart's
 * face (the documents' heading face: sans serif). */
static int text_para(const struct docx *x, struct xw *w,
		     const struct layout_text *t, const char *jc)
{
	long half_points = (long)(t->size * 2 + 0.5);

	return xw_start(w, "w:p") || xw_start(w, "w:pPr") ||
	       xw_start(w, "w:spacing") || xw_attr(w, "w:before", "0") ||
	       xw_attr(w, "w:after", "0") ||
	       xw_attr_int(w, "w:line", (long)(t->size * 1.25 * 20 + 0.5)) ||
	       xw_attr(w, "w:lineRule", "exact") || xw_end(w) ||
	       xw_start(w, "w:ind") || xw_attr(w, "w:left", "0") ||
	       xw_attr(w, "w:right", "0") || xw_attr(w, "w:firstLine", "0") || xw_end(w) ||
	       xw_val(w, "w:jc", jc) || xw_end(w) ||
	       xw_start(w, "w:r") || xw_start(w, "w:rPr") ||
	       xw_start(w, "w:rFonts") || xw_attr(w, "w:ascii", x->fonts->heading) ||
	       xw_attr(w, "w:hAnsi", x->fonts->heading) ||
	       xw_attr(w, "w:eastAsia", x->fonts->heading_ea) || xw_end(w) ||
	       (t->bold && xw_empty(w, "w:b")) ||
	       xw_val_int(w, "w:sz", half_points) || xw_val_int(w, "w:szCs", half_points) ||
	       xw_end(w) || xw_element_text(w, "w:t", t->text) || xw_end(w) ||
	       xw_end(w) ? -1 : 0;
}

/* bodyPr of a text box: insets left_pt at the sides and top_pt at the
 * top, text centred (anchor "ctr") or at the top; no autofit, so the box
 * keeps the layout's size. */
static int body_props(struct xw *w, const char *anchor, double left_pt,
		      double top_pt)
{
	return xw_start(w, "wps:bodyPr") || xw_attr(w, "rot", "0") ||
	       xw_attr(w, "vert", "horz") || xw_attr(w, "wrap", "square") ||
	       xw_attr_int(w, "lIns", emu(left_pt)) || xw_attr_int(w, "tIns", emu(top_pt)) ||
	       xw_attr_int(w, "rIns", emu(left_pt)) || xw_attr(w, "bIns", "0") ||
	       xw_attr(w, "anchor", anchor) || xw_attr(w, "anchorCtr", "0") ||
	       xw_empty(w, "a:noAutofit") || xw_end(w) ? -1 : 0;
}

static int box_shape(const struct docx *x, struct xw *w,
		     const struct layout_box *bx, long *id, size_t n)
{
	size_t i;

	if (xw_start(w, "wps:wsp") || shape_name(w, id, "Box", n) ||
	    xw_start(w, "wps:cNvSpPr") || xw_end(w) ||
	    xw_start(w, "wps:spPr") || xfrm(w, bx->x, bx->y, bx->w, bx->h) ||
	    geometry(w, "rect") ||
	    solid_fill(w, bx->apart ? APART_FILL : BOX_FILL) ||
	    outline(w, bx->apart ? 0.75 : 1, bx->apart ? APART_LINE : BOX_LINE, false) ||
	    xw_end(w) ||
	    xw_start(w, "wps:txbx") || xw_start(w, "w:txbxContent"))
		return -1;
	for (i = 0; i < bx->nlines; i++)
		if (text_para(x, w, &bx->lines[i], "center"))
			return -1;
	return xw_end(w) || xw_end(w) || body_props(w, "ctr", 2, 0) || xw_end(w) ? -1 : 0;
}

static int frame_shape(const struct docx *x, struct xw *w,
		       const struct layout_frame *f, long *id, size_t n)
{
	double inset = f->caption.x - f->x;
	/* The caption's top: its baseline less the face's ascent (~0.9 em). */
	double top = f->caption.y - 0.9 * f->caption.size - f->y;

	return xw_start(w, "wps:wsp") || shape_name(w, id, "Group frame", n) ||
	       xw_start(w, "wps:cNvSpPr") || xw_end(w) ||
	       xw_start(w, "wps:spPr") || xfrm(w, f->x, f->y, f->w, f->h) ||
	       geometry(w, "rect") || xw_empty(w, "a:noFill") ||
	       outline(w, 0.75, APART_LINE, true) || xw_end(w) ||
	       xw_start(w, "wps:txbx") || xw_start(w, "w:txbxContent") ||
	       text_para(x, w, &f->caption, "left") || xw_end(w) || xw_end(w) ||
	       body_props(w, "t", inset > 0 ? inset : 0, top > 0 ? top : 0) || xw_end(w) ? -1 : 0;
}

/* A connector: a straight line shape, horizontal or vertical. */
static int line_shape(struct xw *w, const struct layout_line *l, long *id,
		      size_t n)
{
	double x0 = l->x1 < l->x2 ? l->x1 : l->x2, y0 = l->y1 < l->y2 ? l->y1 : l->y2;
	double cx = l->x1 < l->x2 ? l->x2 - l->x1 : l->x1 - l->x2;
	double cy = l->y1 < l->y2 ? l->y2 - l->y1 : l->y1 - l->y2;

	return xw_start(w, "wps:wsp") || shape_name(w, id, "Line", n) ||
	       xw_start(w, "wps:cNvCnPr") || xw_end(w) ||
	       xw_start(w, "wps:spPr") || xfrm(w, x0, y0, cx, cy) ||
	       geometry(w, "line") || outline(w, 1, EDGE_LINE, false) || xw_end(w) ||
	       xw_start(w, "wps:bodyPr") || xw_end(w) || xw_end(w) ? -1 : 0;
}

static int group(const struct docx *x, struct xw *w,
		 const struct layout_figure *f, long *id)
{
	size_t i;

	if (xw_start(w, "wpg:wgp") || xw_attr(w, "xmlns:wpg", NS_WPG) ||
	    xw_attr(w, "xmlns:wps", NS_WPS) ||
	    xw_start(w, "wpg:cNvGrpSpPr") || xw_end(w) ||
	    xw_start(w, "wpg:grpSpPr") || xw_start(w, "a:xfrm") ||
	    xw_start(w, "a:off") || xw_attr(w, "x", "0") || xw_attr(w, "y", "0") || xw_end(w) ||
	    xw_start(w, "a:ext") || xw_attr_int(w, "cx", emu(f->w)) ||
	    xw_attr_int(w, "cy", emu(f->h)) || xw_end(w) ||
	    xw_start(w, "a:chOff") || xw_attr(w, "x", "0") || xw_attr(w, "y", "0") || xw_end(w) ||
	    xw_start(w, "a:chExt") || xw_attr_int(w, "cx", emu(f->w)) ||
	    xw_attr_int(w, "cy", emu(f->h)) || xw_end(w) || xw_end(w) || xw_end(w))
		return -1;
	for (i = 0; i < f->nframes; i++)
		if (frame_shape(x, w, &f->frames[i], id, i + 1))
			return -1;
	for (i = 0; i < f->nlines; i++)
		if (line_shape(w, &f->lines[i], id, i + 1))
			return -1;
	for (i = 0; i < f->nboxes; i++)
		if (box_shape(x, w, &f->boxes[i], id, i + 1))
			return -1;
	return xw_end(w);
}

int docx_write_orgchart(const struct docx *x, struct xw *w,
			const struct doc_orgchart *chart, long *next_id)
{
	struct layout_chart *l;
	struct buf alt = BUF_INIT;
	double max_w = page_text_width(&x->page);
	double max_h = page_figure_height(&x->page);
	size_t i;
	int rc = -1;

	l = layout_orgchart(chart, max_w, max_h);
	if (!l)
		return -1;
	for (i = 0; i < l->nfigures; i++) {
		const struct layout_figure *f = &l->figures[i];
		const char *caption = f->caption;
		long id = (*next_id)++;
		size_t k;
		/* The text alternative: the boxes' titles, in order. */
		buf_reset(&alt);
		for (k = 0; k < f->nboxes; k++)
			if ((k && buf_puts(&alt, chart->separator) < 0) ||
			    buf_puts(&alt, chart->boxes[f->boxes[k].source].title) < 0)
				goto out;
		if (l->nfigures > 1 &&
		    (xw_start(w, "w:p") || xw_start(w, "w:pPr") || xw_val(w, "w:pStyle", "Caption") ||
		     xw_empty(w, "w:keepNext") || xw_end(w) ||
		     xw_start(w, "w:r") || xw_element_text(w, "w:t", caption) || xw_end(w) ||
		     xw_end(w)))
			goto out;
		if (xw_start(w, "w:p") || xw_start(w, "w:pPr") || xw_val(w, "w:pStyle", "Figure") ||
		    xw_end(w) || xw_start(w, "w:r") || xw_start(w, "w:drawing") ||
		    xw_start(w, "wp:inline") || xw_attr(w, "xmlns:wp", NS_WP) ||
		    xw_attr(w, "distT", "0") || xw_attr(w, "distB", "0") ||
		    xw_attr(w, "distL", "0") || xw_attr(w, "distR", "0") ||
		    xw_start(w, "wp:extent") || xw_attr_int(w, "cx", emu(f->w)) ||
		    xw_attr_int(w, "cy", emu(f->h)) || xw_end(w) ||
		    xw_start(w, "wp:effectExtent") || xw_attr(w, "l", "0") || xw_attr(w, "t", "0") ||
		    xw_attr(w, "r", "0") || xw_attr(w, "b", "0") || xw_end(w) ||
		    xw_start(w, "wp:docPr") || xw_attr_int(w, "id", id) ||
		    xw_attr(w, "name", caption) || xw_attr(w, "descr", buf_str(&alt)) || xw_end(w) ||
		    xw_start(w, "wp:cNvGraphicFramePr") || xw_end(w) ||
		    xw_start(w, "a:graphic") || xw_attr(w, "xmlns:a", NS_A) ||
		    xw_start(w, "a:graphicData") ||
		    xw_attr(w, "uri", NS_WPG) ||
		    group(x, w, f, next_id) ||
		    xw_end(w) || xw_end(w) || xw_end(w) || xw_end(w) || xw_end(w) || xw_end(w))
			goto out;
	}
	rc = 0;
out:
	buf_free(&alt);
	layout_free(l);
	return rc;
}

/* ---- the timeline, as a shaded table ---- */

#define RULE_COLOR "C5CED9"

static int tl_border(struct xw *w, const char *side)
{
	return xw_start(w, side) || xw_attr(w, "w:val", "single") || xw_attr(w, "w:sz", "4") ||
	       xw_attr(w, "w:space", "0") || xw_attr(w, "w:color", RULE_COLOR) || xw_end(w) ? -1 : 0;
}

static int tl_cell(const struct docx *x, struct xw *w, long width, const char *text,
		   const char *fill, bool center, bool bold)
{
	struct layout_text t = { (char *)(text ? text : ""), 8, bold, 0, 0 };

	return xw_start(w, "w:tc") || xw_start(w, "w:tcPr") || xw_start(w, "w:tcW") ||
	       xw_attr_int(w, "w:w", width) || xw_attr(w, "w:type", "dxa") || xw_end(w) ||
	       (fill && (xw_start(w, "w:shd") || xw_attr(w, "w:val", "clear") ||
			 xw_attr(w, "w:color", "auto") || xw_attr(w, "w:fill", fill) || xw_end(w))) ||
	       xw_val(w, "w:vAlign", "center") || xw_end(w) ||
	       text_para(x, w, &t, center ? "center" : "left") || xw_end(w) ? -1 : 0;
}

int docx_write_timeline(const struct docx *x, struct xw *w, const struct doc_timeline *t)
{
	long label = x->text_w * 34 / 100;
	long col = t->nheads ? (x->text_w - label) / (long)t->nheads : 0;
	size_t i, k;

	if (xw_start(w, "w:tbl") || xw_start(w, "w:tblPr") ||
	    xw_start(w, "w:tblW") || xw_attr_int(w, "w:w", label + col * (long)t->nheads) ||
	    xw_attr(w, "w:type", "dxa") || xw_end(w) ||
	    xw_start(w, "w:tblBorders") || tl_border(w, "w:top") || tl_border(w, "w:left") ||
	    tl_border(w, "w:bottom") || tl_border(w, "w:right") || tl_border(w, "w:insideH") ||
	    tl_border(w, "w:insideV") || xw_end(w) ||
	    xw_start(w, "w:tblLayout") || xw_attr(w, "w:type", "fixed") || xw_end(w) ||
	    xw_start(w, "w:tblLook") || xw_attr(w, "w:val", "0020") || xw_attr(w, "w:firstRow", "1") ||
	    xw_attr(w, "w:lastRow", "0") || xw_attr(w, "w:firstColumn", "0") ||
	    xw_attr(w, "w:lastColumn", "0") || xw_attr(w, "w:noHBand", "1") ||
	    xw_attr(w, "w:noVBand", "1") || xw_end(w) || xw_end(w) ||
	    xw_start(w, "w:tblGrid") || xw_start(w, "w:gridCol") || xw_attr_int(w, "w:w", label) ||
	    xw_end(w))
		return -1;
	for (k = 0; k < t->nheads; k++)
		if (xw_start(w, "w:gridCol") || xw_attr_int(w, "w:w", col) || xw_end(w))
			return -1;
	if (xw_end(w) || xw_start(w, "w:tr") || xw_start(w, "w:trPr") ||
	    xw_empty(w, "w:cantSplit") || xw_empty(w, "w:tblHeader") || xw_end(w) ||
	    tl_cell(x, w, label, "", "DCE4EE", false, true))
		return -1;
	for (k = 0; k < t->nheads; k++)
		if (tl_cell(x, w, col, t->heads[k], "DCE4EE", true, true))
			return -1;
	if (xw_end(w))
		return -1;
	for (i = 0; i < t->nlanes; i++) {
		const struct doc_timeline_lane *l = &t->lanes[i];
		if (xw_start(w, "w:tr") || xw_start(w, "w:trPr") || xw_empty(w, "w:cantSplit") ||
		    xw_end(w) || tl_cell(x, w, label, l->label, NULL, false, false))
			return -1;
		for (k = 0; k < t->nheads; k++)
			if (tl_cell(x, w, col, "", l->on[k] ? BOX_LINE : NULL, true, false))
				return -1;
		if (xw_end(w))
			return -1;
	}
	return xw_end(w);
}
