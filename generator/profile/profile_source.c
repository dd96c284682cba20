/* profile_source.c - the profile's bytes: read under a cap, scanned for
 * start tags before any parser sees them, and every place in them turned
 * into a line and a column. */
#include "profile/profile_source.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/file.h"
#include "profile/profile.h"
#include "base/text.h"

/* What the file is, for messages: "profile" unless the reader said. */
static const char *what(const struct src *s)
{
	return s->what ? s->what : "profile";
}

int profile_src_read(struct src *s, const char *path, struct diag *d)
{
	size_t max = s->max ? s->max : PROFILE_MAX_BYTES;
	struct buf b = BUF_INIT;
	char chunk[65536];
	const char *kind;
	int fd = file_open_regular(path, &kind), rc = -1;
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "rb");
	size_t n;

	if (fd < 0 && kind) {
		diag_error(d, path, 0, 0, "cannot read the %s: it is %s, not a regular file",
			   what(s), kind);
		return -1;
	}
	if (!fp) {
		diag_error(d, path, 0, 0, "cannot open the %s: %s", what(s), strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > max) {
			diag_error(d, path, 0, 0, "the %s is larger than %zu MiB", what(s),
				   max >> 20);
			goto out;
		}
		if (buf_put(&b, chunk, n) < 0)
			goto oom;
	}
	if (ferror(fp)) {
		diag_error(d, path, 0, 0, "cannot read the %s: %s", what(s), strerror(errno));
		goto out;
	}
	s->len = b.len;
	s->text = buf_detach(&b, NULL);
	if (!s->text)
		goto oom;
	rc = 0;
	goto out;
oom:
	diag_error(d, path, 0, 0, "out of memory while reading the %s", what(s));
out:
	buf_free(&b);
	fclose(fp);
	return rc;
}

/* Line and column (in characters, from 1) of byte off, as libxml2 counts. */
static void src_pos(const struct src *s, size_t off, long *line, long *col)
{
	size_t lo = 0, hi = s->nlines, i, c = 1;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	i = s->lines[lo];
	if (lo == 0 && s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0)
		i = off < 3 ? off : 3; /* a byte-order mark takes no column */
	for (; i < off; i++)
		c += !text_is_cont((unsigned char)s->text[i]);
	*line = (long)lo + 1;
	*col = (long)c;
}

size_t profile_src_offset(const struct src *s, long line, long col)
{
	size_t i;
	long c = 1;

	if (line < 1 || s->nlines == 0)
		return 0;
	if ((size_t)line > s->nlines)
		return s->len;
	i = s->lines[line - 1];
	if (line == 1 && s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte-order mark takes no column */
	for (; i < s->len && c < col && s->text[i] != '\n'; c++)
		for (i++; i < s->len && text_is_cont((unsigned char)s->text[i]); i++)
			;
	return i;
}

static void src_error(const struct src *s, const char *path, struct diag *d,
		      size_t off, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void src_error(const struct src *s, const char *path, struct diag *d,
		      size_t off, const char *fmt, ...)
{
	long line, col;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = text_vformat(fmt, ap);
	va_end(ap);
	src_pos(s, off, &line, &col);
	diag_error(d, path, line, col, "%s", msg ? msg : "out of memory");
	free(msg);
}

static const char *find(const char *p, const char *end, const char *what)
{
	size_t n = strlen(what);

	for (; p + n <= end; p++) {
		p = memchr(p, what[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, what, n) == 0)
			return p + n;
	}
	return NULL;
}

static bool starts(const char *p, const char *end, const char *with)
{
	size_t n = strlen(with);

	return (size_t)(end - p) >= n && memcmp(p, with, n) == 0;
}

/* The '>' ending the start tag at p, skipping quoted attribute values. */
static const char *tag_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			p = memchr(p + 1, *p, (size_t)(end - p - 1));
			if (!p)
				return NULL;
		} else if (*p == '>') {
			return p;
		}
	}
	return NULL;
}

static int src_add_tag(struct src *s, size_t off, size_t end)
{
	struct tag *t = array_grow(s->tags, &s->cap, s->ntags, sizeof(*t));

	if (!t)
		return -1;
	s->tags = t;
	s->tags[s->ntags++] = (struct tag){ .off = off, .end = end, .entry = -1 };
	return 0;
}

/* Indexes the lines and finds every start tag. Refuses, before any parser
 * sees them: NUL bytes (UTF-16 and other text that is not UTF-8), any
 * DOCTYPE (entities, external files: XXE, "billion laughs") and nesting
 * deeper than PROFILE_MAX_DEPTH. Stops quietly at anything malformed, which
 * the parser then reports with its place. */
