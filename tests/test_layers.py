"""The layers are enforced: `make test` runs import-linter over the apps."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ("intranet", "news", "cases", "search")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own venv's linter on a copy of ours
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the project's Python packages and their contracts."""
    skip = shutil.ignore_patterns("__pycache__", "locale", "templates", "static")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")
def test_the_layers_hold_and_an_import_upwards_breaks_them(tree: Path):
    assert lint_imports(tree).returncode == 0

    # Core, the ground floor, reaching up into a feature:
    with (tree / "intranet" / "core" / "selectors.py").open("a") as module:
        module.write("\n\ndef _upwards():\n    from news import selectors  # noqa\n")
    broken = lint_imports(tree)

    assert broken.returncode != 0
    assert "intranet.core is not allowed to import news" in broken.stdout


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")
def test_search_may_not_reach_up_into_subscriptions(tree: Path):
    # Search tells subscriptions through its signals; importing them is upwards.
    with (tree / "search" / "services.py").open("a") as module:
        module.write(
            "\n\ndef _upwards():\n"
            "    from intranet.subscriptions import services  # noqa\n"
        )
    broken = lint_imports(tree)

    assert broken.returncode != 0
    assert "search is not allowed to import intranet.subscriptions" in broken.stdout
