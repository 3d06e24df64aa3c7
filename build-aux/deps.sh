#!/bin/sh
# Installs, from Debian 12's packages, whatever of Zhibu's build, run and test
# dependencies this machine lacks. Run as root. What only a tool outside the test
# suite needs it installs itself: clang for the fuzzers (build-aux/fuzz.sh),
# LibreOffice for a benchmark.
#
# usage: deps.sh [all|build|browser]: everything (the default); or what the
# build and all tests but the browser's need; or the browser test's chromium,
# which build-aux/test.sh installs while the build runs.
set -eu

build_packages="
  build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlcipher-dev sqlcipher libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libpq-dev postgresql libcrypt-dev
  libpoppler-glib-dev libcairo2-dev libpango1.0-dev libicu-dev
  desktop-file-utils appstream
  xvfb xauth dbus gnome-keyring
  adwaita-icon-theme librsvg2-common xdotool
  at-spi2-core python3-pyatspi
  libgsf-1-dev libxml2-dev libfreexl-dev libxlsxwriter-dev python3-openpyxl
  locales-all fonts-noto-cjk fonts-arphic-ukai poppler-utils qpdf openssl
"
# The committee's pages in a real browser (tests/test-committee-browser.py).
browser_packages="chromium chromium-driver python3-selenium"

case "${1:-all}" in
  all) packages="$build_packages $browser_packages" ;;
  build) packages="$build_packages" ;;
  browser) packages="$browser_packages" ;;
  *) echo "usage: deps.sh [all|build|browser]" >&2; exit 2 ;;
esac

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  # Lists fetched in the last hour (by the build's call, just before) will do.
  find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | grep -q . ||
    apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q $missing
fi
