"""The demo database: about 30 accounts with contacts, weeks of history, deals and blue sheets.

`build_demo` returns a plain export document (see docs/export-format.md) whose
dates all lead up to a given day; `write_demo` loads it through the data layer's
importer. Nothing here touches Peewee: the importer validates and writes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import EXPORT_TABLES

Row = dict[str, Any]

TABLES = EXPORT_TABLES

SIGNAL_IDS = (
    "many_questions",
    "spends_time",
    "senior_access",
    "wide_scope",
    "we_sell_ideas",
    "next_steps_together",
    "deep_discussion",
    "studies_demo",
    "no_sudden_objection",
    "price_negotiated",
    "extra_commitments",
    "top_boss_appears",
    "earlier_stage",
    "roles_differ",
)  # twelve signals, then the two traps

# Heat as the shipped settings.yaml computes it, so the cached values match the history.
HEAT_START = 30.0
HEAT_GAIN = {
    "reached": 12,
    "no_answer": 2,
    "voicemail": 3,
    "rejected": -15,
    "meeting_booked": 25,
    "won": 30,
    "lost": -30,
}
HEAT_DECAY = {"A": 3.0, "B": 2.0, "C": 1.5, "D": 0.75, None: 1.5}

_CLASS = {
    "A": ("high", "strong"),
    "B": ("low", "strong"),
    "C": ("high", "weak"),
    "D": ("low", "weak"),
    "-": (None, None),
}
_TIER = {"big": "big_below_potential", "some": "some_business", "none": "no_business", "": None}
_UTC_FALLBACK = {"Asia/Shanghai": 8, "Europe/London": 0, "America/New_York": -5}


class _Acct(NamedTuple):
    """One demo account: who it is, its state, and the shape of its history."""

    key: str
    name: str
    lang: str  # the language of its notes: en / zh
    industry: str
    tz: str
    domain: str
    klass: str  # A/B/C/D, or "-" when not judged yet
    rel: str
    tier: str
    pattern: str  # a key of PATTERNS
    people: str  # POSITIONS indexes of its contacts, in order
    coach: int  # index into people of the coach, -1 for none


ACCOUNTS: tuple[_Acct, ...] = (
    _Acct(
        "northwind",
        "Northwind Logistics",
        "en",
        "Logistics",
        "Europe/London",
        "northwind-logistics.example",
        "A",
        "existing",
        "big",
        "hot",
        "0124",
        3,
    ),
    _Acct(
        "huawei",
        "华为技术",
        "zh",
        "通信设备",
        "Asia/Shanghai",
        "hw-tech.example.cn",
        "A",
        "existing",
        "big",
        "steady",
        "5126",
        -1,
    ),
    _Acct(
        "mingyuan",
        "上海明远机电有限公司",
        "zh",
        "机电设备",
        "Asia/Shanghai",
        "mingyuan-me.example.cn",
        "B",
        "existing",
        "big",
        "warm",
        "0143",
        2,
    ),
    _Acct(
        "contoso",
        "Contoso Retail",
        "en",
        "Retail",
        "America/New_York",
        "contoso-retail.example",
        "C",
        "existing",
        "big",
        "light",
        "536",
        2,
    ),
    _Acct(
        "lanhai",
        "深圳蓝海电子",
        "zh",
        "电子制造",
        "Asia/Shanghai",
        "lanhai-ems.example.cn",
        "A",
        "existing",
        "big",
        "hot",
        "0127",
        3,
    ),
    _Acct(
        "fabrikam",
        "Fabrikam Foods",
        "en",
        "Food processing",
        "Asia/Shanghai",
        "fabrikam-foods.example",
        "B",
        "existing",
        "some",
        "warm",
        "0273",
        2,
    ),
    _Acct(
        "hengtong",
        "苏州恒通精密",
        "zh",
        "精密零部件",
        "Asia/Shanghai",
        "hengtong-precision.example.cn",
        "C",
        "existing",
        "some",
        "cooling",
        "147",
        -1,
    ),
    _Acct(
        "yunfan",
        "杭州云帆科技",
        "zh",
        "工业软件",
        "Asia/Shanghai",
        "yunfan-tech.example.cn",
        "A",
        "existing",
        "some",
        "hot_won",
        "064",
        -1,
    ),
    _Acct(
        "adventure",
        "Adventure Works Cycles",
        "en",
        "Bicycle manufacturing",
        "Europe/London",
        "adventure-works.example",
        "D",
        "existing",
        "some",
        "cold",
        "03",
        -1,
    ),
    _Acct(
        "ganglian",
        "宁波港联物流",
        "zh",
        "港口物流",
        "Asia/Shanghai",
        "ganglian.example.cn",
        "B",
        "existing",
        "some",
        "cooling",
        "127",
        -1,
    ),
    _Acct(
        "tailspin",
        "Tailspin Toys",
        "en",
        "Toy manufacturing",
        "America/New_York",
        "tailspin-toys.example",
        "A",
        "target",
        "none",
        "hot",
        "0125",
        -1,
    ),
    _Acct(
        "tianfu",
        "成都天府医疗器械",
        "zh",
        "医疗器械",
        "Asia/Shanghai",
        "tianfu-med.example.cn",
        "B",
        "target",
        "none",
        "warm",
        "013",
        -1,
    ),
    _Acct(
        "litware",
        "Litware Energy",
        "en",
        "Energy",
        "Europe/London",
        "litware-energy.example",
        "C",
        "target",
        "none",
        "cooling",
        "016",
        -1,
    ),
    _Acct(
        "jinghua",
        "北京京华制药",
        "zh",
        "制药",
        "Asia/Shanghai",
        "jinghua-pharma.example.cn",
        "A",
        "target",
        "none",
        "hot",
        "5164",
        2,
    ),
    _Acct(
        "wideworld",
        "Wide World Importers",
        "en",
        "Import and export",
        "America/New_York",
        "wideworld-importers.example",
        "B",
        "target",
        "none",
        "warm",
        "03",
        -1,
    ),
    _Acct(
        "zhujiang",
        "广州珠江食品",
        "zh",
        "食品加工",
        "Asia/Shanghai",
        "zhujiang-food.example.cn",
        "D",
        "existing",
        "",
        "cold",
        "27",
        -1,
    ),
    _Acct(
        "alpine",
        "Alpine Ski House",
        "en",
        "Hospitality",
        "Europe/London",
        "alpine-ski-house.example",
        "C",
        "existing",
        "",
        "light",
        "02",
        -1,
    ),
    _Acct(
        "haichen",
        "青岛海辰化工",
        "zh",
        "化工",
        "Asia/Shanghai",
        "haichen-chem.example.cn",
        "D",
        "dormant",
        "",
        "dormant",
        "137",
        -1,
    ),
    _Acct(
        "woodgrove",
        "Woodgrove Bank",
        "en",
        "Banking (facilities)",
        "Europe/London",
        "woodgrove-bank.example",
        "B",
        "dormant",
        "",
        "dormant",
        "36",
        -1,
    ),
    _Acct(
        "changjiang",
        "武汉长江钢构",
        "zh",
        "钢结构",
        "Asia/Shanghai",
        "changjiang-steel.example.cn",
        "D",
        "dormant",
        "",
        "silent",
        "03",
        -1,
    ),
    _Acct(
        "margie",
        "Margie's Travel",
        "en",
        "Travel",
        "America/New_York",
        "margies-travel.example",
        "C",
        "dormant",
        "",
        "cold",
        "02",
        -1,
    ),
    _Acct(
        "bohai",
        "天津渤海装备",
        "zh",
        "重型装备",
        "Asia/Shanghai",
        "bohai-equip.example.cn",
        "-",
        "target",
        "",
        "new",
        "14",
        -1,
    ),
    _Acct(
        "proseware",
        "Proseware Inc.",
        "en",
        "Software",
        "America/New_York",
        "proseware.example",
        "-",
        "target",
        "",
        "new",
        "06",
        -1,
    ),
    _Acct(
        "ludao",
        "厦门鹭岛包装",
        "zh",
        "包装印刷",
        "Asia/Shanghai",
        "ludao-pack.example.cn",
        "D",
        "target",
        "",
        "cold",
        "03",
        -1,
    ),
    _Acct(
        "lucerne",
        "Lucerne Publishing",
        "en",
        "Publishing",
        "Europe/London",
        "lucerne-publishing.example",
        "C",
        "target",
        "",
        "light",
        "26",
        -1,
    ),
    _Acct(
        "qinchuan",
        "西安秦川汽配",
        "zh",
        "汽车零部件",
        "Asia/Shanghai",
        "qinchuan-auto.example.cn",
        "B",
        "target",
        "",
        "warm",
        "013",
        -1,
    ),
    _Acct(
        "fourthcoffee",
        "Fourth Coffee",
        "en",
        "Coffee roasting",
        "Asia/Shanghai",
        "fourth-coffee.example",
        "D",
        "existing",
        "",
        "cold",
        "27",
        -1,
    ),
    _Acct(
        "zijin",
        "南京紫金电力设备",
        "zh",
        "电力设备",
        "Asia/Shanghai",
        "zijin-power.example.cn",
        "A",
        "existing",
        "",
        "hot",
        "015",
        -1,
    ),
    _Acct(
        "blueyonder",
        "Blue Yonder Airlines",
        "en",
        "Aviation maintenance",
        "America/New_York",
        "blueyonder-airlines.example",
        "C",
        "target",
        "",
        "archived_lost",
        "17",
        -1,
    ),
    _Acct(
        "shancheng",
        "重庆山城摩托",
        "zh",
        "摩托车制造",
        "Asia/Shanghai",
        "shancheng-moto.example.cn",
        "D",
        "dormant",
        "",
        "archived",
        "03",
        -1,
    ),
)

ADDRESSES = {
    "northwind": "Unit 4, Thames Gateway Park, London E16 2QU",
    "huawei": "广东省东莞市松山湖高新区工业南路 6 号",
    "mingyuan": "上海市闵行区莘庄工业区春东路 508 号",
    "contoso": "1200 Avenue of the Americas, New York, NY 10036",
    "lanhai": "深圳市宝安区福永街道凤凰工业园 3 栋",
    "fabrikam": "No. 88 Jinxiu Road, Pudong, Shanghai 201206",
    "hengtong": "江苏省苏州市工业园区星龙街 98 号",
    "yunfan": "浙江省杭州市滨江区网商路 599 号 12 楼",
    "adventure": "Riverside Works, Nottingham NG2 3AE",
    "ganglian": "浙江省宁波市北仑区港城大道 1 号",
    "tailspin": "45 Harbor Street, Providence, RI 02903",
    "tianfu": "四川省成都市高新区天府大道中段 1388 号",
    "litware": "Quayside House, Newcastle upon Tyne NE1 3DE",
    "jinghua": "北京市大兴区生物医药基地永旺路 27 号",
    "wideworld": "300 Port Avenue, Elizabeth, NJ 07206",
    "zhujiang": "广州市番禺区石碁镇金山大道 66 号",
    "alpine": "The Lodge, Aviemore PH22 1RH",
    "haichen": "山东省青岛市黄岛区化工园区淮河东路 12 号",
    "woodgrove": "10 Lothbury, London EC2R 7HH",
    "changjiang": "湖北省武汉市汉南区纱帽街 388 号",
    "margie": "77 Travel Plaza, Boston, MA 02110",
    "bohai": "天津市滨海新区临港经济区渤海十路 9 号",
    "proseware": "500 Tech Row, Austin, TX 78701",
    "ludao": "福建省厦门市集美区杏林湾路 188 号",
    "lucerne": "2 Printers Yard, Oxford OX1 2JD",
    "qinchuan": "陕西省西安市经开区泾渭工业园 8 号",
    "fourthcoffee": "Building 5, 1919 Zhongshan Road, Shanghai 200030",
    "zijin": "江苏省南京市江宁区将军大道 159 号",
    "blueyonder": "Hangar 7, JFK Airport, Jamaica, NY 11430",
    "shancheng": "重庆市九龙坡区西彭工业园 2 号",
}

# Dormant accounts: (times they turned us down since they stopped, why they stopped buying).
DORMANT = {
    "haichen": (4, "两年前一批网关延迟交付导致停线三天，此后转向竞争对手"),
    "woodgrove": (
        2,
        "Billing errors on the last service contract; procurement froze our vendor code",
    ),
    "changjiang": (6, "价格比本地供应商高 15%，老板认为没有必要换"),
    "margie": (1, "Their champion left; the new operations lead brought the previous supplier"),
    "shancheng": (5, "工厂搬迁后设备全部更新，不再需要外部监测服务"),
}
ARCHIVED = {"blueyonder": 35, "shancheng": 50}  # archived this many days ago

# The one open follow-up of each live account: (days from today, objective).
# None: deliberately no next step, so the screens have "no next step" to show.
NEXT_STEPS: dict[str, tuple[int, str] | None] = {
    "northwind": (0, "Agree the go-live date for DC 1 and get the PO number"),
    "huawei": (0, "约财务总监讲解投资回报测算，确认预算审批时间"),
    "mingyuan": (-3, "请项目工程师确认最终签字人和新的完成日期"),
    "contoso": (7, "Present the store-pilot energy savings to the CFO"),
    "lanhai": (-2, "确认电表夜班安装日期，拿到采购订单"),
    "fabrikam": (4, "Walk the QA team through the cold-chain alarm demo"),
    "hengtong": (0, "发送同行业工厂案例，约设备部经理一起看试点数据"),
    "yunfan": (2, "确认二期 API 集成的需求清单和报价"),
    "adventure": (14, "Offer the winter maintenance-window slot for the gateway upgrade"),
    "ganglian": (-6, "带上岸桥监测案例，约生产经理现场演示"),
    "tailspin": (0, "Confirm the pilot success criteria with the GM and engineering"),
    "tianfu": (5, "提交洁净车间监测方案初稿，听取设备部意见"),
    "litware": (-1, "Get the framework-agreement timeline from engineering"),
    "jinghua": (1, "与财务总监确认分期付款方案和预算年度"),
    "wideworld": (10, "Send the warehouse humidity case study and book a site visit"),
    "zhujiang": (21, "旺季前确认冷库传感器备件需求"),
    "alpine": (9, "Propose the off-season boiler monitoring bundle"),
    "haichen": (-8, "带上新的交付保障方案，约采购主管面谈"),
    "woodgrove": (0, "Show how our billing process changed and ask for a 20-minute review"),
    "changjiang": None,
    "margie": (30, "Introduce ourselves to the new operations lead with the booking-system case"),
    "bohai": (3, "首次拜访：了解重型装备车间的停机痛点"),
    "proseware": None,
    "ludao": (45, "介绍包装线视觉检测新品，确认明年技改计划"),
    "lucerne": (12, "Share print-hall humidity data from a similar publisher"),
    "qinchuan": (-10, "确认账期要求和试点范围，再决定是否投入"),
    "fourthcoffee": None,
    "zijin": (0, "确认变压器监测二期的交付计划"),
}
SNOOZED = {"haichen": 2, "qinchuan": 1}  # open follow-ups already pushed back this many times

# Market size and the 5+5+5 plan: (total market, channels we are not in, plan expected,
# plan actual so far, plan text).
MARKET: dict[str, tuple[int, int, int | None, int | None, str]] = {
    "northwind": (
        4_800_000,
        900_000,
        1_600_000,
        520_000,
        "Q1 DC1 rollout; Q2 DCs 2-3; Q4 service contract for all five DCs",
    ),
    "huawei": (
        12_000_000,
        4_000_000,
        3_000_000,
        760_000,
        "一季度松山湖平台立项；二季度上线；下半年推广到两个兄弟工厂",
    ),
    "mingyuan": (
        3_500_000,
        600_000,
        1_200_000,
        410_000,
        "二期 MES 扩容；年底续签维保；争取进入集团采购名录",
    ),
    "contoso": (
        2_400_000,
        1_100_000,
        600_000,
        180_000,
        "Store energy pilot in 5 stores, then the 40-store rollout",
    ),
    "lanhai": (1_800_000, 200_000, 700_000, 330_000, "SMT 能耗监测；下半年扩展到注塑车间"),
    "fabrikam": (
        1_500_000,
        300_000,
        650_000,
        140_000,
        "Cold-chain monitoring in Shanghai and Suzhou; then the Japan export line",
    ),
    "hengtong": (900_000, 150_000, 300_000, 70_000, "先做两条 CNC 线试点，再谈全厂"),
    "yunfan": (600_000, 0, 250_000, 225_000, "API 集成一期已签；二期看板开发"),
    "adventure": (
        700_000,
        250_000,
        150_000,
        40_000,
        "Gateway upgrade in the winter shutdown; spare-parts contract",
    ),
    "ganglian": (2_000_000, 800_000, 500_000, 90_000, "岸桥振动监测试点，明年推广到三个码头"),
    "tailspin": (
        1_200_000,
        200_000,
        350_000,
        0,
        "Pilot in the moulding hall; rollout after the toy fair",
    ),
    "tianfu": (1_600_000, 400_000, 400_000, 0, "洁净车间环境监测方案，先做一个车间"),
    "litware": (
        9_000_000,
        3_000_000,
        800_000,
        0,
        "Get onto the framework list; first substation in the spring",
    ),
    "jinghua": (3_000_000, 500_000, 1_500_000, 0, "新厂区 GMP 认证前完成环境监测系统"),
    "wideworld": (
        1_400_000,
        700_000,
        300_000,
        0,
        "Humidity monitoring in the NJ warehouse, then the West Coast one",
    ),
    "zijin": (2_600_000, 500_000, None, None, ""),
    "zhujiang": (800_000, 200_000, None, None, ""),
    "haichen": (2_200_000, 900_000, None, None, ""),
}

# Profile fields, in the account's language.
PROFILES: dict[str, Row] = {
    "northwind": {
        "business_plans": "Opening two more distribution centres in the Midlands next year",
        "interests": "The MD sails at Cowes every August",
        "fiscal_year_start": "04-01",
        "delivery_preferences": "Deliver to DC 1 goods-in, weekdays 07:00-11:00 only",
        "credit": "Pays in 30 days, never late",
        "order_to_delivery_days": 21,
        "technical_needs": "Battery sensors on dock doors; no new cabling in cold stores",
        "rules_of_engagement": "All quotes through procurement; site visits need 48 h notice",
        "bank": "Barclays, London Corporate",
        "birthday": 40,
    },
    "huawei": {
        "business_plans": "三年内所有工厂实现设备预测性维护",
        "fiscal_year_start": "01-01",
        "interests": "设备部经理喜欢跑马拉松",
        "dislikes": "不喜欢供应商绕过设备部找领导",
        "delivery_preferences": "送货到松山湖园区 3 号门，需提前一天预约",
        "credit": "月结 60 天，付款稳定",
        "supplier_reduction": "集团要求明年供应商数量减少 20%",
        "special_requirements": "数据不得出厂区；所有设备需通过集团安全测试",
        "order_to_delivery_days": 45,
    },
    "mingyuan": {
        "business_plans": "二期产线改造，明年六月投产",
        "fiscal_year_start": "01-01",
        "interests": "总经理喜欢喝普洱茶，收藏紫砂壶",
        "credit": "月结 45 天，偶尔延迟一周",
        "delivery_preferences": "工作日送货，周五下午不收货",
        "business_record": "合作四年，一期 MES 项目按期上线",
        "bank": "招商银行上海闵行支行",
        "design_cycle": "新产线设计周期约 6 个月",
    },
    "contoso": {
        "business_plans": "Cutting store energy use 15% within three years",
        "fiscal_year_start": "02-01",
        "credit": "Net 45; invoices must quote the PO line",
        "critical_operations": "Black Friday",
        "delivery_preferences": "Ship to the regional DC, never to stores directly",
        "market_data": "180 stores on the East Coast; 40 in scope for the first phase",
    },
    "lanhai": {
        "business_plans": "明年新增两条 SMT 线",
        "credit": "月结 30 天，三年无逾期",
        "interests": "总经理周末打羽毛球",
        "delivery_preferences": "夜班安装，不停产",
        "order_to_delivery_days": 14,
        "birthday": 12,
    },
    "fabrikam": {
        "business_plans": "Export line to Japan from next autumn",
        "delivery_preferences": "Suzhou plant: deliveries before 10:00",
        "credit": "Good; pays on 60 days",
        "special_requirements": "HACCP documentation for all devices",
        "supplier_reduction": "Rebids every contract yearly",
    },
    "hengtong": {
        "business_plans": "引进两条五轴 CNC 线",
        "credit": "月结 30 天",
        "technical_needs": "主轴振动与温度同时监测",
    },
    "yunfan": {
        "business_plans": "平台接入更多工业设备品牌",
        "credit": "预付 30%，验收后付清",
        "interests": "总经理是技术出身，喜欢聊架构",
    },
    "adventure": {
        "business_plans": "Moving frame welding in-house",
        "credit": "Net 30",
        "critical_operations": "Spring build for the new season, February to April",
    },
    "ganglian": {
        "business_plans": "自动化码头二期",
        "credit": "国企，付款流程长但可靠",
        "rules_of_engagement": "所有采购需走招标平台",
    },
    "tailspin": {
        "business_plans": "A second moulding hall before the spring toy fair",
        "interests": "GM restores vintage pinball machines",
        "credit": "Unknown; new account, asked for a credit check",
    },
    "tianfu": {"business_plans": "新厂房明年通过 ISO 13485 认证", "credit": "未知，新客户"},
    "litware": {
        "business_plans": "Digitising 60 substations over five years",
        "rules_of_engagement": "Framework agreements only; renewed every five years",
    },
    "jinghua": {
        "business_plans": "新厂区明年三月迎接 GMP 认证",
        "credit": "国企背景，信用良好",
        "special_requirements": "所有系统需提供完整验证文件 (IQ/OQ/PQ)",
    },
    "zhujiang": {"delivery_preferences": "冷库备件送到番禺仓", "credit": "月结 30 天"},
    "haichen": {"credit": "月结 90 天", "business_record": "多年采购网关与传感器，两年前停止"},
    "woodgrove": {"credit": "Excellent", "rules_of_engagement": "Vendor code must be reinstated"},
    "zijin": {
        "business_plans": "变压器在线监测覆盖全部新产品",
        "credit": "月结 30 天",
        "interests": "总经理喜欢下围棋",
    },
}

# What the conversations are about, in the account's language.
TOPICS = {
    "northwind": "dock-door monitoring",
    "huawei": "状态监测平台",
    "mingyuan": "MES 扩容",
    "contoso": "store energy monitoring",
    "lanhai": "能耗监测",
    "fabrikam": "cold-chain monitoring",
    "hengtong": "CNC 主轴监测",
    "yunfan": "API 集成",
    "adventure": "gateway upgrade",
    "ganglian": "岸桥振动监测",
    "tailspin": "maintenance pilot",
    "tianfu": "洁净车间监测",
    "litware": "substation monitoring",
    "jinghua": "洁净室环境监测",
    "wideworld": "warehouse humidity monitoring",
    "zhujiang": "冷库温度监测",
    "alpine": "boiler monitoring",
    "haichen": "反应釜监测",
    "woodgrove": "data-centre cooling",
    "changjiang": "焊接设备监测",
    "margie": "office energy monitoring",
    "bohai": "重型装备监测",
    "proseware": "device data integration",
    "ludao": "包装线视觉检测",
    "lucerne": "print-hall humidity monitoring",
    "qinchuan": "振动监测试点",
    "fourthcoffee": "roaster temperature monitoring",
    "zijin": "变压器在线监测",
    "blueyonder": "tool tracking",
    "shancheng": "涂装线监测",
}

# Contact positions: level, call window, then (title, department, interests, pains,
# what a good supplier is to them, their responsibility) in English and Chinese.
POSITIONS: tuple[tuple[int, tuple[str, str], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        5,
        ("09:30", "11:30"),
        (
            "General Manager",
            "Management",
            "Golf; follows football",
            "Margins squeezed by energy and labour costs",
            "Tells the truth about lead times and keeps promises",
            "Final say on investments",
        ),
        (
            "总经理",
            "总经办",
            "打高尔夫，喝普洱茶",
            "能源和人工成本上涨压缩利润",
            "说到做到，交期不打折扣",
            "投资项目最终拍板",
        ),
    ),
    (
        4,
        ("09:00", "17:30"),
        (
            "Engineering Manager",
            "Engineering",
            "Cycling; reads trade journals",
            "Unplanned downtime on ageing lines",
            "Engineers who answer the phone at 2 a.m.",
            "Technical evaluation and acceptance",
        ),
        (
            "设备部经理",
            "设备部",
            "骑行，关注行业期刊",
            "老旧产线非计划停机",
            "半夜出故障也能找到工程师",
            "技术评估与验收",
        ),
    ),
    (
        3,
        ("08:30", "11:30"),
        (
            "Operations Manager",
            "Operations",
            "Coaches a junior football team",
            "Overtime at peak season",
            "Simple tools the night shift can use",
            "Runs the lines day to day",
        ),
        (
            "生产经理",
            "生产部",
            "跑步，周末带孩子踢球",
            "旺季加班多，交付压力大",
            "操作简单，夜班工人也会用",
            "负责日常生产运行",
        ),
    ),
    (
        3,
        ("10:00", "16:00"),
        (
            "Procurement Lead",
            "Procurement",
            "Wine; weekend hiking",
            "Too many suppliers to manage",
            "Clear pricing, no surprises on the invoice",
            "Supplier selection and contract terms",
        ),
        (
            "采购主管",
            "采购部",
            "爬山，摄影",
            "供应商太多难管理",
            "价格透明，发票没有意外",
            "供应商选择与合同条款",
        ),
    ),
    (
        2,
        ("09:00", "17:30"),
        (
            "Project Engineer",
            "Engineering",
            "Builds drones; tinkers with Raspberry Pi",
            "Projects slipping because vendors are late",
            "Good documentation and quick answers",
            "Day-to-day project lead",
        ),
        (
            "项目工程师",
            "设备部",
            "玩无人机，喜欢折腾树莓派",
            "供应商拖延导致项目延期",
            "文档齐全，回复及时",
            "项目日常推进",
        ),
    ),
    (
        5,
        ("14:00", "17:30"),
        (
            "Finance Director",
            "Finance",
            "Marathon runner",
            "Capex approvals cut by head office",
            "Payback under two years, documented",
            "Approves budget and payment terms",
        ),
        (
            "财务总监",
            "财务部",
            "跑马拉松，读历史",
            "集团压缩资本开支",
            "投资回收期两年以内，有据可查",
            "审批预算与付款条件",
        ),
    ),
    (
        3,
        ("10:00", "17:00"),
        (
            "IT Manager",
            "IT",
            "Chess; home automation",
            "Unsupported devices on the network",
            "Security documentation up front",
            "Network, security and data sign-off",
        ),
        (
            "IT经理",
            "信息部",
            "下围棋，研究智能家居",
            "车间设备私接网络，安全隐患多",
            "先给安全文档再谈方案",
            "网络、安全与数据审批",
        ),
    ),
    (
        2,
        ("08:00", "16:30"),
        (
            "Maintenance Supervisor",
            "Maintenance",
            "Fishing",
            "Spare parts never in stock",
            "Spares delivered within 48 hours",
            "Maintenance planning and spares",
        ),
        ("维修主管", "维修部", "钓鱼", "备件经常缺货", "备件 48 小时到货", "维修计划与备件管理"),
    ),
)

ZH_NAMES = (
    ("王经理", "wang"),
    ("李娜", "li.na"),
    ("陈志强", "chen.zhiqiang"),
    ("张伟", "zhang.wei"),
    ("刘洋", "liu.yang"),
    ("赵敏", "zhao.min"),
    ("周杰", "zhou.jie"),
    ("吴芳", "wu.fang"),
    ("孙浩", "sun.hao"),
    ("徐静", "xu.jing"),
    ("马俊", "ma.jun"),
    ("胡婷", "hu.ting"),
    ("郭强", "guo.qiang"),
    ("何丽", "he.li"),
    ("林峰", "lin.feng"),
    ("高洁", "gao.jie"),
    ("罗斌", "luo.bin"),
    ("郑欣", "zheng.xin"),
    ("梁超", "liang.chao"),
    ("谢雨", "xie.yu"),
    ("宋涛", "song.tao"),
    ("唐颖", "tang.ying"),
    ("韩磊", "han.lei"),
    ("冯雪", "feng.xue"),
    ("邓刚", "deng.gang"),
    ("曹琳", "cao.lin"),
    ("彭飞", "peng.fei"),
    ("曾慧", "zeng.hui"),
    ("田野", "tian.ye"),
    ("董芳", "dong.fang"),
    ("袁立", "yuan.li"),
    ("蒋涛", "jiang.tao"),
    ("蔡文", "cai.wen"),
    ("余洁", "yu.jie"),
    ("潘东", "pan.dong"),
    ("杜鹃", "du.juan"),
    ("叶明", "ye.ming"),
    ("程亮", "cheng.liang"),
    ("魏华", "wei.hua"),
    ("苏青", "su.qing"),
    ("吕强", "lv.qiang"),
    ("丁宁", "ding.ning"),
    ("沈琦", "shen.qi"),
    ("姜波", "jiang.bo"),
    ("陆远", "lu.yuan"),
    ("钱坤", "qian.kun"),
    ("黄蕾", "huang.lei"),
    ("李总", "li"),
)
EN_NAMES = (
    "Sarah Mitchell",
    "James Carter",
    "Priya Patel",
    "Tom Hughes",
    "Emma Collins",
    "Daniel Reyes",
    "Olivia Brooks",
    "Michael Chen",
    "Hannah Schmidt",
    "David Okafor",
    "Laura Bennett",
    "Chris Walker",
    "Sofia Rossi",
    "Ben Turner",
    "Grace Kim",
    "Mark Davies",
    "Nina Kowalski",
    "Ryan Murphy",
    "Alice Young",
    "Sam Fletcher",
    "Rachel Green",
    "Peter Novak",
    "Zoe Harris",
    "Kevin Liu",
    "Megan Price",
    "Paul Jensen",
    "Aisha Khan",
    "George Evans",
    "Lucy Ward",
    "Victor Alvarez",
    "Helen Foster",
    "Omar Haddad",
    "Julia Weber",
    "Nick Shaw",
    "Claire Dubois",
    "Adam Wright",
    "Eva Lindqvist",
    "Ian Stewart",
    "Maya Singh",
    "Frank Moore",
)

# Histories: (days ago, step) where the step is R reached call, M meeting booked,
# V visit, T meeting, E email, N no answer, L voicemail, X rejected, W won, O lost.
PATTERNS: dict[str, tuple[tuple[int, str], ...]] = {
    "hot": (
        (68, "R"),
        (55, "E"),
        (47, "V"),
        (40, "R"),
        (33, "M"),
        (27, "T"),
        (21, "R"),
        (18, "E"),
        (15, "M"),
        (12, "V"),
        (10, "R"),
        (8, "M"),
        (6, "T"),
        (4, "R"),
        (3, "M"),
        (1, "R"),
    ),
    "hot_won": (
        (66, "R"),
        (52, "V"),
        (41, "M"),
        (33, "T"),
        (26, "R"),
        (19, "M"),
        (12, "W"),
        (9, "R"),
        (7, "M"),
        (5, "V"),
        (3, "R"),
        (2, "E"),
    ),
    "steady": (
        (66, "R"),
        (52, "V"),
        (41, "M"),
        (33, "T"),
        (26, "R"),
        (19, "M"),
        (14, "E"),
        (11, "R"),
        (9, "N"),
        (8, "R"),
        (6, "M"),
        (4, "E"),
        (2, "R"),
    ),
    "cooling": (
        (69, "R"),
        (58, "E"),
        (49, "M"),
        (42, "V"),
        (35, "R"),
        (28, "M"),
        (23, "T"),
        (19, "R"),
        (16, "M"),
        (13, "V"),
        (11, "M"),
        (9, "R"),
    ),
    "warm": (
        (67, "R"),
        (54, "N"),
        (53, "R"),
        (40, "E"),
        (33, "V"),
        (27, "R"),
        (24, "L"),
        (23, "R"),
        (16, "M"),
        (11, "T"),
        (8, "R"),
        (6, "N"),
        (5, "R"),
        (3, "E"),
    ),
    "light": (
        (66, "R"),
        (52, "E"),
        (40, "V"),
        (31, "N"),
        (29, "R"),
        (21, "M"),
        (15, "E"),
        (10, "M"),
        (6, "N"),
        (4, "R"),
    ),
    "cold": ((70, "R"), (55, "N"), (52, "E"), (46, "R")),
    "dormant": ((68, "X"), (49, "N"), (47, "L"), (33, "E"), (26, "R")),
    "silent": ((124, "X"), (97, "N")),  # no attempt for three months: due for a revival
    "new": ((17, "E"), (12, "R"), (6, "M"), (4, "E")),
    "archived": ((71, "N"), (64, "X")),
    "archived_lost": ((70, "T"), (62, "R"), (51, "M"), (44, "V"), (38, "O")),
}
_STEP = {
    "R": ("call", "reached"),
    "M": ("call", "meeting_booked"),
    "V": ("visit", "reached"),
    "T": ("meeting", "reached"),
    "E": ("email", "reached"),
    "N": ("call", "no_answer"),
    "L": ("call", "voicemail"),
    "X": ("call", "rejected"),
    "W": ("meeting", "won"),
    "O": ("call", "lost"),
}

NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "reached": (
            "Walked {who} through the {topic} proposal; the main worry is installation downtime.",
            "{who} confirmed the budget cycle starts next quarter; wants {topic} figures first.",
            "Reviewed the pilot data on {topic}; {who} asked for a per-site breakdown.",
            "{who} shared the new line layout; {topic} fits two of the three halls.",
            "Discussed lead times for {topic}; they want stock held in the region.",
            "{who} mentioned a competitor quote 12% below ours and asked what the difference is.",
        ),
        "meeting_booked": (
            "{who} agreed to an on-site workshop on {topic} with the engineering team.",
            "Booked a demo of {topic} for their shift leads.",
            "{who} will bring the plant manager to a review of {topic}.",
        ),
        "no_answer": (
            "No answer on the direct line; switchboard could not find {who} either.",
            "Rang twice, no answer; their call window is mornings.",
        ),
        "voicemail": (
            "Left {who} a voicemail with the new {topic} lead time.",
            "Voicemail: reminded {who} the quote expires at month end.",
        ),
        "rejected": (
            "{who} said they are not reviewing suppliers this year.",
            "{who}: the old delivery problem is still remembered; no appetite yet.",
        ),
        "won": ("Purchase order for {topic} received from {who}.",),
        "lost": ("{who} told us they went with the incumbent on price.",),
        "email": (
            "Sent {who} the {topic} case study from a similar site.",
            "Emailed {who} the revised {topic} quote with lead times.",
            "Sent {who} the minutes of the {topic} meeting and the open points.",
            "{who} replied with questions on {topic}; answered them point by point.",
        ),
    },
    "zh": {
        "reached": (
            "和{who}过了一遍{topic}方案，主要顾虑是安装期间停产。",
            "{who}确认下季度开始做预算，希望先拿到{topic}的测算数据。",
            "一起看了{topic}试点数据，{who}要求按车间拆分。",
            "{who}介绍了新产线布局，{topic}可以覆盖三个车间中的两个。",
            "讨论了{topic}的交期，对方希望我们在华南备货。",
            "{who}提到竞争对手报价比我们低 12%，问我们的差别在哪里。",
        ),
        "meeting_booked": (
            "{who}同意安排设备部一起做{topic}现场交流。",
            "约好给班组长演示{topic}。",
            "{who}会带厂长参加{topic}方案评审会。",
        ),
        "no_answer": (
            "直线电话无人接听，前台也没找到{who}。",
            "打了两次没人接，对方上午比较方便。",
        ),
        "voicemail": ("给{who}留言，告知{topic}新的交期。", "留言提醒{who}报价月底到期。"),
        "rejected": (
            "{who}说今年不考虑更换供应商。",
            "{who}表示之前的交付问题大家还记得，暂时不谈。",
        ),
        "won": ("收到{who}签字的{topic}采购订单。",),
        "lost": ("{who}告知已选择原供应商，主要因为价格。",),
        "email": (
            "给{who}发了同行业{topic}案例。",
            "把{topic}修订报价和交期发给了{who}。",
            "把{topic}会议纪要和待办事项发给了{who}。",
            "{who}邮件回复了对{topic}的问题，已逐条答复。",
        ),
    },
}
COMMITMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "Send revised quote by Friday",
            "Share the reference case from a similar plant",
            "Book the site survey with our engineer",
            "Confirm lead time for 200 sensors",
            "Send the ROI sheet built on their own figures",
            "Arrange a call with our product manager",
        ),
        (
            "Confirm the budget owner by next week",
            "Send the floor plan of hall 2",
            "Get IT sign-off on the gateway",
            "Share last year's downtime log",
            "Introduce us to the plant manager",
        ),
    ),
    "zh": (
        (
            "周五前发修订报价",
            "发送同行业工厂的案例",
            "安排工程师现场勘查",
            "确认 200 个传感器的交期",
            "用他们自己的数据做投资回报测算",
            "安排产品经理电话沟通",
        ),
        (
            "他们周五前确认预算",
            "下周提供二号车间平面图",
            "IT 部门确认网关方案",
            "提供去年的停机记录",
            "引荐生产厂长",
        ),
    ),
}
DONE_PURPOSES = {
    "en": (
        "Confirm the site survey date for {topic}",
        "Get feedback on the revised {topic} quote",
        "Agree the pilot success criteria",
        "Present the reference case from a similar plant",
        "Find out who signs the order",
        "Confirm the lead time they need before peak season",
    ),
    "zh": (
        "确认{topic}现场勘查日期",
        "听取对{topic}修订报价的反馈",
        "商定试点验收标准",
        "介绍同行业工厂案例",
        "确认谁签字下单",
        "确认旺季前需要的交期",
    ),
}
PURCHASE_PRODUCTS = {
    "en": (
        "Vibration sensors (batch)",
        "Gateway replacement",
        "Annual service contract",
        "Platform licence renewal",
        "Spare parts",
    ),
    "zh": ("振动传感器（批量）", "网关更换", "年度维保合同", "平台授权续费", "备品备件"),
}
# Buying seasons: (months from this month of each year's purchases, base amount, years back).
# A month of 2 means "about two months from today": the buying-season lead time.
PURCHASES: dict[str, tuple[tuple[int, ...], int, int]] = {
    "northwind": ((-4, 2), 260_000, 3),
    "huawei": ((-1, 5), 480_000, 3),
    "mingyuan": ((-3,), 390_000, 3),
    "contoso": ((1, 7), 150_000, 2),
    "lanhai": ((-5, 1), 90_000, 3),
    "fabrikam": ((2,), 120_000, 3),
    "hengtong": ((-2, 4), 60_000, 2),
    "yunfan": ((-6,), 45_000, 2),
    "adventure": ((3,), 38_000, 3),
    "ganglian": ((-1,), 75_000, 2),
    "zhujiang": ((2,), 52_000, 3),
    "alpine": ((-3,), 28_000, 2),
    "fourthcoffee": ((5,), 18_000, 2),
    "zijin": ((-2, 4), 210_000, 3),
    "haichen": ((1,), 140_000, 4),
    "woodgrove": ((-1,), 95_000, 3),
    "changjiang": ((4,), 160_000, 4),
    "margie": ((2,), 42_000, 3),
    "shancheng": ((0,), 70_000, 4),
}

# Deals and their blue sheets. Influence: (index into the account's people, role, mode,
# degree, rating, contacted, results, personal win, mode evidence, rating evidence).
# Bullet: (category, text, influence index). Landmine: (category, text, influence index,
# bullet index, resolved). Action: (who, what, due in days, done, landmine index, target).
# Signals: one letter per SIGNAL_IDS entry: g good, b bad, u unknown, - not answered.
DEALS: tuple[Row, ...] = (
    {
        "account": "northwind",
        "title": "Warehouse condition monitoring, 3 DCs",
        "product": "420 sensors, 3 gateways, monitoring platform",
        "amount": 1_280_000,
        "completion": 25,
        "status": "urgent",
        "funnel": "best_few",
        "outcome": "open",
        "position": 2,
        "alt": 4,
        "created": 58,
        "why": "EB and coach are with us; the ops manager still compares us with the incumbent's "
        "add-on.",
        "move": "The ops manager sees the pilot dashboard on their own dock doors; PO issued.",
        "plan": "Yes, if the dock-door review happens before the 15th.",
        "evidence": (
            "NDA signed; three DCs named in their RFQ",
            "Scope agreed in the workshop: 420 sensors, 3 gateways",
            "Budget line confirmed by the GM in writing",
            "Peak season starts in six weeks; they want it live before",
            "Procurement has drafted the PO",
        ),
        "fit": ("good", "good", "good", "Pays in 30 days; same WMS vendor for nine years."),
        "influences": (
            (
                0,
                "economic_buyer",
                "growth",
                "high",
                3,
                True,
                "Cut damaged-goods claims by a third",
                "Wants the rollout in the board report",
                "Asked how fast we could scale to 5 DCs",
                "Called our pilot 'the first thing that worked'",
            ),
            (
                1,
                "technical_buyer",
                "even_keel",
                "medium",
                1,
                True,
                "No new systems for IT to babysit",
                "A quiet on-call rota",
                "Says the current setup is 'fine for now'",
                "Approved the gateway spec, no enthusiasm",
            ),
            (
                2,
                "user_buyer",
                "trouble",
                "high",
                -1,
                True,
                "Fewer dock delays at peak",
                "No more weekend overtime",
                "Lost two shifts to a frozen dock door in October",
                "Still asking about the incumbent's add-on",
            ),
            (
                3,
                "coach",
                "growth",
                "medium",
                4,
                True,
                "Project delivered on time",
                "Lead a visible project",
                "Volunteered the org chart",
                "Shared the competitor's price with us",
            ),
        ),
        "bullets": (
            ("difference", "Sensor batteries last 5 years vs 18 months for the add-on", 1),
            ("value", "The pilot cut dock-door faults 40% in four weeks", 2),
            ("lever", "The coach can put the pilot data in front of the ops team", 3),
        ),
        "landmines": (
            (
                "competition",
                "Incumbent WMS vendor offers a bundled add-on at 20% less",
                2,
                1,
                False,
            ),
            ("uncertain_info", "Is the IT manager neutral or quietly against us?", 1, 0, False),
            ("unknown_info", "Who signs if the order exceeds the GM's limit?", None, None, True),
        ),
        "actions": (
            ("Me", "Run the dock-door dashboard review with the ops manager", 3, False, 0, ""),
            ("Coach", "Send us the IT integration checklist", -2, False, 1, ""),
            ("Me", "Confirm the GM's signing limit with finance", -12, True, 2, ""),
            (
                "Me + GM",
                "Agree the go-live date for DC 1",
                10,
                False,
                None,
                "Order signed before peak season",
            ),
        ),
        "signals": "gggggggguggggg",
        "review": (
            14,
            78,
            "Coach is solid; the IT manager is the soft spot. Get the integration "
            "checklist before the PO.",
        ),
    },
    {
        "account": "huawei",
        "title": "东莞工厂设备状态监测平台",
        "product": "状态监测平台 + 500 个振动传感器",
        "amount": 2_600_000,
        "completion": 40,
        "status": "in_progress",
        "funnel": "in",
        "outcome": "open",
        "position": -1,
        "alt": 2,
        "created": 64,
        "why": "没有教练，财务总监只见过一次，对投资回报测算没有反馈。",
        "move": "财务总监认可投资回报测算，并安排第二次会面。",
        "plan": "部分做到：测算已准备好，但还没有约到时间。",
        "evidence": (
            "松山湖工厂设备部正式立项",
            "技术交流确认振动和温度两类传感器",
            "",
            "他们要求明年一季度前上线",
            "",
        ),
        "fit": ("good", "good", "unknown", "付款稳定；每年招标，忠诚度未知"),
        "influences": (
            (
                0,
                "economic_buyer",
                "even_keel",
                "high",
                0,
                True,
                "降低设备维护总成本",
                "年度预算不超支",
                "表示现状可以接受",
                "只见过一次，态度中立",
            ),
            (
                1,
                "technical_buyer",
                "growth",
                "high",
                3,
                True,
                "非计划停机降到每月 2 次以下",
                "在集团推广中成为标杆",
                "主动要求看更多案例",
                "在评标会上替我们说话",
            ),
            (
                2,
                "user_buyer",
                "trouble",
                "medium",
                2,
                True,
                "夜班故障响应更快",
                "少半夜被叫回厂",
                "上月一台空压机停机 8 小时",
                "认可报警功能",
            ),
            (
                3,
                "technical_buyer",
                "overconfident",
                "medium",
                -2,
                False,
                "数据安全审批顺利",
                "",
                "",
                "",
            ),
        ),
        "bullets": (
            ("difference", "本地化部署，数据不出厂区，满足集团安全要求", 3),
            ("value", "同行工厂案例：非计划停机减少 35%", 0),
        ),
        "landmines": (
            ("no_contact", "IT 经理从未接触，数据安全审批可能卡住", 3, 0, False),
            ("unknown_info", "没有教练，不了解内部决策流程", None, None, False),
            ("uncertain_info", "财务总监是否真的认可投资回报？", 0, 1, False),
            ("competition", "西门子本地代理已做过两次技术交流", None, None, False),
        ),
        "actions": (
            ("我", "请设备部经理引荐 IT 经理，演示本地化部署", 4, False, 0, ""),
            ("我", "约财务总监讲解投资回报测算", -3, False, 2, ""),
            ("设备部经理", "提供近一年停机记录", -15, True, None, "用客户自己的数据做测算"),
        ),
        "signals": "ggbgugggu--bub",
    },
    {
        "account": "mingyuan",
        "title": "产线改造 MES 授权扩容",
        "product": "MES 授权 40 个工位 + 实施服务",
        "amount": 860_000,
        "completion": -5,
        "status": "in_progress",
        "funnel": "in",
        "outcome": "open",
        "position": -3,
        "alt": 0,
        "created": 70,
        "why": "完成日期已过，经济购买者不明确，采购在压价。",
        "move": "确认谁最终拍板，并拿到新的完成日期。",
        "plan": "还没有：需要教练帮忙确认决策人。",
        "evidence": ("老客户，二期改造已立项", "工位数量已确认", "采购口头给出预算区间", "", ""),
        "fit": ("good", "good", "good", "一期合作顺利"),
        "influences": (
            (
                1,
                "technical_buyer",
                "growth",
                "high",
                2,
                True,
                "二期按期投产",
                "保住一期的成绩",
                "要求二期沿用一期接口",
                "在内部会上支持续用我们",
            ),
            (
                2,
                "coach",
                "growth",
                "low",
                4,
                True,
                "实施少出问题",
                "年底评优",
                "主动提醒采购在压价",
                "把竞品报价透露给我们",
            ),
            (
                3,
                "technical_buyer",
                "even_keel",
                "medium",
                -3,
                True,
                "二期比一期降价 15%",
                "完成年度降本指标",
                "认为几家供应商都一样",
                "连续三次只谈价格",
            ),
        ),
        "bullets": (
            ("lever", "一期按期上线，设备部经理公开认可", 0),
            ("value", "沿用一期数据接口，实施周期缩短一半", None),
        ),
        "landmines": (
            ("unknown_info", "谁是经济购买者？总经理还是集团采购委员会？", None, None, False),
            ("competition", "采购拿竞争对手报价压价 15%", 2, 1, False),
            ("org_change", "集团下月派驻新的生产副总", None, None, False),
            ("other", "完成日期已过，还没有新的日期", None, None, False),
        ),
        "actions": (
            ("教练", "确认最终签字人", -6, False, 0, ""),
            ("我", "准备二期与一期的总成本对比给采购", 2, False, 1, ""),
            ("我", "拜访新任生产副总，介绍一期成果", 14, False, 2, ""),
            ("我", "向设备部经理要一期验收报告", -25, True, None, "用一期成果支撑二期"),
        ),
        "signals": "gbbgugg-bgu-bb",
        "review": (21, 42, "没有经济购买者就没有订单。先找到签字人，再谈价格。"),
    },
    {
        "account": "lanhai",
        "title": "SMT 车间能耗监测",
        "product": "能耗监测网关 + 60 块智能电表",
        "amount": 420_000,
        "completion": 18,
        "status": "urgent",
        "funnel": "best_few",
        "outcome": "open",
        "position": 3,
        "alt": 4,
        "created": 45,
        "why": "总经理和设备部都支持，试点数据清楚，只剩安装日期未定。",
        "move": "拿到盖章的采购订单。",
        "plan": "能：确认安装日期后采购即可下单。",
        "evidence": (
            "老客户，已合作三年",
            "试点后确认 60 块电表 + 2 台网关",
            "总经理确认预算 42 万",
            "月底前必须完成安装，配合节能审计",
            "采购订单已在走内部审批",
        ),
        "fit": ("good", "good", "good", "付款准时，三年没有换过供应商"),
        "influences": (
            (
                0,
                "economic_buyer",
                "growth",
                "high",
                4,
                True,
                "年度节能审计达标",
                "在集团会议上展示节能成果",
                "主动提出先在一个车间落地",
                "试点会上当场要了报价",
            ),
            (
                1,
                "technical_buyer",
                "growth",
                "high",
                3,
                True,
                "能耗数据自动进系统，不再手抄",
                "少做月底报表",
                "要求对接现有 MES",
                "技术方案会签已通过",
            ),
            (
                2,
                "user_buyer",
                "even_keel",
                "medium",
                1,
                True,
                "不影响产线节拍",
                "安装别占用生产时间",
                "认为手工抄表也能用",
                "同意夜班安装，但不积极",
            ),
            (
                3,
                "coach",
                "growth",
                "low",
                5,
                True,
                "设备故障少",
                "升任设备副经理",
                "主动告诉我们采购审批进度",
                "提前透露了竞争对手报价",
            ),
        ),
        "bullets": (
            ("value", "试点一个月节电 8%，由客户自己的电表核对", 0),
            ("difference", "夜班安装，不停产", 2),
        ),
        "landmines": (
            ("uncertain_info", "生产经理会不会拖延安装窗口？", 2, 1, False),
            ("competition", "原电表供应商报价低 10%", None, 0, True),
        ),
        "actions": (
            ("我", "和生产经理确认夜班安装日期", -1, False, 0, ""),
            ("我", "把试点节电报告发给总经理", -9, True, 1, ""),
            ("维修主管", "告知采购审批进展", 2, False, None, "本月拿到订单"),
        ),
        "signals": "gggggggggugggg",
    },
    {
        "account": "tailspin",
        "title": "Predictive maintenance pilot, moulding hall",
        "product": "40 vibration sensors + 6-month platform licence",
        "amount": 350_000,
        "completion": 55,
        "status": "getting_started",
        "funnel": "above",
        "outcome": "open",
        "position": 0,
        "alt": 2,
        "created": 30,
        "why": "Good meetings, but we do not know how finance sees a pilot budget.",
        "move": "Finance agrees the pilot comes out of this year's maintenance budget.",
        "plan": "Not yet: no meeting with finance is booked.",
        "evidence": (
            "Moulding hall named as pilot site by the GM",
            "Sensor count drafted, not agreed",
            "",
            "GM wants results before the spring toy fair",
            "",
        ),
        "fit": (
            "unknown",
            "good",
            "unknown",
            "New account; they switched resin suppliers twice in two years",
        ),
        "influences": (
            (
                0,
                "economic_buyer",
                "growth",
                "high",
                2,
                True,
                "Hit toy-fair volumes without buying a new press",
                "Be the GM who modernised the plant",
                "Talks about 'the plant of the next decade'",
                "Asked for the pilot proposal in person",
            ),
            (
                1,
                "technical_buyer",
                "trouble",
                "high",
                3,
                True,
                "Stop the press-bearing failures",
                "Fewer midnight call-outs",
                "Lost a press for four days in September",
                "Sent us the failure log unprompted",
            ),
            (
                2,
                "user_buyer",
                "even_keel",
                "medium",
                -1,
                True,
                "Keep the shift pattern as it is",
                "No new screens to learn",
                "Happy with the paper checklists",
                "Sceptical in the demo; asked who will watch the alerts",
            ),
            (3, "technical_buyer", None, "medium", None, False, "", "", "", ""),
        ),
        "bullets": (
            ("difference", "Sensors retrofit without drilling the press frames", 1),
            ("lever", "Engineering can show the failure log to the GM", 1),
        ),
        "landmines": (
            (
                "no_contact",
                "Finance director never contacted; budget route unknown",
                3,
                None,
                False,
            ),
            ("uncertain_info", "Will operations staff the alert rota?", 2, 0, False),
            (
                "unknown_info",
                "Is anyone else quoting? The GM hinted at a 'local integrator'",
                None,
                None,
                False,
            ),
        ),
        "actions": (
            ("Me", "Ask the GM to introduce us to the finance director", 2, False, 0, ""),
            ("Me", "Draft an alert rota that needs no extra headcount", 6, False, 1, ""),
            (
                "Engineering manager",
                "Share the press failure log",
                -20,
                True,
                None,
                "Build the ROI case on their own data",
            ),
        ),
        "signals": "ggugguggu---ub",
    },
    {
        "account": "jinghua",
        "title": "GMP 洁净室环境监测系统",
        "product": "温湿度压差监测 + 审计追踪软件",
        "amount": 1_500_000,
        "completion": 70,
        "status": "in_progress",
        "funnel": "in",
        "outcome": "open",
        "position": 1,
        "alt": 3,
        "created": 52,
        "why": "技术和教练都支持，但财务总监要求分期付款，我们还没有答复。",
        "move": "财务总监接受分期方案并确认预算年度。",
        "plan": "基本能：分期方案下周提交。",
        "evidence": (
            "新厂区 GMP 认证项目",
            "三个洁净车间，112 个监测点",
            "预算 150 万，财务总监口头确认",
            "GMP 认证检查在明年三月",
            "",
        ),
        "fit": ("good", "good", "good", "国企背景，信用良好；与现有供应商合作十年"),
        "influences": (
            (
                0,
                "economic_buyer",
                "trouble",
                "high",
                1,
                True,
                "认证一次通过，不返工",
                "预算不超支",
                "担心认证延期被集团问责",
                "要求分期付款，认可方案本身",
            ),
            (
                1,
                "technical_buyer",
                "growth",
                "high",
                3,
                True,
                "审计追踪满足新版 GMP 附录",
                "设备部在认证中零缺陷",
                "主动要了验证文件模板",
                "评估报告中我们排名第一",
            ),
            (
                2,
                "coach",
                "growth",
                "medium",
                5,
                True,
                "项目按期验收",
                "借项目转岗到质量部",
                "每次会前给我们透露议程",
                "提前告诉我们评分细则",
            ),
            (
                3,
                "technical_buyer",
                "even_keel",
                "medium",
                -1,
                True,
                "数据备份符合信息安全要求",
                "不给 IT 增加运维工作量",
                "认为现有服务器够用",
                "对云端备份有顾虑",
            ),
        ),
        "bullets": (
            ("difference", "审计追踪软件已通过三家药厂的 GMP 检查", 1),
            ("value", "提供全套验证文件模板，节省两个月验证时间", 0),
            ("lever", "教练可以安排我们与质量部长交流", 2),
        ),
        "landmines": (
            ("uncertain_info", "财务总监要求分期，是否意味着预算不足？", 0, 1, False),
            ("uncertain_info", "IT 经理对云端备份的顾虑", 3, None, False),
            ("unknown_info", "质量部长对供应商的看法未知", None, 2, False),
            ("org_change", "集团审计组进驻，采购流程可能变更", None, None, True),
        ),
        "actions": (
            ("我", "提交分期付款方案给财务总监", 5, False, 0, ""),
            ("我", "给 IT 经理演示本地部署方案", -4, False, 1, ""),
            ("教练", "引荐质量部长", 8, False, 2, ""),
            ("我", "确认集团审计后的采购流程", -18, True, 3, ""),
        ),
        "signals": "ggggggggguu-gu",
    },
    {
        "account": "fabrikam",
        "title": "Cold-chain temperature monitoring, 2 plants",
        "product": "Wireless temperature loggers + 24/7 alarm service",
        "amount": 540_000,
        "completion": 35,
        "status": "in_progress",
        "funnel": "in",
        "outcome": "open",
        "position": 1,
        "alt": 3,
        "created": 40,
        "why": "Operations and maintenance want it; procurement runs a three-way tender.",
        "move": "We are shortlisted with the alarm service scored, not just the logger price.",
        "plan": "Partly: we have not seen the tender scoring sheet.",
        "evidence": (
            "Shanghai and Suzhou plants in scope",
            "Loggers + 24/7 alarm service",
            "Budget of RMB 550k confirmed by the GM",
            "",
            "Tender closes in three weeks",
        ),
        "fit": ("good", "good", "unknown", "Rebids every contract yearly"),
        "influences": (
            (
                0,
                "economic_buyer",
                "growth",
                "high",
                2,
                True,
                "Pass retailer audits without findings",
                "Open the export line to Japan",
                "Talks about export audits at every meeting",
                "Approved the budget after the pilot",
            ),
            (
                1,
                "user_buyer",
                "trouble",
                "high",
                3,
                True,
                "No more spoiled batches",
                "No more 3 a.m. phone calls",
                "Lost an RMB 80k batch in July",
                "Asked for the alarm service first",
            ),
            (
                2,
                "coach",
                "growth",
                "low",
                4,
                True,
                "Fewer manual temperature rounds",
                "Recognition from the GM",
                "Briefs us on tender politics",
                "Told us the tender weighting",
            ),
            (
                3,
                "technical_buyer",
                "overconfident",
                "medium",
                -2,
                True,
                "Lowest unit price",
                "Hit the procurement savings target",
                "Thinks any logger will do",
                "Asked twice for a price-only quote",
            ),
        ),
        "bullets": (
            ("value", "24/7 alarm service: nobody on their side watches screens at night", 1),
            ("difference", "Audit-ready reports accepted by their main retailer", 0),
        ),
        "landmines": (
            ("competition", "Procurement scores on unit price alone", 3, 0, False),
            ("unknown_info", "We have not seen the tender scoring sheet", None, None, False),
            ("other", "The Suzhou plant manager has not been met", None, None, False),
        ),
        "actions": (
            ("Coach", "Get a copy of the scoring sheet", -1, False, 1, ""),
            (
                "Me",
                "Send the retailer-audit sample report to the GM",
                -10,
                True,
                None,
                "Make the audit the deciding criterion",
            ),
            ("Me", "Book a visit to the Suzhou plant", 9, False, 2, ""),
        ),
        "signals": "gguggguugb-u-b",
    },
    {
        "account": "litware",
        "title": "Substation monitoring framework agreement",
        "product": "Monitoring platform, 5-year framework",
        "amount": 3_200_000,
        "completion": 120,
        "status": "later",
        "funnel": "above",
        "outcome": "open",
        "position": None,
        "alt": None,
        "created": 26,
        "why": "",
        "move": "",
        "plan": "",
        "evidence": ("Named in their five-year grid plan", "", "", "", ""),
        "fit": ("unknown", "unknown", "unknown", ""),
        "influences": (
            (
                1,
                "technical_buyer",
                "growth",
                "high",
                2,
                True,
                "Remote view of every substation",
                "Lead the digitisation programme",
                "Has a board mandate to digitise",
                "",
            ),
            (0, "economic_buyer", "even_keel", "high", 0, True, "", "", "", ""),
        ),
        "bullets": (),
        "landmines": (
            (
                "unknown_info",
                "Procurement route for framework agreements unknown",
                None,
                None,
                False,
            ),
        ),
        "actions": (("Me", "Ask engineering for the framework timeline", -1, False, 0, ""),),
        "signals": "gu------------",
    },
    {
        "account": "qinchuan",
        "title": "冲压线振动监测试点",
        "product": "20 个振动传感器 + 3 个月平台试用",
        "amount": 260_000,
        "completion": 45,
        "status": "getting_started",
        "funnel": "above",
        "outcome": "open",
        "position": -2,
        "alt": 0,
        "created": 33,
        "why": "客户要求 180 天账期，信用记录有问题。",
        "move": "确认对方接受标准账期或预付款。",
        "plan": "不确定，先确认账期再投入资源。",
        "evidence": ("冲压车间设备部提出需求", "试点 20 个点位", "", "", ""),
        "fit": (
            "bad",
            "good",
            "bad",
            "要求 180 天账期；去年有两家供应商公开催款；三年换了四家传感器供应商",
        ),
        "influences": (
            (
                1,
                "technical_buyer",
                "trouble",
                "high",
                2,
                True,
                "冲压模具不再突然崩裂",
                "少挨总经理批评",
                "上月模具崩裂停线两天",
                "主动要了试点方案",
            ),
            (
                2,
                "technical_buyer",
                "even_keel",
                "medium",
                -1,
                True,
                "压低单价和账期",
                "完成降本指标",
                "认为现在不急",
                "只问价格和账期",
            ),
        ),
        "bullets": (),
        "landmines": (
            ("other", "客户信用差：要求 180 天账期，有拖欠记录", None, None, False),
            ("no_contact", "总经理从未接触", None, None, False),
        ),
        "actions": (("我", "与公司财务确认可接受的账期底线", -10, False, 0, ""),),
        "signals": "g-u-----------",
    },
    {
        "account": "yunfan",
        "title": "IoT 平台 API 集成服务",
        "product": "API 集成 + 数据看板开发",
        "amount": 180_000,
        "completion": -12,
        "status": "in_progress",
        "funnel": "best_few",
        "outcome": "won",
        "position": 4,
        "alt": 5,
        "created": 60,
        "why": "已签约。",
        "move": "",
        "plan": "",
        "evidence": ("老客户", "API 集成 + 看板", "合同金额 18 万", "已签约", "已赢单"),
        "fit": ("good", "good", "good", ""),
        "influences": (
            (
                0,
                "economic_buyer",
                "growth",
                "high",
                4,
                True,
                "平台接入更多设备品牌",
                "融资前拿出客户案例",
                "主动催我们报价",
                "当场签字",
            ),
            (
                1,
                "technical_buyer",
                "growth",
                "medium",
                3,
                True,
                "接口稳定",
                "少加班",
                "主动提供接口文档",
                "技术评审一次通过",
            ),
        ),
        "bullets": (),
        "landmines": (),
        "actions": (),
        "signals": "",
    },
    {
        "account": "blueyonder",
        "title": "Hangar tool tracking",
        "product": "Tool-tracking tags + gateways",
        "amount": 900_000,
        "completion": -30,
        "status": "urgent",
        "funnel": "in",
        "outcome": "lost",
        "position": -4,
        "alt": -4,
        "created": 75,
        "why": "They chose the incumbent's RFID upgrade on price.",
        "move": "",
        "plan": "",
        "evidence": ("", "", "", "", ""),
        "fit": ("good", "unknown", "bad", "Loyal to their incumbent; we were the stand-in"),
        "influences": (
            (
                0,
                "technical_buyer",
                "even_keel",
                "high",
                -2,
                True,
                "",
                "",
                "",
                "Used our quote to push the incumbent's price down",
            ),
            (
                1,
                "user_buyer",
                "trouble",
                "medium",
                2,
                True,
                "No lost tools on the apron",
                "",
                "",
                "",
            ),
        ),
        "bullets": (),
        "landmines": (),
        "actions": (),
        "signals": "",
    },
)

EXTERNAL_IDS = (
    ("account", "northwind", "CRM-10452"),
    ("account", "huawei", "CRM-10388"),
    ("account", "mingyuan", "CRM-09917"),
    ("account", "haichen", "CRM-07730"),
)


class _Doc:
    """The document being built: rows per table, ids handed out in order, and the clock."""

    def __init__(self, today: dt.date, seed: int) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.tables: dict[str, list[Row]] = {t: [] for t in TABLES}

    def add(self, table: str, **fields: Any) -> int:
        """Append a row, returning its new id."""
        rows = self.tables[table]
        row_id = len(rows) + 1
        rows.append({"id": row_id, **fields})
        return row_id

    def row(self, table: str, row_id: int) -> Row:
        """A row added earlier, to fill in fields known only later."""
        return self.tables[table][row_id - 1]

    def day(self, offset: int) -> str:
        """The ISO date `offset` days from today."""
        return (self.today + dt.timedelta(days=offset)).isoformat()

    def stamp(self, offset: int, hour: int = 9, minute: int = 0, tz: str = "UTC") -> str:
        """The UTC date-time of a local time `offset` days from today."""
        local = dt.datetime.combine(self.today + dt.timedelta(days=offset), dt.time(hour, minute))
        return _to_utc(local, tz).isoformat(timespec="seconds")


def _to_utc(local: dt.datetime, tz: str) -> dt.datetime:
    """A naive local time in `tz` as naive UTC; fixed offsets when tzdata is missing."""
    try:
        aware = local.replace(tzinfo=ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return local - dt.timedelta(hours=_UTC_FALLBACK.get(tz, 0))
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def _shift_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _month_day(today: dt.date, months: int, day: int) -> dt.date:
    """Day `day` of the month `months` from today's month."""
    index = today.year * 12 + today.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, day)


