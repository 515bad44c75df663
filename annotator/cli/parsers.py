"""How a command that works on one project declares itself: its description and examples
laid out as written, and the project as its first argument."""

from __future__ import annotations

import argparse


def project_command(sub, name: str, help: str, description: str, epilog: str
                    ) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description, epilog=epilog,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    return p
