/* l10n.c - the localisation kit (l10n.h). */
#include "l10n/l10n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/status.h"
#include "base/text.h"
#include "template/mustache.h"

struct l10n l10n_kit(const struct messages *msgs, const struct catalog *cat,
		     const char *file, struct diag *d)
{
	struct l10n l = { .msgs = msgs, .cat = cat, .file = file, .d = d, .status = SP_OK };

	return l;
}

int l10n_failed(const struct l10n *l)
{
	return l->status != SP_OK;
}

static void nomem(struct l10n *l)
{
	if (l->status != SP_ENOMEM)
		diag_error(l->d, NULL, 0, 0, "out of memory");
	l->status = SP_ENOMEM;
}

static void missing(struct l10n *l, const char *id)
{
	diag_error(l->d, messages_path(l->msgs), 0, 0, "no message \"%s\" in this language", id);
	sp_fail(&l->status, SP_EINPUT);
}

const char *l10n_label(struct l10n *l, const char *id)
{
	const char *s = messages_raw(l->msgs, id);

	if (!s)
		missing(l, id);
	return s;
}

char *l10n_vid(struct l10n *l, const char *fmt, va_list ap)
{
	char *id = text_vformat(fmt, ap);

	if (!id)
		nomem(l);
	return id;
}

const char *l10n_labelf(struct l10n *l, const char *fmt, ...)
{
	va_list ap;
	char *id;
	const char *s;

	va_start(ap, fmt);
	id = l10n_vid(l, fmt, ap);
	va_end(ap);
	if (!id)
		return NULL;
	s = l10n_label(l, id);
	free(id);
	return s;
}

const char *l10n_word(struct l10n *l, const char *vocab, const char *word)
{
	const struct catalog_vocab *v = l->cat ? catalog_vocab(l->cat, vocab) : NULL;

	if (!v) {
		diag_error(l->d, NULL, 0, 0, "no word list \"%s\" in profile.rng", vocab);
		sp_fail(&l->status, SP_EINPUT);
		return NULL;
	}
	return l10n_labelf(l, "%s.%s", v->labels, word);
}

/* The template is the message as loaded (escaped outside its tags), so
 * that unescaping the result gives back exactly what the message says
 * around the values it names. */
char *l10n_format(struct l10n *l, const char *id, struct value *data)
{
	struct mustache_options opt = { .mode = MUSTACHE_STRICT };
	struct buf out = BUF_INIT;
	const char *tmpl = messages_get(l->msgs, id, NULL, NULL, NULL);
	char *s = NULL;

	if (!data)
		nomem(l);
	else if (!tmpl)
		missing(l, id);
	else if (mustache_render(tmpl, strlen(tmpl), id, data, &opt, &out, l->d) < 0)
		sp_fail(&l->status, SP_EINPUT);
	else if (!(s = buf_detach(&out, NULL)))
		nomem(l);
	else
		mustache_unescape(s);
	buf_free(&out);
	value_free(data);
	return s;
}

char *l10n_format_n(struct l10n *l, const char *id, double n)
{
	struct value *data = value_map();

	if (data && value_map_set_number(data, "n", n) < 0) {
		value_free(data);
		data = NULL;
	}
	return l10n_format(l, id, data);
}

char *l10n_count(struct l10n *l, const char *unit, double n)
{
	struct buf id = BUF_INIT;
	char *s = NULL;

	if (buf_printf(&id, "%s.%s", unit, n == 1 ? "one" : "other") < 0)
		nomem(l);
	else
		s = l10n_format_n(l, buf_str(&id), n);
	buf_free(&id);
	return s;
}

char *l10n_date(struct l10n *l, struct date dt)
{
	const char *month = l10n_labelf(l, "format.month.%d", dt.m);
	struct value *data = value_map();

	if (!month) {
		value_free(data);
		return NULL;
	}
	if (data && (value_map_set_number(data, "year", dt.y) < 0 ||
		     value_map_set_number(data, "month", dt.m) < 0 ||
		     value_map_set_number(data, "day", dt.d) < 0 ||
		     value_map_set_string(data, "month_name", month) < 0)) {
		value_free(data);
		data = NULL;
	}
	return l10n_format(l, "format.date", data);
}

char *l10n_date_iso(struct l10n *l, const char *iso)
{
	struct date dt;

	if (!iso || date_parse(iso, &dt) < 0) {
		diag_error(l->d, l->file, 0, 0, "not a date: \"%s\"", iso ? iso : "");
		sp_fail(&l->status, SP_EINPUT);
		return NULL;
	}
	return l10n_date(l, dt);
}

int l10n_join_add(struct l10n *l, struct buf *b, const char *item)
{
	const char *sep = b->len ? l10n_label(l, "format.list-separator") : "";

	if (sep && item && buf_puts(b, sep) == 0 && buf_puts(b, item) == 0)
		return 0;
	if (sep && item)
		nomem(l);
	buf_free(b);
	return -1;
}

char *l10n_join(struct l10n *l, const char *const *items, size_t n)
{
	const char *sep = n ? l10n_label(l, "format.list-separator") : NULL;
	struct buf b = BUF_INIT;
	char *s;
	size_t i;

	if (!sep)
		return NULL;
	for (i = 0; i < n; i++)
		if ((i && buf_puts(&b, sep) < 0) || buf_puts(&b, items[i] ? items[i] : "") < 0) {
			nomem(l);
			buf_free(&b);
			return NULL;
		}
	s = buf_detach(&b, NULL);
	if (!s)
		nomem(l);
	return s;
}

void l10n_message_ids(void (*fn)(void *ctx, const char *id), void *ctx)
{
	static const char *const prefixes[] = { "format.month", "format.month-short" };
	struct buf id = BUF_INIT;
	size_t k;
	int m;

	for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
		for (m = 1; m <= 12; m++) {
			buf_reset(&id);
			if (buf_printf(&id, "%s.%d", prefixes[k], m) == 0)
				fn(ctx, buf_str(&id));
		}
	buf_free(&id);
}