def _heat(steps: list[tuple[int, str]], klass: str | None) -> float:
    """Heat today from (days ago, outcome) steps, oldest first, as the settings define it."""
    decay = HEAT_DECAY[klass]
    heat, last = HEAT_START, None
    for ago, outcome in steps:
        if last is not None:
            heat = max(0.0, heat - decay * (last - ago))
        heat = min(100.0, max(0.0, heat + HEAT_GAIN.get(outcome, 0)))
        last = ago
    if last is not None:
        heat -= decay * last
    return round(min(95.0, max(5.0, heat)), 1)


def build_demo(today: dt.date, seed: int = 7) -> dict[str, Any]:
    """The demo as an export document whose history leads up to `today`; same input, same dict."""
    doc = _Doc(today, seed)
    deals_by_account = {d["account"]: d for d in DEALS}
    zh_names = list(ZH_NAMES)
    en_names = [(name, name.lower().replace(" ", ".")) for name in EN_NAMES]
    doc.rng.shuffle(zh_names)
    doc.rng.shuffle(en_names)
    account_ids: dict[str, int] = {}
    for acct in ACCOUNTS:
        account_id = _add_account(doc, acct)
        account_ids[acct.key] = account_id
        names = zh_names if acct.lang == "zh" else en_names
        contacts = [
            _add_contact(doc, acct, account_id, pos, names.pop(), i == acct.coach)
            for i, pos in enumerate(acct.people)
        ]
        spec = deals_by_account.get(acct.key)
        deal_id = _add_deal(doc, account_id, spec) if spec else None
        silent = {contacts[inf[0]] for inf in spec["influences"] if not inf[5]} if spec else set()
        acts = _add_history(doc, acct, account_id, contacts, silent, spec, deal_id)
        if spec and deal_id is not None:
            _add_blue_sheet(doc, spec, deal_id, contacts, acts)
        _add_next_step(doc, acct, account_id, deal_id, acts)
        _add_purchases(doc, acct, account_id)
        _finish_account(doc, acct, account_id, acts)
    for entity, key, external in EXTERNAL_IDS:
        doc.add(
            "external_ids",
            entity=entity,
            entity_id=account_ids[key],
            system="legacy-crm",
            external_id=external,
        )
    return {"format": "followup-export", "version": 1, **doc.tables}