int profile_src_scan(struct src *s, const char *path, struct diag *d)
{
	const char *t = s->text, *end = t + s->len, *p = t, *q;
	size_t i, n = 1;
	int depth = 0;

	if (s->len >= 2 && (memcmp(t, "\xFF\xFE", 2) == 0 || memcmp(t, "\xFE\xFF", 2) == 0)) {
		diag_error(d, path, 1, 1, "the %s is UTF-16 text; save it as UTF-8", what(s));
		return -1;
	}
	for (i = 0; i < s->len; i++)
		n += t[i] == '\n';
	s->lines = malloc(n * sizeof(*s->lines));
	if (!s->lines)
		goto oom;
	s->lines[0] = 0;
	for (i = 0, n = 1; i < s->len; i++)
		if (t[i] == '\n')
			s->lines[n++] = i + 1;
	s->nlines = n;
	if ((q = memchr(t, '\0', s->len))) {
		src_error(s, path, d, (size_t)(q - t),
			  "the %s contains a NUL byte; save it as UTF-8 text", what(s));
		return -1;
	}

	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if (starts(p, end, "<!--")) {
			q = find(p + 4, end, "-->");
		} else if (starts(p, end, "<![CDATA[")) {
			q = find(p + 9, end, "]]>");
		} else if (starts(p, end, "<?")) {
			q = find(p + 2, end, "?>");
		} else if (starts(p, end, "<!DOCTYPE")) {
			src_error(s, path, d, (size_t)(p - t),
				  "a %s must not contain a DOCTYPE (DTDs and entities are not supported)", what(s));
			return -1;
		} else if (starts(p, end, "</")) {
			depth--;
			q = memchr(p, '>', (size_t)(end - p));
			q = q ? q + 1 : NULL;
		} else if (p + 1 < end && (p[1] == '_' || p[1] == ':' ||
					   (unsigned)((p[1] | 0x20) - 'a') < 26 || (unsigned char)p[1] >= 0x80)) {
			q = tag_end(p, end);
			if (!q)
				return 0;
			if (src_add_tag(s, (size_t)(p - t), (size_t)(q - t)) < 0)
				goto oom;
			if (q[-1] != '/' && ++depth > PROFILE_MAX_DEPTH) {
				src_error(s, path, d, (size_t)(p - t),
					  "elements are nested more than %d levels deep",
				  PROFILE_MAX_DEPTH);
				return -1;
			}
			q++;
		} else {
			return 0;
		}
		if (!q)
			return 0;
		p = q;
	}
	return 0;
oom:
	diag_error(d, path, 0, 0, "out of memory while reading the %s", what(s));
	return -1;
}

void profile_src_free(struct src *s)
{
	free(s->text);
	free(s->lines);
	free(s->tags);
}

static void link_count(xmlNodePtr n, size_t *count)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		(*count)++;
		link_count(n->children, count);
	}
}

static void link_assign(xmlNodePtr n, struct tag *tags, size_t *i)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		tags[*i].line = xmlGetLineNo(n);
		n->_private = &tags[(*i)++];
		link_assign(n->children, tags, i);
	}
}

/* Should the scan and the parser ever disagree, elements keep libxml2's
 * line and lose their column. */
int profile_src_link(struct src *s, xmlDocPtr doc)
{
	size_t n = 0, i = 0;

	link_count(doc->children, &n);
	if (n != s->ntags) {
		struct tag *t = calloc(n ? n : 1, sizeof(*t));
		if (!t)
			return -1;
		for (i = 0; i < n; i++)
			t[i] = (struct tag){ .off = SRC_NO_OFF, .end = SRC_NO_OFF, .entry = -1 };
		free(s->tags);
		s->tags = t;
		s->ntags = s->cap = n;
		i = 0;
	}
	link_assign(doc->children, s->tags, &i);
	return 0;
}

struct tag *profile_src_tag(xmlNodePtr x)
{
	return x ? x->_private : NULL;
}

size_t profile_src_attr_off(const struct src *src, xmlNodePtr x, const char *name)
{
	const struct tag *t = profile_src_tag(x);
	const char *s = src->text;
	size_t i, start, n = strlen(name);

	if (!t || t->off == SRC_NO_OFF)
		return SRC_NO_OFF;
	for (i = t->off + 1; i < t->end && !text_is_space(s[i]) && s[i] != '/'; i++)
		;
	while (i < t->end) {
		while (i < t->end && (text_is_space(s[i]) || s[i] == '/'))
			i++;
		for (start = i; i < t->end && s[i] != '=' && !text_is_space(s[i]); i++)
			;
		if (i - start == n && memcmp(s + start, name, n) == 0)
			return start;
		while (i < t->end && s[i] != '"' && s[i] != '\'')
			i++;
		if (i < t->end) {
			const char *q = memchr(s + i + 1, s[i], t->end - i - 1);
			if (!q)
				break;
			i = (size_t)(q - s) + 1;
		}
	}
	return SRC_NO_OFF;
}

size_t profile_src_text_off(const struct src *src, xmlNodePtr x)
{
	const struct tag *t = profile_src_tag(x);
	const char *s = src->text;
	size_t i;

	if (!t || t->off == SRC_NO_OFF || s[t->end - 1] == '/')
		return SRC_NO_OFF;
	for (i = t->end + 1; i < src->len && text_is_space(s[i]); i++)
		;
	return i < src->len && s[i] != '<' ? i : SRC_NO_OFF;
}

size_t profile_src_word_off(const struct src *src, xmlNodePtr x, const char *word,
		    size_t nth)
{
	const char *s = src->text;
	size_t i = profile_src_text_off(src, x), start, n = strlen(word);

	if (i == SRC_NO_OFF)
		return SRC_NO_OFF;
	while (i < src->len && s[i] != '<') {
		if (text_is_space(s[i])) {
			i++;
			continue;
		}
		for (start = i; i < src->len && s[i] != '<' && !text_is_space(s[i]); i++)
			;
		if (i - start == n && memcmp(s + start, word, n) == 0 && nth-- == 0)
			return start;
	}
	return profile_src_text_off(src, x);
}

void profile_src_place(const struct src *src, xmlNodePtr x, size_t off, long *line,
	       long *col)
{
	const struct tag *t = profile_src_tag(x);

	if (off == SRC_NO_OFF && t)
		off = t->off;
	if (off != SRC_NO_OFF) {
		src_pos(src, off, line, col);
		return;
	}
	*line = t ? t->line : x ? xmlGetLineNo(x) : 0;
	*col = 0;
}
