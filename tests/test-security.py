#!/usr/bin/python3
# The promises of SECURITY.md, each tried against the real programs: a real
# zhibu-server process on loopback and the real zhibu-cli on an encrypted
# database.
#
#   logs      a day of work and a sync with every debug message on: no ID
#             number or phone in anything either program printed, nor in a
#             file either left in TMPDIR;
#   crash     the CLI and the server run without core dumps (a dump would
#             hold the decrypted pages), and an abort prints no personal data;
#   branches  a token of branch B gets nothing of branch A: not the feed,
#             not an answer that carries A's people;
#   tls       a server started with TLS options answers no plaintext HTTP.
#
# usage: test-security.py ZHIBU-CLI ZHIBU-SERVER

import json
import resource
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
SECRETS = (ID_NUMBER, PHONE, PHONE[3:], ID_NUMBER[6:14] + ID_NUMBER[14:])
FAILURES = []


def check(ok, what):
    print(("ok: " if ok else "not ok: ") + what)
    if not ok:
        FAILURES.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class World:
    def __init__(self, cli, server):
        self.cli, self.server = cli, server
        self.dir = tempfile.mkdtemp(prefix="zhibu-security-")
        self.tmp = os.path.join(self.dir, "tmp")
        os.makedirs(self.tmp)
        self.env = dict(os.environ, TMPDIR=self.tmp, G_MESSAGES_DEBUG="all",
                        HOME=os.path.join(self.dir, "home"))
        self.env.pop("G_DEBUG", None)
        self.printed = []
        self.data = os.path.join(self.dir, "server")
        self.passphrase = os.path.join(self.dir, "passphrase")
        with open(self.passphrase, "w", encoding="utf-8") as f:
            f.write("同舟共济 2026\n")

    def run(self, argv, ok=True, stdin=None):
        out = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=120,
                             input=stdin)
        self.printed += [out.stdout, out.stderr]
        if ok and out.returncode != 0:
            raise SystemExit(f"not ok: {' '.join(argv[:6])}… failed: {out.stderr}")
        return out

    def admin(self, *args):
        return self.run([self.server, "--data", self.data] + list(args)).stdout

    def code(self, branch):
        return self.admin("enrol", "--branch", branch).strip().split("\n")[-1]

    def pc(self, name, *args, ok=True):
        db = os.path.join(self.dir, name + ".zhibu")
        return self.run([self.cli, "--db", db, "--passphrase-file", self.passphrase] +
                        list(args), ok=ok)

    def serve(self, *extra):
        port = free_port()
        log = open(os.path.join(self.dir, f"server-{port}.log"), "w+", encoding="utf-8")
        proc = subprocess.Popen([self.server, "--data", self.data, "serve", "--listen",
                                 f"127.0.0.1:{port}"] + list(extra),
                                env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                preexec_fn=allow_core_dumps)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        return proc, port, log

    def stop(self, proc, log):
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.seek(0)
        self.printed.append(log.read())
        log.close()

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def holds_secret(text):
    return [s for s in SECRETS if s in text]


def token_of(world, name):
    with open(os.path.join(world.dir, name + ".token"), encoding="utf-8") as f:
        return f.read().strip()


def day_of_work(world, url):
    world.pc("a", "init", "--branch", "第一党支部")
    world.pc("a", "member", "add", "--name", "张秘书", "--sex", "female", "--id-number", ID_NUMBER,
             "--phone", PHONE, "--category", "full", "--joined", "2001-07-01",
             "--full-date", "2002-07-01")
    world.pc("a", "member", "list")
    world.pc("a", "search", "张秘书")
    world.pc("a", "enrol", "--server", url, "--code", world.code("第一党支部"),
             "--token-file", os.path.join(world.dir, "a.token"))
    world.pc("a", "sync", "--server", url, "--token-file", os.path.join(world.dir, "a.token"))
    world.pc("a", "member", "import", os.path.join(world.dir, "missing.csv"), ok=False)


def test_logs(world):
    files = []
    for root, _, names in os.walk(world.tmp):
        for n in names:
            path = os.path.join(root, n)
            with open(path, "rb") as f:
                files.append((path, f.read().decode("utf-8", "replace")))
    printed = "\n".join(world.printed)
    check("张秘书" in printed or "Imported" in printed or printed.strip() != "",
          "the programs printed something to look through")
    check(not holds_secret(printed),
          "no ID number or phone in what the CLI and the server printed, debug messages on")
    leaked = [p for p, text in files if holds_secret(text)]
    check(not leaked, f"no ID number or phone in files left in TMPDIR ({len(files)} files)")


