/* cite.c - clauses as Japanese cites them (cite.h). */
#include "l10n/cite.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* The parts of s[0, len) between separators sep outside brackets, each
 * without the spaces around it, handed to fn one by one with its index
 * and whether it is the last. */
struct span {
	const char *s;
	size_t len;
};

static size_t split(const char *s, size_t len, char sep, struct span *out, size_t max)
{
	size_t n = 0, i, start = 0;
	int depth = 0;

	for (i = 0; i <= len && n < max; i++) {
		if (i < len && s[i] == '(')
			depth++;
		else if (i < len && s[i] == ')')
			depth -= depth > 0;
		if (i == len || (s[i] == sep && depth == 0)) {
			size_t a = start, b = i;
			while (a < b && s[a] == ' ')
				a++;
			while (b > a && s[b - 1] == ' ')
				b--;
			out[n++] = (struct span){ s + a, b - a };
			start = i + 1;
		}
	}
	return n;
}

/* Codes: ", " between them as 、, a remark "(…)" as （…） without the
 * space before it, its codes the same way. */
static int codes(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == ',' && i + 1 < len && s[i + 1] == ' ') {
			if (buf_puts(out, "、") < 0)
				return -1;
			i++;
		} else if (s[i] == ' ' && i + 1 < len && s[i + 1] == '(') {
			continue;
		} else if (s[i] == '(' || s[i] == ')') {
			/* A lettered point "(b)" or a number "(2)" right after
			 * a code stays as it is; words in brackets go full-width. */
			const char *close = s[i] == '(' ? memchr(s + i, ')', len - i) : NULL;
			bool point = close && close - (s + i) <= 3 && i > 0 && s[i - 1] != ' ';
			if (s[i] == '(' && !point) {
				size_t inner = close ? (size_t)(close - (s + i) - 1) : len - i - 1;
				if (buf_puts(out, "（") < 0 || codes(out, s + i + 1, inner) < 0 ||
				    buf_puts(out, "）") < 0)
					return -1;
				i += inner + 1;
			} else if (buf_putc(out, s[i]) < 0) {
				return -1;
			}
		} else if (buf_putc(out, s[i]) < 0) {
			return -1;
		}
	}
	return 0;
}

enum last { NONE, ANNEX, PART, ARTICLE, SCHEDULE, PARA };

/* The number or roman numeral at s: its length. */
static size_t word_len(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && (isalnum((unsigned char)s[n]) || s[n] == '-'))
		n++;
	return n;
}

static bool starts(const char *s, size_t len, const char *w, size_t *n)
{
	*n = strlen(w);
	return len >= *n && memcmp(s, w, *n) == 0;
}

/* One citation of a statute: "Annex I Part I (2)(b)", "Art. 13(5)",
 * "(4)" (a paragraph of the one before), "Sch. 1 para 1 (…)". */
