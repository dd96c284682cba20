/* profile.c - profile.xml -> model, every mistake reported with its place.
 *
 * The steps: read the bytes (capped); scan them for start tags, which gives
 * every element a column and refuses a DOCTYPE or deep nesting before any
 * parser sees them; parse with libxml2 (no network, no DTD, no entities);
 * validate against profile.rng; then walk the tree once more, checking its
 * structure against the schema's own element and attribute lists and every
 * value with a precise message, while filling the model. libxml2's
 * validity errors are reported last, and only where the walk said nothing
 * more precise about the same element. */
#include "profile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define NO_OFF SIZE_MAX
#define NONE SIZE_MAX
#define MAX_ERRORS 100 /* then stop: a hostile file may hold millions */
#define LIST_SHOWN 10  /* names listed in a "not defined" message */
#define CLIP_CHARS 60  /* characters of a wrong value quoted in a message */
#define CLIP_SIZE (CLIP_CHARS * 4 + 4)
#define RNG_DEPTH 16   /* <ref>s and elements followed in the schema */

#define NAME(x) ((const char *)(x)->name)

/* ------------------------------------------------------------------ */
/* What values must look like                                          */
/* ------------------------------------------------------------------ */

enum shape {
	SHAPE_ID,
	SHAPE_CODE,
	SHAPE_LANG,
	SHAPE_DATE,
	SHAPE_EMAIL,
	SHAPE_URL,
	SHAPE_COUNTRY,
	SHAPE_REVISION,
	SHAPE_MESSAGE_ID,
	NSHAPES
};

/* PCRE2 patterns, compiled once per load, and how to say what is wanted.
 * Ids match model.h's promise; e-mail and URL are stricter than the
 * schema, which only gives editors a first check. */
static const struct {
	const char *re;
	const char *what;
	const char *expected;
} shapes[NSHAPES] = {
	[SHAPE_ID] = { "^[a-z0-9][a-z0-9-]{0,63}$", "id",
		       "1-64 lowercase letters, digits and hyphens, starting with a letter or a digit" },
	[SHAPE_CODE] = { "^[a-z0-9][a-z0-9-]{0,15}$", "code",
			 "1-16 lowercase letters, digits and hyphens, starting with a letter or a digit" },
	[SHAPE_LANG] = { "^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$", "language",
			 "a language tag such as ja, en or en-GB" },
	[SHAPE_DATE] = { "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "date",
			 "YYYY-MM-DD, e.g. 2025-04-01" },
	[SHAPE_EMAIL] = { "^(?=.{1,254}$)(?=[^@]{1,64}@)"
			  "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
			  "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$",
			  "e-mail address", "name@domain, e.g. sato@example.co.jp" },
	[SHAPE_URL] = { "^(?=.{1,2000}$)https://"
			"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"
			"(?::[0-9]{1,5})?"
			"(?:[/?#](?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)?$",
			"URL", "https://host/path, e.g. https://www.example.co.jp/security/" },
	[SHAPE_COUNTRY] = { "^[A-Z]{2}$", "country",
			    "an ISO 3166 two-letter code in capitals, e.g. JP or TW" },
	[SHAPE_REVISION] = { "^[0-9]{1,3}(?:\\.[0-9]{1,3}){0,2}$", "revision number",
			     "numbers separated by dots, e.g. 1.0 or 2.1" },
	[SHAPE_MESSAGE_ID] = { "^(?=.{1,128}$)[a-z0-9][a-z0-9_-]*(?:\\.[a-z0-9][a-z0-9_-]*)*$",
			       "message id", "words separated by dots, e.g. policy.purpose.body" },
};

/* ------------------------------------------------------------------ */
/* State of one load                                                   */
/* ------------------------------------------------------------------ */

/* A start tag found in the raw text. The n-th start tag is the n-th
 * element of the parsed tree, which is how elements get their column. */
struct tag {
	size_t off;     /* of its '<'; NO_OFF when the scan could not place it */
	size_t end;     /* of the '>' that closes the start tag */
	long line;      /* from libxml2, when off is NO_OFF */
	int entry;      /* its schema entry; -1 when the schema does not know it */
	unsigned marks; /* MARK_*: what the checks said about it */
};

enum {
	MARK_VALUE = 1,   /* an attribute or the text is wrong */
	MARK_UNKNOWN = 2, /* the element is not allowed where it is */
	MARK_MISSING = 4, /* a required child is missing */
	MARK_SCHEMA = 8   /* libxml2's validity error was reported */
};

struct src {
	char *text;
	size_t len;
	size_t *lines; /* offset where each line starts */
	size_t nlines;
	struct tag *tags; /* start tags, in document order */
	size_t ntags, cap;
};

/* An attribute or child element an element may have, per the schema. */
struct rng_item {
	const char *name; /* borrowed from the schema document */
	xmlNodePtr def;   /* its <attribute> or <element> pattern */
	bool required;
	bool repeats;
	int entry; /* child elements: their entry; -1 when not indexed */
};

/* One element of the schema, as reached from its parent. */
struct rng_entry {
	const char *parent; /* "" for the root */
	const char *name;
	xmlNodePtr def;
	struct rng_item *attrs, *kids;
	size_t nattrs, nkids;
};

struct rng {
	const char *path;
	xmlDocPtr doc;       /* the schema read as XML: lists, limits, names */
	xmlRelaxNGPtr valid; /* the same, compiled for validation */
	struct rng_entry *v;
	size_t n, cap;
};

/* A validity error from libxml2, held until the checks have run. */
struct rng_error {
	int code;
	xmlNodePtr node;
	char *str1, *str2, *msg;
	long line;
};

/* Keys (ids) in document order, and sorted for lookups and duplicates. */
struct index_item {
	const char *key;
	size_t i;
};

struct index {
	const char **keys; /* borrowed strings; NULL where a key is invalid */
	size_t nkeys;
	struct index_item *v; /* the non-NULL keys by key, then position */
	size_t n;
};

