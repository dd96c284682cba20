/* derive_records.c - what a product's records (model.h: struct records)
 * add to its view: each requirement's status, evidence and owner, each
 * risk's residual rating and decision, each test's result, each open
 * decision's answer or owner, and the tally the policy's summary and
 * the register show. Without records, nothing here claims a status: the
 * templates say that nothing is recorded yet. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive/derive_private.h"
#include "model/requirements.h"

static const char *const status_ids[] = { "met", "partly", "not-yet", "not-applicable" };
static const char *const level_ids[] = { "low", "medium", "high" };

/* The name of person id in the view's language; NULL for none. */
static const char *person_name(struct ctx *c, const char *id)
{
	const struct person *pp = profile_person(c->p, id);

	return pp ? derive_text(c, &pp->name) : NULL;
}

/* A map of string pairs for a message: k1 v1 k2 v2 … up to a NULL key;
 * a NULL value is left out. NULL on OOM. */
static struct value *data_of(const char *k, ...)
	__attribute__((sentinel));

static struct value *data_of(const char *k, ...)
{
	struct value *m = value_map();
	va_list ap;

	va_start(ap, k);
	for (; m && k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		if (v && value_map_set_string(m, k, v) < 0) {
			value_free(m);
			m = NULL;
		}
	}
	va_end(ap);
	return m;
}

/* A date of the records as the language writes it (a string; NULL for
 * NULL): derive_format_iso's text, kept in *keep until the caller frees. */
static const char *date_text(struct ctx *c, const char *iso, struct value **keep)
{
	struct value *v = iso ? derive_format_iso(c, iso) : NULL;

	*keep = v;
	return v ? value_get_string(v) : NULL;
}

/* The message id over the pairs of data_of, as a view value. */
static struct value *say(struct ctx *c, const char *id, struct value *data)
{
	return data ? derive_format_text(c, id, data) : NULL;
}

/* The evidence of q, each "title, ref (date)", joined. */
static struct value *evidence_text(struct ctx *c, const struct req_record *q)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < q->nevidence; i++) {
		const struct evidence *e = &q->evidence[i];
		struct value *d, *s;
		const char *date = date_text(c, e->date, &d);
		s = say(c, e->title.n ? "record.evidence.titled" : "record.evidence.bare",
			data_of("title", derive_text(c, &e->title), "ref", e->ref, "date", date, NULL));
		value_free(d);
		if (!s || (b.len && buf_puts(&b, l10n_label(&c->kit, "record.evidence.join")) < 0) ||
		    buf_puts(&b, value_get_string(s)) < 0) {
			value_free(s);
			buf_free(&b);
			return NULL;
		}
		value_free(s);
	}
	return derive_join_value(&b);
}

/* "owner, due date" (overdue when the day is before the records'
 * updated=), either alone, or null when neither is given. */
static struct value *owner_due(struct ctx *c, const struct product *pr, const char *owner,
			       const char *due)
{
	struct value *d, *v;
	const char *date = date_text(c, due, &d);
	const char *name = person_name(c, owner);
	bool late = due && strcmp(due, pr->records->updated) < 0;

	v = !name && !date ? value_null()
	    : say(c, !date ? "record.owner"
		  : late ? (name ? "record.owner-due-overdue" : "record.due-overdue")
			 : (name ? "record.owner-due" : "record.due"),
		  data_of("owner", name, "due", date, NULL));
	value_free(d);
	return v;
}

/* Whether the newest evidence of q is older than the review cycle
 * before the records' own day. */
static bool stale(struct ctx *c, const struct product *pr, const struct req_record *q)
{
	const char *newest = NULL;
	struct date d;
	char iso[16];
	size_t i;

	for (i = 0; i < q->nevidence; i++)
		if (!newest || strcmp(q->evidence[i].date, newest) > 0)
			newest = q->evidence[i].date;
	if (!newest || date_parse(pr->records->updated, &d) < 0)
		return false;
	d = date_add_months(d, -c->p->review_months);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", d.y, d.m, d.d);
	return strcmp(newest, iso) < 0;
}

