"""Lint many files: choose each file's settings, reuse cached results, lint the rest in a pool.

Each file is linted by the pure :func:`lint_file` (bytes + name + settings → result), so the
order of work and the number of processes never change the results.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterator, NamedTuple

from .config import Config, ConfigError, Resolver
from .discovery import Target
from .model import FileResult
from .readers import ReaderOptions, format_of
from .reporters import RunResult
from .settings import Settings, required_kinds

#: Files larger than this are refused with a per-file error instead of being read into memory.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Show a progress bar (on a terminal) from this many files to lint.
PROGRESS_FROM = 8
#: Seconds one file may take to be read and linted, the last resort behind the readers' own
#: limits: a 30 MB single-line text, the largest input measured, takes about 11 s.
FILE_TIME_LIMIT = 120


class RunOptions(NamedTuple):
    """What the command line adds to the configuration files."""

    select: tuple[str, ...] = ()  # replaces the configuration's select
    ignore: tuple[str, ...] = ()  # adds to it
    rule_dirs: tuple[str, ...] = ()
    jobs: int | None = None  # None: all cores
    cache_dir: str | None = None  # None: no cache
    progress: bool = True
    include_comments: bool = False  # lint reviewers' Word comments too
    layout: str | None = None  # --layout: a profile name or path ("off": none), over the configuration's


def file_settings(config: Config, path: str, options: RunOptions, file_ignores: tuple[str, ...] | None = None) -> Settings:
    """Everything that decides one file's findings; ``file_ignores``: its ``per-file-ignores``
    when the caller matched them (``draftlint serve``: an upload has no path on this computer)."""
    return _settings(config, config.ignores_for(path) if file_ignores is None else file_ignores, options)


def _settings(config: Config, file_ignores: tuple[str, ...], options: RunOptions) -> Settings:
    return Settings(
        config=config.name,
        rule_dirs=(*config.extend_rules, *(str(Path(d).resolve()) for d in options.rule_dirs)),
        select=tuple(options.select or config.select),
        extend_select=tuple(config.extend_select),
        ignore=(*config.ignore, *file_ignores, *options.ignore),
        severity=tuple(config.severity),
        allow=tuple(config.allow),
        required_sections=required_kinds(config.required_sections),
        include_comments=options.include_comments,
        **_layout(config, options),
    )


def _layout(config: Config, options: RunOptions) -> dict:
    """The layout profile chosen (the command line over the configuration) and its digest."""
    spec = options.layout if options.layout is not None else config.layout
    if not spec or spec == "off":
        return {}
    from .checkers.layout import profile_digest

    return {"layout": spec, "layout_digest": profile_digest(spec)}


_RULES: dict[tuple, object] = {}


class RuleFilesError(ConfigError):
    """A rule file (from ``--rules`` or a configuration's ``extend-rules``) that does not load:
    ``str()`` names the rule file and line, not a configuration key."""

    def __init__(self, problem: str):
        Exception.__init__(self, problem)
        self.file, self.key, self.problem = "", None, problem


def rules_for(settings: Settings):
    """The rule set ``settings`` select, built once per process; bad selectors are ConfigErrors."""
    key = settings.rules_key
    if key in _RULES:
        return _RULES[key]
    from .model import Severity
    from .ruleset import RuleFileError, RuleSet, load_rules

    where = settings.config
    try:
        rules = load_rules(settings.rule_dirs)
    except RuleFileError as exc:
        raise RuleFilesError(str(exc)) from None
    for name in ("select", "extend_select", "ignore"):
        unknown = rules.unknown_selectors(getattr(settings, name))
        if unknown:
            raise ConfigError(where, name.replace("_", "-"), f"no rule matches {', '.join(unknown)} (see draftlint rules)")
    select = settings.select or (("ALL",) if settings.extend_select else ())
    chosen = rules.select([*select, *settings.extend_select], settings.ignore)
    overrides = {}
    for rid, label in settings.severity:
        if rules.get(rid) is None:
            raise ConfigError(where, f"severity.{rid}", "no such rule (see draftlint rules)")
        overrides[rules.get(rid).id] = Severity.parse(label)
    result = RuleSet(r.with_severity(overrides[r.id]) if r.id in overrides else r for r in chosen)
    _RULES[key] = result
    return result


def _cannot_open(exc: OSError) -> str:
    return f"cannot open: {exc.strerror or exc}"


def read_file(path: str) -> bytes | str:
    """The file's bytes, or the reason they cannot be read. Opened without waiting (a named pipe
    put where a draft was would block the run for ever) and read only if it is a regular file."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return _cannot_open(exc)
    with open(fd, "rb", closefd=True) as fh:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                from .discovery import not_a_file

                return not_a_file(path) or "not a regular file: not read"
            if hasattr(os, "O_NONBLOCK"):  # POSIX: opened without waiting, now read as usual
                os.set_blocking(fd, True)
            return _read_from(fh)
        except OSError as exc:
            return _cannot_open(exc)


def _read_from(stream: BinaryIO) -> bytes | str:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return "file larger than 512 MiB"
    return data


