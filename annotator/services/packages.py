"""What a project says of itself as a hand-out package (services.handout makes and
collects packages). Read at the start, before the first window paints: without what
packing and collecting need (their checks, the output files, hashing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.store.row_objects import PACKAGE

if TYPE_CHECKING:
    from annotator.core.handout import PackageInfo
    from annotator.services.project import Project

SUFFIX = ".annot"


def package_info(project: Project) -> PackageInfo | None:
    """What the project says about itself if it is a hand-out package, else None."""
    if project.first_look is not None:
        return package_in(project.first_look.settings, project.target)
    from annotator.store import project_settings as settings

    with project.store.read() as conn:
        return package_in({PACKAGE: settings.get(conn, PACKAGE)}, project.target)


def package_in(stored: dict, target: str) -> PackageInfo | None:
    """What a project's settings (key → value) say of it as a hand-out package."""
    data = stored.get(PACKAGE)
    if data is None:
        return None
    from annotator.core.handout import PackageInfo

    return PackageInfo.from_dict(data, target)
