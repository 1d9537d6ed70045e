"""The ``furniture`` kind: what a web page leaves around a document copied from it.

A draft copied from a site keeps the page around the text: the site's banner, a breadcrumb, the
publication metadata, share buttons, a document-sharing site's counters, a 范文 site's
compilation title and item markers, anti-scrape noise. Fixed phrases catch little of it, because
every site words its page a little differently; the families are recognised instead by three
things together:

* **vocabulary**: the words such pages are made of (发布时间, 索引号, 分享到, 上一篇, 当前位置);
* **shape**: how a line is built (short; ``key: value`` or ``key | value`` cells, several keys on
  one line; a date with a clock time; segments joined by ``>``; a ``-`` bullet holding a counter;
  runs of random ASCII with punctuation);
* **position**: lines before the body starts (the header) or after it ends (the footer), lines
  above a breadcrumb, a value line between two key lines of a metadata block.

Words that a finished document also uses (时间, 来源, 评论, 微信, 热线) count only where the page
puts them: in the header or footer, next to other furniture. Every body line is classified once
per document (:func:`analyse`, shared by all furniture rules through ``ctx.cached``); each rule
reports one family.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import prebuilt
from ..normalise import NormalText
from ..model import Hit
from . import REQUIRED, one_of

FAMILIES = (
    "breadcrumb",
    "site-header",
    "site-footer",
    "page-header",
    "page-metadata",
    "portal-metadata",
    "widget",
    "related-links",
    "login-wall",
    "site-notice",
    "doc-site",
    "uploader",
    "collection-title",
    "collection-marker",
    "site-title",
    "seo-title",
    "site-intro",
    "noise",
    "file-name",
)


class Residue(NamedTuple):
    block: int
    start: int
    end: int
    family: str


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(family=REQUIRED)


def make(options: dict, scope: str):
    family = one_of(options["family"], FAMILIES, "family")

    def check(ctx):
        for residue in ctx.cached(f"furniture:{scope}", lambda: analyse(ctx, scope)):
            if residue.family == family:
                yield Hit(residue.block, residue.start, residue.end)

    return check


def _words(*groups: str) -> str:
    """An alternation of words, longest first (so 信息索引号 wins over 索引号)."""
    words = {w for group in groups for w in group.split()}
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


def _spaced(words: str) -> str:
    """The alternation with room for the spaces a page puts inside a short label (文    号, 评 论)."""
    return "|".join(r"[ \u3000]{0,6}".join(word) for word in words.split("|"))


# --- vocabulary -------------------------------------------------------------------------------

#: Keys only a government portal's information-disclosure block uses.
PORTAL_KEYS = (
    "信息索引号 索引号 发布机构 发文机构 发文单位 成文日期 生成日期 发文日期 公开日期 公开方式 公开形式 "
    "公开范围 公开目录 公开时限 公开责任部门 组配分类 主题分类 体裁分类 服务对象分类 公文目录 公文种类 发文字号 "
    "文件有效期 信息分类 所属机构"
)
#: Portal keys that a finished document may also print (主题词 in an old 版记): part of a block only.
PORTAL_WEAK_KEYS = "主题词 文号 文件名称 文件标题 标题 有效性 生效日期 废止日期 失效日期"
#: Keys of a page's own metadata line that mean nothing else.
PAGE_KEYS = (
    "发布时间 发布日期 发表时间 发表日期 更新时间 更新日期 上传时间 上传日期 录入时间 添加时间 浏览量 浏览次数 "
    "浏览人数 点击数 点击量 点击次数 阅读量 阅读次数 阅读数 查看人数 查看次数 访问量 访问次数 识别码 文章来源 "
    "信息来源 稿件来源 新闻来源 浏览字号 所属栏目 下载次数 下载积分 文档页数 文档分类"
)
#: Keys a finished document also writes (时间：, 来源：, a call for papers' 文件格式：): metadata only
#: beside others or at the page's edges.
PAGE_WEAK_KEYS = "时间 日期 来源 作者 编辑 责任编辑 栏目 点击 阅读 浏览 人气 字体 字号 导语 页数 文档格式 文件格式 文件大小"
#: Keys that label a page's counters: their value is a number (阅读：1234), or nothing.
COUNTER_KEYS = {"阅读", "点击", "浏览", "人气"}
#: Keys of a printed bulletin's 版记 or an article's byline (编辑：…, 作者：…): alone, or only
#: with each other, they never make a metadata line.
EDITORIAL_KEYS = {"编辑", "责任编辑", "作者"}

#: Buttons and labels of a page: one of them makes a line of them furniture.
WIDGETS = (
    "上一篇 下一篇 上一条 下一条 上一页 下一页 返回顶部 回到顶部 返回列表 分享到 分享至 一键分享 扫一扫 "
    "微信扫一扫 手机扫一扫 扫描二维码 收藏本文 收藏本页 打印本页 打印本文 打印此页 打印文章 关闭窗口 关闭本页 "
    "发表评论 网友评论 我要评论 查看评论 我要投稿 我要纠错 复制链接 小字号 中字号 大字号 语音播报 相关推荐 "
    "相关文章 相关阅读 热门推荐 推荐阅读 猜你喜欢 延伸阅读 热门文章 展开通版 收缩通版 通版阅读请点击 附件下载 "
    "QQ空间 新浪微博 腾讯微博 字体 浏览字号 相关链接 相关新闻 相关文档 相关范文 热门搜索 大家都在看 为您推荐 精彩推荐 "
    "热点推荐 推荐文章 最新文章 热门标签 只看该作者 电梯直达 显示全部楼层 倒序浏览 阅读模式 使用道具 收藏帖子 尾页 末页 "
    "阅读原文 轻触阅读原文 写留言 喜欢此内容的人还喜欢 预览时标签不可点 继续滑动看下一个 向上滑动看下一个"
)
#: Button verbs that are plain words elsewhere: furniture alone only in the header or footer.
BUTTONS = "分享 收藏 打印 关闭 评论 朗读 举报 投稿 点赞 纠错 回复 引用 楼主 沙发 板凳 广告 在看 留言 反馈"
#: Words and marks that are a page's only beside other furniture (a share bar's 微信, a close X).
WIDGETS_WEAK = "微信 微博 导航 搜索 返回 大 中 小 默认 保存 更多 X ×"
#: Links of a site's header bar.
HEADER_LINKS = (
    "无障碍 无障碍浏览 长者模式 关怀版 关怀模式 适老化模式 打开适老化模式 适老版 设为首页 加入收藏 繁体中文 "
    "简体中文 繁体版 简体版 手机版 移动版 移动应用 APP下载 客户端 公务员邮箱 政务邮箱 智能互动 网站首页 返回首页 "
    "网站地图 今天是"
)
HEADER_LINKS_WEAK = "登录 注册 繁体 简体 English"
#: Links of a site's footer bar.
FOOTER_LINKS = "联系我们 关于我们 网站声明 隐私声明 隐私政策 法律声明 使用帮助 网站纠错 意见反馈 关注公众号 扫码关注"
#: Buttons of a document-sharing site.
DOC_SITE_BUTTONS = (
    "合集下载 文档简介 文档介绍 下载本文档 下载本文 下载文档 立即下载 免费下载 全文下载 点击下载 在线阅读 "
    "在线预览 原文下载 文档下载"
)

#: Words a document's title ends with: what a 范文 site collects.
GENRE = (
    "报告|总结|讲话|发言|方案|材料|心得|体会|计划|致辞|范文|范例|事迹|汇报|主持词|稿|党课|述职|感言|书|意见|"
    "要点|提纲|纪要|简报|通讯|规划|预案|制度|细则|办法|检查|剖析|素材|文章|合集|汇编|大全|模板|精选|汇总|集锦|例文|"
    "评语|寄语|贺词|开场白|结束语|串词"
)
#: What a 范文 site writes between a title and the count of its pieces.
MODIFIER = "范文|范例|模板|汇总|精选|合集|大全|集锦|例文|最新|通用|优秀|推荐|经典|参考|实用|热门|必备|汇编|示例|素材"
COUNT = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"

_SPACE = "[ \t\u3000\u00a0]"
_ISO_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_CN_DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
_CLOCK = r"(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)"

_ALL_KEYS = _words(PORTAL_KEYS, PORTAL_WEAK_KEYS, PAGE_KEYS, PAGE_WEAK_KEYS)
_KEY = prebuilt.compile(
    rf"(?<![\p{{Han}}A-Za-z])(?:[\[【]{_SPACE}*(?P<bracketed>{_spaced(_ALL_KEYS)}){_SPACE}*[\]】]{_SPACE}*[:：]?"
    rf"|(?P<key>{_spaced(_ALL_KEYS)}){_SPACE}*[:：])"
)
_PORTAL = set(_words(PORTAL_KEYS).split("|"))
_PORTAL_WEAK = set(_words(PORTAL_WEAK_KEYS).split("|"))
_PAGE = set(_words(PAGE_KEYS).split("|"))
_KEY_WORDS = _PORTAL | _PORTAL_WEAK | _PAGE

_TOKEN_FAMILY = {
    **{w: "widget" for w in _words(WIDGETS, BUTTONS, WIDGETS_WEAK).split("|")},
    **{w: "site-header" for w in _words(HEADER_LINKS, HEADER_LINKS_WEAK).split("|")},
    **{w: "site-footer" for w in _words(FOOTER_LINKS).split("|")},
    **{w: "doc-site" for w in _words(DOC_SITE_BUTTONS).split("|")},
}
_BUTTONS = set(BUTTONS.split())
_WEAK_TOKENS = set(_words(WIDGETS_WEAK, HEADER_LINKS_WEAK, FOOTER_LINKS).split("|"))
_TOKEN = prebuilt.compile(
    _words(WIDGETS, BUTTONS, WIDGETS_WEAK, HEADER_LINKS, HEADER_LINKS_WEAK, FOOTER_LINKS, DOC_SITE_BUTTONS)
)
#: A line of buttons, each perhaps with its counter (点赞(12), 收藏 3).
_TOKEN_LINE = prebuilt.compile(
    rf"(?:[\s|｜•·/:：【】\[\]()（）]*(?:{_TOKEN.pattern})(?:\s*[(（]?\d{{1,6}}[)）]?)?)+[\s|｜•·/:：【】\[\]()（）]*"
)

# --- shapes (on the view: spaces inside Chinese text removed) -----------------------------------

_BULLET = prebuilt.compile(r"^[\s\u200b]*(?:[•·●◆■▪►]|[-*](?=\s))?[\s\u200b]*")
_SENTENCE = prebuilt.compile(r"[。；！？!?]|[，,].*[，,]")
_SENTENCE_END = prebuilt.compile(r"[。！？!?][”’」』)）]?$")
_END_PUNCT = prebuilt.compile(r"[。，,；;！？!?]")

_BREADCRUMB_LEAD = prebuilt.compile(
    r"^(?:(?:您|你)(?:当前|现在|目前)?|当前|现在|目前)(?:所在)?的?(?:所在)?位置是?[:：]|^所在位置[:：](?=.*(?:>|首页|主页))"
)
_BREADCRUMB_HOME = prebuilt.compile(r"^(?:网站首页|首页|主页)\s*(?:>|＞|»|›|/|→)")  # 首页 | … is a menu
_CHAIN_SEP = prebuilt.compile(r"\s*(?:>>?|＞＞?|»|›)\s*")
_SITE_WORD = prebuilt.compile(r"首页|主页|网站?$|网站|频道|栏目|正文|内容页|文库|大全")
_CONTENT_PAGE = prebuilt.compile(r"^[^\s。，,：:]{2,40}(?:内容页|正文页)$")

_WELCOME = prebuilt.compile(
    r"^(?:您好[,，!！]?)?欢迎(?:您)?(?:光临|访问|来到)[^。，,]{1,30}?(?:网|网站|官网|平台|门户|主页|首页|系统)"
    r"(?:[!！]|\s|今天是|$)"
)
_SITE_HOME = prebuilt.compile(r"^[^\s。，,：:]{1,15}网(?:站)?首页$")
_TODAY = prebuilt.compile(r"(?:^|\s)今天是[:：]?\s*(?:\d{4}年\d{1,2}月\d{1,2}日)?\s*(?:星期.|周.)?\s*$")
_HOTLINE = prebuilt.compile(
    r"^(?:(?:服务|客服|咨询|全国|免费|投诉)?热线(?:电话)?[:：]?\s*)?(?:400|800)[-\s]?\d{3}[-\s]?\d{3,4}$"
    r"|^(?:服务|客服|咨询|全国|免费)热线(?:电话)?[:：]?\s*[\d\s-]{5,}$"
)
#: A sample or document site's name alone on a line above the text (九九范文帮, 第一范文网):
#: counted only before the body, where a document's own lines are its title and issuer.
_SITE_NAME = prebuilt.compile(
    r"^[\p{Han}A-Za-z0-9]{1,8}(?:范文帮|范文网|范文吧|范文大全|文秘网|公文网|文库|作文网|文档网|资料网|学习网)$"
)
_SERVICE_HOURS = prebuilt.compile(
    r"^(?:服务|工作|客服|在线)时间[:：]?\s*(?:周.至周.|工作日)?\s*\d{1,2}[:：]\d{2}\s*[-—~～至到]\s*\d{1,2}[:：]\d{2}$"
)
#: A navigation bar from the home page on: 首页 | 工作总结 | 工作计划 | 述职报告.
_NAV_BAR = prebuilt.compile(r"^(?:网站首页|首页|主页)(?:\s*[|｜/]\s*|\s+)[^\s|｜/]{2,8}(?:(?:\s*[|｜/]\s*|\s+)[^\s|｜/]{2,8}){2,}$")
_WEEKDAY_DATE = prebuilt.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]$")
#: 扫一扫在手机打开当前页 (a notice's 扫描二维码报名 is the notice's own).
_SCAN = prebuilt.compile(
    r"^(?:微信|手机)?扫(?:一扫|描二维码|码)\S{0,8}?(?:当前页|本页|本文|分享|转发|手机上?(?:打开|阅读|浏览))\S{0,6}$"
    r"|^(?:微信|手机)?扫一扫$"
)
_PAGINATION = prebuilt.compile(
    r"^(?:(?:首页|上一页|下一页|尾页|末页|\d{1,3}|…|\.{2,3}|共\d+页)\s*){2,}$"
)
_PAGE_TURN = prebuilt.compile(r"上一页|下一页|尾页|末页")
_BILINGUAL = prebuilt.compile(r"^\p{Han}[\p{Han}·]{2,20}\s+[A-Z][A-Za-z'’.,]*(?:\s+[A-Za-z'’.,]+){2,}$")

_FOOTER = prebuilt.compile(
    r"Copyright|©|All\s*Rights\s*Reserved|版权所有|ICP备|ICP证|公网安备|网站标识码|网站识别码|后台管理|"
    r"技术支持[:：]|建议使用\S{0,20}浏览器|分辨率\d+"
)
#: A footer's list of other sites (兄弟县区网站, 省政府网) or its 主办：… 承办：… line: only below the body.
_FOOTER_SITES = prebuilt.compile(r"^\S{2,12}(?:网站|政府网)$|^主办[:：]\S+?承办[:：]")

#: A machine's time stamp (2024-05-06 08:09:10) opening the line or by 发表于/于: 2024年5月6日
#: 9:00 is also a meeting's time, and 2024-05-06 09:00至… a notice's period.
_STAMP = prebuilt.compile(
    rf"(?:^[(（\[]?|(?:发表|发布|更新|编辑)?于\s*){_ISO_DATE}\s*{_CLOCK}(?!\s*(?:[至到~～—]|-\s*\d))"
    rf"|{_ISO_DATE}\s*{_CLOCK}\s*(?:发表于|发布于)"
)
_DATE_VALUE = prebuilt.compile(rf"^\s*(?:{_ISO_DATE}|{_CN_DATE})")
_ANY_DATE = prebuilt.compile(rf"{_ISO_DATE}|{_CN_DATE}")
_ISO_VALUE = prebuilt.compile(rf"^\s*{_ISO_DATE}")
_ISO_ANYWHERE = prebuilt.compile(_ISO_DATE)
_NUMBER_VALUE = prebuilt.compile(r"^\d[\d,]*\s*(?:次|人)?$")
#: A page's counter with its label (下载：36次, 浏览 1200).
_COUNTER_LINE = prebuilt.compile(
    r"^(?:下载|浏览|阅读|收藏|点赞|评论|分享|点击)(?:量|数|次数)?[:：]?\s*\d{1,7}\s*(?:次|人)?$"
)
_TABLE_RULE = prebuilt.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")

_DOC_COUNTER = prebuilt.compile(
    r"^(?:约\s*\d+(?:\.\d+)?\s*[千万]?字|约?\s*\d+\s*页|(?:" + _ISO_DATE + r")\s*发布(?:于\p{Han}{2,8})?"
    r"|\d+(?:\.\d+)?\s*[KMG]B|\d+(?:\.\d+)?[万千]?\s*(?:人|次)?(?:已)?(?:下载|阅读|浏览|收藏|点赞)|举报|收藏|分享|下载)$"
)
_BARE_COUNTER = prebuilt.compile(r"^\d{4,6}$")  # - 1 to - 999 are BP006's page numbers
#: What a download costs on a document site (2 积分, 5 下载券).
_PRICE = prebuilt.compile(r"^\d{1,4}\s*(?:积分|下载券|金币|财富值)$")
_THUMBNAIL = prebuilt.compile(r"^[^\s。，,]{2,60}_第\d{1,3}页$")

_COLLECTION_TITLE = prebuilt.compile(
    rf"^(?:\d{{1,2}}[、.．]\s*)?[^。！？!?；;，,]{{2,60}}?"
    rf"(?:(?:{GENRE})(?:{MODIFIER}){{0,2}}{COUNT}篇"
    rf"|(?:{MODIFIER}){{0,2}}[（(【\[]\s*(?:共含?|{MODIFIER})?\s*{COUNT}\s*篇\s*[）)】\]])"
    r"(?:[（(【][^（()）【】]{1,30}[）)】])?$"
)
_COLLECTION_INLINE = prebuilt.compile(
    rf"(?:^|(?<=\s))[^\s。，,！？!?；;：:]{{2,40}}?(?:{GENRE})(?:{MODIFIER}){{0,2}}{COUNT}篇(?=\s|【|\[|$)"
)
_MARKER_BRACKETED = prebuilt.compile(rf"[【\[]\s*(?:篇\s*{COUNT}|第\s*{COUNT}\s*篇)\s*[】\]]")
_MARKER_LEAD = prebuilt.compile(
    rf"^(?:篇\s*{COUNT}(?![篇章节条])[:：]?|第\s*\d{{1,2}}\s*篇[:：]?|第{COUNT}篇\s*[:：]|(?:范文|例文|范例)\s*{COUNT}\s*[:：、])"
)
_MARKER_GLUED = prebuilt.compile(rf"(?<={GENRE})\s*篇\s*{COUNT}(?![篇章节条十百千万])")
_MARKER_NUMBER = prebuilt.compile(rf"^[^\s。，,；;！？!?：:]{{1,30}}?(?:{GENRE})\s*\d{{1,2}}$")

_SITE_SUFFIX = prebuilt.compile(
    r"(?:范文|范文大全|范文精选|优秀范文|参考范文|精选范文|范文模板|例文)(?:[（(]\d{1,2}[）)])?$"
    r"|[（(【\[](?:最终定稿|最终版|完整版|精华版|精品|精选|推荐|优选|[Ww][Oo][Rr][Dd]版|[Ww][Oo][Rr][Dd]可编辑|可编辑|"
    r"可编辑版|可修改|优秀范文|范文|经典|热门|必备|通用范文)[）)】\]]$"
)
_SEO_JOIN = prebuilt.compile(
    r"(?<=[^\s_|｜])(?:_(?!_)|\s*[|｜]\s*)(?=[^\s_|｜])[^_|｜]{2,}$|\s*[-—–]+\s*[^\s\-—–]{1,12}(?:网|网站|文库|范文网)$"
)
_PAGE_NUMBER_SUFFIX = prebuilt.compile(r"(?<=讲话|发言|致辞|心得|体会|总结|范文|稿)[（(]\d{1,2}[）)]$")

_LOGIN = prebuilt.compile(
    r"(?:您|你)?需要?先?登录后?(?:才能|即可|方可)?(?:查看|阅读|浏览)(?:全文|全部|完整|更多)|(?:您|你)需要先登录|"
    r"(?<!可)阅读全部(?:图文)?内容|继续免费阅读|免费阅读全文|已阅读\d+页|还剩\d+页(?:未读)?|剩余\d+页未读|"
    r"(?:开通|成为|升级)(?:VIP|vip|会员)(?:会员)?(?:即可|可)?(?:免费)?(?:下载|阅读|查看)|VIP(?:专享|免费)|"
    r"点击(?:查看|阅读|展开)全文|查看完整(?:内容|文档|全文)|(?:去|到)百度文库|试读(?:已)?结束|预览(?:已)?结束|"
    r"免费获取全文|^(?:展开|阅读|查看)(?:阅读)?全文$|(?:打开|下载)\s*APP\s*(?:查看|阅读|免费)|全文阅读请下载|下载到手机(?:保存|查看|阅读)"
)
_NOTICE = prebuilt.compile(
    r"版权说明[:：]|(?:版权|免责)声明[:：]?(?=.{0,60}(?:本站|本网|网站|文档|上传|转载|侵权|来源于网络))|收益归属内容提供方|"
    r"若内容存在侵权|如(?:有|若|涉及)侵权[,，]?请?(?:联系|告知)|"
    r"(?:举报|投诉)或认领|(?:页内)?文档均可自由编辑|此页仅为封面|下载后可(?:自由)?编辑|"
    r"[Ww][Oo][Rr][Dd]版(?:本)?可(?:编辑|修改)|可(?:编辑|修改)的?[Ww][Oo][Rr][Dd]|定制代笔|"
    r"点击.{0,20}?联系老师|联系老师(?:获取|定制|代写|领取)|(?:加|添加)(?:客服|老师|小编)(?:QQ|微信)|扫码(?:添加|关注)|"
    r"关注(?:我们的)?(?:微信)?公众号[,，]?(?:获取|领取|免费|回复)|"
    r"(?:文章|本文)(?:来源于|来自)(?:网络|网友)|(?:本站|本网)(?:所有|部分)?(?:文章|内容|资料|文档|资源)(?:均)?(?:来源于|来自|由)|"
    r"转载请(?:注明|保留)(?:出处|来源|原文链接)|未经(?:本站|本网|作者)?(?:许可|授权)[,，]?(?:禁止|严禁|不得)转载|原文(?:链接|地址)[:：]|"
    r"专业代写|代写服务|下载(?:文档)?到电脑"
)

#: Who shared the page, inside a line (each match starts at a literal: no scan of every start).
_UPLOADER = prebuilt.compile(r"内容来自用户[:：]?\s*\S+|(?:上传于|分享于)\s*\d{4}[-/.年]")
_UPLOADER_LINE = prebuilt.compile(
    r"^(?:上传者|上传人|上传用户|贡献者|分享者|发布者|投稿人|投稿者|内容提供方)[:：]\s*\S{1,20}$|^.{0,30}?(?:上传于|分享于)\s*\d{4}"
)
_SHARER = prebuilt.compile(r"^(?P<name>\p{Han}{2,3}|[A-Za-z][A-Za-z0-9_]{2,15})分享$")
#: What a heading puts before 分享 (经验分享): a subject, not a user's name.
_SHARED_THINGS = prebuilt.compile(r"经验|心得|成果|资源|信息|数据|案例|故事|体会|交流|知识|技术|读书|典型|学习|工作|资料|视频|图片|文件|好书")
_HANDLE = prebuilt.compile(r"^[a-z][a-z0-9_]{3,19}$")  # thought1688, not a document code (SN2023001)
_TEACHER = prebuilt.compile(r"^\p{Han}{2,4}老师$")

_INTRO = prebuilt.compile(
    rf"(?:怎么|怎样|如何)去?(?:写|撰写|写好|写出|制定|拟定|起草|编写)(?:一份|一篇|好)?[^。？?！!]{{0,12}}(?:{GENRE})[^。？?！!]{{0,6}}呢[？?]|"
    rf"(?:优秀|好)的\p{{Han}}{{0,4}}(?:{GENRE})(?:是|应该是|该是)?(?:什么样|怎样|怎么样)的呢|"
    rf"(?:{GENRE})(?:该|要|应该|应当)?(?:怎么|怎样|如何)去?(?:写|撰写|写好|制定|拟定|起草|编写)呢[？?]|"
    rf"(?:{GENRE})(?:是|属于)\p{{Han}}{{0,10}}(?:文书|应用文|文体|文种)的一种|(?:一起来|快来|不妨来)(?:看看|了解一下|学习一下)吧"
)
_BLURB = prebuilt.compile(r"小编|供大家(?:参考|参阅|借鉴)|希望对(?:你|您|大家)有所帮助|欢迎(?:大家)?(?:阅读|借鉴|参考|分享)")

_FILE_NAME = prebuilt.compile(
    r"^[^\s:：，,。\"“”'<>|]{1,80}\.(?i:docx?|wps|pdf|xlsx?|pptx?|txt|rtf|jpe?g|png|gif|bmp|rar|zip|7z)$"
    r"|^(?:图片\d{1,3}\s*)+$"
)
#: The header of a related-links list (【…】相关文章：, 相关文档).
_RELATED_HEADER = prebuilt.compile(
    r"(?:^|[】\]\s])(?:相关|推荐|热门|延伸|更多)(?:文章|阅读|推荐|范文|文档|链接|新闻|内容)[:：]?$|^猜你喜欢$"
)
_RELATED = prebuilt.compile(
    rf"^(?:相关|更多|热门|推荐|最新|延伸)(?:\p{{Han}}{{0,6}}(?:{GENRE})|阅读|文章|推荐|链接|文档|资料|内容|专题|新闻|下载|搜索)"
    r"[:：]\s*(?P<items>.+)$"
)
_ITEM_SPLIT = prebuilt.compile(r"\s*(?:、|\||｜|;|；|\s{2,})\s*")
_ENDS_GENRE = prebuilt.compile(rf"(?:{GENRE})$")
_PREV_NEXT = prebuilt.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)[:：]|^收录于(?:合集|话题)")
_EPAPER = prebuilt.compile(r"^\d{1,2}版[:：]\S{1,12}$|^当前版[:：]|^[(（]?(?:下转|上接|接上)第?[\d一二三四五六七八九十]{1,3}版[)）]?$")
#: Runs of printable ASCII: where Discuz's anti-scrape noise (``; k: m3 }# h7``) hides.
_ASCII_RUN = prebuilt.compile(r"[!-~]{1,4}(?:[ ]+[!-~]{1,4}){3,}")
_HAN = prebuilt.compile(r"\p{Han}")
_JOINS = prebuilt.compile(r"[\s\p{P}]{0,3}")
_WORD_CHARS = prebuilt.compile(r"[\p{Han}A-Za-z0-9]")
_PINYIN = prebuilt.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")

#: Lines longer than this are text, not a page's furniture (only phrases are searched in them).
SHORT = 80
#: How many non-blank lines from the top a breadcrumb may sit to make the lines above it a header.
BREADCRUMB_REACH = 8


# --- one line ----------------------------------------------------------------------------------


class _Line:
    """A body line's texts: ``view`` (the normalised view rules match on) and ``spaced`` (the same
    folding with every space kept, so keys and tokens keep their boundaries), and its core: the
    line without the spaces and bullet around it."""

    __slots__ = ("block", "nt", "view", "spaced", "origin", "lead", "core", "compact", "prose")

    def __init__(self, block, nt):
        self.block = block
        self.nt = nt
        self.view = nt.text
        spaced = _with_spaces(block.text, nt)
        self.origin = None
        if "(" in spaced and _PINYIN.search(spaced):  # 導(dǎo)語: the converter's pinyin hides the key
            self.origin = _unpinyin(spaced)
            spaced = self.origin.text
        self.spaced = spaced
        lead = _BULLET.match(spaced)
        self.lead = spaced[: lead.end()]
        self.core = spaced[lead.end() :].rstrip()
        self.compact = _BULLET.sub("", self.view, count=1).strip()
        self.prose = (len(self.compact) >= 30 and bool(_SENTENCE.search(self.compact))) or (
            len(self.compact) >= 10 and bool(_SENTENCE_END.search(self.compact))
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``spaced[start:end]``."""
        if self.origin is None:
            return start, end
        return self.origin.span(start, end)

    def whole(self, family: str) -> Residue:
        start = len(self.lead)
        return Residue(self.block.index, *self.span(start, start + len(self.core)), family)

    def in_view(self, family: str, start: int, end: int) -> Residue:
        return Residue(self.block.index, *self.nt.span(start, end), family)


