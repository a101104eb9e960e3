// This conversation's own system prompt. Empty means the default from the settings is used.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ModalDialog {
    id: dialog
    title: qsTr("System prompt for this conversation")
    anchors.centerIn: Overlay.overlay
    width: Math.min(640, Overlay.overlay ? Overlay.overlay.width - 48 : 640)
    onAboutToShow: area.text = ChatController.conversationSystemPrompt
    onOpened: area.forceActiveFocus()
    onAccepted: ChatController.conversationSystemPrompt = area.text

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Instructions Phi-4 reads before this conversation. Leave empty to use the default from the settings.")
            opacity: 0.75
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 180
            AppTextArea {
                id: area
                objectName: "conversationSystemPrompt"
                wrapMode: TextArea.Wrap
                selectByMouse: true
                placeholderText: ChatController.settings.defaultSystemPrompt.length > 0
                                 ? ChatController.settings.defaultSystemPrompt : qsTr("No system prompt")
                Accessible.name: qsTr("System prompt for this conversation")
                // Tab moves on (the keyboard must be able to leave the box); a tab character is rarely wanted here.
                Keys.onTabPressed: (event) => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                Keys.onBacktabPressed: (event) => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Save")
            highlighted: true
            Material.accent: window.accentButtonColor
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
