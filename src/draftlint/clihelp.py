"""``--help`` in the language of the program: Chinese by default, English on request.

The words come from :mod:`draftlint.help_zh`; this module puts them in click's help pages.
:class:`HelpGroup` is the ``draftlint`` group's base class: every command added to it with
``@main.command()`` is a :class:`HelpCommand`, so a new command needs only its catalogue
entry. A command or an option the catalogue lacks keeps its English text.

The language is chosen as for the rest of the program, as far as it can be known while the
command line is parsed: the last ``--lang en|zh`` on the command line, else DRAFTLINT_LANG,
else Chinese. Only the help pages change: usage errors stay in English.
"""

from __future__ import annotations

import inspect
import re
import unicodedata

import click

from .linebreak import is_wide as _is_wide, line_spans, text_width as _width

_META_KEY = "draftlint.help_lang"
#: click's section headings, as it passes them to the formatter
_HEADINGS = {"Options": "选项", "Commands": "命令", "Positional arguments": "参数"}


def language_of(args) -> str | None:
    """The language the command line asks for: its last ``--lang`` (``--lang en``, ``--lang=en``)."""
    lang = None
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang


def help_language(ctx: click.Context) -> str:
    """--lang on the command line, else DRAFTLINT_LANG, else zh: the rule of every message
    (:func:`draftlint.config.message_language`), without a configuration."""
    from .config import message_language

    return message_language(ctx.meta.get(_META_KEY))


def _catalogue_key(ctx: click.Context) -> str:
    """A command as the user types it, without its options: ``draftlint``, ``draftlint check``."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.command.name)
        ctx = ctx.parent
    return " ".join(["draftlint", *reversed(names)])


def _entry(key: str):
    from .help_zh import COMMANDS

    return COMMANDS.get(key)


def option_key(param: click.Parameter) -> str:
    """How the catalogue names an option: its longest name (``--format``, ``--color``)."""
    return max(param.opts, key=len)


def _option_help(key: str, param: click.Parameter) -> str | None:
    from .help_zh import CLICK_OPTIONS

    entry = _entry(key)
    name = option_key(param)
    if entry is not None and name in entry.options:
        return entry.options[name]
    return CLICK_OPTIONS.get(name)


# -- the formatter: click's own words, and lines that fit Chinese text ---------------------------

def _fill(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a Chinese character takes two)."""
    spans = line_spans(text, width, _width(first), _width(rest))
    return [(first if n == 0 else rest) + text[start:end] for n, (start, end) in enumerate(spans)]


def _join(lines: list[str]) -> str:
    """A paragraph's source lines as one line: a space between them only where Latin text
    meets Latin text or a Chinese character (never beside Chinese punctuation)."""
    text = ""
    for line in lines:
        if text and not (_is_wide(text[-1]) and _is_wide(line[0])) and not (
                _is_wide_mark(text[-1]) or _is_wide_mark(line[0])):
            text += " "
        text += line
    return text


