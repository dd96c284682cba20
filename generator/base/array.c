/* array.c - growable arrays. */
#include "base/array.h"

#include <stdint.h>
#include <stdlib.h>

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
