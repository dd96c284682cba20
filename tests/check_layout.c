/* check_layout.c - the org chart's geometry: every figure of charts of
 * many shapes is checked as a picture (inside the page, no overlaps, lines
 * straight and meeting boxes only at their edges, each child joined to its
 * parent, text inside its box), then splitting, wrapping, line breaking,
 * bad links and determinism one by one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "doc/layout.h"

#define EPS 1e-6
#define PAD 5.0 /* the least room between a box's edge and its text */

/* The two text areas the documents use: A4 portrait and landscape. */
#define PORTRAIT_W 481.0
#define PORTRAIT_H 700.0
#define LANDSCAPE_W 728.0
#define LANDSCAPE_H 450.0

static struct doc_orgchart *chart_new(size_t ngroups)
{
	struct doc_orgchart *c = calloc(1, sizeof(*c));
	size_t g;

	ck_assert_ptr_nonnull(c);
	c->continued = strdup("Continued in figure {n}");
	c->ngroups = ngroups;
	c->groups = calloc(ngroups + 1, sizeof(*c->groups));
	ck_assert_ptr_nonnull(c->groups);
	for (g = 0; g < ngroups; g++) {
		char caption[32];

		snprintf(caption, sizeof(caption), "Group %zu", g);
		c->groups[g] = strdup(caption);
	}
	return c;
}

/* Adds a box (its index is the count before); line may be NULL. */
static void chart_box(struct doc_orgchart *c, long parent, long group,
		      const char *title, const char *line)
{
	struct doc_chart_box *b = realloc(c->boxes, (c->nboxes + 1) * sizeof(*b));
	char id[32];

	ck_assert_ptr_nonnull(b);
	c->boxes = b;
	snprintf(id, sizeof(id), "b%zu", c->nboxes);
	b = &c->boxes[c->nboxes++];
	*b = (struct doc_chart_box){ .id = strdup(id), .parent = parent,
				     .group = group, .title = strdup(title) };
	if (line) {
		b->lines = calloc(1, sizeof(*b->lines));
		ck_assert_ptr_nonnull(b->lines);
		b->lines[0] = strdup(line);
		b->nlines = 1;
	}
}

static void chart_free(struct doc_orgchart *c)
{
	size_t i, j;

	for (i = 0; i < c->nboxes; i++) {
		free(c->boxes[i].id);
		free(c->boxes[i].title);
		for (j = 0; j < c->boxes[i].nlines; j++)
			free(c->boxes[i].lines[j]);
		free(c->boxes[i].lines);
	}
	for (i = 0; i < c->ngroups; i++)
		free(c->groups[i]);
	free(c->groups);
	free(c->boxes);
	free(c->continued);
	free(c);
}

/* A box titled after its role, with a person's name under it. */
static void person(struct doc_orgchart *c, long parent, long group,
		   const char *role)
{
	char line[64];

	snprintf(line, sizeof(line), "Person %zu", c->nboxes);
	chart_box(c, parent, group, role, line);
}

static struct doc_orgchart *chain(size_t n)
{
	struct doc_orgchart *c = chart_new(0);
	size_t i;

	for (i = 0; i < n; i++)
		person(c, (long)i - 1, -1, "Level");
	return c;
}

static struct doc_orgchart *flat(size_t kids)
{
	struct doc_orgchart *c = chart_new(0);
	size_t i;

	person(c, -1, -1, "Chief Executive Officer");
	for (i = 0; i < kids; i++)
		person(c, 0, -1, i % 3 ? "Engineer" : "Product Security Champion");
	return c;
}

/* The 12-person company of the example profile: a tree of 9 and two
 * groups drawn apart (suppliers, external parties). */
static struct doc_orgchart *company(void)
{
	struct doc_orgchart *c = chart_new(2);

	person(c, -1, -1, "Executive");                       /* 0 */
	person(c, 0, -1, "Product Security Manager");         /* 1 */
	person(c, 1, -1, "PSIRT Lead");                       /* 2 */
	person(c, 2, -1, "Customer Support");                 /* 3 */
	person(c, 1, -1, "Development Lead");                 /* 4 */
	person(c, 4, -1, "Security Champion (Firmware)");     /* 5 */
	person(c, 4, -1, "Security Champion (Cloud)");        /* 6 */
	person(c, 1, -1, "QA Lead");                          /* 7 */
	person(c, 1, -1, "Procurement");                      /* 8 */
	person(c, -1, 0, "Module Supplier");
	person(c, -1, 0, "Contract Manufacturer");
	person(c, -1, 0, "Cloud Hosting Provider");
	person(c, -1, 1, "JPCERT/CC");
	person(c, -1, 1, "Security Researchers");
	person(c, -1, 1, "Certification Body");
	person(c, -1, 1, "Legal Counsel");
	return c;
}

