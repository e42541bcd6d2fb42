"""The role catalogue of the city's security organisation (DOMAIN.md) and its reporting chain.

The lower tiers are marked ``confirm``: they come from the national guideline and common practice,
and the city must check them against its own (non-public) 対策基準.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    id: str
    ja: str
    en: str
    typical_ja: str
    typical_en: str
    confirm: bool


ROLES: tuple[Role, ...] = (
    Role(
        "ciso",
        "最高情報セキュリティ責任者 (CISO)",
        "Chief Information Security Officer (CISO)",
        "副市長。最終権限を持ち CSIRT を設置する",
        "Deputy mayor; final authority, sets up the CSIRT",
        False,
    ),
    Role(
        "chief_officer",
        "統括情報セキュリティ責任者",
        "Chief information security officer (IT policy)",
        "情報政策担当部長。CISO に報告する",
        "Head of the IT-policy department; reports to the CISO",
        False,
    ),
    Role(
        "dept_officer",
        "情報セキュリティ責任者",
        "Department security officer",
        "各部長",
        "Department head",
        True,
    ),
    Role(
        "section_manager",
        "情報セキュリティ管理者",
        "Section security manager",
        "各課長",
        "Section chief",
        True,
    ),
    Role(
        "system_admin",
        "情報システム管理者",
        "System administrator",
        "当該システムを所管する課の課長",
        "Chief of the section that runs the system",
        True,
    ),
    Role(
        "system_staff",
        "情報システム担当者",
        "System staff",
        "当該システムを運用する職員",
        "Staff who operate the system",
        True,
    ),
    Role(
        "csirt",
        "CSIRT",
        "CSIRT",
        "責任者・副責任者・管理者・インシデント担当者・所管課長・委託事業者",
        "Lead, deputy, manager, handlers, the affected section's chief, vendors",
        False,
    ),
    Role("staff", "職員等", "Staff", "異常に気付いた者", "Anyone who notices something", False),
    Role(
        "pr",
        "広報担当",
        "Public relations",
        "広報・ウェブサイト・SNS の担当課（SNS はアカウントごとの責任者）",
        "The section for press, the website and SNS (each SNS account's named owner)",
        True,
    ),
    Role(
        "hr",
        "人事担当",
        "Personnel",
        "人事・服務・懲戒を所管する課（懲戒は任命権者が行う）",
        "The personnel section (discipline is decided by the appointing authority)",
        True,
    ),
    Role(
        "facilities",
        "施設管理担当",
        "Facilities",
        "庁舎・電源・空調を管理する課",
        "The section that runs the building, its power and its air conditioning",
        True,
    ),
)

ROLE_BY_ID = {role.id: role for role in ROLES}
