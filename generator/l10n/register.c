/* register.c - the register of Japanese sentences (register.h). */
#include "l10n/register.h"

#include <string.h>

#define KUTEN "\xE3\x80\x82" /* 。 */

/* Brackets as UTF-8: openers and their closers, in the same order. */
static const char *const opens[] = { "\xE3\x80\x8C", "\xE3\x80\x8E", "\xEF\xBC\x88",
				     "\xE3\x80\x90", "(" };
static const char *const closes[] = { "\xE3\x80\x8D", "\xE3\x80\x8F", "\xEF\xBC\x89",
				      "\xE3\x80\x91", ")" };
enum { NBRACKETS = sizeof(opens) / sizeof(opens[0]) };

/* The polite endings, longest first where one ends another. */
static const char *const polite[] = {
	"ませんでした", "でしょうか", "ませんか", "ましたか", "ましょう", "でしょう",
	"ください", "下さい", "ですか", "ますか", "ました", "ません", "でした", "です", "ます",
};

static size_t starts(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncmp(s, w, n) == 0 ? n : 0;
}

/* The length of the mustache tag at s ("{{…}}"), or 0. */
static size_t tag_at(const char *s)
{
	const char *end;

	if (s[0] != '{' || s[1] != '{' || !(end = strstr(s + 2, "}}")))
		return 0;
	return (size_t)(end + 2 - s);
}

bool register_next_sentence(const char *text, size_t *at, struct sentence *out)
{
	size_t i = *at, start = *at, n, k;
	int depth = 0;

	while (text[i]) {
		if ((n = tag_at(text + i))) {
			i += n;
			continue;
		}
		for (k = 0; k < NBRACKETS; k++) {
			if ((n = starts(text + i, opens[k]))) {
				depth++;
				break;
			}
			if ((n = starts(text + i, closes[k]))) {
				depth -= depth > 0;
				break;
			}
		}
		if (k < NBRACKETS) {
			i += n;
			continue;
		}
		if (depth == 0 && (n = starts(text + i, KUTEN))) {
			out->start = start;
			out->end = i;
			*at = i + n;
			return true;
		}
		i++;
	}
	*at = i;
	return false;
}

/* Whether [start, end) ends in w; its length, or 0. */
static size_t ends(const char *text, size_t start, size_t end, const char *w)
{
	size_t n = strlen(w);

	return end - start >= n && memcmp(text + end - n, w, n) == 0 ? n : 0;
}

/* The start of the tag that ends at end ("…}}"), or (size_t)-1. */
static size_t tag_before(const char *text, size_t start, size_t end)
{
	size_t i;

	if (end - start < 4 || text[end - 1] != '}' || text[end - 2] != '}')
		return (size_t)-1;
	for (i = end - 2; i > start; i--)
		if (text[i - 1] == '{' && i - 1 > start && text[i - 2] == '{')
			return i - 2;
	return text[start] == '{' && text[start + 1] == '{' ? start : (size_t)-1;
}

int register_ending(const char *text, struct sentence s)
{
	size_t end = s.end, n, k, t;

	for (;;) {
		while (end > s.start && (text[end - 1] == ' ' || text[end - 1] == '\n' ||
					 text[end - 1] == '\t'))
			end--;
		if (end == s.start)
			return -1;
		if ((t = tag_before(text, s.start, end)) != (size_t)-1) {
			char sigil = text[t + 2];
			if (sigil != '#' && sigil != '^' && sigil != '/' && sigil != '!')
				return -1; /* a value's tag: its value decides */
			end = t;
			continue;
		}
		for (k = 0; k < NBRACKETS; k++)
			if ((n = ends(text, s.start, end, closes[k])))
				break;
		if (k == NBRACKETS)
			break;
		/* A closing bracket: look past the whole remark. */
		{
			int depth = 0;
			size_t i = end;
			bool found = false;
			while (i > s.start && !found) {
				size_t m;
				if ((m = ends(text, s.start, i, closes[k]))) {
					depth++;
					i -= m;
				} else if ((m = ends(text, s.start, i, opens[k]))) {
					i -= m;
					if (--depth == 0)
						found = true;
				} else {
					i--;
				}
			}
			if (!found)
				return -1;
			/* A quotation that ends the sentence is its last word. */
			if (k < 2)
				return 0;
			end = i;
		}
	}
	for (k = 0; k < sizeof(polite) / sizeof(polite[0]); k++)
		if (ends(text, s.start, end, polite[k]))
			return 1;
	return 0;
}

bool register_misfit(const char *text, bool want_polite, struct sentence *out)
{
	size_t at = 0;
	struct sentence s;

	while (register_next_sentence(text, &at, &s)) {
		int r = register_ending(text, s);
		if (r >= 0 && (r == 1) != want_polite) {
			*out = s;
			return true;
		}
	}
	return false;
}

bool register_has_sentence(const char *text)
{
	size_t at = 0;
	struct sentence s;

	return register_next_sentence(text, &at, &s);
}
