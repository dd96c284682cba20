#!/usr/bin/env python3
"""securitytxt_check.py [--now YYYY-MM-DDTHH:MM:SSZ] FILE - checks a
security.txt against RFC 9116 (section 2.5 fields, section 4 ABNF),
written from the RFC for the tests because no RFC 9116 linter can be
installed from Debian's archive or the npm registry this project may use.
Prints one line per finding and "ok FILE" when there is none; exit 1 on
an error. --now is the moment Expires is judged against (default: now)."""
import datetime, re, sys

TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
# RFC 3339 5.6 date-time.
DATE_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# RFC 5646 language tag, the common part: language, script, region, variants.
LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-([A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*$")
URI_FIELDS = {"contact", "acknowledgments", "canonical", "encryption", "hiring", "policy", "csaf"}
KNOWN = URI_FIELDS | {"expires", "preferred-languages"}


def check(data, now):
    errors, fields = [], []
    if data.startswith(b"\xef\xbb\xbf"):
        errors.append("0: a byte order mark before the first field")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["0: not UTF-8 (%s)" % e]
    if text and not text.endswith("\n"):
        errors.append("0: the last line does not end in a line break")
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        line = line[:-1] if line.endswith("\r") else line
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        if not sep or not TOKEN.match(name):
            errors.append("%d: not a field, a comment or an empty line: %r" % (n, line))
            continue
        if value[:1] not in (" ", "\t") or not value.strip():
            errors.append("%d: %s: a space and a value must follow the colon" % (n, name))
        fields.append((n, name.lower(), value.strip()))
    count = lambda f: sum(1 for x in fields if x[1] == f)
    if count("contact") < 1:
        errors.append("0: no Contact field (RFC 9116 2.5.3: at least one)")
    if count("expires") != 1:
        errors.append("0: %d Expires fields (RFC 9116 2.5.5: exactly one)" % count("expires"))
    if count("preferred-languages") > 1:
        errors.append("0: more than one Preferred-Languages field (2.5.8)")
    for n, name, value in fields:
        if name not in KNOWN:
            errors.append("%d: %s is not a field of RFC 9116's registry" % (n, name))
        if name in URI_FIELDS:
            scheme = value.split(":", 1)[0].lower()
            if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value, re.I):
                errors.append("%d: %s: not a URI: %r" % (n, name, value))
            elif scheme == "http" or (name != "contact" and name != "encryption" and scheme != "https"):
                errors.append("%d: %s: a web URI must use https (2.5)" % (n, name))
            elif name == "contact" and scheme not in ("https", "mailto", "tel"):
                errors.append("%d: Contact: use https, mailto or tel, not %s" % (n, scheme))
            if name == "canonical" and not value.endswith("/.well-known/security.txt"):
                errors.append("%d: Canonical: not a /.well-known/security.txt address (3)" % n)
        if name == "expires":
            m = DATE_TIME.match(value)
            if not m:
                errors.append("%d: Expires: not an RFC 3339 date-time: %r" % (n, value))
                continue
            when = datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
            if when <= now:
                errors.append("%d: Expires: %s has passed" % (n, value))
            elif when - now > datetime.timedelta(days=366):
                errors.append("%d: Expires: more than a year ahead (2.5.5 recommends less)" % n)
        if name == "preferred-languages":
            for tag in value.split(","):
                if not LANG.match(tag.strip()):
                    errors.append("%d: Preferred-Languages: %r is not a language tag" % (n, tag.strip()))
    return errors


def main(argv):
    now = datetime.datetime.now(datetime.timezone.utc)
    if len(argv) > 2 and argv[1] == "--now":
        now = datetime.datetime.fromisoformat(argv[2].replace("Z", "+00:00"))
        argv = argv[2:]
    if len(argv) != 2:
        print(__doc__.split("\n")[0], file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        errors = check(f.read(), now)
    for e in errors:
        print("%s:%s" % (argv[1], e))
    if not errors:
        print("ok %s" % argv[1])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
