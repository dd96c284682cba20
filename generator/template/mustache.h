/* mustache.h - the template engine (the Mustache spec, core modules:
 * interpolation, sections, inverted, comments, partials, delimiters).
 *
 * Two modes:
 * - MUSTACHE_SPEC: exactly the spec (a missing name renders as empty,
 *   a missing partial as empty);
 * - MUSTACHE_STRICT: for our own templates; a name that resolves to nothing
 *   in any context, or a missing partial, is an error naming the template
 *   and its line. A name that resolves to a null value is not an error.
 *   Rendering goes on after such an error, so that all of them are
 *   reported (each tag once), and then fails.
 *
 * Values are only ever written out (escaped unless {{{ }}} or {{& }});
 * they are never parsed as templates. Partials are templates. */
#ifndef SECPOLGEN_MUSTACHE_H
#define SECPOLGEN_MUSTACHE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "template/value.h"

enum mustache_mode { MUSTACHE_SPEC, MUSTACHE_STRICT };

/* Finds a partial by name. Returns a borrowed template text (valid until
 * mustache_render returns) and sets *len and *source (a name to report
 * errors against, e.g. "locales/ja.xlf#policy.scope.body"; may stay NULL,
 * then the partial's name is used) and *line (the line of that file where
 * the text begins, or 1); NULL when there is no such partial. A render asks
 * once for each partial name and indentation, and keeps the parsed result
 * for every other use. */
typedef const char *(*mustache_partial_fn)(void *ctx, const char *name,
					   size_t *len, const char **source,
					   long *line);

struct mustache_options {
	enum mustache_mode mode;
	mustache_partial_fn partial; /* may be NULL: no partials */
	void *partial_ctx;
	/* Nesting of partials and sections; 0 = default (64); more than 1000
	 * is taken as 1000, to keep the C stack safe. */
	int max_depth;
};

/* Renders template (len bytes, any bytes) named name (for diagnostics) with
 * data (may be NULL: no context) as the root context, appending to out;
 * opt may be NULL (spec mode, no partials). Returns 0, or -1 after adding
 * located errors to d (syntax errors: unclosed tags or sections, mismatched
 * section names, bad delimiter tags or names; strict-mode lookup failures;
 * depth exceeded; out of memory). On -1, out holds an unspecified prefix. */
int mustache_render(const char *tmpl, size_t len, const char *name,
		    const struct value *data, const struct mustache_options *opt,
		    struct buf *out, struct diag *d);

/* Decodes, in place, the five entities {{tag}} writes (xmlutil_put_html): for a
 * small template rendered to plain text rather than markup. */
void mustache_unescape(char *s);

/* Whether every value the template inserts is escaped: no {{{name}}} or
 * {{&name}}, no delimiter change (after which text that looks like a
 * tag is text, and a reader that escapes all but tags is fooled), and no
 * partial {{>name}} (which may name a template fragment). 0 yes;
 * -1 after an error in d naming the first place that is not, or a syntax
 * error. For text that comes from a profile: message overrides. */
int mustache_check_escaped(const char *tmpl, size_t len, const char *name,
			   struct diag *d);

/* Calls fn for each tag in the template as a normalized string of the form
 * "{{name}}", "{{#name}}", "{{/name}}", "{{^name}}", "{{>name}}", "{{&name}}"
 * (triple mustaches are reported as "{{&name}}"; comments and delimiter
 * changes are skipped; names are trimmed, tags written with other
 * delimiters are reported with "{{ }}"), in order; the string is borrowed
 * for the call. For the locale lint: the partials a template uses, and
 * its "same tags in every language" rule.
 * 0 ok, -1 on a syntax error (added to d). */
int mustache_list_tags(const char *tmpl, size_t len, const char *name,
		       void (*fn)(void *ctx, const char *tag), void *ctx,
		       struct diag *d);

#endif
