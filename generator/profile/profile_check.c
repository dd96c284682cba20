/* profile_check.c - what a schema cannot say, or says too vaguely: each
 * value has its shape (PCRE2), exists in the calendar, lies within its
 * bounds, comes from its closed list; ids are unique, references resolve,
 * chains of deputies and reporting lines end. Every message names the
 * value, where it is, and what is expected. */
#include "profile/profile_check.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "profile/profile_loader.h"
#include "base/text.h"

#define LIST_SHOWN 10 /* names listed in a "not defined" message */

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
int profile_index_build(struct loader *ld, struct index *ix, const char **keys, size_t n)
{
	size_t i;

	ix->keys = keys;
	ix->nkeys = n;
	ix->n = 0;
	ix->v = profile_calloc(ld, n, sizeof(*ix->v));
	if (n && !ix->v)
		return -1;
	for (i = 0; i < n; i++)
		if (keys[i])
			ix->v[ix->n++] = (struct index_item){ keys[i], i };
	qsort(ix->v, ix->n, sizeof(*ix->v), index_cmp);
	return 0;
}

/* Position of the first key equal to key, or NONE. */
size_t profile_index_find(const struct index *ix, const char *key)
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

void profile_index_free(struct index *ix)
{
	free(ix->keys);
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

/* "a, b, c, …" of the first keys in document order. */
void profile_key_names(struct loader *ld, const char *const *keys, size_t n,
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
void profile_report_duplicates(struct loader *ld, const struct index *ix,
		       xmlNodePtr *nodes, const char *what, const char *attr)
{
	size_t i, first;

	for (i = 0; i < ix->nkeys; i++) {
		if (!ix->keys[i] || (first = profile_index_find(ix, ix->keys[i])) == i)
			continue;
		profile_err_attr(ld, nodes[i], attr,
			 "duplicate %s \"%s\" (%s/@%s); first defined on line %ld",
			 what, ix->keys[i], NAME(nodes[i]), attr,
			 profile_loc_of(ld, nodes[first]).line);
	}
}

/* Reports a reference to an id that is not in ix (nor in extra). */
void profile_check_ref(struct loader *ld, xmlNodePtr x, const char *attr,
	       const char *value, const struct index *ix,
	       const struct strlist *extra, const char *what,
	       const char *defined)
{
	struct buf names = BUF_INIT;
	size_t i, shown = 0;

	if (!value || profile_index_find(ix, value) != NONE)
		return;
	for (i = 0; extra && i < extra->n; i++)
		if (strcmp(extra->v[i], value) == 0)
			return;
	if (extra)
		profile_key_names(ld, (const char *const *)extra->v, extra->n, &shown, &names);
	profile_key_names(ld, ix->keys, ix->nkeys, &shown, &names);
	profile_err_attr(ld, x, attr, "%s \"%s\" is not defined (%s/@%s); %s: %s", what, value,
		 NAME(x), attr, defined, shown ? buf_str(&names) : "none");
	buf_free(&names);
}

/* next[i] is the role role i reports to, or NONE. Reports each loop once,
 * at the attribute of its first member. */
void profile_check_loops(struct loader *ld, xmlNodePtr *nodes, const char *const *keys,
		 const size_t *next, size_t n, const char *attr)
{
	struct buf chain = BUF_INIT;
	size_t *seen = profile_calloc(ld, n, sizeof(*seen)), s, j, k, first, count;

	for (s = 0; seen && s < n; s++) {
		for (j = s; j != NONE && !seen[j]; j = next[j])
			seen[j] = s + 1;
		if (j == NONE || seen[j] != s + 1)
			continue; /* no loop, or one found from an earlier start */
		for (first = j, k = next[j]; k != j; k = next[k])
			first = k < first ? k : first;
		if (next[first] == first) {
			profile_err_attr(ld, nodes[first], attr, "role \"%s\" reports to itself (%s/@%s)",
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
		profile_err_attr(ld, nodes[first], attr,
			 "roles report to each other in a loop (%s/@%s): %s",
			 NAME(nodes[first]), attr, buf_str(&chain));
	}
	buf_free(&chain);
	free(seen);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/* The country is JP, the language is ja: a slip common enough to catch. */
static bool is_jp(enum shape s, const char *v)
{
	return s == SHAPE_LANG && strncmp(v, "jp", 2) == 0 && (!v[2] || v[2] == '-');
}

/* An attribute that must have shape s; NULL when absent or wrong. */
char *profile_read_shaped(struct loader *ld, xmlNodePtr x, const char *attr, enum shape s)
{
	char *v = profile_attr_dup(ld, x, attr);
	char tmp[TEXT_CLIP_SIZE];

	if (!v)
		return NULL;
	if (!shape_ok(&ld->shapes, s, v)) {
		profile_err_attr(ld, x, attr, "invalid %s \"%s\" (%s/@%s); expected %s",
			 shape_what(s), text_clip(v, tmp), NAME(x), attr, shape_expected(s));
	} else if (is_jp(s, v)) {
		profile_err_attr(ld, x, attr, "invalid language \"%s\" (%s/@%s); Japanese is \"ja\"",
			 v, NAME(x), attr);
	} else {
		return v;
	}
	free(v);
	return NULL;
}

/* A date attribute that exists in the calendar; NULL when absent or not. */
char *profile_read_date(struct loader *ld, xmlNodePtr x, const char *attr)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	char *v = profile_read_shaped(ld, x, attr, SHAPE_DATE);
	int y, m, dd;

	if (!v)
		return NULL;
	y = atoi(v);
	m = atoi(v + 5);
	dd = atoi(v + 8);
	if (y == 0)
		profile_err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): there is no year 0",
			 v, NAME(x), attr);
	else if (m < 1 || m > 12)
		profile_err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): there is no month %d",
			 v, NAME(x), attr, m);
	else if (dd < 1)
		profile_err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): there is no day 0",
			 v, NAME(x), attr);
	else if (dd > date_days_in_month(y, m))
		profile_err_attr(ld, x, attr, "invalid date \"%s\" (%s/@%s): %s %d has %d days",
			 v, NAME(x), attr, months[m - 1], y, date_days_in_month(y, m));
	else
		return v;
	free(v);
	return NULL;
}

