"""Execute one notebook with nbclient; used by scripts/run-notebooks.ts (run with Debian's python3).

Prints one progress line per code cell to stderr and writes a JSON report (--report) that the
TypeScript runner reads: {"ok": true, "cells": N} or {"ok": false, "cell_index": i, ...} with the
failing cell's error. The executed notebook is written to --out either way, so a failure can be
inspected in Jupyter.

nbclient rather than `jupyter nbconvert --execute`: nbconvert only reports a failure as a
traceback string, while the runner needs the cell index and the error text separately.
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def cell_error(cell):
    """The error text of a failed cell: its error output, else what it wrote to stderr."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return {
                "ename": out.get("ename", ""),
                "evalue": out.get("evalue", ""),
                "traceback": "\n".join(out.get("traceback", [])),
            }
    # tslab reports TypeScript compile errors as stderr text, not as an error output.
    stderr = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")
    return {"ename": "", "evalue": stderr.strip(), "traceback": ""}


def write_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds")
    args = ap.parse_args()

    nb = nbformat.read(args.src, as_version=4)
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    started = {}
    done = [0]

    def on_start(cell, cell_index):
        started[cell_index] = time.monotonic()

    def on_executed(cell, cell_index, execute_reply):
        done[0] += 1
        dt = time.monotonic() - started.get(cell_index, time.monotonic())
        status = "FAILED" if execute_reply.get("content", {}).get("status") == "error" else "ok"
        print(f"  cell {cell_index:>2} ({done[0]}/{code_cells}) {dt:6.2f}s {status:<6} {first_line(cell.source)}", file=sys.stderr, flush=True)

    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=120,
        # The kernel's working directory is the notebook's folder, as in interactive Jupyter.
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.src))}},
        on_cell_start=on_start,
        on_cell_executed=on_executed,
    )
    report = {"ok": True, "cells": len(nb.cells)}
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        # The failing cell is the last one that started.
        index = max(started) if started else -1
        cell = nb.cells[index] if index >= 0 else {"source": "", "outputs": []}
        err = cell_error(cell)
        if isinstance(e, CellTimeoutError):
            err = {"ename": "CellTimeoutError", "evalue": f"cell did not finish within {args.timeout}s", "traceback": ""}
        elif isinstance(e, DeadKernelError):
            err = {"ename": "DeadKernelError", "evalue": str(e), "traceback": ""}
        if not err["evalue"] and not err["traceback"]:
            err["evalue"] = str(e)
        report = {"ok": False, "cell_index": index, "source": cell["source"], **err}
    finally:
        tmp = args.out + ".tmp"
        nbformat.write(nb, tmp)
        os.replace(tmp, args.out)
        write_json(args.report, report)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