def lint_file(data: bytes, path: str, settings: Settings) -> FileResult:
    """The one pipeline for one file: its result from its bytes, name and settings (pure)."""
    from .engine import read_and_lint  # not imported by a run that only reads the cache

    reader = ReaderOptions(include_comments=settings.include_comments, layout=settings.layout is not None)
    return read_and_lint(data, path, rules_for(settings), settings, reader)


def _work(item: tuple[str, Settings]) -> tuple[FileResult, str | None]:
    """One file linted, with the digest of the bytes that were linted (None when it could not be
    read): the cache stores the result under that digest, taken from this very read."""
    from .fsutil import content_digest

    path, settings = item
    data = read_file(path)
    if isinstance(data, str):
        return FileResult(path=path, format=format_of(path), error=data), None
    with time_limit(FILE_TIME_LIMIT):
        try:
            return lint_file(data, path, settings), content_digest(data)
        except FileTimeLimit:
            return FileResult(path=path, format=format_of(path), error=(
                f"refused: reading and linting it took longer than {FILE_TIME_LIMIT} s (the limit for one file); "
                "the other files were linted")), None


class FileTimeLimit(BaseException):
    """Raised in the middle of a file's work when its time is up (:class:`time_limit`) (a BaseException, so that no
    ``except Exception`` of the pipeline takes it for the file's own error)."""


class time_limit:
    """``signal.setitimer`` around one file's work, where signals can be used (the main thread
    of a process on a POSIX system): the last resort behind the limits of the readers. Python
    runs the handler between two bytecodes, so a single long search in C ends first."""

    def __init__(self, seconds: float):
        import signal
        import threading

        self.active = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds

    def __enter__(self):
        if self.active:
            import signal

            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    @staticmethod
    def _expired(signum, frame):
        raise FileTimeLimit()

    def __exit__(self, *exc):
        if self.active:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def settings_for(name: str, resolver: Resolver, options: RunOptions) -> tuple[Config, Settings]:
    """The configuration and settings that apply to text linted as the file ``name`` (standard
    input, an editor's buffer); :class:`ConfigError` when they cannot be used (a rule file
    that does not load is raised here, as for files)."""
    config = resolver.for_file(name)
    settings = file_settings(config, name, options)
    rules_for(settings)
    return config, settings


def lint_stdin(stream: BinaryIO, name: str, resolver: Resolver | None = None, options: RunOptions | None = None) -> FileResult:
    """What an editor or a pipe gives on standard input (``stream``), linted as if it were the
    file ``name``: its type comes from the name's suffix and its settings from the configuration
    that would apply there (a file being edited is linted even where ``exclude`` would skip it,
    as its editor asked for it). Nothing is cached: there is no file to know it by."""
    _, settings = settings_for(name, resolver or Resolver(), options or RunOptions())
    data = _read_from(stream)
    if isinstance(data, str):
        return FileResult(path=name, format=format_of(name), error=data)
    return lint_file(data, name, settings)


def plan(targets: list[Target], resolver: Resolver, options: RunOptions) -> list[tuple[Target, Settings | None]]:
    """Drop excluded files; pair the others with their settings (None for a target in error)."""
    out: list[tuple[Target, Settings | None]] = []
    shared: dict[tuple[int, tuple[str, ...]], Settings] = {}  # files with the same settings share one value
    for t in targets:
        if t.error is not None:
            out.append((t, None))
            continue
        config = resolver.for_file(t.path)
        if config.excludes(t.path):
            continue
        ignores = config.ignores_for(t.path)
        settings = shared.get((id(config), ignores))
        if settings is None:
            settings = shared[(id(config), ignores)] = _settings(config, ignores, options)
        out.append((t, settings))
    return out


def run(targets: list[Target], resolver: Resolver | None = None, options: RunOptions | None = None) -> RunResult:
    """Lint ``targets``; results come back in the order given, whatever the number of jobs."""
    return RunResult(list(stream(targets, resolver, options)))


def stream(targets: list[Target], resolver: Resolver | None = None, options: RunOptions | None = None) -> Iterator[FileResult]:
    """Each target's result, in the order given, as soon as it and those before it are done:
    a report can be written while the run goes on, holding one file's findings at a time.
    Configuration errors are raised before the first result."""
    options = options or RunOptions()
    resolver = resolver or Resolver()
    planned = plan(targets, resolver, options)
    cache = None
    if options.cache_dir:
        from .cache import Cache

        cache = Cache(options.cache_dir)
        if cache.refused:
            sys.stderr.write(f"draftlint: the cache folder {cache.folder} is not used: {cache.refused}\n")
            cache = None
    # Per target: a result known now (an error), or (path, settings, cache key, cached?).
    slots: list[FileResult | tuple[str, Settings, str | None, bool]] = []
    todo: list[tuple[str, Settings]] = []
    for t, settings in planned:
        if settings is None:
            slots.append(FileResult(path=t.path, format=format_of(t.path), error=t.error))
            continue
        key = None
        if cache is not None:
            try:
                key = cache.key(t.path, settings)
            except OSError as exc:
                slots.append(FileResult(path=t.path, format=format_of(t.path), error=_cannot_open(exc)))
                continue
        cached = key is not None and cache.has(key)
        slots.append((t.path, settings, key, cached))
        if not cached:
            todo.append((t.path, settings))
    if cache is not None:
        cache.save()
    # Build each distinct rule set here first: configuration errors surface before any work,
    # and forked workers inherit the loaded rules.
    for _, settings in todo:
        rules_for(settings)
    return _in_order(slots, _lint_all(todo, options), cache)


