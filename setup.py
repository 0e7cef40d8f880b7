"""Build hook; everything else is in pyproject.toml.

The notebooks stay at the top of the checkout (``notebooks/``, where ``make lab`` and nbval find
them); a wheel carries a copy as ``analysis/_notebooks/``, where :func:`analysis.report.notebooks.notebooks_dir`
finds them when the package is installed, so that ``coop report`` works outside a checkout.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/NN-*.ipynb`` into the built package."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's notebooks/
            return
        target = Path(self.build_lib) / "analysis" / "_notebooks"
        self.mkpath(str(target))
        for path in sorted(Path("notebooks").glob("[0-9][0-9]-*.ipynb")):
            self.copy_file(str(path), str(target / path.name))


setup(cmdclass={"build_py": BuildWithNotebooks})
