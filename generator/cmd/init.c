/* init.c - `secpolgen init`: asks a drafting meeting the questions a first
 * profile needs, checks each answer as it comes, and writes a commented
 * profile.xml in the shape of examples/profile.xml.
 *
 * The words and sentences are messages (init.*, label.*, role.*.name);
 * the word lists and the bounds of numbers and texts are read from
 * policy-templates/profile.rng (model/rng.h); e-mail addresses and URLs
 * are held to the shapes the profile reader checks (base/shape.h). */
#include "cmd/init.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/file.h"
#include "model/catalog.h"
#include "base/date.h"
#include "base/shape.h"
#include "l10n/l10n.h"
#include "l10n/messages.h"
#include "template/mustache.h"
#include "profile/profile.h"
#include "base/text.h"
#include "template/value.h"
#include "base/xmlutil.h"

#define ANSWER_MAX 4096   /* bytes of one answer line */
#define ID_MAX 64         /* model.h's ids */
#define CODE_MAX 16       /* the company code */
#define COMMENT_WIDTH 80  /* columns a comment line may reach */

/* The reader's values when an attribute is absent (profile.c), offered as
 * defaults and written out explicitly. */
#define DEFAULT_FY_START "4"
#define DEFAULT_ACKNOWLEDGE "3"
#define DEFAULT_TRIAGE "10"
#define DEFAULT_FIX "90"

/* The roles the questions fill; the others are left to the comments. */
#define ROLE_EXECUTIVE "executive"
#define ROLE_MANAGER "security-manager"
#define ROLE_PSIRT "psirt"

struct person_answer {
	char *id, *name_ja, *name_en, *title_ja, *title_en, *email;
};

struct product_answer {
	char *id, *name_ja, *name_en, *model, *category, *connectivity;
	char *markets, *update, *support_until, *direct; /* direct: "true"/"false" */
};

struct supplier_answer {
	char *id, *name_ja, *name_en, *scope, *email, *country, *products;
};

struct bounds {
	long min, max;
};

/* What profile.rng allows, read once. */
struct limits {
	struct bounds employees, fy_start, acknowledge, triage, fix;
	long text_short, classification, model, text_medium;
};

/* One run: what it loaded, the answers so far, and why it stopped. */
struct session {
	const struct init_options *o;
	struct diag *d;
	int status;                  /* the first failure (sp_fail) */
	struct messages *ja, *en;    /* the profile's two languages */
	struct messages *own;        /* the questions' language when neither */
	const struct messages *ui;   /* one of the three */
	struct catalog *cat;
	struct limits lim;
	struct shapes shapes;        /* those the profile reader holds values to */
	long line;                   /* answer lines read */
	struct buf reason;           /* why the last answer was refused */
	struct buf product_ids;      /* "nc-200 es-10", for the suppliers */

	char *name_ja, *name_en, *code, *employees, *fy_start;
	char *class_ja, *class_en, *website;
	struct person_answer people[2]; /* the executive, maybe the manager */
	size_t npeople, manager;
	char *vuln_email, *acknowledge, *triage, *fix;
	struct product_answer *products;
	size_t nproducts, capproducts;
	struct supplier_answer *suppliers;
	size_t nsuppliers, capsuppliers;
	char *effective;
};

/* What an answer must be. */
enum answer_kind {
	ASK_TEXT,     /* any text up to max characters */
	ASK_NUMBER,   /* a whole number in [min, max] */
	ASK_EMAIL,
	ASK_URL,      /* https */
	ASK_CODE,     /* the company code */
	ASK_ID,       /* an id not yet taken in ids */
	ASK_DATE,     /* a real calendar date */
	ASK_WORD,     /* one word of vocab */
	ASK_WORDS,    /* words of vocab */
	ASK_YES_NO,
	ASK_COUNTRY,  /* ISO 3166 two capitals */
	ASK_PRODUCTS  /* ids of the products given */
};

enum id_set { IDS_PEOPLE, IDS_PRODUCTS, IDS_SUPPLIERS };

struct question {
	const char *id;        /* its message */
	enum answer_kind kind;
	bool required;
	const char *dflt;      /* shown in brackets, taken for an empty answer */
	long min, max;         /* numbers: the range; texts and ids: most characters */
	const struct catalog_vocab *vocab;
	enum id_set ids;
};

/* ---- Messages ------------------------------------------------------ */

static void oom(struct session *s)
{
	diag_error(s->d, NULL, 0, 0, "out of memory");
	sp_fail(&s->status, SP_ENOMEM);
}

/* Appends message id of m to out, its tags filled from the name, value
 * pairs in ap (a NULL name ends them; a NULL value is empty). Values go
 * in as they are: the text is for a terminal, or for xmlTextWriter, which
 * escapes it; so the messages use {{{tag}}}. 0, or -1 (status set). */
static int say_v(struct session *s, const struct messages *m, struct buf *out,
		 const char *id, va_list ap)
{
	struct mustache_options opt = { .mode = MUSTACHE_STRICT };
	struct value *view = value_map();
	const char *text = messages_raw(m, id), *name;
	int rc = -1;

	if (!view) {
		oom(s);
		goto out;
	}
	while ((name = va_arg(ap, const char *))) {
		const char *v = va_arg(ap, const char *);
		if (value_map_set_string(view, name, v ? v : "") < 0) {
			oom(s);
			goto out;
		}
	}
	if (!text) {
		diag_error(s->d, messages_path(m), 0, 0, "message \"%s\" is missing", id);
		sp_fail(&s->status, SP_EINPUT);
		goto out;
	}
	if (buf_put(out, "", 0) < 0 ||
	    mustache_render(text, strlen(text), id, view, &opt, out, s->d) < 0) {
		sp_fail(&s->status, SP_EINPUT);
		goto out;
	}
	rc = 0;
out:
	value_free(view);
	return rc;
}

static int say(struct session *s, const struct messages *m, struct buf *out,
	       const char *id, ...) __attribute__((sentinel));
static int say(struct session *s, const struct messages *m, struct buf *out,
	       const char *id, ...)
{
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = say_v(s, m, out, id, ap);
	va_end(ap);
	return rc;
}

/* Prints message id of the questions' language on a line of its own,
 * after indent spaces; nothing when the run is silent. */
static int tell(struct session *s, int indent, const char *id, ...) __attribute__((sentinel));
static int tell(struct session *s, int indent, const char *id, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	int rc;

	if (!s->o->out)
		return 0;
	va_start(ap, id);
	rc = say_v(s, s->ui, &b, id, ap);
	va_end(ap);
	if (rc == 0)
		fprintf(s->o->out, "%*s%s\n", indent, "", buf_str(&b));
	buf_free(&b);
	return rc;
}

/* A group of questions: a blank line, then its title. */
static int heading(struct session *s, const char *section, const char *n)
{
	struct buf title = BUF_INIT;
	int rc;

	rc = say(s, s->ui, &title, section, "n", n, NULL);
	if (rc == 0 && s->o->out)
		fputc('\n', s->o->out);
	if (rc == 0)
		rc = tell(s, 0, "init.heading", "title", buf_str(&title), NULL);
	buf_free(&title);
	return rc;
}

/* An answer is refused: s->reason says why. Returns 1, or -1 (status set). */
static int refuse(struct session *s, const char *id, ...) __attribute__((sentinel));
static int refuse(struct session *s, const char *id, ...)
{
	va_list ap;
	int rc;

	buf_reset(&s->reason);
	va_start(ap, id);
	rc = say_v(s, s->ui, &s->reason, id, ap);
	va_end(ap);
	return rc < 0 ? -1 : 1;
}

/* An error in the questions' language (message id, its tags from the
 * pairs) that stops the run with status. Returns -1. */
