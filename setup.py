"""Only what pyproject.toml cannot say: ship the top-level resources/ folder
inside the package as ``desktop_app.resources``, so wheels, the offline
wheelhouse and frozen bundles carry the fonts and word lists."""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["desktop_app", "desktop_app.*"]) + ["desktop_app.resources"],
    package_dir={"desktop_app.resources": "resources"},
)
