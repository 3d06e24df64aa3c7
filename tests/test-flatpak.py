#!/usr/bin/env python3
"""Checks flatpak/io.github.zhibu.Zhibu.json without building it (issue 13).

Building the Flatpak needs the GNOME runtime from the network (README,
"Flatpak"); what can be checked here is checked: the manifest parses, every
downloaded source carries a real sha256, every library the app's meson files
ask for either comes with the runtime or is built as a module, the sandbox
holds no more than the app uses, and the GUI tests skip inside the SDK
rather than fail.

usage: test-flatpak.py SOURCE_ROOT
"""

import json
import os
import re
import subprocess
import sys

# What org.gnome.Platform (with the freedesktop runtime under it) ships, by
# pkg-config name. Anything else the app links must be a module below.
RUNTIME = {
    "glib-2.0", "gio-2.0", "gio-unix-2.0", "gobject-2.0", "gtk4", "libadwaita-1",
    "json-glib-1.0", "libsoup-3.0", "libsecret-1", "cairo", "pangocairo",
    "fontconfig", "icu-i18n", "icu-uc", "libxml-2.0", "zlib", "m",
    # libxcrypt, which glibc left libcrypt to: zhibu-server's password hashes.
    "libcrypt",
}
# pkg-config name -> the manifest module that provides it.
MODULES = {
    "sqlcipher": "sqlcipher",
    "poppler-glib": "poppler",
    "libgsf-1": "libgsf",
    "freexl": "freexl",
    "xlsxwriter": "libxlsxwriter",
}
# Optional and only for zhibu-server's PostgreSQL engine, which the Flatpak
# (the branch PC's app) does not carry.
SERVER_ONLY = {"libpq"}
# More of the host than the app needs: files go through the portals.
FORBIDDEN_ARGS = re.compile(r"^--filesystem=(host|host-os|host-etc|home|/)")

DEPENDENCY = re.compile(r"(?:dependency|find_library)\(\s*'([^']+)'")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

failures = []


def fail(message):
    failures.append(message)
    print("not ok:", message)


def meson_dependencies(root):
    """{name: first 'file:line' asking for it} over meson.build outside tests/."""
    found = {}
    for top in ("meson.build", "src", "data", "po"):
        path = os.path.join(root, top)
        files = [path] if os.path.isfile(path) else [
            os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs if f == "meson.build"]
        for name in sorted(files):
            with open(name, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    for dep in DEPENDENCY.findall(line):
                        found.setdefault(dep, "%s:%d" % (os.path.relpath(name, root), number))
    return found


def check_sources(modules):
    for module in modules:
        for source in module.get("sources", []):
            if source.get("type") not in ("archive", "file"):
                continue
            where = "module %s, %s" % (module["name"], source.get("url", "?"))
            digest = source.get("sha256", "")
            if not SHA256.match(digest):
                fail("%s: sha256 %r is not 64 hex digits" % (where, digest))
            elif len(set(digest)) < 8:
                fail("%s: sha256 %s looks like a placeholder" % (where, digest))
            if not source.get("url", "").startswith("https://"):
                fail("%s: the URL is not https" % where)


def check_links(root, modules):
    names = {m["name"] for m in modules}
    for dep, where in sorted(meson_dependencies(root).items()):
        if dep in RUNTIME or dep in SERVER_ONLY:
            continue
        module = MODULES.get(dep)
        if module is None:
            fail("%s asks for %s, which neither the runtime (this test's RUNTIME) "
                 "nor a module of the manifest provides" % (where, dep))
        elif module not in names:
            fail("%s asks for %s, but the manifest has no module %s" % (where, dep, module))


def check_finish_args(manifest):
    args = manifest.get("finish-args", [])
    for arg in args:
        if FORBIDDEN_ARGS.match(arg):
            fail("finish-args hold %s: files go through the portals" % arg)
    if "--share=network" not in args:
        fail("finish-args lack --share=network, which sync needs")
    if any(a.startswith("--talk-name=org.freedesktop.secrets") for a in args):
        fail("finish-args talk to the host's keyring directly; libsecret uses the Secret portal")


def check_gui_tests_skip(root):
    script = os.path.join(root, "tests", "no-xvfb-run.sh")
    env = dict(os.environ, FLATPAK_ID="io.github.zhibu.Zhibu")
    inside = subprocess.run(["sh", script, "-a", "true"], env=env,
                            capture_output=True, text=True)
    if inside.returncode != 77 or "SKIP" not in inside.stdout:
        fail("inside the SDK no-xvfb-run.sh should skip (77, SKIP...), gave %d %r"
             % (inside.returncode, inside.stdout))
    env.pop("FLATPAK_ID")
    if os.path.exists("/.flatpak-info"):
        return
    outside = subprocess.run(["sh", script, "-a", "true"], env=env,
                             capture_output=True, text=True)
    if outside.returncode in (0, 77):
        fail("outside the SDK a missing xvfb-run must fail, not pass or skip")
    with open(os.path.join(root, "tests", "meson.build"), encoding="utf-8") as f:
        text = f.read()
    if "find_program('xvfb-run')" in text:
        fail("tests/meson.build asks for xvfb-run without the no-xvfb-run.sh fallback")


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "flatpak", "io.github.zhibu.Zhibu.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    modules = manifest["modules"]
    if manifest.get("id") != "io.github.zhibu.Zhibu":
        fail("the manifest's id is %r" % manifest.get("id"))
    if modules[-1].get("name") != "zhibu" or modules[-1].get("buildsystem") != "meson":
        fail("the last module must be zhibu itself, built with meson")
    check_sources(modules)
    check_links(root, modules)
    check_finish_args(manifest)
    check_gui_tests_skip(root)
    if failures:
        sys.exit(1)
    print("ok: the Flatpak manifest (%d modules)" % len(modules))


if __name__ == "__main__":
    main()