/* A tree of n boxes, each under an earlier one picked by a fixed
 * generator; every seventh box drawn apart in one of two groups (a box
 * under one of those is a root). */
static struct doc_orgchart *scattered(size_t n, unsigned seed)
{
	struct doc_orgchart *c = chart_new(2);
	unsigned r = seed;
	size_t i;

	for (i = 0; i < n; i++) {
		r = r * 1103515245u + 12345u;
		if (i > 0 && i % 7 == 0)
			person(c, -1, (long)(r >> 16) % 2, "Supplier");
		else
			person(c, i ? (long)((r >> 16) % i) : -1, -1,
			       (r >> 8) % 3 ? "Engineer" : "Security Lead Engineer");
	}
	return c;
}

static bool overlap(double a0, double a1, double b0, double b1)
{
	return a0 < b1 - EPS && b0 < a1 - EPS;
}

static bool boxes_meet(double ax, double ay, double aw, double ah, double bx,
		       double by, double bw, double bh)
{
	return overlap(ax, ax + aw, bx, bx + bw) && overlap(ay, ay + ah, by, by + bh);
}

/* Whether segment l passes through the inside of the rectangle. */
static bool line_enters(const struct layout_line *l, double x, double y,
			double w, double h)
{
	double x0 = l->x1 < l->x2 ? l->x1 : l->x2, x1 = l->x1 < l->x2 ? l->x2 : l->x1;
	double y0 = l->y1 < l->y2 ? l->y1 : l->y2, y1 = l->y1 < l->y2 ? l->y2 : l->y1;

	if (x0 == x1)
		return x0 > x + EPS && x0 < x + w - EPS && overlap(y0, y1, y, y + h);
	return y0 > y + EPS && y0 < y + h - EPS && overlap(x0, x1, x, x + w);
}

static bool on_segment(const struct layout_line *l, double x, double y)
{
	double x0 = l->x1 < l->x2 ? l->x1 : l->x2, x1 = l->x1 < l->x2 ? l->x2 : l->x1;
	double y0 = l->y1 < l->y2 ? l->y1 : l->y2, y1 = l->y1 < l->y2 ? l->y2 : l->y1;

	return x >= x0 - EPS && x <= x1 + EPS && y >= y0 - EPS && y <= y1 + EPS;
}

/* Lines a and b touch: an end of one lies on the other. */
static bool lines_touch(const struct layout_line *a, const struct layout_line *b)
{
	return on_segment(a, b->x1, b->y1) || on_segment(a, b->x2, b->y2) ||
	       on_segment(b, a->x1, a->y1) || on_segment(b, a->x2, a->y2);
}

/* Lines that share more than a point, or cross (not at an end of either). */
static void check_lines_apart(const struct layout_line *a,
			      const struct layout_line *b)
{
	bool av = a->x1 == a->x2, bv = b->x1 == b->x2;

	if (av == bv) {
		if (av && a->x1 == b->x1)
			ck_assert_msg(!overlap(a->y1 < a->y2 ? a->y1 : a->y2,
					       a->y1 < a->y2 ? a->y2 : a->y1,
					       b->y1 < b->y2 ? b->y1 : b->y2,
					       b->y1 < b->y2 ? b->y2 : b->y1),
				      "vertical lines overlap at x=%g", a->x1);
		if (!av && a->y1 == b->y1)
			ck_assert_msg(!overlap(a->x1 < a->x2 ? a->x1 : a->x2,
					       a->x1 < a->x2 ? a->x2 : a->x1,
					       b->x1 < b->x2 ? b->x1 : b->x2,
					       b->x1 < b->x2 ? b->x2 : b->x1),
				      "horizontal lines overlap at y=%g", a->y1);
		return;
	}
	if (av) {
		const struct layout_line *t = a;

		a = b;
		b = t;
	}
	/* a horizontal, b vertical: they may meet only where one ends. */
	if (on_segment(a, b->x1, a->y1) && on_segment(b, b->x1, a->y1))
		ck_assert_msg(b->x1 == a->x1 || b->x1 == a->x2 || a->y1 == b->y1 ||
			      a->y1 == b->y2, "lines cross at (%g, %g)", b->x1, a->y1);
}

static size_t find_root(size_t *set, size_t i)
{
	while (set[i] != i)
		i = set[i] = set[set[i]];
	return i;
}

/* Whether one run of joined lines starts on the bottom edge of box p and
 * ends on the top edge of box k. */
