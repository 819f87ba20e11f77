"""Shared pieces of the demo generator: the clock, the seasonal calendar, names and word lists.

Times are int64 seconds since the Unix epoch (UTC), calendar days are int days since the epoch;
``-1`` means NULL in both. Everything random comes from one seeded ``numpy`` Generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

DAY = 86_400
HISTORY_DAYS = 3 * 365 + 1
EPOCH = date(1970, 1, 1)


@dataclass
class Ctx:
    """The clock and the random source every generator step shares."""

    rng: np.random.Generator
    today: date
    seed: int
    today_day: int = 0  # days since epoch of `today`
    start_day: int = 0  # first day of the history window
    now_s: int = 0  # today 00:00 UTC: every generated timestamp is before it
    cdf: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        self.today_day = (self.today - EPOCH).days
        self.start_day = self.today_day - HISTORY_DAYS
        self.now_s = self.today_day * DAY
        self.cdf = _season_cdf(self.start_day, HISTORY_DAYS)

    @property
    def n_days(self) -> int:
        return HISTORY_DAYS

    def seasonal_days(self, lo, hi, n: int | None = None) -> np.ndarray:
        """Window-relative day indices in [lo, hi) drawn from the seasonal calendar."""
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, HISTORY_DAYS - 1)
        hi = np.clip(np.asarray(hi, dtype=np.int64), 1, HISTORY_DAYS)
        hi = np.maximum(hi, lo + 1)
        size = n if n is not None else np.broadcast(lo, hi).shape
        c0 = np.concatenate(([0.0], self.cdf))
        u = c0[lo] + self.rng.random(size) * (c0[hi] - c0[lo])
        k = np.searchsorted(self.cdf, u, side="right")
        return np.clip(k, lo, hi - 1)

    def work_seconds(self, n: int) -> np.ndarray:
        """Seconds into a UTC day that fall in office hours in China (09:00-18:30 UTC+8)."""
        return 3_600 + self.rng.integers(0, 34_200, n)

    def day_to_s(self, k) -> np.ndarray:
        """Window-relative day index -> epoch seconds at 00:00 UTC."""
        return (np.asarray(k, dtype=np.int64) + self.start_day) * DAY


def _season_cdf(start_day: int, n: int) -> np.ndarray:
    """Business volume by day: weekdays, quarter-end pushes, a Q4 peak, a slow Spring Festival."""
    days = np.arange(start_day, start_day + n).astype("datetime64[D]")
    months = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    next_month_start = (days.astype("datetime64[M]") + 1).astype("datetime64[D]")
    to_month_end = (next_month_start - days).astype(np.int64)
    weekday = (days.astype(np.int64) + 3) % 7  # Monday = 0
    w = np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.25, 0.1))
    quarter_end = months % 3 == 0
    w *= np.where(quarter_end, 1.35, 1.0)
    w *= np.where(quarter_end & (to_month_end <= 12), 1.8, 1.0)
    w *= np.where(months >= 10, 1.3, 1.0)
    w *= np.where(months == 2, 0.6, 1.0)
    w *= 1.0 + 0.18 * np.arange(n) / 365.0  # a growing business
    c = np.cumsum(w)
    return c / c[-1]


def pick(rng: np.random.Generator, weights, n: int) -> np.ndarray:
    """Indices drawn with the given (unnormalised) weights."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    c = np.cumsum(np.asarray(weights, dtype=np.float64))
    return np.searchsorted(c, rng.random(n) * c[-1], side="right").clip(0, len(c) - 1)


def group_starts(lengths: np.ndarray) -> np.ndarray:
    starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    return starts


def obj(values) -> np.ndarray:
    """An object array of Python strings (vectorised indexing and concatenation)."""
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


# ---- word lists ------------------------------------------------------------------------------
REGIONS = (  # name, class (DOMAIN.md, seed 003), share of the business, win-rate factor
    ("华东", "strategic", 0.26, 1.08),
    ("华南", "strategic", 0.20, 1.05),
    ("华北", "consolidate", 0.17, 1.00),
    ("西南", "potential", 0.11, 0.96),
    ("华中", "consolidate", 0.10, 1.02),
    ("西北", "potential", 0.07, 0.85),
    ("West Coast", "potential", 0.05, 0.92),
    ("Overseas", "potential", 0.04, 0.80),
)
INDUSTRIES = (
    "manufacturing",
    "retail",
    "healthcare",
    "logistics",
    "finance",
    "education",
    "energy",
    "IT services",
    "food & beverage",
    "construction",
)
CN_INDUSTRY_WORDS = (
    ("机械", "制造"), ("商贸", "零售"), ("医疗", "生物"), ("物流", "供应链"), ("金融", "投资"),
    ("教育", "文化"), ("能源", "电力"), ("科技", "信息"), ("食品", "饮料"), ("建设", "工程"),
)  # fmt: skip
EN_INDUSTRY_WORDS = (
    ("Machinery", "Industries"), ("Retail", "Trading"), ("Medical", "Health"),
    ("Logistics", "Freight"), ("Capital", "Finance"), ("Learning", "Education"),
    ("Energy", "Power"), ("Systems", "Technologies"), ("Foods", "Beverages"),
    ("Construction", "Engineering"),
)  # fmt: skip
CN_CITIES = tuple("上海 北京 深圳 广州 杭州 成都 武汉 南京 苏州 天津 重庆 西安 沈阳 长沙 青岛 厦门 "
                  "宁波 无锡 合肥 郑州 昆明 大连 东莞 佛山 福州 济南 南昌 贵阳 南宁 长春 温州 常州".split())  # fmt: skip
CN_CORE_1 = tuple(
    "华 恒 瑞 金 博 东 中 新 永 天 宏 鼎 盛 嘉 信 隆 泰 安 君 海 康 润 联 正 兴 远 达 汇 明 凯".split()
)
CN_CORE_2 = tuple(
    "信 通 丰 桥 远 方 科 达 成 源 辉 宇 诚 和 盛 创 泽 晟 腾 越 锐 华 峰 邦 祥 德 鑫 恒 宁 利".split()
)
CN_SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "实业有限公司", "控股有限公司")
EN_SUFFIXES = ("Ltd", "Inc.", "GmbH", "Co.", "Group")
# Chinese names with their pinyin, so that a login reads like its person.
CN_SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"),
    ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("萧", "xiao"),
)  # fmt: skip
CN_GIVEN = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("霞", "xia"), ("平", "ping"),
    ("刚", "gang"), ("华", "hua"), ("玉", "yu"), ("兰", "lan"), ("文", "wen"), ("辉", "hui"),
    ("建", "jian"), ("国", "guo"), ("志", "zhi"), ("红", "hong"), ("海", "hai"), ("晓", "xiao"),
    ("鹏", "peng"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"), ("浩", "hao"), ("鑫", "xin"),
    ("凯", "kai"), ("倩", "qian"), ("颖", "ying"), ("佳", "jia"), ("俊", "jun"), ("峰", "feng"),
)  # fmt: skip