static int fail(struct session *s, int status, const char *id, ...) __attribute__((sentinel));
static int fail(struct session *s, int status, const char *id, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = say_v(s, s->ui, &m, id, ap);
	va_end(ap);
	if (rc == 0) {
		diag_error(s->d, NULL, 0, 0, "%s", buf_str(&m));
		sp_fail(&s->status, status);
	}
	buf_free(&m);
	return -1;
}

/* ---- Characters of an answer --------------------------------------- */

/* Whether s is UTF-8 that XML can hold: each character in its shortest
 * form, no surrogates, no control characters but tab, no U+FFFE, U+FFFF,
 * nor U+FFFD (what a broken sequence decodes to). */
static bool writable_utf8(const char *s)
{
	size_t i = 0;

	while (s[i]) {
		size_t at = i;
		uint32_t c = text_utf8_next(s, &i);
		size_t need = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (i - at != need || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ||
		    (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0xFFFD && c <= 0xFFFF))
			return false;
	}
	return true;
}

/* t with full-width ASCII (１２３、ＪＰ, ＠), the ideographic space and
 * the ideographic comma made ASCII, white space folded and trimmed: what
 * a Japanese input method types where a number, an address, a date or a
 * word is wanted. Caller frees; NULL on OOM. */
static char *ascii_fold(const char *t)
{
	struct buf b = BUF_INIT;
	size_t i = 0, at;
	char *out;

	if (buf_put(&b, "", 0) < 0)
		return NULL;
	while (t[i]) {
		uint32_t c;
		int rc;
		at = i;
		c = text_utf8_next(t, &i);
		if (c >= 0xFF01 && c <= 0xFF5E)
			rc = buf_putc(&b, (char)(c - 0xFF01 + 0x21));
		else if (c == 0x3000)
			rc = buf_putc(&b, ' ');
		else if (c == 0x3001)
			rc = buf_putc(&b, ',');
		else
			rc = buf_put(&b, t + at, i - at);
		if (rc < 0)
			return NULL;
	}
	out = text_fold_space(buf_str(&b));
	buf_free(&b);
	return out;
}

