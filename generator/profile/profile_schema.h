/* profile_schema.h - private to the profile reader (profile*.c): the tree
 * checked against policy-templates/profile.rng as data (model/rng.h),
 * which names the elements and attributes a profile may have, their
 * closed word lists and their limits. */
#ifndef SECPOLGEN_PROFILE_SCHEMA_H
#define SECPOLGEN_PROFILE_SCHEMA_H

#include <libxml/tree.h>

#include "model/rng.h"

struct loader;

/* x's entry in ld->rng, once profile_check_tree() has reached x
 * (borrowed); NULL when the schema does not know x. */
const struct rng_entry *profile_entry_of(const struct loader *ld, xmlNodePtr x);

/* The <attribute> pattern of x's attribute attr (borrowed), or NULL. */
xmlNodePtr profile_attr_def(const struct loader *ld, xmlNodePtr x, const char *attr);

/* Checks x's attributes and children against schema entry entry (0 for
 * the root), reporting what is unknown, misspelt, missing or repeated, and
 * goes down into the children the schema knows, giving each tag its
 * entry. */
void profile_check_tree(struct loader *ld, xmlNodePtr x, int entry);

#endif