int derive_record_requirement(struct ctx *c, const struct product *pr,
			      const struct req_requirement *r, struct value *v,
			      struct rec_tally *t)
{
	const struct req_record *q = records_requirement(pr, r->id);
	int st = q ? (int)q->status : -1;

	t->reqs++;
	t->must += r->must;
	if (st >= 0)
		t->status[st]++;
	else
		t->unrecorded++;
	t->must_met += r->must && (st == REC_MET || st == REC_NOT_APPLICABLE);
	if (!pr->records)
		return 0;
	return value_map_set_borrowed(v, "status", st >= 0
			? l10n_labelf(&c->kit, "label.record.status.%s", status_ids[st])
			: l10n_label(&c->kit, "label.record.status.none")) < 0 ||
	       value_map_set_borrowed(v, "stale", (st == REC_MET || st == REC_PARTLY) && stale(c, pr, q)
			? l10n_label(&c->kit, "record.evidence.stale") : NULL) < 0 ||
	       value_map_set_bool(v, "open", st < 0 || st == REC_PARTLY || st == REC_NOT_YET) < 0 ||
	       value_map_set(v, "evidence", q ? evidence_text(c, q) : value_null()) < 0 ||
	       value_map_set(v, "owner_due", !q ? value_null()
			     : st == REC_MET || st == REC_NOT_APPLICABLE
				     ? (person_name(c, q->owner) ? value_string(person_name(c, q->owner))
								 : value_null()) /* done: no date to meet */
				     : owner_due(c, pr, q->owner, q->due)) < 0 ||
	       value_map_set_borrowed(v, "owner", q ? person_name(c, q->owner) : NULL) < 0 ||
	       value_map_set(v, "tests", value_null()) < 0 || /* tests_of, derive_product.c */
	       value_map_set_string(v, "reason", q ? derive_text(c, &q->reason) : NULL) < 0 ||
	       value_map_set_string(v, "note", q ? derive_text(c, &q->note) : NULL) < 0
		       ? -1 : 0;
}

int derive_record_risk(struct ctx *c, const struct product *pr, const struct req_risk *r,
		       int rating, struct value *v, struct rec_tally *t)
{
	const struct risk_record *k = records_risk(pr, r->id);
	int residual = k && k->likelihood ? requirements_rating(k->likelihood, k->impact) : rating;
	bool above = residual > c->p->risk_line;
	struct value *d1 = NULL, *d2 = NULL, *d3 = NULL, *text;
	const char *id;

	t->risks++;
	t->risks_decided += k && k->decision != REC_UNDECIDED;
	t->risks_open += above && !(k && k->decision != REC_UNDECIDED);
	t->risks_within += !above && !(k && k->decision != REC_UNDECIDED);
	if (!pr->records)
		return 0;
	if (k && k->decision == REC_ACCEPT)
		id = k->until ? "record.risk.accepted-until" : "record.risk.accepted";
	else if (k && k->decision == REC_TREAT)
		id = "record.risk.treat";
	else if (!above)
		id = "record.risk.within-line";
	else
		id = k && k->likelihood ? "record.risk.undecided-above" : "record.risk.unassessed-above";
	text = say(c, id, data_of("by", k ? person_name(c, k->by) : NULL,
				  "date", k ? date_text(c, k->date, &d1) : NULL,
				  "until", k ? date_text(c, k->until, &d2) : NULL,
				  "owner", k ? person_name(c, k->owner) : NULL,
				  "due", k ? date_text(c, k->due, &d3) : NULL,
				  "line", l10n_label(&c->kit, c->p->risk_line ? "label.risk-line.medium"
									    : "label.risk-line.low"), NULL));
	value_free(d1);
	value_free(d2);
	value_free(d3);
	if (value_map_set(v, "decision", text) < 0 ||
	    value_map_set_bool(v, "still_high", k && k->likelihood && residual == 2) < 0 ||
	    value_map_set_bool(v, "decision_open", above && !(k && k->decision != REC_UNDECIDED)) < 0 ||
	    value_map_set_bool(v, "assessed", k && k->likelihood) < 0 ||
	    value_map_set_string(v, "note", k ? derive_text(c, &k->note) : NULL) < 0)
		return -1;
	if (!(k && k->likelihood))
		return 0;
	if (residual == 2) {
		const char *n = value_get_string(value_map_get(v, "n"));
		size_t used = strlen(t->high);
		if (n && used + strlen(n) + 3 < sizeof(t->high))
			snprintf(t->high + used, sizeof(t->high) - used, "%s%s", used ? ", " : "", n);
	}
	return value_map_set_borrowed(v, "residual_likelihood",
				      l10n_labelf(&c->kit, "label.level.%s", level_ids[k->likelihood - 1])) < 0 ||
	       value_map_set_borrowed(v, "residual_impact",
				      l10n_labelf(&c->kit, "label.level.%s", level_ids[k->impact - 1])) < 0 ||
	       value_map_set_borrowed(v, "residual_rating",
				      l10n_labelf(&c->kit, "label.level.%s", level_ids[residual])) < 0
		       ? -1 : 0;
}

