/* layout.c - the geometry of an organisation chart: boxes sized to their
 * text, the tree top-down (side by side, or rows hanging from a trunk when
 * too wide), split into figures when too tall, then the groups drawn apart
 * in dashed frames below.
 *
 * Each figure is chosen by trials: a trial measures the figure's tree cut
 * at one depth (and, for the head's children, at one count), and the
 * deepest cut that fits the page wins. A subtree's size at an indent level
 * is memoised for the trial, so a trial costs one walk of the figure. */
#include "doc/layout.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/text.h"

#define TITLE_SIZE 9.0
#define LINE_SIZE 8.0
#define CAPTION_SIZE 8.0
#define LEADING 1.25   /* line height, in font sizes */
#define REGULAR 1.02   /* margins on the estimated width of Latin text */
#define BOLD 1.04
#define PAD 5.0        /* inside a box, around its text */
#define TEXT_MAX 120.0 /* the widest line of text in a box */
#define BOX_MIN_W 72.0
#define GAP_X 12.0     /* between blocks side by side */
#define GAP_Y 24.0     /* between a box and its children */
#define TRUNK_X 8.0    /* a trunk, right of its parent's left edge */
#define INDENT 20.0    /* hanging children, right of the parent's left edge */
#define FRAME_PAD 8.0  /* inside a dashed frame */
#define CAPTION_GAP 4.0
#define ROW_GAP 12.0   /* between rows of boxes in a frame */
#define APART_GAP 30.0 /* between the tree and the frames */
#define MIN_W 100.0    /* a smaller page is taken as this wide */
#define MIN_H 60.0
#define MAX_SIDE 1e6
#define MAX_INDENTS 64
#define WHOLE INT_MAX  /* a cut below every box */

/* One figure to make: a box heading it with its children from `from` on,
 * or (head -1) the roots from `from` on. */
struct plan {
	long head;
	size_t from;
};

/* A box's subtree at one indent level, as one trial measured it. */
struct sub {
	unsigned long gen;  /* the trial */
	double bw, bh;      /* the box: width, height for its text */
	double w, below;    /* the block: width, height under the box */
	double bx, kx;      /* left edges in the block: box, children side by side */
	bool hang;          /* children in rows hanging from a trunk */
	bool shown;         /* its children are in this figure */
	bool cont;          /* the box says where its subtree goes on */
	bool sized[2];      /* box size known, without and with that line */
	double sw[2], sh[2];
};

struct ctx {
	const struct doc_orgchart *chart;
	double max_w, max_h;
	long *parent;        /* checked: -1 for a root or a box drawn apart */
	bool *apart;
	size_t *kid0;        /* v's children: kids[kid0[v] .. kid0[v + 1]) */
	long *kids;
	long *roots;
	size_t nroots;
	char *probe;         /* the continued line with the widest number */
	int kmax;            /* indent levels the width allows */
	struct sub *memo;    /* nboxes x (kmax + 1) */
	unsigned long gen;
	long head;           /* the figure being made: its head or -1, */
	size_t from, to;     /* the head's children (or roots) it shows, */
	int cut;             /* the depth whose children go on elsewhere */
	bool deeper;         /* the trial cut a box by depth */
	struct plan *plans;  /* figure i + 1 is plans[i] (the tree's) */
	size_t nplans, plans_cap;
	struct layout_chart *out;
	size_t figs_cap, boxes_cap, lines_cap, frames_cap;
};

/* The build links no libm: min, max and rounding to half points here. */
static double dmin(double a, double b)
{
	return a < b ? a : b;
}

static double dmax(double a, double b)
{
	return a > b ? a : b;
}

static double half_up(double v)
{
	long i = (long)(v * 2);

	return (i < v * 2 ? i + 1 : i) / 2.0;
}

static double half_round(double v)
{
	long i = (long)(v * 2 + 0.5);

	return (i > v * 2 + 0.5 ? i - 1 : i) / 2.0;
}

/* Em widths of printable ASCII: the widest of Liberation Sans (Arial's
 * metrics) and Noto Sans CJK JP's Latin, regular and bold, as Chromium
 * measures them, rounded up. */
static const struct {
	const char *chars;
	double em;
} latin_em[] = {
	{ " ij|", 0.3 },
	{ "',.Il:;", 0.34 },
	{ "!-f()[]{}/\\t", 0.4 },
	{ "r", 0.44 },
	{ "*z", 0.5 },
	{ "Jcs\"_evxy", 0.56 },
	{ "#$+0123456789<=>^a~?FLZgk", 0.6 },
	{ "T`bdhnopqu", 0.62 },
	{ "ABEKPSVXY", 0.7 },
	{ "&CDHNRU", 0.74 },
	{ "GOQ", 0.78 },
	{ "Mw", 0.84 },
	{ "%Wm", 0.94 },
	{ "@", 1.0 },
};