struct loader {
	const char *path;
	struct diag *d;
	const struct strlist *builtin_roles;
	const char *parsing; /* the file libxml2 is reading: the profile or the schema */
	struct src src;
	struct rng rng;
	xmlDocPtr doc;
	pcre2_code *re[NSHAPES];
	pcre2_match_data *md;
	struct rng_error *errs;
	size_t nerrs, caperrs;
	struct profile *p;
	struct index people, roles, products;
	size_t reported; /* errors added to d by this load */
	bool fatal;      /* the parser stopped: what it says next is an echo */
	bool oom;
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static void *xcalloc(struct loader *ld, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	p = calloc(n, size);
	if (!p)
		ld->oom = true;
	return p;
}

static char *xstrdup(struct loader *ld, const char *s)
{
	char *c;

	if (!s)
		return NULL;
	c = strdup(s);
	if (!c)
		ld->oom = true;
	return c;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_cont(int c)
{
	return (c & 0xC0) == 0x80;
}

/* Characters (code points) in s; s is valid UTF-8, libxml2 saw to that. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += !is_cont((unsigned char)*s);
	return n;
}

static uint32_t utf8_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	if (u[0] < 0xF0)
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
		       (u[2] & 0x3F);
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
	       (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
}

/* Japanese and Chinese are written without spaces between words, so a
 * line break between two such characters is not a space (as CSS does it). */
static bool is_wide(uint32_t c)
{
	return c >= 0x2E80 && !(c >= 0x3130 && c <= 0x318F) &&
	       !(c >= 0xAC00 && c <= 0xD7AF);
}

/* The text with XML white space trimmed and each inner run folded to one
 * space, or to nothing where a line break joins two wide characters.
 * Caller frees; NULL on OOM. */
static char *fold_space(const char *s)
{
	struct buf b = BUF_INIT;
	size_t i = 0, j, n = strlen(s);

	while (i < n && is_space(s[i]))
		i++;
	if (buf_put(&b, "", 0) < 0)
		return NULL;
	while (i < n) {
		bool newline = false;
		size_t k;

		for (j = i; j < n && !is_space(s[j]); j++)
			;
		if (buf_put(&b, s + i, j - i) < 0)
			return NULL;
		for (i = j; j < n && is_space(s[j]); j++)
			newline |= s[j] == '\n';
		if (j == n)
			break;
		for (k = i; k > 0 && is_cont((unsigned char)s[k - 1]); k--)
			;
		if (!(newline && k > 0 && is_wide(utf8_at(s + k - 1)) &&
		      is_wide(utf8_at(s + j))) &&
		    buf_putc(&b, ' ') < 0)
			return NULL;
		i = j;
	}
	return buf_detach(&b, NULL);
}

/* v, cut to CLIP_CHARS characters, for quoting in a message. */
static const char *clip(const char *v, char tmp[CLIP_SIZE])
{
	size_t i, chars = 0;

	for (i = 0; v[i]; i++) {
		if (!is_cont((unsigned char)v[i]) && chars++ == CLIP_CHARS) {
			memcpy(tmp, v, i);
			memcpy(tmp + i, "\xE2\x80\xA6", 4); /* … */
			return tmp;
		}
	}
	return v;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* ------------------------------------------------------------------ */
/* The raw text: reading, scanning, places                             */
/* ------------------------------------------------------------------ */

static int src_read(struct src *s, const char *path, struct diag *d)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;
	int rc = -1;

	if (!fp) {
		diag_error(d, path, 0, 0, "cannot open the profile: %s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > PROFILE_MAX_BYTES) {
			diag_error(d, path, 0, 0, "the profile is larger than %zu MiB",
				   PROFILE_MAX_BYTES >> 20);
			goto out;
		}
		if (buf_put(&b, chunk, n) < 0)
			goto oom;
	}
	if (ferror(fp)) {
		diag_error(d, path, 0, 0, "cannot read the profile: %s", strerror(errno));
		goto out;
	}
	s->len = b.len;
	s->text = buf_detach(&b, NULL);
	if (!s->text)
		goto oom;
	rc = 0;
	goto out;
oom:
	diag_error(d, path, 0, 0, "out of memory while reading the profile");
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
		c += !is_cont((unsigned char)s->text[i]);
	*line = (long)lo + 1;
	*col = (long)c;
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
	msg = vformat(fmt, ap);
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
	if (s->ntags == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		struct tag *t = realloc(s->tags, cap * sizeof(*t));
		if (!t)
			return -1;
		s->tags = t;
		s->cap = cap;
	}
	s->tags[s->ntags++] = (struct tag){ off, end, 0, -1, 0 };
	return 0;
}

/* Indexes the lines and finds every start tag. Refuses, before any parser
 * sees them: NUL bytes (UTF-16 and other text that is not UTF-8), any
 * DOCTYPE (entities, external files: XXE, "billion laughs") and nesting
 * deeper than PROFILE_MAX_DEPTH. Stops quietly at anything malformed, which
 * the parser then reports with its place. */
static int src_scan(struct src *s, const char *path, struct diag *d)
{
	const char *t = s->text, *end = t + s->len, *p = t, *q;
	size_t i, n = 1;
	int depth = 0;

	if (s->len >= 2 && (memcmp(t, "\xFF\xFE", 2) == 0 || memcmp(t, "\xFE\xFF", 2) == 0)) {
		diag_error(d, path, 1, 1, "the profile is UTF-16 text; save it as UTF-8");
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
			  "the profile contains a NUL byte; save it as UTF-8 text");
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
				  "a profile must not contain a DOCTYPE (DTDs and entities are not supported)");
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
	diag_error(d, path, 0, 0, "out of memory while reading the profile");
	return -1;
}

static void src_free(struct src *s)
{
	free(s->text);
	free(s->lines);
	free(s->tags);
}

static struct tag *tag_of(xmlNodePtr x)
{
	return x ? x->_private : NULL;
}

/* Offset of attribute name in x's start tag, or NO_OFF. */
static size_t attr_off(const struct loader *ld, xmlNodePtr x, const char *name)
{
	const struct tag *t = tag_of(x);
	const char *s = ld->src.text;
	size_t i, start, n = strlen(name);

	if (!t || t->off == NO_OFF)
		return NO_OFF;
	for (i = t->off + 1; i < t->end && !is_space(s[i]) && s[i] != '/'; i++)
		;
	while (i < t->end) {
		while (i < t->end && (is_space(s[i]) || s[i] == '/'))
			i++;
		for (start = i; i < t->end && s[i] != '=' && !is_space(s[i]); i++)
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
	return NO_OFF;
}

/* Offset of the first character of x's text, or NO_OFF. */
static size_t text_off(const struct loader *ld, xmlNodePtr x)
{
	const struct tag *t = tag_of(x);
	const char *s = ld->src.text;
	size_t i;

	if (!t || t->off == NO_OFF || s[t->end - 1] == '/')
		return NO_OFF;
	for (i = t->end + 1; i < ld->src.len && is_space(s[i]); i++)
		;
	return i < ld->src.len && s[i] != '<' ? i : NO_OFF;
}

/* Offset of the nth (from 0) whole-word occurrence of word in x's text. */
static size_t word_off(const struct loader *ld, xmlNodePtr x, const char *word,
		       size_t nth)
{
	const char *s = ld->src.text;
	size_t i = text_off(ld, x), start, n = strlen(word);

	if (i == NO_OFF)
		return NO_OFF;
	while (i < ld->src.len && s[i] != '<') {
		if (is_space(s[i])) {
			i++;
			continue;
		}
		for (start = i; i < ld->src.len && s[i] != '<' && !is_space(s[i]); i++)
			;
		if (i - start == n && memcmp(s + start, word, n) == 0 && nth-- == 0)
			return start;
	}
	return text_off(ld, x);
}

static void place(const struct loader *ld, xmlNodePtr x, size_t off, long *line,
		  long *col)
{
	const struct tag *t = tag_of(x);

	if (off == NO_OFF && t)
		off = t->off;
	if (off != NO_OFF) {
		src_pos(&ld->src, off, line, col);
		return;
	}
	*line = t ? t->line : x ? xmlGetLineNo(x) : 0;
	*col = 0;
}

static struct loc loc_of(const struct loader *ld, xmlNodePtr x)
{
	struct loc l;

	place(ld, x, NO_OFF, &l.line, &l.col);
	return l;
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */
/* ------------------------------------------------------------------ */

static void add_error(struct loader *ld, long line, long col, const char *msg)
{
	if (ld->reported == MAX_ERRORS)
		diag_error(ld->d, ld->path, 0, 0,
			   "too many errors; stopped after %d", MAX_ERRORS);
	if (ld->reported++ >= MAX_ERRORS)
		return;
	diag_error(ld->d, ld->path, line, col, "%s", msg);
}

static void verr(struct loader *ld, xmlNodePtr x, size_t off, unsigned mark,
		 const char *fmt, va_list ap)
{
	struct tag *t = tag_of(x);
	long line, col;
	char *msg;

	if (t)
		t->marks |= mark;
	if (ld->oom)
		return;
	msg = vformat(fmt, ap);
	if (!msg) {
		ld->oom = true;
		return;
	}
	place(ld, x, off, &line, &col);
	add_error(ld, line, col, msg);
	free(msg);
}

static void err_elem(struct loader *ld, xmlNodePtr x, unsigned mark,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void err_attr(struct loader *ld, xmlNodePtr x, const char *attr,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void err_text(struct loader *ld, xmlNodePtr x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void err_word(struct loader *ld, xmlNodePtr x, const char *word,
		     size_t nth, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* At the element's '<'. */
static void err_elem(struct loader *ld, xmlNodePtr x, unsigned mark,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, NO_OFF, mark, fmt, ap);
	va_end(ap);
}

/* At the attribute's name (the element, when it has no such attribute). */
static void err_attr(struct loader *ld, xmlNodePtr x, const char *attr,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, attr_off(ld, x, attr), MARK_VALUE, fmt, ap);
	va_end(ap);
}

/* At the element's text. */
static void err_text(struct loader *ld, xmlNodePtr x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, text_off(ld, x), MARK_VALUE, fmt, ap);
	va_end(ap);
}

/* At the nth occurrence of word in the element's text. */
static void err_word(struct loader *ld, xmlNodePtr x, const char *word,
		     size_t nth, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(ld, x, word_off(ld, x, word, nth), MARK_VALUE, fmt, ap);
	va_end(ap);
}

/* libxml2's message on one line, lower case first, as compilers write
 * them (caller frees; NULL on OOM). */
static char *one_line(const char *m)
{
	struct buf b = BUF_INIT;
	char *s;

	for (; *m; m++)
		if (buf_putc(&b, *m == '\n' ? ' ' : *m) < 0)
			return NULL;
	if (buf_put(&b, "", 0) < 0)
		return NULL;
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	s = buf_detach(&b, NULL);
	if (s && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
	return s;
}

static void keep_rng_error(struct loader *ld, xmlErrorPtr e)
{
	struct rng_error *r;

	if (ld->nerrs >= MAX_ERRORS)
		return;
	if (ld->nerrs == ld->caperrs) {
		size_t cap = ld->caperrs ? ld->caperrs * 2 : 16;
		r = realloc(ld->errs, cap * sizeof(*r));
		if (!r) {
			ld->oom = true;
			return;
		}
		ld->errs = r;
		ld->caperrs = cap;
	}
	r = &ld->errs[ld->nerrs++];
	r->code = e->code;
	r->node = e->node;
	r->line = e->line;
	r->str1 = xstrdup(ld, e->str1);
	r->str2 = xstrdup(ld, e->str2);
	r->msg = one_line(e->message);
	ld->oom |= !r->msg;
}

/* libxml2's one structured handler: parse errors go straight to d;
 * validity errors wait for the checks (report_rng_errors). */
static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct loader *ld = ctx;
	struct buf b = BUF_INIT;
	const char *file;
	char *msg;

	if (!e || !e->message)
		return;
	if (e->domain == XML_FROM_RELAXNGV) {
		keep_rng_error(ld, e);
		return;
	}
	if (ld->fatal && e->domain != XML_FROM_RELAXNGP)
		return;
	ld->fatal = e->level == XML_ERR_FATAL && ld->parsing == ld->path;
	if (e->code == XML_ERR_INVALID_CHAR && e->int1 > 0) {
		if (buf_printf(&b, "character U+%04X is not allowed in XML", (unsigned)e->int1) < 0)
			msg = NULL;
		else
			msg = buf_detach(&b, NULL);
	} else if (e->code == XML_ERR_INVALID_CHAR && e->str1 &&
	    strncmp(e->str1, "Bytes: ", 7) == 0) {
		/* libxml2 says "indicate encoding", but only UTF-8 is read. */
		if (buf_puts(&b, "the profile is not valid UTF-8 (bytes ") < 0 ||
		    buf_put(&b, e->str1 + 7, strcspn(e->str1 + 7, "\n")) < 0 ||
		    buf_puts(&b, "); save it as UTF-8") < 0)
			msg = NULL;
		else
			msg = buf_detach(&b, NULL);
	} else if (e->code == XML_ERR_DOCUMENT_EMPTY) {
		msg = strdup("the profile is empty");
	} else {
		msg = one_line(e->message);
	}
	file = e->domain == XML_FROM_RELAXNGP ? ld->rng.path :
	       e->file ? e->file : ld->parsing;
	if (!msg)
		ld->oom = true;
	else if (!file || strcmp(file, ld->path) != 0)
		diag_add(ld->d, e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR,
			 file, e->line, e->int2, "%s", msg);
	else if (e->level == XML_ERR_WARNING)
		diag_warning(ld->d, ld->path, e->line, e->int2, "%s", msg);
	else
		add_error(ld, e->line, e->int2, msg);
	free(msg);
}

/* ------------------------------------------------------------------ */
/* The schema as data                                                  */
/* ------------------------------------------------------------------ */

static bool rng_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (!name || strcmp(NAME(n), name) == 0);
}

/* The name attribute of a schema node, borrowed. */
static const char *rng_name(xmlNodePtr n)
{
	xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)"name", NULL);

	return a && a->children && a->children->type == XML_TEXT_NODE ?
		       (const char *)a->children->content :
		       NULL;
}

static const char *rng_text(xmlNodePtr n)
{
	return n->children && n->children->type == XML_TEXT_NODE ?
		       (const char *)n->children->content :
		       "";
}

static xmlNodePtr rng_define(const struct loader *ld, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(ld->rng.doc), n;
	const char *dn;

	for (n = root && name ? root->children : NULL; n; n = n->next)
		if (rng_is(n, "define") && (dn = rng_name(n)) && strcmp(dn, name) == 0)
			return n;
	return NULL;
}

/* Visits the patterns under n depth first, following <ref>s but not
 * entering <element>s or <attribute>s (those describe other things).
 * Stops at, and returns, the first node visit() accepts. */
static xmlNodePtr rng_walk(const struct loader *ld, xmlNodePtr n,
			   bool (*visit)(xmlNodePtr, void *), void *arg, int depth)
{
	for (; n; n = n->next) {
		xmlNodePtr hit, def;

		if (!rng_is(n, NULL) || rng_is(n, "element") || rng_is(n, "attribute"))
			continue;
		if (visit(n, arg))
			return n;
		if (depth >= RNG_DEPTH)
			continue;
		if (rng_is(n, "ref"))
			hit = (def = rng_define(ld, rng_name(n))) ?
				      rng_walk(ld, def->children, visit, arg, depth + 1) :
				      NULL;
		else
			hit = rng_walk(ld, n->children, visit, arg, depth + 1);
		if (hit)
			return hit;
	}
	return NULL;
}

static bool visit_kind(xmlNodePtr n, void *kind)
{
	return rng_is(n, kind);
}

static bool visit_param(xmlNodePtr n, void *name)
{
	const char *pn;

	return rng_is(n, "param") && (pn = rng_name(n)) && strcmp(pn, name) == 0;
}

/* The closed list of words a pattern allows (its <value>s). */
struct values {
	const char *want; /* a word to look for, or NULL */
	bool found;
	size_t count;
	struct buf list; /* "a, b, c" */
	bool oom;
};

static bool visit_value(xmlNodePtr n, void *arg)
{
	struct values *w = arg;
	const char *v;

	if (!rng_is(n, "value"))
		return false;
	v = rng_text(n);
	w->count++;
	w->found |= w->want && strcmp(v, w->want) == 0;
	if (buf_puts(&w->list, w->list.len ? ", " : "") < 0 || buf_puts(&w->list, v) < 0)
		w->oom = true;
	return false;
}

/* Whether def (an element or attribute pattern) has a closed list of words
 * and want is not in it; then *allowed lists them (caller frees). */
static bool rng_refuses(struct loader *ld, xmlNodePtr def, const char *want,
			struct buf *allowed)
{
	struct values w = { want, false, 0, BUF_INIT, false };

