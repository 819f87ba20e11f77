"""Likely duplicate customers: the same company typed twice — "腾讯" and "深圳市腾讯计算机系统有限公司",
"Acme Corp" and "ACME Corporation", "Hoffman Logistics" and "Hofman Logistics".

A name is read as up to four parts: a place (深圳市, 上海), the company's own name (腾讯), a trade
word (计算机系统, Logistics) and a legal form (有限公司, Co., Ltd., Inc.). Case, width (ＡＣＭＥ),
spaces and punctuation never count. Two customers are likely the same when

- their names are equal once the legal form is left out ("same name but the legal form"), or
- their own names are equal and the place and the trade words each agree, are missing on one
  side or one starts the other ("same company name"): 腾讯 and 深圳市腾讯计算机系统有限公司 match, so
  do 盛科商贸 and 上海盛科商贸实业有限公司; 上海华信科技 and 北京华信电子 do not (two places, two trades:
  two companies), or
- a Latin name of 8 letters or more is at least ``ALIKE`` % alike to another
  (rapidfuzz's normalised Indel similarity): a typo. Chinese names are typed through an input
  method, which makes whole-word slips rather than letter typos, so for them one character
  apart is another company (华信 / 华兴) and only the first two rules apply.

These are offers for a person to look at, never merged without one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from salestui.kernel.i18n import N_, _
from salestui.kernel.memory import no_cycle_collection

ALIKE = 90

CN_LEGAL = frozenset(
    """股份有限公司 有限责任公司 集团有限公司 集团股份有限公司 有限公司 集团公司 分公司 总公司 集团 公司
    工作室 合伙企业 个体工商户 商行 厂""".split()
)
LATIN_LEGAL = frozenset(
    """inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh ag kg sa sas
    sarl srl spa bv nv oy ab as pte pty kk group holding holdings the""".split()
)
CN_TRADE = frozenset(
    """计算机系统 信息技术 网络科技 科技发展 电子商务 生物科技 医疗器械 供应链 计算机 软件 网络 科技 信息
    技术 电子 电气 机械 制造 商贸 贸易 零售 医疗 生物 医药 物流 金融 投资 教育 文化 能源 电力 食品
    饮料 建设 工程 实业 控股 发展 咨询 服务 传媒 广告 国际""".split()
)
LATIN_TRADE = frozenset(
    """machinery industries industrial retail trading medical health logistics freight capital
    finance financial learning education energy power systems technologies technology tech
    foods beverages construction engineering software solutions services consulting
    international global manufacturing""".split()
)
# Provinces and the cities big enough to open a name; a name that opens with "<two or three
# characters>市 / 省" has its place cut as well.
CN_PLACES = frozenset(
    """北京 上海 天津 重庆 深圳 广州 杭州 成都 武汉 南京 苏州 西安 沈阳 长沙 青岛 厦门 宁波 无锡 合肥
    郑州 昆明 大连 东莞 佛山 福州 济南 南昌 贵阳 南宁 长春 温州 常州 哈尔滨 石家庄 太原 兰州 乌鲁木齐
    呼和浩特 银川 西宁 拉萨 海口 三亚 珠海 中山 惠州 烟台 潍坊 徐州 南通 扬州 嘉兴 绍兴 金华 台州
    泉州 漳州 香港 澳门 台北 广东 江苏 浙江 山东 河南 河北 湖南 湖北 四川 福建 安徽 江西 辽宁 吉林
    黑龙江 山西 陕西 甘肃 青海 云南 贵州 海南 广西 广西壮族 内蒙古 宁夏 宁夏回族 新疆 新疆维吾尔 西藏 中国""".split()
)
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DROP = re.compile(r"[\W_]+", re.UNICODE)


class NameParts(NamedTuple):
    """A customer name read as place, own name, trade word (legal form left out); ``whole`` is
    the three together."""

    place: str
    own: str
    trade: str
    latin: bool
    whole: str


def _parts(place: str, own: str, trade: str, latin: bool) -> NameParts:
    return NameParts(place, own, trade, latin, place + own + trade)


@dataclass(frozen=True)
class Likely:
    """Two customers that are likely one, and why."""

    first: int
    second: int
    why: str


def _words(words: frozenset[str]) -> str:
    """The words reversed, longest first, as one alternation."""
    return "|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True))


# One C-level match per name, on the name reversed: legal forms, then trade words, then the
# company's own name (two characters at least: the forms and trades give way to it), then a
# place. Python loops over the word lists took seconds over 125,000 names.
_MARK = "省|市|自治区|特别行政区"
_CJK_NAME = re.compile(
    f"(?:{_words(CN_LEGAL)})*"
    f"(?P<trade>(?:{_words(CN_TRADE)})*)"
    r"(?P<own>.{2,}?)"
    f"(?P<place>(?:{_words(frozenset(_MARK.split('|')))})?(?:{_words(CN_PLACES)})"
    f"|(?:{_words(frozenset(_MARK.split('|')))})[\u4e00-\u9fff]{{2,4}})?$"
)
_PLACE_MARK = re.compile(f"(?:{_MARK})$")


def _cjk_parts(text: str) -> NameParts:
    backwards = _DROP.sub("", text)[::-1]
    m = _CJK_NAME.match(backwards)
    if m is None:  # a name of one character
        return _parts("", backwards[::-1], "", False)
    place = _PLACE_MARK.sub("", (m.group("place") or "")[::-1])
    return _parts(place, m.group("own")[::-1], m.group("trade")[::-1], False)


def _latin_parts(text: str) -> NameParts:
    words = _LATIN_WORD.findall(text)
    while len(words) > 1 and words[-1] in LATIN_LEGAL:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    trade = ""
    if len(words) > 1 and words[-1] in LATIN_TRADE:
        trade = words.pop()
    return _parts("", "".join(words), trade, True)


def name_parts(name: str) -> NameParts:
    """Case, full-width forms, spaces and punctuation folded; the legal form left out."""
    text = unicodedata.normalize("NFKC", str(name or "")).casefold().strip()
    text = text.replace("&", " and ").replace("＆", " and ")
    return _cjk_parts(text) if _CJK.search(text) else _latin_parts(text)


def _same_or_missing(a: str, b: str) -> bool:
    """Equal, missing on one side, or one the start of the other (商贸 and 商贸实业)."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def likely_pair(a: str, b: str) -> str | None:
    """Why the two names are likely one customer, or None — the rule of this module for one
    pair (what the finder applies to all pairs at once)."""
    return _why(name_parts(a), name_parts(b))


