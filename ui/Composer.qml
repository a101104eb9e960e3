// Where the user writes. Enter sends, Shift+Enter adds a line, Up in an empty box edits your last
// message; while a reply is written the send button becomes a stop button (Esc). When sending is
// not possible the reason is shown in words.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Pane {
    id: composer
    property alias text: input.text
    readonly property bool inputHasFocus: input.activeFocus
    readonly property bool modelReady: ModelController.state === "ready"
    signal editLastRequested()
    signal settingsRequested()

    function focusInput() { input.forceActiveFocus() }
    function submit() {
        if (input.text.trim().length === 0 || !ChatController.canSend)
            return
        if (ChatController.send(input.text))
            input.text = ""
    }

    padding: 12
    topPadding: 8
    bottomPadding: 8

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            Layout.maximumWidth: 860
            Layout.alignment: Qt.AlignHCenter
            spacing: 8

            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(Math.max(input.implicitHeight, 48), 200)
                AppTextArea {
                    id: input
                    objectName: "composerInput"
                    enabled: composer.modelReady
                    wrapMode: TextArea.Wrap
                    selectByMouse: true
                    placeholderText: composer.modelReady
                                     ? qsTr("Message Phi-4 (Enter to send, Shift+Enter for a new line)")
                                     : ChatController.cannotSendReason
                    Accessible.name: qsTr("Message to send")
                    Accessible.description: composer.modelReady ? "" : ChatController.cannotSendReason
                    // Tab leaves the box, so the window stays usable without a mouse.
                    Keys.onTabPressed: (event) => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                    Keys.onBacktabPressed: (event) => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
                    Keys.onPressed: (event) => {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                && !(event.modifiers & Qt.ShiftModifier)) {
                            composer.submit()
                            event.accepted = true
                        } else if (event.key === Qt.Key_Up && input.length === 0) {
                            composer.editLastRequested()
                            event.accepted = true
                        }
                    }
                }
            }

            Button {
                id: sendButton
                objectName: "sendButton"
                visible: !ChatController.busy
                text: qsTr("Send")
                highlighted: true
                Material.accent: window.accentButtonColor
                enabled: ChatController.canSend && input.text.trim().length > 0
                Accessible.name: qsTr("Send message (Enter)")
                onClicked: composer.submit()
            }
            Button {
                id: stopButton
                objectName: "stopButton"
                visible: ChatController.busy
                text: qsTr("Stop")
                Material.background: Material.color(Material.Red, Material.Shade400)
                Material.foreground: "white"
                Accessible.name: qsTr("Stop the reply (Esc)")
                onClicked: ChatController.stop()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.maximumWidth: 860
            Layout.alignment: Qt.AlignHCenter
            visible: !ChatController.canSend && !ChatController.busy && ChatController.cannotSendReason.length > 0
            Label {
                objectName: "cannotSendReason"
                Layout.fillWidth: true
                text: ChatController.cannotSendReason
                wrapMode: Text.Wrap
                opacity: 0.75
            }
            Button {
                visible: !composer.modelReady
                flat: true
                text: qsTr("Model settings…")
                Accessible.name: qsTr("Open the model settings")
                onClicked: composer.settingsRequested()
            }
        }
    }
}
