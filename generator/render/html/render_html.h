/* render_html.h - document tree -> one self-contained HTML5 file, and the
 * index page that lists every document.
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

/* out/index.html, the one place to start: for each language a section
 * (lang="…", id "lang-<lang>") with a heading and a table of every
 * document, and above them a switcher linking to each section. Every word
 * comes from the caller, in the section's language. */
struct html_index_doc {
	const char *href_html; /* relative to out/, e.g. "ja/policy.html"; */
	const char *href_docx; /* either NULL when that format was not built */
	const char *title;     /* as displayed; not NULL */
	const char *number, *revision, *date; /* as displayed, or NULL */
};

struct html_index_section {
	const char *lang;     /* BCP 47, e.g. "ja"; unique among the sections */
	const char *language; /* the language's own name ("日本語"): the switcher's text */
	const char *heading;  /* e.g. "製品セキュリティ文書一覧" */
	const char *company;  /* company name in that language, or NULL */
	const char *col_document, *col_number, *col_revision, *col_date,
		*col_formats; /* the table's column headers */
	const struct html_index_doc *docs;
	size_t ndocs;
};

/* Renders out/index.html, appended to out: one self-contained page whose
 * <html lang> is the first section's. Only lang, language, heading, the
 * column headers and each title are required (assert). 0 ok, -1 after
 * adding an error to d (no section, a language twice, out of memory; out
 * is then freed). */
int render_html_index(const struct html_index_section *sections,
		      size_t nsections, struct buf *out, struct diag *d);

#endif
