"""pyproject.toml is the source of truth; environment.yml must list the same runtime packages."""

import re
import tomllib

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
