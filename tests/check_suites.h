/* check_suites.h - every Check suite of the unit tests, one a module.
 * Each tests/check_<module>.c defines <module>_suite(). */
#ifndef SECPOLGEN_CHECK_SUITES_H
#define SECPOLGEN_CHECK_SUITES_H

#include <check.h>

Suite *buf_suite(void);
Suite *value_suite(void);
Suite *mustache_suite(void);
Suite *profile_suite(void);
Suite *messages_suite(void);
Suite *derive_suite(void);
Suite *doc_suite(void);
Suite *render_html_suite(void);
Suite *render_text_suite(void);
Suite *render_docx_suite(void);
Suite *build_suite(void);
Suite *readback_suite(void);
Suite *layout_suite(void);
Suite *export_suite(void);
Suite *training_suite(void);
Suite *diff_suite(void);
Suite *init_suite(void);
Suite *requirements_suite(void);
Suite *parallel_suite(void);
Suite *exit_suite(void);
Suite *cvss_suite(void);
Suite *advisory_suite(void);
Suite *terms_suite(void);

/* Absolute path of a file in the source tree (one of 8 static buffers
 * used in turn: valid until the eighth call after). */
const char *test_path(const char *rel);

#endif
