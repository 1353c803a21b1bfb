"""The rooms of the house and the one-way arrows between them (README "Layout").

Each module of claimwatch belongs to a room; a room may import rooms below it, never one
above it or one beside it. The arrows are read from the source (every ``import`` and
``from … import``, at module level or inside a function), so a wrong arrow fails here
before anyone has to notice it in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import claimwatch

PACKAGE = Path(claimwatch.__file__).parent
# Lower rooms first; a room imports only rooms of a lower rank (and itself).
RANKS = {
    "errors": 0,
    "seeds": 0,
    "matchers": 1,
    "storage": 2,
    "engine": 3,
    "sources": 4,
    "evaluation": 4,
    "config": 5,
    "bot": 6,
    "cli": 7,
}
# Third-party packages that belong to one room only.
OWNED_BY = {"telegram": {"bot"}, "aiosqlite": {"storage"}, "sqlite3": {"storage"}}
# What the rooms above storage may import of it: the protocols and rows (api), and
# open_database; never a backend's module (issue 11 item 2: the seam for a second one).
STORAGE_FACE = {"claimwatch.storage", "claimwatch.storage.api"}


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "claimwatch" or len(parts) < 2:
        return None
    return parts[1]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        found.append((".".join(rel.parts).removesuffix(".__init__"), path))
    return found


def imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def wrong_arrows() -> list[str]:
    wrong = []
    for module, path in modules():
        room = room_of(module)
        if room is None:
            continue
        for target in imports(path):
            top = target.split(".")[0]
            if top in OWNED_BY and room not in OWNED_BY[top]:
                wrong.append(f"{module} imports {target} (only {OWNED_BY[top]} may)")
            other = room_of(target)
            if other is None or other == room or other not in RANKS:
                continue
            if RANKS[other] >= RANKS[room]:
                wrong.append(f"{module} ({room}) imports {target} ({other})")
    return sorted(set(wrong))


def test_every_room_has_a_rank() -> None:
    rooms = {room_of(m) for m, _ in modules()} - {None}
    assert rooms <= set(RANKS), rooms - set(RANKS)


def test_no_arrow_runs_the_wrong_way() -> None:
    assert wrong_arrows() == []


@pytest.mark.parametrize(
    "room", ["matchers", "storage", "engine", "sources", "evaluation", "bot", "cli"]
)
def test_each_room_says_what_it_may_import(room: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text()))
    assert doc and "import" in doc


def backend_imports() -> list[str]:
    found = []
    for module, path in modules():
        if room_of(module) in {None, "storage"}:
            continue
        for target in imports(path):
            if room_of(target) != "storage" or target in STORAGE_FACE:
                continue
            parent = target.rpartition(".")[0]
            if (
                parent in STORAGE_FACE
                and not (PACKAGE / "storage" / f"{target.split('.')[-1]}.py").exists()
            ):
                continue  # a name imported from the face (claimwatch.storage.api.ClaimRow)
            found.append(f"{module} imports {target}")
    return sorted(set(found))


def test_nothing_above_storage_sees_a_backend() -> None:
    assert backend_imports() == []