/* A whole-number attribute within the schema's bounds, or dflt. */
long profile_read_int(struct loader *ld, xmlNodePtr x, const char *attr, long dflt)
{
	xmlNodePtr def = profile_attr_def(ld, x, attr);
	long min = rng_param(ld->rng, def, "minInclusive", 0);
	long max = rng_param(ld->rng, def, "maxInclusive", 999999999);
	char *v = profile_attr_dup(ld, x, attr), tmp[TEXT_CLIP_SIZE];
	size_t n = v ? strlen(v) : 0;
	bool digits = n > 0 && n < 10 && strspn(v, "0123456789") == n;
	long value = digits ? strtol(v, NULL, 10) : dflt;

	if (v && (!digits || value < min || value > max)) {
		profile_err_attr(ld, x, attr, "invalid %s \"%s\" (%s/@%s); expected a whole number from %ld to %ld",
			 attr, text_clip(v, tmp), NAME(x), attr, min, max);
		value = dflt;
	}
	free(v);
	return value;
}

/* An attribute from the schema's closed list of words, or dflt. */
char *profile_read_word(struct loader *ld, xmlNodePtr x, const char *attr,
		const char *dflt)
{
	char *v = profile_attr_dup(ld, x, attr), tmp[TEXT_CLIP_SIZE];
	struct buf allowed = BUF_INIT;

	if (!v)
		return profile_strdup(ld, dflt);
	if (rng_refuses(ld->rng, profile_attr_def(ld, x, attr), v, &allowed, &ld->oom)) {
		profile_err_attr(ld, x, attr, "invalid %s \"%s\" (%s/@%s); allowed: %s", attr,
			 text_clip(v, tmp), NAME(x), attr, buf_str(&allowed));
		free(v);
		v = NULL;
	}
	buf_free(&allowed);
	return v;
}