	if (def)
		rng_walk(ld, def->children, visit_value, &w, 0);
	ld->oom |= w.oom;
	*allowed = w.list;
	return w.count > 0 && !w.found;
}

/* <param name="name"> under def as a number, or dflt. */
static long rng_param(const struct loader *ld, xmlNodePtr def, const char *name,
		      long dflt)
{
	xmlNodePtr p = def ? rng_walk(ld, def->children, visit_param, (void *)name, 0) : NULL;

	return p ? strtol(rng_text(p), NULL, 10) : dflt;
}

static struct rng_item *item_find(struct rng_item *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static int item_add(struct rng_item **v, size_t *n, xmlNodePtr def,
		    bool required, bool repeats)
{
	const char *name = rng_name(def);
	struct rng_item *it, *nv;

	if (!name)
		return 0;
	if ((it = item_find(*v, *n, name))) {
		it->required &= required;
		it->repeats |= repeats;
		return 0;
	}
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return -1;
	*v = nv;
	nv[(*n)++] = (struct rng_item){ name, def, required, repeats, -1 };
	return 0;
}

/* Collects the attributes and child elements pattern n allows. */
static int rng_scan(const struct loader *ld, struct rng_entry *e, xmlNodePtr n,
		    bool optional, bool repeats, int depth)
{
	for (; n; n = n->next) {
		xmlNodePtr def;
		int rc = 0;

		if (!rng_is(n, NULL) || depth > RNG_DEPTH)
			continue;
		if (rng_is(n, "element"))
			rc = item_add(&e->kids, &e->nkids, n, !optional, repeats);
		else if (rng_is(n, "attribute"))
			rc = item_add(&e->attrs, &e->nattrs, n, !optional, false);
		else if (rng_is(n, "ref"))
			rc = (def = rng_define(ld, rng_name(n))) ?
				     rng_scan(ld, e, def->children, optional, repeats, depth + 1) :
				     0;
		else if (rng_is(n, "optional") || rng_is(n, "choice"))
			rc = rng_scan(ld, e, n->children, true, repeats, depth + 1);
		else if (rng_is(n, "zeroOrMore"))
			rc = rng_scan(ld, e, n->children, true, true, depth + 1);
		else if (rng_is(n, "oneOrMore"))
			rc = rng_scan(ld, e, n->children, optional, true, depth + 1);
		else if (rng_is(n, "group") || rng_is(n, "interleave"))
			rc = rng_scan(ld, e, n->children, optional, repeats, depth + 1);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int rng_find_entry(const struct rng *r, const char *parent, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].parent, parent) == 0 && strcmp(r->v[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Adds the element def (reached from parent) and all below it. Returns its
 * entry, or -1 (and ld->oom) when memory ran out. */
static int rng_index(struct loader *ld, const char *parent, xmlNodePtr def, int depth)
{
	struct rng *r = &ld->rng;
	struct rng_entry e = { parent, rng_name(def), def, NULL, NULL, 0, 0 };
	size_t i;
	int idx;

	if (!e.name || depth > RNG_DEPTH)
		return -1;
	if ((idx = rng_find_entry(r, parent, e.name)) >= 0)
		return idx;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		struct rng_entry *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			goto oom;
		r->v = v;
		r->cap = cap;
	}
	if (rng_scan(ld, &e, def->children, false, false, 0) < 0)
		goto oom;
	idx = (int)r->n++;
	r->v[idx] = e;
	for (i = 0; i < r->v[idx].nkids; i++) {
		int k = rng_index(ld, e.name, r->v[idx].kids[i].def, depth + 1);
		if (ld->oom)
			return -1;
		r->v[idx].kids[i].entry = k;
	}
	return idx;
oom:
	free(e.attrs);
	free(e.kids);
	ld->oom = true;
	return -1;
}

static int rng_load(struct loader *ld, const char *path)
{
	struct rng *r = &ld->rng;
	struct rng_entry top = { "", "", NULL, NULL, NULL, 0, 0 };
	xmlRelaxNGParserCtxtPtr pc = NULL;
	xmlNodePtr root, start = NULL;
	int rc = -1;

	r->path = path;
	ld->parsing = path;
	r->doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ld->parsing = ld->path;
	if (!r->doc)
		goto out;
	pc = xmlRelaxNGNewDocParserCtxt(r->doc);
	if (!pc)
		goto out;
	xmlRelaxNGSetParserStructuredErrors(pc, on_xml_error, ld);
	r->valid = xmlRelaxNGParse(pc);
	if (!r->valid)
		goto out;
	root = xmlDocGetRootElement(r->doc);
	for (start = root->children; start && !rng_is(start, "start"); start = start->next)
		;
	if (!start || rng_scan(ld, &top, start->children, false, false, 0) < 0 ||
	    top.nkids != 1 || rng_index(ld, "", top.kids[0].def, 0) != 0)
		goto out;
	rc = 0;
out:
	free(top.attrs);
	free(top.kids);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rc < 0)
		diag_error(ld->d, path, 0, 0, "cannot load the profile schema");
	return rc;
}

static void rng_free(struct rng *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].attrs);
		free(r->v[i].kids);
	}
	free(r->v);
	xmlRelaxNGFree(r->valid);
	xmlFreeDoc(r->doc);
}

static const struct rng_entry *entry_of(const struct loader *ld, xmlNodePtr x)
{
	const struct tag *t = tag_of(x);

	return t && t->entry >= 0 ? &ld->rng.v[t->entry] : NULL;
}

static xmlNodePtr attr_def(const struct loader *ld, xmlNodePtr x, const char *attr)
{
	const struct rng_entry *e = entry_of(ld, x);
	const struct rng_item *it = e ? item_find(e->attrs, e->nattrs, attr) : NULL;

	return it ? it->def : NULL;
}

/* "a, b, c" of the items' names. */
static int item_names(const struct rng_item *v, size_t n, struct buf *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf_puts(b, i ? ", " : "") < 0 || buf_puts(b, v[i].name) < 0)
			return -1;
	return buf_put(b, "", 0);
}

/* ------------------------------------------------------------------ */
/* Tree access                                                         */
/* ------------------------------------------------------------------ */

static bool is_ours(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, PROFILE_NS) == 0;
}

static xmlNodePtr next_named(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next)
		if (is_ours(n) && strcmp(NAME(n), name) == 0)
			return n;
	return NULL;
}

static xmlNodePtr first_kid(xmlNodePtr x, const char *name)
{
	return x ? next_named(x->children, name) : NULL;
}

/* x's children named name, in order (caller frees); NULL when none. */
static xmlNodePtr *kids_of(struct loader *ld, xmlNodePtr x, const char *name,
			   size_t *n)
{
	xmlNodePtr k, *v;
	size_t i = 0;

	*n = 0;
	for (k = first_kid(x, name); k; k = next_named(k->next, name))
		(*n)++;
	v = xcalloc(ld, *n, sizeof(*v));
	if (!v) {
		*n = 0;
		return NULL;
	}
	for (k = first_kid(x, name); k; k = next_named(k->next, name))
		v[i++] = k;
	return v;
}

static xmlAttrPtr attr_node(xmlNodePtr x, const char *name)
{
	if (strncmp(name, "xml:", 4) == 0)
		return xmlHasNsProp(x, (const xmlChar *)name + 4, XML_XML_NAMESPACE);
	return xmlHasNsProp(x, (const xmlChar *)name, NULL);
}

