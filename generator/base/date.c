/* date.c - calendar arithmetic. */
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int date_parse(const char *s, struct date *out)
{
	if (!s || sscanf(s, "%4d-%2d-%2d", &out->y, &out->m, &out->d) != 3)
		return -1;
	return 0;
}

struct date date_add_months(struct date dt, int months)
{
	int total = dt.y * 12 + (dt.m - 1) + months;

	dt.y = total / 12;
	dt.m = total % 12 + 1;
	if (dt.d > date_days_in_month(dt.y, dt.m))
		dt.d = date_days_in_month(dt.y, dt.m);
	return dt;
}

struct date date_add_days(struct date dt, int days)
{
	while (days > 0) {
		int left = date_days_in_month(dt.y, dt.m) - dt.d;
		if (days <= left) {
			dt.d += days;
			break;
		}
		days -= left + 1;
		dt.d = 1;
		if (++dt.m > 12) {
			dt.m = 1;
			dt.y++;
		}
	}
	while (days < 0) {
		if (-days < dt.d) {
			dt.d += days;
			break;
		}
		days += dt.d;
		if (--dt.m < 1) {
			dt.m = 12;
			dt.y--;
		}
		dt.d = date_days_in_month(dt.y, dt.m);
	}
	return dt;
}

int date_weekday(struct date dt)
{
	/* Sakamoto's method. */
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = dt.m < 3 ? dt.y - 1 : dt.y;

	return (y + y / 4 - y / 100 + y / 400 + t[dt.m - 1] + dt.d) % 7;
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

int date_today(struct date *out)
{
	const char *env = getenv("SECPOLGEN_TODAY");
	struct date d;
	time_t now = time(NULL);
	struct tm tm;

	if (env && strlen(env) == 10 && date_parse(env, &d) == 0 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	    d.d <= date_days_in_month(d.y, d.m)) {
		*out = d;
		return 0;
	}
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return -1;
	*out = (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	return 0;
}
