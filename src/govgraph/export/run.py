"""Run the exporters, in two processes when the build has two jobs.

The exporters only read the graph, so a forked child can write some formats
while this process writes the others: the child sees the graph without it
being pickled, and pages are shared until either side writes to them. Each
exporter writes atomically, so a failure on either side leaves every file
whole (old or new) and is raised here.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback


def run_exports(tasks, processes: int = 1) -> list:
    """tasks: (cost, callable returning the paths it wrote), in output order.

    Returns the paths in task order. With processes > 1 (on Linux, where fork
    is safe and cheap) the tasks are split in two groups of about equal cost."""
    if processes < 2 or len(tasks) < 2 or not sys.platform.startswith("linux"):
        return [p for _, task in tasks for p in task()]
    here, there = _split([cost for cost, _ in tasks])
    ctx = multiprocessing.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=([tasks[i][1] for i in there], writer), daemon=True)
    child.start()
    writer.close()
    written = {}
    try:
        for i in here:
            written[i] = tasks[i][1]()
    finally:
        try:
            result = reader.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            child.join()
            result = ("error", ChildProcessError, f"export process exited with code {child.exitcode}")
        child.join()
    if result[0] == "error":
        _, kind, message = result
        raise KeyboardInterrupt if kind is KeyboardInterrupt else kind(message)
    for i, paths in zip(there, result[1]):
        written[i] = paths
    return [p for i in range(len(tasks)) for p in written[i]]


def _child(tasks, conn):
    try:
        conn.send(("ok", [task() for task in tasks]))
    except BaseException as exc:  # reported to the parent, which raises it
        kind = exc.__class__ if isinstance(exc, (OSError, ValueError, KeyboardInterrupt)) else RuntimeError
        message = str(exc) if kind is not RuntimeError else traceback.format_exc()
        conn.send(("error", kind, message))
    finally:
        conn.close()


def _split(costs: list[float]) -> tuple[list[int], list[int]]:
    """Indices for this process and for the child: the largest first, each to the lighter side."""
    groups, load = ([], []), [0.0, 0.0]
    for i in sorted(range(len(costs)), key=lambda i: -costs[i]):
        side = 0 if load[0] <= load[1] else 1
        groups[side].append(i)
        load[side] += costs[i]
    return sorted(groups[0]), sorted(groups[1])