/* Wide characters are one em in both weights of the CJK fonts; the rest
 * gets a margin, more for bold. */
static double char_em(uint32_t c, bool bold)
{
	double margin = bold ? BOLD : REGULAR;
	size_t i;

	if (text_is_wide(c))
		return 1.0;
	if (c < 0x20 || c >= 0x7F)
		return (c >= 0x2000 && c < 0x2C00 ? 1.0 : 0.8) * margin;
	for (i = 0; i < sizeof(latin_em) / sizeof(latin_em[0]); i++)
		if (strchr(latin_em[i].chars, (int)c))
			return latin_em[i].em * margin;
	return 0.62 * margin;
}

/* Summed as line_next sums, so that a line it found to fit does. */
static double range_width(const char *s, size_t i, size_t end, double size,
			  bool bold)
{
	double w = 0;

	while (i < end && s[i])
		w += char_em(text_utf8_next(s, &i), bold) * size;
	return w;
}

double layout_text_width(const char *s, double size, bool bold)
{
	return s ? range_width(s, 0, strlen(s), size, bold) : 0;
}

/* The next line of s from *pos, [*start, *end), at most maxw wide: broken
 * at the last place the text allows, else (a word wider than maxw) between
 * characters. *pos moves past it; false when only spaces are left. */
static bool line_next(const char *s, size_t *pos, size_t *start, size_t *end,
		      double maxw, double size, bool bold)
{
	double w = 0;
	size_t i = *pos, brk = 0, last = 0;
	uint32_t prev = 0, ch = 0;

	while (s[i] && text_is_space((unsigned char)s[i]))
		i++;
	if (!s[i])
		return false;
	*start = i;
	while (s[i]) {
		size_t j = i;

		ch = text_utf8_next(s, &j);
		if (i > *start && text_may_break(prev, ch))
			brk = i;
		if (i > *start && !text_is_space((int)ch) &&
		    w + char_em(ch, bold) * size > maxw)
			break;
		w += char_em(ch, bold) * size;
		prev = ch;
		last = i;
		i = j;
	}
	if (s[i] && brk)
		i = brk;
	else if (s[i] && last > *start && text_kinsoku(prev, ch))
		i = last; /* even a forced break keeps 。 off a line's start */
	*pos = i;
	while (i > *start && text_is_space((unsigned char)s[i - 1]))
		i--;
	*end = i;
	return true;
}

/* The widest line of s broken to maxw, and the height of its lines. */
static void text_measure(const char *s, double size, bool bold, double maxw,
			 double *widest, double *height)
{
	size_t pos = 0, a, b;

	while (s && line_next(s, &pos, &a, &b, maxw, size, bold)) {
		*widest = dmax(*widest, range_width(s, a, b, size, bold));
		*height += size * LEADING;
	}
}

static double text_max(double avail)
{
	return dmin(TEXT_MAX, avail - 2 * PAD);
}

static void box_size(const struct ctx *c, long v, bool cont, double avail,
		     double *w, double *h)
{
	const struct doc_chart_box *b = &c->chart->boxes[v];
	double tw = text_max(avail), widest = 0, height = 0;
	size_t i;

	text_measure(b->title, TITLE_SIZE, true, tw, &widest, &height);
	for (i = 0; i < b->nlines; i++)
		text_measure(b->lines[i], LINE_SIZE, false, tw, &widest, &height);
	if (cont)
		text_measure(c->probe, LINE_SIZE, false, tw, &widest, &height);
	*w = dmin(avail, dmax(BOX_MIN_W, half_up(widest + 2 * PAD)));
	*h = half_up(dmax(height, TITLE_SIZE * LEADING) + 2 * PAD);
}

/* Appends s, broken to maxw, to b's text lines, centred in b. */
static int box_text(struct layout_box *b, size_t *cap, const char *s,
		    double size, bool bold, double maxw)
{
	size_t pos = 0, start, end;

	while (s && line_next(s, &pos, &start, &end, maxw, size, bold)) {
		struct layout_text *t = array_grow(b->lines, cap, b->nlines,
						   sizeof(*t));

		if (!t)
			return -1;
		b->lines = t;
		t = &b->lines[b->nlines];
		if (!(t->text = malloc(end - start + 1)))
			return -1;
		memcpy(t->text, s + start, end - start);
		t->text[end - start] = '\0';
		t->size = size;
		t->bold = bold;
		t->x = b->x + b->w / 2;
		b->nlines++;
	}
	return 0;
}