static bool joined(const struct layout_figure *f, size_t *set,
		   const struct layout_box *p, const struct layout_box *k)
{
	size_t i, j;

	for (i = 0; i < f->nlines; i++) {
		const struct layout_line *a = &f->lines[i];

		if (a->x1 != a->x2 || a->y1 != p->y + p->h || a->x1 <= p->x ||
		    a->x1 >= p->x + p->w)
			continue;
		for (j = 0; j < f->nlines; j++) {
			const struct layout_line *b = &f->lines[j];

			if (b->x1 == b->x2 && b->y2 == k->y && b->x1 > k->x &&
			    b->x1 < k->x + k->w &&
			    find_root(set, i) == find_root(set, j))
				return true;
		}
	}
	return false;
}

static const struct layout_box *figure_box(const struct layout_figure *f,
					   long source)
{
	size_t i;

	for (i = 0; i < f->nboxes; i++)
		if (f->boxes[i].source == source)
			return &f->boxes[i];
	return NULL;
}

static void check_text(const struct layout_text *t, double y, double w,
		       double h)
{
	double tw = layout_text_width(t->text, t->size, t->bold);

	ck_assert_msg(t->text[0] != '\0' && t->text[0] != ' ' &&
		      t->text[strlen(t->text) - 1] != ' ',
		      "text line \"%s\" empty or not trimmed", t->text);
	ck_assert_msg(tw <= w - 2 * PAD + EPS, "\"%s\" (%g pt) overflows %g pt",
		      t->text, tw, w);
	ck_assert(t->y - t->size >= y - EPS);
	ck_assert(t->y + t->size / 4 <= y + h + EPS);
}

/* Whether box k has a parent in the tree: in range, not drawn apart, and
 * not in a loop (a loop is cut somewhere: not checked). */
static bool has_parent(const struct doc_orgchart *c, long k)
{
	long p = c->boxes[k].parent, u;
	size_t steps;

	if (p < 0 || (size_t)p >= c->nboxes || p == k ||
	    (c->boxes[p].group >= 0 && (size_t)c->boxes[p].group < c->ngroups))
		return false;
	for (u = p, steps = 0; u >= 0 && (size_t)u < c->nboxes && steps <= c->nboxes;
	     steps++, u = c->boxes[u].parent)
		if (u == k)
			return false;
	return true;
}

