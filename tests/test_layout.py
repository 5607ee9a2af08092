"""The repository keeps the layout README describes: `site/` is a source root, never a
package, and no package borrows a standard-library module's name."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"


def test_site_is_a_source_root_not_a_package():
    assert SITE.is_dir()
    assert not (SITE / "__init__.py").exists()


def test_site_holds_only_packages():
    loose = [p.name for p in SITE.iterdir() if p.is_file()]
    assert loose == []
    for child in SITE.iterdir():
        if child.is_dir() and child.name != "__pycache__":
            assert (child / "__init__.py").exists(), f"site/{child.name} is not a package"


@pytest.mark.parametrize("folder", [SITE, ROOT])
def test_no_package_shadows_the_standard_library(folder):
    packages = {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
    assert packages & set(sys.stdlib_module_names) == set()


def test_the_stdlib_site_module_is_still_the_stdlib_one():
    import site

    assert Path(site.__file__).parent != SITE


def test_top_level_apps_exist():
    for app in ["library", "forum", "mentoring", "search", "survivors"]:
        assert (ROOT / app / "__init__.py").exists()


def test_the_wheel_installs_the_site_packages_and_the_wsgi_entry_point(tmp_path):
    """An installed wheel holds the same top-level packages manage.py and pytest use, with
    templates, static files and migrations, and `config.wsgi` starts from it."""
    import subprocess
    import zipfile

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    unpacked = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(unpacked)
    for name in [
        "config/wsgi.py",
        "core/templates/base.html",
        "core/static/css/site.css",
        "users/migrations/0001_initial.py",
        "access/core.py",
        "library/__init__.py",
    ]:
        assert (unpacked / name).exists(), name
    assert not (unpacked / "site").exists()
    probe = (
        "import config.wsgi, core, django.template.loader as l;"
        f"assert core.__file__.startswith({str(unpacked)!r}), core.__file__;"
        "l.get_template('base.html'); print('ok')"
    )
    env = {
        "PYTHONPATH": str(unpacked),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.stdout.strip() == "ok", result.stderr