static int law_item(struct buf *out, const char *s, size_t len, enum last *last, bool articles)
{
	size_t i = 0, n, w;

	while (i < len) {
		const char *p = s + i;
		size_t rest = len - i;
		if (*p == ' ') {
			i++;
			continue;
		}
		if (starts(p, rest, "Annex ", &n) && (w = word_len(p + n, rest - n))) {
			if ((*last != NONE && buf_putc(out, ' ') < 0) || buf_puts(out, "附属書") < 0 ||
			    buf_put(out, p + n, w) < 0)
				return -1;
			*last = ANNEX;
			i += n + w;
		} else if (starts(p, rest, "Part ", &n) && (w = word_len(p + n, rest - n))) {
			if ((*last != NONE && buf_putc(out, ' ') < 0) || buf_puts(out, "第") < 0 ||
			    buf_put(out, p + n, w) < 0 || buf_puts(out, "部") < 0)
				return -1;
			*last = PART;
			i += n + w;
		} else if (starts(p, rest, "Art. ", &n) && (w = word_len(p + n, rest - n))) {
			if ((*last != NONE && *last != ARTICLE && buf_putc(out, ' ') < 0) ||
			    buf_puts(out, "第") < 0 || buf_put(out, p + n, w) < 0 || buf_puts(out, "条") < 0)
				return -1;
			*last = ARTICLE;
			i += n + w;
		} else if (articles && i == 0 && isdigit((unsigned char)*p) && (w = word_len(p, rest))) {
			/* "Art. 33, 34": the second is an article too. */
			if (buf_puts(out, "第") < 0 || buf_put(out, p, w) < 0 || buf_puts(out, "条") < 0)
				return -1;
			*last = ARTICLE;
			i += w;
		} else if (starts(p, rest, "Sch. ", &n) && (w = word_len(p + n, rest - n))) {
			if (buf_puts(out, "附則") < 0 || buf_put(out, p + n, w) < 0)
				return -1;
			*last = SCHEDULE;
			i += n + w;
		} else if (starts(p, rest, "para ", &n) && (w = word_len(p + n, rest - n))) {
			if (buf_puts(out, " 第") < 0 || buf_put(out, p + n, w) < 0 || buf_puts(out, "項") < 0)
				return -1;
			*last = PARA;
			i += n + w;
		} else if (*p == '(' && (w = word_len(p + 1, rest - 1)) && w < rest - 1 && p[1 + w] == ')' &&
			   isdigit((unsigned char)p[1])) {
			/* A numbered paragraph: 第2項, after the article without a
			 * space (第13条第5項). */
			if ((*last != NONE && *last != ARTICLE && buf_putc(out, ' ') < 0) ||
			    buf_puts(out, "第") < 0 || buf_put(out, p + 1, w) < 0 || buf_puts(out, "項") < 0)
				return -1;
			*last = PARA;
			i += w + 2;
		} else if (*p == '(' && (w = word_len(p + 1, rest - 1)) && w < rest - 1 && p[1 + w] == ')') {
			if (buf_put(out, p, w + 2) < 0) /* a lettered point: (b) */
				return -1;
			i += w + 2;
		} else if (*p == '(') {
			const char *close = memchr(p, ')', rest);
			size_t inner = close ? (size_t)(close - p - 1) : rest - 1;
			if (buf_puts(out, "（") < 0 || codes(out, p + 1, inner) < 0 || buf_puts(out, "）") < 0)
				return -1;
			i += inner + 2;
		} else {
			if (buf_putc(out, *p) < 0)
				return -1;
			i++;
		}
	}
	return 0;
}

static int law(struct buf *out, const char *ref)
{
	struct span groups[16], items[16];
	size_t ng = split(ref, strlen(ref), ';', groups, 16), g, k, ni;

	for (g = 0; g < ng; g++) {
		enum last last = NONE;
		if (g && buf_puts(out, "、") < 0)
			return -1;
		ni = split(groups[g].s, groups[g].len, ',', items, 16);
		for (k = 0; k < ni; k++) {
			if (k && buf_puts(out, k + 1 == ni ? "及び" : "、") < 0)
				return -1;
			/* After 、 or 及び no space: "(d)" after "(2)(b)" is a
			 * point of the same paragraph, "(4)" after "(2)" another
			 * paragraph of the same part. */
			if (k)
				last = NONE;
			if (law_item(out, items[k].s, items[k].len, &last,
				     items[0].len > 5 && memcmp(items[0].s, "Art. ", 5) == 0) < 0)
				return -1;
		}
	}
	return 0;
}

int cite_write(struct buf *out, const char *lang, enum req_cite style, const char *name,
	       const char *ref)
{
	if (!lang || strcmp(lang, "ja") != 0)
		return buf_printf(out, "%s %s", name, ref) < 0 ? -1 : 0;
	if (buf_puts(out, name) < 0)
		return -1;
	switch (style) {
	case REQ_CITE_LAW:
		return buf_putc(out, ' ') < 0 ? -1 : law(out, ref);
	case REQ_CITE_ITEMS:
		if (strcmp(ref, "scope") == 0)
			return buf_puts(out, "の適用範囲");
		if (ref[0] == '(' && isdigit((unsigned char)ref[1])) {
			size_t w = word_len(ref + 1, strlen(ref + 1));
			if (ref[1 + w] == ')' && ref[2 + w] == '\0')
				return buf_puts(out, "第") < 0 || buf_put(out, ref + 1, w) < 0 ||
				       buf_puts(out, "号") < 0 ? -1 : 0;
		}
		return buf_putc(out, ' ') < 0 ? -1 : codes(out, ref, strlen(ref));
	case REQ_CITE_TITLES:
		return buf_printf(out, "「%s」", ref) < 0 ? -1 : 0;
	case REQ_CITE_CODES:
	default:
		return buf_putc(out, ' ') < 0 ? -1 : codes(out, ref, strlen(ref));
	}
}
