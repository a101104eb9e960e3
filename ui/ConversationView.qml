// The open conversation: its title, the messages of the shown branch (or example prompts while it
// is empty), the composer and the status line.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Pane {
    id: view
    padding: 0
    signal linkActivated(string link)
    signal settingsRequested()

    readonly property bool composerHasFocus: composer.inputHasFocus

    function focusComposer() { composer.focusInput() }
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
                text: ChatController.currentTitle.length > 0 ? ChatController.currentTitle : qsTr("New conversation")
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
                text: ChatController.conversationSystemPrompt.length > 0 ? qsTr("System prompt (custom)") : qsTr("System prompt")
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
            message: ChatController.omittedMessages > dismissedCount
                     ? qsTr("The %n oldest message(s) no longer fit the context, so Phi-4 does not see them. They are still saved here.", "", ChatController.omittedMessages)
                     : ""
            onDismissed: dismissedCount = ChatController.omittedMessages
            Connections {
                target: ChatController
                function onCurrentConversationChanged() { omittedBanner.dismissedCount = 0 }
            }
        }

        EmptyConversation {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: ChatController.messages.count === 0
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
            visible: ChatController.messages.count > 0
            clip: true
            model: ChatController.messages
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
            // Just opened: delegates are still growing from the list's height estimates to their
            // real heights, so the end moves; stay pinned to it until they settle or the user scrolls.
            property bool settling: false
            // Where the reader was before the model was reset (a version switch reloads the
            // branch): the row at the top of the view and its offset from the top.
            property int anchorRow: -1
            property real anchorOffset: 0
            // ... or whether it was at the end, where it then stays while the new branch settles.
            property bool anchorAtEnd: false
            function goToEnd() {
                followEnd = true
                settling = true
                settleTimer.restart()
                positionViewAtEnd()
            }
            function rememberAnchor() {
                anchorAtEnd = atYEnd
                anchorRow = indexAt(width / 2, contentY + 1)
                const item = anchorRow >= 0 ? itemAtIndex(anchorRow) : null
                anchorOffset = item ? item.y - contentY : 0
            }
            function restoreAnchor() {
                if (anchorRow < 0 || anchorRow >= count)
                    return
                if (anchorAtEnd) {
                    anchorRow = -1
                    goToEnd()
                    return
                }
                positionViewAtIndex(anchorRow, ListView.Beginning)
                const item = itemAtIndex(anchorRow)
                // Not clamped to the content: right after the reset most heights are estimates.
                if (item)
                    contentY = item.y - anchorOffset
                anchorRow = -1
            }
            Timer {
                id: settleTimer
                interval: 1000
                onTriggered: messageList.settling = false
            }
            onMovementStarted: settling = false
            onMovementEnded: followEnd = atYEnd
            onContentHeightChanged: if (settling || (followEnd && ChatController.busy)) positionViewAtEnd()
            Connections {
                target: ChatController.messages
                // A new message (sent, or a reply starting): show it.
                function onRowsInserted() {
                    messageList.highlightedMessageId = -1
                    messageList.followEnd = true
                    Qt.callLater(messageList.positionViewAtEnd)
                }
                function onModelAboutToBeReset() { messageList.rememberAnchor() }
                function onModelReset() { Qt.callLater(messageList.restoreAnchor) }
            }
            delegate: MessageDelegate {
                id: delegate
                width: ListView.view.width
                onLinkActivated: (link) => view.linkActivated(link)
                onMenuRequested: (edit, position) => messageMenu.openFor(edit, delegate.model.content, delegate, position)
            }
            // The message a search result opened (its id): marked until the next click here.
            property var highlightedMessageId: -1
            TapHandler {
                // Passive: a click still selects text and presses buttons.
                gesturePolicy: TapHandler.DragThreshold
                acceptedButtons: Qt.LeftButton | Qt.RightButton
                onPressedChanged: if (pressed) messageList.highlightedMessageId = -1
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
        target: ChatController
        // Another conversation (the model was reset just before): open it at its latest message.
        function onCurrentConversationChanged() {
            messageList.highlightedMessageId = -1
            messageList.anchorRow = -1
            messageList.goToEnd()
        }
        function onFocusMessageRequested(row) {
            messageList.settling = false
            messageList.followEnd = false
            Qt.callLater(() => {
                messageList.positionViewAtIndex(row, ListView.Beginning)
                messageList.currentIndex = row
                const item = messageList.itemAtIndex(row)
                if (item) {
                    messageList.highlightedMessageId = item.model.id
                    item.flash()
                }
            })
        }
    }

    SystemPromptDialog {
        id: systemPromptDialog
    }
    MessageMenu {
        id: messageMenu
    }
}