/* Everything the picture promises, for every figure of l. */
static void check_layout(const struct layout_chart *l,
			 const struct doc_orgchart *c, double max_w,
			 double max_h, bool fit_h)
{
	size_t fi, i, j, *set, *seen = calloc(c->nboxes + 1, sizeof(*seen));

	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(seen);
	for (fi = 0; fi < l->nfigures; fi++) {
		const struct layout_figure *f = &l->figures[fi];

		ck_assert_msg(f->w <= max_w + EPS, "figure %zu is %g wide", fi + 1, f->w);
		ck_assert_msg(!fit_h || f->h <= max_h + EPS, "figure %zu is %g tall",
			      fi + 1, f->h);
		ck_assert(f->nboxes > 0);
		for (i = 0; i < f->nboxes; i++) {
			const struct layout_box *b = &f->boxes[i];

			ck_assert(b->source >= 0 && (size_t)b->source < c->nboxes);
			ck_assert(b->w > 0 && b->h > 0);
			ck_assert(b->x >= -EPS && b->y >= -EPS);
			ck_assert(b->x + b->w <= f->w + EPS && b->y + b->h <= f->h + EPS);
			ck_assert_msg(figure_box(f, b->source) == b,
				      "box %ld twice in figure %zu", b->source, fi + 1);
			seen[b->source]++;
			ck_assert(b->nlines > 0 ||
				  strspn(c->boxes[b->source].title, " ") ==
				  strlen(c->boxes[b->source].title));
			for (j = 0; j < b->nlines; j++) {
				check_text(&b->lines[j], b->y, b->w, b->h);
				ck_assert(b->lines[j].x == b->x + b->w / 2);
			}
			for (j = 0; j < i; j++)
				ck_assert_msg(!boxes_meet(b->x, b->y, b->w, b->h,
							  f->boxes[j].x, f->boxes[j].y,
							  f->boxes[j].w, f->boxes[j].h),
					      "boxes %ld and %ld overlap in figure %zu",
					      b->source, f->boxes[j].source, fi + 1);
			for (j = 0; j < f->nlines; j++)
				ck_assert_msg(!line_enters(&f->lines[j], b->x, b->y, b->w, b->h),
					      "a line crosses box %ld", b->source);
			if (b->apart) {
				bool framed = false;

				for (j = 0; j < f->nframes; j++)
					framed |= b->x > f->frames[j].x &&
						  b->y > f->frames[j].y &&
						  b->x + b->w < f->frames[j].x + f->frames[j].w &&
						  b->y + b->h < f->frames[j].y + f->frames[j].h;
				ck_assert_msg(framed, "box %ld is in no frame", b->source);
			}
		}
		for (i = 0; i < f->nframes; i++) {
			const struct layout_frame *fr = &f->frames[i];

			ck_assert(fr->x >= -EPS && fr->y >= -EPS);
			ck_assert(fr->x + fr->w <= f->w + EPS && fr->y + fr->h <= f->h + EPS);
			ck_assert(fr->caption.x >= fr->x + PAD);
			ck_assert(fr->caption.x + layout_text_width(fr->caption.text,
					fr->caption.size, fr->caption.bold) <=
				  fr->x + fr->w - PAD + EPS);
			ck_assert(fr->caption.y - fr->caption.size >= fr->y);
			for (j = 0; j < i; j++)
				ck_assert(!boxes_meet(fr->x, fr->y, fr->w, fr->h,
						      f->frames[j].x, f->frames[j].y,
						      f->frames[j].w, f->frames[j].h));
			for (j = 0; j < f->nboxes; j++)
				ck_assert(f->boxes[j].apart ||
					  !boxes_meet(fr->x, fr->y, fr->w, fr->h,
						      f->boxes[j].x, f->boxes[j].y,
						      f->boxes[j].w, f->boxes[j].h));
			for (j = 0; j < f->nlines; j++)
				ck_assert(!line_enters(&f->lines[j], fr->x, fr->y,
						       fr->w, fr->h));
		}
		/* Lines: straight, inside, apart from each other; runs of
		 * joined lines found by union-find. */
		set = calloc(f->nlines + 1, sizeof(*set));
		ck_assert_ptr_nonnull(set);
		for (i = 0; i < f->nlines; i++) {
			const struct layout_line *a = &f->lines[i];

			set[i] = i;
			ck_assert_msg((a->x1 == a->x2) != (a->y1 == a->y2),
				      "line %zu is not straight or has no length", i);
			ck_assert(a->x1 >= 0 && a->x2 <= f->w + EPS && a->x1 <= f->w + EPS);
			ck_assert(a->y1 >= 0 && a->y2 <= f->h + EPS && a->y1 <= f->h + EPS);
			for (j = 0; j < i; j++) {
				check_lines_apart(a, &f->lines[j]);
				if (lines_touch(a, &f->lines[j]))
					set[find_root(set, i)] = find_root(set, j);
			}
		}
		for (i = 0; i < f->nboxes; i++) {
			const struct layout_box *k = &f->boxes[i];
			long p = c->boxes[k->source].parent;
			const struct layout_box *pb;

			if (k->apart || !has_parent(c, k->source) || !(pb = figure_box(f, p)))
				continue;
			ck_assert_msg(joined(f, set, pb, k),
				      "box %ld is not joined to its parent %ld in figure %zu",
				      k->source, p, fi + 1);
		}
		free(set);
	}
	for (i = 0; i < c->nboxes; i++)
		ck_assert_msg(seen[i] > 0, "box %zu is in no figure", i);
	free(seen);
}

/* Each continued box names the figure its subtree goes on in, and that
 * figure starts with the same box. */
static void check_continued(const struct layout_chart *l)
{
	size_t fi, i;
	unsigned n;

	for (fi = 0; fi < l->nfigures; fi++) {
		for (i = 0; i < l->figures[fi].nboxes; i++) {
			const struct layout_box *b = &l->figures[fi].boxes[i];

			if (!b->continued)
				continue;
			ck_assert(b->nlines >= 1);
			ck_assert_int_eq(sscanf(b->lines[b->nlines - 1].text,
						"Continued in figure %u", &n), 1);
			ck_assert_uint_gt(n, fi + 1);
			ck_assert_uint_le(n, l->nfigures);
			ck_assert_int_eq(l->figures[n - 1].boxes[0].source, b->source);
			ck_assert(l->figures[n - 1].boxes[0].y == 0);
		}
	}
}

static void check_both_pages(struct doc_orgchart *c)
{
	struct layout_chart *l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);

	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	check_continued(l);
	layout_free(l);
	l = layout_orgchart(c, LANDSCAPE_W, LANDSCAPE_H);
	check_layout(l, c, LANDSCAPE_W, LANDSCAPE_H, true);
	check_continued(l);
	layout_free(l);
	chart_free(c);
}

START_TEST(layout_text_widths)
{
	ck_assert(layout_text_width("", 9, true) == 0);
	ck_assert(layout_text_width(NULL, 9, true) == 0);
	ck_assert(layout_text_width("\xE5\x9B\xB3", 8, false) == 8); /* 図 */
	ck_assert(layout_text_width("Wide", 9, true) > layout_text_width("Wide", 9, false));
	ck_assert(layout_text_width("MMMM", 8, false) > layout_text_width("iiii", 8, false));
	/* Generous: at least Liberation Sans Bold's own widths. */
	ck_assert(layout_text_width("Security Manager", 9, true) >= 8.4 * 9);
	ck_assert(layout_text_width("WWW", 9, true) >= 3 * 0.944 * 9);
}
END_TEST

