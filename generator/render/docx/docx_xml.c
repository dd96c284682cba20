/* docx_xml.c - the XML writer of the DOCX parts: elements, attributes and
 * text into a struct buf, text cleaned of what XML 1.0 cannot hold.
 *
 * It replaced libxml2's xmlTextWriter, which allocated a list node and a
 * copy of the name for every element and passed every few bytes through
 * an encoder: 40 % of a staff sheet's DOCX time. The layout:
 *  - a start tag starts a line, not indented (indenting was a quarter of
 *    the bytes of a document part, for zlib to compress and Word to read);
 *  - an element with no content ends as "/>";
 *  - an element holding elements ends on a line of its own; one holding
 *    text ends right after the text;
 *  - every end tag ends its line.
 * White space between WordprocessingML elements means nothing; one
 * element a line makes the golden files diff well. */
#include "render/docx/docx.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmlutil.h"

struct xw {
	struct buf *out;
	struct buf names; /* the open elements' names, each '\0'-ended */
	size_t *name_at;  /* where each open element's name starts */
	size_t depth, cap;
	bool tag_open;    /* "<name attrs" written, '>' not yet */
	bool failed;      /* sticky: every later call fails too */
};

static int put(struct xw *w, const char *p, size_t n)
{
	if (!w->failed && buf_put(w->out, p, n) < 0)
		w->failed = true;
	return w->failed ? -1 : 0;
}

static int put_str(struct xw *w, const char *s)
{
	return put(w, s, strlen(s));
}

/* Room for n more bytes of output, to be counted with buf_added; NULL
 * once the writer has failed. Tags are written this way, in one go: piece
 * by piece they were a tenth of a DOCX's time. */
static char *room(struct xw *w, size_t n)
{
	char *p = w->failed ? NULL : buf_room(w->out, n);

	if (!p)
		w->failed = true;
	return p;
}

/* The length of a value that needs no escaping (printable ASCII, none of
 * < > & "), or SIZE_MAX. */
static size_t plain_len(const char *s)
{
	const unsigned char *c = (const unsigned char *)s;

	for (; *c; c++)
		if (*c < 0x20 || *c >= 0x7f || *c == '<' || *c == '>' || *c == '&' || *c == '"')
			return SIZE_MAX;
	return (size_t)(c - (const unsigned char *)s);
}


struct xw *docx_xml_open(struct buf *out)
{
	struct xw *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->out = out;
	w->names = (struct buf)BUF_INIT;
	if (put_str(w, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") < 0) {
		free(w);
		return NULL;
	}
	return w;
}

int docx_xml_close(struct xw *w, int rc)
{
	if (!w)
		return -1;
	/* Elements left open are closed, as xmlTextWriterEndDocument did. */
	while (rc == 0 && w->depth > 0)
		if (xw_end(w) < 0)
			rc = -1;
	if (w->failed)
		rc = -1;
	buf_free(&w->names);
	free(w->name_at);
	free(w);
	return rc;
}

/* Ends a start tag whose attributes are all written. */
static int close_tag(struct xw *w, const char *how, size_t n)
{
	w->tag_open = false;
	return put(w, how, n);
}

int xw_start(struct xw *w, const char *name)
{
	size_t n = strlen(name);
	char *p;

	assert(n > 0);
	if (w->failed)
		return -1;
	if (w->depth == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 16;
		size_t *at = realloc(w->name_at, cap * sizeof(*at));

		if (!at) {
			w->failed = true;
			return -1;
		}
		w->name_at = at;
		w->cap = cap;
	}
	w->name_at[w->depth] = w->names.len;
	if (buf_put(&w->names, name, n + 1) < 0 || !(p = room(w, n + 3))) {
		w->failed = true;
		return -1;
	}
	if (w->tag_open) {
		*p++ = '>';
		*p++ = '\n';
	}
	*p++ = '<';
	memcpy(p, name, n);
	buf_added(w->out, p + n);
	w->depth++;
	w->tag_open = true;
	return 0;
}

int xw_end(struct xw *w)
{
	size_t n;
	char *p;

	if (w->failed || w->depth == 0)
		return -1;
	n = w->names.len - w->name_at[w->depth - 1] - 1;
	if (!(p = room(w, n + 4)))
		return -1;
	if (w->tag_open) {
		memcpy(p, "/>\n", 3);
		p += 3;
		w->tag_open = false;
	} else {
		*p++ = '<';
		*p++ = '/';
		memcpy(p, w->names.data + w->name_at[w->depth - 1], n);
		p += n;
		*p++ = '>';
		*p++ = '\n';
	}
	buf_added(w->out, p);
	w->depth--;
	w->names.len = w->name_at[w->depth];
	return 0;
}

/* Text through xmlutil_put_xml, the writer's failure kept. */
static int put_escaped(struct xw *w, const char *text, bool attribute)
{
	if (!w->failed && xmlutil_put_xml(w->out, text, attribute) < 0)
		w->failed = true;
	return w->failed ? -1 : 0;
}

int xw_attr(struct xw *w, const char *name, const char *value)
{
	size_t n, v;
	char *p;

	if (w->failed || !w->tag_open)
		return -1;
	v = plain_len(value);
	if (v == SIZE_MAX)
		return put(w, " ", 1) || put_str(w, name) || put(w, "=\"", 2) ||
		       put_escaped(w, value, true) || put(w, "\"", 1) ? -1 : 0;
	n = strlen(name);
	if (!(p = room(w, n + v + 4)))
		return -1;
	*p++ = ' ';
	memcpy(p, name, n);
	p += n;
	*p++ = '=';
	*p++ = '"';
	memcpy(p, value, v);
	p += v;
	*p++ = '"';
	buf_added(w->out, p);
	return 0;
}

/* As "%ld" writes it; snprintf was a twentieth of a run. */
int xw_attr_int(struct xw *w, const char *name, long value)
{
	char num[24], *p = num + sizeof(num);
	unsigned long u = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (value < 0)
		*--p = '-';
	return xw_attr(w, name, p);
}

int xw_empty(struct xw *w, const char *name)
{
	return xw_start(w, name) || xw_end(w) ? -1 : 0;
}

int xw_val(struct xw *w, const char *name, const char *value)
{
	return xw_start(w, name) || xw_attr(w, "w:val", value) || xw_end(w)
		       ? -1 : 0;
}

int xw_val_int(struct xw *w, const char *name, long value)
{
	return xw_start(w, name) || xw_attr_int(w, "w:val", value) ||
			       xw_end(w) ? -1 : 0;
}

/* Text, even empty, ends the start tag: <w:t></w:t>, as before. */
int xw_text(struct xw *w, const char *text)
{
	if (w->failed || w->depth == 0 || (w->tag_open && close_tag(w, ">", 1) < 0))
		return -1;
	return put_escaped(w, text, false);
}

int xw_element_text(struct xw *w, const char *name, const char *text)
{
	return xw_start(w, name) || xw_text(w, text) || xw_end(w) ? -1 : 0;
}
