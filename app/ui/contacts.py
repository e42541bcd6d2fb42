"""The contacts editor: people and their numbers, who holds each role in succession order
(代行順位), and the outside bodies the plans call (police, PPC, prefecture, vendors). Saved to
``contacts.yaml`` in the data folder through the contacts service: the CLI and the printed
checklist read the same file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.contacts import Contacts, External, Person
from app.domain.roles import ROLES
from app.domain.visible import for_screen
from app.errors import SonaeError
from app.ui.session import Session
from app.ui.texts import role_label, role_needs_confirming, role_typical
from app.ui.widgets import full_width, polish

# The numbers come right after the name: at the largest text, after title and section, they were
# off the table's right edge, and a number is what this screen is opened for.
PERSON_COLUMNS = ("name", "phone", "mobile", "title", "section", "email")
# An outside body: its id (what the plans' steps name), its name in both languages, its numbers.
# The numbers come right after the name, in view; the English name is seldom needed.
BODY_COLUMNS = ("id", "name_ja", "phone", "other", "hours", "email", "url", "name_en", "note")
# A long name or note wraps at this many full-width characters rather than pushing the numbers
# out of view; the name comes first on screen, the ID (what the plans use) after the hours.
WIDEST_BODY_COLUMN = 14
SHOWN_FIRST = ("name_ja", "phone", "other", "hours")


class ContactsView(QWidget):
    closed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.contacts = Contacts()
        self.order: dict[str, list[str]] = {}
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Contacts and roles"))
        heading.setObjectName("heading")
        top.addWidget(heading, 1)
        self.example_button = QPushButton(self.tr("Start from the example (fake entries)"))
        self.example_button.clicked.connect(self.install_example)
        top.addWidget(self.example_button)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("bigAction")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        top.addWidget(self.save_button)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.closed)
        top.addWidget(back)
        outer.addLayout(top)
        self.where = QLabel()
        self.where.setObjectName("muted")
        outer.addWidget(self.where)

        self.tabs = QTabWidget()
        people_page = QWidget()
        body = QHBoxLayout(people_page)
        people_box = QVBoxLayout()
        people_box.addWidget(QLabel(self.tr("People")))
        self.people = QTableWidget(0, len(PERSON_COLUMNS))
        self.people.setObjectName("people")
        self.people.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Phone"),
                self.tr("Mobile"),
                self.tr("Title"),
                self.tr("Section"),
                self.tr("E-mail"),
            ]
        )
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.people.horizontalHeader().setStretchLastSection(True)
        people_box.addWidget(self.people, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add person"))
        add.clicked.connect(self.add_person)
        remove = QPushButton(self.tr("Remove person"))
        remove.clicked.connect(self.remove_person)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        people_box.addLayout(row)
        body.addLayout(people_box, 7)  # the people table needs the width; the role list less

        roles_box = QVBoxLayout()
        roles_box.addWidget(QLabel(self.tr("Role")))
        self.role = QComboBox()
        for role in ROLES:
            shown = role_label(role.id)
            if role.confirm:
                shown += "  " + self.tr("[to be confirmed]")
            self.role.addItem(shown, role.id)
        roles_box.addWidget(self.role)
        # Who usually holds the role; 要確認 where the city's own rules must settle it.
        self.role_note = QLabel()
        self.role_note.setObjectName("roleNote")
        self.role_note.setWordWrap(True)
        roles_box.addWidget(self.role_note)
        roles_box.addWidget(QLabel(self.tr("Holder first, then deputies in succession order")))
        self.holders = QListWidget()
        self.holders.setObjectName("holders")
        self.holders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        roles_box.addWidget(self.holders, 1)
        pick = QHBoxLayout()
        self.candidate = QComboBox()
        pick.addWidget(self.candidate, 1)
        add_holder = QPushButton(self.tr("Add to role"))
        add_holder.clicked.connect(self.add_holder)
        pick.addWidget(add_holder)
        roles_box.addLayout(pick)
        moves = QHBoxLayout()
        for text, slot in (
            (self.tr("Up"), lambda: self.move_holder(-1)),
            (self.tr("Down"), lambda: self.move_holder(1)),
            (self.tr("Remove from role"), self.remove_holder),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            moves.addWidget(button)
        roles_box.addLayout(moves)
        body.addLayout(roles_box, 3)
        self.tabs.addTab(people_page, self.tr("People and roles"))
        self.tabs.addTab(self._bodies_page(), self.tr("Outside bodies"))
        outer.addWidget(self.tabs, 1)

        self.role.currentIndexChanged.connect(lambda _i: self.show_holders())
        self.people.itemChanged.connect(lambda _item: self.refresh_candidates())

    def _bodies_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        hint = QLabel(
            self.tr(
                "The bodies the plans' steps call. The ID is the name the plans use "
                "(police_cyber, ppc, fukuoka_pref…); a step shows the number beside its name."
            )
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.bodies = QTableWidget(0, len(BODY_COLUMNS))
        self.bodies.setObjectName("externalBodies")
        self.bodies.setHorizontalHeaderLabels(
            [
                self.tr("ID"),
                self.tr("Body name"),
                self.tr("Phone"),
                self.tr("Other numbers"),
                self.tr("Hours"),
                self.tr("E-mail"),
                self.tr("Web"),
                self.tr("Name (English)"),
                self.tr("Notes"),
            ]
        )
        self.bodies.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.bodies.horizontalHeader().setStretchLastSection(True)
        self.bodies.setWordWrap(True)
        header = self.bodies.horizontalHeader()
        for place, name in enumerate(SHOWN_FIRST):
            header.moveSection(header.visualIndex(BODY_COLUMNS.index(name)), place)
        box.addWidget(self.bodies, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add body"))
        add.clicked.connect(lambda: self.add_bodies([]))
        remove = QPushButton(self.tr("Remove body"))
        remove.clicked.connect(self.remove_body)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box.addLayout(row)
        return page

    # Loading and saving, through the contacts service
    def load(self) -> None:
        from app.services.contacts import contacts_file, load_contacts

        root = self.session.ws.root
        contacts = self.session.read(lambda: load_contacts(root))
        self.contacts = contacts or Contacts()
        path = contacts_file(root)
        self.where.setText(self.tr("File: {path}").format(path=path))
        self.example_button.setVisible(not path.exists())
        self.order = {role: list(ids) for role, ids in self.contacts.roles.items()}
        self.people.blockSignals(True)
        self.people.setRowCount(0)
        for person in self.contacts.people:
            self._add_row(person)
        self.people.blockSignals(False)
        self._fit_people_columns()
        self.bodies.setRowCount(0)
        for external in self.contacts.external:
            self._add_body_row(external)
        self._fit_body_columns()
        self.refresh_candidates()
        self.show_holders()

    def install_example(self) -> None:
        from app.services.contacts import install_example

        if self.session.read(lambda: install_example(self.session.ws.root)) is not None:
            self.load()

    def _add_row(self, person: Person) -> None:
        row = self.people.rowCount()
        self.people.insertRow(row)
        for column, name in enumerate(PERSON_COLUMNS):
            item = QTableWidgetItem(str(getattr(person, name)))
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.people.setItem(row, column, item)

    def _add_body_row(self, body: External) -> None:
        row = self.bodies.rowCount()
        self.bodies.insertRow(row)
        values = {**body.model_dump(), "name_ja": body.name.ja, "name_en": body.name.en or ""}
        for column, name in enumerate(BODY_COLUMNS):
            self.bodies.setItem(row, column, QTableWidgetItem(str(values[name])))

    def _fit_people_columns(self) -> None:
        """The name and both numbers always in view, whole: the table is never narrower than
        they are (at 20 pt the mobile number lost its last digit at the edge and read as
        another, complete-looking number); the role panel beside it gives way."""
        table = self.people
        table.resizeColumnsToContents()
        first = ("name", "phone", "mobile")
        needed = sum(table.columnWidth(PERSON_COLUMNS.index(c)) for c in first)
        needed += table.verticalHeader().sizeHint().width() + 2 * table.frameWidth()
        needed += table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 4
        table.setMinimumWidth(needed)

    def _fit_body_columns(self) -> None:
        self.bodies.resizeColumnsToContents()
        widest = full_width(self.bodies, WIDEST_BODY_COLUMN)
        for column in range(len(BODY_COLUMNS) - 1):
            width = max(self.bodies.columnWidth(column), 90)
            self.bodies.setColumnWidth(column, min(width, widest))
        self.bodies.resizeRowsToContents()  # a name longer than its column on two lines

    def _body_ids(self) -> list[str]:
        return [self._text(self.bodies, r, 0) for r in range(self.bodies.rowCount())]

    def add_bodies(self, body_ids: list[str]) -> None:
        """Rows for bodies (a step's, that the file lacks: named as bundled with the plans),
        or one new blank body; the cursor in the first one's phone number, to type it."""
        from app.services.contacts import known_bodies

        self.tabs.setCurrentIndex(1)
        if not body_ids:
            used, number = self._body_ids(), 1
            while f"body{number}" in used:
                number += 1
            body_ids = [f"body{number}"]
        known = known_bodies()
        first = -1
        for body_id in body_ids:
            if body_id in self._body_ids():
                row = self._body_ids().index(body_id)
            else:
                name = known[body_id].name if body_id in known else {"ja": self.tr("New body")}
                self._add_body_row(External.model_validate({"id": body_id, "name": name}))
                row = self.bodies.rowCount() - 1
            first = row if first < 0 else first
        self._fit_body_columns()
        phone = BODY_COLUMNS.index("phone")
        self.bodies.setCurrentCell(first, phone)
        self.bodies.setFocus()
        item = self.bodies.item(first, phone)
        if item is not None:
            self.bodies.editItem(item)

    def remove_body(self) -> None:
        row = self.bodies.currentRow()
        if row >= 0:
            self.bodies.removeRow(row)

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def add_person(self) -> None:
        used = self._person_ids()
        number = len(used) + 1
        while f"person{number}" in used:
            number += 1
        self._add_row(Person(id=f"person{number}", name=self.tr("New person")))
        self.people.setCurrentCell(self.people.rowCount() - 1, 0)
        self.people.editItem(self._cell(self.people.rowCount() - 1, 0))
        self.refresh_candidates()

    def remove_person(self) -> None:
        row = self.people.currentRow()
        if row < 0:
            return
        person_id = self._cell(row, 0).data(Qt.ItemDataRole.UserRole)
        self.people.removeRow(row)
        for ids in self.order.values():
            if person_id in ids:
                ids.remove(person_id)
        self.refresh_candidates()
        self.show_holders()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.people.item(row, column)
        assert item is not None  # _add_row fills every cell
        return item

    def _person_ids(self) -> list[str]:
        return [
            str(self._cell(r, 0).data(Qt.ItemDataRole.UserRole))
            for r in range(self.people.rowCount())
        ]

    def _names(self) -> dict[str, str]:
        return {
            str(self._cell(r, 0).data(Qt.ItemDataRole.UserRole)): self._cell(r, 0).text()
            for r in range(self.people.rowCount())
        }

    # Roles
    def current_role(self) -> str:
        return str(self.role.currentData())

    def refresh_candidates(self) -> None:
        self.candidate.clear()
        for person_id, name in self._names().items():
            self.candidate.addItem(for_screen(name), person_id)  # the table cells keep raw text

    def show_holders(self) -> None:
        role_id = self.current_role()
        self.role_note.setText(role_typical(role_id))
        self.role_note.setProperty("confirm", role_needs_confirming(role_id))
        polish(self.role_note)
        names = self._names()
        self.holders.clear()
        for number, person_id in enumerate(self.order.get(self.current_role(), [])):
            place = self.tr("Holder") if number == 0 else self.tr("Deputy {n}").format(n=number)
            item = QListWidgetItem(f"{place}: {for_screen(names.get(person_id, person_id))}")
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.holders.addItem(item)

    def add_holder(self) -> None:
        person_id = self.candidate.currentData()
        ids = self.order.setdefault(self.current_role(), [])
        if person_id and person_id not in ids:
            ids.append(str(person_id))
            self.show_holders()

    def move_holder(self, offset: int) -> None:
        ids = self.order.get(self.current_role(), [])
        row = self.holders.currentRow()
        target = row + offset
        if 0 <= row < len(ids) and 0 <= target < len(ids):
            ids[row], ids[target] = ids[target], ids[row]
            self.show_holders()
            self.holders.setCurrentRow(target)

    def remove_holder(self) -> None:
        ids = self.order.get(self.current_role(), [])
        row = self.holders.currentRow()
        if 0 <= row < len(ids):
            del ids[row]
            self.show_holders()

    def edited(self) -> Contacts:
        people = []
        for r in range(self.people.rowCount()):
            values = {
                name: self._cell(r, c).text().strip() for c, name in enumerate(PERSON_COLUMNS)
            }
            person_id = str(self._cell(r, 0).data(Qt.ItemDataRole.UserRole))
            people.append({"id": person_id, **values})
        roles = {role: ids for role, ids in self.order.items() if ids}
        external = []
        for r in range(self.bodies.rowCount()):
            values = {name: self._text(self.bodies, r, c) for c, name in enumerate(BODY_COLUMNS)}
            name = {"ja": values.pop("name_ja"), "en": values.pop("name_en") or None}
            external.append({**values, "name": name})
        data = {"schema": 1, "people": people, "roles": roles, "external": external}
        return Contacts.model_validate(data)

    def twice_used(self) -> tuple[int, int] | None:
        """The rows (1-based) of the first body id used twice: a step would call only one."""
        ids = self._body_ids()
        for row, body_id in enumerate(ids):
            if body_id in ids[:row]:
                return ids.index(body_id) + 1, row + 1
        return None

    def show_problem(self, problem: Any) -> None:
        """A refused save said in words, naming the row and column, with that cell selected."""
        loc = problem["loc"]
        if len(loc) >= 3 and loc[0] == "people" and isinstance(loc[1], int):
            if loc[2] in PERSON_COLUMNS:
                row, column = loc[1], PERSON_COLUMNS.index(str(loc[2]))
                header = self.people.horizontalHeaderItem(column)
                named = dict(row=row + 1, column=header.text() if header else loc[2])
                if problem["type"] == "string_too_short":
                    text = self.tr("Cannot save: the {column} in row {row} is empty.")
                else:
                    text = self.tr("Cannot save: the {column} in row {row} is not valid.")
                self.session.error.emit(text.format(**named))
                self.tabs.setCurrentIndex(0)
                self.people.setCurrentCell(row, column)
                self.people.setFocus()
                return
        if len(loc) >= 3 and loc[0] == "external" and isinstance(loc[1], int):
            name = "name_ja" if loc[2] == "name" else str(loc[2])
            if name in BODY_COLUMNS:
                row, column = loc[1], BODY_COLUMNS.index(name)
                header = self.bodies.horizontalHeaderItem(column)
                named = dict(row=row + 1, column=header.text() if header else name)
                if problem["type"] == "string_too_short":
                    text = self.tr("Cannot save: the {column} of body {row} is empty.")
                elif name == "id":
                    text = self.tr(
                        "Cannot save: the ID of body {row} may hold only a-z, 0-9, _ and -."
                    )
                else:
                    text = self.tr("Cannot save: the {column} of body {row} is not valid.")
                self.session.error.emit(text.format(**named))
                self.tabs.setCurrentIndex(1)
                self.bodies.setCurrentCell(row, column)
                self.bodies.setFocus()
                return
        where = ".".join(str(p) for p in loc)
        self.session.error.emit(
            self.tr("Cannot save the contacts: {where}: {why}").format(
                where=where, why=problem["msg"]
            )
        )

    def save(self) -> None:
        from pydantic import ValidationError

        from app.services.contacts import save_contacts

        twice = self.twice_used()
        if twice is not None:
            self.session.error.emit(
                self.tr("Cannot save: bodies {first} and {second} have the same ID.").format(
                    first=twice[0], second=twice[1]
                )
            )
            self.tabs.setCurrentIndex(1)
            self.bodies.setCurrentCell(twice[1] - 1, 0)
            return
        try:
            contacts = self.edited()
        except ValidationError as exc:
            self.show_problem(exc.errors()[0])
            return
        try:
            path = save_contacts(self.session.ws.root, contacts)
        except SonaeError as exc:
            self.session.error.emit(str(exc))
            return
        self.contacts = contacts
        self.example_button.setVisible(False)
        self.session.info.emit(self.tr("Contacts saved to {path}").format(path=path))
