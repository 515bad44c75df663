"""Install a desktop entry and the app's icon in your own data folder ($XDG_DATA_HOME, by
default ~/.local/share), so that the annotator appears in the menu of GNOME, KDE, Xfce
and other freedesktop desktops and opens project files given to it. It starts this
installation of the annotator; install it again after moving it."""

from __future__ import annotations

from annotator.cli.parsers import command


def register(sub) -> None:
    p = command(sub, "desktop-entry", help="add the app to your desktop's menu (or remove it)",
                description=__doc__, epilog="example: annotator desktop-entry --install",
                wrapped=True)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--install", action="store_true", help="add the entry and the icon")
    what.add_argument("--uninstall", action="store_true",
                      help="remove what --install added")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.errors import fail
    from annotator.services import desktop_entry

    try:
        if args.install:
            written = desktop_entry.install()
            print(f"Installed {written[-1]} and its icon ({len(written) - 1} files under "
                  f"{desktop_entry.data_home() / 'icons'}): the desktop's menu lists "
                  "“Framing annotator”.")
            return 0
        removed = desktop_entry.uninstall()
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        return fail(f"cannot change the desktop entry: {exc.strerror or exc}{where}")
    if removed:
        print(f"Removed {len(removed)} files: the desktop entry and its icon.")
    else:
        print(f"Nothing to remove: there is no {desktop_entry.entry_path()}.")
    return 0