/* tmpl with each "{n}" replaced by n (caller frees); NULL on OOM. */
static char *continued_text(const char *tmpl, size_t n)
{
	struct buf b = BUF_INIT;
	const char *p;

	if (buf_puts(&b, "") < 0)
		return NULL;
	while ((p = strstr(tmpl, "{n}"))) {
		if (buf_put(&b, tmpl, (size_t)(p - tmpl)) < 0 ||
		    buf_printf(&b, "%zu", n) < 0)
			return NULL;
		tmpl = p + 3;
	}
	return buf_puts(&b, tmpl) < 0 ? NULL : buf_detach(&b, NULL);
}

static struct layout_figure *figure_new(struct ctx *c)
{
	struct layout_chart *o = c->out;
	struct layout_figure *f = array_grow(o->figures, &c->figs_cap,
					     o->nfigures, sizeof(*f));

	if (!f)
		return NULL;
	o->figures = f;
	f = &o->figures[o->nfigures++];
	memset(f, 0, sizeof(*f));
	c->boxes_cap = c->lines_cap = c->frames_cap = 0;
	return f;
}

static struct layout_figure *figure_last(struct ctx *c)
{
	return &c->out->figures[c->out->nfigures - 1];
}

/* Figure number of the new plan, or 0 on OOM. */
static size_t plan_push(struct ctx *c, long head, size_t from)
{
	struct plan *p = array_grow(c->plans, &c->plans_cap, c->nplans,
				    sizeof(*p));

	if (!p)
		return 0;
	c->plans = p;
	c->plans[c->nplans].head = head;
	c->plans[c->nplans].from = from;
	return ++c->nplans;
}

/* A box of the current figure at (x, y), w x h, its text broken as box_size
 * broke it for avail (no wider than the box: the continued line's number
 * may be shorter than the one it was sized with). A box whose subtree goes
 * on names the new figure. */
static int box_add(struct ctx *c, long v, bool cont, bool apart, double avail,
		   double x, double y, double w, double h)
{
	const struct doc_chart_box *src = &c->chart->boxes[v];
	struct layout_figure *f = figure_last(c);
	struct layout_box *b = array_grow(f->boxes, &c->boxes_cap, f->nboxes,
					  sizeof(*b));
	char *more = NULL;
	size_t cap = 0, i, number;
	double tw = dmin(text_max(avail), w - 2 * PAD), top;
	int rc = -1;

	if (!b)
		return -1;
	f->boxes = b;
	b = &f->boxes[f->nboxes++];
	*b = (struct layout_box){ .x = x, .y = y, .w = w, .h = h, .source = v,
				  .apart = apart, .continued = cont };
	if (cont) {
		number = plan_push(c, v, v == c->head ? c->to : 0);
		if (!number || !(more = continued_text(c->chart->continued ?
							c->chart->continued : "",
							number)))
			goto out;
	}
	if (box_text(b, &cap, src->title, TITLE_SIZE, true, tw) < 0)
		goto out;
	for (i = 0; i < src->nlines; i++)
		if (box_text(b, &cap, src->lines[i], LINE_SIZE, false, tw) < 0)
			goto out;
	if (box_text(b, &cap, more, LINE_SIZE, false, tw) < 0)
		goto out;
	top = 0;
	for (i = 0; i < b->nlines; i++)
		top += b->lines[i].size * LEADING;
	top = y + (h - top) / 2;
	for (i = 0; i < b->nlines; i++) {
		b->lines[i].y = top + b->lines[i].size;
		top += b->lines[i].size * LEADING;
	}
	rc = 0;
out:
	free(more);
	return rc;
}

static int line_add(struct ctx *c, double x1, double y1, double x2, double y2)
{
	struct layout_figure *f = figure_last(c);
	struct layout_line *l;

	if (x1 == x2 && y1 == y2)
		return 0;
	if (!(l = array_grow(f->lines, &c->lines_cap, f->nlines, sizeof(*l))))
		return -1;
	f->lines = l;
	f->lines[f->nlines++] = (struct layout_line){ x1, y1, x2, y2 };
	return 0;
}

static size_t nkids(const struct ctx *c, long v)
{
	return c->kid0[v + 1] - c->kid0[v];
}

