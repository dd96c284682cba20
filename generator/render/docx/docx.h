/* docx.h - private to the DOCX renderer (not an API): the plan its part
 * writers share, and the XML writer they use.
 *
 *   render_docx.c   render_docx(): plan the document, write every part,
 *                   zip them
 *   docx_xml.c      the XML writer: a part into a struct buf, text
 *                   cleaned of what XML 1.0 cannot hold
 *   docx_document.c word/document.xml, header1.xml, footer1.xml
 *   docx_styles.c   word/styles.xml, numbering.xml, settings.xml,
 *                   fontTable.xml
 *   docx_package.c  [Content_Types].xml, the relationships, docProps/,
 *                   the zip
 *   docx_reference.c  --reference-docx: a company's styles, theme, font
 *                   table and header logo, merged with ours
 *
 * Every part writer returns 0, or -1 when the writer failed (out of
 * memory, or a part over BUF_MAX); render_docx() names the part in the
 * error. */
#ifndef SECPOLGEN_DOCX_H
#define SECPOLGEN_DOCX_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "render/docx/docx_reference.h"
#include "render/docx/render_docx.h"
#include "doc/page.h"

struct xw; /* the XML writer, docx_xml.c */

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Deepest heading style written: deeper sections look like Heading6. */
#define DOCX_HEADING_MAX 6
/* Numbering levels of a list definition (w:ilvl 0..8). */
#define DOCX_LIST_LEVELS 9
/* Headings the pre-filled table of contents lists (TOC \o "1-3"). */
#define DOCX_TOC_LEVELS 3
/* Indent of each list level and of the text after its number or bullet,
 * in twips: two characters of 10.5 pt. */
#define DOCX_LIST_INDENT 420

/* Relationship ids of word/document.xml: the fixed parts, then one per
 * distinct external link target, in order of first use. */
enum {
	DOCX_RID_STYLES = 1,
	DOCX_RID_NUMBERING,
	DOCX_RID_SETTINGS,
	DOCX_RID_FONT_TABLE,
	DOCX_RID_HEADER,
	DOCX_RID_FOOTER,
	DOCX_RID_FIRST_LINK
};

/* Relationship ids of what a reference document adds: not numbered, so
 * that the ids of a package without one do not move. */
#define DOCX_RID_THEME "rIdTheme"  /* in word/_rels/document.xml.rels */
#define DOCX_RID_LOGO "rIdLogo"    /* in word/_rels/header1.xml.rels */

/* Numbering: w:abstractNumId and the w:numId that use them. Each
 * numbered list gets its own w:num from DOCX_NUM_FIRST_ORDERED on, so
 * that it starts again at 1. */
enum { DOCX_ABSTRACT_HEADINGS, DOCX_ABSTRACT_BULLET, DOCX_ABSTRACT_ORDERED };
enum { DOCX_NUM_HEADINGS = 1, DOCX_NUM_BULLET, DOCX_NUM_FIRST_ORDERED };

/* One heading, in document order. */
struct docx_heading {
	const struct doc_node *section;
	int level;          /* 1..DOCX_HEADING_MAX */
	char number[64];    /* "1.2.3", as the heading numbering shows it */
	char toc_name[16];  /* hidden bookmark the TOC links to: "_Toc00000001" */
	char id_name[41];   /* bookmark named after the section id, or "" */
};

/* The few words the renderer adds around the tree, by language: the
 * table of contents' title, the title block's and the footer's labels. */

/* Faces of a document: Latin and East Asian, for body text and headings. */
struct docx_fonts {
	const char *body, *body_ea, *heading, *heading_ea;
};

/* What render_docx() knows before writing: the page, the typography, the
 * headings; and what writing word/document.xml finds out for the parts
 * written after it (link targets, numbered lists). */
struct docx {
	const struct doc *doc;
	struct diag *d;

	int ja;              /* Japanese typography: justified, Mincho body */
	char lang[36];       /* w:lang and dc:language, e.g. "ja-JP" */
	const struct doc_labels *labels;
	const struct docx_fonts *fonts;
	const struct docx_reference *ref; /* --reference-docx, or NULL */

	/* The page, in twips (1/1440 inch): as set up (page.h), and copied
	 * into the fields the part writers read. */
	struct page page;
	long page_w, page_h;
	long mar_top, mar_bottom, mar_left, mar_right, mar_header, mar_footer;
	long text_w;         /* between the left and right margins */

