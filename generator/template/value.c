/* value.c - the generic value tree (null, bool, number, string, list, map).
 *
 * Maps keep their entries in insertion order; once a map grows past a few
 * entries it also keeps an open-addressing hash index of them, so building
 * and reading a large map stays linear.
 *
 * A view holds hundreds of thousands of entries under a few hundred
 * distinct keys, and many of its values are null, true or false: keys
 * are interned (one copy of each for the process, never freed), and
 * null, true and false are three shared values that value_free leaves
 * alone. Nothing changes a value in place, so sharing them is safe. */
#include "base/array.h"
#include "template/value.h"

#include <assert.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this many entries a linear scan beats hashing. */
#define MAP_INDEX_MIN 8
/* Room a list or map gets at its first element: most hold a few. */
#define SMALL_FIRST 4

struct map_entry {
	char *key;
	size_t hash;
	struct value *val;
};

struct value {
	enum value_type type;
	bool borrowed; /* a string whose bytes belong to someone else */
	union {
		bool b;
		double num;
		struct {
			char *s;
			size_t len;
		} str;
		struct {
			struct value **v;
			size_t n, cap;
		} list;
		struct {
			struct map_entry *v;
			size_t n, cap;
			uint32_t *slots; /* entry index + 1; 0 is empty */
			size_t nslots; /* 0 or a power of two */
		} map;
	} u;
};

static struct value shared_null = { .type = VALUE_NULL };
static struct value shared_true = { .type = VALUE_BOOL, .u.b = true };
static struct value shared_false = { .type = VALUE_BOOL, .u.b = false };

static bool shared(const struct value *v)
{
	return v == &shared_null || v == &shared_true || v == &shared_false;
}

/* The interned keys: an open-addressing set, at most half full. */
static struct {
	char **v;
	size_t n, nslots; /* nslots 0 or a power of two */
} keys;

static size_t key_hash(const char *key);

/* The one copy of key (borrowed, for the process's life), or NULL when
 * out of memory. */
static char *intern(const char *key, size_t hash)
{
	size_t mask, s, i;
	char *k;

	if ((keys.n + 1) * 2 > keys.nslots) {
		size_t nslots = keys.nslots ? keys.nslots * 2 : 256;
		char **v = calloc(nslots, sizeof(*v));
		if (!v)
			return NULL;
		for (i = 0; i < keys.nslots; i++) {
			if (!keys.v[i])
				continue;
			s = key_hash(keys.v[i]) & (nslots - 1);
			while (v[s])
				s = (s + 1) & (nslots - 1);
			v[s] = keys.v[i];
		}
		free(keys.v);
		keys.v = v;
		keys.nslots = nslots;
	}
	mask = keys.nslots - 1;
	for (s = hash & mask; keys.v[s]; s = (s + 1) & mask)
		if (strcmp(keys.v[s], key) == 0)
			return keys.v[s];
	if (!(k = strdup(key)))
		return NULL;
	keys.n++;
	return keys.v[s] = k;
}

static struct value *value_new(enum value_type type)
{
	struct value *v = calloc(1, sizeof(*v));

	if (v)
		v->type = type;
	return v;
}

struct value *value_null(void)
{
	return &shared_null;
}

struct value *value_bool(bool b)
{
	return b ? &shared_true : &shared_false;
}

struct value *value_number(double n)
{
	struct value *v = value_new(VALUE_NUMBER);

	if (v)
		v->u.num = n;
	return v;
}

struct value *value_string_borrowed(const char *s)
{
	struct value *v;

	assert(s);
	v = value_new(VALUE_STRING);
	if (v) {
		v->borrowed = true;
		v->u.str.s = (char *)s;
		v->u.str.len = strlen(s);
	}
	return v;
}

struct value *value_string(const char *s)
{
	assert(s);
	return value_string_n(s, strlen(s));
}

struct value *value_string_n(const char *s, size_t len)
{
	struct value *v;

	assert(s || len == 0);
	if (len == SIZE_MAX)
		return NULL;
	if (len > SIZE_MAX - sizeof(*v) - 1)
		return NULL;
	/* The node and its bytes in one block: a view holds some 100,000
	 * strings, most of them short. value_free knows them by the address. */
	v = malloc(sizeof(*v) + len + 1);
	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->type = VALUE_STRING;
	v->u.str.s = (char *)(v + 1);
	if (len)
		memcpy(v->u.str.s, s, len);
	v->u.str.s[len] = '\0';
	v->u.str.len = len;
	return v;
}

struct value *value_list(void)
{
	return value_new(VALUE_LIST);
}

struct value *value_map(void)
{
	return value_new(VALUE_MAP);
}

int value_list_push(struct value *list, struct value *item)
{
	struct value **v;

	if (!item)
		return -1;
	if (!list || list->type != VALUE_LIST)
		goto fail;
	v = array_grow_from(list->u.list.v, &list->u.list.cap, list->u.list.n,
			    sizeof(*v), SMALL_FIRST);
	if (!v)
		goto fail;
	list->u.list.v = v;
	v[list->u.list.n++] = item;
	return 0;
fail:
	value_free(item);
	return -1;
}

