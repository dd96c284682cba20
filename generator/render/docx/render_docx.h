/* render_docx.h - document tree -> one Word (.docx) package.
 *
 * Writes a real Office Open XML package (ECMA-376, transitional), in
 * memory: the title block, a table of contents Word can update, numbered
 * headings linked to the navigation pane, lists, tables, notes and
 * signature blocks, a running header and footer with page numbers, and the
 * core properties. Every part is written by one small XML writer
 * (docx_xml.c), which escapes all text from the tree; the zip is written
 * by libzip with fixed entry times. Same tree, same options, same bytes. */
#ifndef SECPOLGEN_RENDER_DOCX_H
#define SECPOLGEN_RENDER_DOCX_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/diag.h"
#include "doc/doc.h"

/* What render_docx calls that share one docx_options keep between them,
 * so that what is the same from one document to the next is not done
 * again; none of it changes a byte of the packages:
 *  - the parts that are the same for every document of one language and
 *    page width in a run (styles, settings, font table: a tenth of the
 *    time of a small document);
 *  - parts met twice running with the same bytes (content types, styles,
 *    numbering, footer ...), each kept deflated in an archive of its own,
 *    from which libzip copies it into the next packages without
 *    compressing it again (zlib's set-up alone, 128 KiB cleared for each
 *    part, cost as much as compressing a staff sheet's text).
 * Zero it before the first call; docx_cache_free after the last. */
#define DOCX_CACHE_SLOTS 8
struct docx_cache_slot {
	char lang[36];
	long text_w;
	struct buf styles, settings, fonts;
};
#define DOCX_PACKED_MAX 24
struct docx_packed {
	char name[40];   /* the part's name in the package */
	struct buf data; /* its bytes, compared before it is used */
	struct buf zip;  /* an archive of it alone, deflated */
	struct zip *za;  /* that archive, open for reading */
	bool busy;       /* copied from by the package being zipped */
};
#define DOCX_SEEN_MAX 16
struct docx_seen {
	char name[40];
	struct buf data; /* the bytes the part had last */
};
struct docx_cache {
	struct docx_cache_slot slot[DOCX_CACHE_SLOTS];
	size_t n;
	struct docx_packed packed[DOCX_PACKED_MAX];
	size_t npacked, next; /* next: the one to replace when full */
	struct docx_seen seen[DOCX_SEEN_MAX];
	size_t nseen;
};

void docx_cache_free(struct docx_cache *c);

struct docx_options {
	int letter; /* 1: US Letter, else A4 */
	/* A company's own Word file whose look the package takes (styles,
	 * theme, fonts, header logo), as pandoc's --reference-doc: its bytes,
	 * or NULL; reference_name names it in diagnostics. */
	const char *reference;
	size_t reference_len;
	const char *reference_name;
	struct docx_cache *cache; /* or NULL: every part written each time */
};

/* Renders doc as a complete .docx package: the bytes of the zip are
 * appended to out (normally empty). opt may be NULL (A4). doc_parse has
 * already refused what follows; for a tree built otherwise, two sections
 * with the same id are an error, a link to an id no section has is a
 * warning (its text is kept, unlinked), and sections deeper than 6 look
 * like level 6. 0 ok, -1 after adding an error to d (out is then freed). */
int render_docx(const struct doc *doc, const struct docx_options *opt,
		struct buf *out, struct diag *d);

#endif