/* The attribute's value (caller frees), or NULL when absent. */
static char *attr_dup(struct loader *ld, xmlNodePtr x, const char *name)
{
	xmlAttrPtr a = attr_node(x, name);
	xmlChar *v;
	char *s;

	if (!a)
		return NULL;
	v = xmlNodeListGetString(x->doc, a->children, 1);
	s = xstrdup(ld, v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* The qualified name of an attribute, as written (in tmp when prefixed). */
static const char *attr_qname(xmlAttrPtr a, struct buf *tmp)
{
	buf_reset(tmp);
	if (!a->ns || !a->ns->prefix)
		return NAME(a);
	if (buf_printf(tmp, "%s:%s", (const char *)a->ns->prefix, NAME(a)) < 0)
		return NAME(a);
	return buf_str(tmp);
}

/* ------------------------------------------------------------------ */
/* Structure: what the schema allows, said precisely                   */
/* ------------------------------------------------------------------ */

/* Edit distance of two short names, 3 meaning "3 or more". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[33], prev, here;

	if (la > 32 || lb > 32)
		return 3;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			here = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (here + 1 < row[j])
				row[j] = here + 1;
			prev = here;
		}
	}
	return row[lb] < 3 ? row[lb] : 3;
}

/* The item a misspelt name most likely meant: one x lacks, at most two
 * edits away. Its bit is set in *meant, so it is not also "missing". */
static const struct rng_item *did_you_mean(const struct rng_item *v, size_t n,
					   const char *name, xmlNodePtr x,
					   bool attrs, uint64_t *meant)
{
	size_t i, best = NONE;
	int d, bestd = 3;

	for (i = 0; i < n; i++) {
		if (attrs ? attr_node(x, v[i].name) != NULL : first_kid(x, v[i].name) != NULL)
			continue;
		if ((d = distance(name, v[i].name)) < bestd) {
			bestd = d;
			best = i;
		}
	}
	if (best == NONE)
		return NULL;
	if (best < 64)
		*meant |= (uint64_t)1 << best;
	return &v[best];
}

/* Checks x's attributes and children against its schema entry, and goes
 * down into the children the schema knows. */
static void check_tree(struct loader *ld, xmlNodePtr x, int entry)
{
	const struct rng_entry *e = &ld->rng.v[entry];
	const struct rng_item *meant;
	struct buf names = BUF_INIT, tmp = BUF_INIT;
	uint64_t attrs_meant = 0, kids_meant = 0;
	xmlAttrPtr a;
	xmlNodePtr k;
	size_t i;

	tag_of(x)->entry = entry;
	for (a = x->properties; a; a = a->next) {
		const char *q = attr_qname(a, &tmp);
		if (item_find(e->attrs, e->nattrs, q))
			continue;
		buf_reset(&names);
		if (item_names(e->attrs, e->nattrs, &names) < 0)
			goto oom;
		if ((meant = did_you_mean(e->attrs, e->nattrs, q, x, true, &attrs_meant)))
			err_attr(ld, x, q, "unknown attribute %s on <%s>; did you mean %s?",
				 q, e->name, meant->name);
		else if (e->nattrs)
			err_attr(ld, x, q, "unknown attribute %s on <%s>; allowed: %s",
				 q, e->name, buf_str(&names));
		else
			err_attr(ld, x, q, "unknown attribute %s on <%s>, which takes none",
				 q, e->name);
	}
	for (i = 0; i < e->nattrs; i++)
		if (e->attrs[i].required && !attr_node(x, e->attrs[i].name) &&
		    !(i < 64 && attrs_meant >> i & 1))
			err_elem(ld, x, MARK_VALUE, "missing attribute %s on <%s>",
				 e->attrs[i].name, e->name);

	for (k = x->children; k; k = k->next) {
		struct rng_item *it;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		it = is_ours(k) ? item_find(e->kids, e->nkids, NAME(k)) : NULL;
		if (it && it->entry >= 0) {
			if (!it->repeats && next_named(x->children, NAME(k)) != k)
				err_elem(ld, k, MARK_UNKNOWN,
					 "only one <%s> is allowed in <%s>", NAME(k), e->name);
			else
				check_tree(ld, k, it->entry);
			continue;
		}
		buf_reset(&names);
		if (item_names(e->kids, e->nkids, &names) < 0)
			goto oom;
		tag_of(x)->marks |= MARK_VALUE; /* libxml2 blames x's content too */
		if (!is_ours(k) && item_find(e->kids, e->nkids, NAME(k)))
			err_elem(ld, k, MARK_UNKNOWN,
				 "element <%s> in <%s> is not in the namespace %s",
				 NAME(k), e->name, PROFILE_NS);
		else if ((meant = did_you_mean(e->kids, e->nkids, NAME(k), x, false, &kids_meant)))
			err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>; did you mean <%s>?",
				 NAME(k), e->name, meant->name);
		else if (e->nkids)
			err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>; allowed: %s",
				 NAME(k), e->name, buf_str(&names));
		else
			err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>, which holds only text",
				 NAME(k), e->name);
	}
	for (i = 0; i < e->nkids; i++) {
		if (!e->kids[i].required || first_kid(x, e->kids[i].name))
			continue;
		if (i < 64 && kids_meant >> i & 1)
			tag_of(x)->marks |= MARK_MISSING; /* said as "did you mean" */
		else
			err_elem(ld, x, MARK_MISSING, "missing element <%s> in <%s>",
				 e->kids[i].name, e->name);
	}
	goto out;
oom:
	ld->oom = true;
out:
	buf_free(&names);
	buf_free(&tmp);
}

/* ------------------------------------------------------------------ */
/* Indexes of ids                                                      */
/* ------------------------------------------------------------------ */

static int index_cmp(const void *a, const void *b)
{
	const struct index_item *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Takes keys (an array of n borrowed strings, NULL for invalid ones). */
static int index_build(struct loader *ld, struct index *ix, const char **keys, size_t n)
{
	size_t i;

	ix->keys = keys;
	ix->nkeys = n;
	ix->n = 0;
	ix->v = xcalloc(ld, n, sizeof(*ix->v));
	if (n && !ix->v)
		return -1;
	for (i = 0; i < n; i++)
		if (keys[i])
			ix->v[ix->n++] = (struct index_item){ keys[i], i };
	qsort(ix->v, ix->n, sizeof(*ix->v), index_cmp);
	return 0;
}

/* Position of the first key equal to key, or NONE. */
static size_t index_find(const struct index *ix, const char *key)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->v[lo].key, key) == 0 ? ix->v[lo].i : NONE;
}

static void index_free(struct index *ix)
{
	free(ix->keys);
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

/* "a, b, c, …" of the first keys in document order. */
static void key_names(struct loader *ld, const char *const *keys, size_t n,
		      size_t *shown, struct buf *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!keys[i])
			continue;
		if (*shown == LIST_SHOWN) {
			if (buf_puts(b, ", \xE2\x80\xA6") < 0)
				ld->oom = true;
			(*shown)++;
		}
		if (*shown > LIST_SHOWN)
			return;
		if (buf_puts(b, (*shown)++ ? ", " : "") < 0 || buf_puts(b, keys[i]) < 0)
			ld->oom = true;
	}
}

/* Reports keys that repeat an earlier one, at attr of their element. */
static void report_duplicates(struct loader *ld, const struct index *ix,
			      xmlNodePtr *nodes, const char *what, const char *attr)
{
	size_t i, first;

	for (i = 0; i < ix->nkeys; i++) {
		if (!ix->keys[i] || (first = index_find(ix, ix->keys[i])) == i)
			continue;
		err_attr(ld, nodes[i], attr,
			 "duplicate %s \"%s\" (%s/@%s); first defined on line %ld",
			 what, ix->keys[i], NAME(nodes[i]), attr,
			 loc_of(ld, nodes[first]).line);
	}
}

/* Reports a reference to an id that is not in ix (nor in extra). */
static void check_ref(struct loader *ld, xmlNodePtr x, const char *attr,
		      const char *value, const struct index *ix,
		      const struct strlist *extra, const char *what,
		      const char *defined)
{
	struct buf names = BUF_INIT;
	size_t i, shown = 0;

	if (!value || index_find(ix, value) != NONE)
		return;
	for (i = 0; extra && i < extra->n; i++)
		if (strcmp(extra->v[i], value) == 0)
			return;
	if (extra)
		key_names(ld, (const char *const *)extra->v, extra->n, &shown, &names);
	key_names(ld, ix->keys, ix->nkeys, &shown, &names);
	err_attr(ld, x, attr, "%s \"%s\" is not defined (%s/@%s); %s: %s", what, value,
		 NAME(x), attr, defined, shown ? buf_str(&names) : "none");
	buf_free(&names);
}

/* next[i] is the item i points to (its deputy, the role it reports to), or
 * NONE. Reports each loop once, at the attribute of its first member. */
