/* check_value.c - the value tree: constructors, ownership on failure, map
 * order and replacement, truthiness, the text of numbers, deep copies. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "template/value.h"

/* value_format's text of v, in a static buffer. */
static const char *formatted(const struct value *v)
{
	static char text[128];
	struct buf b = BUF_INIT;

	ck_assert_int_eq(value_format(v, &b), 0);
	ck_assert_uint_lt(b.len, sizeof(text));
	memcpy(text, buf_str(&b), b.len + 1);
	buf_free(&b);
	return text;
}

static const char *number_text(double n)
{
	struct value *v = value_number(n);
	const char *s;

	ck_assert_ptr_nonnull(v);
	s = formatted(v);
	value_free(v);
	return s;
}

START_TEST(value_scalars)
{
	struct value *n = value_null(), *t = value_bool(true),
		     *f = value_bool(false), *x = value_number(1.5),
		     *s = value_string("héllo");

	ck_assert_int_eq(value_type(n), VALUE_NULL);
	ck_assert_int_eq(value_type(t), VALUE_BOOL);
	ck_assert_int_eq(value_type(x), VALUE_NUMBER);
	ck_assert_int_eq(value_type(s), VALUE_STRING);
	ck_assert_int_eq(value_type(NULL), VALUE_NULL);
	ck_assert(value_get_bool(t));
	ck_assert(!value_get_bool(f));
	ck_assert(fabs(value_get_number(x) - 1.5) < 1e-12);
	ck_assert_str_eq(value_get_string(s), "héllo");
	ck_assert_uint_eq(value_string_len(s), strlen("héllo"));

	/* Getters on the wrong type give the neutral answer. */
	ck_assert(!value_get_bool(x));
	ck_assert(!value_get_bool(NULL));
	ck_assert(value_get_number(s) == 0);
	ck_assert_ptr_null(value_get_string(x));
	ck_assert_ptr_null(value_get_string(NULL));
	ck_assert_uint_eq(value_string_len(t), 0);
	ck_assert_uint_eq(value_list_len(s), 0);
	ck_assert_ptr_null(value_list_at(s, 0));
	ck_assert_uint_eq(value_map_len(s), 0);
	ck_assert_ptr_null(value_map_get(s, "a"));
	ck_assert_ptr_null(value_map_key_at(s, 0));
	ck_assert_ptr_null(value_map_value_at(s, 0));
	value_free(n);
	value_free(t);
	value_free(f);
	value_free(x);
	value_free(s);
	value_free(NULL);
}
END_TEST

START_TEST(value_string_bytes)
{
	struct value *s = value_string_n("a\0b", 3);
	struct value *e = value_string_n(NULL, 0);
	char *copy;

	ck_assert_uint_eq(value_string_len(s), 3);
	ck_assert_int_eq(memcmp(value_get_string(s), "a\0b", 4), 0);
	ck_assert_str_eq(value_get_string(e), "");
	/* The value owns a copy. */
	copy = strdup("mutable");
	value_free(e);
	e = value_string(copy);
	copy[0] = 'M';
	ck_assert_str_eq(value_get_string(e), "mutable");
	free(copy);
	/* The whole string is written, NULs included. */
	{
		struct buf b = BUF_INIT;
		ck_assert_int_eq(value_format(s, &b), 0);
		ck_assert_uint_eq(b.len, 3);
		ck_assert_int_eq(memcmp(b.data, "a\0b", 3), 0);
		buf_free(&b);
	}
	value_free(s);
	value_free(e);
}
END_TEST

START_TEST(value_lists)
{
	struct value *l = value_list(), *s = value_string("x");
	size_t i;

	ck_assert_uint_eq(value_list_len(l), 0);
	ck_assert_ptr_null(value_list_at(l, 0));
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(value_list_push(l, value_number(i)), 0);
	ck_assert_uint_eq(value_list_len(l), 100);
	for (i = 0; i < 100; i++)
		ck_assert(value_get_number(value_list_at(l, i)) == (double)i);
	ck_assert_ptr_null(value_list_at(l, 100));

	/* Failures take the item too (valgrind checks nothing leaks). */
	ck_assert_int_eq(value_list_push(l, NULL), -1);
	ck_assert_int_eq(value_list_push(s, value_string("y")), -1);
	ck_assert_int_eq(value_list_push(NULL, value_string("y")), -1);
	ck_assert_uint_eq(value_list_len(l), 100);
	value_free(l);
	value_free(s);
}
END_TEST

