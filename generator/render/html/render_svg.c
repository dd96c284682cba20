/* render_svg.c - the organisation chart as inline SVG (render_svg.h).
 * Coordinates are the layout's points; the picture scales to the column
 * on a screen and prints at its own size. Colours as docx_drawing.c. */
#include "render/html/render_svg.h"

#include <string.h>

#include "doc/layout.h"
#include "base/xmlutil.h"
#include "base/text.h"

static int put_text(struct buf *b, const struct layout_text *t, const char *anchor)
{
	if (buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"", t->x, t->y,
		       t->size) < 0 ||
	    (t->bold && buf_puts(b, " font-weight=\"700\"") < 0) ||
	    (anchor && buf_printf(b, " text-anchor=\"%s\"", anchor) < 0) ||
	    buf_putc(b, '>') < 0 || xmlutil_put_html(b, t->text) < 0)
		return -1;
	return buf_puts(b, "</text>\n");
}

static int put_figure(struct buf *b, const struct doc_orgchart *chart,
		      const struct layout_figure *f, size_t n, size_t count)
{
	size_t i, j;

	if (buf_puts(b, "<figure class=\"orgchart\">\n") < 0)
		return -1;
	if (count > 1 && (buf_puts(b, "<figcaption>") < 0 ||
			  xmlutil_put_html(b, f->caption) < 0 ||
			  buf_puts(b, "</figcaption>\n") < 0))
		return -1;
	if (buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.1f %.1f\" "
			  "style=\"max-width: %.1fpt\" role=\"img\" aria-labelledby=\"chart-%zu\">\n",
		       f->w, f->h, f->w, n) < 0 ||
	    buf_printf(b, "<title id=\"chart-%zu\">", n) < 0)
		return -1;
	for (i = 0; i < f->nboxes; i++)
		if ((i && xmlutil_put_html(b, chart->separator) < 0) ||
		    xmlutil_put_html(b, chart->boxes[f->boxes[i].source].title) < 0)
			return -1;
	if (buf_puts(b, "</title>\n") < 0)
		return -1;
	for (i = 0; i < f->nframes; i++) {
		const struct layout_frame *fr = &f->frames[i];
		if (buf_printf(b, "<rect class=\"apart\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
			       fr->x, fr->y, fr->w, fr->h) < 0 ||
		    buf_puts(b, "<g class=\"caption\">") < 0 ||
		    put_text(b, &fr->caption, NULL) < 0 || buf_puts(b, "</g>\n") < 0)
			return -1;
	}
	if (f->nlines && buf_puts(b, "<path class=\"edge\" d=\"") < 0)
		return -1;
	for (i = 0; i < f->nlines; i++) {
		const struct layout_line *l = &f->lines[i];
		if (buf_printf(b, "%sM%.1f %.1fL%.1f %.1f", i ? " " : "", l->x1, l->y1,
			       l->x2, l->y2) < 0)
			return -1;
	}
	if (f->nlines && buf_puts(b, "\"/>\n") < 0)
		return -1;
	for (i = 0; i < f->nboxes; i++) {
		const struct layout_box *bx = &f->boxes[i];
		if (buf_printf(b, "<g class=\"%s\">\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
			       bx->apart ? "box apart-box" : "box", bx->x, bx->y, bx->w, bx->h) < 0)
			return -1;
		for (j = 0; j < bx->nlines; j++)
			if (put_text(b, &bx->lines[j], "middle") < 0)
				return -1;
		if (buf_puts(b, "</g>\n") < 0)
			return -1;
	}
	return buf_puts(b, "</svg>\n</figure>\n");
}

/* How many bytes of s fit width at size (by layout.c's estimate): up to
 * the last space that fits in Latin text, else the last character. */
static size_t fitting(const char *s, double size, double width)
{
	size_t i = 0, last = 0, space = 0;
	char tmp[512];

	while (s[i]) {
		size_t j = i;
		text_utf8_next(s, &j);
		if (j >= sizeof(tmp))
			break;
		memcpy(tmp, s, j);
		tmp[j] = '\0';
		if (layout_text_width(tmp, size, false) > width)
			break;
		if (s[i] == ' ')
			space = i;
		last = i = j;
	}
	if (!s[i])
		return i;
	/* Latin text breaks at a space when there is one. */
	return space > 0 ? space : last ? last : i;
}

#define TL_LABEL_SHARE 0.34
#define TL_ROW 22.0
#define TL_HEAD 20.0
#define TL_SIZE 8.0

int svg_write_timeline(struct buf *b, const struct doc_timeline *t, double max_w)
{
	double label_w = max_w * TL_LABEL_SHARE;
	double col = t->nheads ? (max_w - label_w) / (double)t->nheads : 0;
	double h = TL_HEAD + TL_ROW * (double)t->nlanes;
	size_t i, k;

	if (buf_printf(b, "<figure class=\"timeline\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
			  "viewBox=\"0 0 %.1f %.1f\" style=\"max-width: %.1fpt\" role=\"img\">\n",
		       max_w, h, max_w) < 0)
		return -1;
	for (k = 0; k < t->nheads; k++)
		if (buf_printf(b, "<rect class=\"%s\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%.1f\"/>\n",
			       k % 2 ? "band odd" : "band", label_w + col * (double)k, col, h) < 0 ||
		    buf_printf(b, "<text class=\"head\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" "
				  "text-anchor=\"middle\">", label_w + col * ((double)k + 0.5),
			       TL_HEAD - 6, TL_SIZE) < 0 ||
		    xmlutil_put_html(b, t->heads[k]) < 0 || buf_puts(b, "</text>\n") < 0)
			return -1;
	for (i = 0; i < t->nlanes; i++) {
		const struct doc_timeline_lane *l = &t->lanes[i];
		double y = TL_HEAD + TL_ROW * (double)i;
		const char *s = l->label;
		size_t n = fitting(s, TL_SIZE, label_w - 6), line;
		if (buf_printf(b, "<line class=\"rule\" x1=\"0\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			       y, max_w, y) < 0)
			return -1;
		/* One line, or two with the second cut to fit. */
		for (line = 0; line < 2 && *s; line++) {
			double base = s[n] && line == 0 ? y + 9.5 : line ? y + 18.5 : y + 14.5;
			if (buf_printf(b, "<text x=\"2\" y=\"%.1f\" font-size=\"%.1f\">", base,
				       TL_SIZE) < 0 ||
			    xmlutil_put_html_n(b, s, n) < 0 || buf_puts(b, "</text>\n") < 0)
				return -1;
			s += n;
			while (*s == ' ')
				s++;
			n = fitting(s, TL_SIZE, label_w - 6);
		}
		for (k = 0; k < t->nheads; k++)
			if (l->on[k] &&
			    buf_printf(b, "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
					  "height=\"%.1f\" rx=\"2\"/>\n",
				       label_w + col * (double)k + 2, y + 5, col - 4, TL_ROW - 10) < 0)
				return -1;
	}
	return buf_puts(b, "</svg>\n</figure>\n");
}

int svg_write_orgchart(struct buf *out, const struct doc_orgchart *chart,
		       double max_w, double max_h)
{
	struct layout_chart *l = layout_orgchart(chart, max_w, max_h);
	size_t i;
	int rc = 0;

	if (!l)
		return -1;
	for (i = 0; i < l->nfigures && rc == 0; i++)
		rc = put_figure(out, chart, &l->figures[i], i + 1, l->nfigures);
	layout_free(l);
	return rc;
}