static void check_loops(struct loader *ld, xmlNodePtr *nodes, const char *const *keys,
			const size_t *next, size_t n, const char *attr, bool roles)
{
	struct buf chain = BUF_INIT;
	size_t *seen = xcalloc(ld, n, sizeof(*seen)), s, j, k, first, count;

	for (s = 0; seen && s < n; s++) {
		for (j = s; j != NONE && !seen[j]; j = next[j])
			seen[j] = s + 1;
		if (j == NONE || seen[j] != s + 1)
			continue; /* no loop, or one found from an earlier start */
		for (first = j, k = next[j]; k != j; k = next[k])
			first = k < first ? k : first;
		if (next[first] == first) {
			if (roles)
				err_attr(ld, nodes[first], attr,
					 "role \"%s\" reports to itself (%s/@%s)",
					 keys[first], NAME(nodes[first]), attr);
			else
				err_attr(ld, nodes[first], attr,
					 "person \"%s\" is their own deputy (%s/@%s)",
					 keys[first], NAME(nodes[first]), attr);
			continue;
		}
		buf_reset(&chain);
		k = first;
		count = 0;
		do {
			if (buf_puts(&chain, keys[k]) < 0 || buf_puts(&chain, " -> ") < 0)
				ld->oom = true;
			k = next[k];
		} while (k != first && ++count < LIST_SHOWN);
		if (buf_puts(&chain, k == first ? keys[first] : "\xE2\x80\xA6") < 0)
			ld->oom = true;
		if (roles)
			err_attr(ld, nodes[first], attr,
				 "roles report to each other in a loop (%s/@%s): %s",
				 NAME(nodes[first]), attr, buf_str(&chain));
		else
			err_attr(ld, nodes[first], attr,
				 "deputies form a loop (%s/@%s): %s",
				 NAME(nodes[first]), attr, buf_str(&chain));
	}
	buf_free(&chain);
	free(seen);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

static int shapes_compile(struct loader *ld)
{
	size_t i;

	for (i = 0; i < NSHAPES; i++) {
		int err;
		PCRE2_SIZE at;

		ld->re[i] = pcre2_compile((PCRE2_SPTR)shapes[i].re, PCRE2_ZERO_TERMINATED,
					  PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &err, &at, NULL);
		if (!ld->re[i]) {
			diag_error(ld->d, NULL, 0, 0,
				   "internal error: pattern %zu does not compile (%d at %zu)",
				   i, err, (size_t)at);
			return -1;
		}
	}
	ld->md = pcre2_match_data_create(4, NULL);
	if (!ld->md) {
		ld->oom = true;
		return -1;
	}
	return 0;
}

static bool shape_ok(const struct loader *ld, enum shape s, const char *v)
{
	return pcre2_match(ld->re[s], (PCRE2_SPTR)v, strlen(v), 0, 0, ld->md, NULL) >= 0;
}

/* The country is JP, the language is ja: a slip common enough to catch. */
static bool is_jp(enum shape s, const char *v)
{
	return s == SHAPE_LANG && strncmp(v, "jp", 2) == 0 && (!v[2] || v[2] == '-');
}

/* An attribute that must have shape s; NULL when absent or wrong. */
static char *read_shaped(struct loader *ld, xmlNodePtr x, const char *attr, enum shape s)
{
	char *v = attr_dup(ld, x, attr);
	char tmp[CLIP_SIZE];

	if (!v)
		return NULL;
	if (!shape_ok(ld, s, v)) {
		err_attr(ld, x, attr, "invalid %s \"%s\" (%s/@%s); expected %s",
			 shapes[s].what, clip(v, tmp), NAME(x), attr, shapes[s].expected);
	} else if (is_jp(s, v)) {
		err_attr(ld, x, attr, "invalid language \"%s\" (%s/@%s); Japanese is \"ja\"",
			 v, NAME(x), attr);
	} else {
		return v;
	}
	free(v);
	return NULL;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* A date attribute that exists in the calendar; NULL when absent or not. */
static char *read_date(struct loader *ld, xmlNodePtr x, const char *attr)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	char *v = read_shaped(ld, x, attr, SHAPE_DATE);
	int y, m, dd;

	if (!v)
		return NULL;
	y = atoi(v);
	m = atoi(v + 5);
	dd = atoi(v + 8);
	if (y == 0)
		err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): there is no year 0",
			 v, NAME(x), attr);
	else if (m < 1 || m > 12)
		err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): there is no month %d",
			 v, NAME(x), attr, m);
	else if (dd < 1)
		err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): there is no day 0",
			 v, NAME(x), attr);
	else if (dd > days_in_month(y, m))
		err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): %s %d has %d days",
			 v, NAME(x), attr, months[m - 1], y, days_in_month(y, m));
	else
		return v;
	free(v);
	return NULL;
}

/* A whole-number attribute within the schema's bounds, or dflt. */
static long read_int(struct loader *ld, xmlNodePtr x, const char *attr, long dflt)
{
	xmlNodePtr def = attr_def(ld, x, attr);
	long min = rng_param(ld, def, "minInclusive", 0);
	long max = rng_param(ld, def, "maxInclusive", 999999999);
	char *v = attr_dup(ld, x, attr), tmp[CLIP_SIZE];
	size_t n = v ? strlen(v) : 0;
	bool digits = n > 0 && n < 10 && strspn(v, "0123456789") == n;
	long value = digits ? strtol(v, NULL, 10) : dflt;

	if (v && (!digits || value < min || value > max)) {
		err_attr(ld, x, attr, "invalid %s \"%s\" (%s/@%s); expected a whole number from %ld to %ld",
			 attr, clip(v, tmp), NAME(x), attr, min, max);
		value = dflt;
	}
	free(v);
	return value;
}

/* An attribute from the schema's closed list of words, or dflt. */
static char *read_word(struct loader *ld, xmlNodePtr x, const char *attr,
		       const char *dflt)
{
	char *v = attr_dup(ld, x, attr), tmp[CLIP_SIZE];
	struct buf allowed = BUF_INIT;

	if (!v)
		return xstrdup(ld, dflt);
	if (rng_refuses(ld, attr_def(ld, x, attr), v, &allowed)) {
		err_attr(ld, x, attr, "invalid %s \"%s\" (%s/@%s); allowed: %s", attr,
			 clip(v, tmp), NAME(x), attr, buf_str(&allowed));
		free(v);
		v = NULL;
	}
	buf_free(&allowed);
	return v;
}

/* The element's text, white space folded (fold_space), checked against the
 * schema's maxLength; NULL when x is NULL or the text is empty. */
static char *read_text(struct loader *ld, xmlNodePtr x)
{
	const struct rng_entry *e;
	xmlChar *raw;
	char *t;
	size_t n;
	long max;

	if (!x)
		return NULL;
	e = entry_of(ld, x);
	raw = xmlNodeGetContent(x);
	n = raw ? utf8_len((const char *)raw) : 0;
	max = rng_param(ld, e ? e->def : NULL, "maxLength", -1);
	if (max >= 0 && n > (size_t)max)
		err_text(ld, x, "<%s> in <%s> is too long: %zu characters, at most %ld",
			 NAME(x), NAME(x->parent), n, max);
	t = fold_space(raw ? (const char *)raw : "");
	xmlFree(raw);
	if (!t) {
		ld->oom = true;
	} else if (!*t) {
		err_elem(ld, x, MARK_VALUE, "<%s> in <%s> is empty", NAME(x), NAME(x->parent));
		free(t);
		t = NULL;
	}
	return t;
}

/* Element text that must have shape s (an e-mail address, an https URL). */
static char *read_shaped_text(struct loader *ld, xmlNodePtr x, enum shape s)
{
	char *t = read_text(ld, x), tmp[CLIP_SIZE];

	if (t && !shape_ok(ld, s, t)) {
		err_text(ld, x, "invalid %s \"%s\" (%s/%s); expected %s", shapes[s].what,
			 clip(t, tmp), NAME(x->parent), NAME(x), shapes[s].expected);
		free(t);
		t = NULL;
	}
	return t;
}

/* How often list[i] occurs before i: which occurrence to point at. */
static size_t nth_of(const struct strlist *l, size_t i)
{
	size_t j, n = 0;

	for (j = 0; j < i; j++)
		n += strcmp(l->v[j], l->v[i]) == 0;
	return n;
}

/* The words of x's text: each of shape s, or (s == NSHAPES) from the
 * schema's closed list; none repeated. */
static void read_words(struct loader *ld, xmlNodePtr x, enum shape s, struct strlist *out)
{
	int rc;
	xmlNodePtr def = x && entry_of(ld, x) ? entry_of(ld, x)->def : NULL;
	struct index seen = { 0 };
	struct buf allowed = BUF_INIT;
	const char **keys = NULL;
	xmlChar *raw;
	const char *p;
	size_t i, n = 0;
	char tmp[CLIP_SIZE];

	if (!x)
		return;
	raw = xmlNodeGetContent(x);
	for (p = raw ? (const char *)raw : ""; *p;) {
		while (is_space(*p))
			p++;
		n += *p != '\0';
		while (*p && !is_space(*p))
			p++;
	}
	if (n == 0) {
		if (rng_walk(ld, def ? def->children : NULL, visit_kind, (void *)"oneOrMore", 0))
			err_elem(ld, x, MARK_VALUE, "<%s> in <%s> is empty", NAME(x),
				 NAME(x->parent));
		goto out;
	}
	out->v = xcalloc(ld, n, sizeof(*out->v));
	keys = xcalloc(ld, n, sizeof(*keys));
	if (!out->v || !keys)
		goto out;
	for (p = (const char *)raw, i = 0; i < n; i++) {
		size_t len;
		while (is_space(*p))
			p++;
		for (len = 0; p[len] && !is_space(p[len]); len++)
			;
		if (!(out->v[i] = strndup(p, len))) {
			ld->oom = true;
			goto out;
		}
		out->n++;
		p += len;
	}
	for (i = 0; i < n; i++) {
		const char *w = out->v[i];
		if (s < NSHAPES && !shape_ok(ld, s, w)) {
			err_word(ld, x, w, nth_of(out, i), "invalid %s \"%s\" (%s/%s); expected %s",
				 shapes[s].what, clip(w, tmp), NAME(x->parent), NAME(x),
				 shapes[s].expected);
		} else if (is_jp(s, w)) {
			err_word(ld, x, w, nth_of(out, i), "invalid language \"%s\" (%s/%s); Japanese is \"ja\"",
				 w, NAME(x->parent), NAME(x));
		} else if (s == NSHAPES) {
			buf_free(&allowed);
			if (rng_refuses(ld, def, w, &allowed))
				err_word(ld, x, w, nth_of(out, i), "\"%s\" is not allowed in <%s> (%s/%s); allowed: %s",
					 clip(w, tmp), NAME(x), NAME(x->parent), NAME(x),
					 buf_str(&allowed));
			else
				keys[i] = w;
		} else {
			keys[i] = w;
		}
	}
	rc = index_build(ld, &seen, keys, n);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (seen.keys[i] && index_find(&seen, seen.keys[i]) != i)
			err_word(ld, x, out->v[i], nth_of(out, i), "\"%s\" is listed twice (%s/%s)",
				 out->v[i], NAME(x->parent), NAME(x));
out:
	index_free(&seen);
	free(keys);
	buf_free(&allowed);
	xmlFree(raw);
}

