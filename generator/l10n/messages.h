/* messages.h - one language's messages: every sentence, heading and label
 * of every document, by id, from locales/<lang>.xlf (XLIFF 2.0), with the
 * company's own overrides from the profile on top.
 *
 * A message is a Mustache template, used as a partial ({{> policy.title}}),
 * so it may interpolate the view ({{company.name}}). Its plain text is
 * XML-escaped when loaded, outside {{…}} tags, because it is spliced into
 * document XML. */
#ifndef SECPOLGEN_MESSAGES_H
#define SECPOLGEN_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "model/model.h"

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:2.0"

struct messages;

/* Loads path as the catalogue of lang: the <source> texts when lang is the
 * file's srcLang, else its <target> texts (trgLang must be lang). Returns a
 * new catalogue (caller frees with messages_free), or NULL after adding
 * located errors to d (a unit without the text for lang, a duplicate id). */
struct messages *messages_load(const char *path, const char *lang,
			       struct diag *d);

void messages_free(struct messages *m);

/* Replaces the text of an existing message with a company's own wording
 * (from the profile, at file:line:col). An unknown id is an error; so is
 * text that would not stay text (mustache_check_escaped). 0 ok, -1 after
 * adding an error. The old text is freed: apply every override before
 * deriving a view (derive.h), which borrows the catalogue's texts. Each
 * call keeps its own copy of file, for the diagnostics of the text. */
int messages_override(struct messages *m, const char *id, const char *text,
		      const char *file, long line, long col, struct diag *d);

/* The escaped template text of id (borrowed; NULL when unknown), with
 * where it came from for diagnostics. source/line may be NULL. */
const char *messages_get(const struct messages *m, const char *id,
			 size_t *len, const char **source, long *line);

/* The text of id as written, unescaped (borrowed; NULL when unknown):
 * for labels that derive.c puts into the view as plain values. */
const char *messages_raw(const struct messages *m, const char *id);

/* The same as a mustache_partial_fn (ctx is the struct messages *). */
const char *messages_partial(void *ctx, const char *name, size_t *len,
			     const char **source, long *line);

/* From now on, calls fn with every id any catalogue of this process is
 * asked for (messages_get, messages_raw, messages_partial), found or not,
 * until called again with NULL. The locale lint learns which messages
 * are used by recording what every command looks up. */
void messages_record(void (*fn)(void *ctx, const char *id, bool found), void *ctx);

/* Units in file order, for the lint. Borrowed strings. */
size_t messages_count(const struct messages *m);
const char *messages_id_at(const struct messages *m, size_t i);
const char *messages_text_at(const struct messages *m, size_t i);   /* as written, unescaped */
const char *messages_source_at(const struct messages *m, size_t i); /* the English <source> */
long messages_line_at(const struct messages *m, size_t i);
const char *messages_path(const struct messages *m);

/* 1 when lang is a well-formed language tag that may name a locale file
 * ("ja", "en", "pt-BR"): no path characters. */
int messages_lang_ok(const char *lang);

#endif
