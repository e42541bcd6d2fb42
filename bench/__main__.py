"""python -m bench [--smoke]: run every benchmark module and print one table.

Each module in ``MODULES`` has ``run(smoke: bool) -> list[Row]``. ``--smoke`` uses small sizes so
CI can prove the harness works without spending minutes; the README table comes from a full run.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bench.table import Row, render

MODULES = ["bench.core", "bench.reports", "bench.ui"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    parser.add_argument("--only", help="run one module, e.g. core")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for name in MODULES:
        if args.only and not name.endswith("." + args.only):
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a part of the product not built yet
        module_rows = module.run(args.smoke)
        rows.extend(module_rows)
        print(render(module_rows), flush=True)
        print(flush=True)
    print(render(rows))
    failed = [r for r in rows if r.ok is False]
    if failed and not args.smoke:
        print(f"{len(failed)} figure(s) missed their target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