START_TEST(layout_small_trees)
{
	struct doc_orgchart *c = chart_new(0);

	person(c, -1, -1, "Executive");
	person(c, 0, -1, "Manager");
	person(c, 0, -1, "Manager");
	check_both_pages(c);

	c = chart_new(0);
	for (long i = 0; i < 7; i++)
		person(c, i ? (i - 1) / 2 : -1, -1, "Team");
	check_both_pages(c);
}
END_TEST

/* The bold lines of b joined by spaces, in buf (256 bytes). */
static const char *title_of(const struct layout_box *b, char *buf)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < b->nlines && b->lines[i].bold; i++)
		len += (size_t)snprintf(buf + len, 256 - len, "%s%s", i ? " " : "",
					b->lines[i].text);
	return buf;
}

START_TEST(layout_company)
{
	struct doc_orgchart *c = company();
	struct layout_chart *l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	const struct layout_figure *f;
	char title[256];
	size_t i;

	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	/* It all fits one page: the tree, then two captioned frames below. */
	ck_assert_uint_eq(l->nfigures, 1);
	f = &l->figures[0];
	ck_assert_uint_eq(f->nboxes, 16);
	ck_assert_uint_eq(f->nframes, 2);
	ck_assert_str_eq(f->frames[0].caption.text, "Group 0");
	ck_assert(f->frames[0].caption.bold);
	for (i = 0; i < f->nboxes; i++) {
		ck_assert(!f->boxes[i].continued);
		ck_assert(f->boxes[i].apart == (c->boxes[f->boxes[i].source].group >= 0));
		ck_assert(!f->boxes[i].apart || f->boxes[i].y > f->frames[0].y);
		ck_assert(f->boxes[i].apart || f->boxes[i].y + f->boxes[i].h < f->frames[0].y);
		ck_assert_str_eq(title_of(&f->boxes[i], title), c->boxes[f->boxes[i].source].title);
		ck_assert(f->boxes[i].lines[0].bold && f->boxes[i].lines[0].size == 9);
		ck_assert(!f->boxes[i].lines[f->boxes[i].nlines - 1].bold);
	}
	layout_free(l);
	check_both_pages(c);
}
END_TEST

START_TEST(layout_shapes)
{
	struct doc_orgchart *c = chart_new(0);
	long i;

	/* 20: a root, four managers, three people each. */
	person(c, -1, -1, "Executive");
	for (i = 0; i < 4; i++)
		person(c, 0, -1, "Department Manager");
	for (i = 0; i < 15; i++)
		person(c, 1 + i % 4, -1, "Engineer");
	check_both_pages(c);
	check_both_pages(flat(39));
	check_both_pages(chain(40));
	check_both_pages(scattered(12, 1));
	check_both_pages(scattered(40, 2));
	check_both_pages(scattered(120, 3));
	check_both_pages(scattered(200, 4));
}
END_TEST

START_TEST(layout_many_roots_and_kids)
{
	struct doc_orgchart *c = chart_new(0);
	long i;

	/* 200 roots, and then 200 children of one box: more than a page. */
	for (i = 0; i < 200; i++)
		person(c, -1, -1, "Independent Unit");
	check_both_pages(c);
	check_both_pages(flat(199));

	/* A binary tree: hanging rows nest until the width runs out. */
	c = chart_new(0);
	for (i = 0; i < 200; i++)
		person(c, i ? (i - 1) / 2 : -1, -1, "Product Security Champion Lead");
	check_both_pages(c);

	/* Two children at every level, the second going on: a caterpillar. */
	c = chart_new(0);
	person(c, -1, -1, "Top");
	for (i = 1; i < 120; i += 2) {
		person(c, i - 1 > 0 ? i - 1 : 0, -1, "Leaf Engineer");
		person(c, i - 1 > 0 ? i - 1 : 0, -1, "Next Manager");
	}
	check_both_pages(c);
}
END_TEST

