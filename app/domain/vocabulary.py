"""The fixed words of Sonae, in both languages: one table for the screen, the paper, the CSV and
the command line.

A signed record must use the words the responder saw, so no view keeps a label table of its
own: the window, the PDF record and after-action report, the CSV export and the terminal all
take their labels from here (and describe entries through ``app.domain.describe``). Qt's
translations keep only the widgets' own text (buttons, headers, menus).

Where the screen and the paper once disagreed, the word kept is the one the paper used when it
is the administrative term (本番 / 訓練 / 机上訓練, 帳票出力, 期限充足), and otherwise the one
written by the rules of 公用文 (送り仮名: 封じ込め済み, 復旧済み).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.roles import ROLES
from app.i18n import language


@dataclass(frozen=True, slots=True)
class Label:
    """One fixed word or phrase in Japanese and English. A phrase may hold ``{name}`` fields."""

    ja: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or language()) == "en" else self.ja

    def format(self, lang: str | None = None, **values: object) -> str:
        return self.text(lang).format(**values)

    def __str__(self) -> str:
        return self.text()


def _table(pairs: Mapping[str, tuple[str, str]]) -> dict[str, Label]:
    return {key: Label(ja, en) for key, (ja, en) in pairs.items()}


# Entry kinds (app/domain/entries.py KINDS, and clock_changed of the tabletop clock), in the order
# the timeline's filter lists them. The kind registry (app/domain/kinds.py) takes its labels here.
KIND_LABELS: dict[str, Label] = _table(
    {
        "opened": ("開始", "Opened"),
        "step_started": ("手順着手", "Step started"),
        "step_done": ("手順完了", "Step done"),
        "step_skipped": ("手順省略", "Step skipped"),
        "step_deferred": ("手順保留", "Step deferred"),
        "decided": ("判断", "Decision"),
        "noted": ("メモ", "Note"),
        "status_changed": ("状態変更", "Status changed"),
        "evidence_added": ("証拠追加", "Evidence added"),
        "evidence_handed": ("証拠の受渡し", "Evidence handed on"),
        # Written when the step a deadline asks for is done, in time or late: its requirement
        # is fulfilled (充足), whether it was met in time is the deadline's state.
        "deadline_met": ("期限充足", "Deadline met"),
        "inject": ("状況付与", "Inject"),
        "exercise_started": ("訓練シナリオ", "Exercise script"),
        "rated": ("評価", "Rating"),
        "improvement_closed": ("改善完了", "Improvement closed"),
        "conflict_resolved": ("食い違いの解決", "Conflict resolved"),
        "corrected": ("訂正", "Correction"),
        # A PDF record, an after-action report, a CSV or a PNG: not only reports.
        "report_issued": ("帳票出力", "Copy issued"),
        "handed_over": ("計画引継ぎ", "Handed over"),
        "lesson": ("教訓", "Lesson"),
        "clock_changed": ("時計の変更", "Clock changed"),
        "awareness_corrected": ("認知時刻の訂正", "Awareness time corrected"),
        "body_changed": ("対象機関の変更", "Body changed"),
        "check_ticked": ("確認項目", "Check item"),
        "contact_recorded": ("連絡記録", "Contact recorded"),
    }
)

# Why a clock counted in days ends later than its last day (calendar_days.closed_because).
MOVED_LABELS: dict[str, Label] = _table(
    {
        "weekend": (
            "{n}日目が土日のため翌開庁日",
            "day {n} is a weekend: moved to the next working day",
        ),
        "holiday": (
            "{n}日目が祝日のため翌開庁日",
            "day {n} is a national holiday: moved to the next working day",
        ),
        "year_end": (
            "{n}日目が年末年始（12月29日〜1月3日）のため翌開庁日",
            "day {n} falls in the year-end closure (29 Dec to 3 Jan): moved to the next working day",
        ),
    }
)
DAY_COUNT = Label(
    "起算日を1日目として{n}日目の24時まで",
    "until 24:00 of day {n}, the day of the anchor being day 1",
)
PROVISIONAL = Label(
    "判断が未回答のため、対象として計時中", "running until a pending answer says it does not apply"
)

TARGET_STATE_LABELS: dict[str, Label] = _table(
    {
        "not_started": ("未開始", "Not started"),
        "running": ("目標時間内", "Within target"),
        "overdue": ("目標時間超過", "Past target"),
        "met": ("目標時間内に完了", "Done within target"),
        "met_late": ("目標時間後に完了", "Done after target"),
    }
)

REPEAT_STATE_LABELS: dict[str, Label] = _table(
    {
        "due": ("実施時期", "Due now"),
        "scheduled": ("次回予定", "Next due"),
        "ended": ("終了", "Ended"),
    }
)

# The bodies (機関) an incident may concern (entries.BODIES).
BODY_LABELS: dict[str, Label] = _table(
    {
        "executive": ("内部部局", "Executive departments"),
        "committee": ("行政委員会", "Administrative committee"),
        "council": ("議会", "City council"),
        "council_office": ("議会事務局", "Council secretariat"),
    }
)


def body_text(body: str, lang: str | None = None) -> str:
    """An incident's body: the vocabulary's word for a known one, else as it was written."""
    found = BODY_LABELS.get(body)
    return found.text(lang) if found is not None else (body or "—")


# The items of a 報告書 (the record's first page), in the order Japanese report forms ask for
# them (PPC 漏えい等報告, the 特定個人情報 form, IPA 届出, a city's 事故状況報告書). A plan's field or
# decision names the item it supplies (``report:``); an item nothing supplies prints as 未記入.
REPORT_ITEM_LABELS: dict[str, Label] = _table(
    {
        "occurred_at": ("発生日時", "When it happened"),
        "discoverer": ("発見者", "Found by"),
        "discovery": ("発見契機", "How it was found"),
        "overview": ("事案の概要", "What happened"),
        "information": ("漏えい等した情報", "Information affected"),
        "persons": ("本人の数", "Number of persons"),
        "category": ("報告対象事態の類型", "Category of reportable event"),
        "cause": ("原因・侵入経路", "Cause and route"),
        "secondary_harm": ("二次被害", "Secondary harm"),
        "ransom": ("身代金の要求・支払", "Ransom demanded or paid"),
        "systems": ("被害端末・システム", "Systems affected"),
        "business_impact": ("業務影響", "Effect on services"),
        "notice": ("本人通知", "Notice to persons"),
        "publication": ("公表", "Publication"),
        "prevention": ("再発防止策", "Prevention of recurrence"),
    }
)
# Printed on every 報告書 whether or not a plan supplies them (未記入 if not); the others only
# when the plan supplies them.
REPORT_ITEMS_ALWAYS = (
    "occurred_at",
    "discoverer",
    "discovery",
    "overview",
    "information",
    "persons",
    "category",
    "cause",
    "secondary_harm",
    "business_impact",
    "notice",
    "publication",
)
NOT_FILLED = Label("未記入", "Not filled in")
UNANSWERED = Label("未判断", "not yet answered")
# A step of a plan handed over from before it was finished: it ended with the hand-over.
SUPERSEDED = Label("引継ぎで終了", "Ended by hand-over")

# What a lesson is (kinds.LESSON_CATEGORIES).
LESSON_CATEGORY_LABELS: dict[str, Label] = _table(
    {
        "lesson": ("教訓", "Lesson"),
        "went_well": ("良かった点", "Went well"),
        "went_badly": ("課題", "Did not go well"),
    }
)

# How an evidence file left Sonae's keeping (kinds.CUSTODY).
CUSTODY_LABELS: dict[str, Label] = _table(
    {
        "exported": ("ファイルへ書き出し", "Exported to a file"),
        "handed_over": ("引渡し", "Handed over"),
        "bundle": ("バンドルで送付", "Sent in a bundle"),
    }
)
# What became of a stored evidence file (store.evidence.STATES): its content still has the hash
# the log holds, it is gone, or it is not what was attached.
EVIDENCE_STATE_LABELS: dict[str, Label] = _table(
    {
        "intact": ("保管中（改変なし）", "Intact"),
        "missing": ("ファイルなし", "Missing"),
        "changed": ("内容が変更されている", "Changed"),
    }
)

# How a contact was made (kinds.CHANNELS).
CHANNEL_LABELS: dict[str, Label] = _table(
    {
        "phone": ("電話", "Phone"),
        "email": ("電子メール", "Email"),
        "fax": ("ファクス", "Fax"),
        "web_form": ("ウェブフォーム", "Web form"),
        "in_person": ("対面", "In person"),
        "letter": ("文書", "Letter"),
        "other": ("その他", "Other"),
    }
)

MODE_LABELS: dict[str, Label] = _table(
    {
        "real": ("本番", "Real"),
        "drill": ("訓練", "Drill"),
        "tabletop": ("机上訓練", "Tabletop exercise"),
    }
)

STATUS_LABELS: dict[str, Label] = _table(
    {
        "open": ("対応中", "Open"),
        "contained": ("封じ込め済み", "Contained"),
        "recovered": ("復旧済み", "Recovered"),
        "closed": ("終了", "Closed"),
    }
)

STEP_STATE_LABELS: dict[str, Label] = _table(
    {
        "pending": ("未着手", "To do"),
        "active": ("実施中", "In progress"),
        "done": ("完了", "Done"),
        "skipped": ("省略", "Skipped"),
        "not_applicable": ("対象外", "Does not apply"),
        "waiting": ("判断待ち", "Waiting for a decision"),
        "repeating": ("繰り返し実施中", "Repeating"),
        # Put off to come back to: listed until done, passed over by 「次:」.
        "deferred": ("保留", "Deferred"),
    }
)
# A step's state with what goes with it, where it is shown beside the step (the window's list
# and pane, the terminal): who has it in hand, when it is next due, when to come back to it.
IN_PROGRESS_BY = Label("実施中: {who}", "In progress: {who}")
DEFERRED_UNTIL = Label("保留（{until} に再開）", "Deferred (back to it at {until})")
NEXT_DUE = Label("次回 {at}", "next at {at}")
BACK_DUE = Label("再開時刻です", "time to come back to it")
# The plan and its phases as a whole (progress.PLAN_STATES).
PLAN_STATE_LABELS: dict[str, Label] = _table(
    {
        "open": ("実施中", "In progress"),
        "complete_except_deferred": (
            "計画完了（保留 {n}件を除く）",
            "Plan complete except {n} deferred",
        ),
        "complete": ("計画完了", "Plan complete"),
    }
)
PHASE_COMPLETE = Label("完了", "complete")

DEADLINE_STATE_LABELS: dict[str, Label] = _table(
    {
        "not_started": ("未開始", "Not started"),
        "running": ("進行中", "Running"),
        "due_soon": ("期限間近", "DUE SOON"),
        "overdue": ("期限超過", "OVERDUE"),
        "met": ("期限内に完了", "Met"),
        "met_late": ("期限後に完了", "Met late"),
        "not_applicable": ("対象外", "Does not apply"),
        "invalid": ("計算できません（プランの期限を確認）", "CANNOT BE COMPUTED: check the plan"),
    }
)

ZONE_LABELS: dict[str, Label] = _table(
    {
        "mynumber": ("マイナンバー利用事務系", "My Number zone"),
        "lgwan": ("LGWAN接続系", "LGWAN zone"),
        "internet": ("インターネット接続系", "Internet zone"),
    }
)

# The answers of a decision whose plan gives them no words of its own, and a ticked box.
CHOICE_LABELS: dict[str, Label] = _table(
    {
        "yes": ("はい", "Yes"),
        "no": ("いいえ", "No"),
        "unknown": ("不明", "Unknown"),
    }
)

# The threat categories of the basic policy (playbook ``category``).
CATEGORY_LABELS: dict[str, Label] = _table(
    {
        "cyber": ("意図的な要因（サイバー攻撃等）", "Cyber attack and deliberate acts"),
        "human_error_or_failure": ("非意図的な要因（過失・故障等）", "Human error and failures"),
        "disaster": ("災害", "Disaster"),
        "pandemic": ("感染症", "Epidemic"),
        "infrastructure": ("インフラ障害", "Infrastructure failure"),
    }
)

# The role catalogue (app/domain/roles.py) is already bilingual; its names, as labels.
ROLE_LABELS: dict[str, Label] = {role.id: Label(role.ja, role.en) for role in ROLES}

# What a copy issued from the log is (``report_issued`` payload ``report``).
REPORT_LABELS: dict[str, Label] = _table(
    {
        "record": ("インシデント対応記録", "incident record"),
        "after-action": ("事後検証報告書", "after-action report"),
        "submission": ("インシデント報告書（提出用写し）", "incident report (copy to send)"),
        "timeline-csv": ("経過記録 CSV", "timeline CSV"),
        "timeline-png": ("タイムラインチャート PNG", "timeline chart PNG"),
    }
)

# What a change to a tabletop exercise's simulated clock did (``clock_changed`` ``action``).
CLOCK_ACTION_LABELS: dict[str, Label] = _table(
    {
        "start": ("模擬時計を開始", "Simulated clock started"),
        "pause": ("一時停止", "Paused"),
        "resume": ("再開", "Resumed"),
        "speed": ("速度の変更", "Speed changed"),
        "jump": ("時刻の移動", "Time moved"),
    }
)

# How an objective of an exercise went (kinds.RATINGS, HSEEP's P/S/M/U).
RATING_LABELS: dict[str, Label] = _table(
    {
        "P": ("P: 支障なく実施", "P: performed without challenges"),
        "S": ("S: 一部課題あり", "S: performed with some challenges"),
        "M": ("M: 重大な課題あり", "M: performed with major challenges"),
        "U": ("U: 実施できず", "U: unable to be performed"),
    }
)

# How one expected response of an exercise went (exercise_run.OUTCOMES).
OUTCOME_LABELS: dict[str, Label] = _table(
    {
        "on_time": ("目標時間内", "On time"),
        "already": ("付与前に実施済み", "Done before the inject"),
        "late": ("目標時間超過", "Late"),
        "pending": ("対応待ち", "Waiting"),
        "missing": ("未実施", "Missing"),
        "out_of_order": ("順序違反", "Out of order"),
        "otherwise": ("期待と異なる", "Not as expected"),
        "skipped": ("省略", "Skipped"),
        "not_released": ("未付与", "Not released"),
    }
)

# The states of an exercise (exercise_run.PHASES).
PHASE_LABELS: dict[str, Label] = _table(
    {
        "running": ("実施中", "Running"),
        "paused": ("一時停止中", "Paused"),
        "finished": ("終了", "Finished"),
        "cancelled": ("中止", "Cancelled"),
    }
)

# Marks beside an entry: on the screen's rows and in the record's 注記 column.
RETRACTED_BY = Label("取消済(#{seq})", "retracted (#{seq})")
# The reason the window writes when 取り消す is pressed just after recording something.
UNDO_REASON = Label("直後に取り消し（誤操作）", "undone right after recording (by mistake)")
CLOCK_BACKWARDS = Label("時計逆行", "clock went back")
# Two lines on paper: the 注記 column is narrow, and 3時間 must not break inside.
RECORDED_LATE = Label("後日記録\n（{lag}後）", "recorded late\n({lag} after)")
# A mark where it shares a line with what the entry says (the window's row, the terminal).
MARKED = Label("［{mark}］", "[{mark}] ")


def label_of(table: Mapping[str, Label], key: str, lang: str | None = None) -> str:
    """The word for ``key`` in ``lang`` (default: the current language), or the key itself for a
    value this build does not know (a newer Sonae's), so nothing is ever dropped."""
    found = table.get(key)
    return found.text(lang) if found is not None else key


def japanese(table: Mapping[str, Label]) -> dict[str, str]:
    """A table's Japanese words, in its order (for the printed record, which is in Japanese)."""
    return {key: value.ja for key, value in table.items()}
