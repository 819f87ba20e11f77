"""The fixed vocabularies of DOMAIN.md and the words other tools use for them.

A value is matched ignoring case, spaces and punctuation (``Closed Won``, ``closedwon`` and
``closed-won`` are one word). ``--value-map FIELD:SOURCE=VALUE`` adds to or overrides these.
"""

from __future__ import annotations

from salestui.kernel.domain import (
    ACTIVITY_KINDS,
    CHANNELS,
    CONTACT_ROLES,
    LEAD_SOURCES,
    LOST_REASONS,
    PERIOD_TYPES,
    ROLES,
    STAGES,
    TARGET_METRICS,
    TARGET_SCOPES,
)
from salestui.transfer.specs import norm

LEAD_STATUSES = ("new", "contacted", "qualified", "converted", "disqualified")
DEAL_STATUSES = ("open", "won", "lost")
GRADES = ("A", "B", "C")


def _words(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {norm(word): value for value, words in table.items() for word in (value, *words)}


_STAGE_WORDS = {
    "Prospect": (
        "prospecting", "lead", "lead in", "new", "identified", "appointment scheduled",
        "open", "initial contact", "潜在", "初步接洽",
    ),
    "Qualified": (
        "qualification", "qualify", "validated", "engaging", "engaged", "needs analysis",
        "contact made", "qualified to buy", "needs defined", "discovery", "需求确认",
    ),
    "Proposal": (
        "proposal made", "proposal/price quote", "value proposition", "quote", "quoted",
        "presentation scheduled", "demo scheduled", "id. decision makers",
        "perception analysis", "solution", "方案报价",
    ),
    "Negotiation": (
        "negotiation/review", "negotiations started", "negotiating", "contract sent",
        "decision maker bought-in", "commit", "closing", "谈判",
    ),
    "Won": ("closed won", "win", "closed/won", "赢单", "成交"),
    "Lost": ("closed lost", "dead", "closed/lost", "输单", "丢单"),
}  # fmt: skip

_LOST_WORDS = {
    "price": ("too expensive", "pricing", "expensive", "price too high", "价格"),
    "competitor": ("lost to competitor", "competition", "went with competitor", "竞争对手"),
    "no budget": ("budget", "budget cut", "lack of budget", "no funds", "预算"),
    "no decision": (
        "no decision / non-responsive", "non-responsive", "unresponsive", "went dark",
        "no response", "no decision made",
    ),
    "timing": ("bad timing", "not now", "postponed", "时机"),
    "other": ("others", "其他"),
}  # fmt: skip

_SOURCE_WORDS = {
    "online": (
        "web", "website", "internet", "organic search", "paid search", "social", "social media",
        "paid social", "direct traffic", "email", "email marketing", "display", "seo", "sem",
        "ads", "advertisement", "inbound", "online store", "网络",
    ),
    "partner referral": (
        "referral", "referrals", "partner", "partners", "partner referral", "employee referral",
        "external referral", "word of mouth", "转介绍",
    ),
    "trade show": ("tradeshow", "event", "events", "exhibition", "expo", "conference",
                   "seminar", "展会"),
    "purchased list": ("list", "purchased", "purchased list", "bought list", "data vendor",
                       "cold list"),
}  # fmt: skip

_CHANNEL_WORDS = {
    "direct": ("direct sales", "field", "field sales", "f2f", "face to face", "telesales",
               "inside sales", "直销"),
    "distributor": ("distribution", "partner", "partners", "reseller", "channel", "indirect",
                    "dealer", "wholesale", "经销", "经销商", "分销", "代理", "代理商", "渠道商"),
    "e-commerce": ("ecommerce", "online", "website", "web", "online store", "shop", "电商", "线上"),
}  # fmt: skip

_KIND_WORDS = {
    "visit": ("site visit", "field visit", "in person", "拜访"),
    "call": ("phone", "phone call", "log a call", "calls", "电话"),
    "email": ("e-mail", "mail", "emails", "邮件"),
    "meeting": ("meetings", "lunch", "event", "会议"),
    "demo": ("demonstration", "presentation", "演示"),
    "note": ("notes", "memo", "备注", "记录"),
}

_ROLE_WORDS = {
    "rep": ("sales rep", "sales representative", "account executive", "ae", "sdr", "bdr",
            "salesperson", "sales agent", "agent", "user", "standard user", "销售"),
    "manager": ("sales manager", "supervisor", "director", "head", "team lead", "经理"),
    "admin": ("administrator", "system administrator", "管理员"),
}  # fmt: skip

_LEAD_STATUS_WORDS = {
    "new": ("open", "open - not contacted", "not contacted", "unassigned"),
    "contacted": ("working", "working - contacted", "attempted to contact", "in progress",
                  "connected", "open deal"),
    "qualified": ("sales qualified lead", "sql", "marketing qualified lead", "mql"),
    "converted": ("closed - converted", "customer", "won", "closed won", "opportunity"),
    "disqualified": ("unqualified", "closed - not converted", "junk", "lost", "bad fit",
                     "closed lost"),
}  # fmt: skip

_DEAL_STATUS_WORDS = {"open": ("active",), "won": ("closed won",), "lost": ("closed lost",)}

_PERIOD_WORDS = {
    "month": ("monthly", "m"),
    "quarter": ("quarterly", "q"),
    "year": ("annual", "yearly", "y"),
}
_METRIC_WORDS = {
    "revenue": ("sales", "amount", "quota"),
    "new_customers": ("new customers", "customers", "new accounts"),
    "visits": ("visit",),
}
_CONTACT_ROLE_WORDS = {
    "decision maker": ("decider", "economic buyer", "signer", "决策者", "决策人"),
    "influencer": ("champion", "evaluator", "影响者", "影响人"),
    "user": ("end user", "使用者", "用户"),
    "gatekeeper": ("gate keeper", "把关者", "守门人"),
}  # fmt: skip
_SCOPE_WORDS = {"person": ("rep", "user"), "team": ("subtree",), "region": (), "company": ("all",)}


def _table(values: tuple[str, ...], words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {norm(v): v for v in values}
    table.update(_words(words))
    return table


# field name → (the values it may take, the default words for them); per kind where they differ
CHOICES: dict[tuple[str, str], tuple[tuple[str, ...], dict[str, str]]] = {
    ("opportunities", "stage"): (STAGES, _table(STAGES, _STAGE_WORDS)),
    ("opportunities", "lost_reason"): (LOST_REASONS, _table(LOST_REASONS, _LOST_WORDS)),
    ("opportunities", "status"): (DEAL_STATUSES, _table(DEAL_STATUSES, _DEAL_STATUS_WORDS)),
    ("leads", "source"): (LEAD_SOURCES, _table(LEAD_SOURCES, _SOURCE_WORDS)),
    ("leads", "status"): (LEAD_STATUSES, _table(LEAD_STATUSES, _LEAD_STATUS_WORDS)),
    ("leads", "grade"): (GRADES, _table(GRADES, {"A": ("hot",), "B": ("warm",), "C": ("cold",)})),
    ("customers", "channel"): (CHANNELS, _table(CHANNELS, _CHANNEL_WORDS)),
    ("activities", "kind"): (ACTIVITY_KINDS, _table(ACTIVITY_KINDS, _KIND_WORDS)),
    ("contacts", "role"): (CONTACT_ROLES, _table(CONTACT_ROLES, _CONTACT_ROLE_WORDS)),
    ("people", "role"): ((*ROLES, "admin"), _table((*ROLES, "admin"), _ROLE_WORDS)),
    ("targets", "scope_type"): (TARGET_SCOPES, _table(TARGET_SCOPES, _SCOPE_WORDS)),
    ("targets", "period_type"): (PERIOD_TYPES, _table(PERIOD_TYPES, _PERIOD_WORDS)),
    ("targets", "metric"): (TARGET_METRICS, _table(TARGET_METRICS, _METRIC_WORDS)),
}


def choose(kind: str, field_name: str, text: str) -> str | None:
    """The value ``text`` names for ``field_name`` of ``kind`` — its own word or one of the
    words an import reads for it ("经销商" → distributor) — or None."""
    return CHOICES[(kind, field_name)][1].get(norm(text))
