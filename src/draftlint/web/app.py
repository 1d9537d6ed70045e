"""The application behind ``draftlint serve``: one page, its static files, and a JSON API.

Starlette and uvicorn: a small, maintained ASGI stack with no template engine, database or
session machinery to configure or to secure; the page is static HTML and JavaScript served
from this package, and everything it shows comes from ``POST /api/check``.

Nothing a user sends is kept: files are read into memory, linted in a worker process, and
forgotten when the answer is sent (downloads send the file again). The log says how many files
and findings and how long, never a name or a word of text.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..installed import VERSION
from ..config import Config
from ..model import FileResult
from ..readers import SUPPORTED_SUFFIXES, format_of
from ..reasons import localize
from ..reporters import RunResult, for_display
from ..reporters import json as json_reporter
from . import security
from .pool import WorkerPool
from .upload import BadRequest, TooLarge, Upload, limit_words, parse_json, parse_multipart, read_body
from .work import settings_for

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("draftlint.serve")


@dataclass
class ServeOptions:
    config: Config = field(default_factory=Config)
    max_upload_bytes: int = 20 * 1024 * 1024
    max_files: int = 20
    jobs: int = 2
    time_limit: float = 120.0  # seconds for one request
    token: str | None = None
    allowed_hosts: tuple[str, ...] | None = None  # None: any Host header
    lang: str = "zh"  # the API's default language
    max_requests: int = 0  # POSTs at once, whatever their size (0: MAX_REQUESTS); more get 503
    max_held_bytes: int = 0  # request bodies held at once (0: four uploads per worker, and four more); more get 503

    def __post_init__(self):
        if self.max_requests <= 0:
            self.max_requests = MAX_REQUESTS
        if self.max_held_bytes <= 0:
            self.max_held_bytes = (4 * self.jobs + 4) * self.max_upload_bytes


#: POSTs in progress at once by default. Waiting for a worker costs a request little but its
#: body, which :attr:`ServeOptions.max_held_bytes` bounds: twenty colleagues sending a draft
#: each at the same moment wait their turn instead of being told the server is busy.
MAX_REQUESTS = 256


def _lang(request: Request, default: str) -> str:
    lang = request.query_params.get("lang") or default
    return lang if lang in ("zh", "en") else "zh"


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _attachment(data: bytes, name: str, media_type: str) -> Response:
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name) or "draftlint"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def create_app(options: ServeOptions, pool: WorkerPool | None = None) -> Starlette:
    """The application; ``pool`` is started with it (made from ``options`` when not given)."""
    pool = pool or WorkerPool(options.config, options.jobs, convert_seconds=max(1.0, options.time_limit * 0.6))
    info = _info(options)
    in_flight = [0, 0]  # POST requests being read or checked, and the bytes their bodies may hold
    limit_text = {lang: limit_words(options.max_upload_bytes, options.max_files, lang) for lang in ("zh", "en")}

    async def uploads(request: Request, lang: str) -> list[Upload]:
        words = limit_text[lang]
        declared = request.headers.get("content-length")
        body = await read_body(request.stream(), int(declared) if declared and declared.isdigit() else None,
                               options.max_upload_bytes, words)
        kind = request.headers.get("content-type", "")
        if kind.startswith("multipart/form-data"):
            found = parse_multipart(body, kind, options.max_files, words, lang)
        elif kind.startswith("application/json"):
            found = parse_json(body, lang)
        else:
            raise BadRequest("send multipart/form-data (files) or application/json ({\"name\": …, \"text\": …})")
        if not found:
            raise BadRequest("no file in the request")
        return found

    async def guarded(request: Request, handler):
        """Limits and malformed bodies become clear answers; anything else a 500 that logs
        only the kind of error (a message could quote a file)."""
        lang = _lang(request, options.lang)
        started = time.monotonic()
        # a body is held in memory until its answer is sent: at most its declared length (the
        # limit when it declares none), as read_body never keeps more than the limit
        declared = request.headers.get("content-length", "")
        cost = min(int(declared), options.max_upload_bytes) if declared.isdigit() else options.max_upload_bytes
        if in_flight[0] >= options.max_requests or in_flight[1] + cost > options.max_held_bytes:
            log.info("%s: refused, %d requests in progress holding up to %d bytes (503)", request.url.path, *in_flight)
            return _error(503, "服务器繁忙，请稍后再试。" if lang != "en" else "The server is busy: try again in a moment.")
        in_flight[0] += 1
        in_flight[1] += cost
        try:
            return await handler(request, lang, started)
        except TooLarge as exc:
            log.info("%s: refused, over a limit (413)", request.url.path)
            return _error(413, str(exc), limits={k: info["limits"][k] for k in ("max_upload_bytes", "max_files")})
        except BadRequest as exc:
            return _error(400, str(exc))
        except Exception as exc:  # noqa: BLE001 - never a traceback with a user's data in the log
            log.error("%s: internal error %s", request.url.path, type(exc).__name__)
            return _error(500, "internal error in draftlint serve (see the server log)")
        finally:
            in_flight[0] -= 1
            in_flight[1] -= cost

    async def lint_all(found: list[Upload], lang: str, with_text: bool) -> tuple[list[FileResult], list]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + options.time_limit
        outcomes = await asyncio.gather(*(pool.run({"kind": "check", "data": u.data, "name": u.name, "lang": lang, "text": with_text},
                                                   deadline) for u in found))
        results, views = [], []
        for u, (status, answer) in zip(found, outcomes):
            if status == "ok":
                result, view = answer
            else:
                result, view = FileResult(path=u.name, format=format_of(u.name), error=_reason(status, options.time_limit)), None
            results.append(for_display(result))
            views.append(view)
        return results, views

    async def check(request: Request, lang: str, started: float):
        found = await uploads(request, lang)
        with_text = request.query_params.get("include") == "text"
        results, views = await lint_all(found, lang, with_text)

        run = RunResult(results)

        def answer() -> bytes:
            extra = None
            if with_text:  # for the page: each file's paragraphs, and where its findings are in the list
                documents, start = [], 0
                for r, v in zip(results, views):
                    documents.append({
                        "path": r.path, "format": r.format, "encoding": r.encoding,
                        "error": localize(r.error, lang) if r.error else None,
                        "findings": [start, start + len(r.findings)],
                        "blocks": v["blocks"] if v else [], "truncated": bool(v and v["truncated"])})
                    start += len(r.findings)
                extra = {"documents": documents}
            return _written(json_reporter, run, lang, extra=extra)

        # in a thread: the report of a huge file (a 30 MB line: 177,000 findings, 400 MB of JSON)
        # takes seconds to write, and the event loop answers everyone else meanwhile (the reporter
        # encodes one finding at a time, each a short call that lets the loop run between them)
        body = await asyncio.get_running_loop().run_in_executor(None, answer)
        log.info("check: %d files, %d unreadable, %d findings, %d bytes, %.0f ms", run.tally.files, run.tally.errors,
                 run.tally.findings, sum(len(u.data) for u in found), 1000 * (time.monotonic() - started))
        response = Response(body, media_type="application/json")
        if len(body) > BIG_ANSWER:
            response.background = BackgroundTask(give_back_memory)  # once the answer is sent
        return response

    async def copy(kind: str, request: Request, lang: str, started: float):
        found = await uploads(request, lang)
        if len(found) != 1:
            raise BadRequest("send one file")
        u = found[0]
        loop = asyncio.get_running_loop()
        status, answer = await pool.run({"kind": kind, "data": u.data, "name": u.name, "lang": lang}, loop.time() + options.time_limit)
        log.info("%s: 1 file, %s, %.0f ms", kind, "done" if status == "ok" and "data" in answer else "not made",
                 1000 * (time.monotonic() - started))
        if status != "ok":
            return _error(422, localize(_reason(status, options.time_limit), lang))
        if "data" not in answer:
            return _error(409 if answer.get("nothing") else 422, answer["error"])
        media = DOCX_TYPE if answer["name"].lower().endswith(".docx") else "application/octet-stream"  # a TXT keeps its own encoding
        response = _attachment(answer["data"], answer["name"], media)
        response.headers["x-draftlint-message"] = quote(answer["message"], safe="")
        return response

    async def report(request: Request, lang: str, started: float):
        fmt = request.query_params.get("format", "html")
        if fmt not in ("html", "json"):
            raise BadRequest("format is html or json")
        found = await uploads(request, lang)
        results, _ = await lint_all(found, lang, False)
        from ..reporters import html as html_reporter

        body = _written(html_reporter if fmt == "html" else json_reporter, RunResult(results), lang)
        log.info("report %s: %d files, %.0f ms", fmt, len(results), 1000 * (time.monotonic() - started))
        name = "draftlint-report." + fmt
        return _attachment(body, name, "text/html; charset=utf-8" if fmt == "html" else "application/json; charset=utf-8")

    async def index(request: Request):
        if not request.scope["state"].get("authorized"):
            return _login(request, options.token)
        return FileResponse(STATIC / "page.html", media_type="text/html; charset=utf-8")

    async def api_info(request: Request):
        return JSONResponse({**info, "lang": _lang(request, options.lang)})

    def post(handler):
        async def endpoint(request: Request):
            return await guarded(request, handler)
        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.start()
        log.info("draftlint serve: %d workers ready", options.jobs)
        try:
            yield
        finally:
            pool.close()

    routes = [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/api/info", api_info, methods=["GET"]),
        Route("/api/check", post(check), methods=["POST"]),
        Route("/api/annotate", post(lambda r, l, s: copy("annotate", r, l, s)), methods=["POST"]),
        Route("/api/fix", post(lambda r, l, s: copy("fix", r, l, s)), methods=["POST"]),
        Route("/api/report", post(report), methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    return security.Guard(app, options.token, options.allowed_hosts)


#: Bytes of an answer past which the server hands the memory it took back to the system once it
#: is sent (a 30 MB one-line text gets a report of 400 MB: findings that quote the whole line).
BIG_ANSWER = 16 * 2**20


def give_back_memory() -> None:
    """Collect, then return the free pages of the C heap to the system (``malloc_trim``; glibc
    only): building a huge answer grows the heaps of the threads that did it, and glibc keeps
    them otherwise."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _written(reporter, run: RunResult, lang: str, **extra) -> bytes:
    """The report ``reporter`` writes of ``run``, as UTF-8 bytes."""
    out = io.BytesIO()
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    reporter.write(run, stream, lang, **extra)
    stream.detach()
    return out.getvalue()