def _with_spaces(text: str, nt) -> str:
    """The view's folding (traditional to simplified, full-width letters to ASCII) with the spaces
    it removed put back: same length and offsets as the original."""
    at, removed = nt.cuts
    if not at:
        return nt.text
    out, view_from, removed_before = [], 0, 0
    for position, total in zip(at, removed):
        out.append(nt.text[view_from:position])
        out.append(text[position + removed_before : position + total])
        view_from, removed_before = position, total
    out.append(nt.text[view_from:])
    return "".join(out)


def _unpinyin(text: str) -> NormalText:
    """``text`` without the pinyin a converter glued after characters, with the map back to it
    (one entry per removed reading, not per character: a line may be megabytes long)."""
    pieces, at, removed = [], [], []
    last = total = 0
    for m in _PINYIN.finditer(text):
        pieces.append(text[last : m.start()])
        at.append(m.start() - total)
        total += m.end() - m.start()
        removed.append(total)
        last = m.end()
    pieces.append(text[last:])
    return NormalText("".join(pieces), (tuple(at), tuple(removed)))


# --- the analysis ------------------------------------------------------------------------------


class _Found(NamedTuple):
    """A line's verdict: the family, where it holds, and the span it covers (None: the line).

    ``where`` is ``anywhere``; ``edge`` (only in the header or the footer); ``header``; ``top``
    (only as the first line); or ``block`` (only beside other furniture: a weak key or a button
    word on its own)."""

    family: str
    where: str
    span: tuple[int, int] | None = None


