/* text.c - white space, UTF-8 characters, folding and clipping. */
#include "base/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

bool text_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool text_is_cont(int c)
{
	return (c & 0xC0) == 0x80;
}

size_t text_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += !text_is_cont((unsigned char)*s);
	return n;
}

uint32_t text_utf8_next(const char *s, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	uint32_t c;
	size_t n, k;

	if (u[0] < 0x80) {
		n = 0;
		c = u[0];
	} else if (u[0] >= 0xC0 && u[0] < 0xE0) {
		n = 1;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] < 0xF0) {
		n = 2;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] < 0xF8) {
		n = 3;
		c = u[0] & 0x07;
	} else {
		*i += 1;
		return 0xFFFD;
	}
	/* Stops at a byte that does not continue the character, so the NUL
	 * at the end is never passed. */
	for (k = 1; k <= n; k++) {
		if (!text_is_cont(u[k])) {
			*i += k;
			return 0xFFFD;
		}
		c = c << 6 | (u[k] & 0x3F);
	}
	*i += n + 1;
	return c;
}

/* Japanese and Chinese are written without spaces between words, so a
 * line break between two such characters is not a space (as CSS does it). */
bool text_is_wide(uint32_t c)
{
	return c >= 0x2E80 && !(c >= 0x3130 && c <= 0x318F) &&
	       !(c >= 0xAC00 && c <= 0xD7AF);
}

static bool in_set(uint32_t c, const char *set)
{
	size_t i = 0;

	while (set[i])
		if (text_utf8_next(set, &i) == c)
			return true;
	return false;
}

bool text_kinsoku(uint32_t prev, uint32_t c)
{
	return in_set(c, "、。，．）」』】〕〉》］｝ー・：；？！々ぁぃぅぇぉっゃゅょゎ"
			 "ァィゥェォッャュョヮヵヶ") ||
	       in_set(prev, "（「『【〔〈《［｛");
}

bool text_may_break(uint32_t prev, uint32_t c)
{
	if (text_is_space((int)c))
		return false;
	if (text_is_space((int)prev))
		return true;
	return (text_is_wide(prev) || text_is_wide(c)) && !text_kinsoku(prev, c);
}

bool text_is_line_break(uint32_t c)
{
	return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

int text_put_one_line(struct buf *b, const char *s, bool keep_crlf)
{
	size_t i = 0, at;
	uint32_t c;

	while (s[i]) {
		at = i;
		c = text_utf8_next(s, &i);
		if (keep_crlf && (c == '\r' || c == '\n')) {
			if (buf_putc(b, (char)c) < 0)
				return -1;
			continue;
		}
		if (c == '\r' && s[i] == '\n')
			i++;
		if (text_is_line_break(c) || (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
			if (buf_putc(b, ' ') < 0)
				return -1;
		} else if (buf_put(b, s + at, i - at) < 0) {
			return -1;
		}
	}
	return 0;
}

char *text_fold(const char *s, bool trim)
{
	size_t i = 0, j, n = strlen(s);
	/* Folding never lengthens a text: a run of spaces becomes at most one. */
	char *out = malloc(n + 1), *o = out;

	if (!out)
		return NULL;
	while (i < n) {
		bool newline = false, wide_join;
		size_t k;

		for (j = i; j < n && !text_is_space(s[j]); j++)
			;
		memcpy(o, s + i, j - i);
		o += j - i;
		for (i = j; j < n && text_is_space(s[j]); j++)
			newline |= s[j] == '\n';
		if (i == j)
			break;
		for (k = i; k > 0 && text_is_cont((unsigned char)s[k - 1]); k--)
			;
		if (newline && k > 0 && j < n) {
			size_t before = k - 1, after = j;

			wide_join = text_is_wide(text_utf8_next(s, &before)) &&
				    text_is_wide(text_utf8_next(s, &after));
		} else {
			wide_join = false;
		}
		/* An end run: kept as one space unless trimming; none at the
		 * start of a trimmed text. */
		if (!wide_join && !(trim && (i == 0 || j == n)))
			*o++ = ' ';
		i = j;
	}
	*o = '\0';
	return out;
}

char *text_fold_space(const char *s)
{
	return text_fold(s, true);
}

const char *text_clip(const char *v, char tmp[TEXT_CLIP_SIZE])
{
	size_t i, chars = 0;

	for (i = 0; v[i]; i++) {
		if (!text_is_cont((unsigned char)v[i]) && chars++ == TEXT_CLIP_CHARS) {
			memcpy(tmp, v, i);
			memcpy(tmp + i, "\xE2\x80\xA6", 4); /* … */
			return tmp;
		}
	}
	return v;
}

char *text_vformat(const char *fmt, va_list ap)
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