def allow_core_dumps():
    """The child starts allowed to dump core, as on a desktop where ulimit -c
    is unlimited: the program itself must forbid it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def core_limit(pid):
    with open(f"/proc/{pid}/limits", encoding="utf-8") as f:
        for line in f:
            if line.startswith("Max core file size"):
                return line.split()[4]
    return None


def test_crash(world, server_pid):
    check(core_limit(server_pid) == "0", "the server runs with no core dumps")
    # The CLI waits on the passphrase when asked to read it from a pipe that stays open.
    db = os.path.join(world.dir, "a.zhibu")
    r, w = os.pipe()
    proc = subprocess.Popen([world.cli, "--db", db, "--passphrase-file", f"/dev/fd/{r}",
                             "member", "list"], env=world.env, pass_fds=(r,),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=allow_core_dumps)
    time.sleep(0.5)
    check(core_limit(proc.pid) == "0", "the CLI runs with no core dumps")
    proc.send_signal(signal.SIGABRT)
    out, err = proc.communicate(timeout=30)
    os.close(r)
    os.close(w)
    check(not holds_secret(out + err), "an aborted CLI prints no personal data")


def get(url, token):
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_branches(world, url):
    branch_a = json.loads(get(url + "/v1/device", token_of(world, "a"))[1])["branch_id"]
    world.pc("b", "init", "--branch", "第二党支部")
    world.pc("b", "enrol", "--server", url, "--code", world.code("第二党支部"),
             "--token-file", os.path.join(world.dir, "b.token"))
    token_b = token_of(world, "b")
    status, body = get(f"{url}/v1/changes?since=0&limit=500&branch_id={branch_a}", token_b)
    check(status == 403 and not holds_secret(body) and "张秘书" not in body,
          f"B's token asking for A's feed gets 403 and none of A's people (got {status})")
    status, body = get(f"{url}/v1/changes?since=0&limit=500", token_b)
    check(status == 200 and not holds_secret(body) and "张秘书" not in body,
          "B's own feed holds none of A's people")
    # A second PC of branch A is sent A's member, phone and all (the PC
    # that pushed a row gets only its echo): the checks above can fail.
    world.pc("c", "init", "--branch", "第一党支部")
    world.pc("c", "enrol", "--server", url, "--code", world.code("第一党支部"),
             "--token-file", os.path.join(world.dir, "c.token"))
    status, body = get(f"{url}/v1/changes?since=0&limit=500", token_of(world, "c"))
    check(status == 200 and "张秘书" in body and holds_secret(body),
          "another PC of branch A is sent A's member (so the checks above can fail)")


def test_tls(world):
    key = os.path.join(world.dir, "server.key")
    cert = os.path.join(world.dir, "server.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    proc, port, log = world.serve("--tls-cert", cert, "--tls-key", key)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            s.settimeout(10)
            answer = b""
            try:
                while chunk := s.recv(4096):
                    answer += chunk
            except (socket.timeout, ConnectionResetError):
                pass
        check(b"protocol" not in answer and not answer.startswith(b"HTTP/1.1 200"),
              "a TLS server answers no plaintext HTTP request")
        context = ssl.create_default_context(cafile=cert)
        with urllib.request.urlopen(f"https://127.0.0.1:{port}/v1/info", context=context,
                                    timeout=30) as answer:
            check(b"protocol" in answer.read(), "the same server answers over TLS")
    finally:
        world.stop(proc, log)


def main():
    world = World(sys.argv[1], sys.argv[2])
    try:
        world.admin("branch", "add", "第一党支部")
        world.admin("branch", "add", "第二党支部")
        proc, port, log = world.serve()
        url = f"http://127.0.0.1:{port}"
        try:
            day_of_work(world, url)
            test_crash(world, proc.pid)
            test_branches(world, url)
        finally:
            world.stop(proc, log)
        test_tls(world)
        test_logs(world)
    finally:
        world.remove()
    if FAILURES:
        print(f"not ok: {len(FAILURES)} promises broken")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