def _is_wide_mark(c: str) -> bool:
    return _is_wide(c) and unicodedata.category(c).startswith("P")


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """click's ``wrap_text(..., preserve_paragraphs=True)`` for Chinese text: paragraphs are
    separated by blank lines, a paragraph after a ``\\b`` line is kept as written, an indented
    paragraph keeps its indent."""
    paragraphs: list[tuple[int, bool, list[str]]] = []
    buf: list[str] = []
    indent = None

    def flush() -> None:
        if buf:
            raw = buf[0].strip() == "\b"
            paragraphs.append((indent or 0, raw, buf[1:] if raw else list(buf)))
            buf.clear()

    for line in text.expandtabs().splitlines():
        if not line:
            flush()
            indent = None
            continue
        if indent is None:
            indent = len(line) - len(line.lstrip())
            line = line.lstrip()
        buf.append(line)
    flush()
    out = []
    for extra, raw, lines in paragraphs:
        first, rest = initial_indent + " " * extra, subsequent_indent + " " * extra
        if raw:
            out.append("\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines)))
        else:
            out.append("\n".join(_fill(_join(lines), width, first, rest)))
    return "\n\n".join(out)


class HelpFormatter(click.HelpFormatter):
    """click's formatter, which writes in Chinese when a help page sets ``lang`` to zh."""

    lang = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if self.lang == "zh" and prefix is None:
            prefix = "用法："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if self.lang != "zh":
            return super().write_heading(heading)
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        if self.lang != "zh":
            return super().write_text(text)
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent))
        self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        if self.lang != "zh":
            return super().write_dl(rows, col_max, col_spacing)
        rows = list(rows)
        first_col = min(max((_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")


class HelpContext(click.Context):
    formatter_class = HelpFormatter


# -- the commands ------------------------------------------------------------------------------

#: click's markers after an option's help: ``[default: text]`` and the like
_EXTRAS = (
    (r"default: (.*)", r"默认：\1"),
    (r"env var: (.*)", r"环境变量：\1"),
    (r"required", "必填"),
)


def _extras_zh(extras: str) -> str:
    """``  [default: text]`` → ``  [默认：text]``."""
    match = re.fullmatch(r"(\s*)\[(.*)\]", extras, re.DOTALL)
    if not match:
        return extras
    items = []
    for item in match[2].split("; "):
        for pattern, zh in _EXTRAS:
            if re.fullmatch(pattern, item, re.DOTALL):
                item = re.sub(pattern, zh, item, flags=re.DOTALL)
                break
        items.append(item)
    return f"{match[1]}[{'；'.join(items)}]"


class HelpCommand(click.Command):
    """A command whose help is written in the language chosen (see the module)."""

    context_class = HelpContext

    def format_help(self, ctx: click.Context, formatter) -> None:
        if help_language(ctx) == "zh" and isinstance(formatter, HelpFormatter):
            formatter.lang = "zh"
        super().format_help(ctx, formatter)

    def format_help_text(self, ctx: click.Context, formatter) -> None:
        entry = _entry(_catalogue_key(ctx)) if getattr(formatter, "lang", "en") == "zh" else None
        if entry is None:
            return super().format_help_text(ctx, formatter)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(entry.text))

    def format_options(self, ctx: click.Context, formatter) -> None:
        if getattr(formatter, "lang", "en") != "zh":
            return super().format_options(ctx, formatter)
        self._format_options_zh(ctx, formatter)

    def _format_options_zh(self, ctx: click.Context, formatter) -> None:
        key, rows = _catalogue_key(ctx), []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            zh = _option_help(key, param) if param.opts else None
            if zh is None:
                record = param.get_help_record(ctx)
            else:
                import copy

                translated = copy.copy(param)
                translated.help = zh
                record = translated.get_help_record(ctx)
                if record is not None and record[1].startswith(zh):
                    record = (record[0], zh + _extras_zh(record[1][len(zh):]))
            if record is not None:
                rows.append(record)
        if rows:
            with formatter.section("Options"):
                formatter.write_dl(rows)


class HelpGroup(HelpCommand, click.Group):
    """The ``draftlint`` group: its commands are :class:`HelpCommand`; in Chinese, the list of
    commands gives each one's short help from the catalogue."""

    command_class = HelpCommand
    group_class = type  # a group inside it is a HelpGroup too

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the whole command line, before click reads any of it
            ctx.meta[_META_KEY] = language_of(args)
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter) -> None:
        if getattr(formatter, "lang", "en") != "zh":
            return super().format_options(ctx, formatter)  # click's: the options, then the commands
        self._format_options_zh(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter) -> None:
        if getattr(formatter, "lang", "en") != "zh":
            return super().format_commands(ctx, formatter)
        key, rows = _catalogue_key(ctx), []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            entry = _entry(f"{key} {name}")
            rows.append((name, entry.short if entry is not None else command.get_short_help_str(45)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