def analyse(ctx, scope: str = "all") -> list[Residue]:
    """Every piece of furniture in the document's body, in reading order."""
    lines = [_Line(b, ctx.normal(b)) for b in ctx.blocks_in_scope(scope) if b.part == "body" and b.text.strip()]
    text_lines = [line for line in lines if line.core]
    verdicts: list[_Found | None] = [_classify(line) for line in text_lines]
    inline: list[list[Residue]] = [_inline(line) for line in text_lines]
    first, last = _body(text_lines, verdicts)
    zone = ["header" if i < first else "footer" if i > last else "body" for i in range(len(text_lines))]

    for i, v in enumerate(verdicts):  # what holds only at the page's edges, found elsewhere
        misplaced = v is not None and (
            v.where == "edge" and zone[i] == "body"
            or v.where == "header" and zone[i] != "header"
            or v.where == "top" and i > 0
        )
        if misplaced:
            verdicts[i] = None
    _metadata_blocks(text_lines, verdicts)
    for _ in range(2):  # a run of weak furniture words settles from its neighbours outwards
        for i, v in enumerate(verdicts):
            if v is not None and v.where == "block" and zone[i] != "body" and _beside_furniture(verdicts, i):
                verdicts[i] = _Found(v.family, "anywhere")
    for i, v in enumerate(verdicts):
        if v is not None and v.where == "block":
            verdicts[i] = None
    _related_list(text_lines, verdicts, zone)
    _above_breadcrumb(text_lines, verdicts, zone)
    _site_intro(text_lines, verdicts)
    _header_only(text_lines, verdicts, zone)

    found: list[Residue] = []
    for line, verdict, extra in zip(text_lines, verdicts, inline):
        if verdict is not None and verdict.span is not None:
            found.append(Residue(line.block.index, *verdict.span, verdict.family))
        elif verdict is not None:
            found.append(line.whole(verdict.family))
        else:
            found.extend(extra)
    return found