static double avail(const struct ctx *c, int k)
{
	return c->max_w - k * INDENT;
}

/* v's children this trial may show: a range of the head's, none at the
 * depth cut, else all. */
static void shown_kids(struct ctx *c, long v, int depth, const long **list,
		       size_t *n)
{
	size_t lo = c->kid0[v], hi = c->kid0[v + 1];

	if (v == c->head) {
		hi = lo + c->to;
		lo += c->from;
	} else if (depth >= c->cut) {
		c->deeper |= lo < hi;
		hi = lo;
	}
	*list = c->kids + lo;
	*n = hi - lo;
}

static const struct sub *measure(struct ctx *c, long v, int depth, int k);

/* The end of the row of blocks from list[i] that fits width (at least one). */
static size_t row_end(struct ctx *c, const long *list, size_t i, size_t n,
		      int depth, int k, double width)
{
	double x = measure(c, list[i], depth, k)->w;

	for (i++; i < n; i++) {
		double w = measure(c, list[i], depth, k)->w;

		if (x + GAP_X + w > width)
			break;
		x += GAP_X + w;
	}
	return i;
}

/* A row of blocks list[i..end): its width, its boxes' (equal) height, and
 * its height with what hangs below. */
static void row_size(struct ctx *c, const long *list, size_t i, size_t end,
		     int depth, int k, double *w, double *head, double *h)
{
	size_t j;

	*w = *head = *h = 0;
	for (j = i; j < end; j++) {
		const struct sub *s = measure(c, list[j], depth, k);

		*w += s->w + (j > i ? GAP_X : 0);
		*head = dmax(*head, s->bh);
	}
	for (j = i; j < end; j++)
		*h = dmax(*h, *head + measure(c, list[j], depth, k)->below);
}

static const struct sub *measure(struct ctx *c, long v, int depth, int k)
{
	struct sub *s = &c->memo[(size_t)v * (size_t)(c->kmax + 1) + (size_t)k];
	const long *kids;
	double a = avail(c, k), sum = 0, w, head, h;
	size_t n, i, end;

	if (s->gen == c->gen)
		return s;
	shown_kids(c, v, depth, &kids, &n);
	for (i = 0; i < n; i++)
		sum += measure(c, kids[i], depth + 1, k)->w + (i ? GAP_X : 0);
	s->hang = sum > a && k < c->kmax;
	if (sum > a && !s->hang)
		n = 0; /* too many indents for the page: goes on elsewhere */
	s->shown = n > 0;
	s->cont = v == c->head ? c->to < nkids(c, v) : nkids(c, v) > 0 && n == 0;
	if (!s->sized[s->cont])
		box_size(c, v, s->cont, a, &s->sw[s->cont], &s->sh[s->cont]);
	s->sized[s->cont] = true;
	s->bw = s->sw[s->cont];
	s->bh = s->sh[s->cont];
	s->w = s->bw;
	s->below = s->bx = s->kx = 0;
	if (n > 0 && !s->hang) {
		const struct sub *first = measure(c, kids[0], depth + 1, k);
		const struct sub *lastk = measure(c, kids[n - 1], depth + 1, k);
		double c0, cn;

		row_size(c, kids, 0, n, depth + 1, k, &w, &head, &h);
		s->w = dmax(w, s->bw);
		s->kx = half_round((s->w - w) / 2);
		c0 = s->kx + first->bx + first->bw / 2;
		cn = s->kx + w - lastk->w + lastk->bx + lastk->bw / 2;
		s->bx = dmin(dmax(half_round((c0 + cn - s->bw) / 2), 0), s->w - s->bw);
		s->below = GAP_Y + h;
	} else if (n > 0) {
		for (i = 0; i < n; i = end) {
			end = row_end(c, kids, i, n, depth + 1, k + 1, a - INDENT);
			row_size(c, kids, i, end, depth + 1, k + 1, &w, &head, &h);
			s->w = dmax(s->w, INDENT + w);
			s->below += GAP_Y + h;
		}
	}
	s->gen = c->gen;
	return s;
}

/* Places v's subtree, as measured, with its block's top-left at (x, y)
 * and its box bh tall: boxes, and the lines to the children. */
