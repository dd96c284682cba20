/* array.c - growable arrays. */
#include "base/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *array_grow_from(void *v, size_t *cap, size_t n, size_t elem, size_t first)
{
	size_t ncap;

	if (n < *cap)
		return v;
	if (*cap > SIZE_MAX / 2 / elem || first > SIZE_MAX / elem)
		return NULL;
	ncap = *cap ? *cap * 2 : first;
	v = realloc(v, ncap * elem);
	if (v)
		*cap = ncap;
	return v;
}

void *array_grow(void *v, size_t *cap, size_t n, size_t elem)
{
	return array_grow_from(v, cap, n, elem, 16);
}

const void *array_find_key(const void *v, size_t n, size_t size, size_t key_offset,
			   const char *key)
{
	size_t i;

	for (i = 0; key && i < n; i++) {
		const char *at = (const char *)v + i * size;
		const char *k;

		memcpy(&k, at + key_offset, sizeof(k));
		if (k && strcmp(k, key) == 0)
			return at;
	}
	return NULL;
}
