/* render_html.h - document tree -> one self-contained HTML5 file.
 *
 * The file carries its own CSS (screen, phone and print: A4 or US Letter
 * pages, classification and page numbers in the page margins), no scripts,
 * no external resources and no fetched fonts. Same tree, same bytes. */
#ifndef SECPOLGEN_RENDER_HTML_H
#define SECPOLGEN_RENDER_HTML_H

#include "base/buf.h"
#include "base/diag.h"
#include "doc/doc.h"

struct html_options {
	const char *index_href; /* link back to out/index.html, relative, or NULL */
	const char *twin_href;  /* the same document in the other language, or NULL */
	const char *twin_label; /* e.g. "English" / "日本語" */
	int letter;             /* 1: US Letter page size for print, else A4 */
};

/* Renders doc as one self-contained HTML5 file, appended to out. opt may
 * be NULL (no links, A4). Sections get their id as anchor, or a generated
 * one ("s-1-2" for section 1.2); two sections with the same anchor are an
 * error. 0 ok, -1 after adding an error to d (out is then freed). */
int render_html(const struct doc *doc, const struct html_options *opt,
		struct buf *out, struct diag *d);

#endif
