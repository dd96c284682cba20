/* check_export.c - the training exports: whole CSV and iCalendar files
 * compared to literals (quoting, formula guard, escaping, folding, dates
 * that cross midnight, month and year ends), then the folding checked line
 * by line, invalid dates, determinism, and a sample file for
 * tests/ics_check.py. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "check_suites.h"
#include "render/export.h"

#define BOM "\xEF\xBB\xBF"
#define DTSTAMP "20260401T000000Z"
#define SAMPLE_ICS "/tmp/secpolgen-export-sample.ics"

/* ---- CSV ---------------------------------------------------------------- */

START_TEST(csv_quoting)
{
	static const char *const header[] = { "氏名", "部署", "備考" };
	static const char *const cells[] = {
		"田中 一郎", "情報システム部", NULL,
		"佐藤, 花子", "品質保証部", "言った: \"はい\"",
		"鈴木 次郎", "開発部", "1行目\n2行目",
		"Bob", "", "a\r\nb",
		/* Line breaks only some readers know: spaces, the row one line. */
		"E\xC2\x85ve", "x\xE2\x80\xA8y", "p\vq\fr\xE2\x80\xA9s",
	};
	struct buf out = BUF_INIT;

	ck_assert_int_eq(export_csv(&out, header, 3, cells, 5), 0);
	ck_assert_str_eq(buf_str(&out),
			 BOM "氏名,部署,備考\r\n"
			 "田中 一郎,情報システム部,\r\n"
			 "\"佐藤, 花子\",品質保証部,\"言った: \"\"はい\"\"\"\r\n"
			 "鈴木 次郎,開発部,\"1行目\n2行目\"\r\n"
			 "Bob,,\"a\r\nb\"\r\n"
			 "E ve,x y,p q r s\r\n");
	buf_free(&out);
}
END_TEST

START_TEST(csv_formula_guard)
{
	static const char *const header[] = { "=入力", "備考" };
	static const char *const cells[] = {
		"=SUM(1)", "式",
		"+1", NULL,
		"-1", "@x",
		"\t=x", "田中 一郎",
		"\r=x", "=a,b",
		"a=b", "'x",
		NULL, "-",
		"", "=\"q\"",
	};
	struct buf out = BUF_INIT;

	ck_assert_int_eq(export_csv(&out, header, 2, cells, 8), 0);
	ck_assert_str_eq(buf_str(&out),
			 BOM "'=入力,備考\r\n"
			 "'=SUM(1),式\r\n"
			 "'+1,\r\n"
			 "'-1,'@x\r\n"
			 "'\t=x,田中 一郎\r\n"
			 "\"'\r=x\",\"'=a,b\"\r\n"
			 "a=b,'x\r\n"
			 ",'-\r\n"
			 ",\"'=\"\"q\"\"\"\r\n");
	buf_free(&out);
}
END_TEST

START_TEST(csv_one_column_and_append)
{
	static const char *const header[] = { "名前" };
	static const char *const cells[] = { "", NULL, "x" };
	struct buf out = BUF_INIT;

	/* An empty lone field is "", not a blank line; out is appended to. */
	ck_assert_int_eq(buf_puts(&out, "held"), 0);
	ck_assert_int_eq(export_csv(&out, header, 1, cells, 3), 0);
	ck_assert_str_eq(buf_str(&out),
			 "held" BOM "名前\r\n\"\"\r\n\"\"\r\nx\r\n");
	buf_free(&out);

	ck_assert_int_eq(export_csv(&out, header, 1, NULL, 0), 0);
	ck_assert_str_eq(buf_str(&out), BOM "名前\r\n");
	buf_free(&out);
}
END_TEST

/* ---- iCalendar ---------------------------------------------------------- */

