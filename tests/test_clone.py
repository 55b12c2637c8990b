"""A fresh clone passes its own tests: what reads the shared reference material skips without it."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SHARED_VARIABLE, missing_shared_reason

# What a working tree holds beyond the repository when git cannot say which files it tracks.
_NOT_TRACKED = shutil.ignore_patterns(".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", "*.db*",
                                      "*.egg-info", "build", "dist", "out")


def copy_repository(target: Path) -> None:
    """Copy the repository's tracked files (all files, less build output, outside a git checkout)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        shutil.copytree(ROOT, target, ignore=_NOT_TRACKED)
        return
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)


def test_every_test_of_the_shared_material_skips_in_a_clone_without_it(tmp_path):
    clone = tmp_path / "clone"
    copy_repository(clone)
    env = {**os.environ, SHARED_VARIABLE: str(tmp_path / "no-shared-here"), "PYTHONPATH": str(clone / "src")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-m", "shared", "-p", "no:cacheprovider"],
                         cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    summary = run.stdout.strip().splitlines()[-1]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    counts = dict((kind, int(n)) for n, kind in re.findall(r"(\d+) (\w+)", summary.split(" in ")[0]))
    assert set(counts) == {"skipped", "deselected"}, summary
    reasons = re.findall(r"^SKIPPED \[(\d+)\] \S+: (.*)$", run.stdout, re.M)
    assert sum(int(n) for n, _ in reasons) == counts["skipped"]
    assert {reason for _, reason in reasons} == {missing_shared_reason(tmp_path / "no-shared-here")}


def test_only_the_shared_fixture_knows_where_the_shared_material_lies():
    """A test that found ../shared by itself would be neither marked nor skipped without it."""
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name not in ("conftest.py", Path(__file__).name):
            assert not re.search(r'\.\./shared|/shared\b|/ *"shared"', path.read_text()), path.name
