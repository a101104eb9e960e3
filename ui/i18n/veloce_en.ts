<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChatController</name>
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
    <name>ConversationView</name>
    <message numerus="yes">
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
</context>
<context>
    <name>ExportController</name>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Exported %n conversation to %1.</numerusform>
            <numerusform>Exported %n conversations to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new conversation(s)</source>
        <translation>
            <numerusform>%n new conversation</numerusform>
            <numerusform>%n new conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n new message</numerusform>
            <numerusform>%n new messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
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
    <name>Sidebar</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
</TS>
