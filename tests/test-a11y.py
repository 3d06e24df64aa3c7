#!/usr/bin/python3
# Every control has an accessible name (issue 13, "Accessibility"): the real
# zhibu, on a branch with data, under Xvfb with a private D-Bus session
# (dbus-run-session) and at-spi2-core's accessibility bus, walked by an
# AT-SPI client (python3-pyatspi) in each sidebar section, the member form,
# the new-meeting dialog and the minutes editor. Fails listing every push
# button, toggle, check box, entry, combo box and spin button that a screen
# reader would announce without a name, by role and path.
#
# usage: test-a11y.py ZHIBU ZHIBU-CLI   (under xvfb-run and dbus-run-session)

import os
import re
import subprocess
import sys
import time

# The app keeps the suite's fatal warnings; this client must not: pyatspi
# warns (dbind, "GetItems") when the desktop still lists an app that has
# just quit, and a fatal warning there traps the test, not the app. GLib
# reads G_DEBUG when it loads, so it goes before the import.
if "G_DEBUG" in os.environ:
    os.environ["ZB_APP_G_DEBUG"] = os.environ.pop("G_DEBUG")

import pyatspi  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zb_gui_session as session  # noqa: E402

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_MENU_ITEM,
}
# Editable text only: a GtkLabel is ROLE_LABEL, but GtkTextView is ROLE_TEXT too.
TEXT_ROLES = {pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT}
SECTIONS = 10
DUMP = os.environ.get("ZB_A11Y_DUMP") == "1"


def start_bus():
    """at-spi2-core's bus in this D-Bus session; its registry starts on demand."""
    for d in ("/usr/libexec", "/usr/lib/at-spi2-core", "/usr/lib/at-spi2"):
        launcher = os.path.join(d, "at-spi-bus-launcher")
        if os.path.exists(launcher):
            return subprocess.Popen([launcher, "--launch-immediately"])
    sys.exit("at-spi-bus-launcher not found: install at-spi2-core (build-aux/deps.sh)")


def find_app(proc, seconds=60):
    """The app's accessible, or None when it did not reach the bus in time
    or died on the way (its exit code is printed)."""
    desktop = pyatspi.Registry.getDesktop(0)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            print(f"zhibu exited with {proc.returncode} before reaching the accessibility bus")
            return None
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == proc.pid:
                    return app
            except Exception:
                pass
        time.sleep(0.5)
    print("zhibu did not reach the accessibility bus in time")
    return None


def start_on_bus(zhibu, branch, meeting=None):
    """The app and its accessible. A launch that never reaches the bus (the
    registry starting late on a loaded machine) is tried once more before
    the test fails: a failure here is about the bus, not about names."""
    for attempt in (1, 2):
        proc = session.start_app(zhibu, branch, accessible=True, meeting=meeting)
        app = find_app(proc)
        if app is not None:
            return proc, app
        proc.kill()
        proc.wait(timeout=30)
    sys.exit("not ok: zhibu never appeared on the accessibility bus")


def showing(acc):
    """GTK 4.8 marks only toplevels SHOWING; VISIBLE is gtk_widget_get_visible."""
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def nameless(acc):
    """GTK 4.8 names an accessible without a name by its type (GtkSearchEntry)."""
    name = (acc.name or "").strip()
    return not name or re.fullmatch(r"(Gtk|Adw|Zb)[A-Za-z]+", name) is not None


def describe(acc):
    try:
        return f"(description: {acc.description!r})" if acc.description else ""
    except Exception:
        return ""


def label_of(acc):
    try:
        role = acc.getRoleName()
    except Exception:
        role = "?"
    name = (acc.name or "").strip()
    if not nameless(acc):
        return f"{role}[{name}]"
    # The type GTK names a nameless accessible by tells the widget in the path.
    return f"{role}({name})" if name else role


def walk(acc, path, found, seen, counted):
    """Records each nameless control under ACC that is on screen."""
    for child in acc:
        if child is None or not showing(child):
            continue
        here = path + " > " + label_of(child)
        role = child.getRole()
        if DUMP:
            print(here)
        if role in CONTROLS:
            counted.add(here)
        if role in CONTROLS and nameless(child):
            # A text view inside a labelled container is still a nameless control.
            # The same control seen again in a later step is listed once.
            where = here.split(": ", 1)[-1]
            if where not in seen:
                seen.add(where)
                found.append((child.getRoleName() + " " + describe(child), here))
        walk(child, here, found, seen, counted)


def walk_app(app, where, found, seen):
    """Walks every window on screen; a walk that meets no control at all
    (the bus not answering, a view not shown) fails rather than passes."""
    counted = set()
    for window in app:
        if window is not None and showing(window):
            walk(window, where + ": " + label_of(window), found, seen, counted)
    print(f"{where}: {len(counted)} controls")
    if len(counted) < 3:
        found.append(("(none)", f"{where}: fewer than three controls on the bus"))


def main():
    zhibu, cli = sys.argv[1], sys.argv[2]
    bus = start_bus()
    branch = session.Branch(cli)
    found, seen = [], set()
    app_proc, app = start_on_bus(zhibu, branch)
    try:
        # SECURITY.md: a dump of the app would hold the key and decrypted pages.
        if session.core_limit(app_proc.pid) != "0":
            found.append(("(process)", "the app runs with core dumps allowed"))
        main_window = session.wait_window("第一党支部|Zhibu|支部工作台")
        session.focus(main_window)
        time.sleep(1)
        for i in range(1, SECTIONS + 1):
            session.key(f"alt+{i % 10}", pause=1.0)
            walk_app(app, f"section {i}", found, seen)

        session.key("alt+1", "ctrl+n", pause=1.5)
        walk_app(app, "member form", found, seen)
        session.key("Escape", pause=1.0)

        session.focus(main_window)
        session.key("alt+2", "ctrl+n", pause=1.5)
        walk_app(app, "new meeting", found, seen)
        session.key("Escape", pause=1.0)
    finally:
        app_proc.terminate()
        app_proc.wait(timeout=30)

    # The minutes editor, as --meeting opens it.
    app_proc, app = start_on_bus(zhibu, branch, meeting=branch.meeting)
    try:
        session.wait_window(session.MEETING_TITLE)
        time.sleep(1.5)
        walk_app(app, "minutes", found, seen)
    finally:
        app_proc.terminate()
        app_proc.wait(timeout=30)
        bus.terminate()
        branch.remove()

    if found:
        print(f"not ok: {len(found)} controls without an accessible name:")
        for role, path in found:
            print(f"  {role}: {path}")
        return 1
    print("ok: every button, toggle, check box, entry, combo and spin button has a name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
