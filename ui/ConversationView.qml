// The open conversation: its title, the messages of the shown branch (or example prompts while it
// is empty), the composer and the status line.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Pane {
    id: view
    padding: 0
    signal linkActivated(string link)
    signal settingsRequested()

    readonly property bool composerHasFocus: composer.inputHasFocus

    function focusComposer() { composer.focusInput() }
    // For the screenshot script: send as soon as the model is ready.
    function sendWhenReady(text) {
        composer.text = text
        pendingSend.restart()
    }
    // Up in an empty composer: edit the last message the user wrote.
    function editLastUserMessage() {
        messageList.positionViewAtEnd()
        for (let i = messageList.count - 1; i >= 0; --i) {
            const item = messageList.itemAtIndex(i)
            if (item && item.isUser) {
                messageList.positionViewAtIndex(i, ListView.Contain)
                item.startEdit()
                return
            }
        }
    }

    Timer {
        id: pendingSend
        interval: 250
        repeat: true
        onTriggered: {
            if (chat.canSend) {
                stop()
                composer.submit()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 8
            Layout.preferredHeight: 48
            spacing: 8
            Label {
                Layout.fillWidth: true
                text: chat.currentTitle.length > 0 ? chat.currentTitle : qsTr("New conversation")
                font.pointSize: window.font.pointSize * 1.2
                font.bold: true
                elide: Text.ElideRight
                textFormat: Text.PlainText
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Button {
                objectName: "systemPromptButton"
                flat: true
                text: chat.conversationSystemPrompt.length > 0 ? qsTr("System prompt (custom)") : qsTr("System prompt")
                Accessible.name: qsTr("Edit this conversation's system prompt")
                onClicked: systemPromptDialog.open()
            }
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Material.dividerColor
        }

        InfoBanner {
            id: omittedBanner
            objectName: "omittedBanner"
            // The count the user dismissed; a larger one (more left out) shows the notice again.
            property int dismissedCount: 0
            Layout.fillWidth: true
            message: chat.omittedMessages > dismissedCount
                     ? qsTr("The %n oldest message(s) no longer fit the context, so Phi-4 does not see them. They are still saved here.", "", chat.omittedMessages)
                     : ""
            onDismissed: dismissedCount = chat.omittedMessages
            Connections {
                target: chat
                function onCurrentConversationChanged() { omittedBanner.dismissedCount = 0 }
            }
        }

        EmptyConversation {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: chat.messages.count === 0
            onPromptChosen: (text) => {
                composer.text = text
                composer.focusInput()
            }
        }

        ListView {
            id: messageList
            objectName: "messageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: chat.messages.count > 0
            clip: true
            model: chat.messages
            spacing: 4
            cacheBuffer: 2000
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Messages")
            ScrollBar.vertical: ScrollBar {}
            header: Item { height: 12 }
            footer: Item { height: 12 }
            // Follow a streaming reply only while the user has not scrolled up to read.
            property bool followEnd: true
            onMovementEnded: followEnd = atYEnd
            onContentHeightChanged: if (followEnd && chat.busy) positionViewAtEnd()
            onCountChanged: {
                followEnd = true
                Qt.callLater(positionViewAtEnd)
            }
            delegate: MessageDelegate {
                width: ListView.view.width
                onLinkActivated: (link) => view.linkActivated(link)
            }
        }

        Composer {
            id: composer
            Layout.fillWidth: true
            onEditLastRequested: view.editLastUserMessage()
            onSettingsRequested: view.settingsRequested()
        }
        StatusLine {
            Layout.fillWidth: true
        }
    }

    Connections {
        target: chat
        function onFocusMessageRequested(row) {
            messageList.followEnd = false
            Qt.callLater(() => {
                messageList.positionViewAtIndex(row, ListView.Beginning)
                messageList.currentIndex = row
                const item = messageList.itemAtIndex(row)
                if (item)
                    item.flash()
            })
        }
    }

    SystemPromptDialog {
        id: systemPromptDialog
    }
}
