"""Execute pmpo4j notebooks in order through the pmpo4j-java Jupyter kernel.

Run with Debian's Python, which has nbclient:
    /usr/bin/python3 environment/run_notebooks.py --scale smoke --output-dir target/nb [NOTEBOOK ...]

Without notebook paths, every notebooks/*.ipynb of the repository runs, sorted by name. The
kernel gets PMPO_SCALE (smoke or paper) and PMPO_RESULTS (where notebooks write CSV files and
figures) in its environment, and the notebook's folder as its working directory. Smoke runs never
touch the checked-in outputs: they cannot run in place, and their results go to results/smoke/
unless --results-dir sets another folder.

A notebook that fails is never written in place. With --output-dir its partly executed copy
is written there for inspection. The last line reads "notebooks: N passed, M failed", and the
exit status is 1 if any notebook failed, 2 for a usage or installation error.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "pmpo4j-java"
ERROR_LINES_SHOWN = 20


def fail_setup(message):
    """Print a one-line error about the installation or the arguments and exit with status 2."""
    print(f"run_notebooks: {message}", file=sys.stderr)
    sys.exit(2)


try:
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellControlSignal, CellExecutionError, DeadKernelError
except ImportError as missing:
    fail_setup(f"{sys.executable} cannot import Jupyter ({missing}); run environment/setup "
               "and use /usr/bin/python3, which has Debian's nbclient")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Execute notebooks with nbclient through the pmpo4j-java kernel.")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run, in this order (default: notebooks/*.ipynb sorted by name)")
    parser.add_argument("--scale", choices=["smoke", "paper"], default=None,
                        help="experiment size, exported to the kernel as PMPO_SCALE (default: the PMPO_SCALE "
                             "environment variable, or paper when it is unset)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--in-place", action="store_true",
                        help="write the outputs back into each notebook that passes")
    target.add_argument("--output-dir", type=Path,
                        help="write executed copies into this folder and leave the notebooks untouched")
    parser.add_argument("--results-dir", type=Path, default=None,
                        help="folder for the notebooks' CSV files and figures, exported as PMPO_RESULTS "
                             "(default: results/ at paper scale, the git-ignored results/smoke/ at smoke scale)")
    parser.add_argument("--timeout", type=int, default=3600,
                        help="maximum seconds per cell; 0 disables the limit (default: 3600)")
    parser.add_argument("--kernel", default=KERNEL_NAME,
                        help=f"Jupyter kernelspec to use (default: {KERNEL_NAME})")
    return parser.parse_args(argv)


def default_notebooks():
    folder = REPO_ROOT / "notebooks"
    return sorted(folder.glob("*.ipynb")) if folder.is_dir() else []


def check_kernelspec(name):
    """Fail unless the kernelspec exists and runs this checkout's kernel.

    The kernelspec is installed once per user, so after environment/setup ran in another clone, this
    checkout's notebooks would silently run that clone's library.
    """
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        fail_setup(f"Jupyter kernelspec '{name}' not found; run environment/setup to install it")
    jars = [Path(spec.argv[i + 1]) for i, word in enumerate(spec.argv[:-1]) if word == "-jar"]
    for jar in jars:
        if REPO_ROOT not in jar.resolve().parents:
            fail_setup(f"Jupyter kernelspec '{name}' runs {jar}, which belongs to another checkout; "
                       f"run environment/setup in {REPO_ROOT} to point it at this one")


def write_atomically(notebook, path):
    """Write the notebook to a temporary file next to path, then move it over path.

    The file keeps the permissions of the notebook it replaces, or gets 0644 less the umask.
    """
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            nbformat.write(notebook, out)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o644 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def describe_error(error):
    """Return the lines that explain why a notebook failed."""
    if isinstance(error, CellExecutionError):
        text = f"{error.ename}: {error.evalue}"
    else:
        text = f"{type(error).__name__}: {error}"
    lines = text.splitlines() or [text]
    if len(lines) > ERROR_LINES_SHOWN:
        lines = lines[:ERROR_LINES_SHOWN] + [f"... {len(lines) - ERROR_LINES_SHOWN} more lines"]
    return lines


def run_notebook(path, args):
    """Execute one notebook and return (passed, seconds)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=args.kernel,
        timeout=args.timeout if args.timeout > 0 else None,
        startup_timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    failed_cells = []
    client.on_cell_error = lambda cell_index, **_: failed_cells.append(cell_index)

    shown = os.path.relpath(path)
    if shown.startswith(".."):
        shown = str(path)
    started = time.monotonic()
    error = None
    try:
        client.execute()
    except (CellControlSignal, DeadKernelError, RuntimeError, TimeoutError) as failure:
        # CellControlSignal covers cell errors and timeouts; RuntimeError and TimeoutError
        # cover a kernel that does not start.
        error = failure
    seconds = time.monotonic() - started

    if error is None:
        if args.in_place:
            write_atomically(notebook, path)
        else:
            write_atomically(notebook, args.output_dir / path.name)
        print(f"passed  {shown}  ({seconds:.1f} s)", flush=True)
        return True, seconds

    where = f"cell index {failed_cells[0]}" if failed_cells else "before or between cells"
    print(f"FAILED  {shown}  ({seconds:.1f} s) at {where}:", flush=True)
    for line in describe_error(error):
        print(f"    {line}")
    if args.output_dir is not None:
        partial = args.output_dir / path.name
        write_atomically(notebook, partial)
        print(f"    partly executed copy: {partial}")
    sys.stdout.flush()
    return False, seconds


def resolve_scale(requested):
    """Return the --scale value, else a valid PMPO_SCALE from the environment, else "paper"."""
    if requested is not None:
        return requested
    value = os.environ.get("PMPO_SCALE", "").strip().lower()
    if value in ("", "paper"):
        return "paper"
    if value == "smoke":
        return "smoke"
    fail_setup(f"PMPO_SCALE must be 'smoke' or 'paper', got '{os.environ['PMPO_SCALE']}'; "
               "unset it or pass --scale")


def main(argv):
    args = parse_args(argv)
    args.scale = resolve_scale(args.scale)
    if args.in_place and args.scale == "smoke":
        fail_setup("--in-place at smoke scale would replace the paper-scale outputs in the notebooks; "
                   "use --output-dir DIR for a smoke run")
    if args.results_dir is None:
        args.results_dir = REPO_ROOT / "results" / ("smoke" if args.scale == "smoke" else "")
    notebooks = args.notebooks or default_notebooks()
    for path in notebooks:
        if not path.is_file():
            fail_setup(f"notebook not found: {path}")
    check_kernelspec(args.kernel)

    results_dir = args.results_dir.resolve()
    results_dir.mkdir(parents=True, exist_ok=True)
    if args.output_dir is not None:
        args.output_dir = args.output_dir.resolve()
        args.output_dir.mkdir(parents=True, exist_ok=True)
    # jupyter_client starts the kernel with this process's environment plus the kernelspec's env.
    os.environ["PMPO_SCALE"] = args.scale
    os.environ["PMPO_RESULTS"] = str(results_dir)

    target = "in place" if args.in_place else f"into {args.output_dir}"
    print(f"running {len(notebooks)} notebook(s) at {args.scale} scale, writing {target}, "
          f"results in {results_dir}", flush=True)
    passed = failed = 0
    for path in notebooks:
        ok, _ = run_notebook(path.resolve(), args)
        if ok:
            passed += 1
        else:
            failed += 1

    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        print("run_notebooks: interrupted", file=sys.stderr)
        sys.exit(130)
