/* mustache.c - the template engine: the Mustache spec's core modules.
 *
 * A template is parsed once per render into a flat array of tokens; a
 * section token knows the index of its closing token, so rendering is a loop
 * over a range that recurses only into sections and partials, each step
 * counted against max_depth. A partial is parsed on its first use and kept,
 * under its name and indentation, until the render ends. Values are only
 * ever written out, never parsed. */
#include "template/mustache.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/xmlutil.h"

#define DEPTH_DEFAULT 64
#define DEPTH_LIMIT 1000 /* keeps the C stack safe whatever max_depth says */

enum tok_type {
	TOK_TEXT,
	TOK_VAR,      /* {{name}}: escaped */
	TOK_RAW,      /* {{{name}}} and {{&name}} */
	TOK_SECTION,  /* {{#name}} */
	TOK_INVERTED, /* {{^name}} */
	TOK_CLOSE,    /* {{/name}} */
	TOK_PARTIAL   /* {{>name}} */
};

struct tmpl;

struct tok {
	enum tok_type type;
	const char *text; /* TEXT: the bytes; PARTIAL: the indentation */
	size_t len;
	size_t name;   /* offset in tmpl.names of the name, NUL-ended */
	size_t parts;  /* offset of its dotted parts, each NUL-ended */
	size_t nparts; /* 0 for the implicit iterator "." */
	size_t end;    /* SECTION, INVERTED: index of the CLOSE token */
	long line, col;
	struct tmpl *partial; /* PARTIAL: what it resolved to (NULL: missing) */
	bool resolved;        /* PARTIAL: partial is set */
	bool reported;        /* strict mode: an error was reported for it */
};

struct tmpl {
	const char *file; /* for diagnostics; borrowed */
	long line0;       /* line of the file where src begins */
	long col_shift;   /* columns that indentation added to every line */
	const char *src;
	size_t len;
	char *owned;      /* src, when it is an indented copy */
	struct tok *v;
	size_t n, cap;
	struct buf names;
	char *key;        /* partial cache: name, NUL, indentation */
	size_t keylen, hash;
	long delims_line, delims_col; /* the first delimiter change, or 0 */
};

struct cursor {
	size_t pos;
	long line, col; /* of pos; col counts UTF-8 characters */
};

struct parser {
	struct tmpl *t;
	struct diag *d;
	const char *otag, *ctag;
	size_t olen, clen;
	struct cursor cur;
	size_t *open; /* token indices of the sections not yet closed */
	size_t nopen, capopen;
};

struct render {
	enum mustache_mode mode;
	mustache_partial_fn partial;
	void *partial_ctx;
	int max_depth, depth;
	struct diag *d;
	struct buf *out;
	const struct value **ctx; /* the context stack; top is last */
	size_t nctx, capctx;
	struct tmpl **cache; /* open addressing by tmpl.hash */
	size_t ncache, capcache;
	bool failed; /* a strict-mode error was reported; keep going */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* FNV-1a over n bytes. */
static size_t bytes_hash(const char *s, size_t n)
{
	size_t h = (size_t)2166136261u, i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= (size_t)16777619u;
	}
	return h;
}

static void tmpl_init(struct tmpl *t, const char *file, long line0,
		      const char *src, size_t len)
{
	struct buf empty = BUF_INIT;

	memset(t, 0, sizeof(*t));
	t->file = file;
	t->line0 = line0 > 0 ? line0 : 1;
	t->src = src;
	t->len = len;
	t->names = empty;
}

static void tmpl_fini(struct tmpl *t)
{
	if (!t)
		return;
	free(t->owned);
	free(t->v);
	buf_free(&t->names);
	free(t->key);
}

static void tmpl_free(struct tmpl *t)
{
	tmpl_fini(t);
	free(t);
}

static const char *tok_name(const struct tmpl *t, const struct tok *k)
{
	return t->names.data + k->name;
}

/* ---- parsing ---- */

/* Index of the first c followed by pat (c == 0: just pat) at or after from,
 * or SIZE_MAX. */
