"""What each KIND of import reads: its fields, their types, and the headers they answer to.

The field names are the column names ``salestui export`` writes, so export → import round-trips.
Aliases are other tools' plain headers (matched ignoring case, spaces and punctuation); the
vendor-specific names live in ``presets``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from salestui.kernel.i18n import _

TEXT, MONEY, PERCENT, INT, DATE, DATETIME, BOOL, CHOICE, REF = (
    "text",
    "money",
    "percent",
    "int",
    "date",
    "datetime",
    "bool",
    "choice",
    "ref",
)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str = TEXT
    aliases: tuple[str, ...] = ()
    ref: str | None = None  # the kind a reference names: person, customer, product, ...
    exported: bool = True  # False for helper fields that only feed other fields


@dataclass(frozen=True)
class KindSpec:
    name: str
    table: str
    fields: tuple[FieldSpec, ...]
    what: str  # one row is ...
    fields_by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields_by_name", {f.name: f for f in self.fields})

    @property
    def exported(self) -> list[str]:
        return [f.name for f in self.fields if f.exported]


def norm(header: str) -> str:
    """A header as matched: lower case, letters and digits only (``Customer Name`` → customername)."""
    return re.sub(r"[\W_]+", "", header.strip().lower())


def F(name: str, type: str = TEXT, *aliases: str, ref: str | None = None, exported: bool = True):
    return FieldSpec(name, type, tuple(norm(a) for a in (name, *aliases)), ref, exported)


_EXTERNAL = ("external id", "id", "record id", "ext id")
_CREATED = ("created", "created at", "create date", "created date", "date created", "创建时间")

PEOPLE = KindSpec(
    "people",
    "person",
    (
        F("external_id", TEXT, *_EXTERNAL, "user id", "employee id"),
        F("login", TEXT, "username", "user name", "user", "sales agent", "agent", "账号"),
        F("display_name", TEXT, "name", "full name", "display name", "姓名"),
        F("first_name", TEXT, "first name", "given name", exported=False),
        F("last_name", TEXT, "last name", "surname", "family name", exported=False),
        F("email", TEXT, "email address", "e-mail", exported=False),
        F("role", CHOICE, "user role", "profile"),
        F("title", TEXT, "job title", "position", "职位"),
        F("manager", REF, "manager", "reports to", "supervisor", "上级", ref="person"),
        F("region", REF, "regional office", "office", "territory", "区域", ref="region"),
        F("hire_date", DATE, "hired", "start date", "hire date", "入职日期"),
        F("active", BOOL, "is active", "enabled", "status"),
        F("admin", BOOL, "administrator", "is admin", "is administrator", "管理员"),
        F("os_user", TEXT, "os account", "os login", "unix user", "ssh user", "系统账号"),
    ),
    "a person (rep or manager)",
)

CUSTOMERS = KindSpec(
    "customers",
    "customer",
    (
        F("external_id", TEXT, *_EXTERNAL, "account id", "customer id", "company id"),
        F("name", TEXT, "account name", "customer name", "company", "company name",
          "customer", "account", "organization", "organisation", "客户", "客户名称"),
        F("industry", TEXT, "sector", "segment", "business segment", "行业"),
        F("region", REF, "office location", "territory", "state", "区域", ref="region"),
        F("channel", CHOICE, "sales channel", "渠道"),
        F("size", TEXT, "company size", "employees", "规模"),
        F("owner", REF, "account owner", "company owner", "sales agent", "负责人", ref="person"),
        F("created_at", DATETIME, *_CREATED),
    ),
    "a customer",
)  # fmt: skip

PRODUCTS = KindSpec(
    "products",
    "product",
    (
        F("sku", TEXT, "product id", "product code", "stock code", "code", "item", "sku"),
        F("name", TEXT, "product name", "product", "description", "产品", "产品名称"),
        F("product_line", TEXT, "product line", "category", "family", "product family", "series"),
        F("list_price", MONEY, "price", "list price", "sales price", "unit price", "单价"),
        F("unit_cost", MONEY, "cost", "unit cost", "成本"),
    ),
    "a product",
)

OPPORTUNITIES = KindSpec(
    "opportunities",
    "opportunity",
    (
        F("external_id", TEXT, *_EXTERNAL, "opportunity id", "deal id"),
        F("title", TEXT, "name", "deal", "deal name", "opportunity", "opportunity name", "商机"),
        F("customer", REF, "account", "account name", "customer name", "company",
          "organization", "客户", ref="customer"),
        F("customer_external_id", TEXT, "account id", "customer id", "company id"),
        F("owner", REF, "deal owner", "opportunity owner", "sales agent", "rep", "salesperson",
          "sales rep", "负责人", ref="person"),
        F("amount", MONEY, "value", "deal value", "deal size", "deal amount", "金额"),
        F("expected_close", DATE, "close date", "expected close date", "expected close",
          "close date expected close date", "预计成交日期"),
        F("stage", CHOICE, "deal stage", "sales stage", "stage name", "pipeline stage", "阶段"),
        F("probability", PERCENT, "probability", "win probability", "deal probability"),
        F("lost_reason", CHOICE, "loss reason", "lost reason", "reason lost", "closed lost reason"),
        F("lost_note", TEXT, "lost note", "loss note", "lost reason note", "loss details",
          "lost details", "输单说明"),
        F("competitor", TEXT, "competitor", "competition", "main competitor", "竞争对手"),
        F("next_step", TEXT, "next step", "nextstep", "下一步"),
        F("next_step_date", DATE, "next step date", "next step due", "下一步日期"),
        F("created_at", DATETIME, *_CREATED, "engage date", "engaged"),
        F("stage_entered_at", DATETIME, "stage entered", "stage date", "last stage change"),
        F("closed_at", DATETIME, "closed", "closed date", "won date", "won time", "lost time"),
        F("forecast_category", TEXT, "forecast category", "forecast", "预测类别"),
        F("status", CHOICE, "deal status", exported=False),
        F("product", REF, "product name", "product id", "product sku", "sku", "product code",
          "item", "产品", "产品名称", ref="product"),
        F("quantity", INT, "qty", "units", "数量", exported=False),
    ),
    "a deal (opportunity)",
)  # fmt: skip

ORDERS = KindSpec(
    "orders",
    "sales_order",
    (
        F("order_id", TEXT, "order id", "order", "invoice", "invoice no", "invoice id",
          "order number", "订单号"),
        F("customer", REF, "customer name", "account", "account name", "company", "客户",
          ref="customer"),
        F("customer_external_id", TEXT, "customer id", "account id"),
        F("opportunity", REF, "deal", "opportunity id", "deal id", ref="opportunity"),
        F("order_date", DATE, "order date", "invoice date", "date", "订单日期"),
        F("due_date", DATE, "due date", "payment due"),
        F("product", REF, "product name", "description", "item name", "产品", ref="product"),
        F("product_sku", TEXT, "product id", "sku", "stock code", "product code"),
        F("product_line", TEXT, "category", "product category", "family", exported=False),
        F("quantity", INT, "qty", "quantity", "units", "数量"),
        F("unit_price", MONEY, "price", "unit price", "单价"),
        F("unit_cost", MONEY, "cost", "unit cost"),
        F("line_amount", MONEY, "sales", "line total", "amount", "total", "revenue",
          exported=False),
        F("line_profit", MONEY, "profit", "margin", exported=False),
        F("paid", MONEY, "amount paid", "paid amount"),
        F("paid_date", DATE, "paid date", "payment date", "paid on"),
        F("customer_region", REF, "region", "country", ref="region", exported=False),
        F("customer_industry", TEXT, "industry", "sector", exported=False),
    ),
    "an order line (orders with the same order_id are one invoice)",
)  # fmt: skip

ACTIVITIES = KindSpec(
    "activities",
    "activity",
    (
        F("kind", CHOICE, "type", "activity type", "task subtype", "channel", "类型"),
        F("person", REF, "owner", "assigned to", "assigned", "user", "rep", "sales agent",
          ref="person"),
        F("customer", REF, "account", "account name", "company", "organization", "客户",
          ref="customer"),
        F("customer_external_id", TEXT, "account id", "customer id"),
        F("opportunity", REF, "deal", "opportunity name", "deal id", ref="opportunity"),
        F("occurred_at", DATETIME, "date", "when", "activity date", "due date", "time", "时间"),
        F("note", TEXT, "subject", "notes", "comments", "description", "备注"),
    ),
    "a visit, call, email, meeting or demo",
)  # fmt: skip

LEADS = KindSpec(
    "leads",
    "lead",
    (
        F("external_id", TEXT, *_EXTERNAL, "lead id", "mql id"),
        F("name", TEXT, "lead name", "full name", "contact", "contact name", "线索"),
        F("first_name", TEXT, "first name", exported=False),
        F("last_name", TEXT, "last name", exported=False),
        F("company", TEXT, "company name", "account", "organization", "company account"),
        F("email", TEXT, "email address", "e-mail", "邮箱"),
        F("phone", TEXT, "phone number", "mobile", "telephone", "电话", "手机"),
        F("source", CHOICE, "lead source", "origin", "original source", "source", "来源"),
        F("industry", TEXT, "business segment", "segment", "sector"),
        F("region", REF, "territory", "state", ref="region"),
        F("need_fit", INT),
        F("decision_authority", INT),
        F("budget_timeline", INT),
        F("engagement_history", INT),
        F("grade", CHOICE, "rating", "lead grade"),
        F("created_at", DATETIME, *_CREATED),
        F("first_contact_at", DATETIME, "first contact", "first contact date", "first contacted"),
        F("owner", REF, "lead owner", "contact owner", "sales rep", "sr id", ref="person"),
        F("status", CHOICE, "lead status", "stage"),
        F("opportunity", REF, "converted opportunity", "opportunity id", ref="opportunity"),
    ),
    "a lead",
)  # fmt: skip

CONTACTS = KindSpec(
    "contacts",
    "contact",
    (
        F("external_id", TEXT, *_EXTERNAL, "contact id"),
        F("customer", REF, "account", "account name", "customer name", "company", "company name",
          "organization", "客户", "客户名称", "公司", ref="customer"),
        F("customer_external_id", TEXT, "account id", "customer id", "company id"),
        F("name", TEXT, "contact", "contact name", "full name", "姓名", "联系人"),
        F("title", TEXT, "job title", "position", "职位", "职务"),
        F("phone", TEXT, "phone number", "mobile", "mobile phone", "telephone", "tel", "电话",
          "手机"),
        F("email", TEXT, "email address", "e-mail", "mail", "邮箱", "电子邮件"),
        F("role", CHOICE, "contact role", "buying role", "role in decision", "角色"),
    ),
    "a contact (a person at a customer)",
)  # fmt: skip

TARGETS = KindSpec(
    "targets",
    "target",
    (
        F("scope_type", CHOICE, "scope type", "level"),
        F("scope", TEXT, "who", "person", "region", "team"),
        F("period_type", CHOICE, "period type", "period"),
        F("period_start", DATE, "period start", "start", "month", "from"),
        F("metric", CHOICE, "measure", "kpi"),
        F("value", TEXT, "target", "goal", "quota", "amount"),
    ),
    "a target (revenue in money, customers and visits as counts)",
)

DEAL_LINES = KindSpec(
    "deal-lines",
    "opportunity_line",
    (
        F("deal", TEXT, "deal id", "deal external id", "opportunity", "opportunity id",
          "external id", "商机", "商机编号"),
        F("product", TEXT, "sku", "product sku", "product name", "product code", "item", "产品",
          "产品名称"),
        F("quantity", TEXT, "qty", "units", "数量"),
        F("unit_price", MONEY, "price", "unit price", "单价"),
        F("discount", TEXT, "discount %", "discount percent", "折扣"),
    ),
    "a product line on an existing deal (a deal's lines are as the file lists them)",
)  # fmt: skip

KINDS: dict[str, KindSpec] = {
    k.name: k
    for k in (
        PEOPLE,
        CUSTOMERS,
        PRODUCTS,
        OPPORTUNITIES,
        ORDERS,
        ACTIVITIES,
        LEADS,
        CONTACTS,
        TARGETS,
        DEAL_LINES,
    )
}
_KIND_WORDS = {
    "person": "people",
    "users": "people",
    "customer": "customers",
    "accounts": "customers",
    "companies": "customers",
    "product": "products",
    "opportunity": "opportunities",
    "deals": "opportunities",
    "order": "orders",
    "activity": "activities",
    "lead": "leads",
    "contact": "contacts",
    "target": "targets",
    "deal_lines": "deal-lines",
    "dealline": "deal-lines",
    "deal-line": "deal-lines",
    "lines": "deal-lines",
    "line-items": "deal-lines",
}


def kind_spec(kind: str) -> KindSpec:
    from salestui.kernel.errors import DomainError

    key = kind.strip().lower()
    key = _KIND_WORDS.get(key, key)
    if key not in KINDS:
        raise DomainError(
            _("unknown kind {kind}; kinds are {value}").format(
                kind=repr(kind), value=", ".join(KINDS)
            )
        )
    return KINDS[key]