static const struct export_event two_events[] = {
	{
		.uid = "2026-04-policy-awareness@akb.secpolgen",
		.summary = "情報セキュリティ方針 説明会",
		.description = "対象: 全従業員, 派遣社員; 新任者\n"
			       "持ち物: C:\\work のメモ",
		.location = "本社 3F 会議室A",
		.year = 2026, .month = 4, .day = 15,
		.start_minute = 10 * 60, .duration_minutes = 90,
		.organizer_email = "security@akb.example",
		.organizer_name = "情報セキュリティ委員会",
	},
	{
		.uid = "2026-10-incident-drill@akb.secpolgen",
		.summary = "インシデント対応訓練",
		.year = 2026, .month = 10, .day = 1,
		.start_minute = 13 * 60 + 30, .duration_minutes = 120,
	},
};

static const char two_events_ics[] =
	"BEGIN:VCALENDAR\r\n"
	"VERSION:2.0\r\n"
	"PRODID:-//AKB//secpolgen 0.1.0//JA\r\n"
	"CALSCALE:GREGORIAN\r\n"
	"METHOD:PUBLISH\r\n"
	"X-WR-CALNAME:教育・訓練 2026年度\r\n"
	"BEGIN:VEVENT\r\n"
	"UID:2026-04-policy-awareness@akb.secpolgen\r\n"
	"DTSTAMP:20260401T000000Z\r\n"
	"DTSTART:20260415T100000\r\n"
	"DTEND:20260415T113000\r\n"
	"SUMMARY:情報セキュリティ方針 説明会\r\n"
	/* 75 octets: the fold falls inside the escaped backslash, which
	 * unfolding puts back together. */
	"DESCRIPTION:対象: 全従業員\\, 派遣社員\\; 新任者\\n持ち物: C:\\\r\n"
	" \\work のメモ\r\n"
	"LOCATION:本社 3F 会議室A\r\n"
	"ORGANIZER;CN=情報セキュリティ委員会:mailto:security@akb.example\r\n"
	"END:VEVENT\r\n"
	"BEGIN:VEVENT\r\n"
	"UID:2026-10-incident-drill@akb.secpolgen\r\n"
	"DTSTAMP:20260401T000000Z\r\n"
	"DTSTART:20261001T133000\r\n"
	"DTEND:20261001T153000\r\n"
	"SUMMARY:インシデント対応訓練\r\n"
	"END:VEVENT\r\n"
	"END:VCALENDAR\r\n";

static int two_events_write(struct buf *out)
{
	return export_ics(out, "-//AKB//secpolgen 0.1.0//JA",
			  "教育・訓練 2026年度", DTSTAMP, two_events, 2);
}

START_TEST(ics_two_events)
{
	struct buf out = BUF_INIT;

	ck_assert_int_eq(two_events_write(&out), 0);
	ck_assert_str_eq(buf_str(&out), two_events_ics);
	buf_free(&out);
}
END_TEST

START_TEST(ics_no_events)
{
	struct buf out = BUF_INIT;

	/* Text values of the calendar itself are escaped and cleaned too. */
	ck_assert_int_eq(export_ics(&out, "-//AKB//x;y,z//JA", "a\nb\x01",
				    DTSTAMP, NULL, 0), 0);
	ck_assert_str_eq(buf_str(&out),
			 "BEGIN:VCALENDAR\r\n"
			 "VERSION:2.0\r\n"
			 "PRODID:-//AKB//x\\;y\\,z//JA\r\n"
			 "CALSCALE:GREGORIAN\r\n"
			 "METHOD:PUBLISH\r\n"
			 "X-WR-CALNAME:a\\nb\r\n"
			 "END:VCALENDAR\r\n");
	buf_free(&out);
}
END_TEST

