<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ContactsView</name>
        <message>
            <location filename="../../app/ui/contacts.py" line="45" />
            <source>Contacts and roles</source>
            <translation>Contacts and roles</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="48" />
            <source>Start from the example (fake entries)</source>
            <translation>Start from the example (fake entries)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="51" />
            <source>Save (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="56" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="66" />
            <source>People</source>
            <translation>People</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="71" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="72" />
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="73" />
            <source>Section</source>
            <translation>Section</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="74" />
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="75" />
            <source>Mobile</source>
            <translation>Mobile</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="76" />
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="83" />
            <source>Add person</source>
            <translation>Add person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="85" />
            <source>Remove person</source>
            <translation>Remove person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="94" />
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="99" />
            <source>[to be confirmed]</source>
            <translation>[to be confirmed]</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="107" />
            <source>Holder first, then deputies in succession order</source>
            <translation>Holder first, then deputies in succession order</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="115" />
            <source>Add to role</source>
            <translation>Add to role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="121" />
            <source>Up</source>
            <translation>Up</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="122" />
            <source>Down</source>
            <translation>Down</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="123" />
            <source>Remove from role</source>
            <translation>Remove from role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="143" />
            <source>File: {path}</source>
            <translation>File: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="175" />
            <source>New person</source>
            <translation>New person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="226" />
            <source>Holder</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="226" />
            <source>Deputy {n}</source>
            <translation>Deputy {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="289" />
            <source>Cannot save the contacts: {where}: {why}</source>
            <translation>Cannot save the contacts: {where}: {why}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="311" />
            <source>Contacts saved to {path}</source>
            <translation>Contacts saved to {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="280" />
            <source>Cannot save: the {column} in row {row} is empty.</source>
            <translation>Cannot save: the {column} in row {row} is empty.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="282" />
            <source>Cannot save: the {column} in row {row} is not valid.</source>
            <translation>Cannot save: the {column} in row {row} is not valid.</translation>
        </message>
    </context>
    <context>
        <name>DeadlinesPanel</name>
        <message>
            <location filename="../../app/ui/deadlines.py" line="40" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="40" />
            <source>Deadline → met by step</source>
            <translation>Deadline → met by step</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="66" />
            <source>its length ({within}) is beyond any calendar</source>
            <translation>its length ({within}) is beyond any calendar</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="70" />
            <source>met {when}</source>
            <translation>met {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="75" />
            <source>starts at: {anchor}</source>
            <translation>starts at: {anchor}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="73" />
            <source>waits for: {questions}</source>
            <translation>waits for: {questions}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="89" />
            <source>Met by: {step}</source>
            <translation>Met by: {step}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="125" />
            <source>the declaration</source>
            <translation>the declaration</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="125" />
            <source>awareness</source>
            <translation>awareness</translation>
        </message>
    </context>
    <context>
        <name>DecisionsPanel</name>
        <message>
            <location filename="../../app/ui/runner.py" line="171" />
            <source>Decisions</source>
            <translation>Decisions</translation>
        </message>
    </context>
    <context>
        <name>Gui</name>
        <message>
            <location filename="../../app/ui/app.py" line="207" />
            <source>Opening the records…</source>
            <translation>Opening the records…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="214" />
            <source>Reading the plans…</source>
            <translation>Reading the plans…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="236" />
            <source>Unexpected error: {error}</source>
            <translation>Unexpected error: {error}</translation>
        </message>
    </context>
    <context>
        <name>HandOverDialog</name>
        <message>
            <location filename="../../app/ui/handover.py" line="49" />
            <source>Hand over to another plan</source>
            <translation>Hand over to another plan</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="66" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="69" />
            <source>Hand over (Ctrl+Enter)</source>
            <translation>Hand over (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="83" />
            <source>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</source>
            <translation>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="96" />
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
            <location filename="../../app/ui/help.py" line="52" />
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="52" />
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="45" />
            <source>Go to decision 1 … 9</source>
            <translation>Go to decision 1 … 9</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="46" />
            <source>In a decision: choose an answer / another question</source>
            <translation>In a decision: choose an answer / another question</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="47" />
            <source>In a decision: record the chosen answer</source>
            <translation>In a decision: record the chosen answer</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="48" />
            <source>In a decision: back to the step</source>
            <translation>In a decision: back to the step</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="49" />
            <source>Step list → what to write down → done, skip, note</source>
            <translation>Step list → what to write down → done, skip, note</translation>
        </message>
    </context>
    <context>
        <name>HomeView</name>
        <message>
            <location filename="../../app/ui/home.py" line="113" />
            <source>Incidents</source>
            <translation>Incidents</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="116" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="139" />
            <source>Opening the records…</source>
            <translation>Opening the records…</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="163" />
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="163" />
            <source>No open incidents.</source>
            <translation>No open incidents.</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="164" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="164" />
            <source>No closed incidents.</source>
            <translation>No closed incidents.</translation>
        </message>
    </context>
    <context>
        <name>IncidentCard</name>
        <message>
            <location filename="../../app/ui/home.py" line="50" />
            <source>{id}: this incident's log cannot be read</source>
            <translation>{id}: this incident's log cannot be read</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="58" />
            <source>{id} · {status} · declared {when}</source>
            <translation>{id} · {status} · declared {when}</translation>
        </message>
    </context>
    <context>
        <name>IncidentView</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="160" />
            <source>Deadlines</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="236" />
            <source>Opening {id}…</source>
            <translation>Opening {id}…</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="239" />
            <source>Reading the log of {id}</source>
            <translation>Reading the log of {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="330" />
            <source>Steps</source>
            <translation>Steps</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="331" />
            <location filename="../../app/ui/incident_view.py" line="376" />
            <source>Decisions and deadlines</source>
            <translation>Decisions and deadlines</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="332" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="580" />
            <source>Choose a step first.</source>
            <translation>Choose a step first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="467" />
            <source>Exercise time: {time} (paused)</source>
            <translation>Exercise time: {time} (paused)</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="469" />
            <source>Exercise time: {time} (×{speed})</source>
            <translation>Exercise time: {time} (×{speed})</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="473" />
            <source>Exercise time: {time}</source>
            <translation>Exercise time: {time}</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../app/ui/texts.py" line="48" />
            <source>Mayor's departments</source>
            <translation>Mayor's departments</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="49" />
            <source>City council and its secretariat</source>
            <translation>City council and its secretariat</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="50" />
            <source>Board of education</source>
            <translation>Board of education</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="51" />
            <source>Election administration commission</source>
            <translation>Election administration commission</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="52" />
            <source>Fair treatment commission</source>
            <translation>Fair treatment commission</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="53" />
            <source>Audit commissioners</source>
            <translation>Audit commissioners</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="54" />
            <source>Agricultural committee</source>
            <translation>Agricultural committee</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="55" />
            <source>Fixed asset review board</source>
            <translation>Fixed asset review board</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="97" />
            <source>Usually: {holder} (to be confirmed against the city's rules)</source>
            <translation>Usually: {holder} (to be confirmed against the city's rules)</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="100" />
            <source>Usually: {holder}</source>
            <translation>Usually: {holder}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="119" />
            <source>{days}d {clock}</source>
            <translation>{days}d {clock}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="126" />
            <source>{span} overdue</source>
            <translation>{span} overdue</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="127" />
            <source>{span} left</source>
            <translation>{span} left</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="42" />
            <source>Sonae — incident response</source>
            <translation>Sonae — incident response</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="119" />
            <source>You:</source>
            <translation>You:</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="122" />
            <source>Your name (written in the log)</source>
            <translation>Your name (written in the log)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="153" />
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="154" />
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="155" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="156" />
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="159" />
            <source>Make the incident record (PDF)</source>
            <translation>Make the incident record (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="165" />
            <source>Make the after-action report (PDF)</source>
            <translation>Make the after-action report (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="172" />
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="174" />
            <source>&amp;Incident</source>
            <translation>&amp;Incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="177" />
            <source>Mark the step done</source>
            <translation>Mark the step done</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="183" />
            <source>Skip the step (with a reason)</source>
            <translation>Skip the step (with a reason)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="189" />
            <source>Write a quick note</source>
            <translation>Write a quick note</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="195" />
            <source>Next step</source>
            <translation>Next step</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="201" />
            <source>Previous step</source>
            <translation>Previous step</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="207" />
            <source>Hand over to another plan…</source>
            <translation>Hand over to another plan…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="213" />
            <source>Go to the timeline</source>
            <translation>Go to the timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="220" />
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="221" />
            <source>Larger text</source>
            <translation>Larger text</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="222" />
            <source>Smaller text</source>
            <translation>Smaller text</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="223" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="232" />
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="233" />
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="259" />
            <source>Read-only: this data folder ({folder}) cannot be written. You can read, check and print; nothing can be recorded.</source>
            <translation>Read-only: this data folder ({folder}) cannot be written. You can read, check and print; nothing can be recorded.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="263" />
            <source>Sonae — incident response (read-only)</source>
            <translation>Sonae — incident response (read-only)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="268" />
            <source>Entries recorded earlier are missing. Stop and tell the information systems administrator: restore the database from a backup, then check it with `sonae verify`.</source>
            <translation>Entries recorded earlier are missing. Stop and tell the information systems administrator: restore the database from a backup, then check it with `sonae verify`.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="276" />
            <source>A plan could not be read and is not offered: {problem}</source>
            <translation>A plan could not be read and is not offered: {problem}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="386" />
            <source>Report: reading the log…</source>
            <translation>Report: reading the log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="387" />
            <source>Report: laying out the pages…</source>
            <translation>Report: laying out the pages…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="388" />
            <source>Report: noting it in the log…</source>
            <translation>Report: noting it in the log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="404" />
            <source>Report written: {path}</source>
            <translation>Report written: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="408" />
            <source>Making the report…</source>
            <translation>Making the report…</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="53" />
            <source>Dismiss</source>
            <translation>Dismiss</translation>
        </message>
    </context>
    <context>
        <name>NoticeBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="110" />
            <source>Fewer</source>
            <translation>Fewer</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="110" />
            <source>All {n}</source>
            <translation>All {n}</translation>
        </message>
    </context>
    <context>
        <name>PlanPicker</name>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="42" />
            <source>Search titles and warning signs (Ctrl+F)</source>
            <translation>Search titles and warning signs (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="47" />
            <source>All categories</source>
            <translation>All categories</translation>
        </message>
    </context>
    <context>
        <name>StartView</name>
        <message>
            <location filename="../../app/ui/start.py" line="47" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="64" />
            <source>What happened, in a few words</source>
            <translation>What happened, in a few words</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="65" />
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="76" />
            <source>Mode</source>
            <translation>Mode</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="78" />
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="79" />
            <source>Responder</source>
            <translation>Responder</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="86" />
            <source>Zones</source>
            <translation>Zones</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="93" />
            <source>Body concerned</source>
            <translation>Body concerned</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="95" />
            <source>We became aware earlier, at:</source>
            <translation>We became aware earlier, at:</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="103" />
            <source>Awareness</source>
            <translation>Awareness</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="108" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="111" />
            <source>Start (Ctrl+Enter)</source>
            <translation>Start (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="143" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>No plan matches. Clear the search or the category.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="160" />
            <source>Choose a plan first.</source>
            <translation>Choose a plan first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="164" />
            <source>Write a title first.</source>
            <translation>Write a title first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="165" />
            <source>Write your name first (it goes in the log).</source>
            <translation>Write your name first (it goes in the log).</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="63" />
            <source>Mark contained</source>
            <translation>Mark contained</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="64" />
            <source>Mark recovered</source>
            <translation>Mark recovered</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="74" />
            <source>Summary (required to close)</source>
            <translation>Summary (required to close)</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="76" />
            <source>Close incident</source>
            <translation>Close incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="82" />
            <source>Reopen</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="94" />
            <source>Status: {status}</source>
            <translation>Status: {status}</translation>
        </message>
    </context>
    <context>
        <name>StepPanel</name>
        <message>
            <location filename="../../app/ui/step_panel.py" line="220" />
            <source>Done as deputy for:</source>
            <translation>Done as deputy for:</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="212" />
            <source>Done (Ctrl+D)</source>
            <translation>Done (Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="216" />
            <source>Mark as started</source>
            <translation>Mark as started</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="234" />
            <source>Reason for skipping (required)</source>
            <translation>Reason for skipping (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="237" />
            <source>Skip (Ctrl+K)</source>
            <translation>Skip (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="244" />
            <source>Note on this step</source>
            <translation>Note on this step</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="247" />
            <source>Add note</source>
            <translation>Add note</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="260" />
            <source>Once you know what this is, continue under the plan that fits.</source>
            <translation>Once you know what this is, continue under the plan that fits.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="257" />
            <source>Hand over to another plan… (Ctrl+Shift+H)</source>
            <translation>Hand over to another plan… (Ctrl+Shift+H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="283" />
            <source>Next: every step is done or skipped.</source>
            <translation>Next: every step is done or skipped.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="286" />
            <source>Next: {title}</source>
            <translation>Next: {title}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="292" />
            <location filename="../../app/ui/step_panel.py" line="429" />
            <source>Choose a step from the list.</source>
            <translation>Choose a step from the list.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="316" />
            <source>要確認 — confirm against the city's rules: {text}</source>
            <translation>要確認 — confirm against the city's rules: {text}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="327" />
            <source>References: {refs}</source>
            <translation>References: {refs}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="349" />
            <source>Who: {role}</source>
            <translation>Who: {role}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="354" />
            <source>Holder: {person}</source>
            <translation>Holder: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="356" />
            <source>Deputy {n}: {person}</source>
            <translation>Deputy {n}: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="358" />
            <source>No one is listed for this role. Add them in Contacts.</source>
            <translation>No one is listed for this role. Add them in Contacts.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="367" />
            <source>Call: {body}</source>
            <translation>Call: {body}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="369" />
            <source>Call: '{id}' is not in Contacts. Add it there.</source>
            <translation>Call: '{id}' is not in Contacts. Add it there.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="361" />
            <source>Zones: {zones}</source>
            <translation>Zones: {zones}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="401" />
            <source>Done by {who} at {when}</source>
            <translation>Done by {who} at {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="413" />
            <source>Skipped by {who} at {when}: {reason}</source>
            <translation>Skipped by {who} at {when}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="420" />
            <source>as deputy for {who}</source>
            <translation>as deputy for {who}</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="191" />
            <source>Occurred (JST)</source>
            <translation>Occurred (JST)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="192" />
            <source>Recorded</source>
            <translation>Recorded</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="185" />
            <source>When it was written down, shown only when it differs from when it happened</source>
            <translation>When it was written down, shown only when it differs from when it happened</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="193" />
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="194" />
            <source>What kind</source>
            <translation>What kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="195" />
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="213" />
            <source>Retracted by a later correction</source>
            <translation>Retracted by a later correction</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="267" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="271" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="273" />
            <source>All kinds</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="277" />
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="279" />
            <source>Everyone</source>
            <translation>Everyone</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="282" />
            <source>Retract selected…</source>
            <translation>Retract selected…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="290" />
            <source>Quick note: what you saw or did (Ctrl+Enter to save)</source>
            <translation>Quick note: what you saw or did (Ctrl+Enter to save)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="296" />
            <source>Save note</source>
            <translation>Save note</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="299" />
            <source>Lesson learned</source>
            <translation>Lesson learned</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="300" />
            <source>Kept for the after-action report and plan revisions</source>
            <translation>Kept for the after-action report and plan revisions</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="325" />
            <source>Why this entry is wrong (required)</source>
            <translation>Why this entry is wrong (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="328" />
            <source>Retract</source>
            <translation>Retract</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="331" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="431" />
            <source>Select the entry to retract in the timeline.</source>
            <translation>Select the entry to retract in the timeline.</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="433" />
            <source>Retract #{seq}:</source>
            <translation>Retract #{seq}:</translation>
        </message>
    </context>
</TS>
