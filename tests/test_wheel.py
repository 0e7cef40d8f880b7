"""The package as a user gets it: sdist → wheel → a fresh virtual environment, used from another
folder, with no checkout in sight.

Offline: the sdist is made by setuptools' own PEP 517 hook, the wheel from the unpacked sdist with
``pip wheel --no-build-isolation`` (the dev extra brings a recent setuptools), and the fresh venv
installs it with ``--no-deps --no-index``; the dependencies come from this environment's
site-packages, put on the new venv's path by a ``.pth`` file (a path only: this environment's own
editable install of the package is not among them), and the data files they installed (nbconvert's
templates in ``share/jupyter``) through ``JUPYTER_PATH``.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from analysis.config import PROJECT_ROOT, RAW_DIR
from analysis.report.figures import FIGURES

pytestmark = pytest.mark.wheel
GENERATED = (".venv", ".git", "__pycache__", "*.egg-info", "build", "dist", "reports", ".*_cache", ".hypothesis")


def _run(command, cwd, env=None, timeout=600):
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel built from the sdist; returns (venv bin folder, sdist, wheel, env)."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    # build from a copy of the checkout, so that it gets no build/ or egg-info of ours
    source = tmp / "checkout"
    shutil.copytree(PROJECT_ROOT, source, ignore=shutil.ignore_patterns(*GENERATED))
    sdist = tmp / "sdist" / _run([sys.executable, "-c", build, str(tmp / "sdist")], source).stdout.split()[-1]
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp / "unpacked", filter="data")
    (unpacked,) = (tmp / "unpacked").iterdir()
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "dist"), "."],
        unpacked,
    )
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    python = venv / "bin" / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp).stdout.strip()
    (Path(purelib) / "coop_test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], tmp)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # nbconvert's templates are data files of the environment that installed it (share/jupyter)
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return venv / "bin", sdist, wheel, env


def test_the_sdist_holds_what_a_user_needs(installed):
    _, sdist, _, _ = installed
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert {"LICENSE", "README.md", "Makefile", "environment.yml", "pyproject.toml", "setup.py"} <= names
    assert {"data/gold/articles.csv", "data/gold/sentences.csv", "notebooks/01-load-and-clean.ipynb"} <= names
    assert len([n for n in names if n.startswith("data/raw/") and n.endswith(".txt")]) >= 100
    assert "tests/test_wheel.py" in names and "benchmarks/synth.py" in names


def test_the_wheel_holds_the_notebooks_resources_and_license(installed):
    _, _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    notebooks = sorted(p.name for p in (PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert {f"analysis/_notebooks/{n}" for n in notebooks} <= names
    assert {"analysis/resources/areas.toml", "analysis/resources/model/areas.npz"} <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "data/", "notebooks/")) for n in names)


def test_installed_outside_a_checkout_analyze_and_report_work(installed, tmp_path):
    bin_dir, _, _, env = installed
    corpus = tmp_path / "my corpus"
    shutil.copytree(RAW_DIR, corpus)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(bin_dir / "python"), "-c", "import analysis; print(analysis.__file__)"], elsewhere, env)
    assert str(bin_dir.parent) in where.stdout, "the installed package, not the checkout"
    done = _run([str(bin_dir / "coop"), "analyze", str(corpus), "--out", "tables", "-q"], elsewhere, env)
    assert json.loads((elsewhere / "tables" / "run.json").read_text())["n_loaded"] == 126
    done = _run([str(bin_dir / "coop"), "report", "--corpus", str(corpus), "--out", "out", "-q"], elsewhere, env)
    assert done.stdout == "" and done.stderr == ""
    out = elsewhere / "out"
    assert sorted(p.name for p in (out / "figures").glob("*.png")) == sorted(f"{f.file}.png" for f in FIGURES)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == len(FIGURES)
    for path in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):  # every section, by its title
        title = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"][0].lstrip("# ").strip()
        assert html.count("<section class='notebook'>") == 4 and re.sub(r"\s+", " ", title) in html, title
    assert "What this report was made from" in html and str(corpus) in html
    assert "Traceback" not in html and "Error" not in re.sub(r"<[^>]+>", "", html).replace("error", "")


def test_installed_the_defaults_say_what_to_pass(installed, tmp_path):
    bin_dir, _, _, env = installed
    for argv, message in [
        (["evaluate", "areas"], "pass --gold DIR"),
        (["card"], "pass --gold DIR"),
        (["report", "--out", "out"], "--corpus DIR"),
    ]:
        done = subprocess.run(
            [str(bin_dir / "coop"), *argv], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