static int place(struct ctx *c, long v, int depth, int k, double x, double y,
		 double bh)
{
	const struct sub *s = measure(c, v, depth, k);
	const long *kids;
	double a = avail(c, k), bottom = y + bh, px = x + s->bx + s->bw / 2;
	double w, head, h, bus = bottom + GAP_Y / 2, top = bottom + GAP_Y;
	double cx, lo = px, hi = px, kc;
	size_t n, i, j, end;

	if (box_add(c, v, s->cont, false, a, x + s->bx, y, s->bw, bh) < 0)
		return -1;
	if (!s->shown)
		return 0;
	shown_kids(c, v, depth, &kids, &n);
	if (!s->hang) {
		row_size(c, kids, 0, n, depth + 1, k, &w, &head, &h);
		for (cx = x + s->kx, i = 0; i < n; i++) {
			const struct sub *ks = measure(c, kids[i], depth + 1, k);

			kc = cx + ks->bx + ks->bw / 2;
			lo = dmin(lo, kc);
			hi = dmax(hi, kc);
			if (place(c, kids[i], depth + 1, k, cx, top, head) < 0)
				return -1;
			/* An only child under its parent's box: straight down. */
			if (n == 1 && kc >= x + s->bx + TRUNK_X &&
			    kc <= x + s->bx + s->bw - TRUNK_X)
				return line_add(c, kc, bottom, kc, top);
			if (line_add(c, kc, bus, kc, top) < 0)
				return -1;
			cx += ks->w + GAP_X;
		}
		if (line_add(c, px, bottom, px, bus) < 0 ||
		    line_add(c, lo, bus, hi, bus) < 0)
			return -1;
		return 0;
	}
	for (i = 0; i < n; i = end) {
		end = row_end(c, kids, i, n, depth + 1, k + 1, a - INDENT);
		row_size(c, kids, i, end, depth + 1, k + 1, &w, &head, &h);
		bus = bottom + GAP_Y / 2;
		top = bottom + GAP_Y;
		hi = x + TRUNK_X;
		for (cx = x + INDENT, j = i; j < end; j++) {
			const struct sub *ks = measure(c, kids[j], depth + 1, k + 1);

			kc = cx + ks->bx + ks->bw / 2;
			hi = dmax(hi, kc);
			if (line_add(c, kc, bus, kc, top) < 0 ||
			    place(c, kids[j], depth + 1, k + 1, cx, top, head) < 0)
				return -1;
			cx += ks->w + GAP_X;
		}
		if (line_add(c, x + TRUNK_X, bus, hi, bus) < 0)
			return -1;
		bottom = top + h;
	}
	return line_add(c, x + TRUNK_X, y + bh, x + TRUNK_X, bus);
}

/* Measures the figure showing the head's children (or roots) from..to,
 * cut at depth cut. */
static void trial(struct ctx *c, size_t to, int cut, double *w, double *h)
{
	double rw, head, rh;
	size_t i, end;

	c->to = to;
	c->cut = cut;
	c->gen++;
	c->deeper = false;
	if (c->head >= 0) {
		const struct sub *s = measure(c, c->head, 0, 0);

		*w = s->w;
		*h = s->bh + s->below;
		return;
	}
	*w = *h = 0;
	for (i = c->from; i < to; i = end) {
		end = row_end(c, c->roots, i, to, 0, 0, c->max_w);
		row_size(c, c->roots, i, end, 0, 0, &rw, &head, &rh);
		*w = dmax(*w, rw);
		*h += (i > c->from ? GAP_Y : 0) + rh;
	}
}

/* The deepest cut at which the head's figure fits the page, or -1. */
static int deepest_fit(struct ctx *c, size_t to)
{
	double w, h;
	int d, best = -1;

	for (d = 1;; d++) {
		trial(c, to, d, &w, &h);
		if (h > c->max_h)
			break;
		best = d;
		if (!c->deeper)
			break;
	}
	return best;
}

/* The most children (or roots) from `from` that fit the page at this cut,
 * at least one. */
static size_t widest_fit(struct ctx *c, size_t n, int cut)
{
	double w, h;
	size_t to, best = c->from + 1;

	for (to = best + 1; to <= n; to++) {
		trial(c, to, cut, &w, &h);
		if (h > c->max_h)
			break;
		best = to;
	}
	return best;
}

/* Makes the next figure from p. Roots go side by side whole, as many as
 * fit; a root too tall alone heads a figure of its own. A head shows its
 * subtree cut at the deepest level that fits, else as few children as fit
 * (at least one), the others in a figure after. */