/* The language of a text: its own xml:lang, or one inherited from
 * <profile> (checked there). */
static char *read_text_lang(struct loader *ld, xmlNodePtr k)
{
	xmlChar *l;
	char *s;

	if (attr_node(k, "xml:lang"))
		return read_shaped(ld, k, "xml:lang", SHAPE_LANG);
	l = xmlNodeGetLang(k);
	if (!l) {
		err_elem(ld, k, MARK_VALUE,
			 "<%s> in <%s> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts",
			 NAME(k), NAME(k->parent));
		return NULL;
	}
	s = xstrdup(ld, (const char *)l);
	xmlFree(l);
	if (s && !shape_ok(ld, SHAPE_LANG, s)) {
		free(s);
		s = NULL;
	}
	return s;
}

/* The <name>s (say) of x: one text per language. */
static void read_ltext(struct loader *ld, xmlNodePtr x, const char *name, struct ltext *t)
{
	int rc;
	struct index langs = { 0 };
	const char **keys = NULL;
	xmlNodePtr *nodes;
	size_t i, n, first;

	nodes = kids_of(ld, x, name, &n);
	if (!nodes)
		return;
	t->v = xcalloc(ld, n, sizeof(*t->v));
	keys = xcalloc(ld, n, sizeof(*keys));
	if (!t->v || !keys)
		goto out;
	t->n = n;
	for (i = 0; i < n; i++) {
		t->v[i].lang = read_text_lang(ld, nodes[i]);
		t->v[i].text = read_text(ld, nodes[i]);
		keys[i] = t->v[i].lang;
	}
	rc = index_build(ld, &langs, keys, n);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (langs.keys[i] && (first = index_find(&langs, langs.keys[i])) != i)
			err_attr(ld, nodes[i], "xml:lang",
				 "<%s> in <%s> is given twice in language \"%s\"; the first is on line %ld",
				 name, NAME(x), langs.keys[i], loc_of(ld, nodes[first]).line);
out:
	index_free(&langs);
	free(keys);
	free(nodes);
}

/* ------------------------------------------------------------------ */
/* The sections of a profile                                           */
/* ------------------------------------------------------------------ */

static void read_company(struct loader *ld, xmlNodePtr x)
{
	struct company *c = &ld->p->company;

	c->fiscal_year_start = 4;
	if (!x) {
		c->paper = xstrdup(ld, "a4");
		return;
	}
	c->loc = loc_of(ld, x);
	c->code = read_shaped(ld, x, "code", SHAPE_CODE);
	c->employees = read_int(ld, x, "employees", 0);
	c->fiscal_year_start = (int)read_int(ld, x, "fiscal-year-start", 4);
	c->paper = read_word(ld, x, "paper", "a4");
	read_ltext(ld, x, "name", &c->name);
	read_ltext(ld, x, "address", &c->address);
	read_ltext(ld, x, "classification", &c->classification);
	c->website = read_shaped_text(ld, first_kid(x, "website"), SHAPE_URL);
}

static void read_people(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "person", &p->npeople);
	const char **keys = xcalloc(ld, p->npeople, sizeof(*keys));
	size_t *next = xcalloc(ld, p->npeople, sizeof(*next)), i;

	p->people = xcalloc(ld, p->npeople, sizeof(*p->people));
	if (!p->people || !keys || !next) {
		p->npeople = 0;
		goto out;
	}
	for (i = 0; i < p->npeople; i++) {
		struct person *pe = &p->people[i];
		xmlNodePtr x = nodes[i];

		pe->loc = loc_of(ld, x);
		pe->id = read_shaped(ld, x, "id", SHAPE_ID);
		pe->lang = read_shaped(ld, x, "lang", SHAPE_LANG);
		pe->deputy = read_shaped(ld, x, "deputy", SHAPE_ID);
		read_ltext(ld, x, "name", &pe->name);
		read_ltext(ld, x, "title", &pe->title);
		pe->email = read_shaped_text(ld, first_kid(x, "email"), SHAPE_EMAIL);
		keys[i] = pe->id;
	}
	rc = index_build(ld, &ld->people, keys, p->npeople);
	keys = NULL;
	if (rc < 0)
		goto out;
	report_duplicates(ld, &ld->people, nodes, "person id", "id");
	for (i = 0; i < p->npeople; i++) {
		const char *dep = p->people[i].deputy;
		check_ref(ld, nodes[i], "deputy", dep, &ld->people, NULL, "person",
			  "defined people");
		next[i] = dep && p->people[i].id ? index_find(&ld->people, dep) : NONE;
	}
	check_loops(ld, nodes, ld->people.keys, next, p->npeople, "deputy", false);
out:
	free(keys);
	free(next);
	free(nodes);
}

static bool is_builtin_role(const struct loader *ld, const char *id)
{
	size_t i;

	for (i = 0; ld->builtin_roles && i < ld->builtin_roles->n; i++)
		if (strcmp(ld->builtin_roles->v[i], id) == 0)
			return true;
	return false;
}

static void read_role_defs(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "role", &p->nroles);
	const char **keys = xcalloc(ld, p->nroles, sizeof(*keys));
	size_t *next = xcalloc(ld, p->nroles, sizeof(*next)), i;

	p->roles = xcalloc(ld, p->nroles, sizeof(*p->roles));
	if (!p->roles || !keys || !next) {
		p->nroles = 0;
		goto out;
	}
	for (i = 0; i < p->nroles; i++) {
		struct role_def *r = &p->roles[i];
		xmlNodePtr x = nodes[i];

		r->loc = loc_of(ld, x);
		r->id = read_shaped(ld, x, "id", SHAPE_ID);
		r->reports_to = read_shaped(ld, x, "reports-to", SHAPE_ID);
		read_ltext(ld, x, "name", &r->name);
		read_ltext(ld, x, "duties", &r->duties);
		if (r->id && is_builtin_role(ld, r->id))
			err_attr(ld, x, "id",
				 "role \"%s\" is built in (role/@id); <assign> it as it is, or give your own role another id",
				 r->id);
		else
			keys[i] = r->id;
	}
	rc = index_build(ld, &ld->roles, keys, p->nroles);
	keys = NULL;
	if (rc < 0)
		goto out;
	report_duplicates(ld, &ld->roles, nodes, "role id", "id");
	for (i = 0; i < p->nroles; i++) {
		const char *to = p->roles[i].reports_to;
		check_ref(ld, nodes[i], "reports-to", to, &ld->roles, ld->builtin_roles,
			  "role", "roles");
		next[i] = to && ld->roles.keys[i] ? index_find(&ld->roles, to) : NONE;
	}
	check_loops(ld, nodes, ld->roles.keys, next, p->nroles, "reports-to", true);
out:
	free(keys);
	free(next);
	free(nodes);
}

static void read_assignments(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "assign", &p->nassignments);
	char **pairs = xcalloc(ld, p->nassignments, sizeof(*pairs));
	const char **keys = xcalloc(ld, p->nassignments, sizeof(*keys));
	struct index seen = { 0 };
	size_t i, first;

	p->assignments = xcalloc(ld, p->nassignments, sizeof(*p->assignments));
	if (!p->assignments || !pairs || !keys) {
		p->nassignments = 0;
		goto out;
	}
	for (i = 0; i < p->nassignments; i++) {
		struct assignment *a = &p->assignments[i];
		xmlNodePtr x = nodes[i];
		struct buf pair = BUF_INIT;

		a->loc = loc_of(ld, x);
		a->role = read_shaped(ld, x, "role", SHAPE_ID);
		a->person = read_shaped(ld, x, "person", SHAPE_ID);
		check_ref(ld, x, "role", a->role, &ld->roles, ld->builtin_roles, "role", "roles");
		check_ref(ld, x, "person", a->person, &ld->people, NULL, "person",
			  "defined people");
		if (!a->role || !a->person)
			continue;
		if (buf_printf(&pair, "%s %s", a->role, a->person) < 0)
			ld->oom = true;
		keys[i] = pairs[i] = buf_detach(&pair, NULL);
	}
	rc = index_build(ld, &seen, keys, p->nassignments);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < p->nassignments; i++)
		if (seen.keys[i] && (first = index_find(&seen, seen.keys[i])) != i)
			err_elem(ld, nodes[i], MARK_VALUE,
				 "person \"%s\" is assigned role \"%s\" twice; the first is on line %ld",
				 p->assignments[i].person, p->assignments[i].role,
				 loc_of(ld, nodes[first]).line);
out:
	for (i = 0; pairs && i < p->nassignments; i++)
		free(pairs[i]);
	free(pairs);
	free(keys);
	index_free(&seen);
	free(nodes);
}

static void read_products(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "product", &p->nproducts);
	const char **keys = xcalloc(ld, p->nproducts, sizeof(*keys));
	size_t i;

	p->products = xcalloc(ld, p->nproducts, sizeof(*p->products));
	if (!p->products || !keys) {
		p->nproducts = 0;
		goto out;
	}
	for (i = 0; i < p->nproducts; i++) {
		struct product *pr = &p->products[i];
		xmlNodePtr x = nodes[i];
		char *direct;

		pr->loc = loc_of(ld, x);
		pr->id = read_shaped(ld, x, "id", SHAPE_ID);
		pr->category = read_word(ld, x, "category", NULL);
		pr->update_method = read_word(ld, x, "update", NULL);
		pr->support_until = read_date(ld, x, "support-until");
		direct = read_word(ld, x, "direct-connection", "false");
		pr->direct_connection = direct && strcmp(direct, "true") == 0;
		free(direct);
		read_ltext(ld, x, "name", &pr->name);
		pr->model = read_text(ld, first_kid(x, "model"));
		read_words(ld, first_kid(x, "connectivity"), NSHAPES, &pr->connectivity);
		read_words(ld, first_kid(x, "interfaces"), NSHAPES, &pr->interfaces);
		read_words(ld, first_kid(x, "data"), NSHAPES, &pr->data);
		read_words(ld, first_kid(x, "markets"), NSHAPES, &pr->markets);
		read_ltext(ld, x, "intended-users", &pr->intended_users);
		read_ltext(ld, x, "use-cases", &pr->use_cases);
		keys[i] = pr->id;
	}
	rc = index_build(ld, &ld->products, keys, p->nproducts);
	keys = NULL;
	if (rc < 0)
		goto out;
	report_duplicates(ld, &ld->products, nodes, "product id", "id");
