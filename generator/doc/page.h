/* page.h - the page of the documents: paper, orientation and margins.
 *
 * The DOCX renderer sets its sections up from it, and both renderers lay
 * pictures (the organisation chart) out to its text area, so that a
 * picture is the same in Word and in the browser. */
#ifndef SECPOLGEN_PAGE_H
#define SECPOLGEN_PAGE_H

#include <stdbool.h>

/* Sizes in twips (1/1440 inch). */
struct page {
	long w, h;
	long top, bottom, left, right; /* margins */
	long header, footer;           /* from the edge to the header/footer */
};

/* A4 (or US Letter), portrait or landscape, with the margins of Japanese
 * business documents on A4 and one inch on Letter. */
void page_setup(struct page *pg, bool letter, bool landscape);

/* The text area between the margins, in points. */
double page_text_width(const struct page *pg);
double page_text_height(const struct page *pg);

/* The height a picture may take: the text area less a caption's line and
 * the spacing around the picture's paragraph. */
double page_figure_height(const struct page *pg);

#endif
