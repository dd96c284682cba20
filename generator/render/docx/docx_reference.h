/* docx_reference.h - a company's own Word file as the look of the DOCX
 * packages (--reference-docx), as pandoc's reference documents: its
 * styles, theme, font table and the logo of its default header.
 *
 * What is taken is parsed with libxml2 (no network, no DTD, capped sizes)
 * and cleaned to what ECMA-376 transitional describes: Markup
 * Compatibility is resolved here, as a consumer that understands only
 * WordprocessingML, DrawingML and relationships would (each
 * mc:AlternateContent becomes its first understood mc:Choice, else its
 * mc:Fallback; elements and attributes of any other namespace, w14 and
 * w15 included, are dropped, and so are DrawingML extension lists). The
 * package then validates without an MCE pre-processor, against the same
 * schemas as our own parts. Numbering is not taken: our headings and
 * lists need ours, so numbering in the reference's styles is dropped. */
#ifndef SECPOLGEN_DOCX_REFERENCE_H
#define SECPOLGEN_DOCX_REFERENCE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"

/* Largest part read from a reference package (styles, theme, logo ...). */
#define DOCX_REFERENCE_PART_MAX ((size_t)8 * 1024 * 1024)

/* Logo height in the header, in EMU, when the reference gives no size
 * (10 mm), and the most it may take (15 mm). */
#define DOCX_LOGO_HEIGHT 360000L
#define DOCX_LOGO_HEIGHT_MAX 540000L

struct docx_reference {
	const char *name;      /* the file, for diagnostics (not owned) */
	xmlDocPtr styles;      /* owned: cleaned word/styles.xml */
	xmlDocPtr font_table;  /* owned: cleaned word/fontTable.xml, or NULL */
	struct buf theme;      /* cleaned word/theme/theme1.xml, or empty */
	struct buf logo;       /* the header's first image, or empty */
	const char *logo_ext;  /* "png", "jpeg", "gif" (static) */
	const char *logo_type; /* its content type (static) */
	long logo_cx, logo_cy; /* its size in the header, in EMU */
};

/* Reads the reference package bytes[0..len) into r (zeroed by the call).
 * A package without word/styles.xml, one that is not a zip, or one whose
 * styles do not parse is an error naming name; a theme or font table that
 * does not parse is left out with a warning; a header without an image
 * gives no logo. 0 ok, -1 after adding errors to d (r is then freed). */
int docx_reference_load(struct docx_reference *r, const char *bytes,
			size_t len, const char *name, struct diag *d);

void docx_reference_free(struct docx_reference *r);

/* Merges our styles.xml (ours) into the reference's and appends the
 * result to out: the reference's definition wins for every style id it
 * has (matched by id, else by name, when its id is renamed to ours), ours
 * are added for the ids it lacks; the structure stays ours (heading
 * numbering and outline levels, the tab stops of the header, footer and
 * table of contents, the document's language). Consumes r->styles.
 * 0 ok, -1 out of memory or ours does not parse. */
int docx_reference_styles(struct docx_reference *r, const struct buf *ours,
			  struct buf *out);

/* The reference's font table with our faces it lacks added, appended to
 * out; ours is appended unchanged when the reference has none. Consumes
 * r->font_table. 0 ok, -1 out of memory. */
int docx_reference_font_table(struct docx_reference *r, const struct buf *ours,
			      struct buf *out);

#endif