def _body(lines: list[_Line], verdicts: list[_Found | None]) -> tuple[int, int]:
    """The first and last line of running text: prose that is not furniture nor a site's blurb."""

    def is_body(i: int) -> bool:
        v = verdicts[i]
        return lines[i].prose and (v is None or v.where != "anywhere") and not _BLURB.search(lines[i].compact)

    body = [i for i in range(len(lines)) if is_body(i)]
    if not body:
        return len(lines), len(lines)
    return body[0], body[-1]


def _beside_furniture(verdicts: list[_Found | None], i: int) -> bool:
    """Whether a line within two of ``i`` is furniture where it stands."""
    return any(
        0 <= j < len(verdicts) and j != i and verdicts[j] is not None and verdicts[j].where != "block"
        for j in (i - 2, i - 1, i + 1, i + 2)
    )


def _classify(line: _Line) -> _Found | None:
    """What a whole line is, from its vocabulary and shape alone (position is weighed later)."""
    core, compact = line.core, line.compact
    related = _related(compact)
    if related:
        return related
    if len(compact) > 2 * SHORT:
        return None
    found = _tokens(compact) or _metadata(line)
    if found:
        return found
    if _SENTENCE_END.search(compact):  # a sentence: only a page's own sentences can be one
        return _sentence(compact)
    if _BREADCRUMB_LEAD.search(compact) or _BREADCRUMB_HOME.search(compact) or _CONTENT_PAGE.search(compact):
        return _Found("breadcrumb", "anywhere")
    chain = _chain(compact)
    if chain:
        return chain
    if len(compact) > SHORT:
        return None
    if _PRICE.search(compact):
        return _Found("doc-site", "anywhere")
    if line.lead.strip() and (_DOC_COUNTER.search(compact) or _BARE_COUNTER.search(compact)):
        return _Found("doc-site", "anywhere" if _DOC_COUNTER.search(compact) else "block")
    if _THUMBNAIL.search(compact):
        return _Found("doc-site", "anywhere")
    if _WELCOME.search(compact) or _SITE_HOME.search(compact) or _TODAY.search(core) or _NAV_BAR.search(core):
        return _Found("site-header", "anywhere")
    if _PAGINATION.search(core) and _PAGE_TURN.search(core) or _SCAN.search(compact):
        return _Found("widget", "anywhere")
    if _FOOTER.search(compact):
        return _Found("site-footer", "anywhere")
    if _EPAPER.search(compact) or _PREV_NEXT.search(compact) or _RELATED_HEADER.search(compact):
        return _Found("widget", "anywhere")
    if _COLLECTION_TITLE.search(compact):
        return _Found("collection-title", "anywhere")
    if _MARKER_NUMBER.search(compact) and not _END_PUNCT.search(compact):
        return _Found("collection-marker", "anywhere")
    if _FILE_NAME.search(core):
        return _Found("file-name", "anywhere")
    phrases = _phrases(compact)
    if phrases:
        return phrases
    if (_HOTLINE.search(compact) or _SERVICE_HOURS.search(compact) or _WEEKDAY_DATE.search(compact)
            or _SITE_NAME.search(compact)):
        return _Found("site-header", "header")
    if _FOOTER_SITES.search(compact):
        return _Found("site-footer", "edge")
    if _UPLOADER.search(compact) or _UPLOADER_LINE.search(compact):
        return _Found("uploader", "anywhere")
    sharer = _SHARER.search(compact)
    if sharer and not _SHARED_THINGS.search(sharer.group("name")):
        return _Found("uploader", "header")
    if _HANDLE.search(core) or _TEACHER.search(compact):
        return _Found("uploader", "header")
    if _BILINGUAL.search(core):
        return _Found("page-header", "header")
    if set(core) <= set("|｜ "):
        return _Found("noise", "anywhere")
    return None