static size_t find_tag(const char *s, size_t from, size_t len, char c,
		       const char *pat, size_t plen)
{
	size_t need = plen + (c != 0);
	char first = c ? c : pat[0];
	const char *p;

	while (from <= len && len - from >= need) {
		p = memchr(s + from, first, len - from - need + 1);
		if (!p)
			break;
		from = (size_t)(p - s);
		if (memcmp(s + from + (c != 0), pat, plen) == 0)
			return from;
		from++;
	}
	return SIZE_MAX;
}

static void cursor_advance(struct cursor *c, const char *s, size_t to)
{
	for (; c->pos < to; c->pos++) {
		unsigned char ch = (unsigned char)s[c->pos];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

static void parser_where(const struct parser *ps, long *line, long *col)
{
	*line = ps->t->line0 + ps->cur.line - 1;
	*col = ps->cur.col > ps->t->col_shift ? ps->cur.col - ps->t->col_shift
					      : ps->cur.col;
}

static struct tok *tok_add(struct parser *ps, enum tok_type type)
{
	struct tmpl *t = ps->t;
	struct tok *v, *k;

	v = array_grow(t->v, &t->cap, t->n, sizeof(*v));
	if (!v)
		return NULL;
	t->v = v;
	k = &v[t->n++];
	memset(k, 0, sizeof(*k));
	k->type = type;
	parser_where(ps, &k->line, &k->col);
	return k;
}

static int parse_oom(struct parser *ps)
{
	long line, col;

	parser_where(ps, &line, &col);
	diag_error(ps->d, ps->t->file, line, col,
		   "out of memory parsing template");
	return -1;
}

static int text_add(struct parser *ps, const char *s, size_t n)
{
	struct tok *k;

	if (n == 0)
		return 0;
	k = tok_add(ps, TOK_TEXT);
	if (!k)
		return parse_oom(ps);
	k->text = s;
	k->len = n;
	return 0;
}

/* {{=OPEN CLOSE=}}: s holds "OPEN CLOSE" (n bytes), possibly padded. */
static int parse_delimiters(struct parser *ps, const char *s, size_t n)
{
	size_t a = 0, b, c, e = n, i;
	long line, col;

	while (a < e && is_space(s[a]))
		a++;
	while (e > a && is_space(s[e - 1]))
		e--;
	for (b = a; b < e && !is_space(s[b]); b++)
		;
	for (c = b; c < e && is_space(s[c]); c++)
		;
	if (b == a || c == e)
		goto bad;
	for (i = a; i < e; i++)
		if (s[i] == '=' || s[i] == '\0' || (i >= c && is_space(s[i])))
			goto bad;
	ps->otag = s + a;
	ps->olen = b - a;
	ps->ctag = s + c;
	ps->clen = e - c;
	if (!ps->t->delims_line)
		parser_where(ps, &ps->t->delims_line, &ps->t->delims_col);
	return 0;
bad:
	parser_where(ps, &line, &col);
	diag_error(ps->d, ps->t->file, line, col,
		   "bad delimiter tag: want {{=OPEN CLOSE=}}, two words "
		   "without '='");
	return -1;
}

/* Stores the name s (n bytes) for k: as written, then split at the dots
 * unless it is a partial's name or ".". */
static int name_add(struct parser *ps, enum tok_type type, const char *s,
		    size_t n, size_t *name, size_t *parts, size_t *nparts)
{
	struct buf *names = &ps->t->names;
	size_t i;
	long line, col;

	for (i = 0; i < n; i++)
		if (is_space(s[i]) || s[i] == '\0')
			goto bad;
	*name = names->len;
	*parts = 0;
	*nparts = 0;
	if (buf_put(names, s, n) < 0 || buf_putc(names, '\0') < 0)
		return parse_oom(ps);
	if (type == TOK_PARTIAL || (n == 1 && s[0] == '.'))
		return 0;
	*parts = names->len;
	*nparts = 1;
	for (i = 0; i < n; i++) {
		if (s[i] != '.')
			continue;
		if (i == 0 || i == n - 1 || s[i - 1] == '.')
			goto bad;
		(*nparts)++;
	}
	if (buf_put(names, s, n) < 0 || buf_putc(names, '\0') < 0)
		return parse_oom(ps);
	for (i = *parts; i < names->len; i++)
		if (names->data[i] == '.')
			names->data[i] = '\0';
	return 0;
bad:
	parser_where(ps, &line, &col);
	diag_error(ps->d, ps->t->file, line, col, "bad tag name '%.*s'",
		   (int)n, s);
	return -1;
}

static int parse_close(struct parser *ps, struct tok *k)
{
	struct tmpl *t = ps->t;
	const struct tok *o;

	if (ps->nopen == 0) {
		diag_error(ps->d, t->file, k->line, k->col,
			   "'{{/%s}}' closes no open section", tok_name(t, k));
		return -1;
	}
	o = &t->v[ps->open[ps->nopen - 1]];
	if (strcmp(tok_name(t, o), tok_name(t, k)) != 0) {
		diag_error(ps->d, t->file, k->line, k->col,
			   "'{{/%s}}' closes section '%s', opened at line %ld",
			   tok_name(t, k), tok_name(t, o), o->line);
		return -1;
	}
	t->v[ps->open[--ps->nopen]].end = t->n - 1;
	return 0;
}

/* One tag: sigil (0 for a variable), its content s (n bytes), and for a
 * standalone partial its indentation. */
static int parse_tag(struct parser *ps, char sigil, const char *s, size_t n,
		     const char *indent, size_t indent_len)
{
	enum tok_type type;
	struct tok k0, *k;
	size_t *open;
	long line, col;

	if (sigil == '!')
		return 0;
	if (sigil == '=')
		return parse_delimiters(ps, s, n);
	while (n && is_space(s[0]))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	if (n == 0) {
		parser_where(ps, &line, &col);
		diag_error(ps->d, ps->t->file, line, col, "empty tag");
		return -1;
	}
	switch (sigil) {
	case '#': type = TOK_SECTION; break;
	case '^': type = TOK_INVERTED; break;
	case '/': type = TOK_CLOSE; break;
	case '>': type = TOK_PARTIAL; break;
	case '&':
	case '{': type = TOK_RAW; break;
	default: type = TOK_VAR; break;
	}
	memset(&k0, 0, sizeof(k0));
	if (name_add(ps, type, s, n, &k0.name, &k0.parts, &k0.nparts) < 0)
		return -1;
	k = tok_add(ps, type);
	if (!k)
		return parse_oom(ps);
	k->name = k0.name;
	k->parts = k0.parts;
	k->nparts = k0.nparts;
	if (type == TOK_PARTIAL) {
		k->text = indent;
		k->len = indent_len;
	} else if (type == TOK_SECTION || type == TOK_INVERTED) {
		open = array_grow(ps->open, &ps->capopen, ps->nopen,
				  sizeof(*open));
		if (!open)
			return parse_oom(ps);
		ps->open = open;
		open[ps->nopen++] = ps->t->n - 1;
	} else if (type == TOK_CLOSE) {
		return parse_close(ps, k);
	}
	return 0;
}

/* Where the line holding a tag at p starts, if only blanks precede the tag
 * on that line since text_start; SIZE_MAX otherwise. */
static size_t standalone_start(const char *s, size_t text_start, size_t p)
{
	size_t i;

	for (i = p; i > text_start; i--) {
		if (s[i - 1] == '\n')
			return i;
		if (!is_blank(s[i - 1]))
			return SIZE_MAX;
	}
	return text_start == 0 || s[text_start - 1] == '\n' ? text_start
							  : SIZE_MAX;
}

/* Where the text after a tag ending at e resumes if only blanks follow it
 * to the end of its line (past the newline); SIZE_MAX otherwise. */
static size_t standalone_end(const char *s, size_t e, size_t len)
{
	while (e < len && is_blank(s[e]))
		e++;
	if (e == len)
		return len;
	if (s[e] == '\n')
		return e + 1;
	if (s[e] == '\r' && e + 1 < len && s[e + 1] == '\n')
		return e + 2;
	return SIZE_MAX;
}

static int tmpl_parse(struct tmpl *t, struct diag *d)
{
	struct parser ps;
	const char *s = t->src;
	size_t len = t->len, text = 0, p, q, e, after, ls, next;
	long line, col;
	char sigil, close;
	int rc = -1;

	memset(&ps, 0, sizeof(ps));
	ps.t = t;
	ps.d = d;
	ps.otag = "{{";
	ps.ctag = "}}";
	ps.olen = ps.clen = 2;
	ps.cur.line = ps.cur.col = 1;
	for (;;) {
		p = find_tag(s, text, len, 0, ps.otag, ps.olen);
		if (p == SIZE_MAX)
			break;
		cursor_advance(&ps.cur, s, p);
		q = p + ps.olen;
		while (q < len && is_blank(s[q]))
			q++;
		sigil = q < len ? s[q] : 0;
		if (!sigil || !memchr("#^/>&{!=", sigil, 8))
			sigil = 0;
		close = sigil == '{' ? '}' : sigil == '=' ? '=' : 0;
		e = find_tag(s, q + (sigil != 0), len, close, ps.ctag, ps.clen);
		if (e == SIZE_MAX) {
			parser_where(&ps, &line, &col);
			diag_error(d, t->file, line, col,
				   "unclosed tag: no '%.*s%.*s' after '%.*s'",
				   close != 0, &close, (int)ps.clen, ps.ctag,
				   (int)ps.olen, ps.otag);
			goto out;
		}
		after = e + (close != 0) + ps.clen;
		ls = next = SIZE_MAX;
		if (sigil && sigil != '&' && sigil != '{') {
			ls = standalone_start(s, text, p);
			if (ls != SIZE_MAX)
				next = standalone_end(s, after, len);
		}
		if (next == SIZE_MAX) {
			ls = p;
			next = after;
		}
		q += sigil != 0;
		if (text_add(&ps, s + text, ls - text) < 0 ||
		    parse_tag(&ps, sigil, s + q, e - q, s + ls, p - ls) < 0)
			goto out;
		text = next;
	}
	if (text_add(&ps, s + text, len - text) < 0)
		goto out;
	if (ps.nopen) {
		const struct tok *o = &t->v[ps.open[ps.nopen - 1]];
		diag_error(d, t->file, o->line, o->col, "unclosed section '%s'",
			   tok_name(t, o));
		goto out;
	}
	rc = 0;
out:
	free(ps.open);
	return rc;
}

/* ---- rendering ---- */

static int render_oom(struct render *r, const struct tmpl *t)
{
	diag_error(r->d, t->file, 0, 0,
		   "out of memory, or output larger than %zu bytes",
		   (size_t)BUF_MAX);
	return -1;
}

static void strict_error(struct render *r, const struct tmpl *t,
			 struct tok *k, const char *what)
{
	if (r->mode != MUSTACHE_STRICT)
		return;
	r->failed = true;
	if (k->reported)
		return;
	k->reported = true;
	diag_error(r->d, t->file, k->line, k->col, "no %s named '%s'", what,
		   tok_name(t, k));
}

static int ctx_push(struct render *r, const struct value *v)
{
	const struct value **ctx;

	ctx = array_grow(r->ctx, &r->capctx, r->nctx, sizeof(*ctx));
	if (!ctx)
		return -1;
	r->ctx = ctx;
	ctx[r->nctx++] = v;
	return 0;
}

/* The value a name resolves to, NULL when there is none: the first part is
 * looked up from the top of the context stack down, the rest only inside
 * what the first part found (the spec: no masking, broken chains). */
static const struct value *lookup(struct render *r, const struct tmpl *t,
				  struct tok *k)
{
	const struct value *v = NULL;
	const char *part = t->names.data + k->parts;
	size_t i;

	if (k->nparts == 0) {
		v = r->nctx ? r->ctx[r->nctx - 1] : NULL;
	} else {
		for (i = r->nctx; i > 0 && !v; i--)
			v = value_map_get(r->ctx[i - 1], part);
		for (i = 1; v && i < k->nparts; i++) {
			part += strlen(part) + 1;
			v = value_map_get(v, part);
		}
	}
	if (!v)
		strict_error(r, t, k, "value");
	return v;
}

static int enter(struct render *r, const struct tmpl *t, const struct tok *k)
{
	if (r->depth >= r->max_depth) {
		diag_error(r->d, t->file, k->line, k->col,
			   "sections and partials nested deeper than %d "
			   "(a partial that includes itself?)", r->max_depth);
		return -1;
	}
	r->depth++;
	return 0;
}

static int render_range(struct render *r, struct tmpl *t, size_t i,
			size_t to);

static int render_section(struct render *r, struct tmpl *t, size_t i,
			  const struct value *v)
{
	const struct tok *k = &t->v[i];
	bool list = value_type(v) == VALUE_LIST;
	size_t j, n = list ? value_list_len(v) : 1;
	int rc = 0;

	if (!value_truthy(v))
		return 0;
	if (enter(r, t, k) < 0)
		return -1;
	for (j = 0; j < n && rc == 0; j++) {
		if (ctx_push(r, list ? value_list_at(v, j) : v) < 0) {
			rc = render_oom(r, t);
			break;
		}
		rc = render_range(r, t, i + 1, k->end);
		r->nctx--;
	}
	r->depth--;
	return rc;
}

/* Builds the partial's source with indent before every line (none after a
 * final newline), as the spec asks of a standalone partial tag; values
 * interpolated later are not indented. */
static int indent_lines(struct buf *b, const char *s, size_t len,
			const char *indent, size_t indent_len)
{
	const char *nl;
	size_t i = 0, end;

	while (i < len) {
		nl = memchr(s + i, '\n', len - i);
		end = nl ? (size_t)(nl - s) + 1 : len;
		if (buf_put(b, indent, indent_len) < 0 ||
		    buf_put(b, s + i, end - i) < 0)
			return -1;
		i = end;
	}
	return buf_put(b, "", 0);
}

static int cache_add(struct render *r, struct tmpl *p)
{
	struct tmpl **slots;
	size_t cap, i, s, mask;

	if ((r->ncache + 1) * 2 > r->capcache) {
		cap = r->capcache ? r->capcache * 2 : 16;
		if (cap > SIZE_MAX / sizeof(*slots))
			return -1;
		slots = calloc(cap, sizeof(*slots));
		if (!slots)
			return -1;
		for (i = 0; i < r->capcache; i++) {
			if (!r->cache[i])
				continue;
			s = r->cache[i]->hash & (cap - 1);
			while (slots[s])
				s = (s + 1) & (cap - 1);
			slots[s] = r->cache[i];
		}
		free(r->cache);
		r->cache = slots;
		r->capcache = cap;
	}
	mask = r->capcache - 1;
	for (i = p->hash & mask; r->cache[i]; i = (i + 1) & mask)
		;
	r->cache[i] = p;
	r->ncache++;
	return 0;
}

/* Finds, or loads and parses, the partial k names. 0 with *out NULL when
 * there is no such partial; -1 after reporting an error. */
static int partial_get(struct render *r, const struct tmpl *t,
		       const struct tok *k, struct tmpl **out)
{
	struct buf key = BUF_INIT, src = BUF_INIT;
	struct tmpl *p = NULL;
	const char *name = tok_name(t, k), *text, *source = NULL;
	size_t len = 0, hash, i;
	long line = 1;
	int rc = -1;

	*out = NULL;
	if (buf_puts(&key, name) < 0 || buf_putc(&key, '\0') < 0 ||
	    buf_put(&key, k->text, k->len) < 0)
		goto oom;
	hash = bytes_hash(key.data, key.len);
	for (i = r->capcache ? hash & (r->capcache - 1) : 0;
	     r->capcache && r->cache[i]; i = (i + 1) & (r->capcache - 1)) {
		const struct tmpl *c = r->cache[i];
		if (c->hash == hash && c->keylen == key.len &&
		    memcmp(c->key, key.data, key.len) == 0) {
			*out = r->cache[i];
			rc = 0;
			goto out;
		}
	}
	text = r->partial ? r->partial(r->partial_ctx, name, &len, &source,
				       &line)
			  : NULL;
	if (!text) {
		rc = 0;
		goto out;
	}
	p = malloc(sizeof(*p));
	if (!p)
		goto oom;
	tmpl_init(p, source ? source : name, line, text, len);
	if (k->len) {
		if (indent_lines(&src, text, len, k->text, k->len) < 0)
			goto oom;
		p->owned = buf_detach(&src, &p->len);
		if (!p->owned)
			goto oom;
		p->src = p->owned;
		p->col_shift = (long)k->len;
	}
	p->keylen = key.len;
	p->hash = hash;
	p->key = buf_detach(&key, NULL);
	if (!p->key)
		goto oom;
	if (tmpl_parse(p, r->d) < 0)
		goto out;
	if (cache_add(r, p) < 0)
		goto oom;
	*out = p;
	p = NULL;
	rc = 0;
	goto out;
oom:
	rc = render_oom(r, t);
out:
	tmpl_free(p);
	buf_free(&key);
	buf_free(&src);
	return rc;
}

static int render_partial(struct render *r, struct tmpl *t, struct tok *k)
{
	int rc;

	if (!k->resolved) {
		if (partial_get(r, t, k, &k->partial) < 0)
			return -1;
		k->resolved = true;
	}
	if (!k->partial) {
		strict_error(r, t, k, "partial");
		return 0;
	}
	if (enter(r, t, k) < 0)
		return -1;
	rc = render_range(r, k->partial, 0, k->partial->n);
	r->depth--;
	return rc;
}

static int write_value(struct render *r, const struct value *v, bool escape)
{
	/* Only strings can hold a character that needs escaping. */
	if (escape && value_type(v) == VALUE_STRING)
		return xmlutil_put_html_n(r->out, value_get_string(v),
					  value_string_len(v));
	return value_format(v, r->out);
}

static int render_range(struct render *r, struct tmpl *t, size_t i,
			size_t to)
{
	const struct value *v;
	struct tok *k;

	while (i < to) {
		k = &t->v[i];
		switch (k->type) {
		case TOK_TEXT:
			if (buf_put(r->out, k->text, k->len) < 0)
				return render_oom(r, t);
			i++;
			break;
		case TOK_VAR:
		case TOK_RAW:
			v = lookup(r, t, k);
			if (v && write_value(r, v, k->type == TOK_VAR) < 0)
				return render_oom(r, t);
			i++;
			break;
		case TOK_SECTION:
			if (render_section(r, t, i, lookup(r, t, k)) < 0)
				return -1;
			i = k->end + 1;
			break;
		case TOK_INVERTED:
			if (!value_truthy(lookup(r, t, k))) {
				if (enter(r, t, k) < 0 ||
				    render_range(r, t, i + 1, k->end) < 0)
					return -1;
				r->depth--;
			}
			i = k->end + 1;
			break;
		case TOK_PARTIAL:
			if (render_partial(r, t, k) < 0)
				return -1;
			i++;
			break;
		case TOK_CLOSE:
		default:
			assert(false);
			return -1;
		}
	}
	return 0;
}

int mustache_render(const char *tmpl, size_t len, const char *name,
		    const struct value *data,
		    const struct mustache_options *opt, struct buf *out,
		    struct diag *d)
{
	struct render r;
	struct tmpl top;
	size_t i;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.mode = opt ? opt->mode : MUSTACHE_SPEC;
	r.partial = opt ? opt->partial : NULL;
	r.partial_ctx = opt ? opt->partial_ctx : NULL;
	r.max_depth = DEPTH_DEFAULT;
	if (opt && opt->max_depth > 0)
		r.max_depth = opt->max_depth;
	if (r.max_depth > DEPTH_LIMIT)
		r.max_depth = DEPTH_LIMIT;
	r.d = d;
	r.out = out;
	tmpl_init(&top, name, 1, tmpl, len);
	if (tmpl_parse(&top, d) < 0)
		goto out;
	if (data && ctx_push(&r, data) < 0) {
		render_oom(&r, &top);
		goto out;
	}
	if (render_range(&r, &top, 0, top.n) < 0)
		goto out;
	rc = r.failed ? -1 : 0;
out:
	for (i = 0; i < r.capcache; i++)
		tmpl_free(r.cache[i]);
	free(r.cache);
	free(r.ctx);
	tmpl_fini(&top);
	return rc;
}

/* A template read only to look at its tokens (the lint's helpers). */
static int tmpl_read(struct tmpl *t, const char *tmpl, size_t len, const char *name,
		     struct diag *d)
{
	tmpl_init(t, name, 1, tmpl, len);
	return tmpl_parse(t, d);
}

int mustache_check_escaped(const char *tmpl, size_t len, const char *name,
			   struct diag *d)
{
	struct tmpl t;
	size_t i;
	int rc = -1;

	if (tmpl_read(&t, tmpl, len, name, d) < 0)
		goto out;
	if (t.delims_line) {
		diag_error(d, name, t.delims_line, t.delims_col,
			   "a delimiter change ({{=…=}}) is not allowed here: the text after it "
			   "would not be escaped");
		goto out;
	}
	for (i = 0; i < t.n; i++) {
		if (t.v[i].type == TOK_RAW) {
			diag_error(d, name, t.v[i].line, t.v[i].col,
				   "{{{%s}}} or {{&%s}} is not allowed here: it would put the value "
				   "into the document unescaped; write {{%s}}",
				   tok_name(&t, &t.v[i]), tok_name(&t, &t.v[i]), tok_name(&t, &t.v[i]));
			goto out;
		}
		/* A partial may name a template fragment: document markup. */
		if (t.v[i].type == TOK_PARTIAL) {
			diag_error(d, name, t.v[i].line, t.v[i].col,
				   "{{>%s}} is not allowed here: a partial would put a template's "
				   "markup into the document",
				   tok_name(&t, &t.v[i]));
			goto out;
		}
	}
	rc = 0;
out:
	tmpl_fini(&t);
	return rc;
}

int mustache_list_tags(const char *tmpl, size_t len, const char *name,
		       void (*fn)(void *ctx, const char *tag), void *ctx,
		       struct diag *d)
{
	static const char *const sigils[] = {
		[TOK_VAR] = "", [TOK_RAW] = "&", [TOK_SECTION] = "#",
		[TOK_INVERTED] = "^", [TOK_CLOSE] = "/", [TOK_PARTIAL] = ">",
	};
	struct buf tag = BUF_INIT;
	struct tmpl t;
	size_t i;
	int rc = -1;

	if (tmpl_read(&t, tmpl, len, name, d) < 0)
		goto out;
	for (i = 0; i < t.n; i++) {
		if (t.v[i].type == TOK_TEXT)
			continue;
		buf_reset(&tag);
		if (buf_printf(&tag, "{{%s%s}}", sigils[t.v[i].type],
			       tok_name(&t, &t.v[i])) < 0) {
			diag_error(d, name, 0, 0, "out of memory listing tags");
			goto out;
		}
		fn(ctx, buf_str(&tag));
	}
	rc = 0;
out:
	buf_free(&tag);
	tmpl_fini(&t);
	return rc;
}

void mustache_unescape(char *s)
{
	static const struct {
		const char *ent;
		char ch;
	} ents[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		     { "&quot;", '"' }, { "&#39;", '\'' } };
	char *r = s, *w = s;
	size_t i, n = sizeof(ents) / sizeof(ents[0]);

	while (*r) {
		for (i = 0; *r == '&' && i < n; i++)
			if (strncmp(r, ents[i].ent, strlen(ents[i].ent)) == 0)
				break;
		if (*r == '&' && i < n) {
			*w++ = ents[i].ch;
			r += strlen(ents[i].ent);
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}
