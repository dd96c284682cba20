/* page.c - paper sizes and margins (page.h). */
#include "doc/page.h"

void page_setup(struct page *pg, bool letter, bool landscape)
{
	if (letter && !landscape) {
		*pg = (struct page){ 12240, 15840, 1440, 1584, 1440, 1440, 720, 720 };
	} else if (letter) {
		*pg = (struct page){ 15840, 12240, 1080, 1296, 1080, 1080, 576, 576 };
	} else if (!landscape) {
		/* 25 mm top, 30 mm bottom, 23 mm sides. */
		*pg = (struct page){ 11906, 16838, 1418, 1701, 1304, 1304, 851, 794 };
	} else {
		/* 15 mm top, 20 mm bottom and sides: a wide chart or table
		 * gets the height it needs. */
		*pg = (struct page){ 16838, 11906, 851, 1134, 1134, 1134, 454, 454 };
	}
}

double page_text_width(const struct page *pg)
{
	return (double)(pg->w - pg->left - pg->right) / 20.0;
}

double page_text_height(const struct page *pg)
{
	return (double)(pg->h - pg->top - pg->bottom) / 20.0;
}

double page_figure_height(const struct page *pg)
{
	return page_text_height(pg) - 36;
}
