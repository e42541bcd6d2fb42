<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ContactsView</name>
        <message>
            <location filename="../../app/ui/contacts.py" line="42" />
            <source>Contacts and roles</source>
            <translation>Contacts and roles</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="45" />
            <source>Start from the example (fake entries)</source>
            <translation>Start from the example (fake entries)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="48" />
            <source>Save (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="53" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="63" />
            <source>People</source>
            <translation>People</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="68" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="69" />
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="70" />
            <source>Section</source>
            <translation>Section</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="71" />
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="72" />
            <source>Mobile</source>
            <translation>Mobile</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="73" />
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="80" />
            <source>Add person</source>
            <translation>Add person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="82" />
            <source>Remove person</source>
            <translation>Remove person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="91" />
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="96" />
            <source>[to be confirmed]</source>
            <translation>[to be confirmed]</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="104" />
            <source>Holder first, then deputies in succession order</source>
            <translation>Holder first, then deputies in succession order</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="112" />
            <source>Add to role</source>
            <translation>Add to role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="118" />
            <source>Up</source>
            <translation>Up</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="119" />
            <source>Down</source>
            <translation>Down</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="120" />
            <source>Remove from role</source>
            <translation>Remove from role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="140" />
            <source>File: {path}</source>
            <translation>File: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="172" />
            <source>New person</source>
            <translation>New person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="223" />
            <source>Holder</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="223" />
            <source>Deputy {n}</source>
            <translation>Deputy {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="279" />
            <source>Cannot save the contacts: {where}: {why}</source>
            <translation>Cannot save the contacts: {where}: {why}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="291" />
            <source>Contacts saved to {path}</source>
            <translation>Contacts saved to {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="1" />
            <source>Cannot save: the {column} in row {row} is empty.</source>
            <translation>Cannot save: the {column} in row {row} is empty.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="1" />
            <source>Cannot save: the {column} in row {row} is not valid.</source>
            <translation>Cannot save: the {column} in row {row} is not valid.</translation>
        </message>
    </context>
    <context>
        <name>DeadlinesPanel</name>
        <message>
            <location filename="../../app/ui/deadlines.py" line="39" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="39" />
            <source>Deadline → met by step</source>
            <translation>Deadline → met by step</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="64" />
            <source>met {when}</source>
            <translation>met {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="66" />
            <source>starts at: {anchor}</source>
            <translation>starts at: {anchor}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="67" />
            <source>waits for: {questions}</source>
            <translation>waits for: {questions}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="80" />
            <source>Met by: {step}</source>
            <translation>Met by: {step}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="115" />
            <source>the declaration</source>
            <translation>the declaration</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="115" />
            <source>awareness</source>
            <translation>awareness</translation>
        </message>
    </context>
    <context>
        <name>DecisionsPanel</name>
        <message>
            <location filename="../../app/ui/runner.py" line="162" />
            <source>Decisions</source>
            <translation>Decisions</translation>
        </message>
    </context>
    <context>
        <name>Gui</name>
        <message>
            <location filename="../../app/ui/app.py" line="194" />
            <source>Opening the records…</source>
            <translation>Opening the records…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="201" />
            <source>Reading the plans…</source>
            <translation>Reading the plans…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="222" />
            <source>Unexpected error: {error}</source>
            <translation>Unexpected error: {error}</translation>
        </message>
    </context>
    <context>
        <name>HandOverDialog</name>
        <message>
            <location filename="../../app/ui/handover.py" line="55" />
            <source>Hand over to another plan</source>
            <translation>Hand over to another plan</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="72" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="75" />
            <source>Hand over (Ctrl+Enter)</source>
            <translation>Hand over (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="89" />
            <source>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</source>
            <translation>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="102" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>No plan matches. Clear the search or the category.</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <location filename="../../app/ui/help.py" line="31" />
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="36" />
            <source>Everything you do often has a key. In the quick-note box, Ctrl+Enter saves the note.</source>
            <translation>Everything you do often has a key. In the quick-note box, Ctrl+Enter saves the note.</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="42" />
            <source>Start the response / hand over / save the quick note</source>
            <translation>Start the response / hand over / save the quick note</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="43" />
            <source>Search the plans (start a response, hand over)</source>
            <translation>Search the plans (start a response, hand over)</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="44" />
            <source>Save the contacts</source>
            <translation>Save the contacts</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="47" />
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="47" />
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="1" />
            <source>Go to decision 1 … 9</source>
            <translation>Go to decision 1 … 9</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="1" />
            <source>In a decision: choose an answer / another question</source>
            <translation>In a decision: choose an answer / another question</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="1" />
            <source>In a decision: record the chosen answer</source>
            <translation>In a decision: record the chosen answer</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="1" />
            <source>In a decision: back to the step</source>
            <translation>In a decision: back to the step</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="1" />
            <source>Step list → what to write down → done, skip, note</source>
            <translation>Step list → what to write down → done, skip, note</translation>
        </message>
    </context>
    <context>
        <name>HomeView</name>
        <message>
            <location filename="../../app/ui/home.py" line="102" />
            <source>Incidents</source>
            <translation>Incidents</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="105" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="127" />
            <source>Opening the records…</source>
            <translation>Opening the records…</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="150" />
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="150" />
            <source>No open incidents.</source>
            <translation>No open incidents.</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="151" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="151" />
            <source>No closed incidents.</source>
            <translation>No closed incidents.</translation>
        </message>
    </context>
    <context>
        <name>IncidentCard</name>
        <message>
            <location filename="../../app/ui/home.py" line="51" />
            <source>{id} · {status} · declared {when}</source>
            <translation>{id} · {status} · declared {when}</translation>
        </message>
    </context>
    <context>
        <name>IncidentView</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="135" />
            <source>Deadlines</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="196" />
            <source>Opening {id}…</source>
            <translation>Opening {id}…</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="199" />
            <source>Reading the log of {id}</source>
            <translation>Reading the log of {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="327" />
            <source>Fill in before marking done: {fields}</source>
            <translation>Fill in before marking done: {fields}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="409" />
            <source>A closed incident cannot be handed over. Reopen it.</source>
            <translation>A closed incident cannot be handed over. Reopen it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="440" />
            <source>Write a short summary before closing.</source>
            <translation>Write a short summary before closing.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>Steps</source>
            <translation>Steps</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>Decisions and deadlines</source>
            <translation>Decisions and deadlines</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>Choose a step first.</source>
            <translation>Choose a step first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>The incident is closed. Reopen it to record more.</source>
            <translation>The incident is closed. Reopen it to record more.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>This step is already done or skipped.</source>
            <translation>This step is already done or skipped.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="1" />
            <source>This step waits for a decision.</source>
            <translation>This step waits for a decision.</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../app/ui/texts.py" line="21" />
            <source>Real</source>
            <translation>Real</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="22" />
            <source>Drill</source>
            <translation>Drill</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="23" />
            <source>Tabletop exercise</source>
            <translation>Tabletop exercise</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="26" />
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="27" />
            <source>Contained</source>
            <translation>Contained</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="28" />
            <source>Recovered</source>
            <translation>Recovered</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="29" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="32" />
            <source>To do</source>
            <translation>To do</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="33" />
            <source>In progress</source>
            <translation>In progress</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="34" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="35" />
            <source>Skipped</source>
            <translation>Skipped</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="36" />
            <location filename="../../app/ui/texts.py" line="46" />
            <source>Does not apply</source>
            <translation>Does not apply</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="37" />
            <source>Waiting for a decision</source>
            <translation>Waiting for a decision</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="40" />
            <source>Not started</source>
            <translation>Not started</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="41" />
            <source>Running</source>
            <translation>Running</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="42" />
            <source>DUE SOON</source>
            <translation>DUE SOON</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="43" />
            <source>OVERDUE</source>
            <translation>OVERDUE</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="44" />
            <source>Met</source>
            <translation>Met</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="45" />
            <source>Met late</source>
            <translation>Met late</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="49" />
            <source>Cyber attack and deliberate acts</source>
            <translation>Cyber attack and deliberate acts</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="50" />
            <source>Human error and failures</source>
            <translation>Human error and failures</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="51" />
            <source>Disaster</source>
            <translation>Disaster</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="52" />
            <source>Epidemic</source>
            <translation>Epidemic</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="53" />
            <source>Infrastructure failure</source>
            <translation>Infrastructure failure</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="56" />
            <source>My Number zone</source>
            <translation>My Number zone</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="57" />
            <source>LGWAN zone</source>
            <translation>LGWAN zone</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="58" />
            <source>Internet zone</source>
            <translation>Internet zone</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="61" />
            <source>Yes</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="62" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="63" />
            <source>Unknown</source>
            <translation>Unknown</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="66" />
            <source>Opened</source>
            <translation>Opened</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="67" />
            <source>Step started</source>
            <translation>Step started</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="68" />
            <source>Step done</source>
            <translation>Step done</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="69" />
            <source>Step skipped</source>
            <translation>Step skipped</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="70" />
            <source>Decision</source>
            <translation>Decision</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="71" />
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="72" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="73" />
            <source>Evidence</source>
            <translation>Evidence</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="74" />
            <source>Deadline met</source>
            <translation>Deadline met</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="75" />
            <source>Inject</source>
            <translation>Inject</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="76" />
            <source>Correction</source>
            <translation>Correction</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="77" />
            <source>Report issued</source>
            <translation>Report issued</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="78" />
            <source>Handed over</source>
            <translation>Handed over</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="79" />
            <source>Lesson</source>
            <translation>Lesson</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="82" />
            <source>Detect</source>
            <translation>Detect</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="83" />
            <source>Contain</source>
            <translation>Contain</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="84" />
            <source>Recover</source>
            <translation>Recover</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="85" />
            <source>Report</source>
            <translation>Report</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="86" />
            <source>Review</source>
            <translation>Review</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="92" />
            <source>Mayor's departments</source>
            <translation>Mayor's departments</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="93" />
            <source>City council and its secretariat</source>
            <translation>City council and its secretariat</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="94" />
            <source>Board of education</source>
            <translation>Board of education</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="95" />
            <source>Election administration commission</source>
            <translation>Election administration commission</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="96" />
            <source>Fair treatment commission</source>
            <translation>Fair treatment commission</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="97" />
            <source>Audit commissioners</source>
            <translation>Audit commissioners</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="98" />
            <source>Agricultural committee</source>
            <translation>Agricultural committee</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="99" />
            <source>Fixed asset review board</source>
            <translation>Fixed asset review board</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="144" />
            <source>Usually: {holder} (to be confirmed against the city's rules)</source>
            <translation>Usually: {holder} (to be confirmed against the city's rules)</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="147" />
            <source>Usually: {holder}</source>
            <translation>Usually: {holder}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="166" />
            <source>{days}d {clock}</source>
            <translation>{days}d {clock}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="173" />
            <source>{span} overdue</source>
            <translation>{span} overdue</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="174" />
            <source>{span} left</source>
            <translation>{span} left</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="40" />
            <source>Sonae — incident response</source>
            <translation>Sonae — incident response</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="112" />
            <source>You:</source>
            <translation>You:</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="115" />
            <source>Your name (written in the log)</source>
            <translation>Your name (written in the log)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="136" />
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="137" />
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="138" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="139" />
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="142" />
            <source>Make the incident record (PDF)</source>
            <translation>Make the incident record (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="148" />
            <source>Make the after-action report (PDF)</source>
            <translation>Make the after-action report (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="155" />
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="157" />
            <source>&amp;Incident</source>
            <translation>&amp;Incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="160" />
            <source>Mark the step done</source>
            <translation>Mark the step done</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="166" />
            <source>Skip the step (with a reason)</source>
            <translation>Skip the step (with a reason)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="172" />
            <source>Write a quick note</source>
            <translation>Write a quick note</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="178" />
            <source>Next step</source>
            <translation>Next step</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="184" />
            <source>Previous step</source>
            <translation>Previous step</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="190" />
            <source>Hand over to another plan…</source>
            <translation>Hand over to another plan…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="196" />
            <source>Go to the timeline</source>
            <translation>Go to the timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="203" />
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="204" />
            <source>Larger text</source>
            <translation>Larger text</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="205" />
            <source>Smaller text</source>
            <translation>Smaller text</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="206" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="215" />
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="216" />
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="327" />
            <source>Report: reading the log…</source>
            <translation>Report: reading the log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="328" />
            <source>Report: laying out the pages…</source>
            <translation>Report: laying out the pages…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="329" />
            <source>Report: noting it in the log…</source>
            <translation>Report: noting it in the log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="345" />
            <source>Report written: {path}</source>
            <translation>Report written: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="349" />
            <source>Making the report…</source>
            <translation>Making the report…</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="44" />
            <source>Dismiss</source>
            <translation>Dismiss</translation>
        </message>
    </context>
    <context>
        <name>PlanPicker</name>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="41" />
            <source>Search titles and warning signs (Ctrl+F)</source>
            <translation>Search titles and warning signs (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="46" />
            <source>All categories</source>
            <translation>All categories</translation>
        </message>
    </context>
    <context>
        <name>StartView</name>
        <message>
            <location filename="../../app/ui/start.py" line="46" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="63" />
            <source>What happened, in a few words</source>
            <translation>What happened, in a few words</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="64" />
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="75" />
            <source>Mode</source>
            <translation>Mode</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="77" />
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="78" />
            <source>Responder</source>
            <translation>Responder</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="85" />
            <source>Zones</source>
            <translation>Zones</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="92" />
            <source>Body concerned</source>
            <translation>Body concerned</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="94" />
            <source>We became aware earlier, at:</source>
            <translation>We became aware earlier, at:</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="102" />
            <source>Awareness</source>
            <translation>Awareness</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="107" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="110" />
            <source>Start (Ctrl+Enter)</source>
            <translation>Start (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="142" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>No plan matches. Clear the search or the category.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="157" />
            <source>Choose a plan first.</source>
            <translation>Choose a plan first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="1" />
            <source>Write a title first.</source>
            <translation>Write a title first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="1" />
            <source>Write your name first (it goes in the log).</source>
            <translation>Write your name first (it goes in the log).</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="57" />
            <source>Mark contained</source>
            <translation>Mark contained</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="58" />
            <source>Mark recovered</source>
            <translation>Mark recovered</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="65" />
            <source>Summary (required to close)</source>
            <translation>Summary (required to close)</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="67" />
            <source>Close incident</source>
            <translation>Close incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="72" />
            <source>Reopen</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="81" />
            <source>Status: {status}</source>
            <translation>Status: {status}</translation>
        </message>
    </context>
    <context>
        <name>StepPanel</name>
        <message>
            <location filename="../../app/ui/step_panel.py" line="192" />
            <source>Done as deputy for:</source>
            <translation>Done as deputy for:</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="184" />
            <source>Done (Ctrl+D)</source>
            <translation>Done (Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="188" />
            <source>Mark as started</source>
            <translation>Mark as started</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="206" />
            <source>Reason for skipping (required)</source>
            <translation>Reason for skipping (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="209" />
            <source>Skip (Ctrl+K)</source>
            <translation>Skip (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="216" />
            <source>Note on this step</source>
            <translation>Note on this step</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="219" />
            <source>Add note</source>
            <translation>Add note</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="232" />
            <source>Once you know what this is, continue under the plan that fits.</source>
            <translation>Once you know what this is, continue under the plan that fits.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="229" />
            <source>Hand over to another plan… (Ctrl+Shift+H)</source>
            <translation>Hand over to another plan… (Ctrl+Shift+H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="254" />
            <source>Next: every step is done or skipped.</source>
            <translation>Next: every step is done or skipped.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="257" />
            <source>Next: {title}</source>
            <translation>Next: {title}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="263" />
            <source>Choose a step from the list.</source>
            <translation>Choose a step from the list.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="278" />
            <source>要確認 — confirm against the city's rules: {text}</source>
            <translation>要確認 — confirm against the city's rules: {text}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="288" />
            <source>References: {refs}</source>
            <translation>References: {refs}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="306" />
            <source>Who: {role}</source>
            <translation>Who: {role}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="311" />
            <source>Holder: {person}</source>
            <translation>Holder: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="313" />
            <source>Deputy {n}: {person}</source>
            <translation>Deputy {n}: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="315" />
            <source>No one is listed for this role. Add them in Contacts.</source>
            <translation>No one is listed for this role. Add them in Contacts.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="359" />
            <source>Call: {body}</source>
            <translation>Call: {body}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="361" />
            <source>Call: '{id}' is not in Contacts. Add it there.</source>
            <translation>Call: '{id}' is not in Contacts. Add it there.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="318" />
            <source>Zones: {zones}</source>
            <translation>Zones: {zones}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="339" />
            <source>Done by {who} at {when}</source>
            <translation>Done by {who} at {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="348" />
            <source>Skipped by {who} at {when}: {reason}</source>
            <translation>Skipped by {who} at {when}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="355" />
            <source>as deputy for {who}</source>
            <translation>as deputy for {who}</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="82" />
            <source>{old} → {new}</source>
            <translation>{old} → {new}</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="89" />
            <source>(as deputy for {who})</source>
            <translation>(as deputy for {who})</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="93" />
            <source>reason: {reason}</source>
            <translation>reason: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="119" />
            <source>retracts {entry}: {reason}</source>
            <translation>retracts {entry}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="223" />
            <source>Occurred (JST)</source>
            <translation>Occurred (JST)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="224" />
            <source>Recorded</source>
            <translation>Recorded</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="241" />
            <source>When it was written down, shown only when it differs from when it happened</source>
            <translation>When it was written down, shown only when it differs from when it happened</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="225" />
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="226" />
            <source>What kind</source>
            <translation>What kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="227" />
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="244" />
            <source>Retracted by a later correction</source>
            <translation>Retracted by a later correction</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="270" />
            <source>(retracted)</source>
            <translation>(retracted)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="282" />
            <source>(clock went back)</source>
            <translation>(clock went back)</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="299" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="303" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="305" />
            <source>All kinds</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="309" />
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="311" />
            <source>Everyone</source>
            <translation>Everyone</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="314" />
            <source>Retract selected…</source>
            <translation>Retract selected…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="322" />
            <source>Quick note: what you saw or did (Ctrl+Enter to save)</source>
            <translation>Quick note: what you saw or did (Ctrl+Enter to save)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="328" />
            <source>Save note</source>
            <translation>Save note</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="331" />
            <source>Lesson learned</source>
            <translation>Lesson learned</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="332" />
            <source>Kept for the after-action report and plan revisions</source>
            <translation>Kept for the after-action report and plan revisions</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="356" />
            <source>Why this entry is wrong (required)</source>
            <translation>Why this entry is wrong (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="359" />
            <source>Retract</source>
            <translation>Retract</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="362" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="447" />
            <source>Select the entry to retract in the timeline.</source>
            <translation>Select the entry to retract in the timeline.</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="449" />
            <source>Retract #{seq}:</source>
            <translation>Retract #{seq}:</translation>
        </message>
    </context>
</TS>