def _add_account(doc: _Doc, acct: _Acct) -> int:
    """The account row with its state, profile and market figures."""
    willingness, need = _CLASS[acct.klass]
    rejections, stop = DORMANT.get(acct.key, (0, ""))
    created_ago = {"existing": 1100, "dormant": 1500, "target": 200}[acct.rel]
    if acct.pattern == "new":
        created_ago = 20
    created_ago += doc.rng.randint(0, 150 if acct.pattern != "new" else 5)
    phone = ("+86 21 " if acct.lang == "zh" else "+44 20 7946 ") + f"{doc.rng.randint(0, 9999):04d}"
    if acct.tz == "America/New_York":
        phone = f"+1 212 555 01{doc.rng.randint(0, 99):02d}"
    row: Row = {
        "name": acct.name,
        "willingness": willingness,
        "need": need,
        "relationship": acct.rel,
        "tier": _TIER[acct.tier],
        "rejection_count": rejections,
        "stop_reason": stop,
        "industry": acct.industry,
        "address": ADDRESSES[acct.key],
        "phone": phone,
        "email": f"info@{acct.domain}",
        "website": f"https://www.{acct.domain}",
        "created_at": doc.stamp(-created_ago, 10, 0, acct.tz),
    }
    profile = dict(PROFILES.get(acct.key, {}))
    birthday_in = profile.pop("birthday", None)
    if birthday_in is not None:  # the boss's birthday comes up in the next weeks
        upcoming = doc.today + dt.timedelta(days=birthday_in)
        row["birthday"] = _shift_years(upcoming, 48 + birthday_in % 9).isoformat()
    row.update(profile)
    if acct.key in MARKET:
        total, not_in, expected, actual, plan = MARKET[acct.key]
        row.update(
            total_market=total,
            channels_not_in=not_in,
            plan_expected=expected,
            plan_actual=actual,
            plan_text=plan,
        )
    if acct.key in ARCHIVED:
        row.update(archived=True, archived_at=doc.stamp(-ARCHIVED[acct.key], 17, 30, acct.tz))
    return doc.add("accounts", **row)


