/* profile_schema.c - the profile's tree checked against profile.rng's
 * index (model/rng.h) with precise messages (profile_check_tree), where
 * libxml2's validator would say less; and the schema entry of an element
 * the check has reached. */
#include "profile/profile_schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile.h"
#include "profile/profile_loader.h"

const struct rng_entry *profile_entry_of(const struct loader *ld, xmlNodePtr x)
{
	const struct tag *t = profile_src_tag(x);

	return t && t->entry >= 0 ? &ld->rng->v[t->entry] : NULL;
}

xmlNodePtr profile_attr_def(const struct loader *ld, xmlNodePtr x, const char *attr)
{
	const struct rng_entry *e = profile_entry_of(ld, x);
	const struct rng_item *it = e ? rng_item(e->attrs, e->nattrs, attr) : NULL;

	return it ? it->def : NULL;
}

/* ------------------------------------------------------------------ */
/* Structure: what the schema allows, said precisely                   */
/* ------------------------------------------------------------------ */

/* Edit distance of two short names, 3 meaning "3 or more". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[33], prev, here;

	if (la > 32 || lb > 32)
		return 3;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			here = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (here + 1 < row[j])
				row[j] = here + 1;
			prev = here;
		}
	}
	return row[lb] < 3 ? row[lb] : 3;
}

/* The item a misspelt name most likely meant: one x lacks, at most two
 * edits away. Its bit is set in *meant, so it is not also "missing". */
static const struct rng_item *did_you_mean(const struct rng_item *v, size_t n,
					   const char *name, xmlNodePtr x,
					   bool attrs, uint64_t *meant)
{
	size_t i, best = NONE;
	int d, bestd = 3;

	for (i = 0; i < n; i++) {
		if (attrs ? profile_attr_node(x, v[i].name) != NULL : profile_first_kid(x, v[i].name) != NULL)
			continue;
		if ((d = distance(name, v[i].name)) < bestd) {
			bestd = d;
			best = i;
		}
	}
	if (best == NONE)
		return NULL;
	if (best < 64)
		*meant |= (uint64_t)1 << best;
	return &v[best];
}

/* Checks x's attributes and children against its schema entry, and goes
 * down into the children the schema knows. */
void profile_check_tree(struct loader *ld, xmlNodePtr x, int entry)
{
	const struct rng_entry *e = &ld->rng->v[entry];
	const struct rng_item *meant;
	struct buf names = BUF_INIT, tmp = BUF_INIT;
	uint64_t attrs_meant = 0, kids_meant = 0;
	xmlAttrPtr a;
	xmlNodePtr k;
	size_t i;

	profile_src_tag(x)->entry = entry;
	for (a = x->properties; a; a = a->next) {
		const char *q = profile_attr_qname(a, &tmp);
		if (rng_item(e->attrs, e->nattrs, q))
			continue;
		buf_reset(&names);
		if (rng_item_names(e->attrs, e->nattrs, &names) < 0)
			goto oom;
		if ((meant = did_you_mean(e->attrs, e->nattrs, q, x, true, &attrs_meant)))
			profile_err_attr(ld, x, q, "unknown attribute %s on <%s>; did you mean %s?",
				 q, e->name, meant->name);
		else if (e->nattrs)
			profile_err_attr(ld, x, q, "unknown attribute %s on <%s>; allowed: %s",
				 q, e->name, buf_str(&names));
		else
			profile_err_attr(ld, x, q, "unknown attribute %s on <%s>, which takes none",
				 q, e->name);
	}
	for (i = 0; i < e->nattrs; i++)
		if (e->attrs[i].required && !profile_attr_node(x, e->attrs[i].name) &&
		    !(i < 64 && attrs_meant >> i & 1))
			profile_err_elem(ld, x, MARK_VALUE, "missing attribute %s on <%s>",
				 e->attrs[i].name, e->name);

	for (k = x->children; k; k = k->next) {
		const struct rng_item *it;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		it = profile_is_ours(k) ? rng_item(e->kids, e->nkids, NAME(k)) : NULL;
		if (it && it->entry >= 0) {
			if (!it->repeats && profile_next_named(x->children, NAME(k)) != k)
				profile_err_elem(ld, k, MARK_UNKNOWN,
					 "only one <%s> is allowed in <%s>", NAME(k), e->name);
			else
				profile_check_tree(ld, k, it->entry);
			continue;
		}
		buf_reset(&names);
		if (rng_item_names(e->kids, e->nkids, &names) < 0)
			goto oom;
		profile_src_tag(x)->marks |= MARK_VALUE; /* libxml2 blames x's content too */
		if (!profile_is_ours(k) && rng_item(e->kids, e->nkids, NAME(k)))
			profile_err_elem(ld, k, MARK_UNKNOWN,
				 "element <%s> in <%s> is not in the namespace %s",
				 NAME(k), e->name, PROFILE_NS);
		else if ((meant = did_you_mean(e->kids, e->nkids, NAME(k), x, false, &kids_meant)))
			profile_err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>; did you mean <%s>?",
				 NAME(k), e->name, meant->name);
		else if (e->nkids)
			profile_err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>; allowed: %s",
				 NAME(k), e->name, buf_str(&names));
		else
			profile_err_elem(ld, k, MARK_UNKNOWN,
				 "unknown element <%s> in <%s>, which holds only text",
				 NAME(k), e->name);
	}
	for (i = 0; i < e->nkids; i++) {
		if (!e->kids[i].required || profile_first_kid(x, e->kids[i].name))
			continue;
		if (i < 64 && kids_meant >> i & 1)
			profile_src_tag(x)->marks |= MARK_MISSING; /* said as "did you mean" */
		else
			profile_err_elem(ld, x, MARK_MISSING, "missing element <%s> in <%s>",
				 e->kids[i].name, e->name);
	}
	goto out;
oom:
	ld->oom = true;
out:
	buf_free(&names);
	buf_free(&tmp);
}
