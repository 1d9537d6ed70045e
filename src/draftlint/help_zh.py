"""The Chinese text of ``draftlint --help`` and of every ``draftlint <command> --help``.

The one catalogue of the help's Chinese: for each command, as the user types it (``draftlint``,
``draftlint check``), its short help (the line in the list of commands), its full help (the
docstring's Chinese) and the help of each of its options, named by the option's longest name
(``--format``, ``--output``, ``--color`` for ``--color/--no-color``). :mod:`draftlint.clihelp`
puts them into click's pages, with click's own words (用法, 选项, 命令, ``[默认：…]``).

Help is Chinese unless ``--lang en`` is on the command line or DRAFTLINT_LANG=en. A
configuration file's ``lang`` does not apply: help is printed while the command line is read,
before any configuration is looked for.

A command or option missing here is shown in English (tests/test_help.py fails until it has
its entry). Keep what users type as it is: option names, metavars (FILE, RULES, DIR), values
(text, json, warning) and examples. A paragraph after a ``\\b`` line is printed as written
(for examples and aligned lines); other paragraphs are wrapped to the terminal, and their
lines joined without a space between two Chinese characters.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import STDIN_NAME


class Entry(NamedTuple):
    short: str  # the line in the list of commands
    text: str  # the full help
    options: dict[str, str]  # option's longest name → help


#: click's own options, on every command
CLICK_OPTIONS = {
    "--help": "显示此帮助并退出。",
    "--version": "显示版本并退出。",
}

_SELECT_AS_CHECK = "只检查这些规则（写法同 check）。"
_IGNORE_AS_CHECK = "跳过这些规则（写法同 check）。"

COMMANDS: dict[str, Entry] = {
    "draftlint": Entry(
        short="",
        text="""
        检查中文公文草稿（DOCX、TXT 和 Markdown）中未填写的占位符、没有内容的章节、
        被截断的句子和残缺的数字。

        \b
        示例：
          draftlint check 报告.docx            检查一个文件
          draftlint check drafts/ --format json
          draftlint check . --since origin/main --format sarif -o draftlint.sarif
          draftlint init                       生成初始配置文件 draftlint.toml
          draftlint rules                      列出全部规则
          draftlint rule PH001                 查看一条规则及其示例
          draftlint test-rules my-rules/       运行自定义规则文件中的示例
          draftlint annotate 报告.docx         生成副本，每个问题加一条 Word 批注
          draftlint fix 报告.docx              生成副本，修复内容以修订标出
          draftlint check drafts/ --format html -o report.html
          draftlint spark archive/ findings/   在 Apache Spark 上检查整个档案库
          draftlint serve --open               在网页中检查草稿
          draftlint lsp                        供编辑器使用的语言服务器
        """,
        options={
            "--debug": "某个文件出现内部错误时，打印错误的回溯信息（traceback），供提交缺陷报告用"
                       "（也可设置 DRAFTLINT_DEBUG=1）。",
        },
    ),
    "draftlint check": Entry(
        short="检查文件和文件夹",
        text="""
        检查文件和文件夹（TXT、Markdown、DOCX/DOCM/DOTX/DOTM；DOC、WPS、ODT 和 RTF
        通过 LibreOffice 读取）。给出文件夹时检查其中（含子文件夹）的文件，跳过
        隐藏的文件和文件夹、加了批注的副本、Python 虚拟环境以及 .gitignore 匹配的
        内容。路径为 - 时从标准输入读取一份文档（见 --stdin-filename），供编辑器
        调用。

        每个文件的设置取自其所在文件夹向上最近的 draftlint.toml、.draftlint.toml
        或 pyproject.toml（[tool.draftlint] 部分）；命令行选项优先。

        \b
        退出码：0 没有 --fail-on 及以上级别的问题，1 有问题，
                2 用法或配置错误，或有文件无法读取。
        """,
        options={
            "--format": "报告格式：text（供人阅读）、concise（每个问题一行）、json（供程序读取的固定格式）、"
                        "json-lines、sarif（代码扫描）、github（在 PR 中标注）、junit、html（单个独立网页）。",
            "--output": "把报告写入 FILE 而不是标准输出（不会留下写了一半的文件）；未给 --format 时"
                        "按扩展名选择格式（.html、.json、.jsonl、.sarif，JUnit 用 .xml）。",
            "--select": "只检查这些规则：编号、编号前缀（PH、ST00）、名称或类别；用逗号分隔或重复给出。"
                        "替换配置文件中的 select。",
            "--ignore": "跳过这些规则（写法同 --select）；追加到配置文件的 ignore 中。",
            "--fail-on": "有此级别及以上的问题时退出码为 1（默认：warning，或配置文件中的 fail-on）。",
            "--exit-zero": "即使发现问题，退出码也为 0（有文件无法读取时仍为 2）。",
            "--min-severity": "只报告此级别及以上的问题（退出码按报告出的问题计算）。",
            "--quiet": "只报告错误，等同于 --min-severity error。",
            "--statistics": "只显示每条规则发现的问题数，不列出问题本身。",
            "--lang": "提示信息的语言：zh（默认）或 en。也可用 DRAFTLINT_LANG 或配置文件中的 lang 设置。",
            "--rules": "添加自定义规则文件（*.yaml 所在的文件夹或单个文件）。",
            "--config": "所有文件都使用此配置文件，不再查找 draftlint.toml / pyproject.toml。",
            "--isolated": "不读取任何配置文件。",
            "--baseline": "只报告超出 FILE 中所记数量的问题。",
            "--write-baseline": "把当前的问题按文件和规则计数记入 FILE，退出码为 0。",
            "--since": "只检查自 git 版本 REF 以来改动过的文件（以及未跟踪的文件）。",
            "--diff-only": "只检查自 HEAD 以来改动过的文件（未提交的和未跟踪的）；等同于 --since HEAD。",
            "--jobs": "用于检查的进程数（默认：全部 CPU 核心）。",
            "--no-cache": "不读写结果缓存（位于用户缓存文件夹 ~/.cache/draftlint/results；"
                          "可用 DRAFTLINT_CACHE_DIR 改变位置）。",
            "--color": "强制开启或关闭彩色输出（默认：输出到终端时开启，设置了 NO_COLOR 时关闭）。",
            "--annotate": "同时在每个 DOCX 旁生成 名称.draftlint.docx，每个问题加一条 Word 批注。",
            "--fix": "直接在 TXT 文件中应用安全的修复（DOCX 请用 draftlint fix）。",
            "--diff": "以 diff 形式显示修复内容，不写入任何文件。",
            "--unsafe-fixes": "与 --fix/--diff 同用时，也应用可能正确但不确定的修复。",
            "--include-comments": "同时检查 DOCX 文件中审阅者的批注（默认不检查）。",
            "--layout": "按 PROFILE 检查 DOCX 文件的版式：gbt9704（GB/T 9704-2012）、自定义版式配置文件的路径，或 off。优先于配置文件中的 layout；默认不检查。",
            "--stdin-filename": "与路径 - 同用（读取标准输入）：把输入当作这个文件名来检查，据此确定文件类型、"
                                f"配置和报告中的路径（默认 {STDIN_NAME}）。",
            "--respect-gitignore": "查找文件夹时跳过 .gitignore 匹配的内容，与 git status 一致"
                                   "（默认：跳过，或按配置文件中的 respect-gitignore）。",
        },
    ),
    "draftlint init": Entry(
        short="生成带注释的初始配置文件",
        text="生成一份带注释的初始配置文件（默认为 ./draftlint.toml）；已有的文件不会被覆盖。",
        options={},
    ),
    "draftlint annotate": Entry(
        short="生成 DOCX 副本，每个问题加一条批注",
        text="""
        为每个 DOCX 生成一份副本，把每个问题作为 Word 批注加在有问题的文字上。

        \b
        草稿.docx → 草稿.draftlint.docx（原文件不会改动）。
        有文件无法读取或写入时退出码为 2，否则为 0。
        """,
        options={
            "--output-dir": "把副本写入此文件夹（默认：写在原文件旁）。",
            "--select": _SELECT_AS_CHECK,
            "--ignore": _IGNORE_AS_CHECK,
            "--lang": "批注的语言：zh（默认）或 en。",
            "--rules": "添加自定义规则文件。",
        },
    ),
    "draftlint fix": Entry(
        short="生成修复后的副本（DOCX 中为修订）",
        text="""
        为每个 DOCX、TXT 和 Markdown 文件生成一份修复后的副本（会查找文件夹中的文件）：
        DOCX 中每处安全的修复都是一条 Word 修订（作者为 draftlint），可在 Word 中
        接受或拒绝；TXT 副本直接改好，保持原文件的编码。草稿.docx → 草稿.fixed.docx，
        说明.txt → 说明.fixed.txt；没有可修复的问题时不生成副本。占位符从不自动修复。
        原文件不会改动。

        \b
        退出码：0 所有文件都已修复或无需修复，2 有文件无法读取或写入。
        """,
        options={
            "--output": "副本的写入位置，只用于单个文件（默认：原文件旁的 名称.fixed.docx / 名称.fixed.txt）。",
            "--unsafe-fixes": "也应用可能正确但不确定的修复。",
            "--select": _SELECT_AS_CHECK,
            "--ignore": _IGNORE_AS_CHECK,
            "--lang": "提示信息的语言：zh（默认）或 en。",
            "--rules": "添加自定义规则文件。",
        },
    ),
    "draftlint spark": Entry(
        short="在 Apache Spark 上检查整个档案库",
        text="""
        在 Apache Spark 上检查整个档案库（需要 draftlint[spark] 和 Java）。

        读取 INPUT（本地路径、hdfs://、s3a:// 等）下的所有 TXT/DOCX 文件，把结果写入
        OUTPUT：每个问题一行，每个无法读取的文件也占一行并写明原因。使用与 check
        相同的配置（--config 指定的，或为本地 INPUT 文件夹找到的配置文件）。

        \b
          draftlint spark hdfs:///archive hdfs:///lint/archive --master yarn --config draftlint.toml
        """,
        options={
            "--format": "输出格式：Parquet 或 JSON Lines（由分片文件组成的文件夹）。",
            "--select": _SELECT_AS_CHECK,
            "--ignore": _IGNORE_AS_CHECK,
            "--lang": "提示信息的语言（也可用 DRAFTLINT_LANG 设置）。",
            "--rules": "添加自定义规则文件；这些文件会分发给各执行器（executor）。",
            "--master": "Spark 主节点（master），如 local[4]、yarn（默认：Spark 自身的设置，没有设置时为 local[*]）。"
                        "本地工作进程使用当前的 Python，除非设置了 PYSPARK_PYTHON。",
            "--config": "使用此配置文件（默认：check 为本地 INPUT 文件夹找到的配置文件）。",
            "--isolated": "不读取任何配置文件。",
            "--overwrite": "OUTPUT 已存在时替换它。",
        },
    ),
    "draftlint serve": Entry(
        short="打开网页检查草稿（本机或办公室服务器）",
        text="""
        启动一个网页来检查草稿：把 DOCX/TXT 文件拖进网页（装有 LibreOffice 时也可用 DOC、
        WPS、ODT、RTF），或直接粘贴文字；每个问题在原文中高亮显示；可下载加批注的副本、
        修改稿和检查报告。程序也可调用 POST /api/check（见 docs/serve.md）。

        需要 web 扩展：pip install 'draftlint[web]'。
        """,
        options={
            "--host": "监听的地址。非本机回环地址（127.0.0.1、::1、localhost）必须同时给出 --token 或 --no-token。",
            "--port": "监听的端口。",
            "--open": "服务器启动后在浏览器中打开网页。",
            "--token": "每个请求都须带上此口令（请求头 Authorization: Bearer TOKEN，或在浏览器中打开一次 /?token=TOKEN）。",
            "--no-token": "不设口令也在本机以外监听（能访问该端口的人都能使用）。",
            "--config": "每次检查都使用此配置文件（默认：check 从当前文件夹找到的配置文件）。",
            "--isolated": "不读取任何配置文件，使用内置默认设置。",
            "--max-upload-mb": "一次请求（一次检查的全部文件合计）的最大大小，单位 MB。",
            "--max-files": "一次检查最多的文件数。",
            "--jobs": "工作进程数（默认：CPU 核数，最多 4）。",
            "--time-limit": "一次请求最多用时（秒）；届时仍未读完的文件报告为已拒绝。",
            "--lang": "API 提示信息的默认语言（网页有自己的语言切换）。",
        },
    ),
    "draftlint rules": Entry(
        short="列出全部规则",
        text="列出全部规则：编号、类别、严重程度、名称和提示文字。",
        options={
            "--format": "输出格式；markdown 为含说明和示例的完整规则参考（即 docs/rules.md）。",
            "--lang": "提示文字的语言：zh（默认）或 en。",
            "--rules": "一并列出自定义规则文件中的规则。",
        },
    ),
    "draftlint test-rules": Entry(
        short="运行自定义规则文件中的示例",
        text="""
        运行自定义规则文件（*.yaml 所在的文件夹或单个文件）中的示例：每个应报告的
        （flag）示例都必须报告，每个不应报告的（pass）示例都不能报告（两类示例缺少
        任何一类的规则文件不会加载）。

        \b
        退出码：0 所有示例都符合预期，
                1 有示例不符合（逐条列出，并注明所属规则及其定义位置），
                2 有规则文件无法加载，或没有找到规则。
        """,
        options={
            "--lang": "结果的语言（也可用 DRAFTLINT_LANG 设置）。",
        },
    ),
    "draftlint rule": Entry(
        short="查看一条规则的说明和示例",
        text="显示一条规则（按编号或名称查找）及其说明和示例。",
        options={
            "--lang": "提示文字和规则说明的语言：zh（默认）或 en。",
            "--rules": "也在自定义规则文件中查找。",
        },
    ),
    "draftlint lsp": Entry(
        short="运行语言服务器（LSP），在编辑器中边写边检查",
        text="""
        运行语言服务器（通过标准输入和输出通信的 LSP），供编辑器使用：在 TXT 文件中边写边
        显示问题，Word 文件在打开和保存时检查；有安全修复的问题可一键修复。需要安装 lsp
        扩展：pip install 'draftlint[lsp]'。VS Code、Neovim 和 Helix 的设置见 docs/lsp.md。
        """,
        options={
            "--stdio": "通过标准输入和输出通信（唯一的通信方式；编辑器会传入此选项，故予接受）。",
            "--lang": "提示文字的语言：zh（默认）或 en。也可用 DRAFTLINT_LANG、配置文件中的 lang 或编辑器的 initializationOptions.lang 设置。",
            "--docs-url": "规则说明（docs/rules.md）的发布地址：每条诊断都链接到 URL#规则编号（默认：draftlint 运行位置下的 docs/rules.md，如有）。",
        },
    ),
}
