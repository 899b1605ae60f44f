"""Execute one notebook with nbclient and write what happened as JSON, for KernelIT.

Usage: /usr/bin/python3 execute_notebook.py NOTEBOOK RESULT_JSON [--timeout S]
       [--interrupt-on-timeout] [--allow-errors] [--kernel NAME]

The result contains the executed cells' outputs, the first cell error nbclient raised (cell
index, ename, evalue, traceback), the kernel's process id, its exit code after nbclient shut
it down (0 for a clean exit, -9 when jupyter_client had to kill it), whether that process
still exists, and the wall time.
"""

import argparse
import json
import os
import sys
import time

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
except ImportError as error:
    print(f"nbclient is not importable by {sys.executable}: {error}; run environment/setup", file=sys.stderr)
    sys.exit(3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("result")
    parser.add_argument("--timeout", type=int, default=60, help="per-cell timeout in seconds")
    parser.add_argument("--interrupt-on-timeout", action="store_true")
    parser.add_argument("--allow-errors", action="store_true")
    parser.add_argument("--kernel", default="pmpo4j-java")
    args = parser.parse_args()

    notebook = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=60,
        interrupt_on_timeout=args.interrupt_on_timeout,
        allow_errors=args.allow_errors,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    kernel = {}
    failed_cells = []

    def remember_kernel(**_):
        kernel["process"] = client.km.provisioner.process

    def remember_failed_cell(cell_index, **_):
        failed_cells.append(cell_index)

    client.on_notebook_start = remember_kernel
    client.on_cell_error = remember_failed_cell

    error = None
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as failure:
        error = {"type": "CellExecutionError", "ename": failure.ename, "evalue": failure.evalue,
                 "traceback": failure.traceback, "message": str(failure)}
    except (CellTimeoutError, DeadKernelError) as failure:
        error = {"type": type(failure).__name__, "message": str(failure)}
    seconds = time.monotonic() - started
    if error is not None:
        error["cell_index"] = failed_cells[0] if failed_cells else None

    process = kernel.get("process")
    result = {
        "status": "ok" if error is None else "error",
        "error": error,
        "failed_cells": failed_cells,
        "cells": [{"source": cell.source, "outputs": cell.get("outputs", [])} for cell in notebook.cells],
        "kernel_pid": process.pid if process else None,
        "kernel_exit_code": process.poll() if process else None,
        "kernel_alive_after": process is not None and os.path.exists(f"/proc/{process.pid}"),
        "seconds": seconds,
    }
    with open(args.result, "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
