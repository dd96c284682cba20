/* date.h - calendar dates (YYYY-MM-DD, proleptic Gregorian), the one
 * place that knows how long a month is. */
#ifndef SECPOLGEN_DATE_H
#define SECPOLGEN_DATE_H

struct date {
	int y, m, d;
};

/* Days in month m (1..12) of year y, leap years included. */
int date_days_in_month(int y, int m);

/* Reads "YYYY-MM-DD" (shape only; the profile reader has checked that the
 * day exists). 0 ok, -1 when s is NULL or not of that shape. */
int date_parse(const char *s, struct date *out);

/* dt moved by months, the day clamped to the end of a shorter month
 * (31 August + 6 months = 28 or 29 February). */
struct date date_add_months(struct date dt, int months);

/* dt moved by days, forward or back. */
struct date date_add_days(struct date dt, int days);

/* The day of the week, 0 for Sunday to 6 for Saturday. */
int date_weekday(struct date dt);

/* Negative, zero or positive as a is before, on or after b. */
int date_cmp(struct date a, struct date b);

/* Today: SECPOLGEN_TODAY when it is YYYY-MM-DD (so that tests repeat
 * whatever the day they run on), else the local date. 0, or -1 when the
 * clock cannot be read. */
int date_today(struct date *out);

#endif