out:
	free(keys);
	free(nodes);
}

static void read_suppliers(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "supplier", &p->nsuppliers);
	const char **keys = xcalloc(ld, p->nsuppliers, sizeof(*keys));
	struct index ids = { 0 };
	struct buf names = BUF_INIT;
	size_t i, j, shown = 0;

	p->suppliers = xcalloc(ld, p->nsuppliers, sizeof(*p->suppliers));
	if (!p->suppliers || !keys) {
		p->nsuppliers = 0;
		goto out;
	}
	key_names(ld, ld->products.keys, ld->products.nkeys, &shown, &names);
	for (i = 0; i < p->nsuppliers; i++) {
		struct supplier *s = &p->suppliers[i];
		xmlNodePtr x = nodes[i], list = first_kid(x, "products");

		s->loc = loc_of(ld, x);
		s->id = read_shaped(ld, x, "id", SHAPE_ID);
		s->country = read_shaped(ld, x, "country", SHAPE_COUNTRY);
		read_ltext(ld, x, "name", &s->name);
		read_ltext(ld, x, "scope", &s->scope);
		s->email = read_shaped_text(ld, first_kid(x, "email"), SHAPE_EMAIL);
		read_words(ld, list, SHAPE_ID, &s->products);
		for (j = 0; j < s->products.n; j++) {
			const char *w = s->products.v[j];
			if (shape_ok(ld, SHAPE_ID, w) && index_find(&ld->products, w) == NONE)
				err_word(ld, list, w, nth_of(&s->products, j),
					 "product \"%s\" is not defined (supplier/products); defined products: %s",
					 w, shown ? buf_str(&names) : "none");
		}
		keys[i] = s->id;
	}
	rc = index_build(ld, &ids, keys, p->nsuppliers);
	keys = NULL;
	if (rc < 0)
		goto out;
	report_duplicates(ld, &ids, nodes, "supplier id", "id");
out:
	buf_free(&names);
	index_free(&ids);
	free(keys);
	free(nodes);
}

static void read_vuln(struct loader *ld, xmlNodePtr x)
{
	struct vuln_handling *v = &ld->p->vuln;

	v->acknowledge_days = 3;
	v->triage_days = 10;
	v->fix_days = 90;
	if (!x)
		return;
	v->loc = loc_of(ld, x);
	v->acknowledge_days = (int)read_int(ld, x, "acknowledge-days", 3);
	v->triage_days = (int)read_int(ld, x, "triage-days", 10);
	v->fix_days = (int)read_int(ld, x, "fix-days", 90);
	if (v->acknowledge_days > v->triage_days)
		err_attr(ld, x, "acknowledge-days",
			 "acknowledge-days (%d) is more than triage-days (%d): a report is acknowledged before it is assessed",
			 v->acknowledge_days, v->triage_days);
	v->email = read_shaped_text(ld, first_kid(x, "email"), SHAPE_EMAIL);
	v->url = read_shaped_text(ld, first_kid(x, "url"), SHAPE_URL);
	v->policy_url = read_shaped_text(ld, first_kid(x, "policy-url"), SHAPE_URL);
	read_words(ld, first_kid(x, "languages"), SHAPE_LANG, &v->languages);
}

/* Revision numbers compared part by part: 1.10 comes after 1.9. */
static int revision_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
	}
	return 0;
}

static void read_revisions(struct loader *ld, xmlNodePtr sec)
{
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "revision", &p->nrevisions);
	const struct revision *last_date = NULL, *last_number = NULL;
	size_t i;

	p->revisions = xcalloc(ld, p->nrevisions, sizeof(*p->revisions));
	if (!p->revisions) {
		p->nrevisions = 0;
		goto out;
	}
	for (i = 0; i < p->nrevisions; i++) {
		struct revision *r = &p->revisions[i];
		xmlNodePtr x = nodes[i];

		r->loc = loc_of(ld, x);
		r->number = read_shaped(ld, x, "number", SHAPE_REVISION);
		r->date = read_date(ld, x, "date");
		r->author = read_shaped(ld, x, "author", SHAPE_ID);
		read_ltext(ld, x, "summary", &r->summary);
		check_ref(ld, x, "author", r->author, &ld->people, NULL, "person",
			  "defined people");
		if (r->number && last_number && revision_cmp(r->number, last_number->number) <= 0)
			err_attr(ld, x, "number",
				 "revision %s does not come after revision %s (line %ld); list revisions oldest first, each with a greater number",
				 r->number, last_number->number, last_number->loc.line);
		if (r->date && last_date && strcmp(r->date, last_date->date) < 0)
			err_attr(ld, x, "date",
				 "revision %s is dated %s, before revision %s (%s, line %ld); list revisions oldest first",
				 r->number ? r->number : "?", r->date,
				 last_date->number ? last_date->number : "?", last_date->date,
				 last_date->loc.line);
		last_number = r->number ? r : last_number;
		last_date = r->date ? r : last_date;
	}
out:
	free(nodes);
}

static void read_approval(struct loader *ld, xmlNodePtr x)
{
	struct approval *a = &ld->p->approval;

	if (!x)
		return;
	a->loc = loc_of(ld, x);
	a->person = read_shaped(ld, x, "person", SHAPE_ID);
	a->date = read_date(ld, x, "date");
	check_ref(ld, x, "person", a->person, &ld->people, NULL, "person", "defined people");
}

static void read_messages(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = kids_of(ld, sec, "message", &p->noverrides);
	char **pairs = xcalloc(ld, p->noverrides, sizeof(*pairs));
	const char **keys = xcalloc(ld, p->noverrides, sizeof(*keys));
	struct index seen = { 0 };
	size_t i, first;

	p->overrides = xcalloc(ld, p->noverrides, sizeof(*p->overrides));
	if (!p->overrides || !pairs || !keys) {
		p->noverrides = 0;
		goto out;
	}
	for (i = 0; i < p->noverrides; i++) {
		struct message_override *o = &p->overrides[i];
		xmlNodePtr x = nodes[i];
		struct buf pair = BUF_INIT;

		o->loc = loc_of(ld, x);
		o->lang = read_shaped(ld, x, "xml:lang", SHAPE_LANG);
		o->id = read_shaped(ld, x, "id", SHAPE_MESSAGE_ID);
		o->text = read_text(ld, x);
		if (!o->lang || !o->id)
			continue;
		if (buf_printf(&pair, "%s %s", o->lang, o->id) < 0)
			ld->oom = true;
		keys[i] = pairs[i] = buf_detach(&pair, NULL);
	}
	rc = index_build(ld, &seen, keys, p->noverrides);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < p->noverrides; i++)
		if (seen.keys[i] && (first = index_find(&seen, seen.keys[i])) != i)
			err_attr(ld, nodes[i], "id",
				 "message \"%s\" is given twice in language \"%s\"; the first is on line %ld",
				 p->overrides[i].id, p->overrides[i].lang,
				 loc_of(ld, nodes[first]).line);
out:
	for (i = 0; pairs && i < p->noverrides; i++)
		free(pairs[i]);
	free(pairs);
	free(keys);
	index_free(&seen);
	free(nodes);
}

static void read_profile(struct loader *ld, xmlNodePtr root)
{
	struct profile *p = ld->p;
	xmlNodePtr roles = first_kid(root, "roles"), review = first_kid(root, "review");
	char *version = read_word(ld, root, "version", NULL);
	char *lang = read_shaped(ld, root, "xml:lang", SHAPE_LANG);

	free(version);
	free(lang);
	read_company(ld, first_kid(root, "company"));
	read_people(ld, first_kid(root, "people"));
	read_role_defs(ld, roles);
	read_assignments(ld, roles);
	read_products(ld, first_kid(root, "products"));
	read_suppliers(ld, first_kid(root, "suppliers"));
	read_vuln(ld, first_kid(root, "vulnerability-handling"));
	p->review_months = review ? (int)read_int(ld, review, "months", 12) : 12;
	read_revisions(ld, first_kid(root, "revisions"));
	read_approval(ld, first_kid(root, "approval"));
	read_messages(ld, first_kid(root, "messages"));
}

/* ------------------------------------------------------------------ */
/* libxml2's validity errors                                           */
/* ------------------------------------------------------------------ */

static xmlNodePtr ancestor_named(xmlNodePtr x, const char *name)
{
	for (; x && x->type == XML_ELEMENT_NODE; x = x->parent)
		if (name && strcmp(NAME(x), name) == 0)
			return x;
	return NULL;
}

/* "<x> is out of order in <parent>; expected order: …" */
static void report_order(struct loader *ld, xmlNodePtr x)
{
	xmlNodePtr parent = x->parent;
	const struct rng_entry *pe = parent && parent->type == XML_ELEMENT_NODE ?
					     entry_of(ld, parent) :
					     NULL;
	struct buf names = BUF_INIT;

	if (!pe || item_names(pe->kids, pe->nkids, &names) < 0) {
		err_elem(ld, x, MARK_SCHEMA, "<%s> is not allowed here", NAME(x));
	} else {
		err_elem(ld, x, MARK_SCHEMA,
			 "<%s> is out of order in <%s>; expected order: %s", NAME(x),
			 pe->name, buf_str(&names));
	}
	buf_free(&names);
}

/* The element a validity error is about. */
static xmlNodePtr rng_error_node(const struct rng_error *r)
{
	xmlNodePtr x = r->node;

	if (x && x->type != XML_ELEMENT_NODE)
		x = x->parent;
	if (r->code == XML_RELAXNG_ERR_ATTRVALID)
		x = ancestor_named(x, r->str1);
	else if (r->code == XML_RELAXNG_ERR_INVALIDATTR)
		x = ancestor_named(x, r->str2);
	return tag_of(x) ? x : NULL;
}

/* Reports what libxml2's validator found and the checks did not already
 * say better about the same element. */
