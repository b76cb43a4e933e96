"""Subcommands of the ``stenodesk`` command line, one module each.

Each module has ``add_parser(sub, settings)``, which registers its arguments,
and ``run(ctx, args) -> int``, which returns the exit code. ``cli.py`` lists
them in ``COMMANDS`` and imports a module only when its command runs (the
parser is built from all of them, so keep their imports light).
"""