bool profile_read_bool(struct loader *ld, xmlNodePtr x, const char *attr)
{
	char *v = profile_read_word(ld, x, attr, "false");
	bool yes = v && strcmp(v, "true") == 0;

	free(v);
	return yes;
}

/* The element's text, white space folded (text_fold_space), checked against the
 * schema's maxLength; NULL when x is NULL or the text is empty. */
char *profile_read_text(struct loader *ld, xmlNodePtr x)
{
	const struct rng_entry *e;
	xmlChar *raw;
	char *t;
	size_t n;
	long max;

	if (!x)
		return NULL;
	e = profile_entry_of(ld, x);
	raw = xmlNodeGetContent(x);
	n = raw ? text_utf8_len((const char *)raw) : 0;
	max = rng_param(ld->rng, e ? e->def : NULL, "maxLength", -1);
	if (max >= 0 && n > (size_t)max)
		profile_err_text(ld, x, "<%s> in <%s> is too long: %zu characters, at most %ld",
			 NAME(x), NAME(x->parent), n, max);
	t = text_fold_space(raw ? (const char *)raw : "");
	xmlFree(raw);
	if (!t) {
		ld->oom = true;
	} else if (!*t) {
		profile_err_elem(ld, x, MARK_VALUE, "<%s> in <%s> is empty", NAME(x), NAME(x->parent));
		free(t);
		t = NULL;
	}
	return t;
}

/* Element text that must have shape s (an e-mail address, an https URL);
 * what is wrong with an e-mail address is said. */
char *profile_read_shaped_text(struct loader *ld, xmlNodePtr x, enum shape s)
{
	char *t = profile_read_text(ld, x), tmp[TEXT_CLIP_SIZE], why[SHAPE_WHY_SIZE];

	if (t && s == SHAPE_EMAIL && !shape_email_ok(t, why)) {
		profile_err_text(ld, x, "invalid %s \"%s\" (%s/%s): %s; expected %s", shape_what(s),
			 text_clip(t, tmp), NAME(x->parent), NAME(x), why, shape_expected(s));
	} else if (t && !shape_ok(&ld->shapes, s, t)) {
		profile_err_text(ld, x, "invalid %s \"%s\" (%s/%s); expected %s", shape_what(s),
			 text_clip(t, tmp), NAME(x->parent), NAME(x), shape_expected(s));
	} else {
		return t;
	}
	free(t);
	return NULL;
}

/* How often list[i] occurs before i: which occurrence to point at. */
size_t profile_nth_of(const struct strlist *l, size_t i)
{
	size_t j, n = 0;

	for (j = 0; j < i; j++)
		n += strcmp(l->v[j], l->v[i]) == 0;
	return n;
}

/* The words of x's text: each of shape s, or (s == NSHAPES) from the
 * schema's closed list; none repeated. */
