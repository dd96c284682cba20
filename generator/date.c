/* date.c - calendar arithmetic. */
#include "date.h"

#include <stdio.h>

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