START_TEST(ics_cleaning_and_organizer)
{
	static const struct export_event ev[] = {
		{
			.uid = "u1@x",
			.summary = "a\x01" "b\x7f\tc",
			.description = "1\r\n2\r3\n4\\\xE2\x80\xA8" "5\v6\f7\xE2\x80\xA9" "8",
			/* NEL (a line break to some, a space here), a stray
			 * byte, a surrogate, a cut character */
			.location = "\xC2\x85x\xFFy\xED\xA0\x80z\xE3\x81",
			.year = 2026, .month = 5, .day = 1,
			.start_minute = 0, .duration_minutes = 1,
			.organizer_email = "tanaka ichiro@例.jp\r\n",
			.organizer_name = "田中, 一郎 \"部長\"",
		},
		{
			.uid = "u2@x", .summary = "s", .description = "",
			.location = "",
			.year = 2026, .month = 5, .day = 2,
			.start_minute = 1439, .duration_minutes = 1,
			.organizer_email = "a+b@x.example",
			.organizer_name = "a\nb",
		},
		{
			.uid = "u3@x", .summary = "",
			.year = 2026, .month = 5, .day = 3,
			.start_minute = 60, .duration_minutes = 30,
			.organizer_email = "a%b?c@x.example",
			.organizer_name = "",
		},
		{
			.uid = "u4@x", .summary = "s",
			.year = 2026, .month = 5, .day = 4,
			.start_minute = 60, .duration_minutes = 30,
			.organizer_email = "", .organizer_name = "nobody",
		},
	};
	struct buf out = BUF_INIT;

	ck_assert_int_eq(export_ics(&out, "p", "c", DTSTAMP, ev, 4), 0);
	ck_assert_str_eq(buf_str(&out),
		"BEGIN:VCALENDAR\r\n"
		"VERSION:2.0\r\n"
		"PRODID:p\r\n"
		"CALSCALE:GREGORIAN\r\n"
		"METHOD:PUBLISH\r\n"
		"X-WR-CALNAME:c\r\n"
		"BEGIN:VEVENT\r\n"
		"UID:u1@x\r\n"
		"DTSTAMP:20260401T000000Z\r\n"
		"DTSTART:20260501T000000\r\n"
		"DTEND:20260501T000100\r\n"
		"SUMMARY:ab\tc\r\n"
		"DESCRIPTION:1\\n2\\n3\\n4\\\\ 5 6 7 8\r\n"
		"LOCATION: x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
		"z\xEF\xBF\xBD\xEF\xBF\xBD\r\n"
		"ORGANIZER;CN=\"田中, 一郎 部長\":"
		"mailto:tanaka%20ichiro@%E4%BE%8B.jp\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\n"
		"UID:u2@x\r\n"
		"DTSTAMP:20260401T000000Z\r\n"
		"DTSTART:20260502T235900\r\n"
		"DTEND:20260503T000000\r\n"
		"SUMMARY:s\r\n"
		"ORGANIZER;CN=a b:mailto:a+b@x.example\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\n"
		"UID:u3@x\r\n"
		"DTSTAMP:20260401T000000Z\r\n"
		"DTSTART:20260503T010000\r\n"
		"DTEND:20260503T013000\r\n"
		"SUMMARY:\r\n"
		"ORGANIZER:mailto:a%25b%3Fc@x.example\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\n"
		"UID:u4@x\r\n"
		"DTSTAMP:20260401T000000Z\r\n"
		"DTSTART:20260504T010000\r\n"
		"DTEND:20260504T013000\r\n"
		"SUMMARY:s\r\n"
		"END:VEVENT\r\n"
		"END:VCALENDAR\r\n");
	buf_free(&out);
}
END_TEST

/* Octets of the UTF-8 character whose first byte is c, 0 for a byte that
 * cannot start one. */
static size_t lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/* Every physical line of s: CRLF-ended, at most 75 octets, whole UTF-8
 * characters only, a folded line filled to within a character of 75. */
