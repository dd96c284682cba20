/* xmlutil.c - safe XML reading. */
#include "base/xmlutil.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "base/buf.h"

struct err_ctx {
	struct diag *d;
	const char *name;
	size_t doctype; /* where the parser stood when it met a DOCTYPE, or 0 */
};

static void collect_error(void *ctx, xmlErrorPtr e)
{
	struct err_ctx *ec = ctx;
	char msg[512];
	size_t n;

	if (!e || !e->message)
		return;
	n = strlen(e->message);
	if (n >= sizeof(msg))
		n = sizeof(msg) - 1;
	memcpy(msg, e->message, n);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	msg[n] = '\0';
	diag_error(ec->d, ec->name, e->line, e->int2 > 0 ? e->int2 : 0, "%s", msg);
}

/* The SAX handler for "<!DOCTYPE name …": stops the parser there, before
 * it reads a single declaration, so that an entity loop or an external
 * file is never looked at, and notes where (one error, at the DOCTYPE,
 * rather than libxml2's errors about what it declares). */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
			   const xmlChar *system_id)
{
	xmlParserCtxtPtr pc = ctx;
	struct err_ctx *ec = pc->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	ec->doctype = pc->input && pc->input->cur > pc->input->base
		      ? (size_t)(pc->input->cur - pc->input->base) : 1;
	xmlStopParser(pc);
}

/* Where the last "<!DOCTYPE" before end starts in data, or data itself. */
static const char *doctype_start(const char *data, size_t end)
{
	size_t i;

	for (i = end; i-- > 0;)
		if (data[i] == '<' && end - i >= 9 && memcmp(data + i, "<!DOCTYPE", 9) == 0)
			return data + i;
	return data;
}

static xmlDocPtr read_memory(const char *data, size_t len, const char *name, int options,
			     struct diag *d)
{
	struct err_ctx ec = { .d = d, .name = name };
	xmlParserCtxtPtr pc;
	xmlDocPtr x;
	size_t before = d->errors;

	if (len > XMLUTIL_MAX_BYTES) {
		diag_error(d, name, 0, 0, "file too large (%zu bytes; the limit is %zu)",
			   len, XMLUTIL_MAX_BYTES);
		return NULL;
	}
	pc = xmlNewParserCtxt();
	if (!pc) {
		diag_error(d, name, 0, 0, "out of memory");
		return NULL;
	}
	pc->_private = &ec;
	pc->sax->internalSubset = refuse_doctype;
	/* libxml2 2.9 has no per-context structured handler for the parser;
	 * the global one is thread-local and restored straight after. */
	xmlSetStructuredErrorFunc(&ec, collect_error);
	x = xmlCtxtReadMemory(pc, data, (int)len, name, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOCDATA | options);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (x && (!pc->wellFormed || ec.doctype || x->intSubset || x->extSubset)) {
		xmlFreeDoc(x);
		x = NULL;
	}
	xmlFreeParserCtxt(pc);
	if (ec.doctype) {
		/* The parser stood after the name: the declaration's line and
		 * column are counted in the text. */
		const char *dt = doctype_start(data, ec.doctype < len ? ec.doctype : len), *p;
		long line = 1, col = 1;
		for (p = data; p < dt; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		}
		diag_error(d, name, line, col,
			   "a DOCTYPE is not allowed here (no DTDs or entities are read)");
		return NULL;
	}
	if (!x) {
		if (d->errors == before)
			diag_error(d, name, 0, 0, "not well-formed XML");
		return NULL;
	}
	return x;
}

xmlDocPtr xmlutil_read_memory(const char *data, size_t len, const char *name,
			      struct diag *d)
{
	return read_memory(data, len, name, 0, d);
}

xmlDocPtr xmlutil_read_memory_readonly(const char *data, size_t len, const char *name,
				       struct diag *d)
{
	return read_memory(data, len, name, XML_PARSE_COMPACT, d);
}

