/* ooxml_validate.h - checks a .docx package from C, as
 * ../shared/tools/validate-docx does with xmllint: every XML part against
 * the ECMA-376 schemas in tests/ooxml-schemas (offline, through its
 * catalog), then the package: a content type for every part, every
 * internal relationship target present, every r:id declared. Unlike
 * validate-docx it does not resolve Markup Compatibility (mc:Ignorable,
 * mc:AlternateContent): secpolgen writes none, so a part using it fails.
 * Defined in tests/check_render_docx.c; any suite may use it. */
#ifndef SECPOLGEN_OOXML_VALIDATE_H
#define SECPOLGEN_OOXML_VALIDATE_H

#include <stddef.h>

/* 0 when the package is valid; -1 with the first problems, one a line,
 * in err (always NUL-terminated when errlen > 0). The schemas are
 * compiled on first use and kept until ooxml_validate_cleanup(). */
int ooxml_validate_docx(const char *bytes, size_t len, char *err, size_t errlen);

/* Compiles the schemas now (e.g. before Check forks its tests, so that
 * each test does not compile them again). 0 ok, -1 when they fail to
 * compile (the reason on stderr). */
int ooxml_validate_init(void);

void ooxml_validate_cleanup(void);

#endif