static void check_lines(const char *s)
{
	const char *eol;
	size_t len, i, k;

	while (*s) {
		eol = strstr(s, "\r\n");
		ck_assert_ptr_nonnull(eol);
		len = (size_t)(eol - s);
		ck_assert_uint_le(len, 75);
		ck_assert_ptr_null(memchr(s, '\r', len));
		ck_assert_ptr_null(memchr(s, '\n', len));
		for (i = 0; i < len; i += k) {
			k = lead_len((unsigned char)s[i]);
			ck_assert_msg(k > 0 && i + k <= len,
				      "a character split at octet %zu of \"%.*s\"",
				      i, (int)len, s);
			while (--k > 0)
				ck_assert_int_eq((unsigned char)s[i + k] & 0xC0,
						 0x80);
			k = lead_len((unsigned char)s[i]);
		}
		if (eol[2] == ' ')
			ck_assert_uint_ge(len, 75 - 3);
		s = eol + 2;
	}
}

/* s with every CRLF + space taken out (RFC 5545 3.1). */
static void unfold(struct buf *b, const char *s)
{
	const char *fold;

	while ((fold = strstr(s, "\r\n ")) != NULL) {
		ck_assert_int_eq(buf_put(b, s, (size_t)(fold - s)), 0);
		s = fold + 3;
	}
	ck_assert_int_eq(buf_puts(b, s), 0);
}

START_TEST(ics_folding)
{
	struct buf text = BUF_INIT, out = BUF_INIT, flat = BUF_INIT;
	struct buf want = BUF_INIT;
	struct export_event ev = {
		.uid = "fold@x", .year = 2026, .month = 6, .day = 1,
		.start_minute = 600, .duration_minutes = 60,
	};
	int shift, i;

	/* Each ASCII shift moves the 75th octet to another byte of the 3- and
	 * 4-octet characters. */
	for (shift = 0; shift < 4; shift++) {
		buf_reset(&text);
		ck_assert_int_eq(buf_printf(&text, "%.*s", shift, "xxx"), 0);
		for (i = 0; i < 12; i++)
			ck_assert_int_eq(buf_puts(&text, "研修🎌の記録、第一部;"), 0);
		ev.summary = buf_str(&text);
		ev.description = buf_str(&text);
		ck_assert_int_eq(export_ics(&out, "p", "c", DTSTAMP, &ev, 1), 0);
		check_lines(buf_str(&out));

		/* "、" is not a comma: only ASCII punctuation is escaped. */
		buf_reset(&want);
		ck_assert_int_eq(buf_printf(&want, "\r\nSUMMARY:%.*s", shift, "xxx"), 0);
		for (i = 0; i < 12; i++)
			ck_assert_int_eq(buf_puts(&want, "研修🎌の記録、第一部\\;"), 0);
		ck_assert_int_eq(buf_puts(&want, "\r\nDESCRIPTION:"), 0);
		ck_assert_int_eq(buf_printf(&want, "%.*s", shift, "xxx"), 0);
		for (i = 0; i < 12; i++)
			ck_assert_int_eq(buf_puts(&want, "研修🎌の記録、第一部\\;"), 0);
		ck_assert_int_eq(buf_puts(&want, "\r\nEND:VEVENT\r\n"), 0);

		buf_reset(&flat);
		unfold(&flat, buf_str(&out));
		ck_assert_ptr_nonnull(strstr(buf_str(&flat), buf_str(&want)));
		/* It was folded at all, and each of the two lines several times. */
		ck_assert_uint_ge(out.len - flat.len, 2 * 3 * 3);
		buf_free(&out);
	}
	buf_free(&text);
	buf_free(&flat);
	buf_free(&want);
}
END_TEST

/* The DTSTART and DTEND lines of a one-event calendar. */
static void check_span(int y, int m, int d, int start, int minutes,
		       const char *dtstart, const char *dtend)
{
	struct export_event ev = {
		.uid = "span@x", .summary = "s", .year = y, .month = m, .day = d,
		.start_minute = start, .duration_minutes = minutes,
	};
	struct buf out = BUF_INIT, want = BUF_INIT;

	ck_assert_int_eq(export_ics(&out, "p", "c", DTSTAMP, &ev, 1), 0);
	ck_assert_int_eq(buf_printf(&want, "\r\nDTSTART:%s\r\nDTEND:%s\r\n",
				    dtstart, dtend), 0);
	ck_assert_msg(strstr(buf_str(&out), buf_str(&want)) != NULL,
		      "%04d-%02d-%02d %d+%d: want%s in\n%s", y, m, d, start,
		      minutes, buf_str(&want), buf_str(&out));
	buf_free(&out);
	buf_free(&want);
}