def _add_contact(
    doc: _Doc, acct: _Acct, account_id: int, position: str, name: tuple[str, str], coach: bool
) -> int:
    """One key person, their details in the account's language."""
    level, (start, end), en, zh = POSITIONS[int(position)]
    title, dept, interests, pains, good, resp = zh if acct.lang == "zh" else en
    display, local = name
    rng = doc.rng
    if acct.lang == "zh":
        phone = (
            f"+86 1{rng.choice('3589')}{rng.randint(0, 9)} {rng.randint(1000, 9999)} "
            f"{rng.randint(1000, 9999)}"
        )
    elif acct.tz == "America/New_York":
        phone = f"+1 212 555 01{rng.randint(0, 99):02d}"
    else:
        phone = f"+44 7700 900{rng.randint(0, 999):03d}"
    return doc.add(
        "contacts",
        account_id=account_id,
        name=display,
        title=title,
        department=dept,
        level=level,
        phone=phone,
        email=f"{local}@{acct.domain}",
        time_zone=acct.tz,
        call_window_start=start,
        call_window_end=end,
        interests=interests,
        pains=pains,
        good_supplier=good,
        responsibility=resp,
        is_coach=coach,
        created_at=doc.row("accounts", account_id)["created_at"],
    )


class _Act(NamedTuple):
    """An activity added to the history, for what refers back to it."""

    id: int
    ago: int
    at: str
    contact_id: int
    outcome: str | None