#: Reasons of this server's own, in English for the JSON report (as the readers' reasons are);
#: their Chinese is in draftlint.reasons.
TIME_LIMIT = "refused: checking it took longer than {seconds} s, this server's limit for one request; the other files were checked"
BUSY = "not checked: the server was busy with other requests for longer than {seconds} s, its limit for one request; try again"


def _reason(status: str, seconds: float) -> str:
    from ..runner import WORKER_DIED_REASON

    n = f"{seconds:g}"
    if status == "timeout":
        return TIME_LIMIT.format(seconds=n)
    if status == "busy":
        return BUSY.format(seconds=n)
    return WORKER_DIED_REASON


def _info(options: ServeOptions) -> dict:
    """What the page says about this server: its configuration, limits and formats."""
    from ..readers.convert import find_soffice
    from ..runner import rules_for

    config = options.config
    settings = settings_for(config, "draftlint.txt")
    rules = rules_for(settings)  # a bad configuration fails here, before the server starts
    converted = find_soffice() is not None
    suffixes = sorted(s for s in SUPPORTED_SUFFIXES if converted or format_of("a" + s) in ("txt", "docx"))
    return {
        "version": VERSION,
        "config": {
            "name": config.path.name if config.path else None,
            "select": list(config.select), "extend_select": list(config.extend_select), "ignore": list(config.ignore),
            "severity": dict(config.severity), "allow": len(config.allow),
            "per_file_ignores": len(config.per_file_ignores),
            "required_sections": sorted(config.required_sections),
            "rules": len(list(rules)),
        },
        "limits": {"max_upload_bytes": options.max_upload_bytes, "max_files": options.max_files,
                   "time_limit": options.time_limit},
        "suffixes": suffixes,
        "libreoffice": converted,
        "token": bool(options.token),
    }


