"""How an account's profile is laid out: the page's groups and the form's tabs of fields."""

from __future__ import annotations

# The profile's groups (vocabulary group_<name>) and fields (vocabulary field_<name>).
PROFILE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("basic", ("address", "phone", "email", "website", "bank")),
    ("business", ("industry", "business_plans", "fiscal_year_start")),
    ("personal", ("birthday", "interests", "dislikes")),
    ("logistics", ("delivery_preferences",)),
    ("record", ("business_record",)),
    (
        "market",
        (
            "market_data",
            "order_to_delivery_days",
            "technical_needs",
            "design_cycle",
            "supplier_reduction",
            "special_requirements",
            "credit",
            "critical_operations",
            "rules_of_engagement",
            "total_market",
            "channels_not_in",
        ),
    ),
    ("plan", ("plan_expected", "plan_actual", "plan_text")),
)

# The profile tabs: seed 002's five groups, then seed 001's market fields and the plan.
# Each field is (column, label, kind); kind picks the control and its placeholder.
PROFILE_TABS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Basic",
        (
            ("address", "Address", "line"),
            ("phone", "Phone", "phone"),
            ("email", "Email", "email"),
            ("website", "Website", "website"),
            ("bank", "Bank", "text"),
        ),
    ),
    (
        "Business",
        (
            ("industry", "Industry", "line"),
            ("business_plans", "Business plans", "text"),
            ("fiscal_year_start", "Fiscal year starts", "mmdd"),
        ),
    ),
    (
        "Personal",
        (
            ("birthday", "Birthday", "date"),
            ("interests", "Interests", "text"),
            ("dislikes", "Dislikes", "text"),
        ),
    ),
    ("Logistics", (("delivery_preferences", "Delivery preferences", "text"),)),
    ("Record", (("business_record", "Business record", "text"),)),
    (
        "Market",
        (
            ("market_data", "Market data", "text"),
            ("total_market", "Total market", "money"),
            ("channels_not_in", "Channels we are not in", "money"),
            ("order_to_delivery_days", "Order to delivery (days)", "count"),
            ("technical_needs", "Technical needs", "line"),
            ("design_cycle", "Design cycle", "line"),
            ("supplier_reduction", "Supplier reduction", "line"),
            ("special_requirements", "Special requirements", "line"),
            ("credit", "Credit", "line"),
            ("critical_operations", "Critical operations", "line"),
            ("rules_of_engagement", "Rules of engagement", "line"),
        ),
    ),
    (
        "Plan",
        (
            ("plan_expected", "Plan: expected", "money"),
            ("plan_actual", "Plan: actual", "money"),
            ("plan_text", "Action plan", "text"),
        ),
    ),
)
