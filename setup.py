"""Which packages the wheel holds; everything else is declared in pyproject.toml.

The top-level resources/, db/ and seeds/ stay where they are in the repository and ship
inside the package as annotator.data.resources, annotator.data.db and
annotator.data.seeds, where annotator.data finds them with importlib.resources. Each has
an __init__.py, so that an editable install finds them too.
"""

from setuptools import find_namespace_packages, find_packages, setup

BUNDLED = {
    "annotator.data.resources": "resources",
    "annotator.data.db": "db",
    "annotator.data.seeds": "seeds",
}


def bundled_packages() -> list[str]:
    names = []
    for package, folder in BUNDLED.items():
        names.append(package)
        names += [f"{package}.{sub}" for sub in find_namespace_packages(folder)
                  if "__pycache__" not in sub]
    return names


setup(
    packages=[*find_packages(include=["annotator", "annotator.*"]), *bundled_packages()],
    package_dir=BUNDLED,
    package_data={package: ["*"] for package in bundled_packages()},
    exclude_package_data={"": ["*.pyc"]},
)