def _login(request: Request, token: str | None) -> Response:
    """``/?token=…`` trades a right token for the session cookie (and a clean address);
    otherwise a plain form asking for it (no script, no style: nothing loads before the token)."""
    lang = _lang(request, "zh")
    given = request.query_params.get("token")
    if token and security.same(given, token):
        response = RedirectResponse("/" + ("?lang=en" if lang == "en" else ""), status_code=303)
        response.headers["set-cookie"] = security.cookie_header(token)
        return response
    en = lang == "en"
    wrong = given is not None
    text = {
        "title": "draftlint — sign in" if en else "draftlint — 请输入口令",
        "ask": "This server needs its token. Ask the person who runs it." if en else "此服务器需要口令（token），请向管理员索取。",
        "wrong": "Wrong token." if en else "口令不正确。",
        "go": "Open" if en else "进入",
    }
    html = (f'<!DOCTYPE html><html lang="{"en" if en else "zh-CN"}"><head><meta charset="utf-8"><title>{text["title"]}</title></head>'
            f'<body><h1>{text["title"]}</h1><p>{text["ask"]}</p>{"<p><b>" + text["wrong"] + "</b></p>" if wrong else ""}'
            f'<form method="get" action="/"><input type="password" name="token" autocomplete="current-password" autofocus> '
            f'<input type="hidden" name="lang" value="{escape(lang)}"><button type="submit">{text["go"]}</button></form></body></html>')
    return HTMLResponse(html, status_code=401)


def serve(host: str, port: int, *, options: ServeOptions, open_browser: bool = False) -> None:
    """Run the server until Ctrl+C."""
    import uvicorn

    app = create_app(options)
    url_host = f"[{host}]" if ":" in host else host
    url = f"http://{url_host}:{port}/"
    shown = url + ("?token=…" if options.token else "")
    print(f"draftlint serve: {shown}  ({options.jobs} worker{'s' * (options.jobs != 1)}; Ctrl+C stops)", flush=True)
    if open_browser:
        import threading
        import webbrowser

        local = url if host not in ("0.0.0.0", "::") else f"http://127.0.0.1:{port}/"
        target = local + (f"?token={quote(options.token)}" if options.token else "")
        threading.Timer(1.5, webbrowser.open, args=(target,)).start()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(app, host=host, port=port, access_log=False, server_header=False, log_level="info",
                timeout_graceful_shutdown=5)
