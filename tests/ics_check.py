#!/usr/bin/python3
"""ics_check.py - reads an iCalendar file (RFC 5545) the way another
program would: with the `icalendar` package (Debian: python3-icalendar).

    /usr/bin/python3 tests/ics_check.py FILE.ics

Prints "ok <DTSTART> <SUMMARY>" for each VEVENT and exits 0; prints
"FAIL ..." and exits 1 when the file is not UTF-8 with CRLF lines of at
most 75 octets, does not parse, lacks VERSION or PRODID, an event lacks
UID, DTSTAMP, DTSTART, DTEND or SUMMARY or ends before it starts, or
writing it out again with icalendar and reading that back changes a value.
Prints "skip ..." and exits 77 (automake's skip) without the package.
"""
import sys

try:
    import icalendar
except ImportError as e:
    print("skip ics_check: python3 icalendar not importable (%s);"
          " apt-get install python3-icalendar" % e)
    sys.exit(77)

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY")
COMPARED = REQUIRED + ("DESCRIPTION", "LOCATION", "ORGANIZER")


class Failure(Exception):
    pass


def check_lines(data):
    """RFC 5545 3.1: CRLF line ends, lines of at most 75 octets, UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure("not UTF-8: %s" % e)
    if not data.endswith(b"\r\n"):
        raise Failure("the file does not end with CRLF")
    for number, line in enumerate(data[:-2].split(b"\r\n"), 1):
        if b"\r" in line or b"\n" in line:
            raise Failure("line %d: a bare CR or LF" % number)
        if len(line) > 75:
            raise Failure("line %d: %d octets (more than 75)"
                          % (number, len(line)))


def event_values(event):
    """The compared properties of an event, decoded to comparable values."""
    values = {}
    for name in COMPARED:
        if name in event:
            value = event[name]
            if hasattr(value, "dt"):
                values[name] = value.dt
            else:
                values[name] = (str(value), dict(getattr(value, "params", {})))
    return values


def check(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Failure(e.strerror)
    check_lines(data)
    try:
        cal = icalendar.Calendar.from_ical(data.decode("utf-8"))
    except ValueError as e:
        raise Failure("does not parse: %s" % e)
    if cal.name != "VCALENDAR":
        raise Failure("the top component is %s, not VCALENDAR" % cal.name)
    for name in ("VERSION", "PRODID"):
        if name not in cal:
            raise Failure("VCALENDAR without %s" % name)
    for component in cal.walk():
        if component.errors:
            raise Failure("%s: %s" % (component.name, component.errors))

    events = cal.walk("VEVENT")
    lines = []
    for number, event in enumerate(events, 1):
        missing = [name for name in REQUIRED if name not in event]
        if missing:
            raise Failure("VEVENT %d without %s" % (number, ", ".join(missing)))
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if type(start) is not type(end) or end <= start:
            raise Failure("VEVENT %d (%s): DTEND %s not after DTSTART %s"
                          % (number, event["UID"], end, start))
        lines.append("ok %s %s" % (event["DTSTART"].to_ical().decode("utf-8"),
                                   event["SUMMARY"]))

    # Round trip: what icalendar writes back must read as the same values.
    again = icalendar.Calendar.from_ical(cal.to_ical().decode("utf-8"))
    events_again = again.walk("VEVENT")
    if len(events_again) != len(events):
        raise Failure("round trip: %d events became %d"
                      % (len(events), len(events_again)))
    for event, event_again in zip(events, events_again):
        before, after = event_values(event), event_values(event_again)
        if before != after:
            raise Failure("round trip changed %s: %r became %r"
                          % (event["UID"], before, after))
    return lines


def main(argv):
    if len(argv) != 2:
        print("FAIL usage: ics_check.py FILE.ics")
        return 1
    try:
        lines = check(argv[1])
    except Failure as e:
        print("FAIL %s: %s" % (argv[1], e))
        return 1
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