/* FNV-1a. */
static size_t key_hash(const char *key)
{
	size_t h = (size_t)2166136261u;

	for (; *key; key++) {
		h ^= (unsigned char)*key;
		h *= (size_t)16777619u;
	}
	return h;
}

static void map_index_put(struct value *map, size_t i)
{
	size_t mask = map->u.map.nslots - 1;
	size_t s = map->u.map.v[i].hash & mask;

	while (map->u.map.slots[s])
		s = (s + 1) & mask;
	map->u.map.slots[s] = (uint32_t)(i + 1);
}

/* Rebuilds the index with room for twice the entries. */
static int map_index_rebuild(struct value *map, size_t want)
{
	size_t nslots = 16, i;
	uint32_t *slots;

	while (nslots < want * 2) {
		if (nslots > SIZE_MAX / 2 / sizeof(*slots))
			return -1;
		nslots *= 2;
	}
	slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -1;
	free(map->u.map.slots);
	map->u.map.slots = slots;
	map->u.map.nslots = nslots;
	for (i = 0; i < map->u.map.n; i++)
		map_index_put(map, i);
	return 0;
}

/* Index of key in map, or SIZE_MAX. */
static size_t map_find(const struct value *map, const char *key, size_t hash)
{
	const struct map_entry *e = map->u.map.v;
	size_t i;

	if (map->u.map.nslots) {
		size_t mask = map->u.map.nslots - 1, s = hash & mask;
		while ((i = map->u.map.slots[s]) != 0) {
			if (e[i - 1].hash == hash &&
			    strcmp(e[i - 1].key, key) == 0)
				return i - 1;
			s = (s + 1) & mask;
		}
		return SIZE_MAX;
	}
	for (i = 0; i < map->u.map.n; i++)
		if (e[i].hash == hash && strcmp(e[i].key, key) == 0)
			return i;
	return SIZE_MAX;
}

struct value *value_map_swap(struct value *map, const char *key, struct value *item)
{
	size_t i;
	struct value *old;

	if (!map || map->type != VALUE_MAP || !key || !item)
		return NULL;
	i = map_find(map, key, key_hash(key));
	if (i == SIZE_MAX)
		return NULL;
	old = map->u.map.v[i].val;
	map->u.map.v[i].val = item;
	return old;
}

int value_map_set(struct value *map, const char *key, struct value *item)
{
	struct map_entry *e;
	size_t hash, i;
	char *k = NULL;

	if (!item)
		return -1;
	if (!map || map->type != VALUE_MAP || !key)
		goto fail;
	hash = key_hash(key);
	i = map_find(map, key, hash);
	if (i != SIZE_MAX) {
		value_free(map->u.map.v[i].val);
		map->u.map.v[i].val = item;
		return 0;
	}
	if (map->u.map.n >= UINT32_MAX - 1) /* the index holds 32-bit places */
		goto fail;
	k = intern(key, hash);
	if (!k)
		goto fail;
	e = array_grow_from(map->u.map.v, &map->u.map.cap, map->u.map.n, sizeof(*e),
			    SMALL_FIRST);
	if (!e)
		goto fail;
	map->u.map.v = e;
	/* Keep the index at most half full; build it once the map is big. */
	if (map->u.map.n + 1 >= MAP_INDEX_MIN &&
	    (map->u.map.n + 1) * 2 > map->u.map.nslots &&
	    map_index_rebuild(map, map->u.map.n + 1) < 0)
		goto fail;
	e = &map->u.map.v[map->u.map.n++];
	e->key = k;
	e->hash = hash;
	e->val = item;
	if (map->u.map.nslots)
		map_index_put(map, map->u.map.n - 1);
	return 0;
fail:
	value_free(item);
	return -1;
}

int value_map_set_string(struct value *map, const char *key, const char *s)
{
	return value_map_set(map, key, s ? value_string(s) : value_null());
}

int value_map_set_borrowed(struct value *map, const char *key, const char *s)
{
	return value_map_set(map, key, s ? value_string_borrowed(s) : value_null());
}

int value_map_set_bool(struct value *map, const char *key, bool b)
{
	return value_map_set(map, key, value_bool(b));
}

int value_map_set_number(struct value *map, const char *key, double n)
{
	return value_map_set(map, key, value_number(n));
}

enum value_type value_type(const struct value *v)
{
	return v ? v->type : VALUE_NULL;
}

bool value_get_bool(const struct value *v)
{
	return v && v->type == VALUE_BOOL && v->u.b;
}

double value_get_number(const struct value *v)
{
	return v && v->type == VALUE_NUMBER ? v->u.num : 0;
}

const char *value_get_string(const struct value *v)
{
	return v && v->type == VALUE_STRING ? v->u.str.s : NULL;
}

size_t value_string_len(const struct value *v)
{
	return v && v->type == VALUE_STRING ? v->u.str.len : 0;
}

size_t value_list_len(const struct value *v)
{
	return v && v->type == VALUE_LIST ? v->u.list.n : 0;
}

