<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../../app/settings/app_settings.cpp" line="+47"/>
        <source>You are a helpful assistant.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppearanceSettingsPage</name>
    <message>
        <location filename="../AppearanceSettingsPage.qml" line="+38"/>
        <location line="+9"/>
        <source>Theme</source>
        <translation></translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+6"/>
        <source>Follow the system</source>
        <translation></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Light</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Font size</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Font size in points</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>points</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+10"/>
        <source>Language</source>
        <translation></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The language of Veloce itself. Phi-4 answers in the language you write in.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/chat/chat_controller.cpp" line="+97"/>
        <source>Wait for the reply to finish, or stop it.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../app/chat/chat_controller_conversations.cpp" line="+80"/>
        <source>This conversation no longer exists.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../app/chat/chat_controller_flow.cpp" line="+292"/>
        <source>The reply stopped because of an error: %1 The text so far is kept.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The reply could not be saved: %1 Only its first %2 characters are stored; the whole reply stays on screen and saving it is tried again before the next message. Copy or export it to be safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversation_title.cpp" line="+14"/>
        <source>New conversation</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation type="vanished">
            <numerusform>Exported %n conversation to %1.</numerusform>
            <numerusform>Exported %n conversations to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new conversation(s) and %1 new message(s); %2 already present.</source>
        <translation type="vanished">
            <numerusform>Imported %n new conversation and %1 new message(s); %2 already present.</numerusform>
            <numerusform>Imported %n new conversations and %1 new message(s); %2 already present.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../CodeBlock.qml" line="+34"/>
        <source>code</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copied</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Copy code</source>
        <translation></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Code</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../Composer.qml" line="+50"/>
        <source>Message Phi-4 (Enter to send, Shift+Enter for a new line)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to send</source>
        <translation></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Send</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send message (Enter)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the reply (Esc)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Model settings…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the model settings</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <location filename="../ConversationDelegate.qml" line="+23"/>
        <source>%1, pinned</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Enter to open, F2 to rename, Delete to delete, Menu for more actions</source>
        <translation></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Actions for “%1”</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Rename…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unpin</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete (can be undone)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../app/models/conversation_list_model.cpp" line="+20"/>
        <source>Pinned</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous 7 days</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <location filename="../../app/storage/conversation_store.cpp" line="+157"/>
        <source>The conversation database %1 is damaged (%2). It was moved to %3, where it is kept untouched, and a new, empty database was started.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Your conversations were upgraded to a new storage format. A copy of the previous file was kept at %1.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../ConversationView.qml" line="+43"/>
        <source>New conversation</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>System prompt (custom)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>System prompt</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit this conversation&apos;s system prompt</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>The %n oldest message(s) no longer fit the context, so Phi-4 does not see them. They are still saved here.</source>
        <translation>
            <numerusform>The oldest message no longer fits the context, so Phi-4 does not see it. It is still saved here.</numerusform>
            <numerusform>The %n oldest messages no longer fit the context, so Phi-4 does not see them. They are still saved here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest message(s) no longer fit the context and were left out of the last prompt. They are still saved here.</source>
        <translation type="vanished">
            <numerusform>The oldest message no longer fits the context and was left out of the last prompt. It is still saved here.</numerusform>
            <numerusform>The %n oldest messages no longer fit the context and were left out of the last prompt. They are still saved here.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Messages</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DatabaseHealth</name>
    <message>
        <location filename="../../app/chat/database_health.cpp" line="+51"/>
        <source>The conversation database is damaged (%1). Veloce will move it aside (it is kept, not deleted) and start a new one at the next start. Export your conversations now (Ctrl+E, all conversations).</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <location filename="../../app/settings/device_list.cpp" line="+24"/>
        <source>Automatic</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The fastest GPU found</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU (reference, very slow)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain fp32 computation for diagnosis</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No Vulkan device</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <location filename="../../app/chat/download_controller.cpp" line="+28"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 (uses system memory: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Fits in this computer&apos;s memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fits this GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partly in system memory (%1 of it): slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too large for this device at %1 tokens of context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No model named %1 in the catalogue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1, SHA-256 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paused at %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 kept for a resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyConversation</name>
    <message>
        <location filename="../EmptyConversation.qml" line="+14"/>
        <source>A race of five snails</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Five snails run a race. Ties are possible: any number of snails may cross the finish line together. In how many different ways can the race end? Reason step by step, then give the number.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Explain a concept</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain the difference between a process and a thread, with a short C++ example of each.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write with care</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a friendly, short email to a colleague asking to move tomorrow&apos;s meeting to Thursday afternoon.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check my reasoning</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bat and a ball cost 1.10 in total. The bat costs 1.00 more than the ball. How much does the ball cost? Show the algebra.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What shall we work on?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Phi-4 runs on this computer: nothing you write leaves it. Pick an example or write your own message below.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Example: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../app/export/html_exporter.cpp" line="+63"/>
        <location filename="../../app/export/markdown_exporter.cpp" line="+14"/>
        <location filename="../../app/export/text_exporter.cpp" line="+16"/>
        <source>System prompt</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../../app/chat/export_controller.cpp" line="+33"/>
        <source>An export or import is already running.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Unknown export format &quot;%1&quot;.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose where to export to.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <location line="+2"/>
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Exported %n conversation to %1.</numerusform>
            <numerusform>Exported %n conversations to %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Imported: %1 and %2; %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n new conversation(s)</source>
        <translation>
            <numerusform>%n new conversation</numerusform>
            <numerusform>%n new conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n new message</numerusform>
            <numerusform>%n new messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n already present</source>
        <translation>
            <numerusform>%n already present</numerusform>
            <numerusform>%n already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new conversation(s) and %1 new message(s); %2 already present.</source>
        <translation type="vanished">
            <numerusform>Imported %n new conversation and %1 new message(s); %2 already present.</numerusform>
            <numerusform>Imported %n new conversations and %1 new message(s); %2 already present.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../ExportDialog.qml" line="+67"/>
        <source>Export conversations</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export into folder</source>
        <translation></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>This conversation</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selected conversations (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Conversations to export</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All conversations (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Format</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Markdown (.md)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON, every branch, can be imported (.json)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (.html)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain text (.txt)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (.pdf)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export format</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder to export into</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder to export into</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export progress</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exported %1 of %2…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Close</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>GenerationSettingsPage</name>
    <message>
        <location filename="../GenerationSettingsPage.qml" line="+20"/>
        <source>Temperature</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Higher is more varied, lower more focused; 0 always picks the most likely word.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+7"/>
        <source>Top-k</source>
        <translation></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Choose among the k most likely tokens; 0 turns it off.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Top-p</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose among the most likely tokens that together reach this probability; 1 turns it off.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Min-p</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out tokens less likely than this fraction of the most likely one; 0 turns it off.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repetition penalty</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Above 1 makes repeating recent tokens less likely; 1 turns it off.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <source>Seed</source>
        <translation></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The same seed and settings give the same reply; “random” gives a new one every time.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+1"/>
        <source>random</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Longest reply</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A reply that reaches this many tokens is cut off there and marked as cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Longest reply in tokens</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tokens</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Default system prompt</source>
        <translation></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Instructions for every new conversation (each conversation can have its own)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>GenerationWorker</name>
    <message>
        <location filename="../../app/chat/generation_worker.cpp" line="+159"/>
        <source>No model is loaded.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+217"/>
        <source>The GPU failed and the model was unloaded: %1 Load the model again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ImportDialog.qml" line="+10"/>
        <source>Import conversations</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Veloce JSON export (*.json)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>InfoBanner</name>
    <message>
        <location filename="../InfoBanner.qml" line="+38"/>
        <source>Dismiss notice</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../LinkDialog.qml" line="+18"/>
        <source>Open this link?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This link cannot be opened</source>
        <translation></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The reply links to the address below. Check it before opening it in your browser:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Veloce only opens web addresses (http and https). This link was not opened:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Link address</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open in browser</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LoadReport</name>
    <message>
        <location filename="../../app/chat/load_report.cpp" line="+15"/>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Graphics card: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model weights: %1 on the GPU, %2 in system memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model weights: %1 on the GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversation memory (KV cache, 8-bit): %1 for %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversation memory (KV cache): %1 for %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working memory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total on the GPU: %1 of %2 available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of the model did not fit in GPU memory and is read from system memory, so replies will be slower. A shorter context or a smaller quantization would keep it all on the GPU.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="+17"/>
        <source>%1 — Veloce</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Veloce</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MathBlock</name>
    <message>
        <location filename="../MathBlock.qml" line="+78"/>
        <source>Copy LaTeX</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <location filename="../MessageActions.qml" line="+37"/>
        <source>Previous version</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1 of %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next version</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy message</source>
        <translation></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit message</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regenerate reply</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the reply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../MessageDelegate.qml" line="+31"/>
        <location line="+38"/>
        <source>You</source>
        <translation></translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+38"/>
        <source>Phi-4</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>stopped</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>generation failed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Reading the conversation… %1 of %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the conversation…</source>
        <translation></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Writing…</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <location filename="../MessageEditor.qml" line="+27"/>
        <location line="+1"/>
        <source>Edit your message</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save and send</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the edited message and get a new reply</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel editing</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MessageFooter</name>
    <message>
        <location filename="../MessageFooter.qml" line="+19"/>
        <source>writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut at the length limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s to first token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelCatalogue</name>
    <message>
        <location filename="../ModelCatalogue.qml" line="+30"/>
        <source>Memory needs and verdicts are for %1 at %2 tokens of context. The files come from Hugging Face (bartowski/phi-4-GGUF); each is checked against the SHA-256 Hugging Face publishes before it is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Downloaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+65"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Resume the download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the partly downloaded file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 · %2 · recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Needs %1 at 4K tokens, %2 at 16K. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <location filename="../../app/chat/model_controller.cpp" line="+40"/>
        <source>Choose a model file to start chatting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model is still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model could not be loaded; choose another file in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The model file %1 was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Loading the model was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDownload</name>
    <message>
        <location filename="../../app/download/model_download.cpp" line="+49"/>
        <source>Not a web address to download from: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address %1 does not end in a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The SHA-256 given is not 64 hexadecimal digits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already exists; choose it as the model, or delete it to download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The server resumed %1 at the wrong place; run the download again to start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Not enough disk space in %1: the download needs %2 more, and %3 is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Writing %1 failed: %2. The download can resume once there is room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Too many redirects from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server answered %1 %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Paused at %1 of %2; run the download again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The download stalled: nothing arrived from %1 for %2 s. Run it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The download from %1 failed: %2. Run it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The connection closed after %1 of %2. Run the download again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The downloaded file&apos;s SHA-256 is %1, not the published %2: it was damaged on the way and has been deleted. Download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Writing %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot move %1 into place as %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSettingsPage</name>
    <message>
        <location filename="../ModelSettingsPage.qml" line="+43"/>
        <source>Choose a Phi-4 GGUF file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GGUF models (*.gguf)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+8"/>
        <source>Model file</source>
        <translation></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Set by --model or VELOCE_MODEL for this run.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No model chosen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a model file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This model is loaded as soon as the reply being written is finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+9"/>
        <source>Device</source>
        <translation></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>“Automatic” picks the fastest Vulkan device. The CPU reference is very slow and meant for checking results.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Context size</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many tokens of the conversation the model can see at once. More needs more memory.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Context size in tokens</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tokens</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conversation memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the model keeps what it has read (its KV cache). 8-bit needs about half the memory of 16-bit, so a longer context fits, and its answers differ very slightly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>16-bit (f16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8-bit (q8_0), about half the memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conversation memory precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Loaded: %1 (%2) on %3, context %4 tokens.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not loaded: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model loaded.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Load the model with these settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Model loading progress</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Download Phi-4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../app/models/markdown_renderer.cpp" line="+44"/>
        <source>[image not loaded: %1]</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../app/models/offline_network.cpp" line="+20"/>
        <source>Veloce does not load anything from the network: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../RenameDialog.qml" line="+18"/>
        <source>Rename conversation</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New title</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rename</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <location filename="../SearchResultDelegate.qml" line="+16"/>
        <source>You</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phi-4</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System prompt</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, %2: %3</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <location filename="../../app/chat/server_controller.cpp" line="+33"/>
        <source>A chat from the API server could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Off. Other programs on this computer cannot use the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On: waiting for a model to be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serving %1 at %2 to programs on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The server could not start on port %1: %2. Choose another port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerRequestLog</name>
    <message>
        <location filename="../../app/models/server_request_log.cpp" line="+22"/>
        <source>generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>client left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+69"/>
        <source>the server stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerSettingsPage</name>
    <message>
        <location filename="../ServerSettingsPage.qml" line="+22"/>
        <source>API server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lets editors, scripts and agents on this computer use the loaded model through OpenAI&apos;s API. Other computers cannot connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serve the model to programs on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Port of the API server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep API chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chats made through the server appear in the sidebar, where you can read, search and export them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep chats made through the API server in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Example request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Requests to the API server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · %2 · %3 + %4 tokens · %5 tokens/s · %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No requests yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../SettingsDialog.qml" line="+12"/>
        <source>Settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Settings sections</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generation</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appearance</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API server settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reset to defaults</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset all settings except the model file to their defaults</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <location filename="../SetupView.qml" line="+37"/>
        <source>Choose a Phi-4 GGUF file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GGUF models (*.gguf)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Only a file on this computer can be used as the model.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading the model</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the model</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Veloce runs Microsoft&apos;s Phi-4 on this computer, from a GGUF file. Choose a file you already have, or download one below: smaller quantizations such as Q3_K_M need less memory, Q8_0 is closer to the original. Nothing else ever uses the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model file set in the settings was not found: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Drop a .gguf file here</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose model file…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a model file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The model could not be loaded: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Model loading progress</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Memory plan</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Device: %1. Context: %2 tokens. Both can be changed in the settings.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Download Phi-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-195"/>
        <source>automatic</source>
        <translation></translation>
    </message>
    <message>
        <location line="+186"/>
        <source>Settings…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open settings (Ctrl+,)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ShortcutMenuItem</name>
    <message>
        <location filename="../ShortcutMenuItem.qml" line="+11"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../Sidebar.qml" line="+40"/>
        <source>New conversation</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New conversation (Ctrl+N)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Main menu</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import conversations…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Search conversations (Ctrl+F)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search conversations</source>
        <translation></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Conversations</source>
        <translation></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No conversations yet.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Search results</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../StatusLine.qml" line="+20"/>
        <source>Loading %1…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>model</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model loaded</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Context %1 / %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last reply: %1 ms to first token, %2 tokens/s</source>
        <translation></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Model loading progress</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <location filename="../SystemPromptDialog.qml" line="+10"/>
        <location line="+27"/>
        <source>System prompt for this conversation</source>
        <translation></translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Instructions Phi-4 reads before this conversation. Leave empty to use the default from the settings.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No system prompt</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>UndoDeleteBar</name>
    <message>
        <location filename="../UndoDeleteBar.qml" line="+24"/>
        <source>Deleted “%1”</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undo</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo delete (Ctrl+Z)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>veloce::exporting</name>
    <message>
        <location filename="../../app/export/metadata.cpp" line="+18"/>
        <source>(not recorded)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>random</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>temperature %1, top-k %2, top-p %3, min-p %4, repetition penalty %5, seed %6, max reply %7 tokens</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Created</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assistant</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>stopped by the user</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generation failed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>incomplete</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cut at the length limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cut when the context was full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>version %1 of %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../app/export/html_exporter.cpp" line="-27"/>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first token after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
