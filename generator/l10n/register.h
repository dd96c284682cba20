/* register.h - how a Japanese text's sentences end: in the plain
 * register (である調: 「…する。」「…である。」), used for the company's
 * rules and plans, or in the polite register (です・ます調: 「…します。」
 * 「…してください。」), used for what staff are handed and what the
 * public reads (documents.xml, audience and register). lint-locales
 * checks every Japanese message against the documents that use it. */
#ifndef SECPOLGEN_REGISTER_H
#define SECPOLGEN_REGISTER_H

#include <stdbool.h>
#include <stddef.h>

/* One sentence of a text, as offsets into it: [start, end) ends just
 * before its 。. */
struct sentence {
	size_t start, end;
};

/* The sentences of text, one by one: *at starts at 0; each call puts
 * the next sentence that ends in 。 outside any bracket (「」『』（）()
 * 【】) into *out and returns true, false after the last. Mustache
 * tags count as text; a sentence's remark in brackets before its 。 is
 * not part of its ending (register_ending). */
bool register_next_sentence(const char *text, size_t *at, struct sentence *out);

/* How the sentence [s.start, s.end) of text ends: 1 polite (です, ます,
 * ました, ません, ください, ましょう, でしょう and their question forms),
 * 0 plain (any other ending, 体言止め included), -1 unknown (it ends in
 * a mustache tag, whose value decides, or it is empty). A final remark
 * in brackets (「…します（詳細は第3章）。」) and section tags ({{/x}}) are
 * looked past; a sentence that ends in a quotation (「…」『…』) ends in a
 * noun. */
int register_ending(const char *text, struct sentence s);

/* The first sentence of text that does not fit the register (polite:
 * every sentence that ends in 。 ends politely; plain: none does), or
 * false when all fit. Sentences whose ending is unknown fit both. */
bool register_misfit(const char *text, bool polite, struct sentence *out);

/* Whether text holds a sentence ending in 。 outside brackets: a text
 * that has none (a name, a heading, a table cell) fits every register. */
bool register_has_sentence(const char *text);

#endif
