/* docx_xml.c - xmlTextWriter helpers for the DOCX parts: a writer into a
 * struct buf, and text cleaned of what XML 1.0 cannot hold. */
#include "docx.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libxml/xmlIO.h>

static int write_to_buf(void *ctx, const char *p, int n)
{
	if (n < 0 || buf_put(ctx, p, (size_t)n) < 0)
		return -1;
	return n;
}

xmlTextWriterPtr docx_xml_open(struct buf *out)
{
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w;

	ob = xmlOutputBufferCreateIO(write_to_buf, NULL, out, NULL);
	if (!ob)
		return NULL;
	w = xmlNewTextWriter(ob); /* owns ob from here on */
	if (!w) {
		xmlOutputBufferClose(ob);
		return NULL;
	}
	/* One element a line: golden files diff well, and white space
	 * between WordprocessingML elements means nothing. */
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST " ") < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes") < 0) {
		xmlFreeTextWriter(w);
		return NULL;
	}
	return w;
}

int docx_xml_close(xmlTextWriterPtr w, int rc)
{
	if (!w)
		return -1;
	if (rc == 0 && (xmlTextWriterEndDocument(w) < 0 ||
			xmlTextWriterFlush(w) < 0))
		rc = -1;
	xmlFreeTextWriter(w);
	return rc;
}

int xw_start(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElement(w, BAD_CAST name) < 0 ? -1 : 0;
}

int xw_end(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

int xw_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value) < 0
		       ? -1 : 0;
}

int xw_attr_int(xmlTextWriterPtr w, const char *name, long value)
{
	return xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%ld",
						 value) < 0 ? -1 : 0;
}

int xw_empty(xmlTextWriterPtr w, const char *name)
{
	return xw_start(w, name) || xw_end(w) ? -1 : 0;
}

int xw_val(xmlTextWriterPtr w, const char *name, const char *value)
{
	return xw_start(w, name) || xw_attr(w, "w:val", value) || xw_end(w)
		       ? -1 : 0;
}

int xw_val_int(xmlTextWriterPtr w, const char *name, long value)
{
	return xw_start(w, name) || xw_attr_int(w, "w:val", value) ||
			       xw_end(w) ? -1 : 0;
}

/* Length of the character at s (n bytes left) when it is well-formed
 * UTF-8 and a character XML 1.0 allows (#x9 #xA #xD #x20-#xD7FF
 * #xE000-#xFFFD #x10000-#x10FFFF); 0 when it must be left out. */
static size_t xml_char_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' ||
		       s[0] == '\r';
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond Unicode, non-characters. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ||
	    c == 0xfffe || c == 0xffff)
		return 0;
	return len;
}

int xw_text(xmlTextWriterPtr w, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0, k;
	struct buf clean = BUF_INIT;
	int rc;

	while (i < n && (k = xml_char_len(s + i, n - i)) > 0)
		i += k;
	if (i == n)
		return xmlTextWriterWriteString(w, BAD_CAST text) < 0 ? -1 : 0;
	/* Rare: copy what may be kept. */
	if (buf_put(&clean, text, i) < 0)
		return -1;
	while (i < n) {
		k = xml_char_len(s + i, n - i);
		if (k == 0) {
			i++;
			continue;
		}
		if (buf_put(&clean, text + i, k) < 0)
			return -1;
		i += k;
	}
	rc = xmlTextWriterWriteString(w, BAD_CAST buf_str(&clean)) < 0 ? -1 : 0;
	buf_free(&clean);
	return rc;
}

int xw_element_text(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xw_start(w, name) || xw_text(w, text) || xw_end(w) ? -1 : 0;
}