START_TEST(layout_chain_splits)
{
	struct doc_orgchart *c = chain(40);
	struct layout_chart *l = layout_orgchart(c, PORTRAIT_W, LANDSCAPE_H);
	size_t fi, i, cuts = 0;

	check_layout(l, c, PORTRAIT_W, LANDSCAPE_H, true);
	check_continued(l);
	ck_assert_uint_ge(l->nfigures, 4);
	for (fi = 0; fi < l->nfigures; fi++) {
		const struct layout_figure *f = &l->figures[fi];

		/* Each figure takes the chain on from the box the last one cut. */
		ck_assert_uint_ge(f->nboxes, 2);
		for (i = 0; i < f->nboxes; i++) {
			bool last = i == f->nboxes - 1;

			ck_assert(f->boxes[i].continued == (last && fi + 1 < l->nfigures));
			if (f->boxes[i].continued) {
				char want[64];

				snprintf(want, sizeof(want), "Continued in figure %zu", fi + 2);
				ck_assert_str_eq(f->boxes[i].lines[f->boxes[i].nlines - 1].text,
						 want);
				cuts++;
			}
		}
		if (fi > 0)
			ck_assert_int_eq(f->boxes[0].source,
					 l->figures[fi - 1].boxes[l->figures[fi - 1].nboxes - 1].source);
	}
	ck_assert_uint_eq(cuts, l->nfigures - 1);
	layout_free(l);
	chart_free(c);
}
END_TEST

START_TEST(layout_siblings_wrap)
{
	struct doc_orgchart *c = flat(39);
	struct layout_chart *l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	const struct layout_figure *f;
	size_t i, j, rows = 0;

	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	ck_assert_uint_eq(l->nfigures, 1);
	f = &l->figures[0];
	ck_assert_uint_eq(f->nboxes, 40);
	for (i = 1; i < f->nboxes; i++) {
		bool first = true;

		/* Children hang right of the root's left edge, and boxes of a
		 * row are equally tall. */
		ck_assert(f->boxes[i].x > f->boxes[0].x);
		for (j = 1; j < i; j++) {
			if (f->boxes[j].y == f->boxes[i].y) {
				first = false;
				ck_assert(f->boxes[j].h == f->boxes[i].h);
			}
		}
		rows += first;
	}
	ck_assert_uint_ge(rows, 3);
	layout_free(l);

	/* Three fit side by side under their parent, centred on one bus. */
	chart_free(c);
	c = flat(3);
	l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	f = &l->figures[0];
	ck_assert(f->boxes[1].y == f->boxes[2].y && f->boxes[2].y == f->boxes[3].y);
	ck_assert(f->boxes[1].h == f->boxes[3].h);
	ck_assert(f->boxes[0].x > f->boxes[1].x);
	layout_free(l);
	chart_free(c);
}
END_TEST

/* Whether any text line of any box starts with one of the characters in
 * bad_start or ends with one of bad_end (UTF-8 strings). */
static bool breaks_badly(const struct layout_chart *l, const char *const *bad_start,
			 const char *const *bad_end)
{
	size_t fi, i, j, k;

	for (fi = 0; fi < l->nfigures; fi++)
		for (i = 0; i < l->figures[fi].nboxes; i++)
			for (j = 0; j < l->figures[fi].boxes[i].nlines; j++) {
				const char *t = l->figures[fi].boxes[i].lines[j].text;
				size_t n = strlen(t);

				for (k = 0; bad_start[k]; k++)
					if (strncmp(t, bad_start[k], strlen(bad_start[k])) == 0)
						return true;
				for (k = 0; bad_end[k]; k++)
					if (n >= strlen(bad_end[k]) &&
					    strcmp(t + n - strlen(bad_end[k]), bad_end[k]) == 0)
						return true;
			}
	return false;
}

START_TEST(layout_breaks_lines)
{
	static const char *const bad_start[] = { "。", "）", "、", "」", "ー", NULL };
	static const char *const bad_end[] = { "（", "「", NULL };
	struct doc_orgchart *c = chart_new(0);
	struct layout_chart *l;
	const struct layout_box *b;
	char joined_title[256];
	size_t i, len = 0;

	chart_box(c, -1, -1, "Product Security Incident Response Team Coordination "
		  "Manager for Embedded Platforms", "Supercalifragilisticexpialidocious"
		  "AndEvenLongerThanThatWithoutAnySpaces");
	/* 13 wide characters fill a 9-pt line and 15 an 8-pt one: the 。
	 * and the （ fall exactly where a line would break. */
	chart_box(c, 0, -1, "あいうえおかきくけこさしす。せそ", "あいうえおかきくけこさしすせ（たち）");
	chart_box(c, 0, -1, "製品セキュリティインシデント対応チーム（ＰＳＩＲＴ）の"
		  "責任者。脆弱性情報を受け付け、分析し、対応する。",
		  "アイウエオカキクケコサシスセソ）");
	l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	ck_assert(!breaks_badly(l, bad_start, bad_end));
	b = figure_box(&l->figures[0], 0);
	ck_assert_uint_ge(b->nlines, 4);
	ck_assert(b->w <= 130 + EPS);
	/* Broken at spaces, nothing lost: the lines joined by spaces give
	 * the title back. */
	ck_assert_str_eq(b->lines[0].text, "Product Security Incident");
	for (i = 0; i < b->nlines && b->lines[i].bold; i++) {
		memcpy(joined_title + len, b->lines[i].text, strlen(b->lines[i].text));
		len += strlen(b->lines[i].text);
		joined_title[len++] = ' ';
	}
	joined_title[len - 1] = '\0';
	ck_assert_str_eq(joined_title, c->boxes[0].title);
	/* The word wider than a line is cut between letters. */
	ck_assert_uint_ge(b->nlines - i, 2);
	for (len = 0; i < b->nlines; i++) {
		memcpy(joined_title + len, b->lines[i].text, strlen(b->lines[i].text));
		len += strlen(b->lines[i].text);
	}
	joined_title[len] = '\0';
	ck_assert_str_eq(joined_title, c->boxes[0].lines[0]);
	b = figure_box(&l->figures[0], 1);
	ck_assert_str_eq(b->lines[0].text, "あいうえおかきくけこさし");
	ck_assert_str_eq(b->lines[1].text, "す。せそ");
	ck_assert_str_eq(b->lines[2].text, "あいうえおかきくけこさしすせ");
	ck_assert_str_eq(b->lines[3].text, "（たち）");
	b = figure_box(&l->figures[0], 2);
	ck_assert_str_eq(b->lines[b->nlines - 1].text, "ソ）");
	layout_free(l);
	chart_free(c);
}
END_TEST

