# The real zhibu on a prepared branch, for the tests that drive it from
# outside as a user or an assistive technology would (issue 13): a branch made
# by the real zhibu-cli, the app started on it with a fresh HOME, and xdotool
# for key events through XTEST. Used by test-a11y.py and test-keyboard.py.

import os
import resource
import shutil
import subprocess
import tempfile
import time

PASSPHRASE = "风雨同舟 2026\n"
MEETING_TITLE = "a11y meeting"


class Branch:
    """A branch database with demo members and one meeting, made by zhibu-cli."""

    def __init__(self, cli):
        self.cli = cli
        self.dir = tempfile.mkdtemp(prefix="zhibu-gui-")
        self.db = os.path.join(self.dir, "branch.zhibu")
        self.passphrase_file = os.path.join(self.dir, "passphrase")
        with open(self.passphrase_file, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE)
        self.run("init", "--branch", "第一党支部", "--demo-members", "12")
        self.meeting = self.run("meeting", "add", "--type", "general", "--date", "2026-11-20",
                                "--title", MEETING_TITLE).strip()

    def run(self, *args):
        out = subprocess.run([self.cli, "--db", self.db, "--passphrase-file",
                              self.passphrase_file] + list(args),
                             check=True, capture_output=True, text=True, timeout=60)
        return out.stdout

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def app_env(branch, accessible):
    env = dict(os.environ)
    home = os.path.join(branch.dir, "home")
    os.makedirs(home, exist_ok=True)
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
               XDG_DATA_HOME=os.path.join(home, ".local", "share"),
               XDG_CACHE_HOME=os.path.join(home, ".cache"))
    if "ZB_APP_G_DEBUG" in env:
        env["G_DEBUG"] = env.pop("ZB_APP_G_DEBUG")
    if accessible:
        # The other GUI tests switch the accessibility bus off; this one needs it.
        env.pop("NO_AT_BRIDGE", None)
        env["GTK_A11Y"] = "atspi"
    return env


def wait_display(seconds=60):
    """xvfb-run hands over as soon as Xvfb says it is ready, but a display
    left behind by an earlier test can still be going away: wait until a
    client can really open ours, so the app does not die on "cannot open
    display"."""
    deadline = time.monotonic() + seconds
    while True:
        probe = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True)
        if probe.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise SystemExit(f"not ok: the X display {os.environ.get('DISPLAY')} never opened: "
                             f"{probe.stderr.strip()}")
        time.sleep(0.5)


def start_app(zhibu, branch, accessible=False, meeting=None):
    wait_display()
    argv = [zhibu, "--db", branch.db, "--passphrase-file", branch.passphrase_file]
    if meeting:
        argv += ["--meeting", meeting]
    return subprocess.Popen(argv, env=app_env(branch, accessible), preexec_fn=allow_core_dumps)


def allow_core_dumps():
    """The app starts allowed to dump core, as on a desktop where ulimit -c
    is unlimited: it must forbid that itself (SECURITY.md)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def core_limit(pid):
    """The soft core file size limit of PID, as /proc shows it."""
    with open(f"/proc/{pid}/limits", encoding="utf-8") as f:
        for line in f:
            if line.startswith("Max core file size"):
                return line.split()[4]
    return None


def xdotool(*args, timeout=60):
    out = subprocess.run(["xdotool"] + list(args), check=True, capture_output=True, text=True,
                         timeout=timeout)
    return out.stdout.strip()


def wait_window(name):
    """The X id of the newest visible window named NAME (a regular expression)."""
    ids = xdotool("search", "--sync", "--onlyvisible", "--name", name, timeout=90)
    return ids.split("\n")[-1]


def focus(window):
    xdotool("windowfocus", "--sync", window)
    time.sleep(0.3)


def key(*keys, pause=0.4):
    for k in keys:
        xdotool("key", "--clearmodifiers", k)
        time.sleep(pause)


def type_text(text, pause=0.3):
    xdotool("type", "--delay", "30", text)
    time.sleep(pause)