def _in_order(slots, linted: Iterator[tuple[FileResult, str | None]], cache) -> Iterator[FileResult]:
    """The results in the targets' order: cached ones loaded only at their turn (so a re-run
    holds one at a time), the others from the workers, which keep that same order."""
    for slot in slots:
        if isinstance(slot, FileResult):
            yield slot
            continue
        path, settings, key, cached = slot
        if cached:
            result = cache.get(key)
            digest = None
            if result is None:  # an entry that cannot be loaded (damaged) is linted again, here
                result, digest = _work((path, settings))
        else:
            result, digest = next(linted)
        if cache is not None and digest is not None:  # under the bytes linted, whatever the file holds now
            cache.put(cache.key(path, settings, digest), result)
        yield result


def _lint_all(items: list[tuple[str, Settings]], options: RunOptions) -> Iterator[tuple[FileResult, str | None]]:
    jobs = options.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(items)))
    if not items:
        return
    if jobs == 1:
        progress = _progress(len(items)) if options.progress else None
        try:
            for item in items:
                yield _work(item)
                if progress:
                    progress.advance()
        finally:
            if progress:
                progress.stop()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = start_method()
    context = multiprocessing.get_context(method) if method else None
    progress = None
    done = 0
    try:
        while done < len(items):
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker_start, initargs=(os.getpid(),))
            try:
                # map() submits every chunk, which starts the workers: before the progress bar's
                # refresh thread exists, so no thread is running while the process forks
                rest = items[done:]
                results = pool.map(_work, rest, chunksize=max(1, min(8, len(rest) // (jobs * 16))))
                if progress is None and options.progress:
                    progress = _progress(len(items))
                for result in results:
                    yield result
                    done += 1
                    if progress:
                        progress.advance()
            except BrokenProcessPool:
                # A worker died (killed for memory, a crash in a native library): the files not yet
                # done are linted again one process each until the one that kills its process is
                # found; it is reported, and the rest go back to a new pool.
                pool.shutdown(wait=False, cancel_futures=True)
                if progress is not None and method == "fork":
                    context = multiprocessing.get_context("forkserver")  # the bar's thread runs now
                for item in items[done:]:
                    result, digest = _alone(item, context)
                    yield result, digest
                    done += 1
                    if progress:
                        progress.advance()
                    if result.error is not None and result.error.startswith(WORKER_DIED):
                        break
            finally:  # also when the reader stops early: queued work is dropped, not waited for
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        if progress:
            progress.stop()


def worker_start(parent: int) -> None:
    """A worker ends with the run that started it: killed with it on Linux (the kernel sends it
    SIGKILL when its parent dies, ``PR_SET_PDEATHSIG``; a forkserver worker's parent is the fork
    server, which ends with the run). Before, a run killed in CI left its workers waiting for work for ever."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.name != "posix":  # on Windows os.kill(pid, 0) would terminate the run, not ask about it
        return
    try:  # the run died before the line above took effect (a forkserver worker's parent is
        os.kill(parent, 0)  # the fork server, so the run is asked for by its own id)
    except ProcessLookupError:
        os._exit(1)
    except OSError:
        pass


WORKER_DIED = "the process reading this file died"
#: A file's error when the process linting it died (``draftlint serve`` gives the same).
WORKER_DIED_REASON = f"{WORKER_DIED} (killed for using too much memory, or a crash in a library it uses); the other files were linted"


def _alone(item: tuple[str, Settings], context) -> tuple[FileResult, str | None]:
    """``_work(item)`` in a process of its own: its result, or why that process died."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=worker_start, initargs=(os.getpid(),)) as pool:
        try:
            return pool.submit(_work, item).result()
        except BrokenProcessPool:
            return FileResult(path=item[0], format=format_of(item[0]), error=WORKER_DIED_REASON), None


def start_method() -> str | None:
    """How to start the workers: None keeps the platform's default (macOS, Windows).

    On Linux they are forked, so they start with the rules already loaded (Python 3.14 makes
    forkserver the default there, and each worker would load them again), but only while this
    process runs no other thread: a forked child gets every lock as it was at that moment, and
    one held by another thread is never released in it (Python 3.12 and later warn). The
    command line starts its progress bar's thread after the workers, so it always forks; a
    program that embeds draftlint and runs threads of its own gets forkserver workers, which
    load the rules themselves."""
    if not sys.platform.startswith("linux"):
        return None
    import threading

    return "fork" if threading.active_count() == 1 else "forkserver"


class _Bar:
    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("draftlint"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        self._task = self._progress.add_task("lint", total=total)
        self._progress.start()

    def advance(self) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.stop()


def _progress(total: int) -> _Bar | None:
    if total < PROGRESS_FROM or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return None
    return _Bar(total)