static int figure_plan(struct ctx *c, struct plan p)
{
	double w, h, x, y = 0, rw, head, rh;
	size_t n, to, i, j, end;
	int d;

	c->head = -1;
	c->from = p.from;
	if (p.head < 0) {
		to = widest_fit(c, c->nroots, WHOLE);
		if (to < c->nroots && !plan_push(c, -1, to))
			return -1;
		if (to - p.from == 1)
			p = (struct plan){ c->roots[p.from], 0 };
	}
	if (p.head >= 0) {
		c->head = p.head;
		c->from = p.from;
		n = to = nkids(c, p.head);
		d = deepest_fit(c, n);
		if (d < 0 && n - p.from > 1) {
			to = widest_fit(c, n, 1);
			d = deepest_fit(c, to);
		}
		trial(c, to, d < 0 ? 1 : d, &w, &h);
	} else {
		trial(c, to, WHOLE, &w, &h);
	}
	if (!figure_new(c))
		return -1;
	figure_last(c)->w = w;
	figure_last(c)->h = h;
	if (c->head >= 0)
		return place(c, c->head, 0, 0, 0, 0, measure(c, c->head, 0, 0)->bh);
	for (i = c->from; i < to; i = end, y += rh + GAP_Y) {
		end = row_end(c, c->roots, i, to, 0, 0, c->max_w);
		row_size(c, c->roots, i, end, 0, 0, &rw, &head, &rh);
		for (x = 0, j = i; j < end; j++) {
			if (place(c, c->roots[j], 0, 0, x, y, head) < 0)
				return -1;
			x += measure(c, c->roots[j], 0, 0)->w + GAP_X;
		}
	}
	return 0;
}

/* The boxes of one group drawn apart, in rows: list[row[r] .. row[r + 1]). */
struct group {
	long *list;
	size_t n;
	size_t *row;
	size_t nrows;
	double *w, *h;  /* each box's size, by index into list */
	double capw;    /* the caption's width, at most the frame's inside */
};

static void frame_size(const struct group *g, size_t r0, size_t r1,
		       double *w, double *h)
{
	size_t r, i;

	*w = g->capw;
	*h = 2 * FRAME_PAD + CAPTION_SIZE * LEADING + CAPTION_GAP - ROW_GAP;
	for (r = r0; r < r1; r++) {
		double rw = 0, rh = 0;

		for (i = g->row[r]; i < g->row[r + 1]; i++) {
			rw += g->w[i] + (i > g->row[r] ? GAP_X : 0);
			rh = dmax(rh, g->h[i]);
		}
		*w = dmax(*w, rw);
		*h += rh + ROW_GAP;
	}
	*w += 2 * FRAME_PAD;
}

/* The caption, cut to width with an ellipsis (caller frees); NULL on OOM. */
static char *caption_clip(const char *s, double width)
{
	struct buf b = BUF_INIT;
	double w = 0;
	size_t i = 0, j;

	if (layout_text_width(s, CAPTION_SIZE, true) <= width)
		return strdup(s);
	width -= layout_text_width("\xE2\x80\xA6", CAPTION_SIZE, true);
	for (j = 0; s[i]; i = j) {
		w += char_em(text_utf8_next(s, &j), true) * CAPTION_SIZE;
		if (w > width)
			break;
	}
	if (buf_put(&b, s, i) < 0 || buf_puts(&b, "\xE2\x80\xA6") < 0)
		return NULL;
	return buf_detach(&b, NULL);
}

static int frame_add(struct ctx *c, const struct group *g, const char *caption,
		     size_t r0, size_t r1, double x, double y)
{
	struct layout_figure *f = figure_last(c);
	struct layout_frame *fr = array_grow(f->frames, &c->frames_cap,
					     f->nframes, sizeof(*fr));
	double w, h, by = y + FRAME_PAD + CAPTION_SIZE * LEADING + CAPTION_GAP;
	double inner = c->max_w - 2 * FRAME_PAD, bx, rh;
	size_t r, i;

	if (!fr)
		return -1;
	f->frames = fr;
	frame_size(g, r0, r1, &w, &h);
	fr = &f->frames[f->nframes];
	*fr = (struct layout_frame){ .x = x, .y = y, .w = w, .h = h };
	fr->caption = (struct layout_text){ .size = CAPTION_SIZE, .bold = true,
		.x = x + FRAME_PAD, .y = y + FRAME_PAD + CAPTION_SIZE };
	if (!(fr->caption.text = caption_clip(caption ? caption : "", inner)))
		return -1;
	f->nframes++;
	f->w = dmax(f->w, x + w);
	f->h = dmax(f->h, y + h);
	for (r = r0; r < r1; r++, by += rh + ROW_GAP) {
		for (rh = 0, i = g->row[r]; i < g->row[r + 1]; i++)
			rh = dmax(rh, g->h[i]);
		for (bx = x + FRAME_PAD, i = g->row[r]; i < g->row[r + 1]; i++) {
			if (box_add(c, g->list[i], false, true, inner, bx, by,
				    g->w[i], rh) < 0)
				return -1;
			bx += g->w[i] + GAP_X;
		}
	}
	return 0;
}

