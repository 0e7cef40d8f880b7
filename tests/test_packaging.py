"""pyproject.toml is the source of truth; environment.yml must list the same runtime packages; make lab's options."""

import os
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from analysis.config import PROJECT_ROOT

# conda-forge names that differ from PyPI names
CONDA_NAMES = {}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    runtime = {CONDA_NAMES.get(_name(d), _name(d)) for d in project["dependencies"]}
    listed = {_name(d) for d in conda} - {"python", "pip"}
    assert listed == runtime
    assert "conda-forge" in env["channels"]
    assert pip[-1] == "-e ."
    python = next(d for d in conda if _name(d) == "python")
    assert python.replace("python", "") == project["requires-python"]


def test_make_lab_takes_a_port_and_allows_root_only_as_root():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "-n", "lab", "PORT=8123"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    (command,) = [line for line in done.stdout.splitlines() if "jupyter lab" in line]
    assert "--port=8123" in command
    assert ("--allow-root" in command) == (os.geteuid() == 0)
