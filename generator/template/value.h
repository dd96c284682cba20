/* value.h - the generic value tree that templates are rendered from.
 *
 * null, bool, number, string, list, map: the JSON data model. Maps keep
 * insertion order (output never depends on hash order). A container owns
 * its children: value_free() frees the whole tree. */
#ifndef SECPOLGEN_VALUE_H
#define SECPOLGEN_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

enum value_type {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_NUMBER,
	VALUE_STRING,
	VALUE_LIST,
	VALUE_MAP
};

struct value;

/* Constructors: caller owns the result (value_free); NULL on allocation
 * failure. Strings are copied (s not NULL); value_string_n accepts embedded
 * NULs (then value_get_string sees only the part before the first one). */
struct value *value_null(void);
struct value *value_bool(bool b);
struct value *value_number(double n);
struct value *value_string(const char *s);
/* A string that points at s instead of copying it: s must outlive the
 * value and its copies' parent tree (messages of a catalogue that is
 * freed after the view). value_copy copies the bytes. */
struct value *value_string_borrowed(const char *s);
struct value *value_string_n(const char *s, size_t len);
struct value *value_list(void);
struct value *value_map(void);

/* Take ownership of item, also on failure (item is then freed), so a caller
 * may write value_map_set(m, "k", value_string(s)) without leaking; a NULL
 * item is a failure. 0 ok, -1 on allocation failure, a wrong container or
 * a NULL key. */
int value_list_push(struct value *list, struct value *item);
/* Replaces (and frees) an existing value under the same key, keeping the
 * key's original position. */
int value_map_set(struct value *map, const char *key, struct value *item);

/* Convenience setters: value_map_set(map, key, value_string(s)) etc.
 * A NULL s stores null. */
/* Puts item under key, which the map must already hold, and hands back
 * what was there (the caller's now) without freeing it; NULL, changing
 * nothing, when key is absent. Lets a caller lend the map a value it
 * keeps elsewhere, as long as it swaps the old one back before the map
 * is freed or changed otherwise. */
struct value *value_map_swap(struct value *map, const char *key, struct value *item);

int value_map_set_string(struct value *map, const char *key, const char *s);
/* value_map_set(map, key, value_string_borrowed(s)), null for NULL. */
int value_map_set_borrowed(struct value *map, const char *key, const char *s);
int value_map_set_bool(struct value *map, const char *key, bool b);
int value_map_set_number(struct value *map, const char *key, double n);

enum value_type value_type(const struct value *v);
bool value_get_bool(const struct value *v);     /* false unless a bool */
double value_get_number(const struct value *v); /* 0 unless a number */
const char *value_get_string(const struct value *v); /* borrowed; NULL unless a string */
size_t value_string_len(const struct value *v);

size_t value_list_len(const struct value *v);          /* 0 unless a list */
struct value *value_list_at(const struct value *v, size_t i); /* borrowed */
size_t value_map_len(const struct value *v);           /* 0 unless a map */
const char *value_map_key_at(const struct value *v, size_t i); /* borrowed */
struct value *value_map_value_at(const struct value *v, size_t i);
/* Borrowed; NULL when absent (a present null is a VALUE_NULL value). */
struct value *value_map_get(const struct value *map, const char *key);

/* Mustache truthiness: null, false, the empty list and the empty string are
 * falsy; everything else is truthy, every number (0 included) and every map
 * (the empty one included). The spec's core tests fix only null, false, the
 * empty list and non-empty maps; the rest follows the reference (Ruby)
 * implementation except for "", which a template should be able to test.
 * A NULL v is falsy. */
bool value_truthy(const struct value *v);

/* The text interpolation writes: strings as is, numbers in their shortest
 * form that reads back exactly ("85", "1.21", "-0.5"; whole numbers below
 * 1e21 without an exponent, "1e-07" below; "NaN", "Infinity"), always with a
 * '.' whatever the locale; booleans "true"/"false", null "".
 * Lists and maps write nothing. 0 ok, -1 when the buffer fails. */
int value_format(const struct value *v, struct buf *out);

/* Deep copy; caller frees. NULL on allocation failure. */
struct value *value_copy(const struct value *v);

void value_free(struct value *v);

#endif
