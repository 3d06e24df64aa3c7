#!/usr/bin/python3
# The committee's side in a real browser (issue 15): Debian's chromium,
# driven by chromedriver through python3-selenium, against a real
# zhibu-server serving a generated committee of 20 branches with two years
# of records synced by the real client (committee-fixture). A committee
# officer signs in, reads the dashboard, opens a branch and one of its
# finalised records, fetches the record's PDF (the same text as the PDF the
# branch's own zhibu-cli prints), sends the record back with a comment, is
# refused the branch not assigned to the account, and signs out; the
# branch's PC then syncs and holds the comment. Screenshots are kept in
# $ZHIBU_SCREENSHOT_DIR (or ./screenshots), to be looked at.
#
# usage: test-committee-browser.py COMMITTEE-FIXTURE ZHIBU-CLI [ENGINE]

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

N_BRANCHES = 20
READY = "committee-fixture: "
COMMENT = "第一议题的学习记录未写明交流研讨的内容，请补充后再报。"
FAILURES = []


def check(ok, what):
    print(("ok: " if ok else "not ok: ") + what, flush=True)
    if not ok:
        FAILURES.append(what)


def screenshot(driver, name):
    folder = os.environ.get("ZHIBU_SCREENSHOT_DIR", "screenshots")
    os.makedirs(folder, exist_ok=True)
    # The whole page, however long: the window as tall as the document.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(900, min(height + 40, 6000)))
    driver.save_screenshot(os.path.join(folder, name))


def page_gone(page):
    """The old page has left: selenium's staleness_of, except that Chrome 156
    may answer, while it tears the old document down, that the element's node
    "does not belong to the document" instead of calling it stale (CI,
    2026-12-03)."""
    stale = expected_conditions.staleness_of(page)

    def gone(driver):
        try:
            return stale(driver)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return gone


def click(driver, element):
    """Clicks, then waits for the next page: a click returns before the
    form it submits has been answered."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 60).until(page_gone(page))


def start_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=zh-CN", "--no-first-run",
                "--disable-background-networking", "--disable-component-update"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def chinese_env():
    """The pages' own default, Chinese, rather than the tests' LANGUAGE=C."""
    env = dict(os.environ, LC_ALL="zh_CN.UTF-8")
    env.pop("LANGUAGE", None)
    return env


def cli(fixture, branch, *args):
    return subprocess.run([fixture["cli"], "--db", branch["db"], "--passphrase-file",
                           fixture["passphrase_file"], *args], env=chinese_env(),
                          check=True, capture_output=True, text=True).stdout


def fetch(driver, url):
    """GET @url with the browser's cookies, as its PDF viewer would."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.status, answer.headers, answer.read()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True,
                          text=True).stdout


def sign_in(driver, fixture):
    driver.get(fixture["url"] + "committee/")
    check(driver.current_url.endswith("/committee/login"), "without a session: the sign-in form")
    screenshot(driver, "committee-login.png")
    driver.find_element(By.ID, "name").send_keys(fixture["account"])
    driver.find_element(By.ID, "password").send_keys(fixture["password"])
    started = time.monotonic()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    seconds = time.monotonic() - started
    check(driver.current_url.rstrip("/").endswith("/committee"),
          "signed in: the dashboard (%s)" % driver.current_url)
    print("# dashboard after sign-in in %.3f s" % seconds)


def read_dashboard(driver, fixture):
    page = driver.page_source
    mine = [b["name"] for b in fixture["branches"][:-1]]
    check(all(name in page for name in mine), "the dashboard lists the account's 19 branches")
    rows = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "table a[href*='/branch/']")]
    check(rows == mine, "in the order a person counts them: %s" % " ".join(rows[:4]))
    check(fixture["branches"][-1]["name"] not in page,
          "the branch not assigned to the account is not on the dashboard")
    check(page.count("<svg") >= 1, "monthly figures drawn as inline SVG")
    check("<script" not in page, "no script on the page")
    check(not re.search(r"\d{17}[\dXx]|1[3-9]\d{9}", page), "no ID number or phone on the page")
    screenshot(driver, "committee-dashboard.png")


def open_record(driver, fixture):
    first = fixture["branches"][0]
    click(driver, driver.find_element(By.LINK_TEXT, first["name"]))
    check("/committee/branch/" in driver.current_url, "a branch's page from the dashboard")
    screenshot(driver, "committee-branch.png")
    links = driver.find_elements(By.CSS_SELECTOR, "a[href*='/record/']")
    check(len(links) > 10, "the branch's finalised records listed (%d)" % len(links))
    finalised = [urllib.parse.unquote(a.get_attribute("href").rsplit("/record/", 1)[1])
                 for a in links]
    click(driver, links[0])
    meeting_id = urllib.parse.unquote(driver.current_url.rsplit("/record/", 1)[1])
    check(driver.find_element(By.ID, "comment") is not None, "the record's page has the review form")
    screenshot(driver, "committee-record.png")
    return meeting_id, finalised


