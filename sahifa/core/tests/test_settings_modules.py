"""The settings package composes its modules with star imports: a setting defined in two
of them would silently take the value of whichever comes last."""

import ast
from pathlib import Path

import sahifa.settings

FOLDER = Path(sahifa.settings.__file__).parent


def defined_names(module: Path) -> set[str]:
    names = set()
    for node in ast.parse(module.read_text()).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name) and n.id.isupper()}
    return names


def test_no_setting_is_defined_in_two_modules():
    owners: dict[str, list[str]] = {}
    for module in sorted(FOLDER.glob("*.py")):
        for name in defined_names(module):
            owners.setdefault(name, []).append(module.name)
    assert {name: where for name, where in owners.items() if len(where) > 1} == {}
    assert "SECRET_KEY" in owners and "CACHES" in owners


def test_every_module_is_composed():
    composed = (FOLDER / "__init__.py").read_text()
    for module in FOLDER.glob("*.py"):
        if module.name != "__init__.py":
            assert f"from sahifa.settings.{module.stem} import *" in composed