START_TEST(ics_end_rolls_over)
{
	check_span(2024, 2, 28, 23 * 60 + 30, 60, "20240228T233000", "20240229T003000");
	check_span(2023, 2, 28, 23 * 60 + 30, 60, "20230228T233000", "20230301T003000");
	check_span(2024, 2, 29, 23 * 60, 90, "20240229T230000", "20240301T003000");
	check_span(2000, 2, 28, 22 * 60, 27 * 60, "20000228T220000", "20000301T010000");
	check_span(1900, 2, 28, 23 * 60, 60, "19000228T230000", "19000301T000000");
	check_span(2026, 12, 31, 23 * 60, 120, "20261231T230000", "20270101T010000");
	check_span(2026, 4, 30, 23 * 60, 60, "20260430T230000", "20260501T000000");
	check_span(2026, 12, 25, 9 * 60, 7 * 24 * 60, "20261225T090000", "20270101T090000");
	check_span(9999, 12, 31, 23 * 60, 59, "99991231T230000", "99991231T235900");
	check_span(1, 1, 1, 0, 1, "00010101T000000", "00010101T000100");
}
END_TEST

START_TEST(ics_invalid_rejected)
{
	static const struct {
		int y, m, d, start, minutes;
	} bad[] = {
		{ 0, 1, 1, 600, 60 },       { 10000, 1, 1, 600, 60 },
		{ 2026, 0, 1, 600, 60 },    { 2026, 13, 1, 600, 60 },
		{ 2026, 1, 0, 600, 60 },    { 2026, 1, 32, 600, 60 },
		{ 2026, 4, 31, 600, 60 },   { 2023, 2, 29, 600, 60 },
		{ 1900, 2, 29, 600, 60 },   { 2026, 1, 1, -1, 60 },
		{ 2026, 1, 1, 1440, 60 },   { 2026, 1, 1, 600, 0 },
		{ 2026, 1, 1, 600, -5 },    { 2026, 1, 1, 600, 10081 },
		{ 9999, 12, 31, 23 * 60, 60 }, /* would end in the year 10000 */
	};
	static const char *const stamps[] = {
		"", "20260401T000000", "20260401T000000z", "2026-04-01T00:00:00Z",
		"20260401T0000000Z", "20261301T000000Z", "20260230T000000Z",
		"00000101T000000Z", "20260401T240000Z", "20260401T006000Z",
		"20260401T000060Z", "2026040lT000000Z", "20260401 000000Z",
	};
	struct export_event ev[2] = {
		{ .uid = "ok@x", .summary = "s", .year = 2026, .month = 1,
		  .day = 1, .start_minute = 0, .duration_minutes = 1 },
		{ .uid = "bad@x", .summary = "s" },
	};
	struct buf out = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ev[1].year = bad[i].y;
		ev[1].month = bad[i].m;
		ev[1].day = bad[i].d;
		ev[1].start_minute = bad[i].start;
		ev[1].duration_minutes = bad[i].minutes;
		ck_assert_msg(export_ics(&out, "p", "c", DTSTAMP, ev, 2) == -1,
			      "accepted bad[%zu]", i);
		/* The good first event was written before the bad one. */
		ck_assert_ptr_nonnull(strstr(buf_str(&out), "UID:ok@x"));
		ck_assert_ptr_null(strstr(buf_str(&out), "END:VCALENDAR"));
		buf_free(&out);
	}
	/* The same shape accepted: the limits themselves are valid. */
	ev[1] = (struct export_event){ .uid = "ok2@x", .summary = "s",
		.year = 2024, .month = 2, .day = 29, .start_minute = 1439,
		.duration_minutes = 10080 };
	ck_assert_int_eq(export_ics(&out, "p", "c", DTSTAMP, ev, 2), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "DTEND:20240307T235900\r\n"));
	buf_free(&out);

	for (i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++) {
		ck_assert_msg(export_ics(&out, "p", "c", stamps[i], ev, 1) == -1,
			      "accepted DTSTAMP \"%s\"", stamps[i]);
		buf_free(&out);
	}
	ck_assert_int_eq(export_ics(&out, "p", "c", "99991231T235959Z", ev, 1), 0);
	buf_free(&out);
	ck_assert_int_eq(export_ics(&out, "p", "c", "20240229T120000Z", ev, 1), 0);
	buf_free(&out);
}
END_TEST

