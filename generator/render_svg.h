/* render_svg.h - the organisation chart as inline SVG, for the HTML
 * renderer: the layout (layout.h) drawn as rectangles, lines and text. */
#ifndef SECPOLGEN_RENDER_SVG_H
#define SECPOLGEN_RENDER_SVG_H

#include "buf.h"
#include "doc.h"

/* Appends one <figure> of inline SVG per figure of the chart, laid out to
 * max_w x max_h points, to out. 0 ok, -1 when out of memory. */
int svg_write_orgchart(struct buf *out, const struct doc_orgchart *chart,
		       double max_w, double max_h);

#endif