def _sentence(compact: str) -> _Found | None:
    """A whole sentence of the page's: a welcome, a login wall, a notice."""
    if _WELCOME.search(compact):
        return _Found("site-header", "anywhere")
    return _phrases(compact)


def _phrases(compact: str) -> _Found | None:
    """A line that is a login wall's or a site notice's phrases and little else (a few words:
    otherwise the phrases are reported inside the line, see :func:`_inline`)."""
    for pattern, family in ((_LOGIN, "login-wall"), (_NOTICE, "site-notice")):
        rest = pattern.sub("", compact) if pattern.search(compact) else None
        if rest is not None and len(_WORD_CHARS.findall(rest)) <= 12:
            return _Found(family, "anywhere")
    return None


def _metadata(line: _Line) -> _Found | None:
    """A page's or a portal's metadata line: ``key: value`` pairs, ``key | value`` cells, a key
    alone (its value on the next line), or a publication stamp with a clock time."""
    core, compact = line.core, line.compact
    if "|" in core or "｜" in core:
        row = _table_row(core)
        if row:
            return row
    keys = [("".join((m.group("key") or m.group("bracketed")).split()), m) for m in _KEY.finditer(core)]
    if keys and keys[0][0] == "导语" and keys[0][1].start() == 0:  # a site's summary of the page
        return _Found("page-metadata", "anywhere")
    if "。" in compact:
        return None
    names = {k for k, _ in keys}
    family = "portal-metadata" if names & (_PORTAL | _PORTAL_WEAK) else "page-metadata"
    telling = names - EDITORIAL_KEYS - {"时间", "日期"}  # 日期：… 时间：… is a meeting's, 编辑：… 审核：… a 版记's
    if len(names) >= 2 and (telling or _ISO_ANYWHERE.search(compact)) and len(compact) <= 2 * SHORT:
        return _Found(family, "anywhere")
    if _STAMP.search(core) and len(compact) <= 60 or _COUNTER_LINE.search(compact):
        return _Found("page-metadata", "anywhere")
    if not keys:
        return None
    key, m = keys[0]
    value = core[m.end() :].strip()
    before = core[: m.start()]
    if before and _TOKEN_LINE.fullmatch(before):  # | 收藏本文 下载本文 作者:…
        return _Found("page-metadata", "anywhere")
    if before and before.strip(" (（【[") == "":  # （责任编辑：李明）
        value = value.rstrip(")）】]")
    elif before:  # a key after other text: a news line (人民网 2020年12月23日 来源:…)
        if _ANY_DATE.search(compact) and len(compact) <= SHORT:
            return _Found(family, "anywhere")
        return None
    if len(value) > 60 or _END_PUNCT.search(value):
        return None
    if key in _PORTAL:
        return _Found("portal-metadata", "anywhere")
    if key in _PORTAL_WEAK:
        return _Found("portal-metadata", "block")
    if key in _PAGE:
        certain = not value or _DATE_VALUE.search(value) or len(value) <= 30
        return _Found("page-metadata", "anywhere" if certain else "edge")
    if key in ("编辑", "作者"):  # a bulletin's 版记, an article's byline
        return None
    if key in ("时间", "日期"):  # 时间：2023年5月11日上午9时 is a meeting's; a page stamps 2023-05-11
        return _Found("page-metadata", "edge") if _ISO_VALUE.search(value) else None
    if key in COUNTER_KEYS and value and not _NUMBER_VALUE.search(value):
        return None  # 阅读：《论语》 is a study plan's
    if m.group("bracketed") or not value or len(value) <= 20:
        return _Found("page-metadata", "edge")
    return None


