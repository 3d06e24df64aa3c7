#!/usr/bin/python3
# The daily workflow by keyboard alone (issue 13): the real zhibu under Xvfb,
# driven by key events only (xdotool through XTEST, as test-autosave does),
# adds a member, creates a meeting, types its minutes and finalises them;
# the real zhibu-cli then finds the member, the meeting finalised and the
# minutes stored. Without a window manager nobody gives a new window the
# keyboard focus, so the test does what a window manager would: it focuses
# each window as it appears (xdotool windowfocus), and nothing more.
#
# usage: test-keyboard.py ZHIBU ZHIBU-CLI   (under xvfb-run)

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zb_gui_session as session  # noqa: E402
from zb_gui_session import key, type_text  # noqa: E402

NAME = "王小明"
# 1990-05-04, a man (odd 17th digit), with its GB 11643 check digit.
ID_NUMBER = "110105199005041236"
TITLE = "键盘党课"
MINUTES = "Minutes typed by keyboard alone"


def full_members(branch):
    members = json.loads(branch.run("member", "list", "--format", "json"))
    return [m["name"] for m in members if m["category"] == "full"]


def choose_in_drop_down(name):
    """A searchable GtkDropDown that has the focus: open, search, choose."""
    key("space", pause=0.8)
    type_text(name, pause=0.8)
    key("Down", "Return", pause=0.8)


def main():
    zhibu, cli = sys.argv[1], sys.argv[2]
    branch = session.Branch(cli)
    chair, recorder = full_members(branch)[:2]
    app = session.start_app(zhibu, branch)
    try:
        main_window = session.wait_window("第一党支部")
        session.focus(main_window)

        # A member: Ctrl+N opens the form on the name; five Tabs reach the
        # ID number (sex, ethnic group, birth date and its calendar between).
        key("alt+1", "ctrl+n", pause=1.5)
        session.focus(session.wait_window("New Member|新增人员|添加党员"))
        type_text(NAME)
        key("Tab", "Tab", "Tab", "Tab", "Tab", pause=0.3)
        type_text(ID_NUMBER)
        # A full member (the category the form starts with) has an admission
        # and a full-membership date: fifteen Tabs on, past 学历 and its list,
        # the contact rows, the category and three dates with calendars.
        key(*["Tab"] * 15, pause=0.2)
        type_text("2019-07-01")
        key("Tab", "Tab", pause=0.2)
        type_text("2020/7/1")
        key("ctrl+s", pause=2.0)
        if os.environ.get("ZB_KEYBOARD_DEBUG"):
            print([m["name"] for m in json.loads(branch.run("member", "list", "--format",
                                                            "json"))])
            print(session.xdotool("search", "--onlyvisible", "--name", "."))

        # A meeting: 党课 (the fourth type), a title, the chair and the
        # recorder, Enter.
        session.focus(main_window)
        key("alt+2", "ctrl+n", pause=2.0)
        session.focus(session.wait_window("New Meeting|新建会议"))
        key("shift+Tab", "space", "Down", "Down", "Down", "Return", pause=0.6)
        key("Tab", "ctrl+a", pause=0.3)
        type_text(TITLE)
        key("Tab", "Tab", "Tab", "Tab", "Tab", pause=0.3)
        choose_in_drop_down(chair)
        key("Tab", "Tab", pause=0.3)
        choose_in_drop_down(recorder)
        key("shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab",
            "shift+Tab", pause=0.3)
        key("Return", pause=2.5)

        # Its minutes open on the first agenda item's text.
        session.focus(session.wait_window(TITLE))
        type_text(MINUTES, pause=1.0)
        editor = session.wait_window(TITLE)
        before = set(session.xdotool("search", "--onlyvisible", "--pid", str(app.pid)).split())
        key("ctrl+Return", pause=1.5)
        # The question "Finalise the Minutes?": Cancel has the focus, Tab
        # moves it to Finalise.
        after = session.xdotool("search", "--onlyvisible", "--pid", str(app.pid)).split()
        dialog = [w for w in after if w not in before and w != editor]
        if os.environ.get("ZB_KEYBOARD_DEBUG"):
            print("before", before, "after", after, "editor", editor)
            for w in after:
                print(w, session.xdotool("getwindowname", w))
        if dialog:
            session.focus(dialog[-1])
        key("Tab", "Return", pause=3.0)
    finally:
        app.terminate()
        app.wait(timeout=30)

    failures = []
    members = json.loads(branch.run("member", "list", "--format", "json"))
    # The list masks ID numbers; the birth date came from the one typed.
    if not any(m["name"] == NAME and m["birth_date"] == "1990-05-04" for m in members):
        failures.append(f"no member {NAME} born on the date of the ID number typed")
    meetings = json.loads(branch.run("meeting", "list", "--format", "json"))
    ours = [m for m in meetings if m["title"] == TITLE]
    if len(ours) != 1:
        failures.append(f"meetings titled {TITLE}: {len(ours)}, not 1; all: "
                        + ", ".join(str(m["title"]) for m in meetings))
    else:
        shown = json.loads(branch.run("meeting", "show", "--format", "json", ours[0]["id"]))
        if ours[0]["type"] != "lecture":
            failures.append(f"the meeting is a {ours[0]['type']}, not a lecture")
        if not shown.get("finalized_at"):
            failures.append("the meeting is not finalised")
        if MINUTES not in json.dumps(shown, ensure_ascii=False):
            failures.append("the minutes typed are not stored")
    branch.remove()

    if failures:
        print("not ok: " + "; ".join(failures))
        return 1
    print("ok: a member added, a meeting created, minutes typed and finalised by keyboard")
    return 0


if __name__ == "__main__":
    sys.exit(main())
