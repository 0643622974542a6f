"""The patterns the narrative reader looks for: the vocabulary's word lists (data/reference/
vocabulary.toml) compiled, plus the few shapes that are syntax rather than vocabulary."""

from __future__ import annotations

import re

from analytics.extract.vocabulary import alternation, pattern, words

DIGIT = re.compile(r"\d")
YEAR_WORDS = re.compile(r"(?:19|20)\d{2}年度?")

CHANGE = alternation(("change", "increase"), ("change", "decrease"))
_BEFORE_NUMBER = alternation(("change", "increase_before_number"), ("change", "decrease_before_number"))
CHANGE_RE = re.compile(f"({CHANGE[3:-1]}|{_BEFORE_NUMBER}(?=\\s*\\d))")
DECREASE = frozenset(words("change", "decrease") + words("change", "decrease_before_number"))
FLAT_RE = pattern("change", "flat")
FLAT_AFTER_COMPARISON = pattern("change", "flat_after_comparison")
# Any word of the three flat lists: where none stands, a clause says no change of zero.
ANY_FLAT = re.compile(
    alternation(("change", "flat"), ("change", "flat_after_comparison"), ("change", "flat_comparative"))
)
COMPARISON = alternation(("change", "comparison"))
COMPARISON_OPENING = re.compile(rf"^\s*(?:{COMPARISON}|同比|相比)")
# Where a comparison starts in a phrase: what follows it is its base, not the figure's own words.
COMPARISON_START = re.compile(rf"{COMPARISON}|同比|相比")
# A generic label ('支出预算', '财政拨款') right after one of these characters (or none) names the
# department's own figure ('2019年支出预算', '本部门收入预算'); after any other Chinese character it
# ends a longer name we do not know ('工资福利支出预算', '商品和服务支出预算').
GENERIC_MAY_FOLLOW = frozenset("年度门位本全总的级为是其中计共及和、算比较")
# A department total right after a source of funds is that source's total ('其他资金收入预算总计').
SOURCE_BEFORE = re.compile(r"(?:资金|专户|基金)\s*$")
# '占一般公共预算支出的96.41%': a label after 占 is the base of a share, not a subject of the sentence.
SHARE_BASE_BEFORE = re.compile(r"占[\s“\"‘']*$")
# A parenthesis that holds only a percentage ('减少18.50万元(65.37%)'): the change's own percentage.
PERCENT_ASIDE = re.compile(r"\((\s*-?\d+(?:\.\d+)?\s*%\s*)\)")
# 'Roughly flat' states no number: no fact, like '略有增加'.
ROUGHLY_RE = pattern("change", "roughly")
COMPARED_YEAR_RE = re.compile(r"(?:比|较|与|同)\s*((?:19|20)\d{2})\s*年")
ZERO_BEFORE_LABEL = re.compile(r"(?:无|未|没有)(?:安排|发生|开支|列支)?(?:任何)?[“\"‘']?\s*$")
# '无因公出国(境)人数', '无公务接待批次': not a zero amount.
NOT_MONEY_AFTER = re.compile(r"^[”\"’']?(?:人数|团组|批次|人次|次数|出访|情况|车辆)")
REASON_RE = re.compile(f"^{alternation(('reason', 'markers'))}")
OTHERS_RE = re.compile(r"^(?:其他|其余|其它)(?:各项|项目|经费)?")
PRIOR_YEAR_END = re.compile(r"上年末|上年度末|上年年末|上一年末")
STATED_YEAR = re.compile(r"(\d{4})(?<![较比与同]\d{4})年度?")  # not after 较比与同 (a comparison)
FINAL_WORDS = pattern("kind", "final")
BUDGET_WORDS = pattern("kind", "budget")
# '本年数小于上年预算数29.65万元': a comparative, then its base, then the amount.
COMPARATIVE = re.compile(
    f"(?P<word>{alternation(('change', 'increase_comparative'), ('change', 'decrease_comparative'))[3:-1]})"
    "(?P<base>[^,;。]*?)$"
)
DECREASE_COMPARATIVE = frozenset(words("change", "decrease_comparative"))
FLAT_COMPARATIVE = re.compile(f"{alternation(('change', 'flat_comparative'))}(?P<base>[^,;。]*?)(?:[,;。]|$)")
# The comparison base of a change: '比年初预算', '较调整预算' compare with the budget, not the prior year.
BASE_RE = re.compile(f"{COMPARISON}([^{''.join(words('change', 'comparison'))}]*?)$")
BUDGET_BASE = re.compile(
    f"{alternation(('change', 'budget_base'))}|^{alternation(('change', 'budget_base_opening'))}"
)
PRIOR_BASE = re.compile(rf"{alternation(('change', 'prior_base'))}|\d{{4}}年")
# A comparison with last year's final accounts ('比上年决算数减少…').
PRIOR_FINAL = re.compile(r"(?:上年|上一年|去年)度?(?:的)?决算")
# '较2024年的2190万元减少…': the amount is the prior year's.
PRIOR_AMOUNT_RE = re.compile(
    r"(?:比|较|与)(?:(\d{4})年度?|上年度?|上一年)(?:预算|决算)?数?(?:累计)?(?:支出|开支)?的?$"
)  # '比上年累计支出52万元下降12万元' too
# Words between a label and an amount that make the amount something else than the label's figure.
NOT_THE_FIGURE = re.compile(r"大于|小于|超过|低于|多于|少于|占|完成|执行率|货物|工程|服务类|中小企业")
# 'X完成预算27万元的63.2%': the amount is the figure's budget of the same year.
COMPLETION_BUDGET_BEFORE = re.compile(f"{alternation(('completion', 'budget_before'))}\\s*$")
# A clause listing what its subject includes ('含甲中心经费30万元'): parts we cannot name.
INCLUDES = re.compile(r"^(?:含|包含|包括)")
# A clause that describes its subject rather than names one ('为以前年度支出预算…结转的资金').
DESCRIBES = re.compile(r"^(?:为|是|指|系|即|主要|包括|用于)")
# '公务用车购置及运行费全部支出均为车辆维护费', '(全部为公务用车运行费)': the part is the whole.
ALL_OF_IT = re.compile(r"全部(?:支出|经费|资金)?(?:均|都)?(?:为|是|系|用于)")
APPROXIMATE_BEFORE = re.compile(
    f"{alternation(('numbers', 'approximate'))}(?:为|是)?(?:{CHANGE[3:-1]}|{_BEFORE_NUMBER[3:-1]})?\\s*$"
)
# Each approximate word holds its last character: where none of them stands, no word does.
APPROXIMATE_GATE = re.compile(
    "[" + "".join(sorted({re.escape(w[-1]) for w in words("numbers", "approximate")})) + "]"
)
AFTER_AMOUNT_NOT = re.compile(r"^(?:以上|以下|以内|及以上|左右)")
# '因公出国(境)费、公务接待费分别为10万元、5万元': the amounts go to the labels in order.
# '收、支总计各是400、410万元', '各减少10、20万元': 各 before a verb or 是/为 is 分别 (not 各项, 各级).
RESPECTIVELY = re.compile(r"分别|各(?=\s*(?:是|为|自|减少|增加|下降|增长|上升|降低|减|增|降))")
# A list of figures ('10.00,20.00万元', '2.44%、4.65%'): 各 before a single figure says each has it.
# (A comma after a whole number is a thousands separator: '各增加3,958.67万元' is one figure.)
A_LIST = re.compile(r"(?:\d\.\d+|\d\s*(?:万元|亿元|千元|元|%))\s*[,、]\s*-?\d|\d\s*、\s*-?\d")
# The unit a list of numbers ends with ('400.00,410.00万元'): the earlier numbers of the list have it too.
LIST_UNIT = re.compile(r"(?:\s*[,、]\s*-?\d+(?:\.\d+)?)+\s*(万元|亿元|千元|元|%)")
# '均为', '都', and 各 before a figure or a verb ('A、B各1万元', '各减少1万元': each of them), not 各项
GROUP_WORD = re.compile(
    r"^\s*(?:均|都|全部|皆|各(?=\s*(?:$|是|为|\d|减少|增加|下降|增长|上升|降低|减|增|降)))"
)
GROUP_SEPARATOR = re.compile(r"^[、,和及与\s]*$")
PAIR_RE = re.compile(r"收[、,]?支")

