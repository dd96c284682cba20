/* derive.h - model -> view: all the logic between the profile and the
 * documents (who holds which role, which laws and schemes apply to which
 * product, dates, labels), computed once, in C.
 *
 * The view is a value tree (value.h) that every template of one language is
 * rendered from. Its shape is the contract between derive.c and the
 * templates in policy-templates/; keep this comment exact.
 *
 *   lang                "ja" | "en" | …
 *   company             { name, other_name (the name in the other
 *                         language, or null), address, website (or null),
 *                         employees (number or null), code }
 *   doc                 { revision ("1.1"), date (effective date,
 *                         formatted), iso_date (YYYY-MM-DD), next_review
 *                         (formatted), classification (or null),
 *                         review_months (number) } of the whole set;
 *                       build.c lends each document its own in its
 *                       place, from histories
 *   histories           { <document id>: { doc, revisions } } for each
 *                       single document; a list's items hold theirs as
 *                       item.histories.<document id>. doc is the set's
 *                       plus number, version ("第1.1版"), version_line
 *                       (the footer's, null for a public document),
 *                       draft, approver, fields: [ { label, value, iso } ]
 *                       (the cover, by documents.xml kind), steps:
 *                       [ { label, title, name, date } ] (the sign-off),
 *                       has_steps; revisions: [ { number, date, author,
 *                       summary } ] only those that changed it
 *   policy_doc          the policy's doc (what a staff sheet acknowledges)
 *   numbers             { policy: "AKB-SEC-01", … } document numbers, by
 *                       document id with "-" as "_" (vulnerability_policy)
 *   executive           person or null (first holder of "executive")
 *   security_manager    person or null
 *   psirt_names         the holders of "psirt", joined, or null
 *   psirt               person or null (the lead of "psirt", else its
 *                       first holder)
 *   approval            { name, title, date } or null when not approved
 *   draft               true when there is no approval
 *   people              [ person … ] in profile order
 *     person = { id, name, title, email, roles (joined role names, or
 *                null) }
 *   roles               [ { id, name, duty, holders: [person …],
 *                           holders_text (joined names; for the role of
 *                           all staff label.everyone; or null),
 *                           vacant (bool), custom (bool),
 *                           reports_to (role name or null) } … ]
 *                       built-in roles (catalogue order), the profile's
 *                       own, then the role of all staff (raci.h order)
 *   org                 the organisation document (derive_org.c):
 *     chart             { boxes: [ box … ] (the roles but all staff,
 *                         each under the role it reports to),
 *                         suppliers: [ box … ], has_suppliers (bool),
 *                         parties: [ box … ] (roles.xml <party> that apply) }
 *       box = { id ("r-<role>", "s-<supplier>", "x-<party>"), parent
 *               (a box id or null), title, lines: [ { text } ] }
 *     columns           [ { name, holders } … ] roles with a letter in the
 *                       matrix
 *     ncolumns          number: columns + 1 (the activity column)
 *     matrix_widths     "9 3 3 …": relative widths of the matrix table
 *     measures          [ { number, name, activities: [ { name, what,
 *                           cells: [ { letters ("A", "A/R", "C", "") } …
 *                           ] } … ] } … ] measures that have activities
 *     roles             [ { id, name, summary (or null), holders (or
 *                           null), vacant, deputies (joined names or
 *                           null), reports_to (role name or null),
 *                           has_duties, duties: [ { measure, items:
 *                           [ { name, part } … ] } … ] } … ]
 *     contacts          [ { matter, role, people, emails, deputies (each
 *                           joined, or null) } … ] roles.xml <contact>
 *     findings          [ { rule, text, action, role_id, person_id } … ]
 *                       the matrix's rules (raci.h) in words, with what
 *                       to do; has_findings (bool)
 *   products_text, suppliers_text   the names joined, or null
 *   training            the plan (derive_training.c, training.h):
 *                       { year ("2026年度"), from, to (formatted),
 *                         completion_target, pass_target (percent),
 *                         months: [ { name, short } ] the year's twelve,
 *                         courses: [ course ] those held, not_held:
 *                         [ course ] (nobody takes them), has_not_held,
 *                         load: [ { month, hours } ], total_hours,
 *                         budget: [ { course, people, hours, total } ]
 *                         a row a course held, adding up to total_hours,
 *                         headcount (employees= when more than the
 *                         people named, or null),
 *                         sessions: [ { uid, course, summary, year,
 *                           month, day, date, start_minute, minutes,
 *                           attendees, instructor, instructor_email } ],
 *                         deadlines: [ { person, course, by } ],
 *                         has_deadlines }
 *     course = { id, name, summary, roles, attendees (number: for a
 *                course of all staff the headcount), hours, hours_text,
 *                method, elearning, frequency, check, quiz_checked,
 *                quiz_count, pass_needed (answers, or null), pass_mark
 *                (or null), keep_years, instructor (or null),
 *                months_text (with their year, or null), held,
 *                months: [ { on } ] ×12 }
 *   staff               [ { id, lang (or null), name, title, email,
 *                           is_security_manager,
 *                           roles: [ { name, duty, everyone, lead (bool), deputy
 *                           (who stands in for them in it, or null) } ],
 *                           roles_text,
 *                           courses: [ { id, name, months, hours, method,
 *                           frequency, deadline (or null) } ], courses_text,
 *                           has_courses, hours } ] a member of staff each
 *   handouts            [ course + { goals, points, dos, donts: [ { text
 *                           } ], quiz: [ { n, q, a } ], has_goals,
 *                           has_points, has_dos, has_quiz, people:
 *                           [ { name } ] } ] a course each; the texts are
 *                       messages rendered over this whole view
 *   item                in a document of one per item (documents.xml
 *                       each=): the item of staff or handouts
 *   products            [ product … ]
 *     product = { id, name, model, category, connectivity, interfaces,
 *                 data (joined labels, or null when empty), update (label),
 *                 ota (bool), support_until (formatted date or null),
 *                 markets (joined labels), intended_users, use_cases (or
 *                 null), network (bool: any connectivity), ip (bool: an IP
 *                 link: wifi, ethernet, lte, 5g, thread), personal_data
 *                 (bool: personal-data, video, audio, images, location or
 *                 health), camera_or_mic (bool), direct_connection (bool),
 *                 schemes: [ { id, name } … ] (the laws and schemes that
 *                 apply to this product), schemes_text (joined names or
 *                 null), suppliers_text (joined supplier names or null),
 *                 eu, jp, updatable (bools),
 *                 and what requirements.xml gives it (derive_product.c,
 *                 requirements.h), each list with its has_<list> bool:
 *                 requirements: [ { n ("R1"), id, title, text, must,
 *                   level (label), sources: [ { scheme, ref } ],
 *                   sources_text (or null) } ] (sources of the schemes
 *                   that apply to it and of the reference baselines),
 *                 risks: [ { n ("T1"), id, threat, asset, likelihood,
 *                   impact, rating (labels), high (bool), counters
 *                   ("R1, R3" or null) } ],
 *                 schemes_detail (has_schemes): [ { id, name, edition, status (label),
 *                   mandatory (bool), text (scheme.<id>.applies over the
 *                   product) } ],
 *                 tests: [ { n ("V1"), id, name, method, pass,
 *                   requirements ("R1, R3"), stages (joined labels),
 *                   design_review, pre_release, each_update (bools),
 *                   owner (names of those responsible for its activity,
 *                   or label.vacant), owner_role (or null) } ],
 *                 decisions: [ { text } ] questions for the meeting }
 *   verification        { owner, owner_role (of activity "verify"),
 *                         stages: [ { id, name } ] }
 *   disclosure          { eu (bool: a product is sold in the EU),
 *                         products_support: [ { name, model, until
 *                         (formatted or null) } ], security_txt (its
 *                         https address, or null without a website),
 *                         expires (formatted; securitytxt.h) }
 *   has_products        bool
 *   markets             { jp, eu, uk, us } bools: any product sold there
 *   schemes             { terminal_equipment, jcstar, cra, psti,
 *                         cyber_trust_mark } bools: applies to any product
 *   suppliers           [ { id, name, scope, email, country, products
 *                           (joined product names or null) } … ]
 *   has_suppliers       bool
 *   vuln                { email, url, policy_url (each or null),
 *                         acknowledge_days, triage_days, fix_days (numbers),
 *                         acknowledge, triage (e.g. "3 business days"),
 *                         fix ("90 calendar days"), languages (joined
 *                         labels) }
 *   revisions           empty here: build.c lends each document its own
 *                       (histories) while it is rendered
 *
 * Labels (category, connectivity, …), role names and duties, date formats
 * and the list separator come from the language's messages (label.*,
 * role.*, format.*), so adding a language needs no C.
 */