/* Group gi's boxes, sizes and rows into g. */
static void group_fill(const struct ctx *c, size_t gi, struct group *g)
{
	double inner = c->max_w - 2 * FRAME_PAD, x = 0;
	size_t v;

	g->n = g->nrows = 0;
	for (v = 0; v < c->chart->nboxes; v++) {
		if (!c->apart[v] || (size_t)c->chart->boxes[v].group != gi)
			continue;
		g->list[g->n] = (long)v;
		box_size(c, (long)v, false, inner, &g->w[g->n], &g->h[g->n]);
		if (g->n == 0 || x + GAP_X + g->w[g->n] > inner) {
			g->row[g->nrows++] = g->n;
			x = g->w[g->n];
		} else {
			x += GAP_X + g->w[g->n];
		}
		g->n++;
	}
	g->row[g->nrows] = g->n;
	g->capw = dmin(inner, layout_text_width(c->chart->groups[gi],
						 CAPTION_SIZE, true));
}

/* The frames from y on in the last figure: side by side while they fit
 * the width, else below; a frame too tall for what is left of the page
 * goes to a new one, or is cut between rows when too tall for any. With
 * dry set, nothing is added: *fits says whether all fit without a new
 * figure. */
static int apart_run(struct ctx *c, struct group *g, double y, bool dry,
		     bool *fits)
{
	double sx = 0, sh = 0, fw, fh;
	size_t gi, r, r1;

	*fits = true;
	for (gi = 0; gi < c->chart->ngroups; gi++) {
		group_fill(c, gi, g);
		for (r = 0; r < g->nrows; r = r1) {
			frame_size(g, r, g->nrows, &fw, &fh);
			if (r == 0 && sx > 0 && sx + GAP_X + fw <= c->max_w &&
			    y + fh <= c->max_h) {
				if (!dry && frame_add(c, g, c->chart->groups[gi], r,
						      g->nrows, sx + GAP_X, y) < 0)
					return -1;
				sx += GAP_X + fw;
				sh = dmax(sh, fh);
				r1 = g->nrows;
				continue;
			}
			if (sx > 0)
				y += sh + GAP_Y;
			for (r1 = g->nrows; r1 > r + 1; r1--) {
				frame_size(g, r, r1, &fw, &fh);
				if (y + fh <= c->max_h)
					break;
			}
			frame_size(g, r, r1, &fw, &fh);
			if (y > 0 && (r1 < g->nrows || y + fh > c->max_h)) {
				*fits = false;
				if (dry)
					return 0;
				if (!figure_new(c))
					return -1;
				y = sx = 0;
				r1 = r;
				continue;
			}
			if (!dry && frame_add(c, g, c->chart->groups[gi], r, r1, 0, y) < 0)
				return -1;
			sx = fw;
			sh = fh;
		}
	}
	return 0;
}

/* The groups drawn apart: under the tree's last figure when all fit there. */
static int apart_place(struct ctx *c)
{
	struct group g = { 0 };
	size_t n = c->chart->nboxes;
	double y = 0;
	bool fits = false, any = false;
	size_t v;
	int rc = -1;

	for (v = 0; v < n; v++)
		any |= c->apart[v];
	if (!any)
		return 0;
	g.list = calloc(n, sizeof(*g.list));
	g.row = calloc(n + 1, sizeof(*g.row));
	g.w = calloc(n, sizeof(*g.w));
	g.h = calloc(n, sizeof(*g.h));
	if (!g.list || !g.row || !g.w || !g.h)
		goto out;
	if (c->out->nfigures > 0) {
		y = figure_last(c)->h + APART_GAP;
		apart_run(c, &g, y, true, &fits);
	}
	if (!fits && !figure_new(c))
		goto out;
	rc = apart_run(c, &g, fits ? y : 0, false, &fits);
out:
	free(g.list);
	free(g.row);
	free(g.w);
	free(g.h);
	return rc;
}

/* Checks the chart's links: a parent out of range, drawn apart, or in a
 * loop makes the box a root. Children and roots in document order. */
