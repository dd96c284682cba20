/* array.h - the one way a growable array gets more room. */
#ifndef SECPOLGEN_ARRAY_H
#define SECPOLGEN_ARRAY_H

#include <stddef.h>

/* Returns array v (*cap elements of size elem, n of them used) with room
 * for at least one more, doubling from 16; *cap is updated. NULL when
 * that fails, and then v is left as it was (the caller still owns it). */
void *array_grow(void *v, size_t *cap, size_t n, size_t elem);
/* The same, doubling from first (for the many small arrays of a value
 * tree, most of which hold a handful of elements). */
void *array_grow_from(void *v, size_t *cap, size_t n, size_t elem, size_t first);

/* The first of the n elements (size bytes each) of v whose string member
 * at key_offset is key (borrowed), or NULL; elements whose member is NULL
 * are passed over, and a NULL key finds nothing. */
const void *array_find_key(const void *v, size_t n, size_t size, size_t key_offset,
			   const char *key);

/* Defines const T *fn(const C *c, const char *key): the element of c->v
 * (c->n of them) whose string member is key, or NULL (array_find_key).
 * For the lookups by id that a header declares; needs <stddef.h>. */
#define ARRAY_LOOKUP(fn, C, T, v, n, member)                                       \
	const T *fn(const C *c, const char *key)                                   \
	{                                                                          \
		return array_find_key(c->v, c->n, sizeof(*c->v), offsetof(T, member), key); \
	}

#endif
