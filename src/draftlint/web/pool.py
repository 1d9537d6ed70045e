"""The worker processes of ``draftlint serve``: each file is read and linted in one of them,
under the time left to its request, so a hostile or huge file costs its own request a worker
for a while and never stops the server or the other requests.

Each worker is a process of its own (started with ``spawn``: the server runs threads, and a
forked child of a threaded process can inherit a held lock), holding the rules built once.
A task that overruns its time stops itself (``SIGALRM`` in the worker); one that does not (a
long call in C) gets its worker killed, with its process group, and a new worker takes its place.
A worker that dies (memory, a crash in a library) is replaced the same way; only its file fails.
A worker left holding much memory by a huge file (the interpreter keeps its grown heap) is
replaced once it has answered, in the background, so the server's memory comes back down.
"""

from __future__ import annotations

import asyncio
import os
import signal
from concurrent.futures import ThreadPoolExecutor

from ..config import Config
from .work import worker_main

#: Seconds a worker gets beyond its task's own limit before it is killed.
GRACE = 3.0
#: Seconds a new worker may take to start and build the rules.
START_SECONDS = 120.0
#: A worker resident in more memory than this after a task is replaced (one checking ordinary
#: drafts stays under 100 MB; after a 30 MB one-line text it keeps 250-320 MB).
MAX_WORKER_BYTES = 192 * 2**20


class WorkerDied(Exception):
    pass


class Overran(Exception):
    """The worker did not answer in time (not TimeoutError, which is an OSError)."""


class _Process:
    """One worker process and the pipe to it."""

    def __init__(self, context, config: Config, convert_seconds: float):
        parent, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, os.getpid(), config, convert_seconds),
                                       daemon=True, name="draftlint-serve-worker")
        self.process.start()
        child.close()
        self.conn = parent
        self.resident = 0  # bytes, as the worker said after its last task
        if not self.conn.poll(START_SECONDS):
            self.kill()
            raise WorkerDied("a worker did not start")
        try:
            self.conn.recv()  # ("ready", None)
        except EOFError:
            self.kill()
            raise WorkerDied("a worker died while starting") from None

    def call(self, task: dict, seconds: float):
        """The worker's answer to ``task``; raises Overran (the worker must then be killed)
        or WorkerDied."""
        try:
            self.conn.send(task)
            answered = self.conn.poll(max(0.0, seconds))
            if answered:
                status, answer, self.resident = self.conn.recv()
                return status, answer
        except (EOFError, OSError) as exc:
            raise WorkerDied(str(exc)) from None
        raise Overran()

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None and hasattr(os, "killpg"):
            try:
                os.killpg(pid, signal.SIGKILL)  # the worker leads its group (os.setsid in worker_main)
            except OSError:
                pass
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``jobs`` workers, shared by every request; :meth:`run` is the only way in."""

    def __init__(self, config: Config, jobs: int, convert_seconds: float):
        import multiprocessing

        self.config, self.jobs, self.convert_seconds = config, jobs, convert_seconds
        self.context = multiprocessing.get_context("spawn")
        self.threads = ThreadPoolExecutor(max_workers=jobs + 1, thread_name_prefix="draftlint-serve")
        self.idle: asyncio.Queue[_Process | None] | None = None
        self.processes: list[_Process] = []

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.idle = asyncio.Queue()
        started = await asyncio.gather(*(loop.run_in_executor(self.threads, self._new) for _ in range(self.jobs)))
        for p in started:
            self.idle.put_nowait(p)

    def _new(self) -> _Process:
        p = _Process(self.context, self.config, self.convert_seconds)
        self.processes.append(p)
        return p

    def _retire(self, p: _Process) -> None:
        p.kill()
        if p in self.processes:
            self.processes.remove(p)

    def _use(self, p: _Process, task: dict, seconds: float):
        """In a thread: ``(the worker to put back, (status, answer))``; status "ok", "timeout" or
        "died". A worker that overran or died is replaced (None when even that fails: the
        next request starts one)."""
        try:
            return p, p.call(task, seconds + GRACE)
        except Overran:
            outcome = ("timeout", None)
        except WorkerDied:
            outcome = ("died", None)
        return self._replace(p), outcome

    def _replace(self, p: _Process) -> _Process | None:
        """A new worker in place of ``p`` (None when it cannot be started)."""
        self._retire(p)
        try:
            return self._new()
        except WorkerDied:
            return None

    def _put_back(self, loop, future) -> None:
        """The worker of a finished task back in the queue (None: the next task starts one), or
        a new one in its place, started in a thread, when it holds too much memory."""
        used = _result(future)
        p = used[0] if used is not None else None
        if p is not None and p.resident > MAX_WORKER_BYTES:
            replaced = loop.run_in_executor(self.threads, self._replace, p)
            replaced.add_done_callback(lambda f: self.idle.put_nowait(_result(f)))
            return
        self.idle.put_nowait(p)

    async def run(self, task: dict, deadline: float):
        """``(status, answer)`` for ``task`` before ``deadline`` (the event loop's clock):
        status "ok", "timeout" (its time ran out, waiting for a worker or in one) or "died"."""
        assert self.idle is not None, "start() the pool first"
        loop = asyncio.get_running_loop()
        try:
            p = await asyncio.wait_for(self.idle.get(), max(0.001, deadline - loop.time()))
        except asyncio.TimeoutError:
            return "busy", None
        seconds = deadline - loop.time()
        if p is None:  # a worker that could not be replaced before: try again now
            try:
                p = await loop.run_in_executor(self.threads, self._new)
            except WorkerDied:
                self.idle.put_nowait(None)
                return "died", None
        task = {**task, "seconds": max(0.05, seconds)}
        future = loop.run_in_executor(self.threads, self._use, p, task, seconds)
        # the worker goes back to the queue when its task ends, even if this request is gone
        future.add_done_callback(lambda f: self._put_back(loop, f))
        _, outcome = await asyncio.shield(future)
        return outcome

    def close(self) -> None:
        for p in list(self.processes):
            self._retire(p)
        self.threads.shutdown(wait=False, cancel_futures=True)


def _result(future):
    """A finished future's result, or None when it was cancelled or raised."""
    return future.result() if not future.cancelled() and future.exception() is None else None