int derive_record_test(struct ctx *c, const struct product *pr, const struct req_test *x,
		       struct value *v, struct rec_tally *t)
{
	const struct test_record *k = records_test(pr, x->id);
	struct value *d1 = NULL, *d2 = NULL;
	const char *date, *line;
	int rc;

	t->tests++;
	if (k)
		t->results[k->result]++;
	if (!pr->records)
		return 0;
	date = k ? date_text(c, k->date, &d1) : NULL;
	/* "Passed on 12 November 2026", "Planned for …", "Planned; no date
	 * set", or "No result recorded". */
	line = !k ? "record.test.none"
	       : k->result == REC_PLANNED ? (date ? "record.test.planned-on" : "record.test.planned")
	       : k->result == REC_PASSED ? "record.test.passed" : "record.test.failed";
	rc = value_map_set(v, "result_line", say(c, line, data_of("date", date, NULL))) < 0 ||
	     value_map_set_bool(v, "failed", k && k->result == REC_FAILED) < 0 ||
	     value_map_set(v, "report_line", k && k->report
			   ? say(c, "record.test.report", data_of("report", k->report, NULL))
			   : value_null()) < 0 ||
	     value_map_set(v, "tester_line", k && k->tester
			   ? say(c, "record.test.tester", data_of("tester", person_name(c, k->tester), NULL))
			   : value_null()) < 0 ||
	     value_map_set(v, "version_line", k && k->version
			   ? say(c, "record.test.version", data_of("version", k->version, NULL))
			   : value_null()) < 0 ||
	     value_map_set(v, "fix_due", !(k && k->result == REC_FAILED) ? value_null()
			   : k->fix_due ? say(c, "record.test.fix-due",
					      data_of("date", date_text(c, k->fix_due, &d2), NULL))
			   : value_string_borrowed(l10n_label(&c->kit, "record.test.no-fix-due"))) < 0
		     ? -1 : 0;
	value_free(d1);
	value_free(d2);
	return rc;
}

int derive_record_decision(struct ctx *c, const struct product *pr, const struct req_decision *x,
			   const char *approver, struct value *v, struct rec_tally *t)
{
	const struct decision_record *k = records_decision(pr, x->id);
	struct value *d1 = NULL, *text;
	struct date next;
	char next_iso[16];

	t->decisions++;
	if (k && k->answer.n) {
		t->answered++;
		text = say(c, "record.decision.answered",
			   data_of("by", person_name(c, k->by), "date", date_text(c, k->date, &d1),
				   "answer", derive_text(c, &k->answer), NULL));
	} else if (k && (k->owner || k->due)) {
		bool late = k->due && strcmp(k->due, pr->records->updated) < 0;
		text = say(c, k->owner && k->due ? (late ? "record.decision.overdue" : "record.decision.open")
			      : k->owner ? "record.decision.open-no-due"
			      : late ? "record.decision.overdue-no-owner" : "record.decision.open-no-owner",
			   data_of("owner", person_name(c, k->owner), "due", date_text(c, k->due, &d1),
				   NULL));
	} else if (approver && date_parse(profile_effective_date(c->p), &next) == 0) {
		/* An approved sheet leaves no question without an owner and a
		 * date: the approver answers it by the next review, as the
		 * policy says (policy.requirements.record). */
		next = date_add_months(next, c->p->review_months);
		snprintf(next_iso, sizeof(next_iso), "%04d-%02d-%02d", next.y, next.m, next.d);
		text = say(c, "record.decision.by-approver",
			   data_of("owner", approver, "due", date_text(c, next_iso, &d1), NULL));
	} else {
		text = value_string_borrowed(l10n_label(&c->kit, "record.decision.unowned"));
	}
	value_free(d1);
	return value_map_set(v, "status", text);
}

