"""The ``indefinite`` kind: ``某某`` and ``某`` + a unit (``某市``, ``某局``) left from a template.

Published court cases and teaching material anonymise people on purpose (``张某``, ``李某某``,
``某建筑公司``): the rule sets ``skip-anonymised`` so such documents are left alone (see
:func:`is_anonymised`).
``某些``, ``某种``, ``某一``, ``某个`` are ordinary words and never match.
"""

from __future__ import annotations

from ..model import Hit
from .. import prebuilt

# The common surnames (the top of the national household register, ~85% of the population).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤"
    "阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴"
    "丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾"
    "茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
# Surnames that are also everyday function words (由某某同志牵头) do not make a name.
_NAME_SURNAMES = "".join(c for c in SURNAMES if c not in "由和于时全应信来都那向以从相国平元")
_NAMED = prebuilt.compile(r"([" + _NAME_SURNAMES + r"])某某?(?![某些种一个])")
_UNITS = r"(?:省|自治区|市|州|盟|县|区|旗|镇|乡|村|街道|社区|局|委|办|厅|处|站|中心|单位|部门|公司|集团|企业|学校|学院|医院|银行|协会|同志|领导)"
_PATTERN = prebuilt.compile(r"(?P<pair>某某+)|某(?=" + _UNITS + ")")
_UNIT = prebuilt.compile(r"某" + _UNITS)


def is_anonymised(blocks) -> bool:
    """A text that names people as surname + 某 (郑某 twice, or 张某 and 李某某) anonymises on purpose."""
    seen: dict[str, int] = {}
    for block in blocks:
        if "某" not in block.text:
            continue
        for m in _NAMED.finditer(block.text):
            seen[m.group(0)] = seen.get(m.group(0), 0) + 1
            if len(seen) >= 2 or seen[m.group(0)] >= 2:
                return True
    return False


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        for block in ctx.blocks_in_scope(scope):
            text = block.text
            if "某" not in text:
                continue
            for m in _PATTERN.finditer(text):
                start, end = m.span()
                if not m.group("pair"):
                    # report the unit with it: 某市, 某局 (matched where it stands: slicing the
                    # text from each hit made a long paragraph quadratic)
                    unit = _UNIT.match(text, start)
                    end = unit.end() if unit else start + 1
                yield Hit(block.index, start, end)

    return check
