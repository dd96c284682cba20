#!/usr/bin/python3
"""lo_shapes.py DOCX TITLE... - the organisation chart of DOCX, as
LibreOffice sees it, through its UNO API: every figure is a group of
editable shapes (text boxes and lines, no picture); every TITLE is the text
of one box; and one box can be moved: moved by 10 mm x 5 mm, saved as DOCX
and opened again, it is 10 mm x 5 mm from where it was while the other
boxes stayed. Prints "ok ..." / "FAIL ..." lines; exit 0 when all pass,
1 when one fails, 77 when LibreOffice cannot be started.

Run with Debian's python3 (the one python3-uno belongs to)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.awt import Point
    from com.sun.star.beans import PropertyValue
except ImportError:
    print("skip LibreOffice's UNO API is not importable (python3-uno)")
    sys.exit(77)

failed = 0


def ok(msg):
    print("ok   " + msg)


def fail(msg):
    global failed
    failed += 1
    print("FAIL " + msg)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start(tmp):
    pipe = "secpolgen_shapes_%d" % os.getpid()
    proc = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://%s/profile" % tmp, "--headless",
         "--invisible", "--norestore", "--nologo",
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx)
            return proc, desktop
        except Exception:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    return None, None


def load(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                        (prop("Hidden", True),))


def box_text(shape):
    try:
        frame = shape.getPropertyValue("TextBoxContent")
        return frame.getString() if frame else ""
    except Exception:
        return ""


def groups(doc):
    page = doc.DrawPage
    return [page.getByIndex(i) for i in range(page.getCount())]


def children(group):
    return [group.getByIndex(i) for i in range(group.getCount())]


def boxes(doc):
    """(text with line breaks folded, shape) of every box, in order."""
    out = []
    for g in groups(doc):
        if g.ShapeType != "com.sun.star.drawing.GroupShape":
            continue
        for c in children(g):
            if c.ShapeType == "com.sun.star.drawing.CustomShape":
                out.append((" ".join(box_text(c).split()), c))
    return out


def main():
    if len(sys.argv) < 3:
        print("usage: lo_shapes.py DOCX TITLE...", file=sys.stderr)
        return 2
    path, titles = sys.argv[1], sys.argv[2:]
    name = os.path.basename(path)
    tmp = tempfile.mkdtemp(prefix="secpolgen-shapes-")
    proc, desktop = start(tmp)
    if not desktop:
        print("skip LibreOffice did not start for its UNO API")
        shutil.rmtree(tmp, ignore_errors=True)
        return 77
    try:
        doc = load(desktop, path)
        top = groups(doc)
        kinds = sorted({s.ShapeType for s in top})
        if top and kinds == ["com.sun.star.drawing.GroupShape"]:
            ok("%s: the chart is %d group(s) of shapes, no picture" % (name, len(top)))
        else:
            fail("%s: expected only groups of shapes on the page, found %s" % (name, kinds))
        inner = sorted({c.ShapeType for g in top if g.ShapeType.endswith("GroupShape")
                        for c in children(g)})
        if inner == ["com.sun.star.drawing.CustomShape", "com.sun.star.drawing.LineShape"]:
            ok("%s: the groups hold text boxes and lines" % name)
        else:
            fail("%s: the groups hold %s" % (name, inner))
        found = boxes(doc)
        texts = [t for t, _ in found]
        # A title may be broken over lines: compare without white space.
        flat = ["".join(t.split()) for t in texts]
        missing = [t for t in titles if not any("".join(t.split()) in f for f in flat)]
        if not missing:
            ok("%s: each of the %d roles and parties is a box with its text" % (name, len(titles)))
        else:
            fail("%s: no box says %s" % (name, ", ".join(missing)))
        if len(found) < 2:
            fail("%s: fewer than two boxes to move" % name)
            return 1
        # Move the second box of the first group; compare with the first.
        (t0, s0), (t1, s1) = found[0], found[1]
        before = (s1.Position.X - s0.Position.X, s1.Position.Y - s0.Position.Y)
        s1.setPosition(Point(s1.Position.X + 1000, s1.Position.Y + 500))
        out = os.path.join(tmp, "moved.docx")
        doc.storeToURL(uno.systemPathToFileUrl(out),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        doc = load(desktop, out)
        again = dict(boxes(doc))
        if t0 in again and t1 in again:
            a0, a1 = again[t0], again[t1]
            after = (a1.Position.X - a0.Position.X, a1.Position.Y - a0.Position.Y)
            dx, dy = after[0] - before[0], after[1] - before[1]
            if abs(dx - 1000) <= 20 and abs(dy - 500) <= 20:
                ok("%s: a box moved 10 mm x 5 mm stays there when saved and opened again" % name)
            else:
                fail("%s: the moved box is off by %d x %d (1/100 mm), want 1000 x 500" % (name, dx, dy))
        else:
            fail("%s: the boxes are gone after saving: %s" % (name, sorted(again)[:4]))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