START_TEST(layout_long_titles)
{
	struct doc_orgchart *c = chart_new(1);
	char *big = malloc(3001);
	struct layout_chart *l;
	size_t i;

	ck_assert_ptr_nonnull(big);
	for (i = 0; i < 3000; i++)
		big[i] = i % 9 == 8 ? ' ' : (char)('a' + i % 26);
	big[3000] = '\0';
	chart_box(c, -1, -1, big, "");
	chart_box(c, 0, -1, "", NULL);
	chart_box(c, 0, -1, "   ", "  ");
	chart_box(c, -1, 0, big, NULL);
	free(c->groups[0]);
	c->groups[0] = strdup(big); /* a caption wider than the page: clipped */
	l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	/* A box taller than the page cannot be split: width still holds. */
	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, false);
	for (i = 0; i < l->nfigures; i++)
		if (l->figures[i].nframes)
			ck_assert(strstr(l->figures[i].frames[0].caption.text, "\xE2\x80\xA6"));
	layout_free(l);
	free(big);
	chart_free(c);
}
END_TEST

START_TEST(layout_apart_only)
{
	struct doc_orgchart *c = chart_new(3);
	struct layout_chart *l;
	size_t i, frames = 0;

	for (i = 0; i < 200; i++)
		person(c, -1, (long)(i % 5 ? 0 : 1 + i % 2), "Supplier of Parts");
	l = layout_orgchart(c, LANDSCAPE_W, LANDSCAPE_H);
	check_layout(l, c, LANDSCAPE_W, LANDSCAPE_H, true);
	ck_assert_uint_ge(l->nfigures, 2);
	for (i = 0; i < l->nfigures; i++) {
		ck_assert_uint_eq(l->figures[i].nlines, 0);
		frames += l->figures[i].nframes;
	}
	ck_assert_uint_ge(frames, 4); /* group 0 repeated on each page; group 2 empty */
	layout_free(l);
	chart_free(c);

	/* Nothing to draw: no figure. */
	c = chart_new(0);
	l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->nfigures, 0);
	layout_free(l);
	chart_free(c);
	layout_free(NULL);
}
END_TEST

START_TEST(layout_bad_links)
{
	struct doc_orgchart *c = chart_new(1);
	struct layout_chart *l;

	person(c, 1, -1, "Loop A");   /* 0 -> 1 -> 0 */
	person(c, 0, -1, "Loop B");
	person(c, 2, -1, "Own parent");
	person(c, 99, -1, "Parent out of range");
	person(c, -7, -1, "Negative parent");
	person(c, -1, 5, "Group out of range");
	person(c, -1, 0, "Supplier");
	person(c, 6, -1, "Under a supplier");
	person(c, 1, -1, "Under the loop");
	l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	layout_free(l);
	/* Pages too small, or not numbers: taken as the least page. */
	l = layout_orgchart(c, 0, -1);
	check_layout(l, c, 100, 60, false);
	layout_free(l);
	l = layout_orgchart(c, 0.0 / 0.0, 0.0 / 0.0);
	check_layout(l, c, 100, 60, false);
	layout_free(l);
	c->continued[0] = '\0';
	l = layout_orgchart(c, PORTRAIT_W, PORTRAIT_H);
	check_layout(l, c, PORTRAIT_W, PORTRAIT_H, true);
	layout_free(l);
	chart_free(c);
}
END_TEST

static unsigned next_random(unsigned *r)
{
	*r = *r * 1103515245u + 12345u;
	return *r >> 16;
}