def likely_pair_among(name: str, customers: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """The customers (id, why) that ``name`` is likely the same as: a new name checked against
    every one there, each compared whole (no blocks: one name against n is n comparisons)."""
    new = name_parts(name)
    with no_cycle_collection():
        found = [(cid, _why(new, name_parts(other))) for cid, other in customers]
    return [(cid, why) for cid, why in found if why is not None]


def _why(pa: NameParts, pb: NameParts) -> str | None:
    if not pa.own or not pb.own:
        return None
    if pa.whole == pb.whole:
        return N_("same name but the legal form")
    if pa.own == pb.own and _same_or_missing(pa.place, pb.place):
        if _same_or_missing(pa.trade, pb.trade):
            return N_("same company name")
    if pa.latin and pb.latin and min(len(pa.whole), len(pb.whole)) >= 8:
        from rapidfuzz.distance import Indel

        alike = Indel.normalized_similarity(pa.whole, pb.whole, score_cutoff=ALIKE / 100)
        if alike:
            return _alike(alike)
    return None


def likely_duplicates(customers: Iterable[tuple[int, str]]) -> list[Likely]:
    """Every likely duplicate pair among ``(id, name)`` rows, each once, lower id first.

    Grouped by the parts first, so 125,000 names take a second rather than 7.8 billion
    comparisons; only Latin names whose own names share their first four or last four letters
    are compared letter by letter."""
    with no_cycle_collection():
        return _likely_duplicates(customers)


def _likely_duplicates(customers: Iterable[tuple[int, str]]) -> list[Likely]:
    parts = [(cid, name_parts(name)) for cid, name in customers]
    found: dict[tuple[int, int], str] = {}

    def add(ids: Sequence[int], why: str) -> None:
        for x, y in combinations(sorted(set(ids)), 2):
            found.setdefault((x, y), why)

    by_whole: dict[str, list[int]] = defaultdict(list)
    for cid, p in parts:
        if p.own:
            by_whole[p.whole].append(cid)
    for ids in by_whole.values():
        if len(ids) > 1:
            add(ids, N_("same name but the legal form"))
    # A name missing its place or trade may match any name of its own name; two names with both
    # only in one place, one trade the start of the other (so sharing its first two letters).
    partial = [(x, p) for x, p in parts if p.own and not (p.place and p.trade)]
    wanted = {p.own for _, p in partial}
    by_own: dict[str, list[tuple[int, NameParts]]] = defaultdict(list)
    by_trade: dict[tuple[str, str, str], list[tuple[int, NameParts]]] = defaultdict(list)
    for x, p in parts:
        if p.own in wanted:
            by_own[p.own].append((x, p))
        if p.own and p.place and p.trade:
            by_trade[(p.own, p.place, p.trade[:2])].append((x, p))
    candidates = [(a, b) for a in partial for b in by_own[a[1].own]]
    candidates += [pair for same in by_trade.values() for pair in combinations(same, 2)]
    for (x, px), (y, py) in candidates:
        if x == y or px.whole == py.whole:
            continue
        if _same_or_missing(px.place, py.place) and _same_or_missing(px.trade, py.trade):
            add((x, y), N_("same company name"))
    _typos([(cid, p.own, p.whole) for cid, p in parts if p.latin and len(p.whole) >= 8], add)
    return [Likely(x, y, why) for (x, y), why in sorted(found.items())]


def _alike(similarity: float) -> str:
    from salestui.kernel.format import rounded

    return _("names {n} % alike").format(n=f"{rounded(similarity, times=100):.0f}")


def _typos(latin: list[tuple[int, str, str]], add) -> None:
    """Letter-by-letter comparison, only where it can reach ``ALIKE``: names whose own names
    share their first or their last four letters (a typo elsewhere; not the trade word's, which
    thousands share), of lengths in the same or the next band — a similarity s needs the
    shorter name at least s / (2 − s) of the longer."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    s = ALIKE / 100
    band = math.log((2 - s) / s)
    blocks: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for cid, own, whole in latin:
        b = int(math.log(len(whole)) / band)
        blocks["^" + own[:4]][b].append((cid, whole))
        blocks["$" + own[-4:]][b].append((cid, whole))
    for bands in blocks.values():
        for b, here in bands.items():
            there = here + bands.get(b + 1, [])
            if len(there) < 2:
                continue
            scores = cdist(
                [w for _, w in here],
                [w for _, w in there],
                scorer=Indel.normalized_similarity,
                score_cutoff=s,
                dtype=np.float32,
                workers=-1,
            )
            for i, j in zip(*scores.nonzero(), strict=True):
                (x, wx), (y, wy) = here[i], there[j]
                if x != y and wx != wy:
                    add((x, y), _alike(Indel.normalized_similarity(wx, wy)))
