/* render_svg.h - the organisation chart as inline SVG, for the HTML
 * renderer: the layout (layout.h) drawn as rectangles, lines and text. */
#ifndef SECPOLGEN_RENDER_SVG_H
#define SECPOLGEN_RENDER_SVG_H

#include "base/buf.h"
#include "doc/doc.h"

/* Appends one <figure> of inline SVG per figure of the chart, laid out to
 * max_w x max_h points, to out. 0 ok, -1 when out of memory. */
int svg_write_orgchart(struct buf *out, const struct doc_orgchart *chart,
		       double max_w, double max_h);

/* Appends a <figure> of inline SVG drawing timeline t max_w points wide:
 * a label column, a column for each head, a bar in each marked slot. 0 ok,
 * -1 when out of memory. */
int svg_write_timeline(struct buf *out, const struct doc_timeline *t, double max_w);

#endif
