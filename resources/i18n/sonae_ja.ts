<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../app/ui/about.py" line="20" />
            <source>About Sonae</source>
            <translation>Sonae について</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="22" />
            <source>Sonae (備え) %1</source>
            <translation>備え (Sonae) %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="26" />
            <source>Offline incident response: guided plans, deadlines, a tamper-evident log.</source>
            <translation>オフラインのインシデント対応: 手順の案内、期限の管理、改ざんを検知できる記録。</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="31" />
            <source>Version</source>
            <translation>バージョン</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="32" />
            <source>Data folder</source>
            <translation>データフォルダ</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="33" />
            <source>Font of the records</source>
            <translation>記録の書体</translation>
        </message>
        <message>
            <location filename="../../app/ui/about.py" line="36" />
            <source>Runs on</source>
            <translation>実行環境</translation>
        </message>
    </context>
    <context>
        <name>AnsweredLine</name>
        <message>
            <location filename="../../app/ui/runner.py" line="411" />
            <source>Change</source>
            <translation>変更</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="413" />
            <source>Show the whole question and its answers again</source>
            <translation>質問の全文と回答の選択肢をもう一度表示します</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="427" />
            <source>Reason: {reason}</source>
            <translation>理由: {reason}</translation>
        </message>
    </context>
    <context>
        <name>AwarenessDialog</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="151" />
            <source>Correct (Ctrl+Enter)</source>
            <translation>訂正する (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="153" />
            <source>Correct the awareness time</source>
            <translation>認知時刻の訂正</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="157" />
            <source>The awareness time is when any section of the city first knew of this. Every clock counted from it moves with it. The earlier time stays in the log.</source>
            <translation>認知時刻は、市のいずれかの部署が最初にこの事案を知った時刻です。この時刻から数える期限は全て、訂正に合わせて動きます。訂正前の時刻も記録に残ります。</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="163" />
            <source>Now recorded</source>
            <translation>現在の記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="166" />
            <source>Aware since</source>
            <translation>認知時刻</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="169" />
            <source>Why it changes (required), e.g. who knew first</source>
            <translation>訂正の理由（必須）。例: 最初に知った部署と経緯</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="171" />
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="175" />
            <source>{aware} (declared {declared})</source>
            <translation>{aware}（宣言 {declared}）</translation>
        </message>
    </context>
    <context>
        <name>BundleDialogs</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="36" />
            <source>Choose…</source>
            <translation>選ぶ…</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="40" />
            <source>Bundle file</source>
            <translation>束のファイル</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="158" />
            <source>Question</source>
            <translation>判断</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="160" />
            <source>Step</source>
            <translation>手順</translation>
        </message>
    </context>
    <context>
        <name>CheckRow</name>
        <message>
            <location filename="../../app/ui/step_panel.py" line="150" />
            <source>{text} (checked {when})</source>
            <translation>{text}（{when} 確認）</translation>
        </message>
    </context>
    <context>
        <name>CloseDialog</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="114" />
            <source>Close the incident (Ctrl+Enter)</source>
            <translation>終了する (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="116" />
            <source>Close the incident</source>
            <translation>インシデントの終了</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="120" />
            <source>Once closed, no step can be recorded until it is reopened. Reopening is always possible; both are kept in the log.</source>
            <translation>終了すると、再開するまで手順は記録できません。再開はいつでもでき、終了も再開も記録に残ります。</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="128" />
            <source>What happened, what was done and how it ended (required)</source>
            <translation>何が起き、何をして、どう終わったか（必須）</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="131" />
            <source>Summary</source>
            <translation>概要</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="176" />
            <source>Conflicts between laptops: {id}</source>
            <translation>端末間の食い違い: {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="184" />
            <source>These laptops recorded different things. Choose what holds and say why; the choice is a new entry in the log, and nothing recorded is removed.</source>
            <translation>端末ごとに異なる記録があります。どれを採るかを選び、理由を書いてください。選んだ内容は新しい記録として残り、これまでの記録は消えません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="207" />
            <source>No conflicts are open.</source>
            <translation>未解決の食い違いはありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="230" />
            <source>Record this choice</source>
            <translation>この内容で記録する</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="238" />
            <source>Holds</source>
            <translation>採る内容</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="239" />
            <source>Why</source>
            <translation>理由</translation>
        </message>
    </context>
    <context>
        <name>ContactDialog</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="194" />
            <source>Record (Ctrl+Enter)</source>
            <translation>記録する (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="196" />
            <source>Record a contact</source>
            <translation>連絡の記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="203" />
            <source>Whom *</source>
            <translation>連絡先 *</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="208" />
            <source>How *</source>
            <translation>連絡手段 *</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="211" />
            <source>When *</source>
            <translation>日時 *</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="214" />
            <source>Name of the person you spoke to</source>
            <translation>応対した人の氏名</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="215" />
            <source>Spoke to</source>
            <translation>応対者</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="218" />
            <source>Receipt no. (受付番号)</source>
            <translation>受付番号</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="221" />
            <source>What was agreed or what they said</source>
            <translation>先方の回答や決まったこと</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="223" />
            <source>Outcome</source>
            <translation>結果</translation>
        </message>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="228" />
            <source>For the step: {step}</source>
            <translation>手順: {step}</translation>
        </message>
    </context>
    <context>
        <name>ContactsView</name>
        <message>
            <location filename="../../app/ui/contacts.py" line="58" />
            <source>Contacts and roles</source>
            <translation>連絡先と役割</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="61" />
            <source>Start from the example (fake entries)</source>
            <translation>例（架空の人物）から始める</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="64" />
            <source>Save (Ctrl+S)</source>
            <translation>保存 (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="69" />
            <source>Back</source>
            <translation>戻る</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="81" />
            <source>People</source>
            <translation>人</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="86" />
            <source>Name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="89" />
            <source>Title</source>
            <translation>役職</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="90" />
            <source>Section</source>
            <translation>所属</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="87" />
            <location filename="../../app/ui/contacts.py" line="170" />
            <source>Phone</source>
            <translation>電話</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="88" />
            <source>Mobile</source>
            <translation>携帯</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="91" />
            <location filename="../../app/ui/contacts.py" line="173" />
            <source>E-mail</source>
            <translation>メール</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="98" />
            <source>Add person</source>
            <translation>人を追加</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="100" />
            <source>Remove person</source>
            <translation>人を削除</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="109" />
            <source>Role</source>
            <translation>役割</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="114" />
            <source>[to be confirmed]</source>
            <translation>［要確認］</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="122" />
            <source>Holder first, then deputies in succession order</source>
            <translation>担当者、続いて代行者を代行順位の順に</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="130" />
            <source>Add to role</source>
            <translation>役割に追加</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="136" />
            <source>Up</source>
            <translation>上へ</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="137" />
            <source>Down</source>
            <translation>下へ</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="138" />
            <source>Remove from role</source>
            <translation>役割から外す</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="145" />
            <source>People and roles</source>
            <translation>人と役割</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="146" />
            <source>Outside bodies</source>
            <translation>外部機関</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="157" />
            <source>The bodies the plans' steps call. The ID is the name the plans use (police_cyber, ppc, fukuoka_pref…); a step shows the number beside its name.</source>
            <translation>計画の手順が連絡する外部機関です。ID は計画が使う名前です（police_cyber、ppc、fukuoka_pref など）。手順にはその名称の横に番号が表示されます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="168" />
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="169" />
            <source>Body name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="175" />
            <source>Name (English)</source>
            <translation>名称（英語）</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="171" />
            <source>Other numbers</source>
            <translation>その他の番号</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="172" />
            <source>Hours</source>
            <translation>受付時間</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="174" />
            <source>Web</source>
            <translation>ホームページ</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="176" />
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="187" />
            <source>Add body</source>
            <translation>機関を追加</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="189" />
            <source>Remove body</source>
            <translation>機関を削除</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="205" />
            <source>File: {path}</source>
            <translation>ファイル: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="283" />
            <source>New body</source>
            <translation>新しい機関</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="310" />
            <source>New person</source>
            <translation>新しい人</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="361" />
            <source>Holder</source>
            <translation>担当者</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="361" />
            <source>Deputy {n}</source>
            <translation>代行 {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="438" />
            <source>Cannot save: the {column} of body {row} is empty.</source>
            <translation>保存できません: 外部機関の {row} 行目の{column}が空です。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="441" />
            <source>Cannot save: the ID of body {row} may hold only a-z, 0-9, _ and -.</source>
            <translation>保存できません: 外部機関の {row} 行目の ID に使えるのは半角英小文字・数字・_・- だけです。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="444" />
            <source>Cannot save: the {column} of body {row} is not valid.</source>
            <translation>保存できません: 外部機関の {row} 行目の{column}が正しくありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="452" />
            <source>Cannot save the contacts: {where}: {why}</source>
            <translation>連絡先を保存できません: {where}: {why}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="465" />
            <source>Cannot save: bodies {first} and {second} have the same ID.</source>
            <translation>保存できません: 外部機関の {first} 行目と {second} 行目の ID が同じです。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="484" />
            <source>Contacts saved to {path}</source>
            <translation>連絡先を保存しました: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="423" />
            <source>Cannot save: the {column} in row {row} is empty.</source>
            <translation>保存できません: {row} 行目の{column}が空です。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contacts.py" line="425" />
            <source>Cannot save: the {column} in row {row} is not valid.</source>
            <translation>保存できません: {row} 行目の{column}が正しくありません。</translation>
        </message>
    </context>
    <context>
        <name>DeadlinesPanel</name>
        <message>
            <location filename="../../app/ui/deadlines.py" line="56" />
            <source>State</source>
            <translation>状態</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="56" />
            <source>Deadline → met by step</source>
            <translation>期限 → 充足する手順</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="91" />
            <source>its length ({within}) is beyond any calendar</source>
            <translation>期間 ({within}) が暦の範囲を超えています</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="95" />
            <source>met {when}</source>
            <translation>{when} に充足</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="100" />
            <source>starts at: {anchor}</source>
            <translation>起点: {anchor}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="133" />
            <source>Click: go to question {n}</source>
            <translation>クリック: 判断{n}へ</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="151" />
            <location filename="../../app/ui/deadlines.py" line="174" />
            <source>※</source>
            <translation>※</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="175" />
            <source>※ unanswered: {questions}</source>
            <translation>※ 未回答: 判断{questions}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="98" />
            <source>waits for: {questions}</source>
            <translation>判断待ち: {questions}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="115" />
            <source>Carried over from the plan: {plan}</source>
            <translation>引継ぎ前の計画「{plan}」の期限</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="130" />
            <source>Met by: {step}</source>
            <translation>充足する手順: {step}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="243" />
            <source>the declaration</source>
            <translation>対応開始の宣言</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="243" />
            <source>awareness</source>
            <translation>認知</translation>
        </message>
        <message>
            <location filename="../../app/ui/deadlines.py" line="259" />
            <source>the body concerned (not recorded at the start)</source>
            <translation>対象の機関（開始時に未記録）</translation>
        </message>
    </context>
    <context>
        <name>DecisionsPanel</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="411" />
            <location filename="../../app/ui/runner.py" line="453" />
            <source>Decisions</source>
            <translation>判断</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="463" />
            <source>To change an answer, press Reopen (status → Open).</source>
            <translation>答えを変えるには「再開」で対応中に戻します。</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="467" />
            <source>Reopening and the new answer are both kept in the log; close again after.</source>
            <translation>再開も新しい答えも記録に残ります。答え直したら、もう一度終了してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="598" />
            <source>Reason (optional)</source>
            <translation>理由（任意）</translation>
        </message>
        <message>
            <location filename="../../app/ui/runner.py" line="601" />
            <source>Printed beside the answer. Type it, then choose the answer (Enter goes back to the answers).</source>
            <translation>答えと並べて印刷されます。先に理由を書いてから答えを選びます（Enter で答えに戻ります）。</translation>
        </message>
    </context>
    <context>
        <name>DraftKeeper</name>
        <message>
            <location filename="../../app/ui/drafts.py" line="60" />
            <source>There is input that has not been recorded</source>
            <translation>記録していない入力があります</translation>
        </message>
        <message>
            <location filename="../../app/ui/drafts.py" line="63" />
            <source>It is kept as a draft, not in the record, and comes back when you open the incident again. To record it, go back and record it.</source>
            <translation>入力は下書きとして残ります（記録には入りません）。次にこの対応を開くと戻ります。記録するには、戻って記録してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/drafts.py" line="70" />
            <source>Keep as a draft and quit</source>
            <translation>下書きとして残して終了</translation>
        </message>
        <message>
            <location filename="../../app/ui/drafts.py" line="74" />
            <source>Go back</source>
            <translation>戻る</translation>
        </message>
    </context>
    <context>
        <name>DraftMark</name>
        <message>
            <location filename="../../app/ui/drafts.py" line="44" />
            <source>Discard the draft</source>
            <translation>下書きを破棄</translation>
        </message>
    </context>
    <context>
        <name>ExerciseStartDialog</name>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="27" />
            <source>Start the exercise (Ctrl+Enter)</source>
            <translation>訓練を始める (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="29" />
            <source>Start an exercise</source>
            <translation>訓練を始める</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="33" />
            <source>The exercise runs the city's plan as it would be used for real, with the script's injects on its clock. It is marked as an exercise everywhere.</source>
            <translation>訓練では、本番と同じ市の計画を、シナリオの状況付与とともに訓練の時計で進めます。画面・帳票・出力のすべてに訓練と表示されます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="45" />
            <source>Script</source>
            <translation>訓練シナリオ</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="57" />
            <source>Kind</source>
            <translation>訓練の形式</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="60" />
            <source>The scenario starts at</source>
            <translation>シナリオの開始時刻</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="64" />
            <source>×%1</source>
            <translation>%1 倍速</translation>
        </message>
        <message>
            <location filename="../../app/ui/exercise_start.py" line="65" />
            <source>Speed</source>
            <translation>速度</translation>
        </message>
    </context>
    <context>
        <name>ExportBundleDialog</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="100" />
            <source>Export a bundle of {id}</source>
            <translation>{id} の束を書き出す</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="102" />
            <source>File</source>
            <translation>ファイル</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="103" />
            <source>Encrypt it with a passphrase</source>
            <translation>パスフレーズで暗号化する</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="109" />
            <source>Passphrase</source>
            <translation>パスフレーズ</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="110" />
            <source>Passphrase again</source>
            <translation>パスフレーズ (確認)</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="115" />
            <source>Give the passphrase to the other laptop by another way than the file (by phone, or on paper).</source>
            <translation>パスフレーズはファイルとは別の方法 (電話や紙) で相手の端末に伝えてください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="122" />
            <source>Choose where to write the bundle.</source>
            <translation>束の書き出し先を選んでください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="128" />
            <source>The two passphrases differ.</source>
            <translation>二つのパスフレーズが一致しません。</translation>
        </message>
    </context>
    <context>
        <name>FacilitatorWindow</name>
        <message>
            <location filename="../../app/ui/facilitator.py" line="53" />
            <source>Facilitator: %1</source>
            <translation>統制者画面: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="84" />
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="88" />
            <location filename="../../app/ui/facilitator.py" line="212" />
            <source>×%1</source>
            <translation>%1 倍速</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="91" />
            <source>Next move</source>
            <translation>次の場面へ</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="95" />
            <source>Release injects at their time</source>
            <translation>時刻になった状況付与を自動で付与</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="101" />
            <source>Injects</source>
            <translation>状況付与</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="104" />
            <source>Time</source>
            <translation>時刻</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="105" />
            <location filename="../../app/ui/facilitator.py" line="122" />
            <source>Inject</source>
            <translation>状況付与</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="106" />
            <source>To</source>
            <translation>宛先</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="107" />
            <source>What happens</source>
            <translation>内容</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="108" />
            <source>State</source>
            <translation>状態</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="115" />
            <source>Release the chosen inject now</source>
            <translation>選んだ状況付与を今すぐ付与</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="120" />
            <source>Expected responses</source>
            <translation>期待される対応</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="122" />
            <source>Expected</source>
            <translation>期待される対応</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="122" />
            <source>Result</source>
            <translation>結果</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="133" />
            <source>Rate</source>
            <translation>評価</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="148" />
            <source>Choose a rating</source>
            <translation>評価を選ぶ</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="153" />
            <source>Why this rating</source>
            <translation>この評価の理由</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="156" />
            <source>Record the rating</source>
            <translation>評価を記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="166" />
            <source>A note on what the players do (kept in the log)</source>
            <translation>参加者の対応についてのメモ（記録に残ります）</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="169" />
            <source>Record the note</source>
            <translation>メモを記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="215" />
            <source>Move: %1</source>
            <translation>場面: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="221" />
            <source>Resume</source>
            <translation>再開</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="221" />
            <source>Pause</source>
            <translation>一時停止</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="330" />
            <source>Choose a rating (P, S, M or U) first.</source>
            <translation>先に評価（P・S・M・U）を選んでください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="236" />
            <source>Released</source>
            <translation>付与済み</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="236" />
            <source>Released (by hand)</source>
            <translation>付与済み（手動）</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="238" />
            <source>Not yet</source>
            <translation>未付与</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="261" />
            <source>Score %1 of %2 (on time 2, late 1, otherwise 0)</source>
            <translation>得点 %1 / %2（目標時間内・付与前に実施済み 2点、目標時間超過 1点、その他 0点）</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="269" />
            <source>(score %1)</source>
            <translation>（得点 %1）</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="271" />
            <source>(rated: %1)</source>
            <translation>（記録済み: %1）</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="289" />
            <source>Facilitator</source>
            <translation>統制者</translation>
        </message>
        <message>
            <location filename="../../app/ui/facilitator.py" line="319" />
            <source>Choose an inject in the list first.</source>
            <translation>先に一覧から状況付与を選んでください。</translation>
        </message>
    </context>
    <context>
        <name>Gui</name>
        <message>
            <location filename="../../app/ui/app.py" line="263" />
            <source>Opening the records…</source>
            <translation>記録を開いています…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="235" />
            <location filename="../../app/ui/app.py" line="254" />
            <source>Reading the plans…</source>
            <translation>プランを読み込んでいます…</translation>
        </message>
        <message>
            <location filename="../../app/ui/app.py" line="288" />
            <source>Unexpected error: {error}</source>
            <translation>予期しないエラー: {error}</translation>
        </message>
    </context>
    <context>
        <name>HandOverDialog</name>
        <message>
            <location filename="../../app/ui/handover.py" line="49" />
            <source>Hand over to another plan</source>
            <translation>他のプランへ引き継ぐ</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="63" />
            <source>Cancel</source>
            <translation>やめる</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="66" />
            <source>Hand over (Ctrl+Enter)</source>
            <translation>引き継ぐ (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="80" />
            <source>Now following: {plan}. Choose the plan that fits. What was recorded and decided stays in this incident, and the new plan's steps continue it.</source>
            <translation>現在のプラン: {plan}。合うプランを選んでください。ここまでの記録と判断はこの事案にそのまま残り、新しいプランの手順が続きます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/handover.py" line="107" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>該当するプランがありません。検索語か分類を解除してください。</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <location filename="../../app/ui/help.py" line="35" />
            <source>Keyboard shortcuts</source>
            <translation>キーボード操作</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="40" />
            <source>Everything you do often has a key. In the quick-note box, Ctrl+Enter saves the note.</source>
            <translation>よく使う操作にはキーがあります。メモ欄では Ctrl+Enter で保存します。</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="46" />
            <source>Back to the current step (a click on “Next: …” too)</source>
            <translation>現在の手順に戻る（「次: …」の行をクリックしても同じ）</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="47" />
            <source>Take back what was just recorded, while it is said on screen</source>
            <translation>記録した直後、画面に表示されている間にその記録を取り消す</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="48" />
            <source>Start the response / hand over / save the quick note</source>
            <translation>対応を開始 / 引き継ぐ / メモを保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="49" />
            <source>Search the plans (start a response, hand over)</source>
            <translation>プランを検索（対応の開始・引き継ぎ）</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="50" />
            <source>Save the contacts</source>
            <translation>連絡先を保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="53" />
            <source>In a decision: record the answer in the yellow frame</source>
            <translation>判断の中で: 黄色の枠の答えを記録する</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="54" />
            <source>In a decision: to its reason (Enter: back to the answers)</source>
            <translation>判断で: 理由の欄へ（Enter で答えに戻る）</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="57" />
            <source>In the timeline: on a note, record it as a lesson</source>
            <translation>経過記録で: メモを教訓として記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="60" />
            <source>Keys</source>
            <translation>キー</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="60" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="51" />
            <source>Go to decision 1 … 9</source>
            <translation>判断 1 … 9 へ移る</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="52" />
            <source>In a decision: choose an answer / another question</source>
            <translation>判断の中で: 答えを選ぶ / 別の問いへ</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="55" />
            <source>In a decision: back to the step</source>
            <translation>判断の中で: 手順に戻る</translation>
        </message>
        <message>
            <location filename="../../app/ui/help.py" line="56" />
            <source>Step list → what to write down → done, skip, note</source>
            <translation>手順一覧 → 記録欄 → 完了・省略・メモ</translation>
        </message>
    </context>
    <context>
        <name>HomeView</name>
        <message>
            <location filename="../../app/ui/home.py" line="138" />
            <source>Incidents</source>
            <translation>インシデント</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="142" />
            <source>Plan library</source>
            <translation>プランの一覧</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="146" />
            <source>Start a response</source>
            <translation>対応を開始する</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="172" />
            <source>Opening the records…</source>
            <translation>記録を開いています…</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="199" />
            <source>Open</source>
            <translation>対応中</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="199" />
            <source>No open incidents.</source>
            <translation>対応中のインシデントはありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="200" />
            <source>Closed</source>
            <translation>終了</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="200" />
            <source>No closed incidents.</source>
            <translation>終了したインシデントはありません。</translation>
        </message>
    </context>
    <context>
        <name>ImportBundleDialog</name>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="139" />
            <source>Import a bundle from another laptop</source>
            <translation>別の端末の束を取り込む</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="140" />
            <source>File</source>
            <translation>ファイル</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="141" />
            <source>Passphrase (if encrypted)</source>
            <translation>パスフレーズ (暗号化されている場合)</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="144" />
            <source>Everything in the bundle is checked before anything is written: its signatures, every chain and every file. A backup of this laptop's database is made first.</source>
            <translation>書き込む前に、束の署名・すべてのチェーン・すべてのファイルを確かめます。取り込む前に、この端末のデータベースの控えを作ります。</translation>
        </message>
        <message>
            <location filename="../../app/ui/bundle_dialogs.py" line="151" />
            <source>Choose the bundle to import.</source>
            <translation>取り込む束を選んでください。</translation>
        </message>
    </context>
    <context>
        <name>IncidentCard</name>
        <message>
            <location filename="../../app/ui/home.py" line="52" />
            <source>{id}: this incident's log cannot be read</source>
            <translation>{id}: このインシデントの記録を読めません</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="60" />
            <source>{id} · {status} · declared {when}</source>
            <translation>{id} ・ {status} ・ 開始 {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="89" />
            <source>Progress: {done} of {applicable} steps done</source>
            <translation>進捗: {applicable} 手順中 {done} 手順完了</translation>
        </message>
        <message>
            <location filename="../../app/ui/home.py" line="102" />
            <source>Nearest deadline: {title}</source>
            <translation>最も近い期限: {title}</translation>
        </message>
    </context>
    <context>
        <name>IncidentView</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="186" />
            <location filename="../../app/ui/incident_view.py" line="412" />
            <location filename="../../app/ui/incident_view.py" line="463" />
            <source>Deadlines</source>
            <translation>期限</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="301" />
            <source>Opening {id}…</source>
            <translation>{id} を開いています…</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="304" />
            <source>Reading the log of {id}</source>
            <translation>{id} の記録を読み込み中</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="410" />
            <source>Steps</source>
            <translation>手順</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="413" />
            <source>Timeline</source>
            <translation>経過記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="597" />
            <source>Inject %1 (%2 of %3)</source>
            <translation>状況付与 %1（%2 / %3 件目）</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="613" />
            <source>Evidence files: {files}</source>
            <translation>証拠ファイル: {files}</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="616" />
            <source>{name}: sha256 {sha}, added by {who} at {at}, handed on {n} times</source>
            <translation>{name}: sha256 {sha}、{who} が {at} に添付、受渡し {n} 回</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="638" />
            <source>Attach evidence to: {step}</source>
            <translation>証拠を添付（手順: {step}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="640" />
            <source>Attach evidence</source>
            <translation>証拠を添付</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="679" />
            <source>Aware since: {aware} (= declared)</source>
            <translation>認知: {aware}（宣言と同時）</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="681" />
            <source>Aware since: {aware} (declared {declared})</source>
            <translation>認知: {aware}（宣言 {declared}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="687" />
            <source> — corrected</source>
            <translation>※訂正あり</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="695" />
            <source>Every clock counted from the awareness time moves with it.</source>
            <translation>認知時刻から数える期限は全て、訂正に合わせて動きます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="975" />
            <source>Choose a step first.</source>
            <translation>先に手順を選んでください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="662" />
            <source>Exercise time: {time} (paused)</source>
            <translation>訓練の時刻: {time}（停止中）</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="664" />
            <source>Exercise time: {time} (×{speed})</source>
            <translation>訓練の時刻: {time}（{speed}倍速）</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="668" />
            <source>Exercise time: {time}</source>
            <translation>訓練の時刻: {time}</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../app/ui/texts.py" line="64" />
            <source>Mayor's departments</source>
            <translation>市長部局</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="65" />
            <source>City council and its secretariat</source>
            <translation>議会</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="66" />
            <source>Board of education</source>
            <translation>教育委員会</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="67" />
            <source>Election administration commission</source>
            <translation>選挙管理委員会</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="68" />
            <source>Fair treatment commission</source>
            <translation>公平委員会</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="69" />
            <source>Audit commissioners</source>
            <translation>監査委員</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="70" />
            <source>Agricultural committee</source>
            <translation>農業委員会</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="71" />
            <source>Fixed asset review board</source>
            <translation>固定資産評価審査委員会</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="123" />
            <source>{month}/{day} ({weekday}) {time}</source>
            <translation>{month}/{day}（{weekday}）{time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="129" />
            <source>Mon</source>
            <translation>月</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="130" />
            <source>Tue</source>
            <translation>火</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="131" />
            <source>Wed</source>
            <translation>水</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="132" />
            <source>Thu</source>
            <translation>木</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="133" />
            <source>Fri</source>
            <translation>金</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="134" />
            <source>Sat</source>
            <translation>土</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="135" />
            <source>Sun</source>
            <translation>日</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="147" />
            <source>{n} d</source>
            <translation>{n}日</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="148" />
            <source>{n} h</source>
            <translation>{n}時間</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="149" />
            <source>{n} min</source>
            <translation>{n}分</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="170" />
            <source>Usually: {holder} (to be confirmed against the city's rules)</source>
            <translation>通常は {holder}（要確認：市の対策基準で確認）</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="173" />
            <source>Usually: {holder}</source>
            <translation>通常は {holder}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="192" />
            <source>{days}d {clock}</source>
            <translation>{days}日 {clock}</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="199" />
            <source>{span} overdue</source>
            <translation>{span} 過ぎ</translation>
        </message>
        <message>
            <location filename="../../app/ui/texts.py" line="200" />
            <source>{span} left</source>
            <translation>残り {span}</translation>
        </message>
    </context>
    <context>
        <name>LessonDialog</name>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="65" />
            <source>Record (Ctrl+Enter)</source>
            <translation>記録する (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="67" />
            <source>Record a lesson</source>
            <translation>教訓を記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="73" />
            <source>What was learned, what went well or what did not</source>
            <translation>学んだこと、良かった点、うまくいかなかった点</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="83" />
            <source>Lesson *</source>
            <translation>内容 *</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="100" />
            <source>Kind</source>
            <translation>種類</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="102" />
            <source>Improvement item (who, by when, which step)</source>
            <translation>改善項目にする（担当・期限・直す手順）</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="105" />
            <source>Listed in the after-action report as something to change, with its owner.</source>
            <translation>事後検証報告書に、担当者付きの改善項目として載ります。</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="110" />
            <source>A name or a section</source>
            <translation>氏名または課名</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="111" />
            <source>Owner</source>
            <translation>担当</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="116" />
            <source>Not set</source>
            <translation>未定</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="117" />
            <source>Due</source>
            <translation>期限</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="124" />
            <source>Step to change</source>
            <translation>直す手順</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="147" />
            <source>From note #{seq}: the lesson is marked on it.</source>
            <translation>メモ #{seq} から。教訓はこのメモに付きます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="150" />
            <source>For the after-action report and the next plan revision.</source>
            <translation>事後検証報告書と、次のプラン改訂に使います。</translation>
        </message>
        <message>
            <location filename="../../app/ui/lesson_dialog.py" line="172" />
            <source>None</source>
            <translation>なし</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="51" />
            <source>Sonae — incident response</source>
            <translation>備え (Sonae) — インシデント対応</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="216" />
            <source>You:</source>
            <translation>対応者:</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="219" />
            <source>Your name (written in the log)</source>
            <translation>氏名（記録に残ります）</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="250" />
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="251" />
            <source>Home</source>
            <translation>ホーム</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="252" />
            <source>Start a response</source>
            <translation>対応を開始する</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="254" />
            <source>Start an exercise…</source>
            <translation>訓練を始める…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="256" />
            <source>Plan library</source>
            <translation>プランの一覧</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="257" />
            <source>Contacts</source>
            <translation>連絡先</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="260" />
            <source>Export a bundle for another laptop…</source>
            <translation>別の端末へ束を書き出す…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="263" />
            <source>Import a bundle from another laptop…</source>
            <translation>別の端末の束を取り込む…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="268" />
            <source>Make the incident record (PDF)</source>
            <translation>インシデント対応記録を作成 (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="274" />
            <source>Make the after-action report (PDF)</source>
            <translation>事後検証報告書を作成 (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="280" />
            <source>Make the incident report to send (PDF)</source>
            <translation>インシデント報告書（提出用写し）を作成 (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="289" />
            <source>The whole record: every entry, for the city's files and for signing.</source>
            <translation>全記録: すべての記録を載せます。市の保存用・決裁用です。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="292" />
            <source>For the review: what went well and what did not, lessons, improvement items.</source>
            <translation>振り返り用: 良かった点・課題・教訓・改善項目を載せます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="298" />
            <source>For the PPC or the police: no internal notes, plan hashes or 要確認 remarks; marked as a copy of the signed record.</source>
            <translation>個人情報保護委員会・警察へ出す写し: 内部メモ・プランのハッシュ・要確認の注記を除き、決裁した記録の写しと明記します。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="304" />
            <source>Quit</source>
            <translation>終了</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="306" />
            <source>&amp;Incident</source>
            <translation>インシデント(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="309" />
            <source>Mark the step done</source>
            <translation>手順を完了にする</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="315" />
            <source>Skip the step (with a reason)</source>
            <translation>手順を省略する（理由付き）</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="321" />
            <source>Write a quick note</source>
            <translation>メモを書く</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="327" />
            <source>Next step</source>
            <translation>次の手順</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="333" />
            <source>Previous step</source>
            <translation>前の手順</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="339" />
            <source>Hand over to another plan…</source>
            <translation>他のプランへ引き継ぐ…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="345" />
            <source>Record a lesson…</source>
            <translation>教訓を記録…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="351" />
            <source>Attach evidence…</source>
            <translation>証拠を添付…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="357" />
            <source>Settle conflicts between laptops…</source>
            <translation>端末間の食い違いを解決…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="363" />
            <source>Go to the timeline</source>
            <translation>経過記録へ移動</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="369" />
            <source>Facilitate the exercise…</source>
            <translation>訓練を統制する…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="376" />
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="377" />
            <source>Larger text</source>
            <translation>文字を大きく</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="378" />
            <source>Smaller text</source>
            <translation>文字を小さく</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="379" />
            <source>Language</source>
            <translation>言語</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="388" />
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="389" />
            <source>Keyboard shortcuts</source>
            <translation>キーボード操作</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="390" />
            <source>About Sonae</source>
            <translation>Sonae について</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="416" />
            <source>Read-only: this data folder ({folder}) cannot be written. You can read, check and print; nothing can be recorded.</source>
            <translation>読み取り専用: このデータフォルダ ({folder}) には書き込めません。閲覧・検証・印刷はできますが、記録はできません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="420" />
            <source>Sonae — incident response (read-only)</source>
            <translation>Sonae — インシデント対応（読み取り専用）</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="425" />
            <source>Entries recorded earlier are missing. Stop and tell the information systems administrator: restore the database from a backup, then check it with `sonae verify`.</source>
            <translation>以前の記録が失われています。作業を止めて情報システム管理者に連絡してください: データベースをバックアップから復元し、`sonae verify` で確認します。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="433" />
            <source>A plan could not be read and is not offered: {problem}</source>
            <translation>読み込めないプランがあるため、一覧に出していません: {problem}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="576" />
            <source>There is no exercise script to start.</source>
            <translation>始められる訓練シナリオがありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="623" />
            <source>This incident was not started from an exercise script.</source>
            <translation>このインシデントは訓練シナリオから始めた訓練ではありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="642" />
            <source>Open an incident first.</source>
            <translation>先にインシデントを開いてください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="663" />
            <source>Bundle written: {path} ({n} entries)</source>
            <translation>束を書き出しました: {path} (記録 {n} 件)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="700" />
            <source>Checking and merging the bundle…</source>
            <translation>束を確かめて取り込んでいます…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="750" />
            <source>Report: reading the log…</source>
            <translation>報告書: 記録を読み込み中…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="751" />
            <source>Report: laying out the pages…</source>
            <translation>報告書: ページを組版中…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="752" />
            <source>Report: noting it in the log…</source>
            <translation>報告書: 発行を記録中…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="768" />
            <source>Report written: {path}</source>
            <translation>報告書を作成しました: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="772" />
            <source>Making the report…</source>
            <translation>報告書を作成中…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="782" />
            <source>The report was written, but no PDF viewer could be opened for it. The file is: {path}</source>
            <translation>報告書は作成しましたが、PDF を開くアプリを起動できませんでした。ファイル: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="785" />
            <source>Open the folder</source>
            <translation>フォルダを開く</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="792" />
            <source>The folder could not be opened either. Open it by hand: {folder}</source>
            <translation>フォルダも開けませんでした。次の場所を開いてください: {folder}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="813" />
            <source>Backup made: {path}</source>
            <translation>バックアップを作成しました: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="817" />
            <source>The backup could not be made: {reason}</source>
            <translation>バックアップを作成できませんでした: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="821" />
            <source>Backing up the records…</source>
            <translation>記録をバックアップしています…</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="137" />
            <source>Dismiss</source>
            <translation>閉じる</translation>
        </message>
    </context>
    <context>
        <name>NoticeBar</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="260" />
            <source>Fewer</source>
            <translation>閉じる</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="260" />
            <source>All {n}</source>
            <translation>全 {n} 件を表示</translation>
        </message>
    </context>
    <context>
        <name>OccurredAt</name>
        <message>
            <location filename="../../app/ui/occurred_at.py" line="26" />
            <source>Happened at:</source>
            <translation>発生時刻:</translation>
        </message>
        <message>
            <location filename="../../app/ui/occurred_at.py" line="29" />
            <source>For something that happened earlier: tick and give the time it happened. The record keeps both times, and the timeline shows how much later it was written.</source>
            <translation>前に起きたことを記録するとき: チェックして起きた時刻を入れます。記録には起きた時刻と記録した時刻の両方が残り、タイムラインに何分後に記録したかが出ます。</translation>
        </message>
    </context>
    <context>
        <name>PlanLibraryView</name>
        <message>
            <location filename="../../app/ui/plan_library.py" line="41" />
            <source>Plan library</source>
            <translation>プランの一覧</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="55" />
            <source>Print the blank checklist (PDF)</source>
            <translation>白紙のチェックリストを印刷（PDF）</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="57" />
            <source>The paper checklist with the contact sheet, for work without the laptop.</source>
            <translation>連絡先一覧付きの紙のチェックリストです。パソコンが使えないときのために。</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="61" />
            <source>Start a drill of this plan…</source>
            <translation>このプランで訓練を始める…</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="65" />
            <source>Back</source>
            <translation>戻る</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="85" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>該当するプランがありません。検索語か分類を解除してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="111" />
            <source>Checklist written: {path}</source>
            <translation>チェックリストを作成しました: {path}</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="114" />
            <source>Making the checklist…</source>
            <translation>チェックリストを作成中…</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="128" />
            <source>Warning signs</source>
            <translation>兆候</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="139" />
            <source>only in some cases</source>
            <translation>場合により実施</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="142" />
            <source>Who: {role}</source>
            <translation>担当: {role}</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="150" />
            <source>Call: {bodies}</source>
            <translation>連絡先: {bodies}</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_library.py" line="160" />
            <source>Deadlines</source>
            <translation>期限</translation>
        </message>
    </context>
    <context>
        <name>PlanPicker</name>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="83" />
            <source>Search titles and warning signs (Ctrl+F)</source>
            <translation>件名や兆候で検索 (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="89" />
            <source>All categories</source>
            <translation>すべての分類</translation>
        </message>
        <message>
            <location filename="../../app/ui/plan_picker.py" line="138" />
            <source>・</source>
            <translation>・</translation>
        </message>
    </context>
    <context>
        <name>PrintWarning</name>
        <message>
            <location filename="../../app/ui/widgets.py" line="315" />
            <source>{char} shows as {mark}</source>
            <translation>{char} は{mark}</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="318" />
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="319" />
            <source>When printed, {chars}</source>
            <translation>印刷では {chars}と表示されます</translation>
        </message>
        <message>
            <location filename="../../app/ui/widgets.py" line="324" />
            <source>The printed font has no such character. The record keeps the character itself; only paper shows it so.</source>
            <translation>印刷の字体にない文字です。記録には文字そのものが残り、そう表示されるのは印刷だけです。</translation>
        </message>
    </context>
    <context>
        <name>RecordedNotice</name>
        <message>
            <location filename="../../app/ui/recorded.py" line="45" />
            <source>{kind} 「{what}」 {time}</source>
            <translation>{kind}「{what}」 {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/recorded.py" line="53" />
            <source>Recorded: {entry}</source>
            <translation>記録しました: {entry}</translation>
        </message>
        <message>
            <location filename="../../app/ui/recorded.py" line="57" />
            <source>Undo (Ctrl+Z)</source>
            <translation>取り消す (Ctrl+Z)</translation>
        </message>
        <message>
            <location filename="../../app/ui/recorded.py" line="74" />
            <source>Retracted: {entry} (the log keeps both entries)</source>
            <translation>取り消しました: {entry}（記録と取り消しの両方が残ります）</translation>
        </message>
    </context>
    <context>
        <name>SituationBar</name>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="84" />
            <source>under a minute</source>
            <translation>1分未満</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="146" />
            <source>Progress {done}/{applicable}</source>
            <translation>進捗 {done}/{applicable}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="150" />
            <source>Status of the incident</source>
            <translation>インシデントの状態</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="152" />
            <source>Steps finished (done or skipped) of the steps that apply</source>
            <translation>対象となる手順のうち、終えた（完了・省略）手順の数</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="165" />
            <source>Working: no one recorded in {minutes} min</source>
            <translation>作業中: {minutes}分以内の記録なし</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="170" />
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="172" />
            <source> +{n}</source>
            <translation> ほか{n}名</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="173" />
            <source>Working: {names}</source>
            <translation>作業中: {names}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="182" />
            <source>{name}: in progress: {steps}</source>
            <translation>{name}: 実施中: {steps}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="188" />
            <source>{name}: recorded in the last {minutes} min</source>
            <translation>{name}: {minutes}分以内に記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="197" />
            <source>Elapsed: —</source>
            <translation>経過: —</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="199" />
            <source>Aware and declared {span} ago</source>
            <translation>経過 {span}（認知・宣言から）</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="201" />
            <source>Aware {aware} ago · declared {declared} ago</source>
            <translation>経過 認知から{aware}・宣言から{declared}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="205" />
            <source> — awareness time corrected</source>
            <translation>（認知時刻は訂正済み）</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="216" />
            <source>No deadline running</source>
            <translation>計時中の期限なし</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="222" />
            <source>Next deadline</source>
            <translation>次の期限</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="224" />
            <source>{sign}{state}: {deadline} · {due} · {left}</source>
            <translation>{sign}{state}: {deadline}・{due}・{left}</translation>
        </message>
        <message>
            <location filename="../../app/ui/situation_bar.py" line="228" />
            <source>by {due}</source>
            <translation>{due}まで</translation>
        </message>
    </context>
    <context>
        <name>StartView</name>
        <message>
            <location filename="../../app/ui/start.py" line="47" />
            <source>Start a response</source>
            <translation>対応を開始する</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="62" />
            <source>What happened, in a few words</source>
            <translation>何が起きたかを短く</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="63" />
            <source>Title</source>
            <translation>件名</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="74" />
            <source>Mode</source>
            <translation>種別</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="76" />
            <source>Your name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="77" />
            <source>Responder</source>
            <translation>対応者</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="84" />
            <source>Zones</source>
            <translation>ゾーン</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="93" />
            <source>Some steps and clocks differ for the council (for example the PPC reports).</source>
            <translation>議会では一部の手順と期限が異なります（例: 個人情報保護委員会への報告）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="95" />
            <source>Body concerned</source>
            <translation>対象の機関</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="97" />
            <source>We became aware earlier, at:</source>
            <translation>これより前に認知した:</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="105" />
            <source>Awareness</source>
            <translation>認知時刻</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="109" />
            <source>Back</source>
            <translation>戻る</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="112" />
            <source>Start (Ctrl+Enter)</source>
            <translation>開始 (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="153" />
            <source>No plan matches. Clear the search or the category.</source>
            <translation>該当するプランがありません。検索語か分類を解除してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="170" />
            <source>Choose a plan first.</source>
            <translation>先にプランを選んでください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="174" />
            <source>Write a title first.</source>
            <translation>先に件名を入力してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/start.py" line="175" />
            <source>Write your name first (it goes in the log).</source>
            <translation>先に対応者名を入力してください（記録に残ります）。</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../app/ui/incident_view.py" line="73" />
            <source>Mark contained</source>
            <translation>封じ込め済みにする</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="74" />
            <source>Mark recovered</source>
            <translation>復旧済みにする</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="86" />
            <source>Close incident…</source>
            <translation>インシデントを終了…</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="92" />
            <source>Reopen</source>
            <translation>再開</translation>
        </message>
        <message>
            <location filename="../../app/ui/incident_view.py" line="98" />
            <source>Correct the awareness time…</source>
            <translation>認知時刻を訂正…</translation>
        </message>
    </context>
    <context>
        <name>StepPanel</name>
        <message>
            <location filename="../../app/ui/step_panel.py" line="414" />
            <source>Done as deputy for:</source>
            <translation>代行として実施:</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="405" />
            <location filename="../../app/ui/step_panel.py" line="643" />
            <source>Done (Ctrl+D)</source>
            <translation>完了 (Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="363" />
            <source>Check items (each tick is recorded):</source>
            <translation>確認項目（チェックするたびに記録されます）:</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="410" />
            <source>Mark as started</source>
            <translation>着手を記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="446" />
            <source>Reason for skipping (required)</source>
            <translation>省略の理由（必須）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="450" />
            <source>Skip (Ctrl+K)</source>
            <translation>省略 (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="475" />
            <source>Note on this step</source>
            <translation>この手順へのメモ</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="479" />
            <source>Add note</source>
            <translation>メモを追加</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="502" />
            <source>Once you know what this is, continue under the plan that fits.</source>
            <translation>何が起きたか分かったら、合うプランに引き継いで対応を続けます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="499" />
            <source>Hand over to another plan… (Ctrl+Shift+H)</source>
            <translation>他のプランへ引き継ぐ… (Ctrl+Shift+H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="384" />
            <source>Contacts made</source>
            <translation>連絡の記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="484" />
            <source>Record a contact…</source>
            <translation>連絡を記録…</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="555" />
            <source>Next: every step is done or skipped.</source>
            <translation>次: すべての手順が完了または省略されました。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="558" />
            <source>Next: {title}</source>
            <translation>次: {title}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="564" />
            <location filename="../../app/ui/step_panel.py" line="961" />
            <source>Choose a step from the list.</source>
            <translation>一覧から手順を選んでください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="603" />
            <source>References: {refs}</source>
            <translation>参考: {refs}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="645" />
            <source>Record occurrence {n} (Ctrl+D)</source>
            <translation>{n}回目を記録 (Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="679" />
            <source>Target: {length} from awareness</source>
            <translation>目標: 認知から{length}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="681" />
            <source>Target: {length} from the declaration</source>
            <translation>目標: 宣言から{length}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="693" />
            <source>A target is shown and reported; it never stops you recording the step.</source>
            <translation>目標時間は表示と報告のためのもので、手順の記録を妨げることはありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="737" />
            <source>Repeats every {every}, {until}</source>
            <translation>{every}ごとに繰り返す（{until}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="711" />
            <source>{state}: {due} ({left})</source>
            <translation>{state}: {due}（{left}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="298" />
            <source>Back to the current step (Ctrl+G)</source>
            <translation>現在の手順に戻る (Ctrl+G)</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="345" />
            <source>Draft, not recorded yet: what was typed in this step's inputs and note</source>
            <translation>未記録の下書き: このステップの入力欄とメモに入力した内容は、まだ記録されていません</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="459" />
            <source>Reason for deferring (required)</source>
            <translation>保留の理由（必須）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="462" />
            <source>Defer</source>
            <translation>保留</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="465" />
            <source>Come back to it later: it stays in the list, and Next moves on.</source>
            <translation>後で戻って実施します。一覧に残り、「次:」は先へ進みます。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="552" />
            <source>Next: {state}. The deferred steps are in the list.</source>
            <translation>次: {state}。保留した手順は一覧にあります。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="594" />
            <source>Open point: {text}</source>
            <translation>要確認: {text}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="668" />
            <location filename="../../app/ui/step_panel.py" line="672" />
            <source>{state} ({when})</source>
            <translation>{state}（{when}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="684" />
            <source>Target: {length} from awareness, by {due}</source>
            <translation>目標: 認知から{length}（{due} まで）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="688" />
            <source>Target: {length} from the declaration, by {due}</source>
            <translation>目標: 宣言から{length}（{due} まで）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="717" />
            <source>{state}: since {due} ({late})</source>
            <translation>{state}: {due} から（{late}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="720" />
            <source>{span} ago</source>
            <translation>{span} 経過</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="725" />
            <source>{state}: the first time</source>
            <translation>{state}: 初回</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="732" />
            <source>Done {n} times, last at {last}</source>
            <translation>実施 {n} 回（最終 {last}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="735" />
            <source>Not done yet.</source>
            <translation>まだ実施していません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="748" />
            <source>until every other step of this phase is finished</source>
            <translation>この段階の他の手順が全て終わるまで</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="819" />
            <source>None recorded yet for this step.</source>
            <translation>この手順の連絡の記録はまだありません。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="829" />
            <source>Who: {role}</source>
            <translation>担当: {role}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="834" />
            <source>Holder: {person}</source>
            <translation>担当者: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="836" />
            <source>Deputy {n}: {person}</source>
            <translation>代行 {n}: {person}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="838" />
            <source>No one is listed for this role. Add them in Contacts.</source>
            <translation>この役割の担当者が登録されていません。連絡先で追加してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="856" />
            <source>Call: {body}</source>
            <translation>連絡先: {body}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="929" />
            <source>Deferred by {who} at {when}: {reason}</source>
            <translation>{who} が {when} に保留: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="1106" />
            <source>Not recorded: this step has just appeared. Read it, then press Done again.</source>
            <translation>記録していません（表示されたばかりの手順です）。読んでから、もう一度「完了」を押してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="1143" />
            <source>Not recorded: this step has fields to fill in, shown above. Fill them in, or press Done again to complete it without them.</source>
            <translation>記録していません（この手順には記入欄があります。上に出しました）。記入するか、記入せずに完了するなら、もう一度「完了」を押してください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="841" />
            <source>Zones: {zones}</source>
            <translation>ゾーン: {zones}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="755" />
            <source>until the answer to "{questions}" ends it</source>
            <translation>判断「{questions}」の回答で終了</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="816" />
            <source> (recorded by {who})</source>
            <translation>（記録: {who}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="853" />
            <source>{body} (no number: not in Contacts yet)</source>
            <translation>{body}（電話番号は連絡先に未登録）</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="862" />
            <source>Add {body} to Contacts…</source>
            <translation>{body}を連絡先に追加…</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="866" />
            <source>Add these {n} to Contacts…</source>
            <translation>この {n} 件を連絡先に追加…</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="911" />
            <source>Last done by {who} at {when}</source>
            <translation>{when} {who} が最後に実施</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="917" />
            <source>Done by {who} at {when}</source>
            <translation>{when} {who} が完了</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="937" />
            <source>Skipped by {who} at {when}: {reason}</source>
            <translation>{when} {who} が省略: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/ui/step_panel.py" line="944" />
            <source>as deputy for {who}</source>
            <translation>{who} の代行</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="230" />
            <source>Occurred (JST)</source>
            <translation>発生 (JST)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="231" />
            <source>Recorded</source>
            <translation>記録時刻</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="224" />
            <source>When it was written down, shown only when it differs from when it happened</source>
            <translation>記録した時刻。発生時刻と異なる場合だけ表示</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="232" />
            <source>Who</source>
            <translation>対応者</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="233" />
            <source>What kind</source>
            <translation>種類</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="234" />
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="250" />
            <source>Recorded late: written {lag} after it happened</source>
            <translation>後日記録: 起きてから{lag}後に記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="256" />
            <source>Retracted by a later correction</source>
            <translation>後の訂正で取り消されています</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="304" />
            <source>{time} ({lag} later)</source>
            <translation>{time}（{lag}後）</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <location filename="../../app/ui/timeline.py" line="379" />
            <source>Timeline</source>
            <translation>経過記録</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="386" />
            <source>Search (Ctrl+F)</source>
            <translation>検索 (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="404" />
            <source>Kind</source>
            <translation>種類</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="393" />
            <source>All kinds</source>
            <translation>すべての種類</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="409" />
            <source>Who</source>
            <translation>対応者</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="407" />
            <source>Everyone</source>
            <translation>全員</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="411" />
            <source>Retract selected…</source>
            <translation>選択した記録を取り消す…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="429" />
            <source>Show all</source>
            <translation>絞り込みを解除</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="440" />
            <source>Quick note: what you saw or did (Ctrl+Enter to save)</source>
            <translation>メモ: 見たこと・したこと (Ctrl+Enter で保存)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="448" />
            <source>Save note</source>
            <translation>メモを保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="451" />
            <source>Record a lesson… (Ctrl+L)</source>
            <translation>教訓を記録… (Ctrl+L)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="455" />
            <source>For the after-action report: a lesson, what went well or not, or an improvement item. The text typed here goes into the form.</source>
            <translation>事後検証報告書のために、教訓・良かった点・課題・改善項目を記録します。この欄に書いた文がそのまま入ります。</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="466" />
            <source>Draft, not recorded yet: the quick note</source>
            <translation>未記録の下書き: このメモはまだ記録されていません</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="496" />
            <source>Why this entry is wrong (required)</source>
            <translation>この記録が誤っている理由（必須）</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="499" />
            <source>Retract</source>
            <translation>取り消す</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="502" />
            <source>Cancel</source>
            <translation>やめる</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="625" />
            <source>Filtered: showing {shown} of {total} entries</source>
            <translation>絞り込み中: {total}件中 {shown}件を表示</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="647" />
            <source>Back to the step</source>
            <translation>手順に戻る</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="647" />
            <source>Full view</source>
            <translation>拡大</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="649" />
            <source>Back to the step (Ctrl+G)</source>
            <translation>手順に戻る (Ctrl+G)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="649" />
            <source>Full view (Ctrl+T)</source>
            <translation>拡大 (Ctrl+T)</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="672" />
            <source>Record as a lesson…</source>
            <translation>教訓として記録…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="675" />
            <source>Retract…</source>
            <translation>取り消す…</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="692" />
            <source>Select the entry to retract in the timeline.</source>
            <translation>取り消す記録を経過記録で選んでください。</translation>
        </message>
        <message>
            <location filename="../../app/ui/timeline.py" line="694" />
            <source>Retract #{seq}:</source>
            <translation>#{seq} を取り消す:</translation>
        </message>
    </context>
    <context>
        <name>_Form</name>
        <message>
            <location filename="../../app/ui/record_dialogs.py" line="80" />
            <source>Cancel</source>
            <translation>やめる</translation>
        </message>
    </context>
</TS>
