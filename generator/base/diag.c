/* diag.c - located diagnostics. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/parallel.h"
#include "base/text.h"

void diag_add(struct diag *d, enum diag_level level, const char *file,
	      long line, long col, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	struct diag_entry *e, *v;
	va_list ap;
	int n;

	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	v = array_grow(d->v, &d->cap, d->n, sizeof(*v));
	if (!v) {
		d->oom = 1;
		return;
	}
	d->v = v;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_put(&msg, "", 0) < 0 || buf_printf(&msg, "%*s", n, "") < 0) {
		buf_free(&msg);
		d->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
	va_end(ap);

	e = &d->v[d->n];
	e->level = level;
	e->file = file ? strdup(file) : NULL;
	e->line = line;
	e->col = col;
	e->msg = buf_detach(&msg, NULL);
	if ((file && !e->file) || !e->msg) {
		free(e->file);
		free(e->msg);
		d->oom = 1;
		return;
	}
	d->n++;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

/* Writes msg with control characters shown as \n, \t or \xHH, and the
 * other line breaks (text_is_line_break: U+0085, U+2028, U+2029) and C1
 * controls as \uHHHH: a value a message quotes from the input must not
 * be able to fake a line of its own (or move the cursor) on the user's
 * terminal or in a log. */
static void put_escaped(FILE *fp, const char *msg)
{
	size_t i = 0, at;
	uint32_t c;

	while (msg[i]) {
		at = i;
		c = text_utf8_next(msg, &i);
		if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", (unsigned)c);
		else if (text_is_line_break(c) || (c >= 0x80 && c <= 0x9f))
			fprintf(fp, "\\u%04x", (unsigned)c);
		else
			fwrite(msg + at, 1, i - at, fp);
	}
}

/* Whether the sorted entry i repeats one before it at the same place:
 * worker processes that each meet the same bad input report it each. */
static bool said_before(const struct diag *d, size_t i)
{
	size_t j;

	for (j = i; j-- > 0 && diag_cmp(&d->v[j], &d->v[i]) == 0;)
		if (d->v[j].level == d->v[i].level && strcmp(d->v[j].msg, d->v[i].msg) == 0)
			return true;
	return false;
}

void diag_print(struct diag *d, FILE *fp)
{
	static const char *const names[] = { "error", "warning", "note" };
	size_t i;

	/* Insertion sort: stable, so equal places keep the order found. */
	for (i = 1; i < d->n; i++) {
		struct diag_entry t = d->v[i];
		size_t j = i;
		while (j > 0 && diag_cmp(&d->v[j - 1], &t) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = t;
	}
	for (i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		if (said_before(d, i))
			continue;
		if (e->file && e->line > 0 && e->col > 0)
			fprintf(fp, "%s:%ld:%ld: ", e->file, e->line, e->col);
		else if (e->file && e->line > 0)
			fprintf(fp, "%s:%ld: ", e->file, e->line);
		else if (e->file)
			fprintf(fp, "%s: ", e->file);
		fprintf(fp, "%s: ", names[e->level]);
		put_escaped(fp, e->msg);
		fputc('\n', fp);
	}
	if (d->oom)
		fprintf(fp, "error: out of memory while recording diagnostics\n");
}

void diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

void diag_truncate(struct diag *d, size_t n)
{
	while (d->n > n) {
		struct diag_entry *e = &d->v[--d->n];
		if (e->level == DIAG_ERROR)
			d->errors--;
		else if (e->level == DIAG_WARNING)
			d->warnings--;
		free(e->file);
		free(e->msg);
	}
}

int diag_export(const struct diag *d, size_t n, struct buf *b)
{
	size_t i;
	int rc = parallel_put_u64(b, d->n - n);

	for (i = n; rc == 0 && i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		rc = parallel_put_u64(b, (uint64_t)e->level) || parallel_put_str(b, e->file) ||
		     parallel_put_u64(b, (uint64_t)e->line) ||
		     parallel_put_u64(b, (uint64_t)e->col) || parallel_put_str(b, e->msg);
	}
	return rc ? -1 : 0;
}

void diag_import(struct diag *d, struct parallel_reader *rd)
{
	uint64_t n = parallel_get_u64(rd), i;

	for (i = 0; i < n && !rd->bad; i++) {
		uint64_t level = parallel_get_u64(rd);
		const char *file = parallel_get_str(rd);
		uint64_t line = parallel_get_u64(rd), col = parallel_get_u64(rd);
		const char *msg = parallel_get_str(rd);
		if (!rd->bad && msg && level <= DIAG_NOTE)
			diag_add(d, (enum diag_level)level, file, (long)line, (long)col, "%s", msg);
	}
}
