<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../app/ui/about.py" line="20" />
            <source>About Sonae</source>
            <translation>About Sonae</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="22" />
            <source>Sonae (備え) %1</source>
            <translation>Sonae (備え) %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="26" />
            <source>Offline incident response: guided plans, deadlines, a tamper-evident log.</source>
            <translation>Offline incident response: guided plans, deadlines, a tamper-evident log.</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="31" />
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="32" />
            <source>Data folder</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="33" />
            <source>Font of the records</source>
            <translation>Font of the records</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="36" />
            <source>Runs on</source>
            <translation>Runs on</translation>
        </message>
    </context>
    <context>
        <name>AnsweredLine</name>
        <message>
            <location filename="../../app/ui/runner.py" line="411" />
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="413" />
            <source>Show the whole question and its answers again</source>
            <translation>Show the whole question and its answers again</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="427" />
            <source>Reason: {reason}</source>
            <translation>Reason: {reason}</translation>
        </message>
    </context>
    <context>
        <name>AwarenessDialog</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="151" />
            <source>Correct (Ctrl+Enter)</source>
            <translation>Correct (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="153" />
            <source>Correct the awareness time</source>
            <translation>Correct the awareness time</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="157" />
            <source>The awareness time is when any section of the city first knew of this. Every clock counted from it moves with it. The earlier time stays in the log.</source>
            <translation>The awareness time is when any section of the city first knew of this. Every clock counted from it moves with it. The earlier time stays in the log.</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="163" />
            <source>Now recorded</source>
            <translation>Now recorded</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="166" />
            <source>Aware since</source>
            <translation>Aware since</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="169" />
            <source>Why it changes (required), e.g. who knew first</source>
            <translation>Why it changes (required), e.g. who knew first</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="171" />
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="175" />
            <source>{aware} (declared {declared})</source>
            <translation>{aware} (declared {declared})</translation>
        </message>
    </context>
    <context>
        <name>BundleDialogs</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="36" />
            <source>Choose…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="40" />
            <source>Bundle file</source>
            <translation>Bundle file</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="158" />
            <source>Question</source>
            <translation>Question</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="160" />
            <source>Step</source>
            <translation>Step</translation>
        </message>
    </context>
    <context>
        <name>CheckRow</name>
        <message>
            <location filename="../../app/ui/step_panel.py" line="150" />
            <source>{text} (checked {when})</source>
            <translation>{text} (checked {when})</translation>
        </message>
    </context>
    <context>
        <name>CloseDialog</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="114" />
            <source>Close the incident (Ctrl+Enter)</source>
            <translation>Close the incident (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="116" />
            <source>Close the incident</source>
            <translation>Close the incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="120" />
            <source>Once closed, no step can be recorded until it is reopened. Reopening is always possible; both are kept in the log.</source>
            <translation>Once closed, no step can be recorded until it is reopened. Reopening is always possible; both are kept in the log.</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="128" />
            <source>What happened, what was done and how it ended (required)</source>
            <translation>What happened, what was done and how it ended (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="131" />
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="176" />
            <source>Conflicts between laptops: {id}</source>
            <translation>Conflicts between laptops: {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="184" />
            <source>These laptops recorded different things. Choose what holds and say why; the choice is a new entry in the log, and nothing recorded is removed.</source>
            <translation>These laptops recorded different things. Choose what holds and say why; the choice is a new entry in the log, and nothing recorded is removed.</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="207" />
            <source>No conflicts are open.</source>
            <translation>No conflicts are open.</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="230" />
            <source>Record this choice</source>
            <translation>Record this choice</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="238" />
            <source>Holds</source>
            <translation>Holds</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="239" />
            <source>Why</source>
            <translation>Why</translation>
        </message>
    </context>
    <context>
        <name>ContactDialog</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="194" />
            <source>Record (Ctrl+Enter)</source>
            <translation>Record (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="196" />
            <source>Record a contact</source>
            <translation>Record a contact</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="203" />
            <source>Whom *</source>
            <translation>Whom *</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="208" />
            <source>How *</source>
            <translation>How *</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="211" />
            <source>When *</source>
            <translation>When *</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="214" />
            <source>Name of the person you spoke to</source>
            <translation>Name of the person you spoke to</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="215" />
            <source>Spoke to</source>
            <translation>Spoke to</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="218" />
            <source>Receipt no. (受付番号)</source>
            <translation>Receipt no.</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="221" />
            <source>What was agreed or what they said</source>
            <translation>What was agreed or what they said</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="223" />
            <source>Outcome</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="228" />
            <source>For the step: {step}</source>
            <translation>For the step: {step}</translation>
        </message>
    </context>
    <context>
        <name>ContactsView</name>
        <message>
            <location filename="../../app/ui/contacts.py" line="58" />
            <source>Contacts and roles</source>
            <translation>Contacts and roles</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="61" />
            <source>Start from the example (fake entries)</source>
            <translation>Start from the example (fake entries)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="64" />
            <source>Save (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="69" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="81" />
            <source>People</source>
            <translation>People</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="86" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="89" />
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="90" />
            <source>Section</source>
            <translation>Section</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="87" />
            <location filename="../../app/ui/contacts.py" line="170" />
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="88" />
            <source>Mobile</source>
            <translation>Mobile</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="91" />
            <location filename="../../app/ui/contacts.py" line="173" />
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="98" />
            <source>Add person</source>
            <translation>Add person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="100" />
            <source>Remove person</source>
            <translation>Remove person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="109" />
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="114" />
            <source>[to be confirmed]</source>
            <translation>[to be confirmed]</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="122" />
            <source>Holder first, then deputies in succession order</source>
            <translation>Holder first, then deputies in succession order</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="130" />
            <source>Add to role</source>
            <translation>Add to role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="136" />
            <source>Up</source>
            <translation>Up</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="137" />
            <source>Down</source>
            <translation>Down</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="138" />
            <source>Remove from role</source>
            <translation>Remove from role</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="145" />
            <source>People and roles</source>
            <translation>People and roles</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="146" />
            <source>Outside bodies</source>
            <translation>Outside bodies</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="157" />
            <source>The bodies the plans' steps call. The ID is the name the plans use (police_cyber, ppc, fukuoka_pref…); a step shows the number beside its name.</source>
            <translation>The bodies the plans' steps call. The ID is the name the plans use (police_cyber, ppc, fukuoka_pref…); a step shows the number beside its name.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="168" />
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="169" />
            <source>Body name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="175" />
            <source>Name (English)</source>
            <translation>Name (English)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="171" />
            <source>Other numbers</source>
            <translation>Other numbers</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="172" />
            <source>Hours</source>
            <translation>Hours</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="174" />
            <source>Web</source>
            <translation>Web</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="176" />
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="187" />
            <source>Add body</source>
            <translation>Add body</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="189" />
            <source>Remove body</source>
            <translation>Remove body</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="205" />
            <source>File: {path}</source>
            <translation>File: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="283" />
            <source>New body</source>
            <translation>New body</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="310" />
            <source>New person</source>
            <translation>New person</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="361" />
            <source>Holder</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="361" />
            <source>Deputy {n}</source>
            <translation>Deputy {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="438" />
            <source>Cannot save: the {column} of body {row} is empty.</source>
            <translation>Cannot save: the {column} of body {row} is empty.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="441" />
            <source>Cannot save: the ID of body {row} may hold only a-z, 0-9, _ and -.</source>
            <translation>Cannot save: the ID of body {row} may hold only a-z, 0-9, _ and -.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="444" />
            <source>Cannot save: the {column} of body {row} is not valid.</source>
            <translation>Cannot save: the {column} of body {row} is not valid.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="452" />
            <source>Cannot save the contacts: {where}: {why}</source>
            <translation>Cannot save the contacts: {where}: {why}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="465" />
            <source>Cannot save: bodies {first} and {second} have the same ID.</source>
            <translation>Cannot save: bodies {first} and {second} have the same ID.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="484" />
            <source>Contacts saved to {path}</source>
            <translation>Contacts saved to {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="423" />
            <source>Cannot save: the {column} in row {row} is empty.</source>
            <translation>Cannot save: the {column} in row {row} is empty.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="425" />
            <source>Cannot save: the {column} in row {row} is not valid.</source>
            <translation>Cannot save: the {column} in row {row} is not valid.</translation>
        </message>
    </context>
    <context>
        <name>DeadlinesPanel</name>
        <message>
            <location filename="../../app/ui/deadlines.py" line="56" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="56" />
            <source>Deadline → met by step</source>
            <translation>Deadline → met by step</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="91" />
            <source>its length ({within}) is beyond any calendar</source>
            <translation>its length ({within}) is beyond any calendar</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="95" />
            <source>met {when}</source>
            <translation>met {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="100" />
            <source>starts at: {anchor}</source>
            <translation>starts at: {anchor}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="133" />
            <source>Click: go to question {n}</source>
            <translation>Click: go to question {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="151" />
            <location filename="../../app/ui/deadlines.py" line="174" />
            <source>※</source>
            <translation>*</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="175" />
            <source>※ unanswered: {questions}</source>
            <translation>* unanswered: decision {questions}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="98" />
            <source>waits for: {questions}</source>
            <translation>waits for: {questions}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="115" />
            <source>Carried over from the plan: {plan}</source>
            <translation>Carried over from the plan: {plan}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="130" />
            <source>Met by: {step}</source>
            <translation>Met by: {step}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="243" />
            <source>the declaration</source>
            <translation>the declaration</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="243" />
            <source>awareness</source>
            <translation>awareness</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="259" />
            <source>the body concerned (not recorded at the start)</source>
            <translation>the body concerned (not recorded at the start)</translation>
        </message>
    </context>
    <context>
        <name>DecisionsPanel</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="411" />
            <location filename="../../app/ui/runner.py" line="453" />
            <source>Decisions</source>
            <translation>Decisions</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="463" />
            <source>To change an answer, press Reopen (status → Open).</source>
            <translation>To change an answer, press Reopen (status → Open).</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="467" />
            <source>Reopening and the new answer are both kept in the log; close again after.</source>
            <translation>Reopening and the new answer are both kept in the log; close again after.</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="598" />
            <source>Reason (optional)</source>
            <translation>Reason (optional)</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="601" />
            <source>Printed beside the answer. Type it, then choose the answer (Enter goes back to the answers).</source>
            <translation>Printed beside the answer. Type it, then choose the answer (Enter goes back to the answers).</translation>
        </message>
    </context>
    <context>
        <name>DraftKeeper</name>
        <message>
            <location filename="../../app/ui/drafts.py" line="60" />
            <source>There is input that has not been recorded</source>
            <translation>There is input that has not been recorded</translation>
        </message>
        <message>
            <location filename="../../app/ui/drafts.py" line="63" />
            <source>It is kept as a draft, not in the record, and comes back when you open the incident again. To record it, go back and record it.</source>
            <translation>It is kept as a draft, not in the record, and comes back when you open the incident again. To record it, go back and record it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/drafts.py" line="70" />
            <source>Keep as a draft and quit</source>
            <translation>Keep as a draft and quit</translation>
        </message>
        <message>
            <location filename="../../app/ui/drafts.py" line="74" />
            <source>Go back</source>
            <translation>Go back</translation>
        </message>
    </context>
    <context>
        <name>DraftMark</name>
        <message>
            <location filename="../../app/ui/drafts.py" line="44" />
            <source>Discard the draft</source>
            <translation>Discard the draft</translation>
        </message>
    </context>
    <context>
        <name>ExerciseStartDialog</name>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="27" />
            <source>Start the exercise (Ctrl+Enter)</source>
            <translation>Start the exercise (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="29" />
            <source>Start an exercise</source>
            <translation>Start an exercise</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="33" />
            <source>The exercise runs the city's plan as it would be used for real, with the script's injects on its clock. It is marked as an exercise everywhere.</source>
            <translation>The exercise runs the city's plan as it would be used for real, with the script's injects on its clock. It is marked as an exercise everywhere.</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="45" />
            <source>Script</source>
            <translation>Script</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="57" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="60" />
            <source>The scenario starts at</source>
            <translation>The scenario starts at</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="64" />
            <source>×%1</source>
            <translation>×%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="65" />
            <source>Speed</source>
            <translation>Speed</translation>
        </message>
    </context>
    <context>
        <name>ExportBundleDialog</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="100" />
            <source>Export a bundle of {id}</source>
            <translation>Export a bundle of {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="102" />
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="103" />
            <source>Encrypt it with a passphrase</source>
            <translation>Encrypt it with a passphrase</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="109" />
            <source>Passphrase</source>
            <translation>Passphrase</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="110" />
            <source>Passphrase again</source>
            <translation>Passphrase again</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="115" />
            <source>Give the passphrase to the other laptop by another way than the file (by phone, or on paper).</source>
            <translation>Give the passphrase to the other laptop by another way than the file (by phone, or on paper).</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="122" />
            <source>Choose where to write the bundle.</source>
            <translation>Choose where to write the bundle.</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="128" />
            <source>The two passphrases differ.</source>
            <translation>The two passphrases differ.</translation>
        </message>
    </context>
    <context>
        <name>FacilitatorWindow</name>
        <message>
            <location filename="../../app/ui/facilitator.py" line="53" />
            <source>Facilitator: %1</source>
            <translation>Facilitator: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="84" />
            <source>Speed</source>
            <translation>Speed</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="88" />
            <location filename="../../app/ui/facilitator.py" line="212" />
            <source>×%1</source>
            <translation>×%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="91" />
            <source>Next move</source>
            <translation>Next move</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="95" />
            <source>Release injects at their time</source>
            <translation>Release injects at their time</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="101" />
            <source>Injects</source>
            <translation>Injects</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="104" />
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="105" />
            <location filename="../../app/ui/facilitator.py" line="122" />
            <source>Inject</source>
            <translation>Inject</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="106" />
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="107" />
            <source>What happens</source>
            <translation>What happens</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="108" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="115" />
            <source>Release the chosen inject now</source>
            <translation>Release the chosen inject now</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="120" />
            <source>Expected responses</source>
            <translation>Expected responses</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="122" />
            <source>Expected</source>
            <translation>Expected</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="122" />
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="133" />
            <source>Rate</source>
            <translation>Rate</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="148" />
            <source>Choose a rating</source>
            <translation>Choose a rating</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="153" />
            <source>Why this rating</source>
            <translation>Why this rating</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="156" />
            <source>Record the rating</source>
            <translation>Record the rating</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="166" />
            <source>A note on what the players do (kept in the log)</source>
            <translation>A note on what the players do (kept in the log)</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="169" />
            <source>Record the note</source>
            <translation>Record the note</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="215" />
            <source>Move: %1</source>
            <translation>Move: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="221" />
            <source>Resume</source>
            <translation>Resume</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="221" />
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="330" />
            <source>Choose a rating (P, S, M or U) first.</source>
            <translation>Choose a rating (P, S, M or U) first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="236" />
            <source>Released</source>
            <translation>Released</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="236" />
            <source>Released (by hand)</source>
            <translation>Released (by hand)</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="238" />
            <source>Not yet</source>
            <translation>Not yet</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="261" />
            <source>Score %1 of %2 (on time 2, late 1, otherwise 0)</source>
            <translation>Score %1 of %2 (on time 2, late 1, otherwise 0)</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="269" />
            <source>(score %1)</source>
            <translation>(score %1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="271" />
            <source>(rated: %1)</source>
            <translation>(rated: %1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="289" />
            <source>Facilitator</source>
            <translation>Facilitator</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="319" />
            <source>Choose an inject in the list first.</source>
            <translation>Choose an inject in the list first.</translation>
        </message>
    </context>
    <context>
        <name>Gui</name>
        <message>
            <location filename="../../app/ui/app.py" line="263" />
            <source>Opening the records…</source>
            <translation>Opening the records…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="235" />
            <location filename="../../app/ui/app.py" line="254" />
            <source>Reading the plans…</source>
            <translation>Reading the plans…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="288" />
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
            <location filename="../../app/ui/handover.py" line="63" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="66" />
            <source>Hand over (Ctrl+Enter)</source>
            <translation>Hand over (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="80" />
            <source>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</source>
            <translation>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="107" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>No plan matches. Clear the search or the category.</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <location filename="../../app/ui/help.py" line="35" />
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="40" />
            <source>Everything you do often has a key. In the quick-note box, Ctrl+Enter saves the note.</source>
            <translation>Everything you do often has a key. In the quick-note box, Ctrl+Enter saves the note.</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="46" />
            <source>Back to the current step (a click on “Next: …” too)</source>
            <translation>Back to the current step (a click on “Next: …” too)</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="47" />
            <source>Take back what was just recorded, while it is said on screen</source>
            <translation>Take back what was just recorded, while it is said on screen</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="48" />
            <source>Start the response / hand over / save the quick note</source>
            <translation>Start the response / hand over / save the quick note</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="49" />
            <source>Search the plans (start a response, hand over)</source>
            <translation>Search the plans (start a response, hand over)</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="50" />
            <source>Save the contacts</source>
            <translation>Save the contacts</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="53" />
            <source>In a decision: record the answer in the yellow frame</source>
            <translation>In a decision: record the answer in the yellow frame</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="54" />
            <source>In a decision: to its reason (Enter: back to the answers)</source>
            <translation>In a decision: to its reason (Enter: back to the answers)</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="57" />
            <source>In the timeline: on a note, record it as a lesson</source>
            <translation>In the timeline: on a note, record it as a lesson</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="60" />
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="60" />
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="51" />
            <source>Go to decision 1 … 9</source>
            <translation>Go to decision 1 … 9</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="52" />
            <source>In a decision: choose an answer / another question</source>
            <translation>In a decision: choose an answer / another question</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="55" />
            <source>In a decision: back to the step</source>
            <translation>In a decision: back to the step</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="56" />
            <source>Step list → what to write down → done, skip, note</source>
            <translation>Step list → what to write down → done, skip, note</translation>
        </message>
    </context>
    <context>
        <name>HomeView</name>
        <message>
            <location filename="../../app/ui/home.py" line="138" />
            <source>Incidents</source>
            <translation>Incidents</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="142" />
            <source>Plan library</source>
            <translation>Plan library</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="146" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="172" />
            <source>Opening the records…</source>
            <translation>Opening the records…</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="199" />
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="199" />
            <source>No open incidents.</source>
            <translation>No open incidents.</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="200" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="200" />
            <source>No closed incidents.</source>
            <translation>No closed incidents.</translation>
        </message>
    </context>
    <context>
        <name>ImportBundleDialog</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="139" />
            <source>Import a bundle from another laptop</source>
            <translation>Import a bundle from another laptop</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="140" />
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="141" />
            <source>Passphrase (if encrypted)</source>
            <translation>Passphrase (if encrypted)</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="144" />
            <source>Everything in the bundle is checked before anything is written: its signatures, every chain and every file. A backup of this laptop's database is made first.</source>
            <translation>Everything in the bundle is checked before anything is written: its signatures, every chain and every file. A backup of this laptop's database is made first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="151" />
            <source>Choose the bundle to import.</source>
            <translation>Choose the bundle to import.</translation>
        </message>
    </context>
    <context>
        <name>IncidentCard</name>
        <message>
            <location filename="../../app/ui/home.py" line="52" />
            <source>{id}: this incident's log cannot be read</source>
            <translation>{id}: this incident's log cannot be read</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="60" />
            <source>{id} · {status} · declared {when}</source>
            <translation>{id} · {status} · declared {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="89" />
            <source>Progress: {done} of {applicable} steps done</source>
            <translation>Progress: {done} of {applicable} steps done</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="102" />
            <source>Nearest deadline: {title}</source>
            <translation>Nearest deadline: {title}</translation>
        </message>
    </context>
    <context>
        <name>IncidentView</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="186" />
            <location filename="../../app/ui/incident_view.py" line="412" />
            <location filename="../../app/ui/incident_view.py" line="463" />
            <source>Deadlines</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="301" />
            <source>Opening {id}…</source>
            <translation>Opening {id}…</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="304" />
            <source>Reading the log of {id}</source>
            <translation>Reading the log of {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="410" />
            <source>Steps</source>
            <translation>Steps</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="413" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="597" />
            <source>Inject %1 (%2 of %3)</source>
            <translation>Inject %1 (%2 of %3)</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="613" />
            <source>Evidence files: {files}</source>
            <translation>Evidence files: {files}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="616" />
            <source>{name}: sha256 {sha}, added by {who} at {at}, handed on {n} times</source>
            <translation>{name}: sha256 {sha}, added by {who} at {at}, handed on {n} times</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="638" />
            <source>Attach evidence to: {step}</source>
            <translation>Attach evidence to: {step}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="640" />
            <source>Attach evidence</source>
            <translation>Attach evidence</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="679" />
            <source>Aware since: {aware} (= declared)</source>
            <translation>Aware since: {aware} (= declared)</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="681" />
            <source>Aware since: {aware} (declared {declared})</source>
            <translation>Aware since: {aware} (declared {declared})</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="687" />
            <source> — corrected</source>
            <translation> — corrected</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="695" />
            <source>Every clock counted from the awareness time moves with it.</source>
            <translation>Every clock counted from the awareness time moves with it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="975" />
            <source>Choose a step first.</source>
            <translation>Choose a step first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="662" />
            <source>Exercise time: {time} (paused)</source>
            <translation>Exercise time: {time} (paused)</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="664" />
            <source>Exercise time: {time} (×{speed})</source>
            <translation>Exercise time: {time} (×{speed})</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="668" />
            <source>Exercise time: {time}</source>
            <translation>Exercise time: {time}</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../app/ui/texts.py" line="64" />
            <source>Mayor's departments</source>
            <translation>Mayor's departments</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="65" />
            <source>City council and its secretariat</source>
            <translation>City council and its secretariat</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="66" />
            <source>Board of education</source>
            <translation>Board of education</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="67" />
            <source>Election administration commission</source>
            <translation>Election administration commission</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="68" />
            <source>Fair treatment commission</source>
            <translation>Fair treatment commission</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="69" />
            <source>Audit commissioners</source>
            <translation>Audit commissioners</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="70" />
            <source>Agricultural committee</source>
            <translation>Agricultural committee</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="71" />
            <source>Fixed asset review board</source>
            <translation>Fixed asset review board</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="123" />
            <source>{month}/{day} ({weekday}) {time}</source>
            <translation>{month}/{day} ({weekday}) {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="129" />
            <source>Mon</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="130" />
            <source>Tue</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="131" />
            <source>Wed</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="132" />
            <source>Thu</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="133" />
            <source>Fri</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="134" />
            <source>Sat</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="135" />
            <source>Sun</source>
            <translation>Sun</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="147" />
            <source>{n} d</source>
            <translation>{n} d</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="148" />
            <source>{n} h</source>
            <translation>{n} h</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="149" />
            <source>{n} min</source>
            <translation>{n} min</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="170" />
            <source>Usually: {holder} (to be confirmed against the city's rules)</source>
            <translation>Usually: {holder} (to be confirmed against the city's rules)</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="173" />
            <source>Usually: {holder}</source>
            <translation>Usually: {holder}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="192" />
            <source>{days}d {clock}</source>
            <translation>{days}d {clock}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="199" />
            <source>{span} overdue</source>
            <translation>{span} overdue</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="200" />
            <source>{span} left</source>
            <translation>{span} left</translation>
        </message>
    </context>
    <context>
        <name>LessonDialog</name>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="65" />
            <source>Record (Ctrl+Enter)</source>
            <translation>Record (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="67" />
            <source>Record a lesson</source>
            <translation>Record a lesson</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="73" />
            <source>What was learned, what went well or what did not</source>
            <translation>What was learned, what went well or what did not</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="83" />
            <source>Lesson *</source>
            <translation>Lesson *</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="100" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="102" />
            <source>Improvement item (who, by when, which step)</source>
            <translation>Improvement item (who, by when, which step)</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="105" />
            <source>Listed in the after-action report as something to change, with its owner.</source>
            <translation>Listed in the after-action report as something to change, with its owner.</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="110" />
            <source>A name or a section</source>
            <translation>A name or a section</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="111" />
            <source>Owner</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="116" />
            <source>Not set</source>
            <translation>Not set</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="117" />
            <source>Due</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="124" />
            <source>Step to change</source>
            <translation>Step to change</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="147" />
            <source>From note #{seq}: the lesson is marked on it.</source>
            <translation>From note #{seq}: the lesson is marked on it.</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="150" />
            <source>For the after-action report and the next plan revision.</source>
            <translation>For the after-action report and the next plan revision.</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="172" />
            <source>None</source>
            <translation>None</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="51" />
            <source>Sonae — incident response</source>
            <translation>Sonae — incident response</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="216" />
            <source>You:</source>
            <translation>You:</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="219" />
            <source>Your name (written in the log)</source>
            <translation>Your name (written in the log)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="250" />
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="251" />
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="252" />
            <source>Start a response</source>
            <translation>Start a response</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="254" />
            <source>Start an exercise…</source>
            <translation>Start an exercise…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="256" />
            <source>Plan library</source>
            <translation>Plan library</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="257" />
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="260" />
            <source>Export a bundle for another laptop…</source>
            <translation>Export a bundle for another laptop…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="263" />
            <source>Import a bundle from another laptop…</source>
            <translation>Import a bundle from another laptop…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="268" />
            <source>Make the incident record (PDF)</source>
            <translation>Make the incident record (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="274" />
            <source>Make the after-action report (PDF)</source>
            <translation>Make the after-action report (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="280" />
            <source>Make the incident report to send (PDF)</source>
            <translation>Make the incident report to send (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="289" />
            <source>The whole record: every entry, for the city's files and for signing.</source>
            <translation>The whole record: every entry, for the city's files and for signing.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="292" />
            <source>For the review: what went well and what did not, lessons, improvement items.</source>
            <translation>For the review: what went well and what did not, lessons, improvement items.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="298" />
            <source>For the PPC or the police: no internal notes, plan hashes or 要確認 remarks; marked as a copy of the signed record.</source>
            <translation>For the PPC or the police: no internal notes, plan hashes or 要確認 remarks; marked as a copy of the signed record.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="304" />
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="306" />
            <source>&amp;Incident</source>
            <translation>&amp;Incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="309" />
            <source>Mark the step done</source>
            <translation>Mark the step done</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="315" />
            <source>Skip the step (with a reason)</source>
            <translation>Skip the step (with a reason)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="321" />
            <source>Write a quick note</source>
            <translation>Write a quick note</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="327" />
            <source>Next step</source>
            <translation>Next step</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="333" />
            <source>Previous step</source>
            <translation>Previous step</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="339" />
            <source>Hand over to another plan…</source>
            <translation>Hand over to another plan…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="345" />
            <source>Record a lesson…</source>
            <translation>Record a lesson…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="351" />
            <source>Attach evidence…</source>
            <translation>Attach evidence…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="357" />
            <source>Settle conflicts between laptops…</source>
            <translation>Settle conflicts between laptops…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="363" />
            <source>Go to the timeline</source>
            <translation>Go to the timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="369" />
            <source>Facilitate the exercise…</source>
            <translation>Facilitate the exercise…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="376" />
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="377" />
            <source>Larger text</source>
            <translation>Larger text</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="378" />
            <source>Smaller text</source>
            <translation>Smaller text</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="379" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="388" />
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="389" />
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="390" />
            <source>About Sonae</source>
            <translation>About Sonae</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="416" />
            <source>Read-only: this data folder ({folder}) cannot be written. You can read, check and print; nothing can be recorded.</source>
            <translation>Read-only: this data folder ({folder}) cannot be written. You can read, check and print; nothing can be recorded.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="420" />
            <source>Sonae — incident response (read-only)</source>
            <translation>Sonae — incident response (read-only)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="425" />
            <source>Entries recorded earlier are missing. Stop and tell the information systems administrator: restore the database from a backup, then check it with `sonae verify`.</source>
            <translation>Entries recorded earlier are missing. Stop and tell the information systems administrator: restore the database from a backup, then check it with `sonae verify`.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="433" />
            <source>A plan could not be read and is not offered: {problem}</source>
            <translation>A plan could not be read and is not offered: {problem}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="576" />
            <source>There is no exercise script to start.</source>
            <translation>There is no exercise script to start.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="623" />
            <source>This incident was not started from an exercise script.</source>
            <translation>This incident was not started from an exercise script.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="642" />
            <source>Open an incident first.</source>
            <translation>Open an incident first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="663" />
            <source>Bundle written: {path} ({n} entries)</source>
            <translation>Bundle written: {path} ({n} entries)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="700" />
            <source>Checking and merging the bundle…</source>
            <translation>Checking and merging the bundle…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="750" />
            <source>Report: reading the log…</source>
            <translation>Report: reading the log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="751" />
            <source>Report: laying out the pages…</source>
            <translation>Report: laying out the pages…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="752" />
            <source>Report: noting it in the log…</source>
            <translation>Report: noting it in the log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="768" />
            <source>Report written: {path}</source>
            <translation>Report written: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="772" />
            <source>Making the report…</source>
            <translation>Making the report…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="782" />
            <source>The report was written, but no PDF viewer could be opened for it. The file is: {path}</source>
            <translation>The report was written, but no PDF viewer could be opened for it. The file is: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="785" />
            <source>Open the folder</source>
            <translation>Open the folder</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="792" />
            <source>The folder could not be opened either. Open it by hand: {folder}</source>
            <translation>The folder could not be opened either. Open it by hand: {folder}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="813" />
            <source>Backup made: {path}</source>
            <translation>Backup made: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="817" />
            <source>The backup could not be made: {reason}</source>
            <translation>The backup could not be made: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="821" />
            <source>Backing up the records…</source>
            <translation>Backing up the records…</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="137" />
            <source>Dismiss</source>
            <translation>Dismiss</translation>
        </message>
    </context>
    <context>
        <name>NoticeBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="260" />
            <source>Fewer</source>
            <translation>Fewer</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="260" />
            <source>All {n}</source>
            <translation>All {n}</translation>
        </message>
    </context>
    <context>
        <name>OccurredAt</name>
        <message>
            <location filename="../../app/ui/occurred_at.py" line="26" />
            <source>Happened at:</source>
            <translation>Happened at:</translation>
        </message>
        <message>
            <location filename="../../app/ui/occurred_at.py" line="29" />
            <source>For something that happened earlier: tick and give the time it happened. The record keeps both times, and the timeline shows how much later it was written.</source>
            <translation>For something that happened earlier: tick and give the time it happened. The record keeps both times, and the timeline shows how much later it was written.</translation>
        </message>
    </context>
    <context>
        <name>PlanLibraryView</name>
        <message>
            <location filename="../../app/ui/plan_library.py" line="41" />
            <source>Plan library</source>
            <translation>Plan library</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="55" />
            <source>Print the blank checklist (PDF)</source>
            <translation>Print the blank checklist (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="57" />
            <source>The paper checklist with the contact sheet, for work without the laptop.</source>
            <translation>The paper checklist with the contact sheet, for work without the laptop.</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="61" />
            <source>Start a drill of this plan…</source>
            <translation>Start a drill of this plan…</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="65" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="85" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>No plan matches. Clear the search or the category.</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="111" />
            <source>Checklist written: {path}</source>
            <translation>Checklist written: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="114" />
            <source>Making the checklist…</source>
            <translation>Making the checklist…</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="128" />
            <source>Warning signs</source>
            <translation>Warning signs</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="139" />
            <source>only in some cases</source>
            <translation>only in some cases</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="142" />
            <source>Who: {role}</source>
            <translation>Who: {role}</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="150" />
            <source>Call: {bodies}</source>
            <translation>Call: {bodies}</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="160" />
            <source>Deadlines</source>
            <translation>Deadlines</translation>
        </message>
    </context>
    <context>
        <name>PlanPicker</name>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="83" />
            <source>Search titles and warning signs (Ctrl+F)</source>
            <translation>Search titles and warning signs (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="89" />
            <source>All categories</source>
            <translation>All categories</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="138" />
            <source>・</source>
            <translation>• </translation>
        </message>
    </context>
    <context>
        <name>PrintWarning</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="315" />
            <source>{char} shows as {mark}</source>
            <translation>{char} shows as {mark}</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="318" />
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="319" />
            <source>When printed, {chars}</source>
            <translation>When printed, {chars}</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="324" />
            <source>The printed font has no such character. The record keeps the character itself; only paper shows it so.</source>
            <translation>The printed font has no such character. The record keeps the character itself; only paper shows it so.</translation>
        </message>
    </context>
    <context>
        <name>RecordedNotice</name>
        <message>
            <location filename="../../app/ui/recorded.py" line="45" />
            <source>{kind} 「{what}」 {time}</source>
            <translation>{kind} “{what}” {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/recorded.py" line="53" />
            <source>Recorded: {entry}</source>
            <translation>Recorded: {entry}</translation>
        </message>
        <message>
            <location filename="../../app/ui/recorded.py" line="57" />
            <source>Undo (Ctrl+Z)</source>
            <translation>Undo (Ctrl+Z)</translation>
        </message>
        <message>
            <location filename="../../app/ui/recorded.py" line="74" />
            <source>Retracted: {entry} (the log keeps both entries)</source>
            <translation>Retracted: {entry} (the log keeps both entries)</translation>
        </message>
    </context>
    <context>
        <name>SituationBar</name>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="84" />
            <source>under a minute</source>
            <translation>under a minute</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="146" />
            <source>Progress {done}/{applicable}</source>
            <translation>Progress {done}/{applicable}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="150" />
            <source>Status of the incident</source>
            <translation>Status of the incident</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="152" />
            <source>Steps finished (done or skipped) of the steps that apply</source>
            <translation>Steps finished (done or skipped) of the steps that apply</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="165" />
            <source>Working: no one recorded in {minutes} min</source>
            <translation>Working: no one recorded in {minutes} min</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="170" />
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="172" />
            <source> +{n}</source>
            <translation> +{n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="173" />
            <source>Working: {names}</source>
            <translation>Working: {names}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="182" />
            <source>{name}: in progress: {steps}</source>
            <translation>{name}: in progress: {steps}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="188" />
            <source>{name}: recorded in the last {minutes} min</source>
            <translation>{name}: recorded in the last {minutes} min</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="197" />
            <source>Elapsed: —</source>
            <translation>Elapsed: —</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="199" />
            <source>Aware and declared {span} ago</source>
            <translation>Aware and declared {span} ago</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="201" />
            <source>Aware {aware} ago · declared {declared} ago</source>
            <translation>Aware {aware} ago · declared {declared} ago</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="205" />
            <source> — awareness time corrected</source>
            <translation> — awareness time corrected</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="216" />
            <source>No deadline running</source>
            <translation>No deadline running</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="222" />
            <source>Next deadline</source>
            <translation>Next deadline</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="224" />
            <source>{sign}{state}: {deadline} · {due} · {left}</source>
            <translation>{sign}{state}: {deadline} · {due} · {left}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="228" />
            <source>by {due}</source>
            <translation>by {due}</translation>
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
            <location filename="../../app/ui/start.py" line="62" />
            <source>What happened, in a few words</source>
            <translation>What happened, in a few words</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="63" />
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="74" />
            <source>Mode</source>
            <translation>Mode</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="76" />
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="77" />
            <source>Responder</source>
            <translation>Responder</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="84" />
            <source>Zones</source>
            <translation>Zones</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="93" />
            <source>Some steps and clocks differ for the council (for example the PPC reports).</source>
            <translation>Some steps and clocks differ for the council (for example the PPC reports).</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="95" />
            <source>Body concerned</source>
            <translation>Body concerned</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="97" />
            <source>We became aware earlier, at:</source>
            <translation>We became aware earlier, at:</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="105" />
            <source>Awareness</source>
            <translation>Awareness</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="109" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="112" />
            <source>Start (Ctrl+Enter)</source>
            <translation>Start (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="153" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>No plan matches. Clear the search or the category.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="170" />
            <source>Choose a plan first.</source>
            <translation>Choose a plan first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="174" />
            <source>Write a title first.</source>
            <translation>Write a title first.</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="175" />
            <source>Write your name first (it goes in the log).</source>
            <translation>Write your name first (it goes in the log).</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="73" />
            <source>Mark contained</source>
            <translation>Mark contained</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="74" />
            <source>Mark recovered</source>
            <translation>Mark recovered</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="86" />
            <source>Close incident…</source>
            <translation>Close incident…</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="92" />
            <source>Reopen</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="98" />
            <source>Correct the awareness time…</source>
            <translation>Correct awareness time…</translation>
        </message>
    </context>
    <context>
        <name>StepPanel</name>
        <message>
            <location filename="../../app/ui/step_panel.py" line="414" />
            <source>Done as deputy for:</source>
            <translation>As deputy for:</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="405" />
            <location filename="../../app/ui/step_panel.py" line="643" />
            <source>Done (Ctrl+D)</source>
            <translation>Done (Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="363" />
            <source>Check items (each tick is recorded):</source>
            <translation>Check items (each tick is recorded):</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="410" />
            <source>Mark as started</source>
            <translation>Mark as started</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="446" />
            <source>Reason for skipping (required)</source>
            <translation>Why skip? (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="450" />
            <source>Skip (Ctrl+K)</source>
            <translation>Skip (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="475" />
            <source>Note on this step</source>
            <translation>Note on this step</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="479" />
            <source>Add note</source>
            <translation>Add note</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="502" />
            <source>Once you know what this is, continue under the plan that fits.</source>
            <translation>Once you know what this is, continue under the plan that fits.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="499" />
            <source>Hand over to another plan… (Ctrl+Shift+H)</source>
            <translation>Hand over to another plan… (Ctrl+Shift+H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="384" />
            <source>Contacts made</source>
            <translation>Contacts made</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="484" />
            <source>Record a contact…</source>
            <translation>Record a contact…</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="555" />
            <source>Next: every step is done or skipped.</source>
            <translation>Next: every step is done or skipped.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="558" />
            <source>Next: {title}</source>
            <translation>Next: {title}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="564" />
            <location filename="../../app/ui/step_panel.py" line="961" />
            <source>Choose a step from the list.</source>
            <translation>Choose a step from the list.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="603" />
            <source>References: {refs}</source>
            <translation>References: {refs}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="645" />
            <source>Record occurrence {n} (Ctrl+D)</source>
            <translation>Record occurrence {n} (Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="679" />
            <source>Target: {length} from awareness</source>
            <translation>Target: {length} from awareness</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="681" />
            <source>Target: {length} from the declaration</source>
            <translation>Target: {length} from the declaration</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="693" />
            <source>A target is shown and reported; it never stops you recording the step.</source>
            <translation>A target is shown and reported; it never stops you recording the step.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="737" />
            <source>Repeats every {every}, {until}</source>
            <translation>Repeats every {every}, {until}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="711" />
            <source>{state}: {due} ({left})</source>
            <translation>{state}: {due} ({left})</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="298" />
            <source>Back to the current step (Ctrl+G)</source>
            <translation>Back to the current step (Ctrl+G)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="345" />
            <source>Draft, not recorded yet: what was typed in this step's inputs and note</source>
            <translation>Draft, not recorded yet: what was typed in this step's inputs and note</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="459" />
            <source>Reason for deferring (required)</source>
            <translation>Why defer? (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="462" />
            <source>Defer</source>
            <translation>Defer</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="465" />
            <source>Come back to it later: it stays in the list, and Next moves on.</source>
            <translation>Come back to it later: it stays in the list, and Next moves on.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="552" />
            <source>Next: {state}. The deferred steps are in the list.</source>
            <translation>Next: {state}. The deferred steps are in the list.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="594" />
            <source>Open point: {text}</source>
            <translation>Open point: {text}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="668" />
            <location filename="../../app/ui/step_panel.py" line="672" />
            <source>{state} ({when})</source>
            <translation>{state} ({when})</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="684" />
            <source>Target: {length} from awareness, by {due}</source>
            <translation>Target: {length} from awareness, by {due}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="688" />
            <source>Target: {length} from the declaration, by {due}</source>
            <translation>Target: {length} from the declaration, by {due}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="717" />
            <source>{state}: since {due} ({late})</source>
            <translation>{state}: since {due} ({late})</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="720" />
            <source>{span} ago</source>
            <translation>{span} ago</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="725" />
            <source>{state}: the first time</source>
            <translation>{state}: the first time</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="732" />
            <source>Done {n} times, last at {last}</source>
            <translation>Done {n} times, last at {last}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="735" />
            <source>Not done yet.</source>
            <translation>Not done yet.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="748" />
            <source>until every other step of this phase is finished</source>
            <translation>until every other step of this phase is finished</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="819" />
            <source>None recorded yet for this step.</source>
            <translation>None recorded yet for this step.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="829" />
            <source>Who: {role}</source>
            <translation>Who: {role}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="834" />
            <source>Holder: {person}</source>
            <translation>Holder: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="836" />
            <source>Deputy {n}: {person}</source>
            <translation>Deputy {n}: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="838" />
            <source>No one is listed for this role. Add them in Contacts.</source>
            <translation>No one is listed for this role. Add them in Contacts.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="856" />
            <source>Call: {body}</source>
            <translation>Call: {body}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="929" />
            <source>Deferred by {who} at {when}: {reason}</source>
            <translation>Deferred by {who} at {when}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="1106" />
            <source>Not recorded: this step has just appeared. Read it, then press Done again.</source>
            <translation>Not recorded: this step has just appeared. Read it, then press Done again.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="1143" />
            <source>Not recorded: this step has fields to fill in, shown above. Fill them in, or press Done again to complete it without them.</source>
            <translation>Not recorded: this step has fields to fill in, shown above. Fill them in, or press Done again to complete it without them.</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="841" />
            <source>Zones: {zones}</source>
            <translation>Zones: {zones}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="755" />
            <source>until the answer to "{questions}" ends it</source>
            <translation>until the answer to "{questions}" ends it</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="816" />
            <source> (recorded by {who})</source>
            <translation> (recorded by {who})</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="853" />
            <source>{body} (no number: not in Contacts yet)</source>
            <translation>{body} (no number: not in Contacts yet)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="862" />
            <source>Add {body} to Contacts…</source>
            <translation>Add {body} to Contacts…</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="866" />
            <source>Add these {n} to Contacts…</source>
            <translation>Add these {n} to Contacts…</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="911" />
            <source>Last done by {who} at {when}</source>
            <translation>Last done by {who} at {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="917" />
            <source>Done by {who} at {when}</source>
            <translation>Done by {who} at {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="937" />
            <source>Skipped by {who} at {when}: {reason}</source>
            <translation>Skipped by {who} at {when}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="944" />
            <source>as deputy for {who}</source>
            <translation>as deputy for {who}</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="230" />
            <source>Occurred (JST)</source>
            <translation>Occurred (JST)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="231" />
            <source>Recorded</source>
            <translation>Recorded</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="224" />
            <source>When it was written down, shown only when it differs from when it happened</source>
            <translation>When it was written down, shown only when it differs from when it happened</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="232" />
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="233" />
            <source>What kind</source>
            <translation>What kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="234" />
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="250" />
            <source>Recorded late: written {lag} after it happened</source>
            <translation>Recorded late: written {lag} after it happened</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="256" />
            <source>Retracted by a later correction</source>
            <translation>Retracted by a later correction</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="304" />
            <source>{time} ({lag} later)</source>
            <translation>{time} (+{lag})</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="379" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="386" />
            <source>Search (Ctrl+F)</source>
            <translation>Search (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="404" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="393" />
            <source>All kinds</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="409" />
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="407" />
            <source>Everyone</source>
            <translation>Everyone</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="411" />
            <source>Retract selected…</source>
            <translation>Retract selected…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="429" />
            <source>Show all</source>
            <translation>Show all</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="440" />
            <source>Quick note: what you saw or did (Ctrl+Enter to save)</source>
            <translation>Quick note: what you saw or did (Ctrl+Enter to save)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="448" />
            <source>Save note</source>
            <translation>Save note</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="451" />
            <source>Record a lesson… (Ctrl+L)</source>
            <translation>Record a lesson… (Ctrl+L)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="455" />
            <source>For the after-action report: a lesson, what went well or not, or an improvement item. The text typed here goes into the form.</source>
            <translation>For the after-action report: a lesson, what went well or not, or an improvement item. The text typed here goes into the form.</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="466" />
            <source>Draft, not recorded yet: the quick note</source>
            <translation>Draft, not recorded yet: the quick note</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="496" />
            <source>Why this entry is wrong (required)</source>
            <translation>Why this entry is wrong (required)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="499" />
            <source>Retract</source>
            <translation>Retract</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="502" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="625" />
            <source>Filtered: showing {shown} of {total} entries</source>
            <translation>Filtered: showing {shown} of {total} entries</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="647" />
            <source>Back to the step</source>
            <translation>Back to the step</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="647" />
            <source>Full view</source>
            <translation>Full view</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="649" />
            <source>Back to the step (Ctrl+G)</source>
            <translation>Back to the step (Ctrl+G)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="649" />
            <source>Full view (Ctrl+T)</source>
            <translation>Full view (Ctrl+T)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="672" />
            <source>Record as a lesson…</source>
            <translation>Record as a lesson…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="675" />
            <source>Retract…</source>
            <translation>Retract…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="692" />
            <source>Select the entry to retract in the timeline.</source>
            <translation>Select the entry to retract in the timeline.</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="694" />
            <source>Retract #{seq}:</source>
            <translation>Retract #{seq}:</translation>
        </message>
    </context>
    <context>
        <name>_Form</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="80" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
    </context>
</TS>