START_TEST(value_maps)
{
	struct value *m = value_map(), *l = value_list();

	ck_assert_int_eq(value_map_set_string(m, "b", "two"), 0);
	ck_assert_int_eq(value_map_set_number(m, "a", 1), 0);
	ck_assert_int_eq(value_map_set_bool(m, "c", true), 0);
	ck_assert_int_eq(value_map_set_string(m, "n", NULL), 0);
	ck_assert_uint_eq(value_map_len(m), 4);
	/* Insertion order, not key order. */
	ck_assert_str_eq(value_map_key_at(m, 0), "b");
	ck_assert_str_eq(value_map_key_at(m, 1), "a");
	ck_assert_str_eq(value_map_key_at(m, 2), "c");
	ck_assert_str_eq(value_map_key_at(m, 3), "n");
	ck_assert_ptr_null(value_map_key_at(m, 4));
	ck_assert_str_eq(value_get_string(value_map_value_at(m, 0)), "two");
	ck_assert_ptr_null(value_map_value_at(m, 4));

	/* A present null is a value; an absent key is NULL. */
	ck_assert_ptr_nonnull(value_map_get(m, "n"));
	ck_assert_int_eq(value_type(value_map_get(m, "n")), VALUE_NULL);
	ck_assert_ptr_null(value_map_get(m, "missing"));
	ck_assert_ptr_null(value_map_get(m, ""));
	ck_assert_ptr_null(value_map_get(NULL, "a"));

	/* Replacing keeps the key's place and frees the old value. */
	ck_assert_int_eq(value_map_set(m, "b", value_list()), 0);
	ck_assert_uint_eq(value_map_len(m), 4);
	ck_assert_str_eq(value_map_key_at(m, 0), "b");
	ck_assert_int_eq(value_type(value_map_get(m, "b")), VALUE_LIST);

	/* The empty key is a key like any other. */
	ck_assert_int_eq(value_map_set_string(m, "", "empty"), 0);
	ck_assert_str_eq(value_get_string(value_map_get(m, "")), "empty");

	/* Failures take the item. */
	ck_assert_int_eq(value_map_set(m, "x", NULL), -1);
	ck_assert_int_eq(value_map_set(l, "x", value_string("s")), -1);
	ck_assert_int_eq(value_map_set(NULL, "x", value_string("s")), -1);
	ck_assert_int_eq(value_map_set(m, NULL, value_string("s")), -1);
	ck_assert_uint_eq(value_map_len(m), 5);
	value_free(m);
	value_free(l);
}
END_TEST

/* Enough keys to use the hash index, replaced in place, in order. */
START_TEST(value_map_large)
{
	struct value *m = value_map();
	char key[32];
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		ck_assert_int_eq(value_map_set_number(m, key, i), 0);
	}
	for (i = 0; i < 5000; i += 2) {
		snprintf(key, sizeof(key), "key%d", i);
		ck_assert_int_eq(value_map_set_number(m, key, -i), 0);
	}
	ck_assert_uint_eq(value_map_len(m), 5000);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		ck_assert_str_eq(value_map_key_at(m, (size_t)i), key);
		ck_assert(value_get_number(value_map_get(m, key)) ==
			  (i % 2 ? i : -i));
	}
	ck_assert_ptr_null(value_map_get(m, "key5000"));
	ck_assert_ptr_null(value_map_get(m, "key"));
	value_free(m);
}
END_TEST

START_TEST(value_truthiness)
{
	struct value *v, *l = value_list(), *m = value_map();

	ck_assert(!value_truthy(NULL));
	v = value_null();
	ck_assert(!value_truthy(v));
	value_free(v);
	v = value_bool(false);
	ck_assert(!value_truthy(v));
	value_free(v);
	v = value_bool(true);
	ck_assert(value_truthy(v));
	value_free(v);
	v = value_number(0);
	ck_assert(value_truthy(v)); /* numbers are truthy, 0 included */
	value_free(v);
	v = value_number(-1.5);
	ck_assert(value_truthy(v));
	value_free(v);
	v = value_string("");
	ck_assert(!value_truthy(v));
	value_free(v);
	v = value_string("0");
	ck_assert(value_truthy(v));
	value_free(v);
	ck_assert(!value_truthy(l));
	ck_assert(value_truthy(m)); /* the empty map too */
	ck_assert_int_eq(value_list_push(l, value_bool(false)), 0);
	ck_assert(value_truthy(l)); /* a list with anything in it */
	value_free(l);
	value_free(m);
}
END_TEST