static void ascii_lower(char *p)
{
	for (; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

static bool is_digits(const char *p)
{
	if (!*p)
		return false;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* [a-z0-9][a-z0-9-]* of at most max characters. */
static bool id_shape(const char *p, long max)
{
	size_t n = strlen(p), i;

	if (n == 0 || (long)n > max || p[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '-'))
			return false;
	return true;
}

/* The id a name gives: its ASCII letters and digits in lowercase, every
 * other run between them one hyphen, at most words runs (0: all) and max
 * characters. Caller frees; "" when the name has none; NULL on OOM. */
static char *slug(const char *name, size_t words, size_t max)
{
	struct buf b = BUF_INIT;
	size_t runs = 0;
	bool in_run = false;
	const char *p;
	char *out;

	if (buf_put(&b, "", 0) < 0)
		return NULL;
	for (p = name; *p; p++) {
		char c = *p;
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum) {
			in_run = false;
			continue;
		}
		if (!in_run) {
			if (words && runs == words)
				break;
			runs++;
			in_run = true;
			if (b.len && buf_putc(&b, '-') < 0)
				return NULL;
		}
		if (buf_putc(&b, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c) < 0)
			return NULL;
	}
	while (b.len > max || (b.len && b.data[b.len - 1] == '-'))
		b.data[--b.len] = '\0';
	out = buf_detach(&b, NULL);
	return out;
}

/* A person's family name in an English name: a word in capitals
 * ("TANAKA Ichiro"), else the last word ("Ichiro Tanaka"). Caller frees. */
static char *family_name(const char *name)
{
	const char *p = name, *last = NULL, *caps = NULL;
	size_t lastn = 0, capsn = 0;

	while (*p) {
		const char *w;
		size_t n, letters = 0, upper = 0, i;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		for (w = p; *p && *p != ' '; p++)
			;
		n = (size_t)(p - w);
		for (i = 0; i < n; i++) {
			bool up = w[i] >= 'A' && w[i] <= 'Z';
			letters += up || (w[i] >= 'a' && w[i] <= 'z');
			upper += up;
		}
		if (!caps && letters >= 2 && upper == letters)
			caps = w, capsn = n;
		last = w, lastn = n;
	}
	if (caps)
		return strndup(caps, capsn);
	return last ? strndup(last, lastn) : strdup("");
}

/* ---- Ids ----------------------------------------------------------- */

static bool id_taken(const struct session *s, enum id_set set, const char *id)
{
	size_t i;

	switch (set) {
	case IDS_PEOPLE:
		for (i = 0; i < s->npeople; i++)
			if (strcmp(s->people[i].id, id) == 0)
				return true;
		return false;
	case IDS_PRODUCTS:
		for (i = 0; i < s->nproducts; i++)
			if (strcmp(s->products[i].id, id) == 0)
				return true;
		return false;
	case IDS_SUPPLIERS:
		for (i = 0; i < s->nsuppliers; i++)
			if (strcmp(s->suppliers[i].id, id) == 0)
				return true;
		return false;
	}
	assert(false);
	return true;
}

/* base, or base-2, base-3 … when taken. Caller frees; NULL on OOM. */
static char *unique_id(const struct session *s, enum id_set set, const char *base)
{
	struct buf b = BUF_INIT;
	unsigned k;

	if (!id_taken(s, set, base))
		return strdup(base);
	for (k = 2;; k++) {
		char suffix[16];
		int n = snprintf(suffix, sizeof(suffix), "-%u", k);
		size_t keep = strlen(base);
		if (keep + (size_t)n > ID_MAX)
			keep = ID_MAX - (size_t)n;
		while (keep && base[keep - 1] == '-')
			keep--;
		buf_reset(&b);
		if (buf_put(&b, base, keep) < 0 || buf_puts(&b, suffix) < 0)
			return NULL;
		if (!id_taken(s, set, buf_str(&b)))
			return buf_detach(&b, NULL);
	}
}

/* ---- Checking one answer ------------------------------------------- */

/* Whether t (folded, lower case) is one of the space-separated words of
 * message id. */
static bool one_of(const struct session *s, const char *id, const char *t)
{
	const char *words = messages_raw(s->ui, id), *p;
	size_t n = strlen(t);

	for (p = words ? words : ""; *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && strncasecmp(p, t, n) == 0)
			return true;
		p += k;
		p += strspn(p, " ");
	}
	return false;
}

/* The first word of message id into out (the default a yes/no shows). */
static void first_word(const struct session *s, const char *id, char *out, size_t size)
{
	const char *words = messages_raw(s->ui, id);
	size_t k = words ? strcspn(words, " ") : 0;

	if (k >= size)
		k = size - 1;
	memcpy(out, words ? words : "", k);
	out[k] = '\0';
}

/* Word number i of vocab (1-based), or the word whose spelling or label
 * (in the questions' language or English) is t, ignoring ASCII case. */
static const char *vocab_word(const struct session *s, const struct catalog_vocab *v,
			      const char *t)
{
	size_t i;

	if (is_digits(t) && strlen(t) < 6) {
		long k = strtol(t, NULL, 10);
		return k >= 1 && (size_t)k <= v->nwords ? v->words[k - 1].id : NULL;
	}
	for (i = 0; i < v->nwords; i++) {
		char label_id[256];
		const char *a, *b;
		if (strcasecmp(v->words[i].id, t) == 0)
			return v->words[i].id;
		snprintf(label_id, sizeof(label_id), "%s.%s", v->labels ? v->labels : "", v->words[i].id);
		a = messages_raw(s->ui, label_id);
		b = messages_raw(s->en, label_id);
		if ((a && strcasecmp(a, t) == 0) || (b && strcasecmp(b, t) == 0))
			return v->words[i].id;
	}
	return NULL;
}

/* The words of a list answer (t: folded; spaces or commas between them),
 * each checked by kind, joined by single spaces into out. 0, 1 refused,
 * -1 stop. */
static int check_list(struct session *s, const struct question *q, char *t, struct buf *out)
{
	char *save = NULL, *w;
	size_t count = 0;

	if (buf_put(out, "", 0) < 0) {
		oom(s);
		return -1;
	}
	for (w = strtok_r(t, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
		const char *word = w, *p;
		size_t n;
		if (q->kind == ASK_PRODUCTS) {
			ascii_lower(w);
			if (!id_taken(s, IDS_PRODUCTS, w))
				return refuse(s, "init.error.product", "id", w, "ids",
					      buf_str(&s->product_ids), NULL);
		} else if (!(word = vocab_word(s, q->vocab, w))) {
			return refuse(s, "init.error.word", "word", w, NULL);
		}
		if (++count > 1 && q->kind == ASK_WORD)
			return refuse(s, "init.error.one-word", NULL);
		n = strlen(word);
		for (p = out->data; (p = strstr(p, word)); p += n)
			if ((p == out->data || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
				return refuse(s, "init.error.repeated", "word", word, NULL);
		if ((out->len && buf_putc(out, ' ') < 0) || buf_puts(out, word) < 0) {
			oom(s);
			return -1;
		}
	}
	return out->len ? 0 : refuse(s, "init.error.required", NULL);
}

/* "2025-04-01", also typed 2025/4/1, as YYYY-MM-DD into out[11]; false
 * unless the day exists. */
static bool read_date(const char *t, char out[11])
{
	struct date dt = { 0, 0, 0 };
	const char *p = t;
	int *parts[3] = { &dt.y, &dt.m, &dt.d };
	int i, width[3] = { 4, 2, 2 };

	for (i = 0; i < 3; i++) {
		int n = 0;
		if (i && *p != '-' && *p != '/')
			return false;
		p += i > 0;
		while (*p >= '0' && *p <= '9' && n < width[i]) {
			*parts[i] = *parts[i] * 10 + (*p++ - '0');
			n++;
		}
		if (n == 0 || (i == 0 && n != 4))
			return false;
	}
	if (*p || dt.y < 1 || dt.m < 1 || dt.m > 12 || dt.d < 1 ||
	    dt.d > date_days_in_month(dt.y, dt.m))
		return false;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)dt.y % 10000, (unsigned)dt.m % 100,
		 (unsigned)dt.d % 100); /* 4 digits at most, as the compiler can see */
	return true;
}

/* Checks answer raw (an empty one takes the default) against q. 0 with
 * *value (caller frees; NULL for an empty optional answer), 1 refused
 * (s->reason says why), -1 stop (status set). */
static int check_answer(struct session *s, const struct question *q, const char *raw,
			char **value)
{
	struct buf list = BUF_INIT;
	char *text = NULL, *plain = NULL, num[24], date[11];
	int rc = -1;

	*value = NULL;
	if (!writable_utf8(raw)) {
		rc = refuse(s, "init.error.characters", NULL);
		goto out;
	}
	if (!(text = text_fold_space(raw)) || !(plain = ascii_fold(text)))
		goto nomem;
	if (!*plain) {
		free(text);
		free(plain);
		text = plain = NULL;
		if (!q->dflt) {
			rc = q->required ? refuse(s, "init.error.required", NULL) : 0;
			goto out;
		}
		if (!(text = strdup(q->dflt)) || !(plain = strdup(q->dflt)))
			goto nomem;
	}
	switch (q->kind) {
	case ASK_TEXT:
		if ((long)text_utf8_len(text) > q->max) {
			snprintf(num, sizeof(num), "%ld", q->max);
			rc = refuse(s, "init.error.too-long", "max", num, NULL);
			goto out;
		}
		*value = text;
		text = NULL;
		break;
	case ASK_NUMBER: {
		long n = is_digits(plain) && strlen(plain) < 10 ? strtol(plain, NULL, 10) : -1;
		if (n < q->min || n > q->max) {
			char lo[24];
			snprintf(lo, sizeof(lo), "%ld", q->min);
			snprintf(num, sizeof(num), "%ld", q->max);
			rc = refuse(s, "init.error.number", "min", lo, "max", num, NULL);
			goto out;
		}
		snprintf(num, sizeof(num), "%ld", n);
		if (!(*value = strdup(num)))
			goto nomem;
		break;
	}
	case ASK_EMAIL:
	case ASK_URL:
		if (!shape_ok(&s->shapes, q->kind == ASK_EMAIL ? SHAPE_EMAIL : SHAPE_URL, plain)) {
			rc = refuse(s, q->kind == ASK_EMAIL ? "init.error.email" : "init.error.url", NULL);
			goto out;
		}
		*value = plain;
		plain = NULL;
		break;
	case ASK_CODE:
	case ASK_ID: {
		char *r, *w;
		/* Ids appear in the profile's comments, which cannot hold "--". */
		ascii_lower(plain);
		for (r = w = plain; *r; r++)
			if (!(*r == '-' && r[1] == '-'))
				*w++ = *r;
		*w = '\0';
		if (!id_shape(plain, q->max)) {
			snprintf(num, sizeof(num), "%ld", q->max);
			rc = refuse(s, "init.error.id", "max", num, NULL);
			goto out;
		}
		if (q->kind == ASK_ID && id_taken(s, q->ids, plain)) {
			rc = refuse(s, "init.error.id-taken", "id", plain, NULL);
			goto out;
		}
		*value = plain;
		plain = NULL;
		break;
	}
	case ASK_DATE:
		if (!read_date(plain, date)) {
			rc = refuse(s, "init.error.date", NULL);
			goto out;
		}
		if (!(*value = strdup(date)))
			goto nomem;
		break;
	case ASK_WORD:
	case ASK_WORDS:
	case ASK_PRODUCTS:
		if ((rc = check_list(s, q, plain, &list)) != 0)
			goto out;
		if (!(*value = buf_detach(&list, NULL)))
			goto nomem;
		break;
	case ASK_YES_NO:
		if (one_of(s, "init.answer.yes", plain) || one_of(s, "init.answer.no", plain)) {
			*value = strdup(one_of(s, "init.answer.yes", plain) ? "true" : "false");
			if (!*value)
				goto nomem;
			break;
		}
		rc = refuse(s, "init.error.yes-no", NULL);
		goto out;
	case ASK_COUNTRY: {
		char *p;
		for (p = plain; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if (strlen(plain) != 2 || plain[0] < 'A' || plain[0] > 'Z' ||
		    plain[1] < 'A' || plain[1] > 'Z') {
			rc = refuse(s, "init.error.country", NULL);
			goto out;
		}
		*value = plain;
		plain = NULL;
		break;
	}
	}
	rc = 0;
	goto out;
nomem:
	oom(s);
out:
	free(text);
	free(plain);
	buf_free(&list);
	return rc;
}

/* ---- Asking -------------------------------------------------------- */

/* The next line of the answers into b, without its line end (and without
 * a byte order mark on the first). 1 a line, 2 a line too long (the rest
 * skipped), 0 the end, -1 stop (status set). */
static int read_answer(struct session *s, struct buf *b)
{
	bool got = false, too_long = false;
	int c;

	buf_reset(b);
	if (buf_put(b, "", 0) < 0) {
		oom(s);
		return -1;
	}
	while ((c = getc(s->o->in)) != EOF) {
		got = true;
		if (c == '\n')
			break;
		if (b->len >= ANSWER_MAX) {
			too_long = true;
			continue;
		}
		if (buf_putc(b, (char)c) < 0) {
			oom(s);
			return -1;
		}
	}
	if (!got)
		return 0;
	if (b->len && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	if (s->line++ == 0 && strncmp(b->data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(b->data, b->data + 3, b->len - 2);
		b->len -= 3;
	}
	return too_long ? 2 : 1;
}

/* The numbered list of q's words with their labels, before the prompt. */
static int list_words(struct session *s, const struct catalog_vocab *v)
{
	size_t i;

	for (i = 0; i < v->nwords; i++) {
		char number[24], label_id[256];
		const char *label;
		snprintf(number, sizeof(number), "%zu", i + 1);
		snprintf(label_id, sizeof(label_id), "%s.%s", v->labels ? v->labels : "", v->words[i].id);
		label = messages_raw(s->ui, label_id);
		if (tell(s, 2, "init.list.item", "number", number, "word", v->words[i].id,
			 "label", label ? label : v->words[i].id, NULL) < 0)
			return -1;
	}
	return 0;
}

/* Asks q until it has a usable answer (a terminal) or once (a file).
 * 0 with *value (caller frees; NULL for an empty optional answer), or -1
 * (status set: a bad answer from a file, the end of the answers, OOM). */
static int ask(struct session *s, const struct question *q, char **value)
{
	struct buf question = BUF_INIT, prompt = BUF_INIT, line = BUF_INIT;
	FILE *fp = s->o->out;
	char min[24], max[24], lineno[24];
	int rc = -1;

	*value = NULL;
	snprintf(min, sizeof(min), "%ld", q->min);
	snprintf(max, sizeof(max), "%ld", q->max);
	if (say(s, s->ui, &question, q->id, "min", min, "max", max, "ids",
		buf_str(&s->product_ids), NULL) < 0)
		goto out;
	if ((q->dflt ? say(s, s->ui, &prompt, "init.prompt", "question", buf_str(&question),
			   "default", q->dflt, NULL)
		     : say(s, s->ui, &prompt, "init.prompt.plain", "question",
			   buf_str(&question), NULL)) < 0)
		goto out;
	if (q->vocab && list_words(s, q->vocab) < 0)
		goto out;
	for (;;) {
		int got, c;
		if (fp) {
			fprintf(fp, "%s ", buf_str(&prompt));
			fflush(fp);
		}
		if ((got = read_answer(s, &line)) < 0)
			goto out;
		if (got == 0) {
			if (fp)
				fputc('\n', fp);
			fail(s, SP_EINPUT, "init.error.ended", "question", buf_str(&question), NULL);
			goto out;
		}
		if (fp && !s->o->interactive) {
			const char *p;
			/* The transcript of a file of answers: each after its question. */
			for (p = buf_str(&line); *p; p++)
				fputc((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p, fp);
			fputc('\n', fp);
		}
		if (got == 2) {
			snprintf(max, sizeof(max), "%ld", q->kind == ASK_TEXT ? q->max : (long)ANSWER_MAX);
			c = refuse(s, "init.error.too-long", "max", max, NULL);
		} else {
			c = check_answer(s, q, buf_str(&line), value);
		}
		if (c < 0)
			goto out;
		if (c == 0)
			break;
		if (s->o->interactive) {
			if (tell(s, 0, "init.retry", "reason", buf_str(&s->reason), NULL) < 0)
				goto out;
			continue;
		}
		snprintf(lineno, sizeof(lineno), "%ld", s->line);
		fail(s, SP_EINPUT, "init.error.answer", "line", lineno, "question",
		     buf_str(&question), "reason", buf_str(&s->reason), NULL);
		goto out;
	}
	rc = 0;
out:
	buf_free(&question);
	buf_free(&prompt);
	buf_free(&line);
	return rc;
}

/* Shorthands for the common kinds. */
static int ask_text(struct session *s, const char *id, bool required, const char *dflt,
		    long max, char **value)
{
	struct question q = { .id = id, .kind = ASK_TEXT, .required = required, .dflt = dflt,
			      .max = max, .ids = IDS_PEOPLE };

	return ask(s, &q, value);
}

static int ask_kind(struct session *s, const char *id, enum answer_kind kind,
		    bool required, const char *dflt, char **value)
{
	struct question q = { .id = id, .kind = kind, .required = required, .dflt = dflt,
			      .ids = IDS_PEOPLE };

	return ask(s, &q, value);
}

static int ask_number(struct session *s, const char *id, struct bounds b,
		      const char *dflt, char **value)
{
	struct question q = { .id = id, .kind = ASK_NUMBER, .required = true, .dflt = dflt,
			      .min = b.min, .max = b.max, .ids = IDS_PEOPLE };

	return ask(s, &q, value);
}

static int ask_words(struct session *s, const char *id, enum answer_kind kind,
		     const char *vocab, char **value)
{
	/* A device with no link at all answers the connectivity question
	 * with nothing (profile.rng: an empty <connectivity/>). */
	struct question q = { .id = id, .kind = kind,
			      .required = strcmp(vocab, "connectivity") != 0, .ids = IDS_PEOPLE };

	q.vocab = catalog_vocab(s->cat, vocab);
	assert(q.vocab); /* session_open made sure */
	return ask(s, &q, value);
}

/* The id derived from the names (slug of name, words runs), made unique;
 * when the names give none, asked for. 0, or -1 (status set). */
static int give_id(struct session *s, enum id_set set, const char *question,
		   const char *name, size_t words, char **id)
{
	struct question q = { .id = question, .kind = ASK_ID, .required = true, .max = ID_MAX,
			      .ids = set };
	char *base = name ? slug(name, words, ID_MAX) : strdup("");

	if (!base) {
		oom(s);
		return -1;
	}
	if (!*base) {
		free(base);
		return ask(s, &q, id);
	}
	*id = unique_id(s, set, base);
	free(base);
	if (!*id) {
		oom(s);
		return -1;
	}
	return 0;
}

/* ---- The questions ------------------------------------------------- */

static void person_free(struct person_answer *p)
{
	free(p->id);
	free(p->name_ja);
	free(p->name_en);
	free(p->title_ja);
	free(p->title_en);
	free(p->email);
	memset(p, 0, sizeof(*p));
}

static void product_free(struct product_answer *p)
{
	free(p->id);
	free(p->name_ja);
	free(p->name_en);
	free(p->model);
	free(p->category);
	free(p->connectivity);
	free(p->markets);
	free(p->update);
	free(p->support_until);
	free(p->direct);
	memset(p, 0, sizeof(*p));
}

static void supplier_free(struct supplier_answer *p)
{
	free(p->id);
	free(p->name_ja);
	free(p->name_en);
	free(p->scope);
	free(p->email);
	free(p->country);
	free(p->products);
	memset(p, 0, sizeof(*p));
}

static int ask_company(struct session *s)
{
	struct question q = { .id = "init.q.company.code", .kind = ASK_CODE, .required = true,
			      .max = CODE_MAX, .ids = IDS_PEOPLE };
	char *code = NULL;
	int rc = -1;

	if (heading(s, "init.section.company", NULL) < 0 ||
	    ask_text(s, "init.q.company.name-ja", true, NULL, s->lim.text_short, &s->name_ja) < 0 ||
	    ask_text(s, "init.q.company.name-en", true, NULL, s->lim.text_short, &s->name_en) < 0)
		goto out;
	if (!(code = slug(s->name_en, 1, CODE_MAX))) {
		oom(s);
		goto out;
	}
	q.dflt = *code ? code : NULL;
	if (ask(s, &q, &s->code) < 0 ||
	    ask_number(s, "init.q.company.employees", s->lim.employees, NULL, &s->employees) < 0 ||
	    ask_number(s, "init.q.company.fiscal-year-start", s->lim.fy_start, DEFAULT_FY_START,
		       &s->fy_start) < 0 ||
	    ask_text(s, "init.q.company.classification-ja", true,
		     messages_raw(s->ja, "init.default.classification"), s->lim.classification,
		     &s->class_ja) < 0 ||
	    ask_text(s, "init.q.company.classification-en", true,
		     messages_raw(s->en, "init.default.classification"), s->lim.classification,
		     &s->class_en) < 0 ||
	    ask_kind(s, "init.q.company.website", ASK_URL, false, NULL, &s->website) < 0)
		goto out;
	rc = 0;
out:
	free(code);
	return rc;
}

/* A person's names, id and titles (the caller asks the e-mail address). */
static int ask_person(struct session *s, struct person_answer *p)
{
	char *family = NULL;
	int rc = -1;

	if (ask_text(s, "init.q.person.name-ja", true, NULL, s->lim.text_short, &p->name_ja) < 0 ||
	    ask_text(s, "init.q.person.name-en", false, NULL, s->lim.text_short, &p->name_en) < 0)
		goto out;
	if (!(family = family_name(p->name_en ? p->name_en : p->name_ja))) {
		oom(s);
		goto out;
	}
	if (give_id(s, IDS_PEOPLE, "init.q.person.id", family, 0, &p->id) < 0 ||
	    ask_text(s, "init.q.person.title-ja", false, NULL, s->lim.text_short, &p->title_ja) < 0 ||
	    ask_text(s, "init.q.person.title-en", false, NULL, s->lim.text_short, &p->title_en) < 0)
		goto out;
	rc = 0;
out:
	free(family);
	return rc;
}

static int ask_people(struct session *s)
{
	struct person_answer p = { 0 };
	char *email = NULL;
	int rc = -1;

	if (heading(s, "init.section.executive", NULL) < 0 || ask_person(s, &p) < 0 ||
	    ask_kind(s, "init.q.person.email", ASK_EMAIL, true, NULL, &p.email) < 0 ||
	    tell(s, 2, "init.hint.id", "id", p.id, NULL) < 0)
		goto out;
	s->people[s->npeople++] = p;
	memset(&p, 0, sizeof(p));

	if (heading(s, "init.section.manager", NULL) < 0 ||
	    ask_kind(s, "init.q.manager.email", ASK_EMAIL, true, NULL, &email) < 0)
		goto out;
	if (strcasecmp(email, s->people[0].email) == 0) {
		s->manager = 0;
		rc = tell(s, 2, "init.hint.same-person", NULL);
		goto out;
	}
	p.email = email;
	email = NULL;
	if (ask_person(s, &p) < 0 || tell(s, 2, "init.hint.id", "id", p.id, NULL) < 0)
		goto out;
	s->manager = s->npeople;
	s->people[s->npeople++] = p;
	memset(&p, 0, sizeof(p));
	rc = 0;
out:
	person_free(&p);
	free(email);
	return rc;
}

static int ask_vulnerability(struct session *s)
{
	const char *domain = strchr(s->people[s->manager].email, '@');
	struct buf window = BUF_INIT;
	int rc = -1;

	assert(domain); /* checked as an e-mail address */
	if (buf_printf(&window, "security%s", domain) < 0) {
		oom(s);
		goto out;
	}
	if (heading(s, "init.section.vulnerability", NULL) < 0 ||
	    ask_kind(s, "init.q.vulnerability.email", ASK_EMAIL, true, buf_str(&window),
		     &s->vuln_email) < 0 ||
	    ask_number(s, "init.q.vulnerability.acknowledge-days", s->lim.acknowledge,
		       DEFAULT_ACKNOWLEDGE, &s->acknowledge) < 0 ||
	    ask_number(s, "init.q.vulnerability.triage-days", s->lim.triage, DEFAULT_TRIAGE,
		       &s->triage) < 0 ||
	    ask_number(s, "init.q.vulnerability.fix-days", s->lim.fix, DEFAULT_FIX, &s->fix) < 0)
		goto out;
	rc = 0;
out:
	buf_free(&window);
	return rc;
}

/* Whether a word of the answer (space-separated connectivity words) has
 * the trait in profile.rng. */
static bool answer_has_trait(const struct session *s, const char *answer, const char *tag)
{
	const struct catalog_vocab *v = catalog_vocab(s->cat, "connectivity");
	struct strlist words = { NULL, 0 };
	size_t i, j;
	bool found = false;

	if (!answer || strlist_split(answer, &words) < 0)
		goto out;
	for (i = 0; i < words.n; i++)
		for (j = 0; v && j < v->nwords; j++)
			found |= strcmp(v->words[j].id, words.v[i]) == 0 && strlist_has(&v->words[j].tags, tag);
out:
	strlist_free(&words);
	return found;
}

/* One product after its Japanese name. Whether it sits directly on a
 * carrier's network is asked only where its links leave it open: a
 * cellular link or a router is direct, a device without IP never is. */
static int ask_product(struct session *s, struct product_answer *p)
{
	char no[8];
	const char *from = p->model ? p->model : p->name_en ? p->name_en : p->name_ja;

	first_word(s, "init.answer.no", no, sizeof(no));
	if (give_id(s, IDS_PRODUCTS, "init.q.product.id", from, 0, &p->id) < 0 ||
	    ask_words(s, "init.q.product.category", ASK_WORD, "category", &p->category) < 0 ||
	    ask_words(s, "init.q.product.connectivity", ASK_WORDS, "connectivity",
		      &p->connectivity) < 0 ||
	    ask_words(s, "init.q.product.markets", ASK_WORDS, "markets", &p->markets) < 0 ||
	    ask_words(s, "init.q.product.update", ASK_WORD, "update", &p->update) < 0 ||
	    ask_kind(s, "init.q.product.support-until", ASK_DATE, false, NULL,
		     &p->support_until) < 0)
		return -1;
	if (!answer_has_trait(s, p->connectivity, "ip") || answer_has_trait(s, p->connectivity, "cellular") ||
	    (p->category && strcmp(p->category, "router") == 0))
		return 0;
	if (ask_kind(s, "init.q.product.direct-connection", ASK_YES_NO, true, no, &p->direct) < 0)
		return -1;
	/* Only a yes is written: behind a router is what secpolgen derives. */
	if (p->direct && strcmp(p->direct, "true") != 0) {
		free(p->direct);
		p->direct = NULL;
	}
	return 0;
}

static int ask_products(struct session *s)
{
	struct product_answer p = { 0 };
	int rc = -1;
	size_t n;

	for (n = 1;; n++) {
		struct product_answer *v;
		char count[24];
		snprintf(count, sizeof(count), "%zu", n);
		if (heading(s, "init.section.product", count) < 0 ||
		    ask_text(s, n == 1 ? "init.q.product.first-name-ja" : "init.q.product.next-name-ja",
			     n == 1, NULL, s->lim.text_short, &p.name_ja) < 0)
			goto out;
		if (!p.name_ja)
			break;
		if (ask_text(s, "init.q.product.name-en", false, NULL, s->lim.text_short, &p.name_en) < 0 ||
		    ask_text(s, "init.q.product.model", false, NULL, s->lim.model, &p.model) < 0 ||
		    ask_product(s, &p) < 0)
			goto out;
		if (!(v = array_grow(s->products, &s->capproducts, s->nproducts, sizeof(*v))) ||
		    (s->product_ids.len && buf_putc(&s->product_ids, ' ') < 0) ||
		    buf_puts(&s->product_ids, p.id) < 0) {
			oom(s);
			goto out;
		}
		s->products = v;
		s->products[s->nproducts++] = p;
		memset(&p, 0, sizeof(p));
		if (tell(s, 2, "init.hint.id", "id", s->products[s->nproducts - 1].id, NULL) < 0)
			goto out;
	}
	rc = 0;
out:
	product_free(&p);
	return rc;
}

static int ask_suppliers(struct session *s)
{
	struct supplier_answer p = { 0 };
	int rc = -1;
	size_t n;

	for (n = 1;; n++) {
		struct supplier_answer *v;
		char count[24];
		snprintf(count, sizeof(count), "%zu", n);
		if (heading(s, "init.section.supplier", count) < 0 ||
		    ask_text(s, n == 1 ? "init.q.supplier.first-name-ja" : "init.q.supplier.next-name-ja",
			     false, NULL, s->lim.text_short, &p.name_ja) < 0)
			goto out;
		if (!p.name_ja)
			break;
		if (ask_text(s, "init.q.supplier.name-en", false, NULL, s->lim.text_short, &p.name_en) < 0 ||
		    give_id(s, IDS_SUPPLIERS, "init.q.supplier.id", p.name_en ? p.name_en : p.name_ja,
			    2, &p.id) < 0 ||
		    ask_text(s, "init.q.supplier.scope", false, NULL, s->lim.text_medium, &p.scope) < 0 ||
		    ask_kind(s, "init.q.supplier.email", ASK_EMAIL, false, NULL, &p.email) < 0 ||
		    ask_kind(s, "init.q.supplier.country", ASK_COUNTRY, false, NULL, &p.country) < 0 ||
		    ask_kind(s, "init.q.supplier.products", ASK_PRODUCTS, false, NULL, &p.products) < 0)
			goto out;
		if (!(v = array_grow(s->suppliers, &s->capsuppliers, s->nsuppliers, sizeof(*v)))) {
			oom(s);
			goto out;
		}
		s->suppliers = v;
		s->suppliers[s->nsuppliers++] = p;
		memset(&p, 0, sizeof(p));
		if (tell(s, 2, "init.hint.id", "id", s->suppliers[s->nsuppliers - 1].id, NULL) < 0)
			goto out;
	}
	rc = 0;
out:
	supplier_free(&p);
	return rc;
}

static int ask_all(struct session *s)
{
	if (tell(s, 0, "init.intro", NULL) < 0 ||
	    tell(s, 0, "init.intro.output", "path", s->o->output, NULL) < 0 ||
	    ask_company(s) < 0 || ask_people(s) < 0 || ask_vulnerability(s) < 0 ||
	    ask_products(s) < 0 || ask_suppliers(s) < 0 ||
	    heading(s, "init.section.revision", NULL) < 0 ||
	    ask_kind(s, "init.q.revision.date", ASK_DATE, true, NULL, &s->effective) < 0)
		return -1;
	return 0;
}

/* ---- The profile --------------------------------------------------- */

/* Whether a line broken before c (after prev) reads well: at a space, or
 * after Japanese punctuation rather than inside a word. */
static bool good_break(uint32_t prev, uint32_t c)
{
	return text_is_space((int)prev) ||
	       (c != 0x3001 && c != 0x3002 &&
		(prev == 0x3001 || prev == 0x3002 || prev == 0xFF09 || prev == 0x300D));
}

/* Appends paragraph t to out, wrapped to width columns (wide characters
 * count two) where a line may break, preferring good_break() in the
 * second half of the line; continuation lines after nl. */
static int wrap(struct buf *out, const char *t, size_t width, const char *nl)
{
	size_t i = 0, start = 0, col = 0, brk = 0, brk_col = 0, good = 0, good_col = 0;
	uint32_t prev = 0;
	bool in_tag = false; /* an example <element attr="…"/> stays on one line */

	while (t[i]) {
		size_t at = i;
		uint32_t c = text_utf8_next(t, &i);
		if (at > start && !in_tag && text_may_break(prev, c)) {
			brk = at, brk_col = col;
			if (good_break(prev, c))
				good = at, good_col = col;
		}
		if (c == '<' || c == '>')
			in_tag = c == '<';
		col += text_is_wide(c) ? 2 : 1;
		if (col > width && brk > start) {
			size_t end;
			if (good > start && good_col >= width / 2)
				brk = good, brk_col = good_col;
			for (end = brk; end > start && t[end - 1] == ' ';)
				end--;
			if (buf_put(out, t + start, end - start) < 0 || buf_puts(out, nl) < 0)
				return -1;
			start = brk;
			col -= brk_col;
		}
		prev = c;
	}
	return buf_puts(out, t + start);
}

/* An XML comment at depth (two spaces a level): each line of text a
 * paragraph, wrapped; never "--", which would end it. */
static int comment(xmlTextWriterPtr w, int depth, const char *text)
{
	struct buf body = BUF_INIT, nl = BUF_INIT, para = BUF_INIT;
	size_t indent = (size_t)depth * 2 + 5, width = COMMENT_WIDTH - indent - 4, k;
	const char *p = text;
	int rc = -1;

	if (buf_printf(&nl, "\n%*s", (int)indent, "") < 0 || buf_putc(&body, ' ') < 0)
		goto out;
	while (*p) {
		size_t n = strcspn(p, "\n");
		buf_reset(&para);
		if (buf_put(&para, p, n) < 0 ||
		    (p != text && buf_puts(&body, buf_str(&nl)) < 0) ||
		    wrap(&body, buf_str(&para), width, buf_str(&nl)) < 0)
			goto out;
		p += n + (p[n] == '\n');
	}
	for (k = 1; k < body.len; k++)
		if (body.data[k] == '-' && body.data[k - 1] == '-')
			body.data[k] = '=';
	if (buf_putc(&body, ' ') < 0 || xmlTextWriterWriteComment(w, BAD_CAST buf_str(&body)) < 0)
		goto out;
	rc = 0;
out:
	buf_free(&body);
	buf_free(&nl);
	buf_free(&para);
	return rc;
}

/* A comment of message id (its tags from the pairs) at depth, after a
 * blank line when blank is set. */
static int remark(struct session *s, xmlTextWriterPtr w, int depth, bool blank,
		  const char *id, ...) __attribute__((sentinel));
static int remark(struct session *s, xmlTextWriterPtr w, int depth, bool blank,
		  const char *id, ...)
{
	struct buf text = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = say_v(s, s->ui, &text, id, ap);
	va_end(ap);
	if (rc == 0 && ((blank && xmlTextWriterWriteRaw(w, BAD_CAST "\n") < 0) ||
			comment(w, depth, buf_str(&text)) < 0))
		rc = -1;
	buf_free(&text);
	return rc;
}

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (!value)
		return 0;
	return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value) < 0 ? -1 : 0;
}

/* <name xml:lang="lang">text</name>; nothing when text is NULL. */
static int element(xmlTextWriterPtr w, const char *name, const char *lang, const char *text)
{
	if (!text)
		return 0;
	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0 || attr(w, "xml:lang", lang) < 0 ||
	    xmlTextWriterWriteString(w, BAD_CAST text) < 0 || xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

static int both(xmlTextWriterPtr w, const char *name, const char *ja, const char *en)
{
	return element(w, name, "ja", ja) < 0 || element(w, name, "en", en) < 0 ? -1 : 0;
}

static int start(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElement(w, BAD_CAST name) < 0 ? -1 : 0;
}

static int end(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int write_company(struct session *s, xmlTextWriterPtr w)
{
	return remark(s, w, 1, false, "init.comment.company", NULL) < 0 || start(w, "company") < 0 ||
	       attr(w, "code", s->code) < 0 || attr(w, "employees", s->employees) < 0 ||
	       attr(w, "fiscal-year-start", s->fy_start) < 0 ||
	       both(w, "name", s->name_ja, s->name_en) < 0 ||
	       both(w, "classification", s->class_ja, s->class_en) < 0 ||
	       element(w, "website", NULL, s->website) < 0 || end(w) < 0 ? -1 : 0;
}

static int write_people(struct session *s, xmlTextWriterPtr w)
{
	size_t i;

	if (remark(s, w, 1, true, "init.comment.people", NULL) < 0 || start(w, "people") < 0)
		return -1;
	for (i = 0; i < s->npeople; i++) {
		const struct person_answer *p = &s->people[i];
		if (start(w, "person") < 0 || attr(w, "id", p->id) < 0 ||
		    both(w, "name", p->name_ja, p->name_en) < 0 ||
		    both(w, "title", p->title_ja, p->title_en) < 0 ||
		    element(w, "email", NULL, p->email) < 0 || end(w) < 0)
			return -1;
	}
	return end(w);
}

static int assign(xmlTextWriterPtr w, const char *role, const char *person)
{
	return start(w, "assign") < 0 || attr(w, "role", role) < 0 ||
	       attr(w, "person", person) < 0 || end(w) < 0 ? -1 : 0;
}

/* The comment on roles: who holds the psirt role, and the built-in roles
 * the questions left to nobody ("開発責任者（development-lead）、…"). */
static int roles_comment(struct session *s, struct buf *out)
{
	struct l10n kit = l10n_kit(s->ui, s->cat, NULL, s->d);
	struct buf open = BUF_INIT, one = BUF_INIT;
	size_t i;
	int rc = -1;

	if (say(s, s->ui, out, "init.comment.roles", NULL) < 0)
		goto out;
	for (i = 0; i < s->cat->nroles; i++) {
		const struct catalog_role *r = &s->cat->roles[i];
		const char *name;
		if (r->everyone || strcmp(r->id, ROLE_EXECUTIVE) == 0 ||
		    strcmp(r->id, ROLE_MANAGER) == 0 || strcmp(r->id, ROLE_PSIRT) == 0)
			continue;
		name = l10n_labelf(&kit, "role.%s.name", r->id);
		buf_reset(&one);
		if (!name || say(s, s->ui, &one, "init.comment.role", "name", name, "id", r->id,
				 NULL) < 0 || l10n_join_add(&kit, &open, buf_str(&one)) < 0)
			goto out;
	}
	if (open.len && (buf_putc(out, '\n') < 0 ||
			 say(s, s->ui, out, "init.comment.roles-open", "roles", buf_str(&open), NULL) < 0))
		goto out;
	rc = 0;
out:
	if (l10n_failed(&kit))
		sp_fail(&s->status, kit.status);
	buf_free(&open);
	buf_free(&one);
	return rc;
}

static int write_roles(struct session *s, xmlTextWriterPtr w)
{
	const char *manager = s->people[s->manager].id;
	struct buf c = BUF_INIT;
	int rc;

	rc = roles_comment(s, &c) < 0 || xmlTextWriterWriteRaw(w, BAD_CAST "\n") < 0 ||
	     comment(w, 1, buf_str(&c)) < 0 || start(w, "roles") < 0 ||
	     assign(w, ROLE_EXECUTIVE, s->people[0].id) < 0 || assign(w, ROLE_MANAGER, manager) < 0 ||
	     assign(w, ROLE_PSIRT, manager) < 0 || end(w) < 0 ? -1 : 0;
	buf_free(&c);
	return rc;
}

static int write_products(struct session *s, xmlTextWriterPtr w)
{
	size_t i;

	if (remark(s, w, 1, true, "init.comment.products", NULL) < 0 || start(w, "products") < 0)
		return -1;
	for (i = 0; i < s->nproducts; i++) {
		const struct product_answer *p = &s->products[i];
		if ((!p->support_until &&
		     remark(s, w, 2, false, "init.comment.support-until", "id", p->id, NULL) < 0) ||
		    start(w, "product") < 0 || attr(w, "id", p->id) < 0 ||
		    attr(w, "category", p->category) < 0 || attr(w, "update", p->update) < 0 ||
		    attr(w, "support-until", p->support_until) < 0 ||
		    attr(w, "internet", p->direct ? "direct" : NULL) < 0 ||
		    both(w, "name", p->name_ja, p->name_en) < 0 ||
		    element(w, "model", NULL, p->model) < 0 ||
		    element(w, "connectivity", NULL, p->connectivity ? p->connectivity : "") < 0 ||
		    element(w, "markets", NULL, p->markets) < 0 || end(w) < 0)
			return -1;
	}
	return end(w);
}

static int write_suppliers(struct session *s, xmlTextWriterPtr w)
{
	size_t i;

	if (!s->nsuppliers)
		return remark(s, w, 1, true, "init.comment.no-suppliers", NULL);
	if (remark(s, w, 1, true, "init.comment.suppliers", NULL) < 0 || start(w, "suppliers") < 0)
		return -1;
	for (i = 0; i < s->nsuppliers; i++) {
		const struct supplier_answer *p = &s->suppliers[i];
		if (start(w, "supplier") < 0 || attr(w, "id", p->id) < 0 ||
		    attr(w, "country", p->country) < 0 || both(w, "name", p->name_ja, p->name_en) < 0 ||
		    element(w, "scope", s->o->lang, p->scope) < 0 ||
		    element(w, "email", NULL, p->email) < 0 ||
		    element(w, "products", NULL, p->products) < 0 || end(w) < 0)
			return -1;
	}
	return end(w);
}

static int write_vulnerability(struct session *s, xmlTextWriterPtr w)
{
	return remark(s, w, 1, true, "init.comment.vulnerability", NULL) < 0 ||
	       start(w, "vulnerability-handling") < 0 ||
	       attr(w, "acknowledge-days", s->acknowledge) < 0 ||
	       attr(w, "triage-days", s->triage) < 0 || attr(w, "fix-days", s->fix) < 0 ||
	       element(w, "email", NULL, s->vuln_email) < 0 || end(w) < 0 ? -1 : 0;
}

static int write_revisions(struct session *s, xmlTextWriterPtr w)
{
	return remark(s, w, 1, true, "init.comment.revisions", "person", s->people[0].id, NULL) < 0 ||
	       start(w, "revisions") < 0 || start(w, "revision") < 0 ||
	       attr(w, "number", "1.0") < 0 || attr(w, "date", s->effective) < 0 ||
	       attr(w, "author", s->people[s->manager].id) < 0 ||
	       both(w, "summary", messages_raw(s->ja, "init.revision.first"),
		    messages_raw(s->en, "init.revision.first")) < 0 ||
	       end(w) < 0 || end(w) < 0 ? -1 : 0;
}

/* The whole profile into out. 0, or -1 (status set). */
static int profile_xml(struct session *s, struct buf *out)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
	struct buf c = BUF_INIT;
	int rc = -1;

	if (!w || xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    say(s, s->ui, &c, "init.comment.head", NULL) < 0 || buf_putc(&c, '\n') < 0 ||
	    say(s, s->ui, &c, "init.comment.schema", NULL) < 0 || comment(w, 0, buf_str(&c)) < 0 ||
	    start(w, "profile") < 0 || attr(w, "xmlns", PROFILE_NS) < 0 ||
	    attr(w, "version", "1") < 0 || write_company(s, w) < 0 || write_people(s, w) < 0 ||
	    write_roles(s, w) < 0 || write_products(s, w) < 0 || write_suppliers(s, w) < 0 ||
	    write_vulnerability(s, w) < 0 || write_revisions(s, w) < 0 || end(w) < 0 ||
	    xmlTextWriterEndDocument(w) < 0)
		goto out;
	xmlFreeTextWriter(w); /* flushes into xb */
	w = NULL;
	if (buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb)) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0 && !s->status)
		oom(s);
	xmlFreeTextWriter(w);
	xmlBufferFree(xb);
	buf_free(&c);
	return rc;
}

/* ---- The file ------------------------------------------------------ */

static int write_error(struct session *s, int err)
{
	return fail(s, SP_EIO, "init.error.write", "path", s->o->output, "reason", strerror(err), NULL);
}

static int exists_error(struct session *s)
{
	return fail(s, SP_EIO, "init.error.exists", "path", s->o->output, NULL);
}

/* Before the first question: the output does not exist yet, and its
 * folder takes new files. 0, or -1 (status set). */
static int output_ready(struct session *s)
{
	const char *path = s->o->output, *slash = strrchr(path, '/');
	struct buf dir = BUF_INIT;
	struct stat st;
	int rc = -1;

	if (lstat(path, &st) == 0) {
		exists_error(s);
		return -1;
	}
	if (buf_put(&dir, slash ? path : ".", slash ? (size_t)(slash - path) + (slash == path) : 1) < 0) {
		oom(s);
		goto out;
	}
	if (access(buf_str(&dir), W_OK | X_OK) < 0) {
		write_error(s, errno);
		goto out;
	}
	rc = 0;
out:
	buf_free(&dir);
	return rc;
}

/* Writes b to a new file at the output (file_publish_new: never over an
 * existing file, nothing left by a failed run). 0, or -1 (status set). */
static int publish(struct session *s, const struct buf *b)
{
	if (file_publish_new(s->o->output, b->data, b->len) == 0)
		return 0;
	if (errno == EEXIST)
		exists_error(s);
	else if (errno == ENOMEM)
		oom(s);
	else
		write_error(s, errno);
	return -1;
}

/* ---- The run ------------------------------------------------------- */

/* The installed profile.rng lacks what the questions need: a broken
 * installation, said in English as catalog.h says a broken catalogue. */
static int broken_schema(struct session *s, const char *name, const char *param)
{
	diag_error(s->d, s->cat->rng->path, 0, 0, "gives no %s for %s", param, name);
	sp_fail(&s->status, SP_EINPUT);
	return -1;
}

/* The number of <param name="param"> of the schema's first <kind
 * name="name">. 0, or -1 after an error. */
static int rng_number(struct session *s, const char *kind, const char *name,
		      const char *param, long *out)
{
	const struct rng *r = s->cat->rng;
	const char *text = rng_param_text(r, rng_named(r, kind, name), param);
	char *end = NULL;

	if (text)
		*out = strtol(text, &end, 10);
	if (!text || end == text || *end)
		return broken_schema(s, name, param);
	return 0;
}

static int bounds_of(struct session *s, const char *attribute, struct bounds *b)
{
	return rng_number(s, "attribute", attribute, "minInclusive", &b->min) < 0 ||
	       rng_number(s, "attribute", attribute, "maxInclusive", &b->max) < 0 ? -1 : 0;
}

/* The bounds of numbers and texts, and the word lists the questions offer. */
static int read_schema(struct session *s)
{
	static const char *const vocabs[] = { "category", "connectivity", "markets", "update" };
	struct limits *l = &s->lim;
	size_t i;

	if (bounds_of(s, "employees", &l->employees) < 0 ||
	    bounds_of(s, "fiscal-year-start", &l->fy_start) < 0 ||
	    bounds_of(s, "acknowledge-days", &l->acknowledge) < 0 ||
	    bounds_of(s, "triage-days", &l->triage) < 0 ||
	    bounds_of(s, "fix-days", &l->fix) < 0 ||
	    rng_number(s, "define", "text-short", "maxLength", &l->text_short) < 0 ||
	    rng_number(s, "define", "text-medium", "maxLength", &l->text_medium) < 0 ||
	    rng_number(s, "element", "classification", "maxLength", &l->classification) < 0 ||
	    rng_number(s, "element", "model", "maxLength", &l->model) < 0)
		return -1;
	for (i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++) {
		char name[64];
		snprintf(name, sizeof(name), "vocab-%s", vocabs[i]);
		if (!catalog_vocab(s->cat, vocabs[i]))
			return broken_schema(s, name, "value");
	}
	return 0;
}

static struct messages *load_messages(struct session *s, const char *lang)
{
	struct buf path = BUF_INIT;
	struct messages *m = NULL;

	if (buf_printf(&path, "%s/locales/%s.xlf", s->o->datadir, lang) < 0)
		oom(s);
	else if (!(m = messages_load(buf_str(&path), lang, s->d)))
		sp_fail(&s->status, SP_EINPUT);
	buf_free(&path);
	return m;
}

/* Loads what the questions need. 0, or -1 (status set). */
static int session_open(struct session *s)
{
	const struct init_options *o = s->o;
	struct buf path = BUF_INIT;
	int rc = -1;

	if (!o->lang || !messages_lang_ok(o->lang)) {
		diag_error(s->d, NULL, 0, 0, "no questions in the language \"%s\"",
			   o->lang ? o->lang : "");
		sp_fail(&s->status, SP_EINPUT);
		goto out;
	}
	if (!(s->ja = load_messages(s, "ja")) || !(s->en = load_messages(s, "en")))
		goto out;
	if (strcmp(o->lang, "ja") == 0)
		s->ui = s->ja;
	else if (strcmp(o->lang, "en") == 0)
		s->ui = s->en;
	else if (!(s->ui = s->own = load_messages(s, o->lang)))
		goto out;
	if (buf_printf(&path, "%s/policy-templates", o->datadir) < 0) {
		oom(s);
		goto out;
	}
	if (!(s->cat = catalog_load(buf_str(&path), s->d))) {
		sp_fail(&s->status, SP_EINPUT);
		goto out;
	}
	if (read_schema(s) < 0)
		goto out;
	switch (shape_compile(&s->shapes, s->d)) {
	case 0:
		break;
	case SP_ENOMEM:
		oom(s);
		goto out;
	default:
		sp_fail(&s->status, SP_EINPUT);
		goto out;
	}
	rc = 0;
out:
	buf_free(&path);
	return rc;
}

static void session_free(struct session *s)
{
	size_t i;

	shape_free(&s->shapes);
	messages_free(s->ja);
	messages_free(s->en);
	messages_free(s->own);
	catalog_free(s->cat);
	buf_free(&s->reason);
	buf_free(&s->product_ids);
	free(s->name_ja);
	free(s->name_en);
	free(s->code);
	free(s->employees);
	free(s->fy_start);
	free(s->class_ja);
	free(s->class_en);
	free(s->website);
	for (i = 0; i < s->npeople; i++)
		person_free(&s->people[i]);
	free(s->vuln_email);
	free(s->acknowledge);
	free(s->triage);
	free(s->fix);
	for (i = 0; i < s->nproducts; i++)
		product_free(&s->products[i]);
	free(s->products);
	for (i = 0; i < s->nsuppliers; i++)
		supplier_free(&s->suppliers[i]);
	free(s->suppliers);
	free(s->effective);
}

int init_run(const struct init_options *o, struct diag *d)
{
	struct session s;
	struct buf xml = BUF_INIT;

	assert(o && o->datadir && o->in && o->output && d);
	memset(&s, 0, sizeof(s));
	s.o = o;
	s.d = d;
	if (session_open(&s) < 0 || output_ready(&s) < 0 || ask_all(&s) < 0 ||
	    profile_xml(&s, &xml) < 0 || publish(&s, &xml) < 0)
		goto out;
	if (o->out) {
		fputc('\n', o->out);
		tell(&s, 0, "init.done", "path", o->output, NULL);
	}
out:
	buf_free(&xml);
	session_free(&s);
	return s.status;
}

