"""Packaging: ``screens/`` and ``db/`` sit beside ``salestui/`` in the checkout (DESIGN.md) and
install inside it as ``salestui.screens`` and ``salestui.db``.

Every package under each folder is found by setuptools' discovery, never listed by hand: a hand-kept
list once missed ``salestui.services`` and the installed app could not import it. Everything else
about the project is in pyproject.toml.
"""

from setuptools import find_packages, setup

# import name -> folder in the checkout
FOLDERS = {"salestui": "salestui", "salestui.screens": "screens", "salestui.db": "db"}


def discovered() -> list[str]:
    found = []
    for name, folder in FOLDERS.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_packages(folder)]
    return found


setup(
    package_dir=FOLDERS,
    packages=discovered(),
    package_data={
        "": ["*.tcss", "*.mako", "*.ini"],
        # the translation catalogues: a folder of data, not a package
        "salestui": ["locale/*/LC_MESSAGES/*.po", "locale/*/LC_MESSAGES/*.mo"],
    },
)
