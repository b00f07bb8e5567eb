"""Only for ``scrapyd-deploy``, which builds its egg by running ``python setup.py bdist_egg`` (it would
write a setup.py of its own without this one, naming a project and version pyproject.toml overrides).
Everything is declared in pyproject.toml, the Scrapy entry point included; ``pip install .`` does not
need this file. Older setuptools cannot read pyproject.toml's SPDX ``license = "MIT"``: say so in one
line instead of a validation error.
"""

import sys

import setuptools

if int(setuptools.__version__.split(".")[0]) < 77:
    sys.exit(f"setup.py: setuptools {setuptools.__version__} is too old for pyproject.toml; "
             "run: pip install 'setuptools>=77'")

setuptools.setup()