START_TEST(ics_deterministic)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	ck_assert_int_eq(two_events_write(&a), 0);
	ck_assert_int_eq(two_events_write(&b), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
	/* Appending a second copy gives the same bytes again. */
	ck_assert_int_eq(two_events_write(&a), 0);
	ck_assert_uint_eq(a.len, 2 * b.len);
	ck_assert_int_eq(memcmp(a.data + b.len, b.data, b.len), 0);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* For tests/ics_check.py: the two events, one crossing midnight at a
 * leap-year February's end, one at a year's end, one long and folded. */
START_TEST(ics_sample_file)
{
	struct export_event ev[5];
	struct buf out = BUF_INIT, longtext = BUF_INIT;
	FILE *fp;
	int i;

	for (i = 0; i < 40; i++)
		ck_assert_int_eq(buf_puts(&longtext, "規程を読み、確認テスト（10問）に答える。"), 0);
	memcpy(ev, two_events, sizeof(two_events));
	ev[2] = (struct export_event){
		.uid = "2028-02-night-drill@akb.secpolgen",
		.summary = "夜間訓練, 閏年", .description = "2/28 23:30 → 2/29 01:00",
		.year = 2028, .month = 2, .day = 28,
		.start_minute = 23 * 60 + 30, .duration_minutes = 90,
		.organizer_email = "soc@akb.example",
		.organizer_name = "SOC; 夜間当番",
	};
	ev[3] = (struct export_event){
		.uid = "2026-12-year-end@akb.secpolgen",
		.summary = "年越し監視", .location = "SOC ルーム\\B",
		.year = 2026, .month = 12, .day = 31,
		.start_minute = 22 * 60, .duration_minutes = 180,
	};
	ev[4] = (struct export_event){
		.uid = "2026-07-elearning@akb.secpolgen",
		.summary = "eラーニング", .description = buf_str(&longtext),
		.year = 2026, .month = 7, .day = 1,
		.start_minute = 9 * 60, .duration_minutes = 10080,
	};
	ck_assert_int_eq(export_ics(&out, "-//AKB//secpolgen 0.1.0//JA",
				    "教育・訓練 2026年度", DTSTAMP, ev, 5), 0);
	check_lines(buf_str(&out));
	fp = fopen(SAMPLE_ICS, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(out.data, 1, out.len, fp), out.len);
	ck_assert_int_eq(fclose(fp), 0);
	buf_free(&out);
	buf_free(&longtext);
}
END_TEST

Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *csv = tcase_create("csv");
	TCase *ics = tcase_create("ics");

	tcase_add_test(csv, csv_quoting);
	tcase_add_test(csv, csv_formula_guard);
	tcase_add_test(csv, csv_one_column_and_append);
	suite_add_tcase(s, csv);
	tcase_add_test(ics, ics_two_events);
	tcase_add_test(ics, ics_no_events);
	tcase_add_test(ics, ics_cleaning_and_organizer);
	tcase_add_test(ics, ics_folding);
	tcase_add_test(ics, ics_end_rolls_over);
	tcase_add_test(ics, ics_invalid_rejected);
	tcase_add_test(ics, ics_deterministic);
	tcase_add_test(ics, ics_sample_file);
	suite_add_tcase(s, ics);
	return s;
}
