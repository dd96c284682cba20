/* xmlutil.h - the one safe way this program reads an XML file or buffer
 * (profiles, catalogues, locale files): no network, no DTD, no entity
 * expansion, bounded size and depth, every libxml2 error a located
 * diagnostic. */
#ifndef SECPOLGEN_XMLUTIL_H
#define SECPOLGEN_XMLUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"

/* Largest XML input read: bigger files are refused with an error. */
#define XMLUTIL_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* Reads and parses path. Returns the document (caller frees with
 * xmlFreeDoc) or NULL after adding located errors to d (unreadable file,
 * too large, not well-formed, has a DOCTYPE). */
xmlDocPtr xmlutil_read_file(const char *path, struct diag *d);

/* The same for a buffer; name is used in diagnostics. */
xmlDocPtr xmlutil_read_memory(const char *data, size_t len, const char *name,
			      struct diag *d);

/* The same for a tree that is only read, never changed: short texts are
 * kept inside their nodes (XML_PARSE_COMPACT), a smaller tree. */
xmlDocPtr xmlutil_read_memory_readonly(const char *data, size_t len, const char *name,
				       struct diag *d);

/* Loads a RELAX NG schema (caller frees with xmlRelaxNGFree), or NULL
 * after adding an error to d. */
xmlRelaxNGPtr xmlutil_load_rng(const char *path, struct diag *d);

/* Validates doc against rng; every validity error becomes a located
 * diagnostic against name. 0 valid, -1 invalid (errors added). */
int xmlutil_validate_rng(xmlDocPtr doc, xmlRelaxNGPtr rng, const char *name,
			 struct diag *d);

/* Attribute value (caller frees with free(); NULL when absent or OOM). */
char *xmlutil_attr(xmlNodePtr n, const char *name);

/* An attribute as a whole number in [lo, hi]; def when absent; -1, with
 * *bad set, when present but not a number in that range. */
int xmlutil_int_attr(xmlNodePtr n, const char *name, int def, int lo, int hi, bool *bad);

/* Text content of an element (caller frees with free(); "" when empty). */
char *xmlutil_text(xmlNodePtr n);

/* True when n is an element called name in namespace ns (NULL: none). */
int xmlutil_is(xmlNodePtr n, const char *ns, const char *name);

/* The two escapings of what this program writes. 0, or -1 when b failed
 * (and freed itself).
 *
 * HTML, text and attribute values alike (also Mustache's {{tag}}): the
 * five characters & " < > ' as &amp; &quot; &lt; &gt; &#39;, nothing
 * else touched. xmlutil_put_html_n takes len bytes of s, NULs included. */
int xmlutil_put_html(struct buf *b, const char *s);
int xmlutil_put_html_n(struct buf *b, const char *s, size_t len);

/* XML 1.0 (DOCX parts, diff's <revision>): < > & " and CR as references;
 * in an attribute (attribute true) also LF and TAB, which a parser would
 * otherwise turn into spaces. Bytes that are not a character XML 1.0 can
 * hold (control characters, broken UTF-8, U+FFFE …) are left out. */
int xmlutil_put_xml(struct buf *b, const char *s, bool attribute);

#endif