struct value *value_list_at(const struct value *v, size_t i)
{
	if (!v || v->type != VALUE_LIST || i >= v->u.list.n)
		return NULL;
	return v->u.list.v[i];
}

size_t value_map_len(const struct value *v)
{
	return v && v->type == VALUE_MAP ? v->u.map.n : 0;
}

const char *value_map_key_at(const struct value *v, size_t i)
{
	if (!v || v->type != VALUE_MAP || i >= v->u.map.n)
		return NULL;
	return v->u.map.v[i].key;
}

struct value *value_map_value_at(const struct value *v, size_t i)
{
	if (!v || v->type != VALUE_MAP || i >= v->u.map.n)
		return NULL;
	return v->u.map.v[i].val;
}

struct value *value_map_get(const struct value *map, const char *key)
{
	size_t i;

	if (!map || map->type != VALUE_MAP || !key)
		return NULL;
	i = map_find(map, key, key_hash(key));
	return i == SIZE_MAX ? NULL : map->u.map.v[i].val;
}

bool value_truthy(const struct value *v)
{
	switch (value_type(v)) {
	case VALUE_NULL:
		return false;
	case VALUE_BOOL:
		return v->u.b;
	case VALUE_NUMBER:
		return true;
	case VALUE_STRING:
		return v->u.str.len > 0;
	case VALUE_LIST:
		return v->u.list.n > 0;
	case VALUE_MAP:
		return true;
	}
	assert(false);
	return false;
}

/* printf writes the locale's decimal point; the output wants '.'. */
static void number_fix_point(char *s)
{
	const char *dp = localeconv()->decimal_point;
	size_t dn = dp ? strlen(dp) : 0;
	char *p;

	if (dn == 0 || strcmp(dp, ".") == 0)
		return;
	p = strstr(s, dp);
	if (p) {
		*p = '.';
		memmove(p + 1, p + dn, strlen(p + dn) + 1);
	}
}

static int number_format(double n, struct buf *out)
{
	char s[64];
	int prec;

	if (isnan(n))
		return buf_puts(out, "NaN");
	if (isinf(n))
		return buf_puts(out, n < 0 ? "-Infinity" : "Infinity");
	if (n == 0)
		return buf_putc(out, '0'); /* also -0 */
	/* Whole numbers as integers (as JSON writers do), up to 1e21 where
	 * "%.0f" stops being the shortest honest form. */
	if (n == floor(n) && fabs(n) < 1e21) {
		snprintf(s, sizeof(s), "%.0f", n);
		return buf_puts(out, s);
	}
	/* The fewest significant digits that read back as the same double. */
	for (prec = 1; prec < 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, n);
		if (strtod(s, NULL) == n)
			break;
	}
	if (prec == 17)
		snprintf(s, sizeof(s), "%.17g", n);
	number_fix_point(s);
	return buf_puts(out, s);
}

int value_format(const struct value *v, struct buf *out)
{
	switch (value_type(v)) {
	case VALUE_NULL:
		return buf_put(out, "", 0);
	case VALUE_BOOL:
		return buf_puts(out, v->u.b ? "true" : "false");
	case VALUE_NUMBER:
		return number_format(v->u.num, out);
	case VALUE_STRING:
		return buf_put(out, v->u.str.s, v->u.str.len);
	case VALUE_LIST:
	case VALUE_MAP:
		return buf_put(out, "", 0);
	}
	assert(false);
	return -1;
}

struct value *value_copy(const struct value *v)
{
	struct value *c = NULL;
	size_t i;

	if (!v)
		return NULL;
	switch (v->type) {
	case VALUE_NULL:
		return value_null();
	case VALUE_BOOL:
		return value_bool(v->u.b);
	case VALUE_NUMBER:
		return value_number(v->u.num);
	case VALUE_STRING:
		return value_string_n(v->u.str.s, v->u.str.len);
	case VALUE_LIST:
		c = value_list();
		for (i = 0; c && i < v->u.list.n; i++)
			if (value_list_push(c, value_copy(v->u.list.v[i])) < 0)
				goto fail;
		return c;
	case VALUE_MAP:
		c = value_map();
		for (i = 0; c && i < v->u.map.n; i++)
			if (value_map_set(c, v->u.map.v[i].key,
					  value_copy(v->u.map.v[i].val)) < 0)
				goto fail;
		return c;
	}
	assert(false);
fail:
	value_free(c);
	return NULL;
}

void value_free(struct value *v)
{
	size_t i;

	if (!v || shared(v))
		return;
	switch (v->type) {
	case VALUE_NULL:
	case VALUE_BOOL:
	case VALUE_NUMBER:
		break;
	case VALUE_STRING:
		if (!v->borrowed && v->u.str.s != (char *)(v + 1))
			free(v->u.str.s);
		break;
	case VALUE_LIST:
		for (i = 0; i < v->u.list.n; i++)
			value_free(v->u.list.v[i]);
		free(v->u.list.v);
		break;
	case VALUE_MAP:
		for (i = 0; i < v->u.map.n; i++)
			value_free(v->u.map.v[i].val);
		free(v->u.map.v);
		free(v->u.map.slots);
		break;
	}
	free(v);
}