/* The date of the approval of document id (of item) when it is older
 * than pr's records, which it then does not cover; null otherwise (no
 * approval: a draft, which says so itself). */
static struct value *approved_before(struct ctx *c, const struct product *pr, const char *id,
				     const char *item)
{
	const struct approval *a = derive_approval_of(c->p, id, item);

	return a && strcmp(a->date, pr->records->updated) < 0 ? derive_format_iso(c, a->date)
							      : value_null();
}

/* Whether pr is still placed on the market on the day of its records:
 * no last day of sale, or one not yet past. */
static bool on_sale(const struct product *pr)
{
	return !pr->sales_until || strcmp(pr->sales_until, pr->records->updated) >= 0;
}

struct value *derive_records_view(struct ctx *c, const struct product *pr,
				  const struct rec_tally *t)
{
	struct value *m, *d = NULL, *n;
	char buf[17][16];
	int i;
	const int counts[] = { (int)t->reqs, (int)t->status[REC_MET], (int)t->status[REC_PARTLY],
			       (int)t->status[REC_NOT_YET], (int)t->status[REC_NOT_APPLICABLE],
			       (int)t->unrecorded, (int)t->must, (int)t->must_met,
			       (int)t->results[REC_PASSED], (int)t->results[REC_FAILED],
			       (int)(t->tests - t->results[REC_PASSED] - t->results[REC_FAILED]),
			       (int)t->tests, (int)t->risks, (int)t->risks_decided, (int)t->risks_open,
			       (int)t->risks_within, (int)(t->must - t->must_met) };
	static const char *const keys[] = { "total", "met", "partly", "not_yet", "na", "unrecorded",
					    "must", "must_met", "passed", "failed", "not_run", "tests",
					    "risks", "risks_decided", "risks_open", "risks_within",
					    "must_open" };

	if (!pr->records)
		return value_null();
	if (!(m = value_map()) || !(n = value_map()))
		goto fail;
	for (i = 0; i < 17; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%d", counts[i]);
		if (value_map_set_string(n, keys[i], buf[i]) < 0)
			goto fail_n;
	}
	if (value_map_set(m, "sheet_approved", approved_before(c, pr, "product", pr->id)) < 0 ||
	    value_map_set(m, "plan_approved", approved_before(c, pr, "verification", NULL)) < 0 ||
	    value_map_set(m, "policy_approved", approved_before(c, pr, "policy", NULL)) < 0 ||
	    value_map_set_string(n, "updated", date_text(c, pr->records->updated, &d)) < 0 ||
	    value_map_set(m, "updated", value_copy(d)) < 0 ||
	    value_map_set_string(m, "updated_iso", pr->records->updated) < 0 ||
	    value_map_set(m, "req_tally", derive_format_text(c, "record.tally.requirements", value_copy(n))) < 0 ||
	    value_map_set(m, "test_tally", derive_format_text(c, "record.tally.tests", value_copy(n))) < 0 ||
	    value_map_set(m, "risk_tally", derive_format_text(c, "record.tally.risks", value_copy(n))) < 0 ||
	    value_map_set(m, "unmet_on_sale", t->must > t->must_met && on_sale(pr)
			  ? derive_format_text(c, "record.unmet-on-sale", value_copy(n)) : value_null()) < 0 ||
	    value_map_set_string(n, "high", t->high) < 0 ||
	    value_map_set(m, "high_on_sale", *t->high && on_sale(pr)
			  ? derive_format_text(c, "record.high-on-sale", value_copy(n)) : value_null()) < 0)
		goto fail_n;
	value_free(n);
	value_free(d);
	return m;
fail_n:
	value_free(n);
fail:
	value_free(d);
	value_free(m);
	return NULL;
}