def _table_row(core: str) -> _Found | None:
    """A ``key | value | key | value`` row of a portal's metadata table (not a table of figures:
    a row whose cells are all keys, without a colon or brackets, is a real table's header)."""
    cells = [c.strip() for c in core.replace("｜", "|").split("|")]
    names = []
    for cell in cells:
        name = "".join(cell.strip("[]【】 \u3000").rstrip(":：").split())
        if name in _KEY_WORDS:
            names.append((name, cell))
    if not names:
        return None
    filled = [c for c in cells if c]
    marked = any(c != n for n, c in names)  # [ 索引号 ] or 公开目录:
    if len(names) == len(filled) and len(names) >= 2 and not marked:
        return None
    if any(n in _PORTAL or n in _PAGE for n, _ in names) or len(names) >= 2:
        return _Found("portal-metadata", "anywhere")
    return _Found("portal-metadata", "block")


def _chain(compact: str) -> _Found | None:
    """Segments joined by ``>``: a breadcrumb (学习啦>实用范文>致辞讲话>)."""
    if len(compact) > 100 or _END_PUNCT.search(compact):
        return None
    parts = _CHAIN_SEP.split(compact)
    seps = len(parts) - 1
    if seps < 1 or any(len(p) > 30 for p in parts):
        return None
    if _SITE_WORD.search(parts[0]) or any(p in ("首页", "主页", "正文") for p in parts):
        return _Found("breadcrumb", "anywhere")
    if seps >= 3 and not parts[-1]:  # 文稿宝库>计划总结>述职报告>: a trail ends on its separator
        return _Found("breadcrumb", "anywhere")
    if seps >= 2 and all(parts[:-1]):  # 申请 > 受理 > 办结 may be a flow: only as the page's first line
        return _Found("breadcrumb", "top")
    return None