def _add_history(
    doc: _Doc,
    acct: _Acct,
    account_id: int,
    contacts: list[int],
    silent: set[int],
    deal: Row | None,
    deal_id: int | None,
) -> list[_Act]:
    """Weeks of calls, visits, emails and meetings, with done follow-ups behind some of them."""
    rng = doc.rng
    topic = TOPICS[acct.key]
    ours, theirs = COMMITMENTS[acct.lang]
    texts = _Deck(
        rng,
        {**NOTES[acct.lang], "ours": ours, "theirs": theirs, "purpose": DONE_PURPOSES[acct.lang]},
    )
    reachable = [c for c in contacts if c not in silent] or contacts
    order = reachable[:]
    rng.shuffle(order)
    names = {c: doc.row("contacts", c)["name"] for c in contacts}
    acts: list[_Act] = []
    # Each account's history is its pattern with a day either way on older steps.
    steps = sorted(
        (
            (ago + rng.choice((-1, 0, 1)) if ago > 4 and step not in "WO" else ago, step)
            for ago, step in PATTERNS[acct.pattern]
        ),
        key=lambda s: -s[0],
    )
    for n, (ago, step) in enumerate(steps):
        kind, outcome = _STEP[step]
        contact = order[n % len(order)]
        if step == "O" and deal is None:
            outcome = "rejected"
        at = doc.stamp(-ago, rng.randint(9, 16), rng.choice((0, 15, 30, 45)), acct.tz)
        pool = "email" if kind == "email" and outcome == "reached" else outcome
        text = texts.draw(pool).format(who=names[contact], topic=topic)
        promise = outcome in ("reached", "meeting_booked") and kind != "email"
        on_deal = deal_id if deal is not None and ago <= deal["created"] else None
        act_id = doc.add(
            "activities",
            account_id=account_id,
            contact_id=contact,
            deal_id=on_deal,
            kind=kind,
            occurred_at=at,
            outcome=outcome,
            notes=text,
            our_commitments=texts.draw("ours") if promise else "",
            their_commitments=texts.draw("theirs") if promise and n % 2 else "",
            created_at=at,
        )
        acts.append(_Act(act_id, ago, at, contact, outcome))
        if n and kind == "call" and n % 2 == 0:  # the call closed a planned follow-up
            late = rng.choice((0, 0, 1, 2))
            doc.add(
                "follow_ups",
                account_id=account_id,
                contact_id=contact,
                deal_id=on_deal,
                due=doc.day(-ago - late),
                purpose=texts.draw("purpose").format(topic=topic),
                done=True,
                done_at=at,
                activity_id=act_id,
                created_at=doc.stamp(-ago - late - 7, 18, 0, acct.tz),
            )
    return acts


