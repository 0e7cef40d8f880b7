"""Executing the numbered notebooks: in place for the repository (``make notebooks``), and with
parameters for a report (:mod:`analysis.report.html`).

The notebooks live in ``notebooks/`` of the source checkout; a wheel carries them as
``analysis/_notebooks/`` (``setup.py`` copies them in), where :func:`notebooks_dir` finds them
when the package is installed.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from analysis.config import PROJECT_ROOT, in_checkout

KERNEL = "python3"
#: The kernel logs errors only: its start-up warnings are not the report's business.
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL",)


def notebooks_dir() -> Path:
    """The folder of the numbered notebooks: the checkout's ``notebooks/``, else the copy installed
    with the package; a ``ValueError`` when neither is there."""
    candidates = [PROJECT_ROOT / "notebooks"] if in_checkout() else []
    candidates.append(Path(__file__).resolve().parents[1] / "_notebooks")
    for folder in candidates:
        if notebook_paths(folder):
            return folder
    raise ValueError(f"no notebooks found (looked in {', '.join(map(str, candidates))}); reinstall coop-analysis")


def notebook_paths(folder: str | os.PathLike | None = None) -> list[Path]:
    """The numbered notebooks of ``folder`` (by default :func:`notebooks_dir`), in order."""
    return sorted(Path(folder if folder is not None else notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


def _read(path: Path, parameters: dict | None) -> nbformat.NotebookNode:
    """The notebook at ``path`` with a cell setting ``parameters`` after its ``parameters`` cell."""
    nb = nbformat.read(path, as_version=4)
    if parameters:
        index = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
        if index is None:
            raise ValueError(f"{path}: no cell tagged 'parameters' to set {sorted(parameters)}")
        source = "# Parameters set for this run\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = ["injected-parameters"]
        nb.cells.insert(index + 1, cell)
    return nb


def _client(nb: nbformat.NotebookNode, folder: Path, timeout: int, km=None) -> NotebookClient:
    return NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        kernel_name=KERNEL,
        record_timing=False,
        extra_arguments=list(KERNEL_ARGUMENTS),
        resources={"metadata": {"path": str(folder)}},
    )


def _tidy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    count = 0
    for cell in nb.cells:  # ids and execution metadata must not churn between runs
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
    return nb


def execute(path: str | os.PathLike, *, parameters: dict | None = None, timeout: int = 900) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a kernel of its own and return it with its outputs.

    ``parameters`` replace the assignments of the cell tagged ``parameters`` (as papermill does):
    a cell with the new values is put right after it, tagged ``injected-parameters``. No timing or
    date is recorded, so a rerun changes nothing but what the code prints. The kernel runs in the
    notebook's folder and logs only what is critical (no start-up warnings).
    """
    path = Path(path)
    nb = _read(path, parameters)
    _client(nb, path.parent, timeout).execute()
    return _tidy(nb)


def execute_all(
    paths: list[Path], *, parameters: dict | None = None, timeout: int = 900
) -> list[nbformat.NotebookNode]:
    """Run notebooks one after the other in one kernel, its namespace reset (``%reset -f``)
    before each: each starts from nothing but the modules already imported, so the package is
    imported once. Otherwise as :func:`execute`; the notebooks must share a folder."""
    if not paths:
        return []
    folders = {Path(p).parent for p in paths}
    if len(folders) != 1:
        raise ValueError(f"the notebooks must share a folder, got {sorted(map(str, folders))}")
    folder = folders.pop()
    first = _client(nbformat.v4.new_notebook(), folder, timeout)
    first.km = first.create_kernel_manager()  # created here, so that this function owns and ends it
    done = []
    try:
        for path in paths:
            reset = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%reset -f")])
            for nb in (reset, _read(Path(path), parameters)):
                client = _client(nb, folder, timeout, km=first.km)
                client.execute()
                client.kc.stop_channels()
            done.append(_tidy(nb))
    finally:
        if first.km.has_kernel:
            run_sync(first.km.shutdown_kernel)(now=True)
    return done


def refresh(folder: str | os.PathLike | None = None) -> list[Path]:
    """Re-execute every numbered notebook in place (what ``make notebooks`` does)."""
    done = []
    for path in notebook_paths(folder):
        nbformat.write(execute(path), path)
        done.append(path)
    return done
