"""Real OS accounts on a team server: two users made with ``useradd`` in one group, a setgid
folder, and salestui run as each of them with ``runuser`` — the bound person works, an unbound
account is refused, ``--user`` is refused to a non-administrator and allowed to the administrator.

Needs root (CI runs as root); skipped with the reason otherwise. salestui runs as
``<venv>/bin/salestui``; where the venv's interpreter lives in a folder the test users cannot
read (a Python under /root), the system Python of the same version runs the venv's packages.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

TOOLS = ("useradd", "userdel", "groupadd", "groupdel", "runuser")

pytestmark = [
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0,
        reason="making OS accounts needs root (CI runs the tests as root)",
    ),
    pytest.mark.skipif(
        any(shutil.which(t) is None for t in TOOLS), reason=f"needs {', '.join(TOOLS)}"
    ),
]

# The venv's packages on the system Python, for test users who cannot read the venv's interpreter.
BOOT = (
    "import site, sys; site.addsitedir(sys.argv.pop(1)); sys.argv[0] = 'salestui'; "
    "from salestui.cli import main; main(sys.argv[1:])"
)


def _sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=60)


def _runner(user: str, env: dict) -> list[str]:
    """How ``user`` runs salestui here; skips the test when they cannot."""
    script = Path(sys.prefix) / "bin" / "salestui"
    runuser = shutil.which("runuser")
    direct = [runuser, "-u", user, "--", str(script)]
    tries = [direct]
    system = shutil.which(
        f"python{sys.version_info.major}.{sys.version_info.minor}", path="/usr/bin:/bin"
    )
    if system:
        site = (
            Path(sys.prefix)
            / "lib"
            / f"python{sys.version_info.major}.{sys.version_info.minor}"
            / "site-packages"
        )
        tries.append([runuser, "-u", user, "--", system, "-c", BOOT, str(site)])
    for prefix in tries:
        ok = subprocess.run([*prefix, "--help"], capture_output=True, env=env, timeout=120)
        if ok.returncode == 0:
            return prefix
    pytest.skip(f"{user} can run neither {script} nor a system Python with its packages")


@pytest.fixture(scope="module")
def server():
    """A group, two accounts in it (ann, bob) and a setgid folder the group shares; removed after."""
    tag = secrets.token_hex(3)
    group, ann, bob = f"stu{tag}", f"stuann{tag}", f"stubob{tag}"
    _sh("groupadd", group)
    made = []
    try:
        for user in (ann, bob):
            _sh("useradd", "--no-create-home", "--no-user-group", "--gid", group, "--shell",
                "/bin/sh", user)  # fmt: skip
            made.append(user)
        folder = Path(tempfile.mkdtemp(prefix="salestui-team-", dir="/tmp"))
        shutil.chown(folder, group=group)
        os.chmod(folder, 0o2770)
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(folder), "LANG": "C.UTF-8", "TZ": "UTC",
               "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip

        runners: dict[str, list[str]] = {}

        def run(user: str, *args: str) -> subprocess.CompletedProcess:
            if user not in runners:
                runners[user] = _runner(user, env)
            return subprocess.run(
                [*runners[user], *args], capture_output=True, text=True, env=env,
                timeout=300, cwd=folder,
            )  # fmt: skip

        yield SimpleNamespace(group=group, ann=ann, bob=bob, folder=folder, run=run)
    finally:
        for user in made:
            subprocess.run(["userdel", user], capture_output=True, timeout=60)
        subprocess.run(["groupdel", group], capture_output=True, timeout=60)
        if "folder" in locals():
            shutil.rmtree(folder, ignore_errors=True)


def one_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_a_team_server(server):
    import grp

    db = str(server.folder / "team.db")
    made = server.run(server.ann, "init", "--db", db, "--user", "ann", "--name", "Ann Admin")
    assert made.returncode == 0, made.stderr
    assert f"bound to the account {server.ann}" in made.stdout
    info = os.stat(db)
    assert stat.S_IMODE(info.st_mode) == 0o660
    assert grp.getgrgid(info.st_gid).gr_name == server.group  # the setgid folder's group

    # bob is in the group, so he can open the file, but he is bound to no one yet
    line = one_line(server.run(server.bob, "report", "pipeline", "--db", db))
    assert f"the OS account {server.bob} is bound to no person" in line
    assert "an administrator (ann)" in line
    line = one_line(server.run(server.bob, "report", "pipeline", "--db", db, "--user", "ann"))
    assert f"the OS account {server.bob} is bound to no person" in line

    # ann, the administrator, adds and binds bob through the people import
    people = server.folder / "people.csv"
    people.write_text(f"login,name,role,manager,os_user\nbob,Bob Rep,rep,ann,{server.bob}\n")
    os.chmod(people, 0o644)
    added = server.run(server.ann, "import", "people", str(people), "--db", db)
    assert added.returncode == 0, added.stderr + added.stdout

    mine = server.run(server.bob, "report", "pipeline", "--db", db)
    assert mine.returncode == 0, mine.stderr
    line = one_line(server.run(server.bob, "report", "pipeline", "--db", db, "--user", "ann"))
    assert f"the OS account {server.bob} is bob's and may not act as ann" in line
    as_bob = server.run(server.ann, "log", "--db", db, "--user", "bob", "--format", "csv")
    assert as_bob.returncode == 0, as_bob.stderr  # an administrator may act for bob
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            assert stat.S_IMODE(os.stat(db + suffix).st_mode) == 0o660