class _Deck:
    """Texts drawn without repeats until a pool is used up, so one account's notes vary."""

    def __init__(self, rng: random.Random, pools: dict[str, tuple[str, ...]]) -> None:
        self.rng = rng
        self.pools = pools
        self.left: dict[str, list[str]] = {}

    def draw(self, pool: str) -> str:
        """The next text of a pool, reshuffled once all have been used."""
        if not self.left.get(pool):
            self.left[pool] = list(self.pools[pool])
            self.rng.shuffle(self.left[pool])
        return self.left[pool].pop()


_ROLE_EVIDENCE = {
    False: {
        "economic_buyer": "Signs off the budget; said so in our last meeting",
        "user_buyer": "Their team will use it every day",
        "technical_buyer": "Writes the technical requirements we are scored on",
        "coach": "Tells us how the decision is really made",
    },
    True: {
        "economic_buyer": "审批预算，上次会议中亲口确认",
        "user_buyer": "他们的团队每天都会使用",
        "technical_buyer": "负责编写我们被评分的技术要求",
        "coach": "告诉我们真实的决策流程",
    },
}


def _is_zh(text: str) -> bool:
    """Whether a text is Chinese, so demo evidence matches the account's language."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _last_with(acts: list[_Act], contact_id: int) -> _Act | None:
    """The latest activity with a contact."""
    return next((a for a in reversed(acts) if a.contact_id == contact_id), None)


def _add_deal(doc: _Doc, account_id: int, spec: Row) -> int:
    """The deal header: the SSO, its evidence, position and fit."""
    customer, product, amount, completion, status = spec["evidence"]
    credit, need_fit, loyalty, fit_notes = spec["fit"]
    return doc.add(
        "deals",
        account_id=account_id,
        title=spec["title"],
        product=spec["product"],
        amount=spec["amount"],
        completion_date=doc.day(spec["completion"]),
        status=spec["status"],
        funnel=spec["funnel"],
        outcome=spec["outcome"],
        position=spec["position"],
        alternate_position=spec["alt"],
        position_why=spec["why"],
        position_move=spec["move"],
        position_plan=spec["plan"],
        evidence_customer=customer,
        evidence_product=product,
        evidence_amount=amount,
        evidence_completion_date=completion,
        evidence_status=status,
        fit_credit=credit,
        fit_need_fit=need_fit,
        fit_loyalty=loyalty,
        fit_notes=fit_notes,
        created_at=doc.stamp(-spec["created"], 11),
        updated_at=doc.stamp(-1, 18),
    )


def _add_blue_sheet(
    doc: _Doc, spec: Row, deal_id: int, contacts: list[int], acts: list[_Act]
) -> None:
    """Influences, bullets, landmines, best actions, signals and reviews of one deal."""
    deal_acts = [a for a in acts if doc.row("activities", a.id)["deal_id"] == deal_id] or acts
    latest = deal_acts[-1] if deal_acts else None
    if latest is not None and spec["position"] is not None:
        doc.row("deals", deal_id).update(
            position_confirmed_at=latest.at, position_confirmed_by_id=latest.id
        )
    influences = []
    for n, (
        idx,
        role,
        mode,
        degree,
        rating,
        contacted,
        results,
        win,
        mode_ev,
        rating_ev,
    ) in enumerate(spec["influences"]):
        contact = contacts[idx]
        seen = _last_with(acts, contact) if contacted else None
        row: Row = {
            "deal_id": deal_id,
            "contact_id": contact,
            "role": role,
            # A role seen in action has evidence; one never met is filled by title only.
            "role_evidence": _ROLE_EVIDENCE[_is_zh(spec["title"])][role] if contacted else "",
            "mode": mode,
            "mode_evidence": mode_ev,
            "degree": degree,
            "rating": rating,
            "rating_evidence": rating_ev,
            "contacted": contacted,
            "results": results,
            "personal_win": win,
            "added_at": doc.stamp(-spec["created"] + 3 * n, 12),
        }
        if seen is not None:
            row["last_contacted_on"] = seen.at[:10]
            if mode is not None:
                row.update(mode_confirmed_at=seen.at, mode_confirmed_by_id=seen.id)
            if rating is not None:
                if n == 0 and spec["position"] is not None and spec["position"] < 0:
                    # an old judgement the rep has not revisited: stale evidence to flag
                    row["rating_confirmed_at"] = doc.stamp(-75, 15)
                else:
                    row.update(rating_confirmed_at=seen.at, rating_confirmed_by_id=seen.id)
        elif contacted:
            row["last_contacted_on"] = doc.day(-80)
        influences.append(doc.add("influences", **row))
    bullets = [
        doc.add(
            "bullets",
            deal_id=deal_id,
            category=cat,
            text=text,
            influence_id=None if inf is None else influences[inf],
            created_at=doc.stamp(-spec["created"] + 5 + n, 16),
        )
        for n, (cat, text, inf) in enumerate(spec["bullets"])
    ]
    landmines = [
        doc.add(
            "landmines",
            deal_id=deal_id,
            category=cat,
            text=text,
            influence_id=None if inf is None else influences[inf],
            bullet_id=None if bullet is None else bullets[bullet],
            resolved=resolved,
            created_at=doc.stamp(-spec["created"] + 2 + n, 16),
        )
        for n, (cat, text, inf, bullet, resolved) in enumerate(spec["landmines"])
    ]
    for who, what, due, done, mine, target in spec["actions"]:
        doc.add(
            "best_actions",
            deal_id=deal_id,
            who=who,
            what=what,
            due=doc.day(due),
            done=done,
            done_on=doc.day(due - 1) if done else None,
            landmine_id=None if mine is None else landmines[mine],
            target=target,
            created_at=doc.stamp(min(due, 0) - 10, 17),
        )
    for n, (signal, answer) in enumerate(zip(SIGNAL_IDS, spec["signals"], strict=False)):
        if answer != "-":
            doc.add(
                "signal_answers",
                deal_id=deal_id,
                signal=signal,
                answer={"g": "good", "b": "bad", "u": "unknown"}[answer],
                answered_at=doc.stamp(-2 - n % 9, 17, 10),
            )
    if "review" in spec:
        ago, score, comments = spec["review"]
        doc.add(
            "deal_reviews",
            deal_id=deal_id,
            reviewed_on=doc.day(-ago),
            comments=comments,
            score=score,
            snapshot=_snapshot(doc, spec, deal_id, influences, landmines),
        )


def _snapshot(
    doc: _Doc, spec: Row, deal_id: int, influences: list[int], landmines: list[int]
) -> str:
    """The sheet as it stood at the review: one step less sure, one landmine fewer."""
    deal = doc.row("deals", deal_id)
    sheet = {
        "deal": {
            "title": deal["title"],
            "amount": deal["amount"],
            "status": deal["status"],
            "funnel": deal["funnel"],
            "position": (deal["position"] or 0) - 1,
            "alternate_position": deal["alternate_position"],
        },
        "influences": [
            {k: doc.row("influences", i)[k] for k in ("id", "contact_id", "role", "mode", "rating")}
            for i in influences
        ],
        "landmines": [
            {k: doc.row("landmines", i)[k] for k in ("id", "category", "text")}
            | {"resolved": False}
            for i in landmines[:-1]
        ],
    }
    return json.dumps(sheet, ensure_ascii=False, sort_keys=True)


def _add_next_step(
    doc: _Doc, acct: _Acct, account_id: int, deal_id: int | None, acts: list[_Act]
) -> None:
    """The account's one open follow-up, unless it deliberately has none."""
    step = NEXT_STEPS.get(acct.key)
    if step is None or acct.key in ARCHIVED:
        return
    due, purpose = step
    last = acts[-1] if acts else None
    if deal_id is not None and doc.row("deals", deal_id)["outcome"] != "open":
        deal_id = None  # the next step is new business, not the closed deal
    snoozes = SNOOZED.get(acct.key, 0)
    doc.add(
        "follow_ups",
        account_id=account_id,
        contact_id=last.contact_id if last else None,
        deal_id=deal_id,
        due=doc.day(due),
        purpose=purpose,
        snoozed_from=doc.day(due - 7) if snoozes else None,
        snooze_count=snoozes,
        created_at=last.at if last else doc.stamp(-3, 18, 0, acct.tz),
    )


