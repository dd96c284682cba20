/* cite.h - a clause of a law or a standard, as a sentence of the
 * language cites it. The catalogue (requirements.xml) writes clauses as
 * English texts cite them ("Annex I Part I (2)(b), (d); Art. 13(9)");
 * Japanese writes 「附属書I 第I部 第2項(b)及び(d)、第13条第9項」, its list
 * separator is 、 and its brackets around words are full-width. */
#ifndef SECPOLGEN_CITE_H
#define SECPOLGEN_CITE_H

#include "base/buf.h"
#include "model/requirements.h"

/* Appends "<name> <ref>": the scheme's name and ref, a clause cited in
 * the scheme's style, as lang writes it: unchanged in English (and any
 * language without rules of its own); in Japanese:
 *   law     Annex I → 附属書I, Part II → 第II部, Art. 13 → 第13条,
 *           Sch. 1 → 附則1, para 2 → 第2項, a numbered paragraph (2) →
 *           第2項, a lettered point (b) kept; the items of one citation
 *           joined by 、 and the last by 及び, citations by 、
 *   items   (1) → 第1号, scope → の適用範囲, after the name without a
 *           space (端末設備等規則（第34条の10）第1号)
 *   codes   "5.1-1, 5.1-2" → 「5.1-1、5.1-2」, "FR 1 (IAC)" → 「FR 1（IAC）」
 *   titles  quoted: 「Logical access to interfaces」
 * and a remark in brackets after a citation in full-width brackets, its
 * list written the same way. 0, or -1 out of memory. */
int cite_write(struct buf *out, const char *lang, enum req_cite style, const char *name,
	       const char *ref);

#endif