static int ctx_init(struct ctx *c, const struct doc_orgchart *chart,
		    double max_w, double max_h)
{
	size_t n = chart->nboxes, v, steps, per;
	long p, u;

	c->chart = chart;
	c->max_w = max_w >= MIN_W ? dmin(max_w, MAX_SIDE) : MIN_W; /* or NaN */
	c->max_h = max_h >= MIN_H ? dmin(max_h, MAX_SIDE) : MIN_H;
	c->kmax = (int)dmin(MAX_INDENTS, (c->max_w - BOX_MIN_W) / INDENT);
	per = (size_t)c->kmax + 1;
	if (n > SIZE_MAX / per / sizeof(*c->memo))
		return -1;
	c->parent = calloc(n + 1, sizeof(*c->parent));
	c->apart = calloc(n + 1, sizeof(*c->apart));
	c->kid0 = calloc(n + 1, sizeof(*c->kid0));
	c->kids = calloc(n + 1, sizeof(*c->kids));
	c->roots = calloc(n + 1, sizeof(*c->roots));
	c->memo = calloc(n * per + 1, sizeof(*c->memo));
	c->probe = continued_text(chart->continued ? chart->continued : "",
				  3 * n + 2);
	if (!c->parent || !c->apart || !c->kid0 || !c->kids || !c->roots ||
	    !c->memo || !c->probe)
		return -1;
	for (v = 0; v < n; v++) {
		p = chart->boxes[v].group;
		c->apart[v] = p >= 0 && (size_t)p < chart->ngroups;
	}
	for (v = 0; v < n; v++) {
		p = chart->boxes[v].parent;
		c->parent[v] = c->apart[v] || p < 0 || (size_t)p >= n || c->apart[p] ?
			       -1 : p;
	}
	for (v = 0; v < n; v++) {
		u = c->parent[v];
		for (steps = 0; u >= 0 && u != (long)v && steps < n; steps++)
			u = c->parent[u];
		if (u == (long)v)
			c->parent[v] = -1;
	}
	/* Children as one array: count, sum, fill (kid0[p] then ends at
	 * p's end), shift back. */
	for (v = 0; v < n; v++)
		if (c->parent[v] >= 0)
			c->kid0[c->parent[v] + 1]++;
	for (v = 0; v < n; v++)
		c->kid0[v + 1] += c->kid0[v];
	for (v = 0; v < n; v++) {
		if (c->parent[v] >= 0)
			c->kids[c->kid0[c->parent[v]]++] = (long)v;
		else if (!c->apart[v])
			c->roots[c->nroots++] = (long)v;
	}
	for (v = n; v > 0; v--)
		c->kid0[v] = c->kid0[v - 1];
	c->kid0[0] = 0;
	return 0;
}

struct layout_chart *layout_orgchart(const struct doc_orgchart *chart,
				     double max_w, double max_h)
{
	struct ctx c = { 0 };
	size_t i;
	int rc = -1;

	assert(chart);
	if (!(c.out = calloc(1, sizeof(*c.out))) ||
	    ctx_init(&c, chart, max_w, max_h) < 0)
		goto out;
	if (c.nroots > 0 && !plan_push(&c, -1, 0))
		goto out;
	for (i = 0; i < c.nplans; i++)
		if (figure_plan(&c, c.plans[i]) < 0)
			goto out;
	if (apart_place(&c) < 0)
		goto out;
	for (i = 0; i < c.out->nfigures; i++)
		if (!(c.out->figures[i].caption =
			      continued_text(chart->figure ? chart->figure : "{n}", i + 1)))
			goto out;
	rc = 0;
out:
	free(c.parent);
	free(c.apart);
	free(c.kid0);
	free(c.kids);
	free(c.roots);
	free(c.memo);
	free(c.probe);
	free(c.plans);
	if (rc < 0) {
		layout_free(c.out);
		return NULL;
	}
	return c.out;
}

void layout_free(struct layout_chart *l)
{
	size_t i, j, k;

	if (!l)
		return;
	for (i = 0; i < l->nfigures; i++) {
		struct layout_figure *f = &l->figures[i];

		for (j = 0; j < f->nboxes; j++) {
			for (k = 0; k < f->boxes[j].nlines; k++)
				free(f->boxes[j].lines[k].text);
			free(f->boxes[j].lines);
		}
		for (j = 0; j < f->nframes; j++)
			free(f->frames[j].caption.text);
		free(f->boxes);
		free(f->lines);
		free(f->frames);
		free(f->caption);
	}
	free(l->figures);
	free(l);
}
