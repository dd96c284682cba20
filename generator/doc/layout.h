/* layout.h - where the boxes and lines of an organisation chart go,
 * computed once so that the HTML (SVG) and DOCX (DrawingML) renderers draw
 * the same picture.
 *
 * Units are points (1/72 inch); x grows to the right and y downwards, with
 * (0, 0) the top-left corner of a figure. Text is measured by estimate
 * (wide characters 1 em, Latin by character class, on the generous side)
 * and broken into lines here, so both renderers show the same lines.
 *
 * The tree (boxes with a parent, and the roots) is drawn top-down: a box's
 * children sit side by side under it, joined by a bus line, when they fit
 * the width; otherwise they wrap into rows hanging from a trunk at the
 * parent's left. Boxes of the groups drawn apart (suppliers, external
 * parties) go below the tree, each group in a captioned dashed frame, with
 * no lines to the tree. A chart taller than the page is split: the first
 * figure keeps the top levels, and each box whose subtree is cut says so
 * (doc_orgchart.continued, its "{n}" the 1-based index of the figure in
 * layout_chart.figures) and heads a figure of its own; a repeated box
 * whose children are split over figures is marked so again. Several roots
 * that do not fit one figure go on in later figures without a continued
 * line. No two boxes, and no box and line, overlap; lines meet boxes only
 * at their edges.
 *
 * Text: layout_text.y is the baseline; x is the centre of a box's line
 * and the left edge of a frame's caption. A box's text fits its width
 * less 5 pt on each side. Blank titles and lines give no text, so a box
 * may have no lines. An empty chart gives no figures (not NULL). A page
 * smaller than 100 x 60 pt is taken as that size. */
#ifndef SECPOLGEN_LAYOUT_H
#define SECPOLGEN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"

/* One line of text in a box, already broken to fit. */
struct layout_text {
	char *text;     /* UTF-8, owned */
	double size;    /* font size, pt */
	bool bold;
	double x;       /* centre of the line, relative to the figure */
	double y;       /* baseline, relative to the figure */
};

struct layout_box {
	double x, y, w, h;  /* the box's rectangle */
	long source;        /* index into doc_orgchart.boxes */
	bool apart;         /* a box of a group drawn apart */
	bool continued;     /* its subtree goes on in another figure */
	struct layout_text *lines; /* title first */
	size_t nlines;
};

/* A straight line, horizontal or vertical. */
struct layout_line {
	double x1, y1, x2, y2;
};

/* The dashed frame around a group drawn apart, its caption inside at the
 * top-left. */
struct layout_frame {
	double x, y, w, h;
	struct layout_text caption; /* x is the caption's left edge here */
};

struct layout_figure {
	char *caption;      /* doc_orgchart.figure with its number ("図2");
			     * shown when there are several figures */
	double w, h;        /* size of the picture */
	struct layout_box *boxes;
	size_t nboxes;
	struct layout_line *lines;
	size_t nlines;
	struct layout_frame *frames;
	size_t nframes;
};

struct layout_chart {
	struct layout_figure *figures; /* one, or more when split */
	size_t nfigures;
};

/* Lays out chart to fit max_w x max_h points (the page's text area).
 * Returns a new layout (caller frees with layout_free), or NULL when out
 * of memory. A chart of any size and shape gets a layout; a box's text
 * too long for one line is broken, and a box never wider than the page. */
struct layout_chart *layout_orgchart(const struct doc_orgchart *chart,
				     double max_w, double max_h);

void layout_free(struct layout_chart *l);

/* The estimated width in points of s at size pt (bold when set). */
double layout_text_width(const char *s, double size, bool bold);

#endif