xmlDocPtr xmlutil_read_file(const char *path, struct diag *d)
{
	struct buf b = BUF_INIT;
	xmlDocPtr x;

	if (buf_read_file(&b, path, XMLUTIL_MAX_BYTES) < 0) {
		if (errno == EFBIG)
			diag_error(d, path, 0, 0, "file too large (the limit is %zu bytes)",
				   XMLUTIL_MAX_BYTES);
		else
			diag_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	x = xmlutil_read_memory(buf_str(&b), b.len, path, d);
	buf_free(&b);
	return x;
}

xmlRelaxNGPtr xmlutil_load_rng(const char *path, struct diag *d)
{
	struct err_ctx ec = { .d = d, .name = path };
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr rng = NULL;

	pc = xmlRelaxNGNewParserCtxt(path);
	if (pc) {
		xmlRelaxNGSetParserStructuredErrors(pc, collect_error, &ec);
		rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	if (!rng)
		diag_error(d, path, 0, 0, "cannot load the schema");
	return rng;
}

int xmlutil_validate_rng(xmlDocPtr doc, xmlRelaxNGPtr rng, const char *name,
			 struct diag *d)
{
	struct err_ctx ec = { .d = d, .name = name };
	xmlRelaxNGValidCtxtPtr vc;
	size_t before = d->errors;
	int rc;

	vc = xmlRelaxNGNewValidCtxt(rng);
	if (!vc) {
		diag_error(d, name, 0, 0, "out of memory");
		return -1;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, collect_error, &ec);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc == 0)
		return 0;
	if (d->errors == before)
		diag_error(d, name, 0, 0, "does not match its schema");
	return -1;
}

char *xmlutil_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

int xmlutil_int_attr(xmlNodePtr n, const char *name, int def, int lo, int hi, bool *bad)
{
	char *v = xmlutil_attr(n, name), *end = NULL;
	long k;

	if (!v)
		return def;
	k = strtol(v, &end, 10);
	if (!*v || *end || k < lo || k > hi) {
		*bad = true;
		k = -1;
	}
	free(v);
	return (int)k;
}

char *xmlutil_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = strdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

int xmlutil_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	if (strcmp((const char *)n->name, name) != 0)
		return 0;
	if (!ns)
		return n->ns == NULL;
	return n->ns && strcmp((const char *)n->ns->href, ns) == 0;
}

/* What each escaping writes for an ASCII character; NULL: the character. */
static const char *const html_refs[128] = {
	['&'] = "&amp;", ['"'] = "&quot;", ['<'] = "&lt;", ['>'] = "&gt;", ['\''] = "&#39;",
};
static const char *const xml_text_refs[128] = {
	['&'] = "&amp;", ['"'] = "&quot;", ['<'] = "&lt;", ['>'] = "&gt;", ['\r'] = "&#13;",
};
static const char *const xml_attr_refs[128] = {
	['&'] = "&amp;", ['"'] = "&quot;", ['<'] = "&lt;", ['>'] = "&gt;", ['\r'] = "&#13;",
	['\n'] = "&#10;", ['\t'] = "&#9;",
};

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

/* Appends len bytes of text, each ASCII character that refs names as its
 * reference; xml10: what XML 1.0 cannot hold is left out. */
static int put_escaped(struct buf *b, const char *text, size_t len,
		       const char *const refs[128], bool xml10)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, run = 0, k;

	while (i < len) {
		const char *ref = s[i] < 128 ? refs[s[i]] : NULL;

		k = xml10 ? xml_char_len(s + i, len - i) : 1;
		if (k > 0 && !ref) {
			i += k;
			continue;
		}
		if (buf_put(b, text + run, i - run) < 0 || (ref && buf_puts(b, ref) < 0))
			return -1;
		i += k ? k : 1;
		run = i;
	}
	return buf_put(b, text + run, i - run);
}

int xmlutil_put_html_n(struct buf *b, const char *s, size_t len)
{
	return put_escaped(b, s, len, html_refs, false);
}

int xmlutil_put_html(struct buf *b, const char *s)
{
	return xmlutil_put_html_n(b, s, strlen(s));
}

int xmlutil_put_xml(struct buf *b, const char *s, bool attribute)
{
	return put_escaped(b, s, strlen(s), attribute ? xml_attr_refs : xml_text_refs, true);
}