/* Charts of random shapes and words (a fixed generator): up to 200 boxes,
 * bad links among them, on pages where a box and one child always fit. */
START_TEST(layout_random_charts)
{
	static const char *const words[] = { "", "QA", "Engineer", "担当者",
		"Product Security Incident Response Team Lead",
		"製品セキュリティインシデント対応チーム（PSIRT）責任者。",
		"Supercalifragilisticexpialidocious-and-more", "Ｗ Ｗ Ｗ （注）",
		"mmmm mmmm mmmm mmmm WWWW", "営業・マーケティング部門の統括" };
	static const double pages[][2] = { { PORTRAIT_W, PORTRAIT_H },
		{ LANDSCAPE_W, LANDSCAPE_H }, { 300, 300 }, { 1200, 800 } };
	size_t nwords = sizeof(words) / sizeof(words[0]);
	unsigned r = 7;
	int round;

	for (round = 0; round < 40; round++) {
		size_t n = 1 + next_random(&r) % 200, i, j, nl;
		const double *page = pages[round % 4];
		struct doc_orgchart *c = chart_new(3);
		struct layout_chart *l;

		for (i = 0; i < n; i++) {
			unsigned kind = next_random(&r) % 100;
			long parent = i ? (long)(next_random(&r) % i) : -1;

			if (kind < 5)
				parent = -1;
			else if (kind < 8)
				parent = (long)(next_random(&r) % (n + 3)); /* maybe later, or bad */
			chart_box(c, parent, kind >= 85 ? (long)(kind % 3) : -1,
				  words[next_random(&r) % nwords], NULL);
			nl = next_random(&r) % 3;
			c->boxes[i].lines = calloc(nl + 1, sizeof(char *));
			ck_assert_ptr_nonnull(c->boxes[i].lines);
			for (j = 0; j < nl; j++)
				c->boxes[i].lines[j] = strdup(words[next_random(&r) % nwords]);
			c->boxes[i].nlines = nl;
		}
		l = layout_orgchart(c, page[0], page[1]);
		check_layout(l, c, page[0], page[1], true);
		check_continued(l);
		layout_free(l);
		chart_free(c);
	}
}
END_TEST

static void check_same(const struct layout_chart *a, const struct layout_chart *b)
{
	size_t fi, i, j;

	ck_assert_uint_eq(a->nfigures, b->nfigures);
	for (fi = 0; fi < a->nfigures; fi++) {
		const struct layout_figure *f = &a->figures[fi], *g = &b->figures[fi];

		ck_assert(f->w == g->w && f->h == g->h);
		ck_assert_uint_eq(f->nboxes, g->nboxes);
		ck_assert_uint_eq(f->nlines, g->nlines);
		ck_assert_uint_eq(f->nframes, g->nframes);
		ck_assert(memcmp(f->lines, g->lines, f->nlines * sizeof(*f->lines)) == 0);
		for (i = 0; i < f->nboxes; i++) {
			const struct layout_box *p = &f->boxes[i], *q = &g->boxes[i];

			ck_assert(p->x == q->x && p->y == q->y && p->w == q->w && p->h == q->h);
			ck_assert(p->source == q->source && p->continued == q->continued);
			ck_assert_uint_eq(p->nlines, q->nlines);
			for (j = 0; j < p->nlines; j++) {
				ck_assert_str_eq(p->lines[j].text, q->lines[j].text);
				ck_assert(p->lines[j].x == q->lines[j].x &&
					  p->lines[j].y == q->lines[j].y);
			}
		}
		for (i = 0; i < f->nframes; i++)
			ck_assert_str_eq(f->frames[i].caption.text, g->frames[i].caption.text);
	}
}

START_TEST(layout_deterministic)
{
	struct doc_orgchart *c = scattered(120, 9);
	struct layout_chart *a = layout_orgchart(c, LANDSCAPE_W, LANDSCAPE_H);
	struct layout_chart *b = layout_orgchart(c, LANDSCAPE_W, LANDSCAPE_H);

	check_same(a, b);
	layout_free(a);
	layout_free(b);
	chart_free(c);
}
END_TEST

Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, layout_text_widths);
	tcase_add_test(tc, layout_small_trees);
	tcase_add_test(tc, layout_company);
	tcase_add_test(tc, layout_shapes);
	tcase_add_test(tc, layout_many_roots_and_kids);
	tcase_add_test(tc, layout_chain_splits);
	tcase_add_test(tc, layout_siblings_wrap);
	tcase_add_test(tc, layout_breaks_lines);
	tcase_add_test(tc, layout_long_titles);
	tcase_add_test(tc, layout_apart_only);
	tcase_add_test(tc, layout_bad_links);
	tcase_add_test(tc, layout_random_charts);
	tcase_add_test(tc, layout_deterministic);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