AS_OF_YEAR = re.compile(r"(?:截至|截止|截止到|至)\s*((?:19|20)\d{2})\s*年")
VEHICLE_COUNT_RE = re.compile(r"(\d+)\s*(?:辆|台)(?!\s*次)")
VEHICLE_WORD = pattern("vehicles", "vehicle")
VEHICLE_NOT_STOCK = pattern("vehicles", "not_stock")
VEHICLE_STOCK = pattern("vehicles", "stock")
NO_VEHICLES = re.compile(
    r"(?:无|没有|未配备|未配置)(?:任何)?(?:公务用车|车辆|公车)(?!购置|运行|费|经费|维护|支出)"
)
OTHERS_FLAT = re.compile(r"[^,;。]*(?:其他|其余|其它)[^,;。]*(?:持平|无增减|无变化|保持不变)[^。]*")
# Comparisons ('与上年相比') are neutral too: they say what the figure is compared with, not whose.
_NEUTRAL_WORDS = alternation(
    ("subject", "neutral"),
    ("change", "comparison"),
    ("change", "prior_base"),
    ("change", "budget_base"),
    ("change", "increase_comparative"),
    ("change", "decrease_comparative"),
    ("change", "flat_comparative"),
)
NEUTRAL = re.compile(rf"(?:19|20)\d{{2}}年度?|{_NEUTRAL_WORDS[3:-1]}|相比|同比|[\s\d,.、:()“”\"'%-]")