static void report_rng_errors(struct loader *ld, size_t before)
{
	const char *msg;
	size_t i;

	for (i = 0; i < ld->nerrs; i++) {
		const struct rng_error *r = &ld->errs[i];
		xmlNodePtr x = rng_error_node(r);
		const struct tag *t = tag_of(x), *pt;

		if (!x)
			continue; /* below, if nothing better was said */
		pt = x->parent->type == XML_ELEMENT_NODE ? tag_of(x->parent) : NULL;
		msg = r->msg ? r->msg : "";
		switch (r->code) {
		case XML_RELAXNG_ERR_ELEMWRONG:
		case XML_RELAXNG_ERR_EXTRACONTENT:
			/* A misplaced element: unless the checks refused it, or its
			 * parent lacks a required element (which libxml2 then
			 * blames on the next one). */
			if (t->marks & (MARK_UNKNOWN | MARK_SCHEMA) ||
			    (pt && pt->marks & MARK_MISSING))
				continue;
			report_order(ld, x);
			break;
		case XML_RELAXNG_ERR_NOELEM:
			if (t->marks & (MARK_MISSING | MARK_SCHEMA))
				continue;
			err_elem(ld, x, MARK_SCHEMA, "<%s> is incomplete: %s", NAME(x), msg);
			break;
		case XML_RELAXNG_ERR_TEXTWRONG:
			if (!(t->marks & MARK_SCHEMA))
				err_elem(ld, x, MARK_SCHEMA,
					 "text is not allowed directly in <%s>", NAME(x));
			break;
		default:
			if (t->marks & (MARK_VALUE | MARK_UNKNOWN | MARK_SCHEMA))
				continue;
			if (r->code == XML_RELAXNG_ERR_INVALIDATTR && r->str1)
				err_attr(ld, x, r->str1, "%s", msg);
			else
				err_elem(ld, x, MARK_SCHEMA, "%s", msg);
			tag_of(x)->marks |= MARK_SCHEMA;
			break;
		}
	}
	for (i = 0; i < ld->nerrs && ld->d->errors == before; i++)
		if (!rng_error_node(&ld->errs[i]) && ld->errs[i].msg)
			add_error(ld, ld->errs[i].line, 0, ld->errs[i].msg);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static int parse(struct loader *ld)
{
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	size_t before = ld->d->errors;
	bool ok;

	if (!pc) {
		ld->oom = true;
		return -1;
	}
	/* No network, no DTD loading, no entity substitution: the scan has
	 * already refused any DOCTYPE; these hold even if it missed one. */
	ld->doc = xmlCtxtReadMemory(pc, ld->src.text, (int)ld->src.len, ld->path,
				    "UTF-8", XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	ok = ld->doc && pc->wellFormed;
	xmlFreeParserCtxt(pc);
	if (ok && (ld->doc->intSubset || ld->doc->extSubset)) {
		add_error(ld, 1, 1, "a profile must not contain a DOCTYPE (DTDs and entities are not supported)");
		ok = false;
	}
	if (ok) {
		/* Without a URL, libxml2 does not walk every preceding node for
		 * XInclude markers on each validity error (quadratic). */
		xmlFree((xmlChar *)ld->doc->URL);
		ld->doc->URL = NULL;
	} else {
		if (ld->d->errors == before)
			add_error(ld, 0, 0, "the profile is not well-formed XML");
		xmlFreeDoc(ld->doc);
		ld->doc = NULL;
		return -1;
	}
	return 0;
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

/* Gives every element its tag. Should the scan and the parser ever
 * disagree, elements keep libxml2's line and lose their column. */
static int link_tags(struct loader *ld)
{
	struct src *s = &ld->src;
	size_t n = 0, i = 0;

	link_count(ld->doc->children, &n);
	if (n != s->ntags) {
		struct tag *t = calloc(n ? n : 1, sizeof(*t));
		if (!t)
			return -1;
		for (i = 0; i < n; i++)
			t[i] = (struct tag){ NO_OFF, NO_OFF, 0, -1, 0 };
		free(s->tags);
		s->tags = t;
		s->ntags = s->cap = n;
		i = 0;
	}
	link_assign(ld->doc->children, s->tags, &i);
	return 0;
}

static void loader_free(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->nerrs; i++) {
		free(ld->errs[i].str1);
		free(ld->errs[i].str2);
		free(ld->errs[i].msg);
	}
	free(ld->errs);
	index_free(&ld->people);
	index_free(&ld->roles);
	index_free(&ld->products);
	for (i = 0; i < NSHAPES; i++)
		pcre2_code_free(ld->re[i]);
	pcre2_match_data_free(ld->md);
	xmlFreeDoc(ld->doc);
	rng_free(&ld->rng);
	src_free(&ld->src);
	profile_free(ld->p);
}

struct profile *profile_load(const char *path, const struct strlist *builtin_roles,
			     const char *rng_path, struct diag *d)
{
	struct loader ld;
	struct profile *p = NULL;
	size_t before = d->errors;
	xmlNodePtr root;
	xmlRelaxNGValidCtxtPtr vc = NULL;

	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.parsing = path;
	ld.d = d;
	ld.builtin_roles = builtin_roles;
	if (src_read(&ld.src, path, d) < 0 || src_scan(&ld.src, path, d) < 0)
		goto out;

	/* libxml2 2.9 has no per-context handler for the parser: the global
	 * one is set here and restored before returning. */
	xmlSetStructuredErrorFunc(&ld, on_xml_error);
	if (parse(&ld) < 0 || rng_load(&ld, rng_path) < 0 || shapes_compile(&ld) < 0)
		goto out;
	vc = xmlRelaxNGNewValidCtxt(ld.rng.valid);
	if (!vc) {
		ld.oom = true;
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, on_xml_error, &ld);
	xmlRelaxNGValidateDoc(vc, ld.doc);
	if (link_tags(&ld) < 0) {
		ld.oom = true;
		goto out;
	}

	ld.p = calloc(1, sizeof(*ld.p));
	if (!ld.p || !(ld.p->path = strdup(path))) {
		ld.oom = true;
		goto out;
	}
	root = xmlDocGetRootElement(ld.doc);
	if (!is_ours(root) || strcmp(NAME(root), "profile") != 0) {
		err_elem(&ld, root, MARK_UNKNOWN,
			 "the root element must be <profile xmlns=\"%s\">, not <%s%s%s%s>",
			 PROFILE_NS, NAME(root), root->ns ? " xmlns=\"" : "",
			 root->ns ? (const char *)root->ns->href : "", root->ns ? "\"" : "");
		goto out;
	}
	check_tree(&ld, root, 0);
	read_profile(&ld, root);
	report_rng_errors(&ld, before);
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeValidCtxt(vc);
	if (ld.oom)
		diag_error(d, path, 0, 0, "out of memory while reading the profile");
	if (d->errors == before && !ld.oom && ld.p) {
		p = ld.p;
		ld.p = NULL;
	}
	loader_free(&ld);
	return p;
}

/* ------------------------------------------------------------------ */
/* The model                                                           */
/* ------------------------------------------------------------------ */

const char *ltext_get(const struct ltext *t, const char *lang)
{
	const char *want[] = { lang, "en", "ja" };
	size_t i, w;

	if (!t || t->n == 0)
		return NULL;
	for (w = 0; w < sizeof(want) / sizeof(want[0]); w++)
		for (i = 0; want[w] && i < t->n; i++)
			if (t->v[i].lang && t->v[i].text && strcmp(t->v[i].lang, want[w]) == 0)
				return t->v[i].text;
	return t->v[0].text;
}

static void ltext_free(struct ltext *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].lang);
		free(t->v[i].text);
	}
	free(t->v);
}

static void strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void profile_free(struct profile *p)
{
	size_t i;

	if (!p)
		return;
	free(p->path);
	free(p->company.code);
	ltext_free(&p->company.name);
	ltext_free(&p->company.address);
	ltext_free(&p->company.classification);
	free(p->company.website);
	free(p->company.paper);
	for (i = 0; i < p->npeople; i++) {
		free(p->people[i].id);
		ltext_free(&p->people[i].name);
		ltext_free(&p->people[i].title);
		free(p->people[i].email);
		free(p->people[i].lang);
		free(p->people[i].deputy);
	}
	free(p->people);
	for (i = 0; i < p->nroles; i++) {
		free(p->roles[i].id);
		ltext_free(&p->roles[i].name);
		ltext_free(&p->roles[i].duties);
		free(p->roles[i].reports_to);
	}
	free(p->roles);
	for (i = 0; i < p->nassignments; i++) {
		free(p->assignments[i].role);
		free(p->assignments[i].person);
	}
	free(p->assignments);
	for (i = 0; i < p->nproducts; i++) {
		struct product *pr = &p->products[i];
		free(pr->id);
		ltext_free(&pr->name);
		free(pr->model);
		free(pr->category);
		strlist_free(&pr->connectivity);
		strlist_free(&pr->interfaces);
		strlist_free(&pr->data);
		free(pr->update_method);
		free(pr->support_until);
		strlist_free(&pr->markets);
		ltext_free(&pr->intended_users);
		ltext_free(&pr->use_cases);
	}
	free(p->products);
	for (i = 0; i < p->nsuppliers; i++) {
		free(p->suppliers[i].id);
		ltext_free(&p->suppliers[i].name);
		ltext_free(&p->suppliers[i].scope);
		free(p->suppliers[i].email);
		free(p->suppliers[i].country);
		strlist_free(&p->suppliers[i].products);
	}
	free(p->suppliers);
	free(p->vuln.email);
	free(p->vuln.url);
	free(p->vuln.policy_url);
	strlist_free(&p->vuln.languages);
	for (i = 0; i < p->nrevisions; i++) {
		free(p->revisions[i].number);
		free(p->revisions[i].date);
		free(p->revisions[i].author);
		ltext_free(&p->revisions[i].summary);
	}
	free(p->revisions);
	free(p->approval.person);
	free(p->approval.date);
	for (i = 0; i < p->noverrides; i++) {
		free(p->overrides[i].lang);
		free(p->overrides[i].id);
		free(p->overrides[i].text);
	}
	free(p->overrides);
	free(p);
}
