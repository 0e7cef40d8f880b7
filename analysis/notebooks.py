"""Executing the numbered notebooks: in place for the repository (``make notebooks``), and with
parameters for a report (:mod:`analysis.report`)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.config import PROJECT_ROOT

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
KERNEL = "python3"


def notebook_paths(folder: str | os.PathLike = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))


def execute(path: str | os.PathLike, *, parameters: dict | None = None, timeout: int = 900) -> nbformat.NotebookNode:
    """Run a notebook top to bottom and return it with its outputs.

    ``parameters`` replace the assignments of the cell tagged ``parameters`` (as papermill does):
    a cell with the new values is put right after it, tagged ``injected-parameters``. No timing or
    date is recorded, so a rerun changes nothing but what the code prints.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        index = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
        if index is None:
            raise ValueError(f"{path}: no cell tagged 'parameters' to set {sorted(parameters)}")
        source = "# Parameters set for this run\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = ["injected-parameters"]
        nb.cells.insert(index + 1, cell)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=KERNEL, record_timing=False, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    for cell in nb.cells:  # ids and execution metadata must not churn between runs
        cell.metadata.pop("execution", None)
    return nb


def refresh(folder: str | os.PathLike = NOTEBOOKS_DIR) -> list[Path]:
    """Re-execute every numbered notebook in place (what ``make notebooks`` does)."""
    done = []
    for path in notebook_paths(folder):
        nbformat.write(execute(path), path)
        done.append(path)
    return done