#ifndef SECPOLGEN_DERIVE_H
#define SECPOLGEN_DERIVE_H

#include <stdbool.h>

#include "model/catalog.h"
#include "base/diag.h"
#include "l10n/messages.h"
#include "model/model.h"
#include "template/value.h"

/* Builds the view of profile p in language lang. Returns a new tree (caller
 * frees with value_free), or NULL after adding an error to d. */
struct value *derive_view(const struct profile *p, const struct catalog *cat,
			  const struct messages *msgs, const char *lang,
			  struct diag *d);

/* What `check` reports, in language lang: { measures: [ { number, name,
 * complete, gaps, items: [ { ok, text, hint (the element to add, or
 * null) } ] } ], gaps, complete }. (A review that is overdue, or a
 * security.txt that has expired, is an error of build, so of check,
 * before any report.) A new tree (caller frees), or NULL after adding an
 * error to d. */
struct value *derive_report(const struct profile *p, const struct catalog *cat,
			    const struct messages *msgs, const char *lang, struct diag *d);

/* The vulnerability register's columns (<lang>/vulnerability-register.csv,
 * explained in the PSIRT procedure): how many, and the id of the i-th;
 * its header is the message psirt.register.col.<id>. */
size_t derive_register_ncols(void);
const char *derive_register_col(size_t i);

/* The address of the company's CSAF provider metadata into out:
 * https://<host of its website>/.well-known/csaf/provider-metadata.json.
 * -1 when the profile publishes no advisories (no <advisories>, or no
 * advisory in the advisories folder) or has no website. */
struct buf;
int derive_csaf_metadata_url(const struct profile *p, struct buf *out);


#endif