void profile_read_words(struct loader *ld, xmlNodePtr x, enum shape s, struct strlist *out)
{
	int rc;
	xmlNodePtr def = x && profile_entry_of(ld, x) ? profile_entry_of(ld, x)->def : NULL;
	struct index seen = { 0 };
	struct buf allowed = BUF_INIT;
	const char **keys = NULL;
	xmlChar *raw;
	const char *p;
	size_t i, n = 0;
	char tmp[TEXT_CLIP_SIZE];

	if (!x)
		return;
	raw = xmlNodeGetContent(x);
	for (p = raw ? (const char *)raw : ""; *p;) {
		while (text_is_space(*p))
			p++;
		n += *p != '\0';
		while (*p && !text_is_space(*p))
			p++;
	}
	if (n == 0) {
		if (rng_has(ld->rng, def, "oneOrMore"))
			profile_err_elem(ld, x, MARK_VALUE, "<%s> in <%s> is empty", NAME(x),
				 NAME(x->parent));
		goto out;
	}
	out->v = profile_calloc(ld, n, sizeof(*out->v));
	keys = profile_calloc(ld, n, sizeof(*keys));
	if (!out->v || !keys)
		goto out;
	for (p = (const char *)raw, i = 0; i < n; i++) {
		size_t len;
		while (text_is_space(*p))
			p++;
		for (len = 0; p[len] && !text_is_space(p[len]); len++)
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
		if (s < NSHAPES && !shape_ok(&ld->shapes, s, w)) {
			profile_err_word(ld, x, w, profile_nth_of(out, i), "invalid %s \"%s\" (%s/%s); expected %s",
				 shape_what(s), text_clip(w, tmp), NAME(x->parent), NAME(x),
				 shape_expected(s));
		} else if (is_jp(s, w)) {
			profile_err_word(ld, x, w, profile_nth_of(out, i), "invalid language \"%s\" (%s/%s); Japanese is \"ja\"",
				 w, NAME(x->parent), NAME(x));
		} else if (s == NSHAPES) {
			buf_free(&allowed);
			if (rng_refuses(ld->rng, def, w, &allowed, &ld->oom))
				profile_err_word(ld, x, w, profile_nth_of(out, i), "\"%s\" is not allowed in <%s> (%s/%s); allowed: %s",
					 text_clip(w, tmp), NAME(x), NAME(x->parent), NAME(x),
					 buf_str(&allowed));
			else
				keys[i] = w;
		} else {
			keys[i] = w;
		}
	}
	rc = profile_index_build(ld, &seen, keys, n);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (seen.keys[i] && profile_index_find(&seen, seen.keys[i]) != i)
			profile_err_word(ld, x, out->v[i], profile_nth_of(out, i), "\"%s\" is listed twice (%s/%s)",
				 out->v[i], NAME(x->parent), NAME(x));
out:
	profile_index_free(&seen);
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

	if (profile_attr_node(k, "xml:lang"))
		return profile_read_shaped(ld, k, "xml:lang", SHAPE_LANG);
	l = xmlNodeGetLang(k);
	if (!l) {
		profile_err_elem(ld, k, MARK_VALUE,
			 "<%s> in <%s> has no language; add xml:lang=\"ja\" (or another language) to it, or to <%s> for all texts",
			 NAME(k), NAME(k->parent), ld->root ? ld->root : "profile");
		return NULL;
	}
	s = profile_strdup(ld, (const char *)l);
	xmlFree(l);
	if (s && !shape_ok(&ld->shapes, SHAPE_LANG, s)) {
		free(s);
		s = NULL;
	}
	return s;
}

/* The <name>s (say) of x: one text per language. */
void profile_read_ltext(struct loader *ld, xmlNodePtr x, const char *name, struct ltext *t)
{
	int rc;
	struct index langs = { 0 };
	const char **keys = NULL;
	xmlNodePtr *nodes;
	size_t i, n, first;

	nodes = profile_kids_of(ld, x, name, &n);
	if (!nodes)
		return;
	t->v = profile_calloc(ld, n, sizeof(*t->v));
	keys = profile_calloc(ld, n, sizeof(*keys));
	if (!t->v || !keys)
		goto out;
	t->n = n;
	for (i = 0; i < n; i++) {
		t->v[i].lang = read_text_lang(ld, nodes[i]);
		t->v[i].text = profile_read_text(ld, nodes[i]);
		keys[i] = t->v[i].lang;
	}
	rc = profile_index_build(ld, &langs, keys, n);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (langs.keys[i] && (first = profile_index_find(&langs, langs.keys[i])) != i)
			profile_err_attr(ld, nodes[i], "xml:lang",
				 "<%s> in <%s> is given twice in language \"%s\"; the first is on line %ld",
				 name, NAME(x), langs.keys[i], profile_loc_of(ld, nodes[first]).line);
out:
	profile_index_free(&langs);
	free(keys);
	free(nodes);
}