def _tokens(compact: str) -> _Found | None:
    """A line made only of a page's buttons and links (分享到 微信 微博, 关闭窗口 打印本页)."""
    if len(compact) > 60 or not _TOKEN_LINE.fullmatch(compact):
        return None
    words = [m.group() for m in _TOKEN.finditer(compact)]
    families = {_TOKEN_FAMILY[w] for w in words}
    family = next(f for f in ("doc-site", "widget", "site-footer", "site-header") if f in families)
    if all(w in _WEAK_TOKENS for w in words):
        return _Found(family, "block")
    if all(w in _WEAK_TOKENS or w in _BUTTONS for w in words):
        return _Found(family, "edge")
    return _Found(family, "anywhere")


def _related(compact: str) -> _Found | None:
    """相关自查报告: a、b、c — a list of links to other titles."""
    m = _RELATED.search(compact) if len(compact) <= 4 * SHORT else None
    if not m:
        return None
    items = [i for i in _ITEM_SPLIT.split(m.group("items")) if i]
    if len(items) < 3:
        return None
    if sum(1 for i in items if _ENDS_GENRE.search(i)) >= 2:
        return _Found("related-links", "anywhere")
    return _Found("related-links", "edge")


def _inline(line: _Line) -> list[Residue]:
    """Furniture inside a line of text: a glued marker, a paywall phrase, anti-scrape noise."""
    view = line.view
    found = [
        line.in_view(family, m.start(), m.end())
        for pattern, family in (
            (_MARKER_BRACKETED, "collection-marker"),
            (_MARKER_GLUED, "collection-marker"),
            (_COLLECTION_INLINE, "collection-title"),
            (_LOGIN, "login-wall"),
            (_NOTICE, "site-notice"),
        )
        for m in pattern.finditer(view)
    ]
    # on the spaced text: the view runs a user's name into the words after it
    found += [
        Residue(line.block.index, *line.span(m.start(), m.end()), "uploader") for m in _UPLOADER.finditer(line.spaced)
    ]
    lead = _MARKER_LEAD.search(line.compact)
    if lead:
        offset = view.index(line.compact)
        found.append(line.in_view("collection-marker", offset + lead.start(), offset + lead.end()))
    compact = line.compact
    suffix = _SITE_SUFFIX.search(compact) if len(compact) <= SHORT and not _END_PUNCT.search(compact) else None
    if suffix:
        offset = view.index(compact)
        found.append(line.in_view("site-title", offset + suffix.start(), offset + suffix.end()))
    found.extend(_noise(line))
    return _merge(found, line.block.text)


