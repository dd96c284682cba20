/* page.c - paper sizes and margins (page.h). */
#include "doc/page.h"

void page_setup(struct page *pg, bool letter, bool landscape)
{
	if (letter && !landscape) {
		*pg = (struct page){ .w = 12240, .h = 15840, .top = 1440, .bottom = 1584,
				     .left = 1440, .right = 1440, .header = 720, .footer = 720 };
	} else if (letter) {
		*pg = (struct page){ .w = 15840, .h = 12240, .top = 1080, .bottom = 1296,
				     .left = 1080, .right = 1080, .header = 576, .footer = 576 };
	} else if (!landscape) {
		/* 25 mm top, 30 mm bottom, 23 mm sides. */
		*pg = (struct page){ .w = 11906, .h = 16838, .top = 1418, .bottom = 1701,
				     .left = 1304, .right = 1304, .header = 851, .footer = 794 };
	} else {
		/* 15 mm top, 20 mm bottom and sides: a wide chart or table
		 * gets the height it needs. */
		*pg = (struct page){ .w = 16838, .h = 11906, .top = 851, .bottom = 1134,
				     .left = 1134, .right = 1134, .header = 454, .footer = 454 };
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
