"""Starting an exercise from its script in the window: which script, as a tabletop exercise on
its simulated clock or as a drill on the real one, when its scenario starts and how fast it runs.
The facilitator's window opens on it once it is started (see MainWindow.start_exercise)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from app.domain.vocabulary import MODE_LABELS
from app.i18n import language
from app.ui.facilitator import OFFERED_SPEEDS
from app.ui.record_dialogs import _Form, set_time, time_edit, time_of

if TYPE_CHECKING:
    from app.domain.exercise_script import ScriptFile


class ExerciseStartDialog(_Form):
    # script id, mode, the scenario's start, the speed (None for a drill)
    requested = Signal(str, str, object, object)

    def __init__(self, scripts: list[ScriptFile], now: datetime, parent: QWidget | None = None):
        super().__init__(parent, self.tr("Start the exercise (Ctrl+Enter)"))
        self.setObjectName("exerciseStart")
        self.setWindowTitle(self.tr("Start an exercise"))
        self.setMinimumWidth(760)
        self.intro.setText(
            self.tr(
                "The exercise runs the city's plan as it would be used for real, with the "
                "script's injects on its clock. It is marked as an exercise everywhere."
            )
        )
        lang = language()
        self.now = now
        self.scripts = {s.id: s for s in scripts}
        self.script = QComboBox()
        self.script.setObjectName("exerciseScript")
        for loaded in scripts:
            self.script.addItem(loaded.script.title.get(lang), loaded.id)
        self.script.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.form.addRow(self.tr("Script"), self.script)
        # The scenario's narrative, whole: read-only, scrolled if long, never cut.
        self.about = QPlainTextEdit()
        self.about.setObjectName("exerciseNarrative")
        self.about.setReadOnly(True)
        self.about.setTabChangesFocus(True)
        self.about.setMinimumHeight(self.about.fontMetrics().lineSpacing() * 6)
        self.form.addRow(self.about)
        self.mode = QComboBox()
        self.mode.setObjectName("exerciseMode")
        for mode in ("tabletop", "drill"):
            self.mode.addItem(MODE_LABELS[mode].text(lang), mode)
        self.form.addRow(self.tr("Kind"), self.mode)
        self.start = time_edit(now)
        self.start.setObjectName("exerciseStartAt")
        self.form.addRow(self.tr("The scenario starts at"), self.start)
        self.speed = QComboBox()
        self.speed.setObjectName("exerciseSpeed")
        for speed in OFFERED_SPEEDS:
            self.speed.addItem(self.tr("×%1").replace("%1", str(speed)), speed)
        self.form.addRow(self.tr("Speed"), self.speed)
        self.script.currentIndexChanged.connect(self._script_chosen)
        self.mode.currentIndexChanged.connect(self._mode_chosen)
        self._script_chosen()

    def _script_chosen(self) -> None:
        loaded = self.scripts.get(str(self.script.currentData()))
        if loaded is None:
            return
        x = loaded.script
        self.about.setPlainText(x.narrative.get(language()))
        self.mode.setCurrentIndex(max(self.mode.findData(x.mode), 0))
        index = self.speed.findData(x.speed)
        self.speed.setCurrentIndex(index if index >= 0 else self.speed.findData(60))
        self._mode_chosen()

    def _mode_chosen(self) -> None:
        # A drill runs on the real clock: it has no speed to choose, and it starts now. A
        # tabletop exercise starts when its narrative says (the next such working day).
        tabletop = self.mode.currentData() == "tabletop"
        self.speed.setEnabled(tabletop)
        loaded = self.scripts.get(str(self.script.currentData()))
        starts = loaded.script.starts if loaded is not None else None
        set_time(self.start, starts.next_after(self.now) if tabletop and starts else self.now)

    def submit(self) -> None:
        mode = str(self.mode.currentData())
        speed = float(self.speed.currentData()) if mode == "tabletop" else None
        self.requested.emit(str(self.script.currentData()), mode, time_of(self.start), speed)