def _noise(line: _Line) -> list[Residue]:
    """Discuz's anti-scrape noise: runs of one- to three-character tokens with varied punctuation,
    most of them gluing a letter to a digit or a mark (``; k: m3 }# h7 L3 U& q8``), unlike words,
    numbers, a list's marks or a formula's single letters (``x + y = z``)."""
    found = []
    for m in _ASCII_RUN.finditer(line.spaced):
        tokens = m.group().split()
        marks = {c for c in m.group() if not c.isalnum() and not c.isspace()}
        glued = sum(1 for t in tokens if len(t) > 1 and any(c.isalpha() for c in t) and not t.isalpha())
        whole_line = m.group().strip() == line.core
        if len(marks) >= 3 and glued >= (2 if whole_line else 3) and all(len(t) <= 3 for t in tokens):
            found.append(Residue(line.block.index, *line.span(m.start(), m.end()), "noise"))
    return found


def _merge(found: list[Residue], text: str) -> list[Residue]:
    """One finding per stretch: hits of one family that overlap or stand apart only by
    punctuation and spaces (去百度文库，查看完整内容) become one."""
    found.sort(key=lambda r: (r.family, r.start, -r.end))
    merged: list[Residue] = []
    for r in found:
        if merged and merged[-1].family == r.family and _JOINS.fullmatch(text[merged[-1].end : r.start]):
            last = merged[-1]
            merged[-1] = last._replace(end=max(last.end, r.end))
        else:
            merged.append(r)
    merged.sort(key=lambda r: r.start)
    return merged


# --- passes that weigh position ----------------------------------------------------------------


def _metadata_blocks(lines: list[_Line], verdicts: list[_Found | None]) -> None:
    """Inside a metadata block: weak keys beside strong ones, the value line between two key lines
    (``• 发布机构:`` / ``婺城区文旅体局`` / ``• 成文日期:``), a table's ``---|---`` rule."""
    for _ in range(2):
        for i, v in enumerate(verdicts):
            weak_key = v is not None and v.where == "block" and v.family == "portal-metadata"
            if weak_key and _beside_metadata(verdicts, i, 2):
                verdicts[i] = _Found(v.family, "anywhere")
    value_shape = None
    for i, line in enumerate(lines):
        v = verdicts[i]
        if v is None or v.family not in ("portal-metadata", "page-metadata") or v.where != "anywhere":
            continue
        if not _is_key_only(line) or i + 1 >= len(lines) or verdicts[i + 1] is not None:
            continue
        value = lines[i + 1]
        if len(value.compact) > SHORT or _END_PUNCT.search(value.compact):
            continue
        continues = i + 2 < len(lines) and verdicts[i + 2] is not None and _is_key_only(lines[i + 2])
        if continues or value.lead == value_shape:
            verdicts[i + 1] = _Found(v.family, "anywhere")
            value_shape = value.lead
    for i, line in enumerate(lines):
        if verdicts[i] is None and _TABLE_RULE.search(line.core) and _beside_metadata(verdicts, i):
            verdicts[i] = _Found("portal-metadata", "anywhere")


def _beside_metadata(verdicts: list[_Found | None], i: int, reach: int = 1) -> bool:
    return any(
        0 <= j < len(verdicts)
        and j != i
        and verdicts[j] is not None
        and verdicts[j].family in ("portal-metadata", "page-metadata")
        and verdicts[j].where == "anywhere"
        for j in range(i - reach, i + reach + 1)
    )


def _is_key_only(line: _Line) -> bool:
    m = _KEY.match(line.core)
    return bool(m) and not line.core[m.end() :].strip()


def _related_list(lines: list[_Line], verdicts: list[_Found | None], zone: list[str]) -> None:
    """Below the body, the titles listed under a related-links header (相关文档 / …总结 / …计划);
    above it the line after such a header is usually the page's own title."""
    listing = False
    for i, line in enumerate(lines):
        if zone[i] != "footer":
            continue
        if verdicts[i] is not None:
            listing = _RELATED_HEADER.search(line.compact) is not None
        elif listing and len(line.compact) <= 40 and not _END_PUNCT.search(line.compact):
            verdicts[i] = _Found("related-links", "anywhere")
        else:
            listing = False


def _above_breadcrumb(lines: list[_Line], verdicts: list[_Found | None], zone: list[str]) -> None:
    """The short lines above a breadcrumb are the site's header (its name, a slogan, a column);
    a line just below it that repeats one of its columns is the column's title."""
    for i in range(min(len(lines), BREADCRUMB_REACH)):
        v = verdicts[i]
        if v is None or v.family != "breadcrumb" or v.where != "anywhere" or zone[i] != "header":
            continue
        for j in range(i):
            if verdicts[j] is None and len(lines[j].compact) <= 30 and not _END_PUNCT.search(lines[j].compact):
                verdicts[j] = _Found("page-header", "anywhere")
        crumb = lines[i].compact
        columns = [p for p in _CHAIN_SEP.split(crumb.split(":", 1)[-1].split("：", 1)[-1]) if p]
        if columns and not _CHAIN_SEP.search(crumb[-2:]):
            columns = columns[:-1]  # the last crumb without a closing > is the page's own title
        for j in range(i + 1, min(i + 3, len(lines))):
            if verdicts[j] is None and lines[j].compact in columns:
                verdicts[j] = _Found("page-header", "anywhere")
        return


def _site_intro(lines: list[_Line], verdicts: list[_Found | None]) -> None:
    """A 范文 site's opening question about the kind of document (那么优秀的方案是什么样的呢?),
    as the first prose of the page; 小编 blurbs are BP002's."""
    for i, line in enumerate(lines):
        if line.prose and verdicts[i] is None and not _BLURB.search(line.compact):
            if _INTRO.search(line.compact):
                verdicts[i] = _Found("site-intro", "anywhere")
            return


def _header_only(lines: list[_Line], verdicts: list[_Found | None], zone: list[str]) -> None:
    """Title shapes a site gives a page, judged only in the header: a title with an SEO tail
    (…素材_优秀共产党员个人事迹, …总结|…要点) or a page number (…的讲话(2))."""
    for i, line in enumerate(lines):
        compact = line.compact
        if zone[i] != "header" or verdicts[i] is not None or len(compact) > SHORT or _END_PUNCT.search(compact):
            continue
        if _SITE_SUFFIX.search(compact):
            continue  # …范文(3): the site's title suffix, reported as such
        m = _SEO_JOIN.search(compact) or _PAGE_NUMBER_SUFFIX.search(compact)
        if m and _HAN.search(compact):
            offset = line.view.index(compact)
            verdicts[i] = _Found("seo-title", "anywhere", line.nt.span(offset + m.start(), offset + m.end()))