	struct docx_heading *headings; /* owned */
	size_t nheadings;

	char **links;        /* owned: external link targets, as written */
	size_t nlinks, links_cap;

	int *ordered;        /* owned: w:ilvl of each numbered list */
	size_t nordered, ordered_cap;
};

/* Part writers: each writes its part's root element and all within it
 * into w, which render_docx() opens after the XML declaration and closes
 * (docx_write_part). 0, or -1 when a write failed. */
int docx_write_document(struct docx *x, struct xw *w);
int docx_write_header(const struct docx *x, struct xw *w);
/* word/_rels/header1.xml.rels: the reference's logo (only with one). */
int docx_write_header_rels(const struct docx *x, struct xw *w);
int docx_write_footer(const struct docx *x, struct xw *w);
int docx_write_styles(const struct docx *x, struct xw *w);
int docx_write_numbering(const struct docx *x, struct xw *w);
int docx_write_settings(const struct docx *x, struct xw *w);
int docx_write_font_table(const struct docx *x, struct xw *w);
int docx_write_content_types(const struct docx *x, struct xw *w);
int docx_write_package_rels(const struct docx *x, struct xw *w);
int docx_write_document_rels(const struct docx *x, struct xw *w);
int docx_write_core(const struct docx *x, struct xw *w);
int docx_write_app(const struct docx *x, struct xw *w);

/* The organisation chart (docx_drawing.c): laid out to the text area,
 * each figure an inline group of editable shapes in a paragraph of its
 * own, after a caption when there are several. Drawing ids start at
 * *next_id, which is advanced. 0 ok, -1 on failure. */
int docx_write_orgchart(const struct docx *x, struct xw *w,
			const struct doc_orgchart *chart, long *next_id);

/* A timeline (docx_drawing.c) as a table: a label column, a narrow column
 * for each head, the marked slots shaded. 0 ok, -1 on failure. */
int docx_write_timeline(const struct docx *x, struct xw *w,
			const struct doc_timeline *t);

/* One finished part of the package. */
struct docx_part {
	const char *name; /* path in the zip, e.g. "word/document.xml" */
	struct buf data;
};

/* Zips parts, in the order given, deflated (stored when under 2 KiB),
 * every entry dated iso_date (YYYY-MM-DD, or NULL for 1980-01-01), and
 * appends the archive to out. cache (or NULL) keeps parts deflated from
 * one package to the next (render_docx.h). 0 ok, -1 after adding an
 * error to d. */
int docx_zip(const struct docx_part *parts, size_t n, const char *iso_date,
	     struct docx_cache *cache, struct buf *out, struct diag *d);
/* Frees the parts docx_zip kept in c. */
void docx_cache_free_packed(struct docx_cache *c);

/* The XML writer (docx_xml.c). Each call gives 0, or -1 on failure (out
 * of memory, a part over BUF_MAX, an end with nothing open), after which
 * every call fails; so a run of calls reads as one condition:
 *	if (xw_start(w, "w:pPr") || xw_val(w, "w:pStyle", s) || xw_end(w))
 *		goto out;
 */

/* A writer appending to out, the XML declaration written
 * (standalone="yes"), or NULL when out of memory. Pass it to
 * docx_xml_close() on every path. */
struct xw *docx_xml_open(struct buf *out);
/* When rc is 0, ends the elements still open; frees the writer in any
 * case. Returns rc, or -1 when any write failed. */
int docx_xml_close(struct xw *w, int rc);

int xw_start(struct xw *w, const char *name);
int xw_end(struct xw *w);
/* An attribute whose value is one of ours (names, numbers as text). */
int xw_attr(struct xw *w, const char *name, const char *value);
int xw_attr_int(struct xw *w, const char *name, long value);
/* <name/> */
int xw_empty(struct xw *w, const char *name);
/* <name w:val="value"/>, the commonest shape of WordprocessingML. */
int xw_val(struct xw *w, const char *name, const char *value);
int xw_val_int(struct xw *w, const char *name, long value);
/* Text from the tree: characters XML 1.0 cannot hold (controls, U+FFFE,
 * U+FFFF, bytes that are not UTF-8) are left out; the writer escapes the
 * rest. */
int xw_text(struct xw *w, const char *text);
/* <name>text</name>, text cleaned as by xw_text. */
int xw_element_text(struct xw *w, const char *name, const char *text);

#endif