START_TEST(value_format_numbers)
{
	ck_assert_str_eq(number_text(85), "85");
	ck_assert_str_eq(number_text(1.21), "1.21");
	ck_assert_str_eq(number_text(0), "0");
	ck_assert_str_eq(number_text(-0.0), "0");
	ck_assert_str_eq(number_text(-3), "-3");
	ck_assert_str_eq(number_text(-0.5), "-0.5");
	ck_assert_str_eq(number_text(0.1), "0.1");
	ck_assert_str_eq(number_text(0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(number_text(1.0 / 3), "0.3333333333333333");
	ck_assert_str_eq(number_text(123456789012.5), "123456789012.5");
	ck_assert_str_eq(number_text(9007199254740993.0), "9007199254740992");
	ck_assert_str_eq(number_text(1e20), "100000000000000000000");
	ck_assert_str_eq(number_text(1e21), "1e+21");
	ck_assert_str_eq(number_text(1e-7), "1e-07");
	ck_assert_str_eq(number_text(NAN), "NaN");
	ck_assert_str_eq(number_text(INFINITY), "Infinity");
	ck_assert_str_eq(number_text(-INFINITY), "-Infinity");
}
END_TEST

/* A program that calls setlocale() must still write "1.5", not "1,5". */
START_TEST(value_format_locale)
{
	static const char *const locales[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8",
	};
	size_t i;

	for (i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
		if (setlocale(LC_NUMERIC, locales[i]))
			break;
	/* Without a comma locale installed this still checks the C locale. */
	ck_assert_str_eq(number_text(1.5), "1.5");
	ck_assert_str_eq(number_text(-0.25), "-0.25");
	setlocale(LC_NUMERIC, "C");
}
END_TEST

START_TEST(value_format_others)
{
	struct value *v;

	v = value_bool(true);
	ck_assert_str_eq(formatted(v), "true");
	value_free(v);
	v = value_bool(false);
	ck_assert_str_eq(formatted(v), "false");
	value_free(v);
	v = value_null();
	ck_assert_str_eq(formatted(v), "");
	value_free(v);
	v = value_string("<&>");
	ck_assert_str_eq(formatted(v), "<&>"); /* escaping is mustache's job */
	value_free(v);
	v = value_list();
	ck_assert_int_eq(value_list_push(v, value_string("x")), 0);
	ck_assert_str_eq(formatted(v), "");
	value_free(v);
	v = value_map();
	ck_assert_int_eq(value_map_set_string(v, "k", "x"), 0);
	ck_assert_str_eq(formatted(v), "");
	value_free(v);
}
END_TEST

START_TEST(value_copy_deep)
{
	struct value *m = value_map(), *l = value_list(), *inner = value_map(),
		     *c;

	ck_assert_int_eq(value_map_set_string(inner, "name", "Ada"), 0);
	ck_assert_int_eq(value_list_push(l, inner), 0);
	ck_assert_int_eq(value_list_push(l, value_null()), 0);
	ck_assert_int_eq(value_list_push(l, value_string_n("a\0b", 3)), 0);
	ck_assert_int_eq(value_map_set(m, "people", l), 0);
	ck_assert_int_eq(value_map_set_number(m, "n", 2.5), 0);
	ck_assert_int_eq(value_map_set_bool(m, "ok", true), 0);

	c = value_copy(m);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_ne(c, m);
	/* Change the original: the copy does not see it. */
	ck_assert_int_eq(value_map_set_string(inner, "name", "Grace"), 0);
	ck_assert_int_eq(value_map_set_string(m, "n", "changed"), 0);
	value_free(m);

	ck_assert_uint_eq(value_map_len(c), 3);
	ck_assert_str_eq(value_map_key_at(c, 0), "people");
	ck_assert(value_get_number(value_map_get(c, "n")) == 2.5);
	ck_assert(value_get_bool(value_map_get(c, "ok")));
	l = value_map_get(c, "people");
	ck_assert_uint_eq(value_list_len(l), 3);
	ck_assert_str_eq(value_get_string(value_map_get(value_list_at(l, 0),
							"name")),
			 "Ada");
	ck_assert_int_eq(value_type(value_list_at(l, 1)), VALUE_NULL);
	ck_assert_uint_eq(value_string_len(value_list_at(l, 2)), 3);
	value_free(c);
	ck_assert_ptr_null(value_copy(NULL));
}
END_TEST

Suite *value_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, value_scalars);
	tcase_add_test(tc, value_string_bytes);
	tcase_add_test(tc, value_lists);
	tcase_add_test(tc, value_maps);
	tcase_add_test(tc, value_map_large);
	tcase_add_test(tc, value_truthiness);
	tcase_add_test(tc, value_format_numbers);
	tcase_add_test(tc, value_format_locale);
	tcase_add_test(tc, value_format_others);
	tcase_add_test(tc, value_copy_deep);
	suite_add_tcase(s, tc);
	return s;
}