def check_pdf(driver, fixture, meeting_id, work):
    first = fixture["branches"][0]
    link = driver.find_element(By.CSS_SELECTOR, "a[href$='.pdf']").get_attribute("href")
    status, headers, body = fetch(driver, link)
    check(status == 200 and headers.get_content_type() == "application/pdf",
          "the record's PDF is served (%d %s)" % (status, headers.get_content_type()))
    check(body.startswith(b"%PDF-"), "the record's PDF is a PDF")
    served = os.path.join(work, "served.pdf")
    printed = os.path.join(work, "printed.pdf")
    with open(served, "wb") as f:
        f.write(body)
    cli(fixture, first, "render", "meeting", meeting_id, "-o", printed)
    check(pdf_text(served) == pdf_text(printed),
          "the served PDF reads as the branch's own zhibu-cli prints it")
    folder = os.environ.get("ZHIBU_SCREENSHOT_DIR", "screenshots")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", served,
                    os.path.join(folder, "committee-record-pdf")], check=True)


def status_of(driver, url, cookies=True):
    """The status of GET @url, redirects not followed."""
    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    header = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": header} if cookies else {})
    try:
        with urllib.request.build_opener(Keep).open(request, timeout=60) as answer:
            return answer.status, answer.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def refused_pdfs(driver, fixture, meeting_id, finalised):
    """The PDF is the committee's as the record's page is: signed in, the
    account's branch, a finalised record."""
    first, other = fixture["branches"][0], fixture["branches"][-1]
    base = fixture["url"] + "committee/branch/"
    path = "/record/" + urllib.parse.quote(meeting_id) + ".pdf"
    status, location = status_of(driver, base + urllib.parse.quote(first["id"]) + path, False)
    check(status == 303 and location.endswith("/committee/login"),
          "the PDF without a session: the sign-in form (%s)" % status)
    status, _ = status_of(driver, base + urllib.parse.quote(other["id"]) + path)
    check(status == 403, "the PDF under a branch not the account's: 403 (%s)" % status)
    drafts = [m["id"] for m in json.loads(cli(fixture, first, "meeting", "list", "--format",
                                                "json")) if m["id"] not in finalised]
    status, _ = status_of(driver, base + urllib.parse.quote(first["id"]) + "/record/" +
                          urllib.parse.quote(drafts[0]) + ".pdf")
    check(len(drafts) > 0 and status == 404, "a draft's PDF: 404 (%s)" % status)


def send_back(driver, fixture, meeting_id):
    driver.find_element(By.ID, "comment").send_keys(COMMENT)
    click(driver, driver.find_element(By.CSS_SELECTOR, "button[name=decision][value=returned]"))
    page = driver.page_source
    check(meeting_id in urllib.parse.unquote(driver.current_url) and COMMENT in page,
          "sent back: the record's page shows the comment")
    screenshot(driver, "committee-record-sent-back.png")


def refused_branch(driver, fixture):
    other = fixture["branches"][-1]
    driver.get(fixture["url"] + "committee/branch/" + urllib.parse.quote(other["id"]))
    check("无权查看该支部" in driver.page_source and other["name"] not in driver.page_source,
          "a branch not the account's is refused")
    status = None
    try:
        status, _, _ = fetch(driver, fixture["url"] + "api/v1/dashboard?from=2025-01&to=2026-11"
                             "&branch=" + urllib.parse.quote(other["id"]))
    except urllib.error.HTTPError as error:
        status = error.code
    check(status == 403, "its JSON too (%s)" % status)


def comment_reaches_branch(fixture, meeting_id):
    first = fixture["branches"][0]
    cli(fixture, first, "sync", "--server", fixture["url"], "--token-file", first["token_file"])
    listed = json.loads(cli(fixture, first, "meeting", "list", "--sent-back", "--format", "json"))
    found = [r for r in listed if r.get("meeting_id") == meeting_id or
             (r.get("review") or {}).get("meeting_id") == meeting_id]
    text = json.dumps(listed, ensure_ascii=False)
    check(len(found) == 1 and COMMENT in text,
          "after its next sync the branch's database lists the record as sent back with "
          "the comment")


def sign_out(driver, fixture):
    driver.get(fixture["url"] + "committee/")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='logout'] button"))
    driver.get(fixture["url"] + "committee/")
    check(driver.current_url.endswith("/committee/login"), "signed out: the sign-in form again")


def main():
    fixture_program, zhibu_cli = sys.argv[1], sys.argv[2]
    engine = sys.argv[3] if len(sys.argv) > 3 else "sqlite"
    work = tempfile.mkdtemp(prefix="zhibu-browser-")
    env = dict(chinese_env(), ZHIBU_CLI=zhibu_cli)
    started = time.monotonic()
    process = subprocess.Popen([fixture_program, work, engine, str(N_BRANCHES)], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    driver = None
    try:
        # The server it starts shares its standard output: its line is the one
        # that says where everything is.
        for line in process.stdout:
            if line.startswith(READY):
                break
        else:
            raise SystemExit("committee-fixture failed")
        fixture = json.loads(line[len(READY):])
        fixture["cli"] = zhibu_cli
        print("# %d branches generated and synced in %.1f s" %
              (N_BRANCHES, time.monotonic() - started))
        driver = start_browser()
        sign_in(driver, fixture)
        read_dashboard(driver, fixture)
        meeting_id, finalised = open_record(driver, fixture)
        check_pdf(driver, fixture, meeting_id, work)
        refused_pdfs(driver, fixture, meeting_id, finalised)
        send_back(driver, fixture, meeting_id)
        refused_branch(driver, fixture)
        sign_out(driver, fixture)
        comment_reaches_branch(fixture, meeting_id)
    finally:
        if driver is not None:
            driver.quit()
        process.stdin.close()
        process.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print("FAILED: " + "; ".join(FAILURES))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
