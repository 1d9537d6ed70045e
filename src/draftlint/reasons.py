"""Why a file could not be read, in the language of the report.

The readers give their reasons in English (the JSON, SARIF and GitHub reports keep them so, as
a stable contract for programs); the reports people read (text, concise, HTML, the messages of
annotate and fix) show them in Chinese by default. This is the one catalogue of those reasons:
each entry matches a reason the code writes and gives its Chinese form; a reason it does not
know is shown as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: (the English reason as a regular expression, its Chinese form with the groups filled in)
_ZH: tuple[tuple[str, str], ...] = (
    (r"no such file or folder", "文件或文件夹不存在"),
    (r"broken symbolic link", "符号链接指向的文件不存在"),
    (r"empty file", "空文件"),
    (r"file larger than 512 MiB", "文件大于 512 MiB，未读取"),
    (r"binary content, not a text file", "是二进制内容，不是文本文件"),
    (r"cannot open: (.*)", r"无法打开：\1"),
    (r"cannot decode as (\S+): (\d+) damaged characters", r"无法按 \1 解码：有 \2 个字符已损坏"),
    (r"not a Word document \(not a ZIP package\)", "不是 Word 文档（不是 ZIP 包）"),
    # the library's own words after the reason (zipfile's, lxml's) stay in the English reason
    (r"damaged or truncated DOCX \(ZIP\) file: (.*)", "DOCX（ZIP）文件已损坏或不完整"),
    (r"damaged part (\S+): its compressed data is corrupt \((.*)\)", r"部件 \1 已损坏：压缩数据有误"),
    (r"damaged part (\S+): (.*)", r"部件 \1 已损坏"),
    (r"damaged XML in (\S+): (.*)", r"\1 的 XML 已损坏"),
    (r"missing part (\S+)", r"缺少部件 \1"),
    (r"part (\S+) is encrypted inside the ZIP .*", r"部件 \1 在 ZIP 中被加密（Word 从不这样做）：文件已损坏或不是 Word 文档"),
    (r"part (\S+) uses ZIP compression method (\d+), which Word never writes .*",
     r"部件 \1 使用了 Word 从不使用的压缩方法 \2：文件已损坏或被其他工具重新打包，请用 Word 打开后另存"),
    (r"encrypted \(password-protected\) document.*", "文档已加密（设有密码）：请去掉密码后重新保存"),
    (r"an old Word 97-2003 \(\.doc\) file under a new-format name.*",
     "这是旧版 Word 97-2003（.doc）文件，却用了新格式的扩展名：请改名为 .doc，或另存为 .docx"),
    (r"ZIP file without a Word document part.*", "ZIP 文件中没有 Word 文档部件（word/document.xml）"),
    (r"(\S+) is not a WordprocessingML document \(no w:body\)", r"\1 不是 Word 正文部件（没有 w:body）"),
    (r"document nested too deeply to read", "文档嵌套层次过深，无法读取"),
    (r"unsupported file type (.*)", r"不支持的文件类型 \1"),
    (r"refused: the package lists (\d+) entries \(limit (\d+)\)", r"已拒绝读取：压缩包中有 \1 个条目（上限 \2）"),
    (r"refused: the package unpacks to (\d+) MiB \(limit (\d+) MiB\)", r"已拒绝读取：解压后有 \1 MiB（上限 \2 MiB）"),
    (r"refused: part (\S+) unpacks to (\d+) MiB", r"已拒绝读取：部件 \1 解压后有 \2 MiB"),
    (r"refused: part (\S+) has an absurd compression ratio.*", r"已拒绝读取：部件 \1 的压缩比异常（疑似压缩炸弹）"),
    (r"refused: the parts read unpack to more than (\d+) MiB", r"已拒绝读取：读取的部件解压后超过 \1 MiB"),
    (r"refused: part (\S+) is larger than it claims", r"已拒绝读取：部件 \1 比它声明的大小更大"),
    (r"refused: reading and linting it took longer than (\d+(?:\.\d+)?) s \(the limit for one file\).*",
     r"已拒绝：读取和检查用时超过 \1 秒（单个文件的上限）；其他文件已检查"),
    # draftlint serve's own reasons
    (r"refused: checking it took longer than (\d+(?:\.\d+)?) s, this server's limit for one request.*",
     r"已拒绝：检查用时超过服务器对一次请求的限制（\1 秒）；其他文件已检查"),
    (r"not checked: the server was busy with other requests for longer than (\d+(?:\.\d+)?) s.*",
     r"未检查：服务器忙于其他请求，等待超过一次请求的限制（\1 秒）；请稍后再试"),
    (r"a named pipe \(FIFO\), not a file: not read", "是命名管道（FIFO），不是文件：未读取"),
    (r"a socket, not a file: not read", "是套接字，不是文件：未读取"),
    (r"a device, not a file: not read", "是设备，不是文件：未读取"),
    (r"not a regular file: not read", "不是普通文件：未读取"),
    (r"the process reading this file died .*", "读取此文件的进程意外终止（可能因内存不足或所用的库崩溃）；其他文件已检查"),
    (r"LibreOffice is needed to read (\S+) files but soffice was not found.*",
     r"读取 \1 文件需要 LibreOffice，但找不到 soffice：请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer），或把文件另存为 .docx"),
    (r"LibreOffice could not convert this (\S+) file \(damaged or password-protected\?\)(.*)",
     r"LibreOffice 无法转换此 \1 文件（文件损坏或设有密码？）\2"),
    (r"LibreOffice did not finish converting the file within (\d+(?:\.\d+)?) s", r"LibreOffice 在 \1 秒内没有完成转换"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The catalogue compiled at its first use (a run whose files all read needs none of it)."""
    return tuple((re.compile(p, re.S), zh) for p, zh in _ZH)


def localize(reason: str, lang: str) -> str:
    """``reason`` as a person reading ``lang`` should see it (unknown reasons as written)."""
    if lang == "en":
        return reason
    for pattern, zh in _compiled():
        m = pattern.fullmatch(reason)
        if m:
            return m.expand(zh)
    return reason


def cannot_read_word(lang: str) -> str:
    return "cannot read" if lang == "en" else "无法读取"


def cannot_read(path: str, reason: str, lang: str) -> str:
    """The line people read for a file that could not be read: ``path: 无法读取: 原因``."""
    return f"{path}: {cannot_read_word(lang)}: {localize(reason, lang)}"


def internal_error(exc: BaseException) -> str:
    """A file's error for an exception draftlint did not expect: its type and words, and a
    request to report it; with ``DRAFTLINT_DEBUG=1`` (``check --debug``) the traceback too."""
    import os

    text = f"内部错误（internal error）: {type(exc).__name__}: {exc} — 这是 draftlint 的缺陷，请报告 (a bug in draftlint: please report it"
    if os.environ.get("DRAFTLINT_DEBUG", "") not in ("", "0"):
        import traceback

        return text + ")\n" + "".join(traceback.format_exception(exc)).rstrip()
    return text + "; run with --debug or DRAFTLINT_DEBUG=1 for the traceback)"
