/* text.h - characters of the text a person wrote (the profile) or a
 * template produced (document XML), seen the same way everywhere: XML
 * white space, UTF-8 characters, and the one rule for folding white space.
 * Input strings are UTF-8 that libxml2 has already checked. */
#ifndef SECPOLGEN_TEXT_H
#define SECPOLGEN_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* Characters of a wrong value quoted in a message, and the size of the
 * buffer text_clip() needs for them. */
#define TEXT_CLIP_CHARS 60
#define TEXT_CLIP_SIZE (TEXT_CLIP_CHARS * 4 + 4)

/* XML white space: space, tab, line feed, carriage return. */
bool text_is_space(int c);

/* Whether byte c continues a UTF-8 character (is not its first byte). */
bool text_is_cont(int c);

/* The character (code point) at s + *i, and *i moved past it; U+FFFD
 * for a malformed sequence. Never reads past the NUL that ends s. */
uint32_t text_utf8_next(const char *s, size_t *i);

/* Whether c is written wide (Japanese, Chinese: one em, no spaces between
 * words, a line may break between any two of them). Hangul is not. */
bool text_is_wide(uint32_t c);

/* Whether Japanese line-breaking rules (kinsoku) keep c on the line of
 * prev: a line never starts with 。、）」ー… nor ends with （「…. */
bool text_kinsoku(uint32_t prev, uint32_t c);

/* Whether a line may break before c, which follows prev: where white
 * space ends, and next to a wide character unless kinsoku forbids. */
bool text_may_break(uint32_t prev, uint32_t c);

/* Whether c ends a line for some reader: LF, VT, FF, CR, NEL (U+0085),
 * LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), Unicode's
 * mandatory breaks (UAX #14); Python's str.splitlines() ends a line at
 * each of them, so a value holding one could forge a line of its own. */
bool text_is_line_break(uint32_t c);

/* Appends s to b on one line, for a value in a line-based format: each
 * line break (text_is_line_break; CR LF as one) and each other control
 * character but tab (C0, DEL, C1) becomes a space. With keep_crlf, CR and
 * LF are copied as they are, for a writer that carries them its own way
 * (a quoted CSV cell, iCalendar's \n); only the others become spaces.
 * 0, or -1 when memory ran out (b is then freed). */
int text_put_one_line(struct buf *b, const char *s, bool keep_crlf);

/* Characters (code points) in s. */
size_t text_utf8_len(const char *s);

/* s with each run of XML white space folded to one space, or to nothing
 * where a line break joins two wide (Japanese, Chinese) characters, as a
 * browser folds it; trimmed at both ends when trim is set, else an end run
 * stays one space. Caller frees; NULL on OOM. */
char *text_fold(const char *s, bool trim);

/* text_fold(s, true). */
char *text_fold_space(const char *s);

/* v, cut to TEXT_CLIP_CHARS characters and an ellipsis, for quoting in a
 * message: v itself when short enough, else tmp. Borrowed. */
const char *text_clip(const char *v, char tmp[TEXT_CLIP_SIZE]);

/* The formatted string (caller frees); NULL on OOM. */
char *text_vformat(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

#endif
