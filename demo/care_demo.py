# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo history of a B2B distributor of water and industrial equipment.

``demo/care_demo_data.xml`` creates the sales organisation and the catalogue,
then calls :meth:`SaleCareDemo._generate` once.  The generator creates forty
customer companies and their history, every date relative to today, through
the ORM as users would (posted invoices and credit notes, confirmed orders,
validated deliveries, opportunities, activities, logged notes), replays the
monthly evaluation of the last twelve months so that the tier and stage
histories tell a story, and ends with the evaluation of every customer.

Each customer below is written for one tier and one relationship stage (the
comment above it); together they cover every tier (VIP, A, B, C, D, none) and
every stage (potential, approaching, new, loyal, dormant).  Amounts are in the
company currency; ``random.Random(SEED)`` makes every run identical for a
given day.
"""

import random
import unicodedata
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models

MODULE = "sale_customer_care"
SEED = 2026

SALESPEOPLE = {
    "anna": "demo_user_anna",
    "bao": "demo_user_bao",
    "csaba": "demo_user_csaba",
    "dung": "demo_user_dung",
}

PRODUCT_LINES = {
    "pumps": "demo_categ_pumps",
    "pipes": "demo_categ_pipes",
    "electrical": "demo_categ_electrical",
    "tools": "demo_categ_tools",
    "safety": "demo_categ_safety",
}

ACTIVITY_TYPES = {
    "call": "mail.mail_activity_data_call",
    "meeting": "mail.mail_activity_data_meeting",
    "todo": "mail.mail_activity_data_todo",
    "email": "mail.mail_activity_data_email",
}

OPPORTUNITY_STAGES = {
    "new": "crm.stage_lead1",
    "qualified": "crm.stage_lead2",
    "proposition": "crm.stage_lead3",
}

# A customer: address, salesperson (key of SALESPEOPLE), product lines it buys
# (keys of PRODUCT_LINES), contacts (name, job position), and its history:
#   invoices      (first, last, count, amount[, growth]): ``count`` invoices of
#                 about ``amount`` each, evenly spread from ``first`` to ``last``
#                 days ago; ``growth`` tilts the amounts (+0.3: from 70 % to 130 %)
#   refunds       [(days ago, amount, reason)]: credit notes
#   orders        [(days ago, amount, state)]: state is "quotation", "confirmed",
#                 "delivered" or "invoiced" (delivered, then invoiced two days later)
#   opportunity   (name, expected revenue, stage key or "lost", days to closing)
#   lead_activity (type, days from today, summary): planned on the opportunity
#   activities    [(type, days from today, summary)]: planned on the customer
#   done          [(days ago, type, summary, feedback)]: activities done
#   notes         [(days ago, text)]: notes logged on the customer
CUSTOMERS = [
    # ---- VIP, loyal: two years of orders every other week ------------------
    {
        "key": "saigon_water",
        "name": "Saigon Water Supply JSC",
        "street": "12 Pasteur, Ben Nghe Ward",
        "city": "Ho Chi Minh City",
        "zip": "700000",
        "country": "vn",
        "state": "VN-SG",
        "salesperson": "bao",
        "lines": ("pumps", "pipes", "electrical"),
        "contacts": [
            ("Lê Thị Hương", "Purchasing Manager"),
            ("Võ Minh Tuấn", "Technical Director"),
        ],
        "invoices": (725, 3, 60, 10000),
        "refunds": [(120, 6000, "Return of two damaged pumps")],
        "orders": [(40, 24000, "invoiced"), (6, 15000, "delivered"), (2, 9000, "confirmed")],
        "opportunity": ("Booster pump station upgrade, District 7", 185000, "proposition", 45),
        "lead_activity": ("meeting", 8, "Present the technical offer to the board"),
        "activities": [("meeting", 10, "Quarterly business review")],
        "notes": [
            (
                12,
                (
                    "Visit report: the board approved the new booster station; tender "
                    "expected next quarter. They want local stock of spare seals."
                ),
            ),
        ],
    },
    # ---- VIP, loyal, growing (Tier A a year ago) ---------------------------
    {
        "key": "danube_utilities",
        "name": "Duna Közművek Zrt.",
        "street": "Váci út 76",
        "city": "Budapest",
        "zip": "1133",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes", "electrical"),
        "contacts": [
            ("Nagy Péter", "Head of Procurement"),
            ("Horváth Eszter", "Maintenance Manager"),
        ],
        "invoices": (715, 6, 56, 9000, 0.3),
        "orders": [(25, 18000, "invoiced"), (3, 12000, "confirmed")],
        "opportunity": (
            "Framework agreement next year: pumps and spare parts",
            320000,
            "proposition",
            60,
        ),
    },
    # ---- Tier A, loyal -----------------------------------------------------
    {
        "key": "hanoi_industrial",
        "name": "Hanoi Industrial Park Services Co., Ltd.",
        "street": "45 Pham Van Dong",
        "city": "Hanoi",
        "zip": "100000",
        "country": "vn",
        "state": "VN-HN",
        "salesperson": "dung",
        "lines": ("pumps", "electrical", "safety"),
        "contacts": [("Đỗ Văn Hùng", "Chief Engineer")],
        "invoices": (710, 12, 34, 9000),
        "orders": [(15, 11000, "delivered")],
        "opportunity": ("Fire-fighting pump sets for the new plant", 60000, "qualified", 30),
        "done": [
            (
                40,
                "meeting",
                "Plant visit",
                "Walked the new plant with the chief engineer; fire-fighting pumps still open.",
            ),
        ],
    },
    {
        "key": "bayern_haustechnik",
        "name": "Bayern Haustechnik GmbH",
        "street": "Landsberger Straße 110",
        "city": "München",
        "zip": "80339",
        "country": "de",
        "state": "DE-BY",
        "salesperson": "csaba",
        "lines": ("pumps", "pipes", "electrical"),
        "contacts": [("Thomas Huber", "Purchasing Manager")],
        "invoices": (690, 8, 30, 8500),
        "orders": [(30, 9000, "invoiced"), (1, 7000, "quotation")],
    },
    # ---- Tier A, new: a big customer won this year -------------------------
    {
        "key": "mekong_aqua",
        "name": "Mekong Aqua Processing JSC",
        "street": "88 Tran Hung Dao",
        "city": "Can Tho",
        "zip": "900000",
        "country": "vn",
        "state": "VN-CT",
        "salesperson": "bao",
        "lines": ("pumps", "pipes"),
        "contacts": [("Huỳnh Thị Mai", "Plant Manager")],
        "invoices": (320, 6, 14, 9500),
        "orders": [(9, 8000, "delivered")],
        "activities": [("call", -2, "Satisfaction call after the first deliveries")],
    },
    # ---- Tier B, loyal -----------------------------------------------------
    {
        "key": "debrecen_agro",
        "name": "Debreceni Agrár-Technika Kft.",
        "street": "Böszörményi út 138",
        "city": "Debrecen",
        "zip": "4032",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes", "tools"),
        "contacts": [("Kiss Gábor", "Managing Director")],
        "invoices": (600, 25, 16, 4800),
        "refunds": [(45, 1200, "Price adjustment on irrigation pipes")],
        "orders": [(4, 4500, "confirmed")],
        "notes": [(25, "Irrigation season is over; they plan to renew two pump stations.")],
    },
    # ---- Tier B, loyal, falling (Tier A a year ago) ------------------------
    {
        "key": "hamburg_hafen",
        "name": "Hamburger Hafentechnik GmbH",
        "street": "Am Sandtorkai 50",
        "city": "Hamburg",
        "zip": "20457",
        "country": "de",
        "state": "DE-HH",
        "salesperson": "csaba",
        "lines": ("pumps", "pipes", "tools"),
        "contacts": [("Jan Petersen", "Head of Maintenance"), ("Svenja Möller", "Buyer")],
        "invoices": (720, 30, 30, 6000, -0.55),
        "refunds": [(200, 3000, "Return of unused fittings")],
        "activities": [("meeting", 4, "Review the falling orders with purchasing")],
    },
    {
        "key": "haiphong_shipyard",
        "name": "Hai Phong Shipyard Supplies Co.",
        "street": "21 Le Thanh Tong",
        "city": "Hai Phong",
        "zip": "180000",
        "country": "vn",
        "state": "VN-HP",
        "salesperson": "dung",
        "lines": ("pipes", "tools", "safety"),
        "contacts": [("Bùi Quang Vinh", "Procurement Officer")],
        "invoices": (650, 10, 14, 6000),
        "refunds": [(60, 4000, "Return of damaged steel pipes")],
    },
    # ---- Tier B, loyal, growing (Tier C a year ago) ------------------------
    {
        "key": "leipzig_anlagenbau",
        "name": "Leipziger Anlagenbau AG",
        "street": "Prager Straße 200",
        "city": "Leipzig",
        "zip": "04299",
        "country": "de",
        "state": "DE-SN",
        "salesperson": "csaba",
        "lines": ("electrical", "tools"),
        "contacts": [("Katrin Schulz", "Project Manager")],
        "invoices": (700, 18, 22, 3500, 0.6),
        "opportunity": ("Electrical retrofit of hall 3", 45000, "qualified", 60),
    },
    # ---- Tier B, new -------------------------------------------------------
    {
        "key": "szeged_thermal",
        "name": "Szegedi Termálvíz Kft.",
        "street": "Kossuth Lajos sugárút 12",
        "city": "Szeged",
        "zip": "6724",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes"),
        "contacts": [("Tóth Zsófia", "Operations Manager")],
        "invoices": (300, 15, 8, 5200),
        "orders": [(11, 5000, "delivered")],
        "activities": [("todo", 14, "Prepare a framework agreement proposal")],
    },
    # ---- Tier B, dormant: a regular customer who stopped ordering ----------
    {
        "key": "danang_resort",
        "name": "Da Nang Riverside Resort Co.",
        "street": "150 Vo Nguyen Giap",
        "city": "Da Nang",
        "zip": "550000",
        "country": "vn",
        "state": "VN-DN",
        "salesperson": "bao",
        "lines": ("pumps", "pipes"),
        "contacts": [("Phan Thanh Bình", "Facility Manager")],
        "invoices": (600, 100, 16, 5000),
        "activities": [("call", 3, "Win-back call: no order for more than three months")],
    },
    # ---- Tier C, loyal -----------------------------------------------------
    {
        "key": "gyor_automotive",
        "name": "Győri Járműipari Szerviz Kft.",
        "street": "Ipar utca 5",
        "city": "Győr",
        "zip": "9027",
        "country": "hu",
        "salesperson": "csaba",
        "lines": ("electrical", "tools", "safety"),
        "invoices": (500, 50, 6, 3000),
        "orders": [(20, 3500, "quotation")],
    },
    {
        "key": "binh_duong_textile",
        "name": "Binh Duong Textile Co., Ltd.",
        "street": "9 Binh Duong Boulevard",
        "city": "Thu Dau Mot",
        "zip": "820000",
        "country": "vn",
        "state": "VN-SG",
        "salesperson": "bao",
        "lines": ("electrical", "safety"),
        "invoices": (450, 30, 5, 2200),
    },
    {
        "key": "miskolc_steel",
        "name": "Miskolci Acélszerkezet Kft.",
        "street": "Kandó Kálmán utca 4",
        "city": "Miskolc",
        "zip": "3534",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pipes", "tools", "safety"),
        "contacts": [("Varga László", "Workshop Manager")],
        "invoices": (600, 20, 7, 2500),
        "refunds": [(80, 1500, "Price adjustment")],
    },
    # ---- Tier C, new -------------------------------------------------------
    {
        "key": "pecs_municipal",
        "name": "Pécsi Városüzemeltetés Zrt.",
        "street": "Rákóczi út 32",
        "city": "Pécs",
        "zip": "7621",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "safety"),
        "invoices": (250, 35, 3, 2800),
    },
    {
        "key": "bac_ninh_electronics",
        "name": "Bac Ninh Electronics Assembly Co.",
        "street": "Lot 12, Que Vo Industrial Park",
        "city": "Bac Ninh",
        "zip": "220000",
        "country": "vn",
        "state": "VN-56",
        "salesperson": "dung",
        "lines": ("electrical", "tools"),
        "contacts": [("Ngô Thị Lan", "Purchasing Assistant")],
        "invoices": (150, 15, 2, 3500),
    },
    {
        "key": "dong_nai_packaging",
        "name": "Dong Nai Packaging JSC",
        "street": "Amata Industrial Park, Road 2",
        "city": "Bien Hoa",
        "zip": "810000",
        "country": "vn",
        "state": "VN-39",
        "salesperson": "bao",
        "lines": ("electrical", "safety"),
        "invoices": (200, 60, 3, 2400),
    },
    # ---- Tier C, dormant ---------------------------------------------------
    {
        "key": "stuttgart_fluid",
        "name": "Stuttgarter Fluidtechnik GmbH",
        "street": "Heilbronner Straße 150",
        "city": "Stuttgart",
        "zip": "70191",
        "country": "de",
        "state": "DE-BW",
        "salesperson": "csaba",
        "lines": ("pumps", "pipes"),
        "contacts": [("Markus Weber", "Technical Buyer")],
        "invoices": (420, 130, 5, 2400),
    },
    # ---- Tier D, loyal: buys every season, small amounts -------------------
    {
        "key": "koln_gebaeude",
        "name": "Kölner Gebäudetechnik GmbH",
        "street": "Aachener Straße 300",
        "city": "Köln",
        "zip": "50933",
        "country": "de",
        "state": "DE-NW",
        "salesperson": "csaba",
        "lines": ("pipes", "safety"),
        "invoices": (420, 70, 3, 1200),
    },
    # ---- Tier D, loyal: revenue cut by a credit note -----------------------
    {
        "key": "rhein_main_fm",
        "name": "Rhein-Main Facility Services GmbH",
        "street": "Hanauer Landstraße 120",
        "city": "Frankfurt am Main",
        "zip": "60314",
        "country": "de",
        "state": "DE-HE",
        "salesperson": "csaba",
        "lines": ("pumps", "safety"),
        "contacts": [("Sabine Keller", "Property Manager")],
        "invoices": (500, 40, 5, 2000),
        "refunds": [(30, 2500, "Return of unused pumps")],
    },
    # ---- Tier D, new: one big order, one invoice ---------------------------
    {
        "key": "vung_tau_offshore",
        "name": "Vung Tau Offshore Services",
        "street": "65 Tran Phu",
        "city": "Vung Tau",
        "zip": "790000",
        "country": "vn",
        "state": "VN-SG",
        "salesperson": "bao",
        "lines": ("pumps", "tools"),
        "contacts": [("Trịnh Công Sơn", "Logistics Manager")],
        "invoices": (20, 20, 1, 12000),
    },
    # ---- Tier D, new: a first small order ----------------------------------
    {
        "key": "kecskemet_greenhouse",
        "name": "Kecskeméti Üvegház Kft.",
        "street": "Szolnoki út 45",
        "city": "Kecskemét",
        "zip": "6000",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pipes",),
        "invoices": (45, 45, 1, 1800),
    },
    # ---- Tier D, dormant ---------------------------------------------------
    {
        "key": "hue_medical",
        "name": "Hue Medical Facilities Co.",
        "street": "16 Le Loi",
        "city": "Hue",
        "zip": "530000",
        "country": "vn",
        "state": "VN-26",
        "salesperson": "dung",
        "lines": ("pumps", "safety"),
        "invoices": (300, 200, 2, 1500),
        "notes": [(110, "Maintenance budget frozen until next year.")],
    },
    # ---- No tier, dormant: bought only last year ---------------------------
    {
        "key": "nha_trang_hotel",
        "name": "Nha Trang Bay Hotel Group",
        "street": "78 Tran Phu",
        "city": "Nha Trang",
        "zip": "650000",
        "country": "vn",
        "state": "VN-34",
        "salesperson": "bao",
        "lines": ("pumps", "pipes"),
        "invoices": (700, 420, 6, 3000),
    },
    {
        "key": "sopron_brewery",
        "name": "Soproni Sörfőzde Kft.",
        "street": "Győri út 32",
        "city": "Sopron",
        "zip": "9400",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes"),
        "contacts": [("Molnár Ádám", "Brewmaster")],
        "invoices": (690, 380, 4, 3500),
        "opportunity": ("Reactivation: brewhouse valve replacement", 12000, "new", 30),
    },
    {
        "key": "berlin_baustoff",
        "name": "Berliner Baustoffhandel GmbH",
        "street": "Storkower Straße 99",
        "city": "Berlin",
        "zip": "10407",
        "country": "de",
        "state": "DE-BE",
        "salesperson": "csaba",
        "lines": ("pipes", "tools"),
        "invoices": (640, 400, 5, 2800),
        "activities": [("todo", 7, "Send the new catalogue and price list")],
    },
    # ---- No tier, new: first order confirmed, not invoiced yet -------------
    {
        "key": "thai_nguyen_mining",
        "name": "Thai Nguyen Mining Equipment JSC",
        "street": "3 Luong Ngoc Quyen",
        "city": "Thai Nguyen",
        "zip": "250000",
        "country": "vn",
        "state": "VN-69",
        "salesperson": "dung",
        "lines": ("pumps", "electrical"),
        "contacts": [("Lý Văn Đức", "Mine Engineer")],
        "orders": [(12, 6500, "delivered")],
    },
    {
        "key": "eger_winery",
        "name": "Egri Borászat Kft.",
        "street": "Mátyás király út 8",
        "city": "Eger",
        "zip": "3300",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes"),
        "orders": [(5, 2800, "confirmed")],
    },
    # ---- No tier, approaching: opportunities, activities, notes ------------
    {
        "key": "quang_ninh_coal",
        "name": "Quang Ninh Coal Processing Co.",
        "street": "102 Le Thanh Tong",
        "city": "Ha Long",
        "zip": "200000",
        "country": "vn",
        "state": "VN-13",
        "salesperson": "dung",
        "lines": ("pumps", "electrical", "safety"),
        "contacts": [("Hoàng Văn Nam", "Deputy Director")],
        "opportunity": ("Dewatering pumps for the open pit", 95000, "proposition", 20),
        "orders": [(8, 48000, "quotation")],
    },
    {
        "key": "nuremberg_klinikum",
        "name": "Klinikum Nürnberg Technik GmbH",
        "street": "Prof.-Ernst-Nathan-Straße 1",
        "city": "Nürnberg",
        "zip": "90419",
        "country": "de",
        "state": "DE-BY",
        "salesperson": "csaba",
        "lines": ("pumps", "pipes"),
        "contacts": [("Dr. Andrea Fischer", "Head of Technical Services")],
        "opportunity": ("Heating circuit pumps, building C", 38000, "qualified", 40),
        "lead_activity": ("meeting", 6, "Site visit at the boiler house"),
    },
    {
        "key": "vinh_long_aquafarm",
        "name": "Vinh Long Aquafarm Co-operative",
        "street": "27 Pham Thai Buong",
        "city": "Vinh Long",
        "zip": "890000",
        "country": "vn",
        "state": "VN-49",
        "salesperson": "bao",
        "lines": ("pumps", "pipes"),
        "activities": [("call", 2, "First call with the technical director")],
    },
    {
        "key": "veszprem_chem",
        "name": "Veszprémi Vegyipari Kft.",
        "street": "Házgyári út 6",
        "city": "Veszprém",
        "zip": "8200",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "safety"),
        "contacts": [("Balogh Krisztina", "Plant Engineer")],
        "notes": [
            (
                20,
                (
                    "Visited the plant: they replace about 30 valves a year. "
                    "They expect our quotation within two weeks."
                ),
            ),
        ],
    },
    {
        "key": "can_gio_port",
        "name": "Can Gio Port Logistics JSC",
        "street": "5 Rung Sac",
        "city": "Can Gio",
        "zip": "700000",
        "country": "vn",
        "state": "VN-SG",
        "salesperson": "bao",
        "lines": ("pumps", "safety"),
        "done": [
            (
                35,
                "call",
                "Introductory call",
                "Presented our pump range; they asked for the catalogue.",
            ),
        ],
    },
    {
        "key": "dresden_pharma",
        "name": "Dresden Pharma Produktion GmbH",
        "street": "Tatzberg 47",
        "city": "Dresden",
        "zip": "01307",
        "country": "de",
        "state": "DE-SN",
        "salesperson": "csaba",
        "lines": ("pipes",),
        "opportunity": ("Clean-room piping", 22000, "new", 75),
    },
    # ---- No tier, potential: known, not approached (lately) ----------------
    {
        "key": "budapest_epuletgepeszet",
        "name": "Budapesti Épületgépészet Kft.",
        "street": "Dózsa György út 84",
        "city": "Budapest",
        "zip": "1068",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes"),
    },
    {
        "key": "tan_an_food",
        "name": "Tan An Food Processing Co.",
        "street": "18 Hung Vuong",
        "city": "Tan An",
        "zip": "850000",
        "country": "vn",
        "state": "VN-37",
        "salesperson": "bao",
        "lines": ("pumps", "safety"),
    },
    {
        "key": "bremen_logistik",
        "name": "Bremer Logistik Service GmbH",
        "street": "Überseetor 18",
        "city": "Bremen",
        "zip": "28217",
        "country": "de",
        "state": "DE-HB",
        "salesperson": "csaba",
        "lines": ("tools", "safety"),
        "notes": [(150, "Met at the trade fair in Hamburg; no project for now.")],
    },
    {
        "key": "nam_dinh_dyeing",
        "name": "Nam Dinh Textile Dyeing JSC",
        "street": "40 Tran Hung Dao",
        "city": "Nam Dinh",
        "zip": "420000",
        "country": "vn",
        "state": "VN-18",
        "salesperson": "dung",
        "lines": ("pumps", "pipes"),
        "done": [
            (200, "call", "Cold call", "Not interested this year; call again next spring."),
        ],
    },
    {
        "key": "nyirseg_dairy",
        "name": "Nyírségi Tejfeldolgozó Zrt.",
        "street": "Debreceni út 105",
        "city": "Nyíregyháza",
        "zip": "4400",
        "country": "hu",
        "salesperson": "anna",
        "lines": ("pumps", "pipes"),
        "opportunity": ("Milk line valves", 8000, "lost", -90),
    },
    {
        "key": "ha_long_cruise",
        "name": "Ha Long Bay Cruise Services",
        "street": "9 Bai Chay",
        "city": "Ha Long",
        "zip": "200000",
        "country": "vn",
        "state": "VN-13",
        "salesperson": "dung",
        "lines": ("pumps", "safety"),
    },
]


class SaleCareDemo(models.AbstractModel):
    _name = "sale.care.demo"
    _description = "Customer Care Demo Data"

    @api.model
    def _generate(self):
        """Create the demo customers and their history (once)."""
        if self.env.ref(f"{MODULE}.demo_customer_{CUSTOMERS[0]['key']}", raise_if_not_found=False):
            return False
        company = self.env.ref("base.main_company")
        demo = self._demo_env(company)
        today = fields.Date.context_today(demo)
        rng = random.Random(SEED)
        demo._demo_check_accounting(company)
        customers = demo._demo_customers()
        demo._demo_stock(company, today)
        demo._demo_invoices(customers, company, today, rng)
        demo._demo_interactions(customers, today)
        demo._demo_past_evaluations(customers, company, today)
        demo._demo_opportunities(customers, company, today)
        demo._demo_orders(customers, company, today, rng)
        demo._demo_sales_analysis(customers, company, today)  # issue 11
        self.env["customer.care.evaluation"]._evaluate_all()
        demo._demo_care_teams(customers, today)
        demo._demo_commitments(customers, company, today)
        demo._demo_plans(company, today)
        return True

    @api.model
    def _demo_env(self, company):
        """The generators run as superuser in the demo company, without
        tracking, logging nor notifications (history is written as it was)."""
        return (
            self.sudo()
            .with_company(company)
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                mail_auto_subscribe_no_notify=True,
                mail_activity_quick_update=True,
            )
        )

    @api.model
    def _demo_care_teams(self, customers, today):
        """Every customer has its salesperson as account manager (layer 1,
        from the salesperson field).  Most VIP and A customers also get a
        backup and the team leader as supervisor, some B customers a backup;
        the others stay under-covered for the Care Coverage screen."""
        salespeople = [self._demo_ref(xmlid) for xmlid in SALESPEOPLE.values()]
        leader = self._demo_ref("demo_user_lead")
        vals_list = []
        tiered = sorted(
            (c for c in customers.values() if c.customer_tier_id.code in ("VIP", "A", "B")),
            key=lambda c: (c.customer_tier_id.sequence, c.id),
        )
        for index, customer in enumerate(tiered):
            code = customer.customer_tier_id.code
            if code == "B" and index % 2 or code == "A" and index % 3 == 2:
                continue  # left under-covered
            manager = customer.user_id
            if manager not in salespeople:
                continue
            backup = salespeople[(salespeople.index(manager) + 1) % len(salespeople)]
            start = today - relativedelta(months=6 + index % 6)
            vals_list.append(
                {
                    "partner_id": customer.id,
                    "user_id": backup.id,
                    "layer": "2",
                    "date_start": start,
                    "note": "Knows the buyers; covers holidays.",
                }
            )
            if code in ("VIP", "A"):
                vals_list.append(
                    {
                        "partner_id": customer.id,
                        "user_id": leader.id,
                        "layer": "3",
                        "date_start": start,
                    }
                )
        self.env["customer.care.member"].create(vals_list)

    @api.model
    def _demo_commitments(self, customers, company, today):
        """Framework agreements: the two largest customers committed for the
        year (one on track, one behind), a third one still to sign."""
        ranked = sorted(
            (c for c in customers.values() if c.customer_tier_id.code in ("VIP", "A")),
            key=lambda c: -c.revenue_12m,
        )
        start = today.replace(day=1) - relativedelta(months=6)
        end = start + relativedelta(years=1, days=-1)
        Commitment = self.env["sale.revenue.commitment"]
        for customer, factor, state in zip(
            ranked[:3], (0.9, 1.8, 1.1), ("active", "active", "draft"), strict=False
        ):
            commitment = Commitment.create(
                {
                    "name": f"{today.year} framework agreement",
                    "partner_id": customer.id,
                    "user_id": customer.user_id.id,
                    "date_start": start,
                    "date_end": end,
                    "amount": round(customer.revenue_12m * factor, -3),
                    "company_id": company.id,
                }
            )
            if state == "active":
                commitment.action_activate()

    @api.model
    def _demo_plans(self, company, today):
        """Monthly plans of the four salespeople: this month's proposed from
        their customers (approved, submitted, draft, returned), last month's
        closed with the same customers and their next actions."""
        Plan = self.env["sale.monthly.plan"].with_company(company)
        month = today.replace(day=1)
        previous = month - relativedelta(months=1)
        states = {"anna": "approved", "bao": "submitted", "csaba": "approved", "dung": "draft"}
        actions = [
            "Present the new pump range",
            "Check stock levels with the buyer",
            "Invite to the spring trade fair",
            "Follow up on the quotation",
            "Ask for the yearly volume forecast",
        ]
        for key, xmlid in SALESPEOPLE.items():
            user = self._demo_ref(xmlid)
            plan = Plan.create({"user_id": user.id, "date": month, "company_id": company.id})
            plan.action_propose_lines()
            for index, line in enumerate(plan.line_ids):
                line.next_action = actions[index % len(actions)]
            last = Plan.create(
                {
                    "user_id": user.id,
                    "date": previous,
                    "company_id": company.id,
                    "line_ids": [
                        Command.create({"partner_id": partner.id})
                        for partner in plan.line_ids.partner_id
                    ],
                }
            )
            expected = last._expected_defaults(last.line_ids.partner_id)
            for index, line in enumerate(last.line_ids):
                line.write(
                    {
                        "expected_revenue": expected.get(line.partner_id.id, 0.0),
                        "planned_calls": 1 + index % 2,
                        "next_action": actions[(index + 2) % len(actions)],
                    }
                )
            last.write({"state": "closed"})
            if states[key] in ("submitted", "approved"):
                plan.action_submit()
            if states[key] == "approved":
                plan.write({"state": "approved"})
                plan.action_schedule_activities()
        returned = Plan.search([("user_id", "=", self._demo_ref(SALESPEOPLE["dung"]).id)], limit=1)
        returned.return_reason = "Add the prospects met at the trade fair."

    # ------------------------------------------------------------------
    # Customers and stock
    # ------------------------------------------------------------------
    @api.model
    def _demo_check_accounting(self, company):
        """Invoices need a sales journal.  Account's own demo data gives the
        main company the generic chart of accounts; should it have none, load
        it the same way."""
        journals = self.env["account.journal"].search_count(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        if not journals:
            self.env["account.chart.template"].try_loading(
                "generic_coa", company, install_demo=True
            )

    @api.model
    def _demo_customers(self):
        """``{key: partner}`` for CUSTOMERS, with their contacts and xml ids."""
        vals_list = []
        for spec in CUSTOMERS:
            country = self.env.ref(f"base.{spec['country']}")
            state = self.env["res.country.state"]
            if spec.get("state"):
                state = state.search(
                    [("country_id", "=", country.id), ("code", "=", spec["state"])], limit=1
                )
            domain = spec["key"].replace("_", "-") + ".example.com"
            vals_list.append(
                {
                    "name": spec["name"],
                    "is_company": True,
                    "street": spec["street"],
                    "city": spec["city"],
                    "zip": spec["zip"],
                    "country_id": country.id,
                    "state_id": state.id,
                    "email": f"info@{domain}",
                    "website": f"https://www.{domain}",
                    "user_id": self._demo_user(spec).id,
                    "child_ids": [
                        Command.create(
                            {
                                "name": name,
                                "function": function,
                                "email": f"{self._demo_slug(name)}@{domain}",
                            }
                        )
                        for name, function in spec.get("contacts", ())
                    ],
                }
            )
        partners = self.env["res.partner"].create(vals_list)
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"{MODULE}.demo_customer_{spec['key']}",
                    "record": partner,
                    "noupdate": True,
                }
                for spec, partner in zip(CUSTOMERS, partners, strict=True)
            ]
        )
        return {spec["key"]: partner for spec, partner in zip(CUSTOMERS, partners, strict=True)}

    @api.model
    def _demo_stock(self, company, today):
        """Initial stock of every demo product, counted a year ago."""
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        products = self.env["product.product"].search(
            [("categ_id", "child_of", self._demo_ref("demo_categ_distribution").id)],
            order="default_code",
        )
        quants = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                [
                    {
                        "product_id": product.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "inventory_quantity": 2000 if product.list_price < 250 else 400,
                    }
                    for product in products
                ]
            )
        )
        quants.action_apply_inventory(
            date=datetime.combine(today - relativedelta(years=1), time(8))
        )

    # ------------------------------------------------------------------
    # Invoices and credit notes
    # ------------------------------------------------------------------
    @api.model
    def _demo_invoices(self, customers, company, today, rng):
        """Post every customer's invoices and credit notes, oldest first."""
        vals_list = []
        for spec in CUSTOMERS:
            partner = customers[spec["key"]]
            products = self._demo_products(spec)
            common = {
                "partner_id": partner.id,
                "invoice_user_id": self._demo_user(spec).id,
                "team_id": self._demo_ref("demo_team_distribution").id,
                "company_id": company.id,
            }
            if spec.get("invoices"):
                for day, amount in self._demo_schedule(today, rng, *spec["invoices"]):
                    vals_list.append(
                        dict(
                            common,
                            move_type="out_invoice",
                            invoice_date=day,
                            invoice_line_ids=self._demo_lines(rng, products, amount, "quantity"),
                        )
                    )
            for days_ago, amount, reason in spec.get("refunds", ()):
                vals_list.append(
                    dict(
                        common,
                        move_type="out_refund",
                        invoice_date=self._demo_workday(today - timedelta(days=days_ago)),
                        ref=reason,
                        invoice_line_ids=self._demo_lines(rng, products, amount, "quantity"),
                    )
                )
        vals_list.sort(key=lambda vals: vals["invoice_date"])
        moves = self.env["account.move"].with_company(company).create(vals_list)
        moves.action_post()
        return moves

    @api.model
    def _demo_schedule(self, today, rng, first, last, count, amount, growth=0.0):
        """``[(date, amount)]``: ``count`` dates evenly spread from ``first`` to
        ``last`` days ago (working days, a little irregular), amounts around
        ``amount`` following the ``growth`` trend."""
        if count == 1:
            return [(self._demo_workday(today - timedelta(days=first)), amount)]
        step = (first - last) / (count - 1)
        schedule = []
        for i in range(count):
            days_ago = first - i * step
            if 0 < i < count - 1:
                days_ago += rng.uniform(-0.15, 0.15) * min(step, 60)
            trend = 1 + growth * (2 * i / (count - 1) - 1)
            day = self._demo_workday(today - timedelta(days=round(days_ago)))
            schedule.append((day, amount * trend * rng.uniform(0.9, 1.1)))
        return schedule

    @api.model
    def _demo_lines(self, rng, products, amount, qty_field):
        """Order or invoice lines worth about ``amount``: one to three products
        of the customer's lines, at list price."""
        count = min(len(products), rng.choice((1, 2, 2, 3)))
        picked = rng.sample(list(products), count)
        share = amount / count
        lines = []
        for product in picked:
            if product.list_price > share:
                product = min(products, key=lambda p: p.list_price)
            lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        qty_field: max(1, round(share / product.list_price)),
                        "price_unit": product.list_price,
                    }
                )
            )
        return lines

    # ------------------------------------------------------------------
    # Interactions, evaluation history, opportunities, orders
    # ------------------------------------------------------------------
    @api.model
    def _demo_interactions(self, customers, today):
        """Logged notes, activities done (both dated in the past) and activities
        planned on the customers."""
        for spec in CUSTOMERS:
            user = self._demo_user(spec)
            # the salesperson logs and plans their own interactions
            partner = customers[spec["key"]].with_user(user).sudo()
            for days_ago, text in spec.get("notes", ()):
                message = partner.message_post(
                    body=Markup("<p>%s</p>") % text,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
                message.date = self._demo_datetime(today, days_ago, 16)
            for days_ago, kind, summary, feedback in spec.get("done", ()):
                day = today - timedelta(days=days_ago)
                activity = partner.activity_schedule(
                    ACTIVITY_TYPES[kind], date_deadline=day, summary=summary, user_id=user.id
                )
                messages, _next = activity._action_done(feedback=feedback)
                messages.date = self._demo_datetime(today, days_ago, 11)
                # an activity done long ago was planned long ago
                self.env.cr.execute(
                    "UPDATE mail_activity SET create_date = %s, date_done = %s WHERE id = %s",
                    [self._demo_datetime(today, days_ago + 2, 9), day, activity.id],
                )
                activity.invalidate_recordset(["create_date", "date_done"])
            for kind, days, summary in spec.get("activities", ()):
                partner.activity_schedule(
                    ACTIVITY_TYPES[kind],
                    date_deadline=today + timedelta(days=days),
                    summary=summary,
                    user_id=user.id,
                )

    @api.model
    def _demo_past_evaluations(self, customers, company, today):
        """Replay the monthly evaluation (on the first of each month) over the
        last twelve months, so that tier and stage histories show how the
        customers moved."""
        evaluation = self.env["customer.care.evaluation"]
        partners = self.env["res.partner"].browse([p.id for p in customers.values()])
        Message = self.env["mail.message"]
        start = today.replace(day=1)
        for months in range(12, -1, -1):
            day = start - relativedelta(months=months)
            if day >= today:
                continue
            last_message = Message.search([], order="id desc", limit=1).id
            ids = sorted(partners.ids)
            for batch_ids, facts in evaluation._iter_batches(ids, company, day, select=True):
                evaluation._evaluate_batch(batch_ids, company, day, facts)
            Message.search(
                [
                    ("id", ">", last_message),
                    ("model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                ]
            ).date = datetime.combine(day, time(2))

    @api.model
    def _demo_opportunities(self, customers, company, today):
        """Open opportunities (and a lost one), with their next activities."""
        leads = self.env["crm.lead"]
        for spec in CUSTOMERS:
            if not spec.get("opportunity"):
                continue
            name, revenue, stage, days = spec["opportunity"]
            user = self._demo_user(spec)
            vals = {
                "type": "opportunity",
                "name": name,
                "partner_id": customers[spec["key"]].id,
                "user_id": user.id,
                "team_id": self._demo_ref("demo_team_distribution").id,
                "company_id": company.id,
                "expected_revenue": revenue,
                "date_deadline": today + timedelta(days=days),
            }
            if stage == "lost":
                vals.update(
                    active=False,
                    probability=0,
                    stage_id=self.env.ref(OPPORTUNITY_STAGES["qualified"]).id,
                    lost_reason_id=self.env.ref("crm.lost_reason_1").id,
                )
            else:
                vals["stage_id"] = self.env.ref(OPPORTUNITY_STAGES[stage]).id
            lead = self.env["crm.lead"].with_user(user).sudo().create(vals)
            if spec.get("lead_activity"):
                kind, days, summary = spec["lead_activity"]
                lead.activity_schedule(
                    ACTIVITY_TYPES[kind],
                    date_deadline=today + timedelta(days=days),
                    summary=summary,
                    user_id=user.id,
                )
            leads |= lead
        return leads

    @api.model
    def _demo_orders(self, customers, company, today, rng):
        """Quotations and confirmed orders; some delivered, some of those
        invoiced, all dated in the past."""
        SaleOrder = self.env["sale.order"].with_company(company)
        orders = SaleOrder
        order_dates, states = {}, {}
        for spec in CUSTOMERS:
            partner = customers[spec["key"]]
            user = self._demo_user(spec)
            products = self._demo_products(spec)
            as_user = SaleOrder.with_user(user).sudo()
            for days_ago, amount, state in spec.get("orders", ()):
                order = as_user.create(
                    {
                        "partner_id": partner.id,
                        "user_id": user.id,
                        "team_id": self._demo_ref("demo_team_distribution").id,
                        "company_id": company.id,
                        "order_line": self._demo_lines(rng, products, amount, "product_uom_qty"),
                    }
                )
                order_dates[order] = self._demo_workday(today - timedelta(days=days_ago))
                states[order] = state
                orders |= order
        orders.filtered(lambda o: states[o] != "quotation").action_confirm()
        for order in orders:
            order.date_order = datetime.combine(order_dates[order], time(9))
        for order in orders.filtered(lambda o: states[o] in ("delivered", "invoiced")):
            self._demo_deliver(order, order_dates[order] + timedelta(days=1))
        to_invoice = orders.filtered(lambda o: states[o] == "invoiced")
        for order in to_invoice:
            invoice = order._create_invoices()
            invoice.invoice_date = order_dates[order] + timedelta(days=2)
            invoice.action_post()
        return orders

    @api.model
    def _demo_deliver(self, order, day):
        """Validate the order's delivery in full, dated ``day``."""
        done_at = datetime.combine(day, time(10))
        for picking in order.picking_ids:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.button_validate()
            picking.move_ids.date = done_at
            picking.move_ids.move_line_ids.date = done_at
            picking.date_done = done_at

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _demo_ref(self, name):
        return self.env.ref(f"{MODULE}.{name}")

    @api.model
    def _demo_user(self, spec):
        return self._demo_ref(SALESPEOPLE[spec["salesperson"]])

    @api.model
    def _demo_products(self, spec):
        categories = [self._demo_ref(PRODUCT_LINES[line]).id for line in spec["lines"]]
        return self.env["product.product"].search(
            [("categ_id", "in", categories)], order="default_code"
        )

    @api.model
    def _demo_workday(self, day):
        """The Friday before when ``day`` falls on a weekend."""
        return day - timedelta(days=max(0, day.weekday() - 4))

    @api.model
    def _demo_datetime(self, today, days_ago, hour):
        return datetime.combine(today - timedelta(days=days_ago), time(hour))

    @api.model
    def _demo_slug(self, name):
        """``"Lê Thị Hương"`` -> ``"le.thi.huong"``: a plausible e-mail name."""
        ascii_name = (
            unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
            .encode("ascii", "ignore")
            .decode()
        )
        return ".".join(ascii_name.lower().replace("dr. ", "").split())

    # ------------------------------------------------------------------
    # Sales analysis (issue 11): a falling category in one region, a rising one
    # ------------------------------------------------------------------
    @api.model
    def _demo_sales_analysis(self, customers, company, today):
        """The story of the Sales Analysis, which opens on last month against
        the same month last year: Pipes & Fittings fall, all of it in Ho Chi
        Minh City, where Saigon Water Supply renewed its pipe network a year
        ago (Bao's customer) and has bought no pipes since; Electrical rises
        in Hanoi, where Hanoi Industrial Park fits out its new plant.  Real
        orders, delivered and invoiced in those months, so that the delivered
        quantities stand beside the revenue."""
        last_month = today.replace(day=1) - relativedelta(months=1)
        year_ago = last_month - relativedelta(years=1)
        story = [
            (
                "saigon_water",
                year_ago + timedelta(days=4),
                [("hdpe_pipe", 400), ("steel_pipe", 300), ("flange_kit", 200)],
            ),
            ("saigon_water", year_ago + timedelta(days=14), [("steel_pipe", 250)]),
            (
                "hanoi_industrial",
                last_month + timedelta(days=3),
                [("control_panel", 8), ("inverter", 12)],
            ),
            (
                "hanoi_industrial",
                last_month + timedelta(days=13),
                [("control_panel", 4), ("inverter", 8), ("cable", 10)],
            ),
        ]
        SaleOrder = self.env["sale.order"].with_company(company)
        for key, day, lines in story:
            partner = customers[key]
            user = partner.user_id
            day = self._demo_workday(day)
            order = (
                SaleOrder.with_user(user)
                .sudo()
                .create(
                    {
                        "partner_id": partner.id,
                        "user_id": user.id,
                        "team_id": self._demo_ref("demo_team_distribution").id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": self._demo_ref(f"demo_product_{product}").id,
                                    "product_uom_qty": quantity,
                                }
                            )
                            for product, quantity in lines
                        ],
                    }
                )
            )
            order.action_confirm()
            order.date_order = datetime.combine(day, time(9))
            self._demo_deliver(order, day + timedelta(days=1))
            invoice = order._create_invoices()
            invoice.invoice_date = day + timedelta(days=2)
            invoice.action_post()

    # ------------------------------------------------------------------
    # Growth (issue 11 §3): top customers, whitespace, market potentials
    # ------------------------------------------------------------------
    @api.model
    def _generate_growth(self):
        """The monthly run's growth step on the demo company (top customers
        and their whitespace), then the manager's market surveys: one done by
        the salesperson of the biggest customer on the category it buys most
        (share of wallet shown), one requested on a top customer's whitespace
        and still open (a To-Do activity)."""
        company = self.env.ref("base.main_company")
        if self.env["customer.category.potential"].search_count(
            [("company_id", "=", company.id)], limit=1
        ):
            return False
        demo = self._demo_env(company)
        today = fields.Date.context_today(demo)
        self.env["customer.care.evaluation"].with_company(company)._evaluate_growth(company)
        manager = self._demo_ref("demo_user_manager")
        Potential = self.env["customer.category.potential"].with_user(manager)
        Potential = Potential.with_company(company).with_context(mail_notrack=True)
        # done: the biggest customer's capacity in pumps, which it buys from us
        biggest = self._demo_ref("demo_customer_saigon_water").with_company(company)
        pumps = self._demo_ref(PRODUCT_LINES["pumps"])
        revenue = self.env["sale.care.figures"].get_invoiced_revenue(
            biggest,
            self.env["res.partner"]._care_12m_start(today),
            today,
            ("category",),
            company,
        )
        bought = sum(row["revenue"] for row in revenue if row["category"] == pumps.id)
        surveyor = biggest.user_id
        surveyed = Potential._request_surveys(
            biggest,
            pumps,
            surveyor,
            today - timedelta(days=5),
            "Ask the technical director for next year's pump replacement plan.",
        )
        surveyed.with_user(surveyor).write(
            {
                "potential_amount": round(bought * 2.5, -3),
                "survey_date": today - timedelta(days=12),
                "note": "Two treatment plants, about 40 pump sets a year; two other suppliers "
                "share the rest, one of them on price.",
            }
        )
        surveyed.with_user(surveyor).action_mark_surveyed()
        # requested: a top customer's whitespace, the survey still to do
        whitespace = self.env["customer.whitespace"].search(
            [("company_id", "=", company.id)],
            order="tier_share desc, typical_revenue desc",
            limit=1,
        )
        if whitespace:
            partner = whitespace.partner_id
            Potential._request_surveys(
                partner,
                whitespace.categ_id,
                partner._care_account_manager() or partner.user_id,
                today + timedelta(days=10),
                "Most customers of its tier buy this line from us; they do not. Find out who "
                "supplies them and how much they use a year.",
            )
        return True