def _add_purchases(doc: _Doc, acct: _Acct, account_id: int) -> None:
    """Past purchases in the same months each year, so a buying season can be predicted."""
    if acct.key not in PURCHASES:
        return
    months, base, years = PURCHASES[acct.key]
    dormant = acct.rel == "dormant"
    day = doc.rng.randint(3, 26)
    products = PURCHASE_PRODUCTS[acct.lang]
    for back in range(years, -1, -1):
        for n, month in enumerate(months):
            on = _shift_years(_month_day(doc.today, month, day), back)
            if on >= doc.today or (dormant and back < 2):
                continue
            amount = round(base * doc.rng.uniform(0.85, 1.2), -3)
            doc.add(
                "purchases",
                account_id=account_id,
                purchased_on=on.isoformat(),
                amount=amount,
                product=products[(n + back) % len(products)],
            )


def _finish_account(doc: _Doc, acct: _Acct, account_id: int, acts: list[_Act]) -> None:
    """Heat from the history, and the purchase the won deal became."""
    klass = None if acct.klass == "-" else acct.klass
    row = doc.row("accounts", account_id)
    row["heat"] = _heat([(a.ago, a.outcome or "") for a in acts], klass)
    row["updated_at"] = acts[-1].at if acts else row["created_at"]
    won = [a for a in acts if a.outcome == "won"]
    if won:
        deal = next(d for d in doc.tables["deals"] if d["account_id"] == account_id)
        doc.add(
            "purchases",
            account_id=account_id,
            purchased_on=won[-1].at[:10],
            amount=deal["amount"],
            product=deal["product"],
            notes=deal["title"],
        )


def write_demo(*, today: dt.date, force: bool, db_path: Path, settings: Settings) -> dict[str, int]:
    """Load the demo into the open database, backing up and replacing data only with `force`."""
    from followup_tui.db import transfer
    from followup_tui.db.database import backup_file
    from followup_tui.db.heat_cache import mark_heat_current, refresh_heat

    if transfer.holds_data():
        if not force:
            raise FollowupError(
                f"{db_path} already holds data; open it with `followup`, or use --force to "
                "replace it (a backup is kept)"
            )
        backup_file(Path(db_path), "pre-demo")
    counts = transfer.import_document(build_demo(today), replace=force)
    refresh_heat(settings)
    mark_heat_current(settings)
    return counts
